"""Rules over payments, persons and accounts (SPEC §6): explanations and evidence for each finding row."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from yikatong_desktop.domain.ids import mask_id
from yikatong_desktop.domain.money import amount_for
from yikatong_desktop.domain.names import pinyin_sort_key, toneless_pinyin
from yikatong_desktop.domain.rules import Severity
from yikatong_desktop.services.checks.engine import RuleImpl
from yikatong_desktop.services.checks.texts import day_text, payment_evidence, period_text, yuan
from yikatong_desktop.storage.rule_queries import payments as q


def _underpaid(row: Any) -> str:
    return f"{row.name}{period_text(row.period_label)}{row.program}应发{yuan(row.due_fen)}，实发{yuan(row.paid_fen)}"


def _cash(row: Any) -> str:
    return f"{row.name}{period_text(row.period_label)}{row.program}应通过一卡通发放，却以现金发放{yuan(row.paid_fen)}"


def _late(row: Any) -> str:
    return (f"{row.name}{period_text(row.period_label)}{row.program}应于{day_text(row.due_date)}发放，"
            f"{day_text(row.paid_date)}才发放，晚{row.late_days}天（宽限{row.grace_days}天）")


def _expected(row: Any) -> int:
    quantity = Decimal(str(row.quantity)) if row.quantity is not None else Decimal(1)
    return amount_for(int(row.applicable_fen), quantity)


def _over_standard_decide(row: Any) -> Severity | None:
    """The exact half-up comparison on the candidates the query found."""
    return Severity.HIGH if int(row.paid_fen) > _expected(row) else None


def _over_standard(row: Any) -> str:
    source = "目录标准" if row.catalogue_fen is not None else "花名册上的补贴标准"
    per = f"{yuan(row.applicable_fen)}"
    times = "" if row.quantity is None or Decimal(str(row.quantity)) == 1 else f"×{row.quantity}"
    return (f"{row.name}{period_text(row.period_label)}{row.program}按{source}{per}{times}应发{yuan(_expected(row))}，"
            f"实发{yuan(row.paid_fen)}，多发{yuan(int(row.paid_fen) - _expected(row))}")


def _out_of_scope(row: Any) -> str:
    if row.too_young:
        return (f"{row.name}在{period_text(row.period_label)}末{row.age}岁，{row.program}要求{row.min_age}岁以上，"
                f"仍发放{yuan(row.paid_fen)}")
    return f"{row.name}不在{row.program}的实施区域内，{period_text(row.period_label)}仍发放{yuan(row.paid_fen)}"


def _invalid_id(row: Any) -> str:
    what = "出生日期" if "date" in (row.id_problems or "") else "校验码"
    return f"{row.name}的身份证号{what}不对，仍有{row.payments}笔发放共{yuan(row.amount_fen)}：请核对原始证件"


def _name_decide(row: Any) -> Severity | None:
    """A same-sounding spelling (买买提/麦麦提) is a low-severity review; another name or sex is a mismatch."""
    if row.other_name and row.written_name and toneless_pinyin(row.written_name) == toneless_pinyin(row.id_name):
        return Severity.LOW
    return Severity.HIGH


def _name_mismatch(row: Any) -> str:
    where = f"{period_text(row.period_label)}{row.program}花名册"
    if row.other_name:
        sounds = "（读音相同，可能是同音异写）" if _name_decide(row) is Severity.LOW else ""
        return f"身份证号{mask_id(row.id_number)}登记的姓名是“{row.id_name}”，{where}写作“{row.written_name}”{sounds}"
    return f"{row.id_name}的身份证号表明性别为{row.id_sex}，{where}写作{row.written_sex}"


def _card_not_own(row: Any) -> str:
    holder = f"“{row.holder_name}”" if row.holder_name else "他人"
    span = period_text(row.first_period) + ("" if row.first_period == row.last_period
                                            else "至" + period_text(row.last_period))
    programs = "、".join(sorted((row.programs or "").split(",")))
    return (f"{row.name}的{programs}（{span}，{row.payments}笔共{yuan(row.amount_fen)}）打入{holder}名下的账户"
            f"（{row.bank} 尾号{str(row.account_number)[-4:]}），不是本人账户")


def _multi_card(row: Any) -> str:
    return f"{row.name}在{row.cards}个账户上领取补贴：{_cards(row.card_list)}"


def _cards(card_list: str | None) -> str:
    out = []
    for item in sorted((card_list or "").split(",")):
        parts = item.rsplit(" ", 2)
        if len(parts) == 3:
            out.append(f"{parts[0]} 尾号{parts[1][-4:]} {yuan(int(parts[2]))}")
    return "；".join(out)


def _too_many_banks(row: Any) -> str:
    banks = "、".join(sorted((row.bank_list or "").split(",")))
    return f"{row.org_name or row.org_code}使用了{row.banks}家代理银行（{banks}），超过规定"


def _shared(row: Any) -> str:
    names = "、".join(sorted((row.names or "").split(","), key=pinyin_sort_key))
    return (f"{row.bank}账户（尾号{str(row.number)[-4:]}）收到{row.persons}个不同户的人的补贴（{names}），"
            f"共{yuan(row.amount_fen)}")


def _duplicate(row: Any) -> str:
    return (f"{row.name}{period_text(row.period_label)}{row.program}发放了{row.times}次，共{yuan(row.total_fen)}，"
            f"多发{yuan(row.amount_fen)}")


def _person_evidence(row: Any) -> list[dict[str, str]]:
    return [{"kind": "persons", "uid": row.person_uid, "label": f"{row.name} {mask_id(row.id_number)}"}]


def _uids_evidence(kind: str, uids: str | None, label: str) -> list[dict[str, str]]:
    return [{"kind": kind, "uid": uid, "label": label} for uid in sorted((uids or "").split(",")) if uid]


IMPLS: Mapping[str, RuleImpl] = {
    "LATE_PAYMENT": RuleImpl(q.late_payment, _late, payment_evidence),
    "UNDERPAID": RuleImpl(q.underpaid, _underpaid, payment_evidence),
    "OVER_STANDARD": RuleImpl(q.over_standard_candidates, _over_standard, payment_evidence, _over_standard_decide),
    "OUT_OF_SCOPE": RuleImpl(q.out_of_scope, _out_of_scope, payment_evidence),
    "CASH_PAYMENT": RuleImpl(q.cash_payment, _cash, payment_evidence),
    "INVALID_ID": RuleImpl(q.invalid_id, _invalid_id, _person_evidence),
    "NAME_ID_MISMATCH": RuleImpl(q.name_id_mismatch, _name_mismatch, payment_evidence, _name_decide),
    "CARD_NOT_OWN": RuleImpl(q.card_not_own, _card_not_own,
                             lambda r: [*_person_evidence(r),
                                        *_uids_evidence("payments", r.payment_uids, f"{r.name}的发放记录")]),
    "MULTI_CARD": RuleImpl(q.multi_card, _multi_card, _person_evidence),
    "TOO_MANY_BANKS": RuleImpl(q.too_many_banks, _too_many_banks,
                               lambda r: [{"kind": "org_units", "uid": r.key, "label": r.org_name or r.key}]),
    "SHARED_ACCOUNT": RuleImpl(q.shared_account, _shared,
                               lambda r: [{"kind": "bank_accounts", "uid": r.key,
                                           "label": f"{r.bank} 尾号{str(r.number)[-4:]}"},
                                          *_uids_evidence("persons", r.person_uids, "收款人")]),
    "DUPLICATE_PAYMENT": RuleImpl(q.duplicate_payment, _duplicate,
                                  lambda r: _uids_evidence("payments", r.payment_uids, f"{r.name} {r.period_label}")),
}
