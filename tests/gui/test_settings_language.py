"""设置 → 界面语言: a preference of this computer, saved in the user data folder, used from the next start."""

from __future__ import annotations

import json

import pytest
from pytestqt.qtbot import QtBot
from viewer_login import log_in_as_viewer

from yikatong_desktop import bootstrap
from yikatong_desktop.bootstrap.preferences import saved_language
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.pages.settings import SettingsPage


def test_choosing_english_is_saved_and_needs_a_restart(qtbot: QtBot, app: bootstrap.App,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YKT_LANG", "zh")
    qt_application()
    page = SettingsPage(app)
    qtbot.addWidget(page)
    assert page.language.currentData() is None  # nothing saved yet: follow the system
    assert page.language.currentText() == "跟随系统（中文）"
    page.language.setCurrentIndex(page.language.findData("en"))
    assert saved_language() == "en"
    stored = json.loads((bootstrap.data_dir() / "settings.json").read_text(encoding="utf-8"))
    assert stored["language"] == "en"
    assert "重启软件后生效" in page.language_status.text()
    page.language.setCurrentIndex(page.language.findData("zh"))
    assert saved_language() == "zh" and page.language_status.text() == "已保存。"  # the language shown already
    page.language.setCurrentIndex(page.language.count() - 1)
    assert saved_language() is None
    again = SettingsPage(app)
    qtbot.addWidget(again)
    assert again.language.currentData() is None


def test_a_viewer_may_choose_the_language_too(qtbot: QtBot, mine: bootstrap.App) -> None:
    qt_application()
    log_in_as_viewer(mine)
    page = SettingsPage(mine)
    qtbot.addWidget(page)
    assert page.language.isEnabled()
    page.language.setCurrentIndex(page.language.findData("en"))
    assert saved_language() == "en"
