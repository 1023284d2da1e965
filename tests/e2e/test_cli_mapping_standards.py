"""`ykt import --column … --remember`, the remembered fix marked on the next file; `ykt standards` (SPEC §5, §6)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dbs import count, sql
from roster_files import MISLEADING_HEADER, misleading_rows, write_roster
from ykt_cli import run


def test_a_remembered_fix_is_used_and_marked_on_the_next_file_of_the_department(home: Path, county: str) -> None:
    first = write_roster(home / "三月.xlsx", MISLEADING_HEADER, misleading_rows(3))
    done = run(home, "--db", str(county), "import", "roster", str(first), "--column", "金额=应发金额",
               "--column", "本次实际到账(元)=实发金额", "--remember")
    assert done.returncode == 0, done.stderr
    assert "金额→due" in done.stderr and "本次实际到账→paid" in done.stderr and "按记住的对应" not in done.stderr

    second = write_roster(home / "四月.xlsx", MISLEADING_HEADER, misleading_rows(2, first=40, paid=90))
    done = run(home, "--db", str(county), "--json", "import", "roster", str(second))
    assert done.returncode == 0, done.stderr
    assert "金额→due（按记住的对应）" in done.stderr and "本次实际到账→paid（按记住的对应）" in done.stderr
    report = json.loads(done.stdout)
    assert report["department"] == "民政局" and sorted(report["remembered"]["Sheet1"]) == ["本次实际到账", "金额"]
    assert sql(county, "SELECT DISTINCT paid_fen, due_fen FROM payments ORDER BY 1") == [
        (9000, 10000), (9500, 10000)]


@pytest.mark.parametrize(("column", "says"), [("金额", "标题=含义"), ("金额=工资", "没有名为“工资”的列含义")])
def test_a_bad_column_option_is_a_usage_error(home: Path, county: str, column: str, says: str) -> None:
    path = write_roster(home / "三月.xlsx", MISLEADING_HEADER, misleading_rows(1))
    done = run(home, "--db", str(county), "import", "roster", str(path), "--column", column)
    assert done.returncode == 2 and says in done.stderr


def test_standards_proposed_by_an_import_are_listed_and_confirmed(home: Path, county: str) -> None:
    path = write_roster(home / "三月.xlsx", MISLEADING_HEADER, misleading_rows(3))
    done = run(home, "--db", str(county), "import", "roster", str(path))
    assert "补贴标准尚未列入项目目录" in done.stderr and "高龄老人基本生活津贴 2018 年 100.00 元" in done.stderr

    listed = run(home, "--db", str(county), "standards", "list", "--pending", "--json")
    assert listed.returncode == 0, listed.stderr
    [pending] = json.loads(listed.stdout)
    assert (pending["program"], pending["amount_fen"], pending["rows"]) == ("MZ02", 10000, 3)
    assert not pending["confirmed"]

    assert run(home, "--db", str(county), "standards", "confirm").returncode == 2
    unknown = run(home, "--db", str(county), "standards", "confirm", "ffffffff")
    assert unknown.returncode == 3 and "没有编号为 ffffffff" in unknown.stderr
    done = run(home, "--db", str(county), "standards", "confirm", pending["uid"][:8])
    assert done.returncode == 0 and "已确认 1 条补贴标准" in done.stderr and "已确认" in done.stdout
    assert json.loads(run(home, "--db", str(county), "standards", "list", "--pending", "--json").stdout) == []
    table = run(home, "--db", str(county), "standards", "list").stdout
    assert "MZ02 高龄老人基本生活津贴" in table and "已确认" in table

    audit = run(home, "--db", str(county), "audit", "verify")
    assert audit.returncode == 0, audit.stderr
    assert count(county, "SELECT COUNT(*) FROM audit_events WHERE action = 'standards.confirm'") == 1
