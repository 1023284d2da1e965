"""The error every value parser raises, and the cell-text folding they share.

A `ValueRejected` means "this cell cannot be stored": the importer turns it
into a rejected row whose 错误原因 is `message_zh` (a `Said`: the Chinese text that
carries its English, shown in the language of the moment by `in_language`). Parsers of IDs, accounts,
names, money, dates and periods all first fold spreadsheet text the same way
(`fold_text`), so the rules for full-width digits and invisible characters
live in one place.
"""

from __future__ import annotations

import math
import re
import unicodedata
from decimal import Decimal


class Said(str):
    """A text for people that is its Chinese (equal to it, stored and compared as it) and knows its English.

    Reasons built deep in the domain travel as plain strings; the place that shows one picks the
    language of that moment with `in_language`.
    """

    en: str

    def __new__(cls, zh: str, en: str) -> Said:
        said = super().__new__(cls, zh)
        said.en = en
        return said

    def text(self, lang: str | None = None) -> str:
        """The English when the language (given, else the process's) is English, the Chinese otherwise."""
        from yikatong_desktop.domain.messages import language

        return self.en if (lang or language()) == "en" else str(self)

    def __reduce__(self) -> tuple[type[Said], tuple[str, str]]:
        return Said, (str(self), self.en)


def said(zh: str, en: str | None) -> str:
    """A `Said` when there is an English, else the Chinese as it is (which may be a `Said` already)."""
    return zh if en is None else Said(zh, en)


def in_language(text: str, lang: str | None = None) -> str:
    """A text in the language of the moment: a `Said`'s English or Chinese, any other text as it is."""
    return text.text(lang) if isinstance(text, Said) else text


def english_of(text: str) -> str | None:
    """A `Said`'s English, None for a text that has none."""
    return text.en if isinstance(text, Said) else None


class ValueRejected(ValueError):
    """A cell value that cannot be stored, with a machine code and a reason in Chinese and English."""

    def __init__(self, code: str, message_zh: str, message_en: str | None = None) -> None:
        super().__init__(f"{code}: {message_zh}")
        self.code = code
        self.message_zh = said(message_zh, message_en)
        self.message_en = message_en if message_en is not None else english_of(message_zh)

    def text(self, lang: str | None = None) -> str:
        """The reason in the language given, else in the process's."""
        return in_language(self.message_zh, lang)


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
