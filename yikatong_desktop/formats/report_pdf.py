"""月报 and 总结 as official A4 documents (SPEC §7): title, sections with tables, signature block and seal
area, and a footer on every page saying where the figures came from.

The bottom right of the last page's margin stays free for the visible signature stamp
(formats.pdf_signature puts it there); the footer sits at the bottom left.
"""

from __future__ import annotations

from yikatong_desktop.domain.reports import ReportDoc, Table
from yikatong_desktop.formats.pdf_document import Gap, Para, Part, PdfDocument, Signatures, TablePart, render_pdf_bytes
from yikatong_desktop.formats.report_workbook import Block, Column

_NUMERALS = "一二三四五六七八九十"
NOT_LEGAL_SEAL = ("注：本报告所附数字签名（PAdES）用于专项整治工作中核验报告的来源和完整性，不是法定电子签章或公章；"
                  "报送的纸质件须经主要领导签字并加盖单位公章。")


def report_pdf_bytes(doc: ReportDoc) -> bytes:
    """The report as PDF bytes (not yet signed)."""
    return render_pdf_bytes(document(doc))


def document(doc: ReportDoc) -> PdfDocument:
    """The printable document of a report."""
    parts: list[Part] = [Para(f"（{doc.period_label}）", indent=False, align="center", size=13),
                         Para(f"报送单位：{doc.org_name}" + (f"　　范围：{doc.scope_name}"
                                                          if doc.scope_name != doc.org_name else ""),
                              indent=False, size=11), Gap(2)]
    for n, section in enumerate(doc.sections):
        parts.append(Para(f"{_NUMERALS[n] if n < len(_NUMERALS) else n + 1}、{section.title}", indent=False,
                          size=13, bold=True))
        parts += [Para(text, size=11.5) for text in section.paragraphs]
        for table in section.tables:
            parts.append(Gap(2))
            if table.caption:
                parts.append(Para(table.caption, indent=False, size=11, bold=True))
            parts.append(TablePart(_block(table)))
            if table.note:
                parts.append(Para(table.note, indent=False, size=9))
        parts.append(Gap(4))
    signers = ["主要领导（签字）：", "审核人（签字）：", "填报人（签字）："]
    parts += [Gap(4), Signatures(signers, seal="报送单位（盖章）"), Gap(3), Para(NOT_LEGAL_SEAL, indent=False, size=9)]
    footer = (f"数据指纹（审计链头）{doc.data_head}", f"规则目录 {doc.catalogue_version}　生成于 {doc.made_at}")
    return PdfDocument(title=doc.title, parts=parts, author=doc.org_name,
                       running_header=f"{doc.title}（{doc.period_label}）", footer=footer)


def _block(table: Table) -> Block:
    return Block(None, [Column(c.title, c.kind, c.width) for c in table.columns], [list(r) for r in table.rows],
                 strong=frozenset(table.totals))
