"""`ykt program list|merge`: the catalogue, and merging a program an import created into a catalogue one."""

from __future__ import annotations

import argparse

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import json_flag, zh_en
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.services import programs


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`program` and its subcommands, on the main parser's subcommands."""
    s = sub.add_parser("program", help=zh_en("补贴项目目录：列出、合并导入时新建的项目",
                                             "subsidy program catalogue: list; merge programs created by imports"))
    c = s.add_subparsers(dest="program_command", metavar="SUBCOMMAND", parser_class=type(s))
    c.required = True
    ls = c.add_parser("list", help=zh_en("列出项目目录（导入时新建、待合并的项目标为“新建”）",
                                         "list the catalogue (programs created by imports, to be merged, are "
                                         "marked \"new\")"))
    ls.add_argument("--json", **json_flag())
    m = c.add_parser("merge", help=zh_en("把一个项目（通常是导入时新建的 XZnn）并入目录中的项目",
                                         "merge a program (usually an XZnn an import created) into a catalogue "
                                         "program"))
    m.add_argument("source",
                   help=zh_en("要并入的项目（代码、名称或简称）", "the program to merge (code, name or short name)"))
    m.add_argument("--into", required=True, help=zh_en("目录中的项目（代码、名称或简称）",
                                                       "the catalogue program (code, name or short name)"))
    m.add_argument("--reason", required=True,
                   help=zh_en("为什么合并（记入审计日志）", "why (written to the audit log)"))
    m.add_argument("--json", **json_flag())


def run(args: argparse.Namespace) -> int:
    """Run `ykt program …`."""
    app = bootstrap.open_app(args.db)
    try:
        if args.program_command == "merge":
            app.backup("before-merge", before=Action.SETTINGS)  # as merge_program authorizes
            with app.uow() as uow:
                result = programs.merge_program(uow, app.actor, args.source, args.into, reason=args.reason)
                uow.commit()
            others = sum(n for kind, n in result.moved.items() if kind != "payments")
            say(message("program.merged", source=result.source, target=result.target,
                        payments=result.moved["payments"], others=others))
            if args.json:
                emit_json({"source": result.source, "target": result.target, "moved": result.moved,
                           "renumbered": result.renumbered})
            return 0
        with app.reader() as uow:
            rows = programs.list_programs(uow, app.actor)
    finally:
        app.close()
    if args.json:
        emit_json([{"code": r.code, "name": r.name, "department": r.department, "synonyms": list(r.synonyms),
                    "in_scope": r.in_scope, "local": r.local, "payments": r.payments} for r in rows])
    else:
        print(table([zh_en("代码", "Code"), zh_en("名称", "Name"), zh_en("部门", "Department"),
                     zh_en("简称", "Short names"), zh_en("发放笔数", "Payments"), zh_en("说明", "Note")],
                    [(r.code, r.name, r.department, zh_en("、", ", ").join(r.synonyms), r.payments,
                      zh_en("新建，待并入目录", "new, to be merged into the catalogue") if r.local
                      else (zh_en("不在整治范围", "outside the campaign") if not r.in_scope else ""))
                     for r in rows]))
    return 0
