"""`ykt report monthly|summary|text|sent|list|timestamp` (SPEC §7, §10): the 月报 and the 总结 as signed PDFs.

Making a report writes its PDF and records it in one go: the file is written first and the record
committed after; a commit that fails removes the file again (no paper without its record).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import english, json_flag, zh_en
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.reports import NARRATIVE, ReportKind
from yikatong_desktop.formats import certificates
from yikatong_desktop.formats.files import os_reason, write_bytes_atomically
from yikatong_desktop.services import reports, signing
from yikatong_desktop.services.auth import authorize
from yikatong_desktop.services.ledger_fields import parse_day
from yikatong_desktop.services.ledger_moves import today
from yikatong_desktop.services.reports import ReportInfo
from yikatong_desktop.services.secrets import KEY_PASSPHRASE, Secrets

#: The text sections of the reports (NARRATIVE) in English.
_SECTIONS_EN = {"progress": "progress of the campaign this month", "next": "difficulties and next steps",
                "overview": "work carried out", "practices": "main practices and results",
                "problems": "problems remaining", "suggestions": "proposals to deepen the campaign"}


def _section(kind: ReportKind, key: str) -> str:
    return _SECTIONS_EN.get(key, key) if english() else NARRATIVE[kind][key]


def _sections(kind: ReportKind) -> str:
    return zh_en("，", ", ").join(f"{k}={_section(kind, k)}" for k in NARRATIVE[kind])


def _scope_args(p: argparse.ArgumentParser) -> None:
    where = p.add_mutually_exclusive_group()
    where.add_argument("--org", help=zh_en("单位（代码或完整名称；默认本单位）",
                                           "office (code or full name; default this office)"))
    where.add_argument("--department", help=zh_en("部门（按部门编写时）", "department (for a report by department)"))


def _text_arg(p: argparse.ArgumentParser, kind: ReportKind) -> None:
    p.add_argument("--text", action="append", default=[], metavar="SECTION=TEXT",
                   help=zh_en(f"文字部分，写成 部分=文字 或 部分=@文件（UTF-8）；可重复。部分：{_sections(kind)}",
                              f"a text section, as SECTION=TEXT or SECTION=@FILE (UTF-8); repeatable. Sections: "
                              f"{_sections(kind)}"))


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`report` on the main parser's subcommands."""
    s = sub.add_parser("report", help=zh_en("月报和工作总结：生成、签名（PAdES）、登记报送",
                                            "monthly reports and work summaries: make, sign (PAdES), register as "
                                            "submitted"))
    r = s.add_subparsers(dest="report_command", metavar="SUBCOMMAND", parser_class=type(s))
    r.required = True
    month = zh_en("月份（月报）", "month (monthly report)")
    for kind, name in ((ReportKind.MONTHLY, "monthly"), (ReportKind.SUMMARY, "summary")):
        what = zh_en("月报", "monthly report") if kind is ReportKind.MONTHLY else zh_en("工作总结", "work summary")
        p = r.add_parser(name, help=zh_en(f"生成{what} PDF（--sign 用本单位证书签名；口令取自 YKT_KEY_PASSPHRASE）",
                                          f"make the {what} PDF (--sign signs it with this office's certificate; "
                                          "passphrase from YKT_KEY_PASSPHRASE)"))
        if kind is ReportKind.MONTHLY:
            p.add_argument("--month", required=True, help=zh_en("月份，如 2019-07", "month, e.g. 2019-07"))
        p.add_argument("--out", type=Path, required=True, help=zh_en("写入的 .pdf 文件", "the .pdf file to write"))
        p.add_argument("--sign", action="store_true", help=zh_en("数字签名（不是法定电子签章）",
                                                                 "digital signature (not a legal electronic seal)"))
        p.add_argument("--signer", help=zh_en("签名人姓名（默认当前用户）", "signer's name (default the current user)"))
        _scope_args(p)
        _text_arg(p, kind)
        p.add_argument("--json", **json_flag())
    t = r.add_parser("text", help=zh_en("只保存报告的文字部分（不生成 PDF）", "only save a report's text (no PDF)"))
    t.add_argument("kind", choices=["monthly", "summary"])
    t.add_argument("--month", help=month)
    _scope_args(t)
    t.add_argument("--text", action="append", default=[], metavar="SECTION=TEXT",
                   help=zh_en(f"部分=文字 或 部分=@文件；月报：{_sections(ReportKind.MONTHLY)}；"
                              f"总结：{_sections(ReportKind.SUMMARY)}",
                              f"SECTION=TEXT or SECTION=@FILE; monthly report: {_sections(ReportKind.MONTHLY)}; "
                              f"work summary: {_sections(ReportKind.SUMMARY)}"))
    t.add_argument("--json", **json_flag())
    sent = r.add_parser("sent", help=zh_en("登记报告已报送（报送日期默认今天）",
                                           "register a report as submitted (date default today)"))
    sent.add_argument("kind", choices=["monthly", "summary"])
    sent.add_argument("--month", help=month)
    sent.add_argument("--date", help=zh_en("报送日期，如 2019-07-24", "date submitted, e.g. 2019-07-24"))
    _scope_args(sent)
    sent.add_argument("--json", **json_flag())
    ls = r.add_parser("list",
                      help=zh_en("已编写的报告：状态、签名、报送", "the reports written: state, signature, submission"))
    ls.add_argument("--json", **json_flag())
    ts = r.add_parser("timestamp", help=zh_en("签名时使用的时间戳服务（RFC 3161，PAdES B-T）",
                                              "the timestamp service used when signing (RFC 3161, PAdES B-T)"))
    g = ts.add_mutually_exclusive_group(required=True)
    g.add_argument("--url", help=zh_en("时间戳服务地址（http:// 或 https://）", "timestamp service URL (http:// or https://)"))
    g.add_argument("--clear", action="store_true", help=zh_en("不使用时间戳服务", "use no timestamp service"))


def _kind_period(args: argparse.Namespace, uow: Any) -> tuple[ReportKind, str]:
    kind = ReportKind(getattr(args, "kind", None) or args.report_command)
    if kind is ReportKind.MONTHLY:
        if not args.month:
            raise UsageError("cli.usage", detail=zh_en("月报要写 --month", "a monthly report needs --month"),
                             usage=f"ykt report {args.report_command} monthly --month YYYY-MM")
        return kind, reports.month(args.month).label
    return kind, reports.summary_period(uow)


def _texts(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise InputRejected("report.bad_text_arg", text=item)
        if value.startswith("@"):
            path = Path(value[1:])
            try:
                value = path.read_text(encoding="utf-8-sig")
            except FileNotFoundError as exc:
                raise InputRejected("file.missing", path=str(path)) from exc
            except UnicodeDecodeError as exc:
                raise InputRejected("file.unreadable", reason=zh_en(f"{path}：不是 UTF-8 文本文件，请另存为 UTF-8",
                                                                    f"{path}: not a UTF-8 text file; save it as "
                                                                    "UTF-8")) from exc
            except OSError as exc:
                raise InputRejected("file.unreadable", reason=zh_en(f"{path}：{os_reason(exc)}",
                                                                    f"{path}: {os_reason(exc)}")) from exc
        out[key.strip()] = value
    return out


def _info_json(info: ReportInfo) -> dict[str, Any]:
    return {"kind": info.kind.value, "scope_kind": info.scope_kind, "scope": info.scope, "scope_name": info.scope_name,
            "period": info.period, "state": info.state.value, "made_at": info.made_at, "made_by": info.made_by,
            "data_head": info.data_head, "pdf_sha256": info.pdf_sha256, "signed_by": info.signed_by,
            "signed_at": info.signed_at, "certificate": info.certificate, "sent_on": info.sent_on,
            "sent_by": info.sent_by, "narrative": info.narrative}


def _make(args: argparse.Namespace) -> int:
    out: Path = args.out.expanduser()
    if out.suffix.lower() != ".pdf":
        raise UsageError("cli.usage", detail=zh_en("--out 应是 .pdf 文件", "--out must be a .pdf file"),
                         usage=f"ykt report {args.report_command} --out FILE.pdf [--sign]")
    if not out.expanduser().resolve().parent.is_dir():
        raise InputRejected("keys.no_folder", path=str(out))
    texts = _texts(args.text)
    app = bootstrap.open_app(args.db)
    try:
        signer = None
        if args.sign:
            authorize(app.actor, Action.SIGN)  # told before being asked for a passphrase
            if texts:
                authorize(app.actor, Action.REGISTER)  # writing the text is the clerk's; a reviewer signs it
            with app.reader() as uow:
                url = signing.timestamp_url(uow)
            signer = signing.open_signer(app.actor, app.keystore_path, Secrets().get(KEY_PASSPHRASE),
                                         signer_name=args.signer, timestamp_url=url)
        with app.uow() as uow:
            kind, period = _kind_period(args, uow)
            where = reports.scope(uow, org=args.org, department=args.department)
            made = reports.make(uow, app.actor, kind, where, period, narrative=texts, signer=signer)
            _write_then_commit(out, made.pdf, uow.commit)
    finally:
        app.close()
    info = made.info
    if signer is not None:
        say(message("report.signed", title=info.title, path=out, signer=info.signed_by,
                    fingerprint=certificates.grouped(info.certificate or "")[:23] + "…"))
        say(message("sign.not_legal_seal"))
    else:
        say(message("report.made", title=info.title, path=out))
    if args.json:
        emit_json({**_info_json(info), "file": str(out), "facts": dict(made.doc.facts)})
    return 0


def _write_then_commit(path: Path, data: bytes, commit: Callable[[], None]) -> None:
    try:
        write_bytes_atomically(path, data)
    except OSError as exc:
        raise InputRejected("report.write_failed", path=str(path), reason=os_reason(exc)) from exc
    try:
        commit()
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _text(args: argparse.Namespace) -> int:
    texts = _texts(args.text)
    if not texts:
        raise UsageError("cli.usage", detail=zh_en("没有要保存的文字", "no text to save"),
                         usage=zh_en("ykt report text monthly --month M --text progress=@进展.txt",
                                     "ykt report text monthly --month M --text progress=@progress.txt"))
    app = bootstrap.open_app(args.db)
    try:
        with app.uow() as uow:
            kind, period = _kind_period(args, uow)
            where = reports.scope(uow, org=args.org, department=args.department)
            info = reports.save_narrative(uow, app.actor, kind, where, period, texts)
            uow.commit()
    finally:
        app.close()
    say(message("report.text_saved", title=info.title, sections=zh_en("、", ", ").join(
        _section(kind, k) for k in texts if k in NARRATIVE[kind])))
    if args.json:
        emit_json(_info_json(info))
    return 0


def _sent(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    try:
        with app.uow() as uow:
            kind, period = _kind_period(args, uow)
            where = reports.scope(uow, org=args.org, department=args.department)
            day = parse_day(args.date, zh_en("报送日期", "date submitted")) if args.date else today(uow)
            info = reports.mark_sent(uow, app.actor, kind, where, period, day)
            uow.commit()
    finally:
        app.close()
    say(message("report.sent", title=info.title, day=info.sent_on))
    if args.json:
        emit_json(_info_json(info))
    return 0


def _list(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    try:
        with app.reader() as uow:
            items = reports.list_reports(uow, app.actor)
    finally:
        app.close()
    if args.json:
        emit_json([_info_json(i) for i in items])
        return 0
    print(table([zh_en("报告", "Report"), zh_en("状态", "State"), zh_en("生成", "Made by"),
                 zh_en("数据指纹", "Data fingerprint")],
                [(i.title, reports.describe_state(i), f"{i.made_by or '-'}", i.data_head or "-") for i in items]))
    return 0


def _timestamp(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    try:
        with app.uow() as uow:
            signing.set_timestamp_url(uow, app.actor, None if args.clear else args.url)
            uow.commit()
    finally:
        app.close()
    say(message("report.timestamp_cleared") if args.clear else message("report.timestamp_set", url=args.url))
    return 0


_SUBCOMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "monthly": _make, "summary": _make, "text": _text, "sent": _sent, "list": _list, "timestamp": _timestamp}


def run(args: argparse.Namespace) -> int:
    """Run `ykt report …`."""
    return _SUBCOMMANDS[args.report_command](args)


COMMANDS = {"report": run}
