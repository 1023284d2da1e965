"""`ykt notice …`: 公示 lists made, listed, reprinted, posted, objected to and checked (SPEC §7, §10).

Making a notice is one transaction that also writes its paper: the notice is built, its files are
written, and only then is it committed. A file that cannot be written leaves nothing recorded (no
notice without its paper); a commit that fails removes the files written (no paper without its notice).
"""

from __future__ import annotations

import argparse
import os
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import english, json_flag, zh_en
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.notices import DEFAULT_DAYS, NoticeDoc
from yikatong_desktop.services import notices
from yikatong_desktop.services.ledger_moves import today
from yikatong_desktop.services.orgs import catalogue_programs

_BESIDE = "\0beside"  # `--xlsx` without a file name: beside the PDF (or in --out-dir)
#: Coverage statuses in the order they are listed: what needs doing first.
_COVERAGE_ORDER = {status: i for i, status in enumerate(notices.COVERAGE_STATUSES)}
#: The statuses the services compute, in English.
_COVERAGE_EN = dict(zip(notices.COVERAGE_STATUSES, ("no notice", "not posted", "partly", "posted too late",
                                                    "publicised"), strict=True))
_STATUS_EN = {"未张贴": "not posted", "公示中": "running", "公示期满": "ended"}
_MAKE_USAGE = ("ykt notice make --village V --program P --period P --start DATE --out F.pdf [--xlsx F.xlsx]\n"
               "ykt notice make --township T --program P --period P --start DATE --out-dir DIR [--xlsx]")


def _limit(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(zh_en("应为正整数", "must be a positive integer"))
    return value


def _status_word(status: str) -> str:
    """A notice's or a coverage row's status as shown: the service's word, or its English."""
    return _STATUS_EN.get(status, _COVERAGE_EN.get(status, status)) if english() else status


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`notice` on the main parser's subcommands."""
    s = sub.add_parser("notice", help=zh_en("公示：制作、列出、重印、登记张贴和异议、核对纸面公示",
                                            "public notices: make, list, reprint, register posting and objections, "
                                            "check a paper notice"))
    n = s.add_subparsers(dest="notice_command", metavar="SUBCOMMAND", parser_class=type(s))
    n.required = True
    program = zh_en("补贴项目", "subsidy program")
    period = zh_en("补贴期间：2018、2018-03、2018Q1", "period: 2018, 2018-03, 2018Q1")
    landscape = zh_en("A4 横向", "A4 landscape")

    mk = n.add_parser("make", help=zh_en("制作公示（一个村；或 --township 为乡镇的每个有发放的村各制作一份）",
                                         "make a notice (one village; or with --township one for each village of "
                                         "the township with payments)"))
    where = mk.add_mutually_exclusive_group(required=True)
    where.add_argument("--village", help=zh_en("村（社区）：代码或完整名称", "village (community): code or full name"))
    where.add_argument("--township", help=zh_en("乡镇：代码或完整名称（批量：每个有发放的村一份）",
                                                "township: code or full name (in bulk: one for each village with "
                                                "payments)"))
    mk.add_argument("--program", action="append", required=True, metavar="P",
                    help=zh_en("补贴项目（代码、名称或简称；可重复：一份公示列多个项目）",
                               "subsidy program (code, name or short name; repeatable: one notice lists several "
                               "programs)"))
    mk.add_argument("--period", required=True, help=period)
    mk.add_argument("--start", required=True, help=zh_en("公示开始日期，如 2019-05-10（可以是过去的日期）",
                                                         "first day of the notice, e.g. 2019-05-10 (may be in the "
                                                         "past)"))
    mk.add_argument("--days", type=int, default=DEFAULT_DAYS,
                    help=zh_en(f"公示天数（至少 7 天，默认 {DEFAULT_DAYS}）",
                               f"days of the notice period (at least 7, default {DEFAULT_DAYS})"))
    mk.add_argument("--out", type=Path, help=zh_en("写入这个 .pdf（一个村）", "write this .pdf (one village)"))
    mk.add_argument("--out-dir", type=Path, help=zh_en("写入这个文件夹：<村名>_<编号>.pdf（--township）",
                                                       "write into this folder: <village>_<number>.pdf "
                                                       "(--township)"))
    mk.add_argument("--xlsx", nargs="?", const=_BESIDE, metavar="FILE.xlsx",
                    help=zh_en("同时写入 Excel：一个村时写入这个 .xlsx（不写文件名则放在 PDF 旁边）；"
                               "--township 时每个村一个，放在 --out-dir",
                               "also write Excel: for one village this .xlsx (without a file name, beside the "
                               "PDF); with --township one for each village, in --out-dir"))
    mk.add_argument("--preparer", default="", help=zh_en("制表人（不填则留空，手写签名）",
                                                         "prepared by (left blank for a handwritten signature if "
                                                         "not given)"))
    mk.add_argument("--reviewer", default="", help=zh_en("审核人（不填则留空，手写签名）",
                                                         "reviewed by (left blank for a handwritten signature if "
                                                         "not given)"))
    mk.add_argument("--landscape", action="store_true", help=landscape)
    mk.add_argument("--json", **json_flag())

    ls = n.add_parser("list", help=zh_en("列出公示：编号、村、项目、期间、公示期、行数、金额、状态、张贴日期、异议",
                                         "list notices: number, village, programs, period, notice period, rows, "
                                         "amount, status, posting date, objections"))
    ls.add_argument("--org", help=zh_en("村或乡镇（代码或名称；乡镇含其各村）",
                                        "village or township (code or name; a township with its villages)"))
    posted = ls.add_mutually_exclusive_group()
    posted.add_argument("--posted", dest="posted", action="store_const", const=True,
                        help=zh_en("只列已张贴的", "only the posted ones"))
    posted.add_argument("--unposted", dest="posted", action="store_const", const=False,
                        help=zh_en("只列未张贴的", "only the ones not posted"))
    ls.add_argument("--period", help=period)
    ls.add_argument("--limit", type=_limit,
                    help=zh_en("最多列出多少份（默认全部）", "list at most this many (default all)"))
    ls.add_argument("--json", **json_flag())

    cv = n.add_parser("coverage", help=zh_en("有发放的村、项目和期间是否都有公示（无公示、未张贴的列在前面）",
                                             "whether every village, program and period with payments has a notice "
                                             "(those without a notice, or not posted, first)"))
    cv.add_argument("--org", help=zh_en("村或乡镇（代码）", "village or township (code)"))
    cv.add_argument("--program", help=program)
    cv.add_argument("--period", help=zh_en("补贴期间", "period"))
    cv.add_argument("--limit", type=_limit,
                    help=zh_en("最多列出多少行（默认全部）", "list at most this many rows (default all)"))
    cv.add_argument("--json", **json_flag())

    pr = n.add_parser("print", help=zh_en("重印已制作的公示（编号和指纹不变）",
                                          "reprint a notice already made (same number and fingerprint)"))
    pr.add_argument("number", help=zh_en("公示编号，如 GS2019-0001", "notice number, e.g. GS2019-0001"))
    pr.add_argument("--out", type=Path, required=True, help=zh_en("写入这个 .pdf", "write this .pdf"))
    pr.add_argument("--xlsx", nargs="?", const=_BESIDE, metavar="FILE.xlsx",
                    help=zh_en("同时写入 Excel", "also write Excel"))
    pr.add_argument("--landscape", action="store_true", help=landscape)

    po = n.add_parser("posted",
                      help=zh_en("登记张贴：日期、张贴人、照片", "register the posting: date, by whom, photo"))
    po.add_argument("number")
    po.add_argument("--date", required=True, help=zh_en("张贴日期", "date posted"))
    po.add_argument("--by", default="", help=zh_en("张贴人（默认当前用户）", "posted by (default the current user)"))
    po.add_argument("--photo", type=Path,
                    help=zh_en("张贴照片（.jpg/.png/.pdf）", "photo of the posting (.jpg/.png/.pdf)"))
    po.add_argument("--json", **json_flag())

    ob = n.add_parser("objection", help=zh_en("登记公示期内收到的异议（登记为渠道“公示异议”的举报）",
                                              "register an objection received in the notice period (registered as "
                                              "a complaint of the channel \"objection to a notice\")"))
    ob.add_argument("number")
    ob.add_argument("--content", required=True, help=zh_en("异议内容", "content of the objection"))
    ob.add_argument("--person", action="append", required=True, metavar="P",
                    help=zh_en("异议涉及的人：公示上的序号、姓名或打码后的身份证号（可重复）",
                               "a person the objection concerns: number on the notice, name or masked ID number "
                               "(repeatable)"))
    ob.add_argument("--date", help=zh_en("收到异议的日期（默认今天；须在公示期内）",
                                         "date the objection was received (default today; within the notice "
                                         "period)"))
    ob.add_argument("--complainant", default="",
                    help=zh_en("异议人（不填则匿名）", "objector (anonymous if not given)"))
    ob.add_argument("--contact", default="", help=zh_en("异议人联系方式", "objector's contact"))
    ob.add_argument("--anonymous", action="store_true", help=zh_en("匿名", "anonymous"))
    ob.add_argument("--json", **json_flag())

    ck = n.add_parser("check", help=zh_en("核对纸面公示：指纹与记录是否相符，数据是否改变（不符时退出码 3）",
                                          "check a paper notice: does the fingerprint match the record, has the "
                                          "data changed (exit code 3 if not right)"))
    ck.add_argument("number", help=zh_en("公示编号，或二维码的内容 YKTGS|单位|编号|指纹",
                                         "notice number, or the QR code's content YKTGS|office|number|fingerprint"))
    ck.add_argument("--fingerprint", help=zh_en("纸面上印的指纹，如 D3A2-91BC-0D4E",
                                                "the fingerprint printed on the paper, e.g. D3A2-91BC-0D4E"))
    ck.add_argument("--json", **json_flag())


# --- files --------------------------------------------------------------------------------------------------

def _refuse_kind(path: Path, suffix: str, usage: str) -> None:
    if path.suffix.lower() != suffix:
        raise UsageError("cli.usage", detail=zh_en(f"{path}：只能写入 {suffix} 文件", f"{path}: only a {suffix} file "
                                                   "can be written"), usage=usage)


def _refuse_unwritable(folder: Path, shown: Path) -> None:
    folder = folder.expanduser().resolve()
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise InputRejected("notice.out_unwritable", path=str(shown))


def _xlsx_beside(pdf: Path, given: str | None, usage: str) -> Path | None:
    """The --xlsx file of a single notice: as given, or beside the PDF when no name was given."""
    if given is None:
        return None
    if given == _BESIDE:
        return pdf.with_suffix(".xlsx")
    xlsx = Path(given)
    _refuse_kind(xlsx, ".xlsx", usage)
    _refuse_unwritable(xlsx.parent, xlsx)
    return xlsx


def _safe_name(text: str) -> str:
    """A village name as part of a file name (no separators or characters Windows refuses)."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._") or "村"


def _write(papers: Sequence[tuple[NoticeDoc, Path, Path | None]]) -> list[Path]:
    """Write each notice's PDF (and xlsx); on any failure remove what was written and refuse."""
    from yikatong_desktop.formats.notice_pdf import write_notice_pdf
    from yikatong_desktop.formats.notice_workbook import write_notice_xlsx

    written: list[Path] = []
    try:
        for doc, pdf, xlsx in papers:
            for path, writer in ((pdf, write_notice_pdf), (xlsx, write_notice_xlsx)):
                if path is None:
                    continue
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    writer(path, doc)
                except OSError as exc:
                    raise InputRejected("notice.write_failed", path=str(path),
                                        reason=exc.strerror or str(exc)) from exc
                written.append(path)
    except BaseException:
        _remove(written)
        raise
    return written


def _remove(paths: Sequence[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


@contextmanager
def _papers_with_commit(uow: Any) -> Iterator[list[Path]]:
    """Commit once the files are written; if the commit fails, the files go too."""
    written: list[Path] = []
    yield written
    try:
        uow.commit()
    except BaseException:
        _remove(written)
        raise


# --- commands -----------------------------------------------------------------------------------------------

def _make(args: argparse.Namespace) -> int:
    batch = args.township is not None
    out: Path | None = args.out
    out_dir: Path | None = args.out_dir
    xlsx: Path | None = None
    if batch:
        if out is not None or out_dir is None:
            raise UsageError("cli.usage", detail=zh_en("--township 时用 --out-dir 文件夹（每个村一个 PDF），不用 --out",
                                                       "with --township use an --out-dir folder (one PDF for each "
                                                       "village), not --out"),
                             usage=_MAKE_USAGE)
        if args.xlsx not in (None, _BESIDE):
            raise UsageError("cli.usage", detail=zh_en("--township 时 --xlsx 不带文件名（每个村一个，放在 --out-dir）",
                                                       "with --township --xlsx takes no file name (one for each "
                                                       "village, in --out-dir)"),
                             usage=_MAKE_USAGE)
        folder = out_dir.expanduser()
        _refuse_unwritable(folder if folder.exists() else folder.parent, out_dir)
    else:
        if out is None or out_dir is not None:
            raise UsageError("cli.usage", detail=zh_en("--village 时用 --out 写入一个 .pdf",
                                                       "with --village use --out to write one .pdf"),
                             usage=_MAKE_USAGE)
        _refuse_kind(out, ".pdf", _MAKE_USAGE)
        _refuse_unwritable(out.parent, out)
        xlsx = _xlsx_beside(out, args.xlsx, _MAKE_USAGE)
    app = bootstrap.open_app(args.db)
    try:
        with app.uow() as uow:
            day = today(uow)
            papers: list[tuple[NoticeDoc, Path, Path | None]] = []
            if out_dir is not None:
                made = notices.make_for_township(uow, app.actor, args.township, args.program, args.period,
                                                 args.start, days=args.days, preparer=args.preparer,
                                                 reviewer=args.reviewer, landscape=args.landscape)
                for n, doc in made:
                    stem = out_dir / f"{_safe_name(n.village_name)}_{n.number}"
                    papers.append((doc, stem.with_suffix(".pdf"), stem.with_suffix(".xlsx") if args.xlsx else None))
            elif out is not None:
                request = notices.NoticeRequest(args.village, args.program, args.period, args.start, args.days,
                                                args.preparer, args.reviewer, args.landscape)
                made = [notices.make(uow, app.actor, request)]
                papers.append((made[0][1], out, xlsx))
            with _papers_with_commit(uow) as written:
                written += _write(papers)
    finally:
        app.close()
    for n, doc in made:
        say(message("notice.made", number=n.number, title=n.title, rows=n.row_count, yuan=format_yuan(n.total_fen),
                    start=n.start_on.isoformat(), end=n.end_on.isoformat(), fingerprint=n.fingerprint))
        _warn_unprintable(doc)
    if batch:
        say(message("notice.batch_made", township=made[0][0].township_name or args.township, count=len(made),
                    first=made[0][0].number, last=made[-1][0].number, rows=sum(n.row_count for n, _ in made),
                    yuan=format_yuan(sum(n.total_fen for n, _ in made))))
    for path in written:
        say(message("notice.written", path=path))
    if args.json:
        shown = [{**n.as_json(day), "pdf": str(pdf), "xlsx": None if x is None else str(x)}
                  for (n, _), (_, pdf, x) in zip(made, papers, strict=True)]
        emit_json(shown if batch else shown[0])
    return 0


def _warn_unprintable(doc: NoticeDoc) -> None:
    """Say which rows have text the PDF's font cannot print (printed as □): to be written in by hand."""
    from yikatong_desktop.formats.notice_pdf import unprintable_lines

    missing = unprintable_lines(doc)
    if missing:
        say(message("notice.unprintable", number=doc.number,
                    rows=zh_en("、", ", ").join(str(line.seq) for line in missing)))


def _list(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    try:
        with app.reader() as uow:
            day = today(uow)
            found = notices.list_notices(uow, app.actor, org=args.org, posted=args.posted, period=args.period)
            names = dict(catalogue_programs(uow, app.actor))
    finally:
        app.close()
    shown = found[:args.limit] if args.limit else found
    if args.json:
        emit_json([n.as_json(day) for n in shown])
    else:
        print(table([zh_en("编号", "No."), zh_en("村(社区)", "Village (community)"),
                     zh_en("补贴项目", "Subsidy program"), zh_en("期间", "Period"),
                     zh_en("公示期", "Notice period"), zh_en("行数", "Rows"),
                     zh_en("合计(元)", "Total (yuan)"), zh_en("状态", "Status"), zh_en("张贴日期", "Posted on"),
                     zh_en("异议", "Objections")],
                    [(n.number, n.village_name, zh_en("、", ", ").join(names.get(c, c) for c in n.programs),
                      n.period_label, zh_en(f"{n.start_on}～{n.end_on}", f"{n.start_on} to {n.end_on}"), n.row_count,
                      format_yuan(n.total_fen), _status_word(n.status(day)), n.posted_on or "",
                      n.objection_count or "") for n in shown]))
    counts = Counter(n.status(day) for n in found)
    more = message("notice.shown", shown=len(shown)) if len(shown) < len(found) else ""
    say(message("notice.count", count=len(found), unposted=counts["未张贴"], running=counts["公示中"],
                over=counts["公示期满"]) + more)
    return 0


def _coverage(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    try:
        with app.reader() as uow:
            found = notices.coverage(uow, app.actor, org=args.org, program=args.program, period=args.period)
    finally:
        app.close()
    found = sorted(found, key=lambda c: _COVERAGE_ORDER.get(c.status, 9))  # stable: the service's order within
    shown = found[:args.limit] if args.limit else found
    if args.json:
        emit_json([{"village_code": c.village_code, "village_name": c.village_name, "program_code": c.program_code,
                    "program_name": c.program_name, "period_label": c.period_label, "payments": c.payments,
                    "noticed": c.noticed, "posted": c.posted, "status": c.status} for c in shown])
    else:
        print(table([zh_en("村(社区)", "Village (community)"), zh_en("补贴项目", "Subsidy program"),
                     zh_en("期间", "Period"), zh_en("发放笔数", "Payments"), zh_en("已列入公示", "On a notice"),
                     zh_en("已张贴", "Posted"), zh_en("状态", "Status")],
                    [(zh_en(f"{c.village_name}（{c.village_code}）", f"{c.village_name} ({c.village_code})"),
                      c.program_name, c.period_label, c.payments, c.noticed, c.posted,
                      _status_word(c.status) if c.status == "已公示" else zh_en(f"【{c.status}】",
                                                                             f"[{_status_word(c.status)}]"))
                     for c in shown]))
    counts = Counter(c.status for c in found)
    say(message("notice.coverage_count", count=len(found), none=counts["无公示"], unposted=counts["未张贴"],
                partly=counts["部分公示"], late=counts["张贴过晚"], done=counts["已公示"])
        + (message("notice.shown_rows", shown=len(shown)) if len(shown) < len(found) else ""))
    return 0


def _print(args: argparse.Namespace) -> int:
    usage = "ykt notice print N --out F.pdf [--xlsx F.xlsx] [--landscape]"
    _refuse_kind(args.out, ".pdf", usage)
    _refuse_unwritable(args.out.parent, args.out)
    xlsx = _xlsx_beside(args.out, args.xlsx, usage)
    app = bootstrap.open_app(args.db)
    try:
        with app.reader() as uow:
            doc = notices.document(uow, app.actor, args.number, landscape=args.landscape)
    finally:
        app.close()
    written = _write([(doc, args.out, xlsx)])
    say(message("notice.reprinted", number=doc.number, fingerprint=doc.fingerprint))
    _warn_unprintable(doc)
    for path in written:
        say(message("notice.written", path=path))
    return 0


def _posted(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    try:
        with app.uow() as uow:
            n = notices.record_posting(uow, app.actor, args.number, args.date, by=args.by, photo=args.photo)
            day = today(uow)
            uow.commit()
    finally:
        app.close()
    say(message("notice.posted", number=n.number, day=n.posted_on, by=n.posted_by, photos=n.photo_count))
    if args.json:
        emit_json(n.as_json(day))
    return 0


def _objection(args: argparse.Namespace) -> int:
    if args.anonymous and (args.complainant.strip() or args.contact.strip()):
        raise UsageError("cli.usage", detail=zh_en("--anonymous 与 --complainant/--contact 不能同时使用",
                                                   "--anonymous cannot go with --complainant/--contact"),
                         usage=zh_en("ykt notice objection N --content … --person P [--complainant 姓名 "
                                     "--contact 电话 | --anonymous]",
                                     "ykt notice objection N --content … --person P [--complainant NAME "
                                     "--contact PHONE | --anonymous]"))
    app = bootstrap.open_app(args.db)
    try:
        with app.uow() as uow:
            c = notices.add_objection(uow, app.actor, args.number, content=args.content, persons=args.person,
                                      received_on=args.date, complainant=args.complainant, contact=args.contact,
                                      anonymous=args.anonymous)
            day = today(uow)
            uow.commit()
    finally:
        app.close()
    say(message("notice.objection_registered", complaint=c.number, number=c.notice_ref, persons=c.concerned))
    if args.json:
        emit_json(c.as_json(day))
    return 0


def _check(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    try:
        with app.reader() as uow:
            day = today(uow)
            result = notices.check(uow, app.actor, args.number, args.fingerprint)
    finally:
        app.close()
    n = result.notice
    if result.paper_matches is None:
        say(message("notice.check_no_paper"))
    elif result.paper_matches:
        say(message("notice.check_paper_ok", given=result.given, number=n.number))
    else:
        say(message("notice.check_paper_bad", given=result.given, number=n.number, recorded=n.fingerprint))
    if result.data_unchanged:
        say(message("notice.check_data_ok", rows=n.row_count))
    else:
        say(message("notice.check_data_changed", count=len(result.changes), current=result.current))
        for change in result.changes:
            say(message("notice.check_row", seq=change.seq, name=change.name, what=change.what))
    say(message("notice.check_ok" if result.ok else "notice.check_bad"))
    if args.json:
        emit_json({"number": n.number, "ok": result.ok, "verdict": "相符" if result.ok else "不符",
                   "paper_matches": result.paper_matches, "data_unchanged": result.data_unchanged,
                   "given": result.given, "recorded": n.fingerprint, "current": result.current,
                   "changes": [{"seq": c.seq, "name": c.name, "what": c.what} for c in result.changes],
                   "notice": n.as_json(day)})
    return 0 if result.ok else 3


_SUBCOMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "make": _make, "list": _list, "coverage": _coverage, "print": _print, "posted": _posted,
    "objection": _objection, "check": _check}


def run(args: argparse.Namespace) -> int:
    """Run `ykt notice …`."""
    return _SUBCOMMANDS[args.notice_command](args)


COMMANDS = {"notice": run}
