"""Test-only fault injection: crash the process in the middle of a write.

Set YKT_FAULT_KILL_AFTER_ROWS=N and the process dies (os._exit, no cleanup,
like a power cut or a kill -9) once more than N rows have gone through the
bulk-insert path; set YKT_FAULT_KILL_AT=NAME and it dies when it reaches the
point of that name (`point`), after YKT_FAULT_SKIP passes of it. Crash tests use them to prove a
write is all or nothing. Unset, each costs one dictionary lookup.
"""

from __future__ import annotations

import os

_ENV = "YKT_FAULT_KILL_AFTER_ROWS"
_POINT_ENV = "YKT_FAULT_KILL_AT"
_SKIP_ENV = "YKT_FAULT_SKIP"
KILLED_EXIT_CODE = 137
_written = 0
_passes = 0


def rows_written(count: int) -> None:
    """Count rows written; die abruptly past the configured limit."""
    global _written
    limit = os.environ.get(_ENV)
    if not limit:
        return
    _written += count
    if _written > int(limit):
        os._exit(KILLED_EXIT_CODE)


def point(name: str) -> None:
    """A named place in a long write (a backup, a restore); die abruptly there when asked to."""
    global _passes
    if os.environ.get(_POINT_ENV) != name:
        return
    _passes += 1
    if _passes > int(os.environ.get(_SKIP_ENV) or 0):
        os._exit(KILLED_EXIT_CODE)
