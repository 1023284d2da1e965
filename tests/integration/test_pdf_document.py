"""PDF documents as a reader sees them: pages, repeated table headers, page numbers, embedded CJK font, literal text."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from yikatong_desktop.formats.pdf_document import (
    FieldGrid,
    Gap,
    Para,
    PdfDocument,
    Signatures,
    TablePart,
    render_pdf,
    render_pdf_bytes,
    sheets_document,
)
from yikatong_desktop.formats.report_workbook import Block, Column, Sheet

COLUMNS = [Column("序号", "int", 6), Column("姓名", "text", 10), Column("补贴项目", "text", 18),
           Column("发放金额", "yuan", 12), Column("占比", "percent", 8), Column("备注", "text", 16)]


def _rows(n: int) -> list[list[object]]:
    return [[i, f"村民{i}", "耕地地力保护补贴", 123450 + i, 0.125, "重复领取" * (i % 4) or None]
            for i in range(1, n + 1)]


def _form() -> PdfDocument:
    return PdfDocument(
        title="问题线索登记表",
        subtitle="编号：WT2019-0001    填报单位：红旗乡财政所",
        author="红旗乡财政所",
        parts=[
            FieldGrid(rows=[
                [("姓名", "张三"), ("身份证号", "110101********1234")],
                [("问题描述", "同一人在两个村重复领取补贴，" * 12)],
                [("备注", "")],
                [("审核意见", "")],
            ], min_heights_mm=[None, None, None, 40]),
            Gap(),
            Para("用户输入：<b>&"),
            Para("特此函告。"),
            Signatures(lines=["审核人（签字）：", "负责人（签字）："], seal="红旗乡财政所（盖章）"),
        ],
    )


def _texts(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_form_prints_title_user_text_and_page_number(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    render_pdf(path, _form())

    reader = PdfReader(path)
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "问题线索登记表" in text
    assert "WT2019-0001" in text and "同一人在两个村重复领取补贴" in text
    assert "<b>&" in text  # user text is printed as written, never read as markup
    assert "审核人（签字）" in text and "红旗乡财政所（盖章）" in text
    assert "第 1 页 共 1 页" in text
    assert reader.metadata is not None and reader.metadata.title == "问题线索登记表"
    assert reader.metadata.author == "红旗乡财政所"
    assert [p.name for p in tmp_path.iterdir()] == ["form.pdf"]  # no temporary file left behind


def test_cjk_font_is_embedded(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    path.write_bytes(render_pdf_bytes(_form()))

    fonts: Any = PdfReader(path).pages[0]["/Resources"]["/Font"]  # type: ignore[index]
    embedded = [
        str(font["/BaseFont"]) for font in (ref.get_object() for ref in fonts.values())
        if "/FontDescriptor" in font and "/FontFile2" in font["/FontDescriptor"].get_object()
    ]
    assert any("MicroHei" in name for name in embedded)


def test_long_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    path = tmp_path / "table.pdf"
    doc = PdfDocument(title="补贴发放明细", parts=[TablePart(Block("明细", COLUMNS, _rows(300)))],
                      running_header="补贴发放明细（续）")
    render_pdf(path, doc)

    texts = _texts(path)
    assert len(texts) > 1
    for title in ("序号", "姓名", "补贴项目", "发放金额", "占比", "备注"):
        assert title in texts[1]
    assert f"第 2 页 共 {len(texts)} 页" in texts[1]
    assert "补贴发放明细（续）" in texts[1] and "补贴发放明细（续）" not in texts[0]
    assert "1,234.51" in texts[0] and "12.50%" in texts[0]  # 123451 fen, 0.125
    assert "村民300" in texts[-1]


def test_long_words_and_empty_cells_do_not_break_a_table(tmp_path: Path) -> None:
    columns = [Column("编号", "text", 4), Column("金额", "yuan", 4), Column("空", "text", 4)]
    rows: list[list[object]] = [["9" * 80, 12345678901234, None], ["<b>&", None, ""]]
    path = tmp_path / "narrow.pdf"
    render_pdf(path, PdfDocument(title="窄表", parts=[TablePart(Block(None, columns, rows, frozenset({1})))]))

    text = "".join(_texts(path)).replace("\n", "")
    assert "9" * 80 in text  # wrapped inside its cell, all of it printed
    assert "123,456,789,012.34" in text
    assert "<b>&" in text


@dataclass(frozen=True)
class _SheetWithFooter(Sheet):  # the footer field Sheet is about to get
    footer: Sequence[str] = ()


def test_sheets_document_starts_each_sheet_on_its_own_page(tmp_path: Path) -> None:
    sheets = [
        _SheetWithFooter("明细", "补贴发放明细表", "统计时间：2024年", [Block("一、明细", COLUMNS, _rows(5))],
                         footer=["负责人：＿＿＿＿    填表人：＿＿＿＿"]),
        Sheet("汇总", "补贴发放汇总表", "单位：元", [Block(None, COLUMNS[:2], [[1, "合计"]], frozenset({0}))],
              landscape=True),
    ]
    doc = sheets_document(sheets, author="红旗乡")
    assert doc.title == "补贴发放明细表" and doc.landscape
    path = tmp_path / "sheets.pdf"
    render_pdf(path, doc)

    texts = _texts(path)
    assert len(texts) == 2
    assert texts[0].lstrip().startswith("补贴发放明细表")
    assert texts[1].lstrip().startswith("补贴发放汇总表")
    assert "负责人：" in texts[0] and "一、明细" in texts[0]
    assert PdfReader(path).metadata.title == "补贴发放明细表"  # type: ignore[union-attr]
    assert sheets_document(sheets, title="年度报表").title == "年度报表"


def test_two_thousand_rows_render_quickly(tmp_path: Path) -> None:
    started = time.perf_counter()
    render_pdf(tmp_path / "big.pdf", PdfDocument(title="大表", parts=[TablePart(Block(None, COLUMNS, _rows(2000)))]))
    assert time.perf_counter() - started < 30  # a guard against quadratic splitting; about 1 s today
    assert len(PdfReader(tmp_path / "big.pdf").pages) > 30
