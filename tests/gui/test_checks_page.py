"""自查: run the checks through the page, filter by rule, decide with a reason, make and read a 核实表."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.rules import RULES, FindingStatus
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.main_window import MainWindow
from yikatong_desktop.gui.pages import checks
from yikatong_desktop.gui.pages.checks import RULE_HEADERS, ChecksPage
from yikatong_desktop.services.checks.registry import IMPLS

OPEN_COL = RULE_HEADERS.index("待核实")
DISMISSED_COL = RULE_HEADERS.index("已排除")


def _page(qtbot: QtBot, app: bootstrap.App) -> ChecksPage:
    qt_application()
    page = ChecksPage(app)
    qtbot.addWidget(page)
    page.resize(1220, 780)
    page.show()
    return page


def _sql(app: bootstrap.App, query: str) -> list[tuple[Any, ...]]:
    assert app.location.path is not None
    return sqlite3.connect(app.location.path).execute(query).fetchall()


def _rule_row(page: ChecksPage, code: str) -> int:
    return next(r for r in range(page.rules.rowCount()) if page.rules.item(r, 0).text() == code)


def _cell(page: ChecksPage, code: str, col: int) -> int:
    return int(page.rules.item(_rule_row(page, code), col).text().replace(",", ""))


def _checked(page: ChecksPage) -> ChecksPage:
    page.run_rules(None)
    assert "共运行" in page.status_label.text()
    return page


def test_running_the_checks_through_the_page_fills_the_rule_counts_and_the_findings(
        qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    assert page.model.rowCount() == 0 and "尚未运行" in page.last_run_label.text()
    assert len(page.checked_rules()) == len(IMPLS)  # every rule that can run is ticked; the others are greyed
    _checked(page)
    stored = dict(_sql(mine, "SELECT rule, COUNT(*) FROM findings WHERE status = 'open' GROUP BY rule"))
    assert set(stored) <= set(IMPLS) and sum(stored.values()) == page.model.rowCount() > 0
    for rule in RULES:
        assert _cell(page, rule.code, OPEN_COL) == stored.get(rule.code, 0)
    assert f"共 {page.model.rowCount()} 条" in page.count_label.text()
    assert "上次运行" in page.last_run_label.text()
    assert _sql(mine, "SELECT COUNT(*) FROM check_runs WHERE finished_at IS NOT NULL") == [(1,)]


def test_only_the_ticked_rules_run(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    for row in range(page.rules.rowCount()):
        item = page.rules.item(row, 0)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(Qt.CheckState.Checked if item.text() == "PAID_AFTER_DEATH"
                               else Qt.CheckState.Unchecked)
    page.run_chosen_button.click()
    assert {r[0] for r in _sql(mine, "SELECT DISTINCT rule FROM findings")} == {"PAID_AFTER_DEATH"}
    assert page.checked_rules() == ["PAID_AFTER_DEATH"]  # the ticks survive the refresh


def test_cancelling_a_run_stores_nothing(qtbot: QtBot, mine: bootstrap.App, monkeypatch: pytest.MonkeyPatch) -> None:
    real = checks.run_with_progress

    def cancel_on_third_rule(parent: Any, title: str, fn: Any, done: Any) -> Any:
        steps: list[int] = []

        def clicked_cancel(progress: Any, _is_cancelled: Any) -> Any:
            def counting(*args: Any) -> None:
                steps.append(1)
                progress(*args)
            return fn(counting, lambda: len(steps) >= 3)

        return real(parent, title, clicked_cancel, done)

    monkeypatch.setattr(checks, "run_with_progress", cancel_on_third_rule)
    page = _page(qtbot, mine)
    page.run_rules(None)
    assert "已取消" in page.status_label.text()
    assert _sql(mine, "SELECT (SELECT COUNT(*) FROM findings), (SELECT COUNT(*) FROM check_runs)") == [(0, 0)]
    assert page.model.rowCount() == 0


def test_clicking_a_rule_filters_the_findings_and_shows_explanation_and_evidence(
        qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _checked(_page(qtbot, mine))
    page.rules.selectRow(_rule_row(page, "PAID_AFTER_DEATH"))
    assert page.rule_filter.currentData() == "PAID_AFTER_DEATH"
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert rows and all(f is not None and f.rule == "PAID_AFTER_DEATH" for f in rows)
    assert len(rows) == _cell(page, "PAID_AFTER_DEATH", OPEN_COL)

    page.status_filter.setCurrentIndex(page.status_filter.findData("dismissed"))
    assert page.model.rowCount() == 0
    page.status_filter.setCurrentIndex(0)
    village = rows[0].org_code
    page.village.setCurrentIndex(page.village.findData(village))
    assert all(page.model.row_at(r).org_code == village for r in range(page.model.rowCount()))

    page.table.selectRow(0)
    text = page.detail.toPlainText()
    first = page.model.row_at(0)
    assert first.explanation in text and "依据" in text and "死亡" in text and "处理记录" in text


def test_dismissing_selected_findings_needs_a_reason_then_their_status_changes(
        qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _checked(_page(qtbot, mine))
    page.rule_filter.setCurrentIndex(page.rule_filter.findData("PAID_AFTER_DEATH"))
    page.table.selectRow(0)
    page.table.selectionModel().select(page.model.index(1, 0), page.table.selectionModel().SelectionFlag.Select
                                       | page.table.selectionModel().SelectionFlag.Rows)
    chosen = [f.uid for f in page.selected_findings()]
    assert len(chosen) == 2 and page.dismiss_button.isEnabled() and not page.reopen_button.isEnabled()

    dialog = page.decide_dialog(FindingStatus.DISMISSED)
    assert dialog is not None and "2 条" in dialog.findChild(type(page.count_label)).text()
    dialog.save()  # no reason: refused inside the dialog
    assert dialog.result() == 0 and "理由" in dialog.message.text()
    dialog.reason.setText("村委会核实：死亡日期登记错误，已更正户籍")
    dialog.save()
    assert dialog.result() == 1 and dialog.changed == 2
    page.after_decision(dialog)

    stored = dict(_sql(mine, "SELECT uid, status FROM findings WHERE rule = 'PAID_AFTER_DEATH'"))
    assert [stored[u] for u in chosen] == ["dismissed", "dismissed"]
    assert _cell(page, "PAID_AFTER_DEATH", DISMISSED_COL) == 2
    assert "已把 2 条问题标为“已排除”" in page.status_label.text()
    page.status_filter.setCurrentIndex(page.status_filter.findData("dismissed"))
    assert {page.model.row_at(r).uid for r in range(page.model.rowCount())} == set(chosen)
    page.table.selectRow(0)
    assert "死亡日期登记错误" in page.detail.toPlainText() and "已排除" in page.detail.toPlainText()
    assert page.reopen_button.isEnabled() and not page.dismiss_button.isEnabled()


def test_a_verify_sheet_is_made_for_a_village_and_read_back(qtbot: QtBot, mine: bootstrap.App,
                                                            tmp_path: Path) -> None:
    page = _checked(_page(qtbot, mine))
    dialog = page.sheet_dialog()
    qtbot.addWidget(dialog)
    assert dialog.village.count() > 0 and "条待核实" in dialog.village.itemText(0)
    code, suggested = dialog.chosen()
    assert suggested.name.startswith("核实表_") and suggested.suffix == ".xlsx"

    out = tmp_path / "核实表.xlsx"
    page.export_sheet(code, out)
    assert page.last_export is not None and page.last_export.count >= 1
    assert "已生成" in page.status_label.text() and out.exists()

    book = openpyxl.load_workbook(out)
    sheet = book["核实表"]
    sheet["J4"] = "属实"
    book.save(out)
    page.import_sheet(out)
    assert page.last_import is not None and page.last_import.confirmed == 1
    assert "确认 1 条" in page.status_label.text()
    uid = sheet["N4"].value
    stored = _sql(mine, f"SELECT status, status_reason FROM findings WHERE uid = '{uid}'")
    assert stored == [("confirmed", "村核实：属实")]
    report = page.findChild(QMessageBox, "verifyReport")
    assert report is not None and "确认 1 条" in report.text()


def test_a_file_that_is_no_verify_sheet_is_refused_with_a_message(qtbot: QtBot, mine: bootstrap.App,
                                                                  tmp_path: Path) -> None:
    page = _page(qtbot, mine)
    junk = tmp_path / "junk.xlsx"
    junk.write_text("nonsense", encoding="utf-8")
    page.import_sheet(junk)
    box = page.findChild(QMessageBox, "errorBox")
    assert box is not None and "不是核实表" in box.text()


def test_the_findings_model_passes_the_qt_model_checks(qtbot: QtBot, mine: bootstrap.App, qtmodeltester: Any) -> None:
    page = _checked(_page(qtbot, mine))
    qtmodeltester.check(page.model)


def test_the_main_window_opens_the_checks_page(qtbot: QtBot, app: bootstrap.App) -> None:
    qt_application()
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show_page("checks")
    assert isinstance(window.stack.currentWidget(), ChecksPage)
