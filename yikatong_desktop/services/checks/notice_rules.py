"""NOT_PUBLICISED (SPEC §6): the words and evidence of a finding about a payment batch of a village."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yikatong_desktop.services.checks.engine import RuleImpl
from yikatong_desktop.services.checks.texts import day_text, period_text, yuan
from yikatong_desktop.storage.rule_queries import notices as q


def _why(row: Any) -> str:
    if row.no_village:  # a notice is per village: these payments cannot be on one until the village is known
        return f"其中{row.no_village}笔发放记录没有村（社区），无法按村公示：请先在花名册补录村"
    if row.posted:
        return f"公示张贴晚了：最晚一份从{day_text(row.latest_start)}起公示，不满{row.notice_days}天就发放"
    if row.noticed:
        return "公示已制作，但没有登记张贴"
    return "没有公示记录"


def _explain(row: Any) -> str:
    return (f"{row.org_name or row.org_code}{period_text(row.period_label)}{row.program}{row.payments}笔共"
            f"{yuan(row.amount_fen)}（{day_text(row.first_paid)}起发放），发放前没有张贴满{row.notice_days}天的公示："
            f"{_why(row)}")


def _evidence(row: Any) -> list[dict[str, str]]:
    if row.batch_uid == "manual":
        return [{"kind": "payments", "uid": "", "label": "手工录入的发放记录"}]
    return [{"kind": "import_batches", "uid": row.batch_uid, "label": f"导入批次 {row.file_name}"}]


IMPLS: Mapping[str, RuleImpl] = {"NOT_PUBLICISED": RuleImpl(q.not_publicised, _explain, _evidence)}
