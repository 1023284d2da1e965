"""`ykt import status|staff|cadres|eligible|allocations|bank-return|field-checks` (SPEC §5).

The same contract as a roster import: header found under titles, each row
accepted, accepted with warnings or rejected with sheet, row and column, one
transaction per file, the same file twice changes nothing, `--replaces` voids
what the corrected file no longer has. People on these lists who are on no
roster yet are kept: later rosters meet them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.column_mapping import missing_text
from yikatong_desktop.domain.errors import InputRejected, Location, UsageError
from yikatong_desktop.domain.headers import Header, find_header_in
from yikatong_desktop.domain.list_rows import (
    STATUS_TITLES,
    AllocationRow,
    BankReturnRow,
    CadreRow,
    Defaults,
    EligibleRow,
    StaffRow,
    StatusRow,
    bank_totals,
    parse_list_row,
    status_of,
    statuses_named,
)
from yikatong_desktop.domain.lists import SPECS, ListField, ListKind, ListSpec
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.roster_rows import RowRejected, is_not_data
from yikatong_desktop.domain.values_errors import Said
from yikatong_desktop.formats.workbook import Sheet, read_workbook
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.imports import (
    ImportReport,
    RowIssue,
    file_sha256_or_reject,
    is_out_of_scope,
    live_batch,
    out_of_scope_text,
    period_override,
    program_override,
    same_kind,
)
from yikatong_desktop.services.list_writer import TABLES, Accepted, ListBatch, store_list
from yikatong_desktop.services.progress import Cancelled, IsCancelled, Progress, never_cancelled, no_progress
from yikatong_desktop.storage.import_store import live_batch_with_hash
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: What a missing column may be stood in for by on the command line.
_STAND_INS = {ListField.PROGRAM: "--program", ListField.FROM_PERIOD: "--period", ListField.PERIOD: "--period",
              ListField.REASON: "--reason"}


@dataclass
class _Read:
    accepted: list[Accepted]
    footer: list[str]  # text under the tables (a bank's totals line)


def import_list(uow: UnitOfWork, actor: Actor, kind: ListKind, path: Path, *, program: str | None = None,
                period: str | None = None, reason: str | None = None, dry_run: bool = False,
                strict: bool = False, replaces: str | None = None, progress: Progress = no_progress,
                is_cancelled: IsCancelled = never_cancelled,
                new_uid: Callable[[], str] = lambda: str(uuid.uuid4())) -> ImportReport:
    """Read, check and store one list file in the caller's unit of work."""
    authorize(actor, Action.IMPORT)
    spec = SPECS[kind]
    digest = file_sha256_or_reject(path)
    report = ImportReport(file=path.name, sha256=digest, dry_run=dry_run, list_kind=kind.value)
    if live_batch_with_hash(uow.conn, digest, kind.value) is not None:
        report.already_imported = True
        return report
    if replaces is not None:
        same_kind(live_batch(uow, replaces), kind.value)
    if reason is not None and status_of(reason) is None:
        raise UsageError("import.bad_reason", reason=reason)
    defaults = Defaults(program=program_override(uow, program), period=period_override(period), reason=reason)
    book = read_workbook(path)
    report.kind = book.kind
    read = _Read([], [])
    for sheet in book.visible_sheets():
        _read_sheet(spec, sheet, path, defaults, report, read, progress, is_cancelled)
    if not report.sheets_used:
        missing = [why for _sheet, why in report.sheets_skipped if why.startswith("缺少")]
        if missing:
            raise InputRejected("import.missing_columns", Location(file=path.name), detail=missing[0])
        raise InputRejected("import.no_list_header", Location(file=path.name), list=spec.title,
                            columns="、".join(spec.title_of(f) for f in spec.must_have),
                            sheets="、".join(s.name for s in book.visible_sheets()) or "（无）")
    programs = _programs(uow, read.accepted, report)
    _refuse_repeats(read.accepted, report)
    if strict and report.rejected:
        raise InputRejected("import.strict", Location(file=path.name), count=report.rejected)
    if kind is ListKind.BANK_RETURN:
        _check_bank_totals(read, report)
    report.accepted = len(read.accepted)
    report.warned = sum(1 for a in read.accepted if a.row.warnings)
    report.paid_total_fen = sum(a.row.amount_fen for a in read.accepted
                                if isinstance(a.row, AllocationRow | BankReturnRow))
    report.batch_uid = new_uid()
    owner = org_code(uow)
    batch = ListBatch(kind, path.name, digest, report.batch_uid, report.rows_total, report.rejected, actor.name,
                      program_code=_only_program(uow, programs), period_label=None if defaults.period is None
                      else defaults.period.label)
    counts = store_list(uow, owner, batch, read.accepted, programs, new_uid)
    report.inserted, report.updated, report.unchanged = counts.inserted, counts.updated, counts.unchanged
    report.persons_new = counts.persons_new
    if kind is ListKind.BANK_RETURN:
        report.matched = counts.matched
        for a in counts.unmatched:
            report.issues.append(RowIssue(a.sheet, a.excel_row, None, _UNMATCHED, False))
    if replaces is not None:
        report.replaced_voided = uow.records.void_rows_of_batch(TABLES[kind][0], replaces, keep=counts.kept)
        uow.records.change("import_batches", report.batch_uid, {"replaces_uid": replaces},
                           expected_version=live_batch(uow, report.batch_uid).version)
    record_event(uow, actor, f"import.{kind.value}", object_kind="import_batches", object_uid=report.batch_uid,
                 detail={"file": path.name, "sha256": digest, "list": kind.value, "rows": report.rows_total,
                         "accepted": report.accepted, "warned": report.warned, "rejected": report.rejected,
                         "inserted": report.inserted, "updated": report.updated, "unchanged": report.unchanged,
                         "persons_new": report.persons_new, "replaces": replaces,
                         "replaced_voided": report.replaced_voided})
    return report


def _sheet_reason(sheet: Sheet, path: Path, defaults: Defaults) -> Defaults:
    """A status list without 事由 says it in its name (死亡人员名单): every row without one is that.

    Only a name that names exactly one status counts (“死亡迁出退出人员名单” does not): otherwise a
    row without 事由 is rejected with the hint to write it."""
    if defaults.reason is not None:
        return defaults
    for text in (sheet.name, path.stem):
        named = statuses_named(text)
        if len(named) == 1:
            return Defaults(defaults.program, defaults.period, STATUS_TITLES[named.pop()])
        if named:
            return defaults
    return defaults


def _missing_columns(spec: ListSpec, header: Header[ListField], defaults: Defaults) -> list[str]:
    found = set(header.columns.values())
    given = {ListField.PROGRAM: defaults.program, ListField.FROM_PERIOD: defaults.period,
             ListField.PERIOD: defaults.period, ListField.REASON: defaults.reason}
    wanted = [c.field for c in spec.columns if c.required]
    if spec.kind is ListKind.STATUS:
        wanted.append(ListField.REASON)
    missing: list[str] = []
    for f in wanted:
        if f in found or given.get(f) is not None:
            continue
        stand_in = _STAND_INS.get(f)
        missing.append(Said(f"“{spec.title_of(f)}”列" + (f"（或用 {stand_in} 指定）" if stand_in else ""),
                            f"a “{spec.title_of(f)}” column" + (f" (or give {stand_in})" if stand_in else "")))
    return missing


def _read_sheet(spec: ListSpec, sheet: Sheet, path: Path, defaults: Defaults, report: ImportReport, read: _Read,
                progress: Progress, is_cancelled: IsCancelled) -> None:
    header = find_header_in(sheet.top_rows(40), spec.vocabulary, must_have=spec.must_have)
    if header is None:
        titles = [f"“{spec.title_of(f)}”" for f in spec.must_have]
        report.sheets_skipped.append((sheet.name, Said("没有找到含" + "、".join(titles) + "的表头",
                                                       "No header with " + " and ".join(titles) + " was found")))
        return
    if spec.kind is ListKind.STATUS:
        defaults = _sheet_reason(sheet, path, defaults)
    missing = _missing_columns(spec, header, defaults)
    if missing:
        report.sheets_skipped.append((sheet.name, missing_text(missing)))
        return
    report.sheets_used.append(sheet.name)
    report.mapping[sheet.name] = {header.titles[c].replace("\n", ""): spec.title_of(f)
                                  for c, f in sorted(header.columns.items())}
    width = max((len(r) for r in sheet.rows[header.first_row:header.last_row + 1]), default=0)
    report.headers[sheet.name] = [str(sheet.merged_value(header.last_row, c) or "").replace("\n", "")
                                  for c in range(width)]
    key_col, name_col = header.column_of(spec.key), None if spec.name is None else header.column_of(spec.name)
    total = len(sheet.rows) - header.data_start
    for r in range(header.data_start, len(sheet.rows)):
        if is_cancelled():
            raise Cancelled()
        cells = sheet.rows[r]
        by_field = {f: sheet.cell(r, c) for c, f in header.columns.items()}
        if is_not_data(cells, None if key_col is None else sheet.cell(r, key_col),
                       None if name_col is None else sheet.cell(r, name_col)):
            read.footer.extend(str(v) for v in cells if isinstance(v, str) and v.strip())
            continue
        report.rows_total += 1
        try:
            row = parse_list_row(spec.kind, by_field, defaults)
        except RowRejected as exc:
            title = spec.title_of(exc.column) if isinstance(exc.column, ListField) else None
            shown = next((header.titles[c] for c, f in header.columns.items() if f is exc.column), title)
            report.issues.append(RowIssue(sheet.name, r + 1, shown, exc.message_zh, True, list(cells)))
            continue
        for warning in row.warnings:
            report.issues.append(RowIssue(sheet.name, r + 1, None, warning, False))
        read.accepted.append(Accepted(row, sheet.name, r + 1))
        if (r - header.data_start) % 1000 == 0:
            progress(r - header.data_start, total, sheet.name)


def _programs(uow: UnitOfWork, accepted: list[Accepted], report: ImportReport) -> dict[str, int]:
    """Program texts to catalogue programs; a row naming no catalogue program, or a 社保/教育 one, is refused."""
    ids = uow.records.program_ids()
    found: dict[str, int] = {}
    refused: dict[str, str] = {}
    for text in sorted({t for a in accepted if (t := _program_text(a.row)) is not None}):
        hits = uow.records.find_program(text)
        if is_out_of_scope(text) or (hits and not hits[0].in_scope):
            refused[text] = out_of_scope_text(text)
        elif not hits:
            refused[text] = Said(f"补贴项目“{text}”不在项目目录中：请写目录中的项目名称或简称（可在“设置—项目”中查看）",
                                 f"The program “{text}” is not in the catalogue: write a catalogue program's name or "
                                 "short name (see Settings, Programs)")
        else:
            found[text] = ids[hits[0].code]
    if refused:
        keep = []
        for a in accepted:
            named = _program_text(a.row)
            if named is not None and named in refused:
                report.issues.append(RowIssue(a.sheet, a.excel_row, "补贴项目", refused[named], True))
            else:
                keep.append(a)
        accepted[:] = keep
    return found


def _natural_key(row: Any) -> tuple[Any, ...] | None:
    """What makes a list row one record (kinds whose rows may repeat — allocations, bank lines, visits — have none)."""
    match row:
        case StatusRow():
            return ("status", row.person.citizen.value, row.status, row.program_text)
        case StaffRow():
            return ("staff", row.person.citizen.value)
        case CadreRow():
            return ("cadre", row.person.citizen.value, row.cadre_id)
        case EligibleRow():
            return ("eligible", row.person.citizen.value, row.program_text, row.from_period.label)
    return None


def _refuse_repeats(accepted: list[Accepted], report: ImportReport) -> None:
    """A second row for the same record in one file is refused, naming the first: which one is right is
    for the clerk to say (two death dates for one person cannot both stand)."""
    first: dict[tuple[Any, ...], Accepted] = {}
    keep = []
    for a in accepted:
        key = _natural_key(a.row)
        if key is None or key not in first:
            if key is not None:
                first[key] = a
            keep.append(a)
            continue
        earlier = first[key]
        why = Said(f"与工作表“{earlier.sheet}”第 {earlier.excel_row} 行是同一人的同一条记录：请只保留正确的一行",
                   f"The same record of the same person as sheet “{earlier.sheet}” row {earlier.excel_row}: "
                   "keep only the right row")
        report.issues.append(RowIssue(a.sheet, a.excel_row, None, why, True))
    accepted[:] = keep


def _program_text(row: Any) -> str | None:
    if isinstance(row, StatusRow | EligibleRow | AllocationRow):
        return row.program_text
    return None


def _only_program(uow: UnitOfWork, programs: dict[str, int]) -> str | None:
    codes = {code for code, local in uow.records.program_ids().items() if local in set(programs.values())}
    return codes.pop() if len(codes) == 1 else None


def _check_bank_totals(read: _Read, report: ImportReport) -> None:
    """The bank's own totals line (总笔数 成功金额 …) against the lines read: a difference means lines are missing."""
    totals = bank_totals(read.footer)
    if not totals:
        report.notes.append(Said("回盘文件没有“总笔数/成功金额”合计行：未能与银行合计核对",
                                 "The return file has no totals line (总笔数/成功金额): not checked against "
                                 "the bank's totals"))
        return
    ok_rows = [a.row for a in read.accepted if isinstance(a.row, BankReturnRow) and a.row.succeeded]
    failed_rows = [a.row for a in read.accepted if isinstance(a.row, BankReturnRow) and not a.row.succeeded]
    ours = {"总笔数": report.rows_total, "成功笔数": len(ok_rows), "失败笔数": len(failed_rows),
            "成功金额": sum(r.amount_fen for r in ok_rows), "失败金额": sum(r.amount_fen for r in failed_rows)}
    differences, differences_en = [], []
    for key, theirs in totals.items():
        mine = ours.get(key)
        if mine is not None and mine != theirs:
            shown = (lambda v: f"{format_yuan(v)}元") if "金额" in key else str
            differences.append(f"{key} 银行写 {shown(theirs)}，明细合计 {shown(mine)}")
            differences_en.append(f"{key} the bank says {shown(theirs)}, the lines add up to {shown(mine)}")
    if differences:
        report.notes.append(Said("银行合计与明细不符：" + "；".join(differences) + "。请核对回盘文件是否完整",
                                 "The bank's totals differ from the lines: " + "; ".join(differences_en)
                                 + ". Check that the return file is complete"))
    else:
        agreed = [f"{k} {v if '金额' not in k else format_yuan(v)}" for k, v in totals.items()]
        report.notes.append(Said("已与银行合计行核对一致：" + "，".join(agreed),
                                 "Checked against the bank's totals line, which agrees: " + ", ".join(agreed)))


_UNMATCHED = Said("没有找到这一笔对应的发放记录（按账号）：已保存，请先导入对应的花名册，或核对账号",
                  "No payment was found for this line (by account): kept; import its roster first or check the account")
