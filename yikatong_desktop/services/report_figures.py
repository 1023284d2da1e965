"""The figures of the 月报 and the 总结 (SPEC §7), from the ledger, complaints, findings and status lists.

Closures are read from the audit trail where this office holds it (a 回头看 later does not rewrite an
earlier month); problems merged from other offices fall back to their recorded 销号 date. Free text
(descriptions, measures, the clerk's narrative) is printed through the privacy mask (SPEC §9).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from yikatong_desktop.domain.checklist import ITEMS, ITEMS_BY_CODE, primary_item
from yikatong_desktop.domain.clock import LOCAL_TZ, local_today
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.orgs import OrgLevel
from yikatong_desktop.domain.periods import Period
from yikatong_desktop.domain.privacy import mask_text
from yikatong_desktop.domain.problems import SOURCES, STATE_LABELS, Kind, Outcome, State
from yikatong_desktop.domain.reports import NARRATIVE, Col, ReportDoc, ReportKind, Section, Table, due_date, parse_month
from yikatong_desktop.domain.rules import CATALOGUE_VERSION, RULES_BY_CODE
from yikatong_desktop.services.auth import Actor
from yikatong_desktop.services.basics import basics
from yikatong_desktop.services.queries import campaign
from yikatong_desktop.services.selfcheck import Scope
from yikatong_desktop.storage import report_store as store
from yikatong_desktop.storage.report_store import Where
from yikatong_desktop.storage.unit_of_work import UnitOfWork

_OPEN_LIST_CAP = 200  # rows of the 留号 list printed in a summary; the rest are counted
_MEASURES_CAP = 30


def month(text: str) -> Period:
    """A report month from the command line or a form (2019-07, 2019年7月)."""
    found = parse_month(text)
    if found is None:
        raise InputRejected("report.bad_month", text=text)
    return found



def where_of(s: Scope) -> Where:
    """The report_store scope of a report scope."""
    return Where(s.org_prefix, s.key if s.kind == "department" else None)


# --- the monthly report -----------------------------------------------------------------------------------------

def _month_bounds(period: Period) -> tuple[datetime, datetime]:
    start = datetime(period.start.year, period.start.month, 1, tzinfo=LOCAL_TZ)
    return start, datetime.combine(period.end + timedelta(days=1), datetime.min.time(), tzinfo=LOCAL_TZ)


def _in(day: date | None, start: date, end: date) -> bool:
    return day is not None and start <= day <= end


class Closures:
    """When each problem's standing 销号 happened, as of a day: from this office's audit trail when it
    moved the problem (a later 回头看 does not rewrite an earlier month), else from its record."""

    def __init__(self, events: Mapping[str, Sequence[tuple[datetime, str]]]) -> None:
        self.events = events

    def closed_on(self, p: Any, end: date) -> date | None:
        """The day the 销号 standing at the end of `end` was made; None when the problem was open then."""
        trail = self.events.get(str(p.uid))
        if trail:
            limit = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=LOCAL_TZ)
            standing = [e for e in trail if e[0] < limit]
            if standing and standing[-1][1] == "problem.close":
                return standing[-1][0].astimezone(LOCAL_TZ).date()
            return None
        closed = p.state == State.CLOSED.value and p.closed_on is not None and p.closed_on <= end
        return p.closed_on if closed else None


def _closures(uow: UnitOfWork, where: Where, end: date) -> Closures:
    limit = datetime.combine(end + timedelta(days=1), datetime.min.time(), tzinfo=LOCAL_TZ)
    return Closures(store.closings(uow.conn, where, limit))


def _narrative_paragraphs(text: str) -> list[str]:
    lines = [mask_text(line.strip()) for line in text.split("\n") if line.strip()]  # never a full ID or phone
    return lines or ["（未填写）"]


def _overdue(p: Any, as_of: date) -> bool:
    return p.deadline is not None and p.deadline < as_of


def _zh_day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _yuan(fen: int) -> str:
    return f"{format_yuan(fen)} 元"


def monthly(uow: UnitOfWork, actor: Actor, s: Scope, period: str, text: Mapping[str, str], org_name: str,
             made_at: str, data_head: str) -> ReportDoc:
    m = month(period)
    start, end = m.start, m.end
    where = where_of(s)
    camp_first = campaign(uow).phases[0].start.replace(day=1)
    cumulative_from = min(camp_first, start)  # 专项整治以来: from the campaign's first month on
    problems = store.problems(uow.conn, where, until=end, since=start, total_since=cumulative_from,
                              own=str(uow.get_setting("org.code", "")))
    closures = _closures(uow, where, end)
    as_of = min(end, local_today(uow.clock).date())  # the current month's report is made before its end
    reg = [p for p in problems if _in(p.registered_on, start, end)]
    closed = [p for p in problems if _in(closures.closed_on(p, end), start, end)]
    moved = [p for p in problems if _in(p.transfer_on, start, end)]
    still_open = [p for p in problems if closures.closed_on(p, end) is None]
    overdue = [p for p in still_open if _overdue(p, as_of)]
    utc_start, utc_end = _month_bounds(m)
    moves = store.moves(uow.conn, where, ("problem.return", "problem.reopen"), utc_start, utc_end)
    complaints = store.complaints(uow.conn, where, start, end)
    found = store.findings(uow.conn, where, utc_start, utc_end)
    removed = store.deregistered(uow.conn, where, start, end)
    removed_total = store.deregistered(uow.conn, where, cumulative_from, end)
    closed_total = [p for p in problems if closures.closed_on(p, end) is not None]
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
            + f"；退回整改 {facts['returned']} 次，回头看重新整改 {facts['reopened']} 次。"
            f"月末留号 {len(still_open)} 个，其中逾期 {len(overdue)} 个。",
            f"本月受理举报 {complaints['received']} 件（其中公示异议 {complaints['objections']} 件），"
            f"办结 {complaints['closed']} 件，月末未办结 {complaints['open']} 件。",
            f"自查规则本月新发现疑点 {facts['findings_new']} 条，目前待核实和已确认 {facts['findings_live']} 条。"],
            [_category_table(reg, closed, moved, still_open, overdue), _findings_table(found)]),
    ]
    towns = _township_table(uow, s, problems, start, end, closures)
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
    rows = [[p.label, _item_title(p.category), mask_text(p.description), int(p.amount_fen), int(p.recovered_fen),
             p.outcome or ""] for p in closed]
    rows.append(["合计", "", f"{len(closed)} 个", sum(int(p.amount_fen) for p in closed),
                 sum(int(p.recovered_fen) for p in closed), ""])
    return Table("本月销号的问题", [Col("编号", width=14), Col("整治内容", "long", 16), Col("问题", "long", 26),
                                 Col("涉及金额（元）", "yuan", 13), Col("已追回（元）", "yuan", 12),
                                 Col("处理结果", "long", 11)], rows, frozenset({len(rows) - 1}))


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


def _township_table(uow: UnitOfWork, s: Scope, problems: Sequence[Any], start: date, end: date,
                    closures: Closures) -> Table | None:
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
        # A problem registered without an org belongs to the office that registered it
        mine = [p for p in problems if (p.org_code or p.owner_org or "").startswith(code)] if code else [
            p for p in problems if p.uid not in claimed]
        claimed |= {p.uid for p in mine}
        if code is None and not mine:
            continue
        rows.append([name, sum(_in(p.registered_on, start, end) for p in mine),
                     sum(_in(closures.closed_on(p, end), start, end) for p in mine),
                     sum(closures.closed_on(p, end) is None for p in mine), sum(int(p.recovered_in_fen) for p in mine)])
    rows.append(["合计", *(sum(r[i] for r in rows) for i in range(1, 5))])
    return Table(None, [Col("乡镇（街道）", "long", 24), Col("本月挂号", "int", 10), Col("本月销号", "int", 10),
                        Col("月末留号", "int", 10), Col("本月追回（元）", "yuan", 14)], rows,
                 frozenset({len(rows) - 1}))


# --- the campaign summary ---------------------------------------------------------------------------------------

def summary(uow: UnitOfWork, actor: Actor, s: Scope, period: str, text: Mapping[str, str], org_name: str,
             made_at: str, data_head: str) -> ReportDoc:
    today = local_today(uow.clock).date()
    where = where_of(s)
    problems = store.problems(uow.conn, where, until=today, own=str(uow.get_setting("org.code", "")))
    found = store.findings(uow.conn, where, None, None)
    closures = _closures(uow, where, today)
    still_open = [p for p in problems if closures.closed_on(p, today) is None]
    closed = [p for p in problems if closures.closed_on(p, today) is not None]
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
            [_items_table(found, problems, closed)]),
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


def _items_table(found: Sequence[Any], problems: Sequence[Any], closed: Sequence[Any]) -> Table:
    live: Counter[str] = Counter()
    live_fen: Counter[str] = Counter()
    closed_uids = {p.uid for p in closed}
    for r in found:
        rule = RULES_BY_CODE.get(r.rule)
        code = primary_item(rule.item) if rule else ""
        live[code] += int(r.live)
        live_fen[code] += int(r.live_fen)
    rows: list[list[Any]] = []
    for item in ITEMS:
        mine = [p for p in problems if p.category == item.code]
        done = sum(p.uid in closed_uids for p in mine)
        rows.append([f"{item.code} {item.title}", live[item.code], live_fen[item.code], len(mine), done,
                     len(mine) - done, sum(int(p.recovered_fen) for p in mine)])
    rows.append(["合计", *(sum(r[i] for r in rows) for i in range(1, 7))])
    return Table("按整治内容（15项）", [Col("整治内容", "long", 32), Col("疑点（条）", "int", 9),
                                   Col("疑点金额（元）", "yuan", 13), Col("挂号（个）", "int", 9),
                                   Col("已销号", "int", 7), Col("留号", "int", 7), Col("追回（元）", "yuan", 12)], rows,
                 frozenset({len(rows) - 1}))


def _measures_table(closed: Sequence[Any]) -> Table:
    ranked = sorted(closed, key=lambda p: (-int(p.amount_fen), p.number))
    rows = [[p.label, _item_title(p.category), mask_text(p.measures or ""), p.outcome or ""]
            for p in ranked[:_MEASURES_CAP]]
    more = len(ranked) - _MEASURES_CAP
    note = f"另有 {more} 个已销号问题的整改措施见问题台账。" if more > 0 else ""
    return Table("已销号问题的整改措施（按涉及金额）", [Col("编号", width=14), Col("整治内容", "long", 16),
                                           Col("整改措施", "long", 38), Col("处理结果", "long", 11)], rows,
                 note=note)


def _open_table(still_open: Sequence[Any], today: date) -> Table:
    # Overdue first, then the most money: what a cut-off list must not leave out
    ranked = sorted(still_open, key=lambda p: (not _overdue(p, today), -int(p.amount_fen), p.number))
    rows = [[p.label, _item_title(p.category), mask_text(p.description), mask_text(p.responsible_unit or ""),
             f"{p.deadline:%Y-%m-%d}" if p.deadline else "",
             STATE_LABELS[Kind.PROBLEM][State(p.state)] + ("（逾期）" if _overdue(p, today) else "")]
            for p in ranked[:_OPEN_LIST_CAP]]
    more = len(still_open) - _OPEN_LIST_CAP
    note = f"另有 {more} 个留号问题见问题台账。" if more > 0 else ""
    return Table("逾期的在前，其次按涉及金额", [Col("编号", width=14), Col("整治内容", "long", 15),
                                         Col("问题", "long", 24), Col("责任单位", "long", 12),
                                         Col("整改时限", width=11), Col("状态", "long", 14)], rows, note=note)
