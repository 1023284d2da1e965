"""Helpers for the ledger and complaint tests: the two people who keep and review the ledger, real
evidence files, and a snapshot of everything a refused call must leave as it was.

A module of its own (not conftest) so the test modules can import it by a unique name.
"""

from __future__ import annotations

import json
import struct
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from dbs import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected, YktError
from yikatong_desktop.domain.permissions import Role
from yikatong_desktop.services.auth import Actor
from yikatong_desktop.services.stats import stats
from yikatong_desktop.storage.unit_of_work import UnitOfWork

CLERK = Actor("张会计", Role.CLERK, single_user=False)
REVIEWER = Actor("李审核", Role.REVIEWER, single_user=False)
VIEWER = Actor("赵查看", Role.VIEWER, single_user=False)
DISCIPLINE = Actor("纪检组长", Role.DISCIPLINE, single_user=False)

#: Tables a refused call must not touch (besides what `ykt stats` digests).
TABLES = ("problems", "problem_recoveries", "complaints", "evidence_files", "evidence_blobs", "findings",
          "record_history", "audit_events")

T = TypeVar("T")


def png_bytes(rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A real 1×1 PNG of one colour."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" + bytes(rgb))) + chunk(b"IEND", b""))


PDF_BYTES = (b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
             b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n")


def write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


#: Files that are no acceptable evidence: (file name, content or None for a missing file, message key).
BAD_EVIDENCE = [
    pytest.param("不存在.png", None, "evidence.missing", id="missing"),
    pytest.param("整改.exe", b"MZ\x90\x00\x03\x00\x00\x00", "evidence.unknown_type", id="exe"),
    pytest.param("整改报告.docx", b"PK\x03\x04\x14\x00\x06\x00", "evidence.unknown_type", id="docx"),
    pytest.param("照片.png", "这不是图片，是一段文字".encode(), "evidence.not_what_it_says", id="png-that-is-text"),
    pytest.param("扫描件.jpg", png_bytes(), "evidence.not_what_it_says", id="jpg-that-is-png"),
    pytest.param("空.pdf", b"", "evidence.empty", id="empty"),
]


def bad_file(folder: Path, name: str, content: bytes | None) -> Path:
    """The file of a BAD_EVIDENCE case (not written when it is the missing one)."""
    return folder / name if content is None else write(folder / name, content)


def run(app: bootstrap.App, call: Callable[..., T], *args: Any, **kw: Any) -> T:
    """Call a service in its own unit of work and commit, as the GUI and `ykt` do."""
    with app.uow() as uow:
        out = call(uow, *args, **kw)
        uow.commit()
    return out


def read(app: bootstrap.App, call: Callable[..., T], *args: Any, **kw: Any) -> T:
    """Call a service in a read-only unit of work."""
    with app.reader() as uow:
        return call(uow, *args, **kw)


def snapshot(app: bootstrap.App) -> tuple[dict[str, tuple[int, str]], tuple[Any, ...]]:
    """`ykt stats` (count and digest per kind) and the row counts of TABLES."""
    with app.reader() as uow:
        digests = {s.kind: (s.count, s.digest) for s in stats(uow, app.actor)}
    counts = sql(app, "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {t})" for t in TABLES))[0]
    return digests, tuple(counts)


def refused(app: bootstrap.App, call: Callable[[UnitOfWork], object],
            error: type[YktError] = InputRejected) -> YktError:
    """The error a call is refused with; the database is left exactly as it was, even when the
    caller commits after the refusal (nothing was written before it)."""
    before = snapshot(app)
    with app.uow() as uow:
        with pytest.raises(error) as caught:
            call(uow)
        uow.commit()
    assert snapshot(app) == before
    return caught.value


def audit_details(app: bootstrap.App) -> list[str]:
    """The detail text of every audit event, as stored."""
    return [str(d) for (d,) in sql(app, "SELECT detail FROM audit_events ORDER BY id")]


def events_about(app: bootstrap.App, uid: str) -> list[Any]:
    """Audit events about one record, oldest first."""
    with app.reader() as uow:
        return list(reversed(uow.audit.search(object_ref=uid)))


def loaded(detail: str) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(detail)
    return out


#: For the many variants of one refusal (bad fields, bad files, wrong states): the refusal happens before
#: anything is written and the rollback is the seam's, covered on PostgreSQL by the other tests of the
#: module; these run on a SQLite file only, so CI stays short.
ON_FILE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
