"""Qt-free progress and cancellation for long work (STYLE: napari's progress)."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]
IsCancelled = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled; the unit of work rolls back."""


def no_progress(done: int, total: int, message: str) -> None:
    """A progress callback that ignores progress."""


def never_cancelled() -> bool:
    """An is_cancelled callback for work nobody can cancel."""
    return False
