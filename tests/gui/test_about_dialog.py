"""帮助 (F1): the page's guide, the version and folders, the licences of what the program carries."""

from __future__ import annotations

from importlib.metadata import version

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from yikatong_desktop import __version__, bootstrap
from yikatong_desktop.domain.messages import choose_language
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.dialogs.about import AboutDialog, guide_text
from yikatong_desktop.gui.main_window import MainWindow
from yikatong_desktop.gui.page_names import PAGES
from yikatong_desktop.paths import guide_dir


def _window(qtbot: QtBot, app: bootstrap.App) -> MainWindow:
    qt_application()
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # F1 is a shortcut of the active window
    return window


def test_f1_on_a_page_opens_the_guide_of_that_page(qtbot: QtBot, app: bootstrap.App) -> None:
    window = _window(qtbot, app)
    window.show_page("ledger")
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.tabs.currentIndex() == 1  # 使用说明
    assert dialog.guide_key() == "ledger"
    assert dialog.guide_pages.currentItem().text() == "问题台账"
    shown = dialog.guide.toPlainText()
    assert shown.startswith("问题台账") and "申请销号" in shown
    window.show_page("notices")  # F1 again on another page: the same dialog turns to that page
    qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_F1)
    assert window.help_dialog is dialog and dialog.guide_key() == "notices"
    assert dialog.guide.toPlainText().startswith("公示")


def test_the_help_menu_offers_the_guide_and_about(qtbot: QtBot, app: bootstrap.App) -> None:
    window = _window(qtbot, app)
    assert window.help_button.text() == "帮助"
    assert [a.text() for a in window.help_button.menu().actions()] == ["使用说明", "关于"]
    window.about_action.trigger()
    assert window.help_dialog is not None and window.help_dialog.tabs.currentIndex() == 0


def test_about_shows_version_and_folders(qtbot: QtBot, app: bootstrap.App) -> None:
    qt_application()
    dialog = AboutDialog(app, tab="about")
    qtbot.addWidget(dialog)
    assert dialog.fields["version"].text() == __version__
    assert dialog.fields["data"].text() == str(bootstrap.data_dir())
    assert dialog.fields["logs"].text() == str(bootstrap.log_path().parent)
    assert dialog.fields["database"].text() == app.location.display
    assert dialog.fields["qt"].text().startswith(version("PySide6-Essentials").split(".")[0])


def test_licences_list_the_libraries_and_the_font(qtbot: QtBot, app: bootstrap.App) -> None:
    qt_application()
    dialog = AboutDialog(app, tab="licences")
    qtbot.addWidget(dialog)
    assert dialog.tabs.currentIndex() == 2
    notice = dialog.licence.toPlainText()
    assert "{version:" not in notice
    assert "SQLAlchemy" in notice and version("SQLAlchemy") in notice and "LGPL-3.0" in notice
    assert "WenQuanYi Micro Hei" in notice
    names = [dialog.licence_names.item(i).text() for i in range(dialog.licence_names.count())]
    font = next(i for i, name in enumerate(names) if "LICENSE-wqy-microhei.txt" in name)
    dialog.licence_names.setCurrentRow(font)
    assert "WenQuanYi" in dialog.licence.toPlainText() and "Apache-2.0" in dialog.licence.toPlainText()
    assert any("LICENSE-Apache-2.0.txt" in name for name in names)


@pytest.mark.parametrize("key", [key for key, _ in PAGES])
def test_every_page_has_a_short_guide_in_both_languages(key: str) -> None:
    for lang in ("zh", "en"):
        text = (guide_dir() / f"{key}.{lang}.md").read_text(encoding="utf-8")
        assert text.startswith("# ") and 5 <= len(text.strip().splitlines()) <= 15


def test_the_guide_follows_the_interface_language(qtbot: QtBot, app: bootstrap.App) -> None:
    qt_application()
    choose_language("en")
    try:
        dialog = AboutDialog(app, page="dashboard")
        qtbot.addWidget(dialog)
        assert dialog.guide.toPlainText().startswith("Dashboard")
    finally:
        choose_language(None)
    assert guide_text("dashboard", "zh") is not None and guide_text("dashboard", "zh").startswith("# 工作台")
