"""Lookups for corrections and records entered by hand: a person by ID number, a record by local key."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from yikatong_desktop.storage import tables as t


def person_by_id_number(conn: Connection, id_number: str) -> Any:
    """The person (live or void) with this normalised ID number, if any."""
    return conn.execute(select(t.persons).where(t.persons.c.id_number == id_number)).first()


def live_payment_uids(conn: Connection, person_id: int) -> list[str]:
    """Uids of a person's live payments, oldest first."""
    p = t.payments
    rows = conn.execute(select(p.c.uid).where(p.c.person_id == person_id, p.c.voided.is_(False)).order_by(p.c.id))
    return [r[0] for r in rows]


def record_by_id(conn: Connection, kind: str, local_id: int | None) -> Any:
    """A record by its local key (None for None)."""
    if local_id is None:
        return None
    table = t.RECORD_TABLES[kind]
    return conn.execute(select(table).where(table.c.id == local_id)).first()
