"""`ykt notice …` as typed: 公示 lists made, printed, listed, checked, posted and objected to (SPEC §7, §10).

The demo (seed 7, its clock at 2019-07-15) has a posted notice for almost every village's payments and
planted NOT_PUBLICISED cases in its manifest; the module works on one copy of it per backend (SQLite,
and PostgreSQL through `ykt migrate`). Each test makes its own notices for its own village, program
and period, away from the planted cases, so the tests do not get in each other's way.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from dbs import BACKENDS, Databases, sql
from pypdf import PdfReader
from ykt_cli import has_chinese, run

#: Notices work the same on an encrypted file: the encrypted leg is tested where opening matters.
ENCRYPTED_LEG = False

TODAY = date(2019, 7, 15)  # the demo's clock
#: What must never be printed of a person: an ID (18 digits), a card or account (16–19), a mobile number.
PRIVATE = (re.compile(r"[0-9]{17}[0-9Xx]"), re.compile(r"[0-9]{16,19}"), re.compile(r"1[3-9][0-9]{9}"))
MASKED_ID = re.compile(r"[0-9]{6}\*{8}[0-9]{3}[0-9X]")
#: What the paper shows and what the command line refuses do not depend on the database: SQLite only.
ON_FILE_ONLY = pytest.mark.parametrize("site", ["sqlite"], indirect=True)


@dataclass(frozen=True)
class Site:
    home: Path
    db: str

    def ykt(self, *args: str) -> subprocess.CompletedProcess[str]:
        return run(self.home, "--db", self.db, *args)

    def json(self, *args: str) -> Any:
        done = self.ykt("--json", *args)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    def sql(self, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = sql(self.db, query, params)
        return rows

    def manifest(self) -> dict[str, Any]:
        (value,), = self.sql("SELECT value FROM settings WHERE key = ?", ("demo.manifest",))
        return dict(json.loads(value) if isinstance(value, str) else value)

    def planted(self) -> list[dict[str, Any]]:
        m = self.manifest()
        return [c for c in m["planted"] if c["rule"] == "NOT_PUBLICISED"]

    def controls(self) -> list[dict[str, Any]]:
        return [c for c in self.manifest()["negative_controls"] if c.get("rule") == "NOT_PUBLICISED"]

    def program_names(self) -> dict[str, str]:
        return {str(code): str(name) for code, name in self.sql("SELECT code, name FROM programs")}

    def first_paid(self, village: str, program: str, period: str) -> date:
        (day,), = self.sql("SELECT MIN(p.paid_date) FROM payments p JOIN programs g ON g.id = p.program_id "
                           "WHERE p.voided = ? AND p.village_code = ? AND g.code = ? AND p.period_label = ?",
                           (False, village, program, period))
        return date.fromisoformat(str(day)[:10])

    def ordinary_groups(self) -> list[tuple[str, str, str]]:
        """(village, program, period) with at least three live payments, none of them a planted case's
        village and program (nor the control's), one per village, in code order."""
        away = {(c["village"], c["program"]) for c in self.planted() + self.controls()}
        rows = self.sql("SELECT p.village_code, g.code, p.period_label FROM payments p "
                        "JOIN programs g ON g.id = p.program_id WHERE p.voided = ? AND p.village_code IS NOT NULL "
                        "GROUP BY p.village_code, g.code, p.period_label HAVING COUNT(*) >= 3 "
                        "ORDER BY p.village_code, g.code, p.period_label", (False,))
        seen: set[str] = set()
        out = []
        for village, program, period in rows:
            if (village, program) not in away and village not in seen:
                seen.add(village)
                out.append((str(village), str(program), str(period)))
        return out


@pytest.fixture(scope="module", params=BACKENDS)
def site(request: pytest.FixtureRequest, demo_home: Path, demo_db: Path) -> Iterator[Site]:
    """The module's demo, copied (SQLite) or migrated (`ykt migrate` to PostgreSQL): the tests change it."""
    if request.param == "postgresql":
        server = Databases("postgresql", demo_home, request.getfixturevalue("pg_server"))
        try:
            target = server.target()
            moved = run(demo_home, "migrate", "--from", str(demo_db), "--to", target)
            assert moved.returncode == 0, moved.stderr
            yield Site(demo_home, target)
        finally:
            server.drop_all()
        return
    db = demo_home / "notices.sqlite3"
    for suffix in ("", ".keys"):
        shutil.copy2(f"{demo_db}{suffix}", f"{db}{suffix}")
    yield Site(demo_home, str(db))


@dataclass(frozen=True)
class Made:
    notice: dict[str, Any]
    pdf: Path
    xlsx: Path
    done: subprocess.CompletedProcess[str]


@pytest.fixture(scope="module")
def made(site: Site, tmp_path_factory: pytest.TempPathFactory) -> Made:
    """One notice of an ordinary village, program and period, as PDF and xlsx."""
    folder = tmp_path_factory.mktemp("notice")
    village, program, period = site.ordinary_groups()[0]
    pdf, xlsx = folder / "公示.pdf", folder / "公示.xlsx"
    done = site.ykt("--json", "notice", "make", "--village", village, "--program", program, "--period", period,
                    "--start", "2019-07-01", "--out", str(pdf), "--xlsx", str(xlsx), "--preparer", "村文书")
    assert done.returncode == 0, done.stderr
    return Made(json.loads(done.stdout), pdf, xlsx, done)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def xlsx_cells(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row
            if c.value is not None]


def assert_private(text: str, where: str) -> None:
    for pattern in PRIVATE:
        found = pattern.search(text)
        assert found is None, f"{where} shows {found.group()}"


def png_bytes() -> bytes:
    """A real 1×1 PNG: the photo of the notice on the wall, as far as the product can tell."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xc8\x1e\x1e")) + chunk(b"IEND", b""))


def listed(site: Site, number: str, *args: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [n for n in site.json("notice", "list", *args) if n["number"] == number]
    assert len(found) == 1, f"{number} not listed"
    return found[0]


def at_once(site: Site, *commands: tuple[str, ...]) -> list[subprocess.CompletedProcess[str]]:
    """Several commands at once, each its own `ykt` process (writers wait for each other, as clerks do)."""
    with ThreadPoolExecutor(max_workers=3) as pool:
        return list(pool.map(lambda args: site.ykt(*args), commands))


# ---------------------------------------------------------------- making, printing, listing


@ON_FILE_ONLY
def test_a_made_notice_is_printed_masked_and_listed_unposted(site: Site, made: Made, tmp_path: Path) -> None:
    n = made.notice
    assert re.fullmatch(r"GS2019-\d{4}", n["number"]) and re.fullmatch(r"[A-HJ-NP-R][0-9A-F]{3}(-[0-9A-F]{4}){2}",
                                                                        n["fingerprint"])
    assert (n["start_on"], n["end_on"], n["days"], n["status"]) == ("2019-07-01", "2019-07-07", 7, "未张贴")
    assert n["row_count"] >= 3 and n["total_fen"] > 0
    total = f"{n['total_fen'] / 100:,.2f}"
    for said in (n["number"], n["fingerprint"], f"{n['row_count']} 行", total):
        assert said in made.done.stderr

    text = pdf_text(made.pdf)
    flat = re.sub(r"\s", "", text)
    assert re.sub(r"\s", "", n["title"]) in flat and n["number"] in flat and n["fingerprint"] in flat
    assert n["title"].endswith("发放情况公示") and "第1页共1页" in flat
    assert len(MASKED_ID.findall(text)) == n["row_count"]
    cells = xlsx_cells(made.xlsx)
    assert any(n["title"] in c for c in cells) and any(n["number"] in c for c in cells)
    assert sum(bool(MASKED_ID.fullmatch(c)) for c in cells) == n["row_count"]
    assert_private(text, "the PDF")
    assert_private("\n".join(cells), "the workbook")
    assert_private(made.done.stderr, "stderr")
    assert_private(json.dumps({k: v for k, v in n.items() if k != "uid"}, ensure_ascii=False), "stdout")

    again = tmp_path / "重印.pdf"
    unposted, posted, reprinted = at_once(site, ("--json", "notice", "list", "--unposted"),
                                          ("--json", "notice", "list", "--posted"),
                                          ("notice", "print", n["number"], "--out", str(again), "--xlsx"))
    assert [x["posted_on"] for x in json.loads(unposted.stdout) if x["number"] == n["number"]] == [None]
    assert all(x["number"] != n["number"] for x in json.loads(posted.stdout))
    assert reprinted.returncode == 0, reprinted.stderr
    assert f"编号和指纹不变：{n['fingerprint']}" in reprinted.stderr
    assert re.sub(r"\s", "", pdf_text(again)) == flat and again.with_suffix(".xlsx").exists()


def test_check_tells_a_matching_paper_from_a_wrong_one_and_from_changed_data(site: Site, made: Made) -> None:
    n = made.notice
    qr = f"YKTGS|{n['owner_org']}|{n['number']}|{n['fingerprint']}"
    wrong = ("A000" if not n["fingerprint"].startswith("A000") else "B111") + n["fingerprint"][4:]
    ok, bad, scanned = at_once(site, ("notice", "check", n["number"], "--fingerprint", n["fingerprint"].lower()),
                               ("notice", "check", n["number"], "--fingerprint", wrong), ("notice", "check", qr))
    assert ok.returncode == 0 and "相符" in ok.stderr and "不符" not in ok.stderr, ok.stderr
    assert bad.returncode == 3 and "不符" in bad.stderr and wrong in bad.stderr, bad.stderr
    assert scanned.returncode == 0 and "结论：相符" in scanned.stderr, scanned.stderr

    rows = site.sql("SELECT r.seq, r.printed, p.uid FROM notice_rows r JOIN notices n ON n.id = r.notice_id "
                    "JOIN payments p ON p.id = r.payment_id WHERE n.number = ? ORDER BY r.seq", (n["number"],))
    seq, printed, uid = rows[1]
    row = json.loads(printed)
    new_yuan = f"{(int(row['amount_fen']) + 10000) / 100:.2f}"
    edited = site.ykt("payment", "edit", str(uid), "--set", f"实发金额={new_yuan}", "--reason", "发放金额录错，更正")
    assert edited.returncode == 0, edited.stderr

    changed = site.ykt("--json", "notice", "check", qr)
    assert changed.returncode == 3, changed.stderr
    assert f"第 {seq} 行 {row['name']}：金额已改变" in changed.stderr and "结论：不符" in changed.stderr
    out = json.loads(changed.stdout)
    assert (out["ok"], out["paper_matches"], out["data_unchanged"], out["verdict"]) == (False, True, False, "不符")
    assert out["changes"] == [{"seq": seq, "name": row["name"], "what": "金额已改变"}]
    assert out["current"] != n["fingerprint"] == out["recorded"]


# ---------------------------------------------------------------- NOT_PUBLICISED


def test_a_notice_posted_in_time_resolves_not_publicised_and_a_late_one_does_not(site: Site, tmp_path: Path) -> None:
    names = site.program_names()
    planted = {(c["village"], names[c["program"]], c["period"]): c for c in site.planted()}
    assert len(planted) == 4
    (ran,) = site.json("check", "--rule", "NOT_PUBLICISED")
    assert (ran["rule"], ran["findings"]) == ("NOT_PUBLICISED", 4)
    found, covered = at_once(site, ("--json", "findings", "--rule", "NOT_PUBLICISED"), ("--json", "notice", "coverage"))
    before = {(f["org"], f["program"], f["period"]): f["status"] for f in json.loads(found.stdout)}
    assert set(before) == set(planted) and set(before.values()) == {"open"}
    for control in site.controls():
        assert (control["village"], names[control["program"]], control["period"]) not in before

    coverage = json.loads(covered.stdout)
    order = ["无公示", "未张贴", "部分公示", "张贴过晚", "已公示"]
    assert [order.index(c["status"]) for c in coverage] == sorted(order.index(c["status"]) for c in coverage)
    unnoticed = {(c["village_code"], c["program_code"], c["period_label"]) for c in coverage if c["status"] == "无公示"}
    missing = sorted((c for c in site.planted() if "没有任何公示" in c["why"]), key=lambda c: c["village"])
    assert len(missing) == 2 and {(c["village"], c["program"], c["period"]) for c in missing} <= unnoticed

    in_time, too_late = missing
    starts = [site.first_paid(c["village"], c["program"], c["period"]) - timedelta(days=lead)
              for c, lead in ((in_time, 10), (too_late, 2))]
    made = at_once(site, *(("--json", "notice", "make", "--village", c["village"], "--program", c["program"],
                            "--period", c["period"], "--start", start.isoformat(), "--out", str(tmp_path / f"{i}.pdf"))
                           for i, (c, start) in enumerate(zip((in_time, too_late), starts, strict=True))))
    assert all(d.returncode == 0 for d in made), [d.stderr for d in made]
    numbers = [json.loads(d.stdout)["number"] for d in made]
    assert numbers[0] != numbers[1]  # made at the same time, numbered one after the other
    posted = at_once(site, *(("notice", "posted", number, "--date", start.isoformat(), "--by", "村委会")
                             for number, start in zip(numbers, starts, strict=True)))
    assert all(d.returncode == 0 for d in posted), [d.stderr for d in posted]

    (again,) = site.json("check", "--rule", "NOT_PUBLICISED")
    assert (again["findings"], again["resolved"]) == (3, 1)
    after = {(org, code, period): status for org, code, period, status in site.sql(
        "SELECT f.org_code, g.code, f.period_label, f.status FROM findings f JOIN programs g ON g.id = f.program_id "
        "WHERE f.rule = ?", ("NOT_PUBLICISED",))}
    resolved = (in_time["village"], in_time["program"], in_time["period"])
    assert after == {(c["village"], c["program"], c["period"]): "resolved" if c == in_time else "open"
                     for c in site.planted()}
    assert after[resolved] == "resolved"  # 已消除


# ---------------------------------------------------------------- posting and objections


def test_posting_and_an_objection_are_recorded_within_the_notice_period(site: Site, tmp_path: Path) -> None:
    village, program, period = site.ordinary_groups()[1]
    made = site.ykt("--json", "notice", "make", "--village", village, "--program", program, "--period", period,
                    "--start", "2019-07-10", "--days", "10", "--out", str(tmp_path / "公示.pdf"))
    assert made.returncode == 0, made.stderr
    n = json.loads(made.stdout)
    number = n["number"]

    photo = tmp_path / "张贴照片.png"
    photo.write_bytes(png_bytes())
    posted = site.json("notice", "posted", number, "--date", "2019-07-10", "--by", "村委会", "--photo", str(photo))
    assert (posted["posted_on"], posted["posted_by"], posted["photo_count"]) == ("2019-07-10", "村委会", 1)
    assert posted["status"] == "公示中"

    rows = [json.loads(p) for (p,) in site.sql("SELECT r.printed FROM notice_rows r JOIN notices n "
                                                "ON n.id = r.notice_id WHERE n.number = ? ORDER BY r.seq",
                                                (number,))]
    ids = [r["id"] for r in rows]
    other = next(r for r in rows[1:] if ids.count(r["id"]) == 1)  # a masked ID names one person only
    objected = site.ykt("--json", "notice", "objection", number, "--content", "第1行的人已去世，不应领取",
                        "--person", "1", "--person", other["id"], "--date", "2019-07-12",
                        "--complainant", "李四", "--contact", "0994-4529999")
    assert objected.returncode == 0, objected.stderr
    complaint = json.loads(objected.stdout)["number"]
    assert re.fullmatch(r"JB2019-\d{4}", complaint) and complaint in objected.stderr
    shown_done, outside, future = at_once(
        site, ("--json", "complaint", "show", complaint),
        ("notice", "objection", number, "--content", "迟到的意见", "--person", "1", "--date", "2019-07-09"),
        ("notice", "posted", number, "--date", (TODAY + timedelta(days=1)).isoformat()))
    assert shown_done.returncode == 0, shown_done.stderr
    shown = json.loads(shown_done.stdout)
    assert (shown["channel"], shown["notice_ref"], shown["org_code"]) == ("公示异议", number, village)
    assert [p["name"] for p in shown["persons"]] == [rows[0]["name"], other["name"]]
    assert all(MASKED_ID.fullmatch(p["id_number"]) for p in shown["persons"])
    assert_private(json.dumps(shown, ensure_ascii=False), "complaint show")

    assert outside.returncode == 3 and "不在公示期内" in outside.stderr, outside.stderr
    assert future.returncode == 3 and "晚于今天" in future.stderr and "未做任何改动" in future.stderr
    mine = listed(site, number, "--org", village, "--posted")
    assert (mine["posted_on"], mine["version"]) == ("2019-07-10", posted["version"])  # the refused one: no change
    assert (mine["objection_count"], mine["photo_count"], mine["status"]) == (1, 1, "公示中")


# ---------------------------------------------------------------- a township at once


def test_a_township_gets_one_notice_per_village_with_payments(site: Site, tmp_path: Path) -> None:
    planted = {c["village"] for c in site.planted() + site.controls()}
    groups = site.sql("SELECT o.parent_code, g.code, p.period_label, COUNT(DISTINCT p.village_code) AS n "
                      "FROM payments p JOIN programs g ON g.id = p.program_id JOIN org_units o "
                      "ON o.code = p.village_code WHERE p.voided = ? "
                      "GROUP BY o.parent_code, g.code, p.period_label "
                      "ORDER BY COUNT(DISTINCT p.village_code) DESC, o.parent_code, g.code, p.period_label",
                      (False,))
    township, program, period, count = next(g for g in groups if not any(v.startswith(g[0]) for v in planted))
    villages = {str(name) for (name,) in site.sql(
        "SELECT DISTINCT o.name FROM payments p JOIN programs g ON g.id = p.program_id "
        "JOIN org_units o ON o.code = p.village_code WHERE p.voided = ? AND o.parent_code = ? AND g.code = ? "
        "AND p.period_label = ?", (False, township, program, period))}
    assert count >= 2 and len(villages) == count

    folder = tmp_path / "公示"
    done = site.ykt("--json", "notice", "make", "--township", str(township), "--program", str(program),
                    "--period", str(period), "--start", "2019-07-01", "--out-dir", str(folder), "--xlsx")
    assert done.returncode == 0, done.stderr
    made = json.loads(done.stdout)
    assert {n["village_name"] for n in made} == villages
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{n['village_name']}_{n['number']}{suffix}" for n in made for suffix in (".pdf", ".xlsx"))
    for n in made:
        assert n["number"] in pdf_text(Path(n["pdf"]))
    assert f"{count} 个村" in done.stderr

    everything, in_township, two = (json.loads(d.stdout) for d in at_once(
        site, ("--json", "notice", "list"), ("--json", "notice", "list", "--org", str(township), "--unposted"),
        ("--json", "notice", "list", "--limit", "2")))
    assert len(everything) == site.sql("SELECT COUNT(*) FROM notices")[0][0] > 800  # every notice, not a page
    assert {n["number"] for n in made} <= {n["number"] for n in in_township}
    assert len(two) == 2


# ---------------------------------------------------------------- refused


@ON_FILE_ONLY
def test_bad_input_is_refused_in_words_and_nothing_is_recorded(site: Site, tmp_path: Path) -> None:
    village, program, period = site.ordinary_groups()[2]
    before = site.sql("SELECT COUNT(*) FROM notices")

    def make(where: str, out: Path, *more: str) -> tuple[str, ...]:
        return ("notice", "make", "--village", where, "--program", program, "--period", period,
                "--start", "2019-07-01", "--out", str(out), *more)

    unknown, short, wrong_kind, folder_as_file, missing_folder = at_once(
        site, make("不存在村", tmp_path / "a.pdf"), make(village, tmp_path / "b.pdf", "--days", "3"),
        make(village, tmp_path / "x.txt"), make(village, _folder(tmp_path / "c.pdf")),
        make(village, tmp_path / "无此文件夹" / "d.pdf"))
    assert unknown.returncode == 3 and "没有村（社区）“不存在村”" in unknown.stderr
    assert short.returncode == 3 and "3 天" in short.stderr and has_chinese(short.stderr)
    assert wrong_kind.returncode == 2 and "x.txt：只能写入 .pdf 文件" in wrong_kind.stderr
    # The notice was built, its paper could not be written: nothing is recorded without it.
    assert folder_as_file.returncode == 3 and "没有保存任何公示" in folder_as_file.stderr
    assert missing_folder.returncode == 3 and "无法写入" in missing_folder.stderr
    assert site.sql("SELECT COUNT(*) FROM notices") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.pdf"]


def _folder(path: Path) -> Path:
    """A folder where the PDF should go: writing the file fails after the notice was built."""
    path.mkdir()
    return path
