"""Rule queries that read the other lists of SPEC §5 (deaths, exits, 财政供养, cadres, eligible,
allocations, bank returns, field checks). One set-based query per rule; rows as base.py describes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.rule_queries.base import Context, P, payment_rows

S = t.person_statuses


def paid_after_death(conn: Connection, ctx: Context) -> Any:
    """Payments for a period that starts after the person's date of death."""
    stmt = (payment_rows(P.c.paid_fen.label("amount_fen"), S.c.status_date.label("died"),
                         S.c.uid.label("status_uid"))
            .join(S, (S.c.person_id == P.c.person_id) & (S.c.status == "death") & S.c.voided.is_(False))
            .where(P.c.period_start > S.c.status_date))
    return conn.execute(stmt)
