"""The org's keystore (SPEC §12), created once by `init`.

One JSON file beside the database (`<db file>.keys`). Its public part holds
the public keys, the self-issued certificate and the audit-chain heads; its
private part (Ed25519, X25519, ECDSA P-256, the keyed-hash secret) is sealed
with AES-256-GCM under a key derived from YKT_KEY_PASSPHRASE by scrypt — all
primitives from `cryptography`, none written here.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from argon2.low_level import Type as Argon2Type
from argon2.low_level import hash_secret_raw
from cryptography import x509
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.x509.oid import NameOID
from filelock import FileLock

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.users import lock_until
from yikatong_desktop.formats.files import write_bytes_atomically

FORMAT = "ykt-keystore/1"
_SCRYPT = {"n": 2**15, "r": 8, "p": 1}
_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


@dataclass(frozen=True)
class UnlockedKeys:
    """The private keys, available only after the passphrase opened the keystore."""

    org_code: str
    signing: ed25519.Ed25519PrivateKey
    exchange: x25519.X25519PrivateKey
    pdf_key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    mask_secret: bytes
    #: The certificates above `certificate` when a county issued it (`ykt keys import-cert`); else empty.
    chain: tuple[x509.Certificate, ...] = ()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def fingerprint(public_raw: bytes) -> str:
    """A short, readable fingerprint of a public key: SHA-256, grouped hex."""
    digest = hashlib.sha256(public_raw).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def _derive(passphrase: str, salt: bytes, params: dict[str, int]) -> bytes:
    return Scrypt(salt=salt, length=32, **params).derive(passphrase.encode("utf-8"))


def _self_issued_certificate(key: ec.EllipticCurvePrivateKey, org_code: str, org_name: str,
                             now: datetime) -> x509.Certificate:
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org_name),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, org_code),
        x509.NameAttribute(NameOID.COMMON_NAME, f"{org_name} 专项整治报告签名"),
    ])
    return (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )


def create_keystore(path: Path, passphrase: str, *, org_code: str, org_name: str, now: datetime) -> dict[str, Any]:
    """Create the keystore file; refuses to overwrite one. Returns its public part."""
    if path.exists():
        raise InputRejected("keystore.exists", path=str(path))
    signing = ed25519.Ed25519PrivateKey.generate()
    exchange = x25519.X25519PrivateKey.generate()
    pdf_key = ec.generate_private_key(ec.SECP256R1())
    cert = _self_issued_certificate(pdf_key, org_code, org_name, now)
    private = {
        "ed25519": _b64(signing.private_bytes_raw()),
        "x25519": _b64(exchange.private_bytes_raw()),
        "p256": _b64(pdf_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption())),
        "mask_secret": _b64(secrets.token_bytes(32)),
    }
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    aad = f"{FORMAT}|{org_code}".encode()
    sealed = AESGCM(_derive(passphrase, salt, _SCRYPT)).encrypt(nonce, json.dumps(private).encode(), aad)
    sign_pub = signing.public_key().public_bytes(*_RAW)
    exch_pub = exchange.public_key().public_bytes(*_RAW)
    doc = {
        "format": FORMAT,
        "org": {"code": org_code, "name": org_name},
        "created": now.isoformat(),
        "public": {
            "ed25519": _b64(sign_pub),
            "x25519": _b64(exch_pub),
            "certificate_pem": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"),
            "fingerprints": {
                "ed25519": fingerprint(sign_pub),
                "x25519": fingerprint(exch_pub),
                "certificate_sha256": cert.fingerprint(hashes.SHA256()).hex().upper(),
            },
        },
        "private": {"kdf": "scrypt", **_SCRYPT, "salt": _b64(salt), "nonce": _b64(nonce),
                    "cipher": "AES-256-GCM", "ciphertext": _b64(sealed)},
        "audit_heads": {},
    }
    _write_atomically(path, doc)
    return dict(doc["public"])  # type: ignore[arg-type]


def read_keystore(path: Path) -> dict[str, Any]:
    """The keystore document (public part readable without the passphrase)."""
    if not path.exists():
        raise InputRejected("keystore.missing", path=str(path))
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputRejected("keystore.corrupt", path=str(path)) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InputRejected("keystore.corrupt", path=str(path))
    return doc


def unlock(path: Path, passphrase: str) -> UnlockedKeys:
    """Open the private part; a wrong passphrase is refused with a clear message."""
    doc = read_keystore(path)
    private = _open_private(doc, passphrase, path)
    pdf_key = serialization.load_der_private_key(_unb64(private["p256"]), password=None)
    assert isinstance(pdf_key, ec.EllipticCurvePrivateKey)
    return UnlockedKeys(
        org_code=doc["org"]["code"],
        signing=ed25519.Ed25519PrivateKey.from_private_bytes(_unb64(private["ed25519"])),
        exchange=x25519.X25519PrivateKey.from_private_bytes(_unb64(private["x25519"])),
        pdf_key=pdf_key,
        certificate=pdf_certificate(doc),
        mask_secret=_unb64(private["mask_secret"]),
        chain=tuple(pdf_chain(doc)),
    )


def _aad(doc: dict[str, Any]) -> bytes:
    return f"{FORMAT}|{doc['org']['code']}".encode()


def _open_private(doc: dict[str, Any], passphrase: str, path: Path) -> dict[str, Any]:
    """The private part, opened with the passphrase; a wrong one is refused with a clear message."""
    sealed = doc["private"]
    params = {k: int(sealed[k]) for k in ("n", "r", "p")}
    try:
        plain = AESGCM(_derive(passphrase, _unb64(sealed["salt"]), params)).decrypt(
            _unb64(sealed["nonce"]), _unb64(sealed["ciphertext"]), _aad(doc))
    except InvalidTag as exc:
        raise InputRejected("keystore.bad_passphrase", path=str(path)) from exc
    private: dict[str, Any] = json.loads(plain)
    return private


def pdf_certificate(doc: dict[str, Any]) -> x509.Certificate:
    """The PDF-signing certificate of a keystore document (public: no passphrase needed)."""
    return x509.load_pem_x509_certificate(doc["public"]["certificate_pem"].encode("ascii"))


def pdf_chain(doc: dict[str, Any]) -> list[x509.Certificate]:
    """The issuer certificates above the PDF-signing certificate (none while it is self-issued)."""
    return [x509.load_pem_x509_certificate(pem.encode("ascii"))
            for pem in doc["public"].get("certificate_chain_pem", [])]


def replace_pdf_identity(path: Path, passphrase: str, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate,
                         chain: list[x509.Certificate]) -> dict[str, Any]:
    """Make an issued certificate (and its key) the org's PDF-signing identity; returns the public part.

    The private part is opened with the passphrase and sealed again (fresh salt and nonce) with the
    new P-256 key in it; every other key, the audit heads and the database key slots stay as they were.
    """
    with FileLock(str(path) + ".lock", timeout=30):
        doc = read_keystore(path)
        private = _open_private(doc, passphrase, path)
        private["p256"] = _b64(key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                 serialization.NoEncryption()))
        sealed = doc["private"]
        params = {k: int(sealed[k]) for k in ("n", "r", "p")}
        salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
        ciphertext = AESGCM(_derive(passphrase, salt, params)).encrypt(nonce, json.dumps(private).encode(),
                                                                        _aad(doc))
        doc["private"] = {**sealed, "salt": _b64(salt), "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}
        public = doc["public"]
        public["certificate_pem"] = cert.public_bytes(serialization.Encoding.PEM).decode("ascii")
        public["certificate_chain_pem"] = [c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in chain]
        public["fingerprints"]["certificate_sha256"] = cert.fingerprint(hashes.SHA256()).hex().upper()
        _write_atomically(path, doc)
    return dict(public)


def audit_head(path: Path, org_code: str) -> tuple[int, str] | None:
    """The audit-chain head recorded for an org, if any."""
    head = read_keystore(path).get("audit_heads", {}).get(org_code)
    return None if head is None else (int(head["seq"]), str(head["hash"]))


def record_audit_head(path: Path, org_code: str, seq: int, digest: str) -> None:
    """Remember the newest audit-chain head outside the database (never moves backwards).

    Several writers (GUI workers, a CLI beside the GUI) commit one after the other but
    publish their heads afterwards: the lock makes read-compare-write one step, so an
    older head can never overwrite a newer one.
    """
    with FileLock(str(path) + ".lock", timeout=30):
        doc = read_keystore(path)
        heads = doc.setdefault("audit_heads", {})
        current = heads.get(org_code)
        if current is not None and int(current["seq"]) >= seq:
            return
        heads[org_code] = {"seq": seq, "hash": digest}
        _write_atomically(path, doc)


def begin_restore(path: Path, org_code: str, seq: int, digest: str) -> None:
    """Before a restore commits: the chain will end at (seq, digest), behind the head recorded now.

    Kept beside the recorded head until `settle_restore` sees which of the two the database holds,
    so a restore killed on either side of its commit leaves a keystore that matches the database.
    """
    with FileLock(str(path) + ".lock", timeout=30):
        doc = read_keystore(path)
        doc.setdefault("restoring", {})[org_code] = {"seq": seq, "hash": digest}
        _write_atomically(path, doc)


def settle_restore(path: Path, holds: Callable[[str, int, str], bool]) -> None:
    """Finish (or forget) a restore `begin_restore` announced: `holds(org, seq, hash)` says whether
    the database's chain has that event, i.e. whether the restore was committed."""
    if not path.exists() or "restoring" not in read_keystore(path):
        return  # no keystore: opened to be read (a backup, a copy), nothing to settle
    with FileLock(str(path) + ".lock", timeout=30):
        doc = read_keystore(path)
        for org, head in doc.pop("restoring", {}).items():
            if holds(org, int(head["seq"]), str(head["hash"])):
                doc.setdefault("audit_heads", {})[org] = head  # the one move backwards there is
        _write_atomically(path, doc)


def write_keystore(path: Path, doc: dict[str, Any]) -> None:
    """Write a whole keystore document (one carried in a sealed backup) as a new file."""
    if doc.get("format") != FORMAT:
        raise InputRejected("keystore.corrupt", path=str(path))
    _write_atomically(path, doc)


def forget_database_key(path: Path) -> None:
    """A copy that is not encrypted (a server, a plain file) keeps no key slots."""
    with FileLock(str(path) + ".lock", timeout=30):
        doc = read_keystore(path)
        if doc.pop("database_key", None) is not None:
            _write_atomically(path, doc)


def _write_atomically(path: Path, doc: dict[str, Any]) -> None:
    write_bytes_atomically(path, json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8"))


# --- the database key of an encrypted installation (`init --encrypt`, SPEC §9) -------------------
#
# One random 256-bit key encrypts the database (SQLCipher). It is kept here wrapped once per user
# password (a key slot: Argon2id derives a key from the password, AES-256-GCM wraps the database
# key under it, the user's name bound in as associated data), so any valid login opens the
# database and a disabled user's slot is simply deleted. The slots never hold a password.

_SLOT_KDF = {"time_cost": 3, "memory_cost": 65536, "parallelism": 4}  # argon2-cffi's defaults


def _slot_kek(password: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hash_secret_raw(password.encode("utf-8"), salt, hash_len=32, type=Argon2Type.ID, **params)


def _slot_aad(name: str) -> bytes:
    return f"{FORMAT}|database-key|{name}".encode()


def _sealed_slot(database_key: bytes, name: str, password: str) -> dict[str, Any]:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(_slot_kek(password, salt, _SLOT_KDF)).encrypt(nonce, database_key, _slot_aad(name))
    return {"kdf": "argon2id", **_SLOT_KDF, "salt": _b64(salt), "nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def new_database_key(path: Path, name: str, password: str) -> bytes:
    """Make the database key of a new encrypted installation, with the first admin's slot."""
    with FileLock(str(path) + ".lock", timeout=30):
        doc = read_keystore(path)
        if "database_key" in doc:
            raise InputRejected("keystore.exists", path=str(path))
        key = secrets.token_bytes(32)
        doc["database_key"] = {"cipher": "SQLCipher 4 (AES-256)", "slots": {name: _sealed_slot(key, name, password)}}
        _write_atomically(path, doc)
    return key


def is_encrypted(doc: dict[str, Any]) -> bool:
    """Whether the keystore belongs to an encrypted database."""
    return "database_key" in doc


def unlock_database(path: Path, name: str, password: str, *, now: datetime | None = None) -> bytes:
    """The database key, through the user's slot; a wrong name or password is refused alike.

    Wrong passwords are counted in the slot (the database cannot be opened to count them there):
    after a few, the slot is locked for a growing time, as a login is (`domain.users.lock_until`).
    """
    at = now or datetime.now(UTC)
    doc = read_keystore(path)
    slot = doc.get("database_key", {}).get("slots", {}).get(name)
    if slot is None:
        _slot_kek(password, b"\0" * 16, _SLOT_KDF)  # as long as a real try: no telling which names exist
        raise InputRejected("login.failed")
    locked = slot.get("locked_until")
    if locked is not None and datetime.fromisoformat(locked) > at:
        seconds = max(1, int((datetime.fromisoformat(locked) - at).total_seconds() + 0.999))
        raise InputRejected("login.locked", name=name, seconds=seconds)
    params = {k: int(slot[k]) for k in _SLOT_KDF}
    try:
        key = AESGCM(_slot_kek(password, _unb64(slot["salt"]), params)).decrypt(
            _unb64(slot["nonce"]), _unb64(slot["wrapped"]), _slot_aad(name))
    except InvalidTag as exc:
        _count_failure(path, name, at)
        raise InputRejected("login.failed") from exc
    if slot.get("failures"):
        _count_failure(path, name, None)
    return key


def _count_failure(path: Path, name: str, at: datetime | None) -> None:
    """One more wrong password for a slot (`at`), or none any more (None)."""
    with FileLock(str(path) + ".lock", timeout=30):
        doc = read_keystore(path)
        slot = doc.get("database_key", {}).get("slots", {}).get(name)
        if slot is None:
            return
        failures = 0 if at is None else int(slot.get("failures", 0)) + 1
        until = None if at is None else lock_until(failures, at)
        slot["failures"] = failures
        slot["locked_until"] = None if until is None else until.isoformat()
        _write_atomically(path, doc)


def set_slot(path: Path, database_key: bytes, name: str, password: str) -> None:
    """Give a user (new, or with a new password) a slot that opens the database."""
    with FileLock(str(path) + ".lock", timeout=30):
        doc = read_keystore(path)
        doc["database_key"]["slots"][name] = _sealed_slot(database_key, name, password)
        _write_atomically(path, doc)


def remove_slot(path: Path, name: str) -> None:
    """A disabled user's slot is gone: their password no longer opens the database."""
    with FileLock(str(path) + ".lock", timeout=30):
        doc = read_keystore(path)
        if doc["database_key"]["slots"].pop(name, None) is not None:
            _write_atomically(path, doc)


def slot_names(path: Path) -> list[str]:
    """Whose passwords open the database."""
    return sorted(read_keystore(path).get("database_key", {}).get("slots", {}))
