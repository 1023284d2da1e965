"""Read side of the 自查 page (SPEC §6, §10): rules with their counts, findings counted and paged, a finding's history.

Which rules can run comes from the registry: a rule in the catalogue whose
implementation has not landed yet is listed, not run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.rules import RULES, SEVERITY_LABELS, FindingStatus
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.checks.engine import runnable
from yikatong_desktop.services.checks.registry import IMPLS
from yikatong_desktop.services.findings import org_prefix
from yikatong_desktop.storage import findings_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class RuleSummary:
    """One line of the rules table."""

    code: str
    title: str
    severity: str  # Chinese label
    runnable: bool
    counts: dict[str, int]  # status → findings
    amount_fen: int  # at stake in the findings still open or confirmed

    def count(self, status: FindingStatus) -> int:
        """Findings of this rule in a state."""
        return self.counts.get(status.value, 0)


@dataclass(frozen=True)
class StatusChange:
    """One step of a finding's history: the state it took, who set it, when and why."""

    status: str
    by: str | None
    at: str | None
    reason: str | None


def runnable_codes(codes: Sequence[str] | None = None) -> list[str]:
    """Rules that can run now (chosen ones, or all), in catalogue order: implemented and not pending."""
    return [r.code for r in runnable(codes) if r.code in IMPLS]


def rule_summaries(uow: UnitOfWork, actor: Actor) -> list[RuleSummary]:
    """Every rule of the catalogue with its findings per state and the amount at stake."""
    authorize(actor, Action.VIEW)
    counts = store.counts_by_rule(uow.conn)
    can_run = set(runnable_codes())
    out = []
    for rule in RULES:
        mine = counts.get(rule.code, {})
        out.append(RuleSummary(
            code=rule.code, title=rule.title, severity=SEVERITY_LABELS[rule.severity], runnable=rule.code in can_run,
            counts={s.value: mine.get(s.value, 0) for s in FindingStatus},
            amount_fen=mine.get("open_fen", 0) + mine.get("confirmed_fen", 0)))
    return out


def count_findings(uow: UnitOfWork, actor: Actor, *, rules: Sequence[str] = (), org: str | None = None,
                   statuses: Sequence[str] = ()) -> int:
    """How many findings `findings.list_findings` gives for the same filters."""
    authorize(actor, Action.VIEW)
    return store.count_findings(uow.conn, rules=rules, org_prefix=org_prefix(uow, org), statuses=statuses)


def last_run_at(uow: UnitOfWork, actor: Actor) -> datetime | None:
    """When the checks last finished (UTC), None before the first run."""
    authorize(actor, Action.VIEW)
    run = store.last_run(uow.conn)
    return None if run is None else run.finished_at


def status_history(uow: UnitOfWork, actor: Actor, uid: str) -> list[StatusChange]:
    """A finding's states oldest first, one entry per change of state or reason."""
    authorize(actor, Action.VIEW)
    live = uow.records.get("findings", uid)
    if live is None:
        return []
    versions: list[dict[str, Any]] = [v["content"] for v in uow.records.history("findings", uid)]
    versions.append({k: live._mapping[k] for k in ("status", "status_by", "status_at", "status_reason")})
    out: list[StatusChange] = []
    for v in versions:
        step = StatusChange(status=str(v.get("status")), by=v.get("status_by"), at=local_time(v.get("status_at")),
                            reason=v.get("status_reason"))
        if not out or (out[-1].status, out[-1].reason, out[-1].at) != (step.status, step.reason, step.at):
            out.append(step)
    return out


def local_time(at: object) -> str | None:
    """A stored UTC time (datetime or ISO text from history) as Beijing time to the minute."""
    if at is None:
        return None
    moment = at if isinstance(at, datetime) else datetime.fromisoformat(str(at).replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return f"{moment.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}"
