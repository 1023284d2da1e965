"""`ykt program list|merge`: the catalogue, and merging a program an import created into a catalogue one."""

from __future__ import annotations

import argparse

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.services import programs


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`program` and its subcommands, on the main parser's subcommands."""
    s = sub.add_parser("program", help="补贴项目目录：列出、合并导入时新建的项目")
    c = s.add_subparsers(dest="program_command", metavar="SUBCOMMAND", parser_class=type(s))
    c.required = True
    ls = c.add_parser("list", help="列出项目目录（导入时新建、待合并的项目标为“新建”）")
    ls.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="打印 JSON")
    m = c.add_parser("merge", help="把一个项目（通常是导入时新建的 XZnn）并入目录中的项目")
    m.add_argument("source", help="要并入的项目（代码、名称或简称）")
    m.add_argument("--into", required=True, help="目录中的项目（代码、名称或简称）")
    m.add_argument("--reason", required=True, help="为什么合并（记入审计日志）")
    m.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="打印 JSON")


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
        print(table(["代码", "名称", "部门", "简称", "发放笔数", "说明"],
                    [(r.code, r.name, r.department, "、".join(r.synonyms), r.payments,
                      "新建，待并入目录" if r.local else ("不在整治范围" if not r.in_scope else ""))
                     for r in rows]))
    return 0
