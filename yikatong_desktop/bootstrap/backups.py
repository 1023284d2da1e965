"""Backups and restore (SPEC §9): automatic before an import, a merge and a restore, and once a day.

Backups in the data folder are plain SQLite files (the folder is the OS user's alone); a backup
written anywhere else is sealed for the org's own key (`formats.backup_file`). A restore verifies
the backup first (a database of this org, sound as a file, its audit chain intact), backs up the
database it replaces, and swaps the contents in one transaction of the live database — on SQLite
and PostgreSQL alike — together with the audit event that records it. Killed at any point, the
live database is the old one or the new one, never a mixture.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from yikatong_desktop import faults
from yikatong_desktop.domain.clock import LOCAL_TZ, SystemClock
from yikatong_desktop.domain.errors import InputRejected, VerificationFailed
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.formats import backup_file, keystore
from yikatong_desktop.formats.keystore import write_keystore
from yikatong_desktop.services import exchange
from yikatong_desktop.services.audit import org_code, record_event, verify_chains
from yikatong_desktop.services.auth import Actor, authorize, os_actor
from yikatong_desktop.services.imports import file_sha256
from yikatong_desktop.services.queries import backup_keep
from yikatong_desktop.services.stats import KindStats, stats
from yikatong_desktop.storage import transfer
from yikatong_desktop.storage.database import (
    DatabaseLocation,
    Engine,
    backend_errors,
    database_key,
    export_at_revision,
    is_sqlite_file,
    locate,
    open_database,
)
from yikatong_desktop.storage.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from yikatong_desktop.bootstrap import App

log = logging.getLogger("yikatong.backup")
#: A half-written backup older than this belongs to a process that died: it is removed.
STALE_SECONDS = 3600
SUFFIX = ".sqlite3"
#: A backup's name starts with when it was made (local time): sorted by name is sorted by time.
#: No long digit runs: audit details would mask them as if they were account numbers.
_STAMP = "%Y-%m-%d_%H%M%S_%f"
_STAMP_LENGTH = len("2019-07-15_100000_000000")


_REASONS = {"manual": "手动备份", "daily": "每日自动", "before-restore": "恢复前", "before-merge": "合并项目前",
            "before-import-roster": "导入花名册前", "before-import-status": "导入死亡/迁出名单前",
            "before-import-staff": "导入财政供养人员前", "before-import-cadres": "导入村干部名单前",
            "before-import-eligible": "导入应享名单前", "before-import-allocations": "导入资金拨付前",
            "before-import-bank-return": "导入银行回盘前", "before-import-field-checks": "导入入户核查前",
            "before-import-package": "导入数据包前"}


#: The reason of the backup made before a database is upgraded: `before-upgrade-0011-to-0012`.
_UPGRADE = "before-upgrade-"


def upgrade_reason(old: str, new: str) -> str:
    """The reason (in its file name) of the backup made before a database went from schema `old` to `new`."""
    return f"{_UPGRADE}{old}-to-{new}"


def reason_label(reason: str) -> str:
    """Why a backup was made, as the backup list says it."""
    if reason.startswith(_UPGRADE) and "-to-" in reason:
        old, _, new = reason.removeprefix(_UPGRADE).partition("-to-")
        return f"升级前（结构版本 {old} → {new}）"
    return _REASONS.get(reason, reason)


@dataclass(frozen=True)
class BackupFile:
    """One backup kept in the data folder."""

    path: Path
    made: datetime  # local time
    reason: str
    size: int


@dataclass(frozen=True)
class Restored:
    """What `ykt restore` did."""

    source: str
    replaced_backup: Path | None  # the backup of the database the restore replaced
    rows: int
    stats: list[KindStats] | None  # the backup's `ykt stats`, when the restore compared them (a server)


@dataclass(frozen=True)
class SchemaUpgrade:
    """A database upgraded to this version's schema on opening, and the backup made just before."""

    old: str
    new: str
    backup: Path


def folder(app: App) -> Path:
    """This database's backups in the data folder (one folder per database)."""
    return folder_of(app.location)


def folder_of(location: DatabaseLocation) -> Path:
    """The backups of the database at `location` (before it is open as an installation)."""
    from yikatong_desktop.bootstrap import data_dir

    tag = hashlib.sha256(location.display.encode("utf-8")).hexdigest()[:16]
    return data_dir() / "backups" / tag


def is_sealed(path: Path) -> bool:
    """Whether a backup file is sealed for the org's key (written outside the data folder)."""
    return backup_file.is_sealed(path)


def list_backups(app: App) -> list[BackupFile]:
    """The backups kept, oldest first (their names start with the time they were made)."""
    where = folder(app)
    found = []
    for path in sorted(where.glob(f"*{SUFFIX}")) if where.is_dir() else []:
        name = path.name.removesuffix(SUFFIX)
        stamp, reason = name[:_STAMP_LENGTH], name[_STAMP_LENGTH + 1:]
        try:
            made = datetime.strptime(stamp, _STAMP).replace(tzinfo=LOCAL_TZ)
        except ValueError:
            continue  # not one of ours
        found.append(BackupFile(path, made, reason, path.stat().st_size))
    return found


def make_backup(app: App, reason: str) -> Path:
    """Back the database up into the data folder: before an import, a merge or a restore, daily, or on request.

    Written under a temporary name and renamed when whole, so a killed backup leaves no backup
    that looks complete; only the newest `backup.keep` (default 30) are kept. Audited.
    """
    final = _write_backup(app.engine, folder(app), reason, transfer.backup_to_file)
    _recorded(app, final, reason)
    return final


def _write_backup(engine: Engine, where: Path, reason: str, write: Callable[[Engine, Path], None]) -> Path:
    """`write` the database into a new backup in `where`, under a temporary name until it is whole."""
    where.mkdir(parents=True, exist_ok=True, mode=0o700)
    _remove_stale_parts(where)
    stamp = datetime.now(UTC).astimezone(LOCAL_TZ).strftime(_STAMP)
    final = where / f"{stamp}-{reason}{SUFFIX}"
    part = where / f"{final.name}.part"
    try:
        write(engine, part)
        os.chmod(part, 0o600)
        _fsync(part)
        faults.point("backup.written")
        os.replace(part, final)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return final


def _recorded(app: App, final: Path, reason: str, *, actor: Actor | None = None,
              also: tuple[str, dict[str, object]] | None = None) -> None:
    """The backup's audit event (and `also` another in the same transaction), by `actor` (the app's
    by default); then the oldest backups beyond `backup.keep` go."""
    with app.uow() as uow:
        by = actor or app.actor
        keep = backup_keep(uow)
        record_event(uow, by, "backup.made", detail={
            "file": final.name, "reason": reason, "bytes": final.stat().st_size, "sha256": file_sha256(final)})
        if also is not None:
            record_event(uow, by, also[0], detail=also[1])
        uow.commit()
    # The copy made before an upgrade is the only one at the old schema: rotation leaves it alone.
    rotating = [b for b in list_backups(app) if not b.reason.startswith(_UPGRADE)]
    for old in rotating[:-keep] if keep > 0 else []:
        old.path.unlink(missing_ok=True)


def backup_before_upgrade(engine: Engine, location: DatabaseLocation, old: str, new: str) -> Path:
    """The backup of a database whose schema is behind, made before it is upgraded from `old` to `new`.

    It goes among the database's other backups (`backup --list` shows it, `restore` takes it back),
    named `<time>-before-upgrade-<old>-to-<new>.sqlite3`, and it is a database at schema `old` as
    it was: a file copied page for page (an encrypted one stays encrypted under its key), a server
    exported row for row. When it cannot be written, the upgrade is refused: nothing changed.
    """
    where = folder_of(location)
    write = transfer.backup_to_file if engine.dialect.name == "sqlite" else (
        lambda source, target: export_at_revision(source, target, old))
    failures: tuple[type[Exception], ...] = (OSError, ValueError, *backend_errors())
    try:
        made = _write_backup(engine, where, upgrade_reason(old, new), write)
    except InputRejected:
        raise
    except failures as exc:
        log.warning("no backup before upgrading %s from %s to %s: not upgraded", location.display, old, new,
                    exc_info=True)
        raise InputRejected("db.upgrade_backup_failed", old=old, new=new, folder=str(where),
                            reason=_why(exc, where)) from exc
    log.info("backed up %s before upgrading it from %s to %s: %s", location.display, old, new, made)
    return made


def record_upgrade(app: App, upgrade: SchemaUpgrade) -> None:
    """After the upgrade, in the upgraded database: the backup made before it, and the upgrade, audited
    as done by the program for the OS user who ran it (it happens on opening, before anyone logs in)."""
    _recorded(app, upgrade.backup, upgrade_reason(upgrade.old, upgrade.new), actor=os_actor(),
              also=("db.upgrade", {"from": upgrade.old, "to": upgrade.new, "backup": upgrade.backup.name}))


def _why(exc: BaseException, where: Path) -> str:
    """What went wrong, in a few words (the log has the details); the folder is named already."""
    if isinstance(exc, OSError) and exc.strerror:
        named = exc.filename and Path(exc.filename) != where
        return f"{exc.strerror}: {exc.filename}" if named else exc.strerror
    orig = getattr(exc, "orig", None)
    return str(orig if orig is not None else exc) or type(exc).__name__


def backup_if_due(app: App, today: date | None = None) -> Path | None:
    """The daily backup: made when no backup of this database is from today (local time)."""
    today = today or datetime.now(LOCAL_TZ).date()
    kept = list_backups(app)
    if kept and kept[-1].made.date() >= today:
        return None
    return make_backup(app, "daily")


def backup_on_request(app: App, out: Path | None = None) -> Path:
    """`ykt backup [--out F]`: into the data folder, or to F — sealed for the org's key when F is elsewhere."""
    authorize(app.actor, Action.BACKUP)
    if out is None:
        return make_backup(app, "manual")
    from yikatong_desktop.bootstrap import data_dir

    target = out.expanduser().resolve()
    if not target.parent.is_dir():
        raise InputRejected("db.dir_missing", path=str(target))
    with _staging() as staged:
        copy = staged / "backup.sqlite3"
        transfer.backup_to_file(app.engine, copy)
        if target.is_relative_to(data_dir().resolve()):
            shutil.copyfile(copy, target)  # stays in the OS user's own folder: plain, like the automatic ones
            os.chmod(target, 0o600)
            sealed = False
        else:
            backup_file.seal(copy, target, keystore_doc=keystore.read_keystore(app.keystore_path),
                             created=datetime.now(UTC).isoformat(), source=app.location.display)
            sealed = True
    with app.uow() as uow:
        record_event(uow, app.actor, "backup.exported", detail={
            "file": target.name, "sealed": sealed, "bytes": target.stat().st_size, "sha256": file_sha256(target)})
        uow.commit()
    return target


def restore(app: App, source: Path, passphrase: Callable[[], str]) -> Restored:
    """`ykt restore F`: replace the live database's contents with a backup of the same org.

    `passphrase` is asked only for a sealed backup (its key is in the keystore). Verified first;
    the live database is backed up before it is replaced. A file takes the backup's pages, the
    restore's audit event among them, in one write transaction; a server gets every row replaced
    and the event in one transaction, checked against the backup's `stats` before it commits.
    """
    authorize(app.actor, Action.RESTORE)
    source = source.expanduser().resolve()
    if app.location.path is not None and source == app.location.path:
        raise InputRejected("restore.same", path=str(source))
    with _staging() as staged:
        copy = staged / "restore.sqlite3"
        engine = _staged_database(source, copy, app.keystore_path, passphrase, app.location.key)
        try:
            with app.reader() as uow:
                org = org_code(uow)
            _verify_backup(engine, org, source)
            before = make_backup(app, "before-restore")
            live = _live_state(app, org)  # as backed up (the backup's own audit event included)
            faults.point("restore.backed_up")
            if _whole_file_swap(app, engine):
                wanted = None
                rows = _swap_file(app, engine, copy, source, before, live, transfer.row_count(engine))
            else:
                wanted = _backup_stats(engine)
                with app.uow() as uow:
                    rows = _swap(app, uow, engine, source, before, wanted)
                    keystore.begin_restore(app.keystore_path, org, *uow.audit.pending_heads()[org])
                    faults.point("restore.before_commit")
                    uow.commit()
            faults.point("restore.committed")
        finally:
            engine.dispose()
    settle(app)
    return Restored(str(source), before, rows, wanted)


@dataclass(frozen=True)
class _LiveState:
    """What the restore replaces: its org, audit head and Lamport counter."""

    org: str
    head: tuple[int, str] | None
    lamport: int
    epoch: int


def _live_state(app: App, org: str) -> _LiveState:
    with app.reader() as uow:
        return _LiveState(org, uow.audit.head(org), int(uow.get_setting("lamport", 0)), exchange.epoch(uow))


def _whole_file_swap(app: App, staged: Engine) -> bool:
    """A SQLite file takes the backup page for page (seconds, not minutes, for a county), when the
    backup is keyed as the live file is (both plain, or both under the same key)."""
    return app.location.path is not None and database_key(staged) == app.location.key


def _restore_detail(source: Path, before: Path, replaced: tuple[int, str] | None, rows: int) -> dict[str, object]:
    return {"file": source.name, "sha256": file_sha256(source), "rows": rows,
            "replaced_head_seq": None if replaced is None else replaced[0],
            "replaced_head": None if replaced is None else replaced[1], "backup_of_replaced": before.name}


def _swap_file(app: App, staged: Engine, copy: Path, source: Path, before: Path, live: _LiveState,
               rows: int) -> int:
    """The restore event goes into the private copy first, then the copy replaces the live file's
    pages in one write transaction of the live database (SQLite's backup API): all or nothing."""
    with UnitOfWork(staged, app.clock) as uow:
        uow.observe_version(live.lamport)  # versions never go back
        exchange.start_new_epoch(uow, live.epoch)
        record_event(uow, app.actor, "db.restore", detail=_restore_detail(source, before, live.head, rows))
        head = uow.audit.pending_heads()[live.org]
        uow.commit()
    staged.dispose()
    if _live_state(app, live.org) != live:  # someone wrote while the backup of the live database was made
        raise InputRejected("restore.changed_meanwhile")
    keystore.begin_restore(app.keystore_path, live.org, *head)
    faults.point("restore.before_commit")
    assert app.location.path is not None
    transfer.overwrite_sqlite_file(copy, app.location.path, app.location.key)
    return rows


def restore_elsewhere(db: str | None, source: Path, passphrase: Callable[[], str]) -> Restored:
    """`ykt restore F` where there is no installation yet (a new PC): rebuilt from a sealed backup.

    The sealed backup carries the keystore (its private part still under the passphrase, an
    encrypted database's key under its users' passwords). The backup is opened and verified, by
    someone who may restore in the backup's own user list; a file target gets the database as it
    is (encrypted if it was), a server gets a copy checked like `ykt migrate`.
    """
    from yikatong_desktop.bootstrap import _migrate, keystore_path, open_app, resolve_location

    source = source.expanduser().resolve()
    target = resolve_location(db)
    if not source.is_file():
        raise InputRejected("file.missing", path=str(source))
    if not backup_file.is_sealed(source):
        raise InputRejected("restore.no_keystore", path=str(keystore_path(target)))
    if target.path is not None and target.path.exists():
        raise InputRejected("db.exists", path=str(target.path))
    header = backup_file.read_header(source)
    event: tuple[str, dict[str, object]] = ("db.restore", {"file": source.name, "sha256": file_sha256(source),
                                                           "to": target.display})
    with _staging() as staged:
        copy = staged / "restore.sqlite3"
        keys = keystore_path(locate(str(copy)))
        write_keystore(keys, header.keystore)
        backup_file.unseal(source, keystore.unlock(keys, passphrase()).exchange, copy)
        # An encrypted one opens with a user's password; logs in. An older one is upgraded: a private
        # copy, the sealed backup itself is what it was.
        app = open_app(str(copy), backup_before_upgrade=False)
        try:
            authorize(app.actor, Action.RESTORE)
            _verify_backup(app.engine, header.org_code, source)
            rows = transfer.row_count(app.engine)
            if target.path is None:
                done = _migrate(app, target, None, event)  # checked with `ykt stats` on both ends
                return Restored(str(source), None, sum(done.tables.values()), None)
        finally:
            app.close()
        _place(copy, keys, target.path, keystore_path(target))
    placed = open_app(str(target.path))
    try:
        with placed.uow() as uow:
            exchange.start_new_epoch(uow, exchange.epoch(uow))  # a rebuilt office sends in a new epoch
            record_event(uow, placed.actor, event[0], detail={**event[1], "rows": rows})
            uow.commit()
    finally:
        placed.close()
    return Restored(str(source), None, rows, None)


def _place(database: Path, keys: Path, target: Path, target_keys: Path) -> None:
    """Put a database file and its keystore where they belong: whole, or not at all."""
    if not target.parent.is_dir():
        raise InputRejected("db.dir_missing", path=str(target))
    part = target.with_name(target.name + ".part")
    try:
        shutil.copyfile(database, part)
        os.chmod(part, 0o600)
        _fsync(part)
        shutil.copyfile(keys, target_keys)
        os.chmod(target_keys, 0o600)
        os.replace(part, target)  # last: the database appearing is what makes it exist
    except BaseException:
        part.unlink(missing_ok=True)
        if not target.exists():
            target_keys.unlink(missing_ok=True)
        raise


def settle(app: App) -> None:
    """Finish what a restore left in the keystore (it may have been killed right after its commit)."""
    def holds(org: str, seq: int, digest: str) -> bool:
        with UnitOfWork(app.engine, app.clock, write=False) as uow:
            return uow.audit.hash_at(org, seq) == digest

    keystore.settle_restore(app.keystore_path, holds)


def _swap(app: App, uow: UnitOfWork, engine: Engine, source: Path, before: Path,
          wanted: list[KindStats]) -> int:
    """A server (or a plain backup into an encrypted file): every row replaced in the caller's
    transaction, checked against the backup's `stats` before it commits."""
    org = org_code(uow)
    replaced = uow.audit.head(org)
    lamport, old_epoch = int(uow.get_setting("lamport", 0)), exchange.epoch(uow)
    copied = transfer.replace_contents(uow.conn, engine, lambda *_: faults.point("restore.copying"))
    uow.observe_version(lamport)  # versions never go back
    exchange.start_new_epoch(uow, old_epoch)
    if stats(uow, app.actor) != wanted:
        raise VerificationFailed("restore.digests")
    record_event(uow, app.actor, "db.restore", detail=_restore_detail(source, before, replaced,
                                                                      sum(copied.values())))
    return sum(copied.values())


def _staged_database(source: Path, staged: Path, keys: Path, passphrase: Callable[[], str],
                     key: bytes | None) -> Engine:
    """The backup as a private SQLite file, opened (and migrated to this version's schema); a
    backup of an encrypted database opens with its key (`key`, the live database's)."""
    if not source.is_file():
        raise InputRejected("file.missing", path=str(source))
    if backup_file.is_sealed(source):
        header = backup_file.read_header(source)
        doc = keystore.read_keystore(keys)
        if header.org_code != doc["org"]["code"]:
            raise InputRejected("restore.other_org", path=str(source), org=header.org_name, code=header.org_code)
        backup_file.unseal(source, keystore.unlock(keys, passphrase()).exchange, staged)
    else:
        transfer.copy_sqlite_file(source, staged, key)  # the user's file is never opened for writing
    where = locate(str(staged))
    if not is_sqlite_file(staged):
        if key is None:
            raise InputRejected("db.not_database", path=str(source))
        where = replace(where, key=key)
    return open_database(where)


def _verify_backup(engine: Engine, org: str, source: Path) -> None:
    """A backup restores only when it is sound as a file, of this org, and its audit chain is whole."""
    problem = transfer.integrity(engine)
    if problem is not None:
        raise VerificationFailed("restore.damaged", path=str(source), detail=problem)
    with UnitOfWork(engine, SystemClock(), write=False) as uow:
        theirs = uow.get_setting("org.code")
        if theirs != org:
            raise InputRejected("restore.other_org", path=str(source), org=uow.get_setting("org.name", "?"),
                                code=theirs)
        report = verify_chains(uow, lambda _org: None, [org])
        if report.broken is not None:
            raise VerificationFailed("restore.chain", path=str(source), detail=report.broken.describe())


def _backup_stats(engine: Engine) -> list[KindStats]:
    """The backup's `ykt stats`: what a row-by-row restore must arrive at."""
    with UnitOfWork(engine, SystemClock(), write=False) as uow:
        return stats(uow, os_actor())


@contextmanager
def _staging() -> Iterator[Path]:
    """A private folder in the data folder for a backup being made or opened; removed afterwards."""
    from yikatong_desktop.bootstrap import data_dir

    root = data_dir() / "staging"
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    for old in root.iterdir():  # left by a process that was killed
        if time.time() - old.stat().st_mtime > STALE_SECONDS:
            shutil.rmtree(old, ignore_errors=True)
    path = Path(tempfile.mkdtemp(dir=root))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _remove_stale_parts(where: Path) -> None:
    for part in where.glob("*.part"):
        try:
            if time.time() - part.stat().st_mtime > STALE_SECONDS:
                part.unlink()
        except OSError:
            log.warning("could not remove the half-written backup %s", part.name)


def _fsync(path: Path) -> None:
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())
