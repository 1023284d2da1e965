"""What the self-check form (自查表, SPEC §7) pre-fills from: findings and problems per program, set-based."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select

from yikatong_desktop.storage import tables as t

F, PB, SF = t.findings, t.problems, t.selfcheck_forms


def finding_counts(conn: Connection, program_id: int | None, org_prefix: str | None) -> list[Any]:
    """Per rule: open and confirmed findings of a program (None: of no program) in the scope, and the money."""
    stmt = (select(F.c.rule, func.count().label("n"), func.coalesce(func.sum(F.c.amount_fen), 0).label("fen"))
            .where(F.c.voided.is_(False), F.c.status.in_(("open", "confirmed")), F.c.program_id == program_id))
    if org_prefix:
        stmt = stmt.where(F.c.org_code.startswith(org_prefix, autoescape=True))
    return list(conn.execute(stmt.group_by(F.c.rule)))


def problems_of(conn: Connection, program_id: int | None, org_prefix: str | None) -> list[Any]:
    """The ledger's problems of a program (None: of no program) in the scope: category, source, amount, measures."""
    stmt = (select(PB.c.category, PB.c.source, PB.c.amount_fen, PB.c.measures, PB.c.number)
            .where(PB.c.voided.is_(False), PB.c.program_id == program_id))
    if org_prefix:
        stmt = stmt.where(PB.c.org_code.startswith(org_prefix, autoescape=True))
    return list(conn.execute(stmt.order_by(PB.c.number)))


def saved(conn: Connection, scope_kind: str, scope: str, program_id: int) -> Any:
    """The answers a clerk saved for this scope and program, if any."""
    return conn.execute(select(SF).where(SF.c.scope_kind == scope_kind, SF.c.scope == scope,
                                         SF.c.program_id == program_id, SF.c.voided.is_(False))).first()
