"""Signing PDFs and deciding whom to trust (SPEC §7, §12).

The signer is an interface: `PadesSigner` (pyHanko, ECDSA P-256, the keystore's certificate) is the
one there is; a GB/T 38540 (SM2) seal provider can be added behind the same `PdfSigner` protocol.
Whatever signs, the product says plainly that a PAdES signature is not a legal 电子签章/公章.

Trust: our own certificate (read from the keystore without the passphrase), plus certificates
imported on purpose — another org's, or the county's that issued ours — kept in the setting
`pdf.trusted_certificates` with who added them and when. Every change to either is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.orgs import OrgLevel
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.formats import certificates, keystore, pdf_signature
from yikatong_desktop.formats.files import write_bytes_atomically
from yikatong_desktop.formats.pdf_signature import SignatureCheck
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage.unit_of_work import UnitOfWork

TRUSTED_SETTING = "pdf.trusted_certificates"
TIMESTAMP_SETTING = "pdf.timestamp_url"
#: Units a certificate may be issued to: those that run an installation of their own.
_ISSUABLE = {OrgLevel.COUNTY.value, OrgLevel.TOWNSHIP.value, OrgLevel.DEPARTMENT.value}


class PdfSigner(Protocol):
    """Something that signs a finished PDF (the report services call only this)."""

    @property
    def signer_name(self) -> str:
        """The person, as the stamp names them."""
        ...

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate it signs with (hex)."""
        ...

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes:
        """The PDF with one more signature."""
        ...

    def describe(self) -> str:
        """What kind of signature this is and with which certificate, for people."""
        ...


@dataclass(frozen=True)
class PadesSigner:
    """PAdES B-B (B-T with a timestamp server) with the org's P-256 key and certificate."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate
    chain: tuple[x509.Certificate, ...]
    org_name: str
    signer_name: str
    timestamp_url: str | None = None

    def sign(self, pdf: bytes, *, reason: str, location: str) -> bytes:
        """The PDF signed, with a visible stamp (org, signer, date, "非法定电子签章") on its last page."""
        return pdf_signature.sign_pdf(pdf, self.key, self.certificate, list(self.chain),
                                      signer_name=self.signer_name, org_name=self.org_name, reason=reason,
                                      location=location, timestamp_url=self.timestamp_url)

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate (hex)."""
        return certificates.fingerprint(self.certificate)

    def describe(self) -> str:
        """Signature kind, certificate and fingerprint, then the sentence saying it is no legal seal."""
        info = certificates.describe(self.certificate)
        return (message("sign.describe", subject=info.common_name, fingerprint=certificates.grouped(info.fingerprint))
                + "。" + message("sign.not_legal_seal"))


def open_signer(actor: Actor, keystore_path: Path, passphrase: str, *, signer_name: str | None = None,
                timestamp_url: str | None = None) -> PadesSigner:
    """The org's signer, unlocked with the key passphrase; `signer_name` defaults to the acting user."""
    authorize(actor, Action.SIGN)
    keys = keystore.unlock(keystore_path, passphrase)
    doc = keystore.read_keystore(keystore_path)
    name = signer_name or actor.name.removeprefix("os:")
    return PadesSigner(keys.pdf_key, keys.certificate, keys.chain, str(doc["org"]["name"]), name, timestamp_url)


@dataclass(frozen=True)
class TrustedCertificate:
    """A certificate signatures are trusted under, and where it came from."""

    certificate: x509.Certificate
    info: certificates.CertificateInfo
    note: str  # 本单位 / 签发本单位证书的上级 / 本单位以前的证书 / what the clerk wrote
    added_by: str | None = None
    added_at: str | None = None
    own: bool = False


def trusted_certificates(uow: UnitOfWork, keystore_path: Path) -> list[TrustedCertificate]:
    """Our own certificate first, then the imported ones in the order they were added."""
    own = keystore.pdf_certificate(keystore.read_keystore(keystore_path))
    found = [TrustedCertificate(own, certificates.describe(own), message("keys.own_label"), own=True)]
    for entry in _stored(uow):
        cert = x509.load_pem_x509_certificate(entry["pem"].encode("ascii"))
        found.append(TrustedCertificate(cert, certificates.describe(cert), entry.get("note", ""),
                                        entry.get("added_by"), entry.get("added_at")))
    return found


def _stored(uow: UnitOfWork) -> list[dict[str, Any]]:
    return list(uow.get_setting(TRUSTED_SETTING, []))


def trust_certificate(uow: UnitOfWork, actor: Actor, keystore_path: Path, data: bytes, *, file_name: str = "",
                      note: str = "", expect_fingerprint: str | None = None) -> tuple[TrustedCertificate, bool]:
    """Trust signatures under a certificate (PEM or DER); returns it and whether it was new. Audited."""
    authorize(actor, Action.MANAGE_KEYS)
    cert = certificates.load_certificate(data, name=file_name)
    info = certificates.describe(cert)
    if expect_fingerprint is not None:
        given = certificates.normalise_fingerprint(expect_fingerprint)
        if not given or not info.fingerprint.startswith(given) or len(given) < 16:
            raise InputRejected("keys.fingerprint_mismatch", actual=certificates.grouped(info.fingerprint),
                                given=expect_fingerprint)
    own = keystore.pdf_certificate(keystore.read_keystore(keystore_path))
    return _add_trusted(uow, actor, cert, note or file_name, own=own)


def _add_trusted(uow: UnitOfWork, actor: Actor, cert: x509.Certificate, note: str, *,
                 own: x509.Certificate) -> tuple[TrustedCertificate, bool]:
    """Add a certificate to the trusted ones unless it is `own` or there already."""
    info = certificates.describe(cert)
    if certificates.fingerprint(own) == info.fingerprint:
        return TrustedCertificate(own, info, message("keys.own_label"), own=True), False
    for entry in _stored(uow):
        if entry["fingerprint"] == info.fingerprint:
            return TrustedCertificate(cert, info, entry.get("note", ""), entry.get("added_by"),
                                      entry.get("added_at")), False
    at = uow.clock.now().isoformat()
    entry = {"pem": certificates.to_pem(cert), "fingerprint": info.fingerprint, "subject": info.common_name,
             "org_code": info.org_code, "note": note, "added_by": actor.name, "added_at": at}
    uow.set_setting(TRUSTED_SETTING, [*_stored(uow), entry])
    record_event(uow, actor, "keys.trust_cert",
                 detail={"fingerprint": info.fingerprint, "subject": info.common_name, "org": info.org_code,
                         "issuer": info.issuer, "not_after": info.not_after.isoformat(), "note": note})
    return TrustedCertificate(cert, info, note, actor.name, at), True


def verify(uow: UnitOfWork, actor: Actor, pdf: bytes, *, keystore_path: Path) -> list[SignatureCheck]:
    """Every signature of a PDF checked offline against the trusted certificates (none: an empty list)."""
    authorize(actor, Action.VERIFY)
    trusted = [t.certificate for t in trusted_certificates(uow, keystore_path)]
    return pdf_signature.verify_pdf(pdf, trusted)


@dataclass(frozen=True)
class IssuedCertificate:
    """What `ykt keys issue-cert` made."""

    org_code: str
    org_name: str
    info: certificates.CertificateInfo
    path: Path


def issue_certificate(uow: UnitOfWork, actor: Actor, keystore_path: Path, passphrase: str, org: str,
                      p12_passphrase: str, out: Path) -> IssuedCertificate:
    """As a small CA: a new key and certificate for a unit below us, written as PKCS#12 to `out`. Audited."""
    authorize(actor, Action.MANAGE_KEYS)
    code, name = _unit_below(uow, org)
    keys = keystore.unlock(keystore_path, passphrase)
    if not certificates.describe(keys.certificate).is_ca:
        raise InputRejected("keys.not_ca")
    # Certificates live in real time, not the installation's clock: signatures carry the computer's
    # time (pyHanko's) and verifiers check validity against theirs, so a demo's fixed 2019 clock would
    # issue a certificate already expired when it is first used.
    key, cert = certificates.issue_certificate(keys.pdf_key, keys.certificate, org_code=code, org_name=name,
                                               now=datetime.now(UTC))
    write_bytes_atomically(out, certificates.write_pkcs12(key, cert, [keys.certificate], p12_passphrase,
                                                          friendly_name=f"{name} {code}"))
    info = certificates.describe(cert)
    record_event(uow, actor, "keys.issue_cert",
                 detail={"org": code, "name": name, "fingerprint": info.fingerprint,
                         "serial": f"{cert.serial_number:x}", "not_after": info.not_after.isoformat(),
                         "file": out.name})
    return IssuedCertificate(code, name, info, out)


def _unit_below(uow: UnitOfWork, text: str) -> tuple[str, str]:
    key = text.strip()
    found = uow.records.org_by_code(key)
    if found is None or found.voided:
        named = uow.records.orgs_named(key)
        if not named:
            raise InputRejected("keys.unknown_org", org=text)
        if len(named) > 1:
            raise InputRejected("keys.ambiguous_org", org=text, choices="、".join(str(r.code) for r in named))
        found = named[0]
    code, name, own = str(found.code), str(found.name), org_code(uow)
    parent, seen = found.parent_code, {code}
    while parent is not None and parent != own and parent not in seen:
        seen.add(parent)
        row = uow.records.org_by_code(parent)
        parent = None if row is None else row.parent_code
    if parent != own:
        raise InputRejected("keys.not_below", name=name, code=code)
    if found.level not in _ISSUABLE:
        raise InputRejected("keys.bad_level", name=name, code=code)
    return code, name


@dataclass(frozen=True)
class ImportedCertificate:
    """What `ykt keys import-cert` changed."""

    info: certificates.CertificateInfo
    issuer: certificates.CertificateInfo


def import_certificate(uow: UnitOfWork, actor: Actor, keystore_path: Path, passphrase: str, data: bytes,
                       p12_passphrase: str, *, file_name: str = "") -> ImportedCertificate:
    """Make a certificate our superior issued (PKCS#12) the org's signing identity; its issuer becomes trusted.

    Checked first: it is for our org code, its key matches, and the issuer in the file signed it. The
    certificate it replaces stays trusted, so reports signed before still verify. The keystore is
    rewritten last; the caller commits right after (settings and the audit event).
    """
    authorize(actor, Action.MANAGE_KEYS)
    key, cert, chain = certificates.read_pkcs12(data, p12_passphrase, name=file_name)
    info, own = certificates.describe(cert), org_code(uow)
    if info.org_code != own:
        raise InputRejected("keys.p12_other_org", file=file_name, name=info.org_name, code=info.org_code, own=own)
    issuers = [c for c in chain if certificates.issued_by(cert, c)]
    if not issuers:
        raise InputRejected("keys.p12_no_issuer", file=file_name)
    issuer = issuers[0]
    keystore.unlock(keystore_path, passphrase)  # a wrong passphrase stops here, before anything changes
    previous = keystore.pdf_certificate(keystore.read_keystore(keystore_path))
    _add_trusted(uow, actor, issuer, message("keys.issuer_label", "zh"), own=cert)
    _add_trusted(uow, actor, previous, message("keys.previous_label", "zh"), own=cert)
    record_event(uow, actor, "keys.import_cert",
                 detail={"fingerprint": info.fingerprint, "issuer": certificates.describe(issuer).common_name,
                         "issuer_fingerprint": certificates.fingerprint(issuer),
                         "previous_fingerprint": certificates.fingerprint(previous),
                         "not_after": info.not_after.isoformat(), "file": file_name})
    keystore.replace_pdf_identity(keystore_path, passphrase, key, cert, [issuer])
    return ImportedCertificate(info, certificates.describe(issuer))


def timestamp_url(uow: UnitOfWork) -> str | None:
    """The RFC 3161 timestamp server reports are signed with (PAdES B-T), if one is set."""
    value = uow.get_setting(TIMESTAMP_SETTING)
    return str(value) if value else None


def set_timestamp_url(uow: UnitOfWork, actor: Actor, url: str | None) -> None:
    """Set or clear the timestamp server; audited."""
    authorize(actor, Action.SETTINGS)
    if url and not url.startswith(("http://", "https://")):
        raise InputRejected("report.bad_timestamp_url", url=url)
    before = timestamp_url(uow)
    uow.set_setting(TIMESTAMP_SETTING, url or None)
    record_event(uow, actor, "settings.timestamp_url", detail={"before": before, "after": url or None})
