"""`ykt problem …` and `ykt complaint …`: the problem ledger and complaints from the command line (SPEC §7)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import (
    CHANNELS_EN,
    OUTCOMES_EN,
    RECEIVERS_EN,
    choices_text,
    english,
    from_english,
    in_english,
    json_flag,
    move_word,
    state_word,
    zh_en,
)
from yikatong_desktop.domain.checklist import ITEMS, find_item
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.problems import CHANNELS, MOVE_LABELS, Kind, Move, State
from yikatong_desktop.services import complaints, ledger, ledger_documents
from yikatong_desktop.services.ledger_moves import today

#: Options of add and edit → service field (the value is passed as typed; the service parses it).
PROBLEM_OPTIONS = ("category", "description", "org", "department", "program", "persons", "amount",
                   "responsible_unit", "responsible_person", "measures", "deadline", "outcome", "handled_persons",
                   "came_forward", "repaid", "clue_source", "clue_ref")
COMPLAINT_OPTIONS = ("received_on", "channel", "complainant", "contact", "content", "concerned", "program", "org",
                     "handling", "result", "deadline", "problem", "notice_ref")
#: Options whose English words stand for the Chinese value the service reads.
_ENGLISH_VALUES = {"outcome": OUTCOMES_EN, "channel": CHANNELS_EN}


def _problem_help() -> dict[str, str]:
    return {
        "category": zh_en("整治内容编号 1.1～3.5", "campaign item number 1.1 to 3.5"),
        "description": zh_en("问题描述", "problem description"),
        "org": zh_en("单位（代码或名称）", "office (code or name)"), "department": zh_en("主管部门", "department"),
        "program": zh_en("补贴项目", "subsidy program"),
        "persons": zh_en("涉及人员：张三（身份证号）、李四", "persons involved: NAME (ID number), NAME"),
        "amount": zh_en("涉及金额（元）", "amount involved (yuan)"),
        "responsible_unit": zh_en("整改责任单位", "office responsible for rectification"),
        "responsible_person": zh_en("整改责任人", "person responsible for rectification"),
        "measures": zh_en("整改措施", "rectification measures"),
        "deadline": zh_en("整改期限，如 2019-09-30", "deadline, e.g. 2019-09-30"),
        "outcome": zh_en("处理结果：", "outcome: ") + choices_text(OUTCOMES_EN),
        "handled_persons": zh_en("处理人数", "number of persons dealt with"),
        "came_forward": zh_en("是否主动说明（是/否）", "came forward of their own accord (yes/no)"),
        "repaid": zh_en("是否退赔（是/否）", "repaid (yes/no)"),
        "clue_source": zh_en("线索来源", "lead source"), "clue_ref": zh_en("线索编号", "lead number"),
    }


def _complaint_help() -> dict[str, str]:
    return {
        "received_on": zh_en("受理日期（默认今天）", "date received (default today)"),
        "channel": zh_en("渠道：", "channel: ") + choices_text(CHANNELS_EN),
        "complainant": zh_en("举报人（可不填：匿名）", "complainant (may be left out: anonymous)"),
        "contact": zh_en("举报人联系方式", "complainant's contact"), "content": zh_en("举报内容", "complaint content"),
        "concerned": zh_en("被反映人员", "persons complained about"), "program": zh_en("补贴项目", "subsidy program"),
        "org": zh_en("单位（代码或名称）", "office (code or name)"), "handling": zh_en("办理情况", "handling"),
        "result": zh_en("办理结果", "result"), "deadline": zh_en("办理期限", "deadline for handling"),
        "problem": zh_en("关联的问题编号", "number of the related problem"),
        "notice_ref": zh_en("所异议的公示编号", "number of the notice objected to"),
    }


def _options(p: argparse.ArgumentParser, options: dict[str, str]) -> None:
    for name, text in options.items():
        p.add_argument(f"--{name.replace('_', '-')}", dest=name, help=text)


def _move_choice(text: str) -> Move:
    for kind in Kind:
        for move, label in MOVE_LABELS[kind].items():
            if text in (move.value, label):
                return move
    raise argparse.ArgumentTypeError(zh_en("可用：", "use one of: ") + zh_en("、", ", ").join(
        zh_en(f"{m.value}（{MOVE_LABELS[Kind.PROBLEM][m]}）", f"{m.value} ({move_word(Kind.PROBLEM, m)})")
        for m in Move))


def _category(text: str) -> str:
    item = find_item(text)
    if item is None:
        raise argparse.ArgumentTypeError(zh_en(f"“{text}”不是整治内容的编号，可用：",
                                               f"“{text}” is not a campaign item number; use one of: ")
                                         + zh_en("、", ", ").join(i.code for i in ITEMS))
    return item.code


def _channel(text: str) -> str:
    return from_english(text, CHANNELS_EN)


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`problem` and `complaint` on the main parser's subcommands."""
    s = sub.add_parser("problem", help=zh_en("问题台账：挂号、整改、销号、留号、移交、追回",
                                             "problem ledger: register, rectify, close, keep open, transfer, "
                                             "recover"))
    a = s.add_subparsers(dest="problem_command", metavar="SUBCOMMAND")
    a.required = True
    add = a.add_parser("add", help=zh_en("挂号：登记一个问题（手工，或由自查发现的疑点生成）",
                                         "register a problem (by hand, or from self-check findings)"))
    _options(add, _problem_help())
    add.add_argument("--finding", action="append", default=[], metavar=zh_en("编号", "NUMBER"),
                     help=zh_en("由这条疑点生成（可重复）", "from this finding (repeatable)"))
    add.add_argument("--evidence", action="append", default=[], type=Path, metavar="FILE",
                     help=zh_en("佐证材料（可重复）", "evidence (repeatable)"))
    add.add_argument("--json", **json_flag())
    ls = a.add_parser("list", help=zh_en("列出问题（可筛选，可导出台账）", "list problems (filter, export the ledger)"))
    ls.add_argument("--state", action="append", default=[], choices=[x.value for x in State])
    ls.add_argument("--category", action="append", default=[], type=_category, metavar="1.1",
                    help=zh_en("整治内容编号（可重复）", "campaign item number (repeatable)"))
    ls.add_argument("--program")
    ls.add_argument("--org")
    ls.add_argument("--open", action="store_true",
                    help=zh_en("只列留号（未销号）的问题", "only the problems kept open (not closed)"))
    ls.add_argument("--overdue", action="store_true",
                    help=zh_en("只列逾期未销号的问题", "only the problems past their deadline and not closed"))
    ls.add_argument("--out", type=Path, help=zh_en("把台账写入这个 .xlsx", "write the ledger to this .xlsx"))
    ls.add_argument("--json", **json_flag())
    show = a.add_parser("show", help=zh_en("查看一个问题：各项内容、专账、佐证材料、疑点和处理记录",
                                           "show a problem: its fields, recoveries, evidence, findings and "
                                           "history"))
    show.add_argument("number")
    show.add_argument("--json", **json_flag())
    edit = a.add_parser("edit", help=zh_en("修改问题的内容（整改措施、期限、处理结果……）",
                                           "edit a problem (measures, deadline, outcome...)"))
    edit.add_argument("number")
    _options(edit, _problem_help())
    mv = a.add_parser("move", help=zh_en("开始整改(start)、申请销号(apply)、销号(close)、退回(return)、回头看(reopen)",
                                         "start rectification (start), request closure (apply), close (close), "
                                         "return (return), follow-up review (reopen)"))
    mv.add_argument("number")
    mv.add_argument("step", type=_move_choice, metavar="STEP")
    mv.add_argument("--reason", default="", help=zh_en("退回、回头看的理由", "reason for a return or follow-up review"))
    tr = a.add_parser("transfer", help=zh_en("线索移交：接收机关、日期、文号",
                                             "transfer a lead: receiving authority, date, document number"))
    tr.add_argument("number")
    tr.add_argument("--to", required=True, type=lambda text: from_english(text, RECEIVERS_EN),
                    help=choices_text(RECEIVERS_EN))
    tr.add_argument("--date", required=True)
    tr.add_argument("--doc", required=True, help=zh_en("移交文号", "transfer document number"))
    rc = a.add_parser("recover", help=zh_en("追回资金：记入专账", "recover funds: entered in the recovery account"))
    rc.add_argument("number")
    rc.add_argument("--amount", required=True, help=zh_en("金额（元）", "amount (yuan)"))
    rc.add_argument("--date", required=True)
    rc.add_argument("--receipt", required=True, help=zh_en("收据号", "receipt number"))
    rc.add_argument("--note")
    ev = a.add_parser("evidence", help=zh_en("添加佐证材料（照片、扫描件、PDF）", "add evidence (photos, scans, PDF)"))
    ev.add_argument("number")
    ev.add_argument("files", nargs="+", type=Path)
    pr = a.add_parser("print", help=zh_en("打印文书：approval 销号审批表、transfer 移交函、notice 整改通知书",
                                          "print a document: approval: closure approval form, transfer: transfer "
                                          "letter, notice: rectification notice"))
    pr.add_argument("number")
    pr.add_argument("--doc", required=True, choices=list(ledger_documents.DOCUMENTS))
    pr.add_argument("--out", required=True, type=Path)

    s = sub.add_parser("complaint", help=zh_en("举报：登记、办理、办结（举报人仅纪检人员可见）",
                                               "complaints: register, handle, conclude (the complainant is seen by "
                                               "discipline inspectors only)"))
    c = s.add_subparsers(dest="complaint_command", metavar="SUBCOMMAND")
    c.required = True
    add = c.add_parser("add", help=zh_en("登记举报", "register a complaint"))
    _options(add, _complaint_help())
    add.add_argument("--evidence", action="append", default=[], type=Path, metavar="FILE")
    add.add_argument("--json", **json_flag())
    ls = c.add_parser("list", help=zh_en("列出举报", "list complaints"))
    ls.add_argument("--state", action="append", default=[], choices=[x.value for x in State])
    ls.add_argument("--channel", action="append", default=[], choices=list(CHANNELS), type=_channel,
                    **({"metavar": "CHANNEL", "help": choices_text(CHANNELS_EN)} if english() else {}))
    ls.add_argument("--json", **json_flag())
    show = c.add_parser("show", help=zh_en("查看一件举报", "show a complaint"))
    show.add_argument("number")
    show.add_argument("--json", **json_flag())
    edit = c.add_parser("edit", help=zh_en("修改举报（办理情况、办理结果、关联问题……）",
                                           "edit a complaint (handling, result, related problem...)"))
    edit.add_argument("number")
    _options(edit, _complaint_help())
    mv = c.add_parser("move", help=zh_en("开始办理(start)、申请办结(apply)、办结(close)、退回(return)、回头看(reopen)",
                                         "start handling (start), request conclusion (apply), conclude (close), "
                                         "return (return), follow-up review (reopen)"))
    mv.add_argument("number")
    mv.add_argument("step", type=_move_choice, metavar="STEP")
    mv.add_argument("--reason", default="")
    ev = c.add_parser("evidence", help=zh_en("添加材料（信件扫描件、照片）", "add material (scanned letters, photos)"))
    ev.add_argument("number")
    ev.add_argument("files", nargs="+", type=Path)


def _given(args: argparse.Namespace, options: tuple[str, ...]) -> dict[str, object]:
    given = {k: getattr(args, k) for k in options if getattr(args, k, None) is not None}
    return {k: from_english(v, _ENGLISH_VALUES[k]) if k in _ENGLISH_VALUES else v for k, v in given.items()}


def _writable(out: Path, suffix: str, usage: str) -> None:
    """Refuse an --out before any work: of another kind than `suffix` (exit 2), or in a folder that is
    missing or not writable (exit 3)."""
    if out.suffix.lower() != suffix:
        raise UsageError("cli.usage", detail=zh_en(f"{out}：只能写入 {suffix} 文件", f"{out}: only a {suffix} file can "
                                                   "be written"), usage=usage)
    folder = out.expanduser().resolve().parent
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise InputRejected("basics.out_unwritable", path=str(out))


def run_problem(args: argparse.Namespace) -> int:
    """Run `ykt problem …`."""
    cmd = args.problem_command
    if cmd == "print":
        _writable(args.out, ".pdf", "ykt problem print N --doc approval|transfer|notice --out F.pdf")
    elif cmd == "list" and args.out is not None:
        _writable(args.out, ".xlsx", zh_en("ykt problem list --out 台账.xlsx", "ykt problem list --out ledger.xlsx"))
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
                    raise UsageError("cli.usage", detail=zh_en("没有要修改的内容", "nothing to change"),
                                     usage="ykt problem edit N --measures …")
                p = ledger.update(uow, app.actor, args.number, fields)
                said.append(message("ledger.updated", number=p.number))
            elif cmd == "move":
                p = ledger.move(uow, app.actor, args.number, args.step, args.reason)
                decided = args.step in (Move.CLOSE, Move.RETURN) and p.state == State.APPLIED.value
                said.append(message("ledger.decision_recorded" if decided else "ledger.moved", number=p.number,
                                    move=move_word(Kind.PROBLEM, args.step), state=state_word(Kind.PROBLEM, p.state)))
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
        print(table([zh_en("编号", "No."), zh_en("整治内容", "Campaign item"), zh_en("问题描述", "Description"),
                     zh_en("单位", "Office"), zh_en("涉及金额(元)", "Amount involved (yuan)"),
                     zh_en("已追回(元)", "Recovered (yuan)"), zh_en("整改期限", "Deadline"), zh_en("状态", "State")],
                    [(p.number, p.category, _short(p.description), p.org_name or "", format_yuan(p.amount_fen),
                      format_yuan(p.recovered_fen), p.deadline or "",
                      state_word(Kind.PROBLEM, p.state) + (_overdue() if p.overdue(day) else "")) for p in found]))
    say(message("ledger.count", count=len(found), open=sum(p.state is not State.CLOSED for p in found),
                overdue=sum(p.overdue(day) for p in found)))
    return 0


def _overdue() -> str:
    return zh_en("（逾期）", " (overdue)")


def _short(text: str, width: int = 30) -> str:
    line = text.replace("\n", " ")
    return line if len(line) <= width else line[:width - 1] + "…"


def _print_problem(d: ledger.ProblemDetail, day: Any) -> None:
    p = d.problem
    yuan = zh_en(" 元", " yuan")
    rows = [(zh_en("编号", "No."), p.number),
            (zh_en("状态", "State"), state_word(Kind.PROBLEM, p.state) + (_overdue() if p.overdue(day) else "")),
            (zh_en("整治内容", "Campaign item"), f"{p.category} {p.category_title}"),
            (zh_en("问题描述", "Description"), p.description),
            (zh_en("单位", "Office"), p.org_name or p.org_code or ""),
            (zh_en("补贴项目", "Subsidy program"), p.program_name or ""),
            (zh_en("涉及人员", "Persons involved"), p.persons_text()),
            (zh_en("涉及金额", "Amount involved"), f"{format_yuan(p.amount_fen)}{yuan}"),
            (zh_en("已追回", "Recovered"), f"{format_yuan(p.recovered_fen)}{yuan}"),
            (zh_en("整改责任", "Responsible"), f"{p.responsible_unit or ''} {p.responsible_person or ''}"),
            (zh_en("整改措施", "Measures"), p.measures), (zh_en("整改期限", "Deadline"), str(p.deadline or "")),
            (zh_en("挂号", "Registered"), f"{p.registered_on} {p.registered_by}"),
            (zh_en("销号", "Closed"), f"{p.closed_on or ''} {p.closed_by or ''}"),
            (zh_en("处理结果", "Outcome"), in_english(p.outcome, OUTCOMES_EN) if p.outcome else ""),
            (zh_en("线索移交", "Lead transferred"),
             f"{in_english(p.transfer_to or '', RECEIVERS_EN)} {p.transfer_on or ''} {p.transfer_doc or ''}"),
            (zh_en("理由", "Reason"), p.reason or "")]
    print(table([zh_en("项目", "Item"), zh_en("内容", "Value")], rows))
    for r in d.recoveries:
        say(zh_en(f"追回 {r.recovered_on} {format_yuan(int(r.amount_fen))} 元（收据 {r.receipt}）",
                  f"Recovered {r.recovered_on} {format_yuan(int(r.amount_fen))} yuan (receipt {r.receipt})"))
    for e in d.evidence:
        say(zh_en(f"佐证材料 {e.file_name}（{int(e.size):,} 字节，SHA-256 {e.sha256[:16]}…）",
                  f"Evidence {e.file_name} ({int(e.size):,} bytes, SHA-256 {e.sha256[:16]}…)"))
    for f in d.findings:
        say(zh_en(f"疑点 {f.uid[:8]} {f.rule} {f.explanation}", f"Finding {f.uid[:8]} {f.rule} {f.explanation}"))
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
                print(table([zh_en("编号", "No."), zh_en("受理日期", "Received"), zh_en("渠道", "Channel"),
                             zh_en("举报人", "Complainant"), zh_en("内容", "Content"), zh_en("状态", "State"),
                             zh_en("关联问题", "Related problem")],
                            [(c.number, c.received_on, in_english(c.channel, CHANNELS_EN),
                              c.complainant or zh_en("匿名", "anonymous"), _short(c.content),
                              state_word(Kind.COMPLAINT, c.state) + (_overdue() if c.overdue(day) else ""),
                              c.problem_number or "") for c in found]))
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
                    raise UsageError("cli.usage", detail=zh_en("没有要修改的内容", "nothing to change"),
                                     usage="ykt complaint edit N --handling …")
                c = complaints.update(uow, app.actor, args.number, fields)
                say(message("ledger.updated", number=c.number))
            elif cmd == "move":
                c = complaints.move(uow, app.actor, args.number, args.step, args.reason)
                say(message("ledger.moved", number=c.number, move=move_word(Kind.COMPLAINT, args.step),
                            state=state_word(Kind.COMPLAINT, c.state)))
            elif cmd == "evidence":
                for f in args.files:
                    c = complaints.add_evidence(uow, app.actor, args.number, f)
                    say(message("complaint.evidence_added", number=c.number, file=f.name))
            uow.commit()
    finally:
        app.close()
    return 0


COMMANDS = {"problem": run_problem, "complaint": run_complaint}
