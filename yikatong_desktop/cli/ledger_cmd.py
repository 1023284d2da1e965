"""`ykt problem …` and `ykt complaint …`: the problem ledger and complaints from the command line (SPEC §7)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.domain.checklist import ITEMS, find_item
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.problems import CHANNELS, MOVE_LABELS, RECEIVERS, Kind, Move, Outcome, State
from yikatong_desktop.services import complaints, ledger, ledger_documents
from yikatong_desktop.services.ledger_moves import today

_JSON = {"action": "store_true", "default": argparse.SUPPRESS, "help": "打印 JSON"}
#: Option → service field, for add and edit (the value is passed as typed; the service parses it).
PROBLEM_OPTIONS = {
    "category": "整治内容编号 1.1～3.5", "description": "问题描述", "org": "单位（代码或名称）",
    "department": "主管部门",
    "program": "补贴项目", "persons": "涉及人员：张三（身份证号）、李四", "amount": "涉及金额（元）",
    "responsible_unit": "整改责任单位", "responsible_person": "整改责任人", "measures": "整改措施",
    "deadline": "整改期限，如 2019-09-30", "outcome": "处理结果：" + "/".join(o.value for o in Outcome),
    "handled_persons": "处理人数", "came_forward": "是否主动说明（是/否）", "repaid": "是否退赔（是/否）",
    "clue_source": "线索来源", "clue_ref": "线索编号",
}
COMPLAINT_OPTIONS = {
    "received_on": "受理日期（默认今天）", "channel": "渠道：" + "/".join(CHANNELS),
    "complainant": "举报人（可不填：匿名）",
    "contact": "举报人联系方式", "content": "举报内容", "concerned": "被反映人员", "program": "补贴项目",
    "org": "单位（代码或名称）", "handling": "办理情况", "result": "办理结果", "deadline": "办理期限",
    "problem": "关联的问题编号", "notice_ref": "所异议的公示编号",
}


def _options(p: argparse.ArgumentParser, options: dict[str, str]) -> None:
    for name, text in options.items():
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, help=text)


def _move_choice(text: str) -> Move:
    for kind in Kind:
        for move, label in MOVE_LABELS[kind].items():
            if text in (move.value, label):
                return move
    raise argparse.ArgumentTypeError("可用：" + "、".join(f"{m.value}（{MOVE_LABELS[Kind.PROBLEM][m]}）" for m in Move))


def _category(text: str) -> str:
    item = find_item(text)
    if item is None:
        raise argparse.ArgumentTypeError(f"“{text}”不是整治内容的编号，可用：" + "、".join(i.code for i in ITEMS))
    return item.code


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`problem` and `complaint` on the main parser's subcommands."""
    s = sub.add_parser("problem", help="问题台账：挂号、整改、销号、留号、移交、追回")
    a = s.add_subparsers(dest="problem_command", metavar="SUBCOMMAND")
    a.required = True
    add = a.add_parser("add", help="挂号：登记一个问题（手工，或由自查发现的疑点生成）")
    _options(add, PROBLEM_OPTIONS)
    add.add_argument("--finding", action="append", default=[], metavar="编号", help="由这条疑点生成（可重复）")
    add.add_argument("--evidence", action="append", default=[], type=Path, metavar="FILE", help="佐证材料（可重复）")
    add.add_argument("--json", **_JSON)
    ls = a.add_parser("list", help="列出问题（可筛选，可导出台账）")
    ls.add_argument("--state", action="append", default=[], choices=[x.value for x in State])
    ls.add_argument("--category", action="append", default=[], type=_category, metavar="1.1",
                    help="整治内容编号（可重复）")
    ls.add_argument("--program")
    ls.add_argument("--org")
    ls.add_argument("--open", action="store_true", help="只列留号（未销号）的问题")
    ls.add_argument("--overdue", action="store_true", help="只列逾期未销号的问题")
    ls.add_argument("--out", type=Path, help="把台账写入这个 .xlsx")
    ls.add_argument("--json", **_JSON)
    show = a.add_parser("show", help="查看一个问题：各项内容、专账、佐证材料、疑点和处理记录")
    show.add_argument("number")
    show.add_argument("--json", **_JSON)
    edit = a.add_parser("edit", help="修改问题的内容（整改措施、期限、处理结果……）")
    edit.add_argument("number")
    _options(edit, PROBLEM_OPTIONS)
    mv = a.add_parser("move", help="开始整改(start)、申请销号(apply)、销号(close)、退回(return)、回头看(reopen)")
    mv.add_argument("number")
    mv.add_argument("step", type=_move_choice, metavar="STEP")
    mv.add_argument("--reason", default="", help="退回、回头看的理由")
    tr = a.add_parser("transfer", help="线索移交：接收机关、日期、文号")
    tr.add_argument("number")
    tr.add_argument("--to", required=True, help="/".join(RECEIVERS))
    tr.add_argument("--date", required=True)
    tr.add_argument("--doc", required=True, help="移交文号")
    rc = a.add_parser("recover", help="追回资金：记入专账")
    rc.add_argument("number")
    rc.add_argument("--amount", required=True, help="金额（元）")
    rc.add_argument("--date", required=True)
    rc.add_argument("--receipt", required=True, help="收据号")
    rc.add_argument("--note")
    ev = a.add_parser("evidence", help="添加佐证材料（照片、扫描件、PDF）")
    ev.add_argument("number")
    ev.add_argument("files", nargs="+", type=Path)
    pr = a.add_parser("print", help="打印文书：approval 销号审批表、transfer 移交函、notice 整改通知书")
    pr.add_argument("number")
    pr.add_argument("--doc", required=True, choices=list(ledger_documents.DOCUMENTS))
    pr.add_argument("--out", required=True, type=Path)

    s = sub.add_parser("complaint", help="举报：登记、办理、办结（举报人仅纪检人员可见）")
    c = s.add_subparsers(dest="complaint_command", metavar="SUBCOMMAND")
    c.required = True
    add = c.add_parser("add", help="登记举报")
    _options(add, COMPLAINT_OPTIONS)
    add.add_argument("--evidence", action="append", default=[], type=Path, metavar="FILE")
    add.add_argument("--json", **_JSON)
    ls = c.add_parser("list", help="列出举报")
    ls.add_argument("--state", action="append", default=[], choices=[x.value for x in State])
    ls.add_argument("--channel", action="append", default=[], choices=list(CHANNELS))
    ls.add_argument("--json", **_JSON)
    show = c.add_parser("show", help="查看一件举报")
    show.add_argument("number")
    show.add_argument("--json", **_JSON)
    edit = c.add_parser("edit", help="修改举报（办理情况、办理结果、关联问题……）")
    edit.add_argument("number")
    _options(edit, COMPLAINT_OPTIONS)
    mv = c.add_parser("move", help="开始办理(start)、申请办结(apply)、办结(close)、退回(return)、回头看(reopen)")
    mv.add_argument("number")
    mv.add_argument("step", type=_move_choice, metavar="STEP")
    mv.add_argument("--reason", default="")
    ev = c.add_parser("evidence", help="添加材料（信件扫描件、照片）")
    ev.add_argument("number")
    ev.add_argument("files", nargs="+", type=Path)


def _given(args: argparse.Namespace, options: dict[str, str]) -> dict[str, object]:
    return {k: getattr(args, k) for k in options if getattr(args, k, None) is not None}


def _writable(out: Path, suffix: str, usage: str) -> None:
    """Refuse an --out before any work: of another kind than `suffix` (exit 2), or in a folder that is
    missing or not writable (exit 3)."""
    if out.suffix.lower() != suffix:
        raise UsageError("cli.usage", detail=f"{out}：只能写入 {suffix} 文件", usage=usage)
    folder = out.expanduser().resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise InputRejected("basics.out_unwritable", path=str(out))


def run_problem(args: argparse.Namespace) -> int:
    """Run `ykt problem …`."""
    cmd = args.problem_command
    if cmd == "print":
        _writable(args.out, ".pdf", "ykt problem print N --doc approval|transfer|notice --out F.pdf")
    elif cmd == "list" and args.out is not None:
        _writable(args.out, ".xlsx", "ykt problem list --out 台账.xlsx")
    app = bootstrap.open_app(args.db)
    try:
        if cmd in ("list", "show"):
            with app.reader() as uow:
                return _problem_read(args, app, uow)
        said: list[str] = []  # told only once committed: a rolled-back change is never reported as made
        shown: Any = None
        with app.uow() as uow:
            if cmd == "add":
                p = ledger.register(uow, app.actor, _given(args, PROBLEM_OPTIONS), findings=args.finding,
                                    evidence=args.evidence)
                said.append(message("ledger.registered", number=p.number, category=p.category,
                                    yuan=format_yuan(p.amount_fen)))
                if args.json:
                    shown = p.as_json(today(uow))
            elif cmd == "edit":
                fields = _given(args, PROBLEM_OPTIONS)
                if not fields:
                    raise UsageError("cli.usage", detail="没有要修改的内容", usage="ykt problem edit N --measures …")
                p = ledger.update(uow, app.actor, args.number, fields)
                said.append(message("ledger.updated", number=p.number))
            elif cmd == "move":
                p = ledger.move(uow, app.actor, args.number, args.step, args.reason)
                decided = args.step in (Move.CLOSE, Move.RETURN) and p.state == State.APPLIED.value
                said.append(message("ledger.decision_recorded" if decided else "ledger.moved", number=p.number,
                                    move=MOVE_LABELS[Kind.PROBLEM][args.step], state=p.state_label))
            elif cmd == "transfer":
                p = ledger.transfer(uow, app.actor, args.number, args.to, args.date, args.doc)
                said.append(message("ledger.transferred", number=p.number, to=p.transfer_to, doc=p.transfer_doc))
            elif cmd == "recover":
                before = ledger.get_problem(uow, app.actor, args.number)
                p = ledger.recover(uow, app.actor, args.number, args.amount, args.date, args.receipt, args.note)
                added = p.recovered_fen - before.recovered_fen
                said.append(message("ledger.recovered", number=p.number, yuan=format_yuan(added),
                            total=format_yuan(p.recovered_fen)))
            elif cmd == "evidence":
                for f in args.files:
                    p = ledger.add_evidence(uow, app.actor, args.number, f)
                    said.append(message("ledger.evidence_added", number=p.number, file=f.name,
                                        sha=_sha(uow, app, p.number)))
            elif cmd == "print":
                ledger_documents.render_problem_document(uow, app.actor, args.number, args.doc, args.out)
                say(message("ledger.written", path=args.out))
                return 0  # printing changes nothing
            uow.commit()
        for text in said:
            say(text)
        if shown is not None:
            emit_json(shown)
    finally:
        app.close()
    return 0


def _sha(uow: Any, app: bootstrap.App, number: str) -> str:
    return str(ledger.detail(uow, app.actor, number).evidence[-1].sha256[:12])


def _problem_read(args: argparse.Namespace, app: bootstrap.App, uow: Any) -> int:
    day = today(uow)
    if args.problem_command == "show":
        d = ledger.detail(uow, app.actor, args.number)
        if args.json:
            emit_json({**d.problem.as_json(day), "recoveries": [
                {"amount_fen": int(r.amount_fen), "date": r.recovered_on.isoformat(), "receipt": r.receipt,
                 "note": r.note} for r in d.recoveries],
                "evidence": [{"file": e.file_name, "sha256": e.sha256, "bytes": int(e.size)} for e in d.evidence],
                "findings": [{"uid": f.uid, "rule": f.rule, "status": f.status, "amount_fen": int(f.amount_fen)}
                             for f in d.findings],
                "history": [{"at": e.at.isoformat() if e.at else None, "actor": e.actor, "action": e.action,
                             "detail": e.detail} for e in d.history]})
            return 0
        _print_problem(d, day)
        return 0
    found = ledger.list_problems(uow, app.actor, states=args.state, categories=args.category, program=args.program,
                                 org=args.org, overdue=args.overdue, kept_open=args.open)
    if args.out is not None:
        ledger_documents.write_ledger_workbook(uow, app.actor, args.out, found)
        say(message("ledger.written", path=args.out))
    elif args.json:
        emit_json([p.as_json(day) for p in found])
    else:
        print(table(["编号", "整治内容", "问题描述", "单位", "涉及金额(元)", "已追回(元)", "整改期限", "状态"],
                    [(p.number, p.category, _short(p.description), p.org_name or "", format_yuan(p.amount_fen),
                      format_yuan(p.recovered_fen), p.deadline or "",
                      p.state_label + ("（逾期）" if p.overdue(day) else "")) for p in found]))
    say(message("ledger.count", count=len(found), open=sum(p.state is not State.CLOSED for p in found),
                overdue=sum(p.overdue(day) for p in found)))
    return 0


def _short(text: str, width: int = 30) -> str:
    line = text.replace("\n", " ")
    return line if len(line) <= width else line[:width - 1] + "…"


def _print_problem(d: ledger.ProblemDetail, day: Any) -> None:
    p = d.problem
    rows = [("编号", p.number), ("状态", p.state_label + ("（逾期）" if p.overdue(day) else "")),
            ("整治内容", f"{p.category} {p.category_title}"), ("问题描述", p.description),
            ("单位", p.org_name or p.org_code or ""), ("补贴项目", p.program_name or ""),
            ("涉及人员", p.persons_text()), ("涉及金额", f"{format_yuan(p.amount_fen)} 元"),
            ("已追回", f"{format_yuan(p.recovered_fen)} 元"),
            ("整改责任", f"{p.responsible_unit or ''} {p.responsible_person or ''}"),
            ("整改措施", p.measures), ("整改期限", str(p.deadline or "")),
            ("挂号", f"{p.registered_on} {p.registered_by}"),
            ("销号", f"{p.closed_on or ''} {p.closed_by or ''}"), ("处理结果", p.outcome or ""),
            ("线索移交", f"{p.transfer_to or ''} {p.transfer_on or ''} {p.transfer_doc or ''}"),
            ("理由", p.reason or "")]
    print(table(["项目", "内容"], rows))
    for r in d.recoveries:
        say(f"追回 {r.recovered_on} {format_yuan(int(r.amount_fen))} 元（收据 {r.receipt}）")
    for e in d.evidence:
        say(f"佐证材料 {e.file_name}（{int(e.size):,} 字节，SHA-256 {e.sha256[:16]}…）")
    for f in d.findings:
        say(f"疑点 {f.uid[:8]} {f.rule} {f.explanation}")
    for e in d.history:
        say(f"{e.at:%Y-%m-%d %H:%M} {e.actor} {e.action} {(e.detail or {}).get('reason') or ''}".rstrip())


def run_complaint(args: argparse.Namespace) -> int:
    """Run `ykt complaint …`."""
    cmd = args.complaint_command
    app = bootstrap.open_app(args.db)
    try:
        if cmd in ("list", "show"):
            with app.reader() as uow:
                day = today(uow)
                found = ([complaints.get_complaint(uow, app.actor, args.number)] if cmd == "show" else
                         complaints.list_complaints(uow, app.actor, states=args.state, channels=args.channel))
            if args.json:
                emit_json(found[0].as_json(day) if cmd == "show" else [c.as_json(day) for c in found])
            else:
                print(table(["编号", "受理日期", "渠道", "举报人", "内容", "状态", "关联问题"],
                            [(c.number, c.received_on, c.channel, c.complainant or "匿名", _short(c.content),
                              c.state_label + ("（逾期）" if c.overdue(day) else ""), c.problem_number or "")
                             for c in found]))
            return 0
        with app.uow() as uow:
            if cmd == "add":
                c = complaints.register(uow, app.actor, _given(args, COMPLAINT_OPTIONS), evidence=args.evidence)
                say(message("complaint.registered", number=c.number))
                if args.json:
                    emit_json(c.as_json(today(uow)))
            elif cmd == "edit":
                fields = _given(args, COMPLAINT_OPTIONS)
                if not fields:
                    raise UsageError("cli.usage", detail="没有要修改的内容", usage="ykt complaint edit N --handling …")
                c = complaints.update(uow, app.actor, args.number, fields)
                say(message("ledger.updated", number=c.number))
            elif cmd == "move":
                c = complaints.move(uow, app.actor, args.number, args.step, args.reason)
                say(message("ledger.moved", number=c.number, move=MOVE_LABELS[Kind.COMPLAINT][args.step],
                            state=c.state_label))
            elif cmd == "evidence":
                for f in args.files:
                    c = complaints.add_evidence(uow, app.actor, args.number, f)
                    say(message("complaint.evidence_added", number=c.number, file=f.name))
            uow.commit()
    finally:
        app.close()
    return 0


COMMANDS = {"problem": run_problem, "complaint": run_complaint}
