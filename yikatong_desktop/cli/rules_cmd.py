"""`ykt rules [list]`, `ykt rules set CODE PARAM VALUE [--program P]`, `ykt rules reset CODE PARAM [--program P]`."""

from __future__ import annotations

import argparse

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import english, json_flag, zh_en
from yikatong_desktop.domain.messages import message
from yikatong_desktop.services import rule_params
from yikatong_desktop.services.rule_params import Change, RuleInfo


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`rules` and its subcommands, on the main parser's subcommands."""
    s = sub.add_parser("rules", help=zh_en("自查规则目录和参数：列出、修改、恢复默认值",
                                           "self-check rules and their parameters: list, change, reset to the "
                                           "default"))
    s.add_argument("--json", **json_flag())
    c = s.add_subparsers(dest="rules_command", metavar="SUBCOMMAND", parser_class=type(s))
    c.required = False
    ls = c.add_parser("list", help=zh_en("列出规则、参数和当前值（默认）",
                                         "list the rules, parameters and current values (the default)"))
    ls.add_argument("--json", **json_flag())
    st = c.add_parser("set",
                      help=zh_en("修改一个参数（整数，不小于 0）", "change a parameter (an integer, at least 0)"))
    code = zh_en("规则代码或中文名称", "rule code or Chinese title")
    st.add_argument("code", help=code)
    st.add_argument("param", help=zh_en("参数名（ykt rules 可查看）", "parameter name (see ykt rules)"))
    st.add_argument("value", help=zh_en("新值", "new value"))
    st.add_argument("--program", help=zh_en("只对这个补贴项目（代码、名称或简称；仅限可按项目设置的参数）",
                                            "only for this subsidy program (code, name or short name; only "
                                            "parameters that may differ per program)"))
    rs = c.add_parser("reset", help=zh_en("把参数恢复为默认值（带 --program：删除对该项目的单独设定）",
                                          "reset a parameter to its default (with --program: remove the program's "
                                          "own value)"))
    rs.add_argument("code", help=code)
    rs.add_argument("param", help=zh_en("参数名", "parameter name"))
    rs.add_argument("--program", help=zh_en("补贴项目", "subsidy program"))
    for p in (st, rs):
        p.add_argument("--json", **json_flag())


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
        head = [r.code, r.title, r.item, (r.severity if english() else r.severity_label)
                + (zh_en("（待上线）", " (coming)") if r.pending else "")]
        if not r.params:
            rows.append([*head, "—", "", "", ""])
        for n, p in enumerate(r.params):
            value = str(p.value) + (zh_en("（已修改）", " (changed)") if p.changed else "")
            per = zh_en("、", ", ").join(f"{code}={v}" for code, v in p.programs.items())
            per = per or (zh_en("可按项目设置", "may differ per program") if p.per_program else "")
            rows.append([*(head if n == 0 else ["", "", "", ""]), zh_en(f"{p.name}（{p.title}）", p.name), value,
                         str(p.default), per])
    print(table([zh_en("规则", "Rule"), zh_en("名称", "Title"), zh_en("整治内容", "Campaign item"),
                 zh_en("风险", "Risk"), zh_en("参数", "Parameter"), zh_en("当前值", "Value"),
                 zh_en("默认值", "Default"), zh_en("按项目", "Per program")], rows))


def _change_text(change: Change) -> str:
    where = zh_en(f"对项目 {change.program} ", f"for program {change.program} ") if change.program else ""
    if not change.changed:
        return message("rules.unchanged", rule=change.code, param=change.param, where=where,
                       value=_default(change.default) if change.after is None else change.after)
    if change.after is None:
        if change.program:
            return message("rules.reset_program", rule=change.code, param=change.param, program=change.program)
        return message("rules.reset", rule=change.code, param=change.param, value=change.value)
    before = _default(change.default) if change.before is None else change.before
    return message("rules.set", rule=change.code, param=change.param, where=where, value=change.after, before=before)


def _default(value: int) -> str:
    return zh_en(f"默认值 {value}", f"the default {value}")
