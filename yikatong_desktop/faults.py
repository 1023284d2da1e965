"""Test-only fault injection: crash the process in the middle of a write.

Set YKT_FAULT_KILL_AFTER_ROWS=N and the process dies (os._exit, no cleanup,
like a power cut or a kill -9) once more than N rows have gone through the
bulk-insert path. Crash tests use it to prove a write is all or nothing.
Unset, it costs one dictionary lookup per batch.
"""

from __future__ import annotations

import os

_ENV = "YKT_FAULT_KILL_AFTER_ROWS"
KILLED_EXIT_CODE = 137
_written = 0


def rows_written(count: int) -> None:
    """Count rows written; die abruptly past the configured limit."""
    global _written
    limit = os.environ.get(_ENV)
    if not limit:
        return
    _written += count
    if _written > int(limit):
        os._exit(KILLED_EXIT_CODE)
