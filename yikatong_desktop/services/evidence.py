"""Evidence files (佐证材料) of problems and complaints: known types only, hashed, kept in the database.

Files come from outside and are untrusted (SPEC §9): the type is decided by the file's
first bytes agreeing with its extension, never by running anything. The bytes are stored
once per SHA-256 in the database, so every backup and restore carries them.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.services.audit import org_code
from yikatong_desktop.services.auth import Actor
from yikatong_desktop.storage.ledger_store import store_blob
from yikatong_desktop.storage.unit_of_work import UnitOfWork

MAX_BYTES = 50 * 1024 * 1024

#: Extension → (media type, what the file must start with).
KNOWN_TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".gif": ("image/gif", (b"GIF87a", b"GIF89a")),
    ".bmp": ("image/bmp", (b"BM",)),
    ".tif": ("image/tiff", (b"II*\x00", b"MM\x00*")),
    ".tiff": ("image/tiff", (b"II*\x00", b"MM\x00*")),
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".ofd": ("application/ofd", (b"PK\x03\x04",)),  # the national e-document format, a zip
}


@dataclass(frozen=True)
class EvidenceFile:
    """A file read and checked, ready to be stored."""

    name: str
    media_type: str
    size: int
    sha256: str
    content: bytes


def read_evidence(path: Path) -> EvidenceFile:
    """Read a file as evidence, or refuse it with the reason (missing, empty, too large, unknown type)."""
    shown = str(path)
    if not path.is_file():
        raise InputRejected("evidence.missing", path=shown)
    suffix = path.suffix.lower()
    if suffix not in KNOWN_TYPES:
        raise InputRejected("evidence.unknown_type", path=shown,
                            known="、".join(sorted({k.lstrip(".") for k in KNOWN_TYPES})))
    size = path.stat().st_size
    if size == 0:
        raise InputRejected("evidence.empty", path=shown)
    if size > MAX_BYTES:
        raise InputRejected("evidence.too_large", path=shown, mb=MAX_BYTES // (1024 * 1024))
    try:
        content = path.read_bytes()
    except OSError as exc:
        raise InputRejected("evidence.unreadable", path=shown, reason=exc.strerror or str(exc)) from exc
    media_type, magics = KNOWN_TYPES[suffix]
    if not content.startswith(magics):
        raise InputRejected("evidence.not_what_it_says", path=shown, kind=suffix.lstrip(".").upper())
    return EvidenceFile(path.name, media_type, len(content), hashlib.sha256(content).hexdigest(), content)


def attach(uow: UnitOfWork, actor: Actor, f: EvidenceFile, *, problem_id: int | None = None,
           complaint_id: int | None = None, notice_id: int | None = None, note: str | None = None) -> None:
    """Store a checked file for a problem, a complaint or a notice (its bytes once per content); the caller audits."""
    store_blob(uow.conn, f.sha256, f.content)
    uow.records.add("evidence_files", {"problem_id": problem_id, "complaint_id": complaint_id,
                                       "notice_id": notice_id, "file_name": f.name,
                                       "media_type": f.media_type, "size": f.size, "sha256": f.sha256, "note": note,
                                       "added_by": actor.name}, owner=org_code(uow), uid=str(uuid.uuid4()))


def evidence_json(row: Any) -> dict[str, Any]:
    """An evidence file as `show --json` prints it."""
    return {"uid": row.uid, "file": row.file_name, "type": row.media_type, "bytes": int(row.size),
            "sha256": row.sha256, "note": row.note, "added_by": row.added_by,
            "added_at": row.updated_at.isoformat() if row.updated_at else None}
