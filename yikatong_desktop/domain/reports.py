"""月报 and 总结 (SPEC §7, the work plan's 六(五) and 五(四)): what they are made of and when they are due.

A report is a title, a few facts about where it comes from, and sections; a section is the
clerk's narrative or tables computed from the data. The same structure is rendered as a PDF,
shown in the GUI and kept (as JSON) with the report, so what was printed can be read back.
Monthly reports are due on the 25th; from the 20th on an unsent one is highlighted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from yikatong_desktop.domain.periods import Period, month_period

#: Monthly reports are highlighted from this day of their month until they are sent.
WARN_FROM_DAY = 20


class ReportKind(StrEnum):
    MONTHLY = "monthly"
    SUMMARY = "summary"


KIND_LABELS = {ReportKind.MONTHLY: "月报", ReportKind.SUMMARY: "工作总结"}

#: The clerk's narrative, per kind: section key → heading, in the order they are printed.
NARRATIVE: Mapping[ReportKind, Mapping[str, str]] = {
    ReportKind.MONTHLY: {
        "progress": "本月专项整治进展情况",
        "next": "存在的困难和下一步工作",
    },
    ReportKind.SUMMARY: {
        "overview": "工作开展情况",
        "practices": "主要做法和成效",
        "problems": "存在的问题",
        "suggestions": "持续深化整治的意见",
    },
}
NARRATIVE_LIMIT = 20_000  # characters per section


class ReportState(StrEnum):
    """Where a report stands: nothing yet, narrative saved, PDF made, signed, sent."""

    MISSING = "missing"
    DRAFT = "draft"
    MADE = "made"
    SIGNED = "signed"
    SENT = "sent"


STATE_LABELS = {ReportState.MISSING: "未编写", ReportState.DRAFT: "草稿", ReportState.MADE: "已生成（未签名）",
                ReportState.SIGNED: "已签名", ReportState.SENT: "已报送"}

_MONTH = re.compile(r"^\s*(\d{4})\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?\s*$")


def parse_month(text: str) -> Period | None:
    """A month written 2019-07, 2019/7, 2019.07 or 2019年7月; None when it is not one."""
    m = _MONTH.match(text or "")
    if m is None or not 1 <= int(m.group(2)) <= 12:
        return None
    try:
        return month_period(int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None


def due_date(month: Period, day: int = 25) -> date:
    """When the report of a month is due: its `day`-th (the work plan's 每月25日前)."""
    return month.start.replace(day=day)


def report_month_on(today: date) -> Period:
    """The month whose report is being written on `today`: the current one."""
    return month_period(today.year, today.month)


@dataclass(frozen=True)
class Due:
    """The monthly report the dashboard points at: which month, when due, how far it is."""

    month: Period
    due: date
    state: ReportState
    warn: bool  # from the 20th on and not sent
    overdue: bool  # past the due date and not sent

    def text(self) -> str:
        """One line for the dashboard."""
        if self.state is ReportState.SENT:
            return f"{self.month.label_zh}月报：{STATE_LABELS[self.state]}"
        head = f"{self.month.label_zh}月报：{STATE_LABELS[self.state]}，{self.due.month}月{self.due.day}日前报送"
        if self.overdue:
            return head + "（已逾期）"
        return head + ("（请尽快签名报送）" if self.warn else "")


def due_on(today: date, states: Mapping[str, ReportState], months: Sequence[str], day: int = 25) -> Due | None:
    """The report to watch on `today`: last month's while it is late and unsent, else this month's.

    `states` maps month labels (2019-07) to the state of this org's report of that month; `months`
    are the labels of the months that need a report (the campaign's). None when neither does.
    """
    this = report_month_on(today)
    last = month_period(today.year - (today.month == 1), 12 if today.month == 1 else today.month - 1)
    last_state = states.get(last.label, ReportState.MISSING)
    if last.label in months and last_state is not ReportState.SENT and today > due_date(last, day):
        return Due(last, due_date(last, day), last_state, warn=True, overdue=True)
    if this.label not in months:
        return None
    state = states.get(this.label, ReportState.MISSING)
    due = due_date(this, day)
    unsent = state is not ReportState.SENT
    return Due(this, due, state, warn=unsent and today.day >= WARN_FROM_DAY, overdue=unsent and today > due)


def months_between(first: date, last: date) -> list[str]:
    """Labels of the months from `first`'s to `last`'s, both included."""
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# --- the document -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Col:
    """A column: title and kind (text, long, int, yuan from fen, percent)."""

    title: str
    kind: str = "text"
    width: float = 12


@dataclass(frozen=True)
class Table:
    caption: str | None
    columns: Sequence[Col]
    rows: Sequence[Sequence[Any]]
    totals: frozenset[int] = frozenset()  # rows (0-based) that are totals
    note: str = ""  # a line under the table, e.g. "其余 12 条见问题台账"


@dataclass(frozen=True)
class Section:
    """A numbered heading with paragraphs and tables; `narrative` names the clerk's text it holds."""

    title: str
    paragraphs: Sequence[str] = ()
    tables: Sequence[Table] = ()
    narrative: str | None = None


@dataclass(frozen=True)
class ReportDoc:
    """What a report says: title, org, period, sections, and where its figures come from."""

    kind: ReportKind
    title: str
    org_name: str
    scope_name: str
    period_label: str  # 2019年7月, 2019年度
    sections: Sequence[Section]
    made_at: str  # local time, minutes, as printed
    data_head: str  # the audit chain head the figures were taken at: "#seq hash16"
    catalogue_version: str
    facts: Mapping[str, Any] = field(default_factory=dict)  # the key figures, for the GUI and tests

    def to_json(self) -> dict[str, Any]:
        """Plain data (kept with the report)."""
        return {"kind": self.kind.value, "title": self.title, "org_name": self.org_name,
                "scope_name": self.scope_name, "period_label": self.period_label, "made_at": self.made_at,
                "data_head": self.data_head, "catalogue_version": self.catalogue_version, "facts": dict(self.facts),
                "sections": [{"title": s.title, "paragraphs": list(s.paragraphs), "narrative": s.narrative,
                              "tables": [_table_json(t) for t in s.tables]} for s in self.sections]}

    @staticmethod
    def from_json(data: Mapping[str, Any]) -> ReportDoc:
        """Rebuild what `to_json` gave."""
        return ReportDoc(
            kind=ReportKind(data["kind"]), title=data["title"], org_name=data["org_name"],
            scope_name=data["scope_name"], period_label=data["period_label"], made_at=data["made_at"],
            data_head=data["data_head"], catalogue_version=data["catalogue_version"], facts=dict(data["facts"]),
            sections=[Section(s["title"], tuple(s["paragraphs"]), tuple(_table(t) for t in s["tables"]),
                              s.get("narrative")) for s in data["sections"]])


def _table_json(t: Table) -> dict[str, Any]:
    return {"caption": t.caption, "columns": [[c.title, c.kind, c.width] for c in t.columns],
            "rows": [list(r) for r in t.rows], "totals": sorted(t.totals), "note": t.note}


def _table(d: Mapping[str, Any]) -> Table:
    return Table(d["caption"], tuple(Col(*c) for c in d["columns"]), tuple(tuple(r) for r in d["rows"]),
                 frozenset(d["totals"]), d.get("note", ""))
