"""Records in and out of exchange packages (SPEC §8, §12): encoded without local keys, merged by owner and version.

Encoding: every column but the local `id`; a reference to another table is written as that row's
natural key when it is a shared identity (a person by ID number, an account by bank and number, a
household by its key, a program or an org by code) and as its uid otherwise. Values are canonical
(domain.canonical): fen as integers, exact decimals as text, ISO dates, UTC times.

Merging, in dependency order, one kind at a time, set-based in chunks:
- identities are matched by natural key; the attributes of the highest (version, owner, content
  hash) win, whichever office's row it was, and the local uid stays;
- every other record is matched by uid; only its owner's versions are taken, the highest wins
  (equal versions: the higher content hash, reported as a conflict); voids are versions like any other.
The result does not depend on the order or the number of times packages are merged.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Column, Connection, Date, Table, insert, select, tuple_, update

from yikatong_desktop.domain.canonical import canonical_json, content_hash
from yikatong_desktop.domain.privacy import mask_text
from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.database import bulk_insert, iter_chunks
from yikatong_desktop.storage.types import ExactDecimal, UtcDateTime

#: Shared identities and the columns that name them (references to them are written with these).
IDENTITY_KEYS: Mapping[str, tuple[str, ...]] = {
    "org_units": ("code",), "programs": ("code",), "program_standards": ("program_id", "year", "tier"),
    "households": ("hh_key",), "persons": ("id_number",), "bank_accounts": ("bank", "number"),
}
#: Kinds never exchanged: findings are the receiver's own checks' results.
NOT_EXCHANGED = frozenset({"findings"})
KINDS: tuple[str, ...] = tuple(k for k in t.RECORD_TABLES if k not in NOT_EXCHANGED)
_META = ("uid", "owner_org", "version", "voided", "updated_at")
_CHUNK = 500
_BY_TABLE = {table.name: kind for kind, table in t.RECORD_TABLES.items()}


@dataclass
class KindResult:
    """What merging one kind did (or, in a dry run, would do)."""

    added: int = 0
    changed: int = 0
    unchanged: int = 0
    older: int = 0
    refused: int = 0
    conflicts: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"added": self.added, "changed": self.changed, "unchanged": self.unchanged, "older": self.older,
                "refused": self.refused, "conflicts": self.conflicts[:20], "conflict_count": len(self.conflicts)}


def _references(table: Table) -> list[tuple[Column[Any], str, Table]]:
    """(column, name written in the package, referenced table) for each foreign key of `table`."""
    out = []
    for column in table.columns:
        if column.foreign_keys:
            target = next(iter(column.foreign_keys)).column.table
            out.append((column, column.name.removesuffix("_id"), target))
    return out


def _ref_columns(target: Table) -> tuple[str, ...]:
    """How a row of `target` is named in a package: its natural key if it is an identity, else its uid."""
    key = IDENTITY_KEYS.get(_BY_TABLE.get(target.name, ""), ("uid",))
    assert not any(c.endswith("_id") for c in key), "nothing refers to a row whose key is itself a reference"
    return key


def rows(conn: Connection, kind: str, *where: Any) -> Iterator[dict[str, Any]]:
    """Records of a kind as written in a package (voids included), in local id order."""
    table = t.RECORD_TABLES[kind]
    refs = _references(table)
    stmt = select(table)
    source: Any = table
    labels: list[tuple[str, list[str]]] = []
    for column, name, target in refs:
        alias = target.alias(f"ref_{column.name}")
        source = source.outerjoin(alias, alias.c.id == column)
        cols = []
        for key in _ref_columns(target):
            label = f"{column.name}__{key}"
            stmt = stmt.add_columns(alias.c[key].label(label))
            cols.append(label)
        labels.append((name, cols))
    skip = {"id", *(c.name for c, _n, _t in refs)}
    for row in conn.execute(stmt.select_from(source).where(*where).order_by(table.c.id)).mappings():
        out = {c.name: row[c] for c in table.columns if c.name not in skip}
        for name, cols in labels:
            values = [row[c] for c in cols]
            out[name] = None if all(v is None for v in values) else values[0] if len(values) == 1 else values
        yield plain(out)


def plain(value: Mapping[str, Any]) -> dict[str, Any]:
    """A row as canonical plain data (what the payload carries)."""
    return dict(json.loads(canonical_json(value)))


# --- merging --------------------------------------------------------------------------------------------------

class Resolver:
    """Local ids of the rows packages refer to, looked up once per key and remembered once found."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._found: dict[tuple[str, Any], int] = {}

    def local_id(self, target: Table, key: Any) -> int | None:
        if key is None:
            return None
        hashable = tuple(key) if isinstance(key, list) else key
        found = self._found.get((target.name, hashable))
        if found is not None:
            return found
        values = list(key) if isinstance(key, list) else [key]
        cond = [target.c[c] == v for c, v in zip(_ref_columns(target), values, strict=True)]
        row = self.conn.execute(select(target.c.id).where(*cond)).first()
        if row is None:
            return None
        self._found[(target.name, hashable)] = int(row[0])
        return int(row[0])


def _decode(table: Table, item: Mapping[str, Any]) -> dict[str, Any]:
    """Payload values back to what the columns take."""
    out: dict[str, Any] = {}
    for name, value in item.items():
        column_type = table.c[name].type if name in table.c else None
        if value is None or column_type is None:
            out[name] = value
        elif isinstance(column_type, UtcDateTime):
            out[name] = datetime.strptime(value, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        elif isinstance(column_type, ExactDecimal):
            out[name] = Decimal(value)
        elif isinstance(column_type, Date):
            out[name] = date.fromisoformat(value)
        else:
            out[name] = value
    return out


def _content(item: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k not in ("uid", "owner_org", "version", "updated_at", "__id")}


def _rank(item: Mapping[str, Any]) -> tuple[int, str, str]:
    return int(item["version"]), str(item["owner_org"]), content_hash(_content(item))


def merge_kind(conn: Connection, resolver: Resolver, kind: str, items: Sequence[Mapping[str, Any]], *,
               sender: str, now: datetime) -> KindResult:
    """Merge the package rows of one kind from `sender` (whose own records they must be, identities aside)."""
    table = t.RECORD_TABLES[kind]
    result = KindResult()
    refs = _references(table)
    identity = IDENTITY_KEYS.get(kind)
    for chunk in iter_chunks(list(items), _CHUNK):
        local_rows = _existing(conn, resolver, table, kind, chunk)
        inserts: list[dict[str, Any]] = []
        for item in chunk:
            if identity is None and item["owner_org"] != sender:
                result.refused += 1
                result.conflicts.append(f"{item['uid']}：不是发送单位 {sender} 的记录")
                continue
            values = _decode(table, {k: v for k, v in item.items() if k not in {n for _c, n, _t in refs}})
            unresolved = False
            for column, name, target in refs:
                values[column.name] = resolver.local_id(target, item.get(name))
                unresolved |= item.get(name) is not None and values[column.name] is None
            if unresolved:
                result.refused += 1
                result.conflicts.append(f"{item['uid']}：引用的记录不存在")
                continue
            key = _natural(identity, item) if identity else item["uid"]
            old = local_rows.get(key)
            if old is None:
                result.added += 1
                inserts.append({c.name: values.get(c.name) for c in table.columns if c.name != "id"})
                local_rows[key] = {**item, "__id": None}
                continue
            if identity is None and old["owner_org"] != item["owner_org"]:
                result.refused += 1
                result.conflicts.append(f"{item['uid']}：本地记录属于 {old['owner_org']}，"
                                        f"不接受 {item['owner_org']} 的版本")
                continue
            same = _content(old) == _content(item)
            if identity is None and int(old["version"]) == int(item["version"]) and not same:
                result.conflicts.append(f"{mask_text(str(key))}：同一版本（{item['version']}）内容不同，按内容摘要取其一")
            elif identity is not None and not same:
                fields = sorted(k for k in _content(item) if _content(item).get(k) != _content(old).get(k))
                kept = "对方" if _rank(item) > _rank(old) else "本单位"
                result.conflicts.append(f"{mask_text(str(key))}：两处的{'、'.join(fields)}不同，取版本较新的{kept}记录")
            if _rank(item) <= _rank(old):
                result.unchanged += same
                result.older += not same
                continue
            result.changed += not same
            result.unchanged += same
            if old["__id"] is None:  # inserted from this very chunk: replace the pending insert
                inserts = [v for v in inserts if _key_of(identity, v, table, resolver) != key]
                inserts.append({c.name: values.get(c.name) for c in table.columns if c.name != "id"})
            else:
                _replace(conn, table, kind, int(old["__id"]), old, values, keep_uid=identity is not None, now=now)
            local_rows[key] = {**item, "__id": old["__id"]}
        bulk_insert(conn, table, inserts)
    return result


def _key_of(identity: tuple[str, ...] | None, values: Mapping[str, Any], table: Table, resolver: Resolver) -> Any:
    """The key of a pending insert (column values), as `_natural` gives it for package rows."""
    if identity is None:
        return values["uid"]
    if identity == ("program_id", "year", "tier"):
        code = resolver.conn.execute(select(t.programs.c.code).where(t.programs.c.id == values["program_id"])).scalar()
        return (code, values["year"], values["tier"])
    return values[identity[0]] if len(identity) == 1 else tuple(values[c] for c in identity)


def natural_key(kind: str, item: Mapping[str, Any]) -> Any:
    """An identity's natural key as package rows give it."""
    return _natural(IDENTITY_KEYS[kind], item)


def _natural(identity: tuple[str, ...], item: Mapping[str, Any]) -> Any:
    values = [item[c.removesuffix("_id")] if c.endswith("_id") else item[c] for c in identity]
    return values[0] if len(values) == 1 else tuple(values)


def _existing(conn: Connection, resolver: Resolver, table: Table, kind: str,
              chunk: Sequence[Mapping[str, Any]]) -> dict[Any, dict[str, Any]]:
    """The local rows the chunk's items are about, encoded as in packages, by uid or natural key."""
    identity = IDENTITY_KEYS.get(kind)
    if identity is None:
        where = table.c.uid.in_([i["uid"] for i in chunk])
    elif identity == ("program_id", "year", "tier"):
        pids = {resolver.local_id(t.programs, i["program"]) for i in chunk}
        where = table.c.program_id.in_([p for p in pids if p is not None])
    elif len(identity) == 1:
        where = table.c[identity[0]].in_([i[identity[0]] for i in chunk])
    else:
        where = tuple_(*(table.c[c] for c in identity)).in_([tuple(i[c] for c in identity) for i in chunk])
    ids = {str(u): int(i) for i, u in conn.execute(select(table.c.id, table.c.uid).where(where))}
    out: dict[Any, dict[str, Any]] = {}
    for row in rows(conn, kind, where):
        row["__id"] = ids.get(row["uid"])
        out[_natural(identity, row) if identity else row["uid"]] = row
    return out


def _replace(conn: Connection, table: Table, kind: str, local_id: int, old: Mapping[str, Any],
             values: Mapping[str, Any], *, keep_uid: bool, now: datetime) -> None:
    """Overwrite a local row with a newer version, the old one kept in history."""
    history = {k: v for k, v in old.items() if k != "__id"}
    conn.execute(insert(t.record_history).values(
        kind=kind, uid=str(old["uid"]), version=int(old["version"]), owner_org=str(old["owner_org"]),
        voided=bool(old["voided"]), content=canonical_json(history).decode("utf-8"), superseded_at=now))
    changes = {k: v for k, v in values.items() if k != "id" and (k != "uid" or not keep_uid)}
    conn.execute(update(table).where(table.c.id == local_id).values(**changes))


def max_version(items: Iterable[Mapping[str, Any]]) -> int:
    """The highest version among package rows (the Lamport counter moves past it)."""
    return max((int(i["version"]) for i in items), default=0)


# --- the package log --------------------------------------------------------------------------------------------

XP = t.exchange_packages


def log_rows(conn: Connection, direction: str, peer_code: str | None = None) -> list[Any]:
    """Packages sent or received (with one peer), oldest first."""
    stmt = select(XP).where(XP.c.direction == direction)
    if peer_code is not None:
        stmt = stmt.where(XP.c.peer_code == peer_code)
    return list(conn.execute(stmt.order_by(XP.c.epoch, XP.c.sequence, XP.c.id)))


def logged(conn: Connection, direction: str, *, sha256: str | None = None, peer_code: str | None = None,
           epoch: int | None = None, sequence: int | None = None, package_id: str | None = None) -> Any:
    """The package log entry matching what is given, if any."""
    stmt = select(XP).where(XP.c.direction == direction)
    if sha256 is not None:
        stmt = stmt.where(XP.c.sha256 == sha256)
    if peer_code is not None:
        stmt = stmt.where(XP.c.peer_code == peer_code)
    if epoch is not None:
        stmt = stmt.where(XP.c.epoch == epoch)
    if sequence is not None:
        stmt = stmt.where(XP.c.sequence == sequence)
    if package_id is not None:
        stmt = stmt.where(XP.c.package_id == package_id)
    return conn.execute(stmt.order_by(XP.c.id)).first()


def log(conn: Connection, values: Mapping[str, Any]) -> None:
    """One more entry in the package log."""
    conn.execute(insert(XP).values(**values))


def owned_rows(conn: Connection, kind: str, owner: str, since: int) -> list[dict[str, Any]]:
    """An office's own records of a kind changed after Lamport version `since` (0: all), voids included."""
    table = t.RECORD_TABLES[kind]
    return list(rows(conn, kind, table.c.owner_org == owner, table.c.version > since))


def identity_rows(conn: Connection, kind: str, since: int | None, keys: Iterable[Any]) -> list[dict[str, Any]]:
    """Identities of a kind changed after `since` (None: none of those), and those named by `keys`."""
    table = t.RECORD_TABLES[kind]
    identity = IDENTITY_KEYS[kind]
    seen: dict[Any, dict[str, Any]] = {}
    if since is not None:
        for row in rows(conn, kind, table.c.version > since):
            seen[_natural(identity, row)] = row
    wanted = [k for k in set(keys) if k not in seen]
    for chunk in iter_chunks(wanted, _CHUNK):
        if len(identity) == 1:
            where = table.c[identity[0]].in_(chunk)
        elif identity == ("program_id", "year", "tier"):
            continue  # nothing refers to a standard
        else:
            where = tuple_(*(table.c[c] for c in identity)).in_(chunk)
        for row in rows(conn, kind, where):
            seen[_natural(identity, row)] = row
    return list(seen.values())


def rows_by_uid(conn: Connection, kind: str, uids: Iterable[str]) -> list[dict[str, Any]]:
    """Records of a kind by uid, as written in packages."""
    table = t.RECORD_TABLES[kind]
    out: list[dict[str, Any]] = []
    for chunk in iter_chunks(sorted(set(uids)), _CHUNK):
        out += rows(conn, kind, table.c.uid.in_(chunk))
    return out


def references(kind: str, items: Iterable[Mapping[str, Any]]) -> dict[str, set[Any]]:
    """What rows of a kind name: kind → natural keys (identities) or uids (other records)."""
    table = t.RECORD_TABLES[kind]
    out: dict[str, set[Any]] = {}
    for _column, name, target in _references(table):
        target_kind = _BY_TABLE.get(target.name)
        if target_kind is None:
            continue
        keys = out.setdefault(str(target_kind), set())
        for item in items:
            value = item.get(name)
            if value is not None:
                keys.add(tuple(value) if isinstance(value, list) else value)
    return out


def notice_rows_of(conn: Connection, notice_uids: Sequence[str]) -> dict[str, list[list[Any]]]:
    """The frozen printed rows of notices: notice uid → [[seq, payment uid, printed JSON]]."""
    n, r, p = t.notices, t.notice_rows, t.payments
    out: dict[str, list[list[Any]]] = {}
    for chunk in iter_chunks(list(notice_uids), _CHUNK):
        for uid, seq, payment, printed in conn.execute(
                select(n.c.uid, r.c.seq, p.c.uid, r.c.printed).join(r, r.c.notice_id == n.c.id)
                .join(p, p.c.id == r.c.payment_id).where(n.c.uid.in_(chunk)).order_by(n.c.uid, r.c.seq)):
            out.setdefault(str(uid), []).append([int(seq), str(payment), str(printed)])
    return out


def put_notice_rows(conn: Connection, resolver: Resolver, notice_uid: str, items: Sequence[Sequence[Any]]) -> bool:
    """Store a notice's frozen rows unless it has them already; False when a payment is unknown."""
    notice_id = resolver.local_id(t.notices, notice_uid)
    if notice_id is None:
        return False
    r = t.notice_rows
    if conn.execute(select(r.c.id).where(r.c.notice_id == notice_id).limit(1)).first() is not None:
        return True
    values = []
    for seq, payment_uid, printed in items:
        payment_id = resolver.local_id(t.payments, payment_uid)
        if payment_id is None:
            return False
        values.append({"notice_id": notice_id, "seq": int(seq), "payment_id": payment_id, "printed": printed})
    bulk_insert(conn, r, values)
    return True


def blob_hashes(kind: str, items: Iterable[Mapping[str, Any]]) -> set[str]:
    """The stored files (evidence, report PDFs) rows of a kind point at by SHA-256."""
    column = {"evidence_files": "sha256", "reports": "pdf_sha256"}.get(kind)
    return {str(i[column]) for i in items if column and i.get(column)}


def problems_of(conn: Connection, owner: str) -> list[str]:
    """The uids of the problems an office registered."""
    pb = t.problems
    return [str(u) for (u,) in conn.execute(select(pb.c.uid).where(pb.c.owner_org == owner))]
