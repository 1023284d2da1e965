"""`ykt person …` and `ykt payment …`: single records added, corrected and voided by hand (SPEC §5).

Each command is one transaction: a value refused names its column (exit 3) and nothing is stored.
Values are written as a roster writes them (`--set 实发金额=1,234.50`, `--set 村(社区)=东村`).
`--version N` (the version `ykt person show` printed) refuses the change when someone changed the
record since; without it the version read in the same transaction is used.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.domain.errors import UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.services import corrections, manual_entry, person_corrections
from yikatong_desktop.services.corrections import METHOD_LABELS

#: Options of `add` and the template column each fills.
_PERSON_OPTIONS = (("--id", "身份证号"), ("--name", "姓名"), ("--sex", "性别"), ("--ethnicity", "民族"),
                   ("--phone", "联系电话"), ("--township", "乡镇"), ("--village", "村(社区)"), ("--group", "组"),
                   ("--household", "户编号"))
_PAYMENT_OPTIONS = (("--program", "补贴项目"), ("--period", "补贴期间"), ("--year", "补贴年度"),
                    ("--paid", "实发金额"), ("--due", "应发金额"), ("--date", "发放日期"), ("--method", "发放方式"),
                    ("--bank", "代发银行"), ("--account", "银行账号"), ("--remark", "备注"))


def add_parsers(sub: Any) -> None:
    """Add `person` and `payment` to the `ykt` subcommands."""
    for noun, title, options in (("person", "人员", _PERSON_OPTIONS),
                                 ("payment", "发放记录", _PERSON_OPTIONS + _PAYMENT_OPTIONS)):
        s = sub.add_parser(noun, help=f"{title}：手工录入、更正、作废" + ("、查看" if noun == "person" else ""))
        verbs = s.add_subparsers(dest=f"{noun}_command", metavar="SUBCOMMAND", parser_class=type(s))
        verbs.required = True
        add = verbs.add_parser("add", help=f"手工录入一条{title}（与导入相同的检查）")
        for option, column in options:
            add.add_argument(option, metavar=column, required=option in ("--id", "--name"), help=column)
        _set_and_reason(add, "其他栏目：字段=值，可重复（如 --set 户主姓名=王建国）")
        edit = verbs.add_parser("edit", help=f"更正{title}（写明原因，旧版本保留在历史中）")
        edit.add_argument("uid")
        _set_and_reason(edit, "要更正的栏目：字段=值，可重复（如 --set 联系电话=13899912345）")
        edit.add_argument("--version", type=int, help="读取时的版本号：其间被别人改过则拒绝")
        void = verbs.add_parser("void", help=f"作废{title}（作废也是一个版本，原记录可查）")
        void.add_argument("uid")
        void.add_argument("--reason", required=True, help="作废原因")
        void.add_argument("--version", type=int, help="读取时的版本号：其间被别人改过则拒绝")
        if noun == "person":
            void.add_argument("--with-payments", action="store_true", help="连同此人的有效发放记录一起作废")
            show = verbs.add_parser("show", help="按身份证号查看人员、其发放记录及各记录的 UID")
            show.add_argument("id_number", metavar="ID_NUMBER")
            _json_after_command(show)
        for p in (add, edit, void):
            _json_after_command(p)


def _set_and_reason(p: argparse.ArgumentParser, set_help: str) -> None:
    p.add_argument("--set", action="append", default=[], metavar="字段=值", help=set_help)
    p.add_argument("--reason", required=True, help="原因和依据（记入审计日志）")


def _json_after_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="在标准输出打印机器可读的 JSON")


def _pairs(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError("cli.usage", detail=f"--set “{item}” 应写成 字段=值", usage="--set 实发金额=1,234.50")
        out[key.strip()] = value
    return out


def _values(args: argparse.Namespace, options: tuple[tuple[str, str], ...]) -> dict[str, str]:
    given = {column: getattr(args, option.lstrip("-")) for option, column in options}
    return {**{k: v for k, v in given.items() if v is not None}, **_pairs(args.set)}


def _cmd_person(args: argparse.Namespace) -> int:
    return _run(args, "persons")


def _cmd_payment(args: argparse.Namespace) -> int:
    return _run(args, "payments")


def _run(args: argparse.Namespace, kind: str) -> int:
    verb = getattr(args, "person_command" if kind == "persons" else "payment_command")
    app = bootstrap.open_app(args.db)
    try:
        if verb == "show":
            with app.reader() as uow:
                detail = manual_entry.find_person(uow, app.actor, args.id_number)
            _show(detail, args.json)
            return 0
        with app.uow() as uow:
            result = _VERBS[verb](app, uow, args, kind)
            uow.commit()
    finally:
        app.close()
    if args.json:
        emit_json(result)
    return 0


def _add(app: bootstrap.App, uow: Any, args: argparse.Namespace, kind: str) -> dict[str, Any]:
    if kind == "persons":
        entered = manual_entry.add_person_by_hand(uow, app.actor, _values(args, _PERSON_OPTIONS), reason=args.reason)
        say(message("manual.person_added", name=args.name, uid=entered.person_uid))
    else:
        values = _values(args, _PERSON_OPTIONS + _PAYMENT_OPTIONS)
        entered = manual_entry.add_payment_by_hand(uow, app.actor, values, reason=args.reason)
        stored = corrections.payment_for_edit(uow, app.actor, str(entered.payment_uid))
        say(message("manual.payment_added", uid=entered.payment_uid, name=args.name, program=args.program or "",
                    period=args.period or args.year or "",
                    yuan=format_yuan(int(stored["paid_fen"] or stored["due_fen"] or 0))))
    for warning in entered.warnings:
        say(message("manual.warning", text=warning))
    return {"person_uid": entered.person_uid, "person_created": entered.person_created,
            "payment_uid": entered.payment_uid, "warnings": entered.warnings}


def _edit(app: bootstrap.App, uow: Any, args: argparse.Namespace, kind: str) -> dict[str, Any]:
    values = _pairs(args.set)
    if not values:
        raise UsageError("cli.usage", detail="至少给出一个 --set 字段=值", usage=f"ykt {kind[:-1]} edit UID --set …")
    if kind == "persons":
        read = args.version or person_corrections.person_for_edit(uow, app.actor, args.uid)["version"]
        version = person_corrections.correct_person(uow, app.actor, args.uid, values, reason=args.reason,
                                                    expected_version=read)
    else:
        read = args.version or corrections.payment_for_edit(uow, app.actor, args.uid)["version"]
        version = corrections.correct_payment(uow, app.actor, args.uid, values, reason=args.reason,
                                              expected_version=read)
    changed = version != read
    say(message("correct.done", kind=_KIND_TITLES[kind], uid=args.uid, version=version) if changed
        else message("correct.unchanged"))
    return {"uid": args.uid, "version": version, "changed": changed}


def _void(app: bootstrap.App, uow: Any, args: argparse.Namespace, kind: str) -> dict[str, Any]:
    if args.version is not None:
        read = args.version
    elif kind == "persons":
        read = person_corrections.person_for_edit(uow, app.actor, args.uid)["version"]
    else:
        read = corrections.payment_for_edit(uow, app.actor, args.uid)["version"]
    with_payments = bool(getattr(args, "with_payments", False))
    version = corrections.void_record(uow, app.actor, kind, args.uid, reason=args.reason, expected_version=read,
                                      with_payments=with_payments)
    say(message("void.done", kind=_KIND_TITLES[kind], uid=args.uid,
                extra="，连同其发放记录" if with_payments else ""))
    return {"uid": args.uid, "version": version, "voided": True}


_VERBS: dict[str, Callable[[bootstrap.App, Any, argparse.Namespace, str], dict[str, Any]]] = {
    "add": _add, "edit": _edit, "void": _void}
_KIND_TITLES = {"persons": "人员", "payments": "发放记录"}


def _show(detail: dict[str, Any], as_json: bool) -> None:
    if as_json:
        emit_json(detail)
        return
    p = detail["person"]
    valid = "" if p["id_valid"] else "（身份证号校验不通过）"
    state = "（已作废）" if p["voided"] else ""
    print(f"{p['name']}{state}  UID {p['uid']}  版本 {p['version']}")
    print(f"身份证号：{p['id_number']}{valid}  性别：{p['sex'] or ''}  民族：{p['ethnicity'] or ''}  "
          f"出生日期：{p['birth_date'] or ''}")
    print(f"联系电话：{p['phone'] or ''}  村(社区)：{p['village'] or ''}  户：{p['hh_key'] or ''}  "
          f"户主：{p['head_name'] or ''}")
    print()
    print(table(["发放记录 UID", "项目", "期间", "实发(元)", "发放日期", "方式", "代发银行", "账号", "状态"],
                [(r["uid"], r["program"], r["period_label"],
                  "" if r["paid_fen"] is None else format_yuan(r["paid_fen"]), r["paid_date"] or "",
                  METHOD_LABELS.get(r["method"], r["method"]), r["bank"] or "", r["number"] or "",
                  "已作废" if r["voided"] else "有效") for r in detail["payments"]]))


COMMANDS = {"person": _cmd_person, "payment": _cmd_payment}
