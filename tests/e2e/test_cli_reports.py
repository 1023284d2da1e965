"""`ykt report …` and `ykt verify` as typed: the 月报 and the 总结 as signed PDFs anyone can verify (SPEC §7).

The demo (seed 7, clock 2019-07-15, key passphrase `demo`) is copied once for the module; the figures
on both backends are the integration tests' business, so this works on the SQLite file only.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from dbs import Databases
from pypdf import PdfReader
from signed_pdfs import append_page_change, flip_byte_in_signed_content
from ykt_cli import run

ENCRYPTED_LEG = False

PROGRESS = "本月完成全县自查，对照十五项整治内容逐项排查。"


@dataclass(frozen=True)
class Site:
    home: Path
    db: str

    def ykt(self, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return run(self.home, "--db", self.db, *args, **env)

    def json(self, *args: str, **env: str) -> Any:
        done = self.ykt("--json", *args, **env)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)


@pytest.fixture
def site(demo_home: Path, demo_db: Path, tmp_path: Path) -> Iterator[Site]:
    """A fresh copy of the module's demo for each test (reports change it)."""
    db = tmp_path / "reports.sqlite3"
    for suffix in ("", ".keys"):
        shutil.copy2(f"{demo_db}{suffix}", f"{db}{suffix}")
    yield Site(tmp_path, str(db))


def _text(pdf: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)


def _pdftotext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_a_signed_monthly_report_matches_the_ledger_and_verifies(site: Site, tmp_path: Path) -> None:
    # Two problems registered and one recovery in July, through the ledger's own commands
    first = site.json("problem", "add", "--category", "3.2", "--description", "冒用他人身份证领取耕地补贴",
                      "--amount", "1200", "--org", "652323")
    site.json("problem", "add", "--category", "1.1", "--description", "高龄津贴迟发三个月", "--amount", "300.50")
    assert site.ykt("problem", "recover", first["number"], "--amount", "800", "--date", "2019-07-10",
                    "--receipt", "SJ-001").returncode == 0
    ledger = site.json("problem", "list")
    out = tmp_path / "月报.pdf"

    made = site.json("report", "monthly", "--month", "2019-07", "--out", str(out), "--sign",
                     "--signer", "王主任", "--text", f"progress={PROGRESS}", YKT_KEY_PASSPHRASE="demo")

    facts = made["facts"]
    july = [p for p in ledger if p["registered_on"].startswith("2019-07")]
    assert facts["registered"] == len(july) == 2
    assert facts["registered_fen"] == sum(p["amount_fen"] for p in july) == 150_050
    assert facts["recovered_fen"] == 80_000 and facts["open"] == 2 and facts["closed"] == 0
    assert made["state"] == "signed" and made["signed_by"] == "王主任"

    verified = site.ykt("verify", str(out))
    assert verified.returncode == 0, verified.stderr
    assert "有效，签名人可信" in verified.stdout and "652323" in verified.stdout
    text = _pdftotext(out)
    for words in ("专项整治工作月报", "2019年7月", PROGRESS, "主要领导（签字）", "报送单位（盖章）",
                  "规则目录 2026.1", made["data_head"], "不是法定电子签章", "3.2 用无关人员身份证件办卡"):
        assert words in text, words
    [listed] = [r for r in site.json("report", "list") if r["kind"] == "monthly"]
    assert listed["state"] == "signed" and listed["pdf_sha256"] == made["pdf_sha256"]


def test_one_changed_byte_or_an_added_page_change_fails_verification(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "月报.pdf"
    assert site.ykt("report", "monthly", "--month", "2019-07", "--out", str(out), "--sign", "--text",
                    f"progress={PROGRESS}", YKT_KEY_PASSPHRASE="demo").returncode == 0
    for name, changed in (("byte.pdf", flip_byte_in_signed_content(out.read_bytes())),
                          ("page.pdf", append_page_change(out.read_bytes()))):
        (tmp_path / name).write_bytes(changed)
        done = site.ykt("verify", str(tmp_path / name))
        assert done.returncode == 3, done.stderr
        assert "签名后文档被修改" in done.stdout and "未通过核验" in done.stderr


def test_a_report_signed_by_another_org_is_valid_but_untrusted(site: Site, dbs: Databases,
                                                               tmp_path: Path) -> None:
    other = dbs.target("other.sqlite3")
    done = run(site.home, "--db", other, "init", "--org", "652324", "--name", "玛纳斯县", "--level", "county",
               YKT_KEY_PASSPHRASE="玛纳斯")
    assert done.returncode == 0, done.stderr
    out = tmp_path / "玛纳斯县月报.pdf"
    done = run(site.home, "--db", other, "report", "monthly", "--month", "2019-07", "--out", str(out), "--sign",
               "--text", "progress=本月开展自查。", YKT_KEY_PASSPHRASE="玛纳斯")
    assert done.returncode == 0, done.stderr

    verified = site.ykt("verify", str(out))
    assert verified.returncode == 3
    assert "签名有效但签名人不受信任" in verified.stderr
    english = site.ykt("verify", str(out), LANG="en_US.UTF-8")
    assert english.returncode == 3 and "valid but untrusted" in english.stderr


def test_wrong_or_missing_passphrase_refuses_and_nothing_is_written_or_recorded(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "月报.pdf"
    wrong = site.ykt("report", "monthly", "--month", "2019-07", "--out", str(out), "--sign", "--text",
                     f"progress={PROGRESS}", YKT_KEY_PASSPHRASE="不对")
    assert wrong.returncode == 3 and "密钥口令不正确" in wrong.stderr and "Traceback" not in wrong.stderr
    missing = site.ykt("report", "monthly", "--month", "2019-07", "--out", str(out), "--sign")
    assert missing.returncode == 2 and "YKT_KEY_PASSPHRASE" in missing.stderr
    assert not out.exists() and site.json("report", "list") == []


def test_signing_needs_the_progress_text_and_an_unsigned_report_can_be_made_without(site: Site,
                                                                                    tmp_path: Path) -> None:
    out = tmp_path / "月报.pdf"
    refused = site.ykt("report", "monthly", "--month", "2019-07", "--out", str(out), "--sign",
                       YKT_KEY_PASSPHRASE="demo")
    assert refused.returncode == 3 and "本月专项整治进展情况" in refused.stderr
    assert not out.exists() and site.json("report", "list") == []

    made = site.json("report", "monthly", "--month", "2019年7月", "--out", str(out))
    assert made["state"] == "made" and "（未填写）" in _text(out)
    assert site.ykt("verify", str(out)).returncode == 3  # an unsigned report is no signed one


def test_text_from_a_file_then_sent_and_listed(site: Site, tmp_path: Path) -> None:
    words = tmp_path / "进展.txt"
    words.write_text("第一段：召开动员会。\n第二段：入户核查 320 户。\n", encoding="utf-8")
    saved = site.json("report", "text", "monthly", "--month", "2019-07", "--text", f"progress=@{words}",
                      "--text", "next=下月开展回头看。")
    assert saved["state"] == "draft" and saved["narrative"]["progress"].startswith("第一段")

    not_made = site.ykt("report", "sent", "monthly", "--month", "2019-07")
    assert not_made.returncode == 3 and "还没有生成" in not_made.stderr
    out = tmp_path / "月报.pdf"
    assert site.ykt("report", "monthly", "--month", "2019-07", "--out", str(out), "--sign",
                    YKT_KEY_PASSPHRASE="demo").returncode == 0
    text = _text(out)
    assert "第二段：入户核查 320 户。" in text and "下月开展回头看。" in text
    future = site.ykt("report", "sent", "monthly", "--month", "2019-07", "--date", "2019-08-01")
    assert future.returncode == 3 and "还没到" in future.stderr
    sent = site.json("report", "sent", "monthly", "--month", "2019-07", "--date", "2019-07-15")
    assert sent["state"] == "sent" and sent["sent_on"] == "2019-07-15"
    listing = site.ykt("report", "list")
    assert "2019年7月月报" in listing.stdout and "已报送" in listing.stdout
    events = [e["action"] for e in site.json("audit", "list", "--action", "report")]
    assert events == ["report.sent", "report.sign", "report.text"]  # newest first


def test_the_summary_covers_the_basics_every_item_and_the_open_list(site: Site, tmp_path: Path) -> None:
    site.json("problem", "add", "--category", "2.1", "--description", "一人多卡未清理", "--amount", "50",
              "--deadline", "2019-07-01")
    out = tmp_path / "总结.pdf"
    made = site.json("report", "summary", "--out", str(out), "--text", "overview=全县开展了专项整治。")
    assert made["period"] == "2019" and made["facts"]["open"] == 1
    text = _pdftotext(out)
    for words in ("专项整治工作总结", "2019年度", "全县开展了专项整治。", "摸清底数", "各补贴项目底数",
                  "留号问题清单", "一人多卡未清理", "已挂号（逾期）", "持续深化整治的意见", "主要领导（签字）"):
        assert words in text, words
    for code in ("1.1", "1.7", "2.3", "3.5"):
        assert f"{code} " in text


def test_bad_input_is_refused_in_words(site: Site, tmp_path: Path) -> None:
    bad_month = site.ykt("report", "monthly", "--month", "七月", "--out", str(tmp_path / "x.pdf"))
    assert bad_month.returncode == 3 and "2019-07" in bad_month.stderr
    not_pdf = site.ykt("report", "monthly", "--month", "2019-07", "--out", str(tmp_path / "x.txt"))
    assert not_pdf.returncode == 2
    bad_text = site.ykt("report", "monthly", "--month", "2019-07", "--out", str(tmp_path / "x.pdf"), "--text",
                        "进展")
    assert bad_text.returncode == 3 and "部分=文字" in bad_text.stderr
    unknown = site.ykt("report", "monthly", "--month", "2019-07", "--out", str(tmp_path / "x.pdf"), "--text",
                       "results=很好")
    assert unknown.returncode == 3 and "progress" in unknown.stderr
    missing_file = site.ykt("report", "text", "monthly", "--month", "2019-07", "--text",
                            f"progress=@{tmp_path / 'none.txt'}")
    assert missing_file.returncode == 3 and "none.txt" in missing_file.stderr
    assert not (tmp_path / "x.pdf").exists() and site.json("report", "list") == []
