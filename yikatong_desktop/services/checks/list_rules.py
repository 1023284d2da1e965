"""Rules that read the other lists (SPEC §5, §6): explanations and evidence for each finding row."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from yikatong_desktop.services.checks.engine import RuleImpl
from yikatong_desktop.services.checks.texts import day_text, payment_evidence, period_text, yuan
from yikatong_desktop.storage.rule_queries import lists as q

Evidence = list[dict[str, str]]
_STATUS_WORDS = {"moved": "迁出", "exit": "退出"}


def _death(row: Any) -> str:
    return (f"{row.name}于{day_text(row.died)}死亡，"
            f"{period_text(row.period_label)}{row.program}仍发放{yuan(row.paid_fen)}")


def _exit(row: Any) -> str:
    what = f"{row.reason or '户口迁出'}" if row.status == "moved" else f"{row.reason or '退出'}"
    return (f"{row.name}于{day_text(row.left_on)}{what}，"
            f"{period_text(row.period_label)}{row.program}仍发放{yuan(row.paid_fen)}")


def _exit_evidence(row: Any) -> Evidence:
    label = f"{_STATUS_WORDS.get(row.status, row.status)} {row.left_on}"
    return [*payment_evidence(row), {"kind": "person_statuses", "uid": row.status_uid, "label": label}]


def _staff(row: Any) -> str:
    who = "、".join(x for x in (row.employer, row.category) if x)
    return (f"{row.name}是财政供养人员{f'（{who}）' if who else ''}，"
            f"{row.program}不发给财政供养人员，{period_text(row.period_label)}仍发放{yuan(row.paid_fen)}")


def _staff_evidence(row: Any) -> Evidence:
    label = f"财政供养人员 {row.employer or ''}{f'（{row.category}）' if row.category else ''}".strip()
    return [*payment_evidence(row), {"kind": "public_employees", "uid": row.staff_uid, "label": label}]


def _payment_list(joined: str | None, amount_word: str = "") -> Evidence:
    """Evidence items of the payments a query listed with `_joined` (uid, period, program, amount), sorted."""
    items = []
    for record in sorted((joined or "").split(q.RECORD_SEP)):
        if not record:
            continue
        uid, period, program, fen = record.split(q.FIELD_SEP)
        items.append((period, program, uid, int(fen)))
    return [{"kind": "payments", "uid": uid, "label": f"{period_text(period)}{program} {amount_word}{yuan(fen)}"}
            for period, program, uid, fen in sorted(items)]


def _cadre(row: Any) -> str:
    if row.relation == "本人":
        who = f"{row.name}本人是村干部{f'（{row.position}）' if row.position else ''}"
    else:
        post = row.cadre_position or row.position
        cadre = f"{row.cadre_name or '村干部'}{f'（{post}）' if post else '（村干部）'}"
        who = f"{row.name}是{cadre}的{row.relation}"
    return f"{who}，享受补贴{row.payments}笔共{yuan(row.amount_fen)}：需写复核意见"


def _cadre_evidence(row: Any) -> Evidence:
    label = f"村干部及近亲属 {row.relation}{f' {row.position}' if row.position else ''}"
    return [{"kind": "cadres", "uid": row.cadre_uid, "label": label}, *_payment_list(row.paid_list, "实发")]


def _card_held(row: Any) -> str:
    holder = f"由{row.card_holder}保管" if row.card_holder else "不在本人手中"
    paid = f"，其名下一卡通发放的补贴{row.payments}笔共{yuan(row.amount_fen)}" if row.payments else ""
    return f"{day_text(row.check_date)}入户核查：{row.name}的一卡通{holder}{paid}"


def _card_held_evidence(row: Any) -> Evidence:
    label = f"入户核查 {row.check_date} 卡不在本人手中{f'，持卡人 {row.card_holder}' if row.card_holder else ''}"
    return [{"kind": "field_checks", "uid": row.check_uid, "label": label}, *_payment_list(row.paid_list, "实发")]


def _fee(row: Any) -> str:
    tail = str(row.account_number)[-4:]
    what = f"{period_text(row.period_label)}{row.program}" if row.program else f"尾号{tail}的账户"
    parts = []
    if row.shortfall_fen:
        parts.append(f"实发{yuan(row.paid_fen)}，入账{yuan(row.credited_fen)}，少{yuan(row.shortfall_fen)}")
    if row.fee_fen:
        parts.append(f"扣手续费{yuan(row.fee_fen)}")
    return f"{row.name or ''}{what}代发回盘：{'，'.join(parts)}"


def _fee_evidence(row: Any) -> Evidence:
    label = f"代发回盘 尾号{str(row.account_number)[-4:]} 入账{yuan(row.credited_fen)} 手续费{yuan(row.fee_fen)}"
    items = [{"kind": "bank_returns", "uid": row.key, "label": label}]
    if row.payment_uid:
        items.append({"kind": "payments", "uid": row.payment_uid,
                      "label": f"{row.name} {period_text(row.period_label)}{row.program} 实发{yuan(row.paid_fen)}"})
    return items


def _unissued(row: Any) -> str:
    reason = f"（{row.failure_reason}）" if row.failure_reason else ""
    return (f"{row.name}{period_text(row.period_label)}{row.program}{yuan(row.amount_fen)}银行回盘发放失败{reason}，"
            f"自{day_text(row.paid_on)}已过{row.days}天没有重新发放")


def _unissued_evidence(row: Any) -> Evidence:
    label = f"代发回盘 尾号{str(row.account_number)[-4:]} 失败{f'：{row.failure_reason}' if row.failure_reason else ''}"
    return [*payment_evidence(row), {"kind": "bank_returns", "uid": row.return_uid, "label": label}]


def _undisbursed(row: Any) -> str:
    return (f"{row.org_name}{period_text(row.period_label)}{row.program}拨付{yuan(row.allocated_fen)}，"
            f"实发{yuan(row.paid_total)}，{yuan(row.amount_fen)}未发放，"
            f"资金{day_text(row.arrived_date)}到位，已过{row.arrived_days}天（规定{row.after_days}天内发放）")


def _undisbursed_evidence(row: Any) -> Evidence:
    items = []
    for record in sorted((row.alloc_list or "").split(q.RECORD_SEP)):
        if record:
            uid, fen, arrived = record.split(q.FIELD_SEP)
            items.append({"kind": "fund_allocations", "uid": uid,
                          "label": f"资金拨付 {row.org_name} {period_text(row.period_label)} {yuan(int(fen))} "
                                   f"{arrived}到位"})
    return items


def _entitled(row: Any) -> str:
    if row.source == "eligible":
        return (f"{row.name}在{row.program}应享名单上（{period_text(row.from_label)}起），"
                f"{period_text(row.period_label)}没有发放")
    return f"{row.name}{period_text(row.period_label)}{row.program}应发{yuan(row.due_total)}，没有实发"


def _entitled_evidence(row: Any) -> Evidence:
    if row.source == "eligible":
        return [{"kind": "eligible_entries", "uid": row.list_uid,
                 "label": f"应享名单 {row.program} {period_text(row.from_label)}起"}]
    return _payment_list(row.paid_list, "应发")


IMPLS: Mapping[str, RuleImpl] = {
    "PAID_AFTER_DEATH": RuleImpl(q.paid_after_death, _death,
                                 lambda r: [*payment_evidence(r), {"kind": "person_statuses", "uid": r.status_uid,
                                                                   "label": f"死亡 {r.died}"}]),
    "PAID_AFTER_EXIT": RuleImpl(q.paid_after_exit, _exit, _exit_evidence),
    "PUBLIC_EMPLOYEE": RuleImpl(q.public_employee, _staff, _staff_evidence),
    "CADRE_RELATIVE": RuleImpl(q.cadre_relative, _cadre, _cadre_evidence),
    "ENTITLED_NOT_PAID": RuleImpl(q.entitled_not_paid, _entitled, _entitled_evidence),
    "FUNDS_NOT_DISBURSED": RuleImpl(q.funds_not_disbursed, _undisbursed, _undisbursed_evidence),
    "UNISSUED_FUNDS": RuleImpl(q.unissued_funds, _unissued, _unissued_evidence),
    "BANK_FEE": RuleImpl(q.bank_fee, _fee, _fee_evidence),
    "CARD_HELD_BY_OTHERS": RuleImpl(q.card_held_by_others, _card_held, _card_held_evidence),
}
