"""Set-based lookups and writes for imports: existing identities in chunks, new rows in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, select

from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.database import iter_chunks

_CHUNK = 500


def ids_by_key(conn: Connection, kind: str, column: str, keys: Iterable[str]) -> dict[str, int]:
    """Local ids of records whose unique column holds one of the keys."""
    table = t.RECORD_TABLES[kind]
    col = table.c[column]
    found: dict[str, int] = {}
    for chunk in iter_chunks(sorted(set(keys)), _CHUNK):
        for key, local in conn.execute(select(col, table.c.id).where(col.in_(chunk))):
            found[key] = local
    return found


def accounts_by_number(conn: Connection, numbers: Iterable[str]) -> dict[str, dict[str, int]]:
    """Stored cards by number: number → {bank → local id} (a bank may be "" when no roster named it)."""
    a = t.bank_accounts
    found: dict[str, dict[str, int]] = {}
    for chunk in iter_chunks(sorted(set(numbers)), _CHUNK):
        for bank, number, local in conn.execute(select(a.c.bank, a.c.number, a.c.id).where(a.c.number.in_(chunk))):
            found.setdefault(number, {})[bank] = local
    return found


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


def live_batch_with_hash(conn: Connection, sha256: str) -> Any:
    """A live import batch of a file with this content, if any."""
    b = t.import_batches
    return conn.execute(select(b).where(b.c.file_sha256 == sha256, b.c.voided.is_(False))).first()

