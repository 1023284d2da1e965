"""What the 月报 and the 总结 count (SPEC §7): set-based queries over the ledger, findings and lists.

A scope is an org (code prefix; None = everything this database holds) or a department (the
problems it registered and the programs it runs). Dates are local office dates; audit times are
UTC, so month boundaries for them arrive converted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, case, func, or_, select, true

from yikatong_desktop.storage import tables as t

PB, RC, CP, F, G, R = t.problems, t.problem_recoveries, t.complaints, t.findings, t.programs, t.reports


@dataclass(frozen=True)
class Where:
    """An org prefix (None: all) and/or a department."""

    org_prefix: str | None = None
    department: str | None = None


def _org(column: Any, where: Where) -> list[Any]:
    return [] if not where.org_prefix else [column.startswith(where.org_prefix, autoescape=True)]


def _problem_scope(where: Where) -> list[Any]:
    # A problem registered without an org is its registering office's (a township's, at the county)
    out = [PB.c.voided.is_(False), *_org(func.coalesce(PB.c.org_code, PB.c.owner_org), where)]
    if where.department:
        out.append(or_(PB.c.department == where.department, G.c.department == where.department))
    return out


def _recovered(until: date | None = None, since: date | None = None) -> Any:
    cond = [RC.c.problem_id == PB.c.id, RC.c.voided.is_(False)]
    if until is not None:
        cond.append(RC.c.recovered_on <= until)
    if since is not None:
        cond.append(RC.c.recovered_on >= since)
    return select(func.coalesce(func.sum(RC.c.amount_fen), 0)).where(*cond).correlate(PB).scalar_subquery()


def problems(conn: Connection, where: Where, *, until: date, since: date | None = None,
             total_since: date | None = None, own: str = "") -> list[Any]:
    """Every live problem of the scope registered by `until`, with program, money recovered in
    [total_since, until] (`recovered_fen`) and in [since, until] (`recovered_in_fen`); in number order.

    `label`: the number, with the office that registered it when that is not `own` (a county holds
    several WT2019-0001, one per township)."""
    office = t.org_units.alias("registering_office")
    label = case((PB.c.owner_org == own, PB.c.number),
                 else_=PB.c.number + "（" + func.coalesce(office.c.name, PB.c.owner_org) + "）")
    return list(conn.execute(
        select(PB.c.uid, PB.c.owner_org, label.label("label"), PB.c.number, PB.c.source, PB.c.category,
               PB.c.description, PB.c.org_code, PB.c.department,
               PB.c.amount_fen, PB.c.responsible_unit, PB.c.responsible_person, PB.c.measures, PB.c.deadline,
               PB.c.state, PB.c.registered_on, PB.c.closed_on, PB.c.outcome, PB.c.handled_persons,
               PB.c.came_forward, PB.c.repaid, PB.c.transfer_to, PB.c.transfer_on, PB.c.transfer_doc,
               G.c.name.label("program_name"), _recovered(until, total_since).label("recovered_fen"),
               _recovered(until, since).label("recovered_in_fen"))
        .outerjoin(G, G.c.id == PB.c.program_id).outerjoin(office, office.c.code == PB.c.owner_org)
        .where(*_problem_scope(where), PB.c.registered_on <= until).order_by(PB.c.number, PB.c.owner_org)))


def closings(conn: Connection, where: Where, before: datetime) -> dict[str, list[tuple[datetime, str]]]:
    """Per problem uid, its 销号 and 回头看 events before `before`, oldest first (this office's trail)."""
    a = t.audit_events
    out: dict[str, list[tuple[datetime, str]]] = {}
    for uid, at, action in conn.execute(
            select(a.c.object_uid, a.c.at, a.c.action).select_from(a.join(PB, PB.c.uid == a.c.object_uid))
            .outerjoin(G, G.c.id == PB.c.program_id)
            .where(a.c.action.in_(("problem.close", "problem.reopen")), a.c.at < before, *_problem_scope(where))
            .order_by(a.c.at, a.c.org_code, a.c.seq)):
        out.setdefault(str(uid), []).append((at, str(action)))
    return out


def moves(conn: Connection, where: Where, actions: Sequence[str], start: datetime, end: datetime) -> dict[str, int]:
    """How many times each audited move (problem.return, problem.reopen…) was taken in [start, end)
    on problems of the scope."""
    a = t.audit_events
    rows = conn.execute(
        select(a.c.action, func.count()).select_from(a.join(PB, PB.c.uid == a.c.object_uid))
        .outerjoin(G, G.c.id == PB.c.program_id)
        .where(a.c.action.in_(list(actions)), a.c.at >= start, a.c.at < end, *_problem_scope(where))
        .group_by(a.c.action))
    return {str(action): int(n) for action, n in rows}


def complaints(conn: Connection, where: Where, start: date, end: date) -> dict[str, int]:
    """Complaints of the scope: received in [start, end] (objections to 公示 among them), closed in it, and
    still open at `end`."""
    cond = [CP.c.voided.is_(False), CP.c.received_on <= end,
            *_org(func.coalesce(CP.c.org_code, CP.c.owner_org), where)]
    if where.department:
        cond.append(G.c.department == where.department)
    open_at_end = or_(CP.c.closed_on.is_(None), CP.c.closed_on > end)
    row = conn.execute(
        select(func.coalesce(func.sum(case((CP.c.received_on >= start, 1), else_=0)), 0),
               func.coalesce(func.sum(case((and_(CP.c.closed_on >= start, CP.c.closed_on <= end), 1), else_=0)), 0),
               func.coalesce(func.sum(case((open_at_end, 1), else_=0)), 0),
               func.coalesce(func.sum(case((and_(CP.c.channel == "公示异议", CP.c.received_on >= start), 1),
                                           else_=0)), 0))
        .select_from(CP).outerjoin(G, G.c.id == CP.c.program_id).where(*cond)).one()
    return {"received": int(row[0]), "closed": int(row[1]), "open": int(row[2]), "objections": int(row[3])}


def findings(conn: Connection, where: Where, start: datetime | None, end: datetime | None) -> list[Any]:
    """Per rule: findings first found by a run in [start, end) (`new`), and those open or confirmed now
    (`live`, with their money). None: no bound on that side."""
    runs = t.check_runs
    first = runs.c.started_at
    found_in = and_(first < end if end is not None else true(), first >= start if start is not None else true())
    live = F.c.status.in_(("open", "confirmed"))
    cond = [F.c.voided.is_(False), *_org(F.c.org_code, where)]
    if where.department:
        cond.append(G.c.department == where.department)
    return list(conn.execute(
        select(F.c.rule, func.sum(case((found_in, 1), else_=0)).label("new"),
               func.sum(case((live, 1), else_=0)).label("live"),
               func.coalesce(func.sum(case((live, F.c.amount_fen), else_=0)), 0).label("live_fen"),
               func.sum(case((F.c.status == "dismissed", 1), else_=0)).label("dismissed"))
        .select_from(F).join(runs, runs.c.id == F.c.first_run_id).outerjoin(G, G.c.id == F.c.program_id)
        .where(*cond).group_by(F.c.rule).order_by(F.c.rule)))


def deregistered(conn: Connection, where: Where, start: date, end: date) -> int:
    """People taken off the rolls (status list: 死亡/迁出/退出 with a 注销 date) in [start, end]."""
    s, pr = t.person_statuses, t.persons
    cond = [s.c.voided.is_(False), s.c.deregistered_date >= start, s.c.deregistered_date <= end,
            *_org(pr.c.village_code, where)]
    if where.department:
        cond.append(G.c.department == where.department)
    return int(conn.execute(
        select(func.count(func.distinct(s.c.person_id))).select_from(s).join(pr, pr.c.id == s.c.person_id)
        .outerjoin(G, G.c.id == s.c.program_id).where(*cond)).scalar_one())


def children(conn: Connection, parent: str, level: str) -> list[Any]:
    """Org units of a level directly under `parent`: code and name, in code order."""
    o = t.org_units
    return list(conn.execute(select(o.c.code, o.c.name).where(o.c.parent_code == parent, o.c.level == level,
                                                              o.c.voided.is_(False)).order_by(o.c.code)))


def report(conn: Connection, owner: str, kind: str, scope_kind: str, scope: str, period: str) -> Any:
    """This org's report of a kind, scope and period, if any."""
    return conn.execute(select(R).where(R.c.owner_org == owner, R.c.kind == kind, R.c.scope_kind == scope_kind,
                                        R.c.scope == scope, R.c.period == period, R.c.voided.is_(False))).first()


def reports(conn: Connection, *, kind: str | None = None, owner: str | None = None) -> list[Any]:
    """Live reports, newest period first."""
    stmt = select(R).where(R.c.voided.is_(False))
    if kind:
        stmt = stmt.where(R.c.kind == kind)
    if owner:
        stmt = stmt.where(R.c.owner_org == owner)
    return list(conn.execute(stmt.order_by(R.c.period.desc(), R.c.kind, R.c.scope_kind, R.c.scope)))
