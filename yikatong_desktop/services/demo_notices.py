"""公示 for the demo (issue 9): posted notices for almost every village's payments, and a few planted gaps.

Every village's payments of each program and period get a notice that started 20 days before the
first payment and was posted that day — except the planted cases NOT_PUBLICISED must find: batches
with no notice at all, a notice posted only three days before payment, and one made but never
recorded as posted. A notice that started exactly the notice period before payment is the negative
control (publicised, just in time).
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from yikatong_desktop.domain.notices import MIN_DAYS
from yikatong_desktop.services import notices
from yikatong_desktop.services.auth import Actor
from yikatong_desktop.storage import notice_store
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: Township and county 监督举报电话 printed on the demo's notices (office numbers).
DEMO_HOTLINE = {"own": "0994-4521234", "county": "0994-4526789"}
LEAD_DAYS = 20  # a normal notice starts this long before the first payment


def plant_notices(uow: UnitOfWork, actor: Actor, payments: list[dict[str, Any]], rng: random.Random) -> dict[str, Any]:
    """Make and post the demo's notices; returns the planted cases and controls for the manifest."""
    uow.set_setting("complaints.hotline", DEMO_HOTLINE)
    first_paid: dict[tuple[str, str], date] = {}  # (program, period) → first payment date
    village_first: dict[tuple[tuple[str, str], str], date] = {}  # … and of each village
    villages: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p in payments:
        if p["paid_date"] is None or not p["village_code"]:
            continue
        key = (p["program"], p["period_label"])
        first_paid[key] = min(first_paid.get(key, p["paid_date"]), p["paid_date"])
        here = (key, p["village_code"])
        village_first[here] = min(village_first.get(here, p["paid_date"]), p["paid_date"])
        villages[key].add(p["village_code"])
    groups = sorted(villages)
    # Planted: two groups without a notice, one posted too late, one never posted; one control just in time.
    picked = rng.sample(sorted(village_first), 5)
    missing, late, unposted, just_in_time = picked[:2], picked[2], picked[3], picked[4]
    lead = {late: 3, unposted: LEAD_DAYS, just_in_time: MIN_DAYS}  # days before the village's first payment
    for group in groups:
        ordinary = sorted(c for c in villages[group] if (group, c) not in lead and (group, c) not in missing)
        start = first_paid[group] - timedelta(days=LEAD_DAYS)
        made = notices.make_many(uow, actor, ordinary, [group[0]], group[1], start, preparer="村文书")
        _post(uow, [n for n, _ in made])
    for (group, village), days in lead.items():
        start = village_first[(group, village)] - timedelta(days=days)
        made = notices.make_many(uow, actor, [village], [group[0]], group[1], start, preparer="村文书")
        if (group, village) != unposted:
            _post(uow, [n for n, _ in made])
    cases = [_case(group, village, "该村该批发放没有任何公示记录") for group, village in missing]
    cases.append(_case(*late, "公示从发放前3天才开始张贴，不满7天"))
    cases.append(_case(*unposted, "公示已制作，但没有登记张贴"))
    controls = [_case(*just_in_time, "公示恰好在发放前7天开始张贴：已公示")]
    return {"cases": cases, "controls": controls}


def _case(group: tuple[str, str], village: str, why: str) -> dict[str, Any]:
    return {"rule": "NOT_PUBLICISED", "why": why, "also": [], "program": group[0], "period": group[1],
            "village": village}


def _post(uow: UnitOfWork, made: list[notices.Notice]) -> None:
    """Posted on the day they start (the notices of one call share it), by the village committee."""
    if made:
        uow.records.change_where("notices", {"posted_on": made[0].start_on, "posted_by": "村委会"},
                                 notice_store.uid_condition([n.uid for n in made]))
