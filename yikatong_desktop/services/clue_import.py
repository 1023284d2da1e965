"""`ykt import clues FILE`: a 问题线索清单 (the 大起底 of 2017-onward finance and audit clues) registered
in bulk as problems of the ledger (SPEC §7).

Every row is checked first; a file with any bad row registers nothing and names each
bad row by sheet, row (as Excel shows it) and column. The same file twice registers
nothing the second time. One audit event for the file, besides one per problem.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.errors import InputRejected, Location
from yikatong_desktop.domain.headers import normalize_header
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.roster_rows import is_not_data
from yikatong_desktop.domain.values_errors import is_blank
from yikatong_desktop.formats.workbook import Sheet, read_workbook
from yikatong_desktop.services import ledger
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.imports import file_sha256_or_reject
from yikatong_desktop.services.ledger_fields import LABELS, parse_fields
from yikatong_desktop.storage.import_store import live_batch_with_hash
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: Template columns in order: field, title, note, required.
COLUMNS: tuple[tuple[str, str, str, bool], ...] = (
    ("clue_ref", "线索编号", "原清单上的编号，如 审计-2017-03。", False),
    ("clue_source", "线索来源", "如 2017年县审计局审计、2018年财政检查、群众举报。", False),
    ("category", "整治内容", "必填。整治内容编号 1.1～3.5（见工作方案），如 1.2。", True),
    ("description", "问题描述", "必填。问题的具体情况。", True),
    ("org", "单位", "乡镇或村的名称或代码。", False),
    ("department", "主管部门", "如 民政局。", False),
    ("program", "补贴项目", "项目全称或常用简称。", False),
    ("persons", "涉及人员", "姓名，可带身份证号，多人用顿号分隔：张三（6523…）、李四。", False),
    ("amount", "涉及金额(元)", "单位元，如 1,234.50。", False),
    ("responsible_unit", "整改责任单位", "", False),
    ("responsible_person", "整改责任人", "", False),
    ("measures", "整改措施", "", False),
    ("deadline", "整改期限", "如 2019-09-30。", False),
)
_SYNONYMS = {
    "clue_ref": ("线索编号", "编号", "原编号", "线索号"), "clue_source": ("线索来源", "来源", "问题来源", "发现途径"),
    "category": ("整治内容", "问题类别", "类别", "问题类型", "整治内容编号"),
    "description": ("问题描述", "问题", "问题内容", "线索内容", "主要问题", "问题线索", "基本情况"),
    "org": ("单位", "乡镇", "所在单位", "所在乡镇", "乡镇(村)", "涉及单位"), "department": ("主管部门", "部门"),
    "program": ("补贴项目", "项目", "项目名称", "补贴名称"), "persons": ("涉及人员", "涉及人", "当事人", "相关人员"),
    "amount": ("涉及金额", "金额", "涉及资金"), "responsible_unit": ("整改责任单位", "责任单位"),
    "responsible_person": ("整改责任人", "责任人"), "measures": ("整改措施", "措施"),
    "deadline": ("整改期限", "期限", "完成时限", "整改时限"),
}
_LOOKUP = {normalize_header(text): f for f, texts in _SYNONYMS.items() for text in texts}
_REQUIRED = ("category", "description")


@dataclass
class ClueImport:
    """What a clue list did (or, refused, why not)."""

    file: str
    rows: int = 0
    registered: list[str] = field(default_factory=list)  # problem numbers
    already_imported: bool = False
    errors: list[str] = field(default_factory=list)

    def dry_run_or_nothing(self) -> bool:
        """Whether nothing was registered (a dry run, or the file was imported before)."""
        return not self.registered


def import_clues(uow: UnitOfWork, actor: Actor, path: Path, *, dry_run: bool = False) -> ClueImport:
    """Register every clue of a list as a problem, or none of them (the errors say why, row by row)."""
    authorize(actor, Action.REGISTER)
    digest = file_sha256_or_reject(path)
    report = ClueImport(file=path.name)
    if live_batch_with_hash(uow.conn, digest, "clues") is not None:
        report.already_imported = True
        return report
    book = read_workbook(path)
    rows: list[tuple[tuple[Location, dict[str, str]], dict[str, Any]]] = []
    found = False
    for sheet in book.visible_sheets():
        layout = _header(sheet)
        if layout is None:
            continue
        found = True
        rows += _rows(sheet, *layout, path.name)
    if not found:
        raise InputRejected("clues.no_header", Location(file=path.name),
                            columns="、".join(LABELS[f] for f in _REQUIRED))
    report.rows = len(rows)
    parsed = []
    for (where, titles), raw in rows:
        errors = len(report.errors)
        for f, value in raw.items():  # each field on its own, so an error names its column
            try:
                parse_fields(uow, {f: value}, Location(where.file, where.sheet, where.row, titles[f]))
            except InputRejected as exc:
                report.errors.append(exc.text())
        missing = [f for f in _REQUIRED if raw.get(f) is None or not str(raw[f]).strip()]
        if missing:
            report.errors.append(InputRejected("ledger.required", Location(where.file, where.sheet, where.row,
                                                                           titles[missing[0]]),
                                               field=LABELS[missing[0]]).text())
        if len(report.errors) == errors:
            parsed.append(raw)
    if report.errors:
        raise InputRejected("clues.rejected", Location(file=path.name), count=len(report.errors),
                            rows=report.rows, detail="\n".join(report.errors[:50]))
    if not rows:
        raise InputRejected("clues.empty", Location(file=path.name))
    if dry_run:
        return report
    for raw in parsed:
        report.registered.append(ledger.register(uow, actor, raw, source="clues").number)
    uow.records.add("import_batches", {
        "kind": "clues", "file_name": path.name, "file_sha256": digest, "program_code": None, "period_label": None,
        "rows_total": report.rows, "rows_accepted": report.rows, "rows_warned": 0, "rows_rejected": 0,
        "imported_at": uow.clock.now(), "actor": actor.name, "replaces_uid": None}, owner=org_code(uow),
        uid=str(uuid.uuid4()))
    record_event(uow, actor, "import.clues", detail={"file": path.name, "sha256": digest, "rows": report.rows,
                                                      "problems": [report.registered[0], report.registered[-1]]})
    return report


def _header(sheet: Sheet) -> tuple[int, dict[str, int]] | None:
    """The header row (0-based) and field → column, if the sheet has the required columns."""
    for index, row in enumerate(sheet.top_rows(30)):
        columns: dict[str, int] = {}
        for col, value in enumerate(row):
            f = _LOOKUP.get(normalize_header(value))
            if f is not None and f not in columns:
                columns[f] = col
        if all(f in columns for f in _REQUIRED):
            return index, columns
    return None


def _rows(sheet: Sheet, header: int, columns: dict[str, int], file: str
          ) -> list[tuple[tuple[Location, dict[str, str]], dict[str, Any]]]:
    out = []
    titles = {f: str(sheet.cell(header, c) or LABELS.get(f, f)).strip() for f, c in columns.items()}
    for index in range(header + 1, len(sheet.rows)):
        raw = {f: sheet.cell(index, c) for f, c in columns.items()}
        text = [str(v).strip() for v in raw.values() if v is not None and str(v).strip()]
        # A totals row says so in its first cells, often under 序号, a column not read.
        lead = [str(v).strip() for v in sheet.rows[index] if v is not None and str(v).strip()][:2]
        if not text or any(t.replace(" ", "") in ("合计", "总计", "小计") for t in text[:2] + lead):
            continue  # blank lines and totals are not clues
        if all(is_blank(raw.get(f)) for f in _REQUIRED) and is_not_data(sheet.rows[index], lead[0], None):
            continue  # a line under the table: 制表人：张三  审核人：李四
        where = Location(file=file, sheet=sheet.name, row=index + 1)
        out.append(((where, titles), raw))
    return out


def write_clue_template(path: Path) -> None:
    """An empty 问题线索清单 with a note on each column; the required ones in red."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    from yikatong_desktop.formats.excel_write import save_atomically

    book = Workbook()
    ws = book.active
    ws.title = "问题线索清单"
    ws.append(["问题线索清单（标准模板）：每条线索一行；红色表头为必填；导入后每行登记为一个问题"])
    ws.append([note for _f, _t, note, _r in COLUMNS])
    ws.append([title for _f, title, _n, _r in COLUMNS])
    for col, (_f, _title, note, required) in enumerate(COLUMNS, start=1):
        head = ws.cell(row=3, column=col)
        head.font = Font(bold=True, color="C00000" if required else "000000")
        head.fill = PatternFill("solid", fgColor="DCE6F1")
        if note:
            head.comment = Comment(note, "ykt")
        ws.cell(row=2, column=col).font = Font(size=9, color="666666")
        ws.column_dimensions[head.column_letter].width = 40 if _f == "description" else 16
    ws.freeze_panes = "A4"
    save_atomically(book, path)
