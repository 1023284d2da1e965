"""The problem ledger, complaints and their evidence: the queries the services need (SPEC §7)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, case, func, literal, or_, select

from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.database import upsert

PB, RC, CP, EV, BL = t.problems, t.problem_recoveries, t.complaints, t.evidence_files, t.evidence_blobs


def next_number(conn: Connection, kind: str, prefix: str, owner: str) -> str:
    """The next free number with a prefix such as WT2019-: four digits, counting on from the highest.

    A row of its own in settings is written first: on PostgreSQL two clerks registering at once wait
    for each other there, and the second then sees the first one's number (SQLite writes one at a time).
    """
    upsert(conn, t.settings, {"key": f"numbers.{prefix}", "value": "null"}, key=("key",))
    table = PB if kind == "problems" else CP
    rows = conn.execute(select(table.c.number).where(table.c.number.startswith(prefix, autoescape=True),
                                                     table.c.owner_org == owner))
    highest = max((int(n[len(prefix):]) for (n,) in rows if n[len(prefix):].isdigit()), default=0)
    return f"{prefix}{highest + 1:04d}"


def _recovered() -> Any:
    return (select(func.coalesce(func.sum(RC.c.amount_fen), 0)).where(RC.c.problem_id == PB.c.id,
                                                                       RC.c.voided.is_(False))
            .correlate(PB).scalar_subquery())


def _evidence_count(column: Any) -> Any:
    return (select(func.count()).select_from(EV).where(column == EV.c.problem_id if column is PB.c.id
                                                        else column == EV.c.complaint_id, EV.c.voided.is_(False))
            .scalar_subquery())


def problems(conn: Connection, *, states: Sequence[str] = (), categories: Sequence[str] = (),
             program_code: str | None = None, org_prefix: str | None = None, overdue_on: date | None = None,
             refs: Sequence[str] = (), uids: Sequence[str] = ()) -> list[Any]:
    """Live problems with program and org names, recovered money and evidence count; newest number last."""
    g, o = t.programs, t.org_units
    stmt = (select(PB, g.c.code.label("program_code"), g.c.name.label("program_name"), o.c.name.label("org_name"),
                   _recovered().label("recovered_fen"), _evidence_count(PB.c.id).label("evidence_count"))
            .outerjoin(g, g.c.id == PB.c.program_id).outerjoin(o, o.c.code == PB.c.org_code)
            .where(PB.c.voided.is_(False)))
    if states:
        stmt = stmt.where(PB.c.state.in_(list(states)))
    if categories:
        stmt = stmt.where(PB.c.category.in_(list(categories)))
    if program_code:
        stmt = stmt.where(g.c.code == program_code)
    if org_prefix:
        stmt = stmt.where(PB.c.org_code.startswith(org_prefix, autoescape=True))
    if overdue_on is not None:
        stmt = stmt.where(PB.c.state != "closed", PB.c.deadline < overdue_on)
    if uids:
        stmt = stmt.where(PB.c.uid.in_(list(uids)))
    if refs:
        stmt = stmt.where(or_(*(_ref_matches(PB, ref) for ref in refs)))
    return list(conn.execute(stmt.order_by(PB.c.number)))


def _ref_matches(table: Any, ref: str) -> Any:
    """A problem or complaint by its number (any case) or the first characters of its uid."""
    text = ref.strip()
    return or_(func.upper(table.c.number) == text.upper(),
               and_(literal(len(text) >= 6), table.c.uid.startswith(text.lower(), autoescape=True)))


def complaints(conn: Connection, *, states: Sequence[str] = (), channels: Sequence[str] = (),
               refs: Sequence[str] = (), org_prefix: str | None = None) -> list[Any]:
    """Live complaints with program, org and linked problem; in number order."""
    g, o, p = t.programs, t.org_units, PB.alias("linked")
    stmt = (select(CP, g.c.code.label("program_code"), g.c.name.label("program_name"), o.c.name.label("org_name"),
                   p.c.number.label("problem_number"), p.c.uid.label("problem_uid"),
                   _evidence_count(CP.c.id).label("evidence_count"))
            .outerjoin(g, g.c.id == CP.c.program_id).outerjoin(o, o.c.code == CP.c.org_code)
            .outerjoin(p, p.c.id == CP.c.problem_id).where(CP.c.voided.is_(False)))
    if states:
        stmt = stmt.where(CP.c.state.in_(list(states)))
    if channels:
        stmt = stmt.where(CP.c.channel.in_(list(channels)))
    if org_prefix:
        stmt = stmt.where(CP.c.org_code.startswith(org_prefix, autoescape=True))
    if refs:
        stmt = stmt.where(or_(*(_ref_matches(CP, ref) for ref in refs)))
    return list(conn.execute(stmt.order_by(CP.c.number)))


def problem_number(conn: Connection, problem_id: int) -> str | None:
    """A problem's number by its local key."""
    return conn.execute(select(PB.c.number).where(PB.c.id == problem_id)).scalar_one_or_none()


def recoveries(conn: Connection, problem_id: int) -> list[Any]:
    """The 专账 lines of a problem, oldest first."""
    return list(conn.execute(select(RC).where(RC.c.problem_id == problem_id, RC.c.voided.is_(False))
                             .order_by(RC.c.recovered_on, RC.c.id)))


def evidence(conn: Connection, *, problem_id: int | None = None, complaint_id: int | None = None) -> list[Any]:
    """Evidence files of a problem or a complaint, in the order they were added."""
    owner = EV.c.problem_id == problem_id if problem_id is not None else EV.c.complaint_id == complaint_id
    return list(conn.execute(select(EV).where(owner, EV.c.voided.is_(False)).order_by(EV.c.id)))


def store_blob(conn: Connection, sha256: str, content: bytes) -> None:
    """Keep a file's bytes once per content."""
    upsert(conn, BL, {"sha256": sha256, "content": content}, key=("sha256",))  # the same bytes twice: one row


def blob(conn: Connection, sha256: str) -> bytes | None:
    """The bytes of an evidence file by its hash."""
    row = conn.execute(select(BL.c.content).where(BL.c.sha256 == sha256)).first()
    return None if row is None else bytes(row[0])


def findings_of_problem(conn: Connection, problem_uid: str) -> list[Any]:
    """The findings a problem was registered from (whatever their state now)."""
    f, pr, g = t.findings, t.persons, t.programs
    return list(conn.execute(
        select(f.c.uid, f.c.rule, f.c.status, f.c.amount_fen, f.c.explanation, f.c.period_label,
               pr.c.name, pr.c.id_number, g.c.name.label("program"))
        .outerjoin(pr, pr.c.id == f.c.person_id).outerjoin(g, g.c.id == f.c.program_id)
        .where(f.c.problem_uid == problem_uid, f.c.voided.is_(False)).order_by(f.c.rule, f.c.uid)))


def findings_for_problem(conn: Connection, uids: Sequence[str]) -> list[Any]:
    """Findings by uid with what a problem carries over: person, program, org, amount."""
    f, pr, g = t.findings, t.persons, t.programs
    return list(conn.execute(
        select(f.c.uid, f.c.version, f.c.rule, f.c.status, f.c.problem_uid, f.c.amount_fen, f.c.org_code,
               f.c.explanation, f.c.period_label, pr.c.name, pr.c.id_number, g.c.id.label("program_id"),
               g.c.code.label("program_code"), g.c.department)
        .outerjoin(pr, pr.c.id == f.c.person_id).outerjoin(g, g.c.id == f.c.program_id)
        .where(f.c.uid.in_(list(uids)), f.c.voided.is_(False)).order_by(f.c.rule, f.c.uid)))


def state_counts(conn: Connection, table_name: str, today: date) -> dict[str, int]:
    """Per state, and overdue, how many live problems (or complaints) there are."""
    table = PB if table_name == "problems" else CP
    overdue = case((and_(table.c.state != "closed", table.c.deadline < today), 1), else_=0)
    out: dict[str, int] = {}
    for state, n, late in conn.execute(select(table.c.state, func.count(), func.sum(overdue))
                                       .where(table.c.voided.is_(False)).group_by(table.c.state)):
        out[state] = int(n)
        out["overdue"] = out.get("overdue", 0) + int(late or 0)
    return out


def pending_decision(conn: Connection, problem_uid: str, owner: str) -> bool:
    """Whether an office already decided about a problem that still waits for its owner to take it."""
    d = t.decisions
    return conn.execute(select(d.c.id).join(PB, PB.c.id == d.c.problem_id)
                        .where(PB.c.uid == problem_uid, d.c.owner_org == owner, d.c.voided.is_(False),
                               PB.c.state == "applied").limit(1)).first() is not None
