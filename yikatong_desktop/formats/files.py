"""Files written whole or not at all: beside the target, flushed to disk, renamed into place."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_bytes_atomically(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one, never half of it."""
    fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def os_reason(exc: OSError) -> str:
    """Why a file could not be read or written, in words a clerk understands (Chinese)."""
    import errno

    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if isinstance(exc, PermissionError):
        return "没有权限（文件可能正被其他程序打开，或文件夹只读）"
    if isinstance(exc, FileNotFoundError):
        return "文件或文件夹不存在"
    if exc.errno == errno.ENOSPC:
        return "磁盘空间不足"
    return exc.strerror or str(exc)
