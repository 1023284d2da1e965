"""PAdES signatures on the product's PDFs (SPEC §7, §12): sign, verify offline, trust, and a county as a small CA."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from roster_files import citizen_id, write_roster
from signed_pdfs import NOT_A_SEAL, append_page_change, flip_byte_in_signed_content, last_page_text, pdfsig, sample_pdf
from ykt_integration import PASSPHRASE, init_installation

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.formats import certificates, keystore
from yikatong_desktop.services import audit, imports, signing

TOWNSHIP = ("652323901", "大丰镇")  # the local code the county's roster import gives 大丰镇


def _sign(app: bootstrap.App, pdf: bytes, passphrase: str = PASSPHRASE) -> bytes:
    signer = signing.open_signer(app.actor, app.keystore_path, passphrase, signer_name="王主任")
    return signer.sign(pdf, reason="2019年7月专项整治月报", location=str(keystore.read_keystore(
        app.keystore_path)["org"]["name"]))


def _verify(app: bootstrap.App, pdf: bytes) -> list[signing.SignatureCheck]:
    with app.reader() as uow:
        return signing.verify(uow, app.actor, pdf, keystore_path=app.keystore_path)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> bootstrap.App:
    """A county whose roster names the township 大丰镇; read only (its trust list must not change)."""
    folder = tmp_path_factory.mktemp("county")
    app = init_installation(folder / "county.sqlite3")
    header = ("序号", "姓名", "身份证号", "乡镇", "村", "补贴项目", "补贴期间", "金额")
    roster = write_roster(folder / "花名册.xlsx", header,
                          [[1, "测试一", citizen_id(1), TOWNSHIP[1], "东村", "高龄津贴", "2018-03", 100]])
    with app.uow() as uow:
        imports.import_roster(uow, app.actor, roster)
        uow.commit()
    return app


@pytest.fixture(scope="module")
def signed(county: bootstrap.App, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-page product PDF signed by the county."""
    path = tmp_path_factory.mktemp("signed") / "月报.pdf"
    path.write_bytes(_sign(county, sample_pdf(pages=2)))
    return path


def test_a_signed_report_verifies_as_valid_intact_and_trusted(installation: Callable[..., bootstrap.App]) -> None:
    app = installation()
    before = datetime.now(UTC)
    signed = _sign(app, sample_pdf())

    [check] = _verify(app, signed)
    own = keystore.pdf_certificate(keystore.read_keystore(app.keystore_path))
    assert (check.intact, check.valid, check.trusted, check.covers_whole_document) == (True, True, True, True)
    assert check.ok and check.reason_zh == "有效，签名人可信"
    assert (check.signer, check.org, check.org_code) == ("呼图壁县 专项整治报告签名", "呼图壁县", "652323")
    assert check.fingerprint == certificates.fingerprint(own)
    assert check.signing_time is not None and before - timedelta(seconds=2) <= check.signing_time
    assert not check.timestamped  # B-B: no timestamp server was given


def test_poppler_reads_the_signature_as_valid_pades(signed: Path) -> None:
    assert shutil.which("pdfsig"), "poppler-utils (pdfsig) must be installed for this test"
    report = pdfsig(signed)
    assert "Signature is Valid" in report
    assert "ETSI.CAdES.detached" in report  # PAdES, not the older adbe.pkcs7.detached
    assert "SHA-256" in report and "Total document signed" in report


def test_the_stamp_names_org_signer_and_date_in_chinese_and_is_not_a_seal(signed: Path) -> None:
    text = last_page_text(signed)
    today = datetime.now(LOCAL_TZ)
    assert NOT_A_SEAL in text
    assert "单位：呼图壁县" in text and "签名人：王主任" in text
    assert f"{today.year}年{today.month}月{today.day}日" in text


def test_the_stamp_sits_in_the_bottom_margin_of_the_last_page(signed: Path, tmp_path: Path) -> None:
    """Rendered at 80 dpi: the stamp's border is drawn below the text area and right of the page number."""
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "2", "-l", "2", str(signed), str(tmp_path / "p")],
                   check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    width, height = image.size  # A4 at 80 dpi: 661 × 935
    margin = round(18 / 25.4 * 80)  # the documents' 18 mm margin
    dark_rows = [y for y in range(height) if any(image.getpixel((x, y)) < 128 for x in range(width // 2 + 60,
                                                                                            width - margin))]
    stamp_rows = [y for y in dark_rows if y > height - margin]
    assert stamp_rows, "nothing drawn in the bottom margin: no stamp"
    assert max(stamp_rows) < height - 3 and min(stamp_rows) > height - margin  # inside the margin, not the text


def test_one_changed_byte_in_the_signed_content_fails_verification(county: bootstrap.App, signed: Path) -> None:
    [check] = _verify(county, flip_byte_in_signed_content(signed.read_bytes()))
    assert not check.intact and not check.ok
    assert check.reason_zh == "签名后文档被修改"


def test_a_page_changed_after_signing_is_reported(county: bootstrap.App, signed: Path) -> None:
    [check] = _verify(county, append_page_change(signed.read_bytes()))
    assert check.intact and check.valid  # the signed revision itself is untouched …
    assert not check.covers_whole_document and check.status == "modified"  # … but the document changed since


def test_a_pdf_without_signatures_has_none_and_other_files_are_refused(county: bootstrap.App) -> None:
    assert _verify(county, sample_pdf()) == []
    for junk in (b"PK\x03\x04 a zip file", b"%PDF-1.4\n not really a pdf", b""):
        with pytest.raises(InputRejected) as caught:
            _verify(county, junk)
        assert caught.value.key == "sign.not_pdf"


def test_a_foreign_signature_is_valid_but_untrusted_until_its_certificate_is_trusted(
        county: bootstrap.App, tmp_path: Path) -> None:
    other = init_installation(tmp_path / "other.sqlite3", code="652324", name="玛纳斯县")
    foreign = _sign(other, sample_pdf())
    mine = init_installation(tmp_path / "mine.sqlite3")

    [check] = _verify(mine, foreign)
    assert (check.valid, check.intact, check.trusted) == (True, True, False)
    assert check.reason_zh == "签名有效但签名人不受信任（未导入其证书）" and check.org_code == "652324"
    assert check.reason("en").startswith("valid but untrusted")

    pem = certificates.to_pem(keystore.pdf_certificate(keystore.read_keystore(other.keystore_path))).encode()
    with mine.uow() as uow:
        with pytest.raises(InputRejected):
            signing.trust_certificate(uow, mine.actor, mine.keystore_path, pem, expect_fingerprint="00" * 32)
        added, new = signing.trust_certificate(uow, mine.actor, mine.keystore_path, pem, file_name="玛纳斯县.pem",
                                               expect_fingerprint=check.fingerprint[:16].lower())
        assert new and added.info.org_code == "652324"
        assert not signing.trust_certificate(uow, mine.actor, mine.keystore_path, pem)[1]  # once is enough
        uow.commit()
    assert _verify(mine, foreign)[0].ok
    with mine.reader() as uow:
        assert [t.info.org_code for t in signing.trusted_certificates(uow, mine.keystore_path)] == ["652323", "652324"]
        [event] = audit.list_events(uow, mine.actor, action="keys.trust_cert")
    assert event.detail["fingerprint"] == check.fingerprint


def test_county_issues_a_certificate_the_township_imports_and_signs_with(county: bootstrap.App,
                                                                       tmp_path: Path) -> None:
    p12 = tmp_path / "大丰镇.p12"
    with county.uow() as uow:  # not committed: the module's county stays as it was
        issued = signing.issue_certificate(uow, county.actor, county.keystore_path, PASSPHRASE, TOWNSHIP[1],
                                           "p12 口令", p12)
    assert (issued.org_code, issued.info.org_code, issued.info.is_ca) == (TOWNSHIP[0], TOWNSHIP[0], False)
    assert issued.info.not_after - issued.info.not_before > timedelta(days=3 * 365)

    town = init_installation(tmp_path / "town.sqlite3", code=TOWNSHIP[0], name=TOWNSHIP[1], level="township",
                             parent="652323", passphrase="镇的口令")
    before_import = _sign(town, sample_pdf(), "镇的口令")  # under its self-issued certificate
    public_before = keystore.read_keystore(town.keystore_path)["public"]
    with town.uow() as uow:
        for wrong_p12, wrong_key, key in (("错的", "镇的口令", "keys.p12_unreadable"),
                                          ("p12 口令", "错的", "keystore.bad_passphrase")):
            with pytest.raises(InputRejected) as caught:
                signing.import_certificate(uow, town.actor, town.keystore_path, wrong_key, p12.read_bytes(),
                                           wrong_p12)
            assert caught.value.key == key
        assert keystore.read_keystore(town.keystore_path)["public"] == public_before  # nothing changed
        done = signing.import_certificate(uow, town.actor, town.keystore_path, "镇的口令", p12.read_bytes(),
                                          "p12 口令", file_name=p12.name)
        uow.commit()
    assert done.info.fingerprint == issued.info.fingerprint and done.issuer.org_code == "652323"

    after = keystore.read_keystore(town.keystore_path)["public"]
    assert after["ed25519"] == public_before["ed25519"] and after["x25519"] == public_before["x25519"]
    keys = keystore.unlock(town.keystore_path, "镇的口令")
    assert certificates.fingerprint(keys.certificate) == issued.info.fingerprint
    assert keys.certificate.public_key() == keys.pdf_key.public_key()
    assert [certificates.describe(c).org_code for c in keys.chain] == ["652323"]

    report = _sign(town, sample_pdf(), "镇的口令")
    [at_county] = _verify(county, report)  # the county trusts its own CA, hence the township
    assert at_county.ok and at_county.org_code == TOWNSHIP[0]
    assert _verify(town, report)[0].ok  # the township trusts its own certificate
    assert _verify(town, before_import)[0].ok  # and what it signed before the import still verifies
    with town.reader() as uow:
        notes = [t.note for t in signing.trusted_certificates(uow, town.keystore_path)]
        assert notes == ["本单位", "签发本单位证书的上级", "本单位以前的证书"]
        assert len(audit.list_events(uow, town.actor, action="keys.import_cert")) == 1


def test_a_certificate_for_another_org_is_refused(county: bootstrap.App, tmp_path: Path) -> None:
    p12 = tmp_path / "x.p12"
    with county.uow() as uow:
        signing.issue_certificate(uow, county.actor, county.keystore_path, PASSPHRASE, TOWNSHIP[0], "pw", p12)
    other = init_installation(tmp_path / "other.sqlite3", code="652323100", name="石梯子乡", level="township",
                              parent="652323")
    with other.uow() as uow, pytest.raises(InputRejected) as caught:
        signing.import_certificate(uow, other.actor, other.keystore_path, PASSPHRASE, p12.read_bytes(), "pw")
    assert caught.value.key == "keys.p12_other_org"


@pytest.mark.parametrize(("org", "key"), [("652324", "keys.not_below"), ("东村", "keys.bad_level"),
                                          ("不存在的乡", "keys.unknown_org")])
def test_certificates_are_issued_only_to_installations_below(county: bootstrap.App, tmp_path: Path, org: str,
                                                             key: str) -> None:
    with county.uow() as uow, pytest.raises(InputRejected) as caught:
        signing.issue_certificate(uow, county.actor, county.keystore_path, PASSPHRASE, org, "pw", tmp_path / "x.p12")
    assert caught.value.key == key
    assert not (tmp_path / "x.p12").exists()


def test_a_second_signature_keeps_the_first_one_valid(county: bootstrap.App, signed: Path, tmp_path: Path) -> None:
    twice = tmp_path / "twice.pdf"
    twice.write_bytes(_sign(county, signed.read_bytes()))
    checks = _verify(county, twice.read_bytes())
    assert [c.field for c in checks] == ["Signature1", "Signature2"]
    assert all(c.ok for c in checks)
    assert pdfsig(twice).count("Signature is Valid") == 2


def test_the_signer_says_what_it_is_and_what_it_is_not(county: bootstrap.App) -> None:
    signer: signing.PdfSigner = signing.open_signer(county.actor, county.keystore_path, PASSPHRASE)
    text = signer.describe()
    assert "PAdES" in text and "P-256" in text and "不是法定电子签章或公章" in text
