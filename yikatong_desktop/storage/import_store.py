"""Set-based lookups and writes for imports: existing identities in chunks, new rows in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Table, and_, or_, select

from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.database import iter_chunks

_CHUNK = 500


def ids_by_key(conn: Connection, kind: str, column: str, keys: Iterable[str]) -> dict[str, int]:
    """Local ids of records whose unique column holds one of the keys."""
    table = t.RECORD_TABLES[kind]
    col = table.c[column]
    found: dict[str, int] = {}
    if _empty(conn, table):  # the first import into a new database
        return found
    for chunk in iter_chunks(sorted(set(keys)), _CHUNK):
        for key, local in conn.execute(select(col, table.c.id).where(col.in_(chunk))):
            found[key] = local
    return found


def accounts_by_number(conn: Connection, numbers: Iterable[str]) -> dict[str, dict[str, int]]:
    """Stored cards by number: number → {bank → local id} (a bank may be "" when no roster named it)."""
    a = t.bank_accounts
    found: dict[str, dict[str, int]] = {}
    if _empty(conn, a):
        return found
    for chunk in iter_chunks(sorted(set(numbers)), _CHUNK):
        for bank, number, local in conn.execute(select(a.c.bank, a.c.number, a.c.id).where(a.c.number.in_(chunk))):
            found.setdefault(number, {})[bank] = local
    return found


def _empty(conn: Connection, table: Table) -> bool:
    return conn.execute(select(table.c.id).limit(1)).first() is None


def org_children(conn: Connection, parent_code: str) -> list[tuple[str, str]]:
    """(code, name) of the live org units under a parent."""
    o = t.org_units
    rows = conn.execute(select(o.c.code, o.c.name).where(o.c.parent_code == parent_code, o.c.voided.is_(False)))
    return [(r.code, r.name) for r in rows]


PaymentKey = tuple[int, int, str, date | None, int]


def existing_payments(conn: Connection, person_ids: Sequence[int], program_id: int
                      ) -> dict[PaymentKey, Any]:
    """Live payments of some persons for one program, by natural key."""
    p = t.payments
    found: dict[PaymentKey, Any] = {}
    for chunk in iter_chunks(sorted(set(person_ids)), _CHUNK):
        rows = conn.execute(select(p).where(and_(p.c.person_id.in_(chunk), p.c.program_id == program_id,
                                                 p.c.voided.is_(False))))
        for r in rows:
            found[(r.person_id, r.program_id, r.period_label, r.paid_date, r.occurrence)] = r
    return found


def live_batch_with_hash(conn: Connection, sha256: str, kind: str = "roster") -> Any:
    """A live import batch of a kind (roster, status, …) from a file with this content, if any."""
    b = t.import_batches
    return conn.execute(select(b).where(b.c.file_sha256 == sha256, b.c.kind == kind, b.c.voided.is_(False))).first()



def live_by_key(conn: Connection, kind: str, key_columns: Sequence[str], firsts: Iterable[Any],
                ) -> dict[tuple[Any, ...], Any]:
    """Live records of a kind by natural key, looked up by the key's first column in chunks."""
    table = t.RECORD_TABLES[kind]
    first = table.c[key_columns[0]]
    found: dict[tuple[Any, ...], Any] = {}
    values = sorted({v for v in firsts if v is not None}, key=repr)
    for chunk in iter_chunks(values, _CHUNK):
        for row in conn.execute(select(table).where(first.in_(chunk), table.c.voided.is_(False))):
            found[tuple(getattr(row, c) for c in key_columns)] = row
    return found


def payments_on_accounts(conn: Connection, numbers: Iterable[str]) -> list[Any]:
    """Live payments made to any of these account numbers, with the payee's name key (bank-return matching)."""
    p, a, pr = t.payments, t.bank_accounts, t.persons
    out: list[Any] = []
    for chunk in iter_chunks(sorted(set(numbers)), _CHUNK):
        out.extend(conn.execute(
            select(p.c.id, p.c.program_id, p.c.period_label, p.c.period_start, p.c.paid_fen, p.c.due_fen,
                   p.c.paid_date, a.c.number.label("account_number"), a.c.id.label("account_id"),
                   pr.c.name_key, p.c.written_name)
            .join(a, a.c.id == p.c.account_id).join(pr, pr.c.id == p.c.person_id)
            .where(a.c.number.in_(chunk), p.c.voided.is_(False))))
    return out


def answered_payments(conn: Connection, payment_ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """Payments a live bank-return line already answers: payment id → (account, amount, date, succeeded)."""
    r = t.bank_returns
    found: dict[int, tuple[Any, ...]] = {}
    for chunk in iter_chunks(sorted(set(payment_ids)), _CHUNK):
        for row in conn.execute(select(r.c.payment_id, r.c.account_number, r.c.amount_fen, r.c.credited_date,
                                       r.c.succeeded).where(r.c.payment_id.in_(chunk), r.c.voided.is_(False))):
            found[row.payment_id] = (row.account_number, row.amount_fen, row.credited_date, row.succeeded)
    return found


def persons_lacking_roster_facts(conn: Connection, person_ids: Iterable[int]) -> list[Any]:
    """Of these persons, those first met on a list: no name, or neither a household nor a village."""
    p = t.persons
    out: list[Any] = []
    for chunk in iter_chunks(sorted(set(person_ids)), _CHUNK):
        out.extend(conn.execute(select(p).where(
            p.c.id.in_(chunk), p.c.voided.is_(False),
            or_(p.c.name == "", and_(p.c.household_id.is_(None), p.c.village_code.is_(None))))))
    return out
