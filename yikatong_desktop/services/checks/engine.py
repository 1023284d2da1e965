"""Running the self-check rules (SPEC §6): set-based queries in, findings with stable ids out.

Each rule is a query (storage/rule_queries) returning one row per subject with the
standard columns (key, subject_kind, person_id, payment_id, account_id, program_id,
period_label, org_code, amount_fen) and its own, plus Python that turns a row into
a Chinese explanation and evidence — per finding, never per payment. A finding's uid
is derived from its rule and subject, so a re-run finds the same finding: its state
(confirmed / dismissed with a reason) is kept; one no longer true becomes 已消除,
never deleted; one true again returns to what it was.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from yikatong_desktop.domain.rules import (
    CATALOGUE_VERSION,
    PENDING,
    RULES,
    FindingStatus,
    Rule,
    Severity,
)
from yikatong_desktop.services.audit import org_code
from yikatong_desktop.storage import findings_store as store
from yikatong_desktop.storage.rule_queries.base import Context
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: Namespace of finding uids: uuid5(namespace, "RULE|subject key").
FINDING_NAMESPACE = uuid.UUID("6f1c2d7e-3b8a-5c4e-9d2f-1a7b3c5e8f90")


@dataclass(frozen=True)
class Hit:
    """One finding as a rule sees it in this run."""

    key: str
    subject_kind: str
    amount_fen: int
    explanation: str
    evidence: list[dict[str, str]]
    severity: Severity
    person_id: int | None = None
    payment_id: int | None = None
    account_id: int | None = None
    program_id: int | None = None
    period_label: str | None = None
    org_code: str | None = None


Query = Callable[[Any, Context], Iterable[Any]]
Explain = Callable[[Any], str]
Evidence = Callable[[Any], list[dict[str, str]]]
Decide = Callable[[Any], Severity | None]  # None: not a finding after all (an exact check in Python)


@dataclass(frozen=True)
class RuleImpl:
    """How one rule is run: its query, and the words and evidence for each row it returns."""

    query: Query
    explain: Explain
    evidence: Evidence
    decide: Decide | None = None  # default: the rule's severity for every row


@dataclass
class RuleOutcome:
    code: str
    open: int = 0
    new: int = 0
    resolved: int = 0
    reopened: int = 0
    amount_fen: int = 0  # at stake in the findings that hold now


def finding_uid(code: str, key: str) -> str:
    """The stable uid of a rule's finding about a subject."""
    return str(uuid.uuid5(FINDING_NAMESPACE, f"{code}|{key}"))


def hits(impl: RuleImpl, rule: Rule, conn: Any, ctx: Context) -> list[Hit]:
    """Run a rule's query and turn its rows into findings."""
    out: list[Hit] = []
    for row in impl.query(conn, ctx):
        severity = rule.severity if impl.decide is None else impl.decide(row)
        if severity is None:
            continue
        m = row._mapping
        out.append(Hit(
            key=str(m["key"]), subject_kind=str(m["subject_kind"]), amount_fen=int(m["amount_fen"] or 0),
            explanation=impl.explain(row), evidence=impl.evidence(row), severity=severity,
            person_id=m.get("person_id"), payment_id=m.get("payment_id"), account_id=m.get("account_id"),
            program_id=m.get("program_id"), period_label=m.get("period_label"), org_code=m.get("org_code")))
    return out


def apply(uow: UnitOfWork, code: str, found: Sequence[Hit], run_id: int) -> RuleOutcome:
    """Store one rule's findings of this run against what is stored: new, kept, changed, resolved."""
    outcome = RuleOutcome(code, open=len(found), amount_fen=sum(h.amount_fen for h in found))
    stored = store.findings_of_rule(uow.conn, code)
    owner = org_code(uow)
    fresh, seen = [], set()
    for hit in found:
        uid = finding_uid(code, hit.key)
        if uid in seen:  # a query must return each subject once; keep the first
            continue
        seen.add(uid)
        old = stored.get(uid)
        if old is None:
            fresh.append(_new_record(uid, code, hit, run_id))
            continue
        changes: dict[str, Any] = {}
        if old.status == FindingStatus.RESOLVED:
            changes["status"] = old.decided_status or FindingStatus.OPEN.value
            outcome.reopened += 1
        evidence = json.dumps(hit.evidence, ensure_ascii=False)
        if (old.amount_fen, old.explanation, old.evidence, old.severity) != (
                hit.amount_fen, hit.explanation, evidence, hit.severity.value):
            changes.update(amount_fen=hit.amount_fen, explanation=hit.explanation, evidence=hit.evidence,
                           severity=hit.severity.value)
        if changes:
            uow.records.change("findings", uid, {**changes, "last_run_id": run_id}, expected_version=old.version)
    uow.records.add_many("findings", fresh, owner=owner)
    outcome.new = len(fresh)
    store.touch(uow.conn, seen - {f["uid"] for f in fresh}, run_id)
    gone = [uid for uid, old in stored.items() if uid not in seen and old.status != FindingStatus.RESOLVED]
    if gone:
        outcome.resolved = uow.records.change_where("findings", {"status": FindingStatus.RESOLVED.value},
                                                    store.uid_condition(gone))
    return outcome


def _new_record(uid: str, code: str, hit: Hit, run_id: int) -> dict[str, Any]:
    return {"uid": uid, "rule": code, "subject_kind": hit.subject_kind, "subject_key": hit.key,
            "severity": hit.severity.value, "person_id": hit.person_id, "payment_id": hit.payment_id,
            "account_id": hit.account_id, "program_id": hit.program_id, "period_label": hit.period_label,
            "org_code": hit.org_code, "amount_fen": hit.amount_fen, "explanation": hit.explanation,
            "evidence": hit.evidence, "status": FindingStatus.OPEN.value, "status_reason": None,
            "status_by": None, "status_at": None, "decided_status": None, "first_run_id": run_id,
            "last_run_id": run_id, "problem_uid": None}


def runnable(codes: Sequence[str] | None) -> list[Rule]:
    """The rules to run, in catalogue order (the pending ones are listed, not run)."""
    wanted = set(codes) if codes else None
    return [r for r in RULES if r.code not in PENDING and (wanted is None or r.code in wanted)]


__all__ = ["CATALOGUE_VERSION", "Context", "Hit", "RuleImpl", "RuleOutcome", "apply", "finding_uid", "hits",
           "runnable"]
