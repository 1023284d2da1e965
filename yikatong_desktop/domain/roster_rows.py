"""One roster row: skipped, accepted, accepted with warnings, or rejected with a reason (SPEC §5).

Pure: the importer hands over the row's cells by field and gets back normalised
values, or a RowRejected naming the column and saying, in Chinese and English, what to fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from yikatong_desktop.domain.accounts import normalize_account
from yikatong_desktop.domain.headers import Field
from yikatong_desktop.domain.ids import CitizenId, normalize_id
from yikatong_desktop.domain.money import parse_money, parse_quantity
from yikatong_desktop.domain.names import normalize_name
from yikatong_desktop.domain.orgs import parse_group_number
from yikatong_desktop.domain.periods import Period, parse_date, parse_period, year_period
from yikatong_desktop.domain.values_errors import Said, ValueRejected, fold_text, in_language, is_blank, said

_TOTALS = ("合计", "小计", "总计", "累计")
#: A footer under the table (制表人：… 审核人：…) sits in the name column with no ID beside it.
_FOOTER_WORDS = ("制表", "审核", "填报", "负责人", "经办", "领导", "日期", "注", "备注", "说明", "盖章", "签字")
_LEADING_NUMBER = re.compile(r"^\s*[¥￥]?\s*([0-9][0-9,，]*(?:\.[0-9]+)?)")
_CASH_WORDS = ("现金",)
_CARD_WORDS = ("一卡通", "银行", "卡", "转账", "代发")


# Columns whose values repeat from row to row (dates, amounts, standards, periods, groups) are parsed
# once per distinct value: the functions are pure, and typed=True keeps 1, 1.0 and "1" apart.
_parse_money = lru_cache(maxsize=65536, typed=True)(parse_money)
_parse_quantity = lru_cache(maxsize=65536, typed=True)(parse_quantity)
_parse_date = lru_cache(maxsize=8192, typed=True)(parse_date)
_parse_period = lru_cache(maxsize=1024, typed=True)(parse_period)
_parse_group = lru_cache(maxsize=1024, typed=True)(parse_group_number)


class RowRejected(Exception):
    """The row stores nothing; `field` is the column to fix.

    `message_zh` is a `Said` when the reason has an English (given here, or carried by the text).
    """

    def __init__(self, column: StrEnum | None, message_zh: str, message_en: str | None = None) -> None:
        super().__init__(message_zh)
        self.column = column
        self.message_zh = said(message_zh, message_en)

    def text(self, lang: str | None = None) -> str:
        """The reason in the language given, else in the process's."""
        return in_language(self.message_zh, lang)


@dataclass(frozen=True, slots=True)
class RosterRow:
    """A roster row's normalised content, ready to store."""

    citizen: CitizenId
    name: str
    written_sex: str | None
    ethnicity: str | None
    phone: str | None
    program_text: str
    period: Period
    quantity: Decimal | None
    standard_fen: int | None
    due_fen: int | None
    paid_fen: int | None
    due_date: date | None
    paid_date: date | None
    method: str
    bank: str | None
    account: str | None
    holder_name: str | None
    holder_id: str | None
    township: str | None
    village: str | None
    group: int | None
    household_no: str | None
    head_name: str | None
    head_id: str | None
    remark: str | None
    warnings: tuple[str, ...] = field(default=())


def is_not_data(cells: Sequence[object], key: object, name: object) -> bool:
    """Blank rows, 合计/小计 rows and notes under a table are not data.

    `key` is the cell that makes a row a record (the ID, or a bank return's account);
    `name` the cell beside it that a footer line (制表人：…) would occupy.
    """
    texts = [value for value in cells if isinstance(value, str)]
    # Every totals word contains 计: fold (the slow part) only those cells.
    if "计" in "".join(texts) and any(
            "计" in value and fold_text(value).replace(" ", "").startswith(_TOTALS) for value in texts):
        return True
    if len(texts) == len(cells) - cells.count(None) and all(is_blank(value) for value in texts):
        return True  # nothing but empty cells
    if not is_blank(key):
        # A footer line written from the first column (制表人：张三) lands in the key column.
        return isinstance(key, str) and _is_footer(key)
    if is_blank(name):
        return True
    return _is_footer(str(name))


def _is_footer(text: str) -> bool:
    folded = fold_text(text).replace(" ", "")
    return ":" in folded or "：" in folded or folded.startswith(_FOOTER_WORDS)


def text_of(value: object) -> str | None:
    """A text cell folded and trimmed (a whole number without its “.0”); None when blank."""
    if value.__class__ is str and value.isascii() and value.isprintable():
        return value.strip() or None  # nothing to fold in printable ASCII (户编号, phone numbers …)
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return fold_text(str(value)).strip() or None


def _guard(column: Field, fn: object, value: object) -> object:
    try:
        return fn(value)  # type: ignore[operator]
    except ValueRejected as exc:
        raise RowRejected(column, exc.message_zh) from exc


def standard_fen(value: object) -> int | None:
    """补贴标准 is often written with its unit ("960元/年"): take the leading amount."""
    if is_blank(value):
        return None
    if isinstance(value, str):
        match = _LEADING_NUMBER.match(fold_text(value))
        if match is None:
            raise ValueRejected("money_not_a_number", f"补贴标准“{value[:12]}”不是数字：请填写如 960 或 960元/年",
                                f"The standard “{value[:12]}” is not a number: write e.g. 960 or 960元/年")
        value = match.group(1).replace("，", ",")
    return parse_money(value)


_cached_standard = lru_cache(maxsize=4096, typed=True)(standard_fen)


def _identity(by_field: Mapping[Field, object]) -> tuple[str, CitizenId, list[str]]:
    """Name and ID of a row, with the warnings an ID kept as written carries."""
    warnings: list[str] = []
    name = str(_guard(Field.NAME, normalize_name, by_field.get(Field.NAME)))
    citizen = _guard(Field.ID_NUMBER, normalize_id, by_field.get(Field.ID_NUMBER))
    assert isinstance(citizen, CitizenId)
    warnings.extend(id_warnings(citizen))
    return name, citizen, warnings


def id_warnings(citizen: CitizenId) -> tuple[str, ...]:
    """What a row says about an ID kept as written or of an abolished region."""
    if citizen.valid and not citizen.warnings:
        return ()
    warnings = []
    if not citizen.valid:
        warnings.append(WARNING_BAD_CHECKSUM if "checksum" in citizen.problems else WARNING_BAD_BIRTH_DATE)
    if "abolished_region" in citizen.warnings:
        warnings.append(WARNING_OLD_REGION)
    return tuple(warnings)


WARNING_BAD_CHECKSUM = Said("身份证号校验码不对，已按原样保存并标记为无效，请核对原始证件",
                            "The ID number's check character is wrong: kept as written and marked invalid, "
                            "check the ID card")
WARNING_BAD_BIRTH_DATE = Said("身份证号出生日期不对，已按原样保存并标记为无效，请核对原始证件",
                              "The ID number's birth date is wrong: kept as written and marked invalid, "
                              "check the ID card")
WARNING_OLD_REGION = Said("身份证号的地区码已撤销（旧户籍地），按原样保存",
                          "The ID number's region code has been abolished (an old place of registration): "
                          "kept as written")
NO_PROGRAM = Said("缺少补贴项目：请在文件中加“补贴项目”列，或导入时用 --program 指定",
                  "The program is missing: add a “补贴项目” column to the file, or give --program when importing")
NO_MONEY = Said("实发金额和应发金额都为空：请至少填写一项",
                "Both the amount paid and the amount due are empty: fill in at least one")
NO_PERIOD = Said("缺少补贴期间：请加“补贴期间”或“补贴年度”列，或导入时用 --period 指定",
                 "The period is missing: add a “补贴期间” or “补贴年度” column, or give --period when importing")


def parse_roster_row(by_field: Mapping[Field, object], *, program: str | None = None,
                     period: Period | None = None) -> RosterRow:
    """Normalise one row; `program`/`period` stand in for missing columns (--program, --period)."""
    name, citizen, warnings = _identity(by_field)

    program_text = text_of(by_field.get(Field.PROGRAM)) or program
    if not program_text:
        raise RowRejected(Field.PROGRAM, NO_PROGRAM)
    the_period = row_period(by_field.get(Field.PERIOD), by_field.get(Field.YEAR), period)

    paid = _money(Field.PAID, by_field)
    due = _money(Field.DUE, by_field)
    if paid is None and due is None:
        raise RowRejected(Field.PAID, NO_MONEY)
    quantity = by_field.get(Field.QUANTITY)
    qty = None if is_blank(quantity) else _guard(Field.QUANTITY, _parse_quantity, quantity)
    standard = _guard(Field.STANDARD, _cached_standard, by_field.get(Field.STANDARD))
    due_date = None if is_blank(by_field.get(Field.DUE_DATE)) else _guard(Field.DUE_DATE, _parse_date,
                                                                            by_field.get(Field.DUE_DATE))
    paid_date = None if is_blank(by_field.get(Field.PAID_DATE)) else _guard(Field.PAID_DATE, _parse_date,
                                                                              by_field.get(Field.PAID_DATE))
    account_raw = by_field.get(Field.ACCOUNT)
    account = None if is_blank(account_raw) else str(_guard(Field.ACCOUNT, normalize_account, account_raw))
    remark = text_of(by_field.get(Field.REMARK))
    method = method_of(text_of(by_field.get(Field.METHOD)), account, remark)
    holder_id_raw = by_field.get(Field.HOLDER_ID)
    holder_id = None if is_blank(holder_id_raw) else _guard(Field.HOLDER_ID, normalize_id, holder_id_raw)
    head_id_raw = by_field.get(Field.HEAD_ID)
    head_id = None if is_blank(head_id_raw) else _guard(Field.HEAD_ID, normalize_id, head_id_raw)
    group_raw = by_field.get(Field.GROUP)
    group = None if is_blank(group_raw) else _guard(Field.GROUP, _parse_group, group_raw)
    holder_name = text_of(by_field.get(Field.HOLDER_NAME))
    head_name = text_of(by_field.get(Field.HEAD_NAME))
    return RosterRow(
        citizen=citizen, name=name, written_sex=text_of(by_field.get(Field.SEX)),
        ethnicity=text_of(by_field.get(Field.ETHNICITY)), phone=text_of(by_field.get(Field.PHONE)),
        program_text=program_text, period=the_period, quantity=qty,  # type: ignore[arg-type]
        standard_fen=standard, due_fen=due, paid_fen=paid,  # type: ignore[arg-type]
        due_date=due_date, paid_date=paid_date, method=method,  # type: ignore[arg-type]
        bank=text_of(by_field.get(Field.BANK)), account=account,
        holder_name=None if holder_name is None else normalize_name(holder_name),
        holder_id=None if holder_id is None else holder_id.value,  # type: ignore[attr-defined]
        township=text_of(by_field.get(Field.TOWNSHIP)), village=text_of(by_field.get(Field.VILLAGE)),
        group=group, household_no=text_of(by_field.get(Field.HOUSEHOLD_NO)),  # type: ignore[arg-type]
        head_name=None if head_name is None else normalize_name(head_name),
        head_id=None if head_id is None else head_id.value,  # type: ignore[attr-defined]
        remark=remark, warnings=tuple(warnings),
    )


def _money(column: Field, by_field: Mapping[Field, object]) -> int | None:
    value = by_field.get(column)
    return None if is_blank(value) else int(_guard(column, _parse_money, value))  # type: ignore[call-overload]


def row_period(raw: object, year: object, default: Period | None) -> Period:
    """A row's period from 补贴期间, else 补贴年度, else `default` (--period); RowRejected names the column."""
    if not is_blank(raw):
        return _guard(Field.PERIOD, _parse_period, raw)  # type: ignore[return-value]
    if not is_blank(year):
        parsed = _guard(Field.YEAR, _parse_period, year)
        assert isinstance(parsed, Period)
        return year_period(parsed.year) if default is None or default.year != parsed.year else default
    if default is not None:
        return default
    raise RowRejected(Field.PERIOD, NO_PERIOD)


def method_of(written: str | None, account: str | None, remark: str | None) -> str:
    """card when paid to an account; cash when written so or when there is no account. The stored
    words themselves (cash, card, other — what the English interface suggests) are taken as they are."""
    code = (written or "").strip().lower()
    if code in ("cash", "card", "other"):
        return code
    said = " ".join(t for t in (written, remark) if t)
    if any(w in said for w in _CASH_WORDS):
        return "cash"
    if account is not None:
        return "card"
    if written and any(w in written for w in _CARD_WORDS):
        return "card"
    return "cash" if not written else "other"


@dataclass(frozen=True)
class PersonRow:
    """A person without a payment (entered by hand), checked as a roster row's person columns are."""

    citizen: CitizenId
    name: str
    written_sex: str | None
    ethnicity: str | None
    phone: str | None
    township: str | None
    village: str | None
    group: int | None
    household_no: str | None
    head_name: str | None
    head_id: str | None
    warnings: tuple[str, ...] = field(default=())


def parse_person_row(by_field: Mapping[Field, object]) -> PersonRow:
    """Normalise a person's columns exactly as `parse_roster_row` does; RowRejected names the column."""
    name, citizen, warnings = _identity(by_field)
    group_raw = by_field.get(Field.GROUP)
    group = None if is_blank(group_raw) else _guard(Field.GROUP, _parse_group, group_raw)
    head_id_raw = by_field.get(Field.HEAD_ID)
    head_id = None if is_blank(head_id_raw) else _guard(Field.HEAD_ID, normalize_id, head_id_raw)
    head_name = text_of(by_field.get(Field.HEAD_NAME))
    return PersonRow(
        citizen=citizen, name=name, written_sex=text_of(by_field.get(Field.SEX)),
        ethnicity=text_of(by_field.get(Field.ETHNICITY)), phone=text_of(by_field.get(Field.PHONE)),
        township=text_of(by_field.get(Field.TOWNSHIP)), village=text_of(by_field.get(Field.VILLAGE)),
        group=group, household_no=text_of(by_field.get(Field.HOUSEHOLD_NO)),  # type: ignore[arg-type]
        head_name=None if head_name is None else normalize_name(head_name),
        head_id=None if head_id is None else head_id.value,  # type: ignore[attr-defined]
        warnings=tuple(warnings),
    )
