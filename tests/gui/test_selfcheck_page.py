"""自查表: the 底数 and the 15 items on the demo, pre-filled from the checks, edited and saved, exported."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.checklist import ITEMS
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.main_window import MainWindow
from yikatong_desktop.gui.pages.selfcheck import AMOUNT, MEASURES, TITLE, SelfcheckPage
from yikatong_desktop.services import audit, selfcheck
from yikatong_desktop.services.checks.run import run_checks
from yikatong_desktop.services.selfcheck import FOUND, NONE_FOUND


def _page(qtbot: QtBot, app: bootstrap.App, program: str | None = None) -> SelfcheckPage:
    qt_application()
    page = SelfcheckPage(app)
    qtbot.addWidget(page)
    page.resize(1220, 780)
    page.show()
    if program is not None:
        page.program.setCurrentIndex(page.program.findData(program))
        assert page.form is not None and page.form.program_code == program
    return page


def _service_form(app: bootstrap.App, program: str, **scope: str) -> selfcheck.Form:
    with app.reader() as uow:
        return selfcheck.form(uow, app.actor, program, selfcheck.scope(uow, **scope))


def _service_programs(app: bootstrap.App, **scope: str) -> list[str]:
    with app.reader() as uow:
        return selfcheck.programs_for(uow, app.actor, selfcheck.scope(uow, **scope))


def _shown(page: SelfcheckPage, row: int) -> tuple[str, int, str, str]:
    return (page.answer_box(row).currentText(), page.count_box(row).value(), page.cell(row, AMOUNT).text(),
            page.cell(row, MEASURES).text())


def _expected(a: selfcheck.Answer) -> tuple[str, int, str, str]:
    return (FOUND if a.has_problem else NONE_FOUND, a.count, format_yuan(a.amount_fen), a.measures)


def _saved_rows(app: bootstrap.App) -> list[tuple[Any, ...]]:
    assert app.location.path is not None
    return sqlite3.connect(app.location.path).execute("SELECT scope, saved_by FROM selfcheck_forms").fetchall()


def _save_events(app: bootstrap.App) -> list[Any]:
    with app.reader() as uow:
        return audit.list_events(uow, app.actor, action="selfcheck.save")


def _with_problems(app: bootstrap.App) -> str:
    return next(c for c in _service_programs(app) if any(a.has_problem for a in _service_form(app, c).answers))


@pytest.fixture
def checked(mine: bootstrap.App) -> bootstrap.App:
    """The demo copy after running every rule, as the 自查 page does."""
    with mine.uow() as uow:
        run_checks(uow, mine.actor)
        uow.commit()
    return mine


def test_the_page_lists_the_programs_and_shows_fifteen_items_and_the_basics_of_the_service(
        qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    codes = _service_programs(app)
    assert codes and [page.program.itemData(i) for i in range(page.program.count())] == codes
    assert page.table.rowCount() == 15
    assert [page.cell(r, TITLE).text() for r in range(15)] == [i.title for i in ITEMS]
    form = _service_form(app, codes[0])
    assert form.basics is not None
    fig, shown = form.basics.figures, page.basics_shown()
    assert shown["主管部门"] == form.department
    assert shown["受益人数"] == f"{fig.persons:,} 人" and shown["受益户数"] == f"{fig.households:,} 户"
    assert shown["发放金额合计"] == f"{format_yuan(fig.paid_fen)} 元"
    for year, figures in form.basics.by_year.items():
        assert shown[f"其中 {year} 年"].startswith(f"{format_yuan(figures.paid_fen)} 元")
    assert shown["一卡通账户（卡）数"] == f"{fig.accounts:,} 个"
    assert all(b.bank in shown["代理银行"] for b in form.basics.banks)
    assert "预填" in page.source_label.text()


def test_after_the_checks_items_with_findings_show_the_services_counts_and_amounts(
        qtbot: QtBot, checked: bootstrap.App) -> None:
    page = _page(qtbot, checked)
    found = 0
    for code in _service_programs(checked):
        page.program.setCurrentIndex(page.program.findData(code))
        form = _service_form(checked, code)
        assert [_shown(page, r) for r in range(15)] == [_expected(a) for a in form.answers]
        found += sum(a.has_problem for a in form.answers)
    assert found > 0  # the demo's planted problems reach the forms


def test_an_edit_saved_through_the_widgets_is_there_when_the_page_opens_again_and_is_audited(
        qtbot: QtBot, checked: bootstrap.App) -> None:
    program = _with_problems(checked)
    before = _service_form(checked, program)
    page = _page(qtbot, checked, program)
    row = page.row_of("1.6")
    page.answer_box(row).setCurrentText(FOUND)
    page.count_box(row).setValue(2)
    page.cell(row, AMOUNT).setText("1,250.5")
    page.cell(row, MEASURES).setText("补建预算绩效目标")
    assert "1 项修改尚未保存" in page.status_label.text()
    assert list(page.edits()) == ["1.6"]
    page.save_button.click()
    assert "已保存 1 项" in page.status_label.text()

    again = _page(qtbot, checked, program)
    assert _shown(again, again.row_of("1.6")) == (FOUND, 2, "1,250.50", "补建预算绩效目标")
    after = _service_form(checked, program)
    untouched = [a for a in before.answers if a.code != "1.6"]
    assert [a for a in after.answers if a.code != "1.6"] == untouched
    assert after.saved_by == checked.actor.name and checked.actor.name in again.source_label.text()
    events = _save_events(checked)
    assert len(events) == 1 and events[0].detail is not None
    assert list(events[0].detail["after"]) == ["1.6"]
    assert events[0].detail["after"]["1.6"]["amount_fen"] == 125050


@pytest.mark.parametrize(("answer", "count", "amount", "says"), [
    (FOUND, 1, "abc", "涉及金额不对"),
    (FOUND, 0, "10.00", "请填写问题个数"),
])
def test_bad_input_is_refused_with_a_message_and_nothing_is_saved(
        qtbot: QtBot, mine: bootstrap.App, answer: str, count: int, amount: str, says: str) -> None:
    page = _page(qtbot, mine)
    row = page.row_of("2.2")
    page.answer_box(row).setCurrentText(answer)
    page.count_box(row).setValue(count)
    page.cell(row, AMOUNT).setText(amount)
    page.save_button.click()
    box = page.findChild(QMessageBox, "errorBox")
    assert box is not None and says in box.text() and "2.2" in box.text()
    assert _saved_rows(mine) == [] and _save_events(mine) == []
    assert _shown(page, row)[2] == amount  # the clerk's input stays, to be corrected


def test_no_problem_zeroes_and_locks_the_count_and_amount(qtbot: QtBot, checked: bootstrap.App) -> None:
    program = _with_problems(checked)
    page = _page(qtbot, checked, program)
    row = next(r for r, a in enumerate(page.form.answers) if a.has_problem)  # type: ignore[union-attr]
    page.answer_box(row).setCurrentText(NONE_FOUND)
    assert _shown(page, row)[1:3] == (0, "0.00") and not page.count_box(row).isEnabled()
    page.reset_button.click()
    assert _shown(page, row)[0] == FOUND and page.edits() == {}


def test_a_township_or_a_department_has_its_own_programs(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    page.scope_kind.setCurrentIndex(page.scope_kind.findData("department"))
    page.scope_which.setCurrentIndex(page.scope_which.findData("民政局"))
    assert page.where is not None and page.where.kind == "department"
    codes = [page.program.itemData(i) for i in range(page.program.count())]
    assert codes == _service_programs(app, department="民政局") and all(c.startswith("MZ") for c in codes)
    page.scope_kind.setCurrentIndex(page.scope_kind.findData("township"))
    township = page.scope_which.currentData()
    assert page.where.kind == "org" and page.where.key == township
    assert [page.program.itemData(i) for i in range(page.program.count())] == _service_programs(app, org=township)


def test_export_writes_a_summary_and_one_sheet_per_program_in_excel_and_pdf(
        qtbot: QtBot, app: bootstrap.App, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(qtbot, app)
    chosen: list[Path] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(chosen[-1]), "")))
    chosen.append(tmp_path / "forms")  # no extension typed: the button's is added
    page.export_xlsx_button.click()
    book = openpyxl.load_workbook(tmp_path / "forms.xlsx")
    assert book.sheetnames[0] == "汇总" and len(book.sheetnames) == 1 + len(_service_programs(app))
    assert "已写入" in page.status_label.text()

    chosen.append(tmp_path / "forms.pdf")
    page.export_pdf_button.click()
    data = (tmp_path / "forms.pdf").read_bytes()
    assert data.startswith(b"%PDF")
    assert "自查表（汇总）" in PdfReader(tmp_path / "forms.pdf").pages[0].extract_text()


def test_the_main_window_opens_the_selfcheck_page(qtbot: QtBot, app: bootstrap.App) -> None:
    qt_application()
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show_page("selfcheck")
    assert isinstance(window.stack.currentWidget(), SelfcheckPage)
