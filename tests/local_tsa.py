"""A local RFC 3161 timestamp server for tests: real HTTP on 127.0.0.1, real tokens, a throwaway TSA.

The tokens come from pyHanko's own test TSA (`DummyTimeStamper`: TSTInfo, CMS SignedData, signing
certificate attribute); this module only puts it behind `http.server` in a background thread, the way
a timestamp service is reached in the field (POST `application/timestamp-query`, answer
`application/timestamp-reply`). The TSA's certificates are made here with `cryptography`: a small root
and an RSA signing certificate under it (pyHanko's test TSA signs with RSA only) whose extended key
usage is timeStamping, critical, as RFC 3161 requires.

Use it as a context manager (a fixture starts and stops it):

    with LocalTsa(identity, fixed_time=when) as tsa:
        sign_pdf(..., timestamp_url=tsa.url)

`mode` makes it misbehave the ways a real service can: HTTP 500, garbage with the right content type,
the wrong content type, a refusal (PKIStatus rejection), a well-formed token for the wrong data (its
message imprint is not the signature's), or no answer at all until it is stopped.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar, Literal

from asn1crypto import cms, tsp
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

Mode = Literal["ok", "error", "garbage", "wrong_type", "rejected", "wrong_imprint", "hang"]
QUERY_TYPE = "application/timestamp-query"
REPLY_TYPE = "application/timestamp-reply"


@dataclass(frozen=True)
class TsaIdentity:
    """A throwaway TSA: the root to trust, and the certificate and key that sign the tokens."""

    root: x509.Certificate
    cert: x509.Certificate
    key: rsa.RSAPrivateKey


def make_tsa_identity(name: str = "Test TSA", *, now: datetime | None = None) -> TsaIdentity:
    """A root (EC P-256, CA) and a TSA certificate (RSA 2048, EKU timeStamping critical) under it.

    Valid from a year before `now` to a year after, so a fixed token time near now is inside both.
    """
    now = now or datetime.now(UTC)
    start, end = now - timedelta(days=365), now + timedelta(days=365)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"{name} Root"),
                           x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test TSA")])
    root = (x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
            .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name),
                                     x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test TSA")]))
            .issuer_name(root_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False)
            .sign(root_key, hashes.SHA256()))
    return TsaIdentity(root, cert, key)


class _Refusal(tsp.TimeStampResp):
    """TimeStampResp as RFC 3161 defines it, where a refusal carries no token (asn1crypto makes it required)."""

    _fields: ClassVar[list[Any]] = [("status", tsp.PKIStatusInfo),
                                    ("time_stamp_token", cms.ContentInfo, {"optional": True})]


def _asn1_cert(cert: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def closed_port_url() -> str:
    """An http:// URL on 127.0.0.1 where nothing listens (a port just freed)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


class LocalTsa:
    """An RFC 3161 timestamp server on a free port of 127.0.0.1, in a background thread."""

    def __init__(self, identity: TsaIdentity | None = None, *, fixed_time: datetime | None = None,
                 mode: Mode = "ok") -> None:
        from pyhanko.sign.timestamps import DummyTimeStamper
        from pyhanko_certvalidator.registry import SimpleCertificateStore

        self.identity = identity or make_tsa_identity()
        self.fixed_time = fixed_time
        self.mode: Mode = mode
        self.answered = 0  # POSTs answered with a granted token
        self.received = 0  # POSTs received, whatever the answer
        key = asn1_keys.PrivateKeyInfo.load(self.identity.key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
        embedded = SimpleCertificateStore.from_certs([_asn1_cert(self.identity.cert)])
        self._stamper = DummyTimeStamper(tsa_cert=_asn1_cert(self.identity.cert), tsa_key=key,
                                         certs_to_embed=embedded, fixed_dt=fixed_time)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Where it listens: http://127.0.0.1:PORT/."""
        assert self._server is not None, "the TSA is not running"
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def start(self) -> LocalTsa:
        """Listen on a free port and serve in a daemon thread."""
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="local-tsa", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving (a request left hanging is released) and free the port."""
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> LocalTsa:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def respond(self, body: bytes, content_type: str | None) -> tuple[int, str, bytes]:
        """Status, content type and body for one POST, by the current mode."""
        with self._lock:
            self.received += 1
            mode = self.mode
        if mode == "hang":
            self._stopping.wait(timeout=120)
            return 503, "text/plain", b"stopped"
        if mode == "error":
            return 500, "text/plain", b"internal error"
        if mode == "garbage":
            return 200, REPLY_TYPE, b"\x30\x03garbage, not a TimeStampResp"
        if content_type != QUERY_TYPE:
            return 415, "text/plain", b"expected application/timestamp-query"
        request = tsp.TimeStampReq.load(body)
        if mode == "wrong_type":
            return 200, "text/html", b"<html>maintenance</html>"
        if mode == "rejected":
            refusal = _Refusal({"status": tsp.PKIStatusInfo({
                "status": "rejection", "status_string": ["service closed for the test"],
                "fail_info": tsp.PKIFailureInfo({"system_failure"})})})
            return 200, REPLY_TYPE, refusal.dump()
        if mode == "wrong_imprint":
            request = _other_imprint(request)
        response = self._stamper.request_tsa_response(request)
        with self._lock:
            self.answered += 1
        return 200, REPLY_TYPE, response.dump()


def _other_imprint(request: tsp.TimeStampReq) -> tsp.TimeStampReq:
    """The same request for a different digest (every bit flipped)."""
    imprint = request["message_imprint"]
    other = tsp.MessageImprint({"hash_algorithm": imprint["hash_algorithm"],
                                "hashed_message": bytes(b ^ 0xFF for b in imprint["hashed_message"].native)})
    fields: dict[str, Any] = {"version": "v1", "message_imprint": other, "cert_req": True}
    if request["nonce"].native is not None:
        fields["nonce"] = request["nonce"]
    return tsp.TimeStampReq(fields)


def _handler(tsa: LocalTsa) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # the name http.server calls
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            status, content_type, answer = tsa.respond(body, self.headers.get("Content-Type"))
            try:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(answer)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(answer)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting ("hang"): nobody to answer

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests look at what the client got, not at an access log."""

    return Handler
