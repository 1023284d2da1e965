"""Campaign phases and deadlines (SPEC §2); the dates are data, edited in 设置."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class Phase:
    key: str
    title: str
    start: date
    end: date


@dataclass(frozen=True)
class Deadline:
    title: str
    day: date


@dataclass(frozen=True)
class Campaign:
    """One campaign: its phases and its one-off deadlines; monthly reports fall on the 25th."""

    year: int
    phases: tuple[Phase, ...]
    deadlines: tuple[Deadline, ...]
    monthly_report_day: int = 25

    def phase_on(self, day: date) -> Phase | None:
        """The phase a day falls in, or None before, between or after them."""
        for phase in self.phases:
            if phase.start <= day <= phase.end:
                return phase
        return None

    def status_on(self, day: date) -> str:
        """A short Chinese description of where the campaign stands."""
        phase = self.phase_on(day)
        if phase is not None:
            return f"{phase.title}（{phase.start:%m月%d日}—{phase.end:%m月%d日}）"
        if day < self.phases[0].start:
            return f"尚未开始（{self.phases[0].title}自{self.phases[0].start:%Y年%m月%d日}起）"
        if day > self.phases[-1].end:
            return "专项整治阶段已结束，整改和销号继续"
        return "阶段间隙"

    def next_deadline(self, day: date) -> Deadline:
        """The nearest deadline on or after `day`, monthly reports included."""
        candidates = [d for d in self.deadlines if d.day >= day]
        candidates.append(Deadline("月报报送（每月25日前）", next_monthly(day, self.monthly_report_day)))
        for phase in self.phases:
            if phase.end >= day:
                candidates.append(Deadline(f"{phase.title}结束", phase.end))
        return min(candidates, key=lambda d: (d.day, d.title))

    def to_settings(self) -> dict[str, Any]:
        """Plain data for the settings table."""
        return {
            "year": self.year,
            "phases": [{"key": p.key, "title": p.title, "start": p.start.isoformat(),
                        "end": p.end.isoformat()} for p in self.phases],
            "deadlines": [{"title": d.title, "day": d.day.isoformat()} for d in self.deadlines],
            "monthly_report_day": self.monthly_report_day,
        }

    @staticmethod
    def from_settings(data: Mapping[str, Any]) -> Campaign:
        """Rebuild from settings data."""
        return Campaign(
            year=int(data["year"]),
            phases=tuple(Phase(p["key"], p["title"], date.fromisoformat(p["start"]),
                               date.fromisoformat(p["end"])) for p in data["phases"]),
            deadlines=tuple(Deadline(d["title"], date.fromisoformat(d["day"])) for d in data["deadlines"]),
            monthly_report_day=int(data.get("monthly_report_day", 25)),
        )


def next_monthly(day: date, dom: int) -> date:
    """The next `dom`-th of a month on or after `day`."""
    if day.day <= dom:
        return day.replace(day=dom)
    first_next = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first_next.replace(day=dom)


_PHASES: Sequence[tuple[str, str, tuple[int, int], tuple[int, int]]] = (
    ("selfcheck", "自查阶段", (6, 10), (7, 31)),
    ("guidance", "调研指导帮助阶段", (8, 1), (8, 30)),
    ("rectify", "整改规范阶段", (9, 1), (9, 30)),
    ("summary", "总结评价阶段", (10, 1), (10, 25)),
)
_DEADLINES: Sequence[tuple[str, tuple[int, int]]] = (
    ("县（市）园区工作总结报州财政局", (10, 20)),
    ("州财政局形成全州工作总结", (11, 5)),
    ("接受州纪委监委检查评估", (11, 25)),
)


def default_campaign(year: int) -> Campaign:
    """The work plan's phases and deadlines for a campaign year."""
    return Campaign(
        year=year,
        phases=tuple(Phase(k, t, date(year, *s), date(year, *e)) for k, t, s, e in _PHASES),
        deadlines=tuple(Deadline(t, date(year, *d)) for t, d in _DEADLINES),
    )
