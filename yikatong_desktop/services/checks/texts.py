"""Words shared by the rules' explanations: periods as Chinese text, the evidence a payment row gives."""

from __future__ import annotations

from datetime import date
from typing import Any

from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.periods import parse_period


def period_text(label: str | None) -> str:
    """2018 → 2018年, 2018-03 → 2018年3月, 2018Q1 → 2018年第1季度."""
    if not label:
        return ""
    try:
        return parse_period(label).label_zh
    except ValueError:
        return label


def day_text(day: date | None) -> str:
    """2018-05-20 → 2018年5月20日."""
    return "" if day is None else f"{day.year}年{day.month}月{day.day}日"


def yuan(fen: int | None) -> str:
    """Fen as “1,234.50元”."""
    return f"{format_yuan(fen or 0)}元"


def payment_evidence(row: Any) -> list[dict[str, str]]:
    """The payment a finding row is about, as one evidence item."""
    return [{"kind": "payments", "uid": row.key,
             "label": f"{row.name} {period_text(row.period_label)}{row.program} 实发{yuan(row.paid_fen)}"}]
