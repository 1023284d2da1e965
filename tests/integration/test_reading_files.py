"""Reading real-world roster files: kinds by content, encodings, headers under titles (SPEC §5)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.headers import Field, find_header
from yikatong_desktop.formats.workbook import read_ahead, read_workbook

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))["files"]
ROSTERS = ["民政_高龄津贴_2018年3月.xlsx", "卫健委_计生奖扶_2018.xlsx", "林草_生态护林员补助_2017.csv",
           "财政_粮食直补_2017_utf8bom.csv", "死亡人员名单_2018.xlsx", "财政供养人员名单.xlsx"]


@pytest.mark.parametrize("name", ROSTERS)
def test_the_header_is_found_where_expected_json_says(name: str) -> None:
    book = read_workbook(SAMPLES / name)
    sheet = book.visible_sheets()[0]
    header = find_header(sheet.top_rows(40))
    assert header is not None
    assert list(range(header.first_row + 1, header.last_row + 2)) == EXPECTED[name]["header_rows"]
    assert Field.NAME in header.columns.values() and Field.ID_NUMBER in header.columns.values()


def test_a_two_row_header_maps_the_sub_headers_under_a_group_title() -> None:
    sheet = read_workbook(SAMPLES / "民政_高龄津贴_2018年3月.xlsx").sheets[0]
    header = find_header(sheet.top_rows(40))
    assert header is not None
    by_title = {header.titles[c]: f for c, f in header.columns.items()}
    assert by_title["发放金额"] is Field.PAID and by_title["发放日期"] is Field.PAID_DATE
    assert by_title["一卡通账号"] is Field.ACCOUNT and by_title["身份证号码"] is Field.ID_NUMBER
    assert by_title["发放标准\n(元/月)"] is Field.STANDARD


def test_old_xls_with_a_summary_sheet_and_one_sheet_per_village() -> None:
    book = read_workbook(SAMPLES / "农业_耕地地力保护补贴_2018.xls")
    assert book.kind == "xls"
    assert find_header(book.sheets[0].top_rows(40)) is None  # 汇总: no person columns
    for sheet in book.sheets[1:]:
        header = find_header(sheet.top_rows(40))
        assert header is not None and header.first_row == 2, sheet.name  # row 3 as Excel shows it
        assert header.titles[header.column_of(Field.NAME) or -1] == "户主姓名"  # the 户主 is the one paid
        assert {Field.QUANTITY, Field.STANDARD, Field.PAID, Field.ACCOUNT, Field.BANK} <= set(header.columns.values())


def test_csv_encodings_are_recognised_from_the_bytes() -> None:
    gbk = read_workbook(SAMPLES / "林草_生态护林员补助_2017.csv")
    bom = read_workbook(SAMPLES / "财政_粮食直补_2017_utf8bom.csv")
    assert (gbk.kind, gbk.encoding) == ("csv", "gb18030")
    assert (bom.kind, bom.encoding) == ("csv", "utf-8")
    assert bom.sheets[0].rows[0][0] == "序号"  # the BOM is gone
    names = [r[0] for r in gbk.sheets[0].rows if r and r[0]]
    assert any("·" in n for n in names)  # GBK's A1A4 middle dot decoded


def test_numbers_keep_the_type_excel_gave_them() -> None:
    sheet = read_workbook(SAMPLES / "卫健委_计生奖扶_2018.xlsx").visible_sheets()[0]
    ids = [r[6] for r in sheet.rows[3:] if len(r) > 6 and r[6] is not None]
    assert any(isinstance(v, float) for v in ids)  # damaged: numeric cells, to be rejected by the importer
    assert any(isinstance(v, str) and len(v) == 18 for v in ids)


def test_hidden_sheets_are_marked(tmp_path: Path) -> None:
    book = read_workbook(SAMPLES / "卫健委_计生奖扶_2018.xlsx")
    assert [s.name for s in book.visible_sheets()] == ["奖扶"]
    assert [s.name for s in book.sheets if s.hidden] == ["Sheet2"]


def test_a_header_written_lower_down_keeps_excels_row_numbers(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["B5"], ws["C5"], ws["D5"] = "姓名", "公民身份号码", "补助金额（元）"
    ws["B6"], ws["C6"], ws["D6"] = "张三", "652323195603121239", 960
    path = tmp_path / "low.xlsx"
    wb.save(path)
    sheet = read_workbook(path).sheets[0]
    header = find_header(sheet.top_rows(40))
    assert header is not None and header.first_row + 1 == 5  # Excel's row 5
    assert header.columns == {1: Field.NAME, 2: Field.ID_NUMBER, 3: Field.PAID}
    assert sheet.cell(5, 1) == "张三"


@pytest.mark.parametrize(("content", "key"), [
    (b"", "file.empty"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "file.not_excel"),
    (b"PK\x03\x04 this is not really a zip", "file.damaged"),
])
def test_garbage_named_xlsx_is_refused_with_a_clear_message(tmp_path: Path, content: bytes, key: str) -> None:
    path = tmp_path / "花名册.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputRejected) as caught:
        read_workbook(path)
    assert caught.value.key == key
    assert "花名册.xlsx" in caught.value.text("zh")


def test_a_zip_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "报表.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(InputRejected) as caught:
        read_workbook(path)
    assert caught.value.key == "file.not_excel"


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))  # ~64 MB of zeros, ~64 KB packed
    with pytest.raises(InputRejected) as caught:
        read_workbook(path)
    assert caught.value.key == "file.bomb"


def test_a_file_read_ahead_reads_as_the_file_itself(tmp_path: Path) -> None:
    """`ykt import` unpacks the file on another thread while the program starts: the same sheets, cells
    and merged areas as reading it plainly, taken once; a file changed since is read anew."""
    from yikatong_desktop.formats import workbook

    source = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"
    plain = read_workbook(source)
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    read_ahead(path)
    assert len(workbook._AHEAD) == 1
    ahead = read_workbook(path)
    assert not workbook._AHEAD  # taken, not kept
    assert [(s.name, s.rows, s.merged, s.hidden) for s in ahead.sheets] == \
        [(s.name, s.rows, s.merged, s.hidden) for s in plain.sheets]

    read_ahead(path)
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号"])
    book.active.append(["王一", "110101199003071234"])
    book.save(path)  # replaced after the read-ahead began
    assert read_workbook(path).sheets[0].rows == [["姓名", "身份证号"], ["王一", "110101199003071234"]]


def test_nothing_is_unpacked_ahead_that_reading_would_refuse(tmp_path: Path) -> None:
    from yikatong_desktop.formats import workbook

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024))
    garbage = tmp_path / "乱码.xlsx"
    garbage.write_bytes(b"PK\x03\x04 not really a zip")
    for path in (bomb, garbage, tmp_path / "不存在.xlsx"):
        read_ahead(path)
    assert not workbook._AHEAD
    with pytest.raises(InputRejected) as caught:
        read_workbook(bomb)
    assert caught.value.key == "file.bomb"


@pytest.mark.parametrize(("args", "named"), [
    (["--db", "x.sqlite3", "import", "roster", "--program", "NY01", "花名册.xlsx"], "花名册.xlsx"),
    (["import", "status", "死亡.XLS", "--reason", "死亡"], "死亡.XLS"),
    (["import", "roster", "名单.csv"], None),  # CSV is read in Python anyway
    (["stats", "花名册.xlsx"], None),
    (["import", "roster", "没有这个文件.xlsx"], None),
])
def test_the_file_an_import_command_names_is_found_on_its_command_line(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], named: str | None) -> None:
    from yikatong_desktop.cli.start import imported_file

    monkeypatch.chdir(tmp_path)
    for name in ("花名册.xlsx", "死亡.XLS", "名单.csv", "NY01"):
        (tmp_path / name).write_bytes(b"")
    assert imported_file(args) == (None if named is None else Path(named))
