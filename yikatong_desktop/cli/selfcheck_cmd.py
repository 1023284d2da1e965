"""`ykt selfcheck --program P|--all [--org O|--department D] [--out F.xlsx|F.pdf]`: self-check forms (SPEC §7)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import json_flag, zh_en
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.services import selfcheck, selfcheck_report
from yikatong_desktop.services.ledger_moves import today


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`selfcheck` on the main parser's subcommands."""
    s = sub.add_parser("selfcheck", help=zh_en("自查表：底数和15项整治内容，每个项目一张表加汇总表（Excel 或 PDF）",
                                               "self-check forms: the baseline and the 15 campaign items, a form "
                                               "for each program and a summary form (Excel or PDF)"))
    which = s.add_mutually_exclusive_group(required=True)
    which.add_argument("--program", action="append", metavar="P",
                       help=zh_en("补贴项目（代码、名称或简称；可重复）", "subsidy program (code, name or short name; "
                                  "repeatable)"))
    which.add_argument("--all", action="store_true",
                       help=zh_en("本单位（或部门）的全部项目", "all programs of this office (or department)"))
    whose = s.add_mutually_exclusive_group()
    whose.add_argument("--org",
                       help=zh_en("单位（代码或名称；默认本单位）", "office (code or name; default this office)"))
    whose.add_argument("--department", help=zh_en("主管部门，如 民政局：该部门的全部项目",
                                                  "department, as the catalogue names it: all its programs"))
    s.add_argument("--out", type=Path, help=zh_en("写入 .xlsx 或 .pdf", "write .xlsx or .pdf"))
    s.add_argument("--json", **json_flag())


def run(args: argparse.Namespace) -> int:
    """Run `ykt selfcheck`."""
    if args.out is not None:  # refused before the forms are computed
        if args.out.suffix.lower() not in (".xlsx", ".pdf"):
            raise UsageError("selfcheck.bad_format", path=str(args.out))
        folder = args.out.expanduser().resolve().parent
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise InputRejected("basics.out_unwritable", path=str(args.out))
    app = bootstrap.open_app(args.db)
    try:
        with app.reader() as uow:
            where = selfcheck.scope(uow, org=args.org, department=args.department)
            forms = selfcheck.forms(uow, app.actor, where, None if args.all else args.program)
            loose = selfcheck.unassigned(uow, app.actor, where) if args.all else None
            day = today(uow)
    finally:
        app.close()
    if args.out is not None:
        selfcheck_report.write_selfcheck(args.out, forms, day, loose)
        say(message("selfcheck.written", count=len(forms), path=args.out))
    if args.json:
        emit_json([f.as_json() for f in forms])
    elif args.out is None:
        for f in forms:
            say(zh_en(f"{f.scope_name} {f.program_name}（{f.program_code}）",
                      f"{f.scope_name} {f.program_name} ({f.program_code})"))
            print(table([zh_en("编号", "No."), zh_en("整治内容", "Campaign item"), zh_en("自查结果", "Result"),
                         zh_en("问题个数", "Problems"), zh_en("涉及金额(元)", "Amount involved (yuan)"),
                         zh_en("整改措施", "Measures")],
                        [(a.code, a.title, a.as_json()["answer"], a.count, format_yuan(a.amount_fen), a.measures)
                         for a in f.answers]))
    return 0
