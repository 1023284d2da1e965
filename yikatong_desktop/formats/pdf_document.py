"""Printable A4 documents as PDF: forms, letters and report tables, the CJK font embedded, 第 x 页 共 y 页.

A document is a title and a list of parts (paragraphs, form grids, tables, signature areas). All text is
user data: it is escaped before it reaches reportlab's paragraph markup, and it always wraps, never clips.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.formats.files import write_bytes_atomically
from yikatong_desktop.formats.report_workbook import Block, Sheet
from yikatong_desktop.paths import cjk_font_path

FONT = "WQYMicroHei"  # registered name; in the PDF a subset of it is called "AAAAAA+WenQuanYiMicroHei"
MM = 72 / 25.4
MARGIN = 18 * MM
PAD = 3.0  # cell padding, points
TABLE_SIZE = 9.0
FORM_SIZE = 10.5
HEAD_FILL, TOTAL_FILL, LABEL_FILL, RULE = "#DCE6F1", "#F2F2F2", "#EDEDED", "#808080"  # the workbook's colours
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # not allowed in PDF text or paragraph markup


@dataclass(frozen=True)
class Para:
    """A paragraph of body text; `indent` indents the first line by two characters, as letters do."""

    text: str
    indent: bool = True
    align: str = "left"  # "left" | "center" | "right"
    size: float = 12
    bold: bool = False


@dataclass(frozen=True)
class FieldGrid:
    """A bordered form: each row a list of (label, value) cells; a one-cell row spans the full width."""

    rows: Sequence[Sequence[tuple[str, str]]]
    label_width_mm: float = 28
    min_heights_mm: Sequence[float | None] = ()  # per row, e.g. a tall box for 审核意见; None = as tall as needed


@dataclass(frozen=True)
class TablePart:
    """A report_workbook Block as a bordered table whose header repeats on every page it spans."""

    block: Block


@dataclass(frozen=True)
class Signatures:
    """Signature lines ("审核人（签字）：" + a blank to sign on), an optional seal circle and a date line."""

    lines: Sequence[str]
    seal: str | None = None  # printed under the dashed seal circle; None = no seal area
    date_line: bool = True


@dataclass(frozen=True)
class Gap:
    mm: float = 6


@dataclass(frozen=True)
class PageBreak:
    pass


Part = Para | FieldGrid | TablePart | Signatures | Gap | PageBreak


@dataclass(frozen=True)
class PdfDocument:
    """What to print: a big centred title on page 1 (also the PDF's metadata title), then the parts."""

    title: str
    parts: Sequence[Part]
    subtitle: str = ""
    landscape: bool = False
    author: str = ""
    running_header: str = ""  # small text at the top of every page after the first
    footer: Sequence[str] = ()  # small lines at the bottom left of every page (where the figures came from)


def render_pdf(path: Path, doc: PdfDocument) -> None:
    """Write `doc` as an A4 PDF to `path`, atomically (a crash leaves the old file or the new one)."""
    write_bytes_atomically(path, render_pdf_bytes(doc))  # owner-only, as every file with names in it


def render_pdf_bytes(doc: PdfDocument) -> bytes:
    """The PDF bytes of `doc`: A4, 18 mm margins, "第 x 页 共 y 页" centred at the foot of every page."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Spacer

    _register_font()
    size = landscape(A4) if doc.landscape else A4
    out = io.BytesIO()
    template = SimpleDocTemplate(out, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                                 bottomMargin=MARGIN, title=_plain(doc.title), author=_plain(doc.author),
                                 creator="yikatong_desktop")
    width = size[0] - 2 * MARGIN
    parts: list[Part] = [*_title_parts(doc.title, doc.subtitle), Gap(3)] if doc.title else []
    parts += doc.parts
    story: list[Any] = []
    for i, part in enumerate(parts):
        following = parts[i + 1] if i + 1 < len(parts) else None
        story += _flowables(part, width, heading=isinstance(following, TablePart | FieldGrid))

    def first_page(canvas: Any, _doc: Any) -> None:
        canvas.footer_lines = [_plain(line) for line in doc.footer]  # drawn with the page numbers, at the end

    def later_page(canvas: Any, _doc: Any) -> None:
        first_page(canvas, _doc)
        if doc.running_header:
            canvas.setFont(FONT, 8)
            canvas.setFillColor(RULE)
            canvas.drawCentredString(size[0] / 2, size[1] - 11 * MM, _plain(doc.running_header))

    template.build(story or [Spacer(1, 1)], onFirstPage=first_page, onLaterPages=later_page,
                   canvasmaker=_classes()[1])
    return out.getvalue()


def sheets_document(sheets: Sequence[Sheet], *, author: str = "", title: str | None = None) -> PdfDocument:
    """The report workbook's sheets as one document, each sheet from a new page, printed as in Excel."""
    parts: list[Part] = []
    for i, sheet in enumerate(sheets):
        if i:
            parts.append(PageBreak())
        if i or title is not None:  # the first sheet's title is the document's own unless a title was given
            parts += _title_parts(sheet.title, sheet.subtitle)
        for block in sheet.blocks:
            parts.append(Gap(3))
            if block.caption:
                parts.append(Para(block.caption, indent=False, size=11, bold=True))
            parts.append(TablePart(block))
        footer = sheet.footer
        if footer:
            parts.append(Gap(8))
            parts += [Para(line, indent=False, size=11) for line in footer]
    first = sheets[0] if sheets else None
    return PdfDocument(
        title=title if title is not None else (first.title if first else ""),
        subtitle=first.subtitle if first and title is None else "",
        parts=parts, landscape=any(s.landscape for s in sheets), author=author,
    )


def _title_parts(title: str, subtitle: str) -> list[Para]:
    return [Para(title, indent=False, align="center", size=18, bold=True)] + (
        [Para(subtitle, indent=False, size=10)] if subtitle else [])


@cache
def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    # One TrueType file, embedded as a subset; bold is simulated by stroking the glyphs (_BoldParagraph)
    pdfmetrics.registerFont(TTFont(FONT, str(cjk_font_path())))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)


@cache
def _classes() -> tuple[Any, Any]:
    """reportlab subclasses, defined on first use so that importing this module does not load reportlab."""
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

    class BoldParagraph(Paragraph):  # type: ignore[misc]
        def draw(self) -> None:
            # Fill and stroke the glyphs (PDF text render mode 2): a bold face without a second 4 MB font
            self.canv.setStrokeColor(self.style.textColor)
            self.canv.setLineWidth(self.style.fontSize / 30)
            self.canv.addLiteral("2 Tr")
            super().draw()

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        # Pages are kept until save() so that each footer can say how many there are in all
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._page_states: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab's name
            self._page_states.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._page_states)
            for number, state in enumerate(self._page_states, start=1):
                self.__dict__.update(state)
                self.setFont(FONT, 9)
                self.setFillColor("#404040")
                self.drawCentredString(self._pagesize[0] / 2, 9 * MM, f"第 {number} 页 共 {total} 页")
                # Bottom left, clear of the page number and of a signature stamp at the bottom right
                self.setFont(FONT, 6.5)
                self.setFillColor("#606060")
                for i, line in enumerate(getattr(self, "footer_lines", ())):
                    self.drawString(MARGIN, (11.5 - 3.5 * i) * MM, line)
                Canvas.showPage(self)
            Canvas.save(self)

    return BoldParagraph, NumberedCanvas


def _plain(text: str) -> str:
    return _CONTROL.sub("", text)


def _markup(text: str) -> str:
    """User text as paragraph markup that prints literally: escaped, runs of spaces and line breaks kept."""
    text = escape(_plain(text).replace("\r\n", "\n"))
    text = re.sub(r"(?<= ) ", "&nbsp;", text)  # blanks on forms ("日期：    年    月    日") are runs of spaces
    return text.replace("\n", "<br/>")


def _para(text: str, size: float, *, align: str = "left", bold: bool = False, indent: bool = False,
          leading: float = 1.4, space_after: float = 0) -> Any:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    style = ParagraphStyle(
        "p", fontName=FONT, fontSize=size, leading=size * leading, wordWrap="CJK",  # CJK: break anywhere
        alignment={"center": 1, "right": 2}.get(align, 0), firstLineIndent=2 * size if indent else 0,
        spaceAfter=space_after)
    return (_classes()[0] if bold else Paragraph)(_markup(text), style)


def _flowables(part: Part, width: float, *, heading: bool = False) -> list[Any]:
    from reportlab.platypus import CondPageBreak, Spacer
    from reportlab.platypus import PageBreak as NewPage

    if isinstance(part, Para):
        para = _para(part.text, part.size, align=part.align, bold=part.bold, indent=part.indent,
                     leading=1.6 if part.indent else 1.4, space_after=part.size * 0.35)
        # A caption must not be left alone at the foot of a page, away from its table
        return [CondPageBreak(30 * MM), para] if heading else [para]
    if isinstance(part, FieldGrid):
        return _grid(part, width)
    if isinstance(part, TablePart):
        return [_table(part.block, width)] if part.block.columns else []
    if isinstance(part, Signatures):
        return [Spacer(1, 4 * MM), _signatures(part, width)]
    if isinstance(part, Gap):
        return [Spacer(1, part.mm * MM)]
    return [NewPage()]


def _padding(side: float, top: float, bottom: float) -> list[tuple[Any, ...]]:
    return [(f"{name}PADDING", (0, 0), (-1, -1), pad)
            for name, pad in (("LEFT", side), ("RIGHT", side), ("TOP", top), ("BOTTOM", bottom))]


_TEXT_KINDS = ("text", "long")  # long: text that wraps (report_workbook)


def _cell_text(value: Any, kind: str) -> str:
    if value is None:
        return ""
    try:
        if kind == "yuan":
            return format_yuan(int(value))
        if kind == "int":
            return f"{int(value):,}"
        if kind == "percent":
            return f"{(Decimal(str(value)) * 100).quantize(Decimal('0.01'), ROUND_HALF_UP)}%"
    except (TypeError, ValueError, InvalidOperation):
        pass  # not a number after all: print what is there
    return str(value)


def _table(block: Block, width: float) -> Any:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Table

    total = sum(max(c.width, 1) for c in block.columns)
    widths = [width * max(c.width, 1) / total for c in block.columns]  # always exactly the frame: nothing clipped
    data: list[list[Any]] = [[_para(c.title, TABLE_SIZE, align="center", bold=True) for c in block.columns]]
    for i, row in enumerate(block.rows):
        strong = i in block.strong
        cells: list[Any] = []
        for value, column, w in zip(row, block.columns, widths, strict=True):
            text = _cell_text(value, column.kind)
            if strong or "\n" in text or stringWidth(text, FONT, TABLE_SIZE) > w - 2 * PAD - 1:
                align = "left" if column.kind in _TEXT_KINDS else "right"
                cells.append(_para(text, TABLE_SIZE, align=align, bold=strong, leading=12 / TABLE_SIZE))
            else:
                cells.append(_plain(text))  # a plain string is ten times quicker than a Paragraph: 2,000 rows
        data.append(cells)
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, TABLE_SIZE, 12), ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
        *_padding(PAD, 2, 3)]
    style += [("ALIGN", (j, 1), (j, -1), "RIGHT") for j, c in enumerate(block.columns) if c.kind not in _TEXT_KINDS]
    style += [("BACKGROUND", (0, i + 1), (-1, i + 1), TOTAL_FILL) for i in sorted(block.strong) if i < len(block.rows)]
    return Table(data, colWidths=widths, repeatRows=1, style=style, splitInRow=1)


def _grid(grid: FieldGrid, width: float) -> list[Any]:
    from reportlab.platypus import Table

    # One table per row: rows may have different numbers of cells, and the borders of stacked tables meet
    tables = []
    for i, row in enumerate(grid.rows):
        if not row:
            continue
        cell = width / len(row)
        label = min(grid.label_width_mm * MM, cell / 2)
        widths = [w for _ in row for w in (label, cell - label)]
        cells = [p for lab, val in row for p in (_para(lab, FORM_SIZE, align="center"), _para(val, FORM_SIZE))]
        wanted = grid.min_heights_mm[i] if i < len(grid.min_heights_mm) else None
        height = None
        if wanted:
            needed = max(c.wrap(w - 2 * PAD, 1e6)[1] for c, w in zip(cells, widths, strict=True)) + 2 * PAD + 2
            height = wanted * MM if needed < wanted * MM else None  # taller text grows the row (and may split)
        style: list[tuple[Any, ...]] = [
            ("GRID", (0, 0), (-1, -1), 0.6, "#000000"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            *_padding(PAD, PAD + 1, PAD + 1)]
        for j in range(0, 2 * len(row), 2):
            style.append(("BACKGROUND", (j, 0), (j, 0), LABEL_FILL))
            if height:
                style.append(("VALIGN", (j + 1, 0), (j + 1, 0), "TOP"))  # opinions are written from the top
        tables.append(Table([cells], colWidths=widths, rowHeights=[height], style=style, splitInRow=1))
    return tables


def _signatures(sig: Signatures, width: float) -> Any:
    from reportlab.graphics.shapes import Circle, Drawing, String
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Table

    size = 11.0
    seal_w = 56 * MM if sig.seal is not None else 0
    left = width - seal_w
    label = min(max((stringWidth(_plain(t), FONT, size) for t in sig.lines), default=0) + 4, left * 0.55)
    blank = min(left - label, 60 * MM)  # a line long enough to sign on, not across the page
    rows: list[list[Any]] = [[_para(t, size), "", ""] for t in sig.lines]
    if sig.date_line:
        rows.append([_para("日期：        年      月      日", size), "", ""])
    # Room above each line to sign in; a label that wraps makes its row taller instead of spilling out
    style = [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), *_padding(0, 5 * MM, 2)]
    style += [("LINEBELOW", (1, i), (1, i), 0.6, "#000000") for i in range(len(sig.lines))]
    if sig.date_line:
        style.append(("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)))
    lines = Table(rows or [["", "", ""]], colWidths=[label, blank, max(left - label - blank, 0)], style=style,
                  hAlign="LEFT")
    if sig.seal is None:
        return lines
    # The seal sits in its own column to the right of the lines, so it can never cover what is written there
    circle = Drawing(seal_w, 42 * MM)
    circle.add(Circle(seal_w / 2, 21 * MM, 20 * MM, strokeDashArray=[4, 3], strokeColor=RULE, fillColor=None))
    if "盖章" not in sig.seal:
        circle.add(String(seal_w / 2, 20 * MM, "（盖章）", fontName=FONT, fontSize=10, fillColor=RULE,
                          textAnchor="middle"))
    seal = [circle, _para(sig.seal, 10, align="center")]
    style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, 0), 0)]
    return Table([[lines, seal]], colWidths=[left, seal_w], style=style, hAlign="LEFT")
