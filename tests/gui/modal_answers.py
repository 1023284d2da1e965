"""Answering the modal dialog a click opens, for the page tests (its exec() blocks the test).

A module of its own (not conftest) so the test modules can import it by a unique name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def answer_next_dialog(fill: Callable[[Any], None]) -> list[BaseException]:
    """Fill in the modal dialog a click is about to open, then let it close.

    Whatever `fill` raises is handed back, and a dialog still open afterwards is cancelled, so
    a failing test never hangs on a dialog.
    """
    errors: list[BaseException] = []
    tries = [0]

    def go() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            tries[0] += 1
            if tries[0] < 200:
                QTimer.singleShot(10, go)
            return
        try:
            fill(dialog)
        except BaseException as exc:  # handed to the test, which fails with it
            errors.append(exc)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, go)
    return errors
