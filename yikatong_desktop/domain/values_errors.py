"""The error every value parser raises, and the cell-text folding they share.

A `ValueRejected` means "this cell cannot be stored": the importer turns it
into a rejected row whose 错误原因 is `message_zh`. Parsers of IDs, accounts,
names, money, dates and periods all first fold spreadsheet text the same way
(`fold_text`), so the rules for full-width digits and invisible characters
live in one place.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal


class ValueRejected(ValueError):
    """A cell value that cannot be stored, with a machine code and a Chinese reason."""

    def __init__(self, code: str, message_zh: str) -> None:
        super().__init__(f"{code}: {message_zh}")
        self.code = code
        self.message_zh = message_zh


# Zero-width space/non-joiner/joiner, word joiner, BOM and soft hyphen: invisible
# in Excel, but they make "the same" ID a different string.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Spreadsheet tricks to keep digits as text: a typed ' (also its curly forms
# from word processors) or a back-tick.
_LEADING_QUOTES = "'\u2018\u2019`"

_SCIENTIFIC = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)[eE][+-]?\d+")
# "652323195212183000.0": what some readers print for a numeric cell.
_FLOAT_TEXT_OF_BIG_NUMBER = re.compile(r"\d{9,}\.0*")


def fold_text(text: str) -> str:
    """Full-width characters to ASCII (NFKC), invisible characters dropped, NBSP to space, trimmed."""
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return folded.strip()


def strip_leading_quote(text: str) -> str:
    """Drop one leading apostrophe that Excel users type to keep digits as text."""
    if text and text[0] in _LEADING_QUOTES:
        return text[1:]
    return text


def remove_whitespace(text: str) -> str:
    """Remove every whitespace character (spaces, tabs, NBSP, ideographic space)."""
    return "".join(text.split())


def looks_like_damaged_number(text: str) -> bool:
    """True for text that Excel produced from a numeric cell: 6.52323E+17 or 652323195212183000.0."""
    return bool(_SCIENTIFIC.fullmatch(text) or _FLOAT_TEXT_OF_BIG_NUMBER.fullmatch(text))


def is_numeric_cell(raw: object) -> bool:
    """True for int, float and Decimal cell values (bool is not a number here)."""
    return isinstance(raw, int | float | Decimal) and not isinstance(raw, bool)


def is_blank(raw: object) -> bool:
    """True for None, NaN (an empty cell from some readers) and whitespace-only text."""
    if raw is None:
        return True
    if isinstance(raw, str):
        text = raw.strip()  # NBSP and other Unicode spaces included
        # Only text with invisible characters (zero-width spaces …) needs the slower fold.
        return not text or (not text.isprintable() and not fold_text(text))
    if isinstance(raw, float) and math.isnan(raw):
        return True
    return isinstance(raw, Decimal) and raw.is_nan()


def shown_in_message(text: str, limit: int = 20) -> str:
    """A cell's text as a message may quote it: masked (an ID typed in the wrong column) and short."""
    from yikatong_desktop.domain.privacy import mask_text

    if not text:
        return "（空）"
    masked = mask_text(text)
    return masked if len(masked) <= limit else masked[:limit] + "…"
