"""`ykt import roster`: a department's roster into persons, accounts and payments (SPEC §5).

Tolerant in what it reads, strict in what it stores: every row is accepted,
accepted with warnings, or rejected with a reason naming sheet, row (as Excel
shows it) and column; a rejected row stores nothing. The caller commits the
unit of work — one transaction for the whole file — unless it is a dry run.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.catalog import OUT_OF_SCOPE_WORDS
from yikatong_desktop.domain.column_mapping import missing_columns, missing_text
from yikatong_desktop.domain.errors import InputRejected, Location, UsageError
from yikatong_desktop.domain.headers import Field
from yikatong_desktop.domain.lists import ListKind
from yikatong_desktop.domain.messages import language
from yikatong_desktop.domain.periods import Period, parse_period
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.roster_rows import RosterRow, RowRejected, is_not_data
from yikatong_desktop.domain.roster_table import RosterTable
from yikatong_desktop.domain.values_errors import Said, ValueRejected, in_language
from yikatong_desktop.formats.excel_write import write_table_workbook
from yikatong_desktop.formats.workbook import Sheet, read_workbook
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.import_writer import random_uid, store_rows
from yikatong_desktop.services.list_writer import TABLES
from yikatong_desktop.services.progress import Cancelled, IsCancelled, Progress, never_cancelled, no_progress
from yikatong_desktop.services.roster_mapping import SheetPlan, plan_columns
from yikatong_desktop.services.standards import StandardProposal, propose_standards

__all__ = ["Cancelled", "ImportReport", "IsCancelled", "Progress", "RowIssue", "import_roster", "void_batch",
           "write_error_workbook"]
from yikatong_desktop.storage.import_store import live_batch_with_hash
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: Place columns merged down over their rows (乡镇 per township) read as filled in.
_FILL_DOWN = (Field.COUNTY, Field.TOWNSHIP, Field.VILLAGE, Field.GROUP)
#: Rows checked together: a column's repeated values are normalised once, and a cancel waits at most a chunk.
_CHUNK = 5000


@dataclass
class RowIssue:
    """A rejected row (or a warning) with where it is and the source row's own cells."""

    sheet: str
    row: int  # as Excel shows it
    column: str | None
    message: str  # the Chinese; a `Said` knows its English
    rejected: bool
    cells: list[Any] = field(default_factory=list)

    def text(self, lang: str | None = None) -> str:
        """The reason in the language given, else in the process's (Chinese when it has no English)."""
        return in_language(self.message, lang)

    def describe(self, lang: str | None = None) -> str:
        """“工作表 X 第 n 行 “列”：原因” (English: “sheet “X” row n column “列”: reason”)."""
        where = Location(sheet=self.sheet, row=self.row, column=self.column).describe(lang)
        if (lang or language()) == "en":
            return f"{where}: {self.text('en')}"
        return f"{where}：{self.message}"


@dataclass
class ImportReport:
    """What an import did (or, dry, would do)."""

    file: str
    sha256: str
    kind: str = ""
    dry_run: bool = False
    already_imported: bool = False
    batch_uid: str | None = None
    sheets_used: list[str] = field(default_factory=list)
    sheets_skipped: list[tuple[str, str]] = field(default_factory=list)
    mapping: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet → header title → field
    remembered: dict[str, list[str]] = field(default_factory=dict)  # sheet → titles mapped by a remembered fix
    department: str | None = None  # whose remembered fixes applied (services.roster_mapping)
    headers: dict[str, list[str]] = field(default_factory=dict)  # sheet → header titles in column order
    rows_total: int = 0
    accepted: int = 0
    warned: int = 0
    issues: list[RowIssue] = field(default_factory=list)
    paid_total_fen: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    new_programs: list[str] = field(default_factory=list)
    replaced_voided: int = 0
    list_kind: str = "roster"
    persons_new: int = 0  # persons first met in this file (lists)
    matched: int = 0  # bank-return lines matched to a payment
    notes: list[str] = field(default_factory=list)  # about the whole file (a bank's totals line …)
    standards: list[StandardProposal] = field(default_factory=list)  # seen in the file, not in the catalogue

    @property
    def rejected(self) -> int:
        """Rows that store nothing."""
        return sum(1 for i in self.issues if i.rejected)

    def by_reason(self, lang: str | None = None) -> list[tuple[bool, str, int]]:
        """(rejected, reason, rows) most frequent first: the reason is a message's part before its first “：”
        (in English, before its first ": "), in the language given, else in the process's."""
        lang = lang or language()
        separator = ": " if lang == "en" else "："
        counts = Counter((i.rejected, i.text(lang).split(separator)[0]) for i in self.issues)
        return [(rejected, reason, n) for (rejected, reason), n in
                sorted(counts.items(), key=lambda kv: (not kv[0][0], -kv[1], kv[0][1]))]

    def reasons_text(self, lang: str | None = None) -> str:
        """“拒绝：身份证号为空 1 行；提示：…” for a summary line ("" when every row was fine); in English
        “Rejected: The ID number is empty 1 row; Note: …”."""
        lang = lang or language()
        if lang == "en":
            return "; ".join(f"{'Rejected' if rejected else 'Note'}: {reason} {n} row{'' if n == 1 else 's'}"
                             for rejected, reason, n in self.by_reason(lang))
        return "；".join(f"{'拒绝' if rejected else '提示'}：{reason} {n} 行"
                        for rejected, reason, n in self.by_reason(lang))


@dataclass(slots=True)
class _Accepted:
    row: RosterRow
    sheet: str
    excel_row: int


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_sha256_or_reject(path: Path) -> str:
    """The file's hash, or a clear refusal when it is missing or unreadable."""
    try:
        return file_sha256(path)
    except FileNotFoundError as exc:
        raise InputRejected("file.missing", path=str(path)) from exc
    except OSError as exc:
        raise InputRejected("file.unreadable", Location(file=path.name), reason=exc.strerror or str(exc)) from exc


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector for an import: 100,000 rows allocate millions of objects (hardly any
    in cycles), and each collection would walk the whole growing heap again — a fifth of the import's time
    (bench/import_roster.py). Reference counting still frees memory; the collector runs again afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@cyclic_gc_paused()
def import_roster(uow: UnitOfWork, actor: Actor, path: Path, *, program: str | None = None,
                  period: str | None = None, dry_run: bool = False, strict: bool = False,
                  replaces: str | None = None, columns: Mapping[str, Field | None] | None = None,
                  progress: Progress = no_progress, is_cancelled: IsCancelled = never_cancelled,
                  new_uid: Callable[[], str] | None = None) -> ImportReport:
    """Read, check and store one roster file in the caller's unit of work.

    `columns` overrides the mapping: normalised header title → field, None to leave a column out
    (see domain.column_mapping); the department's remembered fixes apply under it.
    """
    authorize(actor, Action.IMPORT)
    new_uid = new_uid or random_uid
    digest = file_sha256_or_reject(path)
    report = ImportReport(file=path.name, sha256=digest, dry_run=dry_run)
    if live_batch_with_hash(uow.conn, report.sha256) is not None:
        report.already_imported = True
        return report
    if replaces is not None:
        same_kind(live_batch(uow, replaces), "roster")
    accepted = _read_file(uow, path, report, program=program, period=period, columns=columns,
                          progress=progress, is_cancelled=is_cancelled)
    if strict and report.rejected:
        raise InputRejected("import.strict", Location(file=path.name), count=report.rejected)
    report.accepted = len(accepted)
    report.warned = sum(1 for a in accepted if a.row.warnings)
    report.paid_total_fen = sum(a.row.paid_fen or a.row.due_fen or 0 for a in accepted)
    report.batch_uid = new_uid()
    counts = store_rows(uow, org_code(uow), [(a.row, a.sheet, a.excel_row) for a in accepted],
                        file_name=path.name, sha256=report.sha256, batch_uid=report.batch_uid,
                        rows_total=report.rows_total, rejected=report.rejected, actor=actor.name,
                        new_uid=new_uid)
    report.inserted, report.updated, report.unchanged = counts.inserted, counts.updated, counts.unchanged
    report.new_programs = counts.new_programs
    report.standards = propose_standards(uow, [a.row for a in accepted], new_uid=new_uid)
    if replaces is not None:
        # Rows the corrected file still has were updated onto the new batch; the rest go.
        report.replaced_voided = uow.records.void_payments_of_batch(replaces, keep=counts.kept)
        batch = live_batch(uow, report.batch_uid)
        uow.records.change("import_batches", report.batch_uid, {"replaces_uid": replaces},
                           expected_version=batch.version)
    record_event(uow, actor, "import.roster", object_kind="import_batches", object_uid=report.batch_uid,
                 detail={"file": path.name, "sha256": report.sha256, "rows": report.rows_total,
                         "accepted": report.accepted, "warned": report.warned, "rejected": report.rejected,
                         "inserted": report.inserted, "updated": report.updated, "unchanged": report.unchanged,
                         "paid_total_fen": report.paid_total_fen, "replaces": replaces,
                         "replaced_voided": report.replaced_voided,
                         "standards_proposed": sum(1 for s in report.standards if s.new)})
    return report


def _read_file(uow: UnitOfWork, path: Path, report: ImportReport, *, program: str | None, period: str | None,
               columns: Mapping[str, Field | None] | None, progress: Progress,
               is_cancelled: IsCancelled) -> list[_Accepted]:
    """The file's accepted rows; its cells are let go on return, so storing reuses their memory."""
    default_program = program_override(uow, program)
    default_period = period_override(period)
    book = read_workbook(path)
    report.kind = book.kind
    accepted: list[_Accepted] = []
    plan = plan_columns(uow, book.visible_sheets(), program=program, columns=columns)
    report.department = plan.department
    for sheet in plan.sheets:
        _read_sheet(sheet, report, accepted, default_program, default_period, progress, is_cancelled)
    _refuse_out_of_scope(report, accepted)
    if not report.sheets_used:
        missing = [reason for _sheet, reason in report.sheets_skipped if reason.startswith("缺少")]
        if missing:
            raise InputRejected("import.missing_columns", Location(file=path.name), detail=missing[0])
        raise InputRejected("import.no_header", Location(file=path.name),
                            sheets="、".join(s.name for s in book.visible_sheets()) or "（无）")
    return accepted


def void_batch(uow: UnitOfWork, actor: Actor, batch_uid: str, reason: str) -> int:
    """Void a whole import (wrong file, wrong program): its live payments become tombstones."""
    authorize(actor, Action.CORRECT)
    if not reason.strip():
        raise UsageError("batch.reason_needed")
    batch = live_batch(uow, batch_uid)
    voided = uow.records.void_rows_of_batch(batch_table(batch.kind), batch_uid)
    uow.records.void("import_batches", batch_uid, expected_version=batch.version)
    record_event(uow, actor, "import.void_batch", object_kind="import_batches", object_uid=batch_uid,
                 detail={"file": batch.file_name, "kind": batch.kind, "reason": reason.strip(),
                         "records_voided": voided})
    return voided


def batch_table(kind: str) -> str:
    """The table an import batch of a kind wrote its rows to."""
    if kind in ("roster", "manual"):
        return "payments"
    return TABLES[ListKind(kind)][0]


def same_kind(batch: Any, kind: str) -> Any:
    """A batch a corrected file replaces must be of the same kind (a roster replaces a roster)."""
    if batch.kind != kind:
        raise InputRejected("batch.other_kind", uid=batch.uid, file=batch.file_name, kind=batch.kind)
    return batch


def live_batch(uow: UnitOfWork, batch_uid: str) -> Any:
    batch = uow.records.get("import_batches", batch_uid)
    if batch is None:
        raise InputRejected("batch.unknown", uid=batch_uid)
    if batch.voided:
        raise InputRejected("batch.voided", uid=batch_uid, file=batch.file_name)
    return batch


def program_override(uow: UnitOfWork, text: str | None) -> str | None:
    if text is None:
        return None
    if not uow.records.find_program(text.strip()):
        raise UsageError("import.unknown_program", program=text)
    return text.strip()


def period_override(text: str | None) -> Period | None:
    if text is None:
        return None
    try:
        return parse_period(text)
    except ValueRejected as exc:
        raise UsageError("import.bad_period", period=text, reason=exc.message_zh) from exc


def _read_sheet(plan: SheetPlan, report: ImportReport, accepted: list[_Accepted], program: str | None,
                period: Period | None, progress: Progress, is_cancelled: IsCancelled) -> None:
    sheet, header = plan.sheet, plan.header
    if header is None:
        report.sheets_skipped.append((sheet.name, NO_HEADER))
        return
    missing = missing_columns(set(header.columns.values()), program_given=program is not None,
                              period_given=period is not None)
    if missing:
        report.sheets_skipped.append((sheet.name, missing_text(missing)))
        return
    report.sheets_used.append(sheet.name)
    report.mapping[sheet.name] = {header.titles[c].replace("\n", ""): f.value
                                  for c, f in sorted(header.columns.items())}
    report.remembered[sheet.name] = plan.remembered_titles()
    width = max((len(r) for r in sheet.rows[header.first_row:header.last_row + 1]), default=0)
    titles = [str(sheet.merged_value(header.last_row, c) or sheet.merged_value(header.first_row, c) or "")
              for c in range(width)]
    report.headers[sheet.name] = [t.replace("\n", "") for t in titles]
    total = len(sheet.rows) - header.data_start
    column_of = {f: c for c, f in header.columns.items()}  # the last column of a field, as a row's cells by field
    id_column, name_column = column_of.get(Field.ID_NUMBER), column_of.get(Field.NAME)
    # A household roster names only the 户主 (户主姓名 + 身份证号): the person paid is the household head.
    paid_is_head = name_column is not None and "户主" in header.titles[name_column]
    table = RosterTable(program=program, period=period)
    for start in range(header.data_start, len(sheet.rows), _CHUNK):
        if is_cancelled():
            raise Cancelled()
        rows = [r for r in range(start, min(start + _CHUNK, len(sheet.rows)))
                if not is_not_data(sheet.rows[r], _cell(sheet, r, id_column), _cell(sheet, r, name_column))]
        report.rows_total += len(rows)
        cells = sheet.columns(rows, list(header.columns), merged=[c for c, f in header.columns.items()
                                                                   if f in _FILL_DOWN])
        columns = dict(zip(header.columns.values(), cells, strict=True))
        for r, row in zip(rows, table.parse(columns, len(rows)), strict=True):
            if isinstance(row, RowRejected):
                column = None if row.column is None else _title(header.columns, header.titles, row.column)
                report.issues.append(RowIssue(sheet.name, r + 1, column, row.message_zh, True, list(sheet.rows[r])))
                continue
            if paid_is_head and row.head_id is None:
                row = replace(row, head_id=row.citizen.value, head_name=row.name)
            for warning in row.warnings:
                report.issues.append(RowIssue(sheet.name, r + 1, None, warning, False))
            accepted.append(_Accepted(row, sheet.name, r + 1))
        progress(start - header.data_start, total, sheet.name)


def _cell(sheet: Sheet, row: int, column: int | None) -> Any:
    return None if column is None else sheet.cell(row, column)


def _refuse_out_of_scope(report: ImportReport, accepted: list[_Accepted]) -> None:
    """Rows of a 社保/教育 program are refused, each with its reason (SPEC §2, §5)."""
    keep = []
    for item in accepted:
        if is_out_of_scope(item.row.program_text):
            report.issues.append(RowIssue(item.sheet, item.excel_row, "补贴项目",
                                          out_of_scope_text(item.row.program_text), True))
        else:
            keep.append(item)
    accepted[:] = keep


def _title(columns: Mapping[int, Field], titles: Mapping[int, str], wanted: StrEnum) -> str:
    for c, f in columns.items():
        if f is wanted:
            return titles[c].replace("\n", "")
    return wanted.value


def out_of_scope_text(program_text: str) -> str:
    """Why a row of a 社保/教育 program is refused."""
    return Said(f"“{program_text}”属于社会保险或教育类资金，不在本次专项整治范围内",
                f"“{program_text}” is social insurance or education money, outside this campaign")


NO_HEADER = Said("没有找到含“姓名”“身份证号”的表头",
                 "No header with “姓名” (name) and “身份证号” (ID number) was found")


def is_out_of_scope(program_text: str) -> bool:
    """社会保险 and 教育 funds are not part of the campaign (SPEC §2)."""
    return any(word in program_text for word in OUT_OF_SCOPE_WORDS)


def write_error_workbook(path: Path, report: ImportReport) -> None:
    """The rejected rows in the source's own columns, plus 错误原因 (in English: Error reason), one sheet per
    source sheet; the reasons are in the language of the moment."""
    sheets = []
    reason = "Error reason" if language() == "en" else "错误原因"
    for sheet, titles in report.headers.items():
        rows = [[*_padded(i.cells, len(titles)), i.describe()]
                for i in report.issues if i.rejected and i.sheet == sheet]
        if rows:
            sheets.append((sheet, [*titles, reason], rows))
    write_table_workbook(path, sheets)


def _padded(cells: list[Any], width: int) -> list[Any]:
    return (list(cells) + [None] * width)[:width]
