"""X.509 certificates for PDF signatures (SPEC §7, §12): read, describe, issue, and carry as PKCS#12.

A county (or prefecture) acts as a small certificate authority for the units below it: its
keystore certificate is a CA with path length 0, so it may issue end-entity certificates, and a
township imports the one issued to it as a PKCS#12 file. All primitives come from `cryptography`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from yikatong_desktop.domain.errors import InputRejected

#: An issued certificate is valid this long (three years covers the campaign and its follow-up).
ISSUED_YEARS = 3


@dataclass(frozen=True)
class CertificateInfo:
    """What people need to know about a certificate to recognise it."""

    common_name: str
    org_name: str
    org_code: str  # the OU: the org unit's code ("" when the certificate has none)
    issuer: str
    not_before: datetime
    not_after: datetime
    fingerprint: str  # SHA-256 of the DER certificate, upper-case hex
    is_ca: bool


def fingerprint(cert: x509.Certificate) -> str:
    """The SHA-256 fingerprint of a certificate, upper-case hex (what `keys show` prints)."""
    return cert.fingerprint(hashes.SHA256()).hex().upper()


def grouped(hex_digits: str) -> str:
    """A fingerprint in groups of four, for reading it out over the phone."""
    clean = normalise_fingerprint(hex_digits)
    return " ".join(clean[i:i + 4] for i in range(0, len(clean), 4))


def normalise_fingerprint(text: str) -> str:
    """A fingerprint as typed (spaces, colons, lower case) → upper-case hex."""
    return "".join(ch for ch in text.upper() if ch in "0123456789ABCDEF")


def _attribute(name: x509.Name, oid: x509.ObjectIdentifier) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def describe(cert: x509.Certificate) -> CertificateInfo:
    """Subject, issuer, validity and fingerprint of a certificate."""
    try:
        ca = bool(cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
    except x509.ExtensionNotFound:
        ca = False
    issuer = _attribute(cert.issuer, NameOID.COMMON_NAME) or cert.issuer.rfc4514_string()
    return CertificateInfo(
        common_name=_attribute(cert.subject, NameOID.COMMON_NAME),
        org_name=_attribute(cert.subject, NameOID.ORGANIZATION_NAME),
        org_code=_attribute(cert.subject, NameOID.ORGANIZATIONAL_UNIT_NAME),
        issuer=issuer, not_before=cert.not_valid_before_utc, not_after=cert.not_valid_after_utc,
        fingerprint=fingerprint(cert), is_ca=ca)


def to_pem(cert: x509.Certificate) -> str:
    """The certificate as PEM text."""
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def load_certificate(data: bytes, *, name: str = "") -> x509.Certificate:
    """A certificate from a .pem/.crt (PEM) or .cer/.der (DER) file; anything else is refused."""
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise InputRejected("keys.not_certificate", file=name) from exc


def issue_certificate(issuer_key: ec.EllipticCurvePrivateKey, issuer_cert: x509.Certificate, *,
                      org_code: str, org_name: str, now: datetime,
                      ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A new P-256 key and an end-entity certificate for an org unit, signed by the issuer's key.

    The subject is laid out as the keystore's self-issued certificate (O = name, OU = code), so a
    verifier reads the org the same way whoever issued the certificate.
    """
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org_name),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, org_code),
        x509.NameAttribute(NameOID.COMMON_NAME, f"{org_name} 专项整治报告签名"),
    ])
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(issuer_cert.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * ISSUED_YEARS + 1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()),
                       critical=False)
        .sign(issuer_key, hashes.SHA256())
    )
    return key, cert


def write_pkcs12(key: ec.EllipticCurvePrivateKey, cert: x509.Certificate, chain: list[x509.Certificate],
                 passphrase: str, *, friendly_name: str) -> bytes:
    """Key, certificate and issuer chain as a PKCS#12 file encrypted under a passphrase."""
    return pkcs12.serialize_key_and_certificates(
        friendly_name.encode("utf-8"), key, cert, chain,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")))


def read_pkcs12(data: bytes, passphrase: str, *, name: str = "",
                ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate, list[x509.Certificate]]:
    """Key, certificate and chain from a PKCS#12 file; a wrong passphrase or a damaged file is refused."""
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8"))
    except ValueError as exc:
        raise InputRejected("keys.p12_unreadable", file=name) from exc
    if cert is None or key is None:
        raise InputRejected("keys.p12_incomplete", file=name)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise InputRejected("keys.p12_not_p256", file=name)
    spki = serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    if key.public_key().public_bytes(*spki) != cert.public_key().public_bytes(*spki):
        raise InputRejected("keys.p12_key_mismatch", file=name)
    return key, cert, list(chain)


def issued_by(cert: x509.Certificate, issuer: x509.Certificate) -> bool:
    """Whether `issuer`'s key signed `cert` (and the names agree)."""
    if cert.issuer != issuer.subject:
        return False
    try:
        cert.verify_directly_issued_by(issuer)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True
