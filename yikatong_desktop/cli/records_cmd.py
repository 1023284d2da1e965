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
from yikatong_desktop.cli.words import english, zh_en
from yikatong_desktop.domain.errors import UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.services import corrections, manual_entry, person_corrections
from yikatong_desktop.services.corrections import METHOD_LABELS

#: Options of `add`, the template column each fills (the key the service reads), and that column in English.
_PERSON_OPTIONS = (("--id", "身份证号", "ID number"), ("--name", "姓名", "name"), ("--sex", "性别", "sex"),
                   ("--ethnicity", "民族", "ethnicity"), ("--phone", "联系电话", "phone number"),
                   ("--township", "乡镇", "township"), ("--village", "村(社区)", "village (community)"),
                   ("--group", "组", "group"), ("--household", "户编号", "household number"))
_PAYMENT_OPTIONS = (("--program", "补贴项目", "subsidy program"), ("--period", "补贴期间", "period"),
                    ("--year", "补贴年度", "year"), ("--paid", "实发金额", "amount paid"),
                    ("--due", "应发金额", "amount due"), ("--date", "发放日期", "payment date"),
                    ("--method", "发放方式", "payment method"), ("--bank", "代发银行", "paying bank"),
                    ("--account", "银行账号", "account number"), ("--remark", "备注", "remark"))


def add_parsers(sub: Any) -> None:
    """Add `person` and `payment` to the `ykt` subcommands."""
    version = zh_en("读取时的版本号：其间被别人改过则拒绝",
                    "the version read: refused if someone changed the record since")
    for noun, options in (("person", _PERSON_OPTIONS), ("payment", _PERSON_OPTIONS + _PAYMENT_OPTIONS)):
        title, title_en = _kind_title(f"{noun}s"), f"a {noun}"
        s = sub.add_parser(noun, help=zh_en(f"{title}：手工录入、更正、作废" + ("、查看" if noun == "person" else ""),
                                            f"{noun}s: enter by hand, correct, void"
                                            + (", show" if noun == "person" else "")))
        verbs = s.add_subparsers(dest=f"{noun}_command", metavar="SUBCOMMAND", parser_class=type(s))
        verbs.required = True
        add = verbs.add_parser("add", help=zh_en(f"手工录入一条{title}（与导入相同的检查）",
                                                 f"enter {title_en} by hand (checked as an import is)"))
        for option, column, column_en in options:
            add.add_argument(option, metavar=option.lstrip("-").upper() if english() else column,
                             required=option in ("--id", "--name"), help=column_en if english() else column)
        _set_and_reason(add, zh_en("其他栏目：字段=值，可重复（如 --set 户主姓名=王建国）",
                                   "other columns: FIELD=VALUE, repeatable (e.g. --set head_name=NAME)"))
        edit = verbs.add_parser("edit", help=zh_en(f"更正{title}（写明原因，旧版本保留在历史中）",
                                                   f"correct {title_en} (give the reason; the old version stays in "
                                                   "history)"))
        edit.add_argument("uid")
        _set_and_reason(edit, zh_en("要更正的栏目：字段=值，可重复（如 --set 联系电话=13899912345）",
                                    "the columns to correct: FIELD=VALUE, repeatable (e.g. --set phone=13899912345)"))
        edit.add_argument("--version", type=int, help=version)
        void = verbs.add_parser("void", help=zh_en(f"作废{title}（作废也是一个版本，原记录可查）",
                                                   f"void {title_en} (voiding is a version too; the record can "
                                                   "still be seen)"))
        void.add_argument("uid")
        void.add_argument("--reason", required=True, help=zh_en("作废原因", "reason for voiding"))
        void.add_argument("--version", type=int, help=version)
        if noun == "person":
            void.add_argument("--with-payments", action="store_true",
                              help=zh_en("连同此人的有效发放记录一起作废", "also void this person's valid payments"))
            show = verbs.add_parser("show", help=zh_en("按身份证号查看人员、其发放记录及各记录的 UID",
                                                       "show a person by ID number, with the payments and the UID "
                                                       "of each record"))
            show.add_argument("id_number", metavar="ID_NUMBER")
            _json_after_command(show)
        for p in (add, edit, void):
            _json_after_command(p)


def _set_and_reason(p: argparse.ArgumentParser, set_help: str) -> None:
    p.add_argument("--set", action="append", default=[], metavar=zh_en("字段=值", "FIELD=VALUE"), help=set_help)
    p.add_argument("--reason", required=True, help=zh_en("原因和依据（记入审计日志）",
                                                         "reason and grounds (written to the audit log)"))


def _json_after_command(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                   help=zh_en("在标准输出打印机器可读的 JSON", "print machine-readable JSON on standard output"))


def _pairs(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UsageError("cli.usage", detail=zh_en(f"--set “{item}” 应写成 字段=值",
                                                       f"--set “{item}” should be FIELD=VALUE"),
                             usage=zh_en("--set 实发金额=1,234.50", "--set paid=1,234.50"))
        out[key.strip()] = value
    return out


def _values(args: argparse.Namespace, options: tuple[tuple[str, str, str], ...]) -> dict[str, str]:
    given = {column: getattr(args, option.lstrip("-")) for option, column, _ in options}
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
        raise UsageError("cli.usage", detail=zh_en("至少给出一个 --set 字段=值", "give at least one --set FIELD=VALUE"),
                         usage=f"ykt {kind[:-1]} edit UID --set …")
    if kind == "persons":
        read = args.version or person_corrections.person_for_edit(uow, app.actor, args.uid)["version"]
        version = person_corrections.correct_person(uow, app.actor, args.uid, values, reason=args.reason,
                                                    expected_version=read)
    else:
        read = args.version or corrections.payment_for_edit(uow, app.actor, args.uid)["version"]
        version = corrections.correct_payment(uow, app.actor, args.uid, values, reason=args.reason,
                                              expected_version=read)
    changed = version != read
    say(message("correct.done", kind=_kind_title(kind), uid=args.uid, version=version) if changed
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
    say(message("void.done", kind=_kind_title(kind), uid=args.uid,
                extra=zh_en("，连同其发放记录", ", with its payments") if with_payments else ""))
    return {"uid": args.uid, "version": version, "voided": True}


_VERBS: dict[str, Callable[[bootstrap.App, Any, argparse.Namespace, str], dict[str, Any]]] = {
    "add": _add, "edit": _edit, "void": _void}


def _kind_title(kind: str) -> str:
    return zh_en("人员", "person") if kind == "persons" else zh_en("发放记录", "payment")


def _show(detail: dict[str, Any], as_json: bool) -> None:
    if as_json:
        emit_json(detail)
        return
    p = detail["person"]
    valid = "" if p["id_valid"] else zh_en("（身份证号校验不通过）", " (ID number fails its check)")
    state = zh_en("（已作废）", " (voided)") if p["voided"] else ""
    print(zh_en(f"{p['name']}{state}  UID {p['uid']}  版本 {p['version']}",
                f"{p['name']}{state}  UID {p['uid']}  version {p['version']}"))
    print(zh_en(f"身份证号：{p['id_number']}{valid}  性别：{p['sex'] or ''}  民族：{p['ethnicity'] or ''}  "
                f"出生日期：{p['birth_date'] or ''}",
                f"ID number: {p['id_number']}{valid}  Sex: {p['sex'] or ''}  Ethnicity: {p['ethnicity'] or ''}  "
                f"Born: {p['birth_date'] or ''}"))
    print(zh_en(f"联系电话：{p['phone'] or ''}  村(社区)：{p['village'] or ''}  户：{p['hh_key'] or ''}  "
                f"户主：{p['head_name'] or ''}",
                f"Phone number: {p['phone'] or ''}  Village (community): {p['village'] or ''}  "
                f"Household: {p['hh_key'] or ''}  Head: {p['head_name'] or ''}"))
    print()
    print(table([zh_en("发放记录 UID", "Payment UID"), zh_en("项目", "Program"), zh_en("期间", "Period"),
                 zh_en("实发(元)", "Paid (yuan)"), zh_en("发放日期", "Paid on"), zh_en("方式", "Method"),
                 zh_en("代发银行", "Paying bank"), zh_en("账号", "Account number"), zh_en("状态", "Status")],
                [(r["uid"], r["program"], r["period_label"],
                  "" if r["paid_fen"] is None else format_yuan(r["paid_fen"]), r["paid_date"] or "",
                  _method(r["method"]), r["bank"] or "", r["number"] or "",
                  zh_en("已作废", "voided") if r["voided"] else zh_en("有效", "valid")) for r in detail["payments"]]))


def _method(method: str) -> str:
    """现金/银行卡/其他, or in English the stored code (cash, card, other)."""
    return method if english() and method in METHOD_LABELS else METHOD_LABELS.get(method, method)


COMMANDS = {"person": _cmd_person, "payment": _cmd_payment}
