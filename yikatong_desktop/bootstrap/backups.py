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
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from yikatong_desktop import faults
from yikatong_desktop.domain.clock import LOCAL_TZ, SystemClock
from yikatong_desktop.domain.errors import InputRejected, VerificationFailed
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.formats import backup_file, keystore
from yikatong_desktop.services.audit import org_code, record_event, verify_chains
from yikatong_desktop.services.auth import authorize, os_actor
from yikatong_desktop.services.queries import backup_keep
from yikatong_desktop.services.stats import KindStats, stats
from yikatong_desktop.storage import transfer
from yikatong_desktop.storage.database import Engine, locate, open_database
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
            "before-import-bank-return": "导入银行回盘前", "before-import-field-checks": "导入入户核查前"}


def reason_label(reason: str) -> str:
    """Why a backup was made, as the backup list says it."""
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
    stats: list[KindStats]


def folder(app: App) -> Path:
    """This database's backups in the data folder (one folder per database)."""
    from yikatong_desktop.bootstrap import data_dir

    tag = hashlib.sha256(app.location.display.encode("utf-8")).hexdigest()[:16]
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
    where = folder(app)
    where.mkdir(parents=True, exist_ok=True, mode=0o700)
    _remove_stale_parts(where)
    stamp = datetime.now(UTC).astimezone(LOCAL_TZ).strftime(_STAMP)
    final = where / f"{stamp}-{reason}{SUFFIX}"
    part = where / f"{final.name}.part"
    try:
        transfer.backup_to_file(app.engine, part)
        os.chmod(part, 0o600)
        _fsync(part)
        faults.point("backup.written")
        os.replace(part, final)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    with app.uow() as uow:
        keep = backup_keep(uow)
        record_event(uow, app.actor, "backup.made", detail={
            "file": final.name, "reason": reason, "bytes": final.stat().st_size, "sha256": _sha256(final)})
        uow.commit()
    for old in list_backups(app)[:-keep] if keep > 0 else []:
        old.path.unlink(missing_ok=True)
    return final


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
            "file": target.name, "sealed": sealed, "bytes": target.stat().st_size, "sha256": _sha256(target)})
        uow.commit()
    return target


def restore(app: App, source: Path, passphrase: Callable[[], str]) -> Restored:
    """`ykt restore F`: replace the live database's contents with a backup of the same org.

    `passphrase` is asked only for a sealed backup (its key is in the keystore). Verified first;
    the live database is backed up before it is replaced; the swap and its audit event are one
    transaction, and the result is checked against the backup's `stats` before it commits.
    """
    authorize(app.actor, Action.RESTORE)
    source = source.expanduser().resolve()
    if app.location.path is not None and source == app.location.path:
        raise InputRejected("restore.same", path=str(source))
    with _staging() as staged:
        engine = _staged_database(source, staged / "restore.sqlite3", app.keystore_path, passphrase)
        try:
            with app.reader() as uow:
                org = org_code(uow)
            wanted = _verified_backup(engine, org, source)
            before = make_backup(app, "before-restore")
            faults.point("restore.backed_up")
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


def restore_elsewhere(db: str | None, source: Path, passphrase: Callable[[], str]) -> Restored:
    """`ykt restore F` where there is no installation yet (a new PC): rebuilt from a sealed backup.

    The sealed backup carries the keystore (its private part still under the passphrase); the
    backup is verified, then copied to the new place like `ykt migrate` (checked with `stats`),
    by someone who may restore in the backup's own user list.
    """
    from yikatong_desktop.bootstrap import _migrate, keystore_path, open_app, resolve_location

    source = source.expanduser().resolve()
    target = resolve_location(db)
    if not source.is_file():
        raise InputRejected("file.missing", path=str(source))
    if not backup_file.is_sealed(source):
        raise InputRejected("restore.no_keystore", path=str(keystore_path(target)))
    header = backup_file.read_header(source)
    with _staging() as staged:
        copy = staged / "restore.sqlite3"
        keys = copy.with_name(copy.name + ".keys")
        keys.write_text(json.dumps(header.keystore, ensure_ascii=False), encoding="utf-8")
        os.chmod(keys, 0o600)
        engine = _staged_database(source, copy, keys, passphrase)
        try:
            wanted = _verified_backup(engine, header.org_code, source)
        finally:
            engine.dispose()
        app = open_app(str(copy))
        try:
            authorize(app.actor, Action.RESTORE)
            done = _migrate(app, target, None, ("db.restore", {"file": source.name, "sha256": _sha256(source),
                                                               "to": target.display}))
        finally:
            app.close()
    return Restored(str(source), None, sum(done.tables.values()), wanted)


def settle(app: App) -> None:
    """Finish what a restore left in the keystore (it may have been killed right after its commit)."""
    def holds(org: str, seq: int, digest: str) -> bool:
        with UnitOfWork(app.engine, app.clock, write=False) as uow:
            return uow.audit.hash_at(org, seq) == digest

    keystore.settle_restore(app.keystore_path, holds)


def _swap(app: App, uow: UnitOfWork, engine: Engine, source: Path, before: Path,
          wanted: list[KindStats]) -> int:
    org = org_code(uow)
    replaced = uow.audit.head(org)
    lamport = int(uow.get_setting("lamport", 0))
    copied = transfer.replace_contents(uow.conn, engine, lambda *_: faults.point("restore.copying"))
    # Versions never go back: what was exchanged before the restore stays older than what comes after.
    uow.observe_version(lamport)
    if stats(uow, app.actor) != wanted:
        raise VerificationFailed("restore.digests")
    record_event(uow, app.actor, "db.restore", detail={
        "file": source.name, "sha256": _sha256(source), "rows": sum(copied.values()),
        "replaced_head_seq": None if replaced is None else replaced[0],
        "replaced_head": None if replaced is None else replaced[1], "backup_of_replaced": before.name})
    return sum(copied.values())


def _staged_database(source: Path, staged: Path, keys: Path, passphrase: Callable[[], str]) -> Engine:
    """The backup as a private SQLite file, opened (and migrated to this version's schema)."""
    if not source.is_file():
        raise InputRejected("file.missing", path=str(source))
    if backup_file.is_sealed(source):
        header = backup_file.read_header(source)
        doc = keystore.read_keystore(keys)
        if header.org_code != doc["org"]["code"]:
            raise InputRejected("restore.other_org", path=str(source), org=header.org_name, code=header.org_code)
        backup_file.unseal(source, keystore.unlock(keys, passphrase()).exchange, staged)
    else:
        transfer.copy_sqlite_file(source, staged)  # the user's file is never opened for writing
    return open_database(locate(str(staged)))


def _verified_backup(engine: Engine, org: str, source: Path) -> list[KindStats]:
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


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
