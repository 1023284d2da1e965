"""`ykt check [--rule CODE]…`: run the self-check rules and print each rule's count and amount (SPEC §6)."""

from __future__ import annotations

import argparse
from pathlib import Path

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import english, finding_status_word, json_flag, zh_en
from yikatong_desktop.domain.errors import UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.rules import RULES_BY_CODE, FindingStatus
from yikatong_desktop.services import findings
from yikatong_desktop.services.checks.run import rule_codes, run_checks


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`check`, `findings` and `finding` on the main parser's subcommands."""
    s = sub.add_parser("check", help=zh_en("运行自查规则，按规则列出问题数和金额",
                                           "run the self-check rules; list the findings and amount of each rule"))
    s.add_argument("--rule", action="append", default=[], metavar="CODE",
                   help=zh_en("只运行这条规则（可重复；代码或中文名）",
                              "run only this rule (repeatable; code or Chinese title)"))
    s.add_argument("--json", **json_flag())

    s = sub.add_parser("findings", help=zh_en("列出自查发现的问题（可筛选，可导出）",
                                              "list the self-check findings (filter, export)"))
    s.add_argument("--rule", action="append", default=[], metavar="CODE",
                   help=zh_en("规则（可重复）", "rule (repeatable)"))
    s.add_argument("--org", help=zh_en("单位代码或名称（含下级）", "office code or name (with the offices below)"))
    s.add_argument("--status", action="append", default=[], choices=[x.value for x in FindingStatus],
                   help=zh_en("open 待核实 / confirmed 已确认 / dismissed 已排除 / resolved 已消除（可重复）",
                              "open: to verify / confirmed / dismissed / resolved: no longer true (repeatable)"))
    s.add_argument("--format", choices=["table", "csv", "xlsx"], default="table")
    s.add_argument("--out", type=Path, help=zh_en("--format csv 或 xlsx 时写入的文件",
                                                  "the file written with --format csv or xlsx"))
    s.add_argument("--limit", type=int,
                   help=zh_en("最多列出多少条（默认全部）", "list at most this many (default all)"))
    s.add_argument("--json", **json_flag())

    s = sub.add_parser("finding", help=zh_en("确认、排除或重新打开自查发现的问题（可一次多条）",
                                             "confirm, dismiss or reopen self-check findings (several at once)"))
    s.add_argument("action", choices=["confirm", "dismiss", "reopen"])
    s.add_argument("uids", nargs="+", metavar=zh_en("编号", "NUMBER"),
                   help=zh_en("问题编号（findings 第一列，前 8 位即可）",
                              "finding number (first column of findings; the first 8 characters will do)"))
    s.add_argument("--reason", default="", help=zh_en("核实情况或排除理由（排除时必填）",
                                                      "what the verification found, or why dismissed (required to "
                                                      "dismiss)"))


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
        print(table([zh_en("规则", "Rule"), zh_en("名称", "Title"), zh_en("问题数", "Findings"), zh_en("新增", "New"),
                     zh_en("已消除", "Resolved"), zh_en("涉及金额(元)", "Amount involved (yuan)")],
                    [(o.code, RULES_BY_CODE[o.code].title, o.open, o.new, o.resolved, format_yuan(o.amount_fen))
                     for o in outcomes]))
    say(message("check.summary", rules=len(outcomes), findings=sum(o.open for o in outcomes),
                new=sum(o.new for o in outcomes), resolved=sum(o.resolved for o in outcomes),
                yuan=format_yuan(sum(o.amount_fen for o in outcomes))))
    return 0


def run_findings(args: argparse.Namespace) -> int:
    """Run `ykt findings`."""
    if args.format != "table" and args.out is None:
        raise UsageError("cli.usage", detail=zh_en(f"--format {args.format} 需要 --out 文件",
                                                   f"--format {args.format} needs an --out file"),
                         usage="ykt findings --format xlsx --out F")
    codes = rule_codes(args.rule) or ()
    app = bootstrap.open_app(args.db)
    try:
        with app.reader() as uow:
            rows = findings.list_findings(uow, app.actor, rules=codes, org=args.org, statuses=args.status,
                                          limit=args.limit)
    finally:
        app.close()
    if args.format != "table":
        findings.export_findings(args.out, rows, args.format)
        say(message("findings.written", count=len(rows), path=args.out))
    elif args.json:
        emit_json([f.as_json() for f in rows])
    else:
        print(table(_FINDINGS_EN if english() else findings.HEADERS, findings.table_rows(rows)))
        say(message("findings.count", count=len(rows)))
    return 0


def run_finding(args: argparse.Namespace) -> int:
    """Run `ykt finding confirm|dismiss|reopen UID… --reason …`."""
    status = {"confirm": FindingStatus.CONFIRMED, "dismiss": FindingStatus.DISMISSED,
              "reopen": FindingStatus.OPEN}[args.action]
    app = bootstrap.open_app(args.db)
    try:
        with app.uow() as uow:
            count = findings.decide(uow, app.actor, args.uids, status, args.reason)
            uow.commit()
    finally:
        app.close()
    say(message("findings.decided", count=count, status=finding_status_word(status)))
    return 0


#: findings.HEADERS in English.
_FINDINGS_EN = ["No.", "Rule", "Rule title", "Risk", "Status", "Name", "ID number", "Subsidy program", "Period",
                "Village (community)/office", "Amount involved (yuan)", "Explanation", "Decision"]

COMMANDS = {"check": run_check, "findings": run_findings, "finding": run_finding}
