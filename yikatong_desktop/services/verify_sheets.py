"""核实表 (SPEC §7): a village's open findings out as a sheet to fill in, its answers back in as decisions.

The sheet carries masked IDs only. Reading it back is tolerant (属实/是/确认 confirm,
不属实/否/排除 dismiss, a blank leaves the finding as it is) and reports every row it
could not use with its sheet, row and column; the decisions go through
`findings.decide` with the village's answer as the reason, all in the caller's
unit of work (one transaction).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.clock import local_today
from yikatong_desktop.domain.errors import InputRejected, Location
from yikatong_desktop.domain.ids import mask_id
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.orgs import OrgLevel
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.privacy import mask_text
from yikatong_desktop.domain.rules import FindingStatus
from yikatong_desktop.formats import verify_workbook as vw
from yikatong_desktop.formats.workbook import Sheet, read_workbook
from yikatong_desktop.services import findings
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.checks.texts import day_text, period_text
from yikatong_desktop.storage import findings_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork

_CONFIRM = {"属实", "是", "确认", "确实", "情况属实", "存在", "对", "√", "✓", "Y", "YES"}
_DISMISS = {"不属实", "否", "排除", "不是", "情况不属实", "不存在", "不对", "×", "✗", "X", "N", "NO"}
_NOISE = re.compile(r"[\s\u3000。．.，,！!；;：:“”\"'（）()]+")
_UID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass(frozen=True)
class Village:
    """An org unit findings can be sent to: its code, name and the township above it."""

    code: str
    name: str
    parent_name: str | None
    open: int = 0

    @property
    def full_name(self) -> str:
        """“园户村镇南头工村”: township and village, as the sheet's title says."""
        return f"{self.parent_name or ''}{self.name}"


@dataclass(frozen=True)
class SheetExport:
    path: Path
    village: Village
    count: int


@dataclass(frozen=True)
class RowIssue:
    """A row of the filled sheet that could not be used."""

    sheet: str
    row: int
    column: str | None
    message: str

    def describe(self) -> str:
        """“工作表“核实表” 第 5 行 “核实结果”列：…”."""
        return f"{Location(sheet=self.sheet, row=self.row, column=self.column).describe()}：{self.message}"


@dataclass
class SheetImport:
    """What reading a filled 核实表 did."""

    file: str
    village: str | None = None
    rows: int = 0
    confirmed: int = 0
    dismissed: int = 0
    blank: int = 0
    same: int = 0
    issues: list[RowIssue] = field(default_factory=list)

    def summary(self, lang: str | None = None) -> str:
        """One sentence with the counts."""
        return message("verify.summary", lang, rows=self.rows, confirmed=self.confirmed, dismissed=self.dismissed,
                       blank=self.blank, same=self.same, issues=len(self.issues))


def villages(uow: UnitOfWork, actor: Actor) -> list[Village]:
    """Villages that have open findings, with how many (the GUI's choice of village)."""
    authorize(actor, Action.VIEW)
    return [Village(str(r.code), str(r.name), r.parent_name, int(r.open)) for r in store.open_by_org(uow.conn)
            if r.level == OrgLevel.VILLAGE.value]


def find_village(uow: UnitOfWork, text: str) -> Village:
    """A village by code or name (a name shared by two villages must be given as a code)."""
    key = text.strip()
    found = uow.records.org_by_code(key)
    if found is None:
        named = uow.records.orgs_named(key, [OrgLevel.VILLAGE.value]) or uow.records.orgs_named(key)
        if not named:
            raise InputRejected("verify.unknown_village", village=text)
        if len(named) > 1:
            raise InputRejected("verify.ambiguous_village", village=text,
                                choices="、".join(f"{r.code}" for r in named))
        found = named[0]
    parent = uow.records.org_by_code(found.parent_code) if found.parent_code else None
    return Village(str(found.code), str(found.name), None if parent is None else str(parent.name))


def export_sheet(uow: UnitOfWork, actor: Actor, village: str, path: Path) -> SheetExport:
    """Write the 核实表 of a village's open findings; one audit event (the caller commits)."""
    authorize(actor, Action.VIEW)
    place = find_village(uow, village)
    rows = findings.list_findings(uow, actor, org=place.code, statuses=[FindingStatus.OPEN.value])
    if not rows:
        raise InputRejected("verify.nothing_open", village=place.full_name)
    today = local_today(uow.clock).date()
    org_name = str(uow.get_setting("org.name", ""))
    sheet_rows = [vw.SheetRow(uid=f.uid, name=f.name or "", masked_id=mask_id(f.id_number) if f.id_number else "",
                              program=f.program or "", period=period_text(f.period), problem=f.title,
                              explanation=mask_text(f.explanation), amount_yuan=f.amount_fen / 100)
                  for f in rows]
    note = (f"共 {len(rows)} 条待核实问题，{org_name}{day_text(today)}下发。请逐条核实：在“核实结果”列选择"
            "“属实”或“不属实”，写明核实说明，填写核实人和核实日期，签字后交回。")
    vw.write_verify_sheet(path, title=f"{place.full_name}自查问题核实表", note=note, rows=sheet_rows,
                          meta=[("village_code", place.code), ("village", place.full_name),
                                ("exported", today.isoformat()), ("count", str(len(rows)))])
    record_event(uow, actor, "verify_sheet.export", detail={"village": place.code, "count": len(rows),
                                                            "file": path.name})
    return SheetExport(path, place, len(rows))


def parse_answer(value: object) -> FindingStatus | None:
    """属实/是/确认 → confirmed, 不属实/否/排除 → dismissed, blank → None; ValueError otherwise."""
    if value is None:
        return None
    text = _NOISE.sub("", str(value)).upper()
    if not text:
        return None
    if text in _CONFIRM:
        return FindingStatus.CONFIRMED
    if text in _DISMISS:
        return FindingStatus.DISMISSED
    raise ValueError(str(value))


@dataclass(frozen=True)
class _Layout:
    sheet: Sheet
    header: int  # 0-based index of the header row
    columns: dict[str, int]
    meta: dict[str, str]


def import_sheet(uow: UnitOfWork, actor: Actor, path: Path) -> SheetImport:
    """Read a filled 核实表 and confirm or dismiss its findings (the caller commits)."""
    authorize(actor, Action.CHECK)
    layout = _layout(path)
    village = layout.meta.get("village_code")
    report = SheetImport(file=path.name, village=layout.meta.get("village"))
    decisions: dict[tuple[FindingStatus, str], list[str]] = {}
    seen: dict[str, int] = {}
    for index in range(layout.header + 1, len(layout.sheet.rows)):
        row = layout.sheet.rows[index]
        if all(v is None or str(v).strip() == "" for v in row):
            continue
        report.rows += 1
        excel_row = index + 1

        def issue(column: str | None, key: str, _row: int = excel_row, **params: object) -> None:
            report.issues.append(RowIssue(layout.sheet.name, _row, column, message(key, None, **params)))

        def cell(header: str, _row: list[Any] = row) -> Any:
            col = layout.columns.get(header)
            return None if col is None or col >= len(_row) else _row[col]

        try:
            status = parse_answer(cell("核实结果"))
        except ValueError as exc:
            issue("核实结果", "verify.row_answer", answer=str(exc))
            continue
        if status is None:
            report.blank += 1
            continue
        found = _match(uow, cell(vw.UID_HEADER), cell("编号"), issue)
        if found is None:
            continue
        ref = found.uid[:8]
        if found.uid in seen:
            issue("编号", "verify.row_duplicate", ref=ref, first=seen[found.uid])
            continue
        seen[found.uid] = excel_row
        if village and not str(found.org_code or "").startswith(village):
            issue("编号", "verify.row_other_village", ref=ref, village=report.village or village)
            continue
        if found.status == FindingStatus.RESOLVED.value:
            issue("编号", "verify.row_resolved", ref=ref)
            continue
        if found.status == status.value:
            report.same += 1
            continue
        reason = _reason(status, cell("核实说明"), cell("核实人"), cell("核实日期"))
        decisions.setdefault((status, reason), []).append(found.uid)
    for (status, reason), uids in decisions.items():
        changed = findings.decide(uow, actor, uids, status, reason)
        if status is FindingStatus.CONFIRMED:
            report.confirmed += changed
        else:
            report.dismissed += changed
    record_event(uow, actor, "verify_sheet.import",
                 detail={"file": path.name, "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
                         "village": village, "rows": report.rows, "confirmed": report.confirmed,
                         "dismissed": report.dismissed, "issues": len(report.issues)})
    return report


def _layout(path: Path) -> _Layout:
    """The sheet with the answers, its header row and columns; anything else is refused."""
    if not path.is_file():
        raise InputRejected("file.missing", path=str(path))
    try:
        book = read_workbook(path)
    except InputRejected as exc:
        raise InputRejected("verify.not_sheet", file=path.name,
                            reason=message("verify.unreadable", reason=message(exc.key, None, **exc.params))) from exc
    meta: dict[str, str] = {}
    for sheet in book.sheets:
        if sheet.name == vw.META_SHEET:
            meta = {str(r[0]): str(r[1]) for r in sheet.rows if len(r) >= 2 and r[0] is not None}
    if meta and meta.get("kind") != vw.MARKER:
        meta = {}
    for sheet in book.visible_sheets():
        for index, row in enumerate(sheet.rows[:12]):
            headers = {_header(v): col for col, v in enumerate(row) if v is not None}
            if "核实结果" in headers and ("编号" in headers or vw.UID_HEADER in headers):
                return _Layout(sheet, index, headers, meta)
    raise InputRejected("verify.not_sheet", file=path.name, reason=message("verify.no_header"))


def _header(value: object) -> str:
    return re.sub(r"\s+", "", str(value))


def _match(uow: UnitOfWork, full: object, short: object, issue: Any) -> Any:
    """The finding a row is about: by the hidden full uid, else by the 编号 the village sees."""
    uid = str(full).strip().lower() if full is not None else ""
    ref = uid if _UID.match(uid) else (str(short).strip().lower() if short is not None else "")
    if len(ref) < 8:
        issue("编号", "verify.row_no_uid")
        return None
    hits = store.findings_by_uid_prefix(uow.conn, ref)
    if len(hits) != 1:
        issue("编号", "verify.row_ambiguous" if hits else "verify.row_unknown", ref=ref[:8])
        return None
    rows = store.list_findings(uow.conn, uids=[hits[0].uid])
    return rows[0] if rows else None


def _reason(status: FindingStatus, note: object, who: object, when: object) -> str:
    """The village's answer as the decision's reason: “村核实：不属实。已于… （核实人：…，2019-06-20）”."""
    answer = vw.ANSWERS[0] if status is FindingStatus.CONFIRMED else vw.ANSWERS[1]
    text = f"村核实：{answer}"
    if note is not None and str(note).strip():
        text += f"。{str(note).strip()}"
    signed = [f"核实人：{str(who).strip()}"] if who is not None and str(who).strip() else []
    if isinstance(when, datetime | date):
        signed.append(f"{when:%Y-%m-%d}")
    elif when is not None and str(when).strip():
        signed.append(str(when).strip())
    if signed:
        text += f"（{'，'.join(signed)}）"
    return text[:500]


__all__ = ["RowIssue", "SheetExport", "SheetImport", "Village", "export_sheet", "find_village", "import_sheet",
           "parse_answer", "villages"]
