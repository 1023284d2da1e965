"""Printable documents of the ledger (SPEC §7): the 台账 workbook, 销号审批表, 移交函 and 整改通知书.

Documents leave the office (they go up to the county, to the discipline office, to a
village), so persons' ID numbers are masked (SPEC §9); amounts are exact, in 元.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.privacy import mask_text
from yikatong_desktop.domain.problems import State
from yikatong_desktop.formats.pdf_document import FieldGrid, Gap, Para, PdfDocument, Signatures, render_pdf
from yikatong_desktop.formats.report_workbook import Block, Column, Sheet, write_report
from yikatong_desktop.services.auth import Actor
from yikatong_desktop.services.ledger import Problem, detail
from yikatong_desktop.services.ledger_moves import today
from yikatong_desktop.storage.unit_of_work import UnitOfWork

DOCUMENTS = {"approval": "销号审批表", "transfer": "移交函", "notice": "整改通知书"}
#: Sign-off lines under a table (two lines: one does not fit an A4 portrait page).
SIGN_OFF = ("填报单位（盖章）：＿＿＿＿＿＿＿＿＿＿＿＿        负责人：＿＿＿＿＿＿＿＿",
            "填表人：＿＿＿＿＿＿＿＿      联系电话（办公）：＿＿＿＿＿＿＿      填报日期：＿＿＿＿年＿＿月＿＿日")
_COLUMNS = (Column("序号", "int", 6), Column("问题编号", "text", 13), Column("挂号日期", "text", 11),
            Column("整治内容", "text", 9), Column("问题描述", "long", 40), Column("单位", "text", 14),
            Column("补贴项目", "text", 16), Column("涉及人员", "long", 24), Column("涉及金额(元)", "yuan", 13),
            Column("已追回(元)", "yuan", 12), Column("整改责任单位", "text", 14), Column("责任人", "text", 8),
            Column("整改措施", "long", 28), Column("整改期限", "text", 11), Column("状态", "text", 9),
            Column("销号日期", "text", 11), Column("处理结果", "text", 12), Column("线索移交", "text", 16),
            Column("备注", "text", 8))


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def org_name(uow: UnitOfWork) -> str:
    """This installation's org name, as documents are signed."""
    return str(uow.get_setting("org.name", ""))


def ledger_sheet(org: str, problems: Sequence[Problem], day: date) -> Sheet:
    """The 台账 in its usual layout: one row per problem, totals at the bottom, signed off."""
    rows: list[list[Any]] = []
    for n, p in enumerate(problems, start=1):
        transfer = f"{p.transfer_to} {p.transfer_doc or ''}".strip() if p.transfer_to else ""
        rows.append([n, p.number, _day(p.registered_on), p.category, mask_text(p.description),
                     p.org_name or p.org_code or "",
                     p.program_name or "", p.persons_text(), p.amount_fen, p.recovered_fen, p.responsible_unit or "",
                     p.responsible_person or "", mask_text(p.measures), _day(p.deadline), p.state_label,
                     _day(p.closed_on), p.outcome or "", transfer, "逾期" if p.overdue(day) else ""])
    closed = sum(p.state is State.CLOSED for p in problems)
    late = sum(p.overdue(day) for p in problems)
    amount, recovered = sum(p.amount_fen for p in problems), sum(p.recovered_fen for p in problems)
    rows.append(["合计", "", "", "", f"{len(problems)} 个问题", "", "", "", amount, recovered, *[""] * 9])
    subtitle = (f"截至 {day:%Y年%m月%d日}：共 {len(problems)} 个问题，已销号 {closed} 个，"
                f"留号 {len(problems) - closed} 个（逾期 {late} 个）；涉及金额 {format_yuan(amount)} 元，"
                f"已追回 {format_yuan(recovered)} 元。")
    return Sheet(name="问题台账", title=f"{org}惠民财政补贴资金“一卡通”专项整治问题台账", subtitle=subtitle,
                 blocks=[Block(None, _COLUMNS, rows, strong=frozenset({len(rows) - 1}))], landscape=True,
                 footer=SIGN_OFF)


def write_ledger_workbook(uow: UnitOfWork, actor: Actor, path: Path, problems: Sequence[Problem]) -> None:
    """The 台账 as .xlsx (A4 landscape, header repeated on every page)."""
    write_report(path, [ledger_sheet(org_name(uow), problems, today(uow))])


def render_problem_document(uow: UnitOfWork, actor: Actor, ref: str, doc: str, path: Path) -> None:
    """销号审批表 (approval), 移交函 (transfer) or 整改通知书 (notice) of one problem, as a PDF."""
    if doc not in DOCUMENTS:
        raise UsageError("ledger.bad_document", doc=doc, choices="、".join(f"{k}（{v}）" for k, v in DOCUMENTS.items()))
    d = detail(uow, actor, ref)
    build = {"approval": _approval, "transfer": _transfer, "notice": _notice}[doc]
    render_pdf(path, build(d, org_name(uow), today(uow)))


def _facts(p: Problem) -> list[list[tuple[str, str]]]:
    return [[("问题编号", p.number), ("挂号日期", _day(p.registered_on))],
            [("整治内容", f"{p.category} {p.category_title}")],
            [("单位", p.org_name or p.org_code or ""), ("补贴项目", p.program_name or "")],
            [("问题描述", mask_text(p.description))],
            [("涉及人员", p.persons_text())],
            [("涉及金额", f"{format_yuan(p.amount_fen)} 元"), ("已追回", f"{format_yuan(p.recovered_fen)} 元")]]


def _evidence_text(d: Any) -> str:
    if not d.evidence:
        return "无"
    return f"{len(d.evidence)} 份：" + "；".join(f"{e.file_name}（SHA-256 {e.sha256[:12]}…）" for e in d.evidence)


def _approval(d: Any, org: str, day: date) -> PdfDocument:
    p: Problem = d.problem
    recovered = "；".join(f"{r.recovered_on:%Y-%m-%d} {format_yuan(int(r.amount_fen))} 元（收据 {r.receipt}）"
                         for r in d.recoveries) or "无"
    handled = p.outcome or ""
    if p.outcome:
        handled += (f"，{p.handled_persons} 人" + ("，主动说明" if p.came_forward else "")
                    + ("，已退赔" if p.repaid else ""))
    rows = [*_facts(p),
            [("整改责任单位", p.responsible_unit or ""), ("责任人", p.responsible_person or "")],
            [("整改措施", mask_text(p.measures))],
            [("整改期限", _day(p.deadline)), ("申请销号日期", _day(p.applied_on))],
            [("追回资金", recovered)], [("佐证材料", _evidence_text(d))], [("处理结果", handled)],
            *([(label, f"\n\n\n{' ' * 60}{signer}（签字）：{' ' * 16}年{' ' * 4}月{' ' * 4}日")]
              for label, signer in (("整改责任单位意见", "负责人"), ("审核意见", "审核人"), ("审批意见", "审批领导")))]
    heights: list[float | None] = [None] * (len(rows) - 3) + [26, 26, 26]
    return PdfDocument(title="问题销号审批表", subtitle=f"编号：{p.number}    填报单位：{org}", author=org,
                       parts=[FieldGrid(rows, label_width_mm=30, min_heights_mm=heights), Gap(4),
                              Para(f"{org}（盖章）", indent=False, align="right")])


def _transfer(d: Any, org: str, day: date) -> PdfDocument:
    p: Problem = d.problem
    if not p.transfer_to:
        raise InputRejected("ledger.no_transfer", number=p.number)
    body = ("在惠民财政补贴资金“一卡通”管理使用专项整治工作中，我单位发现以下问题线索，涉嫌违纪违法。根据专项整治"
            "工作方案“对发现的违纪违法问题线索，及时移交纪检监察机关、司法机关”的要求，现将有关情况及佐证材料移交"
            "你单位，请依规依纪依法处理，并将处理结果反馈我单位。")
    return PdfDocument(title="问题线索移交函", subtitle=f"{p.transfer_doc}", author=org, parts=[
        Para(f"{p.transfer_to}：", indent=False), Para(body), Gap(4),
        FieldGrid([*_facts(p), [("线索来源", mask_text(p.clue_source or "专项整治自查")),
                                ("移交日期", _day(p.transfer_on))],
                   [("附件", f"佐证材料 {_evidence_text(d)}")]], label_width_mm=26),
        Gap(10), Signatures(["联系人：", "联系电话（办公）："], seal=f"{org}（盖章）")])


def _notice(d: Any, org: str, day: date) -> PdfDocument:
    p: Problem = d.problem
    if not p.responsible_unit:
        raise InputRejected("ledger.no_responsible", number=p.number)
    deadline = f"{p.deadline:%Y年%m月%d日}" if p.deadline else "收到本通知之日起30日内"
    return PdfDocument(title="整改通知书", subtitle=f"编号：{p.number}", author=org, parts=[
        Para(f"{p.responsible_unit}：", indent=False),
        Para("在惠民财政补贴资金“一卡通”管理使用专项整治工作中，经自查核实，你单位存在以下问题："), Gap(3),
        FieldGrid(_facts(p), label_width_mm=26), Gap(3),
        Para(f"请你单位高度重视，认真落实整改责任，于{deadline}前完成整改，并将整改情况及佐证材料（照片、"
             f"扫描件等）报送{org}。对应退未退的资金要及时追回，对相关责任人按规定处理。逾期未完成整改的，"
             "将按有关规定严肃追责问责。"),
        Gap(10), Signatures(["签收人（签字）：", "签收日期："], seal=f"{org}（盖章）", date_line=True)])
