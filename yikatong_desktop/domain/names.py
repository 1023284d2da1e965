"""Person names: normalise, compare tolerant of dots and spacing, pinyin keys (SPEC §5, §6, §10).

Uyghur and Kazakh names written in Chinese characters join their parts with a
middle dot (买买提·艾力). People type it as ·, •, ., ・, a full stop and more;
the product stores U+00B7. Names that differ only in dots and spaces are the
same name; names with the same toneless pinyin (买买提/麦麦提) are not the same
but are worth a look (NAME_ID_MISMATCH, low severity).
"""

from __future__ import annotations

import re
from functools import lru_cache

from yikatong_desktop.domain.values_errors import Said, ValueRejected, fold_text, is_blank

MIDDLE_DOT = "\u00b7"

# U+00B7 · U+2022 • U+002E . U+30FB ・ U+FF0E ． U+3002 。 U+2027 ‧ U+FF65 ･ U+2219 ∙ U+22C5 ⋅ U+25CF ●
DOT_VARIANTS = "\u00b7\u2022.\u30fb\uff0e\u3002\u2027\uff65\u2219\u22c5\u25cf"

_DOT_RUN = re.compile(r"\s*[" + re.escape(DOT_VARIANTS) + r"]+(?:\s*[" + re.escape(DOT_VARIANTS) + r"]+)*\s*")
_SPACE_RUN = re.compile(r"\s+")
_HAN = re.compile(r"[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")

MESSAGE_EMPTY = Said("姓名为空：请按身份证补录姓名", "The name is empty: enter it from the ID card")


def normalize_name(raw: object) -> str:
    """Trimmed name with U+00B7 as its only middle dot and no spaces between Chinese characters."""
    if is_blank(raw):
        raise ValueRejected("name_empty", MESSAGE_EMPTY)
    name = _fold_name(raw if isinstance(raw, str) else str(raw))
    if not name:
        raise ValueRejected("name_empty", MESSAGE_EMPTY)
    return name


@lru_cache(maxsize=131072)  # per person of an import; names repeat
def name_key(name: str) -> str:
    """Comparison key: the normalised name without dots and whitespace, case-folded."""
    folded = _fold_name(name)
    return "".join(folded.replace(MIDDLE_DOT, "").split()).casefold()


def same_name(a: str, b: str) -> bool:
    """True when two names differ at most in dots, spacing and full-width forms."""
    return name_key(a) == name_key(b)


@lru_cache(maxsize=131072)  # names repeat a lot in a county; pinyin is the slow part of an import
def pinyin_sort_key(name: str) -> str:
    """Toneless pinyin syllables joined by spaces, lower-case; non-Han text kept as it is."""
    return " ".join(" ".join(_pinyin_items(_fold_name(name))).split()).lower()


def toneless_pinyin(name: str) -> str:
    """Toneless pinyin of the name's key (no dots, no spaces): 买买提 and 麦麦提 both give “mai mai ti”."""
    return " ".join(" ".join(_pinyin_items(name_key(name))).split()).lower()


@lru_cache(maxsize=32768)
def _char_pinyin(char: str) -> str:
    from pypinyin import lazy_pinyin  # loads its dictionaries on first use only

    return lazy_pinyin(char)[0]


def _pinyin_items(text: str) -> list[str]:
    """Like pypinyin.lazy_pinyin, a syllable per Han character and non-Han runs kept whole,
    but character by character from a cache: names are not words, so phrase lookups buy nothing."""
    items: list[str] = []
    run = ""
    for char in text:
        if _HAN.match(char):
            if run:
                items.append(run)
                run = ""
            items.append(_char_pinyin(char))
        else:
            run += char
    if run:
        items.append(run)
    return items


def _fold_name(text: str) -> str:
    folded = fold_text(text)
    folded = _DOT_RUN.sub(MIDDLE_DOT, folded).strip(MIDDLE_DOT + " \t")
    return _SPACE_RUN.sub(_space_or_nothing, folded.strip())


def _space_or_nothing(match: re.Match[str]) -> str:
    # Spaces between Chinese characters are typing noise; between Latin words they matter.
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return "" if _HAN.fullmatch(before) and _HAN.fullmatch(after) else " "
