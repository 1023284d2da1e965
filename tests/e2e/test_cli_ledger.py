"""`ykt problem …` and `ykt complaint …` as typed: the problem ledger and complaints (SPEC §7, §9, §10).

The demo (after `ykt check`) gives findings to register and the demo's clock (2019-07-15) to be
overdue against; a staffed county (one user per role, on every backend) gives the second person a
销号 needs and the 纪检 role that alone sees who complained.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from dbs import BACKENDS, ENCRYPTED, Databases
from pypdf import PdfReader
from staff import add_staff, as_user
from ykt_cli import has_chinese, run

from yikatong_desktop.domain.ids import compute_check_char

#: The ledger works the same on an encrypted file: the encrypted leg is tested where opening matters.
ENCRYPTED_LEG = False

CLERK, REVIEWER, VIEWER, DISCIPLINE, ADMIN = "张录入", "王审核", "赵查看", "纪检组", "管理员"
#: Two valid 身份证号 to type in by hand.
ZHANG = "65232319550920124" + compute_check_char("65232319550920124")
LI = "65232319480715123" + compute_check_char("65232319480715123")
ID_RUN = re.compile(r"[0-9]{17}[0-9Xx]")


def png_bytes() -> bytes:
    """A real 1×1 PNG (a photo of the rectification, as far as the ledger can tell)."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xc8\x1e\x1e")) + chunk(b"IEND", b""))


def ykt(home: Path, db: str | Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run(home, "--db", str(db), *args, **env)


def as_json(home: Path, db: str | Path, *args: str, **env: str) -> Any:
    """A command's --json output (it must succeed)."""
    done = ykt(home, db, "--json", *args, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def checked(demo_home: Path, demo_db: Path) -> Path:
    """The module's demo with its checks run (a copy: the demo itself stays as built)."""
    db = demo_home / "checked.sqlite3"
    for suffix in ("", ".keys"):
        shutil.copy2(f"{demo_db}{suffix}", f"{db}{suffix}")
    done = run(demo_home, "--db", str(db), "check")
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def ledger(checked: Path, tmp_path: Path) -> Path:
    """This test's own copy of the checked demo, to register problems in."""
    db = tmp_path / "ledger.sqlite3"
    for suffix in ("", ".keys"):
        shutil.copy2(f"{checked}{suffix}", f"{db}{suffix}")
    return db


def _findings(home: Path, db: Path, *args: str) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = as_json(home, db, "findings", *args)
    return found


def _two_people_findings(home: Path, db: Path) -> list[dict[str, Any]]:
    """Two open findings of one rule about two different people (both with an ID number)."""
    by_person: dict[str, dict[str, Any]] = {}
    for f in _findings(home, db, "--rule", "PAID_AFTER_DEATH"):
        if f["id_number"] and len(f["id_number"]) == 18:
            by_person.setdefault(f["id_number"], f)
    assert len(by_person) >= 2
    return list(by_person.values())[:2]


# ---------------------------------------------------------------- registering (挂号)


def test_a_problem_made_from_findings_carries_their_amount_and_persons(demo_home: Path, ledger: Path) -> None:
    two = _two_people_findings(demo_home, ledger)
    added = ykt(demo_home, ledger, "--json", "problem", "add", "--finding", two[0]["uid"][:8],
                "--finding", two[1]["uid"])
    assert added.returncode == 0, added.stderr
    p = json.loads(added.stdout)
    assert p["amount_fen"] == sum(f["amount_fen"] for f in two)
    assert {(x["name"], x["id_number"]) for x in p["persons"]} == {(f["name"], f["id_number"]) for f in two}
    assert (p["source"], p["category"], p["state"]) == ("findings", "1.2", "registered")
    assert p["program"] == two[0]["program"]
    assert re.fullmatch(r"WT2019-\d{4}", p["number"]) and p["registered_on"] == "2019-07-15"
    assert f"已挂号：{p['number']}（1.2" in added.stderr

    shown = as_json(demo_home, ledger, "problem", "show", p["number"])
    assert {f["uid"] for f in shown["findings"]} == {f["uid"] for f in two}
    linked = {f["uid"]: f["problem"] for f in _findings(demo_home, ledger, "--rule", "PAID_AFTER_DEATH")}
    assert all(linked[f["uid"]] for f in two)  # the findings now point at their problem

    again = ykt(demo_home, ledger, "problem", "add", "--finding", two[0]["uid"])
    assert again.returncode == 3 and "不能重复挂号" in again.stderr and p["number"] in again.stderr
    assert as_json(demo_home, ledger, "stats")["problems"]["count"] == 1


def test_a_problem_typed_in_by_hand_prints_it_as_json(demo_home: Path, ledger: Path) -> None:
    added = ykt(demo_home, ledger, "problem", "add", "--category", "3.2", "--description", "冒用他人身份证领取耕地补贴",
                "--program", "耕地地力保护补贴", "--persons", f"张秀兰（{ZHANG}）、李建军", "--amount", "1,234.50",
                "--deadline", "2019年9月30日", "--responsible-unit", "大丰镇人民政府", "--json")
    assert added.returncode == 0, added.stderr
    p = json.loads(added.stdout)
    assert (p["category"], p["source"], p["amount_fen"], p["deadline"]) == ("3.2", "manual", 123450, "2019-09-30")
    assert p["persons"] == [{"name": "张秀兰", "id_number": ZHANG}, {"name": "李建军", "id_number": None}]
    assert (p["program"], p["responsible_unit"], p["state_label"]) == ("耕地地力保护补贴", "大丰镇人民政府", "已挂号")
    assert not p["overdue"] and p["kept_open"]
    assert "涉及金额 1,234.50 元" in added.stderr

    missing = ykt(demo_home, ledger, "problem", "add", "--category", "3.2")
    assert missing.returncode == 3 and "必须填写“问题描述”" in missing.stderr


def _bad_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(exist_ok=True)
    exe, docx, fake = folder / "整改照片.exe", folder / "整改报告.docx", folder / "现场照片.png"
    exe.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00")
    docx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00word/document.xml")
    fake.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")  # a JPEG under a .png name
    return {"missing": folder / "没有这个文件.jpg", "exe": exe, "docx": docx, "fake": fake}


def test_bad_input_is_refused_naming_the_field_and_changes_nothing(demo_home: Path, ledger: Path,
                                                                   tmp_path: Path) -> None:
    files = _bad_files(tmp_path / "材料")
    finding = _findings(demo_home, ledger, "--rule", "CASH_PAYMENT")[0]["uid"]
    base = ("problem", "add", "--category", "1.3", "--description", "现金发放")
    cases: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
        (("problem", "add", "--category", "9.9", "--description", "x"), ("“整治内容”不对", "9.9", "1.1")),
        ((*base, "--deadline", "2019-13-45"), ("“整改期限”不对", "2019-13-45")),
        ((*base, "--amount", "一千元"), ("“涉及金额(元)”不对",)),
        ((*base, "--evidence", str(files["missing"])), ("佐证材料", "没有这个文件.jpg", "不存在")),
        ((*base, "--evidence", str(files["exe"])), ("整改照片.exe", "不是可接受的佐证材料类型", "png")),
        ((*base, "--evidence", str(files["docx"])), ("整改报告.docx", "不是可接受的佐证材料类型")),
        (("problem", "add", "--finding", finding, "--evidence", str(files["fake"])), ("现场照片.png", "不是 PNG 文件")),
    ]
    before = as_json(demo_home, ledger, "stats")
    newest = as_json(demo_home, ledger, "audit", "list", "--limit", "1")
    for args, words in cases:
        done = ykt(demo_home, ledger, *args)
        assert done.returncode == 3, (args, done.stderr)
        assert has_chinese(done.stderr) and all(w in done.stderr for w in words), (args, done.stderr)
        assert "未做任何改动" in done.stderr, done.stderr
    assert as_json(demo_home, ledger, "stats") == before
    assert as_json(demo_home, ledger, "audit", "list", "--limit", "1") == newest
    # The finding of the refused registration is still free to become a problem.
    still = {f["uid"]: f["problem"] for f in _findings(demo_home, ledger, "--rule", "CASH_PAYMENT")}
    assert still[finding] is None

    p = as_json(demo_home, ledger, "problem", "add", *base[2:])
    refused = ykt(demo_home, ledger, "problem", "evidence", p["number"], str(files["exe"]))
    assert refused.returncode == 3 and "整改照片.exe" in refused.stderr, refused.stderr
    assert as_json(demo_home, ledger, "problem", "show", p["number"])["evidence"] == []


# ---------------------------------------------------------------- the life cycle, as people with roles


class Office:
    """A county whose admin added one user per other role (tests/e2e/staff.py); `ykt` as one of them."""

    def __init__(self, home: Path, db: str) -> None:
        self.home, self.db = home, db

    def ykt(self, who: str, *args: str) -> subprocess.CompletedProcess[str]:
        return ykt(self.home, self.db, *args, **as_user(who))

    def json(self, who: str, *args: str) -> Any:
        return as_json(self.home, self.db, *args, **as_user(who))


@pytest.fixture(scope="module", params=(*BACKENDS, ENCRYPTED))
def office(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Office]:
    """One staffed county per backend (SQLite, PostgreSQL, SQLCipher) for the module: each test
    registers its own problem or complaints in it, so they do not get in each other's way."""
    home = tmp_path_factory.mktemp("office")
    server = request.getfixturevalue("pg_server") if request.param == "postgresql" else None
    dbs = Databases(str(request.param), home, server)
    db = dbs.target("county.sqlite3")
    try:
        login = as_user(ADMIN) if dbs.encrypted else {}  # an encrypted database has its admin from the start
        done = run(home, "--db", db, "init", "--org", "652323", "--name", "呼图壁县", "--level", "county",
                   *(["--encrypt"] if dbs.encrypted else []), YKT_KEY_PASSPHRASE="pw", **login)
        assert done.returncode == 0, done.stderr
        add_staff(home, db)
        yield Office(home, db)
    finally:
        dbs.drop_all()


def test_the_life_cycle_as_a_clerk_and_a_reviewer(office: Office, tmp_path: Path) -> None:
    photo = tmp_path / "整改后照片.png"
    photo.write_bytes(png_bytes())
    refused = office.ykt(VIEWER, "problem", "add", "--category", "1.1", "--description", "x")
    assert refused.returncode == 3 and "赵查看 无权执行“登记问题”" in refused.stderr

    added = office.ykt(CLERK, "--json", "problem", "add", "--category", "1.2", "--description", "死亡后仍领高龄津贴",
                       "--program", "高龄津贴", "--persons", f"张秀兰（{ZHANG}）", "--amount", "600")
    assert added.returncode == 0, added.stderr
    number = json.loads(added.stdout)["number"]
    assert json.loads(added.stdout)["registered_by"] == CLERK

    assert office.ykt(CLERK, "problem", "move", number, "start").returncode == 0
    no_measures = office.ykt(CLERK, "problem", "move", number, "apply")
    assert no_measures.returncode == 3 and "申请销号前须填写整改措施" in no_measures.stderr
    assert office.ykt(CLERK, "problem", "edit", number, "--measures", "停发并追回多发资金").returncode == 0
    no_evidence = office.ykt(CLERK, "problem", "move", number, "申请销号")
    assert no_evidence.returncode == 3 and "申请销号前须上传佐证材料" in no_evidence.stderr
    attached = office.ykt(CLERK, "problem", "evidence", number, str(photo))
    assert attached.returncode == 0 and "整改后照片.png" in attached.stderr, attached.stderr
    applied = office.ykt(CLERK, "problem", "move", number, "apply")
    assert applied.returncode == 0 and "现在是“申请销号”" in applied.stderr, applied.stderr

    own = office.ykt(CLERK, "problem", "move", number, "close")
    assert own.returncode == 3 and "张录入 无权执行“审批销号”" in own.stderr
    closed = office.ykt(REVIEWER, "problem", "move", number, "销号")
    assert closed.returncode == 0 and "现在是“已销号”" in closed.stderr, closed.stderr
    assert number not in {p["number"] for p in office.json(VIEWER, "problem", "list", "--open")}

    recovered = office.ykt(CLERK, "problem", "recover", number, "--amount", "600", "--date", "2019-08-01",
                           "--receipt", "SJ-0001")
    assert recovered.returncode == 0 and "追回 600.00 元，累计追回 600.00 元" in recovered.stderr, recovered.stderr
    no_reason = office.ykt(CLERK, "problem", "move", number, "reopen")
    assert no_reason.returncode == 3 and "回头看必须写明理由" in no_reason.stderr
    reopened = office.ykt(CLERK, "problem", "move", number, "回头看", "--reason", "回头看发现仍有一笔未追回")
    assert reopened.returncode == 0 and "现在是“整改中”" in reopened.stderr, reopened.stderr

    assert office.ykt(CLERK, "problem", "move", number, "apply").returncode == 0
    bare = office.ykt(REVIEWER, "problem", "move", number, "return")
    assert bare.returncode == 3 and "退回必须写明理由" in bare.stderr
    returned = office.ykt(REVIEWER, "problem", "move", number, "退回", "--reason", "佐证材料不全")
    assert returned.returncode == 0 and "现在是“整改中”" in returned.stderr, returned.stderr

    shown = office.json(VIEWER, "problem", "show", number)
    assert (shown["state"], shown["reason"], shown["recovered_fen"], shown["closed_by"]) == (
        "rectifying", "佐证材料不全", 60000, None)
    assert number in {p["number"] for p in office.json(VIEWER, "problem", "list", "--open")}
    history = [(e["actor"], e["action"]) for e in shown["history"]]
    assert [a for a in history if a[0] == REVIEWER] == [(REVIEWER, "problem.close"), (REVIEWER, "problem.return")]
    assert (CLERK, "problem.reopen") in history and (CLERK, "problem.recover") in history
    stats = office.json(VIEWER, "stats")
    assert {k: stats[k]["count"] for k in ("problems", "problem_recoveries", "evidence_files")} == {
        "problems": 1, "problem_recoveries": 1, "evidence_files": 1}


def test_closing_needs_a_second_person(demo_home: Path, ledger: Path, tmp_path: Path) -> None:
    """Whoever registered a problem (here the demo's only user) may not close it as well."""
    photo = tmp_path / "照片.png"
    photo.write_bytes(png_bytes())
    p = as_json(demo_home, ledger, "problem", "add", "--category", "1.1", "--description", "少发",
                "--measures", "补发", "--evidence", str(photo))
    assert p["evidence_count"] == 1
    assert ykt(demo_home, ledger, "problem", "move", p["number"], "start").returncode == 0
    assert ykt(demo_home, ledger, "problem", "move", p["number"], "apply").returncode == 0
    done = ykt(demo_home, ledger, "problem", "move", p["number"], "close")
    assert done.returncode == 3, done.stderr
    assert "登记人" in done.stderr or "无权执行" in done.stderr, done.stderr
    unknown = ykt(demo_home, ledger, "problem", "move", p["number"], "销毁")
    assert unknown.returncode == 2 and "start" in unknown.stderr


# ---------------------------------------------------------------- lists and the 台账 workbook


def test_open_and_overdue_lists_follow_the_clock(demo_home: Path, ledger: Path) -> None:
    numbers = {}
    for name, deadline in (("late", "2019-07-01"), ("today", "2019-07-15"), ("later", "2019-09-30"), ("none", "")):
        p = as_json(demo_home, ledger, "problem", "add", "--category", "1.1", "--description", f"问题{name}",
                    *(["--deadline", deadline] if deadline else []))
        numbers[name] = p["number"]
    listed = {p["number"]: p for p in as_json(demo_home, ledger, "problem", "list", "--open")}
    assert set(listed) == set(numbers.values())
    overdue = as_json(demo_home, ledger, "problem", "list", "--overdue")
    assert [p["number"] for p in overdue] == [numbers["late"]] and overdue[0]["overdue"]
    text = ykt(demo_home, ledger, "problem", "list", "--overdue")
    assert "（逾期）" in text.stdout and "共 1 条，其中留号 1 条、逾期 1 条" in text.stderr
    # The clock moved on (YKT_CLOCK wins over the demo's fixed clock): the later deadline has passed too.
    autumn = as_json(demo_home, ledger, "problem", "list", "--overdue", YKT_CLOCK="2019-10-08T09:00:00+08:00")
    assert {p["number"] for p in autumn} == {numbers["late"], numbers["today"], numbers["later"]}


def test_the_ledger_workbook_has_a_row_per_problem_and_the_totals(demo_home: Path, ledger: Path,
                                                                  tmp_path: Path) -> None:
    two = _two_people_findings(demo_home, ledger)
    made = [as_json(demo_home, ledger, "problem", "add", "--finding", two[0]["uid"], "--finding", two[1]["uid"]),
            as_json(demo_home, ledger, "problem", "add", "--category", "3.2", "--description", "冒领",
                    "--persons", f"李建军（{LI}）", "--amount", "1,234.56", "--deadline", "2019-07-01"),
            as_json(demo_home, ledger, "problem", "add", "--category", "1.3", "--description", "现金发放",
                    "--amount", "0.07")]
    out = tmp_path / "台账.xlsx"
    done = ykt(demo_home, ledger, "problem", "list", "--out", str(out))
    assert done.returncode == 0 and "已写入" in done.stderr, done.stderr
    rows = list(openpyxl.load_workbook(out)["问题台账"].iter_rows(values_only=True))
    assert "问题台账" in str(rows[0][0]) and "共 3 个问题" in str(rows[1][0])
    header = next(i for i, r in enumerate(rows) if r[0] == "序号")
    assert rows[header][:3] == ("序号", "问题编号", "挂号日期")
    amount_col = rows[header].index("涉及金额(元)")
    body = rows[header + 1: header + 1 + len(made)]
    assert [r[1] for r in body] == [p["number"] for p in made]
    totals = rows[header + 1 + len(made)]
    assert totals[0] == "合计"
    assert round(float(totals[amount_col]) * 100) == sum(p["amount_fen"] for p in made)
    assert [round(float(r[amount_col]) * 100) for r in body] == [p["amount_fen"] for p in made]
    assert body[1][-1] == "逾期"
    everything = " ".join(str(v) for r in rows for v in r if v is not None)
    assert not ID_RUN.search(everything) and "********" in everything  # the 台账 leaves the office: masked

    only = as_json(demo_home, ledger, "problem", "list", "--category", "3.2")
    assert [p["number"] for p in only] == [made[1]["number"]]
    for out, code, words in ((tmp_path / "台账.pdf", 2, "只能写入 .xlsx 文件"),
                             (tmp_path / "没有的文件夹" / "台账.xlsx", 3, "文件夹不存在"),
                             (None, 2, "不是整治内容的编号")):
        args = ("--out", str(out)) if out else ("--category", "9.9")
        refused = ykt(demo_home, ledger, "problem", "list", *args)
        assert refused.returncode == code and words in refused.stderr, refused.stderr
        assert out is None or not out.exists()


# ---------------------------------------------------------------- printed documents


def test_printed_documents_show_the_problem_and_never_a_full_id(demo_home: Path, ledger: Path,
                                                                tmp_path: Path) -> None:
    two = _two_people_findings(demo_home, ledger)
    p = as_json(demo_home, ledger, "problem", "add", "--finding", two[0]["uid"], "--finding", two[1]["uid"])
    number, ids = p["number"], [f["id_number"] for f in two]

    no_unit = ykt(demo_home, ledger, "problem", "print", number, "--doc", "notice", "--out", str(tmp_path / "n.pdf"))
    assert no_unit.returncode == 3 and "整改责任单位" in no_unit.stderr and not (tmp_path / "n.pdf").exists()
    assert ykt(demo_home, ledger, "problem", "edit", number, "--responsible-unit", "大丰镇人民政府",
               "--deadline", "2019-08-31").returncode == 0
    early = tmp_path / "移交函.pdf"
    refused = ykt(demo_home, ledger, "problem", "print", number, "--doc", "transfer", "--out", str(early))
    assert refused.returncode == 3 and "还没有登记线索移交" in refused.stderr and not early.exists()
    bad_receiver = ykt(demo_home, ledger, "problem", "transfer", number, "--to", "村委会", "--date", "2019-07-12",
                       "--doc", "x")
    assert bad_receiver.returncode == 3 and "纪检监察机关" in bad_receiver.stderr
    moved = ykt(demo_home, ledger, "problem", "transfer", number, "--to", "县纪委", "--date", "2019-07-12",
                "--doc", "呼纪移〔2019〕3号")
    assert moved.returncode == 0 and "已移交纪检监察机关" in moved.stderr, moved.stderr

    for doc, title in (("approval", "问题销号审批表"), ("notice", "整改通知书"), ("transfer", "问题线索移交函")):
        out = tmp_path / f"{doc}.pdf"
        done = ykt(demo_home, ledger, "problem", "print", number, "--doc", doc, "--out", str(out))
        assert done.returncode == 0, done.stderr
        text = pdf_text(out)
        compact = re.sub(r"\s+", "", text)
        assert number in compact and title in compact, (doc, text[:200])
        assert not ID_RUN.search(text) and not any(i in compact for i in ids), doc
        assert f"{ids[0][:6]}********{ids[0][-4:]}" in compact  # masked, so still recognisable
    assert "呼纪移〔2019〕3号" in pdf_text(tmp_path / "transfer.pdf")
    assert "大丰镇人民政府" in pdf_text(tmp_path / "notice.pdf")
    for out, code, words in ((tmp_path / "审批表.xlsx", 2, "只能写入 .pdf 文件"),
                             (tmp_path / "没有的文件夹" / "审批表.pdf", 3, "文件夹不存在")):
        refused = ykt(demo_home, ledger, "problem", "print", number, "--doc", "approval", "--out", str(out))
        assert refused.returncode == code and words in refused.stderr and not out.exists(), refused.stderr
    nothing = ykt(demo_home, ledger, "problem", "print", "WT2019-9999", "--doc", "approval",
                  "--out", str(tmp_path / "y.pdf"))
    assert nothing.returncode == 3 and "WT2019-9999" in nothing.stderr


# ---------------------------------------------------------------- complaints (举报)


# Who may see a complainant is decided above the database: the PostgreSQL office runs the life cycle.
@pytest.mark.parametrize("office", ["sqlite"], indirect=True)
def test_complaints_keep_the_complainant_from_all_but_the_discipline_role(office: Office) -> None:
    anonymous = office.ykt(CLERK, "--json", "complaint", "add", "--channel", "电话", "--content", "村干部代领高龄津贴")
    assert anonymous.returncode == 0, anonymous.stderr
    named = office.ykt(CLERK, "--json", "complaint", "add", "--channel", "来信", "--content", "已死亡老人仍在领补贴",
                       "--complainant", "马红梅", "--contact", "13899912345", "--concerned", "张秀兰")
    assert named.returncode == 0, named.stderr
    a, n = json.loads(anonymous.stdout), json.loads(named.stdout)
    assert (a["anonymous"], a["complainant"], n["anonymous"]) == (True, None, False)
    assert "马红梅" not in named.stdout  # not even the clerk who typed it reads it back

    for who in (CLERK, ADMIN):
        shown = office.json(who, "complaint", "show", n["number"])
        assert shown["complainant"] == shown["contact"] == "（仅纪检人员可见）", who
    listed = office.ykt(CLERK, "complaint", "list")
    assert "仅纪检人员可见" in listed.stdout and "匿名" in listed.stdout and "马红梅" not in listed.stdout
    seen = {c["number"]: c for c in office.json(DISCIPLINE, "complaint", "list")}
    assert (seen[n["number"]]["complainant"], seen[n["number"]]["contact"]) == ("马红梅", "13899912345")
    assert (seen[a["number"]]["complainant"], seen[a["number"]]["anonymous"]) == (None, True)

    # The same life cycle as problems, under a complaint's words.
    assert office.ykt(CLERK, "complaint", "move", n["number"], "start").returncode == 0
    early = office.ykt(CLERK, "complaint", "move", n["number"], "apply")
    assert early.returncode == 3 and "申请办结前须填写办理情况" in early.stderr
    hidden = office.ykt(CLERK, "complaint", "edit", n["number"], "--contact", "13900001111")
    assert hidden.returncode == 3 and "只有纪检人员" in hidden.stderr  # what a clerk may not see, they may not change
    assert office.ykt(DISCIPLINE, "complaint", "edit", n["number"], "--contact", "13900001111").returncode == 0
    assert office.ykt(CLERK, "complaint", "edit", n["number"], "--handling", "已入户核实",
                      "--result", "属实，已停发").returncode == 0
    applied = office.ykt(CLERK, "complaint", "move", n["number"], "申请办结")
    assert applied.returncode == 0 and "现在是“申请办结”" in applied.stderr, applied.stderr
    own = office.ykt(CLERK, "complaint", "move", n["number"], "close")
    assert own.returncode == 3 and "张录入 无权执行“审批销号”" in own.stderr
    closed = office.ykt(REVIEWER, "complaint", "move", n["number"], "办结")
    assert closed.returncode == 0 and "现在是“已办结”" in closed.stderr, closed.stderr
    reopened = office.ykt(CLERK, "complaint", "move", n["number"], "reopen", "--reason", "举报人再次来信")
    assert reopened.returncode == 0 and "现在是“办理中”" in reopened.stderr, reopened.stderr
    bad = office.ykt(CLERK, "complaint", "add", "--channel", "微信", "--content", "x")
    assert bad.returncode == 3 and "“举报渠道”不对" in bad.stderr
    idle = office.ykt(CLERK, "complaint", "edit", n["number"])
    assert idle.returncode == 2 and "没有要修改的内容" in idle.stderr

    trail = office.ykt(ADMIN, "--json", "audit", "list")
    assert trail.returncode == 0, trail.stderr
    assert "complaint.register" in trail.stdout and "complaint.close" in trail.stdout
    for secret in ("马红梅", "13899912345", "13900001111"):
        assert secret not in trail.stdout, secret
    assert office.json(VIEWER, "stats")["complaints"]["count"] == 2
