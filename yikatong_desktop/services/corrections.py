"""Correcting a stored payment by hand: same validation as an import, a reason, before/after in the audit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.money import parse_money
from yikatong_desktop.domain.periods import parse_date
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.values_errors import ValueRejected, is_blank
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: What a clerk may correct on a payment, and how each value is read (as from a roster cell).
EDITABLE = {
    "paid_fen": ("实发金额", parse_money),
    "due_fen": ("应发金额", parse_money),
    "paid_date": ("发放日期", parse_date),
    "remark": ("备注", lambda v: str(v).strip() or None),
}


def correct_payment(uow: UnitOfWork, actor: Actor, payment_uid: str, values: Mapping[str, object], *,
                    reason: str, expected_version: int) -> int:
    """Change some facts of a payment; returns the new version. Refused if someone changed it meanwhile."""
    authorize(actor, Action.CORRECT)
    if not reason.strip():
        raise UsageError("correct.reason_needed")
    old = uow.records.get("payments", payment_uid)
    if old is None or old.voided:
        raise InputRejected("record.missing", kind="payments", uid=payment_uid)
    changes: dict[str, Any] = {}
    for key, raw in values.items():
        title, parse = EDITABLE[key]
        try:
            value = None if is_blank(raw) else parse(raw)
        except ValueRejected as exc:
            raise InputRejected("correct.bad_value", field=title, reason=exc.message_zh) from exc
        if value != getattr(old, key):
            changes[key] = value
    if not changes:
        return int(old.version)
    version = uow.records.change("payments", payment_uid, changes, expected_version=expected_version)
    record_event(uow, actor, "payment.correct", object_kind="payments", object_uid=payment_uid,
                 detail={"reason": reason.strip(), "before": {k: getattr(old, k) for k in changes},
                         "after": changes})
    return version


def payment_for_edit(uow: UnitOfWork, actor: Actor, payment_uid: str) -> dict[str, Any]:
    """The editable facts of a payment and the version they were read at (the optimistic lock)."""
    authorize(actor, Action.VIEW)
    row = uow.records.get("payments", payment_uid)
    if row is None:
        raise InputRejected("record.missing", kind="payments", uid=payment_uid)
    return {"version": int(row.version), **{k: getattr(row, k) for k in EDITABLE}}
