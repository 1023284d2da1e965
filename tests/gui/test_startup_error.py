"""The desktop program has no console: why its window cannot open is said in a message box, in the
language chosen in 设置, and the exit code still tells a script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from modal_answers import answer_next_dialog
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from yikatong_desktop.bootstrap import preferences
from yikatong_desktop.cli.main import main
from yikatong_desktop.domain.messages import choose_language
from yikatong_desktop.gui.app import qt_application


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("YKT_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")  # a screen, as far as `ykt gui` can tell
    for name in ("LC_ALL", "YKT_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    yield tmp_path
    choose_language(None)
    qt_application("zh")


def _said() -> tuple[list[str], list[BaseException]]:
    said: list[str] = []

    def read(box: Any) -> None:
        assert isinstance(box, QMessageBox) and box.objectName() == "startupError"
        said.append(box.text())
        box.accept()

    return said, answer_next_dialog(read)


def test_a_missing_database_is_said_in_a_window(qtbot: QtBot, home: Path) -> None:
    said, errors = _said()
    assert main(["--db", str(home / "nowhere.sqlite3"), "gui"]) == 3
    assert not errors
    assert len(said) == 1 and "数据库不存在" in said[0] and "nowhere.sqlite3" in said[0]


def test_the_message_follows_the_language_chosen_in_settings(qtbot: QtBot, home: Path) -> None:
    preferences.save_language("en")
    said, errors = _said()
    assert main(["--db", str(home / "nowhere.sqlite3"), "gui"]) == 3
    assert not errors
    assert len(said) == 1 and said[0].startswith("No database at")
