"""Rules over payments, persons and accounts (SPEC §6): explanations and evidence for each finding row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yikatong_desktop.services.checks.engine import RuleImpl
from yikatong_desktop.services.checks.texts import payment_evidence, period_text, yuan
from yikatong_desktop.storage.rule_queries import payments as q


def _underpaid(row: Any) -> str:
    return f"{period_text(row.period_label)}{row.program}应发{yuan(row.due_fen)}，实发{yuan(row.paid_fen)}"


def _cash(row: Any) -> str:
    return f"{period_text(row.period_label)}{row.program}应通过一卡通发放，却以现金发放{yuan(row.paid_fen)}"


IMPLS: Mapping[str, RuleImpl] = {
    "UNDERPAID": RuleImpl(q.underpaid, _underpaid, payment_evidence),
    "CASH_PAYMENT": RuleImpl(q.cash_payment, _cash, payment_evidence),
}
