"""`ykt import clues` (问题线索清单) and `ykt selfcheck` (自查表) as typed (SPEC §7, §10).

The clue lists are filled in with openpyxl as a clerk fills them in Excel, and imported into a
fresh county on every backend; the self-check forms are written from the demo after `ykt check`
and their numbers compared with what `ykt findings` and `ykt basics` print.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from ykt_cli import has_chinese, run

from yikatong_desktop.domain.checklist import ITEMS
from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.rules import RULES_BY_CODE
from yikatong_desktop.services.selfcheck_report import NO_PROGRAM

#: The ledger works the same on an encrypted file: the encrypted leg is tested where opening matters.
ENCRYPTED_LEG = False

ZHANG = "65232319550920124" + compute_check_char("65232319550920124")
CODES = [i.code for i in ITEMS]


def ykt(home: Path, db: str | Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run(home, "--db", str(db), *args, **env)


def as_json(home: Path, db: str | Path, *args: str) -> Any:
    done = ykt(home, db, "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# ---------------------------------------------------------------- 问题线索清单


#: Three clues as a clerk types them under the template's header (row 3): rows 4, 5 and 6 in Excel.
CLUES = [
    ["审计-2017-03", "2017年县审计局审计", "1.2", "已死亡人员仍领取高龄津贴", "呼图壁县", "民政局", "高龄津贴",
     f"张秀兰（{ZHANG}）、李建军", "1,200.00", "大丰镇人民政府", "马主任", "停发并追回", "2019-09-30"],
    ["审计-2017-04", "2017年县审计局审计", "1.3", "耕地补贴以现金发放", None, "农业农村局", None, None, 300,
     None, None, None, None],
    ["财检-2018-01", "2018年财政检查", "3.2", "冒用他人身份证办卡领取补贴", None, None, None, "王某", None, None, None,
     None, "2019年10月31日"],
]


def _filled_template(home: Path, db: str, path: Path, rows: list[list[Any]]) -> Path:
    """`ykt template clues`, then the rows typed under its header."""
    done = ykt(home, db, "template", "clues", "--out", str(path))
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert [c.value for c in sheet[3]][:4] == ["线索编号", "线索来源", "整治内容", "问题描述"]
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_the_filled_template_registers_one_problem_per_clue_once(home: Path, county: str) -> None:
    clues = _filled_template(home, county, home / "问题线索清单.xlsx", CLUES)
    before = as_json(home, county, "stats")
    tried = ykt(home, county, "import", "clues", str(clues), "--dry-run")
    assert tried.returncode == 0 and "3 条线索均可登记" in tried.stderr and "试运行" in tried.stderr, tried.stderr
    assert as_json(home, county, "stats") == before  # a dry run registers nothing

    done = ykt(home, county, "--json", "import", "clues", str(clues))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["rows"], len(report["registered"]), report["already_imported"]) == (3, 3, False)
    assert "已把 3 条线索登记为问题" in done.stderr
    problems = {p["clue_ref"]: p for p in as_json(home, county, "problem", "list")}
    assert set(problems) == {"审计-2017-03", "审计-2017-04", "财检-2018-01"}
    assert {p["source"] for p in problems.values()} == {"clues"}
    first = problems["审计-2017-03"]
    assert (first["category"], first["amount_fen"], first["program_code"], first["deadline"]) == (
        "1.2", 120000, "MZ02", "2019-09-30")
    assert first["persons"] == [{"name": "张秀兰", "id_number": ZHANG}, {"name": "李建军", "id_number": None}]
    assert (first["clue_source"], first["responsible_unit"], first["measures"]) == (
        "2017年县审计局审计", "大丰镇人民政府", "停发并追回")
    assert problems["审计-2017-04"]["amount_fen"] == 30000
    assert problems["财检-2018-01"]["deadline"] == "2019-10-31"
    after = as_json(home, county, "stats")
    assert after["problems"]["count"] == before["problems"]["count"] + 3

    again = ykt(home, county, "import", "clues", str(clues))
    assert again.returncode == 0 and "已经导入过，未做任何改动" in again.stderr, again.stderr
    assert as_json(home, county, "stats") == after


def test_one_bad_row_registers_nothing_and_names_sheet_row_and_column(home: Path, county: str) -> None:
    bad = [CLUES[0], [*CLUES[1][:2], "9.9", *CLUES[1][3:]], [*CLUES[2][:-1], "2019-02-30"]]
    clues = _filled_template(home, county, home / "有错的清单.xlsx", bad)
    before = as_json(home, county, "stats")
    for args in (("--dry-run",), ()):
        done = ykt(home, county, "import", "clues", str(clues), *args)
        assert done.returncode == 3, done.stderr
        assert "有 2 处错误，没有登记任何问题" in done.stderr, done.stderr
        assert "工作表“问题线索清单” 第 5 行 “整治内容”列" in done.stderr and "“9.9”" in done.stderr
        assert "工作表“问题线索清单” 第 6 行 “整改期限”列" in done.stderr and "2019-02-30" in done.stderr
        assert "第 4 行" not in done.stderr
    assert as_json(home, county, "stats") == before

    missing = ykt(home, county, "import", "clues", str(home / "没有这个文件.xlsx"))
    assert missing.returncode == 3 and "没有这个文件.xlsx" in missing.stderr and has_chinese(missing.stderr)
    other = home / "花名册.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号", "金额"])
    book.active.append(["张秀兰", ZHANG, 100])
    book.save(other)
    no_header = ykt(home, county, "import", "clues", str(other))
    assert no_header.returncode == 3 and "没有找到问题线索清单的表头" in no_header.stderr
    assert "ykt template clues" in no_header.stderr
    assert as_json(home, county, "stats") == before

    # Corrected, the same list imports: a refused file is not remembered as imported.
    book = openpyxl.load_workbook(clues)
    book.active["C5"], book.active["M6"] = "1.3", "2019-03-31"
    book.save(clues)
    fixed = ykt(home, county, "import", "clues", str(clues))
    assert fixed.returncode == 0 and "已把 3 条线索登记为问题" in fixed.stderr, fixed.stderr


def test_a_list_of_its_own_layout_with_a_title_row_and_other_headers_imports(home: Path, county: str) -> None:
    """The county's own list: a title row above the header, 问题类别/问题内容 for 整治内容/问题描述, a totals row."""
    path = home / "2017年以来问题线索大起底清单.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "线索清单"
    sheet.append(["呼图壁县2017年以来财政、审计发现问题线索清单"])
    sheet.merge_cells("A1:F1")
    sheet.append(["序号", "问题类别", "问题内容", "涉及人员", "涉及金额", "完成时限"])
    sheet.append([1, "1.1", "2017年粮食直补少发", "李建军", 520.5, "2019-08-31"])
    sheet.append([2, "2.3", "代理银行扣收手续费", None, "12", None])
    sheet.append(["合计", None, None, None, 532.5, None])
    book.save(path)
    done = ykt(home, county, "--json", "import", "clues", str(path))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rows"] == 2
    made = sorted(as_json(home, county, "problem", "list"), key=lambda p: p["number"])
    assert [(p["category"], p["description"], p["amount_fen"]) for p in made] == [
        ("1.1", "2017年粮食直补少发", 52050), ("2.3", "代理银行扣收手续费", 1200)]
    assert made[0]["deadline"] == "2019-08-31" and made[0]["persons"] == [{"name": "李建军", "id_number": None}]


# ---------------------------------------------------------------- 自查表


@pytest.fixture(scope="module")
def checked(demo_home: Path, demo_db: Path) -> Path:
    """The module's demo with its checks run (a copy); the self-check forms only read it."""
    db = demo_home / "checked.sqlite3"
    for suffix in ("", ".keys"):
        shutil.copy2(f"{demo_db}{suffix}", f"{db}{suffix}")
    done = run(demo_home, "--db", str(db), "check")
    assert done.returncode == 0, done.stderr
    return db


def _expected(findings: list[dict[str, Any]]) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """(program name, item code) → count and amount of the open and confirmed findings, each under the
    first 整治内容 item its rule serves."""
    count: Counter[tuple[str, str]] = Counter()
    fen: Counter[tuple[str, str]] = Counter()
    for f in findings:
        if f["status"] in ("open", "confirmed"):
            key = (f["program"] or NO_PROGRAM, RULES_BY_CODE[f["rule"]].item.split("/")[0].strip())
            count[key] += 1
            fen[key] += f["amount_fen"]
    return count, fen


def _block(rows: list[tuple[Any, ...]], first: str) -> list[tuple[Any, ...]]:
    """The rows under the header row whose first cell is `first`, up to the next empty row."""
    start = next(i for i, r in enumerate(rows) if r[0] == first) + 1
    end = next((i for i in range(start, len(rows)) if rows[i][0] is None), len(rows))
    return rows[start:end]


def test_the_selfcheck_workbook_holds_the_demos_numbers(demo_home: Path, checked: Path, tmp_path: Path) -> None:
    out = tmp_path / "自查表.xlsx"
    done = ykt(demo_home, checked, "selfcheck", "--all", "--out", str(out))
    assert done.returncode == 0 and "已写入" in done.stderr, done.stderr
    programs = {p["name"]: p for p in as_json(demo_home, checked, "basics")["programs"]}
    count, fen = _expected(as_json(demo_home, checked, "findings"))
    assert sum(count.values()) > 20  # the demo's planted problems are there to be counted

    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "汇总" and set(book.sheetnames[1:]) == set(programs)
    for name, p in programs.items():
        rows = list(book[name].iter_rows(values_only=True))
        assert name in str(rows[0][0]) and "自查表" in str(rows[0][0]) and p["code"] in str(rows[1][0])
        basics = {r[0]: r[1] for r in _block(rows, "指标")}
        assert basics["受益人数"] == f"{p['figures']['persons']:,} 人", name
        assert basics["发放金额合计"] == f"{format_yuan(p['figures']['paid_fen'])} 元", name
        items = _block(rows, "编号")
        assert [r[0] for r in items] == [*CODES, "合计"], name
        for code, title, answer, n, yuan, _measures in items[:-1]:
            assert n == count[(name, code)], (name, code)
            assert round(float(yuan) * 100) == fen[(name, code)], (name, code)
            assert answer == ("有问题" if n else "无问题") and title, (name, code)
        assert items[-1][3] == sum(count[(name, c)] for c in CODES)

    summary = list(book["汇总"].iter_rows(values_only=True))
    per_program = {r[1]: r for r in _block(summary, "序号") if r[0] != "合计"}
    loose = per_program.pop(NO_PROGRAM)  # 一人多卡, 代理银行过多…: findings of no single program, counted too
    assert loose[6] == sum(count[(NO_PROGRAM, c)] for c in CODES) > 0
    assert set(per_program) == set(programs)
    for name, p in programs.items():
        row = per_program[name]
        assert (row[3], round(float(row[4]) * 100)) == (p["figures"]["persons"], p["figures"]["paid_fen"]), name
        assert row[6] == sum(count[(name, c)] for c in CODES), name
    header = next(r for r in summary if r[0] == "编号")
    assert header[5] == "有问题的项目"
    by_item = {r[0]: r for r in _block(summary, "编号")}
    assert by_item["1.2"][3] == sum(n for (_prog, code), n in count.items() if code == "1.2")
    assert "高龄老人基本生活津贴" in str(by_item["1.2"][5])
    for code in CODES:  # every finding of the county under its item, program or not
        assert by_item[code][3] == sum(n for (_prog, c), n in count.items() if c == code), code
    assert by_item["2.1"][3] > 0 and NO_PROGRAM in str(by_item["2.1"][5])  # 一人多卡 belongs to no program


def test_the_selfcheck_of_one_program_as_pdf_and_json(demo_home: Path, checked: Path, tmp_path: Path) -> None:
    out = tmp_path / "高龄津贴自查表.pdf"
    done = ykt(demo_home, checked, "selfcheck", "--program", "高龄津贴", "--out", str(out))
    assert done.returncode == 0 and "已写入 1 个项目的自查表" in done.stderr, done.stderr
    text = re.sub(r"\s+", "", "\n".join(page.extract_text() for page in PdfReader(out).pages))
    assert "自查表" in text and "高龄老人基本生活津贴" in text and "整治内容自查情况" in text

    forms = as_json(demo_home, checked, "selfcheck", "--program", "高龄津贴")
    assert len(forms) == 1 and forms[0]["program"] == "MZ02"
    assert list(forms[0]["items"]) == CODES
    count, _fen = _expected(as_json(demo_home, checked, "findings"))
    for code, item in forms[0]["items"].items():
        assert item["count"] == count[("高龄老人基本生活津贴", code)], code
        assert item["answer"] == ("有问题" if item["count"] else "无问题")
    table = ykt(demo_home, checked, "selfcheck", "--program", "MZ02")
    assert table.returncode == 0 and "1.2" in table.stdout and "有问题" in table.stdout


def test_selfcheck_refuses_another_format_and_an_unknown_program(demo_home: Path, checked: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "自查表.txt"
    done = ykt(demo_home, checked, "selfcheck", "--program", "高龄津贴", "--out", str(out))
    assert done.returncode in (2, 3) and ".xlsx 或 .pdf" in done.stderr, done.stderr
    assert not out.exists()
    nowhere = tmp_path / "没有的文件夹" / "自查表.xlsx"
    missing = ykt(demo_home, checked, "selfcheck", "--all", "--out", str(nowhere))
    assert missing.returncode == 3 and "文件夹不存在" in missing.stderr and not nowhere.exists()
    unknown = ykt(demo_home, checked, "selfcheck", "--program", "没有这个补贴")
    assert unknown.returncode == 3 and "没有这个补贴" in unknown.stderr
    neither = ykt(demo_home, checked, "selfcheck")
    assert neither.returncode == 2
