"""`ykt check`: run the rules, store their findings, say per rule how many and how much (SPEC §6)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from yikatong_desktop.domain.clock import local_today
from yikatong_desktop.domain.errors import UsageError
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.rules import CATALOGUE_VERSION, PENDING, RULES_BY_CODE, Rule, find_rule
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.checks.engine import RuleOutcome, apply, hits, runnable
from yikatong_desktop.services.checks.registry import IMPLS
from yikatong_desktop.services.progress import Cancelled, IsCancelled, Progress, never_cancelled, no_progress
from yikatong_desktop.storage import findings_store as store
from yikatong_desktop.storage.rule_queries.base import Context
from yikatong_desktop.storage.unit_of_work import UnitOfWork

PARAMS_SETTING = "rules.params"  # {code: {param: value}}; per-program values under {code: {param@PROGRAM: value}}


def rule_codes(texts: Sequence[str] | None) -> list[str] | None:
    """Rule codes from what a person typed (codes or Chinese titles); a usage error names the unknown one."""
    if not texts:
        return None
    out = []
    for text in texts:
        found = find_rule(text)
        if found is None:
            raise UsageError("check.unknown_rule", rule=text, codes="、".join(RULES_BY_CODE))
        if found.code in PENDING:
            raise UsageError("check.pending_rule", rule=found.code)
        out.append(found.code)
    return out


def parameters(uow: UnitOfWork, rule: Rule) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """A rule's parameters (defaults overridden by settings) and its per-program values."""
    saved: Mapping[str, Any] = (uow.get_setting(PARAMS_SETTING) or {}).get(rule.code, {})
    values = {p.name: int(saved.get(p.name, p.default)) for p in rule.params}
    per_program: dict[str, dict[str, int]] = {}
    for key, value in saved.items():
        if "@" in key:
            name, program = key.split("@", 1)
            per_program.setdefault(name, {})[program] = int(value)
    return values, per_program


def run_checks(uow: UnitOfWork, actor: Actor, codes: Sequence[str] | None = None, *,
               progress: Progress = no_progress, is_cancelled: IsCancelled = never_cancelled) -> list[RuleOutcome]:
    """Run rules (all by default) in the caller's unit of work; the caller commits."""
    authorize(actor, Action.CHECK)
    rules = [r for r in runnable(codes) if r.code in IMPLS]
    now = uow.clock.now()
    run_id = store.start_run(uow.conn, at=now, actor=actor.name, rules=[r.code for r in rules],
                             version=CATALOGUE_VERSION)
    dialect = uow.conn.dialect.name
    outcomes = []
    for n, rule in enumerate(rules):
        if is_cancelled():
            raise Cancelled()
        progress(n, len(rules), rule.title)
        values, per_program = parameters(uow, rule)
        ctx = Context(today=local_today(uow.clock).date(), params=values, dialect=dialect, program_params=per_program)
        outcomes.append(apply(uow, rule.code, hits(IMPLS[rule.code], rule, uow.conn, ctx), run_id))
    progress(len(rules), len(rules), "")
    counts = {o.code: {"open": o.open, "new": o.new, "resolved": o.resolved, "reopened": o.reopened,
                       "amount_fen": o.amount_fen} for o in outcomes}
    store.finish_run(uow.conn, run_id, at=uow.clock.now(), counts=counts)
    record_event(uow, actor, "check.run", detail={"run": run_id, "rules": len(rules), "catalogue": CATALOGUE_VERSION,
                                                  "findings": sum(o.open for o in outcomes),
                                                  "new": sum(o.new for o in outcomes),
                                                  "resolved": sum(o.resolved for o in outcomes)})
    return outcomes
