"""Citizen ID numbers (GB 11643): normalise what a spreadsheet gives, check, mask (SPEC §5).

Three outcomes for a cell:
- a good ID (15-digit ones converted to 18), possibly with warnings;
- a well-formed 18-character ID that fails its checksum or date: kept *as
  written* with ``valid=False``, because a payment went out against it and the
  self-check must show that (INVALID_ID);
- a rejection (`ValueRejected`): empty, destroyed by Excel (numeric cell,
  scientific notation, trailing 000 from Excel's 15 significant digits), or
  not an ID at all.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from yikatong_desktop.domain._regions import CURRENT_REGION_CODES
from yikatong_desktop.domain.values_errors import (
    Said,
    ValueRejected,
    fold_text,
    is_blank,
    is_numeric_cell,
    looks_like_damaged_number,
    remove_whitespace,
    strip_leading_quote,
)

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"

# Plausible birth dates; deliberately not "not after today", so the check stays pure.
EARLIEST_BIRTH = date(1880, 1, 1)
LATEST_BIRTH = date(2100, 12, 31)

PROBLEM_CHECKSUM = "checksum"
PROBLEM_DATE = "date"
WARNING_CONVERTED_FROM_15 = "converted_from_15"
WARNING_ABOLISHED_REGION = "abolished_region"

# [0-9], not \d: \d also matches Arabic-Indic and other digits that int() accepts.
_ID18 = re.compile(r"[0-9]{17}[0-9X]")
_ID15 = re.compile(r"[0-9]{15}")
_FIRST17 = re.compile(r"[0-9]{17}")
_DIGITS = re.compile(r"[0-9]+")

MESSAGE_EMPTY = Said("身份证号为空：请按原始证件补录身份证号", "The ID number is empty: enter it from the ID card")
MESSAGE_EXCEL_DAMAGED = Said(
    "身份证号被Excel转成了数字（科学计数法或末尾变成000），无法恢复："
    "请把该列设为文本格式，并按原始证件重新录入",
    "Excel turned the ID number into a number (scientific notation or a trailing 000) and it cannot be recovered: "
    "format the column as text and enter the ID again from the ID card",
)
_HOW_TO_FIX = "身份证号应为18位（最后一位可以是X）或旧版15位数字，请按原始证件核对后重新录入"
_HOW_TO_FIX_EN = ("an ID number has 18 characters (the last may be X) or, an old one, 15 digits: "
                  "check it against the ID card and enter it again")


@dataclass(frozen=True)
class CitizenId:
    """A normalised ID number; ``valid`` is False when it fails its checksum or date."""

    value: str
    valid: bool
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    def __repr__(self) -> str:
        # Never put a full ID into a log line by accident (SPEC §9).
        return (
            f"CitizenId({mask_id(self.value)!r}, valid={self.valid}, "
            f"problems={self.problems!r}, warnings={self.warnings!r})"
        )

    @property
    def birth_date(self) -> date | None:
        """Birth date from digits 7–14, or None when they are not a real date."""
        return _birth_date(self.value[6:14])

    @property
    def sex(self) -> str | None:
        """“男” or “女” from the 17th digit (odd = 男)."""
        if len(self.value) != 18 or self.value[16] not in "0123456789":
            return None
        return "男" if int(self.value[16]) % 2 == 1 else "女"

    @property
    def region_code(self) -> str:
        """The 6-digit region code of birth registration."""
        return self.value[:6]

    @property
    def masked(self) -> str:
        """The ID as printed on notices: first 6 and last 4 characters."""
        return mask_id(self.value)


def compute_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    if not _FIRST17.fullmatch(first17):
        raise ValueError("compute_check_char needs exactly 17 ASCII digits")
    return _check_char(first17)


def _check_char(first17: str) -> str:
    # Callers have matched 17 ASCII digits; map() keeps this loop in C (every ID of a roster comes here).
    return CHECK_CHARS[sum(map(operator.mul, map(int, first17), WEIGHTS)) % 11]


def normalize_id(raw: object) -> CitizenId:
    """Normalise a spreadsheet cell to a `CitizenId`, or raise `ValueRejected`."""
    if raw.__class__ is str and len(raw) == 18 and raw.isascii() and raw[:17].isdigit() and raw[17] in "0123456789Xx":
        return _check_18(raw.upper())  # typed cleanly (most cells): nothing to clean, fold or suspect
    text = _id_text(raw)
    if looks_like_damaged_number(text):
        raise ValueRejected("id_excel_damaged", MESSAGE_EXCEL_DAMAGED)
    if _ID18.fullmatch(text):
        return _check_18(text)
    if _ID15.fullmatch(text):
        return _convert_15(text)
    raise ValueRejected("id_not_an_id", f"不是身份证号（{_describe(text)}）：{_HOW_TO_FIX}",
                        f"Not an ID number ({_describe_en(text)}): {_HOW_TO_FIX_EN}")


def is_valid_id(raw: object) -> bool:
    """True when the value normalises to an ID that passes its checksum and date."""
    try:
        return normalize_id(raw).valid
    except ValueRejected:
        return False


def mask_id(value: str) -> str:
    """First 6 + asterisks + last 4 (``652301********1233``); shorter than 10 → all asterisks."""
    if len(value) < 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def _id_text(raw: object) -> str:
    """The cleaned text of an ID cell: no spaces, invisible characters or leading apostrophe."""
    if is_blank(raw):
        raise ValueRejected("id_empty", MESSAGE_EMPTY)
    if isinstance(raw, bool):
        raise ValueRejected("id_not_an_id", f"单元格是逻辑值，不是身份证号：{_HOW_TO_FIX}",
                            f"The cell is TRUE/FALSE, not an ID number: {_HOW_TO_FIX_EN}")
    if is_numeric_cell(raw):
        # Even a numeric cell that "looks fine" has lost digits or the X: Excel keeps 15.
        raise ValueRejected("id_excel_damaged", MESSAGE_EXCEL_DAMAGED)
    if isinstance(raw, date | datetime | time):
        raise ValueRejected(
            "id_not_an_id",
            "单元格是日期，不是身份证号：请把该列设为文本格式，并按原始证件重新录入",
            "The cell is a date, not an ID number: format the column as text and enter the ID again from the ID card",
        )
    text = raw if isinstance(raw, str) else str(raw)
    text = strip_leading_quote(remove_whitespace(fold_text(text))).upper()
    if not text:
        raise ValueRejected("id_empty", MESSAGE_EMPTY)
    return text


def _check_18(text: str) -> CitizenId:
    problems: list[str] = []
    if _check_char(text[:17]) != text[17]:
        problems.append(PROBLEM_CHECKSUM)
    if _birth_date(text[6:14]) is None:
        problems.append(PROBLEM_DATE)
    if PROBLEM_CHECKSUM in problems and text.endswith("000"):
        # Excel keeps 15 significant digits and pads with zeros: the real digits are gone.
        raise ValueRejected("id_excel_damaged", MESSAGE_EXCEL_DAMAGED)
    return CitizenId(text, valid=not problems, problems=tuple(problems), warnings=_region_warnings(text))


def _convert_15(text: str) -> CitizenId:
    # First-generation IDs: region, YYMMDD (always 19YY), sequence; no check character.
    if _birth_date("19" + text[6:12]) is None:
        raise ValueRejected(
            "id_not_an_id",
            f"15位旧身份证号中的出生日期不存在，不是有效的身份证号：{_HOW_TO_FIX}",
            f"The birth date in this old 15-digit ID number does not exist, so it is not a valid ID: {_HOW_TO_FIX_EN}",
        )
    first17 = text[:6] + "19" + text[6:]
    value = first17 + _check_char(first17)
    warnings = (WARNING_CONVERTED_FROM_15, *_region_warnings(value))
    return CitizenId(value, valid=True, problems=(), warnings=warnings)


def _region_warnings(value: str) -> tuple[str, ...]:
    # IDs keep the code of birth registration: an abolished code is normal, not an error.
    return () if value[:6] in CURRENT_REGION_CODES else (WARNING_ABOLISHED_REGION,)


def _birth_date(digits: str) -> date | None:
    if len(digits) != 8 or not _DIGITS.fullmatch(digits):
        return None
    try:
        day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return day if EARLIEST_BIRTH <= day <= LATEST_BIRTH else None


def _describe(text: str) -> str:
    """What the cell holds, for the rejection message, without echoing ID digits."""
    if _DIGITS.fullmatch(text):
        return f"只有{len(text)}位数字" if len(text) < 15 else f"有{len(text)}位数字"
    if not any(ch.isdigit() for ch in text):
        shown = text if len(text) <= 10 else text[:10] + "…"
        return f"内容是“{shown}”"
    return f"含有数字以外的字符，共{len(text)}个字符"


def _describe_en(text: str) -> str:
    """`_describe` in English."""
    if _DIGITS.fullmatch(text):
        return f"only {len(text)} digits" if len(text) < 15 else f"{len(text)} digits"
    if not any(ch.isdigit() for ch in text):
        shown = text if len(text) <= 10 else text[:10] + "…"
        return f"it holds “{shown}”"
    return f"{len(text)} characters, not only digits"
