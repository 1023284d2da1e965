"""创建管理员 and 登录 in the GUI (SPEC §9, issue 7): who the window acts as."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.permissions import Role
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.dialogs.login import OFFER_DECLINED, FirstAdminDialog, LoginDialog, actor_text, who_acts
from yikatong_desktop.gui.main_window import MainWindow
from yikatong_desktop.services import users
from yikatong_desktop.services.auth import Actor

PASSWORD = "管理员的口令 2019"


def _first_admin(qtbot: QtBot, app: bootstrap.App, password: str, again: str) -> FirstAdminDialog:
    qt_application()
    dialog = FirstAdminDialog(app)
    qtbot.addWidget(dialog)
    dialog.name.setText("管理员")
    dialog.display_name.setText("李主任")
    dialog.password.setText(password)
    dialog.again.setText(again)
    dialog.create_admin()
    return dialog


def test_the_first_admin_is_created_from_single_user_mode_and_logged_in(qtbot: QtBot, county: bootstrap.App) -> None:
    assert county.actor.single_user
    assert "单用户模式" in actor_text(county)
    mismatch = _first_admin(qtbot, county, PASSWORD, PASSWORD + "x")
    assert "两次输入的密码不一致" in mismatch.message.text() and county.actor.single_user
    weak = _first_admin(qtbot, county, "1234", "1234")
    assert "密码太弱" in weak.message.text() and county.actor.single_user
    done = _first_admin(qtbot, county, PASSWORD, PASSWORD)
    assert done.result() == FirstAdminDialog.DialogCode.Accepted
    assert county.actor == Actor("管理员", Role.ADMIN, single_user=False)
    window = MainWindow(county)
    qtbot.addWidget(window)
    assert window.user_label.text() == "当前用户：管理员（管理员）"


def test_once_users_exist_the_gui_asks_who_is_there(qtbot: QtBot, county: bootstrap.App) -> None:
    with county.uow() as uow:
        users.add_user(uow, county.actor, "管理员", Role.ADMIN, PASSWORD)
        uow.commit()
    reopened = bootstrap.open_app(county.location.url)  # as the GUI opens it: nobody has logged in
    try:
        assert reopened.actor is bootstrap.NOBODY and reopened.actor.role is Role.VIEWER
        qt_application()
        dialog = LoginDialog(reopened)
        qtbot.addWidget(dialog)
        dialog.name.setText("管理员")
        dialog.password.setText("猜的口令")
        dialog.log_in()
        assert dialog.message.text() == "用户名或密码不对。" and dialog.password.text() == ""
        assert reopened.actor is bootstrap.NOBODY
        dialog.password.setText(PASSWORD)
        dialog.log_in()
        assert dialog.result() == LoginDialog.DialogCode.Accepted
        assert reopened.actor == Actor("管理员", Role.ADMIN, single_user=False)
    finally:
        reopened.close()


def test_going_on_alone_with_the_box_ticked_stops_the_offer(qtbot: QtBot, county: bootstrap.App) -> None:
    qt_application()
    first = FirstAdminDialog(county)
    qtbot.addWidget(first)
    first.later()  # not ticked: offered again next time
    with county.reader() as uow:
        assert not uow.get_setting(OFFER_DECLINED, False)
    second = FirstAdminDialog(county)
    qtbot.addWidget(second)
    second.never_again.setChecked(True)
    second.later()
    assert who_acts(county)  # no dialog: single-user mode goes on
    with county.reader() as uow:
        assert uow.get_setting(OFFER_DECLINED, False) and not users.has_users(uow)
    assert county.actor.single_user


def test_an_encrypted_database_asks_for_a_password_before_anything_is_read(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from yikatong_desktop.gui.dialogs.login import UnlockDialog
    from yikatong_desktop.services import setup

    monkeypatch.setenv("YKT_HOME", str(tmp_path / "home"))
    path = tmp_path / "加密.sqlite3"

    def seed(created: bootstrap.App) -> None:
        with created.uow() as uow:
            setup.initialise(uow, created.actor, code="652323", name="呼图壁县", level="county")
            users.add_user(uow, created.actor, "管理员", Role.ADMIN, PASSWORD)
            uow.commit()

    bootstrap.create_app(str(path), "pw", org_code="652323", org_name="呼图壁县", seed=seed,
                         encrypt=("管理员", PASSWORD)).close()
    assert bootstrap.is_encrypted(str(path)) and not path.read_bytes().startswith(b"SQLite format 3")
    qt_application()
    dialog = UnlockDialog(str(path))
    qtbot.addWidget(dialog)
    assert str(path) in dialog.findChildren(QLabel)[0].text()
    dialog.name.setText("管理员")
    dialog.password.setText("不对的口令")
    dialog.unlock()
    assert dialog.app is None and "用户名或密码不对" in dialog.message.text() and dialog.password.text() == ""
    dialog.password.setText(PASSWORD)
    dialog.unlock()
    assert dialog.result() == UnlockDialog.DialogCode.Accepted and dialog.app is not None
    try:
        assert dialog.app.encrypted and dialog.app.actor == Actor("管理员", Role.ADMIN, single_user=False)
        window = MainWindow(dialog.app)
        qtbot.addWidget(window)
        assert "管理员" in window.user_label.text()
    finally:
        dialog.app.close()
