"""PDFs for the signature tests: one the product prints, and the two ways a signed file gets changed."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

from yikatong_desktop.formats.pdf_document import PageBreak, Para, Part, PdfDocument, Signatures, render_pdf_bytes

#: The text every stamp must carry (SPEC §7: not a legal seal, and the product says so).
NOT_A_SEAL = "数字签名（非法定电子签章）"


def sample_pdf(pages: int = 1) -> bytes:
    """A short 月报-like document with Chinese text, printed by the product (embedded CJK font)."""
    body: list[Part] = [Para("本月专项整治进展情况：清理补贴发放花名册，核实疑点，追回违规资金。" * 3)]
    for n in range(2, pages + 1):
        body += [PageBreak(), Para(f"第{n}部分。" + "各乡镇按时报送自查表和问题台账。" * 40)]
    body.append(Signatures(["主要领导（签字）："], seal="（单位盖章）"))
    return render_pdf_bytes(PdfDocument(title="呼图壁县专项整治月报（2019年7月）", parts=body, author="呼图壁县"))


def flip_byte_in_signed_content(signed: bytes) -> bytes:
    """The same file with one byte changed in the middle of its largest stream (the embedded font):
    inside the signed byte range, and still a PDF every reader opens."""
    ranges = [m for m in re.finditer(rb"stream\r?\n", signed)]
    best, best_len = 0, -1
    for m in ranges:
        end = signed.find(b"endstream", m.end())
        if end - m.end() > best_len:
            best, best_len = m.end(), end - m.end()
    at = best + best_len // 2
    return signed[:at] + bytes([signed[at] ^ 0x01]) + signed[at + 1:]


def append_page_change(signed: bytes) -> bytes:
    """An incremental update after the signature that draws a box over the first page."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    stream = writer.add_object(generic.StreamObject(stream_data=b"1 0 0 rg 100 500 300 120 re f"))
    writer.add_stream_to_page(0, stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdfsig(path: Path) -> str:
    """poppler's `pdfsig` report of a file (the tests need poppler-utils: missing is a failure)."""
    done = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return done.stdout + done.stderr


def last_page_text(path: Path) -> str:
    """The text poppler extracts from the last page (the stamp's Chinese comes out as text)."""
    count = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout).group(1))  # type: ignore[union-attr]
    return subprocess.run(["pdftotext", "-f", str(count), "-l", str(count), "-layout", str(path), "-"],
                          capture_output=True, text=True, check=True).stdout
