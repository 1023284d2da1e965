"""The 公示 list as a workbook (SPEC §7), for villages that print from Excel or retype the list.

One sheet "公示" laid out as the PDF is: title, number and fingerprint, the introduction, the header (printed on
every page), the rows section after section with a 小计 each when there are several, the 合计, the hotlines
and the lines to sign. IDs and groups are text cells, money numbers of yuan with two places; text that starts
like a formula stays text. A4, one page wide, 第 &P 页 共 &N 页.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.money import fen_to_yuan
from yikatong_desktop.domain.notices import NoticeDoc, NoticeLine, day_zh
from yikatong_desktop.formats.excel_write import _as_text_if_formula, save_atomically
from yikatong_desktop.formats.notice_pdf import HEADERS, people_text, quantity_text, seal_label

SHEET = "公示"
#: Column widths (Excel's units: about one digit, two for a Chinese character), as HEADERS.
WIDTHS = (6.0, 8.0, 20.0, 21.0, 18.0, 11.0, 10.0, 13.0, 24.0)
_WIDER = {2: 1.4, 4: 1.2, 8: 1.6}  # landscape: more room for 姓名, 补贴项目 and 备注
_WRAPPED = {2, 4, 8}
_TEXT = {1, 3}  # 组 and 身份证号: text, even when they look like numbers
_MONEY = {5, 7}
_NUMERALS = "一二三四五六七八九十"


def write_notice_xlsx(path: Path, doc: NoticeDoc) -> None:
    """Write the notice as a one-sheet workbook to `path`, atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    ncols = len(HEADERS)
    last = get_column_letter(ncols)
    widths = [w * _WIDER.get(i, 1.0) if doc.landscape else w for i, w in enumerate(WIDTHS)]
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    thin = Side(style="thin", color="808080")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill, total_fill = PatternFill("solid", fgColor="DCE6F1"), PatternFill("solid", fgColor="F2F2F2")
    bold = Font(bold=True)
    aligns = [Alignment(horizontal=_horizontal(i), vertical="center", wrap_text=i in _WRAPPED) for i in range(ncols)]

    def merged(row: int, text: str, *, font: Any = None, align: Any = None, height: float | None = None) -> Any:
        sheet.merge_cells(f"A{row}:{last}{row}")
        cell = sheet.cell(row=row, column=1, value=text)
        _as_text_if_formula(cell)
        cell.font = font or Font()
        cell.alignment = align or Alignment(vertical="center")
        if height:
            sheet.row_dimensions[row].height = height
        return cell

    merged(1, doc.title, font=Font(size=16, bold=True), align=Alignment(horizontal="center", vertical="center"),
           height=30)
    merged(2, f"公示编号：{doc.number}　　指纹：{doc.fingerprint}", font=Font(size=9, color="404040"),
           align=Alignment(horizontal="center", vertical="center"))
    intro = doc.introduction()
    # Excel does not grow a merged row to fit its text: give it the height of the lines it needs
    lines = max(1, math.ceil(_text_width(intro) * 1.1 / sum(widths)))
    merged(3, intro, font=Font(size=11), align=Alignment(wrap_text=True, vertical="center", indent=1),
           height=lines * 16 + 6)
    header = 4
    for i, title in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=header, column=i, value=title)
        cell.font, cell.fill, cell.border = bold, head_fill, box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    row = header + 1
    several = len(doc.sections) > 1
    sums: list[tuple[str, Sequence[NoticeLine], int]] = []
    for k, section in enumerate(doc.sections):
        if several:
            merged(row, f"{_NUMERALS[k] if k < len(_NUMERALS) else k + 1}、{section.program}", font=bold)
            row += 1
        for line in section.lines:
            for i, value in enumerate(_values(line)):
                cell = sheet.cell(row=row, column=i + 1, value=value)
                cell.border, cell.alignment = box, aligns[i]
                if i in _TEXT:
                    cell.data_type, cell.number_format = "s", "@"
                elif i in _MONEY:
                    cell.number_format = "#,##0.00"
                else:
                    _as_text_if_formula(cell)
            row += 1
        sums = [("小计", section.lines, section.total_fen)] if several else []
        if k == len(doc.sections) - 1:
            sums.append(("合计", doc.lines, doc.total_fen))
        for label, lines_, fen in sums:
            _total_row(sheet, row, label, people_text(lines_), fen, box=box, fill=total_fill, font=bold)
            row += 1
    if not doc.sections:
        _total_row(sheet, row, "合计", people_text(()), 0, box=box, fill=total_fill, font=bold)
        row += 1
    row += 1
    merged(row, doc.hotlines(), font=Font(size=11))
    row += 2
    _signatures(sheet, row, doc, last)
    sheet.freeze_panes = f"A{header + 1}"
    sheet.print_title_rows = f"{header}:{header}"
    sheet.print_area = f"A1:{last}{row + 1}"
    _page_setup(sheet, doc)
    save_atomically(book, path)


def _horizontal(column: int) -> str:
    if column in (5, 6, 7):
        return "right"
    return "left" if column in _WRAPPED else "center"


def _values(line: NoticeLine) -> list[Any]:
    return [line.seq, line.group, line.name, line.masked_id, line.program,
            None if line.standard_fen is None else fen_to_yuan(line.standard_fen),
            quantity_text(line.quantity, line.unit) or None, fen_to_yuan(line.amount_fen), line.remark or None]


def _total_row(sheet: Any, row: int, label: str, people: str, fen: int, *, box: Any, fill: Any, font: Any) -> None:
    from openpyxl.styles import Alignment

    for column in range(1, len(HEADERS) + 1):
        cell = sheet.cell(row=row, column=column)
        cell.border, cell.fill, cell.font = box, fill, font
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    sheet.merge_cells(start_row=row, start_column=3, end_row=row, end_column=7)
    sheet.cell(row=row, column=1, value=label).alignment = Alignment(horizontal="center", vertical="center")
    sheet.cell(row=row, column=3, value=people).alignment = Alignment(vertical="center")
    amount = sheet.cell(row=row, column=8, value=fen_to_yuan(fen))
    amount.number_format = "#,##0.00"
    amount.alignment = Alignment(horizontal="right", vertical="center")


def _signatures(sheet: Any, row: int, doc: NoticeDoc, last: str) -> None:
    """制表人 and 审核人 on lines to sign (A–B label, C the line; D label, E the line); the seal and date in G–I."""
    from openpyxl.styles import Alignment, Border, Font, Side

    line = Border(bottom=Side(style="thin", color="000000"))
    font = Font(size=11)
    sheet.row_dimensions[row].height = 36  # room to sign above the line
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    for column, value, underline in ((1, "制表人：", False), (3, doc.preparer, True), (4, "审核人：", False),
                                     (5, doc.reviewer, True)):
        cell = sheet.cell(row=row, column=column, value=value or None)
        _as_text_if_formula(cell)
        cell.font = font
        cell.alignment = Alignment(horizontal="left" if underline else "right", vertical="bottom")
        if underline:
            cell.border = line
    for offset, value in ((0, seal_label(doc.village)), (1, day_zh(doc.start))):
        sheet.merge_cells(f"G{row + offset}:{last}{row + offset}")
        cell = sheet.cell(row=row + offset, column=7, value=value)
        _as_text_if_formula(cell)
        cell.font = font
        cell.alignment = Alignment(horizontal="center", vertical="bottom")


def _page_setup(sheet: Any, doc: NoticeDoc) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if doc.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.7
    # From page 2 on, the title and number in small print at the top, to match a loose page to its notice
    sheet.HeaderFooter.differentFirst = True
    sheet.oddHeader.center.text = f"{doc.title}  公示编号 {doc.number}".replace("&", "&&")
    sheet.oddHeader.center.size = 8
    sheet.oddFooter.center.text = "第 &P 页 共 &N 页"
    sheet.firstFooter.center.text = "第 &P 页 共 &N 页"


def _text_width(text: str) -> float:
    """Width in Excel's units: a Chinese character is two digits wide."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
