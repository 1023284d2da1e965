"""The periods a program owed (ENTITLED_NOT_PAID): by frequency, from the first entitled day, over after grace."""

from __future__ import annotations

from datetime import date

from yikatong_desktop.domain.due_periods import due_periods


def labels(frequency: str, first: date, grace: int, today: date) -> list[str]:
    return [p.label for p in due_periods(frequency, first, grace, today)]


def test_monthly_periods_start_with_the_month_of_the_first_day_and_stop_before_grace_ends() -> None:
    # 2019-04 ended 04-30, + 30 days = 05-30 < 06-01; 2019-05 is still within its grace days.
    assert labels("monthly", date(2019, 2, 15), 30, date(2019, 6, 1)) == ["2019-02", "2019-03", "2019-04"]


def test_quarters_and_years() -> None:
    assert labels("quarterly", date(2018, 5, 1), 0, date(2019, 1, 1)) == ["2018Q2", "2018Q3", "2018Q4"]
    assert labels("yearly", date(2017, 7, 1), 30, date(2019, 6, 1)) == ["2017", "2018"]
    assert labels("yearly", date(2017, 7, 1), 30, date(2019, 1, 30)) == ["2017"]


def test_one_off_and_as_needed_programs_owe_no_regular_period() -> None:
    assert labels("one_off", date(2010, 1, 1), 0, date(2019, 6, 1)) == []
    assert labels("as_needed", date(2010, 1, 1), 0, date(2019, 6, 1)) == []

