"""Findings and check runs: what the runner needs, set-based (SPEC §6)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.database import iter_chunks

F = t.findings


def start_run(conn: Connection, *, at: datetime, actor: str, rules: Sequence[str], version: str) -> int:
    """A new check run; returns its id."""
    result = conn.execute(insert(t.check_runs).values(started_at=at, actor=actor, rules=json.dumps(list(rules)),
                                                      catalogue_version=version, counts="{}"))
    pk = result.inserted_primary_key
    assert pk is not None
    return int(pk[0])


def finish_run(conn: Connection, run_id: int, *, at: datetime, counts: dict[str, Any]) -> None:
    """Close a run with its per-rule counts."""
    conn.execute(update(t.check_runs).where(t.check_runs.c.id == run_id)
                 .values(finished_at=at, counts=json.dumps(counts, ensure_ascii=False)))


def findings_of_rule(conn: Connection, rule: str) -> dict[str, Any]:
    """Every live finding of a rule by uid (all states)."""
    return {r.uid: r for r in conn.execute(
        select(F.c.uid, F.c.version, F.c.status, F.c.decided_status, F.c.amount_fen, F.c.explanation, F.c.evidence,
               F.c.severity).where(F.c.rule == rule, F.c.voided.is_(False)))}


def touch(conn: Connection, uids: Iterable[str], run_id: int) -> None:
    """Mark findings as seen by a run (not a change of content: no new version)."""
    for chunk in iter_chunks(sorted(uids), 500):
        conn.execute(update(F).where(F.c.uid.in_(chunk)).values(last_run_id=run_id))


def uid_condition(uids: Sequence[str]) -> Any:
    """“the finding is one of these”, for Records.change_where."""
    return F.c.uid.in_(list(uids))


def findings_free() -> Any:
    """“the finding is not registered as a problem yet”, for Records.change_where."""
    return F.c.problem_uid.is_(None)


def last_run(conn: Connection) -> Any:
    """The newest finished check run, or None."""
    r = t.check_runs
    return conn.execute(select(r).where(r.c.finished_at.is_not(None)).order_by(r.c.id.desc()).limit(1)).first()


def counts_by_rule(conn: Connection) -> dict[str, dict[str, int]]:
    """Per rule and status: number of findings and amount at stake."""
    out: dict[str, dict[str, int]] = {}
    for rule, status, n, amount in conn.execute(
            select(F.c.rule, F.c.status, func.count(), func.coalesce(func.sum(F.c.amount_fen), 0))
            .where(F.c.voided.is_(False)).group_by(F.c.rule, F.c.status)):
        out.setdefault(rule, {})[status] = int(n)
        out[rule][f"{status}_fen"] = int(amount)
    return out


def list_findings(conn: Connection, *, rules: Sequence[str] = (), org_prefix: str | None = None,
                  statuses: Sequence[str] = (), limit: int | None = None, offset: int = 0,
                  uids: Sequence[str] = ()) -> list[Any]:
    """Findings with the person, program and place they are about, most at stake first."""
    pr, g, o, pb = t.persons, t.programs, t.org_units, t.problems
    stmt = (select(F, pr.c.name.label("name"), pr.c.id_number.label("id_number"), g.c.name.label("program"),
                   g.c.code.label("program_code"), o.c.name.label("place"), pb.c.number.label("problem_number"))
            .outerjoin(pr, pr.c.id == F.c.person_id).outerjoin(g, g.c.id == F.c.program_id)
            .outerjoin(o, o.c.code == F.c.org_code).outerjoin(pb, pb.c.uid == F.c.problem_uid))
    stmt = _filtered(stmt, rules=rules, org_prefix=org_prefix, statuses=statuses, uids=uids)
    stmt = stmt.order_by(F.c.rule, F.c.amount_fen.desc(), F.c.uid).offset(offset)
    if limit is not None:
        stmt = stmt.limit(limit)
    return list(conn.execute(stmt))


def count_findings(conn: Connection, *, rules: Sequence[str] = (), org_prefix: str | None = None,
                   statuses: Sequence[str] = ()) -> int:
    """How many findings `list_findings` returns for the same filters."""
    stmt = _filtered(select(func.count()).select_from(F), rules=rules, org_prefix=org_prefix, statuses=statuses)
    return int(conn.execute(stmt).scalar_one())


def _filtered(stmt: Any, *, rules: Sequence[str], org_prefix: str | None, statuses: Sequence[str],
              uids: Sequence[str] = ()) -> Any:
    stmt = stmt.where(F.c.voided.is_(False))
    if rules:
        stmt = stmt.where(F.c.rule.in_(list(rules)))
    if org_prefix:
        stmt = stmt.where(F.c.org_code.startswith(org_prefix, autoescape=True))
    if statuses:
        stmt = stmt.where(F.c.status.in_(list(statuses)))
    if uids:
        stmt = stmt.where(F.c.uid.in_(list(uids)))
    return stmt


def open_by_org(conn: Connection) -> list[Any]:
    """Per org unit with open findings: code, name, level, parent's name and how many (for 核实表)."""
    o, up = t.org_units, t.org_units.alias("up")
    return list(conn.execute(
        select(o.c.code, o.c.name, o.c.level, up.c.name.label("parent_name"), func.count().label("open"))
        .select_from(F).join(o, o.c.code == F.c.org_code).outerjoin(up, up.c.code == o.c.parent_code)
        .where(F.c.voided.is_(False), F.c.status == "open")
        .group_by(o.c.code, o.c.name, o.c.level, up.c.name).order_by(o.c.code)))


def findings_by_uid_prefix(conn: Connection, prefix: str) -> list[Any]:
    """Live findings whose uid starts with a prefix (people type the first 8 characters)."""
    return list(conn.execute(select(F.c.uid, F.c.version, F.c.status, F.c.rule)
                             .where(F.c.uid.startswith(prefix, autoescape=True), F.c.voided.is_(False))))
