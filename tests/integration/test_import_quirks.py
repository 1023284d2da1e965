"""Every quirk of issue 4's list, in files written here: one roster row per quirk, with its outcome."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from ykt_integration import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.services.imports import ImportReport, import_roster

Installation = Callable[..., bootstrap.App]
HEADER = ["序号", "姓名", "公民身份号码", "发放金额", "发放时间", "卡号"]  # synonyms, not the template's titles


def _id(body: str) -> str:
    return body + compute_check_char(body)


OK = _id("65232319700202005")
X_ID = "65232319600101000X"
#: (name, ID cell, amount cell, date cell) → (outcome, stored ID or None, paid fen, paid date or message part)
ROWS: list[tuple[str, object, object, object, str, str | None, int | None, str]] = [
    ("数字身份证", 6.52323197002020e17, 100, "2018-03-05", "reject", None, None, "文本格式"),
    ("科学计数", "6.52323E+17", 100, "2018-03-05", "reject", None, None, "文本格式"),
    ("全角数字", "６５２３２３１９８００３０３００７０", 100, "2018-03-05", "accept", "652323198003030070", 10000,
     "2018-03-05"),
    ("空格零宽", "\u00a0652323 1981\u200b0404" + "00" + "3" + compute_check_char("65232319810404003") + " ",
     100, "2018/3/5", "accept", _id("65232319810404003"), 10000, "2018-03-05"),
    ("小写x", X_ID.lower(), "1,234.50", "2018.3.5", "accept", X_ID, 123450, "2018-03-05"),
    ("十五位", "652323500101123", "100元", "2018年3月5日", "accept", _id("65232319500101123"), 10000, "2018-03-05"),
    ("校验错", "652323197511110091", 105.23, "20180305", "warn", "652323197511110091", 10523, "2018-03-05"),
    ("撤销区划", "652322195001010009", 100, dt.datetime(2018, 3, 5), "warn", "652322195001010009", 10000,
     "2018-03-05"),
    ("金额非数字", _id("65232319900505001"), "待核实", "2018-03-05", "reject", None, None, "数字"),
    ("空身份证", None, 100, "2018-03-05", "reject", None, None, "身份证号为空"),
    ("不是身份证", "无", 100, "2018-03-05", "reject", None, None, "身份证号"),
    ("普通", OK, 100, "2018-03-05", "accept", OK, 10000, "2018-03-05"),
]


def _roster(path: Path) -> Path:
    """Two title rows merged over the table's width, the header on row 3, a 合计 and a footer."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "2018年3月"
    ws.append(["呼图壁县2018年3月高龄津贴发放花名册"])
    ws.append(["填报单位：民政局", None, None, "单位：元"])
    ws.merge_cells("A1:F1")
    ws.merge_cells("A2:C2")
    ws.append(HEADER)
    for n, (name, id_cell, amount, day, *_rest) in enumerate(ROWS, start=1):
        ws.append([n, name, id_cell, amount, day, None])
    ws.append(["合计", None, None, 1000])
    ws.append(["制表人：张三"])
    book.save(path)
    return path


def _import(app: bootstrap.App, path: Path, **kw: object) -> ImportReport:
    with app.uow() as uow:
        report = import_roster(uow, app.actor, path, program="高龄津贴", period="2018-03", **kw)  # type: ignore[arg-type]
        if not report.dry_run and not report.already_imported:
            uow.commit()
    return report


def test_each_quirk_row_is_accepted_warned_or_rejected_as_spec_5_says(installation: Installation,
                                                                      tmp_path: Path) -> None:
    app = installation()
    report = _import(app, _roster(tmp_path / "花名册.xlsx"))
    assert report.rows_total == len(ROWS)  # 合计 and 制表人 are not rows
    issues = {(i.row, i.rejected): i for i in report.issues}
    stored = {r[0]: r[1:] for r in sql(app.location, "SELECT p.written_name, s.id_number, p.paid_fen, "
                                                            "p.paid_date, s.id_valid FROM payments p JOIN persons s "
                                                            "ON s.id = p.person_id")}
    for excel_row, (name, _cell, _amount, _day, outcome, id_number, fen, what) in enumerate(ROWS, start=4):
        if outcome == "reject":
            issue = issues[(excel_row, True)]
            assert what in issue.message and issue.sheet == "2018年3月", (name, issue.message)
            assert name not in stored
            continue
        assert stored[name][:3] == (id_number, fen, what), name
        assert ((excel_row, False) in issues) == (outcome == "warn"), name
    assert stored["校验错"][3] == 0 and stored["普通"][3] == 1
    assert "撤销" in issues[(11, False)].message
    assert issues[(4, True)].column == "公民身份号码" and issues[(12, True)].column == "发放金额"
    # The persons of rejected rows were not stored either.
    assert sql(app.location, "SELECT COUNT(*) FROM persons") == [(len(stored),)]
    app.close()


@pytest.mark.parametrize("encoding", ["gbk", "utf-8-sig"])
def test_csv_in_gbk_and_utf8_with_bom(installation: Installation, tmp_path: Path, encoding: str) -> None:
    app = installation()
    path = tmp_path / f"护林员_{encoding}.csv"
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(["生态护林员补助发放表"])
        writer.writerow(["姓名", "公民身份号码", "补助金额", "发放时间"])
        writer.writerow(["努尔兰·哈力木", OK, "10,000.00", "2017/12/20"])
        writer.writerow(["合计", "", "10,000.00", ""])
    with app.uow() as uow:
        report = import_roster(uow, app.actor, path, program="生态护林员补助", period="2017")
        uow.commit()
    assert (report.accepted, report.rejected) == (1, 0)
    assert sql(app.location, "SELECT s.name, p.paid_fen FROM payments p JOIN persons s ON s.id = p.person_id") \
        == [("努尔兰·哈力木", 1000000)]
    app.close()


@pytest.mark.parametrize(("rows", "key"), [
    ([["姓名", "性别"], ["王建国", "男"]], "import.no_header"),  # no ID column: no header at all
    ([["标题"], ["说明文字"]], "import.no_header"),  # a sheet without a header
    ([["姓名", "身份证号", "补贴年度"], ["王建国", OK, "2018"]], "import.missing_columns"),  # no amount
])
def test_a_file_without_header_or_required_columns_is_refused_and_stores_nothing(
        installation: Installation, tmp_path: Path, rows: list[list[object]], key: str) -> None:
    app = installation()
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / "x.xlsx"
    book.save(path)
    with pytest.raises(InputRejected) as caught, app.uow() as uow:
        import_roster(uow, app.actor, path, program="高龄津贴")
    assert caught.value.key == key and "x.xlsx" in caught.value.text()
    assert sql(app.location, "SELECT COUNT(*) FROM payments") == [(0,)]
    app.close()


def test_a_re_import_changes_nothing_and_replaces_voids_what_the_corrected_file_dropped(
        installation: Installation, tmp_path: Path) -> None:
    app = installation()
    first = _import(app, _roster(tmp_path / "a.xlsx"))
    assert _import(app, tmp_path / "a.xlsx").already_imported
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([1, "普通", OK, 100, "2018-03-05"])
    book.save(tmp_path / "b.xlsx")
    second = _import(app, tmp_path / "b.xlsx", replaces=first.batch_uid)
    assert (second.unchanged, second.replaced_voided) == (1, first.accepted - 1)
    assert sql(app.location, "SELECT COUNT(*) FROM payments WHERE NOT voided") == [(1,)]
    app.close()
