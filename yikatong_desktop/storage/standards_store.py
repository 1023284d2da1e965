"""Reading the standards catalogue (program_standards) with how many payments each amount was seen on."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Row, func, select

from yikatong_desktop.storage import tables as t

ST, G, P = t.program_standards, t.programs, t.payments


def standards_of(conn: Connection, program_ids: Iterable[int]) -> list[Row[Any]]:
    """Every standard (live, proposed or voided) of some programs."""
    ids = sorted(set(program_ids))
    if not ids:
        return []
    return list(conn.execute(select(ST).where(ST.c.program_id.in_(ids))))


def list_standards(conn: Connection, *, confirmed: bool | None = None, program_id: int | None = None,
                   year: int | None = None) -> list[Row[Any]]:
    """Live standards with their program and the number of live payments stored at that amount."""
    rows = (select(func.count()).select_from(P)
            .where(P.c.program_id == ST.c.program_id, P.c.year == ST.c.year, P.c.standard_fen == ST.c.amount_fen,
                   P.c.voided.is_(False)).scalar_subquery())
    stmt = (select(ST.c.uid, ST.c.version, ST.c.year, ST.c.tier, ST.c.amount_fen, ST.c.unit, ST.c.confirmed,
                   ST.c.min_age, ST.c.max_age, G.c.code.label("program_code"), G.c.name.label("program_name"),
                   rows.label("rows"))
            .join(G, G.c.id == ST.c.program_id).where(ST.c.voided.is_(False)))
    if confirmed is not None:
        stmt = stmt.where(ST.c.confirmed.is_(confirmed))
    if program_id is not None:
        stmt = stmt.where(ST.c.program_id == program_id)
    if year is not None:
        stmt = stmt.where(ST.c.year == year)
    return list(conn.execute(stmt.order_by(G.c.code, ST.c.year, ST.c.amount_fen, ST.c.tier)))
