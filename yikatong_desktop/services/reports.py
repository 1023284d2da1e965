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
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from yikatong_desktop.domain.checklist import ITEMS, ITEMS_BY_CODE, primary_item
from yikatong_desktop.domain.clock import LOCAL_TZ, local_today
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.orgs import OrgLevel
from yikatong_desktop.domain.periods import Period
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.problems import SOURCES, STATE_LABELS, Kind, Outcome, State
from yikatong_desktop.domain.reports import (
    KIND_LABELS,
    NARRATIVE,
    NARRATIVE_LIMIT,
    Col,
    Due,
    ReportDoc,
    ReportKind,
    ReportState,
    Section,
    Table,
    due_date,
    due_on,
    months_between,
    parse_month,
)
from yikatong_desktop.domain.reports import STATE_LABELS as STATE_LABELS_REPORT
from yikatong_desktop.domain.rules import CATALOGUE_VERSION, RULES_BY_CODE
from yikatong_desktop.formats.report_pdf import report_pdf_bytes
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.basics import basics
from yikatong_desktop.services.queries import campaign
from yikatong_desktop.services.selfcheck import Scope
from yikatong_desktop.services.selfcheck import scope as find_scope
from yikatong_desktop.services.signing import PdfSigner
from yikatong_desktop.storage import ledger_store
from yikatong_desktop.storage import report_store as store
from yikatong_desktop.storage.report_store import Where
from yikatong_desktop.storage.unit_of_work import UnitOfWork

TIMESTAMP_SETTING = "pdf.timestamp_url"
_OPEN_LIST_CAP = 200  # rows of the 留号 list printed in a summary; the rest are counted
_MEASURES_CAP = 30


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
    """This installation's org, another org by code or name, or a department."""
    return find_scope(uow, org=org, department=department)


def month(text: str) -> Period:
    """A report month from the command line or a form (2019-07, 2019年7月)."""
    found = parse_month(text)
    if found is None:
        raise InputRejected("report.bad_month", text=text)
    return found


def summary_period(uow: UnitOfWork) -> str:
    """The campaign year a 总结 is written for."""
    return str(campaign(uow).year)


def _period_label(kind: ReportKind, period: str) -> str:
    if kind is ReportKind.MONTHLY:
        found = parse_month(period)
        return found.label_zh if found else period
    return f"{period}年度"


def _where(s: Scope) -> Where:
    return Where(s.org_prefix, s.key if s.kind == "department" else None)


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
    _store(uow, row, kind, s, period, {"narrative": narrative})
    record_event(uow, actor, "report.text", object_kind="reports",
                 object_uid=_uid_of(uow, kind, s, period),
                 detail={"kind": kind.value, "scope": s.key, "period": period,
                         "sections": sorted(k for k in edits if k in NARRATIVE[kind])})
    return get(uow, actor, kind, s, period)


def _uid_of(uow: UnitOfWork, kind: ReportKind, s: Scope, period: str) -> str:
    row = store.report(uow.conn, org_code(uow), kind.value, s.kind, s.key, period)
    return str(row.uid)


def _store(uow: UnitOfWork, row: Any, kind: ReportKind, s: Scope, period: str, values: Mapping[str, Any]) -> None:
    if row is None:
        base = {"kind": kind.value, "scope_kind": s.kind, "scope": s.key, "period": period,
                "narrative": {k: "" for k in NARRATIVE[kind]}}
        uow.records.add("reports", base | dict(values), owner=org_code(uow), uid=str(uuid.uuid4()))
    else:
        uow.records.change("reports", row.uid, values, expected_version=int(row.version))


def document(uow: UnitOfWork, actor: Actor, kind: ReportKind, s: Scope, period: str,
             narrative: Mapping[str, str] | None = None) -> ReportDoc:
    """What the report says now, from the data and the kept (or given) narrative; nothing is stored."""
    authorize(actor, Action.VIEW)
    text = dict(get(uow, actor, kind, s, period).narrative) | dict(narrative or {})
    head = uow.audit.head(org_code(uow))
    data_head = f"#{head[0]} {head[1][:16].upper()}" if head else "#0"
    made_at = f"{uow.clock.now().astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}"
    org_name = str(uow.get_setting("org.name", ""))
    build = _monthly if kind is ReportKind.MONTHLY else _summary
    return build(uow, actor, s, period, text, org_name, made_at, data_head)


def make(uow: UnitOfWork, actor: Actor, kind: ReportKind, s: Scope, period: str, *,
         narrative: Mapping[str, str] | None = None, signer: PdfSigner | None = None) -> Made:
    """Make the PDF now (and sign it when a signer is given), keep it with the report; audited.

    A signed report needs its main narrative section written.
    """
    authorize(actor, Action.SIGN if signer is not None else Action.REGISTER)  # a reviewer signs what a clerk wrote
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
    _store(uow, row, kind, s, period, values)
    record_event(uow, actor, "report.sign" if signer is not None else "report.make", object_kind="reports",
                 object_uid=_uid_of(uow, kind, s, period),
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


def timestamp_url(uow: UnitOfWork) -> str | None:
    """The RFC 3161 timestamp server reports are signed with (PAdES B-T), if one is set."""
    value = uow.get_setting(TIMESTAMP_SETTING)
    return str(value) if value else None


def set_timestamp_url(uow: UnitOfWork, actor: Actor, url: str | None) -> None:
    """Set or clear the timestamp server; audited."""
    authorize(actor, Action.SETTINGS)
    if url and not url.startswith(("http://", "https://")):
        raise InputRejected("report.bad_timestamp_url", url=url)
    before = timestamp_url(uow)
    uow.set_setting(TIMESTAMP_SETTING, url or None)
    record_event(uow, actor, "settings.timestamp_url", detail={"before": before, "after": url or None})


# --- the monthly report -----------------------------------------------------------------------------------------

def _month_bounds(period: Period) -> tuple[datetime, datetime]:
    start = datetime(period.start.year, period.start.month, 1, tzinfo=LOCAL_TZ)
    return start, datetime.combine(period.end + timedelta(days=1), datetime.min.time(), tzinfo=LOCAL_TZ)


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


def _open_at(p: Any, end: date) -> bool:
    return not (p.state == State.CLOSED.value and p.closed_on is not None and p.closed_on <= end)


def _narrative_paragraphs(text: str) -> list[str]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return lines or ["（未填写）"]


def _zh_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _yuan(fen: int) -> str:
    return f"{format_yuan(fen)} 元"


def _monthly(uow: UnitOfWork, actor: Actor, s: Scope, period: str, text: Mapping[str, str], org_name: str,
             made_at: str, data_head: str) -> ReportDoc:
    m = month(period)
    start, end = m.start, m.end
    where = _where(s)
    problems = store.problems(uow.conn, where, until=end, since=start)
    reg = [p for p in problems if _in(p.registered_on, start, end)]
    closed = [p for p in problems if p.state == State.CLOSED.value and _in(p.closed_on, start, end)]
    moved = [p for p in problems if _in(p.transfer_on, start, end)]
    still_open = [p for p in problems if _open_at(p, end)]
    overdue = [p for p in still_open if p.deadline is not None and p.deadline < end]
    utc_start, utc_end = _month_bounds(m)
    moves = store.moves(uow.conn, where, ("problem.return", "problem.reopen"), utc_start, utc_end)
    complaints = store.complaints(uow.conn, where, start, end)
    found = store.findings(uow.conn, where, utc_start, utc_end)
    camp_start = campaign(uow).phases[0].start
    removed = store.deregistered(uow.conn, where, start, end)
    # From the first day of the campaign's first month, as the month figures count: a cumulative never drops.
    removed_total = store.deregistered(uow.conn, where, min(camp_start.replace(day=1), start), end)
    closed_total = [p for p in problems if not _open_at(p, end)]
    recovered = sum(int(p.recovered_in_fen) for p in problems)
    recovered_total = sum(int(p.recovered_fen) for p in problems)
    handled = sum(int(p.handled_persons) for p in closed)
    facts = {
        "registered": len(reg), "registered_fen": sum(int(p.amount_fen) for p in reg),
        "closed": len(closed), "closed_fen": sum(int(p.amount_fen) for p in closed),
        "transferred": len(moved), "open": len(still_open), "overdue": len(overdue),
        "returned": moves.get("problem.return", 0), "reopened": moves.get("problem.reopen", 0),
        "recovered_fen": recovered, "recovered_total_fen": recovered_total, "handled_persons": handled,
        "deregistered": removed, "complaints_received": complaints["received"],
        "complaints_closed": complaints["closed"], "complaints_open": complaints["open"],
        "findings_new": sum(int(r.new) for r in found), "findings_live": sum(int(r.live) for r in found),
    }
    sources = Counter(p.source for p in reg)
    receivers = Counter(p.transfer_to for p in moved)
    sections = [
        Section(NARRATIVE[ReportKind.MONTHLY]["progress"], _narrative_paragraphs(text.get("progress", "")),
                narrative="progress"),
        Section("解决的突出问题", [
            f"本月销号问题 {len(closed)} 个，涉及金额 {_yuan(facts['closed_fen'])}，"
            f"已追回 {_yuan(sum(int(p.recovered_fen) for p in closed))}。" if closed else "本月没有销号的问题。"],
            [_closed_table(closed)] if closed else []),
        Section("取得的成效", [
            f"本月追回资金 {_yuan(recovered)}，专项整治以来累计追回 {_yuan(recovered_total)}；"
            f"本月销号问题涉及处理人员 {handled} 人；清退（注销）补贴对象 {removed} 人。"],
            [_results_table(closed, closed_total, recovered, recovered_total, removed, removed_total)]),
        Section("发现的问题及线索办理情况", [
            f"本月新挂号问题 {len(reg)} 个（" + "，".join(f"{SOURCES[k]} {sources.get(k, 0)} 个" for k in SOURCES)
            + f"），涉及金额 {_yuan(facts['registered_fen'])}；移交问题线索 {len(moved)} 个"
            + ("（" + "，".join(f"{k} {n} 个" for k, n in sorted(receivers.items()) if k) + "）" if moved else "")
            + f"；退回整改 {facts['returned']} 次，回头看重新整改 {facts['reopened']} 个。"
            f"月末留号 {len(still_open)} 个，其中逾期 {len(overdue)} 个。",
            f"本月受理举报 {complaints['received']} 件（其中公示异议 {complaints['objections']} 件），"
            f"办结 {complaints['closed']} 件，月末未办结 {complaints['open']} 件。",
            f"自查规则本月新发现疑点 {facts['findings_new']} 条，目前待核实和已确认 {facts['findings_live']} 条。"],
            [_category_table(reg, closed, moved, still_open, overdue), _findings_table(found)]),
    ]
    towns = _township_table(uow, s, problems, start, end)
    if towns is not None:
        sections.append(Section("各乡镇（街道）情况", [
            "各乡镇的数据来自其报送并已合并的数据包；尚未合并的，按本单位登记的数据统计。"], [towns]))
    sections.append(Section(NARRATIVE[ReportKind.MONTHLY]["next"], _narrative_paragraphs(text.get("next", "")),
                            narrative="next"))
    sections.append(Section("报送时限", [f"本月报应于 {_zh_day(due_date(m, campaign(uow).monthly_report_day))} 前"
                                        "经主要领导签字审核、加盖公章后报州财政局监督科。"]))
    return ReportDoc(ReportKind.MONTHLY, f"{org_name}惠民财政补贴资金“一卡通”专项整治工作月报", org_name, s.name,
                     m.label_zh, sections, made_at, data_head, CATALOGUE_VERSION, facts)


def _item_title(code: str) -> str:
    item = ITEMS_BY_CODE.get(code)
    return f"{code} {item.title}" if item else code


def _closed_table(closed: Sequence[Any]) -> Table:
    rows = [[p.number, _item_title(p.category), p.description, int(p.amount_fen), int(p.recovered_fen),
             p.outcome or ""] for p in closed]
    rows.append(["合计", "", f"{len(closed)} 个", sum(int(p.amount_fen) for p in closed),
                 sum(int(p.recovered_fen) for p in closed), ""])
    return Table("本月销号的问题", [Col("编号", width=11), Col("整治内容", "long", 16), Col("问题", "long", 30),
                                 Col("涉及金额（元）", "yuan", 11), Col("已追回（元）", "yuan", 11),
                                 Col("处理结果", width=10)], rows, frozenset({len(rows) - 1}))


def _results_table(closed: Sequence[Any], closed_total: Sequence[Any], recovered: int, recovered_total: int,
                   removed: int, removed_total: int) -> Table:
    def persons(items: Sequence[Any], outcome: str | None = None) -> int:
        return sum(int(p.handled_persons) for p in items if outcome is None or p.outcome == outcome)

    def count(items: Sequence[Any], flag: str) -> int:
        return sum(bool(getattr(p, flag)) for p in items)

    rows: list[list[Any]] = [
        ["销号问题（个）", len(closed), len(closed_total)],
        ["处理人员（人）", persons(closed), persons(closed_total)],
        *([f"　其中{o.value}（人）", persons(closed, o.value), persons(closed_total, o.value)] for o in Outcome),
        ["主动说明问题（个）", count(closed, "came_forward"), count(closed_total, "came_forward")],
        ["退赔（个）", count(closed, "repaid"), count(closed_total, "repaid")],
        ["清退（注销）补贴对象（人）", removed, removed_total],
    ]
    # Money and counts share the columns, so they are printed as text here, right-aligned ("num")
    shown = [["追回资金（元）", format_yuan(recovered), format_yuan(recovered_total)],
             *([label, f"{a:,}", f"{b:,}"] for label, a, b in rows)]
    return Table("成效（本月 / 专项整治以来累计）",
                 [Col("指标", "long", 30), Col("本月", "num", 14), Col("累计", "num", 14)], shown)


def _category_table(reg: Sequence[Any], closed: Sequence[Any], moved: Sequence[Any], still_open: Sequence[Any],
                    overdue: Sequence[Any]) -> Table:
    def by(items: Sequence[Any]) -> Counter[str]:
        return Counter(p.category for p in items)

    counts = [by(reg), by(closed), by(moved), by(still_open), by(overdue)]
    money: Counter[str] = Counter()
    for p in still_open:
        money[p.category] += int(p.amount_fen)
    codes = [i.code for i in ITEMS if any(c[i.code] for c in counts)]
    codes += sorted({c for cs in counts for c in cs} - set(codes))
    rows = [[_item_title(code), *(c[code] for c in counts), money[code]] for code in codes]
    rows.append(["合计", *(sum(c.values()) for c in counts), sum(money.values())])
    return Table("按整治内容分类", [Col("整治内容", "long", 34), Col("本月挂号", "int", 8), Col("本月销号", "int", 8),
                               Col("本月移交", "int", 8), Col("月末留号", "int", 8), Col("其中逾期", "int", 8),
                               Col("留号涉及金额（元）", "yuan", 14)], rows, frozenset({len(rows) - 1}))


def _findings_table(found: Sequence[Any]) -> Table:
    rows = [[f"{r.rule} {RULES_BY_CODE[r.rule].title}" if r.rule in RULES_BY_CODE else r.rule,
             primary_item(RULES_BY_CODE[r.rule].item) if r.rule in RULES_BY_CODE else "",
             int(r.new), int(r.live), int(r.live_fen), int(r.dismissed)] for r in found]
    rows.append(["合计", "", sum(int(r.new) for r in found), sum(int(r.live) for r in found),
                 sum(int(r.live_fen) for r in found), sum(int(r.dismissed) for r in found)])
    return Table("自查规则发现的疑点", [Col("规则", "long", 30), Col("整治内容", width=8), Col("本月新发现", "int", 10),
                                  Col("待核实和已确认", "int", 11), Col("涉及金额（元）", "yuan", 13),
                                  Col("已排除", "int", 8)], rows, frozenset({len(rows) - 1}))


def _township_table(uow: UnitOfWork, s: Scope, problems: Sequence[Any], start: date, end: date) -> Table | None:
    """Per township, for a county's own report: registered, closed, kept open, recovered in the month."""
    if s.kind != "org":
        return None
    me = uow.records.org_by_code(s.key)
    if me is None or me.level != OrgLevel.COUNTY.value:
        return None
    towns = store.children(uow.conn, s.key, OrgLevel.TOWNSHIP.value)
    if not towns:
        return None
    rows: list[list[Any]] = []
    claimed: set[str] = set()
    for code, name in [*((t.code, t.name) for t in towns), (None, "县本级及未指明乡镇")]:
        mine = [p for p in problems if (p.org_code or "").startswith(code)] if code else [
            p for p in problems if p.number not in claimed]
        claimed |= {p.number for p in mine}
        if code is None and not mine:
            continue
        rows.append([name, sum(_in(p.registered_on, start, end) for p in mine),
                     sum(p.state == State.CLOSED.value and _in(p.closed_on, start, end) for p in mine),
                     sum(_open_at(p, end) for p in mine), sum(int(p.recovered_in_fen) for p in mine)])
    rows.append(["合计", *(sum(r[i] for r in rows) for i in range(1, 5))])
    return Table(None, [Col("乡镇（街道）", "long", 24), Col("本月挂号", "int", 10), Col("本月销号", "int", 10),
                        Col("月末留号", "int", 10), Col("本月追回（元）", "yuan", 14)], rows,
                 frozenset({len(rows) - 1}))


# --- the campaign summary ---------------------------------------------------------------------------------------

def _summary(uow: UnitOfWork, actor: Actor, s: Scope, period: str, text: Mapping[str, str], org_name: str,
             made_at: str, data_head: str) -> ReportDoc:
    today = local_today(uow.clock).date()
    where = _where(s)
    problems = store.problems(uow.conn, where, until=today)
    found = store.findings(uow.conn, where, None, None)
    still_open = [p for p in problems if _open_at(p, today)]
    closed = [p for p in problems if not _open_at(p, today)]
    recovered = sum(int(p.recovered_fen) for p in problems)
    facts = {"problems": len(problems), "problems_fen": sum(int(p.amount_fen) for p in problems),
             "closed": len(closed), "open": len(still_open), "recovered_fen": recovered,
             "handled_persons": sum(int(p.handled_persons) for p in closed),
             "findings_live": sum(int(r.live) for r in found)}
    base = basics(uow, actor, org=s.org_prefix, detail=False)
    programs = [p for p in base.programs if where.department is None or p.department == where.department]
    sections = [
        Section(NARRATIVE[ReportKind.SUMMARY]["overview"], _narrative_paragraphs(text.get("overview", "")),
                narrative="overview"),
        Section("摸清底数", [
            f"截至 {_zh_day(today)}，数据中共有补贴项目 {len(programs)} 个，发放 "
            f"{sum(p.figures.payments for p in programs):,} 笔，"
            f"金额 {_yuan(sum(p.figures.paid_fen for p in programs))}。"],
            [_basics_table(programs)]),
        Section("发现问题和整改情况", [
            f"问题台账共挂号 {len(problems)} 个，涉及金额 {_yuan(facts['problems_fen'])}；已销号 {len(closed)} 个，"
            f"留号 {len(still_open)} 个；累计追回资金 {_yuan(recovered)}，处理人员 {facts['handled_persons']} 人。"],
            [_items_table(found, problems, today)]),
        Section(NARRATIVE[ReportKind.SUMMARY]["practices"], _narrative_paragraphs(text.get("practices", "")),
                [_measures_table(closed)] if closed else [], narrative="practices"),
        Section("留号问题清单", [
            f"截至 {_zh_day(today)} 尚未销号的问题 {len(still_open)} 个，继续整改，完成一个销号一个。"
            if still_open else "所有问题均已销号。"], [_open_table(still_open, today)] if still_open else []),
        Section(NARRATIVE[ReportKind.SUMMARY]["problems"], _narrative_paragraphs(text.get("problems", "")),
                narrative="problems"),
        Section(NARRATIVE[ReportKind.SUMMARY]["suggestions"], _narrative_paragraphs(text.get("suggestions", "")),
                narrative="suggestions"),
    ]
    return ReportDoc(ReportKind.SUMMARY, f"{org_name}惠民财政补贴资金“一卡通”专项整治工作总结", org_name, s.name,
                     f"{period}年度", sections, made_at, data_head, CATALOGUE_VERSION, facts)


def _basics_table(programs: Sequence[Any]) -> Table:
    rows = [[p.name, p.department, p.figures.persons, p.figures.payments, p.figures.paid_fen,
             str(p.figures.share("card"))] for p in programs]
    rows.append(["合计", "", sum(p.figures.persons for p in programs), sum(p.figures.payments for p in programs),
                 sum(p.figures.paid_fen for p in programs), ""])
    return Table("各补贴项目底数", [Col("补贴项目", "long", 24), Col("主管部门", "long", 14),
                               Col("对象（人）", "int", 10), Col("发放（笔）", "int", 10),
                               Col("金额（元）", "yuan", 15), Col("一卡通占比", "percent", 10)],
                 rows, frozenset({len(rows) - 1}))


def _items_table(found: Sequence[Any], problems: Sequence[Any], today: date) -> Table:
    live: Counter[str] = Counter()
    live_fen: Counter[str] = Counter()
    for r in found:
        rule = RULES_BY_CODE.get(r.rule)
        code = primary_item(rule.item) if rule else ""
        live[code] += int(r.live)
        live_fen[code] += int(r.live_fen)
    rows: list[list[Any]] = []
    for item in ITEMS:
        mine = [p for p in problems if p.category == item.code]
        rows.append([f"{item.code} {item.title}", live[item.code], live_fen[item.code], len(mine),
                     sum(not _open_at(p, today) for p in mine), sum(_open_at(p, today) for p in mine),
                     sum(int(p.recovered_fen) for p in mine)])
    rows.append(["合计", *(sum(r[i] for r in rows) for i in range(1, 7))])
    return Table("按整治内容（15项）", [Col("整治内容", "long", 34), Col("疑点（条）", "int", 8),
                                   Col("疑点金额（元）", "yuan", 12), Col("挂号（个）", "int", 8),
                                   Col("已销号", "int", 7), Col("留号", "int", 7), Col("追回（元）", "yuan", 12)], rows,
                 frozenset({len(rows) - 1}))


def _measures_table(closed: Sequence[Any]) -> Table:
    ranked = sorted(closed, key=lambda p: (-int(p.amount_fen), p.number))
    rows = [[p.number, _item_title(p.category), p.measures or "", p.outcome or ""] for p in ranked[:_MEASURES_CAP]]
    more = len(ranked) - _MEASURES_CAP
    note = f"另有 {more} 个已销号问题的整改措施见问题台账。" if more > 0 else ""
    return Table("已销号问题的整改措施（按涉及金额）", [Col("编号", width=11), Col("整治内容", "long", 16),
                                           Col("整改措施", "long", 40), Col("处理结果", width=10)], rows, note=note)


def _open_table(still_open: Sequence[Any], today: date) -> Table:
    rows = [[p.number, _item_title(p.category), p.description, p.responsible_unit or "",
             f"{p.deadline:%Y-%m-%d}" if p.deadline else "",
             STATE_LABELS[Kind.PROBLEM][State(p.state)] + ("（逾期）" if p.deadline and p.deadline < today else "")]
            for p in still_open[:_OPEN_LIST_CAP]]
    more = len(still_open) - _OPEN_LIST_CAP
    note = f"另有 {more} 个留号问题见问题台账。" if more > 0 else ""
    return Table(None, [Col("编号", width=11), Col("整治内容", "long", 15), Col("问题", "long", 26),
                        Col("责任单位", "long", 12), Col("整改时限", width=10), Col("状态", "long", 14)], rows,
                 note=note)


def describe_state(info: ReportInfo) -> str:
    """One line: state, who made, signed and sent it, for the CLI and the GUI."""
    parts = [STATE_LABELS_REPORT[info.state]]
    if info.signed_by and info.signed_at:
        parts.append(f"{info.signed_by} 签名于 {info.signed_at.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}")
    if info.sent_on:
        parts.append(f"{info.sent_on:%Y-%m-%d} 报送（{info.sent_by}）")
    return "，".join(parts)

