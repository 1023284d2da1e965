"""The 公示 list as a PDF for the village wall (SPEC §7): A4, the table's header on every page, 第 x 页 共 y 页.

Page 1 carries the title, the notice's number and fingerprint and a QR code of its payload, so a posted paper
can be checked against the database; later pages carry a small running header with the title and number, so
loose pages can be matched. Everything printed of a person is what the NoticeDoc holds (already masked).
The table is one reportlab Table per section with one TableStyle each, and Paragraph cells that wrap:
2,000 rows take about as long as a bare Table of the same Paragraphs (bench/notice_pdf.py).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.notices import NoticeDoc, NoticeLine, NoticeSection, day_zh
from yikatong_desktop.formats.files import write_bytes_atomically
from yikatong_desktop.formats.pdf_document import (
    FONT,
    HEAD_FILL,
    MARGIN,
    MM,
    RULE,
    TOTAL_FILL,
    _classes,
    _markup,
    _plain,
    _register_font,
)
from yikatong_desktop.formats.qr_code import qr_flowable

HEADERS = ("序号", "组", "姓名", "身份证号", "补贴项目", "标准（元）", "数量", "金额（元）", "备注")
SIZE = 9.0  # table text, points
PAD = 2.0  # cell padding left and right, points: nine columns on a portrait page need every millimetre
LEADING = 11.5
QR_MM = 24.0  # the QR code's side, quiet zone included
FRAME_PAD = 6.0  # SimpleDocTemplate's frame padding: the story is this much narrower than the margins say
KEPT_ROWS = 3  # table rows kept on the page of the totals and the signatures
_NUMERALS = "一二三四五六七八九十"
_Sum = tuple[str, Sequence[NoticeLine], int]  # 小计 or 合计, the rows it counts, fen
_LATIN = re.compile(r"[^\u2e80-\uffff]*")  # no CJK: a name like "Nurlan Khalimulla" wraps at its spaces
# Columns as wide as their widest text (numbers, IDs, the program) up to a limit, in mm; 姓名 and 备注 share the rest
_FITTED = {0: 40, 1: 16, 3: 40, 4: 32, 5: 30, 6: 26, 7: 34}
_NAME_AND_REMARK_MM = 40  # the least 姓名 and 备注 get together: a long 补贴项目 wraps rather than take it


def write_notice_pdf(path: Path, doc: NoticeDoc) -> None:
    """Write the notice as a PDF to `path`, atomically and readable by the owner only."""
    write_bytes_atomically(path, notice_pdf_bytes(doc))


def notice_pdf_bytes(doc: NoticeDoc) -> bytes:
    """The notice as PDF bytes: A4 portrait (landscape when `doc.landscape`), 18 mm margins."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate

    _register_font()
    size = landscape(A4) if doc.landscape else A4
    out = io.BytesIO()
    template = SimpleDocTemplate(
        out, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
        title=_plain(doc.title), author=_plain(doc.township), subject=_plain(f"公示编号 {doc.number}"),
        creator="yikatong_desktop", initialFontName=FONT, initialFontSize=SIZE)  # no unembedded Helvetica
    width = size[0] - 2 * MARGIN - 2 * FRAME_PAD
    running = _drawn(_plain(f"{doc.title}　公示编号 {doc.number}"))

    def later_page(canvas: Any, _doc: Any) -> None:
        canvas.setFont(FONT, 8)
        canvas.setFillColor(RULE)
        canvas.drawCentredString(size[0] / 2, size[1] - 11 * MM, running)

    template.build(_story(doc, width), onLaterPages=later_page, canvasmaker=_classes()[1])
    return out.getvalue()


def _story(doc: NoticeDoc, width: float) -> list[Any]:
    """The flowables of the notice for a frame `width` points wide."""
    from reportlab.platypus import CondPageBreak, Spacer

    styles = cell_styles()
    widths = column_widths(doc, width)
    story: list[Any] = [_heading(doc, width), Spacer(1, 3 * MM),
                        _paragraph(doc.introduction(), styles["intro"]), Spacer(1, 2 * MM)]
    several = len(doc.sections) > 1
    sections = doc.sections or (NoticeSection("", ()),)
    for i, section in enumerate(sections):
        if several:
            story += [CondPageBreak(30 * MM), _paragraph(f"{_numeral(i)}、{section.program}", styles["subhead"])]
        rows = [_row(line) for line in section.lines]
        sums: list[_Sum] = [("小计", section.lines, section.total_fen)] if several else []
        if i < len(sections) - 1:
            story += [_table(rows, sums, widths), Spacer(1, 4 * MM)]
            continue
        # The last rows, the totals and the footer go on one page together: never a page of signatures alone
        kept = max(len(rows) - KEPT_ROWS, 0)
        sums.append(("合计", doc.lines, doc.total_fen))
        if kept:
            story.append(_table(rows[:kept], [], widths))
        joined = [_table(rows[kept:], sums, widths, header=False), *_footer(doc, width)] if kept else None
        story.append(_ending_class()(joined, [_table(rows[kept:], sums, widths), *_footer(doc, width)]))
    return story


@cache
def cell_styles() -> dict[str, Any]:
    """The ParagraphStyles of the notice, made once: CJK wrapping (a line may break anywhere), never clipped."""
    from reportlab.lib.styles import ParagraphStyle

    def style(name: str, size: float = SIZE, leading: float = LEADING, align: int = 0, **more: Any) -> Any:
        return ParagraphStyle(name, **{"fontName": FONT, "fontSize": size, "leading": leading, "wordWrap": "CJK",
                                       "alignment": align, **more})

    return {"left": style("left"),
            "latin": style("latin", wordWrap=None, embeddedHyphenation=1),  # breaks at spaces and hyphens
            "center": style("center", align=1), "right": style("right", align=2),
            "head": style("head", align=1),
            "title": style("title", size=18, leading=24, align=1),
            "meta": style("meta", size=8.5, leading=11, align=1, textColor="#404040"),
            "caption": style("caption", size=6.5, leading=8, align=1, textColor="#404040"),
            "intro": style("intro", size=12, leading=19, firstLineIndent=24, spaceAfter=2),
            "subhead": style("subhead", size=11, leading=15, spaceBefore=2, spaceAfter=3),
            "body": style("body", size=11, leading=15), "seal": style("seal", size=11, leading=15, align=1)}


def column_widths(doc: NoticeDoc, width: float) -> list[float]:
    """Widths of the nine columns filling `width`: numbers, IDs and the program as wide as their widest text (on a
    narrow page a header may wrap at its "（"), 姓名 and 备注 share the rest."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    _register_font()
    texts: list[set[str]] = [set() for _ in HEADERS]
    for line in doc.lines:  # distinct texts: 2,000 rows have few distinct amounts
        texts[0].add(str(line.seq))
        texts[1].add(line.group)
        texts[3].add(line.masked_id)
        texts[4].add(line.program)
        texts[5].add(_yuan(line.standard_fen))
        texts[6].add(quantity_text(line.quantity, line.unit))
        texts[7].add(format_yuan(line.amount_fen))
    texts[7] |= {format_yuan(s.total_fen) for s in doc.sections} | {format_yuan(doc.total_fen)}
    widths = [0.0] * len(HEADERS)
    for split in (False, True):  # whole headers where the page has room (landscape), else 标准 / （元）
        for column, most in _FITTED.items():
            heads = HEADERS[column].replace("（", "\n（").split("\n") if split else [HEADERS[column]]
            widest = max(stringWidth(_plain(t), FONT, SIZE) for t in texts[column] | set(heads))
            widths[column] = min(widest + 2 * PAD + 1, most * MM)
        if width - sum(widths) >= 2 * _NAME_AND_REMARK_MM * MM:
            break
    short = _NAME_AND_REMARK_MM * MM - (width - sum(widths))
    if short > 0:
        widths[4] = max(widths[4] - short, 16 * MM)
    left = width - sum(widths)
    remarks = any(line.remark for line in doc.lines)
    widths[2] = left * (0.6 if remarks else 0.75)  # most rows have no remark: the names get the room
    widths[8] = left - widths[2]
    return widths


def quantity_text(quantity: Decimal | None, unit: str) -> str:
    """12.5亩, 3头; "" when there is no quantity."""
    if quantity is None:
        return ""
    text = f"{quantity.normalize():f}"  # 100 not 1E+2, 12.5 not 12.50
    return f"{text}{unit}"


def people_text(lines: Sequence[NoticeLine]) -> str:
    """共 30 人; 共 28 人 30 人次 when a person has several rows (several programs)."""
    people = len({(line.name, line.masked_id) for line in lines})
    return f"共 {people:,} 人" if people == len(lines) else f"共 {people:,} 人 {len(lines):,} 人次"


def unprintable_lines(doc: NoticeDoc) -> list[NoticeLine]:
    """The rows with text the embedded font has no glyph for (Uyghur or Kazakh in Arabic script, for one): the PDF
    prints each such character as □, so a caller can warn, or print the workbook, or have the names written in."""
    drawable = _drawable()
    return [line for line in doc.lines
            if not drawable.issuperset(map(ord, f"{line.group}{line.name}{line.program}{line.remark}"))]


@cache
def _drawable() -> frozenset[int]:
    """The code points the embedded font can draw, and the white space the paragraphs handle themselves."""
    from reportlab.pdfbase import pdfmetrics

    _register_font()
    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph) | {ord(c) for c in "\n\r\t"}


def _drawn(text: str) -> str:
    """`text` with each character the font cannot draw as □: a visible gap, never a silent one (no fallback font
    is bundled, and Arabic script would need shaping that reportlab does not do without uharfbuzz)."""
    drawable = _drawable()
    if drawable.issuperset(map(ord, text)):
        return text
    return "".join(c if ord(c) in drawable else "□" for c in text)


def _text(text: str) -> str:
    """User text as paragraph markup: drawable, escaped, printed literally."""
    return _markup(_drawn(text))


def _yuan(fen: int | None) -> str:
    return "" if fen is None else format_yuan(fen)


def _numeral(i: int) -> str:
    return _NUMERALS[i] if i < len(_NUMERALS) else str(i + 1)


def _paragraph(text: str, style: Any) -> Any:
    return _kinsoku_class()(_text(text), style)


@cache
def _kinsoku_class() -> Any:
    from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
    from reportlab.platypus import Paragraph

    # reportlab's list is Japanese: it lacks the Chinese comma and the · inside transliterated names
    no_start = frozenset(ALL_CANNOT_START + "，；：！？》”’·")
    no_end = frozenset(ALL_CANNOT_END)

    class KinsokuParagraph(Paragraph):  # type: ignore[misc]
        """A paragraph none of whose lines starts with "，" "。" "·" or "）" or ends with "（": reportlab hangs one
        such character in the margin but not two ("（共7天）。") and knows no "，", so where a line would, the
        lines are made a little shorter (up to 2½ characters) until none does."""

        style: Any

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            size = super().wrap(avail_width, avail_height)
            step = 0
            while step < 5 and not self._clean():
                step += 1
                self.style = self.style.clone("kinsoku", rightIndent=step * self.style.fontSize / 2)
                size = super().wrap(avail_width, avail_height)
            return size  # type: ignore[no-any-return]

        def _clean(self) -> bool:
            lines = [_line_text(line) for line in self.blPara.lines]
            return (not any(t[:1] in no_start for t in lines[1:] if t)
                    and not any(t[-1:] in no_end for t in lines[:-1] if t))

    return KinsokuParagraph


def _line_text(line: Any) -> str:
    if isinstance(line, tuple):  # a paragraph of one style: (extra space, words)
        return " ".join(line[1])
    return "".join(getattr(word, "text", "") for word in line.words)


def _heading(doc: NoticeDoc, width: float) -> Any:
    """Title and number centred over the page, the QR code at the right in a column of its own (never overlaps)."""
    from reportlab.platypus import Table

    styles = cell_styles()
    side = QR_MM * MM
    gap = 4 * MM  # between the title and the QR code, at the least
    title = [_classes()[0](_text(doc.title), _title_style(doc.title, width - 2 * side - 2 * gap)),
             _paragraph(f"公示编号：{doc.number}　　指纹：{doc.fingerprint}", styles["meta"])]
    qr = [qr_flowable(doc.qr_payload, side), _paragraph("扫码核验", styles["caption"])]
    return Table([["", title, qr]], colWidths=[side, width - 2 * side, side],
                 style=[("FONT", (0, 0), (-1, -1), FONT, SIZE),  # empty cells too: else Helvetica is set
                        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("VALIGN", (2, 0), (2, 0), "TOP"),
                        ("ALIGN", (2, 0), (2, 0), "RIGHT"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                        ("LEFTPADDING", (1, 0), (1, 0), gap), ("RIGHTPADDING", (1, 0), (1, 0), gap)])


def _header(title: str, width: float) -> str:
    """A column title; one too wide for its column goes on two lines at its "（": 标准 / （元）."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if "（" not in title or stringWidth(title, FONT, SIZE) <= width - 2 * PAD - 0.5:
        return title
    return title.replace("（", "<br/>（")


def _title_style(title: str, width: float) -> Any:
    """18 pt, or smaller down to 14 pt so that a long title stays on one line; longer still, it wraps."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    style = cell_styles()["title"]
    natural = stringWidth(_plain(title), FONT, style.fontSize)
    if natural <= width:
        return style
    size = max(14.0, int(style.fontSize * width / natural * 2) / 2)
    return style.clone("title_fitted", fontSize=size, leading=size * 4 / 3)


def _row(line: NoticeLine) -> list[Any]:
    """The nine cells of a row: nothing else per row, this is the 2,000-row cost."""
    from reportlab.platypus import Paragraph

    styles = cell_styles()
    left, center, right, latin = styles["left"], styles["center"], styles["right"], styles["latin"]
    wrapped = _kinsoku_class()
    return [
        Paragraph(str(line.seq), center), Paragraph(_text(line.group), center),
        Paragraph(_text(line.name), latin) if _LATIN.fullmatch(line.name) else wrapped(_text(line.name), left),
        Paragraph(_text(line.masked_id), center),
        Paragraph(_text(line.program), left),
        Paragraph(_yuan(line.standard_fen), right) if line.standard_fen is not None else "",
        Paragraph(_text(quantity_text(line.quantity, line.unit)), right) if line.quantity is not None else "",
        Paragraph(format_yuan(line.amount_fen), right),
        wrapped(_text(line.remark), latin if _LATIN.fullmatch(line.remark) else left) if line.remark else ""]


def _table(rows: list[list[Any]], sums: Sequence[_Sum], widths: list[float], *, header: bool = True) -> Any:
    """Rows under the header (repeated on every page), then 小计/合计 rows; one TableStyle for all of it.
    `header=False`: the rows go on from a table just above."""
    from reportlab.platypus import Table

    styles = cell_styles()
    bold = _classes()[0]
    data: list[list[Any]] = [[bold(_header(h, w), styles["head"]) for h, w in zip(HEADERS, widths, strict=True)]]
    data = [*data, *rows] if header else list(rows)
    for label, lines, fen in sums:
        data.append([bold(label, styles["center"]), "", bold(people_text(lines), styles["left"]), "", "", "", "",
                     bold(format_yuan(fen), styles["right"]), ""])
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, SIZE, LEADING), ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD), ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL))
    if sums:  # no SPAN: with one, reportlab recomputes the spans of all the rows left at every page break
        style.append(("BACKGROUND", (0, len(data) - len(sums)), (-1, -1), TOTAL_FILL))
    return Table(data, colWidths=widths, repeatRows=1 if header else 0, style=style, splitInRow=1)


@cache
def _ending_class() -> Any:
    from reportlab.platypus import Flowable, KeepTogether

    class Ending(Flowable):  # type: ignore[misc]
        """The last rows, the totals and the footer, on one page. Where they fit under the table above they go
        on from it (`joined`: no header row); on a page of their own they start with the header (`fresh`)."""

        def __init__(self, joined: list[Any] | None, fresh: list[Any]) -> None:
            super().__init__()
            self.joined, self.fresh, self.parts = joined, fresh, fresh
            self.sizes: list[tuple[float, float]] = []

        def _at_top(self) -> bool:
            frame = getattr(self, "_frame", None)  # set by the frame around wrap() and split()
            return frame is None or bool(frame._atTop)

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            self.parts = self.fresh if self.joined is None or self._at_top() else self.joined
            self.sizes = [part.wrapOn(self.canv, avail_width, avail_height) for part in self.parts]
            self.width, self.height = avail_width, sum(h for _w, h in self.sizes)
            return self.width, self.height

        def split(self, avail_width: float, avail_height: float) -> list[Any]:
            if not self._at_top():
                return []  # the next page, with the header
            return [self.fresh[0], KeepTogether(self.fresh[1:])]  # taller than a page: let the table split

        def draw(self) -> None:
            y = self.height
            for part, (_w, h) in zip(self.parts, self.sizes, strict=True):
                y -= h
                part.drawOn(self.canv, 0, y)

    return Ending


def _footer(doc: NoticeDoc, width: float) -> list[Any]:
    """Hotlines, then 制表人 and 审核人 (a line to sign on when blank) and the committee's seal and date at the
    right."""
    from reportlab.platypus import Spacer, Table

    styles = cell_styles()
    body = styles["body"]
    label = 18 * MM
    blank = 32 * MM
    seal_w = 62 * MM
    seal = _paragraph(seal_label(doc.village), styles["seal"])
    signed = [_paragraph("制表人：", body), _paragraph(doc.preparer, body) if doc.preparer else "",
              _paragraph("审核人：", body), _paragraph(doc.reviewer, body) if doc.reviewer else "", seal]
    dated = ["", "", "", "", _paragraph(day_zh(doc.start), styles["seal"])]
    gap = max(width - 2 * (label + blank) - seal_w, 0)
    rows = [[*signed[:4], "", signed[4]], [*dated[:4], "", dated[4]]]
    style = [("FONT", (0, 0), (-1, -1), FONT, 11), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
             ("LEFTPADDING", (0, 0), (-1, -1), 0),
             ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 2),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, 0), 9 * MM),
             ("LINEBELOW", (1, 0), (1, 0), 0.6, "#000000"), ("LINEBELOW", (3, 0), (3, 0), 0.6, "#000000")]
    signatures = Table(rows, colWidths=[label, blank, label, blank, gap, seal_w], style=style, hAlign="LEFT")
    return [Spacer(1, 5 * MM), _paragraph(doc.hotlines(), body), Spacer(1, 2 * MM), signatures]


def seal_label(village: str) -> str:
    """红旗村 → 红旗村村委会（盖章）; a 社区 has a 居委会."""
    if village.endswith("社区"):
        return f"{village}居委会（盖章）"
    return f"{village}村委会（盖章）"
