"""The 核实表 workbook (SPEC §7): what a village receives, fills in by hand or in Excel, and sends back.

One visible sheet: a title, a line saying what to do, a header repeated on every
printed page (A4 landscape), one row per finding and four blank answer columns,
核实结果 with a 属实/不属实 dropdown. The finding's full uid sits in a hidden last
column so the answers come back to the right finding even after the village
sorts the rows; a very hidden sheet marks the file as a 核实表 and names the village.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yikatong_desktop.formats.excel_write import save_atomically

MARKER = "ykt-verify-sheet"
FORMAT_VERSION = "1"
META_SHEET = "_ykt"
SHEET_TITLE = "核实表"
ANSWERS = ("属实", "不属实")
#: (header, width); the village writes into the last four.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("序号", 5), ("编号", 10), ("姓名", 10), ("身份证号", 20), ("补贴项目", 14), ("期间", 10), ("问题", 14),
    ("说明", 46), ("金额(元)", 11), ("核实结果", 10), ("核实说明", 26), ("核实人", 9), ("核实日期", 11),
)
UID_HEADER = "完整编号"
ANSWER_HEADERS = ("核实结果", "核实说明", "核实人", "核实日期")
HEADER_ROW = 3  # Excel row of the header; data starts below it

_FORMULA_START = ("=", "+", "-", "@")


@dataclass(frozen=True)
class SheetRow:
    """One finding as the village reads it (the ID already masked)."""

    uid: str
    name: str
    masked_id: str
    program: str
    period: str
    problem: str
    explanation: str
    amount_yuan: float


def write_verify_sheet(path: Path, *, title: str, note: str, rows: Sequence[SheetRow],
                       meta: Sequence[tuple[str, str]]) -> None:
    """Write the 核实表 atomically; `meta` (key, value) pairs go to the hidden marker sheet."""
    # openpyxl is imported when a sheet is written, not on every start of `ykt` (0.15 s).
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    thin = Side(style="thin", color="808080")
    box, answer_fill = Border(left=thin, right=thin, top=thin, bottom=thin), PatternFill("solid", fgColor="FFF2CC")
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    last_col = len(COLUMNS)
    last_letter = get_column_letter(last_col)
    sheet.merge_cells(f"A1:{last_letter}1")
    sheet["A1"] = title
    sheet["A1"].font = Font(size=16, bold=True)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    sheet.merge_cells(f"A2:{last_letter}2")
    sheet["A2"] = note
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="center")
    sheet.row_dimensions[2].height = 34
    for col, (header, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=col, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = box
        if header in ANSWER_HEADERS:
            cell.fill = answer_fill
        sheet.column_dimensions[get_column_letter(col)].width = width
    uid_col = last_col + 1
    sheet.cell(row=HEADER_ROW, column=uid_col, value=UID_HEADER)
    sheet.column_dimensions[get_column_letter(uid_col)].hidden = True

    for n, row in enumerate(rows, start=1):
        r = HEADER_ROW + n
        values: list[Any] = [n, row.uid[:8], row.name, row.masked_id, row.program, row.period, row.problem,
                             row.explanation, row.amount_yuan, None, None, None, None]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=r, column=col, value=value)
            if isinstance(value, str) and value.startswith(_FORMULA_START):
                cell.data_type = "s"  # incoming text stays text, never a formula (SPEC §9)
            cell.border = box
            cell.alignment = Alignment(vertical="top", wrap_text=col in (3, 5, 7, 8, 11))
        sheet.cell(row=r, column=9).number_format = "#,##0.00"
        sheet.cell(row=r, column=4).number_format = "@"
        sheet.cell(row=r, column=13).number_format = "yyyy-mm-dd"
        sheet.cell(row=r, column=uid_col, value=row.uid)
    last_row = HEADER_ROW + max(len(rows), 1)

    answer = DataValidation(type="list", formula1='"' + ",".join(ANSWERS) + '"', allow_blank=True,
                            showDropDown=False, showErrorMessage=True, errorStyle="warning",
                            errorTitle="核实结果", error="请选择“属实”或“不属实”。",
                            promptTitle="核实结果", prompt="属实 = 问题存在；不属实 = 问题不存在（请写核实说明）",
                            showInputMessage=True)
    result_col = get_column_letter(1 + [h for h, _ in COLUMNS].index("核实结果"))
    answer.add(f"{result_col}{HEADER_ROW + 1}:{result_col}{last_row}")
    sheet.add_data_validation(answer)

    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{last_letter}{last_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"

    marker = book.create_sheet(META_SHEET)
    for key, value in (("kind", MARKER), ("version", FORMAT_VERSION), *meta):
        marker.append([key, value])
    marker.sheet_state = "veryHidden"
    save_atomically(book, path)
