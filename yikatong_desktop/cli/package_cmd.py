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
from yikatong_desktop.cli.words import json_flag, zh_en
from yikatong_desktop.domain.errors import InputRejected, YktError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.services import exchange
from yikatong_desktop.services.auth import authorize
from yikatong_desktop.services.secrets import KEY_PASSPHRASE, Secrets


def _kind_labels() -> dict[str, str]:
    """What a package carries, kind by kind, as shown."""
    return {"persons": zh_en("人员", "persons"), "bank_accounts": zh_en("银行账户", "bank accounts"),
            "households": zh_en("户", "households"), "payments": zh_en("发放记录", "payments"),
            "import_batches": zh_en("导入批次", "import batches"), "problems": zh_en("问题", "problems"),
            "complaints": zh_en("举报", "complaints"), "notices": zh_en("公示", "notices"),
            "reports": zh_en("报告", "reports"), "org_units": zh_en("单位", "offices"),
            "programs": zh_en("补贴项目", "subsidy programs"), "program_standards": zh_en("补贴标准", "standards")}


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`package` on the main parser's subcommands."""
    s = sub.add_parser("package", help=zh_en("数据交换：导出、导入加密签名的数据包（.ykt）",
                                             "data exchange: export and import encrypted, signed packages (.ykt)"))
    p = s.add_subparsers(dest="package_command", metavar="SUBCOMMAND", parser_class=type(s))
    p.required = True
    ex = p.add_parser("export", help=zh_en("为上级或下级导出数据包（口令取自 YKT_KEY_PASSPHRASE）",
                                           "export a package for the office above or below (passphrase from "
                                           "YKT_KEY_PASSPHRASE)"))
    ex.add_argument("--to", required=True, metavar="ORG", help=zh_en("接收单位（代码或名称；须已 ykt keys trust）",
                                                                     "receiving office (code or name; trusted with "
                                                                     "ykt keys trust)"))
    ex.add_argument("--out", type=Path, required=True, help=zh_en("写入的 .ykt 文件（如U盘上的路径）",
                                                                  "the .ykt file to write (e.g. a path on a USB "
                                                                  "stick)"))
    ex.add_argument("--full", action="store_true", help=zh_en("全部数据（默认只导出上次发给该单位之后的变化）",
                                                              "all data (by default only what changed since the "
                                                              "last package to that office)"))
    ex.add_argument("--json", **json_flag())
    im = p.add_parser("import", help=zh_en("导入数据包：核验签名、发送方、接收方和完整性后合并",
                                           "import packages: merged once signature, sender, receiver and integrity "
                                           "are verified"))
    im.add_argument("files", nargs="+", type=Path, metavar="FILE.ykt")
    im.add_argument("--dry-run", action="store_true", help=zh_en("只显示将新增、更新、拒绝什么，不导入",
                                                                 "only show what would be added, updated, refused; "
                                                                 "import nothing"))
    im.add_argument("--json", **json_flag())
    ls = p.add_parser("list", help=zh_en("受信任的单位和收发过的数据包", "trusted offices and the packages exchanged"))
    ls.add_argument("--json", **json_flag())


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
    labels = _kind_labels()
    rows = [(labels.get(k, k), r.added, r.changed, r.unchanged, r.older, r.refused)
            for k, r in done.kinds.items()]
    if rows and show_table:  # stdout is the JSON's alone with --json
        print(table([zh_en("类别", "Kind"), zh_en("新增", "Added"), zh_en("更新", "Updated"),
                     zh_en("未变", "Unchanged"), zh_en("较旧", "Older"), zh_en("拒绝", "Refused")], rows))
    for kind, r in done.kinds.items():
        for line in r.conflicts[:5]:
            say(zh_en(f"  {labels.get(kind, kind)}：{line}", f"  {labels.get(kind, kind)}: {line}"))
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
    print(table([zh_en("单位", "Office"), zh_en("代码", "Code"), zh_en("最近收到", "Last received"),
                 zh_en("最近发出", "Last sent"), zh_en("缺少的数据包", "Missing packages"), zh_en("状态", "Status")],
                [(s.peer.org_name, s.peer.org_code,
                  "-" if s.last_in is None else zh_en(f"第 {s.last_in.epoch} 轮第 {s.last_in.sequence} 个",
                                                      f"round {s.last_in.epoch} no. {s.last_in.sequence}"),
                  "-" if s.last_out is None else zh_en(f"第 {s.last_out.epoch} 轮第 {s.last_out.sequence} 个",
                                                       f"round {s.last_out.epoch} no. {s.last_out.sequence}"),
                  zh_en("、", ", ").join(map(str, s.missing)) or "-",
                  zh_en("已吊销", "revoked") if s.peer.revoked else zh_en("受信任", "trusted")) for s in status]))
    return 0


def run(args: argparse.Namespace) -> int:
    """Run `ykt package …`."""
    return {"export": _export, "import": _import, "list": _list}[args.package_command](args)


COMMANDS = {"package": run}
