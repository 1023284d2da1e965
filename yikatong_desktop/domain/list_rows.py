"""One row of an other list (SPEC §5): normalised, or rejected with a Chinese reason naming the column.

Pure, like roster_rows: the importer hands over the cells by field, gets back a
frozen row or a RowRejected. People are checked with the same ID and name rules
as a roster, so a person met first on a death list is the same person a later
roster names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from yikatong_desktop.domain.accounts import normalize_account
from yikatong_desktop.domain.ids import CitizenId, normalize_id
from yikatong_desktop.domain.lists import ListField, ListKind
from yikatong_desktop.domain.money import parse_money
from yikatong_desktop.domain.names import normalize_name
from yikatong_desktop.domain.periods import Period, parse_date, parse_period
from yikatong_desktop.domain.roster_rows import RowRejected, id_warnings
from yikatong_desktop.domain.values_errors import Said, ValueRejected, fold_text, is_blank

Cells = Mapping[ListField, object]

STATUS_DEATH, STATUS_MOVED, STATUS_EXIT = "death", "moved", "exit"
STATUS_TITLES = {STATUS_DEATH: "死亡", STATUS_MOVED: "迁出", STATUS_EXIT: "退出"}
_STATUS_EN = {STATUS_DEATH: "death", STATUS_MOVED: "moving out", STATUS_EXIT: "exit"}
_NO_PROGRAM = Said("缺少补贴项目：请加“补贴项目”列，或导入时用 --program 指定",
                   "The program is missing: add a “补贴项目” column, or give --program when importing")
_STATUS_WORDS = (
    (STATUS_DEATH, ("死亡", "去世", "身故", "病故", "亡故", "死")),
    (STATUS_MOVED, ("迁出", "迁移", "迁往", "外迁", "迁")),
    (STATUS_EXIT, ("退出", "取消", "停发", "不再", "清退", "核减", "终止", "停止")),
)
_FAILED_WORDS = ("失败", "不成功", "未成功", "退回", "退票", "未入账", "拒绝", "错误", "异常", "冲正")
_SUCCESS_WORDS = ("成功", "已入账", "入账", "正常", "完成", "已处理")
_YES = frozenset(("是", "是的", "在", "有", "y", "yes", "√", "✓", "本人", "本人持有", "在本人手中"))
_NO = frozenset(("否", "不是", "不在", "无", "没有", "n", "no", "×", "✗", "x", "不在本人手中"))
_TOTALS_LINE = re.compile(r"(总笔数|成功笔数|失败笔数|成功金额|失败金额|总金额)\s*[:：]\s*([0-9,，.]+)")


@dataclass(frozen=True)
class PersonCells:
    """The person a list row is about."""

    citizen: CitizenId
    name: str | None
    sex: str | None


@dataclass(frozen=True)
class StatusRow:
    person: PersonCells
    status: str  # death | moved | exit
    reason: str
    status_date: date
    deregistered_date: date | None
    program_text: str | None
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class StaffRow:
    person: PersonCells
    employer: str | None
    category: str | None
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class CadreRow:
    person: PersonCells
    position: str | None
    relation: str
    cadre_id: str | None  # None: the person is the cadre
    cadre_name: str | None
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class EligibleRow:
    person: PersonCells
    program_text: str
    from_period: Period
    until_period: Period | None
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class AllocationRow:
    program_text: str
    unit: str | None
    period: Period
    amount_fen: int
    arrived_date: date
    note: str | None
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class BankReturnRow:
    account: str
    holder_name: str | None
    amount_fen: int
    succeeded: bool
    failure_reason: str | None
    credited_date: date | None
    fee_fen: int
    memo: str | None
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class FieldCheckRow:
    person: PersonCells
    check_date: date
    inspector: str | None
    card_in_hand: bool
    card_holder: str | None
    note: str | None
    warnings: tuple[str, ...] = field(default=())


ListRow = StatusRow | StaffRow | CadreRow | EligibleRow | AllocationRow | BankReturnRow | FieldCheckRow


@dataclass(frozen=True)
class Defaults:
    """What the command line (or the file's name) says for columns a list lacks."""

    program: str | None = None
    period: Period | None = None
    reason: str | None = None


def _text(value: object) -> str | None:
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return fold_text(str(value)).strip() or None


def _guard(column: ListField, fn: Callable[[object], Any], value: object) -> Any:
    try:
        return fn(value)
    except ValueRejected as exc:
        raise RowRejected(column, exc.message_zh) from exc


def _date(cells: Cells, column: ListField, *, required: str | None = None) -> date | None:
    raw = cells.get(column)
    if is_blank(raw):
        if required is not None:
            raise RowRejected(column, required)
        return None
    day: date = _guard(column, parse_date, raw)
    return day


def _money(cells: Cells, column: ListField, *, required: str | None = None) -> int | None:
    raw = cells.get(column)
    if is_blank(raw):
        if required is not None:
            raise RowRejected(column, required)
        return None
    fen: int = _guard(column, parse_money, raw)
    return fen


def _period(cells: Cells, column: ListField, default: Period | None, missing: str) -> Period:
    raw = cells.get(column)
    if is_blank(raw):
        if default is None:
            raise RowRejected(column, missing)
        return default
    period: Period = _guard(column, parse_period, raw)
    return period


def _person(cells: Cells, *, name_required: bool = True) -> tuple[PersonCells, list[str]]:
    warnings: list[str] = []
    raw_name = cells.get(ListField.NAME)
    name = None if is_blank(raw_name) and not name_required else str(_guard(ListField.NAME, normalize_name,
                                                                               raw_name))
    citizen: CitizenId = _guard(ListField.ID_NUMBER, normalize_id, cells.get(ListField.ID_NUMBER))
    warnings.extend(id_warnings(citizen))
    return PersonCells(citizen, name, _text(cells.get(ListField.SEX))), warnings


def status_of(reason: str) -> str | None:
    """死亡 / 迁出 / 退出 from what a list writes as its 事由."""
    for status, words in _STATUS_WORDS:
        if any(w in reason for w in words):
            return status
    return None


def statuses_named(text: str) -> set[str]:
    """Every status a title names (“死亡迁出人员名单” names two): a list's name stands in for a missing
    事由 only when it names exactly one."""
    return {status for status, words in _STATUS_WORDS if any(w in text for w in words)}


def _status_row(cells: Cells, defaults: Defaults) -> StatusRow:
    person, warnings = _person(cells)
    reason = _text(cells.get(ListField.REASON)) or defaults.reason
    if reason is None:
        raise RowRejected(ListField.REASON, "缺少事由：请加“事由”列（死亡/迁出/退出），或导入时用 --reason 指定",
                          "The reason is missing: add a “事由” column (死亡/迁出/退出), or give --reason")
    status = status_of(reason)
    if status is None:
        raise RowRejected(ListField.REASON, f"事由“{reason[:12]}”看不出是死亡、迁出还是退出：请写 死亡、迁出 或 退出",
                          f"The reason “{reason[:12]}” is neither death, moving out nor exit: write 死亡, 迁出 or 退出")
    when = _date(cells, ListField.STATUS_DATE, required=Said(
        f"{STATUS_TITLES[status]}日期为空：请按户籍或审批材料填写日期",
        f"The date of {_STATUS_EN[status]} is empty: fill it in from the household register or the approval"))
    assert when is not None
    return StatusRow(person, status, reason, when, _date(cells, ListField.DEREGISTERED_DATE),
                     _text(cells.get(ListField.PROGRAM)), tuple(warnings))


def _staff_row(cells: Cells, defaults: Defaults) -> StaffRow:
    person, warnings = _person(cells)
    return StaffRow(person, _text(cells.get(ListField.EMPLOYER)), _text(cells.get(ListField.CATEGORY)),
                    tuple(warnings))


def _cadre_row(cells: Cells, defaults: Defaults) -> CadreRow:
    person, warnings = _person(cells)
    relation = _text(cells.get(ListField.RELATION)) or "本人"
    raw_cadre = cells.get(ListField.CADRE_ID)
    cadre: CitizenId | None = None if is_blank(raw_cadre) else _guard(ListField.CADRE_ID, normalize_id, raw_cadre)
    cadre_id = None if cadre is None or cadre.value == person.citizen.value else cadre.value
    if relation != "本人" and cadre_id is None:
        warnings.append(Said("亲属一行没有填写对应干部的身份证号：已按亲属保存，请补录干部身份证号",
                             "A relative's row has no ID number of the cadre: kept as a relative, add the cadre's ID"))
    cadre_name = _text(cells.get(ListField.CADRE_NAME))
    cadre_written = None if cadre_name is None else _guard(ListField.CADRE_NAME, normalize_name, cadre_name)
    return CadreRow(person, _text(cells.get(ListField.POSITION)), relation, cadre_id, cadre_written, tuple(warnings))


def _eligible_row(cells: Cells, defaults: Defaults) -> EligibleRow:
    person, warnings = _person(cells)
    program = _text(cells.get(ListField.PROGRAM)) or defaults.program
    if program is None:
        raise RowRejected(ListField.PROGRAM, _NO_PROGRAM)
    start = _period(cells, ListField.FROM_PERIOD, defaults.period,
                    Said("缺少起始期间：请加“起始期间”列，或导入时用 --period 指定",
                         "The first period is missing: add a “起始期间” column, or give --period when importing"))
    raw_until = cells.get(ListField.UNTIL_PERIOD)
    until: Period | None = None if is_blank(raw_until) else _guard(ListField.UNTIL_PERIOD, parse_period, raw_until)
    if until is not None and until.end < start.start:
        raise RowRejected(ListField.UNTIL_PERIOD, f"终止期间 {until.label} 早于起始期间 {start.label}",
                          f"The last period {until.label} is before the first period {start.label}")
    return EligibleRow(person, program, start, until, tuple(warnings))


def _allocation_row(cells: Cells, defaults: Defaults) -> AllocationRow:
    program = _text(cells.get(ListField.PROGRAM)) or defaults.program
    if program is None:
        raise RowRejected(ListField.PROGRAM, _NO_PROGRAM)
    period = _period(cells, ListField.PERIOD, defaults.period, Said(
        "缺少期间：请加“期间”列，或导入时用 --period 指定",
        "The period is missing: add a “期间” column, or give --period when importing"))
    amount = _money(cells, ListField.AMOUNT, required=Said("拨付金额为空：请填写金额（元）",
                                                          "The amount allocated is empty: fill it in (yuan)"))
    assert amount is not None
    if amount <= 0:
        raise RowRejected(ListField.AMOUNT, "拨付金额必须大于0", "The amount allocated must be more than 0")
    arrived = _date(cells, ListField.ARRIVED_DATE, required=Said(
        "到位日期为空：请填写资金到达本级的日期", "The date of arrival is empty: fill in when the money came"))
    assert arrived is not None
    return AllocationRow(program, _text(cells.get(ListField.UNIT)), period, amount, arrived,
                         _text(cells.get(ListField.NOTE)))


def _succeeded(status: str | None, failure: str | None, credited: date | None) -> bool:
    if status is not None:
        if any(w in status for w in _FAILED_WORDS):
            return False
        if any(w in status for w in _SUCCESS_WORDS):
            return True
        raise RowRejected(ListField.RETURN_STATUS, f"处理状态“{status[:12]}”看不出成功还是失败：请写 成功 或 失败",
                          f"The status “{status[:12]}” says neither success nor failure: write 成功 or 失败")
    if failure is not None:
        return False
    if credited is not None:
        return True
    raise RowRejected(ListField.RETURN_STATUS, "处理状态为空：请填写 成功 或 失败",
                      "The status is empty: write 成功 (success) or 失败 (failure)")


def _bank_return_row(cells: Cells, defaults: Defaults) -> BankReturnRow:
    raw_account = cells.get(ListField.ACCOUNT)
    if is_blank(raw_account):
        raise RowRejected(ListField.ACCOUNT, "账号为空：请按银行回盘文件补录账号",
                          "The account is empty: fill it in from the bank's return file")
    account: str = _guard(ListField.ACCOUNT, normalize_account, raw_account)
    amount = _money(cells, ListField.AMOUNT, required=Said("金额为空：请按银行回盘文件补录金额",
                                                          "The amount is empty: fill it in from the return file"))
    assert amount is not None
    failure = _text(cells.get(ListField.FAILURE_REASON))
    credited = _date(cells, ListField.CREDITED_DATE)
    succeeded = _succeeded(_text(cells.get(ListField.RETURN_STATUS)), failure, credited)
    holder = _text(cells.get(ListField.HOLDER_NAME))
    return BankReturnRow(account, None if holder is None else _guard(ListField.HOLDER_NAME, normalize_name, holder),
                         amount, succeeded,
                         None if succeeded else (failure or "未注明"), credited,
                         _money(cells, ListField.FEE) or 0, _text(cells.get(ListField.MEMO)))


def yes_no(raw: object) -> bool | None:
    """是/否 as written on a check form (√/×, Y/N, 在/不在, 是（本人保管）…); None when unclear."""
    text = _text(raw)
    if text is None:
        return None
    low = text.casefold()
    if low in _YES:
        return True
    if low in _NO:
        return False
    if low.startswith("否"):  # 否（由儿子保管）
        return False
    if low.startswith("是"):  # 是（本人保管）
        return True
    return None


def _field_check_row(cells: Cells, defaults: Defaults) -> FieldCheckRow:
    person, warnings = _person(cells, name_required=False)
    when = _date(cells, ListField.CHECK_DATE, required="核查日期为空：请填写入户核查的日期")
    assert when is not None
    in_hand = yes_no(cells.get(ListField.CARD_IN_HAND))
    if in_hand is None:
        raise RowRejected(ListField.CARD_IN_HAND, "“卡在本人手中”请填 是 或 否")
    holder = _text(cells.get(ListField.CARD_HOLDER))
    if not in_hand and holder is None:
        warnings.append("卡不在本人手中，但没有写持卡人：请补录实际持卡人")
    return FieldCheckRow(person, when, _text(cells.get(ListField.INSPECTOR)), in_hand,
                         None if holder is None else _guard(ListField.CARD_HOLDER, normalize_name, holder),
                         _text(cells.get(ListField.NOTE)),
                         tuple(warnings))


PARSERS: Mapping[ListKind, Callable[[Cells, Defaults], ListRow]] = {
    ListKind.STATUS: _status_row,
    ListKind.STAFF: _staff_row,
    ListKind.CADRES: _cadre_row,
    ListKind.ELIGIBLE: _eligible_row,
    ListKind.ALLOCATIONS: _allocation_row,
    ListKind.BANK_RETURN: _bank_return_row,
    ListKind.FIELD_CHECKS: _field_check_row,
}


def parse_list_row(kind: ListKind, cells: Cells, defaults: Defaults = Defaults()) -> ListRow:
    """Normalise one row of a list; RowRejected names the column to fix."""
    return PARSERS[kind](cells, defaults)


def bank_totals(lines: list[str]) -> dict[str, int]:
    """The totals a bank writes under its table (总笔数：118 成功金额：11198.00 …): counts, fen for amounts."""
    found: dict[str, int] = {}
    for line in lines:
        for key, number in _TOTALS_LINE.findall(fold_text(line)):
            text = number.replace(",", "").replace("，", "")
            found[key] = parse_money(text) if "金额" in key else int(float(text))
    return found
