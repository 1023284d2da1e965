"""`ykt`: argument parsing and printing only; the work is done by services (SPEC §10)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from yikatong_desktop import __version__, bootstrap
from yikatong_desktop.bootstrap.preferences import interface_language
from yikatong_desktop.cli import (
    backup_cmd,
    basics_cmd,
    checks_cmd,
    keys_cmd,
    ledger_cmd,
    notice_cmd,
    package_cmd,
    programs_cmd,
    records_cmd,
    report_cmd,
    rules_cmd,
    selfcheck_cmd,
    standards_cmd,
    users_cmd,
    verify_cmd,
)
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import zh_en
from yikatong_desktop.domain.clock import LOCAL_TZ, parse_clock
from yikatong_desktop.domain.column_mapping import parse_field
from yikatong_desktop.domain.errors import InputRejected, UsageError, YktError, exit_code_for
from yikatong_desktop.domain.headers import Field, normalize_header
from yikatong_desktop.domain.lists import ListKind
from yikatong_desktop.domain.messages import choose_language, message
from yikatong_desktop.domain.permissions import Action, Role
from yikatong_desktop.domain.privacy import mask_text
from yikatong_desktop.domain.values_errors import in_language
from yikatong_desktop.gui.page_names import page_choices, page_key
from yikatong_desktop.services import (
    audit,
    clue_import,
    demo,
    imports,
    list_imports,
    queries,
    roster_preview,
    setup,
    stats,
    templates,
    users,
)
from yikatong_desktop.services.secrets import KEY_PASSPHRASE, PASSWORD, USER, Secrets, login_credentials

log = logging.getLogger("yikatong.cli")
#: `--reason` of a status list in English → the word the lists write (the importer reads it).
_REASONS = {"deceased": "死亡", "moved-out": "迁出", "exited": "退出"}


class _Parser(argparse.ArgumentParser):
    def error(self, text: str) -> None:  # type: ignore[override]
        raise UsageError("cli.usage", detail=text, usage=self.format_usage().strip())


def _json_after_command(parser: argparse.ArgumentParser) -> None:
    """Also accept `--json` after the command, as SPEC §10 writes `ykt stats [--json]`."""
    parser.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help=zh_en("在标准输出打印机器可读的 JSON", "print machine-readable JSON on standard output"))


def build_parser() -> argparse.ArgumentParser:
    """Global options come before the command; the help is in the language of this run."""
    p = _Parser(prog="ykt", description=zh_en("惠民财政补贴资金“一卡通”专项整治",
                                              "Subsidy One Card special campaign"))
    p.add_argument("--db", help=zh_en("数据库文件或 URL（默认：用户数据文件夹；环境变量 YKT_DB）",
                                      "database file or URL (default: the user data folder; environment variable "
                                      "YKT_DB)"))
    p.add_argument("--json", action="store_true",
                   help=zh_en("在标准输出打印机器可读的 JSON", "print machine-readable JSON on standard output"))
    p.add_argument("--debug", action="store_true", help=zh_en("出错时显示技术细节", "show technical details on errors"))
    p.add_argument("--version", action="version", version=f"ykt {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    s = sub.add_parser("init", help=zh_en("创建本单位的数据库和密钥库", "create this office's database and keystore"))
    s.add_argument("--org", required=True, help=zh_en("单位代码", "office code"))
    s.add_argument("--name", required=True, help=zh_en("单位名称", "office name"))
    s.add_argument("--level", required=True, choices=[lv.value for lv in setup.INSTALL_LEVELS])
    s.add_argument("--parent", help=zh_en("上级单位代码", "code of the office above"))
    s.add_argument("--encrypt", action="store_true",
                   help=zh_en("加密数据库（SQLCipher）：同时用 YKT_USER/YKT_PASSWORD 创建第一个管理员，"
                              "以后凭任一用户的密码打开",
                              "encrypt the database (SQLCipher): also creates the first administrator from "
                              "YKT_USER/YKT_PASSWORD; any user's password opens it afterwards"))

    s = sub.add_parser("demo",
                       help=zh_en("生成演示数据库（含预置问题）", "build a demo database (with planted problems)"))
    s.add_argument("--persons", type=int, default=20000)
    s.add_argument("--seed", type=int, default=2019)
    s.add_argument("--encrypt", action="store_true",
                   help=zh_en("加密数据库（SQLCipher），第一个管理员取自 YKT_USER/YKT_PASSWORD",
                              "encrypt the database (SQLCipher); the first administrator comes from "
                              "YKT_USER/YKT_PASSWORD"))

    s = sub.add_parser("import", help=zh_en("导入花名册和名单", "import rosters and lists"))
    s.add_argument("kind", choices=["roster", *(k.value for k in ListKind), "clues"], metavar="KIND",
                   help=zh_en("roster 花名册；status 死亡/迁出/退出；staff 财政供养人员；cadres 村干部及近亲属；"
                              "eligible 应享名单；allocations 资金拨付；bank-return 银行代发回盘；"
                              "field-checks 入户核查；clues 问题线索清单（每行登记为一个问题）",
                              "roster: a roster; status: deceased/moved out/exited; staff: state-paid staff; "
                              "cadres: village cadres and close relatives; eligible: eligible list; "
                              "allocations: fund allocations; bank-return: bank payment returns; "
                              "field-checks: field checks; clues: a list of problem leads (each row registered "
                              "as a problem)"))
    s.add_argument("file", type=Path)
    s.add_argument("--program", help=zh_en("文件中没有“补贴项目”列时，用这个项目（代码、名称或简称）",
                                           "the program when the file has no subsidy program column (code, name "
                                           "or short name)"))
    s.add_argument("--period", help=zh_en("文件中没有“补贴期间/年度”列时，用这个期间（2018、2018-03、2018Q1）",
                                          "the period when the file has no period/year column (2018, 2018-03, "
                                          "2018Q1)"))
    s.add_argument("--errors", type=Path, help=zh_en("把被拒绝的行写入这个 .xlsx（原样各列 + 错误原因）",
                                                     "write the rejected rows to this .xlsx (their columns as "
                                                     "given + the reason)"))
    s.add_argument("--dry-run", action="store_true",
                   help=zh_en("只检查并报告，不保存任何数据", "only check and report; store nothing"))
    s.add_argument("--strict", action="store_true",
                   help=zh_en("只要有一行被拒绝，整个文件都不导入",
                              "import nothing of the file if any row is rejected"))
    s.add_argument("--replaces", metavar="BATCH",
                   help=zh_en("这是批次 BATCH 的更正文件：新文件里没有的旧行作废",
                              "this file corrects batch BATCH: old rows missing from it are voided"))
    s.add_argument("--reason", help=zh_en("status 名单没有“事由”列时：死亡、迁出 或 退出",
                                          "when a status list has no reason column: deceased, moved-out or "
                                          "exited"))
    s.add_argument("--column", action="append", default=[], metavar=zh_en("标题=含义", "TITLE=FIELD"),
                   help=zh_en("改正某列的对应，如 金额=应发金额、金额=不导入（可重复）",
                              "fix what a column holds, e.g. TITLE=due or TITLE=none to leave it out "
                              "(repeatable)"))
    s.add_argument("--remember", action="store_true",
                   help=zh_en("记住这些改正：同一部门、同样表头的文件以后自动沿用（图形界面的“确认对应关系”）",
                              "remember these fixes: later files of the same department with the same header "
                              "use them (\"confirm the mapping\" in the GUI)"))

    s = sub.add_parser("batch", help=zh_en("导入批次：列出、作废", "import batches: list, void"))
    b = s.add_subparsers(dest="batch_command", metavar="SUBCOMMAND", parser_class=_Parser)
    b.required = True
    b.add_parser("list", help=zh_en("列出导入批次", "list the import batches"))
    v = b.add_parser("void", help=zh_en("作废整个导入批次（文件错了、项目错了）",
                                        "void a whole import batch (wrong file, wrong program)"))
    v.add_argument("uid")
    v.add_argument("--reason", required=True)

    s = sub.add_parser("template", help=zh_en("生成空白的标准模板", "write a blank standard template"))
    s.add_argument("kind", help=zh_en("roster = 补贴发放花名册；clues = 问题线索清单；以及各类名单（同 import）",
                                      "roster = subsidy payment roster; clues = list of problem leads; and each "
                                      "kind of list (as for import)"))
    s.add_argument("--out", type=Path, required=True)

    s = sub.add_parser("stats",
                       help=zh_en("各类记录的数量和内容摘要", "count and content digest of each kind of record"))
    _json_after_command(s)

    s = sub.add_parser("migrate", help=zh_en("把整个数据库复制到另一处：SQLite 文件 ↔ PostgreSQL 服务器",
                                             "copy the whole database elsewhere: SQLite file <-> PostgreSQL "
                                             "server"))
    s.add_argument("--from", dest="source", metavar="URL",
                   help=zh_en("源数据库（文件或 URL；默认 --db）", "source database (file or URL; default --db)"))
    s.add_argument("--to", dest="target", metavar="URL", required=True,
                   help=zh_en("新数据库（文件或 postgresql+psycopg://用户@主机/库名；必须尚未初始化）",
                              "new database (file or postgresql+psycopg://user@host/dbname; must not be "
                              "initialised yet)"))

    backup_cmd.add_parsers(sub)

    s = sub.add_parser("audit", help=zh_en("审计日志", "audit log"))
    a = s.add_subparsers(dest="audit_command", metavar="SUBCOMMAND", parser_class=_Parser)
    a.required = True
    _json_after_command(a.add_parser("verify", help=zh_en("核验审计链", "verify the audit chains")))
    ls = a.add_parser("list", help=zh_en("列出审计事件（最新的在前；详情已脱敏）",
                                         "list audit events (newest first; details masked)"))
    ls.add_argument("--user", help=zh_en("只看这个用户（或 os:用户名）的事件",
                                         "only the events of this user (or os:username)"))
    ls.add_argument("--since",
                    help=zh_en("从这一天（或时刻）起，如 2019-07-01", "from this day (or time) on, e.g. 2019-07-01"))
    ls.add_argument("--object", dest="object_ref",
                    help=zh_en("关于这个对象：类型（payments、users…）或 UID 的前几位",
                               "about this object: a kind (payments, users...) or the first characters of a UID"))
    ls.add_argument("--action", help=zh_en("动作或其前缀：import、user、finding.dismiss…",
                                           "an action or its prefix: import, user, finding.dismiss..."))
    ls.add_argument("--limit", type=_positive,
                    help=zh_en("最多列出多少条（默认全部）", "list at most this many (default all)"))
    _json_after_command(ls)

    standards_cmd.add_parser(sub)
    programs_cmd.add_parser(sub)
    checks_cmd.add_parsers(sub)
    basics_cmd.add_parser(sub)
    rules_cmd.add_parser(sub)
    verify_cmd.add_parsers(sub)
    users_cmd.add_parser(sub)
    ledger_cmd.add_parsers(sub)
    selfcheck_cmd.add_parser(sub)
    notice_cmd.add_parsers(sub)
    keys_cmd.add_parsers(sub)
    report_cmd.add_parsers(sub)
    package_cmd.add_parsers(sub)

    s = sub.add_parser("gui", help=zh_en("打开图形界面", "open the graphical interface"))
    s.add_argument("--page",
                   help=zh_en("打开的页面（中文标题或英文名）", "the page to open (its Chinese title or English name)"))
    s.add_argument("--screenshot", type=Path, help=zh_en("不显示窗口，把页面截图保存为 PNG",
                                                         "show no window; save a screenshot of the page as PNG"))
    s.add_argument("--texts", type=Path, help=zh_en("与 --screenshot 同用：把窗口上的文字另存为 JSON"
                                                    "（查问题、核对语言用）",
                                                    "with --screenshot: also save the window's texts as JSON "
                                                    "(for support, and to check the language)"))
    s.add_argument("--open", dest="open_files", type=Path, nargs="+", default=[], metavar="FILE.ykt",
                   help=zh_en("打开“数据交换”页并预览这些数据包（双击 .ykt 文件时）",
                              "open the data exchange page with these packages previewed (a double-clicked .ykt)"))
    records_cmd.add_parsers(sub)
    return p


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(zh_en("应为正整数", "must be a positive integer"))
    return value


def _first_admin() -> tuple[str, str]:
    """`--encrypt`: the first admin, the one whose password opens the database from the start."""
    return Secrets().get(USER), Secrets().get(PASSWORD, confirm=True)


def _add_first_admin(app: bootstrap.App, admin: tuple[str, str] | None) -> None:
    if admin is not None:
        with app.uow() as uow:
            users.add_user(uow, app.actor, admin[0], Role.ADMIN, admin[1])
            uow.commit()


def _cmd_init(args: argparse.Namespace) -> int:
    passphrase = Secrets().get(KEY_PASSPHRASE, confirm=True)
    admin = _first_admin() if args.encrypt else None

    def seed(app: bootstrap.App) -> None:
        with app.uow() as uow:
            setup.initialise(uow, app.actor, code=args.org, name=args.name, level=args.level,
                             parent_code=args.parent)
            uow.commit()
        _add_first_admin(app, admin)

    app = bootstrap.create_app(args.db, passphrase, org_code=args.org, org_name=args.name, seed=seed,
                               encrypt=admin)
    app.close()
    say(message("init.done", name=args.name, code=args.org, path=app.location.display))
    if args.json:
        emit_json({"org": args.org, "database": app.location.display, "keystore": str(app.keystore_path)})
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    if args.persons < demo.MIN_PERSONS:
        raise UsageError("cli.usage",
                         detail=zh_en(f"--persons 至少 {demo.MIN_PERSONS}（人数太少，无法为每条规则预置问题）",
                                      f"--persons at least {demo.MIN_PERSONS} (too few persons to plant "
                                      "problems for every rule)"),
                         usage="ykt demo [--persons N] [--seed S]")
    started = time.monotonic()
    say(message("demo.passphrase"))
    result: dict[str, object] = {}

    admin = _first_admin() if args.encrypt else None

    def seed(app: bootstrap.App) -> None:
        result.update(demo.build_demo(app.uow, app.actor, persons=args.persons, seed=args.seed))
        _add_first_admin(app, admin)

    app = bootstrap.create_app(args.db, demo.DEMO_PASSPHRASE, org_code=demo.DEMO_ORG[0],
                               org_name=demo.DEMO_ORG[1], clock=demo.demo_clock(), seed=seed, encrypt=admin)
    app.close()
    manifest = demo.write_manifest(app.location.path, result) if app.location.path else None
    say(message("demo.done", path=app.location.display, persons=result["persons"],
                payments=result["payments"], seconds=f"{time.monotonic() - started:.1f}"))
    if args.json:
        emit_json({"database": app.location.display, "manifest": str(manifest) if manifest else None,
                   "persons": result["persons"], "payments": result["payments"]})
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    if args.reason is not None and args.kind != ListKind.STATUS.value:
        raise UsageError("cli.usage", detail=zh_en("--reason 只用于 status 名单", "--reason is for status lists only"),
                         usage=zh_en("ykt import status FILE --reason 死亡",
                                     "ykt import status FILE --reason deceased"))
    if (args.column or args.remember) and args.kind != "roster":
        raise UsageError("cli.usage", detail=zh_en("--column 和 --remember 只用于 roster 花名册",
                                                   "--column and --remember are for rosters only"),
                         usage=zh_en("ykt import roster FILE --column 标题=含义 [--remember]",
                                     "ykt import roster FILE --column TITLE=FIELD [--remember]"))
    if args.reason is not None:
        args.reason = _REASONS.get(args.reason.strip().lower(), args.reason)
    if args.kind == "clues":
        return _import_clues(args)
    columns = dict(_column(text) for text in args.column)
    app = bootstrap.open_app(args.db)
    try:
        if not args.dry_run:
            app.backup(f"before-import-{args.kind}", before=Action.IMPORT)  # SPEC §9: a way back from a wrong file
        with app.uow() as uow:
            if args.kind != "roster":
                report = list_imports.import_list(uow, app.actor, ListKind(args.kind), args.file,
                                                  program=args.program, period=args.period, reason=args.reason,
                                                  dry_run=args.dry_run, strict=args.strict, replaces=args.replaces)
            else:
                if args.remember:
                    shown = roster_preview.preview_roster(uow, app.actor, args.file, program=args.program,
                                                          columns=columns)
                    roster_preview.confirm_columns(uow, app.actor, shown, shown.choices())
                report = imports.import_roster(uow, app.actor, args.file, program=args.program, period=args.period,
                                               dry_run=args.dry_run, strict=args.strict, replaces=args.replaces,
                                               columns=columns)
            if args.remember or not (report.dry_run or report.already_imported):
                uow.commit()  # what --remember confirmed is kept even when the import itself stores nothing
    finally:
        app.close()
    if report.already_imported:
        say(message("import.already", file=report.file))
    else:
        for sheet, mapping in report.mapping.items():
            where = (zh_en(f"工作表“{sheet}”", f"Sheet “{sheet}”") if sheet else zh_en("文件", "The file"))
            remembered = set(report.remembered.get(sheet, ()))
            say(zh_en(f"{where}各列的对应：", f"{where}, columns: ")
                + zh_en("，", ", ").join(f"{t.strip()}→{f}" + (message("mapping.remembered") if t in remembered else "")
                                        for t, f in mapping.items()))
        for sheet, reason in report.sheets_skipped:
            say(zh_en(f"跳过工作表“{sheet}”：{reason}", f"Sheet “{sheet}” skipped: {in_language(reason)}"))
        for issue in report.issues:
            say((zh_en("拒绝 ", "Rejected ") if issue.rejected else zh_en("提示 ", "Note ")) + issue.describe())
        for note in report.notes:
            say(in_language(note))
        if args.kind == "roster":
            summary = message("import.summary", rows=report.rows_total, accepted=report.accepted,
                              warned=report.warned, rejected=report.rejected, inserted=report.inserted,
                              updated=report.updated, unchanged=report.unchanged,
                              yuan=f"{report.paid_total_fen / 100:,.2f}")
        else:
            summary = message("import.list_summary", rows=report.rows_total, accepted=report.accepted,
                              warned=report.warned, rejected=report.rejected, inserted=report.inserted,
                              updated=report.updated, unchanged=report.unchanged, persons=report.persons_new)
        if args.kind == ListKind.BANK_RETURN.value:
            summary += message("import.bank_matched", matched=report.matched,
                               unmatched=report.accepted - report.matched)
        say(summary + (zh_en("（试运行，未保存）", " (dry run, nothing stored)") if report.dry_run else ""))
        if report.issues:
            say(zh_en("按原因：", "By reason: ") + report.reasons_text())
        for program in report.new_programs:
            say(message("import.new_program", program=program))
        standards_cmd.say_proposals(report)
        if args.errors is not None and report.rejected:
            imports.write_error_workbook(args.errors, report)
            say(message("import.errors_written", path=args.errors, count=report.rejected))
    if args.json:
        emit_json({"file": report.file, "sha256": report.sha256, "already_imported": report.already_imported,
                   "dry_run": report.dry_run, "rows": report.rows_total, "accepted": report.accepted,
                   "warned": report.warned, "rejected": report.rejected, "inserted": report.inserted,
                   "updated": report.updated, "unchanged": report.unchanged,
                   "paid_total_fen": report.paid_total_fen, "mapping": report.mapping, "kind": report.list_kind,
                   "batch": report.batch_uid, "persons_new": report.persons_new, "matched": report.matched,
                   "notes": report.notes, "remembered": report.remembered, "department": report.department,
                   "standards": [{"uid": None if report.dry_run else s.uid, "program": s.program_code,
                                  "year": s.year, "tier": s.tier, "amount_fen": s.amount_fen, "rows": s.rows}
                                 for s in report.standards],
                   "issues": [{"sheet": i.sheet, "row": i.row, "column": i.column, "message": i.message,
                               "rejected": i.rejected} for i in report.issues]})
    return 0


def _import_clues(args: argparse.Namespace) -> int:
    """`ykt import clues FILE`: every row a problem of the ledger, or none of them."""
    app = bootstrap.open_app(args.db)
    try:
        if not args.dry_run:
            app.backup("before-import-clues", before=Action.REGISTER)
        with app.uow() as uow:
            done = clue_import.import_clues(uow, app.actor, args.file, dry_run=args.dry_run)
            if not (done.dry_run_or_nothing()):
                uow.commit()
    finally:
        app.close()
    if done.already_imported:
        say(message("clues.already", file=done.file))
    elif done.registered:
        say(message("clues.done", rows=len(done.registered), first=done.registered[0], last=done.registered[-1]))
    else:
        say(zh_en(f"{done.file}：{done.rows} 条线索均可登记（试运行，未保存）",
                  f"{done.file}: all {done.rows} leads can be registered (dry run, nothing stored)"))
    if args.json:
        emit_json({"file": done.file, "rows": done.rows, "registered": done.registered,
                   "already_imported": done.already_imported, "dry_run": args.dry_run})
    return 0


def _column(text: str) -> tuple[str, Field | None]:
    """`--column 标题=含义`: the title as the importer compares it, and the field (None: 不导入)."""
    title, sep, meaning = text.partition("=")
    if not sep or not title.strip():
        raise UsageError("mapping.bad_column", text=text)
    return normalize_header(title), parse_field(meaning)


def _cmd_batch(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    try:
        if args.batch_command == "void":
            with app.uow() as uow:
                count = imports.void_batch(uow, app.actor, args.uid, args.reason)
                uow.commit()
            say(message("batch.void_done", uid=args.uid, count=count))
            return 0
        with app.reader() as uow:
            rows = queries.import_history(uow, app.actor)
    finally:
        app.close()
    if args.json:
        emit_json(rows)
    else:
        print(table([zh_en("批次", "Batch"), zh_en("文件", "File"), zh_en("导入时间(UTC)", "Imported (UTC)"),
                     zh_en("操作人", "By"), zh_en("行数", "Rows"), zh_en("接受", "Accepted"),
                     zh_en("拒绝", "Rejected"), zh_en("状态", "Status")],
                    [(r["uid"], r["file_name"], f"{r['imported_at']:%Y-%m-%d %H:%M}", r["actor"], r["rows_total"],
                      r["rows_accepted"], r["rows_rejected"],
                      zh_en("已作废", "voided") if r["voided"] else zh_en("有效", "valid")) for r in rows]))
    return 0


def _cmd_template(args: argparse.Namespace) -> int:
    folder = args.out.expanduser().resolve().parent
    if not folder.is_dir():
        raise InputRejected("db.dir_missing", path=str(args.out))
    if args.kind == "clues":
        clue_import.write_clue_template(args.out)
    else:
        templates.write_template(args.kind, args.out)
    say(message("template.done", path=args.out))
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    with app.reader() as uow:
        rows = stats.stats(uow, app.actor)
    app.close()
    if args.json:
        emit_json({r.kind: {"count": r.count, "digest": r.digest} for r in rows})
    else:
        print(table(_stats_headers(), [(r.kind, r.count, r.digest) for r in rows]))
    return 0


def _stats_headers() -> list[str]:
    return [zh_en("记录类型", "Kind"), zh_en("数量", "Count"), zh_en("摘要", "Digest")]


def _cmd_migrate(args: argparse.Namespace) -> int:
    shown: dict[str, int] = {}

    def progress(table_name: str, done: int, total: int) -> None:
        if done == total and shown.get(table_name) != done:
            shown[table_name] = done
            say(zh_en(f"  {table_name}: {done:,} 行", f"  {table_name}: {done:,} rows"))

    done = bootstrap.migrate_installation(args.source or args.db, args.target, progress)
    say(message("migrate.done", target=done.target, rows=f"{sum(done.tables.values()):,}"))
    if args.json:
        emit_json({"source": done.source, "target": done.target, "tables": done.tables,
                   "stats": {kind: {"count": n, "digest": d} for kind, n, d in done.digests}})
    else:
        print(table(_stats_headers(), done.digests))
    return 0


def _cmd_audit(args: argparse.Namespace) -> int:
    if args.audit_command == "list":
        return _audit_list(args)
    app = bootstrap.open_app(args.db)
    with app.reader() as uow:
        report = audit.verify_chains(uow, app.recorded_head, app.own_orgs())
    app.close()
    if args.json:
        emit_json({"ok": report.ok, "chains": report.chains,
                   "broken": None if report.broken is None else {
                       "org": report.broken.org, "seq": report.broken.seq, "row": report.broken.row,
                       "kind": report.broken.kind, "message": report.broken.describe()}})
    if report.broken is not None:
        say(report.broken.describe())
        return 3
    for org, chain in report.chains.items():
        say(f"{org}: " + message("audit.ok", count=chain["events"], seq=chain["head_seq"],
                                 head=(chain["head"] or "-")[:16]))
        recorded = chain["recorded_head_seq"]
        if recorded is not None and recorded < chain["head_seq"]:
            # The table is ahead of the keystore: a head was not published (crash, full disk).
            say(message("audit.head_behind", recorded=recorded, newer=chain["head_seq"] - recorded))
    return 0


def _audit_list(args: argparse.Namespace) -> int:
    since = None
    if args.since:
        try:
            moment = args.since if "T" in args.since or " " in args.since else f"{args.since}T00:00:00"
            since = parse_clock(moment).now()
        except ValueError as exc:
            raise UsageError("cli.usage", detail=zh_en(f"--since “{args.since}” 不是日期",
                                                       f"--since “{args.since}” is not a date"),
                             usage="ykt audit list --since 2019-07-01") from exc
    app = bootstrap.open_app(args.db)
    try:
        with app.reader() as uow:
            events = audit.list_events(uow, app.actor, user=args.user, since=since, object_ref=args.object_ref,
                                       action=args.action, limit=args.limit)
    finally:
        app.close()
    if args.json:
        emit_json([{"org": e.org_code, "seq": e.seq, "at": e.at.isoformat() if e.at else None, "actor": e.actor,
                    "action": e.action, "object_kind": e.object_kind, "object_uid": e.object_uid,
                    "detail": e.detail} for e in events])
    else:
        unreadable = zh_en("（无法读取）", "(unreadable)")
        print(table([zh_en("时间", "Time"), zh_en("用户", "User"), zh_en("动作", "Action"), zh_en("对象", "Object"),
                     zh_en("详情", "Details")],
                    [(f"{e.at.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M:%S}" if e.at else unreadable, e.actor, e.action,
                      f"{e.object_kind or ''} {(e.object_uid or '')[:8]}".strip(),
                      _short(json.dumps(e.detail, ensure_ascii=False, sort_keys=True) if e.detail is not None
                             else unreadable)) for e in events]))
    return 0


def _short(text: str, width: int = 80) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _cmd_gui(args: argparse.Namespace) -> int:
    page = "dashboard"
    if args.page is not None:
        key = page_key(args.page)
        if key is None:
            raise UsageError("page.unknown", name=args.page, choices=page_choices())
        page = key
    screenshot = args.screenshot
    if args.texts is not None and screenshot is None:
        raise UsageError("gui.texts_without_screenshot")
    if screenshot is not None:
        folder = screenshot.expanduser().resolve().parent
        if not folder.is_dir() or not os.access(folder, os.W_OK):
            raise InputRejected("gui.screenshot_unwritable", path=str(screenshot))
    linux = sys.platform.startswith("linux")
    headless = linux and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if headless and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        # No screen: render offscreen instead of letting Qt abort.
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        if screenshot is None:
            where = bootstrap.resolve_location(args.db)
            base = where.path.parent if where.path else bootstrap.data_dir()
            screenshot = base / "screenshot.png"
            say(message("gui.no_display", path=screenshot))
    from yikatong_desktop.gui.app import run_gui, show_startup_error

    # What is said before the window opens is in the language chosen in 设置 too.
    choose_language(interface_language())
    try:
        opened = _open_for_gui(args, screenshot)
    except YktError as exc:
        if screenshot is None:
            show_startup_error(exc)  # the desktop program has no console to read it on
        raise
    if opened is None:
        return 0  # the login was cancelled: nothing opens
    app = opened
    return run_gui(app, page=page, screenshot=screenshot, texts=args.texts,
                   open_files=[f.expanduser().resolve() for f in args.open_files])



def _open_for_gui(args: argparse.Namespace, screenshot: Path | None) -> bootstrap.App | None:
    """The installation the window shows (None: the person cancelled the login)."""
    from yikatong_desktop.gui.app import unlock

    if not bootstrap.is_encrypted(args.db):
        return bootstrap.open_app(args.db)
    # Only a password opens it: from YKT_USER/YKT_PASSWORD when set (screenshots, scripts), else asked.
    name, password = os.environ.get(USER), os.environ.get(PASSWORD)
    if name and password:
        return bootstrap.open_app(args.db, credentials=(name, password))
    if screenshot is not None:
        raise InputRejected("db.encrypted_login")  # nobody to type into a dialog nobody sees
    return unlock(args.db)


COMMANDS = {
    "init": _cmd_init, "demo": _cmd_demo, "import": _cmd_import, "batch": _cmd_batch, "template": _cmd_template,
    "stats": _cmd_stats, "migrate": _cmd_migrate, "audit": _cmd_audit, "gui": _cmd_gui,
    "standards": standards_cmd.run,
    "program": programs_cmd.run, **checks_cmd.COMMANDS, **verify_cmd.COMMANDS,
    "basics": basics_cmd.run, "rules": rules_cmd.run, "user": users_cmd.run,
    **records_cmd.COMMANDS, **backup_cmd.COMMANDS, **ledger_cmd.COMMANDS, "selfcheck": selfcheck_cmd.run,
    **notice_cmd.COMMANDS, **keys_cmd.COMMANDS, **report_cmd.COMMANDS, **package_cmd.COMMANDS,
}


def _print_traceback() -> None:
    """--debug: the technical details on stderr, masked like the log (SPEC §9): a database error quotes
    the row it refused, and such output is what gets pasted into a support request."""
    print(mask_text(traceback.format_exc()), end="", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 ok, 2 usage, 3 refused, 1 bug)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        bootstrap.configure_logging(debug)
    except OSError:
        pass
    try:
        args = build_parser().parse_args(argv)
        # Once a database has users, a command acts as the one YKT_USER/YKT_PASSWORD (or a prompt)
        # names; the GUI asks in its login dialog instead.
        bootstrap.use_credentials(None if args.command == "gui" else login_credentials)
        try:
            code = COMMANDS[args.command](args)
        finally:
            bootstrap.use_credentials(None)
        sys.stdout.flush()  # a closed pipe surfaces here, not at interpreter exit
        return code
    except YktError as exc:
        say(exc.text())
        if debug:
            _print_traceback()
        return exc.exit_code
    except KeyboardInterrupt:
        say(zh_en("已取消。", "Cancelled."))
        return 130
    except BrokenPipeError:
        # The reader went away (`ykt stats --json | head`): not a bug. Silence the
        # final flush at exit and end like a tool stopped by SIGPIPE (128 + 13).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:  # a bug: full details to the log, a short apology to the user
        log.exception("unexpected error")
        say(message("bug", log=bootstrap.log_path()))
        if debug:
            _print_traceback()
        return exit_code_for(exc)
