"""`ykt import roster` as a clerk types it: messages, exit codes, a kill in the middle (SPEC §5, §10)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from dbs import count, integrity_ok
from ykt_cli import run

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
GAOLING = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"


def test_import_prints_the_mapping_each_rejected_row_and_a_summary(home: Path, county: str) -> None:
    errors = home / "错误.xlsx"
    done = run(home, "--db", str(county), "import", "roster", str(GAOLING), "--program", "高龄津贴",
               "--period", "2018年3月", "--errors", str(errors))
    assert done.returncode == 0, done.stderr
    assert "身份证号码→id_number" in done.stderr and "发放金额→paid" in done.stderr
    assert "拒绝 工作表“2018年3月” 第 70 行 “身份证号码”列" in done.stderr
    assert "接受 120 行（其中 3 行有提示），拒绝 1 行" in done.stderr and "12,100.00 元" in done.stderr
    rows = list(openpyxl.load_workbook(errors).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[0][-1] == "错误原因"

    again = run(home, "--db", str(county), "import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03")
    assert again.returncode == 0 and "已经导入过" in again.stderr


@pytest.mark.parametrize(("args", "code", "says"), [
    (("import", "roster", str(GAOLING)), 3, "补贴项目"),  # program and period only in the title
    (("import", "roster", str(GAOLING), "--program", "没有这个项目", "--period", "2018-03"), 2, "项目目录"),
    (("import", "roster", str(GAOLING), "--program", "MZ02", "--period", "三月"), 2, "无法识别"),
    (("import", "roster", "/nonexistent/花名册.xlsx"), 3, "文件不存在"),
])
def test_refusals_are_one_clear_message_with_an_exit_code(home: Path, county: str, args: tuple[str, ...],
                                                          code: int, says: str) -> None:
    done = run(home, "--db", str(county), *args)
    assert done.returncode == code and says in done.stderr
    assert count(county, "SELECT COUNT(*) FROM payments") == 0


def test_garbage_named_xlsx_is_refused(home: Path, county: str) -> None:
    junk = home / "花名册.xlsx"
    junk.write_bytes(b"\x00\x01garbage" * 100)
    done = run(home, "--db", str(county), "import", "roster", str(junk), "--program", "MZ02", "--period", "2018")
    assert done.returncode == 3 and "花名册.xlsx" in done.stderr


@pytest.mark.parametrize("after_rows", [1, 60, 119])
def test_a_kill_during_import_leaves_nothing_of_the_file(home: Path, county: str, after_rows: int) -> None:
    done = run(home, "--db", str(county), "import", "roster", str(GAOLING), "--program", "MZ02",
               "--period", "2018-03", YKT_FAULT_KILL_AFTER_ROWS=str(after_rows))
    assert done.returncode == 137
    assert integrity_ok(county)
    for table in ("payments", "persons", "import_batches"):
        assert count(county, f"SELECT COUNT(*) FROM {table}") == 0, table
    ok = run(home, "--db", str(county), "import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03")
    assert ok.returncode == 0 and "新增 120 笔" in ok.stderr


def test_the_roster_template_is_what_the_importer_reads(home: Path, county: str) -> None:
    template = home / "模板.xlsx"
    made = run(home, "template", "roster", "--out", str(template))
    assert made.returncode == 0 and "模板已保存" in made.stderr
    book = openpyxl.load_workbook(template)
    sheet = book.active
    header = [c.value for c in sheet[3]]
    assert header[:3] == ["序号", "县(市)", "乡镇"] and "身份证号" in header and "实发金额" in header
    id_col = header.index("身份证号") + 1
    assert sheet.cell(row=4, column=id_col).number_format == "@"  # IDs typed here stay text
    assert sheet.cell(row=3, column=id_col).comment is not None
    assert "请勿改成数字" in sheet.cell(row=2, column=id_col).value  # the note row
    # A clerk fills a row; the importer takes the template as it is.
    sheet.cell(row=4, column=header.index("姓名") + 1, value="王建国")
    sheet.cell(row=4, column=id_col, value="652323195001011236")
    sheet.cell(row=4, column=header.index("补贴项目") + 1, value="粮食直补")
    sheet.cell(row=4, column=header.index("补贴年度") + 1, value="2017")
    sheet.cell(row=4, column=header.index("实发金额") + 1, value="100")
    book.save(template)
    done = run(home, "--db", str(county), "import", "roster", str(template))
    assert done.returncode == 0 and "接受 1 行" in done.stderr, done.stderr


def test_an_unknown_template_is_a_usage_error(home: Path) -> None:
    done = run(home, "template", "nosuch", "--out", str(home / "x.xlsx"))
    assert done.returncode == 2 and "roster" in done.stderr


def test_batches_are_listed_and_a_wrong_one_voided_from_the_cli(home: Path, county: str) -> None:
    assert run(home, "--db", str(county), "import", "roster", str(GAOLING), "--program", "MZ02",
               "--period", "2018-03").returncode == 0
    listed = run(home, "--db", str(county), "--json", "batch", "list")
    (batch,) = json.loads(listed.stdout)
    assert batch["rows_accepted"] == 120 and not batch["voided"]
    no_reason = run(home, "--db", str(county), "batch", "void", batch["uid"])
    assert no_reason.returncode == 2
    done = run(home, "--db", str(county), "batch", "void", batch["uid"], "--reason", "期间选错了")
    assert done.returncode == 0 and "120 条" in done.stderr
    assert count(county, "SELECT COUNT(*) FROM payments WHERE NOT voided") == 0
    assert run(home, "--db", str(county), "batch", "void", batch["uid"], "--reason", "x").returncode == 3


def test_lists_are_imported_by_kind_and_counted_by_stats(home: Path, county: str) -> None:
    done = run(home, "--db", str(county), "import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03")
    assert done.returncode == 0, done.stderr
    deaths = run(home, "--db", str(county), "--json", "import", "status", str(SAMPLES / "死亡人员名单_2018.xlsx"))
    assert deaths.returncode == 0, deaths.stderr
    assert "死亡日期→日期" in deaths.stderr and "新登记人员 15 人" in deaths.stderr
    assert json.loads(deaths.stdout)["kind"] == "status"
    bank = run(home, "--db", str(county), "import", "bank-return", str(SAMPLES / "银行_代发回盘_201803.xlsx"))
    assert bank.returncode == 0 and "已与银行合计行核对一致" in bank.stderr and "回盘 118 笔已对应" in bank.stderr
    stats = json.loads(run(home, "--db", str(county), "stats", "--json").stdout)
    assert stats["person_statuses"]["count"] == 17 and stats["bank_returns"]["count"] == 118
    # A roster given as a bank return is refused with the columns a bank return needs; nothing stored.
    wrong = run(home, "--db", str(county), "import", "bank-return", str(GAOLING))
    assert wrong.returncode == 3 and "缺少“状态”列" in wrong.stderr
    unknown = run(home, "--db", str(county), "import", "deaths", str(GAOLING))
    assert unknown.returncode == 2
    reason = run(home, "--db", str(county), "import", "staff", str(GAOLING), "--reason", "死亡")
    assert reason.returncode == 2 and "--reason" in reason.stderr


@pytest.mark.parametrize("kind", ["status", "staff", "cadres", "eligible", "allocations", "bank-return",
                                  "field-checks"])
def test_every_list_template_is_written(home: Path, kind: str) -> None:
    out = home / f"{kind}.xlsx"
    done = run(home, "template", kind, "--out", str(out))
    assert done.returncode == 0 and out.exists()
    header = [c.value for c in openpyxl.load_workbook(out).active[3]]
    assert header[0] == "序号" and len(header) >= 4


@pytest.mark.parametrize("after_rows", [5, 20])
def test_a_kill_during_a_list_import_leaves_nothing_of_the_file(home: Path, county: str, after_rows: int) -> None:
    deaths = str(SAMPLES / "死亡人员名单_2018.xlsx")
    done = run(home, "--db", str(county), "import", "status", deaths, YKT_FAULT_KILL_AFTER_ROWS=str(after_rows))
    assert done.returncode == 137
    assert integrity_ok(county)
    for table in ("persons", "person_statuses", "import_batches", "audit_events WHERE action = 'import.status'"):
        assert count(county, f"SELECT COUNT(*) FROM {table}") == 0, table
    ok = run(home, "--db", str(county), "import", "status", deaths)
    assert ok.returncode == 0 and "新增 17 条" in ok.stderr


def test_a_program_the_import_created_is_listed_and_merged_from_the_cli(home: Path, county: str) -> None:
    roster = home / "r.csv"
    roster.write_text("姓名,身份证号,补贴项目,补贴年度,实发金额\n王建国,652323195001011235,老年补贴新,2018,100\n",
                      encoding="utf-8")
    done = run(home, "--db", str(county), "import", "roster", str(roster))
    assert done.returncode == 0 and "XZ01 老年补贴新" in done.stderr
    listed = json.loads(run(home, "--db", str(county), "--json", "program", "list").stdout)
    assert {p["code"]: p["local"] for p in listed}["XZ01"] is True
    same = run(home, "--db", str(county), "program", "merge", "XZ01", "--into", "XZ01", "--reason", "x")
    assert same.returncode == 2
    unknown = run(home, "--db", str(county), "program", "merge", "没有", "--into", "MZ02", "--reason", "x")
    assert unknown.returncode == 3 and "ykt program list" in unknown.stderr
    merged = run(home, "--db", str(county), "program", "merge", "XZ01", "--into", "高龄津贴", "--reason", "同一项目")
    assert merged.returncode == 0 and "1 笔发放记录" in merged.stderr
    again = run(home, "--db", str(county), "program", "list")
    assert "XZ01" not in again.stdout and "老年补贴新" in again.stdout  # now a synonym of 高龄津贴
