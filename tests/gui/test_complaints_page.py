"""举报 driven through its widgets: registered, followed up, closed, made a problem; who complained kept to 纪检."""

from __future__ import annotations

import sqlite3
from typing import Any

from modal_answers import answer_next_dialog
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.permissions import Role
from yikatong_desktop.domain.problems import Move
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.dialogs.complaint_form import ComplaintForm
from yikatong_desktop.gui.main_window import MainWindow
from yikatong_desktop.gui.models.complaints_model import COLUMNS
from yikatong_desktop.gui.pages.complaints import ComplaintsPage
from yikatong_desktop.gui.pages.settings import SettingsPage
from yikatong_desktop.services import complaints, users

COL = {title: i for i, (title, _) in enumerate(COLUMNS)}
PASSWORD = "{0}的口令 2019"


def _sql(app: bootstrap.App, query: str) -> list[tuple[Any, ...]]:
    assert app.location.path is not None
    return sqlite3.connect(app.location.path).execute(query).fetchall()


def _page(qtbot: QtBot, app: bootstrap.App) -> ComplaintsPage:
    qt_application()
    page = ComplaintsPage(app)
    qtbot.addWidget(page)
    page.resize(1220, 780)
    page.show()
    return page


def _cell(page: ComplaintsPage, row: int, title: str) -> str:
    return str(page.model.index(row, COL[title]).data())


def _people(app: bootstrap.App) -> None:
    with app.uow() as uow:
        users.add_user(uow, app.actor, "主任", Role.ADMIN, PASSWORD.format("主任"))
        uow.commit()
    bootstrap.login(app, "主任", PASSWORD.format("主任"))
    with app.uow() as uow:
        for name, role in (("录入员", Role.CLERK), ("审核员", Role.REVIEWER), ("纪检员", Role.DISCIPLINE)):
            users.add_user(uow, app.actor, name, role, PASSWORD.format(name))
        uow.commit()


def _act_as(app: bootstrap.App, page: ComplaintsPage, name: str) -> None:
    bootstrap.login(app, name, PASSWORD.format(name))
    page.refresh()


def _register(page: ComplaintsPage, *, anonymous: bool = False, **values: str) -> None:
    def fill(dialog: ComplaintForm) -> None:
        dialog.channel.setCurrentIndex(dialog.channel.findData(values.get("channel", "电话")))
        dialog.anonymous.setChecked(anonymous)
        if not anonymous:
            dialog.complainant.setText(values.get("complainant", "王五"))
            dialog.contact.setText(values.get("contact", "13912345678"))
        dialog.content.setPlainText(values.get("content", "三组组长保管着全组的一卡通"))
        dialog.concerned.setText(values.get("concerned", "赵六"))
        dialog.deadline.setText(values.get("deadline", "2019-08-15"))
        dialog.save()

    errors = answer_next_dialog(fill)
    page.register_button.click()
    assert not errors and "已登记举报" in page.status_label.text(), page.status_label.text()


def test_a_complaint_is_registered_and_an_anonymous_one_keeps_no_name(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    assert page.model.rowCount() == 0
    _register(page)
    _register(page, anonymous=True, channel="公示异议", content="公示名单里有已去世的人")
    assert page.model.rowCount() == 2 and "共 2 条" in page.count_label.text()
    rows = {_cell(page, r, "渠道"): r for r in range(2)}
    assert _cell(page, rows["公示异议"], "举报人") == "匿名"
    assert _cell(page, rows["电话"], "受理日期") == "2019-07-15" and _cell(page, rows["电话"], "状态") == "已登记"
    assert _sql(mine, "SELECT channel, anonymous, complainant FROM complaints ORDER BY number") == [
        ("电话", 0, "王五"), ("公示异议", 1, None)]
    detail = _sql(mine, "SELECT detail FROM audit_events WHERE action = 'complaint.register'")
    assert detail and all("王五" not in d and "13912345678" not in d for (d,) in detail)


def test_a_bad_date_is_refused_in_a_message_and_nothing_is_stored(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    dialog = page.register_dialog()
    qtbot.addWidget(dialog)
    dialog.content.setPlainText("有人冒领")
    dialog.received_on.setText("2019-02-30")
    dialog.save()
    box = dialog.findChild(QMessageBox, "errorBox")
    assert dialog.result() == 0 and box is not None and "受理日期" in box.text()
    assert _sql(mine, "SELECT COUNT(*) FROM complaints") == [(0,)]


def test_who_complained_is_shown_to_the_discipline_role_only(qtbot: QtBot, mine: bootstrap.App) -> None:
    _people(mine)
    bootstrap.login(mine, "录入员", PASSWORD.format("录入员"))
    page = _page(qtbot, mine)
    _register(page, complainant="王五", contact="13912345678")
    assert _cell(page, 0, "举报人") == "仅纪检人员可见"
    text = page.detail.toPlainText()
    assert "王五" not in text and "13912345678" not in text and "仅纪检人员可见" in text
    edit = page.edit_dialog()
    assert edit is not None and not edit.complainant.isEnabled() and "complainant" not in edit.values()
    qtbot.addWidget(edit)
    _act_as(mine, page, "主任")  # an admin manages the office, not the complainants
    assert _cell(page, 0, "举报人") == "仅纪检人员可见"
    _act_as(mine, page, "纪检员")
    assert _cell(page, 0, "举报人") == "王五" and "13912345678" in page.detail.toPlainText()
    assert not page.register_button.isEnabled() and not page.edit_button.isEnabled()  # 纪检 reads only


def test_a_complaint_is_handled_applied_for_and_closed_by_a_second_person(qtbot: QtBot, mine: bootstrap.App) -> None:
    _people(mine)
    bootstrap.login(mine, "录入员", PASSWORD.format("录入员"))
    page = _page(qtbot, mine)
    _register(page)
    buttons = page.moves.buttons
    buttons[Move.START].click()
    assert _cell(page, 0, "状态") == "办理中"
    assert not buttons[Move.APPLY].isEnabled() and "办理情况" in buttons[Move.APPLY].toolTip()

    def handled(dialog: ComplaintForm) -> None:
        dialog.handling.setPlainText("已约谈三组组长，一卡通交还本人")
        dialog.result_text.setPlainText("举报属实，已整改")
        dialog.save()

    errors = answer_next_dialog(handled)
    page.edit_button.click()
    assert not errors and buttons[Move.APPLY].isEnabled()
    buttons[Move.APPLY].click()
    assert _cell(page, 0, "状态") == "申请办结" and not buttons[Move.CLOSE].isEnabled()
    _act_as(mine, page, "审核员")
    buttons[Move.CLOSE].click()
    assert _cell(page, 0, "状态") == "已办结"
    assert "审核员 办结" in page.detail.toPlainText()
    assert _sql(mine, "SELECT state, closed_by, handling FROM complaints") == [
        ("closed", "审核员", "已约谈三组组长，一卡通交还本人")]


def test_a_complaint_registered_as_a_problem_is_linked_to_it(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    _register(page, concerned="赵六、钱七")
    assert page.problem_button.isEnabled()

    def problem(dialog: Any) -> None:
        assert dialog.description.toPlainText() == "三组组长保管着全组的一卡通"
        assert dialog.persons.toPlainText() == "赵六、钱七"
        dialog.category.setCurrentIndex(dialog.category.findData("3.5"))
        dialog.deadline.setText("2019-08-31")
        dialog.save()

    errors = answer_next_dialog(problem)
    page.problem_button.click()
    assert not errors and "已登记为问题 WT2019-0001，并与举报 JB2019-0001 关联" in page.status_label.text()
    assert _cell(page, 0, "关联问题") == "WT2019-0001" and not page.problem_button.isEnabled()
    assert _sql(mine, "SELECT source, category, persons FROM problems") == [
        ("complaint", "3.5", '[{"name": "赵六", "id_number": null}, {"name": "钱七", "id_number": null}]')]
    assert _sql(mine, "SELECT p.number FROM complaints c JOIN problems p ON p.id = c.problem_id") == [("WT2019-0001",)]


def test_the_hotline_numbers_are_kept_in_the_settings(qtbot: QtBot, mine: bootstrap.App) -> None:
    qt_application()
    window = MainWindow(mine)
    qtbot.addWidget(window)
    window.show_page("settings")
    settings = window.page("settings")
    assert isinstance(settings, SettingsPage)
    assert "举报电话" in [settings.tabs.tabText(i) for i in range(settings.tabs.count())]
    box = settings.hotline
    box.own.setText("0994-4501234")
    box.county.setText("0994-45123转8")
    box.save_button.click()
    assert box.status.text() == "已保存。"
    with mine.reader() as uow:
        assert complaints.hotline(uow) == {"own": "0994-4501234", "county": "0994-45123转8"}
    box.own.setText("请拨打王主任手机")
    box.save_button.click()
    assert "不是电话号码" in box.status.text()
    with mine.reader() as uow:
        assert complaints.hotline(uow)["own"] == "0994-4501234"
    assert _sql(mine, "SELECT COUNT(*) FROM audit_events WHERE action = 'settings.hotline'") == [(1,)]


def test_the_complaints_model_passes_the_qt_model_checks(qtbot: QtBot, mine: bootstrap.App,
                                                         qtmodeltester: Any) -> None:
    page = _page(qtbot, mine)
    _register(page)
    qtmodeltester.check(page.model)


def test_the_main_window_opens_the_complaints_page(qtbot: QtBot, app: bootstrap.App) -> None:
    qt_application()
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show_page("complaints")
    page = window.stack.currentWidget()
    assert isinstance(page, ComplaintsPage) and page.model.rowCount() == 0 and page.register_button.isEnabled()
