"""The 2,000-row 公示 PDF against a bare reportlab table of the same rows (issue: notice PDF ≤ 2× the bare table).

The baseline is what any reportlab program would do: SimpleDocTemplate on A4 with the notice's margins, one
Table of the same 2,000 rows × 9 Paragraph cells (same texts, font, ParagraphStyles, column widths and
TableStyle), repeatRows=1, the default canvas. The notice adds the title, the QR code, the introduction, the
totals, the footer, the running header and 第 x 页 共 y 页 (a canvas that keeps every page until the end).
Both run in this process, interleaved, after one unmeasured run each (imports, font registration).

Usage: `.venv/bin/python bench/notice_pdf.py [--rows N] [--repeats R] [--write]`
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.md"
START, END = "<!-- notice_pdf:start -->", "<!-- notice_pdf:end -->"
GOAL_RATIO = 2.0
sys.path.insert(0, str(HERE.parent))

from yikatong_desktop.domain.money import amount_for, format_yuan  # noqa: E402
from yikatong_desktop.domain.notices import (  # noqa: E402
    NoticeDoc,
    NoticeLine,
    NoticeSection,
    fingerprint,
    notice_number,
    notice_title,
    qr_payload,
)
from yikatong_desktop.formats import notice_pdf  # noqa: E402
from yikatong_desktop.formats.pdf_document import FONT, HEAD_FILL, MARGIN, RULE, _markup  # noqa: E402

SURNAMES = "王李张刘陈杨赵黄周吴马"
GIVEN = ["秀英", "建国", "伟", "桂兰", "志强", "丽", "敏", "海涛", "福祥", "玉兰", "文华", "德胜"]
UYGHUR = ["阿卜杜热合曼·买买提吐尔逊·艾合买提江", "古丽米热·艾克拜尔", "买买提江·吐尔逊", "热依拉·阿不都热依木",
          "努尔兰·哈力木拉提", "叶尔兰·别克波拉提", "阿依古丽·托合提", "艾合买提江·阿不都克热木·买买提明",
          "帕提古丽·阿不力克木·吐尔洪", "哈丽旦木·依明", "Abdurehim Tursun", "Nurlan Khalimulla-Bekbolatuly"]


def notice(rows: int) -> NoticeDoc:
    """A village of `rows` 耕地地力保护补贴 payments: two in five names Uyghur or Kazakh, one row in fifty a remark."""
    lines = []
    for i in range(1, rows + 1):
        name = UYGHUR[i % len(UYGHUR)] if i % 5 < 2 else SURNAMES[i % 11] + GIVEN[i % 12]
        quantity = Decimal(i % 40 + 1) / 2
        lines.append(NoticeLine(
            seq=i, group=f"{i % 12 + 1}组", name=name, masked_id=f"652301********{i % 10000:04d}",
            program="耕地地力保护补贴", standard_fen=10523, quantity=quantity, unit="亩",
            amount_fen=amount_for(10523, quantity), remark="2019年新增，已核实" if i % 50 == 0 else ""))
    number = notice_number(2019, 7)
    fp = fingerprint(number, {"village": "红旗村"}, lines)
    return NoticeDoc(number=number, fingerprint=fp, qr_payload=qr_payload("红旗乡财政所", number, fp),
                     title=notice_title("红旗村", "2019年度", ["耕地地力保护补贴"]), township="红旗乡",
                     village="红旗村", period_zh="2019年度",
                     sections=(NoticeSection("耕地地力保护补贴", tuple(lines)),), start=date(2019, 5, 10), days=7,
                     hotline_own="0994-6523381", hotline_county="0994-12345")


def bare_table(doc: NoticeDoc, *, blank_as_text: bool = False) -> bytes:
    """The baseline: the same rows as Paragraphs in one plain Table, nothing else on the pages. `blank_as_text`:
    an empty cell is "" rather than an empty Paragraph, as the notice does (information: the fairer floor)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    styles = notice_pdf.cell_styles()
    left, center, right = styles["left"], styles["center"], styles["right"]
    out = io.BytesIO()
    template = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                                 bottomMargin=MARGIN)
    width = A4[0] - 2 * MARGIN - 2 * notice_pdf.FRAME_PAD
    widths = notice_pdf.column_widths(doc, width)
    data: list[list[Any]] = [[Paragraph(h, styles["head"]) for h in notice_pdf.HEADERS]]
    for line in doc.lines:
        data.append([Paragraph(str(line.seq), center), Paragraph(_markup(line.group), center),
                     Paragraph(_markup(line.name), left), Paragraph(_markup(line.masked_id), center),
                     Paragraph(_markup(line.program), left), Paragraph(format_yuan(line.standard_fen or 0), right),
                     Paragraph(notice_pdf.quantity_text(line.quantity, line.unit), right),
                     Paragraph(format_yuan(line.amount_fen), right),
                     "" if blank_as_text and not line.remark else Paragraph(_markup(line.remark), left)])
    pad = notice_pdf.PAD
    style = [("FONT", (0, 0), (-1, -1), FONT, notice_pdf.SIZE, notice_pdf.LEADING),
             ("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL), ("LEFTPADDING", (0, 0), (-1, -1), pad),
             ("RIGHTPADDING", (0, 0), (-1, -1), pad), ("TOPPADDING", (0, 0), (-1, -1), 2),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    template.build([Table(data, colWidths=widths, repeatRows=1, style=style)])
    return out.getvalue()


def timed(work: Callable[[], bytes]) -> tuple[float, bytes]:
    started = time.perf_counter()
    data = work()
    return time.perf_counter() - started, data


def pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="put the figures into bench/results.md")
    args = parser.parse_args()
    import reportlab

    doc = notice(args.rows)
    runs: dict[str, Callable[[], bytes]] = {"notice": lambda: notice_pdf.notice_pdf_bytes(doc),
                                           "bare": lambda: bare_table(doc),
                                           "blank": lambda: bare_table(doc, blank_as_text=True)}
    times: dict[str, list[float]] = {name: [] for name in runs}
    output = {name: work() for name, work in runs.items()}  # warm-up, not measured
    for _ in range(args.repeats):
        for name, work in runs.items():
            took, output[name] = timed(work)
            times[name].append(took)
    notice_s, bare_s, blank_s = (statistics.median(times[name]) for name in ("notice", "bare", "blank"))
    ratio = notice_s / bare_s
    # Each round's own ratio too: on a busy machine the rounds drift together, the ratios less so
    paired = statistics.median(n / b for n, b in zip(times["notice"], times["bare"], strict=True))
    verdict = "PASS" if ratio <= GOAL_RATIO else "FAIL"
    fmt = "{:.2f}".format

    def row(label: str, name: str) -> str:
        got = times[name]
        return (f"| {label} | {fmt(statistics.median(got))} | {fmt(min(got))}–{fmt(max(got))} | "
                f"{pages(output[name])} | {len(output[name]) / 1e6:.1f} MB |")

    lines = [
        START, "",
        f"## 公示 PDF, {args.rows:,} rows (bench/notice_pdf.py)", "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {cpu_name()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, reportlab {reportlab.Version}; median of {args.repeats} runs each, "
        "interleaved, in one process after one unmeasured run each.", "",
        "| | seconds (median) | min–max | pages | size |", "|---|---:|---:|---:|---:|",
        row(f"bare reportlab Table, {args.rows:,} rows × 9 Paragraph cells, repeatRows=1 (the goal's baseline)",
            "bare"),
        row("the same, empty cells as \"\" instead of empty Paragraphs (information)", "blank"),
        row("`notice_pdf_bytes` (title, QR, totals, footer, running header, 第 x 页 共 y 页)", "notice"), "",
        f"- notice / bare table = {ratio:.2f}× (goal ≤ {GOAL_RATIO:.0f}×): **{verdict}**; "
        f"median of the rounds' own ratios {paired:.2f}×",
        f"- notice / bare table with \"\" for empty cells = {notice_s / blank_s:.2f}× (information: what the notice "
        "itself adds)", "",
        END,
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        write_block(text)


def write_block(text: str) -> None:
    """Put `text` into results.md in place of its old block, or at the end the first time."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if START in old and END in old:
        new = old[:old.index(START)] + text + old[old.index(END) + len(END):]
    else:
        new = old.rstrip() + "\n\n" + text + "\n"
    RESULTS.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
