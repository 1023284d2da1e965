"""`ykt rules [list]`, `ykt rules set CODE PARAM VALUE [--program P]`, `ykt rules reset CODE PARAM [--program P]`."""

from __future__ import annotations

import argparse

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.domain.messages import message
from yikatong_desktop.services import rule_params
from yikatong_desktop.services.rule_params import Change, RuleInfo


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`rules` and its subcommands, on the main parser's subcommands."""
    s = sub.add_parser("rules", help="自查规则目录和参数：列出、修改、恢复默认值")
    s.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="打印 JSON")
    c = s.add_subparsers(dest="rules_command", metavar="SUBCOMMAND", parser_class=type(s))
    c.required = False
    ls = c.add_parser("list", help="列出规则、参数和当前值（默认）")
    ls.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="打印 JSON")
    st = c.add_parser("set", help="修改一个参数（整数，不小于 0）")
    st.add_argument("code", help="规则代码或中文名称")
    st.add_argument("param", help="参数名（ykt rules 可查看）")
    st.add_argument("value", help="新值")
    st.add_argument("--program", help="只对这个补贴项目（代码、名称或简称；仅限可按项目设置的参数）")
    rs = c.add_parser("reset", help="把参数恢复为默认值（带 --program：删除对该项目的单独设定）")
    rs.add_argument("code", help="规则代码或中文名称")
    rs.add_argument("param", help="参数名")
    rs.add_argument("--program", help="补贴项目")
    for p in (st, rs):
        p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="打印 JSON")


def run(args: argparse.Namespace) -> int:
    """Run `ykt rules …`."""
    command = getattr(args, "rules_command", None) or "list"
    app = bootstrap.open_app(args.db)
    try:
        if command == "list":
            with app.reader() as uow:
                rules = rule_params.catalogue(uow, app.actor)
        else:
            with app.uow() as uow:
                if command == "set":
                    change = rule_params.set_param(uow, app.actor, args.code, args.param, args.value,
                                                   program=args.program)
                else:
                    change = rule_params.reset_param(uow, app.actor, args.code, args.param, program=args.program)
                uow.commit()
    finally:
        app.close()
    if command == "list":
        _print_catalogue(rules, as_json=args.json)
        return 0
    say(_change_text(change))
    if args.json:
        emit_json({"rule": change.code, "param": change.param, "program": change.program, "before": change.before,
                   "after": change.after, "value": change.value, "changed": change.changed})
    return 0


def _print_catalogue(rules: list[RuleInfo], *, as_json: bool) -> None:
    if as_json:
        emit_json([{"code": r.code, "title": r.title, "item": r.item, "severity": r.severity, "what": r.what,
                    "pending": r.pending,
                    "params": [{"name": p.name, "title": p.title, "default": p.default, "value": p.value,
                                "per_program": p.per_program, "programs": p.programs} for p in r.params]}
                   for r in rules])
        return
    rows = []
    for r in rules:
        head = [r.code, r.title, r.item, r.severity_label + ("（待上线）" if r.pending else "")]
        if not r.params:
            rows.append([*head, "—", "", "", ""])
        for n, p in enumerate(r.params):
            value = str(p.value) + ("（已修改）" if p.changed else "")
            per = "、".join(f"{code}={v}" for code, v in p.programs.items())
            per = per or ("可按项目设置" if p.per_program else "")
            rows.append([*(head if n == 0 else ["", "", "", ""]), f"{p.name}（{p.title}）", value, str(p.default), per])
    print(table(["规则", "名称", "整治内容", "风险", "参数", "当前值", "默认值", "按项目"], rows))


def _change_text(change: Change) -> str:
    where = f"对项目 {change.program} " if change.program else ""
    if not change.changed:
        return message("rules.unchanged", rule=change.code, param=change.param, where=where,
                       value=f"默认值 {change.default}" if change.after is None else change.after)
    if change.after is None:
        if change.program:
            return message("rules.reset_program", rule=change.code, param=change.param, program=change.program)
        return message("rules.reset", rule=change.code, param=change.param, value=change.value)
    before = f"默认值 {change.default}" if change.before is None else change.before
    return message("rules.set", rule=change.code, param=change.param, where=where, value=change.after, before=before)
