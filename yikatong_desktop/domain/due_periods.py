"""Which periods a program was due for (SPEC §6 ENTITLED_NOT_PAID): its months, quarters or years.

A program paid monthly, quarterly or yearly owes each period from the first one
someone became entitled in up to the last period whose end plus the program's
grace days lies before today. One-off and as-needed programs owe no regular
period, so nothing can be said to be missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from yikatong_desktop.domain.periods import Period, PeriodKind, month_period, quarter_period, year_period

#: Payment frequency (programs.frequency) → the kind of period paid once.
PERIOD_OF_FREQUENCY = {"monthly": PeriodKind.MONTH, "quarterly": PeriodKind.QUARTER, "yearly": PeriodKind.YEAR}


def period_containing(kind: PeriodKind, day: date) -> Period:
    """The month, quarter or year that contains a day."""
    if kind is PeriodKind.YEAR:
        return year_period(day.year)
    if kind is PeriodKind.QUARTER:
        return quarter_period(day.year, (day.month - 1) // 3 + 1)
    return month_period(day.year, day.month)


def due_periods(frequency: str, first_day: date, grace_days: int, today: date) -> Iterator[Period]:
    """The periods a program of this frequency owed from the one containing `first_day` on, each
    over once its end + grace days is before today (none for one-off or as-needed programs)."""
    kind = PERIOD_OF_FREQUENCY.get(frequency)
    if kind is None:
        return
    period = period_containing(kind, first_day)
    while period.end + timedelta(days=grace_days) < today:
        yield period
        period = period_containing(kind, period.end + timedelta(days=1))
