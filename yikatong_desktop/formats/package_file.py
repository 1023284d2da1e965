"""The `.ykt` exchange package (SPEC §8; docs/package-format.md): sealed for one recipient, signed by its sender.

    YKTPKG1\\n | header length (4 bytes, big-endian) | header (canonical JSON, UTF-8)
             | payload length (8 bytes, big-endian) | payload: HPKE ciphertext | Ed25519 signature (64 bytes)

The payload (what the services put in: canonical JSON, compressed with zlib) is sealed with HPKE
(RFC 9180: X25519, HKDF-SHA256, AES-256-GCM, from `cryptography`) to the recipient's X25519 key, with
the magic and the whole header as the HPKE `info`, so the header cannot be changed without the payload
becoming unopenable. The sender's Ed25519 signature covers every byte before it, and the file ends
with it: a byte more or less, or any byte changed, and the package is refused. Reading checks, in
order, the shape, the format version, the sender's key (trusted, not revoked), the signature, the
recipient, and only then decrypts and decompresses (never beyond the size the header states). Nothing
here is home-made cryptography; nothing from a package is ever used as a path.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.formats.files import os_reason, write_bytes_atomically
from yikatong_desktop.formats.keystore import fingerprint

MAGIC = b"YKTPKG1\n"
FORMAT = "ykt-package"
VERSION = 1  # the newest format version this build reads and writes
ALGORITHM = "HPKE-Base X25519 HKDF-SHA256 AES-256-GCM; zlib; Ed25519"
SIGNATURE_SIZE = 64
_SUITE = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.AES_256_GCM)
_MAX_HEADER = 1024 * 1024
#: The largest payload a package may unpack to (it is opened in memory).
MAX_PAYLOAD = 2 * 1024**3
_FIXED = len(MAGIC) + 4 + 8 + SIGNATURE_SIZE


@dataclass(frozen=True)
class Party:
    """An org as a package names it: code, name, and the fingerprint of the key concerned."""

    code: str
    name: str
    fingerprint: str


@dataclass(frozen=True)
class PeerKeys:
    """A trusted org's public keys (`ykt keys trust`), and whether they were revoked."""

    code: str
    name: str
    ed25519: bytes
    x25519: bytes
    revoked: bool = False

    @property
    def signing_fingerprint(self) -> str:
        return fingerprint(self.ed25519)

    @property
    def exchange_fingerprint(self) -> str:
        return fingerprint(self.x25519)


@dataclass(frozen=True)
class Header:
    """What a package says about itself, readable without any key (SPEC §8)."""

    version: int
    package_id: str
    sender: Party  # fingerprint of its Ed25519 signing key
    recipient: Party  # fingerprint of its X25519 exchange key
    epoch: int
    sequence: int
    created: str
    counts: Mapping[str, int]
    previous: str | None  # SHA-256 of the previous package from this sender to this recipient
    audit_head: Mapping[str, Any] | None  # {"seq": n, "hash": hex} of the sender's audit chain
    payload_size: int
    payload_sha256: str
    direction: str  # up | down
    raw: bytes  # the header bytes as written (what the signature and the HPKE info cover)

    def to_json(self) -> dict[str, Any]:
        """The header as plain data (for `--dry-run` and the GUI)."""
        return json.loads(self.raw.decode("utf-8"))  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Opened:
    """A package that passed every check: its header, its payload, and the SHA-256 of the whole file."""

    header: Header
    payload: bytes
    sha256: str


def build(payload: bytes, *, sender: Party, recipient: PeerKeys, signing_key: ed25519.Ed25519PrivateKey,
          package_id: str, epoch: int, sequence: int, created: str, counts: Mapping[str, int],
          previous: str | None, audit_head: Mapping[str, Any] | None, direction: str) -> bytes:
    """The bytes of a package carrying `payload` from `sender` to `recipient`."""
    if len(payload) > MAX_PAYLOAD:
        raise InputRejected("package.too_large", gb=MAX_PAYLOAD // 1024**3)
    own = signing_key.public_key().public_bytes_raw()
    if fingerprint(own) != sender.fingerprint:
        raise ValueError("the sender fingerprint is not that of the signing key")
    header = _canonical({
        "format": FORMAT, "version": VERSION, "algorithm": ALGORITHM, "package_id": package_id,
        "sender": {"code": sender.code, "name": sender.name, "ed25519": sender.fingerprint},
        "recipient": {"code": recipient.code, "name": recipient.name, "x25519": recipient.exchange_fingerprint},
        "epoch": epoch, "sequence": sequence, "created": created, "counts": dict(sorted(counts.items())),
        "previous": previous, "audit_head": dict(audit_head) if audit_head else None,
        "payload": {"size": len(payload), "sha256": hashlib.sha256(payload).hexdigest()}, "direction": direction,
    })
    public = x25519.X25519PublicKey.from_public_bytes(recipient.x25519)
    sealed = _SUITE.encrypt(zlib.compress(payload, 6), public, info=MAGIC + header)
    body = MAGIC + len(header).to_bytes(4, "big") + header + len(sealed).to_bytes(8, "big") + sealed
    return body + signing_key.sign(body)


def write(path: Path, data: bytes) -> str:
    """Write a built package atomically and read it back (USB sticks lose writes); its SHA-256."""
    try:
        write_bytes_atomically(path, data, mode=0o644)
    except OSError as exc:
        raise InputRejected("file.unwritable", path=str(path), reason=os_reason(exc)) from exc
    digest = hashlib.sha256(data).hexdigest()
    try:
        again = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise InputRejected("package.write_failed", path=str(path)) from exc
    if again != digest:
        path.unlink(missing_ok=True)
        raise InputRejected("package.write_failed", path=str(path))
    return digest


def read_header(data: bytes, name: str = "") -> Header:
    """The header of a package, checked for shape and version only (not yet for authenticity)."""
    if len(data) < _FIXED or not data.startswith(MAGIC):
        raise InputRejected("package.not_package", file=name)
    size = int.from_bytes(data[len(MAGIC):len(MAGIC) + 4], "big")
    if not 0 < size <= min(_MAX_HEADER, len(data) - _FIXED):
        raise InputRejected("package.damaged", file=name)
    raw = data[len(MAGIC) + 4:len(MAGIC) + 4 + size]
    try:
        doc = json.loads(raw.decode("utf-8"))
        if doc.get("format") != FORMAT:
            raise InputRejected("package.not_package", file=name)
        version = doc.get("version")
        if not isinstance(version, int) or version < 1:
            raise InputRejected("package.damaged", file=name)
        if version > VERSION:
            raise InputRejected("package.newer_version", file=name, version=version, supported=VERSION)
        return Header(
            version=version, package_id=str(doc["package_id"]),
            sender=Party(str(doc["sender"]["code"]), str(doc["sender"]["name"]), str(doc["sender"]["ed25519"])),
            recipient=Party(str(doc["recipient"]["code"]), str(doc["recipient"]["name"]),
                            str(doc["recipient"]["x25519"])),
            epoch=int(doc["epoch"]), sequence=int(doc["sequence"]), created=str(doc["created"]),
            counts={str(k): int(v) for k, v in doc["counts"].items()},
            previous=None if doc["previous"] is None else str(doc["previous"]),
            audit_head=None if doc["audit_head"] is None else dict(doc["audit_head"]),
            payload_size=int(doc["payload"]["size"]), payload_sha256=str(doc["payload"]["sha256"]),
            direction=str(doc["direction"]), raw=raw)
    except InputRejected:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:  # not JSON, or not our header's shape
        raise InputRejected("package.damaged", file=name) from exc


def check_signed(data: bytes, peers: Mapping[str, PeerKeys], name: str = "") -> Header:
    """Shape, version, length, a trusted and unrevoked sender and its signature: what anyone holding the
    sender's public key can check, without being the recipient (a package passed on upward)."""
    header = read_header(data, name)
    start = len(MAGIC) + 4 + len(header.raw)
    length = int.from_bytes(data[start:start + 8], "big")
    if start + 8 + length + SIGNATURE_SIZE != len(data):  # cut off, or bytes added after the signature
        raise InputRejected("package.damaged", file=name)
    peer = peers.get(header.sender.code)
    if peer is None or peer.signing_fingerprint != header.sender.fingerprint:
        raise InputRejected("package.untrusted", file=name, org=header.sender.name, code=header.sender.code,
                            fingerprint=header.sender.fingerprint)
    if peer.revoked:
        raise InputRejected("package.revoked", file=name, org=peer.name, code=peer.code)
    signed, signature = data[:-SIGNATURE_SIZE], data[-SIGNATURE_SIZE:]
    try:
        ed25519.Ed25519PublicKey.from_public_bytes(peer.ed25519).verify(signature, signed)
    except InvalidSignature as exc:
        raise InputRejected("package.bad_signature", file=name, org=peer.name) from exc
    return header


def open_package(data: bytes, *, own_code: str, own_exchange: x25519.X25519PrivateKey,
                 peers: Mapping[str, PeerKeys], name: str = "") -> Opened:
    """Every check of SPEC §8 that needs no database, then the payload. `peers` by org code."""
    header = check_signed(data, peers, name)
    start = len(MAGIC) + 4 + len(header.raw)
    length = int.from_bytes(data[start:start + 8], "big")
    own_fingerprint = fingerprint(own_exchange.public_key().public_bytes_raw())
    if header.recipient.code != own_code or header.recipient.fingerprint != own_fingerprint:
        raise InputRejected("package.not_for_us", file=name, recipient=header.recipient.name,
                            code=header.recipient.code)
    try:
        packed = _SUITE.decrypt(data[start + 8:start + 8 + length], own_exchange, info=MAGIC + header.raw)
    except Exception as exc:  # InvalidTag, or ValueError for a malformed encapsulation: signed, yet unopenable
        raise InputRejected("package.cannot_open", file=name) from exc
    if not 0 <= header.payload_size <= MAX_PAYLOAD:
        raise InputRejected("package.damaged", file=name)
    try:
        inflater = zlib.decompressobj()
        payload = inflater.decompress(packed, header.payload_size + 1)  # never more than the header says
    except zlib.error as exc:
        raise InputRejected("package.cannot_open", file=name) from exc
    if (len(payload) != header.payload_size or not inflater.eof
            or hashlib.sha256(payload).hexdigest() != header.payload_sha256):
        raise InputRejected("package.cannot_open", file=name)
    return Opened(header, payload, hashlib.sha256(data).hexdigest())


def peer_from_public(doc: Mapping[str, Any]) -> PeerKeys:
    """A peer from the public part `ykt keys export` writes ({org: {code, name}, public: {ed25519, x25519}})."""
    return PeerKeys(code=str(doc["org"]["code"]), name=str(doc["org"]["name"]),
                    ed25519=base64.b64decode(doc["public"]["ed25519"]),
                    x25519=base64.b64decode(doc["public"]["x25519"]))


def _canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
