"""Repositories: every write to shared records goes through here (SPEC §12).

New records get the transaction's Lamport version; a change keeps the old
version in record_history and is refused when someone else changed the
record first (the version is the optimistic lock).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import nullcontext
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, Table, func, insert, or_, select, update

from yikatong_desktop.domain.canonical import canonical_json
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.database import (
    bulk_insert,
    bulk_insert_rows,
    indexes_built_after,
    iter_chunks,
    reset_sequences,
)

if TYPE_CHECKING:
    from yikatong_desktop.storage.unit_of_work import UnitOfWork

_JSON_COLUMNS = {"funding_levels", "synonyms", "area", "evidence", "persons", "answers", "programs", "header",
                 "narrative", "figures"}
_BULK_CHUNK = 20_000  # rows per executemany: converted values of one chunk at a time


class StaleRecord(InputRejected):
    """Someone else changed the record since it was read."""


class Records:
    """Generic record writes plus the lookups services need."""

    def __init__(self, conn: Connection, uow: UnitOfWork) -> None:
        self._conn = conn
        self._uow = uow

    # -- generic writes -------------------------------------------------
    def add(self, kind: str, values: Mapping[str, Any], *, owner: str, uid: str) -> int:
        """Insert one record; returns its local id."""
        table = t.RECORD_TABLES[kind]
        row = self._stamp(values, owner=owner, uid=uid)
        result = self._conn.execute(insert(table).values(**row))
        pk = result.inserted_primary_key
        assert pk is not None
        return int(pk[0])

    def add_many(self, kind: str, rows: Sequence[Mapping[str, Any]], *, owner: str) -> None:
        """Bulk-insert records (each row carries its own uid) through the driver's executemany."""
        table = t.RECORD_TABLES[kind]
        version, now = self._uow.next_version(), self._uow.clock.now()  # one change: one version, one time
        needs_json = bool(_JSON_COLUMNS & set(table.c.keys()))
        stamped = []
        for r in rows:
            row = _encode(r) if needs_json else dict(r)
            row["owner_org"], row["version"], row["updated_at"] = owner, version, now
            row["voided"] = bool(r.get("voided", False))
            stamped.append(row)
        for chunk in iter_chunks(stamped, _BULK_CHUNK):
            bulk_insert(self._conn, table, chunk)

    def add_rows(self, kind: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, owner: str) -> None:
        """Bulk-insert new, live records given as tuples in `columns` order (a uid among them).

        The tuple form of `add_many` for large imports: no dict per row, inserted in chunks; a
        large load into an empty table builds its secondary indexes afterwards.
        """
        table = t.RECORD_TABLES[kind]
        # One change: one version, one time.
        stamp = {"owner_org": owner, "version": self._uow.next_version(), "updated_at": self._uow.clock.now(),
                 "voided": False}
        with indexes_built_after(self._conn, table) if len(rows) >= _BULK_CHUNK else nullcontext():
            for chunk in iter_chunks(rows, _BULK_CHUNK):
                bulk_insert_rows(self._conn, table, columns, chunk, same=stamp)

    def add_many_keyed(self, kind: str, rows: Sequence[Mapping[str, Any]], *, owner: str, key: str) -> dict[Any, int]:
        """Bulk-insert and return key → local id of the new rows, read back in one range query.

        New rows always get ids above the highest id before the insert (SQLite and PostgreSQL
        sequences alike), so no per-key lookups are needed.
        """
        return self._keyed(kind, key, bool(rows), lambda: self.add_many(kind, rows, owner=owner))

    def add_rows_keyed(self, kind: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, owner: str,
                       key: str) -> dict[Any, int]:
        """`add_rows`, returning key → local id of the new rows (as `add_many_keyed`).

        The ids are given here, the next ones after the highest: a writing unit of work holds the
        write lock (BEGIN IMMEDIATE, PostgreSQL's advisory lock), so nobody inserts meanwhile; they are
        the ids SQLite would have chosen, and PostgreSQL's sequence is moved past them. Nothing is read back.
        """
        if not rows:
            return {}
        table = t.RECORD_TABLES[kind]
        first = int(self._conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()) + 1
        self.add_rows(kind, ("id", *columns), [(first + i, *row) for i, row in enumerate(rows)], owner=owner)
        reset_sequences(self._conn, [table])  # PostgreSQL's sequence continues after them
        at = columns.index(key)
        return {row[at]: first + i for i, row in enumerate(rows)}

    def _keyed(self, kind: str, key: str, any_rows: bool, insert: Callable[[], None]) -> dict[Any, int]:
        table = t.RECORD_TABLES[kind]
        before = self._conn.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
        insert()
        if not any_rows:
            return {}
        return {k: i for k, i in self._conn.execute(select(table.c[key], table.c.id).where(table.c.id > before))}

    def change(self, kind: str, uid: str, changes: Mapping[str, Any], *, expected_version: int) -> int:
        """Change a record, keeping its old version in history; returns the new version."""
        table = t.RECORD_TABLES[kind]
        old = self._conn.execute(select(table).where(table.c.uid == uid)).first()
        if old is None:
            raise InputRejected("record.missing", kind=kind, uid=uid)
        new_version = max(self._uow.next_version(), int(old.version) + 1)
        before = self._contents(table, table.c.uid == uid)[0][2]
        done = self._conn.execute(
            update(table).where(table.c.uid == uid, table.c.version == expected_version)
            .values(**_encode(changes), version=new_version, updated_at=self._uow.clock.now())
        )
        if done.rowcount != 1:
            # Refused before anything is written: a caller that catches this and commits
            # must not leave a history entry for a version that was never superseded.
            raise StaleRecord("record.stale", kind=kind, uid=uid)
        self._conn.execute(insert(t.record_history).values(
            kind=kind, uid=uid, version=old.version, owner_org=old.owner_org, voided=old.voided,
            content=canonical_json(before).decode("utf-8"),
            superseded_at=self._uow.clock.now(),
        ))
        return new_version

    def void(self, kind: str, uid: str, *, expected_version: int) -> int:
        """Void a record: a new version that is a tombstone."""
        return self.change(kind, uid, {"voided": True}, expected_version=expected_version)

    def history(self, kind: str, uid: str) -> list[dict[str, Any]]:
        """Old versions of a record, oldest first."""
        rows = self._conn.execute(select(t.record_history).where(
            t.record_history.c.kind == kind, t.record_history.c.uid == uid).order_by(t.record_history.c.version))
        return [{"version": r.version, "voided": r.voided, "content": json.loads(r.content)} for r in rows]

    def get(self, kind: str, uid: str) -> Row[Any] | None:
        """The live row of a record by uid."""
        table = t.RECORD_TABLES[kind]
        return self._conn.execute(select(table).where(table.c.uid == uid)).first()

    def count(self, kind: str, *, live: bool = True) -> int:
        """Number of records of a kind (live ones only by default)."""
        table = t.RECORD_TABLES[kind]
        stmt = select(func.count()).select_from(table)
        if live:
            stmt = stmt.where(table.c.voided.is_(False))
        return int(self._conn.execute(stmt).scalar_one())

    def _contents(self, table: Table, *where: Any) -> list[tuple[int, Row[Any], dict[str, Any]]]:
        """Rows with their content as kept in history: references by uid, never local keys (SPEC §12).

        One query whatever the number of rows: each reference is joined for its uid.
        """
        stmt = select(table)
        references: dict[str, str] = {}
        source: Any = table
        for column in table.columns:
            if column.foreign_keys:
                target = next(iter(column.foreign_keys)).column.table.alias(f"ref_{column.name}")
                label = column.name.removesuffix("_id") + "_uid"
                references[column.name] = label
                stmt = stmt.add_columns(target.c.uid.label(label))
                source = source.outerjoin(target, target.c.id == column)
        out = []
        for row in self._conn.execute(stmt.select_from(source).where(*where)):
            m = row._mapping
            content = {c.name: m[c] for c in table.columns if c.name != "id" and c.name not in references}
            content.update({label: m[label] for label in references.values()})  # a float fails in canonical_json
            out.append((int(m[table.c.id]), row, content))
        return out

    def void_payments_of_batch(self, batch_uid: str, keep: Iterable[str] = ()) -> int:
        """Void the live payments that still come from an import batch, except those in `keep` (uids)."""
        return self.void_rows_of_batch("payments", batch_uid, keep)

    def void_rows_of_batch(self, kind: str, batch_uid: str, keep: Iterable[str] = ()) -> int:
        """Void the live records of a kind that still come from an import batch, except those in `keep`."""
        table = t.RECORD_TABLES[kind]
        batch_id = select(t.import_batches.c.id).where(t.import_batches.c.uid == batch_uid).scalar_subquery()
        live = {r[0] for r in self._conn.execute(select(table.c.uid).where(table.c.batch_id == batch_id,
                                                                              table.c.voided.is_(False)))}
        doomed = sorted(live - set(keep))
        return sum(self.void_where(kind, table.c.uid.in_(chunk)) for chunk in iter_chunks(doomed, 500))

    def void_where(self, kind: str, *where: Any) -> int:
        """Void every live record matching a condition (set-based), each old version kept in history."""
        return self.change_where(kind, {"voided": True}, *where)

    def change_where(self, kind: str, changes: Mapping[str, Any], *where: Any) -> int:
        """Change every live record matching a condition (set-based): one new version for all of them,
        each old version kept in history."""
        table = t.RECORD_TABLES[kind]
        found = self._contents(table, table.c.voided.is_(False), *where)
        if not found:
            return 0
        version, now = self._uow.next_version(), self._uow.clock.now()
        self._conn.execute(insert(t.record_history), [
            {"kind": kind, "uid": content["uid"], "version": content["version"], "owner_org": content["owner_org"],
             "voided": False, "content": canonical_json(content).decode("utf-8"), "superseded_at": now}
            for _id, _row, content in found])
        for chunk in iter_chunks([local for local, _r, _c in found], 500):
            self._conn.execute(update(table).where(table.c.id.in_(chunk))
                               .values(**_encode(changes), version=version, updated_at=now))
        return len(found)

    def _stamp(self, values: Mapping[str, Any], *, owner: str, uid: str) -> dict[str, Any]:
        row = _encode(values)
        row.update(uid=uid, owner_org=owner, version=self._uow.next_version(),
                   voided=bool(values.get("voided", False)), updated_at=self._uow.clock.now())
        return row

    # -- org units --------------------------------------------------------
    def orgs(self) -> list[Row[Any]]:
        """All live org units ordered by code."""
        return list(self._conn.execute(
            select(t.org_units).where(t.org_units.c.voided.is_(False)).order_by(t.org_units.c.code)))

    def org_by_code(self, code: str) -> Row[Any] | None:
        """An org unit by its code."""
        return self._conn.execute(select(t.org_units).where(t.org_units.c.code == code)).first()

    def orgs_named(self, name: str, levels: Iterable[str] | None = None) -> list[Row[Any]]:
        """Live org units with exactly this name."""
        stmt = select(t.org_units).where(t.org_units.c.name == name, t.org_units.c.voided.is_(False))
        if levels is not None:
            stmt = stmt.where(t.org_units.c.level.in_(list(levels)))
        return list(self._conn.execute(stmt.order_by(t.org_units.c.code)))

    # -- programs ---------------------------------------------------------
    def programs(self) -> list[Row[Any]]:
        """All live programs ordered by code."""
        return list(self._conn.execute(
            select(t.programs).where(t.programs.c.voided.is_(False)).order_by(t.programs.c.code)))

    def program_ids(self) -> dict[str, int]:
        """Program code → local id."""
        return {r.code: r.id for r in self._conn.execute(select(t.programs.c.code, t.programs.c.id))}

    def find_program(self, text: str) -> list[Row[Any]]:
        """Programs whose code, name or a synonym is exactly `text`."""
        hits = self._conn.execute(select(t.programs).where(
            t.programs.c.voided.is_(False),
            or_(t.programs.c.code == text, t.programs.c.name == text,
                t.programs.c.synonyms.contains(json.dumps(text, ensure_ascii=False))))).all()
        return list(hits)


def _encode(values: Mapping[str, Any]) -> dict[str, Any]:
    return {k: (json.dumps(v if isinstance(v, dict) else list(v), ensure_ascii=False)
                if k in _JSON_COLUMNS and not isinstance(v, str) else v)
            for k, v in values.items()}


def table_for(kind: str) -> Table:
    """The table of a record kind."""
    return t.RECORD_TABLES[kind]
