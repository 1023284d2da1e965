"""`ykt template KIND`: empty workbooks in the standard layout, with a note on every column (SPEC §5)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill

from yikatong_desktop.domain.errors import UsageError
from yikatong_desktop.domain.headers import TEMPLATE, Field
from yikatong_desktop.formats.excel_write import save_atomically

#: What a clerk must know about each column of the roster template.
ROSTER_NOTES: dict[Field, str] = {
    Field.NAME: "必填。按身份证填写；维吾尔族、哈萨克族姓名中间的点写“·”。",
    Field.ID_NUMBER: "必填。18位身份证号（最后一位可为X）。本列已设为文本，请勿改成数字格式。",
    Field.PROGRAM: "必填（或导入时用 --program）。写项目全称或常用简称，如“高龄津贴”。",
    Field.YEAR: "与“补贴期间”二选一（或导入时用 --period）。如 2018。",
    Field.PERIOD: "如 2018（年）、2018-03（月）、2018Q1（季度）。",
    Field.QUANTITY: "按亩、按台等发放时填写数量，如 12.5。",
    Field.STANDARD: "单位标准，元，如 105.23。",
    Field.DUE: "应发金额与实发金额至少填一项，单位元。",
    Field.PAID: "应发金额与实发金额至少填一项，单位元，如 1,234.50。",
    Field.DUE_DATE: "如 2018-03-25。",
    Field.PAID_DATE: "如 2018-03-28；同一人同一期间多次发放时必须填写。",
    Field.METHOD: "一卡通 / 现金 / 其他。不填时：有账号按一卡通，无账号按现金。",
    Field.ACCOUNT: "一卡通账号。本列已设为文本，请勿改成数字格式（否则后几位会变成0）。",
    Field.HOUSEHOLD_NO: "按户发放的项目用于识别同一户。",
    Field.GROUP: "如 3组、三组、第三组 均可。",
}
_TEXT_COLUMNS = (Field.ID_NUMBER, Field.HEAD_ID, Field.ACCOUNT, Field.HOLDER_ID, Field.PHONE, Field.HOUSEHOLD_NO)
KINDS = ("roster",)


def write_template(kind: str, path: Path) -> None:
    """An empty template: title, the header row with notes, ID and account columns formatted as text."""
    if kind not in KINDS:
        raise UsageError("template.unknown", kind=kind, kinds="、".join(KINDS))
    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(["惠民财政补贴资金发放花名册（标准模板）：表头不要改名，每人每次发放一行；红色表头为必填"])
    sheet.append([title for _f, title in TEMPLATE])
    required = {Field.NAME, Field.ID_NUMBER, Field.PROGRAM, Field.PAID}
    for col, (fld, _title) in enumerate(TEMPLATE, start=1):
        cell = sheet.cell(row=2, column=col)
        cell.font = Font(bold=True, color="C00000" if fld in required else "000000")
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if fld in ROSTER_NOTES:
            cell.comment = Comment(ROSTER_NOTES[fld], "ykt")
        letter = cell.column_letter
        sheet.column_dimensions[letter].width = 22 if fld in _TEXT_COLUMNS else 12
        if fld in _TEXT_COLUMNS:
            for row in range(3, 2003):  # typed IDs and accounts stay text, never numbers
                sheet.cell(row=row, column=col).number_format = "@"
    sheet.freeze_panes = "A3"
    save_atomically(book, path)
