"""`ykt basics [--year Y] [--org O] [--out F.xlsx] [--json]`: the 底数 (SPEC §2 摸清底数, §6, §7)."""

from __future__ import annotations

import argparse
import dataclasses
import os
from pathlib import Path

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import english, json_flag, zh_en
from yikatong_desktop.domain.clock import local_today
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.services import basics, basics_report
from yikatong_desktop.services.basics import METHOD_LABELS, Basics, Spread


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`basics` on the main parser's subcommands."""
    s = sub.add_parser("basics",
                       help=zh_en("底数：补贴项目、受益人、发放方式、金额、主管部门、代理银行；政出多门、卡出多行",
                                  "the baseline: subsidy programs, beneficiaries, payment methods, "
                                  "amounts, departments, agent banks; many departments, many banks"))
    s.add_argument("--year", type=int, help=zh_en("只统计这一年（默认所有年度）", "only this year (default all years)"))
    s.add_argument("--org", help=zh_en("只统计这个乡镇或村（代码或名称，含下级）",
                                       "only this township or village (code or name, with the offices below)"))
    s.add_argument("--out", type=Path,
                   help=zh_en("写入 Excel 工作簿（.xlsx）：汇总、按项目、按乡镇/村、政出多门、卡出多行",
                              "write an Excel workbook (.xlsx): totals, by program, by "
                              "township/village, many departments, many banks"))
    s.add_argument("--json", **json_flag())


def run(args: argparse.Namespace) -> int:
    """Run `ykt basics`."""
    if args.out is not None:
        folder = args.out.expanduser().resolve().parent
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise InputRejected("basics.out_unwritable", path=str(args.out))
    app = bootstrap.open_app(args.db)
    try:
        with app.reader() as uow:
            result = basics.basics(uow, app.actor, year=args.year, org=args.org)
            today = local_today(uow.clock).date()
    finally:
        app.close()
    if args.out is not None:
        basics_report.write_basics(args.out, result, today=today)
        say(message("basics.written", path=args.out, sheets=zh_en("，", ", ").join(basics_report.SHEETS)))
    if args.json:
        emit_json(dataclasses.asdict(result))
    else:
        print(summary(result))
    return 0


def summary(b: Basics) -> str:
    """The 底数 as a person reads it in a terminal."""
    t = b.total
    yuan = zh_en("金额(元)", "Amount (yuan)")
    methods = zh_en("，", ", ").join(zh_en(f"{label} {t.methods[m][0]:,} 笔（{_percent(t.share(m))}），"
                                           f"{format_yuan(t.methods[m][1])} 元",
                                           f"{_METHODS_EN.get(m, m)} {t.methods[m][0]:,} payments "
                                           f"({_percent(t.share(m))}), {format_yuan(t.methods[m][1])} yuan")
                                     for m, label in METHOD_LABELS.items())
    lines = [zh_en(f"{_scope(b)} 惠民财政补贴资金“一卡通”底数", f"{_scope(b)} subsidy funds One Card baseline"), "",
             zh_en(f"补贴项目 {t.programs} 项（主管部门 {t.departments} 个），"
                   f"受益 {t.persons:,} 人、{t.households:,} 户，"
                   f"发放 {t.payments:,} 笔，金额 {format_yuan(t.paid_fen)} 元；"
                   f"银行账户 {t.accounts:,} 个，代理银行 {t.banks} 家。",
                   f"{t.programs} subsidy programs ({t.departments} departments), {t.persons:,} persons and "
                   f"{t.households:,} households benefiting, {t.payments:,} payments of {format_yuan(t.paid_fen)} "
                   f"yuan; {t.accounts:,} bank accounts, {t.banks} agent banks."),
             zh_en("发放方式：", "Payment methods: ") + methods,
             "", table([zh_en("年度", "Year"), zh_en("项目数", "Programs"), zh_en("受益人数", "Persons"),
                        zh_en("笔数", "Payments"), yuan],
                       [(zh_en(f"{y}年", f"{y}"), f.programs, f"{f.persons:,}", f"{f.payments:,}",
                         format_yuan(f.paid_fen)) for y, f in sorted(b.by_year.items())]),
             "", table([zh_en("代码", "Code"), zh_en("补贴项目", "Subsidy program"), zh_en("主管部门", "Department"),
                        zh_en("受益人数", "Persons"), zh_en("笔数", "Payments"), yuan,
                        zh_en("一卡通占比", "One Card share"), zh_en("代理银行数", "Agent banks")],
                       [(p.code, p.name, p.department, f"{p.figures.persons:,}", f"{p.figures.payments:,}",
                         format_yuan(p.figures.paid_fen), _percent(p.figures.share("card")), p.figures.banks)
                        for p in b.programs]),
             "", table([zh_en("代理银行", "Agent bank"), zh_en("账户数", "Accounts"), zh_en("受益人数", "Persons"),
                        zh_en("笔数", "Payments"), yuan],
                       [(u.bank, f"{u.accounts:,}", f"{u.persons:,}", f"{u.payments:,}", format_yuan(u.paid_fen))
                        for u in b.banks])]
    towns = [r for r in b.orgs if r.village is None and r.program is None]
    if towns:
        lines += ["", table([zh_en("乡镇", "Township"), zh_en("受益人数", "Persons"), zh_en("受益户数", "Households"),
                             zh_en("项目数", "Programs"), zh_en("笔数", "Payments"), yuan,
                             zh_en("代理银行", "Agent banks")],
                            [(r.township, f"{r.figures.persons:,}", f"{r.figures.households:,}", r.figures.programs,
                              f"{r.figures.payments:,}", format_yuan(r.figures.paid_fen),
                              zh_en("、", ", ").join(r.banks)) for r in towns])]
    if b.spreads:
        semicolon = zh_en("；", "; ")
        lines += ["", zh_en("政出多门：", "Many departments: ")
                  + _many(b.spreads, "programs", 2, zh_en("享受 {n} 项及以上补贴", "with {n} or more subsidies"))
                  + semicolon
                  + _many(b.spreads, "departments", 2,
                          zh_en("涉及 {n} 个及以上主管部门", "with {n} or more departments")),
                  zh_en("卡出多行：", "Many banks: ")
                  + _many(b.spreads, "banks", 2,
                          zh_en("通过 {n} 家及以上代理银行领取", "paid through {n} or more agent banks"))
                  + semicolon
                  + _many(b.spreads, "accounts", 2,
                          zh_en("在 {n} 个及以上账户上领取", "paid into {n} or more accounts"))]
        crowded = [c.name for c in b.many_banks.get("village", []) if c.banks >= 3]
        if crowded:
            lines.append(zh_en(f"使用 3 家及以上代理银行的村：{'、'.join(crowded)}。",
                               f"Villages with 3 or more agent banks: {', '.join(crowded)}."))
    return "\n".join(lines)


#: The payment methods (METHOD_LABELS) in English.
_METHODS_EN = {"card": "One Card", "cash": "cash", "other": "other"}


def _scope(b: Basics) -> str:
    """“呼图壁县 2017—2018年”, or in English “呼图壁县 2017-2018” (the office's name is data)."""
    if not english():
        return basics_report.scope_text(b)
    if b.year is not None:
        years = str(b.year)
    elif b.years:
        years = str(b.years[0]) if len(b.years) == 1 else f"{b.years[0]}-{b.years[-1]}"
    else:
        years = "(no payments)"
    return f"{b.org_name} {years}"


def _many(spreads: dict[str, Spread], name: str, least: int, text: str) -> str:
    parts = []
    for unit, label in (("person", zh_en("人", "persons")), ("household", zh_en("户", "households")),
                        ("village", zh_en("个村", "villages"))):
        s = spreads[unit]
        n = sum(v for k, v in s.counts[name].items() if k >= least)
        parts.append(zh_en(f"{n:,} {label}（{_percent(basics.ratio(n, s.units))}）",
                           f"{n:,} {label} ({_percent(basics.ratio(n, s.units))})"))
    return zh_en(text.format(n=least) + "的 " + "、".join(parts),
                 ", ".join(parts) + " " + text.format(n=least))


def _percent(share: object) -> str:
    return f"{share:.2%}"
