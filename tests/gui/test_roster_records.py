"""花名册: entering a payment by hand, editing a person, voiding — on a private copy of the demo database."""

from __future__ import annotations

import json
import sqlite3

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.dialogs.manual_entry import ManualEntryDialog
from yikatong_desktop.gui.pages.roster import RosterPage

NEW_ID = "65232319610203452" + compute_check_char("65232319610203452")


def _page(qtbot: QtBot, app: bootstrap.App) -> RosterPage:
    qt_application()
    page = RosterPage(app)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.model.count_pending, timeout=3000)
    return page


def _db(app: bootstrap.App) -> sqlite3.Connection:
    assert app.location.path is not None
    return sqlite3.connect(app.location.path)


def _fill(dialog: ManualEntryDialog, id_number: str) -> None:
    for title, value in (("身份证号", id_number), ("姓名", "阿依古丽 . 买买提"), ("联系电话", "13899912345"),
                         ("补贴年度", "2019"), ("实发金额", "1,234.50"), ("发放日期", "2019-05-20"),
                         ("银行账号", "6228480012345678901"), ("代发银行", "农业银行")):
        dialog.inputs[title].setText(value)
    dialog.program.setCurrentText("耕地地力保护补贴")
    dialog.reason.setText("村委会核实后补录")


def test_a_payment_entered_by_hand_is_checked_inline_then_shown_in_the_table_and_audited(
        qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    db = _db(mine)
    before = page.model.rowCount()
    counts = ("SELECT (SELECT COUNT(*) FROM persons), (SELECT COUNT(*) FROM payments), "
              "(SELECT COUNT(*) FROM audit_events)")
    stored_before = db.execute(counts).fetchone()
    seen: dict[str, str] = {}

    def interact() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ManualEntryDialog)
        _fill(dialog, "6.52323E+17")  # Excel destroyed it: refused in the dialog, nothing stored
        dialog.save()
        seen["message"] = dialog.message.text()
        seen["marked"] = dialog.inputs["身份证号"].styleSheet()
        assert db.execute(counts).fetchone() == stored_before
        dialog.inputs["身份证号"].setText(NEW_ID)
        dialog.save()

    QTimer.singleShot(0, interact)
    page.manual_button.click()  # exec() returns once the dialog accepted

    assert "“身份证号”" in seen["message"] and "Excel" in seen["message"] and "#c00" in seen["marked"]
    page.model.ensure_counted()
    assert page.model.rowCount() == before + 1
    last = page.model.row_at(page.model.rowCount() - 1)
    assert (last.name, last.id_number, last.paid_fen, last.account) == (
        "阿依古丽·买买提", NEW_ID, 123450, "6228480012345678901")
    assert "阿依古丽·买买提" in page.detail.toPlainText()
    detail = json.loads(db.execute("SELECT detail FROM audit_events WHERE action = 'payment.add_by_hand'")
                        .fetchone()[0])
    assert detail["reason"] == "村委会核实后补录" and detail["paid_fen"] == 123450
    assert NEW_ID not in json.dumps(detail) and "6228480012345678901" not in json.dumps(detail)


def test_a_person_alone_with_a_checksum_failing_id_is_kept_and_noted(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    dialog = page.manual_dialog()
    bad = NEW_ID[:-1] + ("1" if NEW_ID[-1] != "1" else "2")
    dialog.person_only.setChecked(True)
    assert not dialog.inputs["实发金额"].isEnabled()
    dialog.inputs["身份证号"].setText(bad)
    dialog.inputs["姓名"].setText("李四")
    dialog.save()
    assert "原因" in dialog.message.text() and dialog.result() == 0
    dialog.reason.setText("新迁入")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    page.after_entry(dialog)
    assert "校验码" in page.count_label.text()
    assert _db(mine).execute("SELECT id_valid FROM persons WHERE id_number = ?", (bad,)).fetchone() == (0,)


def test_editing_the_selected_person_needs_a_reason_and_keeps_the_id(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    page.table.selectRow(0)
    row = page.model.row_at(0)
    assert page.edit_person_button.isEnabled()
    dialog = page.edit_person_dialog()
    assert dialog is not None and row.id_number in " ".join(
        w.text() for w in dialog.findChildren(type(dialog.message)))
    dialog.inputs["组"].setText("第一百组")
    dialog.reason.setText("按户口本")
    dialog.save()
    assert "组" in dialog.message.text() and dialog.result() == 0
    dialog.inputs["组"].setText(dialog.initial["组"])
    dialog.inputs["姓名"].setText(row.name + "明")
    dialog.inputs["联系电话"].setText("13977776666")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    page.refresh()
    page.model.ensure_counted()
    assert page.model.row_at(0).name == row.name + "明" and page.model.row_at(0).id_number == row.id_number
    detail = _db(mine).execute("SELECT detail FROM audit_events WHERE action = 'person.correct'").fetchone()[0]
    assert "13977776666" not in detail and "139****6666" in detail and "按户口本" in detail


def test_voiding_the_selected_payment_removes_it_from_the_table_and_a_person_needs_consent(
        qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    total = page.model.rowCount()
    page.table.selectRow(0)
    row = page.model.row_at(0)
    dialog = page.void_dialog()
    assert dialog is not None
    dialog.person.setChecked(True)
    dialog.reason.setText("身份证号录错")
    dialog.save()
    assert "发放记录" in dialog.message.text() and dialog.result() == 0
    dialog.payment.setChecked(True)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    page.refresh()
    page.model.ensure_counted()
    assert page.model.rowCount() == total - 1 and page.model.row_at(0).uid != row.uid
    db = _db(mine)
    assert db.execute("SELECT voided FROM payments WHERE uid = ?", (row.uid,)).fetchone() == (1,)
    assert db.execute("SELECT COUNT(*) FROM audit_events WHERE action = 'payment.void'").fetchone() == (1,)
