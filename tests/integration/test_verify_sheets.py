"""核实表 round trip (SPEC §7): export a village's open findings, fill answers in, import them back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from ykt_integration import build_demo, copy_installation, sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.ids import mask_id
from yikatong_desktop.domain.rules import FindingStatus
from yikatong_desktop.services import findings, verify_sheets
from yikatong_desktop.services.checks.registry import IMPLS
from yikatong_desktop.services.checks.run import run_checks


@pytest.fixture(scope="module")
def checked_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 600-person demo with the registered rules run; copy it before changing it."""
    path = tmp_path_factory.mktemp("verify") / "demo.sqlite3"
    build_demo(path, persons=600, seed=5)
    app = bootstrap.open_app(str(path))
    try:
        with app.uow() as uow:
            run_checks(uow, app.actor, list(IMPLS))
            uow.commit()
    finally:
        app.close()
    return path


@pytest.fixture
def app(checked_demo: Path, tmp_path: Path) -> Iterator[bootstrap.App]:
    opened = bootstrap.open_app(str(copy_installation(checked_demo, tmp_path / "db.sqlite3")))
    yield opened
    opened.close()


def _busiest_village(app: bootstrap.App) -> verify_sheets.Village:
    with app.reader() as uow:
        return max(verify_sheets.villages(uow, app.actor), key=lambda v: v.open)


def _export(app: bootstrap.App, village: str, out: Path) -> verify_sheets.SheetExport:
    with app.uow() as uow:
        done = verify_sheets.export_sheet(uow, app.actor, village, out)
        uow.commit()
    return done


def _import(app: bootstrap.App, path: Path) -> verify_sheets.SheetImport:
    with app.uow() as uow:
        report = verify_sheets.import_sheet(uow, app.actor, path)
        uow.commit()
    return report


def _statuses(app: bootstrap.App) -> dict[str, findings.Finding]:
    with app.reader() as uow:
        return {f.uid: f for f in findings.list_findings(uow, app.actor)}


def _column(sheet: openpyxl.worksheet.worksheet.Worksheet, title: str) -> int:
    return next(c.column for c in sheet[3] if c.value == title)


def test_filled_answers_confirm_and_dismiss_with_the_village_answer_as_reason(
        app: bootstrap.App, tmp_path: Path) -> None:
    village = _busiest_village(app)
    assert village.open >= 3
    out = tmp_path / "核实表.xlsx"
    done = _export(app, village.code, out)
    assert done.count >= village.open

    book = openpyxl.load_workbook(out)
    sheet = book["核实表"]
    assert village.name in sheet["A1"].value and "核实表" in sheet["A1"].value
    headers = [c.value for c in sheet[3]]
    assert headers[:13] == ["序号", "编号", "姓名", "身份证号", "补贴项目", "期间", "问题", "说明", "金额(元)",
                            "核实结果", "核实说明", "核实人", "核实日期"]
    uid_col = _column(sheet, "完整编号")
    assert sheet.column_dimensions[openpyxl.utils.get_column_letter(uid_col)].hidden
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$3:$3"
    assert '"属实,不属实"' in sheet.data_validations.dataValidation[0].formula1
    rows = list(sheet.iter_rows(min_row=4, max_row=3 + done.count))
    uids = [r[uid_col - 1].value for r in rows]
    result, note, who, when = (_column(sheet, t) for t in ("核实结果", "核实说明", "核实人", "核实日期"))

    # Row 1 confirmed (written as 是), row 2 dismissed (不属实), row 3 blank, the rest left blank too.
    sheet.cell(rows[0][0].row, result, "是")
    sheet.cell(rows[1][0].row, result, "不属实")
    sheet.cell(rows[1][0].row, note, "已入户核实，本人在家，卡在本人手中")
    sheet.cell(rows[1][0].row, who, "马建国")
    sheet.cell(rows[1][0].row, when, datetime(2019, 7, 20))
    book.save(out)

    report = _import(app, out)
    assert (report.confirmed, report.dismissed, report.issues) == (1, 1, [])
    assert report.blank == done.count - 2 and report.rows == done.count
    after = _statuses(app)
    assert after[uids[0]].status == FindingStatus.CONFIRMED
    assert after[uids[1]].status == FindingStatus.DISMISSED
    assert after[uids[1]].status_reason == ("村核实：不属实。已入户核实，本人在家，卡在本人手中"
                                            "（核实人：马建国，2019-07-20）")
    assert all(after[u].status == FindingStatus.OPEN for u in uids[2:])

    again = _import(app, out)  # the same sheet twice changes nothing
    assert (again.confirmed, again.dismissed, again.same) == (0, 0, 2)
    events = sql(app.location, "SELECT action FROM audit_events WHERE action LIKE 'verify_sheet.%'")
    assert [e[0] for e in events] == ["verify_sheet.export", "verify_sheet.import", "verify_sheet.import"]


def test_rows_that_cannot_be_used_are_reported_by_row_and_column_and_the_rest_applies(
        app: bootstrap.App, tmp_path: Path) -> None:
    village = _busiest_village(app)
    out = tmp_path / "v.xlsx"
    done = _export(app, village.code, out)
    book = openpyxl.load_workbook(out)
    sheet = book["核实表"]
    result, uid_col = _column(sheet, "核实结果"), _column(sheet, "完整编号")
    sheet.cell(4, result, "属实")
    sheet.cell(5, result, "待定")  # not an answer
    sheet.cell(6, result, "确认")
    sheet.cell(6, uid_col, None)  # hidden uid lost: the visible 编号 still matches
    extra = 4 + done.count
    sheet.cell(extra, 3, "张三")
    sheet.cell(extra, result, "属实")  # no 编号 at all
    sheet.cell(extra + 1, 2, "ffffffff")
    sheet.cell(extra + 1, result, "否")  # an 编号 that is no finding
    book.save(out)

    report = _import(app, out)
    assert report.confirmed == 2
    where = [(i.row, i.column) for i in report.issues]
    assert where == [(5, "核实结果"), (extra, "编号"), (extra + 1, "编号")]
    assert "待定" in report.issues[0].describe() and "第 5 行" in report.issues[0].describe()
    assert "ffffffff" in report.issues[2].message


def test_only_masked_ids_leave_the_office(app: bootstrap.App, tmp_path: Path) -> None:
    with app.reader() as uow:
        every = verify_sheets.villages(uow, app.actor)
    with app.reader() as uow:
        full_ids = {f.id_number for f in findings.list_findings(uow, app.actor) if f.id_number}
    shown_anywhere = 0
    for n, village in enumerate(every):
        out = tmp_path / f"{n}.xlsx"
        _export(app, village.code, out)
        book = openpyxl.load_workbook(out)
        texts = [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value]
        for number in full_ids:
            assert not any(number in text for text in texts), (village.name, number)
        shown = {c.value for c in book["核实表"]["D"][3:] if c.value}  # a batch not publicised has no person
        assert all("*" in value for value in shown)
        assert shown <= {mask_id(i) for i in full_ids}
        shown_anywhere += len(shown)
    assert shown_anywhere


def test_a_file_that_is_no_verification_sheet_is_refused_and_changes_nothing(
        app: bootstrap.App, tmp_path: Path) -> None:
    before = _statuses(app)
    garbage = tmp_path / "随便.xlsx"
    garbage.write_bytes(b"PK\x03\x04 this is not a workbook at all")
    other = tmp_path / "花名册.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号", "金额"])
    book.active.append(["张三", "652323193501094648", 100])
    book.save(other)
    for path in (garbage, other):
        with pytest.raises(InputRejected) as refused, app.uow() as uow:
            verify_sheets.import_sheet(uow, app.actor, path)
        assert refused.value.exit_code == 3
        assert "不是核实表" in refused.value.text("zh") and path.name in refused.value.text("zh")
    assert _statuses(app) == before


def test_a_village_without_open_findings_gets_no_sheet(app: bootstrap.App, tmp_path: Path) -> None:
    village = _busiest_village(app)
    with app.uow() as uow:
        uids = [f.uid for f in findings.list_findings(uow, app.actor, org=village.code, statuses=["open"])]
        findings.decide(uow, app.actor, uids, FindingStatus.CONFIRMED, "已核实")
        uow.commit()
    with pytest.raises(InputRejected, match="没有待核实的问题"), app.uow() as uow:
        verify_sheets.export_sheet(uow, app.actor, village.code, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(("text", "status"), [
    ("属实", FindingStatus.CONFIRMED), (" 是 ", FindingStatus.CONFIRMED), ("确认。", FindingStatus.CONFIRMED),
    ("不属实", FindingStatus.DISMISSED), ("否", FindingStatus.DISMISSED), ("排除", FindingStatus.DISMISSED),
    ("", None), (None, None), ("　", None)])
def test_answers_are_read_tolerantly(text: str | None, status: FindingStatus | None) -> None:
    assert verify_sheets.parse_answer(text) is status


def test_an_answer_that_is_neither_is_not_guessed() -> None:
    with pytest.raises(ValueError):
        verify_sheets.parse_answer("属实吧")
