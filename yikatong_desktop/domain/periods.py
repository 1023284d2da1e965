"""Dates and subsidy periods (SPEC §5, §12).

Dates arrive as date cells, Excel serial numbers or text in half a dozen
spellings. A period is a year (“2018”), a quarter (“2018Q1”) or a month
(“2018-03”); it is stored as its canonical label plus its first and last day.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from yikatong_desktop.domain.values_errors import (
    ValueRejected,
    fold_text,
    is_blank,
    is_numeric_cell,
    remove_whitespace,
    shown_in_message,
)

MIN_YEAR = 1900
MAX_YEAR = 2100

# Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is the
# 1900-02-29 that never was (kept for Lotus 1-2-3 compatibility).
EXCEL_MIN_SERIAL = 1
EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_EXCEL_FAKE_LEAP_DAY = 60
_EXCEL_EPOCH_BEFORE_MARCH_1900 = date(1899, 12, 31)
_EXCEL_EPOCH = date(1899, 12, 30)

# [0-9], not \d: \d also matches digits of other scripts.
_TIME_SUFFIX = re.compile(r"(?P<date>.*?)(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)?")
_DATE_SEPARATED = re.compile(r"(?P<y>[0-9]{4})(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})")
_DATE_CHINESE = re.compile(r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})[日号]?")
_DATE_COMPACT = re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})(?P<d>[0-9]{2})")

_YEAR = re.compile(r"(?P<y>[0-9]{4})(?:年度|年)?")
_MONTH_SEPARATED = re.compile(r"(?P<y>[0-9]{4})[-/.](?P<m>[0-9]{1,2})")
_MONTH_CHINESE = re.compile(r"(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月份?")
_MONTH_COMPACT = re.compile(r"(?P<y>[0-9]{4})(?P<m>[0-9]{2})")
_QUARTER_LATIN = re.compile(r"(?P<y>[0-9]{4})-?Q(?P<q>[1-4])")
_QUARTER_CHINESE = re.compile(r"(?P<y>[0-9]{4})年?第?(?P<q>[1-4一二三四])季度?")
_CHINESE_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4}

_DATE_HINT = "请写成 2018-03-05、2018/3/5、2018.3.5、2018年3月5日 或 20180305"
_PERIOD_HINT = "请写成年份 2018、月份 2018-03（或 2018年3月、201803）或季度 2018Q1"
_DATE_HINT_EN = "write it as 2018-03-05, 2018/3/5, 2018.3.5 or 20180305"
_PERIOD_HINT_EN = "write a year 2018, a month 2018-03 (or 201803) or a quarter 2018Q1"


class PeriodKind(StrEnum):
    """How long a period is."""

    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


@dataclass(frozen=True, order=True)
class Period:
    """A year, quarter or month; ordered by first day, then last day (2018-01 < 2018Q1 < 2018)."""

    label: str = field(compare=False)
    kind: PeriodKind = field(compare=False)
    start: date
    end: date

    def __post_init__(self) -> None:
        # Rebuilt from storage as (label, kind, start, end): refuse a set that does not fit.
        kind = PeriodKind(self.kind)
        object.__setattr__(self, "kind", kind)
        if (self.label, self.start, self.end) != _shape(kind, self.start):
            raise ValueError(f"inconsistent period {self.label!r} {kind} {self.start}..{self.end}")

    def __str__(self) -> str:
        return self.label

    @property
    def year(self) -> int:
        """The calendar year the period lies in."""
        return self.start.year

    @property
    def label_zh(self) -> str:
        """The period as Chinese text for notices and reports: 2018年度, 2018年第一季度, 2018年3月."""
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}年度"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}年第{'一二三四'[(self.start.month - 1) // 3]}季度"
        return f"{self.year}年{self.start.month}月"

    def contains(self, day: date) -> bool:
        """True when the day falls within the period (both ends included)."""
        return self.start <= day <= self.end


def year_period(year: int) -> Period:
    """The period covering a calendar year."""
    _check_year(year)
    return _period(PeriodKind.YEAR, date(year, 1, 1))


def quarter_period(year: int, quarter: int) -> Period:
    """The period covering quarter 1–4 of a year."""
    _check_year(year)
    if not 1 <= quarter <= 4:
        raise ValueRejected("period_unparseable", f"季度必须是1到4，不能是{quarter}：{_PERIOD_HINT}",
                             f"A quarter is 1 to 4, not {quarter}: {_PERIOD_HINT_EN}")
    return _period(PeriodKind.QUARTER, date(year, 3 * quarter - 2, 1))


def month_period(year: int, month: int) -> Period:
    """The period covering one month."""
    _check_year(year)
    if not 1 <= month <= 12:
        raise ValueRejected("period_unparseable", f"月份必须是1到12，不能是{month}：{_PERIOD_HINT}",
                             f"A month is 1 to 12, not {month}: {_PERIOD_HINT_EN}")
    return _period(PeriodKind.MONTH, date(year, month, 1))


def parse_period(raw: object) -> Period:
    """A year, quarter or month from a cell (“2018”, 2018, “2018年3月”, “201803”, “2018Q1” …)."""
    if isinstance(raw, Period):
        return raw
    if is_blank(raw):
        raise ValueRejected("period_unparseable", f"期间为空：{_PERIOD_HINT}",
                             f"The period is empty: {_PERIOD_HINT_EN}")
    if isinstance(raw, date):
        # Excel turns a typed “2018-3” into the date 2018-03-01.
        day = raw.date() if isinstance(raw, datetime) else raw
        if day.day == 1:
            return month_period(day.year, day.month)
        raise ValueRejected("period_unparseable", f"期间是一个具体日期 {day.isoformat()}：{_PERIOD_HINT}",
                             f"The period is a single day {day.isoformat()}: {_PERIOD_HINT_EN}")
    if isinstance(raw, float) and not raw.is_integer():
        return _period_from_fraction(raw)
    if isinstance(raw, float):
        raw = int(raw)
    if isinstance(raw, bool):
        raise ValueRejected("period_unparseable", f"单元格是逻辑值，不是期间：{_PERIOD_HINT}",
                             f"The cell is TRUE/FALSE, not a period: {_PERIOD_HINT_EN}")
    text = remove_whitespace(fold_text(str(raw))).upper()
    period = _period_from_text(text)
    if period is None:
        raise ValueRejected("period_unparseable", f"期间“{_shown(text)}”无法识别：{_PERIOD_HINT}",
                             f"The period “{_shown(text)}” is not understood: {_PERIOD_HINT_EN}")
    return period


def parse_date(raw: object) -> date:
    """A date from a date cell, an Excel serial number or text (2018-03-05, 2018年3月5日, 20180305 …)."""
    if is_blank(raw):
        raise ValueRejected("date_empty", f"日期为空：{_DATE_HINT}", f"The date is empty: {_DATE_HINT_EN}")
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, bool):
        raise ValueRejected("date_unparseable", f"单元格是逻辑值，不是日期：{_DATE_HINT}",
                             f"The cell is TRUE/FALSE, not a date: {_DATE_HINT_EN}")
    if is_numeric_cell(raw):
        return _date_from_number(raw)
    text = fold_text(str(raw))
    match = _TIME_SUFFIX.fullmatch(text)
    date_text = remove_whitespace(match.group("date") if match else text)
    for pattern in (_DATE_SEPARATED, _DATE_CHINESE, _DATE_COMPACT):
        found = pattern.fullmatch(date_text)
        if found:
            return _real_date(int(found["y"]), int(found["m"]), int(found["d"]), text)
    raise ValueRejected("date_unparseable", f"日期“{_shown(text)}”无法识别：{_DATE_HINT}",
                         f"The date “{_shown(text)}” is not understood: {_DATE_HINT_EN}")


def excel_serial(day: date) -> int:
    """The Excel (1900 date system) serial number of a date; inverse of parsing a serial."""
    if day < date(1900, 3, 1):
        return (day - _EXCEL_EPOCH_BEFORE_MARCH_1900).days
    return (day - _EXCEL_EPOCH).days


def age_on(birth: date, day: date) -> int:
    """Age in whole years (周岁) on a day."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _date_from_number(raw: object) -> date:
    number = float(raw) if isinstance(raw, Decimal) else raw
    if not isinstance(number, int | float) or not math.isfinite(number):
        raise ValueRejected("date_unparseable", f"单元格不是有效的日期：{_DATE_HINT}",
                             f"The cell is not a valid date: {_DATE_HINT_EN}")
    whole = math.floor(number)  # the fraction is the time of day
    if 19000101 <= whole <= 21001231:
        # A numeric cell holding 20180305 typed as digits.
        return _real_date(whole // 10000, whole // 100 % 100, whole % 100, str(whole))
    if not EXCEL_MIN_SERIAL <= whole <= EXCEL_MAX_SERIAL or whole == _EXCEL_FAKE_LEAP_DAY:
        raise ValueRejected("date_unparseable", f"数字 {number} 不是Excel日期：{_DATE_HINT}",
                             f"The number {number} is not an Excel date: {_DATE_HINT_EN}")
    if whole < _EXCEL_FAKE_LEAP_DAY:
        return _EXCEL_EPOCH_BEFORE_MARCH_1900 + timedelta(days=whole)
    return _EXCEL_EPOCH + timedelta(days=whole)


def _real_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueRejected("date_unparseable", f"日期“{_shown(text)}”不存在：请核对年月日",
                             f"The date “{_shown(text)}” does not exist: check the year, month and day") from None


def _period_from_text(text: str) -> Period | None:
    found = _YEAR.fullmatch(text)
    if found:
        return year_period(int(found["y"]))
    for pattern in (_MONTH_SEPARATED, _MONTH_CHINESE, _MONTH_COMPACT):
        found = pattern.fullmatch(text)
        if found:
            return month_period(int(found["y"]), int(found["m"]))
    for pattern in (_QUARTER_LATIN, _QUARTER_CHINESE):
        found = pattern.fullmatch(text)
        if found:
            quarter = found["q"]
            return quarter_period(int(found["y"]), _CHINESE_QUARTERS.get(quarter) or int(quarter))
    try:
        day = parse_date(text)
    except ValueRejected:
        return None
    return parse_period(day) if day.day == 1 else None


def _period_from_fraction(number: float) -> Period:
    # A numeric cell typed 2018.03 is the float 2018.03; but 2018.10 and 2018.1
    # are the same float, so one decimal cannot tell October from January.
    text = repr(number)
    if re.fullmatch(r"[0-9]{4}\.[0-9]{2}", text):
        return month_period(int(text[:4]), int(text[5:]))
    raise ValueRejected(
        "period_unparseable",
        f"数字单元格 {text} 分不清是哪个月：请把该列设为文本格式，写成 2018-01 或 2018-10 这样的月份",
        f"The numeric cell {text} could be more than one month: format the column as text and write "
        "months such as 2018-01 or 2018-10",
    )


def _period(kind: PeriodKind, start: date) -> Period:
    label, start, end = _shape(kind, start)
    return Period(label, kind, start, end)


def _shape(kind: PeriodKind, day: date) -> tuple[str, date, date]:
    """Canonical label, first day and last day of the period of this kind that contains the day."""
    year = day.year
    if kind is PeriodKind.YEAR:
        return f"{year:04d}", date(year, 1, 1), date(year, 12, 31)
    if kind is PeriodKind.QUARTER:
        quarter = (day.month - 1) // 3 + 1
        first_month = 3 * quarter - 2
        return f"{year:04d}Q{quarter}", date(year, first_month, 1), _month_end(year, first_month + 2)
    return f"{year:04d}-{day.month:02d}", date(year, day.month, 1), _month_end(year, day.month)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueRejected(
            "period_unparseable", f"年份{year}超出范围（{MIN_YEAR}–{MAX_YEAR}）：{_PERIOD_HINT}",
            f"The year {year} is out of range ({MIN_YEAR}–{MAX_YEAR}): {_PERIOD_HINT_EN}",
        )


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _shown(text: str) -> str:
    return shown_in_message(text, 20)


def born_on_or_before(day: date, years: int) -> date:
    """The latest birth date of someone at least `years` old on `day` (29 Feb counts as 28 Feb in other years)."""
    year = day.year - years
    try:
        return day.replace(year=year)
    except ValueError:  # 29 Feb in a year without one
        return date(year, 2, 28)
