"""The 自查表 as a workbook (one sheet per program and a summary sheet) and as the same pages in a PDF."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.checklist import ITEMS
from yikatong_desktop.domain.errors import UsageError
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.formats.pdf_document import render_pdf, sheets_document
from yikatong_desktop.formats.report_workbook import Block, Column, Sheet, write_report
from yikatong_desktop.services.basics import METHOD_LABELS
from yikatong_desktop.services.ledger_documents import SIGN_OFF
from yikatong_desktop.services.selfcheck import FOUND, Answer, Form

NO_PROGRAM = "不属于单个项目（一人多卡、代理银行过多等）"
_BASICS = (Column("指标", "text", 26), Column("数值", "text", 40))
_ITEMS = (Column("编号", "text", 6), Column("整治内容", "long", 52), Column("自查结果", "text", 9),
          Column("问题个数", "int", 9), Column("涉及金额(元)", "yuan", 13), Column("整改措施", "long", 28))
#: The summary's items: the last column names the programs with a problem (not measures).
_SUMMARY_ITEMS = (*_ITEMS[:-1], Column("有问题的项目", "long", 28))
_SUMMARY = (Column("序号", "int", 6), Column("补贴项目", "text", 24), Column("主管部门", "text", 12),
            Column("受益人数", "int", 10), Column("发放金额(元)", "yuan", 16), Column("有问题的项数", "int", 12),
            Column("问题个数", "int", 10), Column("涉及金额(元)", "yuan", 14))


def basics_rows(f: Form) -> list[list[Any]]:
    """The 底数 of a form as (指标, 数值) text rows: on paper and on the 自查表 page alike."""
    b = f.basics
    if b is None:
        return [["本单位没有该项目的发放数据", ""]]
    fig = b.figures
    rows = [["主管部门", f.department], ["受益人数", f"{fig.persons:,} 人"], ["受益户数", f"{fig.households:,} 户"],
            ["发放笔数", f"{fig.payments:,} 笔"], ["发放金额合计", f"{format_yuan(fig.paid_fen)} 元"]]
    rows += [[f"其中 {year} 年", f"{format_yuan(y.paid_fen)} 元（{y.persons:,} 人）"]
             for year, y in sorted(b.by_year.items())]
    for method, label in METHOD_LABELS.items():
        count, fen = fig.methods.get(method, (0, 0))
        rows.append([f"{label}发放", f"{count:,} 笔，{format_yuan(fen)} 元，占 {fig.share(method):.2%}"])
    rows.append(["代理银行", f"{len(b.banks)} 家：" + "、".join(x.bank for x in b.banks) if b.banks else "无"])
    rows.append(["一卡通账户（卡）数", f"{fig.accounts:,} 个"])
    return rows


def form_sheet(f: Form, day: date) -> Sheet:
    """One program's 自查表: the 底数, then the 15 items answered, then the sign-off lines."""
    items = [[a.code, a.title, a.as_json()["answer"], a.count, a.amount_fen, a.measures] for a in f.answers]
    found = [a for a in f.answers if a.has_problem]
    items.append(["合计", f"有问题 {len(found)} 项", "", sum(a.count for a in found), sum(a.amount_fen for a in found),
                  ""])
    return Sheet(name=f.program_name, title=f"{f.scope_name}{f.program_name}自查表",
                 subtitle=f"补贴项目：{f.program_name}（{f.program_code}）    主管部门：{f.department}    "
                          f"填报日期：{day:%Y年%m月%d日}",
                 blocks=[Block("一、底数", _BASICS, basics_rows(f)),
                         Block("二、整治内容自查情况", _ITEMS, items, strong=frozenset({len(items) - 1}))],
                 footer=SIGN_OFF)


def summary_sheet(forms: Sequence[Form], day: date, unassigned: Sequence[Answer] | None = None) -> Sheet:
    """Every program in one table, then every item over all programs and what belongs to none of them."""
    rows: list[list[Any]] = []
    for n, f in enumerate(forms, start=1):
        found = [a for a in f.answers if a.has_problem]
        fig = f.basics.figures if f.basics else None
        rows.append([n, f.program_name, f.department, fig.persons if fig else 0, fig.paid_fen if fig else 0,
                     len(found), sum(a.count for a in found), sum(a.amount_fen for a in found)])
    loose = [a for a in unassigned or () if a.has_problem]
    if loose:
        rows.append([len(forms) + 1, NO_PROGRAM, "", None, None, len(loose), sum(a.count for a in loose),
                     sum(a.amount_fen for a in loose)])
    rows.append(["合计", f"{len(forms)} 个项目", "", sum(r[3] or 0 for r in rows), sum(r[4] or 0 for r in rows),
                 sum(r[5] for r in rows), sum(r[6] for r in rows), sum(r[7] for r in rows)])
    items = []
    for i in ITEMS:
        where = [(f.program_name, a) for f in forms for a in f.answers if a.code == i.code and a.has_problem]
        where += [(NO_PROGRAM, a) for a in loose if a.code == i.code]
        items.append([i.code, i.title, FOUND if where else "无问题", sum(a.count for _n, a in where),
                      sum(a.amount_fen for _n, a in where), "、".join(name for name, _a in where)])
    scope = forms[0].scope_name if forms else ""
    return Sheet(name="汇总", title=f"{scope}“一卡通”专项整治自查表（汇总）",
                 subtitle=f"共 {len(forms)} 个补贴项目    填报日期：{day:%Y年%m月%d日}",
                 blocks=[Block("一、各项目自查情况", _SUMMARY, rows, strong=frozenset({len(rows) - 1})),
                         Block("二、整治内容汇总", _SUMMARY_ITEMS, items)],
                 footer=SIGN_OFF)


def write_selfcheck(path: Path, forms: Sequence[Form], day: date, unassigned: Sequence[Answer] | None = None) -> None:
    """The summary sheet and one sheet per program, as .xlsx or .pdf (chosen by the file's extension);
    `unassigned`: the items of findings and problems of no single program, counted in the summary."""
    sheets = [summary_sheet(forms, day, unassigned), *(form_sheet(f, day) for f in forms)]
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_report(path, sheets)
    elif suffix == ".pdf":
        render_pdf(path, sheets_document(sheets, author=forms[0].scope_name if forms else ""))
    else:
        raise UsageError("selfcheck.bad_format", path=str(path))
