"""Background work off the GUI thread (Picard's run_task, Anki's CollectionOp).

`run_task(fn, done)` runs `fn()` on Qt's thread pool and calls `done(result, error)`
on the GUI thread. Never touch a widget inside `fn`. Tests can swap in a
synchronous runner with `set_synchronous(True)`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger("yikatong.gui")
_synchronous = False


def set_synchronous(value: bool) -> None:
    """Run tasks inline (deterministic tests, screenshots)."""
    global _synchronous
    _synchronous = value


class _Relay(QObject):
    """Lives in the GUI thread; its queued signal brings the outcome back there.

    The signal carries no Python objects (the outcome waits on the relay), so
    nothing depends on how a binding counts references across threads.
    """

    finished = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.outcome: tuple[Any, BaseException | None] = (None, None)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            self.relay.outcome = (self.fn(), None)
        except Exception as exc:  # delivered to the GUI thread, which shows it
            log.debug("background task failed", exc_info=True)
            self.relay.outcome = (None, exc)
        try:
            self.relay.finished.emit()
        except RuntimeError:  # the window closed while this ran: nobody is waiting any more
            log.debug("background task finished after its receiver was deleted")


_live: set[_Relay] = set()


def run_task(fn: Callable[[], Any], done: Callable[[Any, BaseException | None], None],
             owner: QObject | None = None) -> None:
    """Run fn in the background; done(result, error) runs on the GUI thread.

    With an `owner` (the page or model waiting for the result), `done` is skipped when the
    owner was deleted meanwhile — a window closed while its query ran.
    """
    if _synchronous:
        try:
            result = fn()
        except Exception as exc:
            done(None, exc)
        else:
            done(result, None)
        return
    relay = _Relay()
    _live.add(relay)

    def finish() -> None:
        _live.discard(relay)
        if owner is not None and not shiboken6.isValid(owner):
            return
        done(*relay.outcome)

    relay.finished.connect(finish)
    QThreadPool.globalInstance().start(_Task(fn, relay))


def wait_for_tasks(timeout_ms: int = 30000) -> None:
    """Block until background tasks are done (screenshots, shutdown)."""
    QThreadPool.globalInstance().waitForDone(timeout_ms)


class _ProgressRelay(QObject):
    """Carries progress from the worker to the dialog (ints and text only)."""

    advanced = Signal(int, int, str)


def run_with_progress(parent: QWidget | None, title: str,
                      fn: Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any],
                      done: Callable[[Any, BaseException | None], None]) -> QProgressDialog:
    """Run long work with a progress dialog and a 取消 button (SPEC §10).

    `fn(progress, is_cancelled)` runs in the background: it calls `progress(done, total, message)`
    and checks `is_cancelled()`, raising services.progress.Cancelled to stop; its unit of work then
    rolls back. `done(result, error)` runs on the GUI thread after the dialog closes.
    """
    dialog = QProgressDialog(title, QCoreApplication.translate("tasks", "取消"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # quick work never flashes a dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    relay = _ProgressRelay(dialog)
    cancelled = {"flag": False}

    def show(step: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(step, total) if total > 0 else 0)
        if message:
            dialog.setLabelText(message)

    relay.advanced.connect(show)
    dialog.canceled.connect(lambda: cancelled.__setitem__("flag", True))

    def finish(result: Any, error: BaseException | None) -> None:
        dialog.hide()
        dialog.deleteLater()
        done(result, error)

    run_task(lambda: fn(relay.advanced.emit, lambda: cancelled["flag"]), finish)
    return dialog
