"""A backup that leaves the data folder (`ykt backup --out`, SPEC §9): sealed for the org's own key.

    YKTBACKUP1\\n | header length (4 bytes, big-endian) | header (JSON, UTF-8) | HPKE ciphertext

The database file is compressed (zlib) and sealed with HPKE (RFC 9180; X25519, HKDF-SHA256,
AES-256-GCM, from `cryptography`) to the X25519 key in the org's keystore. The whole header is the
HPKE `info`, so changing any byte of it makes the file unopenable. The header also carries the
keystore itself (its private part stays sealed under YKT_KEY_PASSPHRASE), so a stick with the
backup and the passphrase is all it takes to rebuild the installation on a new PC. Nothing is
written here that `cryptography` does not do.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import x25519
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.formats.files import write_bytes_atomically

MAGIC = b"YKTBACKUP1\n"
FORMAT = "ykt-backup/1"
_SUITE = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.AES_256_GCM)
_ALGORITHM = "HPKE-Base X25519 HKDF-SHA256 AES-256-GCM; zlib"
#: The largest database a sealed backup holds (it is sealed in one piece, in memory).
MAX_BYTES = 4 * 1024**3
_MAX_HEADER = 1024 * 1024


@dataclass(frozen=True)
class SealedBackup:
    """What a sealed backup's header says (readable without any key)."""

    org_code: str
    org_name: str
    created: str
    source: str
    sha256: str
    size: int
    keystore: dict[str, Any]
    header: bytes
    body_offset: int


def is_sealed(path: Path) -> bool:
    """Whether a file starts like a sealed backup."""
    try:
        with path.open("rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def seal(database: Path, out: Path, *, keystore_doc: dict[str, Any], created: str, source: str) -> SealedBackup:
    """Write `database` sealed for the keystore's org to `out`, atomically, and read it back."""
    plain = database.read_bytes()
    if len(plain) > MAX_BYTES:
        raise InputRejected("backup.too_large", gb=MAX_BYTES // 1024**3)
    header = json.dumps({
        "format": FORMAT, "algorithm": _ALGORITHM,
        "org": keystore_doc["org"], "created": created, "source": source,
        "sha256": hashlib.sha256(plain).hexdigest(), "size": len(plain),
        "recipient": keystore_doc["public"]["fingerprints"]["x25519"],
        "keystore": keystore_doc,
    }, ensure_ascii=False, sort_keys=True).encode("utf-8")
    public = x25519.X25519PublicKey.from_public_bytes(base64.b64decode(keystore_doc["public"]["x25519"]))
    body = _SUITE.encrypt(zlib.compress(plain, 6), public, info=MAGIC + header)
    data = MAGIC + len(header).to_bytes(4, "big") + header + body
    write_bytes_atomically(out, data)
    if hashlib.sha256(out.read_bytes()).digest() != hashlib.sha256(data).digest():
        out.unlink(missing_ok=True)
        raise InputRejected("backup.write_failed", path=str(out))  # a stick that does not keep what it is given
    return read_header(out)


def read_header(path: Path) -> SealedBackup:
    """The header of a sealed backup, checked for shape (not yet for authenticity: `unseal` does that)."""
    try:
        with path.open("rb") as fh:
            magic = fh.read(len(MAGIC))
            size = int.from_bytes(fh.read(4), "big")
            if magic != MAGIC or not 0 < size <= _MAX_HEADER:
                raise InputRejected("backup.not_backup", path=str(path))
            header = fh.read(size)
        doc = json.loads(header.decode("utf-8"))
        return SealedBackup(org_code=str(doc["org"]["code"]), org_name=str(doc["org"]["name"]),
                            created=str(doc["created"]), source=str(doc["source"]), sha256=str(doc["sha256"]),
                            size=int(doc["size"]), keystore=dict(doc["keystore"]), header=header,
                            body_offset=len(MAGIC) + 4 + size)
    except OSError as exc:
        raise InputRejected("file.unreadable", reason=exc.strerror or str(exc)) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise InputRejected("backup.not_backup", path=str(path)) from exc


def unseal(path: Path, private: x25519.X25519PrivateKey, out: Path) -> SealedBackup:
    """Open a sealed backup with the org's private key and write the database to `out`."""
    found = read_header(path)
    with path.open("rb") as fh:
        fh.seek(found.body_offset)
        body = fh.read()
    try:
        packed = _SUITE.decrypt(body, private, info=MAGIC + found.header)
    except Exception as exc:  # cryptography raises InvalidTag, or ValueError for a cut-off file
        raise InputRejected("backup.cannot_open", path=str(path)) from exc
    decompressor = zlib.decompressobj()
    plain = decompressor.decompress(packed, found.size + 1)
    if len(plain) != found.size or hashlib.sha256(plain).hexdigest() != found.sha256:
        raise InputRejected("backup.cannot_open", path=str(path))
    write_bytes_atomically(out, plain)
    return found
