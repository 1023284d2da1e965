"""Findings as clerks work with them (SPEC §6, §7): list and filter, confirm or dismiss (in bulk), export.

A decision is a new version of each finding with who, when and why, and one audit
event for the batch. A dismissal needs a reason. When a decided finding later stops
holding it becomes 已消除; should it hold again, it comes back with the decision.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.ids import mask_id
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.rules import RULES_BY_CODE, SEVERITY_LABELS, STATUS_LABELS, FindingStatus, Severity
from yikatong_desktop.formats.excel_write import write_table_workbook
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.checks.texts import period_text
from yikatong_desktop.storage import findings_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class Finding:
    """A finding with what a clerk needs to read it."""

    uid: str
    rule: str
    title: str
    severity: str
    status: str
    name: str | None
    id_number: str | None  # full: the clerk's own tool; masked wherever it leaves the office
    program: str | None
    program_code: str | None
    period: str | None
    org_code: str | None
    village: str | None
    amount_fen: int
    explanation: str
    evidence: list[dict[str, str]]
    status_reason: str | None
    problem_uid: str | None
    version: int
    problem_number: str | None = None  # 问题编号 once registered in the ledger

    def as_json(self) -> dict[str, Any]:
        """The object `ykt findings --json` prints."""
        return {"uid": self.uid, "rule": self.rule, "title": self.title, "severity": self.severity,
                "status": self.status, "id_number": self.id_number, "name": self.name, "program": self.program,
                "period": self.period, "org": self.org_code, "village": self.village, "amount_fen": self.amount_fen,
                "explanation": self.explanation, "evidence": self.evidence, "reason": self.status_reason,
                "problem": self.problem_uid, "problem_number": self.problem_number}


def _finding(r: Any) -> Finding:
    return Finding(uid=r.uid, rule=r.rule, title=RULES_BY_CODE[r.rule].title, severity=r.severity, status=r.status,
                   name=r.name, id_number=r.id_number, program=r.program, program_code=r.program_code,
                   period=r.period_label,
                   org_code=r.org_code, village=r.place, amount_fen=int(r.amount_fen), explanation=r.explanation,
                   evidence=json.loads(r.evidence), status_reason=r.status_reason, problem_uid=r.problem_uid,
                   version=int(r.version), problem_number=r.problem_number)


def org_prefix(uow: UnitOfWork, text: str | None) -> str | None:
    """An org filter by code or name: findings of that org and everything under it."""
    if not text:
        return None
    found = uow.records.org_by_code(text.strip())
    if found is None:
        named = uow.records.orgs_named(text.strip())
        if not named:
            raise InputRejected("findings.unknown_org", org=text)
        found = named[0]
    return str(found.code)


def list_findings(uow: UnitOfWork, actor: Actor, *, rules: Sequence[str] = (), org: str | None = None,
                  statuses: Sequence[str] = (), limit: int | None = None, offset: int = 0) -> list[Finding]:
    """Findings filtered by rule, org (and below) and status; every one unless `limit`."""
    authorize(actor, Action.VIEW)
    for status in statuses:
        if status not in {s.value for s in FindingStatus}:
            raise UsageError("findings.bad_status", status=status, choices="、".join(s.value for s in FindingStatus))
    rows = store.list_findings(uow.conn, rules=rules, org_prefix=org_prefix(uow, org), statuses=statuses,
                               limit=limit, offset=offset)
    return [_finding(r) for r in rows]


def resolve_uids(uow: UnitOfWork, refs: Sequence[str]) -> list[Any]:
    """Findings by uid or a unique uid prefix (8 characters are enough)."""
    out = []
    for ref in refs:
        hits = store.findings_by_uid_prefix(uow.conn, ref.strip().lower())
        if len(hits) != 1:
            raise InputRejected("findings.unknown" if not hits else "findings.ambiguous", ref=ref)
        out.append(hits[0])
    return out


def decide(uow: UnitOfWork, actor: Actor, refs: Sequence[str], status: FindingStatus, reason: str) -> int:
    """Confirm, dismiss or reopen findings (by uid or prefix); returns how many changed. One audit event."""
    authorize(actor, Action.CHECK)
    if status is FindingStatus.RESOLVED:
        raise UsageError("findings.cannot_resolve")
    if status is FindingStatus.DISMISSED and not reason.strip():
        raise UsageError("findings.reason_needed")
    found = resolve_uids(uow, refs)
    now = uow.clock.now()
    changed = []
    for f in found:
        if f.status == FindingStatus.RESOLVED:
            raise InputRejected("findings.resolved", ref=f.uid[:8])
        if f.status == status.value:
            continue
        decided = None if status is FindingStatus.OPEN else status.value
        uow.records.change("findings", f.uid, {"status": status.value, "decided_status": decided,
                                               "status_reason": reason.strip() or None, "status_by": actor.name,
                                               "status_at": now}, expected_version=f.version)
        changed.append(f.uid)
    if changed:
        record_event(uow, actor, f"finding.{status.value}", object_kind="findings",
                     object_uid=changed[0] if len(changed) == 1 else None,
                     detail={"count": len(changed), "findings": changed, "reason": reason.strip()})
    return len(changed)


HEADERS = ["编号", "规则", "规则名称", "风险", "状态", "姓名", "身份证号", "补贴项目", "期间", "村(社区)/单位",
           "涉及金额(元)", "说明", "处理意见"]


def table_rows(findings: Sequence[Finding], *, mask: bool = False) -> list[list[Any]]:
    """One row per finding for a table, CSV or workbook (IDs masked when the file leaves the office)."""
    return [[f.uid[:8], f.rule, f.title, SEVERITY_LABELS[Severity(f.severity)], STATUS_LABELS[FindingStatus(f.status)],
             f.name or "", (mask_id(f.id_number) if mask else f.id_number) if f.id_number else "", f.program or "",
             period_text(f.period), f.village or f.org_code or "", format_yuan(f.amount_fen), f.explanation,
             f.status_reason or ""] for f in findings]


def export_findings(path: Path, findings: Sequence[Finding], fmt: str) -> None:
    """Findings to .csv (UTF-8 with BOM, opens in Excel) or .xlsx; a file can leave the office, so IDs are masked."""
    rows = table_rows(findings, mask=True)
    if fmt == "csv":
        tmp = path.with_name(path.name + ".part")
        with tmp.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(HEADERS)
            writer.writerows(rows)
        tmp.replace(path)
    else:
        write_table_workbook(path, [("自查发现的问题", HEADERS, rows)])
