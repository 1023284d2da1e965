"""`ykt import roster` on the sample files departments really send (SPEC §5, shared/samples)."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from ykt_integration import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.services.imports import ImportReport, import_roster, write_error_workbook
from yikatong_desktop.services.stats import stats

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))["files"]
FLAGS = {
    "民政_高龄津贴_2018年3月.xlsx": ("高龄老人基本生活津贴", "2018-03"),
    "农业_耕地地力保护补贴_2018.xls": ("耕地地力保护补贴", "2018"),
    "林草_生态护林员补助_2017.csv": ("生态护林员补助", "2017"),
    "卫健委_计生奖扶_2018.xlsx": ("农村部分计划生育家庭奖励扶助", "2018"),
    "财政_粮食直补_2017_utf8bom.csv": (None, None),
}
Installation = Callable[..., bootstrap.App]


def _import(app: bootstrap.App, path: Path, *, commit: bool = True, **kw: object) -> ImportReport:
    with app.uow() as uow:
        report = import_roster(uow, app.actor, path, **kw)  # type: ignore[arg-type]
        if commit and not report.dry_run and not report.already_imported:
            uow.commit()
    return report


def _flags(name: str) -> dict[str, str]:
    program, period = FLAGS[name]
    return {k: v for k, v in (("program", program), ("period", period)) if v}


@pytest.mark.parametrize("name", list(FLAGS))
def test_each_sample_gives_the_counts_and_total_of_expected_json(installation: Installation, name: str) -> None:
    app = installation()
    report = _import(app, SAMPLES / name, **_flags(name))
    want = EXPECTED[name]
    assert report.rows_total == want["data_rows"]
    assert (report.accepted - report.warned, report.warned, report.rejected) == \
        (want["accept"], want["accept_warn"], want["reject"])
    assert report.paid_total_fen == want["accepted_total_fen"]
    assert sql(app.location, "SELECT COUNT(*), SUM(paid_fen) FROM payments WHERE NOT voided") == \
        [(report.accepted, want["accepted_total_fen"])]
    app.close()


@pytest.mark.parametrize("name", list(FLAGS))
def test_every_planted_reject_and_warning_is_reported_at_its_sheet_row_and_column(installation: Installation,
                                                                                 name: str) -> None:
    app = installation()
    report = _import(app, SAMPLES / name, commit=False, **_flags(name))
    app.close()
    issues = {(i.row, i.rejected) for i in report.issues}
    for quirk in EXPECTED[name]["rows"]:
        if quirk["outcome"] == "reject":
            assert (quirk["row"], True) in issues, quirk
            issue = next(i for i in report.issues if i.row == quirk["row"] and i.rejected)
            assert quirk.get("sheet", "") == issue.sheet  # a CSV has no sheet: ""
            assert quirk.get("col") in (None, issue.column), (quirk, issue)
        elif quirk["outcome"] == "accept_warn":
            assert (quirk["row"], False) in issues, quirk
        elif quirk["outcome"] in ("accept", "skip"):
            assert (quirk["row"], True) not in issues, quirk


def test_values_are_stored_exactly_as_the_rules_say(installation: Installation) -> None:
    app = installation()
    _import(app, SAMPLES / "农业_耕地地力保护补贴_2018.xls", program="NY01", period="2018")
    _import(app, SAMPLES / "民政_高龄津贴_2018年3月.xlsx", program="MZ02", period="2018-03")
    db = app.location
    app.close()
    # 1.00 亩 × 105.23: the float 105.23 becomes 10523 fen, never 10522.
    assert sql(db, "SELECT paid_fen, standard_fen, quantity FROM payments WHERE sheet = '东庄子村' AND excel_row = 4") \
        == [(10523, 10523, "1")]
    # 15-digit IDs converted to 18; lower-case x upper-cased; • stored as ·; NBSP gone; text dates read.
    ids = {r[0] for r in sql(db, "SELECT id_number FROM persons")}
    assert all(len(i) == 18 and i == i.strip().upper() for i in ids)
    assert any("·" in n for (n,) in sql(db, "SELECT name FROM persons")) and \
        not any("•" in n for (n,) in sql(db, "SELECT name FROM persons"))
    assert sql(db, "SELECT paid_date FROM payments WHERE excel_row = 105 AND sheet = '2018年3月'") == [("2018-03-28",)]
    assert sql(db, "SELECT COUNT(*) FROM persons WHERE NOT id_valid") == [(2,)]
    assert sql(db, "SELECT COUNT(*) FROM payments WHERE method = 'cash'") == [(1,)]
    assert Decimal(sql(db, "SELECT quantity FROM payments WHERE sheet = '东庄子村' AND excel_row = 5")[0][0]) > 1


def test_a_rejected_row_stores_nothing_of_its_person(installation: Installation) -> None:
    app = installation()
    name = "卫健委_计生奖扶_2018.xlsx"
    source = openpyxl.load_workbook(SAMPLES / name).active
    rejected_id = str(source.cell(row=64, column=7).value).lstrip("'")  # the '待核实' amount row
    _import(app, SAMPLES / name, **_flags(name))
    assert sql(app.location, "SELECT COUNT(*) FROM persons WHERE id_number = ?", (rejected_id,)) == [(0,)]
    app.close()


def test_importing_the_same_file_again_changes_nothing_and_says_so(installation: Installation) -> None:
    app = installation()
    name = "财政_粮食直补_2017_utf8bom.csv"
    _import(app, SAMPLES / name)
    with app.reader() as uow:
        before = stats(uow, app.actor)
    again = _import(app, SAMPLES / name)
    with app.reader() as uow:
        after = stats(uow, app.actor)
    events = sql(app.location, "SELECT COUNT(*) FROM audit_events WHERE action = 'import.roster'")
    app.close()
    assert again.already_imported and before == after and events == [(1,)]


def test_a_corrected_file_updates_the_stored_payments_as_new_versions(installation: Installation,
                                                                      tmp_path: Path) -> None:
    app = installation()
    first = tmp_path / "v1.csv"
    first.write_text("姓名,身份证号,补贴项目,补贴年度,实发金额,发放日期\n"
                     "王建国,652323195001011236,粮食直补,2017,100,2017-06-15\n"
                     "李秀英,652323195203041222,粮食直补,2017,200,2017-06-15\n", encoding="utf-8")
    second = tmp_path / "v2.csv"
    second.write_text(first.read_text(encoding="utf-8").replace(",200,", ",250,"), encoding="utf-8")
    one = _import(app, first)
    two = _import(app, second)
    db = app.location
    app.close()
    assert (one.inserted, two.inserted, two.updated, two.unchanged) == (2, 0, 1, 1)
    assert sql(db, "SELECT SUM(paid_fen), COUNT(*) FROM payments WHERE NOT voided") == [(35000, 2)]
    assert sql(db, "SELECT COUNT(*) FROM record_history WHERE kind = 'payments'") == [(1,)]


def test_dry_run_and_strict_store_nothing(installation: Installation) -> None:
    app = installation()
    name = "卫健委_计生奖扶_2018.xlsx"
    dry = _import(app, SAMPLES / name, dry_run=True, **_flags(name))
    assert dry.accepted == 56 and dry.dry_run
    with pytest.raises(InputRejected) as caught:
        _import(app, SAMPLES / name, strict=True, **_flags(name))
    assert "11" in caught.value.text("zh")
    assert sql(app.location, "SELECT COUNT(*) FROM payments") == [(0,)]
    assert sql(app.location, "SELECT COUNT(*) FROM audit_events WHERE action = 'import.roster'") == [(0,)]
    app.close()


def test_the_error_workbook_is_the_source_rows_plus_a_reason_and_keeps_formulas_as_text(
        installation: Installation, tmp_path: Path) -> None:
    app = installation()
    source = tmp_path / "bad.csv"
    source.write_text("姓名,身份证号,补贴项目,补贴年度,实发金额,备注\n"
                      "王建国,652323195001011236,粮食直补,2017,100,\n"
                      "=HYPERLINK(\"x\"),待补,粮食直补,2017,100,@SUM(1)\n", encoding="utf-8")
    report = _import(app, source)
    app.close()
    out = tmp_path / "errors.xlsx"
    write_error_workbook(out, report)
    sheet = openpyxl.load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("姓名", "身份证号", "补贴项目", "补贴年度", "实发金额", "备注", "错误原因")
    assert rows[1][:6] == ('=HYPERLINK("x")', "待补", "粮食直补", "2017", "100", "@SUM(1)")
    assert "第 3 行" in rows[1][6] and "身份证号" in rows[1][6]
    assert sheet["A2"].data_type == "s" and sheet["F2"].data_type == "s"  # text, never a formula


@pytest.mark.parametrize(("content", "key"), [
    ("姓名,补贴项目,补贴年度,实发金额\n王建国,粮食直补,2017,100\n", "import.no_header"),  # no ID column
    ("姓名,身份证号,实发金额\n王建国,652323195001011236,100\n", "import.missing_columns"),  # no program/period
    ("\n\n", "import.no_header"),
])
def test_files_without_the_required_columns_are_refused(installation: Installation, tmp_path: Path,
                                                        content: str, key: str) -> None:
    app = installation()
    path = tmp_path / "x.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputRejected) as caught:
        _import(app, path)
    assert caught.value.key == key and caught.value.exit_code == 3
    assert sql(app.location, "SELECT COUNT(*) FROM persons") == [(0,)]
    app.close()


def test_an_empty_workbook_is_refused(installation: Installation, tmp_path: Path) -> None:
    app = installation()
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(InputRejected) as caught:
        _import(app, path)
    assert caught.value.key == "import.no_header"
    app.close()


def _csv(path: Path, rows: list[str]) -> Path:
    path.write_text("姓名,身份证号,补贴项目,补贴年度,实发金额,发放日期\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


WANG = "王建国,652323195001011236,粮食直补,2017,100,2017-06-15"
LI = "李秀英,652323195203041222,粮食直补,2017,200,2017-06-15"
ZHAO = "赵玉兰,652323195305061223,粮食直补,2017,300,2017-06-15"


def test_a_corrected_file_replaces_the_old_batch_and_voids_the_rows_it_no_longer_has(
        installation: Installation, tmp_path: Path) -> None:
    app = installation()
    old = _import(app, _csv(tmp_path / "v1.csv", [WANG, LI, ZHAO]))
    new = _import(app, _csv(tmp_path / "v2.csv", [WANG, LI.replace(",200,", ",250,")]), replaces=old.batch_uid)
    db = app.location
    app.close()
    assert (new.inserted, new.updated, new.unchanged, new.replaced_voided) == (0, 1, 1, 1)
    live = sql(db, "SELECT s.name, p.paid_fen FROM payments p JOIN persons s ON s.id = p.person_id "
                   "WHERE NOT p.voided ORDER BY p.paid_fen")
    assert live == [("王建国", 10000), ("李秀英", 25000)]
    assert sql(db, "SELECT COUNT(*) FROM payments WHERE voided") == [(1,)]  # 赵玉兰: a tombstone, not deleted
    assert sql(db, "SELECT replaces_uid FROM import_batches WHERE uid = ?", (new.batch_uid,)) == [(old.batch_uid,)]


def test_voiding_a_batch_voids_its_payments_with_a_reason_in_the_audit(installation: Installation,
                                                                       tmp_path: Path) -> None:
    from yikatong_desktop.domain.errors import UsageError
    from yikatong_desktop.services.imports import void_batch

    app = installation()
    report = _import(app, _csv(tmp_path / "wrong.csv", [WANG, LI]))
    with app.uow() as uow, pytest.raises(UsageError):
        void_batch(uow, app.actor, report.batch_uid, "  ")
    with app.uow() as uow:
        assert void_batch(uow, app.actor, report.batch_uid, "项目选错了") == 2
        uow.commit()
    with app.uow() as uow, pytest.raises(InputRejected):
        void_batch(uow, app.actor, report.batch_uid, "again")
    db = app.location
    app.close()
    assert sql(db, "SELECT COUNT(*) FROM payments WHERE NOT voided") == [(0,)]
    assert sql(db, "SELECT COUNT(*) FROM record_history WHERE kind = 'payments'") == [(2,)]
    detail = sql(db, "SELECT detail FROM audit_events WHERE action = 'import.void_batch'")[0][0]
    assert "项目选错了" in detail and '"records_voided":2' in detail


def test_a_card_named_without_its_bank_is_the_same_card_once_a_roster_names_the_bank(
        installation: Installation, tmp_path: Path) -> None:
    app = installation()
    card = "6228480088812345675"
    plain = tmp_path / "a.csv"
    plain.write_text(f"姓名,身份证号,补贴项目,补贴年度,实发金额,银行账号\n王建国,652323195001011236,粮食直补,2017,100,{card}\n",
                     encoding="utf-8")
    named = tmp_path / "b.csv"
    named.write_text("姓名,身份证号,补贴项目,补贴年度,实发金额,代发银行,银行账号\n"
                     f"王建国,652323195001011236,耕地地力补贴,2018,200,中国农业银行呼图壁县支行,{card}\n",
                     encoding="utf-8")
    _import(app, plain)
    _import(app, named)
    db = app.location
    app.close()
    assert sql(db, "SELECT COUNT(*) FROM bank_accounts") == [(1,)]
    assert sql(db, "SELECT COUNT(DISTINCT account_id) FROM payments") == [(1,)]
    # No 账户户名 column: the holder is not a fact the roster stated.
    assert sql(db, "SELECT COUNT(*) FROM payments WHERE written_holder_name IS NOT NULL") == [(0,)]
