"""`ykt check`, `ykt findings`, `ykt finding` as a clerk types them (SPEC §6, §10)."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from ykt_cli import run

RULE_FIELDS = {"rule", "id_number", "name", "program", "period", "amount_fen", "explanation", "status", "village"}


@pytest.fixture(scope="module")
def checked(demo_home: Path, demo_db: Path) -> Path:
    db = demo_home / "checked.sqlite3"
    for suffix in ("", ".keys"):
        shutil.copy2(str(demo_db) + suffix, str(db) + suffix)
    done = run(demo_home, "--db", str(db), "check")
    assert done.returncode == 0, done.stderr
    return db


def test_check_prints_each_rules_count_and_a_summary(demo_home: Path, checked: Path) -> None:
    again = run(demo_home, "--db", str(checked), "--json", "check", "--rule", "UNDERPAID", "--rule", "重复发放")
    assert again.returncode == 0
    rows = {r["rule"]: r for r in json.loads(again.stdout)}
    assert set(rows) == {"UNDERPAID", "DUPLICATE_PAYMENT"} and rows["UNDERPAID"]["findings"] == 3
    assert rows["UNDERPAID"]["new"] == 0  # a re-run finds the same findings
    assert "共运行 2 条规则" in again.stderr


def test_findings_json_has_the_fields_and_every_row_unless_limited(demo_home: Path, checked: Path) -> None:
    every = json.loads(run(demo_home, "--db", str(checked), "--json", "findings").stdout)
    assert len(every) >= 30 and all(RULE_FIELDS <= set(f) for f in every)
    assert any(len(f["id_number"] or "") == 18 for f in every)  # full, for the clerk's own use
    two = json.loads(run(demo_home, "--db", str(checked), "--json", "findings", "--limit", "2").stdout)
    assert len(two) == 2
    one_rule = json.loads(run(demo_home, "--db", str(checked), "--json", "findings", "--rule", "MULTI_CARD").stdout)
    assert {f["rule"] for f in one_rule} == {"MULTI_CARD"}


def test_findings_export_to_xlsx_and_csv(demo_home: Path, checked: Path) -> None:
    xlsx, csv_path = demo_home / "问题.xlsx", demo_home / "问题.csv"
    assert run(demo_home, "--db", str(checked), "findings", "--format", "xlsx", "--out", str(xlsx)).returncode == 0
    rows = list(openpyxl.load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "规则", "规则名称") and len(rows) > 30
    ids = [r[6] for r in rows[1:] if r[6]]
    assert ids and all("********" in i for i in ids)  # masked: the file may leave the office
    assert run(demo_home, "--db", str(checked), "findings", "--format", "csv", "--out", str(csv_path)).returncode == 0
    with csv_path.open(encoding="utf-8-sig") as fh:
        assert len(list(csv.reader(fh))) == len(rows)
    refused = run(demo_home, "--db", str(checked), "findings", "--format", "xlsx")
    assert refused.returncode == 2 and "--out" in refused.stderr


def test_confirm_and_dismiss_from_the_cli(demo_home: Path, checked: Path) -> None:
    found = json.loads(run(demo_home, "--db", str(checked), "--json", "findings", "--rule", "LATE_PAYMENT").stdout)
    first, second = found[0]["uid"][:8], found[1]["uid"][:8]
    no_reason = run(demo_home, "--db", str(checked), "finding", "dismiss", first)
    assert no_reason.returncode == 2 and "理由" in no_reason.stderr
    done = run(demo_home, "--db", str(checked), "finding", "dismiss", first, second, "--reason", "已补发并说明")
    assert done.returncode == 0 and "2 条" in done.stderr
    dismissed = json.loads(run(demo_home, "--db", str(checked), "--json", "findings", "--status", "dismissed").stdout)
    assert {f["uid"][:8] for f in dismissed} == {first, second} and dismissed[0]["reason"] == "已补发并说明"
    unknown = run(demo_home, "--db", str(checked), "finding", "confirm", "zzzzzzzz")
    assert unknown.returncode == 3


def test_an_unknown_rule_is_a_usage_error(demo_home: Path, checked: Path) -> None:
    done = run(demo_home, "--db", str(checked), "check", "--rule", "NO_SUCH_RULE")
    assert done.returncode == 2 and "UNDERPAID" in done.stderr
    notices = run(demo_home, "--db", str(checked), "check", "--rule", "未按规定公示")  # by its title, too
    assert notices.returncode == 0 and "NOT_PUBLICISED" in notices.stdout
