"""The 导入 page: check, import, see every rejected row, save them, see the history."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.pages.imports import ImportPage

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"


def test_check_then_import_shows_the_summary_the_rejected_rows_and_the_history(
        qtbot: QtBot, county: bootstrap.App, tmp_path: Path) -> None:
    qt_application()
    page = ImportPage(county)
    qtbot.addWidget(page)
    page.show()
    page.choose_file(SAMPLES / "民政_高龄津贴_2018年3月.xlsx")
    page.program.setCurrentIndex(page.program.findData("MZ02"))
    page.period.setText("2018-03")

    page.check_button.click()
    assert "接受 120 行（其中 3 行有提示），拒绝 1 行" in page.summary_label.text()
    assert "只检查" in page.summary_label.text() and page.history.rowCount() == 0
    assert "身份证号码 → 身份证号" in page.mapping_label.text()
    db = sqlite3.connect(county.location.path)
    assert db.execute("SELECT COUNT(*) FROM payments").fetchone()[0] == 0
    assert county.backups() == []  # a check changes nothing: no backup

    page.import_button.click()
    assert "已保存" in page.summary_label.text()
    (backup,) = county.backups()  # made before the file came in
    assert backup.name.endswith("-before-import-roster.sqlite3")
    assert sqlite3.connect(backup).execute("SELECT COUNT(*) FROM payments").fetchone()[0] == 0
    # By reason: the one rejected row, then the warnings (2 bad check characters, 1 abolished region code).
    reasons = "按原因：拒绝：身份证号为空 1 行；提示：身份证号校验码不对，已按原样保存并标记为无效，请核对原始证件 2 行"
    assert reasons in page.summary_label.text()
    assert db.execute("SELECT COUNT(*) FROM payments").fetchone()[0] == 120
    rejected = [page.issues.item(r, 1).text() for r in range(page.issues.rowCount())
                if page.issues.item(r, 3).text() == "拒绝"]
    assert rejected == ["70"]
    assert page.history.rowCount() == 1 and page.history.item(0, 0).text() == "民政_高龄津贴_2018年3月.xlsx"

    assert page.save_button.isEnabled()
    out = tmp_path / "被拒绝的行.xlsx"
    page.save_errors(out)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][-1] == "错误原因" and len(rows) == 2

    page.import_button.click()  # the same file again
    assert "已经导入过" in page.summary_label.text() and page.history.rowCount() == 1


def test_a_file_that_cannot_be_imported_shows_a_message_and_stores_nothing(
        qtbot: QtBot, county: bootstrap.App) -> None:
    qt_application()
    page = ImportPage(county)
    qtbot.addWidget(page)
    page.show()
    page.choose_file(SAMPLES / "民政_高龄津贴_2018年3月.xlsx")  # no program/period given: refused
    page.import_button.click()
    box = page.findChild(QMessageBox, "errorBox")
    assert box is not None and box.isVisible() and "补贴项目" in box.text() and "Traceback" not in box.text()
    assert page.summary_label.text().startswith("未导入：")
    assert sqlite3.connect(county.location.path).execute("SELECT COUNT(*) FROM payments").fetchone()[0] == 0


def test_lists_are_imported_by_kind_and_a_batch_voided_from_the_history(qtbot: QtBot, county: bootstrap.App) -> None:
    qt_application()
    page = ImportPage(county)
    qtbot.addWidget(page)
    page.show()
    page.choose_file(SAMPLES / "民政_高龄津贴_2018年3月.xlsx")
    page.program.setCurrentIndex(page.program.findData("MZ02"))
    page.period.setText("2018-03")
    page.import_button.click()
    assert "已保存" in page.summary_label.text()

    page.select_kind("bank-return")
    assert not page.mapping_box.isVisible() and not page.reason.isVisible()  # no roster mapping for a list
    page.program.setCurrentIndex(0)
    page.period.setText("")
    page.choose_file(SAMPLES / "银行_代发回盘_201803.xlsx")
    page.import_button.click()
    text = page.summary_label.text()
    assert "接受 118 行" in text and "回盘 118 笔已对应到发放记录" in text and "已与银行合计行核对一致" in text
    assert page.history.item(0, 1).text() == "银行代发回盘" and len(page.history.item(0, 9).text()) == 16

    page.select_kind("status")
    assert page.reason.isVisible()
    page.choose_file(SAMPLES / "死亡人员名单_2018.xlsx")
    page.import_button.click()
    assert "新登记人员 15 人" in page.summary_label.text()

    page.history.selectRow(0)
    assert page.void_button.isEnabled()
    dialog = page.open_void_batch()
    assert dialog is not None
    dialog.save()  # no reason: refused inside the dialog, nothing voided
    assert "原因" in dialog.message.text() and dialog.isVisible()
    dialog.reason.setText("名单发错了")
    dialog.save()
    assert "17 条记录作废" in page.summary_label.text() and page.history.item(0, 8).text() == "已作废"
    db = sqlite3.connect(county.location.path)
    assert db.execute("SELECT COUNT(*) FROM person_statuses WHERE NOT voided").fetchone()[0] == 0
    assert db.execute("SELECT action FROM audit_events ORDER BY id DESC LIMIT 1").fetchone()[0] == "import.void_batch"
