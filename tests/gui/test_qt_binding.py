"""Guards on the Qt binding itself: bugs of PySide6 releases that would crash the product."""

from __future__ import annotations

import sys

from pytestqt.qtbot import QtBot

from yikatong_desktop.gui.app import qt_application


def test_process_events_keeps_the_reference_count_of_none(qtbot: QtBot) -> None:
    # PySide6 6.12.0 decremented None on every call: a progress loop then killed
    # the process at exit ("Fatal Python error: none_dealloc") on Python 3.11.
    qapp = qt_application()
    before = sys.getrefcount(None)
    for _ in range(2000):
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 50
