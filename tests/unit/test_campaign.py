"""Campaign phases and deadlines of the work plan (SPEC §2)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from yikatong_desktop.domain.campaign import Campaign, default_campaign, next_monthly


def test_the_work_plans_phases_and_deadlines() -> None:
    c = default_campaign(2019)
    assert [(p.title, p.start, p.end) for p in c.phases] == [
        ("自查阶段", date(2019, 6, 10), date(2019, 7, 31)),
        ("调研指导帮助阶段", date(2019, 8, 1), date(2019, 8, 30)),
        ("整改规范阶段", date(2019, 9, 1), date(2019, 9, 30)),
        ("总结评价阶段", date(2019, 10, 1), date(2019, 10, 25)),
    ]
    assert {d.day for d in c.deadlines} == {date(2019, 10, 20), date(2019, 11, 5), date(2019, 11, 25)}


def test_status_before_during_between_and_after() -> None:
    c = default_campaign(2019)
    assert "尚未开始" in c.status_on(date(2019, 5, 1))
    assert c.status_on(date(2019, 7, 15)).startswith("自查阶段")
    assert c.status_on(date(2019, 8, 31)) == "阶段间隙"
    assert "已结束" in c.status_on(date(2019, 12, 1))


def test_next_deadline_is_the_nearest_including_the_monthly_report() -> None:
    c = default_campaign(2019)
    assert c.next_deadline(date(2019, 7, 15)).day == date(2019, 7, 25)  # 月报
    assert c.next_deadline(date(2019, 7, 26)).day == date(2019, 7, 31)  # end of 自查
    assert c.next_deadline(date(2019, 10, 19)).day == date(2019, 10, 20)  # county summary
    after = c.next_deadline(date(2019, 11, 26))
    assert after.day == date(2019, 12, 25) and "月报" in after.title


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_next_monthly_report_day_is_the_25th_on_or_after(day: date) -> None:
    due = next_monthly(day, 25)
    assert due.day == 25 and due >= day and (due - day).days <= 31


def test_campaign_round_trips_through_settings() -> None:
    c = default_campaign(2020)
    assert Campaign.from_settings(c.to_settings()) == c
