"""The 导入 page's preview: fix a column in its combo box, confirm, import; drop files; confirm standards."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from roster_files import MISLEADING_HEADER, citizen_id, misleading_rows, write_roster

from yikatong_desktop import bootstrap
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.pages.imports import ImportPage


def _page(qtbot: QtBot, county: bootstrap.App) -> ImportPage:
    qt_application()
    page = ImportPage(county)
    qtbot.addWidget(page)
    page.show()
    return page


def _pick(page: ImportPage, title: str, name: str) -> None:
    combo = page.mapping.combo(title)
    combo.setCurrentIndex(combo.findText(name))


def _paid(county: bootstrap.App) -> list[tuple[int, int | None]]:
    db = sqlite3.connect(county.location.path)
    try:
        return db.execute("SELECT DISTINCT paid_fen, due_fen FROM payments ORDER BY 1").fetchall()
    finally:
        db.close()


def test_changing_a_combo_then_confirming_changes_what_is_imported_and_is_remembered(
        qtbot: QtBot, county: bootstrap.App, tmp_path: Path) -> None:
    page = _page(qtbot, county)
    page.choose_file(write_roster(tmp_path / "三月.xlsx", MISLEADING_HEADER, misleading_rows(3)))
    assert page.mapping.count() == 1 and page.mapping.combo("金额").currentText() == "实发金额"
    assert page.mapping.combo("本次实际到账").currentText() == "不导入" and "民政局" in page.mapping_status.text()
    table = page.mapping.widget(0)
    assert table.rowCount() == 4 and table.item(1, 1).text() == "测试1"  # the combo row, then the data

    _pick(page, "金额", "应发金额")
    _pick(page, "本次实际到账", "实发金额")
    assert not page.import_button.isEnabled() and "确认对应关系" in page.mapping_status.text()
    page.confirm_button.click()
    assert page.import_button.isEnabled() and "按记住的对应" in page.mapping.combo("金额").toolTip()
    page.import_button.click()
    assert "已保存" in page.summary_label.text() and "金额 → 应发金额" in page.mapping_label.text()
    assert _paid(county) == [(9500, 10000)]

    page.choose_file(write_roster(tmp_path / "四月.xlsx", MISLEADING_HEADER, misleading_rows(2, first=30, paid=90)))
    assert page.mapping.combo("金额").currentText() == "应发金额"  # remembered for 民政局 and this header
    page.import_button.click()
    assert _paid(county) == [(9000, 10000), (9500, 10000)]


def test_one_field_for_two_columns_is_refused_at_confirmation(qtbot: QtBot, county: bootstrap.App,
                                                              tmp_path: Path) -> None:
    page = _page(qtbot, county)
    page.choose_file(write_roster(tmp_path / "三月.xlsx", MISLEADING_HEADER, misleading_rows(2)))
    _pick(page, "本次实际到账", "实发金额")  # 金额 is 实发金额 too
    page.confirm_button.click()
    assert "一项只能对应一列" in page.mapping_status.text() and not page.import_button.isEnabled()


def _drop(page: ImportPage, *urls: QUrl) -> bool:
    mime = QMimeData()
    mime.setUrls(list(urls))
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page, enter)
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(page, drop)
    return enter.isAccepted()


def test_a_dropped_roster_is_taken_and_anything_else_is_refused_in_chinese(qtbot: QtBot, county: bootstrap.App,
                                                                         tmp_path: Path) -> None:
    page = _page(qtbot, county)
    assert page.acceptDrops()
    note = tmp_path / "说明.docx"
    note.write_bytes(b"not a roster")
    assert _drop(page, QUrl.fromLocalFile(str(note)))
    assert page.path is None and "不是 Excel 或 CSV 文件" in page.mapping_status.text()
    _drop(page, QUrl("https://example.com/花名册.xlsx"))
    assert page.path is None and "本机" in page.mapping_status.text()

    roster = write_roster(tmp_path / "三月.xlsx", MISLEADING_HEADER, misleading_rows(2))
    _drop(page, QUrl.fromLocalFile(str(roster)))
    assert page.path == roster and page.import_button.isEnabled() and page.mapping.count() == 1


def test_standards_the_import_saw_are_confirmed_in_the_dialog(qtbot: QtBot, county: bootstrap.App,
                                                              tmp_path: Path) -> None:
    page = _page(qtbot, county)
    rows = [*misleading_rows(3), [9, "测试9", citizen_id(9), "生态护林员补助", "2018", 10000, 10000, 10000]]
    page.choose_file(write_roster(tmp_path / "三月.xlsx", MISLEADING_HEADER, rows))
    page.import_button.click()
    assert page.standards_button.isEnabled() and "2 个补贴标准" in page.summary_label.text()
    page.standards_button.click()
    dialog = page.standards_dialog
    assert dialog is not None and dialog.isVisible() and dialog.table.rowCount() == 2
    forest = next(i for i, p in enumerate(dialog.proposals) if p.program_code == "LC01")
    dialog.set_checked(forest, False)
    dialog.confirm_button.click()
    assert not dialog.isVisible() and "已确认 1 个补贴标准" in page.summary_label.text()
    db = sqlite3.connect(county.location.path)
    assert db.execute("SELECT amount_fen, confirmed FROM program_standards ORDER BY amount_fen").fetchall() == [
        (10000, 1), (1000000, 0)]
    assert db.execute("SELECT COUNT(*) FROM audit_events WHERE action = 'standards.confirm'").fetchone() == (1,)
