"""The main window, driven as a clerk would, on a real demo database."""

from __future__ import annotations

import sqlite3

import shiboken6
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.main_window import MainWindow
from yikatong_desktop.gui.page_names import PAGES
from yikatong_desktop.gui.pages.dashboard import DashboardPage
from yikatong_desktop.gui.pages.placeholder import PlaceholderPage
from yikatong_desktop.gui.pages.settings import SettingsPage
from yikatong_desktop.gui.tasks import run_task, set_synchronous


def _window(qtbot: QtBot, app: bootstrap.App) -> MainWindow:
    qt_application()
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    return window


def test_bundled_cjk_font_is_registered_and_default(qtbot: QtBot) -> None:
    qapp = qt_application()
    assert "WenQuanYi Micro Hei" in QFontDatabase.families()
    assert qapp.font().family() == "WenQuanYi Micro Hei"
    metrics = QFontMetrics(qapp.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "花名册工作台买买提·阿依古丽")


def test_window_opens_on_the_dashboard_with_org_phase_and_counts(qtbot: QtBot, app: bootstrap.App) -> None:
    window = _window(qtbot, app)
    window.show_page("dashboard")
    page = window.page("dashboard")
    assert isinstance(page, DashboardPage)
    assert "呼图壁县（652323）" == page.org_label.text()
    assert "自查阶段" in page.phase_label.text()  # the demo clock stands at 2019-07-15
    assert "2019-07-25" in page.deadline_label.text()
    persons = sqlite3.connect(app.location.path).execute("select count(*) from persons where NOT voided").fetchone()[0]
    assert page.values["persons"].text() == f"{persons:,}"
    assert page.years.rowCount() == 2


def test_navigation_switches_to_every_page_of_the_spec(qtbot: QtBot, app: bootstrap.App) -> None:
    window = _window(qtbot, app)
    assert window.nav.count() == len(PAGES) == 11
    for row, (key, title) in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        assert window.current_key() == key
        shown = window.stack.currentWidget()
        assert shown.objectName() == f"page_{key}"
        if key not in ("dashboard", "rosters", "import", "checks", "ledger", "complaints", "selfcheck", "notices",
                       "reports", "exchange", "settings"):
            assert isinstance(shown, PlaceholderPage)
            texts = [label.text() for label in shown.findChildren(QLabel)]
            assert "即将推出" in texts and any(title in t for t in texts)


def test_settings_page_saves_campaign_dates_with_an_audit_event(qtbot: QtBot, app: bootstrap.App) -> None:
    window = _window(qtbot, app)
    window.show_page("settings")
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    start, end = page.edits[0]
    end.setDate(end.date().addDays(10))  # extend 自查 to 08-10
    page.save_button.click()
    assert page.status.text() == "已保存。"
    with app.reader() as uow:
        assert uow.get_setting("campaign")["phases"][0]["end"] == "2019-08-10"
    db = sqlite3.connect(app.location.path)
    assert db.execute("select count(*) from audit_events where action='settings.campaign'").fetchone()[0] == 1
    start.setDate(end.date().addDays(1))
    page.save_button.click()
    assert "不能早于" in page.status.text()
    assert db.execute("select count(*) from audit_events where action='settings.campaign'").fetchone()[0] == 1


def test_background_task_runs_on_the_real_thread_pool(qtbot: QtBot) -> None:
    qt_application()
    set_synchronous(False)
    got: list[object] = []
    run_task(lambda: sum(range(1000)), lambda result, error: got.append(error or result))
    qtbot.waitUntil(lambda: got == [499500], timeout=5000)
    run_task(lambda: 1 // 0, lambda result, error: got.append(type(error)))
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    assert got[1] is ZeroDivisionError


def test_a_result_for_a_page_closed_meanwhile_is_dropped(qtbot: QtBot) -> None:
    import threading

    from PySide6.QtWidgets import QWidget

    qt_application()
    set_synchronous(False)
    release = threading.Event()
    delivered: list[object] = []
    owner = QWidget()
    run_task(lambda: release.wait(5), lambda result, error: delivered.append(result), owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner), timeout=3000)
    release.set()
    qtbot.wait(200)
    assert delivered == []


def test_dashboard_counts_problems_kept_open_and_overdue(qtbot: QtBot, mine: bootstrap.App) -> None:
    from yikatong_desktop.services import ledger

    with mine.uow() as uow:  # the demo's clock stands at 2019-07-15
        ledger.register(uow, mine.actor, {"category": "1.1", "description": "逾期未整改", "deadline": "2019-07-01"})
        ledger.register(uow, mine.actor, {"category": "1.2", "description": "仍在期限内", "deadline": "2019-09-30"})
        uow.commit()
    page = DashboardPage(mine)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.values["ledger"].text() != "…")
    assert page.values["ledger"].text() == "2 / 1"
    assert "#a94442" in page.values["ledger"].styleSheet()  # overdue: in red
