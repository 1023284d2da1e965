"""设置 → 审计日志: the events newest first, filtered, and the chain verified from the page (SPEC §9)."""

from __future__ import annotations

from dbs import sql_write
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.pages.settings import SettingsPage


def _page(qtbot: QtBot, app: bootstrap.App) -> SettingsPage:
    qt_application()
    page = SettingsPage(app)
    qtbot.addWidget(page)
    page.resize(1220, 780)
    page.show()
    page.tabs.setCurrentWidget(page.audit_log)
    return page


def test_the_audit_log_lists_filters_and_verifies(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    box = page.audit_log
    events = box.table.rowCount()
    assert events >= 2 and box.table.item(events - 1, 2).text() == "init"  # newest first, init last
    assert box.count_label.text() == f"共 {events} 条"
    box.action.setCurrentIndex(box.action.findData("init"))
    box.search_button.click()
    assert box.table.rowCount() == 1 and box.table.item(0, 3).text().startswith("org_units")
    box.action.setCurrentIndex(0)
    box.user.setText("没有这个人")
    box.search_button.click()
    assert box.table.rowCount() == 0 and box.count_label.text() == "共 0 条"
    box.verify_button.click()
    assert "审计链完整" in box.verify_label.text()


def test_a_tampered_event_is_named_on_the_page(qtbot: QtBot, mine: bootstrap.App) -> None:
    assert sql_write(mine.location, "UPDATE audit_events SET actor = 'someone' WHERE seq = 1") == 1
    page = _page(qtbot, mine)
    box = page.audit_log
    box.verify_button.click()
    assert "第 1" in box.verify_label.text() or "1 号" in box.verify_label.text(), box.verify_label.text()
