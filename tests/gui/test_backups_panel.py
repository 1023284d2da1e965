"""设置 → 备份与恢复, and the daily backup of an open window (SPEC §9, issue 7), driven as a clerk would."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.permissions import Role
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.main_window import MainWindow
from yikatong_desktop.gui.pages.roster import RosterPage
from yikatong_desktop.gui.pages.settings import SettingsPage
from yikatong_desktop.services import imports, users
from yikatong_desktop.services.stats import stats

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
GAOLING = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"


def _window(qtbot: QtBot, app: bootstrap.App) -> MainWindow:
    qt_application()
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    return window


def _panel(window: MainWindow) -> SettingsPage:
    window.show_page("settings")
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    page.tabs.setCurrentWidget(page.backups)
    return page


def _payments(app: bootstrap.App) -> int:
    assert app.location.path is not None
    with sqlite3.connect(app.location.path) as db:
        return int(db.execute("SELECT COUNT(*) FROM payments WHERE NOT voided").fetchone()[0])


def _stats(app: bootstrap.App) -> list[object]:
    with app.reader() as uow:
        return list(stats(uow, app.actor))


def test_back_up_now_then_restore_the_selected_backup_reloads_every_page(qtbot: QtBot, county: bootstrap.App) -> None:
    window = _window(qtbot, county)
    box = _panel(window).backups
    assert box.table.rowCount() == 0
    box.back_up()
    assert "已备份到" in box.status.text() and box.table.rowCount() == 1
    assert box.table.item(0, 1).text() == "手动备份"
    kept = _stats(county)

    with county.uow() as uow:  # the clerk then imports a file that turns out to be wrong
        imports.import_roster(uow, county.actor, GAOLING, program="MZ02", period="2018-03")
        uow.commit()
    assert _payments(county) == 120
    window.show_page("rosters")
    roster = window.page("rosters")
    assert isinstance(roster, RosterPage)

    window.show_page("settings")
    box = _panel(window).backups
    box.refresh()
    (row,) = [i for i in range(box.table.rowCount()) if box.table.item(i, 1).text() == "手动备份"]
    box.table.selectRow(row)
    with qtbot.waitSignal(box.restored, timeout=20_000):
        box.restore_selected(confirm=False)
    assert "已从" in box.status.text() and "恢复前的数据库已备份到" in box.status.text()
    assert _payments(county) == 0 and _stats(county) == kept
    qtbot.wait(10)  # the old pages are deleted once control returns to the event loop
    assert window.page("rosters") is not roster  # built again on the restored data
    assert window.current_key() == "settings"
    fresh = _panel(window).backups
    assert fresh is not box and "恢复前" in [fresh.table.item(i, 1).text() for i in range(fresh.table.rowCount())]


def test_a_sealed_backup_on_a_stick_asks_for_the_key_passphrase(qtbot: QtBot, county: bootstrap.App,
                                                                tmp_path: Path) -> None:
    window = _window(qtbot, county)
    box = _panel(window).backups
    stick = tmp_path / "U盘"
    stick.mkdir()
    box.export(stick / "备份.yktbak")
    assert "已用本单位的密钥加密" in box.status.text()
    sealed = stick / "备份.yktbak"
    assert sealed.read_bytes().startswith(b"YKTBACKUP1")

    box.restore_from(sealed, confirm=False, ask=lambda: None)  # cancelled at the passphrase: nothing happens
    assert not box.status.text().startswith("已从")
    box.restore_from(sealed, confirm=False, ask=lambda: "不对")
    assert "口令不正确" in box.status.text()
    with qtbot.waitSignal(box.restored, timeout=20_000):
        box.restore_from(sealed, confirm=False, ask=lambda: "pw")
    assert "已从 备份.yktbak 恢复" in box.status.text()


def test_how_many_backups_are_kept_is_a_setting_saved_with_an_audit_event(qtbot: QtBot, county: bootstrap.App) -> None:
    window = _window(qtbot, county)
    box = _panel(window).backups
    assert box.keep.value() == 30
    box.keep.setValue(3)
    box.save_keep()
    assert "保留最近 3 份" in box.status.text()
    for _ in range(5):
        box.back_up()
    assert box.table.rowCount() == 3 and len(county.backups()) == 3
    with county.reader() as uow:
        assert [e.action for e in uow.audit.search(action="settings")] == ["settings.backup_keep"]


def test_a_viewer_sees_the_backups_but_may_not_make_or_restore_them(qtbot: QtBot, county: bootstrap.App) -> None:
    with county.uow() as uow:
        users.add_user(uow, county.actor, "管理员", Role.ADMIN, "管理员的口令 2019")
        uow.commit()
    bootstrap.login(county, "管理员", "管理员的口令 2019")
    county.backup("manual")
    with county.uow() as uow:
        users.add_user(uow, county.actor, "赵查看", Role.VIEWER, "查看员口令 2019")
        uow.commit()
    bootstrap.login(county, "赵查看", "查看员口令 2019")
    window = _window(qtbot, county)
    box = _panel(window).backups
    assert box.table.rowCount() == 1
    assert not any(b.isEnabled() for b in (box.backup_button, box.export_button, box.restore_button,
                                           box.restore_file_button, box.keep_button))
    box.table.selectRow(0)
    box.restore_selected(confirm=False)  # the buttons are off; the service says no all the same
    assert "无权" in box.status.text() or "不能" in box.status.text(), box.status.text()


def test_the_window_backs_up_once_a_day_in_the_background(qtbot: QtBot, county: bootstrap.App) -> None:
    window = _window(qtbot, county)
    assert window.backup_timer.isActive() and window.backup_timer.remainingTime() > 30_000  # not at start-up
    window.daily_backup()
    assert [Path(p).name.endswith("-daily.sqlite3") for p in county.backups()] == [True]
    assert "已自动备份" in window.statusBar().currentMessage()
    window.daily_backup()  # an hour later, the same day: nothing new
    assert len(county.backups()) == 1
    assert window.backup_timer.remainingTime() > 3_000_000  # looks again in an hour
