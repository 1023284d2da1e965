"""Money in integer fen and quantities as exact decimals; never float (SPEC §5, §12).

A float from a numeric cell goes through its shortest decimal text
(``repr``): the cell shows 105.23, the double is 105.2299999…, and the
payment is 10523 fen, never 10522.
"""

from __future__ import annotations

import math
import re
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal, localcontext

from yikatong_desktop.domain.values_errors import (
    Said,
    ValueRejected,
    fold_text,
    is_blank,
    remove_whitespace,
    shown_in_message,
)

FEN_PER_YUAN = 100
# Far above any subsidy, far below SQLite's 64-bit integers.
MAX_ABS_FEN = 10**15

_ONE_FEN = Decimal("0.01")
_WHOLE = Decimal(1)

# Plain digits, or digits grouped by thousands with commas; optional fraction (".5" too).
_NUMBER = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+")
# A quantity may carry its unit: 12.5亩, 3头, 2台, 1.5公斤.
_UNIT = re.compile(r"[\u4e00-\u9fff]+$")

MESSAGE_MONEY_EMPTY = Said("金额为空：请填写金额（单位：元）", "The amount is empty: enter it (in yuan)")
MESSAGE_QUANTITY_EMPTY = Said("数量为空：请填写数量", "The quantity is empty: enter it")


def parse_money(raw: object) -> int:
    """A cell value in 元 as integer fen (half-up beyond 2 decimals), or raise `ValueRejected`."""
    if is_blank(raw) and not isinstance(raw, str):
        raise ValueRejected("money_empty", MESSAGE_MONEY_EMPTY)
    yuan = _exact_decimal(raw, kind="money")
    if yuan is None:
        yuan = _money_text(str(raw))
    too_big = ValueRejected("money_out_of_range", "金额大得不合理：请核对金额的单位（元）和数值",
                            "The amount is unreasonably large: check its unit (yuan) and value")
    if yuan.adjusted() > 20:  # before quantize, which cannot hold such numbers
        raise too_big
    with localcontext() as context:
        context.prec = 60
        fen = int(yuan.quantize(_ONE_FEN, rounding=ROUND_HALF_UP).scaleb(2))
    if abs(fen) > MAX_ABS_FEN:
        raise too_big
    return fen


def parse_quantity(raw: object) -> Decimal:
    """A quantity (亩, 人, 台 …) as an exact Decimal; unit text after the number is allowed."""
    if is_blank(raw) and not isinstance(raw, str):
        raise ValueRejected("quantity_empty", MESSAGE_QUANTITY_EMPTY)
    number = _exact_decimal(raw, kind="quantity")
    if number is not None:
        return number
    text = remove_whitespace(fold_text(str(raw)))
    sign, body = _split_sign(_UNIT.sub("", text))
    if not _NUMBER.fullmatch(body):
        raise ValueRejected(
            "quantity_not_a_number",
            f"数量“{_shown(text)}”不是数字：请填写数字，如 12.5 或 12.5亩",
            f"The quantity “{_shown(text)}” is not a number: enter a number such as 12.5",
        )
    return _signed(sign, body)


def fen_to_yuan(fen: int) -> Decimal:
    """Fen as a Decimal amount of 元 with exactly two places (12345 → Decimal('123.45'))."""
    return Decimal(fen).scaleb(-2)


def format_yuan(fen: int) -> str:
    """Fen as 元 text with thousands separators and two places: 123450 → “1,234.50”."""
    return f"{fen_to_yuan(fen):,.2f}"


def amount_for(standard_fen: int, quantity: Decimal) -> int:
    """Standard (fen per unit) × quantity, rounded half-up to whole fen."""
    with localcontext() as context:
        context.prec = 60
        return int((Decimal(standard_fen) * quantity).quantize(_WHOLE, rounding=ROUND_HALF_UP))


def _money_text(raw_text: str) -> Decimal:
    text = remove_whitespace(fold_text(raw_text))
    sign, body = _split_sign(text)
    # Currency marks people type around the number: ¥12, ￥12 (NFKC folds it to ¥), 人民币12, 12元, 12元整.
    for prefix in ("人民币", "RMB", "¥"):
        body = body.removeprefix(prefix)
    if not sign:
        sign, body = _split_sign(body)
    for suffix in ("元整", "元"):
        body = body.removesuffix(suffix)
    if not _NUMBER.fullmatch(body):
        raise ValueRejected(
            "money_not_a_number",
            f"金额“{_shown(text)}”不是数字：请填写以元为单位的数字，如 960.00 或 1,920.00元",
            f"The amount “{_shown(text)}” is not a number: enter a number of yuan such as 960.00 or 1,920.00",
        )
    return _signed(sign, body)


def _split_sign(text: str) -> tuple[str, str]:
    if text[:1] in ("+", "-"):
        return text[0], text[1:]
    return "", text


def _signed(sign: str, body: str) -> Decimal:
    value = Decimal(body.replace(",", ""))
    return -value if sign == "-" else value


def _exact_decimal(raw: object, *, kind: str) -> Decimal | None:
    """The exact value of a numeric cell (None for text); a float via its shortest repr."""
    code = f"{kind}_not_a_number"
    if isinstance(raw, bool) or isinstance(raw, date | time):
        raise ValueRejected(code, "单元格不是数字：请填写数字", "The cell is not a number: enter a number")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise ValueRejected(code, "单元格不是有限的数字：请填写数字",
                                "The cell is not a finite number: enter a number")
        return Decimal(repr(raw))
    if isinstance(raw, Decimal):
        if not raw.is_finite():
            raise ValueRejected(code, "单元格不是有限的数字：请填写数字",
                                "The cell is not a finite number: enter a number")
        return raw
    return None


def _shown(text: str) -> str:
    return shown_in_message(text, 12)
