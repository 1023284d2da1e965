"""Bank account (card) numbers: normalise, mask, Luhn (SPEC §5 "same care for bank account numbers").

A card number is 16–19 digits; passbook and other account numbers vary, so
anything of 8–32 digits is accepted. A number that Excel turned into a
numeric cell has lost its last digits and cannot be recovered.
"""

from __future__ import annotations

import re
from datetime import date, time

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

MIN_DIGITS = 8
MAX_DIGITS = 32

_DIGITS = re.compile(r"[0-9]+")

MESSAGE_EMPTY = Said("银行账号为空：请按存折或银行卡补录账号（现金发放的行可以不填账号）",
                     "The bank account is empty: enter it from the passbook or card (a cash row may leave it empty)")
MESSAGE_EXCEL_DAMAGED = Said(
    "银行账号被Excel转成了数字（科学计数法或末尾变成0），无法恢复："
    "请把该列设为文本格式，并按存折或银行卡重新录入",
    "Excel turned the bank account into a number (scientific notation or trailing 0s) and it cannot be recovered: "
    "format the column as text and enter the account again from the passbook or card",
)
_HOW_TO_FIX = f"银行账号应为{MIN_DIGITS}到{MAX_DIGITS}位数字，请按存折或银行卡核对后重新录入"
_HOW_TO_FIX_EN = (f"a bank account has {MIN_DIGITS} to {MAX_DIGITS} digits: check it against the passbook or card "
                  "and enter it again")


def normalize_account(raw: object) -> str:
    """Normalise a spreadsheet cell to an account number of digits only, or raise `ValueRejected`."""
    if raw.__class__ is str and raw.isascii() and raw.isdigit() and MIN_DIGITS <= len(raw) <= MAX_DIGITS:
        return raw  # typed cleanly (most cells): nothing to clean, fold or suspect
    if is_blank(raw):
        raise ValueRejected("account_empty", MESSAGE_EMPTY)
    if isinstance(raw, bool) or isinstance(raw, date | time):
        raise ValueRejected("account_not_an_account", f"单元格不是账号：{_HOW_TO_FIX}",
                             f"The cell is not an account: {_HOW_TO_FIX_EN}")
    if is_numeric_cell(raw):
        raise ValueRejected("account_excel_damaged", MESSAGE_EXCEL_DAMAGED)
    text = raw if isinstance(raw, str) else str(raw)
    text = strip_leading_quote(remove_whitespace(fold_text(text)))
    if looks_like_damaged_number(text):
        raise ValueRejected("account_excel_damaged", MESSAGE_EXCEL_DAMAGED)
    # Banks print card numbers in groups of four, with spaces or dashes.
    text = text.replace("-", "")
    if not text:
        raise ValueRejected("account_empty", MESSAGE_EMPTY)
    if not _DIGITS.fullmatch(text):
        raise ValueRejected("account_not_an_account", f"账号中有数字以外的字符：{_HOW_TO_FIX}",
                             f"The account has characters other than digits: {_HOW_TO_FIX_EN}")
    if not MIN_DIGITS <= len(text) <= MAX_DIGITS:
        raise ValueRejected("account_not_an_account", f"账号有{len(text)}位数字：{_HOW_TO_FIX}",
                             f"The account has {len(text)} digits: {_HOW_TO_FIX_EN}")
    return text


def mask_account(value: str) -> str:
    """First 4 + ``***`` + last 4; 8 characters or fewer → all asterisks (nothing would be hidden)."""
    if len(value) <= 8:
        return "*" * len(value)
    return f"{value[:4]}***{value[-4:]}"


def luhn_ok(value: str) -> bool:
    """True when the digits pass the Luhn check (bank cards do; information only, never a rejection)."""
    if len(value) < 2 or not _DIGITS.fullmatch(value):
        return False
    total = 0
    for position, char in enumerate(reversed(value)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def luhn_check_digit(body: str) -> str:
    """The digit that makes `body` + digit pass the Luhn check."""
    for digit in "0123456789":
        if luhn_ok(body + digit):
            return digit
    raise ValueError("luhn_check_digit needs a string of digits")
