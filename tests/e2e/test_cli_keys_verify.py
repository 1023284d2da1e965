"""`ykt keys …` and `ykt verify FILE.pdf` as typed (SPEC §7, §10, §12): signed PDFs anyone can verify."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from dbs import Databases
from roster_files import citizen_id, write_roster
from signed_pdfs import append_page_change, flip_byte_in_signed_content, sample_pdf
from ykt_cli import run

ENCRYPTED_LEG = False  # opening an encrypted database is the same for these commands; covered elsewhere

#: Signs a PDF with an installation's key the way the report service will (`report … --sign`).
_SIGN = """
import os, sys
from pathlib import Path
from yikatong_desktop import bootstrap
from yikatong_desktop.services import signing
db, source, target = sys.argv[1:4]
app = bootstrap.open_app(db)
try:
    signer = signing.open_signer(app.actor, app.keystore_path, os.environ["YKT_KEY_PASSPHRASE"], signer_name="王主任")
    Path(target).write_bytes(signer.sign(Path(source).read_bytes(), reason="月报", location="新疆"))
finally:
    app.close()
"""


def _signed(home: Path, db: str, passphrase: str, name: str = "signed.pdf") -> Path:
    source, target = home / "月报.pdf", home / name
    if not source.exists():
        source.write_bytes(sample_pdf())
    done = run(home, db, str(source), str(target), executable=(sys.executable, "-c", _SIGN),
               YKT_KEY_PASSPHRASE=passphrase)
    assert done.returncode == 0, done.stderr
    return target


def _init(home: Path, db: str, org: str, name: str, level: str, *extra: str, passphrase: str) -> None:
    done = run(home, "--db", db, "init", "--org", org, "--name", name, "--level", level, *extra,
               YKT_KEY_PASSPHRASE=passphrase)
    assert done.returncode == 0, done.stderr


def test_verify_says_who_signed_and_when_and_exits_0_for_our_own_signature(home: Path, county: str) -> None:
    signed = _signed(home, county, "pw")

    done = run(home, "--db", county, "verify", str(signed))
    assert done.returncode == 0, done.stderr
    assert "呼图壁县 专项整治报告签名" in done.stdout and "652323" in done.stdout
    assert "有效，签名人可信" in done.stdout and "结论：1 个签名均有效" in done.stderr

    report = json.loads(run(home, "--db", county, "verify", str(signed), "--json").stdout)
    shown = json.loads(run(home, "--db", county, "keys", "show", "--json").stdout)
    [sig] = report["signatures"]
    assert report["ok"] and sig["intact"] and sig["valid"] and sig["trusted"] and sig["covers_whole_document"]
    assert sig["fingerprint"] == shown["certificate"]["fingerprint"] and sig["org_code"] == "652323"
    assert sig["reason_zh"] == "有效，签名人可信" and sig["signing_time"]


def test_keys_show_prints_the_certificate_and_the_key_fingerprints(home: Path, county: str) -> None:
    done = run(home, "--db", county, "keys", "show")
    assert done.returncode == 0, done.stderr
    keys = json.loads(run(home, "--db", county, "keys", "show", "--json").stdout)
    for fingerprint in (keys["ed25519"], keys["x25519"], keys["certificate"]["fingerprint"][:4]):
        assert fingerprint in done.stdout
    assert keys["certificate"]["ca"] and keys["certificate"]["issuer"] == keys["certificate"]["subject"]
    assert [t["note"] for t in keys["trusted"]] == ["本单位"]
    assert "不是法定电子签章或公章" in done.stderr


def test_a_changed_byte_or_a_page_changed_after_signing_fails_with_exit_3(home: Path, county: str) -> None:
    signed = _signed(home, county, "pw").read_bytes()
    for name, changed in (("byte.pdf", flip_byte_in_signed_content(signed)), ("page.pdf", append_page_change(signed))):
        (home / name).write_bytes(changed)
        done = run(home, "--db", county, "verify", str(home / name))
        assert done.returncode == 3, done.stderr
        assert "签名后文档被修改" in done.stdout and "未通过核验" in done.stderr


def test_a_foreign_signature_is_valid_but_untrusted_until_its_certificate_is_trusted(
        home: Path, dbs: Databases, county: str) -> None:
    other = dbs.target("other.sqlite3")
    _init(home, other, "652324", "玛纳斯县", "county", passphrase="玛纳斯")
    foreign = _signed(home, other, "玛纳斯", "foreign.pdf")

    done = run(home, "--db", county, "verify", str(foreign))
    assert done.returncode == 3
    assert "签名有效但签名人不受信任（未导入其证书）" in done.stderr
    english = run(home, "--db", county, "verify", str(foreign), LANG="en_US.UTF-8")
    assert english.returncode == 3 and "valid but untrusted" in english.stderr

    cert = home / "玛纳斯县.pem"
    assert run(home, "--db", other, "keys", "export-cert", "--out", str(cert)).returncode == 0
    fingerprint = json.loads(run(home, "--db", other, "keys", "show", "--json").stdout)["certificate"]["fingerprint"]
    wrong = run(home, "--db", county, "keys", "trust-cert", str(cert), "--fingerprint", "0123 4567 89AB CDEF")
    assert wrong.returncode == 3 and "不符" in wrong.stderr
    done = run(home, "--db", county, "keys", "trust-cert", str(cert), "--fingerprint", fingerprint[:16])
    assert done.returncode == 0, done.stderr
    assert fingerprint[:4] in done.stderr and "玛纳斯县" in done.stderr

    assert run(home, "--db", county, "verify", str(foreign)).returncode == 0
    events = json.loads(run(home, "--db", county, "audit", "list", "--action", "keys", "--json").stdout)
    assert [e["action"] for e in events] == ["keys.trust_cert"]


def test_county_issues_a_certificate_and_the_township_signature_verifies_at_the_county(
        home: Path, dbs: Databases, county: str) -> None:
    header = ("序号", "姓名", "身份证号", "乡镇", "村", "补贴项目", "补贴期间", "金额")
    roster = write_roster(home / "花名册.xlsx", header,
                          [[1, "测试一", citizen_id(1), "大丰镇", "东村", "高龄津贴", "2018-03", 100]])
    assert run(home, "--db", county, "import", "roster", str(roster)).returncode == 0
    p12 = home / "大丰镇.p12"
    done = run(home, "--db", county, "keys", "issue-cert", "--for", "大丰镇", "--out", str(p12), "--json",
               YKT_KEY_PASSPHRASE="pw", YKT_P12_PASSPHRASE="交接口令")
    assert done.returncode == 0, done.stderr
    issued = json.loads(done.stdout)
    assert issued["org"] == "652323901" and p12.exists() and "YKT_P12_PASSPHRASE" in done.stderr

    town = dbs.target("town.sqlite3")
    _init(home, town, "652323901", "大丰镇", "township", "--parent", "652323", passphrase="镇")
    wrong = run(home, "--db", town, "keys", "import-cert", str(p12), YKT_KEY_PASSPHRASE="镇",
                YKT_P12_PASSPHRASE="错的口令")
    assert wrong.returncode == 3 and "口令" in wrong.stderr
    done = run(home, "--db", town, "keys", "import-cert", str(p12), YKT_KEY_PASSPHRASE="镇",
               YKT_P12_PASSPHRASE="交接口令")
    assert done.returncode == 0, done.stderr
    shown = json.loads(run(home, "--db", town, "keys", "show", "--json").stdout)
    assert shown["certificate"]["fingerprint"] == issued["certificate"]["fingerprint"]
    assert [c["org_code"] for c in shown["chain"]] == ["652323"]

    report = _signed(home, town, "镇", "town.pdf")
    at_county = run(home, "--db", county, "verify", str(report), "--json")
    assert at_county.returncode == 0, at_county.stderr
    assert json.loads(at_county.stdout)["signatures"][0]["org_code"] == "652323901"
    assert run(home, "--db", town, "verify", str(report)).returncode == 0


def test_missing_passphrases_without_a_terminal_exit_2_naming_the_variable(home: Path, county: str) -> None:
    done = run(home, "--db", county, "keys", "issue-cert", "--for", "652301", "--out", str(home / "x.p12"))
    assert done.returncode == 2 and "YKT_KEY_PASSPHRASE" in done.stderr
    done = run(home, "--db", county, "keys", "issue-cert", "--for", "652301", "--out", str(home / "x.p12"),
               YKT_KEY_PASSPHRASE="pw")
    assert done.returncode == 2 and "YKT_P12_PASSPHRASE" in done.stderr
    (home / "x.p12").write_bytes(b"not a p12")
    done = run(home, "--db", county, "keys", "import-cert", str(home / "x.p12"))
    assert done.returncode == 2 and "YKT_P12_PASSPHRASE" in done.stderr
    done = run(home, "--db", county, "keys", "import-cert", str(home / "x.p12"), YKT_P12_PASSPHRASE="x",
               YKT_KEY_PASSPHRASE="pw")
    assert done.returncode == 3 and "无法打开证书文件" in done.stderr


def test_verify_refuses_unsigned_pdfs_and_files_that_are_no_pdf(home: Path, county: str) -> None:
    unsigned = home / "unsigned.pdf"
    unsigned.write_bytes(sample_pdf())
    done = run(home, "--db", county, "verify", str(unsigned))
    assert done.returncode == 3 and "没有签名" in done.stderr
    (home / "notes.pdf").write_text("这不是 PDF", encoding="utf-8")
    done = run(home, "--db", county, "verify", str(home / "notes.pdf"))
    assert done.returncode == 3 and "不是 PDF 文件" in done.stderr
    done = run(home, "--db", county, "verify", str(home / "missing.pdf"))
    assert done.returncode == 3 and "文件不存在" in done.stderr
