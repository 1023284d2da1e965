"""`ykt package export|import|list` (SPEC §8, §10): encrypted, signed exchange packages between offices.

Export writes the file (atomically, read back) before the package is recorded as sent; a commit that
fails removes the file. Import checks and merges each file in its own transaction: a refused file
changes nothing and the next file is still tried; `--dry-run` says what each would do and keeps nothing.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.domain.errors import InputRejected, YktError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.services import exchange
from yikatong_desktop.services.auth import authorize
from yikatong_desktop.services.secrets import KEY_PASSPHRASE, Secrets

_JSON = {"action": "store_true", "default": argparse.SUPPRESS, "help": "打印 JSON"}
_KIND_LABELS = {"persons": "人员", "bank_accounts": "银行账户", "households": "户", "payments": "发放记录",
                "import_batches": "导入批次", "problems": "问题", "complaints": "举报", "notices": "公示",
                "reports": "报告", "org_units": "单位", "programs": "补贴项目", "program_standards": "补贴标准"}


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`package` on the main parser's subcommands."""
    s = sub.add_parser("package", help="数据交换：导出、导入加密签名的数据包（.ykt）")
    p = s.add_subparsers(dest="package_command", metavar="SUBCOMMAND", parser_class=type(s))
    p.required = True
    ex = p.add_parser("export", help="为上级或下级导出数据包（口令取自 YKT_KEY_PASSPHRASE）")
    ex.add_argument("--to", required=True, metavar="ORG", help="接收单位（代码或名称；须已 ykt keys trust）")
    ex.add_argument("--out", type=Path, required=True, help="写入的 .ykt 文件（如U盘上的路径）")
    ex.add_argument("--full", action="store_true", help="全部数据（默认只导出上次发给该单位之后的变化）")
    ex.add_argument("--json", **_JSON)
    im = p.add_parser("import", help="导入数据包：核验签名、发送方、接收方和完整性后合并")
    im.add_argument("files", nargs="+", type=Path, metavar="FILE.ykt")
    im.add_argument("--dry-run", action="store_true", help="只显示将新增、更新、拒绝什么，不导入")
    im.add_argument("--json", **_JSON)
    ls = p.add_parser("list", help="受信任的单位和收发过的数据包")
    ls.add_argument("--json", **_JSON)


def _export(args: argparse.Namespace) -> int:
    out: Path = args.out
    if out.suffix.lower() != ".ykt":
        raise InputRejected("package.bad_suffix", path=str(out))
    if not out.expanduser().resolve().parent.is_dir():
        raise InputRejected("keys.no_folder", path=str(out))
    app = bootstrap.open_app(args.db)
    try:
        authorize(app.actor, Action.EXCHANGE)  # told before being asked for a passphrase
        passphrase = Secrets().get(KEY_PASSPHRASE)
        with app.uow() as uow:
            done = exchange.export_package(uow, app.actor, app.keystore_path, passphrase, args.to, out,
                                           full=args.full)
            try:
                uow.commit()
            except BaseException:
                out.unlink(missing_ok=True)
                raise
    finally:
        app.close()
    say(message("package.exported", path=out, name=done.recipient_name, code=done.recipient, epoch=done.epoch,
                sequence=done.sequence, records=sum(done.counts.values())))
    if args.json:
        emit_json({"file": str(out), "to": done.recipient, "direction": done.direction, "epoch": done.epoch,
                   "sequence": done.sequence, "sha256": done.sha256, "counts": done.counts, "full": done.full})
    return 0


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputRejected("file.missing", path=str(path)) from exc
    except OSError as exc:
        raise InputRejected("file.unreadable", reason=f"{path}: {exc.strerror}") from exc


def _import(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    results: list[dict[str, Any]] = []
    failed = False
    try:
        authorize(app.actor, Action.EXCHANGE)
        passphrase = Secrets().get(KEY_PASSPHRASE)
        if not args.dry_run:
            app.backup("before-import-package", before=Action.EXCHANGE)  # SPEC §9: backed up before a merge
        for path in args.files:
            try:
                data = _read(path)
                with app.uow() as uow:
                    done = exchange.import_package(uow, app.actor, app.keystore_path, passphrase, data,
                                                   file_name=path.name, dry_run=args.dry_run)
                    if not args.dry_run and not done.already:
                        uow.commit()
            except YktError as exc:  # this file is refused, with nothing changed; the others are still tried
                failed = True
                say(exc.text())
                results.append({"file": path.name, "refused": exc.text()})
                continue
            _say_result(done, show_table=not args.json)
            results.append(done.to_json())
    finally:
        app.close()
    if args.json:
        emit_json(results)
    return 3 if failed else 0


def _say_result(done: exchange.Imported, *, show_table: bool) -> None:
    if done.already:
        say(message("package.already", file=done.file))
        return
    key = "package.dry_run" if done.dry_run else "package.imported"
    totals = done.totals()
    say(message(key, file=done.file, name=done.sender_name, sequence=done.sequence, added=totals["added"],
                changed=totals["changed"], unchanged=totals["unchanged"], older=totals["older"],
                refused=totals["refused"]))
    rows = [(_KIND_LABELS.get(k, k), r.added, r.changed, r.unchanged, r.older, r.refused)
            for k, r in done.kinds.items()]
    if rows and show_table:  # stdout is the JSON's alone with --json
        print(table(["类别", "新增", "更新", "未变", "较旧", "拒绝"], rows))
    for kind, r in done.kinds.items():
        for line in r.conflicts[:5]:
            say(f"  {_KIND_LABELS.get(kind, kind)}：{line}")
    for note in done.notes:
        say("  " + note)


def _list(args: argparse.Namespace) -> int:
    app = bootstrap.open_app(args.db)
    try:
        with app.reader() as uow:
            status = exchange.peer_status(uow, app.actor)
    finally:
        app.close()
    if args.json:
        emit_json([{"org": s.peer.org_code, "name": s.peer.org_name, "fingerprint": s.peer.fingerprint,
                    "revoked": s.peer.revoked,
                    "last_in": None if s.last_in is None else {"epoch": s.last_in.epoch, "sequence": s.last_in.sequence,
                                                               "at": s.last_in.at.isoformat()},
                    "last_out": None if s.last_out is None else {"epoch": s.last_out.epoch,
                                                                 "sequence": s.last_out.sequence,
                                                                 "at": s.last_out.at.isoformat()},
                    "missing": s.missing} for s in status])
        return 0
    print(table(["单位", "代码", "最近收到", "最近发出", "缺少的数据包", "状态"],
                [(s.peer.org_name, s.peer.org_code,
                  "-" if s.last_in is None else f"第 {s.last_in.epoch} 轮第 {s.last_in.sequence} 个",
                  "-" if s.last_out is None else f"第 {s.last_out.epoch} 轮第 {s.last_out.sequence} 个",
                  "、".join(map(str, s.missing)) or "-", "已吊销" if s.peer.revoked else "受信任") for s in status]))
    return 0


def run(args: argparse.Namespace) -> int:
    """Run `ykt package …`."""
    return {"export": _export, "import": _import, "list": _list}[args.package_command](args)


COMMANDS = {"package": run}
