"""Long work off the GUI thread: progress shown, cancel honoured, results on the GUI thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.tasks import run_with_progress, set_synchronous
from yikatong_desktop.services.progress import Cancelled

Progress = Callable[[int, int, str], None]


def test_progress_reaches_the_dialog_and_the_result_the_gui_thread(qtbot: QtBot) -> None:
    qt_application()
    set_synchronous(False)
    seen: list[object] = []
    gui_thread = threading.get_ident()

    def work(progress: Progress, is_cancelled: Callable[[], bool]) -> str:
        assert threading.get_ident() != gui_thread  # really in the background
        for i in range(1, 6):
            progress(i, 5, f"第 {i} 批")
            time.sleep(0.02)
        return "完成"

    shown: list[tuple[int, int, str]] = []

    def done(result: object, error: BaseException | None) -> None:
        shown.append((dialog.value(), dialog.maximum(), dialog.labelText()))  # the dialog as it was last
        seen.append((result, error, threading.get_ident()))

    dialog = run_with_progress(None, "导入", work, done)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [("完成", None, gui_thread)]
    assert shown == [(5, 5, "第 5 批")]


def test_cancel_stops_the_work_and_reports_cancelled(qtbot: QtBot) -> None:
    qt_application()
    set_synchronous(False)
    seen: list[object] = []
    started = threading.Event()

    def work(progress: Progress, is_cancelled: Callable[[], bool]) -> int:
        for i in range(1000):
            started.set()
            if is_cancelled():
                raise Cancelled()
            progress(i, 1000, "")
            time.sleep(0.005)
        return 1000

    dialog = run_with_progress(None, "自查", work, lambda result, error: seen.append(error))
    assert started.wait(5)
    button = dialog.findChild(QPushButton)
    assert button is not None and button.text() == "取消"
    button.click()  # as the clerk does
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert isinstance(seen[0], Cancelled)
