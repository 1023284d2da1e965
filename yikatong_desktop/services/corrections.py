"""Correcting and voiding single records by hand: same validation as an import, a reason, before/after audited.

Mistakes are corrected, never hidden (SPEC §5): every change is a new version with the old one kept
in history, and a void is a version too (a tombstone). The version a clerk read is the optimistic lock:
a record someone else changed meanwhile is refused (“请刷新后再改”).

Persons are corrected in services/person_corrections.py; records entered by hand in
services/manual_entry.py.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from yikatong_desktop.domain.accounts import mask_account, normalize_account
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.headers import Field
from yikatong_desktop.domain.ids import mask_id
from yikatong_desktop.domain.money import parse_money, parse_quantity
from yikatong_desktop.domain.periods import parse_date
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.values_errors import ValueRejected, fold_text, is_blank
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.import_writer import account_ids
from yikatong_desktop.services.record_fields import bad_value, by_field, reason_text, refused
from yikatong_desktop.storage.record_lookup import live_payment_uids, record_by_id
from yikatong_desktop.storage.unit_of_work import UnitOfWork

METHOD_LABELS = {"cash": "现金", "card": "银行卡", "other": "其他"}
_CARD_WORDS = ("一卡通", "银行", "卡", "转账", "代发")


def _text(raw: object) -> str | None:
    return fold_text(str(raw)).strip() or None


def parse_method(raw: object) -> str:
    """发放方式 as stored: cash, card or other (现金 / 银行卡、一卡通、转账 / 其他)."""
    text = fold_text(str(raw)).strip()
    if text.lower() in METHOD_LABELS:
        return text.lower()
    if "现金" in text:
        return "cash"
    if any(w in text for w in _CARD_WORDS):
        return "card"
    if text == "其他":
        return "other"
    raise ValueRejected("method_unknown", f"发放方式“{text[:10]}”无法识别：请填 现金、银行卡（一卡通）或 其他",
                        f"The payment method “{text[:10]}” is not understood: write 现金 (cash), 银行卡 (card) "
                        "or 其他 (other)")


#: What a clerk may correct on a payment (besides 代发银行/银行账号), and how each value is read.
PAYMENT_FIELDS: dict[Field, tuple[str, Callable[[object], Any]]] = {
    Field.PAID: ("paid_fen", parse_money),
    Field.DUE: ("due_fen", parse_money),
    Field.PAID_DATE: ("paid_date", parse_date),
    Field.DUE_DATE: ("due_date", parse_date),
    Field.QUANTITY: ("quantity", parse_quantity),
    Field.METHOD: ("method", parse_method),
    Field.REMARK: ("remark", _text),
}
#: Older callers name the stored column.
_COLUMN_ALIASES = {"paid_fen": Field.PAID, "due_fen": Field.DUE}
EDITABLE = (*PAYMENT_FIELDS, Field.BANK, Field.ACCOUNT)


def correct_payment(uow: UnitOfWork, actor: Actor, payment_uid: str, values: Mapping[str | Field, object], *,
                    reason: str, expected_version: int,
                    new_uid: Callable[[], str] = lambda: str(uuid.uuid4())) -> int:
    """Change some facts of a payment; returns the new version. Refused if someone changed it meanwhile.

    Values are keyed by template title (实发金额), field or stored column (paid_fen) and read as
    roster cells. A new 银行账号 is found or created as an import would; an account makes a cash
    payment a card payment, and 发放方式 现金 drops the account (a cash payment has no account).
    """
    authorize(actor, Action.CORRECT)
    why = reason_text(reason, "correct.reason_needed")
    old = _live(uow, "payments", payment_uid)
    fields = by_field({_COLUMN_ALIASES.get(str(k), k): v for k, v in values.items()}, EDITABLE,
                      unknown_key="correct.unknown_field")
    changes: dict[str, Any] = {}
    for column, (name, parse) in PAYMENT_FIELDS.items():
        if column not in fields:
            continue
        raw = fields[column]
        try:
            value = None if is_blank(raw) else parse(raw)
        except ValueRejected as exc:
            raise refused(exc, column) from exc
        if value is None and column is Field.METHOD:
            raise bad_value(column, "发放方式不能为空：请填 现金、银行卡（一卡通）或 其他")
        if value != getattr(old, name):
            changes[name] = value
    before: dict[str, Any] = {k: getattr(old, k) for k in changes}
    after: dict[str, Any] = dict(changes)
    account = _account_change(uow, old, fields, new_uid)
    if account is not None:
        new_id, shown_before, shown_after = account
        changes["account_id"] = new_id
        before["account"], after["account"] = shown_before, shown_after
        if Field.METHOD not in fields and new_id is not None and old.method == "cash":
            changes["method"] = after["method"] = "card"
            before["method"] = old.method
        elif Field.METHOD not in fields and new_id is None and old.method == "card":
            changes["method"] = after["method"] = "cash"
            before["method"] = old.method
    if not changes:
        return int(old.version)
    version = uow.records.change("payments", payment_uid, changes, expected_version=expected_version)
    record_event(uow, actor, "payment.correct", object_kind="payments", object_uid=payment_uid,
                 detail={"reason": why, "before": before, "after": after})
    return version


def _account_change(uow: UnitOfWork, old: Any, fields: Mapping[Field, object],
                    new_uid: Callable[[], str]) -> tuple[int | None, Any, Any] | None:
    """(new account id, before, after as the audit shows them), or None when the account stays."""
    cash = fields.get(Field.METHOD) is not None and not is_blank(fields[Field.METHOD]) \
        and parse_method(fields[Field.METHOD]) == "cash"
    if Field.ACCOUNT not in fields and Field.BANK not in fields and not cash:
        return None
    current = record_by_id(uow.conn, "bank_accounts", old.account_id)
    number: str | None = None if current is None else current.number
    bank = "" if current is None else current.bank
    if Field.ACCOUNT in fields:
        raw = fields[Field.ACCOUNT]
        try:
            number = None if is_blank(raw) else normalize_account(raw)
        except ValueRejected as exc:
            raise refused(exc, Field.ACCOUNT) from exc
    elif cash:
        number = None
    if Field.BANK in fields:
        bank = "" if is_blank(fields[Field.BANK]) else (_text(fields[Field.BANK]) or "")
    if number is None and Field.BANK in fields and bank:
        raise bad_value(Field.ACCOUNT, "填写了代发银行，但没有银行账号：请同时填写银行账号")
    new_id = None if number is None else account_ids(uow, org_code(uow), {(bank, number)}, new_uid)[(bank, number)]
    if new_id == old.account_id:
        return None
    return new_id, _shown_account(current), None if number is None else {"bank": bank, "number": mask_account(number)}


def _shown_account(row: Any) -> dict[str, str] | None:
    return None if row is None else {"bank": row.bank, "number": mask_account(row.number)}


def payment_for_edit(uow: UnitOfWork, actor: Actor, payment_uid: str) -> dict[str, Any]:
    """The editable facts of a payment and the version they were read at (the optimistic lock)."""
    authorize(actor, Action.VIEW)
    row = uow.records.get("payments", payment_uid)
    if row is None:
        raise InputRejected("record.missing", kind="payments", uid=payment_uid)
    account = record_by_id(uow.conn, "bank_accounts", row.account_id)
    return {"version": int(row.version), "voided": bool(row.voided),
            **{name: getattr(row, name) for name, _parse in PAYMENT_FIELDS.values()},
            "bank": None if account is None else account.bank, "account": None if account is None else account.number}


def void_record(uow: UnitOfWork, actor: Actor, kind: str, uid: str, *, reason: str, expected_version: int,
                with_payments: bool = False) -> int:
    """Void a person or a payment: a new version that is a tombstone; returns that version.

    A person who still has live payments is refused unless `with_payments`: their payments are then
    voided in the same transaction and named in the one audit event. Refusing by default keeps a
    clerk from hiding money paid out by voiding the person it went to.
    """
    authorize(actor, Action.CORRECT)
    if kind not in ("payments", "persons"):
        raise UsageError("void.bad_kind", kind=kind)
    why = reason_text(reason, "void.reason_needed")
    old = uow.records.get(kind, uid)
    if old is None:
        raise InputRejected("record.missing", kind=kind, uid=uid)
    if old.voided:
        raise InputRejected("void.already", uid=uid)
    detail: dict[str, Any] = {"reason": why}
    if kind == "persons":
        detail["person"] = {"name": old.name, "id_number": mask_id(old.id_number)}
        payments = live_payment_uids(uow.conn, old.id)
        if payments and not with_payments:
            raise InputRejected("void.person_has_payments", count=len(payments))
        for payment in payments:
            uow.records.void("payments", payment, expected_version=int(_live(uow, "payments", payment).version))
        detail["payments_voided"] = payments
    else:
        detail["payment"] = {"paid_fen": old.paid_fen, "due_fen": old.due_fen, "period": old.period_label,
                             "paid_date": old.paid_date}
    version = uow.records.void(kind, uid, expected_version=expected_version)
    record_event(uow, actor, f"{kind.removesuffix('s')}.void", object_kind=kind, object_uid=uid, detail=detail)
    return version


def _live(uow: UnitOfWork, kind: str, uid: str) -> Any:
    row = uow.records.get(kind, uid)
    if row is None or row.voided:
        raise InputRejected("record.missing", kind=kind, uid=uid)
    return row
