"""`ykt basics [--year Y] [--org O] [--out F.xlsx] [--json]`: the 底数 (SPEC §2 摸清底数, §6, §7)."""

from __future__ import annotations

import argparse
import dataclasses
import os
from pathlib import Path

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.domain.clock import local_today
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.services import basics, basics_report
from yikatong_desktop.services.basics import METHOD_LABELS, Basics, Spread


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`basics` on the main parser's subcommands."""
    s = sub.add_parser("basics", help="底数：补贴项目、受益人、发放方式、金额、主管部门、代理银行；政出多门、卡出多行")
    s.add_argument("--year", type=int, help="只统计这一年（默认所有年度）")
    s.add_argument("--org", help="只统计这个乡镇或村（代码或名称，含下级）")
    s.add_argument("--out", type=Path, help="写入 Excel 工作簿（.xlsx）：汇总、按项目、按乡镇/村、政出多门、卡出多行")
    s.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="打印 JSON")


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
        say(message("basics.written", path=args.out, sheets="，".join(basics_report.SHEETS)))
    if args.json:
        emit_json(dataclasses.asdict(result))
    else:
        print(summary(result))
    return 0


def summary(b: Basics) -> str:
    """The 底数 as a person reads it in a terminal."""
    t = b.total
    lines = [f"{basics_report.scope_text(b)} 惠民财政补贴资金“一卡通”底数", "",
             f"补贴项目 {t.programs} 项（主管部门 {t.departments} 个），受益 {t.persons:,} 人、{t.households:,} 户，"
             f"发放 {t.payments:,} 笔，金额 {format_yuan(t.paid_fen)} 元；"
             f"银行账户 {t.accounts:,} 个，代理银行 {t.banks} 家。",
             "发放方式：" + "，".join(f"{label} {t.methods[m][0]:,} 笔（{_percent(t.share(m))}），"
                                   f"{format_yuan(t.methods[m][1])} 元" for m, label in METHOD_LABELS.items()),
             "", table(["年度", "项目数", "受益人数", "笔数", "金额(元)"],
                       [(f"{y}年", f.programs, f"{f.persons:,}", f"{f.payments:,}", format_yuan(f.paid_fen))
                        for y, f in sorted(b.by_year.items())]),
             "", table(["代码", "补贴项目", "主管部门", "受益人数", "笔数", "金额(元)", "一卡通占比", "代理银行数"],
                       [(p.code, p.name, p.department, f"{p.figures.persons:,}", f"{p.figures.payments:,}",
                         format_yuan(p.figures.paid_fen), _percent(p.figures.share("card")), p.figures.banks)
                        for p in b.programs]),
             "", table(["代理银行", "账户数", "受益人数", "笔数", "金额(元)"],
                       [(u.bank, f"{u.accounts:,}", f"{u.persons:,}", f"{u.payments:,}", format_yuan(u.paid_fen))
                        for u in b.banks])]
    towns = [r for r in b.orgs if r.village is None and r.program is None]
    if towns:
        lines += ["", table(["乡镇", "受益人数", "受益户数", "项目数", "笔数", "金额(元)", "代理银行"],
                            [(r.township, f"{r.figures.persons:,}", f"{r.figures.households:,}", r.figures.programs,
                              f"{r.figures.payments:,}", format_yuan(r.figures.paid_fen), "、".join(r.banks))
                             for r in towns])]
    if b.spreads:
        lines += ["", "政出多门：" + _many(b.spreads, "programs", 2, "享受 {n} 项及以上补贴")
                  + "；" + _many(b.spreads, "departments", 2, "涉及 {n} 个及以上主管部门"),
                  "卡出多行：" + _many(b.spreads, "banks", 2, "通过 {n} 家及以上代理银行领取")
                  + "；" + _many(b.spreads, "accounts", 2, "在 {n} 个及以上账户上领取")]
        crowded = [c.name for c in b.many_banks.get("village", []) if c.banks >= 3]
        if crowded:
            lines.append(f"使用 3 家及以上代理银行的村：{'、'.join(crowded)}。")
    return "\n".join(lines)


def _many(spreads: dict[str, Spread], name: str, least: int, text: str) -> str:
    parts = []
    for unit, label in (("person", "人"), ("household", "户"), ("village", "个村")):
        s = spreads[unit]
        n = sum(v for k, v in s.counts[name].items() if k >= least)
        parts.append(f"{n:,} {label}（{_percent(basics.ratio(n, s.units))}）")
    return text.format(n=least) + "的 " + "、".join(parts)


def _percent(share: object) -> str:
    return f"{share:.2%}"
