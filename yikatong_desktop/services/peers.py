"""Whose packages this office accepts (SPEC §8): exchange keys exported, trusted by fingerprint, revoked.

Keys are exchanged once, in person or by phone: `ykt keys export` writes this office's public keys
(Ed25519 for package signatures, X25519 for sealing packages to it, and its PDF certificate); the
other office trusts the file only after comparing the fingerprint read out to it (`--fingerprint`),
or confirming it on a terminal (`--yes` for scripts that compared it otherwise). Trusting a peer
also trusts its PDF certificate, so its signed reports verify. Revoking a peer refuses its packages
from then on and is kept as a record of ours, which packages carry downward.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from yikatong_desktop.domain.clock import local_today
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.formats import certificates, keystore
from yikatong_desktop.formats.files import os_reason, write_bytes_atomically
from yikatong_desktop.formats.package_file import PeerKeys
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.signing import _add_trusted
from yikatong_desktop.storage import peer_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork

PUBLIC_FORMAT = "ykt-public-key"
_HEX = re.compile(r"[^0-9A-F]")


@dataclass(frozen=True)
class PublicKeys:
    """What `ykt keys export` writes: an office's public keys, certificate, code and name."""

    org_code: str
    org_name: str
    level: str | None
    ed25519: bytes
    x25519: bytes
    certificate_pem: str | None

    @property
    def fingerprint(self) -> str:
        """The signing key's fingerprint, the one people compare."""
        return keystore.fingerprint(self.ed25519)

    @property
    def exchange_fingerprint(self) -> str:
        return keystore.fingerprint(self.x25519)

    def to_json(self) -> dict[str, Any]:
        """The file's content."""
        return {"format": PUBLIC_FORMAT, "version": 1,
                "org": {"code": self.org_code, "name": self.org_name, "level": self.level},
                "public": {"ed25519": base64.b64encode(self.ed25519).decode("ascii"),
                           "x25519": base64.b64encode(self.x25519).decode("ascii"),
                           "certificate_pem": self.certificate_pem,
                           "fingerprints": {"ed25519": self.fingerprint, "x25519": self.exchange_fingerprint}}}


@dataclass(frozen=True)
class Peer:
    """A trusted office."""

    org_code: str
    org_name: str
    level: str | None
    fingerprint: str
    exchange_fingerprint: str
    note: str
    trusted_at: datetime
    trusted_by: str
    revoked_at: datetime | None
    revoked_by: str | None
    revoke_reason: str | None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


def own_public(uow: UnitOfWork, keystore_path: Path) -> PublicKeys:
    """This office's public keys, from the keystore (no passphrase needed)."""
    doc = keystore.read_keystore(keystore_path)
    public = doc["public"]
    return PublicKeys(str(doc["org"]["code"]), str(doc["org"]["name"]), uow.get_setting("org.level"),
                      base64.b64decode(public["ed25519"]), base64.b64decode(public["x25519"]),
                      certificates.to_pem(keystore.pdf_certificate(doc)))


def export_public(uow: UnitOfWork, actor: Actor, keystore_path: Path, out: Path) -> PublicKeys:
    """Write this office's public keys to `out` (readable by anyone; nothing secret in it). Audited."""
    authorize(actor, Action.VIEW)
    mine = own_public(uow, keystore_path)
    text = json.dumps(mine.to_json(), ensure_ascii=False, indent=2, sort_keys=True)
    try:
        write_bytes_atomically(out, text.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise InputRejected("file.unwritable", path=str(out), reason=os_reason(exc)) from exc
    record_event(uow, actor, "keys.export", detail={"fingerprint": mine.fingerprint, "file": out.name})
    return mine


def backup_keystore(uow: UnitOfWork, actor: Actor, keystore_path: Path, out: Path) -> None:
    """`ykt keys backup`: the keystore file as it is (its private part still under the passphrase), for
    safekeeping apart from the PC. Audited with its hash."""
    authorize(actor, Action.MANAGE_KEYS)
    keystore.read_keystore(keystore_path)  # a sound keystore, not whatever the file holds
    data = keystore_path.read_bytes()
    try:
        write_bytes_atomically(out, data)
    except OSError as exc:
        raise InputRejected("file.unwritable", path=str(out), reason=os_reason(exc)) from exc
    record_event(uow, actor, "keys.backup", detail={"file": out.name, "sha256": hashlib.sha256(data).hexdigest()})


def read_public(data: bytes, name: str = "") -> PublicKeys:
    """A public key file as `export_public` writes it; anything else is refused in words."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
        if doc.get("format") != PUBLIC_FORMAT:
            raise ValueError("not a public key file")
        public = doc["public"]
        keys = PublicKeys(str(doc["org"]["code"]), str(doc["org"]["name"]), doc["org"].get("level"),
                          base64.b64decode(public["ed25519"], validate=True),
                          base64.b64decode(public["x25519"], validate=True), public.get("certificate_pem"))
        ed25519.Ed25519PublicKey.from_public_bytes(keys.ed25519)  # 32 bytes of a real key, or ValueError
        x25519.X25519PublicKey.from_public_bytes(keys.x25519)
        return keys
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise InputRejected("keys.not_public_file", file=name) from exc


def _peer(row: Any) -> Peer:
    return Peer(row.org_code, row.org_name, row.level, row.ed25519_fingerprint, row.x25519_fingerprint, row.note,
                row.trusted_at, row.trusted_by, row.revoked_at, row.revoked_by, row.revoke_reason)


def list_peers(uow: UnitOfWork, actor: Actor) -> list[Peer]:
    """Every office trusted once, revoked ones included, in code order."""
    authorize(actor, Action.VIEW)
    return [_peer(r) for r in store.peers(uow.conn)]


def fingerprint_matches(fingerprint: str, given: str) -> bool:
    """Whether what was read out matches the key: at least 16 hex digits, from the start, any spacing."""
    wanted = _HEX.sub("", given.upper())
    return len(wanted) >= 16 and _HEX.sub("", fingerprint.upper()).startswith(wanted)


def trust(uow: UnitOfWork, actor: Actor, keystore_path: Path, keys: PublicKeys, *,
          expect_fingerprint: str | None, confirmed: bool, note: str = "") -> tuple[Peer, bool]:
    """Trust another office's keys (and its PDF certificate); returns the peer and whether it is new.

    Needs the fingerprint read out (`expect_fingerprint`) or the person's confirmation.
    """
    authorize(actor, Action.MANAGE_KEYS)
    if expect_fingerprint is not None and not fingerprint_matches(keys.fingerprint, expect_fingerprint):
        raise InputRejected("keys.key_fingerprint_mismatch", actual=keys.fingerprint, given=expect_fingerprint)
    if expect_fingerprint is None and not confirmed:
        raise InputRejected("keys.trust_unconfirmed", name=keys.org_name, fingerprint=keys.fingerprint)
    if keys.org_code == org_code(uow):
        raise InputRejected("keys.trust_own")
    if store.revoked(uow.conn, keys.org_code, keys.fingerprint) is not None:
        raise InputRejected("keys.trust_revoked_key", name=keys.org_name, code=keys.org_code)
    row = store.peer(uow.conn, keys.org_code)
    now = uow.clock.now()
    values = {"org_name": keys.org_name, "level": keys.level, "ed25519": _b64(keys.ed25519),
              "x25519": _b64(keys.x25519), "ed25519_fingerprint": keys.fingerprint,
              "x25519_fingerprint": keys.exchange_fingerprint, "certificate_pem": keys.certificate_pem,
              "note": note.strip(), "trusted_at": now, "trusted_by": actor.name, "revoked_at": None,
              "revoked_by": None, "revoke_reason": None}
    if row is not None:
        if row.ed25519_fingerprint == keys.fingerprint:
            if row.revoked_at is not None:
                raise InputRejected("keys.trust_revoked_key", name=keys.org_name, code=keys.org_code)
            return _peer(row), False
        if row.revoked_at is None:
            raise InputRejected("keys.peer_has_other_key", name=row.org_name, code=row.org_code,
                                fingerprint=row.ed25519_fingerprint)
        if not store.replace_peer(uow.conn, keys.org_code, int(row.version), values):
            raise InputRejected("record.stale")
    else:
        store.add_peer(uow.conn, {"org_code": keys.org_code, **values})
    if keys.certificate_pem:
        own = keystore.pdf_certificate(keystore.read_keystore(keystore_path))
        cert = certificates.load_certificate(keys.certificate_pem.encode("ascii"), name=keys.org_name)
        _add_trusted(uow, actor, cert, f"{keys.org_name}（数据交换对方）", own=own)
    record_event(uow, actor, "keys.trust", object_kind="peers",
                 detail={"org": keys.org_code, "name": keys.org_name, "ed25519": keys.fingerprint,
                         "x25519": keys.exchange_fingerprint, "checked": "fingerprint" if expect_fingerprint
                         else "confirmed", "replaces": None if row is None else row.ed25519_fingerprint})
    return _peer(store.peer(uow.conn, keys.org_code)), True


def revoke(uow: UnitOfWork, actor: Actor, org: str, *, reason: str = "") -> Peer:
    """Refuse a peer's packages from now on, and record the revocation (carried downward). Audited."""
    authorize(actor, Action.MANAGE_KEYS)
    row = store.peer(uow.conn, org.strip()) or next(
        (r for r in store.peers(uow.conn) if r.org_name == org.strip()), None)
    if row is None:
        raise InputRejected("keys.unknown_peer", org=org)
    if row.revoked_at is not None:
        raise InputRejected("keys.already_revoked", name=row.org_name, code=row.org_code)
    now = uow.clock.now()
    if not store.replace_peer(uow.conn, row.org_code, int(row.version),
                              {"revoked_at": now, "revoked_by": actor.name, "revoke_reason": reason.strip() or None}):
        raise InputRejected("record.stale")
    if store.revoked(uow.conn, row.org_code, row.ed25519_fingerprint) is None:
        uow.records.add("key_revocations", {"org_code": row.org_code, "ed25519_fingerprint": row.ed25519_fingerprint,
                                            "revoked_on": local_today(uow.clock).date(), "reason": reason.strip()},
                        owner=org_code(uow), uid=str(uuid.uuid4()))
    record_event(uow, actor, "keys.revoke", object_kind="peers",
                 detail={"org": row.org_code, "name": row.org_name, "ed25519": row.ed25519_fingerprint,
                         "reason": reason.strip() or None})
    return _peer(store.peer(uow.conn, row.org_code))


def peer_keys(uow: UnitOfWork) -> dict[str, PeerKeys]:
    """The trusted offices' public keys as packages are checked against them, by org code."""
    out = {}
    for row in store.peers(uow.conn):
        revoked = row.revoked_at is not None or store.revoked(uow.conn, row.org_code,
                                                              row.ed25519_fingerprint) is not None
        out[row.org_code] = PeerKeys(row.org_code, row.org_name, base64.b64decode(row.ed25519),
                                     base64.b64decode(row.x25519), revoked=revoked)
    return out


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
