"""`ykt person …` / `ykt payment …` as a clerk types them: exit codes, messages, nothing stored on error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dbs import count, sql
from ykt_cli import run

from yikatong_desktop.domain.ids import compute_check_char

WANG = "65232319500101123" + compute_check_char("65232319500101123")
BAD_CHECKSUM = WANG[:-1] + ("1" if WANG[-1] != "1" else "2")


def _payment(home: Path, db: str, id_number: str, *more: str) -> object:
    return run(home, "--db", str(db), "--json", "payment", "add", "--id", id_number, "--name", "王建国",
               "--program", "耕地地力保护补贴", "--year", "2018", "--paid", "1,234.50", "--date", "2018-06-15",
               "--account", "6228480012345678901", "--bank", "农业银行", "--reason", "村委会核实后补录", *more)


def test_a_payment_typed_in_is_shown_with_its_uid_then_corrected_and_voided(home: Path, county: str) -> None:
    added = _payment(home, county, WANG, "--set", "联系电话=13899912345")
    assert added.returncode == 0, added.stderr
    result = json.loads(added.stdout)
    assert result["person_created"] and "已录入发放记录" in added.stderr and "1,234.50 元" in added.stderr

    shown = run(home, "--db", str(county), "person", "show", WANG)
    assert shown.returncode == 0 and WANG in shown.stdout and result["payment_uid"] in shown.stdout
    person = json.loads(run(home, "--db", str(county), "person", "show", WANG, "--json").stdout)["person"]
    assert person["uid"] == result["person_uid"] and person["phone"] == "13899912345"

    edited = run(home, "--db", str(county), "person", "edit", result["person_uid"], "--set", "姓名=王 建 国",
                 "--set", "联系电话=13999998888", "--reason", "按户口本", "--version", str(person["version"]))
    assert edited.returncode == 0 and "已更正" in edited.stderr
    stale = run(home, "--db", str(county), "person", "edit", result["person_uid"], "--set", "民族=汉族",
                "--reason", "又改", "--version", str(person["version"]))
    assert stale.returncode == 3 and "刷新" in stale.stderr

    pay = run(home, "--db", str(county), "payment", "edit", result["payment_uid"], "--set", "实发金额=1000",
              "--reason", "银行回单")
    assert pay.returncode == 0
    refused = run(home, "--db", str(county), "person", "void", result["person_uid"], "--reason", "录错了")
    assert refused.returncode == 3 and "--with-payments" in refused.stderr
    voided = run(home, "--db", str(county), "person", "void", result["person_uid"], "--reason", "录错了",
                 "--with-payments")
    assert voided.returncode == 0 and "已作废" in voided.stderr

    assert count(county, "SELECT paid_fen FROM payments") == 100000
    assert count(county, "SELECT COUNT(*) FROM payments WHERE voided") == 1
    assert count(county, "SELECT COUNT(*) FROM record_history") >= 4
    details = " ".join(d for (d,) in sql(county, "SELECT detail FROM audit_events"))
    assert WANG not in details and "6228480012345678901" not in details and "13899912345" not in details
    assert "按户口本" in details and "138****2345" in details


@pytest.mark.parametrize(("id_number", "more", "code", "says"), [
    ("6.52323E+17", (), 3, "“身份证号”：身份证号被Excel转成了数字"),
    (WANG, ("--paid", "一百"), 3, "“实发金额”"),
    (WANG, ("--account", "12345"), 3, "“银行账号”"),
    (WANG, ("--set", "工资=100"), 2, "没有名为“工资”的栏目"),
    (WANG, ("--set", "工资"), 2, "字段=值"),
])
def test_bad_values_are_refused_naming_the_field_and_store_nothing(home: Path, county: str, id_number: str,
                                                                   more: tuple[str, ...], code: int,
                                                                   says: str) -> None:
    events = count(county, "SELECT COUNT(*) FROM audit_events")  # init (and the first admin, encrypted)
    done = _payment(home, county, id_number, *more)
    assert done.returncode == code and says in done.stderr and done.stdout == ""
    for table in ("persons", "payments", "bank_accounts", "import_batches"):
        assert count(county, f"SELECT COUNT(*) FROM {table}") == 0
    assert count(county, "SELECT COUNT(*) FROM audit_events") == events


def test_an_id_failing_its_checksum_is_stored_marked_invalid_with_a_note(home: Path, county: str) -> None:
    done = run(home, "--db", str(county), "person", "add", "--id", BAD_CHECKSUM, "--name", "李秀英",
               "--township", "大丰镇", "--village", "东村", "--group", "3", "--reason", "新迁入")
    assert done.returncode == 0 and "校验码不对" in done.stderr
    assert count(county, "SELECT COUNT(*) FROM persons WHERE NOT id_valid AND group_code LIKE '%-3'") == 1
    again = run(home, "--db", str(county), "person", "add", "--id", BAD_CHECKSUM, "--name", "李秀英",
                "--reason", "再录")
    assert again.returncode == 3 and "已在库中" in again.stderr
    missing = run(home, "--db", str(county), "person", "show", WANG)
    assert missing.returncode == 3 and "没有身份证号为" in missing.stderr
