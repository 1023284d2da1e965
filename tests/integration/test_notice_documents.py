"""公示 lists as printed (SPEC §7): the PDF read back with pypdf and poppler, the workbook with openpyxl.

What a reader of the wall sees: the title, every name (long Uyghur and Kazakh names wrap, never clip), the
masked IDs, the totals, 第 x 页 共 y 页, the table header on every page of 2,000 rows, the number and the
fingerprint, a QR code that is segno's matrix for the payload; and never anything that reads as a full ID,
a bank account or a mobile number.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import time
import zipfile
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import segno
from openpyxl import load_workbook
from pypdf import PdfReader

from yikatong_desktop.domain.money import amount_for, format_yuan
from yikatong_desktop.domain.notices import (
    NoticeDoc,
    NoticeLine,
    NoticeSection,
    fingerprint,
    notice_number,
    notice_title,
    qr_payload,
)
from yikatong_desktop.formats.notice_pdf import (
    FRAME_PAD,
    HEADERS,
    PAD,
    QR_MM,
    SIZE,
    column_widths,
    notice_pdf_bytes,
    unprintable_lines,
    write_notice_pdf,
)
from yikatong_desktop.formats.notice_workbook import write_notice_xlsx
from yikatong_desktop.formats.pdf_document import MARGIN, MM
from yikatong_desktop.formats.qr_code import QR_BORDER, qr_matrix, qr_rects, qr_runs

FULL_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
LONG_DIGITS = re.compile(r"[0-9]{16,}")  # a bank card or account number
MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
A4 = (595.28, 841.89)

HAN = ["王秀英", "李建国", "张伟", "刘桂兰", "陈志强", "杨丽", "赵敏", "黄海涛", "马福祥", "周玉兰"]
UYGHUR = ["阿卜杜热合曼·买买提吐尔逊·艾合买提江", "古丽米热·艾克拜尔", "买买提江·吐尔逊", "热依拉·阿不都热依木",
          "努尔兰·哈力木拉提", "叶尔兰·别克波拉提", "阿依古丽·托合提", "艾合买提江·阿不都克热木·买买提明",
          "帕提古丽·阿不力克木·吐尔洪", "哈丽旦木·依明"]
LATIN = ["Abdurehim Tursun", "Nurlan Khalimulla-Bekbolatuly"]


def _line(seq: int, name: str, *, program: str = "耕地地力保护补贴", standard_fen: int | None = 10523,
          quantity: Decimal | None = Decimal("12.5"), unit: str = "亩", remark: str = "",
          person: int | None = None) -> NoticeLine:
    n = seq if person is None else person
    masked = f"652301********{n % 10000:04d}" if n % 7 else f"652301********{n % 1000:03d}X"
    amount = amount_for(standard_fen, quantity) if standard_fen is not None and quantity is not None else 120000
    return NoticeLine(seq=seq, group=f"{n % 9 + 1}组", name=name, masked_id=masked, program=program,
                      standard_fen=standard_fen, quantity=quantity, unit=unit, amount_fen=amount, remark=remark)


def _doc(sections: list[NoticeSection], **changes: object) -> NoticeDoc:
    programs = [s.program for s in sections]
    number = notice_number(2019, 7)
    lines = [line for s in sections for line in s.lines]
    header: dict[str, object] = {"village": "红旗村", "period": "2019年度", "programs": programs}
    fp = fingerprint(number, header, lines)
    doc = NoticeDoc(
        number=number, fingerprint=fp, qr_payload=qr_payload("红旗乡财政所", number, fp),
        title=notice_title("红旗村", "2019年度", programs), township="红旗乡", village="红旗村",
        period_zh="2019年度", sections=tuple(sections), start=date(2019, 5, 10), days=7,
        hotline_own="0994-6523381", hotline_county="0994-12345", reviewer="李建国")
    return replace(doc, **changes)  # type: ignore[arg-type]


def thirty_row_doc() -> NoticeDoc:
    """A village's notice as it is really shaped: Han, Uyghur and Kazakh names, some very long, a remark."""
    names = [*HAN, *UYGHUR, *LATIN]
    lines = []
    for i in range(1, 31):
        name = names[(i - 1) % len(names)] if i <= len(names) else f"{HAN[i % len(HAN)]}{i}"
        remark = ""
        if i == 3:
            remark = "户主已故，由其子 买买提江·吐尔逊（652301********0021）代领，已核实，账户尾号 6217"
        elif i == 5:
            remark = "=2019年新增"  # reads as a formula in Excel: must stay text
        quantity = Decimal(str(5 + i % 17)) + Decimal("0.5") * (i % 3)
        lines.append(_line(i, name, quantity=quantity, remark=remark))
    return _doc([NoticeSection("耕地地力保护补贴", tuple(lines))])


def two_program_doc() -> NoticeDoc:
    first = tuple(_line(i, [*UYGHUR, *HAN][i - 1]) for i in range(1, 13))
    # persons 10–17 (name and ID go together): 10, 11 and 12 are in both programs
    second = tuple(_line(i, [*UYGHUR, *HAN][i + 8], program="高龄津贴", standard_fen=120000,
                         quantity=Decimal(1), unit="人", person=i + 9) for i in range(1, 9))
    return _doc([NoticeSection("耕地地力保护补贴", first), NoticeSection("高龄津贴", second)],
                preparer="", reviewer="")


def big_doc(rows: int = 2000) -> NoticeDoc:
    names = [*UYGHUR, *HAN, *LATIN]
    lines = tuple(_line(i, f"{names[i % len(names)]}{i}", quantity=Decimal(i % 40 + 1) / 2,
                        remark="新增" if i % 50 == 0 else "") for i in range(1, rows + 1))
    return _doc([NoticeSection("耕地地力保护补贴", lines)])


def _pdf_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def _poppler(tool: str) -> str:
    found = shutil.which(tool)
    assert found, f"{tool} (poppler-utils) is needed for these tests"
    return found


def _layout_texts(path: Path) -> list[str]:
    out = subprocess.run([_poppler("pdftotext"), "-layout", "-enc", "UTF-8", str(path), "-"],
                         check=True, capture_output=True, text=True).stdout
    return out.split("\f")[:-1]  # a form feed ends each page


_WORD = re.compile(r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">(.*?)</word>')
NO_LINE_START = tuple("，。、；：）》”·")
TABLE_TEXT = 9.05  # the height poppler gives a word of the tables' 9 pt text


def _column_text(path: Path, doc: NoticeDoc, column: int) -> str:
    """What poppler finds inside one column of the notice's tables, page after page, top to bottom; asserts that
    no word starting in the column reaches into the next one (wrapped, never spilled)."""
    size = (A4[1], A4[0]) if doc.landscape else A4
    widths = column_widths(doc, size[0] - 2 * MARGIN - 2 * FRAME_PAD)
    x0 = MARGIN + FRAME_PAD + sum(widths[:column])
    x1 = x0 + widths[column]
    out = subprocess.run([_poppler("pdftotext"), "-bbox", str(path), "-"], check=True, capture_output=True,
                         text=True).stdout
    found = []
    for page in out.split("<page ")[1:]:
        words = [(float(y), float(x), float(right), html.unescape(text)) for x, y, right, bottom, text
                 in _WORD.findall(page) if abs(float(bottom) - float(y) - TABLE_TEXT) < 0.3]  # the tables' 9 pt
        inside = sorted(w for w in words if x0 < w[1] < x1)
        for _y, _x, right, text in inside:
            assert right <= x1 + 0.5, (text, right, x1)
            assert not text.startswith(NO_LINE_START), text  # 阿不力克 / 木·吐尔洪, never 阿不力克木 / ·吐尔洪
        found.append("".join(w[3] for w in inside))
    return "".join(found)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _assert_nothing_personal(text: str) -> None:
    assert not FULL_ID.search(text), FULL_ID.search(text)
    assert not LONG_DIGITS.search(text), LONG_DIGITS.search(text)
    assert not MOBILE.search(text), MOBILE.search(text)


def _assert_notice_text(doc: NoticeDoc, texts: list[str], *, names: bool = True) -> None:
    """Either extraction of a whole notice: what the wall must show, and nothing it must not. `names=False` for
    `pdftotext -layout`, which interleaves the lines of a wrapped name with the other cells of its row (the
    names are checked column by column in `_column_text` instead)."""
    pages = len(texts)
    whole = _squeeze("".join(texts))
    assert _squeeze(doc.title) in _squeeze(texts[0])
    assert doc.number in texts[0] and doc.fingerprint in texts[0]
    for line in doc.lines:
        if names:
            assert _squeeze(line.name) in whole, line.name  # a wrapped name is split over lines, never cut
        assert line.masked_id in whole
        assert format_yuan(line.amount_fen) in whole
    assert format_yuan(doc.total_fen) in whole and "合计" in whole
    assert "第1页共" in _squeeze(texts[0]) and f"第{pages}页共{pages}页" in _squeeze(texts[-1])
    for k, text in enumerate(texts, start=1):
        assert f"第{k}页共{pages}页" in _squeeze(text)
        _assert_nothing_personal(text)
        if names:  # pypdf: one line of text per printed line; none starts with closing punctuation
            assert not [t for t in text.splitlines() if t.strip().startswith(NO_LINE_START)]
    last = _squeeze(texts[-1])
    assert _squeeze(doc.hotlines()) in last and "制表人：" in last and "审核人：" in last
    assert "村委会（盖章）" in last and "2019年5月10日" in last


# --- the 30-row notice ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def thirty_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("notice") / "notice.pdf"
    write_notice_pdf(path, thirty_row_doc())
    return path


def test_thirty_row_notice_prints_everything_the_wall_needs(thirty_pdf: Path) -> None:
    doc = thirty_row_doc()
    texts = _pdf_texts(thirty_pdf)
    _assert_notice_text(doc, texts)
    _assert_notice_text(doc, _layout_texts(thirty_pdf), names=False)
    names = _column_text(thirty_pdf, doc, HEADERS.index("姓名"))
    assert names.startswith("姓名")
    positions = [names.index(_squeeze(line.name)) for line in doc.lines]  # each whole, in its column, in order
    assert positions == sorted(positions)
    assert all(line.remark.replace(" ", "") in _column_text(thirty_pdf, doc, 8) for line in doc.lines)
    whole = _squeeze("".join(texts))
    assert _squeeze(doc.introduction()) in whole
    assert "公示期为2019年5月10日至2019年5月16日（共7天）" in whole
    assert "账户尾号6217" in whole and "=2019年新增" in whole
    assert "共30人" in whole and "小计" not in whole  # one program: no 小计, the 合计 counts the people
    assert "审核人：李建国" in whole
    assert "105.23" in whole and "12.5亩" in whole  # standard in yuan, quantity with its unit
    reader = PdfReader(thirty_pdf)
    assert reader.metadata is not None and reader.metadata.title == doc.title
    size = reader.pages[0].mediabox
    assert (round(float(size.width), 1), round(float(size.height), 1)) == (595.3, 841.9)


def test_cjk_font_is_embedded(thirty_pdf: Path) -> None:
    out = subprocess.run([_poppler("pdffonts"), str(thirty_pdf)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in out.splitlines()[2:]]
    assert rows and all("MicroHei" in row[0] for row in rows)  # nothing else, not even reportlab's Helvetica
    for row in rows:
        emb = row[-5]  # name type [encoding] emb sub uni object ID: emb is five from the end
        assert emb == "yes", out


def test_landscape_turns_the_page(tmp_path: Path) -> None:
    doc = replace(thirty_row_doc(), landscape=True)
    path = tmp_path / "wide.pdf"
    path.write_bytes(notice_pdf_bytes(doc))
    reader = PdfReader(path)
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (841.9, 595.3)
    _assert_notice_text(doc, _pdf_texts(path))
    assert _squeeze(doc.lines[10].name) in _column_text(path, doc, HEADERS.index("姓名"))


def test_notice_file_is_written_whole_and_private(tmp_path: Path) -> None:
    path = tmp_path / "公示.pdf"
    write_notice_pdf(path, thirty_row_doc())
    assert [p.name for p in tmp_path.iterdir()] == ["公示.pdf"]  # no temporary file left behind
    assert path.stat().st_mode & 0o077 == 0
    assert path.read_bytes().startswith(b"%PDF")


def test_a_name_the_font_cannot_draw_shows_as_a_gap_never_silently(tmp_path: Path) -> None:
    """The bundled font has no Arabic script: such a name prints as □ (and the caller can ask which rows), while
    Cyrillic and Latin print as written; the workbook keeps every name as it is."""
    doc = thirty_row_doc()
    lines = list(doc.lines)
    lines[1] = replace(lines[1], name="ئابدۇرېھىم تۇرسۇن")
    lines[2] = replace(lines[2], name="Абдурахман Турсунов")
    doc = replace(doc, sections=(NoticeSection(doc.sections[0].program, tuple(lines)),))
    assert unprintable_lines(doc) == [lines[1]]
    assert unprintable_lines(thirty_row_doc()) == []
    path = tmp_path / "n.pdf"
    write_notice_pdf(path, doc)
    whole = _squeeze("".join(_pdf_texts(path)))
    assert "□" * 16 + lines[1].masked_id in whole
    assert "АбдурахманТурсунов" + lines[2].masked_id in whole
    write_notice_xlsx(tmp_path / "n.xlsx", doc)
    assert {lines[1].name, lines[2].name} <= {row[2] for row in _cells(tmp_path / "n.xlsx")}


def test_no_line_starts_with_closing_punctuation(tmp_path: Path) -> None:
    """A name or remark exactly one character too long for its line would put "·" or "，" at the start of the next
    (reportlab's rules are Japanese: no "，", and "·" is no punctuation to it)."""
    doc = thirty_row_doc()
    widths = column_widths(doc, A4[0] - 2 * MARGIN - 2 * FRAME_PAD)
    fits = [int((w - 2 * PAD) // SIZE) for w in widths]  # CJK characters a line of the column holds
    lines = list(doc.lines)
    lines[0] = replace(lines[0], name="阿" * fits[2] + "·买买提")
    lines[1] = replace(lines[1], remark="核" * fits[8] + "，已核实")
    doc = replace(doc, sections=(NoticeSection(doc.sections[0].program, tuple(lines)),))
    path = tmp_path / "n.pdf"
    write_notice_pdf(path, doc)
    _assert_notice_text(doc, _pdf_texts(path))  # no pypdf line starts with "·" or "，"
    assert _squeeze(lines[0].name) in _column_text(path, doc, 2)  # nor any poppler word in the column
    assert lines[1].remark in _column_text(path, doc, 8)


# --- two programs ------------------------------------------------------------------------------------------------


def test_two_programs_have_a_subtotal_each_and_a_grand_total(tmp_path: Path) -> None:
    doc = two_program_doc()
    path = tmp_path / "two.pdf"
    write_notice_pdf(path, doc)
    for texts, names in ((_pdf_texts(path), True), (_layout_texts(path), False)):
        _assert_notice_text(doc, texts, names=names)
        whole = _squeeze("".join(texts))
        assert "一、耕地地力保护补贴" in whole and "二、高龄津贴" in whole
        assert whole.count("小计") == 2
        first, second = doc.sections
        assert f"小计共{first.count}人{format_yuan(first.total_fen)}" in whole
        assert f"小计共{second.count}人{format_yuan(second.total_fen)}" in whole
        # 3 people are in both programs: 17 people, 20 rows
        assert f"合计共17人20人次{format_yuan(doc.total_fen)}" in whole
        assert whole.index("二、高龄津贴") > whole.index(format_yuan(first.total_fen))
    last = _squeeze(_pdf_texts(path)[-1])
    assert "制表人：审核人：" in last  # no names given: blank lines to sign on by hand


def test_signatures_never_stand_alone_whatever_the_length(tmp_path: Path) -> None:
    """Lengths around the first page break: the last page always has the header, the last rows and the total with
    the signatures, and every row is printed exactly once."""
    for rows in range(18, 36):
        doc = big_doc(rows)
        path = tmp_path / f"{rows}.pdf"
        write_notice_pdf(path, doc)
        texts = _pdf_texts(path)
        last, whole = _squeeze(texts[-1]), _squeeze("".join(texts))
        assert "".join(HEADERS) in last and doc.lines[-1].masked_id in last, rows
        assert "合计" in last and "制表人" in last and "村委会（盖章）" in last, rows
        assert all(whole.count(line.masked_id) == 1 for line in doc.lines), rows


# --- 2,000 rows ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float, list[str]]:
    """The 2,000-row notice, rendered once: its path, the seconds it took, and pypdf's text of each page."""
    path = tmp_path_factory.mktemp("big") / "big.pdf"
    doc = big_doc()
    started = time.perf_counter()
    write_notice_pdf(path, doc)
    took = time.perf_counter() - started
    return path, took, _pdf_texts(path)


def test_two_thousand_rows_repeat_the_header_on_every_page(big_pdf: tuple[Path, float, list[str]]) -> None:
    path, took, texts = big_pdf
    doc = big_doc()
    assert took < 30  # a guard against quadratic splitting; bench/notice_pdf.py measures it properly
    assert 30 < len(texts) < 80
    header = "".join(HEADERS)
    for k, text in enumerate(texts):
        assert header in _squeeze(text), k + 1  # the last page too: the footer never goes on without rows
        if k:
            assert f"公示编号 {doc.number}" in text  # the running header, to match a loose page
            assert f"{doc.number}　　指纹" not in text
    assert f"公示编号 {doc.number}" not in texts[0]  # page 1 has the big title instead
    layout = _layout_texts(path)
    assert len(layout) == len(texts)
    for text in layout:
        # one line of titles; 标准（元） and 金额（元） may wrap at their "（" to a second line
        assert re.search(r"序号 +组 +姓名 +身份证号 +补贴项目 +(标准(（元）)? +)?数量 +金额(（元）)? +备注", text)
        assert "标准" in text and "（元）" in text and "652301" in text
    _assert_notice_text(doc, texts)
    _assert_notice_text(doc, layout, names=False)
    names = _column_text(path, doc, HEADERS.index("姓名"))
    assert names.count("姓名") == len(texts)  # the header on every page
    positions = [names.index(_squeeze(line.name)) for line in doc.lines]
    assert positions == sorted(positions)
    last = _squeeze(texts[-1])  # the last rows, the total and the signatures together
    assert f"{doc.lines[-1].masked_id}" in last and f"合计共2,000人{format_yuan(doc.total_fen)}" in last


def test_every_row_is_printed_once_in_order(big_pdf: tuple[Path, float, list[str]]) -> None:
    whole = _squeeze("".join(big_pdf[2]))
    positions = [whole.index(_squeeze(line.name) + line.masked_id) for line in big_doc().lines]
    assert positions == sorted(positions)


# --- the QR code -------------------------------------------------------------------------------------------------


def test_qr_runs_are_segnos_matrix() -> None:
    payload = thirty_row_doc().qr_payload
    matrix = segno.make(payload, error="m").matrix
    assert qr_matrix(payload) == matrix
    drawn = [bytearray(len(matrix)) for _ in matrix]
    for r, c, n in qr_runs(payload):
        assert n > 0 and not any(drawn[r][c:c + n])
        drawn[r][c:c + n] = b"\x01" * n
    assert tuple(drawn) == matrix
    rects = qr_rects(payload, 100)
    assert len(rects) == len(qr_runs(payload))
    assert all(0 < x and x + w < 100 and 0 < y and y + h < 100 for x, y, w, h in rects)  # inside the quiet zone


def test_qr_code_on_page_one_is_the_payloads(thirty_pdf: Path, tmp_path: Path) -> None:
    """No QR decoder is installed: read the printed modules from a 300 dpi rendering and compare with segno."""
    doc = thirty_row_doc()
    content = PdfReader(thirty_pdf).pages[0].get_contents()
    assert content is not None and content.get_data().count(b" re") >= len(qr_runs(doc.qr_payload))
    dpi = 300
    out = tmp_path / "page"
    subprocess.run([_poppler("pdftoppm"), "-gray", "-r", str(dpi), "-f", "1", "-l", "1", str(thirty_pdf), str(out)],
                   check=True)
    width, height, pixels = _read_pgm(next(tmp_path.glob("page*.pgm")))
    scale = dpi / 72
    side = QR_MM * MM
    left = A4[0] - MARGIN - FRAME_PAD - side  # right-aligned in its column, at the top of the frame
    top = MARGIN + FRAME_PAD
    matrix = qr_matrix(doc.qr_payload)
    modules = len(matrix) + 2 * QR_BORDER
    unit = side / modules
    seen = []
    for r in range(-QR_BORDER, len(matrix) + QR_BORDER):
        row = bytearray()
        for c in range(-QR_BORDER, len(matrix) + QR_BORDER):
            x = round((left + (c + QR_BORDER + 0.5) * unit) * scale)
            y = round((top + (r + QR_BORDER + 0.5) * unit) * scale)
            row.append(pixels[y * width + x] < 128)
        seen.append(row)
    quiet = [bytearray(len(matrix) + 2 * QR_BORDER)] * QR_BORDER
    pad = bytes(QR_BORDER)
    assert seen == [*quiet, *(bytearray(pad + bytes(m) + pad) for m in matrix), *quiet]
    assert height > width


def _read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5" and fields[3] == b"255"
    width, height = int(fields[1]), int(fields[2])
    return width, height, fields[4][-width * height:]


# --- the workbook ------------------------------------------------------------------------------------------------


def _cells(path: Path) -> list[list[object]]:
    sheet = load_workbook(path)["公示"]
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_workbook_reads_back_as_printed(tmp_path: Path) -> None:
    doc = thirty_row_doc()
    path = tmp_path / "公示.xlsx"
    write_notice_xlsx(path, doc)
    assert [p.name for p in tmp_path.iterdir()] == ["公示.xlsx"]
    book = load_workbook(path)
    assert book.sheetnames == ["公示"]
    sheet = book["公示"]
    assert sheet["A1"].value == doc.title and "A1:I1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A1"].alignment.horizontal == "center"
    texts = [str(v) for row in _cells(path) for v in row if v is not None]
    joined = "\n".join(texts)
    assert doc.number in joined and doc.fingerprint in joined and doc.introduction() in texts
    header_row = next(row for row in sheet.iter_rows() if row[0].value == "序号")
    assert [c.value for c in header_row] == list(HEADERS)
    assert sheet.print_title_rows.replace("$", "") == f"{header_row[0].row}:{header_row[0].row}"
    rows = {row[2].value: row for row in sheet.iter_rows(min_row=header_row[0].row + 1) if row[0].value}
    for line in doc.lines:
        row = rows[line.name]
        assert row[0].value == line.seq
        assert row[1].value == line.group and row[1].data_type == "s"
        assert row[3].value == line.masked_id and row[3].data_type == "s"
        assert row[7].data_type == "n" and Decimal(str(row[7].value)) == Decimal(line.amount_fen) / 100
        assert row[7].number_format in ("0.00", "#,##0.00")
        assert row[8].value == (line.remark or None)
    remark = rows[doc.lines[4].name][8]
    assert remark.value == "=2019年新增" and remark.data_type == "s"
    assert rows[doc.lines[0].name][2].alignment.wrap_text and remark.alignment.wrap_text
    total = next(row for row in sheet.iter_rows() if row[0].value == "合计")
    assert Decimal(str(total[7].value)) == Decimal(doc.total_fen) / 100 and total[2].value == "共 30 人"
    assert doc.hotlines() in texts
    assert any("制表人" in t for t in texts) and any("审核人" in t for t in texts)
    assert "李建国" in texts and "红旗村村委会（盖章）" in texts and "2019年5月10日" in texts
    for text in texts:
        _assert_nothing_personal(text)
    with zipfile.ZipFile(path) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml  # nothing Excel would evaluate


def test_workbook_prints_on_a4_with_the_header_on_every_page(tmp_path: Path) -> None:
    for landscape in (False, True):
        path = tmp_path / f"{landscape}.xlsx"
        write_notice_xlsx(path, replace(two_program_doc(), landscape=landscape))
        sheet = load_workbook(path)["公示"]
        setup = sheet.page_setup
        assert str(setup.paperSize) == sheet.PAPERSIZE_A4
        assert setup.orientation == ("landscape" if landscape else "portrait")
        assert setup.fitToWidth == 1 and setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows
        assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"


def test_workbook_of_two_programs_has_subtotals(tmp_path: Path) -> None:
    doc = two_program_doc()
    path = tmp_path / "two.xlsx"
    write_notice_xlsx(path, doc)
    rows = _cells(path)
    subtotals = [row for row in rows if row[0] == "小计"]
    assert [Decimal(str(row[7])) for row in subtotals] == [Decimal(s.total_fen) / 100 for s in doc.sections]
    assert [row[2] for row in subtotals] == [f"共 {s.count} 人" for s in doc.sections]
    total = next(row for row in rows if row[0] == "合计")
    assert Decimal(str(total[7])) == Decimal(doc.total_fen) / 100 and total[2] == "共 17 人 20 人次"
    headings = [row[0] for row in rows if isinstance(row[0], str) and re.match("[一二三四五六七八九十]、", row[0])]
    assert headings == ["一、耕地地力保护补贴", "二、高龄津贴"]
    names = {row[2] for row in rows}
    assert all(line.name in names for line in doc.lines)


def test_workbook_of_two_thousand_rows(tmp_path: Path) -> None:
    doc = big_doc()
    path = tmp_path / "big.xlsx"
    write_notice_xlsx(path, doc)
    rows = _cells(path)
    ids = [row[3] for row in rows if isinstance(row[0], int)]
    assert ids == [line.masked_id for line in doc.lines]
    for row in rows:
        for value in row:
            if value is not None:
                _assert_nothing_personal(str(value))
