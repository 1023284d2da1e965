"""`ykt check [--rule CODE]…`: run the self-check rules and print each rule's count and amount (SPEC §6)."""

from __future__ import annotations

import argparse

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.rules import RULES_BY_CODE
from yikatong_desktop.services.checks.run import rule_codes, run_checks


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`check` on the main parser's subcommands."""
    s = sub.add_parser("check", help="运行自查规则，按规则列出问题数和金额")
    s.add_argument("--rule", action="append", default=[], metavar="CODE", help="只运行这条规则（可重复；代码或中文名）")
    s.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="打印 JSON")


def run_check(args: argparse.Namespace) -> int:
    """Run `ykt check`."""
    codes = rule_codes(args.rule)
    app = bootstrap.open_app(args.db)
    try:
        with app.uow() as uow:
            outcomes = run_checks(uow, app.actor, codes)
            uow.commit()
    finally:
        app.close()
    if args.json:
        emit_json([{"rule": o.code, "title": RULES_BY_CODE[o.code].title, "findings": o.open, "new": o.new,
                    "resolved": o.resolved, "amount_fen": o.amount_fen} for o in outcomes])
    else:
        print(table(["规则", "名称", "问题数", "新增", "已消除", "涉及金额(元)"],
                    [(o.code, RULES_BY_CODE[o.code].title, o.open, o.new, o.resolved, format_yuan(o.amount_fen))
                     for o in outcomes]))
    say(message("check.summary", rules=len(outcomes), findings=sum(o.open for o in outcomes),
                new=sum(o.new for o in outcomes), resolved=sum(o.resolved for o in outcomes),
                yuan=format_yuan(sum(o.amount_fen for o in outcomes))))
    return 0


COMMANDS = {"check": run_check}
