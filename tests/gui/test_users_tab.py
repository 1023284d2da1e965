"""设置 → 用户: an admin adds, sets passwords and disables users from the GUI (SPEC §9, issue 7)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.permissions import Role
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.pages.settings import SettingsPage
from yikatong_desktop.gui.widgets.users_box import UserFormDialog
from yikatong_desktop.services import users
from yikatong_desktop.services.auth import Actor

ADMIN = "管理员的口令 2019"


def _page(qtbot: QtBot, app: bootstrap.App) -> SettingsPage:
    qt_application()
    page = SettingsPage(app)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentWidget(page.users)
    return page


def _form(qtbot: QtBot, fields: tuple[str, ...], role: Role | None = None, **values: str) -> UserFormDialog:
    form = UserFormDialog("test", fields, roles=tuple(Role))
    qtbot.addWidget(form)
    for key, value in values.items():
        form.edits[key].setText(value)
    if role is not None:
        form.role.setCurrentIndex(form.role.findData(role))
    return form


def test_the_first_user_added_is_the_admin_and_then_the_admin_manages_the_others(
        qtbot: QtBot, county: bootstrap.App) -> None:
    page = _page(qtbot, county)
    box = page.users
    assert box.table.rowCount() == 0 and "第一个添加的用户是管理员" in box.status.text()
    box.add_user(_form(qtbot, ("name", "display_name", "role", "password", "again"), Role.ADMIN, name="管理员",
                       display_name="李主任", password=ADMIN, again=ADMIN))
    assert county.actor == Actor("管理员", Role.ADMIN, single_user=False), box.status.text()  # logged in at once
    box.add_user(_form(qtbot, ("name", "display_name", "role", "password", "again"), Role.CLERK, name="张录入",
                       password="录入员口令 2019", again="录入员口令 2019x"))
    assert "两次输入的密码不一致" in box.status.text() and box.table.rowCount() == 1
    box.add_user(_form(qtbot, ("name", "display_name", "role", "password", "again"), Role.CLERK, name="张录入",
                       password="录入员口令 2019", again="录入员口令 2019"))
    assert "已添加用户“张录入”（录入）" in box.status.text()
    assert [box.table.item(i, 0).text() for i in range(box.table.rowCount())] == ["张录入", "管理员"]
    box.table.selectRow(0)
    box.set_password(_form(qtbot, ("password", "again"), password="新的口令 2020", again="新的口令 2020"))
    assert "“张录入”的密码已修改" in box.status.text()
    box.table.selectRow(0)
    box.disable(_form(qtbot, ("reason",), reason="调离"))
    assert "已停用" in box.status.text() and box.table.item(0, 3).text() == "已停用"
    box.table.selectRow(1)
    box.disable(_form(qtbot, ("reason",), reason="离职"))
    assert "最后一个启用的管理员" in box.status.text()
    assert bootstrap.login(county, "管理员", ADMIN).role is Role.ADMIN


def test_a_clerk_sees_why_the_users_tab_is_closed_to_them(qtbot: QtBot, county: bootstrap.App) -> None:
    with county.uow() as uow:
        users.add_user(uow, county.actor, "管理员", Role.ADMIN, ADMIN)
        uow.commit()
    admin = bootstrap.login(county, "管理员", ADMIN)
    with county.uow() as uow:
        users.add_user(uow, admin, "张录入", Role.CLERK, "录入员口令 2019")
        uow.commit()
    bootstrap.login(county, "张录入", "录入员口令 2019")
    page = _page(qtbot, county)
    box = page.users
    assert box.table.rowCount() == 0 and "无权执行“管理用户”" in box.status.text()
    assert not box.add_button.isEnabled() and not box.disable_button.isEnabled()
