"""月报 and 总结 (SPEC §7) as plain data: report months, when a monthly report is due, the document kept as JSON,
and when a problem's 销号 counts (from its 销号/回头看 events, or its record)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.periods import month_period
from yikatong_desktop.domain.problems import State
from yikatong_desktop.domain.reports import (
    WARN_FROM_DAY,
    Col,
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
from yikatong_desktop.services.report_figures import Closures

#: The default campaign's months: 自查 starts on June 10, 总结评价 ends on October 25.
CAMPAIGN = months_between(date(2019, 6, 10), date(2019, 10, 25))
SENT, MADE, MISSING = ReportState.SENT, ReportState.MADE, ReportState.MISSING


# -- months --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2019-07", "2019-7", "2019/7", "2019/07", "2019.07", "2019年7月", "2019年07月",
                                  " 2019 年 7 月 ", "2019年7", "\t2019-07\n", "２０１９年７月"])
def test_a_month_is_read_in_the_forms_clerks_write(text: str) -> None:
    found = parse_month(text)
    assert found is not None
    assert (found.label, found.label_zh, found.start, found.end) == ("2019-07", "2019年7月", date(2019, 7, 1),
                                                                     date(2019, 7, 31))


def test_months_of_any_length_end_on_their_last_day() -> None:
    assert [parse_month(t).end for t in ("2019-02", "2020-02", "2019-12", "2019-04")] == [  # type: ignore[union-attr]
        date(2019, 2, 28), date(2020, 2, 29), date(2019, 12, 31), date(2019, 4, 30)]


@pytest.mark.parametrize("text", ["", "   ", "2019", "2019-13", "2019-00", "2019-0", "2019年13月", "七月",
                                  "2019-07-01", "19-07", "2019--07", "2019-07月份", "2019 07", "0000-07",
                                  "1800-07", "9999-07", "２０１９-07x"])
def test_what_is_not_a_month_is_none(text: str) -> None:
    assert parse_month(text) is None


def test_a_month_report_is_due_on_the_25th_or_the_day_asked() -> None:
    july = month_period(2019, 7)
    assert due_date(july) == date(2019, 7, 25)
    assert due_date(july, 20) == date(2019, 7, 20)
    assert due_date(month_period(2019, 2), 28) == date(2019, 2, 28)


def test_months_between_counts_both_ends_and_crosses_years() -> None:
    assert CAMPAIGN == ["2019-06", "2019-07", "2019-08", "2019-09", "2019-10"]
    assert months_between(date(2019, 11, 30), date(2020, 2, 1)) == ["2019-11", "2019-12", "2020-01", "2020-02"]
    assert months_between(date(2019, 7, 31), date(2019, 7, 1)) == ["2019-07"]
    assert months_between(date(2019, 8, 1), date(2019, 7, 31)) == []


# -- what the dashboard points at ------------------------------------------------------------------------------

def test_before_the_20th_this_months_report_is_shown_without_a_warning() -> None:
    due = due_on(date(2019, 7, WARN_FROM_DAY - 1), {"2019-06": SENT}, CAMPAIGN)
    assert due is not None
    assert (due.month.label, due.due, due.state, due.warn, due.overdue) == ("2019-07", date(2019, 7, 25), MISSING,
                                                                           False, False)
    assert due.text() == "2019年7月月报：未编写，7月25日前报送"


@pytest.mark.parametrize("day", [20, 24, 25])
def test_from_the_20th_to_the_due_day_an_unsent_report_is_warned(day: int) -> None:
    due = due_on(date(2019, 7, day), {"2019-06": SENT, "2019-07": MADE}, CAMPAIGN)
    assert due is not None and (due.month.label, due.state, due.warn, due.overdue) == ("2019-07", MADE, True, False)
    assert due.text().endswith("（请尽快签名报送）")


@pytest.mark.parametrize("day", [26, 31])
def test_after_the_25th_an_unsent_report_is_overdue(day: int) -> None:
    due = due_on(date(2019, 7, day), {"2019-06": SENT, "2019-07": ReportState.SIGNED}, CAMPAIGN)
    assert due is not None and (due.month.label, due.warn, due.overdue) == ("2019-07", True, True)
    assert due.text() == "2019年7月月报：已签名，7月25日前报送（已逾期）"


@pytest.mark.parametrize("day", [20, 26, 31])
def test_a_sent_report_is_neither_warned_nor_overdue(day: int) -> None:
    due = due_on(date(2019, 7, day), {"2019-06": SENT, "2019-07": SENT}, CAMPAIGN)
    assert due is not None and (due.month.label, due.state, due.warn, due.overdue) == ("2019-07", SENT, False, False)
    assert due.text() == "2019年7月月报：已报送"  # nothing left to do: no date, no warning


@pytest.mark.parametrize("state", [MISSING, ReportState.DRAFT, MADE, ReportState.SIGNED])
def test_last_months_unsent_report_once_overdue_comes_first(state: ReportState) -> None:
    states = {"2019-07": SENT} | ({} if state is MISSING else {"2019-06": state})
    due = due_on(date(2019, 7, 3), states, CAMPAIGN)
    assert due is not None
    assert (due.month.label, due.due, due.state, due.warn, due.overdue) == ("2019-06", date(2019, 6, 25), state,
                                                                           True, True)
    assert due_on(date(2019, 7, 3), states | {"2019-06": SENT}, CAMPAIGN).month.label == "2019-07"  # type: ignore


def test_the_due_day_is_a_parameter() -> None:
    due = due_on(date(2019, 7, 21), {"2019-06": SENT}, CAMPAIGN, day=20)
    assert due is not None and (due.due, due.warn, due.overdue) == (date(2019, 7, 20), True, True)


@pytest.mark.parametrize(("today", "states"), [
    (date(2019, 5, 31), {}),  # before the campaign
    (date(2019, 11, 3), {"2019-10": SENT}),  # after it, the last report sent
    (date(2019, 12, 1), {}),  # November is no campaign month, October long past
    (date(2020, 3, 1), {}),
])
def test_outside_the_campaigns_months_nothing_is_due(today: date, states: dict[str, ReportState]) -> None:
    assert due_on(today, states, CAMPAIGN) is None


def test_octobers_report_unsent_is_still_pointed_at_in_november() -> None:
    due = due_on(date(2019, 11, 3), {}, CAMPAIGN)
    assert due is not None and (due.month.label, due.overdue) == ("2019-10", True)


def test_in_january_last_month_is_decembers() -> None:
    months = months_between(date(2019, 12, 1), date(2020, 1, 31))
    due = due_on(date(2020, 1, 5), {}, months)
    assert due is not None and (due.month.label, due.due, due.overdue) == ("2019-12", date(2019, 12, 25), True)
    due = due_on(date(2020, 1, 5), {"2019-12": SENT}, months)
    assert due is not None and (due.month.label, due.warn) == ("2020-01", False)


# -- the document --------------------------------------------------------------------------------------------

def _doc() -> ReportDoc:
    tables = (
        Table("按整治内容分类", (Col("整治内容", "long", 34), Col("本月挂号", "int", 8), Col("金额（元）", "yuan", 14)),
              (("1.2 超标准超范围发放", 2, 123450), ("合计", 2, 123450)), frozenset({1})),
        Table(None, (Col("指标", "long", 30), Col("本月", "num", 14)), (("追回资金（元）", "1,234.50"),),
              note="另有 3 个留号问题见问题台账。"),
    )
    sections = [  # the containers from_json builds: a list of sections, tuples inside
        Section("本月专项整治进展情况", ("本月召开动员会。", "逐村核对。"), narrative="progress"),
        Section("发现的问题及线索办理情况", ("本月新挂号问题 2 个。",), tables),
        Section("报送时限", ("本月报应于 2019年07月25日 前报送。",)),
    ]
    return ReportDoc(ReportKind.MONTHLY, "呼图壁县惠民财政补贴资金“一卡通”专项整治工作月报", "呼图壁县", "呼图壁县",
                     "2019年7月", sections, "2019-07-31 20:00", "#42 0123456789ABCDEF", "2019.1",
                     {"registered": 2, "registered_fen": 123450, "open": 5})


def test_a_document_survives_json_unchanged() -> None:
    doc = _doc()
    data = json.loads(json.dumps(doc.to_json(), ensure_ascii=False))
    back = ReportDoc.from_json(data)
    assert back == doc
    assert back.to_json() == doc.to_json()
    assert back.sections[1].tables[0].totals == frozenset({1}) and back.sections[1].tables[1].note.startswith("另有")
    assert back.sections[1].tables[1].caption is None and back.sections[0].narrative == "progress"
    assert back.sections[2].narrative is None and back.kind is ReportKind.MONTHLY


def test_a_document_built_with_lists_gives_the_same_json_back() -> None:
    """The services build sections, paragraphs, tables and rows as lists; the JSON is what is compared."""
    doc = _doc()
    sections = [Section(s.title, list(s.paragraphs),
                        [Table(t.caption, list(t.columns), [list(r) for r in t.rows], t.totals, t.note)
                         for t in s.tables], s.narrative) for s in doc.sections]
    listed = ReportDoc(doc.kind, doc.title, doc.org_name, doc.scope_name, doc.period_label, sections, doc.made_at,
                       doc.data_head, doc.catalogue_version, dict(doc.facts))
    assert ReportDoc.from_json(json.loads(json.dumps(listed.to_json()))).to_json() == listed.to_json() == doc.to_json()


def test_the_json_is_plain_data() -> None:
    data = _doc().to_json()
    assert data["kind"] == "monthly" and data["facts"] == {"registered": 2, "registered_fen": 123450, "open": 5}
    assert data["sections"][1]["tables"][0]["columns"][0] == ["整治内容", "long", 34]
    assert data["sections"][1]["tables"][0]["totals"] == [1]
    json.dumps(data)  # nothing that is not JSON


def test_json_written_before_notes_existed_still_reads() -> None:
    data = _doc().to_json()
    for section in data["sections"]:
        section.pop("narrative")
        for table in section["tables"]:
            table.pop("note")
    back = ReportDoc.from_json(data)
    assert [s.narrative for s in back.sections] == [None, None, None]
    assert [t.note for t in back.sections[1].tables] == ["", ""]


def test_an_empty_summary_round_trips() -> None:
    doc = ReportDoc(ReportKind.SUMMARY, "总结", "某县", "某县", "2019年度", [], "2019-10-20 09:00", "#0", "2019.1")
    assert ReportDoc.from_json(json.loads(json.dumps(doc.to_json()))) == doc


# -- when a 销号 counts ------------------------------------------------------------------------------------------

JUNE_END, JULY_END = date(2019, 6, 30), date(2019, 7, 31)


def _local(text: str) -> datetime:
    """A moment in Beijing time."""
    return datetime.fromisoformat(text).replace(tzinfo=LOCAL_TZ)


def _problem(state: State = State.CLOSED, closed_on: date | None = None, uid: str = "p1") -> SimpleNamespace:
    """The columns of a report's problem row that Closures reads."""
    return SimpleNamespace(uid=uid, state=state.value, closed_on=closed_on)


def test_a_later_reopen_does_not_take_back_an_earlier_months_closing() -> None:
    closures = Closures({"p1": [(_local("2019-06-20T10:00"), "problem.close"),
                                (_local("2019-07-10T10:00"), "problem.reopen")]})
    p = _problem(State.RECTIFYING, None)  # what the record says now: open again, its 销号 date cleared
    assert closures.closed_on(p, date(2019, 6, 19)) is None
    assert closures.closed_on(p, JUNE_END) == date(2019, 6, 20)
    assert closures.closed_on(p, date(2019, 7, 9)) == date(2019, 6, 20)
    assert closures.closed_on(p, JULY_END) is None


def test_the_closing_standing_at_the_end_counts_in_the_month_it_was_made() -> None:
    # Closed at 23:30 on June 30 and reopened at 07:30 on July 1 in Xinjiang: both June 30 in UTC
    trail = [(datetime(2019, 6, 30, 15, 30, tzinfo=UTC), "problem.close"),
             (datetime(2019, 6, 30, 23, 30, tzinfo=UTC), "problem.reopen"),
             (_local("2019-07-12T10:00"), "problem.close")]
    closures = Closures({"p1": trail})
    p = _problem(State.CLOSED, date(2019, 7, 12))
    assert closures.closed_on(p, JUNE_END) == date(2019, 6, 30)
    assert closures.closed_on(p, date(2019, 7, 1)) is None
    assert closures.closed_on(p, JULY_END) == date(2019, 7, 12)


def test_the_trail_not_the_record_decides_when_there_is_one() -> None:
    closures = Closures({"p1": [(_local("2019-06-20T10:00"), "problem.close")]})
    assert closures.closed_on(_problem(State.CLOSED, date(2019, 7, 3)), JUNE_END) == date(2019, 6, 20)
    assert closures.closed_on(_problem(State.CLOSED, None, uid="p2"), JUNE_END) is None  # no trail, no date


@pytest.mark.parametrize(("state", "closed_on", "end", "expected"), [
    (State.CLOSED, date(2019, 6, 20), JUNE_END, date(2019, 6, 20)),
    (State.CLOSED, date(2019, 6, 30), JUNE_END, date(2019, 6, 30)),
    (State.CLOSED, date(2019, 7, 1), JUNE_END, None),  # closed after the month's end: open at it
    (State.RECTIFYING, date(2019, 6, 20), JULY_END, None),  # a date left on a problem that is not closed
    (State.APPLIED, None, JULY_END, None),
], ids=["closed-in-june", "last-day", "after-the-end", "not-closed", "applied"])
def test_without_a_trail_the_record_decides(state: State, closed_on: date | None, end: date,
                                            expected: date | None) -> None:
    """A problem merged from another office: this one holds none of its 销号 events."""
    other = Closures({"someone-else": [(_local("2019-06-01T10:00"), "problem.close")]})
    assert other.closed_on(_problem(state, closed_on), end) == expected
