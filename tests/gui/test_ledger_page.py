"""问题台账 driven through its widgets: from findings to 挂号, through 整改 and 申请销号 to 销号 and back (SPEC §7)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from modal_answers import answer_next_dialog
from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.clock import parse_clock
from yikatong_desktop.domain.permissions import Role
from yikatong_desktop.domain.problems import Move
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.dialogs.problem_form import ProblemForm
from yikatong_desktop.gui.main_window import MainWindow
from yikatong_desktop.gui.models.problems_model import COLUMNS, OVERDUE_COLOUR
from yikatong_desktop.gui.pages.checks import ChecksPage
from yikatong_desktop.gui.pages.ledger import LedgerPage
from yikatong_desktop.services import findings, ledger, users
from yikatong_desktop.services.checks.run import run_checks

COL = {title: i for i, (title, _) in enumerate(COLUMNS)}
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PASSWORD = "{0}的口令 2019"


def _sql(app: bootstrap.App, query: str) -> list[tuple[Any, ...]]:
    assert app.location.path is not None
    return sqlite3.connect(app.location.path).execute(query).fetchall()


def _checked(app: bootstrap.App) -> None:
    with app.uow() as uow:
        run_checks(uow, app.actor)
        uow.commit()


def _findings(app: bootstrap.App, rule: str, count: int) -> list[findings.Finding]:
    with app.reader() as uow:
        return findings.list_findings(uow, app.actor, rules=[rule], limit=count, offset=0)


def _page(qtbot: QtBot, app: bootstrap.App) -> LedgerPage:
    qt_application()
    page = LedgerPage(app)
    qtbot.addWidget(page)
    page.resize(1220, 780)
    page.show()
    return page


def _cell(page: LedgerPage, row: int, title: str) -> str:
    return str(page.model.index(row, COL[title]).data())


def _people(app: bootstrap.App) -> None:
    """An admin (主任, who also registers problems), a clerk, a reviewer and a 纪检 user; 主任 logged in."""
    with app.uow() as uow:
        users.add_user(uow, app.actor, "主任", Role.ADMIN, PASSWORD.format("主任"))
        uow.commit()
    bootstrap.login(app, "主任", PASSWORD.format("主任"))
    with app.uow() as uow:
        for name, role in (("录入员", Role.CLERK), ("审核员", Role.REVIEWER), ("纪检员", Role.DISCIPLINE)):
            users.add_user(uow, app.actor, name, role, PASSWORD.format(name))
        uow.commit()


def _act_as(app: bootstrap.App, page: LedgerPage, name: str) -> None:
    bootstrap.login(app, name, PASSWORD.format(name))
    page.refresh()


def _register(page: LedgerPage, qtbot: QtBot, **values: str) -> None:
    """登记问题… clicked, the form filled and 挂号 clicked."""
    def fill(dialog: ProblemForm) -> None:
        dialog.category.setEditText(values.pop("category", "3.5"))
        dialog.description.setPlainText(values.pop("description", "村干部代为保管村民一卡通"))
        dialog.deadline.setText(values.pop("deadline", "2019-09-30"))
        dialog.amount.setText(values.pop("amount", "1200.50"))
        dialog.persons.setPlainText(values.pop("persons", "张三、李四"))
        dialog.save()

    errors = answer_next_dialog(fill)
    page.register_button.click()
    assert not errors and "已挂号" in page.status_label.text()


def test_findings_registered_as_one_problem_carry_their_amount_and_persons(qtbot: QtBot, mine: bootstrap.App) -> None:
    _checked(mine)
    chosen = _findings(mine, "PAID_AFTER_DEATH", 2)
    page = _page(qtbot, mine)
    assert page.model.rowCount() == 0 and "共 0 条" in page.count_label.text()

    def fill(dialog: ProblemForm) -> None:
        assert dialog.findings == [f.uid for f in chosen] and "2 条疑点" in dialog.findChildren(
            type(page.count_label))[0].text()
        dialog.deadline.setText("2019-09-30")
        dialog.save()

    errors = answer_next_dialog(fill)
    page.register_from_findings([f.uid for f in chosen])
    assert not errors
    assert page.model.rowCount() == 1 and page.current() is not None
    number = _cell(page, 0, "编号")
    assert number.startswith("WT2019-") and f"已挂号：{number}" in page.status_label.text()
    assert _cell(page, 0, "整治内容") == "1.2" and _cell(page, 0, "状态") == "已挂号"
    total = sum(f.amount_fen for f in chosen)
    assert _cell(page, 0, "涉及金额(元)") == f"{total / 100:,.2f}" and _cell(page, 0, "已追回(元)") == "0.00"
    text = page.detail.toPlainText()
    for f in chosen:
        assert f.name and f.name in text and f.id_number
        assert f.id_number[:6] + "********" + f.id_number[-4:] in text and f.id_number not in text  # masked
        assert f.explanation in text
    assert "关联疑点（2 条）" in text and "挂号" in text
    linked = {uid for (uid,) in _sql(mine, "SELECT uid FROM findings WHERE problem_uid IS NOT NULL")}
    assert linked == {f.uid for f in chosen}


def test_the_checks_page_registers_the_selected_findings(qtbot: QtBot, mine: bootstrap.App) -> None:
    qt_application()
    checks = ChecksPage(mine)
    qtbot.addWidget(checks)
    checks.show()
    checks.run_rules(None)
    checks.rule_filter.setCurrentIndex(checks.rule_filter.findData("CASH_PAYMENT"))
    checks.table.selectAll()
    chosen = checks.selected_findings()
    assert chosen and checks.register_button.isEnabled()

    def fill(dialog: ProblemForm) -> None:
        dialog.responsible_unit.setText("乡财政所")
        dialog.save()

    errors = answer_next_dialog(fill)
    checks.register_button.click()
    assert not errors and "已挂号：WT2019-0001（1.3" in checks.status_label.text()
    assert _sql(mine, "SELECT amount_fen, responsible_unit, source FROM problems") == [
        (sum(f.amount_fen for f in chosen), "乡财政所", "findings")]
    checks.table.selectAll()
    assert not checks.register_button.isEnabled()  # registered once only
    page = _page(qtbot, mine)
    assert page.model.rowCount() == 1 and _cell(page, 0, "整治内容") == "1.3"


def test_a_problem_moves_through_its_states_by_the_buttons_a_second_person_closing_it(
        qtbot: QtBot, mine: bootstrap.App, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _people(mine)
    page = _page(qtbot, mine)
    _register(page, qtbot)
    buttons = page.moves.buttons
    assert buttons[Move.START].isEnabled() and not buttons[Move.APPLY].isEnabled()
    buttons[Move.START].click()
    assert _cell(page, 0, "状态") == "整改中"
    assert not buttons[Move.APPLY].isEnabled() and "整改措施" in buttons[Move.APPLY].toolTip()

    def measures(dialog: ProblemForm) -> None:
        assert dialog.description.toPlainText() == "村干部代为保管村民一卡通"
        dialog.measures.setPlainText("一卡通已全部交还本人，村干部作出书面检讨")
        dialog.save()

    errors = answer_next_dialog(measures)
    page.edit_button.click()
    assert not errors and "已修改" in page.status_label.text()
    assert not buttons[Move.APPLY].isEnabled() and "佐证材料" in buttons[Move.APPLY].toolTip()
    photo = tmp_path / "交还一卡通.png"
    photo.write_bytes(PNG)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(photo)], ""))
    page.evidence.add_button.click()
    assert "交还一卡通.png" in page.detail.toPlainText() and page.evidence.files.count() == 1
    buttons[Move.APPLY].click()
    assert _cell(page, 0, "状态") == "申请销号"
    assert not buttons[Move.CLOSE].isEnabled() and "登记人（主任）以外" in buttons[Move.CLOSE].toolTip()

    _act_as(mine, page, "录入员")
    assert not buttons[Move.CLOSE].isEnabled() and "无权" in buttons[Move.CLOSE].toolTip()
    _act_as(mine, page, "审核员")
    assert buttons[Move.CLOSE].isEnabled() and buttons[Move.RETURN].isEnabled()

    def reason(text: str) -> Callable[[Any], None]:
        def fill(dialog: Any) -> None:
            dialog.save()  # empty: refused inside the dialog
            assert dialog.isVisible() and "理由" in dialog.message.text()
            dialog.reason.setPlainText(text)
            dialog.save()
        return fill

    errors = answer_next_dialog(reason("照片看不清是否交还本人，请补充签收单"))
    buttons[Move.RETURN].click()
    assert not errors and _cell(page, 0, "状态") == "整改中"
    _act_as(mine, page, "主任")
    buttons[Move.APPLY].click()
    _act_as(mine, page, "审核员")
    buttons[Move.CLOSE].click()
    assert _cell(page, 0, "状态") == "已销号" and "已销号" in page.status_label.text()
    assert not page.edit_button.isEnabled() and not page.evidence.add_button.isEnabled()
    assert not buttons[Move.REOPEN].isEnabled()  # a reviewer approves; 回头看 is the ledger keeper's
    _act_as(mine, page, "主任")
    errors = answer_next_dialog(reason("回头看：发现另有两张卡仍由村干部保管"))
    buttons[Move.REOPEN].click()
    assert not errors and _cell(page, 0, "状态") == "整改中"

    events = _sql(mine, "SELECT actor, action, detail FROM audit_events WHERE object_kind = 'problems' ORDER BY id")
    assert [(a, b) for a, b, _ in events] == [
        ("主任", "problem.register"), ("主任", "problem.start"), ("主任", "problem.update"),
        ("主任", "problem.evidence"), ("主任", "problem.apply"), ("审核员", "problem.return"),
        ("主任", "problem.apply"), ("审核员", "problem.close"), ("主任", "problem.reopen")]
    assert "请补充签收单" in events[5][2] and "仍由村干部保管" in events[8][2]
    assert _sql(mine, "SELECT closed_by, reason FROM problems") == [(None, "回头看：发现另有两张卡仍由村干部保管")]
    history = page.detail.toPlainText()
    assert "审核员 退回：理由：照片看不清是否交还本人，请补充签收单；状态：申请销号 → 整改中" in history
    assert "审核员 销号" in history and "主任 回头看" in history


def test_a_problem_past_its_deadline_shows_red_when_the_clock_passes_it(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    _register(page, qtbot, deadline="2019-09-30")
    _register(page, qtbot, deadline="2020-03-31", description="代理银行违规收取工本费")
    assert page.model.index(0, 0).data(9) is None  # 9: ForegroundRole — nothing is overdue on 2019-07-15
    later = bootstrap.open_app(mine.location.url, clock=parse_clock("2019-12-01T09:00:00+08:00"))
    try:
        late = _page(qtbot, later)
        rows = {_cell(late, r, "整改期限"): r for r in range(late.model.rowCount())}
        red = late.model.index(rows["2019-09-30"], COL["问题描述"]).data(9)
        assert isinstance(red, QColor) and red.name() == OVERDUE_COLOUR
        assert late.model.index(rows["2020-03-31"], 0).data(9) is None
        assert _cell(late, rows["2019-09-30"], "状态") == "已挂号·逾期"
        assert "逾期 1 条" in late.count_label.text()
        late.state_filter.setCurrentIndex(late.state_filter.findData("overdue"))
        assert late.model.rowCount() == 1 and _cell(late, 0, "整改期限") == "2019-09-30"
        assert "已逾期" in late.detail.toPlainText()
    finally:
        later.close()


@pytest.mark.parametrize(("field", "value", "named"), [
    ("deadline", "2019-13-45", "整改期限"), ("category", "9.9", "整治内容"), ("amount", "一千元", "涉及金额")])
def test_bad_input_in_the_form_is_shown_in_a_message_and_nothing_is_stored(
        qtbot: QtBot, mine: bootstrap.App, field: str, value: str, named: str) -> None:
    page = _page(qtbot, mine)
    dialog = page.register_dialog()
    qtbot.addWidget(dialog)
    dialog.category.setEditText("3.5")
    dialog.description.setPlainText("村干部代为保管村民一卡通")
    dialog.deadline.setText("2019-09-30")
    {"deadline": dialog.deadline.setText, "category": dialog.category.setEditText,
     "amount": dialog.amount.setText}[field](value)
    dialog.save()
    assert dialog.result() == 0 and dialog.saved is None
    box = dialog.findChild(QMessageBox, "errorBox")
    assert box is not None and named in box.text() and "未做任何改动" in box.text()
    assert "#c00" in dialog.fields[next(k for k in dialog.fields if named in k)].styleSheet()
    assert _sql(mine, "SELECT COUNT(*) FROM problems") == [(0,)]
    assert _sql(mine, "SELECT COUNT(*) FROM audit_events WHERE action LIKE 'problem.%'") == [(0,)]


def test_transfer_recovery_evidence_and_the_printed_documents(
        qtbot: QtBot, mine: bootstrap.App, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    page = _page(qtbot, mine)
    _register(page, qtbot, amount="3000")

    def transfer(dialog: Any) -> None:
        dialog.document.setText("呼财监〔2019〕12号")
        dialog.save()

    errors = answer_next_dialog(transfer)
    page.transfer_button.click()
    assert not errors and "已移交纪检监察机关（呼财监〔2019〕12号）" in page.status_label.text()

    def recover(dialog: Any) -> None:
        dialog.amount.setText("1200")
        dialog.save()  # no receipt number: refused, stays open
        assert dialog.isVisible() and "收据号" in dialog.error_box.text()
        dialog.receipt.setText("SJ-0012")
        dialog.save()

    errors = answer_next_dialog(recover)
    page.recover_button.click()
    assert not errors and "追回 1,200.00 元，累计追回 1,200.00 元" in page.status_label.text()
    assert _cell(page, 0, "已追回(元)") == "1,200.00" and "SJ-0012" in page.detail.toPlainText()

    bad = tmp_path / "病毒.exe"
    bad.write_bytes(b"MZ" + b"\x00" * 10)
    page.add_evidence([bad])
    assert "不是可接受的佐证材料类型" in page.findChild(QMessageBox, "errorBox").text()
    photo = tmp_path / "收据.png"
    photo.write_bytes(PNG)
    page.add_evidence([photo])
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page.evidence.open_button.click()
    copy = page.evidence.viewer.last_written
    assert copy is not None and copy.read_bytes() == PNG and copy.name == "收据.png" and copy.parent != tmp_path
    assert opened == [QUrl.fromLocalFile(str(copy))]
    page.detail.anchorClicked.emit(QUrl(f"evidence:{page.evidence.files.currentData()}"))  # the link in the pane
    assert len(opened) == 2 and opened[1] == opened[0]

    refused = tmp_path / "未填责任单位.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(refused), ""))
    page.print_actions["notice"].trigger()
    assert not refused.exists() and "整改责任单位" in page.findChildren(QMessageBox, "errorBox")[-1].text()
    edit = page.edit_dialog()
    assert edit is not None
    qtbot.addWidget(edit)
    edit.responsible_unit.setText("大丰镇人民政府")
    edit.responsible_person.setText("马建国")
    edit.save()
    assert edit.result() == 1  # only what was touched is sent: the persons' whole IDs are never rewritten
    assert edit.changes() == {"responsible_unit": "大丰镇人民政府", "responsible_person": "马建国"}
    for doc, title in (("approval", "销号审批表"), ("transfer", "移交函"), ("notice", "整改通知书")):
        out = tmp_path / f"{title}.pdf"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, o=out, **k: (str(o), ""))
        page.print_actions[doc].trigger()
        assert out.read_bytes().startswith(b"%PDF-") and page.last_written == out, page.status_label.text()
    book = tmp_path / "台账.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(book), ""))
    page.export_button.click()
    cells = [c for row in openpyxl.load_workbook(book).active.iter_rows(values_only=True) for c in row]
    assert _cell(page, 0, "编号") in cells


def test_the_problems_model_passes_the_qt_model_checks(qtbot: QtBot, mine: bootstrap.App, qtmodeltester: Any) -> None:
    page = _page(qtbot, mine)
    _register(page, qtbot)
    qtmodeltester.check(page.model)


def test_the_main_window_opens_the_ledger_page(qtbot: QtBot, app: bootstrap.App) -> None:
    qt_application()
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show_page("ledger")
    page = window.stack.currentWidget()
    assert isinstance(page, LedgerPage) and page.model.rowCount() == 0
    assert not page.moves.buttons[Move.START].isEnabled() and page.register_button.isEnabled()
    with app.reader() as uow:
        assert ledger.list_problems(uow, app.actor) == []
