"""Printable report workbooks: a title, a subtitle, captioned tables; A4, repeated header, 第 x 页 共 y 页.

Amounts arrive as integer fen and are written as exact Decimal 元 with two places
(a number in Excel, never a float computed here); counts as integers, shares as
percentages. Text that looks like a formula stays text (SPEC §9).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yikatong_desktop.domain.money import fen_to_yuan
from yikatong_desktop.formats.excel_write import save_atomically

if TYPE_CHECKING:  # openpyxl (and numpy behind it) is imported when a workbook is written: 0.2 s off every start
    from openpyxl.worksheet.worksheet import Worksheet

FORMATS = {"int": "#,##0", "yuan": "#,##0.00", "percent": "0.00%", "text": "@"}
_NOT_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")
_FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True)
class Column:
    """A column: its title, what its values are (text, long text that wraps, int, yuan from fen, percent from a
    fraction), its width."""

    title: str
    kind: str = "text"
    width: float = 12


@dataclass(frozen=True)
class Block:
    """A table on a sheet, with an optional caption above it; `strong` rows (0-based) are totals."""

    caption: str | None
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]
    strong: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Sheet:
    name: str
    title: str
    subtitle: str
    blocks: Sequence[Block]
    landscape: bool = False
    footer: Sequence[str] = ()  # sign-off lines under the tables (填报单位（盖章）、负责人、填表人、日期)


def sheet_name(text: str) -> str:
    """A name Excel accepts: no []:*?/\\, at most 31 characters."""
    return _NOT_IN_SHEET_NAMES.sub("、", text)[:31] or "Sheet"


@cache
def _styles() -> tuple[Any, Any, Any]:
    """The cell border, the header fill and the total rows' fill."""
    from openpyxl.styles import Border, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return (Border(left=thin, right=thin, top=thin, bottom=thin), PatternFill("solid", fgColor="DCE6F1"),
            PatternFill("solid", fgColor="F2F2F2"))


def write_report(path: Path, sheets: Sequence[Sheet]) -> None:
    """Write the sheets to an .xlsx, atomically (temp file + rename)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        _write_sheet(book.create_sheet(title=sheet_name(spec.name)), spec)
    save_atomically(book, path)


def _write_sheet(ws: Worksheet, spec: Sheet) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    border, head_fill, total_fill = _styles()
    width = max((len(b.columns) for b in spec.blocks), default=1)
    ws.append([spec.title])
    ws.append([spec.subtitle])
    for row, size, bold in ((1, 16, True), (2, 10, False)):
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.cell(row=row, column=1).font = Font(size=size, bold=bold)
        ws.cell(row=row, column=1).alignment = Alignment(horizontal="center" if row == 1 else "left")
    widths = [0.0] * width
    header_rows = []
    for block in spec.blocks:
        ws.append([])
        if block.caption:
            ws.append([block.caption])
            ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
        ws.append([c.title for c in block.columns])
        header = ws.max_row
        header_rows.append(header)
        for j, column in enumerate(block.columns, start=1):
            cell = ws.cell(row=header, column=j)
            cell.font, cell.fill, cell.border = Font(bold=True), head_fill, border
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            widths[j - 1] = max(widths[j - 1], column.width)
        for i, values in enumerate(block.rows):
            ws.append([_value(v, c.kind) for v, c in zip(values, block.columns, strict=True)])
            for j, column in enumerate(block.columns, start=1):
                cell = ws.cell(row=ws.max_row, column=j)
                cell.border = border
                if column.kind == "long":
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                elif column.kind != "text":
                    cell.number_format = FORMATS[column.kind]
                if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
                    cell.data_type = "s"
                if i in block.strong:
                    cell.font, cell.fill = Font(bold=True), total_fill
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w
    if spec.footer:
        ws.append([])
    for line in spec.footer:
        ws.append([line])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)
        ws.row_dimensions[ws.max_row].height = 24
    _page_setup(ws, spec, header_rows)


def _value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "yuan":
        return fen_to_yuan(int(value))  # exact Decimal, written as a number
    return value


def _page_setup(ws: Worksheet, spec: Sheet, header_rows: list[int]) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if spec.landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    if len(header_rows) == 1:  # one long table: its header on every page, frozen on screen
        ws.print_title_rows = f"{header_rows[0]}:{header_rows[0]}"
        ws.freeze_panes = ws.cell(row=header_rows[0] + 1, column=1)
