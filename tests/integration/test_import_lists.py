"""The other lists of SPEC §5: samples and files written here, through the import service into SQLite."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from ykt_integration import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.lists import ListKind
from yikatong_desktop.services.imports import ImportReport, import_roster, void_batch
from yikatong_desktop.services.list_imports import import_list
from yikatong_desktop.services.stats import stats
from yikatong_desktop.services.templates import write_template

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))["files"]
GAOLING = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"
DEATHS = SAMPLES / "死亡人员名单_2018.xlsx"
STAFF = SAMPLES / "财政供养人员名单.xlsx"
RETURNS = SAMPLES / "银行_代发回盘_201803.xlsx"
Installation = Callable[..., bootstrap.App]

# Valid IDs (GB 11643 check characters) for files written here.
ID_A, ID_B, ID_C = "652323195001011235", "652323196505052318", "652323198001010017"


def _list(app: bootstrap.App, kind: ListKind, path: Path, *, commit: bool = True, **kw: Any) -> ImportReport:
    with app.uow() as uow:
        report = import_list(uow, app.actor, kind, path, **kw)
        if commit and not report.dry_run and not report.already_imported:
            uow.commit()
    return report


def _roster(app: bootstrap.App, path: Path = GAOLING) -> None:
    with app.uow() as uow:
        import_roster(uow, app.actor, path, program="高龄老人基本生活津贴", period="2018-03")
        uow.commit()


def _book(path: Path, rows: Sequence[Sequence[object]], *, title: str | None = "名单", sheet: str = "Sheet1") -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def _count(app: bootstrap.App, table: str) -> int:
    return int(sql(app.location, f"SELECT COUNT(*) FROM {table} WHERE NOT voided")[0][0])


def test_the_death_list_sample_keeps_everyone_and_links_roster_persons(installation: Installation) -> None:
    app = installation()
    _roster(app)
    report = _list(app, ListKind.STATUS, DEATHS)
    want = EXPECTED[DEATHS.name]
    assert (report.rows_total, report.accepted, report.rejected) == (want["data_rows"], want["accept"], 0)
    # No 事由 column: the sheet (死亡人员) says every row is a death.
    assert sql(app.location, "SELECT DISTINCT status, reason FROM person_statuses") == [("death", "死亡")]
    # Two of the dead are on the 高龄津贴 roster; the other 15 are kept as persons for later rosters.
    assert report.persons_new == 15
    died = dict(sql(app.location, "SELECT p.id_number, s.status_date FROM person_statuses s "
                                       "JOIN persons p ON p.id = s.person_id"))
    assert died["652323193509305796"] == "2017-12-05" and died["652323193610226996"] == "2018-03-15"
    assert sql(app.location, "SELECT deregistered_date FROM person_statuses s JOIN persons p ON "
                                  "p.id = s.person_id WHERE p.id_number = '652323195201119195'") == [("2016-09-02",)]
    app.close()


def test_the_staff_sample_converts_15_digit_ids_and_normalises_dots(installation: Installation) -> None:
    app = installation()
    report = _list(app, ListKind.STAFF, STAFF)
    assert (report.accepted, report.rejected) == (EXPECTED[STAFF.name]["accept"], 0)
    rows = dict(sql(app.location, "SELECT p.id_number, e.written_name FROM public_employees e "
                                       "JOIN persons p ON p.id = e.person_id"))
    assert "652323198710222514" in rows  # listed as 652323871022251
    assert rows["652323197310305877"] == "努尔买买提·买买提"
    assert sql(app.location, "SELECT employer, category FROM public_employees e JOIN persons p "
                                  "ON p.id = e.person_id WHERE p.id_number = '652323193010300910'") == \
        [("呼图壁县民政局", "离退休")]
    app.close()


def test_the_bank_return_sample_is_matched_to_the_roster_and_checked_against_its_totals(
        installation: Installation) -> None:
    app = installation()
    _roster(app)
    report = _list(app, ListKind.BANK_RETURN, RETURNS)
    want = EXPECTED[RETURNS.name]
    assert (report.rows_total, report.accepted, report.rejected) == (want["data_rows"], want["accept"], 0)
    assert report.matched == 118 and not [i for i in report.issues if not i.rejected]
    assert any(n.startswith("已与银行合计行核对一致") for n in report.notes)
    db = app.location
    assert sql(db, "SELECT SUM(CASE WHEN succeeded THEN 1 ELSE 0 END), SUM(CASE WHEN succeeded THEN 0 ELSE 1 END) "
                   "FROM bank_returns") == [(want["success"], want["failed"])]
    by_row = {r[0]: r[1:] for r in sql(db, "SELECT r.excel_row, pr.id_number, r.failure_reason, r.fee_fen, "
                                           "r.amount_fen, p.paid_fen FROM bank_returns r JOIN payments p ON "
                                           "p.id = r.payment_id JOIN persons pr ON pr.id = p.person_id")}
    for quirk in want["rows"]:
        if "id" in quirk:  # every planted line answers the payment of the person expected.json names
            assert by_row[quirk["row"]][0] == quirk["id"], quirk
    assert by_row[15][1] == "账户已销户" and by_row[16][2] == 200
    assert by_row[81][3:] == (9800, 10000)  # credited 2 元 short of the payment
    # Two lines to the shared account answer the two people's payments, one each.
    shared = sql(db, "SELECT COUNT(DISTINCT payment_id) FROM bank_returns WHERE account_number = "
                     "'6217009146175405907'")
    assert shared == [(2,)]
    app.close()


def test_a_bank_return_whose_totals_disagree_says_so(installation: Installation, tmp_path: Path) -> None:
    app = installation()
    path = _book(tmp_path / "回盘.xlsx", [
        ["序号", "账号", "户名", "金额", "处理状态", "失败原因", "入账日期", "手续费"],
        [1, "6228480494082511440", "孔敏", 100, "成功", None, "20180329", 0],
        [2, "6228480765892962745", "廖淑华", 100, "失败", "账号不存在", None, 0],
        [None] * 8,
        ["总笔数：3  成功笔数：2  成功金额：200.00  失败笔数：1  失败金额：100.00"],
    ])
    report = _list(app, ListKind.BANK_RETURN, path)
    assert report.accepted == 2
    note = next(n for n in report.notes if n.startswith("银行合计与明细不符"))
    assert "总笔数 银行写 3，明细合计 2" in note and "成功金额 银行写 200.00元，明细合计 100.00元" in note
    # No roster yet: the lines are kept, each with a warning that no payment answers it.
    assert report.matched == 0 and sum(1 for i in report.issues if not i.rejected) == 2
    assert _count(app, "bank_returns") == 2
    app.close()


LISTS: dict[ListKind, tuple[list[object], list[list[object]], str]] = {
    ListKind.STATUS: (["身份证号", "姓名", "事由", "日期", "补贴项目"],
                      [[ID_A, "王建国", "死亡", "2018-03-05", None],
                       [ID_B, "李秀英", "户口迁出", "2018/4/1", None],
                       [ID_C, "张伟", "自愿退出", "2018年5月6日", "高龄津贴"]],
                      "SELECT status, reason, status_date FROM person_statuses ORDER BY status_date"),
    ListKind.CADRES: (["身份证号", "姓名", "职务", "关系", "干部身份证号"],
                      [[ID_A, "王建国", "村党支部书记", "本人", None],
                       [ID_B, "李秀英", None, "配偶", ID_A]],
                      "SELECT relation, position, cadre_person_id IS NOT NULL FROM cadres ORDER BY relation"),
    ListKind.ELIGIBLE: (["身份证号", "姓名", "补贴项目", "起始期间"],
                        [[ID_A, "王建国", "高龄津贴", "2018-01"], [ID_B, "李秀英", "计生奖扶", "2018"]],
                        "SELECT from_label, from_start FROM eligible_entries ORDER BY from_label"),
    ListKind.ALLOCATIONS: (["补贴项目", "单位", "期间", "拨付金额", "到位日期"],
                           [["高龄津贴", "", "2018-03", "12,200.00", "2018-03-10"],
                            ["高龄津贴", "某乡", "2018-03", 500, "2018-03-12"]],
                           "SELECT unit, org_code IS NOT NULL, amount_fen FROM fund_allocations ORDER BY amount_fen"),
    ListKind.FIELD_CHECKS: (["身份证号", "日期", "核查人", "卡在本人手中", "持卡人", "说明"],
                            [[ID_A, "2019-05-06", "马力", "否", "王小明", "卡由儿子保管"],
                             [ID_B, "2019-05-06", "马力", "是", None, None]],
                            "SELECT card_in_hand, card_holder FROM field_checks ORDER BY card_in_hand"),
}
STORED = {
    ListKind.STATUS: [("death", "死亡", "2018-03-05"), ("moved", "户口迁出", "2018-04-01"),
                      ("exit", "自愿退出", "2018-05-06")],
    ListKind.CADRES: [("本人", "村党支部书记", 0), ("配偶", None, 1)],
    ListKind.ELIGIBLE: [("2018", "2018-01-01"), ("2018-01", "2018-01-01")],
    ListKind.ALLOCATIONS: [("某乡", 0, 50000), ("", 1, 1220000)],
    ListKind.FIELD_CHECKS: [(0, "王小明"), (1, None)],
}


@pytest.mark.parametrize("kind", list(LISTS))
def test_each_list_kind_stores_its_rows_and_a_second_import_changes_nothing(
        installation: Installation, tmp_path: Path, kind: ListKind) -> None:
    app = installation()
    header, rows, query = LISTS[kind]
    path = _book(tmp_path / f"{kind.value}.xlsx", [header, *rows, [], ["制表人：张三"]])
    report = _list(app, kind, path)
    assert (report.rows_total, report.accepted, report.rejected) == (len(rows), len(rows), 0), report.issues
    assert sql(app.location, query) == STORED[kind]
    assert _list(app, kind, path).already_imported
    # The same facts in another file (re-saved, another title) change nothing either.
    again = _book(tmp_path / f"{kind.value}-2.xlsx", [header, *rows], title="名单（重新导出）")
    report = _list(app, kind, again)
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, len(rows))
    app.close()


def test_a_corrected_list_updates_changed_rows_and_replaces_voids_the_rest(installation: Installation,
                                                                         tmp_path: Path) -> None:
    app = installation()
    first = _list(app, ListKind.STAFF, _book(tmp_path / "a.xlsx", [
        ["身份证号", "姓名", "单位"], [ID_A, "王建国", "县财政局"], [ID_B, "李秀英", "县民政局"]]))
    corrected = _book(tmp_path / "b.xlsx", [["身份证号", "姓名", "单位"], [ID_A, "王建国", "县林草局"]])
    report = _list(app, ListKind.STAFF, corrected, replaces=first.batch_uid)
    assert (report.updated, report.replaced_voided) == (1, 1)
    assert sql(app.location, "SELECT employer FROM public_employees WHERE NOT voided") == [("县林草局",)]
    assert sql(app.location, "SELECT COUNT(*) FROM record_history WHERE kind = 'public_employees'") == [(2,)]
    # A roster cannot replace a list batch, nor a list another kind's batch.
    cadres = _book(tmp_path / "c.xlsx", [["身份证号", "姓名", "职务"], [ID_A, "王建国", "村主任"]])
    with pytest.raises(InputRejected) as caught:
        _list(app, ListKind.CADRES, cadres, replaces=report.batch_uid)
    assert caught.value.key == "batch.other_kind"
    with app.uow() as uow:
        assert void_batch(uow, app.actor, report.batch_uid, "文件错了") == 1
        uow.commit()
    assert _count(app, "public_employees") == 0
    app.close()


@pytest.mark.parametrize(("kind", "header", "row", "column", "says"), [
    (ListKind.STATUS, ["身份证号", "姓名", "事由", "日期"], [ID_A, "王建国", "调动", "2018-01-01"], "事由",
     "死亡、迁出 或 退出"),
    (ListKind.STATUS, ["身份证号", "姓名", "事由", "日期"], [ID_A, "王建国", "死亡", None], "日期", "死亡日期为空"),
    (ListKind.STAFF, ["身份证号", "姓名"], [6.52323195001011e17, "王建国"], "身份证号", "文本格式"),
    (ListKind.STAFF, ["身份证号", "姓名"], ["无", "王建国"], "身份证号", "身份证号"),
    (ListKind.ELIGIBLE, ["身份证号", "姓名", "补贴项目", "起始期间"], [ID_A, "王建国", "火星补贴", "2018"], "补贴项目",
     "不在项目目录"),
    (ListKind.ELIGIBLE, ["身份证号", "姓名", "补贴项目", "起始期间"], [ID_A, "王建国", "城乡居民养老保险", "2018"],
     "补贴项目", "社会保险"),
    (ListKind.ALLOCATIONS, ["补贴项目", "期间", "拨付金额", "到位日期"], ["高龄津贴", "2018", "待定", "2018-01-02"],
     "拨付金额", "不是"),
    (ListKind.BANK_RETURN, ["账号", "户名", "金额", "状态"], ["6.22848E+18", "孔敏", 100, "成功"], "账号", "文本"),
    (ListKind.BANK_RETURN, ["账号", "户名", "金额", "状态"], ["6228480494082511440", "孔敏", 100, "处理中"], "状态",
     "成功 或 失败"),
    (ListKind.FIELD_CHECKS, ["身份证号", "日期", "卡在本人手中"], [ID_A, "2019-01-01", "不清楚"], "卡在本人手中",
     "是 或 否"),
])
def test_a_bad_row_is_rejected_with_its_column_and_stores_nothing(
        installation: Installation, tmp_path: Path, kind: ListKind, header: list[object], row: list[object],
        column: str, says: str) -> None:
    app = installation()
    good = {ListKind.STATUS: [ID_B, "李秀英", "死亡", "2018-01-01"], ListKind.STAFF: [ID_B, "李秀英"],
            ListKind.ELIGIBLE: [ID_B, "李秀英", "高龄津贴", "2018"],
            ListKind.ALLOCATIONS: ["高龄津贴", "2018", 100, "2018-01-02"],
            ListKind.BANK_RETURN: ["6228480765892962745", "廖淑华", 100, "成功"],
            ListKind.FIELD_CHECKS: [ID_B, "2019-01-01", "是"]}[kind]
    persons_before = _count(app, "persons")
    report = _list(app, kind, _book(tmp_path / "x.xlsx", [header, row, good]))
    rejected = [i for i in report.issues if i.rejected]
    assert report.accepted == 1 and len(rejected) == 1
    assert (rejected[0].sheet, rejected[0].row, rejected[0].column) == ("Sheet1", 3, column)
    assert says in rejected[0].message, rejected[0].message
    people = 0 if kind in (ListKind.ALLOCATIONS, ListKind.BANK_RETURN) else 1
    assert _count(app, "persons") == persons_before + people  # the rejected row's person is not stored
    app.close()


def test_dry_run_and_strict_store_nothing(installation: Installation, tmp_path: Path) -> None:
    app = installation()
    path = _book(tmp_path / "s.xlsx", [["身份证号", "姓名"], [ID_A, "王建国"], ["12345", "坏号"]])
    report = _list(app, ListKind.STAFF, path, dry_run=True)
    assert (report.accepted, report.rejected) == (1, 1)
    with pytest.raises(InputRejected) as caught:
        _list(app, ListKind.STAFF, path, strict=True)
    assert caught.value.key == "import.strict"
    assert _count(app, "public_employees") == 0 and _count(app, "persons") == 0
    assert sql(app.location, "SELECT COUNT(*) FROM import_batches") == [(0,)]
    app.close()


def test_a_status_list_without_reason_column_or_name_needs_reason(installation: Installation,
                                                                  tmp_path: Path) -> None:
    app = installation()
    path = _book(tmp_path / "名单.xlsx", [["身份证号", "姓名", "日期"], [ID_A, "王建国", "2018-01-01"]])
    with pytest.raises(InputRejected) as caught:
        _list(app, ListKind.STATUS, path)
    assert caught.value.key == "import.missing_columns" and "--reason" in caught.value.text()
    with pytest.raises(UsageError):
        _list(app, ListKind.STATUS, path, reason="调走了")
    report = _list(app, ListKind.STATUS, path, reason="迁出")
    assert report.accepted == 1
    assert sql(app.location, "SELECT status FROM person_statuses") == [("moved",)]
    app.close()


def test_a_file_that_is_not_that_list_is_refused_naming_the_columns(installation: Installation) -> None:
    app = installation()
    with pytest.raises(InputRejected) as caught:
        _list(app, ListKind.BANK_RETURN, DEATHS)
    assert caught.value.key == "import.no_list_header" and "账号" in caught.value.text()
    app.close()


@pytest.mark.parametrize("kind", [k for k in ListKind])
def test_every_template_is_read_back_by_its_importer(installation: Installation, tmp_path: Path,
                                                      kind: ListKind) -> None:
    app = installation()
    path = tmp_path / f"{kind.value}.xlsx"
    write_template(kind.value, path)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    assert sheet.cell(row=2, column=2).value  # the note row says what the column holds
    header = [c.value for c in sheet[3]]
    sample = {"身份证号": ID_A, "姓名": "王建国", "事由": "死亡", "日期": "2018-03-05", "补贴项目": "高龄津贴",
              "起始期间": "2018", "期间": "2018", "拨付金额": "1000", "到位日期": "2018-01-05",
              "账号": "6228480494082511440", "金额": "100", "状态": "成功", "卡在本人手中": "是"}
    for col, title in enumerate(header, start=1):
        if title in sample:
            sheet.cell(row=4, column=col, value=sample[title])
    book.save(path)
    report = _list(app, kind, path)
    assert (report.accepted, report.rejected) == (1, 0), report.issues
    with app.uow() as uow:
        counts = {s.kind: s.count for s in stats(uow, app.actor)}
    table = {ListKind.STATUS: "person_statuses", ListKind.STAFF: "public_employees", ListKind.CADRES: "cadres",
             ListKind.ELIGIBLE: "eligible_entries", ListKind.ALLOCATIONS: "fund_allocations",
             ListKind.BANK_RETURN: "bank_returns", ListKind.FIELD_CHECKS: "field_checks"}[kind]
    assert counts[table] == 1
    app.close()


def test_a_return_line_answers_the_payment_nearest_its_date_and_no_payment_twice(installation: Installation,
                                                                                tmp_path: Path) -> None:
    app = installation()
    account = "6228480494082511440"
    rows = [["姓名", "身份证号", "补贴项目", "补贴期间", "实发金额", "发放日期", "银行账号"]]
    rows += [["王建国", ID_A, "高龄津贴", f"2018-0{m}", 100, f"2018-0{m}-18", account] for m in (1, 2, 3)]
    with app.uow() as uow:
        import_roster(uow, app.actor, _book(tmp_path / "r.xlsx", rows))
        uow.commit()
    header = ["账号", "户名", "金额", "状态", "入账日期"]
    feb = _book(tmp_path / "feb.xlsx", [header, [account, "王建国", 100, "成功", "2018-02-19"]])
    assert _list(app, ListKind.BANK_RETURN, feb).matched == 1
    answered = "SELECT p.period_label FROM bank_returns r JOIN payments p ON p.id = r.payment_id ORDER BY r.id"
    assert sql(app.location, answered) == [("2018-02",)]  # not the latest period: the nearest date
    # The same facts re-saved change nothing; another line near February takes the next free payment.
    again = _list(app, ListKind.BANK_RETURN, _book(tmp_path / "feb2.xlsx", [header, [account, "王建国", 100, "成功",
                                                                                    "2018-02-19"]], title="重存"))
    assert (again.unchanged, again.inserted) == (1, 0)
    late = _book(tmp_path / "late.xlsx", [header, [account, "王建国", 100, "成功", "2018-02-25"]])
    assert _list(app, ListKind.BANK_RETURN, late).matched == 1
    assert sql(app.location, answered) == [("2018-02",), ("2018-03",)]
    app.close()


def test_a_list_named_for_several_statuses_does_not_guess_a_rows_missing_reason(installation: Installation,
                                                                               tmp_path: Path) -> None:
    app = installation()
    path = _book(tmp_path / "2017年死亡迁出退出人员名单.xlsx", [["身份证号", "姓名", "事由", "日期"],
                                                               [ID_A, "王建国", "迁出", "2018-01-01"],
                                                               [ID_B, "李秀英", None, "2018-02-01"]])
    report = _list(app, ListKind.STATUS, path)
    rejected = [i for i in report.issues if i.rejected]
    assert report.accepted == 1 and len(rejected) == 1 and "缺少事由" in rejected[0].message
    assert sql(app.location, "SELECT status FROM person_statuses") == [("moved",)]
    app.close()


@pytest.mark.parametrize(("kind", "header", "row", "column"), [
    (ListKind.BANK_RETURN, ["账号", "户名", "金额", "状态"], ["6228480494082511440", "·", 100, "成功"], "户名"),
    (ListKind.FIELD_CHECKS, ["身份证号", "日期", "卡在本人手中", "持卡人"], [ID_A, "2019-01-01", "否", "。"], "持卡人"),
    (ListKind.CADRES, ["身份证号", "姓名", "关系", "干部身份证号", "干部姓名"], [ID_A, "王建国", "配偶", ID_B, "."],
     "干部姓名"),
])
def test_a_name_of_punctuation_only_is_a_rejected_row_not_a_crash(installation: Installation, tmp_path: Path,
                                                                  kind: ListKind, header: list[object],
                                                                  row: list[object], column: str) -> None:
    app = installation()
    report = _list(app, kind, _book(tmp_path / "x.xlsx", [header, row]))
    assert report.accepted == 0 and [i.column for i in report.issues if i.rejected] == [column]
    app.close()


def test_a_person_first_met_on_a_list_gets_the_rosters_facts_later(installation: Installation,
                                                                   tmp_path: Path) -> None:
    app = installation()
    checks = _book(tmp_path / "核查.xlsx", [["身份证号", "日期", "卡在本人手中"], [ID_A, "2019-01-01", "是"]])
    _list(app, ListKind.FIELD_CHECKS, checks)
    assert sql(app.location, "SELECT name, household_id FROM persons") == [("", None)]
    with app.uow() as uow:
        import_roster(uow, app.actor, _book(tmp_path / "r.xlsx", [
            ["姓名", "身份证号", "户编号", "乡镇", "村(社区)", "补贴项目", "补贴期间", "实发金额"],
            ["王建国", ID_A, "H-1", "大丰镇", "东庄子村", "高龄津贴", "2018-03", 100]]))
        uow.commit()
    name, household, village = sql(app.location, "SELECT name, household_id, village_code FROM persons")[0]
    assert name == "王建国" and household is not None and village is not None
    assert sql(app.location, "SELECT COUNT(*) FROM record_history WHERE kind = 'persons'") == [(1,)]
    app.close()


def test_two_rows_for_one_record_in_a_file_refuse_the_second(installation: Installation, tmp_path: Path) -> None:
    app = installation()
    report = _list(app, ListKind.STATUS, _book(tmp_path / "死亡.xlsx", [["身份证号", "姓名", "日期"],
                                                                        [ID_A, "王建国", "2018-06-01"],
                                                                        [ID_A, "王建国", "2017-06-01"]]))
    rejected = [i for i in report.issues if i.rejected]
    assert report.accepted == 1 and rejected[0].row == 4 and "第 3 行" in rejected[0].message
    assert sql(app.location, "SELECT status_date FROM person_statuses") == [("2018-06-01",)]
    app.close()
