"""`ykt template KIND`: empty workbooks in the standard layout, with a note on every column (SPEC §5)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from yikatong_desktop.domain.errors import UsageError
from yikatong_desktop.domain.headers import TEMPLATE, Field
from yikatong_desktop.domain.lists import SPECS, ListKind
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
KINDS = ("roster", *(k.value for k in ListKind))


@dataclass(frozen=True)
class _Column:
    title: str
    note: str
    required: bool
    text: bool


def _columns(kind: str) -> tuple[str, str, list[_Column]]:
    """(sheet name, title line, columns) of a template."""
    if kind == "roster":
        required = {Field.NAME, Field.ID_NUMBER, Field.PROGRAM, Field.PAID}
        return ("花名册", "惠民财政补贴资金发放花名册（标准模板）：表头不要改名，每人每次发放一行；红色表头为必填",
                [_Column(title, ROSTER_NOTES.get(f, ""), f in required, f in _TEXT_COLUMNS) for f, title in TEMPLATE])
    spec = SPECS[ListKind(kind)]
    return (spec.sheet, f"{spec.title}（标准模板）：表头不要改名，每行一条；红色表头为必填",
            [_Column(c.title, c.note, c.required, c.text) for c in spec.columns])


def write_template(kind: str, path: Path) -> None:
    """An empty template: a title line, a note row saying what each column holds, the header row
    (with the same note as a comment), ID and account columns formatted as text."""
    if kind not in KINDS:
        raise UsageError("template.unknown", kind=kind, kinds="、".join(KINDS))
    sheet_name, title, columns = _columns(kind)
    # openpyxl is imported when a template is written: a fifth of a second off every command's start-up.
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    sheet.append([title])
    sheet.append([("【必填】" if c.required and not c.note.startswith("必填") else "") + c.note for c in columns])
    sheet.append([c.title for c in columns])
    sheet.row_dimensions[2].height = 60
    for col, column in enumerate(columns, start=1):
        note = sheet.cell(row=2, column=col)
        note.font = Font(size=9, color="595959")
        note.alignment = Alignment(vertical="top", wrap_text=True)
        cell = sheet.cell(row=3, column=col)
        cell.font = Font(bold=True, color="C00000" if column.required else "000000")
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if column.note:
            cell.comment = Comment(column.note, "ykt")
        sheet.column_dimensions[cell.column_letter].width = 22 if column.text else 14
        if column.text:
            for row in range(4, 2004):  # typed IDs and accounts stay text, never numbers
                sheet.cell(row=row, column=col).number_format = "@"
    sheet.freeze_panes = "A4"
    save_atomically(book, path)
