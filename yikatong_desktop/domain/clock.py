"""The clock is injected everywhere (SPEC §12): tests and the demo fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Protocol

#: Local time of the offices (Xinjiang offices work on Beijing time).
LOCAL_TZ = timezone(timedelta(hours=8), "CST")


class Clock(Protocol):
    def now(self) -> datetime:
        """Current time, timezone-aware UTC."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """Current UTC time."""
        return datetime.now(UTC)


@dataclass
class FixedClock:
    """A clock that starts at a fixed instant and ticks one microsecond per call.

    Ticking keeps event order visible while staying deterministic.
    """

    start: datetime
    _calls: int = field(default=0, repr=False)

    def now(self) -> datetime:
        """The fixed instant plus one microsecond per earlier call."""
        self._calls += 1
        return self.start.astimezone(UTC) + timedelta(microseconds=self._calls - 1)


def parse_clock(text: str) -> FixedClock:
    """A FixedClock from ISO text; a naive time is taken as Beijing time."""
    moment = datetime.fromisoformat(text.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=LOCAL_TZ)
    return FixedClock(moment)


def local_today(clock: Clock) -> datetime:
    """The clock's time in the offices' local zone."""
    return clock.now().astimezone(LOCAL_TZ)
