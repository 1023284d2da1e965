"""`ykt standards list|confirm|reject`: the 补贴标准 imports proposed, confirmed into the catalogue (SPEC §6)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import json_flag, zh_en
from yikatong_desktop.domain.errors import UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.services import standards
from yikatong_desktop.services.imports import ImportReport


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`standards` and its subcommands, on the main parser's subcommands."""
    s = sub.add_parser("standards", help=zh_en("补贴标准：列出、确认导入时发现的标准",
                                               "subsidy standards: list; confirm the standards imports found"))
    c = s.add_subparsers(dest="standards_command", metavar="SUBCOMMAND", parser_class=type(s))
    c.required = True
    ls = c.add_parser("list", help=zh_en("列出项目目录中的补贴标准（--pending：只列待确认的）",
                                         "list the standards of the catalogue (--pending: only those to confirm)"))
    ls.add_argument("--pending", action="store_true", help=zh_en("只列导入时发现、尚未确认的标准",
                                                                 "only the standards imports found, not yet "
                                                                 "confirmed"))
    for p in (ls, *(c.add_parser(name, help=text) for name, text in (
            ("confirm", zh_en("确认导入时发现的标准，列入项目目录",
                              "confirm standards imports found, into the catalogue")),
            ("reject", zh_en("驳回不是标准的建议（如花名册填错）",
                             "reject proposals that are no standard (e.g. a roster filled in wrongly)"))))):
        p.add_argument("--program", help=zh_en("只看这个项目（代码、名称或简称）",
                                               "only this program (code, name or short name)"))
        p.add_argument("--year", type=int, help=zh_en("只看这个年度", "only this year"))
        p.add_argument("--json", **json_flag())
        if p is not ls:
            p.add_argument("uids", nargs="*", metavar=zh_en("编号", "NUMBER"),
                           help=zh_en("标准的编号（list 第一列，前 8 位即可）",
                                      "the standard's number (first column of list; the first 8 characters will "
                                      "do)"))
            p.add_argument("--all", action="store_true", help=zh_en("全部待确认的（可用 --program、--year 缩小）",
                                                                    "all those to confirm (narrowed by --program, "
                                                                    "--year)"))


def run(args: argparse.Namespace) -> int:
    """Run `ykt standards …`."""
    app = bootstrap.open_app(args.db)
    try:
        if args.standards_command == "list":
            with app.reader() as uow:
                rows = standards.list_standards(uow, app.actor, pending=args.pending, program=args.program,
                                                year=args.year)
            _print(rows, args.json)
            return 0
        with app.uow() as uow:
            refs: Sequence[str] = args.uids
            if args.all:
                refs = [s.uid for s in standards.list_standards(uow, app.actor, pending=True, program=args.program,
                                                                year=args.year)]
            elif not refs:
                raise UsageError("standards.nothing")
            decide = standards.confirm_standards if args.standards_command == "confirm" else standards.reject_standards
            done = decide(uow, app.actor, refs)
            uow.commit()
    finally:
        app.close()
    key = "standards.confirmed" if args.standards_command == "confirm" else "standards.rejected"
    say(message(key, count=len(done)))
    _print(done, args.json)
    return 0


def _print(rows: Sequence[standards.Standard], as_json: bool) -> None:
    if as_json:
        emit_json([{"uid": s.uid, "program": s.program_code, "year": s.year, "tier": s.tier,
                    "amount_fen": s.amount_fen, "unit": s.unit, "confirmed": s.confirmed, "rows": s.rows}
                   for s in rows])
        return
    print(table([zh_en("编号", "No."), zh_en("项目", "Program"), zh_en("年度", "Year"), zh_en("档次", "Tier"),
                 zh_en("标准(元)", "Standard (yuan)"), zh_en("单位", "Unit"), zh_en("发放笔数", "Payments"),
                 zh_en("状态", "Status")],
                [(s.uid[:8], f"{s.program_code} {s.program_name}", s.year, s.tier, format_yuan(s.amount_fen), s.unit,
                  s.rows, zh_en("已确认", "confirmed") if s.confirmed else zh_en("待确认", "to confirm"))
                 for s in rows]))


def say_proposals(report: ImportReport) -> None:
    """After `ykt import`: the standards the file showed that the catalogue lacks."""
    if not report.standards:
        return
    say(message("standards.proposed"))
    for s in report.standards:
        tier = f" {s.tier}" if s.tier else ""
        ident = "" if report.dry_run else f"{s.uid[:8]}  "  # a dry run stored nothing to confirm
        say(zh_en(f"  {ident}{s.program_code} {s.program_name} {s.year} 年{tier} {format_yuan(s.amount_fen)} 元"
                  f"（{s.unit}）：{s.rows} 行",
                  f"  {ident}{s.program_code} {s.program_name} {s.year}{tier} {format_yuan(s.amount_fen)} yuan "
                  f"({s.unit}): {s.rows} rows")
            + ("" if s.new or report.dry_run else zh_en("（此前已提出）", " (proposed before)")))
