"""Writing workbooks people open in Excel: never a formula from incoming text (SPEC §9)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is imported when a workbook is written: 0.2 s off every command's start-up
    from openpyxl import Workbook

_FORMULA_START = ("=", "+", "-", "@")


def _as_text_if_formula(cell: Any) -> None:
    if isinstance(cell.value, str) and cell.value.startswith(_FORMULA_START):
        cell.data_type = "s"  # stays the text the file had; Excel will not evaluate it


def save_atomically(book: Workbook, path: Path) -> None:
    """Save a workbook next to its target and rename it into place: never a half-written file."""
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        book.save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_table_workbook(path: Path, sheets: Sequence[tuple[str, Sequence[str], Sequence[Sequence[Any]]]]) -> None:
    """One sheet per (name, header, rows), header bold, written atomically (temp file + rename)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    for name, header, rows in sheets:
        sheet = book.create_sheet(title=name[:31] or "Sheet")
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(list(row))
        for row_cells in sheet.iter_rows(min_row=2):
            for cell in row_cells:
                _as_text_if_formula(cell)
        last = sheet.cell(row=1, column=len(header))
        if header and header[-1] == "错误原因":
            last.fill = PatternFill("solid", fgColor="FFF2CC")
            sheet.column_dimensions[last.column_letter].width = 60
        sheet.freeze_panes = "A2"
    save_atomically(book, path)


def write_streamed_table(path: Path, sheet_name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """A large table written row by row (openpyxl write-only mode), atomically; returns the rows written."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=sheet_name[:31] or "Sheet")
    sheet.freeze_panes = "A2"
    sheet.append([WriteOnlyCell(sheet, value=h) for h in header])
    count = 0
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            _as_text_if_formula(cell)
            cells.append(cell)
        sheet.append(cells)
        count += 1
    save_atomically(book, path)
    return count
