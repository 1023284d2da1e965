"""PAdES B-T (SPEC §7): signing with a real RFC 3161 timestamp server over HTTP, and what verify makes of it.

The server is tests/local_tsa.py on 127.0.0.1 (pyHanko's test TSA behind http.server, with a throwaway
TSA certificate); the signer is an installation's own keystore, as `report … --sign` uses it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from local_tsa import LocalTsa, TsaIdentity, closed_port_url, make_tsa_identity
from signed_pdfs import pdfsig, sample_pdf
from ykt_integration import PASSPHRASE, init_installation

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.formats import keystore, pdf_signature
from yikatong_desktop.formats.pdf_signature import SignatureCheck
from yikatong_desktop.services import signing

#: The TSA's clock, 1 h 23 min 45 s ahead of this computer's (whose clock is the one that is wrong, say):
#: distinctive, so a signing time equal to it can only have come from the token.
TSA_TIME = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=1, minutes=23, seconds=45)
#: No failure may keep the clerk waiting longer than this (the refusals are local: they take milliseconds).
QUICK = 5.0


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bootstrap.App]:
    """A county installation; read only."""
    app = init_installation(tmp_path_factory.mktemp("county") / "county.sqlite3")
    try:
        yield app
    finally:
        app.close()


@pytest.fixture(scope="module")
def tsa_identity() -> TsaIdentity:
    """The throwaway TSA's root and signing certificate (made once: RSA keys take a moment)."""
    return make_tsa_identity("呼图壁测试时间戳服务")


@pytest.fixture
def tsa(tsa_identity: TsaIdentity) -> Iterator[LocalTsa]:
    """A timestamp server on a free port of 127.0.0.1 answering with TSA_TIME; stopped after the test."""
    with LocalTsa(tsa_identity, fixed_time=TSA_TIME) as server:
        yield server


def _sign(app: bootstrap.App, pdf: bytes, url: str | None) -> bytes:
    signer = signing.open_signer(app.actor, app.keystore_path, PASSPHRASE, signer_name="王主任", timestamp_url=url)
    return signer.sign(pdf, reason="2019年7月专项整治月报", location="呼图壁县")


def _own(app: bootstrap.App) -> list[x509.Certificate]:
    return [keystore.pdf_certificate(keystore.read_keystore(app.keystore_path))]


def _verdict(check: SignatureCheck) -> tuple[bool, bool, bool, bool, str]:
    return check.intact, check.valid, check.trusted, check.covers_whole_document, check.status


def test_a_timestamped_signature_carries_the_servers_time_when_the_server_is_trusted(
        county: bootstrap.App, tsa: LocalTsa, tmp_path: Path) -> None:
    signed = _sign(county, sample_pdf(), tsa.url)
    assert tsa.answered >= 1 and signed.startswith(b"%PDF-")

    [check] = pdf_signature.verify_pdf(signed, [*_own(county), tsa.identity.root])
    assert check.timestamped and check.timestamp_trusted
    assert _verdict(check) == (True, True, True, True, "trusted") and check.ok
    assert check.signing_time == TSA_TIME  # the token's time, not this computer's

    (tmp_path / "月报.pdf").write_bytes(signed)
    assert "Signature is Valid" in pdfsig(tmp_path / "月报.pdf")  # still plain PAdES to other readers


def test_an_unknown_timestamp_server_leaves_the_signature_as_it_would_be_without_one(
        county: bootstrap.App, tsa: LocalTsa) -> None:
    """The TSA is judged apart from the signer: not knowing it makes no signature invalid or untrusted."""
    before = datetime.now(UTC)
    plain, stamped = _sign(county, sample_pdf(), None), _sign(county, sample_pdf(), tsa.url)
    own, root = _own(county), [tsa.identity.root]

    for trusted in (own, [], root, own + root):
        [b_b], [b_t] = pdf_signature.verify_pdf(plain, trusted), pdf_signature.verify_pdf(stamped, trusted)
        assert _verdict(b_t) == _verdict(b_b), trusted
        assert b_t.ok is b_b.ok and b_t.reason_zh == b_b.reason_zh
        assert not b_b.timestamped and not b_b.timestamp_trusted
        assert b_t.timestamped and b_t.timestamp_trusted is (trusted in (root, own + root))

    # What `ykt verify` sees (our own certificate trusted, the TSA not): ok, and the token's time is not
    # taken on the word of a server nobody vouched for — the trusted signer's own time is shown instead.
    with county.reader() as uow:
        [check] = signing.verify(uow, county.actor, stamped, keystore_path=county.keystore_path)
    assert check.ok and check.timestamped and not check.timestamp_trusted
    assert check.signing_time is not None and before - timedelta(seconds=2) <= check.signing_time <= datetime.now(UTC)


def test_a_token_for_other_data_is_not_counted_as_a_timestamp(county: bootstrap.App, tsa: LocalTsa) -> None:
    tsa.mode = "wrong_imprint"  # a well-formed, validly signed token that does not stamp this signature
    signed = _sign(county, sample_pdf(), tsa.url)

    [check] = pdf_signature.verify_pdf(signed, [*_own(county), tsa.identity.root])
    assert not check.timestamped and not check.timestamp_trusted
    assert check.ok and check.signing_time != TSA_TIME  # the signature itself is untouched


@pytest.mark.parametrize("mode", ["down", "error", "garbage", "wrong_type", "rejected", "hang"])
def test_a_timestamp_server_that_fails_refuses_to_sign_quickly_and_names_the_server(
        county: bootstrap.App, tsa: LocalTsa, mode: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Down (nothing listens), HTTP 500, garbage as a reply, an HTML page, a refusal, or no answer at all."""
    url = closed_port_url() if mode == "down" else tsa.url
    if mode != "down":
        tsa.mode = mode
    if mode == "hang":  # the real limit is TIMESTAMP_TIMEOUT (20 s in all); a second proves it is applied
        assert pdf_signature.TIMESTAMP_TIMEOUT <= 20
        monkeypatch.setattr(pdf_signature, "TIMESTAMP_TIMEOUT", 1)
    pdf = sample_pdf()
    out = tmp_path / "月报.pdf"

    started = time.monotonic()
    with pytest.raises(InputRejected) as caught:
        out.write_bytes(_sign(county, pdf, url))
    elapsed = time.monotonic() - started

    assert caught.value.key == "sign.timestamp_failed" and caught.value.params == {"url": url}
    assert url in str(caught.value) and "时间戳" in str(caught.value)
    assert elapsed < QUICK + (1 if mode == "hang" else 0), elapsed
    assert not out.exists()  # nothing signed, nothing half-signed
    if mode != "down":
        assert tsa.received >= 1 and tsa.answered == 0
