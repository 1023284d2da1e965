"""`ykt verify-sheet export --village V --out F.xlsx | import F.xlsx`: the 核实表 round trip (SPEC §7)."""

from __future__ import annotations

import argparse
from pathlib import Path

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say
from yikatong_desktop.cli.words import json_flag, zh_en
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.messages import message
from yikatong_desktop.services import verify_sheets


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`verify-sheet export|import` on the main parser's subcommands."""
    s = sub.add_parser("verify-sheet", help=zh_en("核实表：把待核实问题发给村里，再导入村里填好的核实结果",
                                                  "verification sheets: send the findings to verify to a village, "
                                                  "then import what the village filled in"))
    v = s.add_subparsers(dest="verify_command", metavar="SUBCOMMAND", parser_class=type(s))
    v.required = True
    e = v.add_parser("export", help=zh_en("生成一个村的核实表（身份证号遮蔽）",
                                          "write a village's verification sheet (ID numbers masked)"))
    e.add_argument("--village", required=True, help=zh_en("村（社区）代码或名称", "village (community) code or name"))
    e.add_argument("--out", type=Path, required=True, help=zh_en("写入的 .xlsx 文件", "the .xlsx file to write"))
    e.add_argument("--json", **json_flag())
    i = v.add_parser("import", help=zh_en("导入村里填好的核实表，按核实结果确认或排除问题",
                                          "import a sheet the village filled in; findings are confirmed or "
                                          "dismissed as it says"))
    i.add_argument("file", type=Path)
    i.add_argument("--json", **json_flag())


def run(args: argparse.Namespace) -> int:
    """Run `ykt verify-sheet …`."""
    return _export(args) if args.verify_command == "export" else _import(args)


def _export(args: argparse.Namespace) -> int:
    folder = args.out.expanduser().resolve().parent
    if not folder.is_dir():
        raise InputRejected("db.dir_missing", path=str(args.out))
    app = bootstrap.open_app(args.db)
    try:
        with app.uow() as uow:
            done = verify_sheets.export_sheet(uow, app.actor, args.village, args.out)
            uow.commit()
    finally:
        app.close()
    say(message("verify.written", village=done.village.full_name, count=done.count, path=args.out))
    if args.json:
        emit_json({"village": done.village.code, "name": done.village.full_name, "count": done.count,
                   "path": str(args.out)})
    return 0


def _import(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    try:
        with app.uow() as uow:
            report = verify_sheets.import_sheet(uow, app.actor, args.file)
            uow.commit()
    finally:
        app.close()
    for issue in report.issues:
        say(issue.describe())
    say(report.summary())
    if args.json:
        emit_json({"file": report.file, "village": report.village, "rows": report.rows,
                   "confirmed": report.confirmed, "dismissed": report.dismissed, "blank": report.blank,
                   "same": report.same,
                   "issues": [{"sheet": i.sheet, "row": i.row, "column": i.column, "message": i.message}
                              for i in report.issues]})
    return 0


COMMANDS = {"verify-sheet": run}
