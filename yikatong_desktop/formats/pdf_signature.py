"""PAdES signatures on PDFs (SPEC §7): sign with the org's P-256 key, verify offline against trusted certificates.

pyHanko does the PDF and CMS work: a PAdES baseline B-B signature (B-T when a timestamp server is
given), ECDSA P-256 with SHA-256, added as an incremental update with a visible stamp at the foot of
the last page. The stamp says in Chinese who signed and when, and that this is a digital signature,
not a legal 电子签章/公章 (GB/T 38540). Verification never goes online: trust comes only from the
certificates passed in, and missing revocation information is accepted (our CAs are a county's own
keystore, which publishes no CRL or OCSP).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.messages import message
from yikatong_desktop.formats import certificates
from yikatong_desktop.paths import cjk_font_path

log = logging.getLogger("yikatong.pdf_signature")
# pyHanko logs an untrusted certificate as a warning with a traceback, and fontTools warns about
# tables it drops: with no handler of their own, Python would print those on stderr, which is for
# messages to people. What matters is in the SignatureCheck; the libraries' details stay silent.
for _library in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
    logging.getLogger(_library).addHandler(logging.NullHandler())

MM = 72 / 25.4
#: The stamp sits in the bottom margin (18 mm in our documents), right-aligned with the text, clear of
#: the centred "第 x 页 共 y 页": 72 × 15 mm, 2.5 mm above the page edge.
STAMP_WIDTH, STAMP_HEIGHT, STAMP_BOTTOM, STAMP_RIGHT = 72 * MM, 15 * MM, 2.5 * MM, 18 * MM
STAMP_FONT_SIZE = 8
NOT_A_SEAL = "数字签名（非法定电子签章）"
#: Seconds a request to the timestamp server may take in all (connecting, sending, the answer).
TIMESTAMP_TIMEOUT = 20


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of a PDF, as `ykt verify` reports it."""

    field: str
    signer: str  # the certificate's CN
    org: str  # its O
    org_code: str  # its OU ("" when absent)
    signing_time: datetime | None  # the trusted timestamp's time if there is one, else the signer's computer's
    timestamped: bool  # B-T: a sound timestamp token (intact, validly signed) from a timestamp server is embedded
    timestamp_trusted: bool  # … and its timestamp server chains to a trusted certificate
    intact: bool  # the signed bytes are unchanged
    valid: bool  # the signature is cryptographically valid
    trusted: bool  # the certificate chains to a trusted certificate
    covers_whole_document: bool  # nothing was changed after signing (later signatures aside)
    fingerprint: str  # SHA-256 of the signer's certificate, upper-case hex
    status: str  # trusted | untrusted | modified | invalid

    @property
    def ok(self) -> bool:
        """Valid, intact, unchanged since and by a trusted signer."""
        return self.status == "trusted"

    @property
    def reason_zh(self) -> str:
        """The verdict in one Chinese sentence."""
        return self.reason("zh")

    def reason(self, lang: str | None = None) -> str:
        """The verdict in one sentence, in the chosen language."""
        return message(f"sign.status.{self.status}", lang)


def sign_pdf(pdf: bytes, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate, chain: Sequence[x509.Certificate],
             *, signer_name: str, org_name: str, reason: str, location: str,
             timestamp_url: str | None = None) -> bytes:
    """The PDF with one more signature: PAdES B-B (B-T with `timestamp_url`), a visible stamp on the last page."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers
    from pyhanko.sign.timestamps import TimestampRequestError
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    _require_pdf(pdf)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        existing = len(writer.prev.embedded_signatures)
        box = _stamp_box(writer.prev)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise InputRejected("sign.not_pdf") from exc
    field_name = f"Signature{existing + 1}"
    signing_cert = _asn1_cert(cert)
    store = SimpleCertificateStore()  # type: ignore[no-untyped-call]  # the chain travels in the signature
    for member in [signing_cert, *(_asn1_cert(c) for c in chain)]:
        store.register(member)
    signer = signers.SimpleSigner(signing_cert=signing_cert, signing_key=_asn1_key(key), cert_registry=store)
    meta = signers.PdfSignatureMetadata(field_name=field_name, md_algorithm="sha256",
                                        subfilter=fields.SigSeedSubFilter.PADES, reason=reason, location=location,
                                        name=signer_name)
    now = datetime.now(LOCAL_TZ)  # pyHanko records its own signing time from the same system clock
    text = "\n".join([NOT_A_SEAL, f"单位：{org_name}", f"签名人：{signer_name}　{now.year}年{now.month}月{now.day}日"])
    pdf_signer = signers.PdfSigner(meta, signer, timestamper=_timestamper(timestamp_url),
                                   stamp_style=_stamp_style(text),
                                   new_field_spec=fields.SigFieldSpec(field_name, on_page=-1, box=box))
    try:
        out = pdf_signer.sign_pdf(writer, appearance_text_params={"text": text})
    except (TimestampRequestError, TimeoutError) as exc:  # only a timestamp server is ever contacted
        raise InputRejected("sign.timestamp_failed", url=timestamp_url) from exc
    return bytes(out.getvalue())


def _require_pdf(data: bytes) -> None:
    if b"%PDF-" not in data[:1024]:
        raise InputRejected("sign.not_pdf")


def _asn1_cert(cert: x509.Certificate) -> Any:
    """The certificate as pyHanko takes it (asn1crypto), through DER."""
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _asn1_key(key: ec.EllipticCurvePrivateKey) -> Any:
    from asn1crypto import keys as asn1_keys

    return asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))


def _stamp_box(reader: Any) -> tuple[int, int, int, int]:
    """Bottom right of the last page, inside the bottom margin (page size from its MediaBox)."""
    page_ref, _resources = reader.find_page_for_modification(-1)
    node = page_ref.get_object()
    media = None
    while node is not None and media is None:
        media = node.get("/MediaBox")
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    x0, y0, x1, _y1 = (float(v) for v in (media or (0, 0, 595.28, 841.89)))
    right = x1 - STAMP_RIGHT
    left = max(x0, right - STAMP_WIDTH)
    return round(left), round(y0 + STAMP_BOTTOM), round(right), round(y0 + STAMP_BOTTOM + STAMP_HEIGHT)


def _timestamper(url: str | None) -> Any:
    if url is None:
        return None
    return _timestamper_class()(url, timeout=TIMESTAMP_TIMEOUT)


@cache
def _timestamper_class() -> Any:
    """pyHanko's HTTP timestamp client, with an answer that is not a TimeStampResp (a proxy's error page
    sent as application/timestamp-reply, a truncated body) failing like any other timestamp server error:
    pyHanko lets asn1crypto's parse errors through."""
    from pyhanko.sign.timestamps import HTTPTimeStamper, TimestampRequestError

    class Timestamper(HTTPTimeStamper):
        async def async_timestamp(self, message_digest: bytes, md_algorithm: str) -> Any:
            try:
                return await super().async_timestamp(message_digest, md_algorithm)
            except (ValueError, TypeError, KeyError) as exc:
                raise TimestampRequestError("the timestamp server's answer is not a TimeStampResp") from exc

    return Timestamper


def _stamp_style(text: str) -> Any:
    """Three lines, left-aligned in a thin frame; shrunk (never clipped) when an org's name is long."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    font = _stamp_font_class()(_font_program(frozenset(text)), STAMP_FONT_SIZE)
    left = layout.AxisAlignment.ALIGN_MIN
    middle = layout.AxisAlignment.ALIGN_MID
    # The font engine and the text box must agree on the size, or lines after the first drift sideways.
    box = TextBoxStyle(font=font, font_size=STAMP_FONT_SIZE, leading=STAMP_FONT_SIZE + 2,
                       box_layout_rule=layout.SimpleBoxLayoutRule(x_align=left, y_align=middle,
                                                                  margins=layout.Margins(1, 1, 1, 1)))
    return TextStampStyle(stamp_text="%(text)s", border_width=1, text_box_style=box,
                          inner_content_layout=layout.SimpleBoxLayoutRule(
                              x_align=left, y_align=middle, margins=layout.Margins(left=8, right=4, top=3, bottom=3)))


@cache
def _font_program(chars: frozenset[str]) -> bytes:
    """The product's CJK font cut down to the stamp's characters and rescaled to 1000 units per em.

    pyHanko writes glyph widths in the font's own units while PDF reads them per 1000: with
    WenQuanYi's 2048 units every character would take twice its width. Cutting the 4.6 MB font
    down first also makes signing fast.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(cjk_font_path()))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.drop_tables += ["FFTM"]  # a FontForge timestamp fontTools cannot subset (and warns about)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    scale_upem(font, 1000)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@cache
def _stamp_font_class() -> Any:
    """A pyHanko font engine factory over font bytes in memory (GlyphAccumulatorFactory takes a file path);
    defined on first use so that importing this module does not load pyHanko."""
    from pyhanko.pdf_utils.font.api import FontEngineFactory
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator

    class StampFont(FontEngineFactory):
        def __init__(self, program: bytes, size: int) -> None:
            self.program, self.size = program, size

        def create_font_engine(self, writer: Any, obj_stream: Any = None) -> Any:
            if obj_stream is None and writer.stream_xrefs:
                obj_stream = writer.prepare_object_stream()
            return GlyphAccumulator(writer=writer, font_handle=io.BytesIO(self.program), font_size=self.size,
                                    obj_stream=obj_stream)

    return StampFont


def verify_pdf(pdf: bytes, trusted: Sequence[x509.Certificate]) -> list[SignatureCheck]:
    """Every signature of the PDF checked offline against the trusted certificates (none: an empty list).

    Something that is not a readable PDF is refused (InputRejected), whatever is wrong with it.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader

    _require_pdf(pdf)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_regular_signatures)
    except Exception as exc:  # a parser fed outside input fails in many ways; all mean "not a PDF we can read"
        raise InputRejected("sign.not_pdf") from exc
    roots = [_asn1_cert(c) for c in trusted]
    statuses = [_validate(sig, roots) for sig in embedded]
    # A signature followed only by form filling (in our documents: later signatures) still vouches for
    # what it signed, provided the last signature covers the whole file.
    later_signed = bool(statuses) and statuses[-1] is not None and _covers_file(statuses[-1])
    return [_check(sig, status, later_signed) for sig, status in zip(embedded, statuses, strict=True)]


def _validate(sig: Any, roots: list[Any]) -> Any:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        return validate_pdf_signature(sig, context)
    except Exception:  # a malformed signature (outside input): reported as invalid, details in the log
        log.warning("signature %s could not be validated", getattr(sig, "field_name", "?"), exc_info=True)
        return None


def _covers_file(status: Any) -> bool:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    return bool(status.coverage == SignatureCoverageLevel.ENTIRE_FILE
                or status.modification_level in (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES))


def _check(sig: Any, status: Any, later_signed: bool) -> SignatureCheck:
    from pyhanko.sign.diff_analysis import ModificationLevel

    try:
        cert = x509.load_der_x509_certificate(sig.signer_cert.dump())
        info: certificates.CertificateInfo | None = certificates.describe(cert)
    except Exception:  # no usable certificate in the signature
        info = None
    if status is None:
        intact = valid = trusted = unchanged = stamped = stamp_trusted = False
        when = None
    else:
        intact, valid, trusted = bool(status.intact), bool(status.valid), bool(status.trusted)
        unchanged = _covers_file(status) or (
            status.modification_level == ModificationLevel.FORM_FILLING and bool(status.docmdp_ok) and later_signed)
        # The timestamp is judged apart from the signer: an unknown timestamp server (or a broken token)
        # leaves the signature as good as it is without one, and only a trusted timestamp's time is used.
        ts = status.timestamp_validity
        stamped = ts is not None and bool(ts.intact) and bool(ts.valid)
        stamp_trusted = stamped and bool(ts.trusted)
        when = ts.timestamp if stamp_trusted else status.signer_reported_dt
    verdict = ("modified" if not intact else "invalid" if not valid else "modified" if not unchanged
               else "untrusted" if not trusted else "trusted")
    return SignatureCheck(
        field=str(sig.field_name), signer=info.common_name if info else "", org=info.org_name if info else "",
        org_code=info.org_code if info else "", signing_time=when, timestamped=stamped,
        timestamp_trusted=stamp_trusted, intact=intact, valid=valid, trusted=trusted, covers_whole_document=unchanged,
        fingerprint=info.fingerprint if info else "", status=verdict)
