"""`ykt verify-sheet export|import` as typed: files, messages and exit codes (SPEC §7, §10)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from ykt_cli import has_chinese, run

from yikatong_desktop.services.checks.registry import IMPLS


@pytest.fixture(scope="module")
def checked_db(demo_db: Path, demo_home: Path) -> Path:
    """The module's demo with the registered rules run (a copy: the demo itself stays as built)."""
    path = demo_home / "checked.sqlite3"
    for suffix in ("", ".keys"):
        if Path(f"{demo_db}{suffix}").exists():
            shutil.copy2(f"{demo_db}{suffix}", f"{path}{suffix}")
    rules = [arg for code in IMPLS for arg in ("--rule", code)]
    done = run(demo_home, "--db", str(path), "check", *rules)
    assert done.returncode == 0, done.stderr
    return path


def _village(home: Path, db: Path) -> tuple[str, int]:
    done = run(home, "--db", str(db), "--json", "findings", "--status", "open")
    assert done.returncode == 0, done.stderr
    counts: dict[str, int] = {}
    for f in json.loads(done.stdout):
        if f["org"] and len(f["org"]) == 12:
            counts[f["org"]] = counts.get(f["org"], 0) + 1
    code = max(counts, key=lambda c: counts[c])
    return code, counts[code]


def test_export_fill_import_round_trip(checked_db: Path, demo_home: Path, tmp_path: Path) -> None:
    db = str(checked_db)
    village, count = _village(demo_home, checked_db)
    out = tmp_path / "核实表.xlsx"
    done = run(demo_home, "--db", db, "verify-sheet", "export", "--village", village, "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"（{count} 条问题）" in done.stderr and out.exists()

    book = openpyxl.load_workbook(out)
    sheet = book["核实表"]
    sheet["J4"] = "属实"
    sheet["J5"] = "不属实"
    sheet["K5"] = "经核实已退回"
    sheet["J6"] = "看不懂"
    book.save(out)
    done = run(demo_home, "--db", db, "--json", "verify-sheet", "import", str(out))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["confirmed"], report["dismissed"], report["rows"]) == (1, 1, count)
    assert [(i["row"], i["column"]) for i in report["issues"]] == [(6, "核实结果")]
    assert "第 6 行" in done.stderr and "“核实结果”列" in done.stderr and "确认 1 条，排除 1 条" in done.stderr

    listed = run(demo_home, "--db", db, "--json", "findings", "--status", "dismissed")
    assert [f["reason"] for f in json.loads(listed.stdout)] == ["村核实：不属实。经核实已退回"]


def test_a_file_that_is_no_verification_sheet_exits_3(checked_db: Path, demo_home: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_text("这不是表格", encoding="utf-8")
    done = run(demo_home, "--db", str(checked_db), "verify-sheet", "import", str(junk))
    assert done.returncode == 3
    assert "不是核实表" in done.stderr and has_chinese(done.stderr)
    done = run(demo_home, "--db", str(checked_db), "verify-sheet", "import", str(tmp_path / "missing.xlsx"))
    assert done.returncode == 3 and "文件不存在" in done.stderr


def test_export_refusals_and_usage_errors(checked_db: Path, demo_home: Path, tmp_path: Path) -> None:
    db = str(checked_db)
    done = run(demo_home, "--db", db, "verify-sheet", "export", "--village", "没有这个村", "--out",
               str(tmp_path / "x.xlsx"))
    assert done.returncode == 3 and "没有村（社区）“没有这个村”" in done.stderr
    done = run(demo_home, "--db", db, "verify-sheet", "export", "--village", "x", "--out",
               str(tmp_path / "no" / "x.xlsx"))
    assert done.returncode == 3
    assert run(demo_home, "--db", db, "verify-sheet").returncode == 2
    assert run(demo_home, "--db", db, "verify-sheet", "export", "--out", "x.xlsx").returncode == 2
    done = run(demo_home, "--db", str(tmp_path / "none.sqlite3"), "verify-sheet", "import", "x.xlsx")
    assert done.returncode == 3 and "ykt init" in done.stderr
