"""`ykt selfcheck --program P|--all [--org O|--department D] [--out F.xlsx|F.pdf]`: self-check forms (SPEC §7)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.services import selfcheck, selfcheck_report
from yikatong_desktop.services.ledger_moves import today


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`selfcheck` on the main parser's subcommands."""
    s = sub.add_parser("selfcheck", help="自查表：底数和15项整治内容，每个项目一张表加汇总表（Excel 或 PDF）")
    which = s.add_mutually_exclusive_group(required=True)
    which.add_argument("--program", action="append", metavar="P", help="补贴项目（代码、名称或简称；可重复）")
    which.add_argument("--all", action="store_true", help="本单位（或部门）的全部项目")
    whose = s.add_mutually_exclusive_group()
    whose.add_argument("--org", help="单位（代码或名称；默认本单位）")
    whose.add_argument("--department", help="主管部门，如 民政局：该部门的全部项目")
    s.add_argument("--out", type=Path, help="写入 .xlsx 或 .pdf")
    s.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="打印 JSON")


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
            say(f"{f.scope_name} {f.program_name}（{f.program_code}）")
            print(table(["编号", "整治内容", "自查结果", "问题个数", "涉及金额(元)", "整改措施"],
                        [(a.code, a.title, a.as_json()["answer"], a.count, format_yuan(a.amount_fen), a.measures)
                         for a in f.answers]))
    return 0
