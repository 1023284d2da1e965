"""What an import would read, shown before importing (the 导入 page's preview), and confirming it.

Cheap: only the top of each sheet is read (the header, the first data rows under it, and the
rows that recognise the department); nothing is stored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.column_mapping import FIELD_NAMES, Overrides, apply_overrides, missing_columns
from yikatong_desktop.domain.headers import Field
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.formats.workbook import read_workbook
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.imports import file_sha256
from yikatong_desktop.services.roster_mapping import (
    PROGRAM_SAMPLE,
    TOP_ROWS,
    FilePlan,
    SheetPlan,
    plan_columns,
    remember_columns,
)
from yikatong_desktop.storage.import_store import live_batch_with_hash
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: How many data rows the preview shows.
PREVIEW_ROWS = 10
#: Where a column's field came from, as the clerk reads it.
SOURCE_NAMES = {"detected": "自动识别", "remembered": "按记住的对应", "clerk": "本次指定", "": ""}


@dataclass(frozen=True)
class PreviewColumn:
    index: int  # 0-based column of the sheet
    title: str
    key: str  # what overrides and remembered fixes are keyed by
    field: Field | None
    source: str  # "detected" | "remembered" | "clerk" | "" (not imported, nobody said otherwise)

    @property
    def field_name(self) -> str:
        """The template's Chinese name of the field, or 不导入."""
        return "不导入" if self.field is None else FIELD_NAMES[self.field]


@dataclass(frozen=True)
class SheetPreview:
    name: str
    header_rows: tuple[int, int] | None  # first and last header row as Excel shows them; None: not found
    columns: list[PreviewColumn]
    rows: list[list[str]]  # the first data rows as text, one cell per column of `columns`
    missing: list[str]  # required columns the mapping lacks (empty: importable)


@dataclass(frozen=True)
class RosterPreview:
    file: str
    department: str | None  # None: not recognised; fixes are then remembered for the layout alone
    department_source: str  # "program" | "file" | ""
    already_imported: bool
    sheets: list[SheetPreview]
    plan: FilePlan

    def choices(self) -> dict[str, dict[str, Field | None]]:
        """The mapping shown, as sheet → column key → field (what `confirm_columns` takes)."""
        return {s.name: {c.key: c.field for c in s.columns} for s in self.sheets if s.header_rows}

    def fixes(self, choices: Mapping[str, Mapping[str, Field | None]]) -> dict[str, Field | None]:
        """The choices that differ from detection, as the file-wide overrides `import_roster(columns=…)` takes."""
        out: dict[str, Field | None] = {}
        for plan in self.plan.sheets:
            detected = {plan.keys[c]: f for c, f in plan.detected.items() if c in plan.keys}
            for key, wanted in choices.get(plan.sheet.name, {}).items():
                if key in plan.keys.values() and detected.get(key) != wanted:
                    out[key] = wanted
        return out


def preview_roster(uow: UnitOfWork, actor: Actor, path: Path, *, program: str | None = None,
                   period_given: bool = False, columns: Overrides | None = None) -> RosterPreview:
    """Each sheet's header row(s), every column's title and field, and the first data rows."""
    authorize(actor, Action.VIEW)
    book = read_workbook(path, max_rows=TOP_ROWS + PROGRAM_SAMPLE + PREVIEW_ROWS)
    plan = plan_columns(uow, book.visible_sheets(), program=program, columns=columns)
    sheets = [_sheet(p, program_given=program is not None, period_given=period_given) for p in plan.sheets]
    done = live_batch_with_hash(uow.conn, file_sha256(path)) is not None
    return RosterPreview(path.name, plan.department, plan.department_source, done, sheets, plan)


def _sheet(plan: SheetPlan, *, program_given: bool, period_given: bool) -> SheetPreview:
    if plan.header is None:
        return SheetPreview(plan.sheet.name, None, [], [], ["表头（同时含“姓名”和“身份证号”的行）"])
    mapped = plan.header.columns
    order = sorted(plan.keys)
    cols = [PreviewColumn(c, plan.titles[c], plan.keys[c], mapped.get(c), plan.sources.get(c, "")) for c in order]
    start = plan.header.data_start
    rows = [[_shown(plan.sheet.cell(r, c)) for c in order]
            for r in range(start, min(len(plan.sheet.rows), start + PREVIEW_ROWS))]
    missing = missing_columns(set(mapped.values()), program_given=program_given, period_given=period_given)
    return SheetPreview(plan.sheet.name, (plan.header.first_row + 1, plan.header.last_row + 1), cols, rows, missing)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def confirm_columns(uow: UnitOfWork, actor: Actor, preview: RosterPreview,
                    choices: Mapping[str, Mapping[str, Field | None]]) -> dict[str, dict[str, Field | None]]:
    """Remember the clerk's confirmed choices (sheet → column key → field) for the preview's department.

    Refused (UsageError) when a sheet's choices give one field to two columns; nothing is saved
    then. Returns sheet → the fixes kept (the choices that differ from detection).
    """
    wanted = [p for p in preview.plan.sheets if p.header is not None and p.sheet.name in choices]
    for plan in wanted:
        assert plan.header is not None
        apply_overrides(plan.header, plan.titles, choices[plan.sheet.name])  # validates before any write
    return {p.sheet.name: remember_columns(uow, actor, preview.department, p, choices[p.sheet.name])
            for p in wanted}

