"""月报 and 总结 (SPEC §7; the work plan's 六(五) monthly reporting and 五(四) summary).

A report is kept per org (or department), kind and period: the clerk's narrative, and the last PDF
made from it with the document it printed (frozen, JSON) and its signature. Figures always come
from the data at the moment the PDF is made; the footer names the audit chain head they were taken
at and the rule catalogue version, so the same data rebuilds the same figures.

Who may do what: writing and making a report takes the registering permission (the clerk who keeps
the ledger); making it signed takes SIGN alone (a reviewer or admin, with the key passphrase); viewing, VIEW.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from yikatong_desktop.domain.clock import LOCAL_TZ, local_today
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.reports import (
    KIND_LABELS,
    NARRATIVE,
    NARRATIVE_LIMIT,
    Due,
    ReportDoc,
    ReportKind,
    ReportState,
    due_on,
    months_between,
    parse_month,
)
from yikatong_desktop.domain.reports import STATE_LABELS as STATE_LABELS_REPORT
from yikatong_desktop.formats.report_pdf import report_pdf_bytes
from yikatong_desktop.services import report_figures as figures
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.queries import campaign
from yikatong_desktop.services.selfcheck import Scope
from yikatong_desktop.services.selfcheck import scope as find_scope
from yikatong_desktop.services.signing import PdfSigner
from yikatong_desktop.storage import ledger_store
from yikatong_desktop.storage import report_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork

_OPEN_LIST_CAP = 200  # rows of the 留号 list printed in a summary; the rest are counted
_MEASURES_CAP = 30


month = figures.month  # a report month from the command line or a form


@dataclass(frozen=True)
class ReportInfo:
    """A kept report: what, for whom, where it stands."""

    uid: str | None
    version: int
    kind: ReportKind
    scope_kind: str
    scope: str
    scope_name: str
    period: str  # 2019-07 or 2019
    period_label: str  # 2019年7月 or 2019年度
    state: ReportState
    narrative: dict[str, str]
    made_at: datetime | None = None
    made_by: str | None = None
    data_head: str | None = None
    pdf_sha256: str | None = None
    signed_by: str | None = None
    signed_at: datetime | None = None
    certificate: str | None = None
    sent_on: date | None = None
    sent_by: str | None = None

    @property
    def title(self) -> str:
        """e.g. 2019年7月月报（XX县财政局）."""
        return f"{self.period_label}{KIND_LABELS[self.kind]}（{self.scope_name}）"


@dataclass(frozen=True)
class Made:
    """A report made now: its record, the document it printed and the PDF bytes."""

    info: ReportInfo
    doc: ReportDoc
    pdf: bytes


def scope(uow: UnitOfWork, *, org: str | None = None, department: str | None = None) -> Scope:
    """This installation's org, another org by code or name, or a department of the programme catalogue."""
    if department:
        known = sorted({str(p.department) for p in uow.records.programs() if p.in_scope})
        if department.strip() not in known:
            raise InputRejected("report.unknown_department", name=department[:50], known="、".join(known))
    return find_scope(uow, org=org, department=department)


def summary_period(uow: UnitOfWork) -> str:
    """The campaign year a 总结 is written for."""
    return str(campaign(uow).year)


def _period_label(kind: ReportKind, period: str) -> str:
    if kind is ReportKind.MONTHLY:
        found = parse_month(period)
        return found.label_zh if found else period
    return f"{period}年度"


def _info(uow: UnitOfWork, kind: ReportKind, s: Scope, period: str, row: Any) -> ReportInfo:
    label = _period_label(kind, period)
    if row is None:
        return ReportInfo(None, 0, kind, s.kind, s.key, s.name, period, label, ReportState.MISSING,
                          {k: "" for k in NARRATIVE[kind]})
    narrative = {k: "" for k in NARRATIVE[kind]} | json.loads(row.narrative)
    state = (ReportState.SENT if row.sent_on else ReportState.SIGNED if row.signed_at
             else ReportState.MADE if row.pdf_sha256 else ReportState.DRAFT)
    return ReportInfo(row.uid, int(row.version), kind, s.kind, s.key, s.name, period, label, state, narrative,
                      row.made_at, row.made_by, row.data_head, row.pdf_sha256, row.signed_by, row.signed_at,
                      row.certificate, row.sent_on, row.sent_by)


def get(uow: UnitOfWork, actor: Actor, kind: ReportKind, s: Scope, period: str) -> ReportInfo:
    """The report kept for a kind, scope and period (state MISSING when there is none yet)."""
    authorize(actor, Action.VIEW)
    return _info(uow, kind, s, period, store.report(uow.conn, org_code(uow), kind.value, s.kind, s.key, period))


def list_reports(uow: UnitOfWork, actor: Actor, kind: ReportKind | None = None) -> list[ReportInfo]:
    """This org's reports, newest period first."""
    authorize(actor, Action.VIEW)
    out = []
    for row in store.reports(uow.conn, kind=kind.value if kind else None, owner=org_code(uow)):
        s = _stored_scope(uow, row.scope_kind, row.scope)
        out.append(_info(uow, ReportKind(row.kind), s, row.period, row))
    return out


def _stored_scope(uow: UnitOfWork, scope_kind: str, key: str) -> Scope:
    if scope_kind == "department":
        return Scope("department", key, key, None)
    org = uow.records.org_by_code(key)
    own = key == org_code(uow)
    return Scope("org", key, str(org.name) if org is not None else key, None if own else key)


def save_narrative(uow: UnitOfWork, actor: Actor, kind: ReportKind, s: Scope, period: str,
                   edits: Mapping[str, str]) -> ReportInfo:
    """Keep the clerk's text of some sections (the others stay as they were); audited."""
    authorize(actor, Action.REGISTER)
    row = store.report(uow.conn, org_code(uow), kind.value, s.kind, s.key, period)
    current = _info(uow, kind, s, period, row)
    if current.state is ReportState.SENT:
        raise InputRejected("report.already_sent", title=current.title, day=current.sent_on)
    narrative = dict(current.narrative)
    for key, text in edits.items():
        if key not in NARRATIVE[kind]:
            raise InputRejected("report.unknown_section", section=key, known="、".join(
                f"{k}（{v}）" for k, v in NARRATIVE[kind].items()))
        clean = text.replace("\r\n", "\n").strip()
        if len(clean) > NARRATIVE_LIMIT:
            raise InputRejected("report.text_too_long", section=NARRATIVE[kind][key], most=NARRATIVE_LIMIT)
        narrative[key] = clean
    if narrative == current.narrative and row is not None:
        return current
    values: dict[str, Any] = {"narrative": narrative}
    if current.state is ReportState.SIGNED:  # the signed PDF no longer says what the text says: make it again
        values.update(pdf_sha256=None, signed_by=None, signed_at=None, certificate=None)
    uid = _store(uow, row, kind, s, period, values)
    record_event(uow, actor, "report.text", object_kind="reports", object_uid=uid,
                 detail={"kind": kind.value, "scope": s.key, "period": period,
                         "sections": sorted(k for k in narrative if narrative[k] != current.narrative.get(k)),
                         "unsigned": current.state is ReportState.SIGNED})
    return get(uow, actor, kind, s, period)


def _store(uow: UnitOfWork, row: Any, kind: ReportKind, s: Scope, period: str, values: Mapping[str, Any]) -> str:
    """Write the report (a new record, or a new version of `row`); its uid."""
    if row is None:
        base = {"kind": kind.value, "scope_kind": s.kind, "scope": s.key, "period": period,
                "narrative": {k: "" for k in NARRATIVE[kind]}}
        uid = str(uuid.uuid4())
        uow.records.add("reports", base | dict(values), owner=org_code(uow), uid=uid)
        return uid
    uow.records.change("reports", row.uid, values, expected_version=int(row.version))
    return str(row.uid)


def document(uow: UnitOfWork, actor: Actor, kind: ReportKind, s: Scope, period: str,
             narrative: Mapping[str, str] | None = None) -> ReportDoc:
    """What the report says now, from the data and the kept (or given) narrative; nothing is stored."""
    authorize(actor, Action.VIEW)
    text = dict(get(uow, actor, kind, s, period).narrative) | dict(narrative or {})
    head = uow.audit.head(org_code(uow))
    data_head = f"#{head[0]} {head[1][:16].upper()}" if head else "#0"
    made_at = f"{uow.clock.now().astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}"
    org_name = str(uow.get_setting("org.name", ""))
    build = figures.monthly if kind is ReportKind.MONTHLY else figures.summary
    return build(uow, actor, s, period, text, org_name, made_at, data_head)


def make(uow: UnitOfWork, actor: Actor, kind: ReportKind, s: Scope, period: str, *,
         narrative: Mapping[str, str] | None = None, signer: PdfSigner | None = None) -> Made:
    """Make the PDF now (and sign it when a signer is given), keep it with the report; audited.

    A signed report needs its main narrative section written.
    """
    authorize(actor, Action.SIGN if signer is not None else Action.REGISTER)  # a reviewer signs what a clerk wrote
    current = get(uow, actor, kind, s, period)
    if current.state is ReportState.SENT:  # what was sent stays what it was
        raise InputRejected("report.already_sent", title=current.title, day=current.sent_on)
    if current.state is ReportState.SIGNED:  # replacing a signed report is for someone who may sign
        authorize(actor, Action.SIGN)
    main = next(iter(NARRATIVE[kind]))
    # Refused before anything is written: the main section as it will be once the given text is kept.
    if signer is not None:
        kept = get(uow, actor, kind, s, period).narrative[main]
        if not (narrative or {}).get(main, kept).strip():
            raise InputRejected("report.needs_text", section=NARRATIVE[kind][main])
    if narrative:
        save_narrative(uow, actor, kind, s, period, narrative)
    doc = document(uow, actor, kind, s, period)
    pdf = report_pdf_bytes(doc)
    now = uow.clock.now()
    values: dict[str, Any] = {"figures": doc.to_json(), "made_at": now, "made_by": actor.name,
                              "data_head": doc.data_head, "catalogue_version": doc.catalogue_version,
                              "signed_by": None, "signed_at": None, "certificate": None, "sent_on": None,
                              "sent_by": None}
    if signer is not None:
        pdf = signer.sign(pdf, reason=f"{doc.title}（{doc.period_label}）", location=doc.org_name)
        values.update(signed_by=signer.signer_name, signed_at=now, certificate=signer.fingerprint)
    sha = hashlib.sha256(pdf).hexdigest()
    ledger_store.store_blob(uow.conn, sha, pdf)
    values["pdf_sha256"] = sha
    row = store.report(uow.conn, org_code(uow), kind.value, s.kind, s.key, period)
    uid = _store(uow, row, kind, s, period, values)
    record_event(uow, actor, "report.sign" if signer is not None else "report.make", object_kind="reports",
                 object_uid=uid,
                 detail={"kind": kind.value, "scope": s.key, "period": period, "sha256": sha,
                         "data_head": doc.data_head, "certificate": values["certificate"]})
    return Made(get(uow, actor, kind, s, period), doc, pdf)


def pdf_of(uow: UnitOfWork, actor: Actor, info: ReportInfo) -> bytes:
    """The PDF last made for a report, as it was made (signed or not)."""
    authorize(actor, Action.VIEW)
    if info.pdf_sha256 is None:
        raise InputRejected("report.not_made", title=info.title)
    data = ledger_store.blob(uow.conn, info.pdf_sha256)
    if data is None:
        raise InputRejected("report.not_made", title=info.title)
    return data


def mark_sent(uow: UnitOfWork, actor: Actor, kind: ReportKind, s: Scope, period: str, day: date) -> ReportInfo:
    """Record that the report was sent (报送) on `day`; it must have been made first; audited."""
    authorize(actor, Action.REGISTER)
    row = store.report(uow.conn, org_code(uow), kind.value, s.kind, s.key, period)
    info = _info(uow, kind, s, period, row)
    if info.state in (ReportState.MISSING, ReportState.DRAFT):
        raise InputRejected("report.not_made", title=info.title)
    today = local_today(uow.clock).date()
    if day > today:
        raise InputRejected("report.sent_in_future", day=day.isoformat())
    made = info.made_at.astimezone(LOCAL_TZ).date() if info.made_at else today
    if day < made:
        raise InputRejected("report.sent_before_made", day=day.isoformat(), made=made.isoformat())
    _store(uow, row, kind, s, period, {"sent_on": day, "sent_by": actor.name})
    record_event(uow, actor, "report.sent", object_kind="reports", object_uid=str(row.uid),
                 detail={"kind": kind.value, "scope": s.key, "period": period, "day": day.isoformat(),
                         "signed": info.state is ReportState.SIGNED})
    return get(uow, actor, kind, s, period)


def due(uow: UnitOfWork, actor: Actor) -> Due | None:
    """The monthly report the dashboard points at (this org's own), or None outside the campaign."""
    authorize(actor, Action.VIEW)
    camp = campaign(uow)
    today = local_today(uow.clock).date()
    own = _stored_scope(uow, "org", org_code(uow))
    states = {i.period: i.state for i in list_reports(uow, actor, ReportKind.MONTHLY)
              if i.scope_kind == "org" and i.scope == own.key}
    months = months_between(camp.phases[0].start, camp.phases[-1].end)
    return due_on(today, states, months, camp.monthly_report_day)


def describe_state(info: ReportInfo) -> str:
    """One line: state, who made, signed and sent it, for the CLI and the GUI."""
    parts = [STATE_LABELS_REPORT[info.state]]
    if info.signed_by and info.signed_at:
        parts.append(f"{info.signed_by} 签名于 {info.signed_at.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}")
    if info.sent_on:
        parts.append(f"{info.sent_on:%Y-%m-%d} 报送（{info.sent_by}）")
    return "，".join(parts)

