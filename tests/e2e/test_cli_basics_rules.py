"""`ykt basics` and `ykt rules` as typed (SPEC §10)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
from dbs import connect_file
from ykt_cli import has_chinese, run


def test_basics_prints_a_summary_writes_a_workbook_and_json(demo_home: Path, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "底数.xlsx"
    done = run(demo_home, "--db", str(demo_db), "basics", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "政出多门" in done.stdout and "卡出多行" in done.stdout and str(out) in done.stderr
    assert openpyxl.load_workbook(out).sheetnames == ["汇总", "按项目", "按乡镇、村", "政出多门", "卡出多行"]
    data = json.loads(run(demo_home, "--db", str(demo_db), "basics", "--year", "2018", "--json").stdout)
    db = connect_file(demo_db)
    count, fen = db.execute("SELECT count(*), sum(paid_fen) FROM payments WHERE NOT voided AND year = 2018").fetchone()
    assert (data["total"]["payments"], data["total"]["paid_fen"], data["year"]) == (count, fen, 2018)


def test_basics_refuses_an_unknown_org_and_an_unwritable_folder(demo_home: Path, demo_db: Path) -> None:
    done = run(demo_home, "--db", str(demo_db), "basics", "--org", "火星乡")
    assert done.returncode == 3 and has_chinese(done.stderr)
    done = run(demo_home, "--db", str(demo_db), "basics", "--out", "/no/such/folder/a.xlsx")
    assert done.returncode == 3 and has_chinese(done.stderr)


def test_rules_list_set_reset(demo_home: Path, demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    for suffix in ("", ".keys"):
        shutil.copy2(str(demo_db) + suffix, str(db) + suffix)
    listed = json.loads(run(demo_home, "--db", str(db), "rules", "--json").stdout)
    assert next(r for r in listed if r["code"] == "TOO_MANY_BANKS")["params"][0]["value"] == 2
    done = run(demo_home, "--db", str(db), "rules", "set", "TOO_MANY_BANKS", "max_banks", "3")
    assert done.returncode == 0 and "3" in done.stderr
    assert "（已修改）" in run(demo_home, "--db", str(db), "rules").stdout
    done = run(demo_home, "--db", str(db), "rules", "set", "LATE_PAYMENT", "grace_days", "60", "--program", "NY01")
    assert done.returncode == 0, done.stderr
    stored = json.loads(connect_file(db).execute(
        "SELECT value FROM settings WHERE key = 'rules.params'").fetchone()[0])
    assert stored == {"TOO_MANY_BANKS": {"max_banks": 3}, "LATE_PAYMENT": {"grace_days@NY01": 60}}
    assert run(demo_home, "--db", str(db), "rules", "set", "TOO_MANY_BANKS", "max_banks", "-1").returncode == 3
    assert run(demo_home, "--db", str(db), "rules", "set", "NOPE", "x", "1").returncode == 2
    assert run(demo_home, "--db", str(db), "rules", "reset", "TOO_MANY_BANKS", "max_banks").returncode == 0
    assert run(demo_home, "--db", str(db), "rules", "reset", "LATE_PAYMENT", "grace_days",
               "--program", "NY01").returncode == 0
    assert connect_file(db).execute("SELECT value FROM settings WHERE key = 'rules.params'").fetchone() == ("{}",)
