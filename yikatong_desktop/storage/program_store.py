"""Lookups for merging a program into another (SPEC §5: an unknown program becomes a new one, merged later)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, func, select

from yikatong_desktop.storage import tables as t

#: Tables whose records name a program, and the column that does.
PROGRAM_REFERENCES = (("payments", "program_id"), ("program_standards", "program_id"),
                      ("person_statuses", "program_id"), ("eligible_entries", "program_id"),
                      ("fund_allocations", "program_id"))


def references_to(kind: str, column: str, program_id: int) -> Any:
    """The condition “this record names that program”, for Records.change_where."""
    return t.RECORD_TABLES[kind].c[column] == program_id


def payment_collisions(conn: Connection, source_id: int, target_id: int) -> list[Any]:
    """Live payments of the source whose natural key (person, period, date, occurrence) the target has too,
    with the highest occurrence the target holds for that key."""
    s, g = t.payments.alias("s"), t.payments.alias("g")
    same_date = (s.c.paid_date == g.c.paid_date) | (s.c.paid_date.is_(None) & g.c.paid_date.is_(None))
    top = (select(func.max(g.c.occurrence)).where(g.c.person_id == s.c.person_id, g.c.program_id == target_id,
                                                  g.c.period_label == s.c.period_label, same_date,
                                                  g.c.voided.is_(False)).scalar_subquery())
    return list(conn.execute(
        select(s.c.uid, s.c.version, s.c.person_id, s.c.period_label, s.c.paid_date, top.label("top"))
        .where(s.c.program_id == source_id, s.c.voided.is_(False), top.is_not(None))
        .order_by(s.c.id)))


def standard_collisions(conn: Connection, source_id: int, target_id: int) -> list[tuple[str, int]]:
    """(uid, version) of the source's live standards whose (year, tier) the target already has, live or
    void (the unique constraint covers both: a rejected proposal still holds its place)."""
    s, g = t.program_standards.alias("s"), t.program_standards.alias("g")
    return [(r[0], int(r[1])) for r in conn.execute(
        select(s.c.uid, s.c.version)
        .join(g, and_(g.c.year == s.c.year, g.c.tier == s.c.tier, g.c.program_id == target_id))
        .where(s.c.program_id == source_id, s.c.voided.is_(False)))]


def program_usage(conn: Connection) -> dict[int, int]:
    """Live payments per program (local id)."""
    p = t.payments
    return {pid: n for pid, n in conn.execute(
        select(p.c.program_id, func.count()).where(p.c.voided.is_(False)).group_by(p.c.program_id))}
