"""A clerk's column mapping on top of the detected header (SPEC §5: "confirm or fix the column mapping").

Every column of a header has a *key*: its title normalised as `normalize_header` compares
titles (no spaces, no unit in brackets); the second and later columns with the same title get
"#2", "#3". Overrides map keys to a field, or to None for "不导入". They are applied after
`find_header`, and the result is validated like a detected header: one field per column, one
column per field, and the columns SPEC §5 requires.

Pure: no I/O. Remembered fixes are stored by `services.column_memory`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from yikatong_desktop.domain.errors import UsageError
from yikatong_desktop.domain.headers import TEMPLATE, Field, Header, find_header, normalize_header
from yikatong_desktop.domain.values_errors import Said, in_language

Overrides = Mapping[str, Field | None]

#: Field → its Chinese name in the standard template (what the clerk picks from).
FIELD_NAMES: Mapping[Field, str] = dict(TEMPLATE)
_BY_NAME = {name: f for f, name in TEMPLATE}


def parse_field(text: str) -> Field | None:
    """A field from its template name (实发金额), its code (paid), or 不导入/none/空 for None."""
    value = text.strip()
    if value in ("不导入", "none", "", "-"):
        return None
    if value in _BY_NAME:
        return _BY_NAME[value]
    try:
        return Field(value)
    except ValueError as exc:
        raise UsageError("mapping.unknown_field", field=text, choices="、".join(_BY_NAME)) from exc


def header_titles(rows: Sequence[Sequence[object]], header: Header[Field]) -> dict[int, str]:
    """Every column's title as shown (the sub-header under a group title wins), blank ones left out."""
    width = max((len(rows[r]) for r in range(header.first_row, header.last_row + 1) if r < len(rows)), default=0)
    titles: dict[int, str] = {}
    for col in range(width):
        for r in range(header.last_row, header.first_row - 1, -1):
            cell = rows[r][col] if r < len(rows) and col < len(rows[r]) else None
            text = "" if cell is None else str(cell).replace("\n", "").strip()
            if text:
                titles[col] = text
                break
    return titles


def column_keys(titles: Mapping[int, str]) -> dict[int, str]:
    """Column → key: the normalised title, with "#n" on the n-th repeat of a title."""
    seen: dict[str, int] = {}
    keys: dict[int, str] = {}
    for col in sorted(titles):
        base = normalize_header(titles[col])
        if not base:
            continue
        seen[base] = seen.get(base, 0) + 1
        keys[col] = base if seen[base] == 1 else f"{base}#{seen[base]}"
    return keys


def layout_signature(keys: Mapping[int, str]) -> str:
    """A short stable name for a header layout: the same set of column keys gives the same name."""
    text = "\n".join(sorted(keys.values()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def detect_header(rows: Sequence[Sequence[object]], overrides: Overrides) -> Header[Field] | None:
    """`find_header`, where a title the clerk mapped also counts for finding the header row.

    A file whose ID column is titled in a way no synonym knows (证号) is still found once the
    clerk has said what that title is.
    """
    header = find_header(rows)
    if header is not None or not any(overrides.values()):
        return header
    named = {key: FIELD_NAMES[f] for key, f in overrides.items() if f is not None}
    seen = [[named.get(normalize_header(cell), cell) for cell in row] for row in rows]
    return find_header(seen)


@dataclass(frozen=True)
class Mapped:
    """A header after overrides, with which columns an override decided."""

    header: Header[Field]
    keys: Mapping[int, str]  # every titled column
    overridden: frozenset[int]  # columns an override decided (mapped or 不导入)


def apply_overrides(header: Header[Field], titles: Mapping[int, str], overrides: Overrides) -> Mapped:
    """The header with the clerk's choices: an override wins over detection for its column, and a
    field an override gives to one column is taken away from the column detection gave it to."""
    keys = column_keys(titles)
    columns = dict(header.columns)
    chosen: dict[Field, int] = {}
    overridden = set()
    for col, key in keys.items():
        if key not in overrides:
            continue
        overridden.add(col)
        wanted = overrides[key]
        columns.pop(col, None)
        if wanted is None:
            continue
        if wanted in chosen:
            other = keys[chosen[wanted]]
            raise UsageError("mapping.duplicate_field", field=FIELD_NAMES[wanted], first=other, second=key)
        chosen[wanted] = col
    for f, col in chosen.items():
        columns = {c: g for c, g in columns.items() if g is not f}
        columns[col] = f
    shown = {c: titles.get(c, header.titles.get(c, "")) for c in columns}
    return Mapped(Header(header.first_row, header.last_row, dict(sorted(columns.items())), shown), keys,
                  frozenset(overridden))


def missing_columns(found: set[Field], *, program_given: bool, period_given: bool) -> list[str]:
    """What SPEC §5 requires and a mapping lacks, in words for the clerk (empty when complete).

    Each is a `Said`: its Chinese, which knows its English (`values_errors.in_language`).
    """
    return [Said(zh, en) for zh, en, ok in (
        ("“姓名”列", "a “姓名” (name) column", Field.NAME in found),
        ("“身份证号”列", "a “身份证号” (ID number) column", Field.ID_NUMBER in found),
        ("“补贴项目”列（或用 --program 指定）", "a “补贴项目” (program) column (or give --program)",
         Field.PROGRAM in found or program_given),
        ("“补贴期间”或“补贴年度”列（或用 --period 指定）",
         "a “补贴期间” (period) or “补贴年度” (year) column (or give --period)",
         bool({Field.PERIOD, Field.YEAR} & found) or period_given),
        ("“实发金额”或“应发金额”列", "a “实发金额” (paid) or “应发金额” (due) column",
         bool({Field.PAID, Field.DUE} & found)),
    ) if not ok]


def missing_text(missing: list[str]) -> str:
    """“缺少…、…” for a sheet the importer skips, knowing its English (“Missing … and …”)."""
    return Said("缺少" + "、".join(missing), "Missing " + " and ".join(in_language(m, "en") for m in missing))
