"""`ykt backup [--list|--out F|--daily]` and `ykt restore F` (SPEC §9)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from yikatong_desktop import bootstrap
from yikatong_desktop.bootstrap import backups
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import json_flag, zh_en
from yikatong_desktop.domain.errors import UsageError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.services.secrets import KEY_PASSPHRASE, Secrets


def add_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`backup` and `restore`, on the main parser's subcommands."""
    s = sub.add_parser("backup", help=zh_en("备份数据库（导入、合并、恢复前和每天自动备份，保留最近 30 份）",
                                            "back up the database (also done before imports, merges and restores, "
                                            "and daily; the last 30 are kept)"))
    what = s.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true",
                      help=zh_en("列出数据文件夹里的备份", "list the backups in the data folder"))
    what.add_argument("--out", type=Path, metavar="FILE",
                      help=zh_en("备份到这个文件（如 U 盘）：数据文件夹以外的备份用本单位的密钥加密",
                                 "back up to this file (e.g. a USB stick): a backup outside the data folder is "
                                 "encrypted with this office's keys"))
    what.add_argument("--daily", action="store_true",
                      help=zh_en("今天还没有备份时才备份（供计划任务每天运行）",
                                 "back up only if there is no backup of today yet (for a daily scheduled task)"))
    s.add_argument("--json", **json_flag())
    s = sub.add_parser("restore", help=zh_en("从备份恢复整个数据库（先核验备份，并先备份当前数据库）",
                                             "restore the whole database from a backup (the backup is verified "
                                             "and the current database backed up first)"))
    s.add_argument("file", type=Path, help=zh_en("备份文件：数据文件夹里的 .sqlite3，或 backup --out 写出的加密备份",
                                                 "backup file: a .sqlite3 in the data folder, or an encrypted "
                                                 "backup written by backup --out"))
    s.add_argument("--yes", action="store_true", help=zh_en("不再询问，直接恢复", "restore without asking"))
    s.add_argument("--json", **json_flag())


def run_backup(args: argparse.Namespace) -> int:
    """Run `ykt backup …`."""
    app = bootstrap.open_app(args.db)
    try:
        if args.list:
            found = backups.list_backups(app)
            if args.json:
                emit_json([{"file": str(b.path), "made": b.made.isoformat(), "reason": b.reason, "bytes": b.size}
                           for b in found])
            else:
                print(table([zh_en("时间", "Time"), zh_en("原因", "Reason"), zh_en("大小", "Size"),
                             zh_en("文件", "File")],
                            [(f"{b.made:%Y-%m-%d %H:%M:%S}", backups.reason_label(b.reason), f"{b.size:,}",
                              str(b.path)) for b in found]))
            return 0
        if args.daily:
            made = backups.backup_if_due(app)
            if made is None:
                say(message("backup.not_due"))
        else:
            made = backups.backup_on_request(app, args.out)
    finally:
        app.close()
    if made is not None:
        sealed = args.out is not None and backups.is_sealed(made)
        say(message("backup.sealed" if sealed else "backup.done", path=made))
    if args.json:
        emit_json(None if made is None else {"file": str(made), "bytes": made.stat().st_size})
    return 0


def run_restore(args: argparse.Namespace) -> int:
    """Run `ykt restore FILE`: over the installation, or where there is none yet (a new PC)."""
    passphrase = lambda: Secrets().get(KEY_PASSPHRASE)  # noqa: E731 — asked only for a sealed backup
    target = bootstrap.resolve_location(args.db)
    if not bootstrap.keystore_path(target).exists():
        done = backups.restore_elsewhere(args.db, args.file, passphrase)
        say(message("restore.new_done", target=target.display, source=done.source, rows=f"{done.rows:,}"))
    else:
        app = bootstrap.open_app(args.db)
        try:
            if not args.yes and not _confirmed(args.file):
                say(message("restore.cancelled"))
                return 1
            done = backups.restore(app, args.file, passphrase)
        finally:
            app.close()
        say(message("restore.done", source=done.source, rows=f"{done.rows:,}", before=done.replaced_backup))
    if args.json:
        replaced = None if done.replaced_backup is None else str(done.replaced_backup)
        emit_json({"source": done.source, "rows": done.rows, "backup_of_replaced": replaced,
                   "stats": None if done.stats is None else {s.kind: {"count": s.count, "digest": s.digest}
                                                             for s in done.stats}})
    return 0


def _confirmed(source: Path) -> bool:
    if not sys.stdin.isatty():
        raise UsageError("restore.needs_yes")
    sys.stderr.write(message("restore.confirm", source=source))
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes", "是")


COMMANDS = {"backup": run_backup, "restore": run_restore}
