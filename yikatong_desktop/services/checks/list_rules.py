"""Rules that read the other lists (SPEC §5, §6): explanations and evidence for each finding row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yikatong_desktop.services.checks.engine import RuleImpl
from yikatong_desktop.services.checks.texts import day_text, payment_evidence, period_text, yuan
from yikatong_desktop.storage.rule_queries import lists as q


def _death(row: Any) -> str:
    return (f"{row.name}于{day_text(row.died)}死亡，"
            f"{period_text(row.period_label)}{row.program}仍发放{yuan(row.paid_fen)}")


IMPLS: Mapping[str, RuleImpl] = {
    "PAID_AFTER_DEATH": RuleImpl(q.paid_after_death, _death,
                                 lambda r: [*payment_evidence(r), {"kind": "person_statuses", "uid": r.status_uid,
                                                                   "label": f"死亡 {r.died}"}]),
}
