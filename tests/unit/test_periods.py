"""Dates and periods (SPEC §5, §12)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yikatong_desktop.domain.periods import (
    Period,
    PeriodKind,
    age_on,
    excel_serial,
    month_period,
    parse_date,
    parse_period,
    quarter_period,
    year_period,
)
from yikatong_desktop.domain.values_errors import ValueRejected

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
years = st.integers(min_value=1900, max_value=2100)
months = st.integers(min_value=1, max_value=12)
quarters = st.integers(min_value=1, max_value=4)


def text_forms(day: date) -> list[str]:
    y, m, d = day.year, day.month, day.day
    return [
        f"{y:04d}-{m:02d}-{d:02d}",
        f"{y}/{m}/{d}",
        f"{y}.{m}.{d}",
        f"{y}年{m}月{d}日",
        f"{y:04d}{m:02d}{d:02d}",
        f"{y:04d}-{m:02d}-{d:02d} 00:00:00",
        f"{y}/{m:02d}/{d:02d} 13:45",
    ]


# --- dates --------------------------------------------------------------------


@given(days)
def test_every_date_round_trips_through_each_text_form(day: date) -> None:
    for text in text_forms(day):
        assert parse_date(text) == day, text
        assert parse_date(text.translate(FULL_WIDTH)) == day, text


@given(days)
def test_every_date_round_trips_through_its_excel_serial(day: date) -> None:
    serial = excel_serial(day)
    assert parse_date(serial) == day
    assert parse_date(float(serial) + 0.75) == day  # time of day ignored
    assert parse_date(Decimal(serial)) == day


@pytest.mark.parametrize(
    "serial, day",
    [
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
        (43187, date(2018, 3, 28)),
        (2958465, date(9999, 12, 31)),
    ],
)
def test_excel_serials_follow_the_1900_date_system(serial: int, day: date) -> None:
    assert parse_date(serial) == day


@pytest.mark.parametrize("serial", [0, -1, 60, 2958466, float("inf")])
def test_serials_outside_excel_dates_are_rejected(serial: float) -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_date(serial)
    assert caught.value.code == "date_unparseable"


@pytest.mark.parametrize(
    "text, day",
    [
        ("2018年3月28日", date(2018, 3, 28)),
        ("20180329", date(2018, 3, 29)),
        ("2017/12/20", date(2017, 12, 20)),
        ("2018/1/25", date(2018, 1, 25)),
        ("2017/05/06", date(2017, 5, 6)),
        ("2018.01.10", date(2018, 1, 10)),
        ("2016年9月2日", date(2016, 9, 2)),
        ("2017.6.15", date(2017, 6, 15)),
        ("2018-03-05 00:00:00", date(2018, 3, 5)),
        (" 2018 年 3 月 5 日 ", date(2018, 3, 5)),
        ("2018-03-05T08:30:00", date(2018, 3, 5)),
    ],
)
def test_sample_date_texts_are_parsed(text: str, day: date) -> None:
    assert parse_date(text) == day


def test_date_and_datetime_cells_are_taken_as_they_are() -> None:
    assert parse_date(date(2018, 3, 5)) == date(2018, 3, 5)
    assert parse_date(datetime(2018, 3, 5, 23, 59)) == date(2018, 3, 5)


def test_numeric_cell_holding_yyyymmdd_digits_is_a_date() -> None:
    assert parse_date(20180305) == date(2018, 3, 5)
    assert parse_date(20180305.0) == date(2018, 3, 5)


@pytest.mark.parametrize(
    "text", ["abc", "2018-02-30", "2018-13-01", "2018/03-05", "18/3/5", "2018年3月", "3/5/2018"]
)
def test_text_that_is_not_a_date_is_rejected(text: str) -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_date(text)
    assert caught.value.code == "date_unparseable"


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_empty_date_is_date_empty(raw: object) -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_date(raw)
    assert caught.value.code == "date_empty"


def test_age_counts_whole_years() -> None:
    assert age_on(date(1938, 9, 15), date(2018, 3, 31)) == 79
    assert age_on(date(1938, 3, 31), date(2018, 3, 31)) == 80
    assert age_on(date(1960, 10, 8), date(2018, 12, 31)) == 58
    assert age_on(date(2000, 2, 29), date(2018, 2, 28)) == 17
    assert age_on(date(2000, 2, 29), date(2018, 3, 1)) == 18


# --- periods --------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["2018", 2018, "2018年", "2018年度", 2018.0, " 2018 "])
def test_year_spellings(raw: object) -> None:
    assert parse_period(raw) == year_period(2018)


@pytest.mark.parametrize(
    "raw",
    [
        "2018-03", "2018-3", "2018/03", "2018.03", "2018.3", "2018年3月", "2018年03月", "2018年3月份",
        "201803", 201803, 2018.03, "２０１８年３月", date(2018, 3, 1), datetime(2018, 3, 1), "2018-03-01",
    ],
)  # fmt: skip
def test_month_spellings(raw: object) -> None:
    assert parse_period(raw) == month_period(2018, 3)


@pytest.mark.parametrize(
    "raw",
    ["2018Q1", "2018q1", "2018-Q1", "2018 Q1", "2018年第一季度", "2018年1季度", "2018年一季度", "2018第1季"],
)
def test_quarter_spellings(raw: object) -> None:
    assert parse_period(raw) == quarter_period(2018, 1)


def test_month_text_like_a_birth_month_is_a_month() -> None:
    assert parse_period("1956.03") == month_period(1956, 3)


def test_canonical_labels() -> None:
    assert year_period(2018).label == "2018"
    assert quarter_period(2018, 1).label == "2018Q1"
    assert month_period(2018, 3).label == "2018-03"


def test_periods_know_their_days_and_year() -> None:
    february = month_period(2016, 2)
    assert (february.start, february.end, february.kind, february.year) == (
        date(2016, 2, 1), date(2016, 2, 29), PeriodKind.MONTH, 2016,
    )  # fmt: skip
    q4 = quarter_period(2017, 4)
    assert (q4.start, q4.end) == (date(2017, 10, 1), date(2017, 12, 31))
    assert year_period(2018).contains(date(2018, 12, 31))
    assert not month_period(2018, 3).contains(date(2018, 4, 1))


def test_chinese_labels_for_notices() -> None:
    assert year_period(2018).label_zh == "2018年度"
    assert quarter_period(2018, 2).label_zh == "2018年第二季度"
    assert month_period(2018, 3).label_zh == "2018年3月"


@given(years)
def test_every_year_label_round_trips(year: int) -> None:
    period = year_period(year)
    assert parse_period(period.label) == period
    assert parse_period(period.label_zh) == period


@given(years, quarters)
def test_every_quarter_label_round_trips(year: int, quarter: int) -> None:
    period = quarter_period(year, quarter)
    assert parse_period(period.label) == period
    assert parse_period(period.label_zh) == period


@given(years, months)
def test_every_month_label_round_trips(year: int, month: int) -> None:
    period = month_period(year, month)
    assert parse_period(period.label) == period
    assert parse_period(period.label_zh) == period
    assert parse_period(f"{year}{month:02d}") == period


@given(years, months)
def test_period_rebuilt_from_its_stored_fields_is_equal(year: int, month: int) -> None:
    period = month_period(year, month)
    assert Period(period.label, PeriodKind(str(period.kind)), period.start, period.end) == period


def test_inconsistent_stored_fields_are_refused() -> None:
    with pytest.raises(ValueError):
        Period("2018-03", PeriodKind.MONTH, date(2018, 3, 1), date(2018, 3, 30))
    with pytest.raises(ValueError):
        Period("2018", PeriodKind.MONTH, date(2018, 3, 1), date(2018, 3, 31))


def test_periods_sort_by_first_then_last_day() -> None:
    labels = ["2018", "2018-02", "2017-12", "2018Q1", "2018-01"]
    assert [str(p) for p in sorted(map(parse_period, labels))] == [
        "2017-12",
        "2018-01",
        "2018Q1",
        "2018",
        "2018-02",
    ]


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "abc",
        "20181",
        "2018-13",
        "2018Q5",
        "18",
        "2018年第五季度",
        "1899",
        date(2018, 3, 15),
        True,
        2018.1,
    ],
)
def test_unparseable_periods_are_rejected(raw: object) -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_period(raw)
    assert caught.value.code == "period_unparseable"


def test_float_month_with_one_decimal_is_ambiguous_and_says_how_to_fix() -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_period(2018.1)  # typed 2018.1 or 2018.10: the same float
    assert "文本格式" in caught.value.message_zh
