"""Composition root (SPEC §11): settings → database → unit of work → keystore → services.

The only module above services that imports storage; `gui/app.py` and
`cli/main.py` both start here.
"""

from __future__ import annotations

import hashlib
import logging
import logging.handlers
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import platformdirs

from yikatong_desktop.bootstrap import backups
from yikatong_desktop.domain.clock import Clock, SystemClock, parse_clock
from yikatong_desktop.domain.errors import InputRejected, UsageError, VerificationFailed
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action, Role
from yikatong_desktop.domain.privacy import mask_text
from yikatong_desktop.domain.users import user_name
from yikatong_desktop.formats import keystore
from yikatong_desktop.services import users
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize, os_actor
from yikatong_desktop.services.stats import stats
from yikatong_desktop.storage import transfer
from yikatong_desktop.storage.database import (
    SCHEMA_HEAD,
    DatabaseLocation,
    Engine,
    backend_errors,
    create_database,
    is_sqlite_file,
    locate,
    open_database,
)
from yikatong_desktop.storage.unit_of_work import UnitOfWork

log = logging.getLogger("yikatong")
#: Who an installation with users acts as before anyone logged in: may look, may not act.
NOBODY = Actor(name="未登录", role=Role.VIEWER, single_user=False)
APP_NAME = "yikatong"


def data_dir() -> Path:
    """The user data folder (YKT_HOME overrides), created private to the OS user."""
    override = os.environ.get("YKT_HOME")
    path = Path(override) if override else platformdirs.user_data_path(APP_NAME, appauthor=False)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def log_path() -> Path:
    """The application log file."""
    return data_dir() / "logs" / "ykt.log"


class _MaskingFormatter(logging.Formatter):
    """Log lines and tracebacks with ID, account and phone numbers masked (SPEC §9): a database error
    quotes the row it refused, and that row is somebody's."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_text(super().format(record))


def configure_logging(debug: bool = False) -> None:
    """Log to a rotating file in the data folder; tracebacks of bugs go there, never to users."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(_MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("yikatong")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if debug else logging.INFO)


def resolve_location(db: str | None) -> DatabaseLocation:
    """--db, else YKT_DB, else the default file in the user data folder."""
    value = db or os.environ.get("YKT_DB") or str(data_dir() / "yikatong.sqlite3")
    return locate(value)


def keystore_path(loc: DatabaseLocation) -> Path:
    """`<db file>.keys` beside a SQLite file; in the data folder for a server database."""
    if loc.path is not None:
        return loc.path.with_name(loc.path.name + ".keys")
    # Named by the URL without its password: a password changed, or kept in ~/.pgpass, is the same database.
    tag = hashlib.sha256(loc.display.encode("utf-8")).hexdigest()[:16]
    path = data_dir() / "keys" / f"{tag}.keys"
    earlier = data_dir() / "keys" / f"{hashlib.sha256(loc.url.encode('utf-8')).hexdigest()[:16]}.keys"
    if not path.exists() and earlier != path and earlier.exists():
        os.replace(earlier, path)  # named by the whole URL before 2026-11-26
    return path


@dataclass
class App:
    """An open installation: what every service call needs."""

    location: DatabaseLocation
    clock: Clock
    engine: Engine
    actor: Actor = field(default_factory=os_actor)
    #: The schema upgrade opening it made (and the backup before it), if it made one.
    upgraded: backups.SchemaUpgrade | None = None

    @property
    def keystore_path(self) -> Path:
        """This installation's keystore file."""
        return keystore_path(self.location)

    def uow(self) -> UnitOfWork:
        """A new unit of work; audit heads go to the keystore after each commit."""
        self._end_single_user_mode()
        slots = self._update_slots if self.location.key is not None else None
        return UnitOfWork(self.engine, self.clock, head_sink=self._record_head, credentials_sink=slots)

    def reader(self) -> UnitOfWork:
        """A read-only unit of work: no write lock, always rolled back."""
        self._end_single_user_mode()
        return UnitOfWork(self.engine, self.clock, write=False)

    def _end_single_user_mode(self) -> None:
        """Single-user mode lasts while there are no users: a window opened before someone (elsewhere)
        created the first one acts as nobody from then on, until it logs in."""
        if self.actor.single_user:
            with UnitOfWork(self.engine, self.clock, write=False) as uow:
                if users.has_users(uow):
                    self.actor = NOBODY

    def recorded_head(self, org: str) -> tuple[int, str] | None:
        """The audit head the keystore holds for an org."""
        return keystore.audit_head(self.keystore_path, org)

    def own_orgs(self) -> list[str]:
        """Orgs whose chain the keystore vouches for."""
        doc = keystore.read_keystore(self.keystore_path)
        return sorted(set(doc.get("audit_heads", {})) | {doc["org"]["code"]})

    def _record_head(self, org: str, seq: int, digest: str) -> None:
        # The change is committed already: failing here would report a saved change as failed.
        # `audit verify` shows a head that lags behind; the next commit records the newer head.
        try:
            keystore.record_audit_head(self.keystore_path, org, seq, digest)
        except (InputRejected, OSError, TimeoutError) as exc:
            log.warning("audit head %s #%s not recorded in the keystore: %s", org, seq, exc)

    @property
    def encrypted(self) -> bool:
        """Whether the database is encrypted at rest (SQLCipher)."""
        return self.location.key is not None

    def _update_slots(self, changed: list[tuple[str, str | None]]) -> None:
        # After the commit: a new or changed password opens the database, a disabled user's no longer.
        assert self.location.key is not None
        for name, password in changed:
            if password is None:
                keystore.remove_slot(self.keystore_path, name)
            else:
                keystore.set_slot(self.keystore_path, self.location.key, name, password)

    def backup_to(self, target: Path) -> None:
        """A consistent copy of the live database as a new SQLite file (a logical export of a server database)."""
        transfer.backup_to_file(self.engine, target)

    @property
    def backups_folder(self) -> Path:
        """This database's backups in the data folder (one folder per database)."""
        return backups.folder(self)

    def backups(self) -> list[Path]:
        """The backups kept, oldest first."""
        return [b.path for b in backups.list_backups(self)]

    def backup(self, reason: str, *, before: Action | None = None) -> Path:
        """Back the database up into the data folder (before an import, a merge, a restore; daily).

        `before`: the action the backup is made for, checked first, so a refused user leaves no
        backup (and no audit event of one) behind.
        """
        if before is not None:
            authorize(self.actor, before)
        return backups.make_backup(self, reason)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()


class _InstallationClock:
    """YKT_CLOCK, else the database's fixed clock (demo databases), else the system clock.

    Looked up on the first call, so opening a database to read it costs nothing extra.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._clock: Clock | None = None

    def now(self) -> datetime:
        """The current time of this installation."""
        if self._clock is None:
            self._clock = self._resolve()
        return self._clock.now()

    def _resolve(self) -> Clock:
        if os.environ.get("YKT_CLOCK"):
            log.warning("clock fixed by YKT_CLOCK=%s: every time recorded uses it", os.environ["YKT_CLOCK"])
            return parse_clock(os.environ["YKT_CLOCK"])
        with UnitOfWork(self._engine, SystemClock(), write=False) as uow:
            fixed = uow.get_setting("clock.fixed")
        return parse_clock(fixed) if fixed else SystemClock()


#: Where a command line gets its user name and password (set by the CLI; the GUI asks in a dialog).
Credentials = Callable[[], tuple[str, str]]
_credentials: Credentials | None = None


def use_credentials(provider: Credentials | None) -> None:
    """Log in with these credentials whenever an installation with users is opened."""
    global _credentials
    _credentials = provider


#: Where `open_app` tells people what it did on its own (a schema upgrade): stderr, as the CLI says
#: everything for people, unless a front end (`use_notices`) shows it its own way.
Notices = Callable[[str], None]


def _on_stderr(text: str) -> None:
    print(text, file=sys.stderr)


_notices: Notices = _on_stderr


def use_notices(sink: Notices | None) -> None:
    """Tell people what opening an installation did on its own through `sink` (None: on stderr)."""
    global _notices
    _notices = sink or _on_stderr


def login(app: App, name: str, password: str, *, now: datetime | None = None) -> Actor:
    """Log in to an open installation: from now on it acts as that user (SPEC §9).

    The password is checked in a reader, so a login never waits behind an import; the attempt
    is then written down (a failure must be: the lock-out counts it; a success only when there
    is something to reset, and not at the price of failing the login when a writer is busy).
    """
    with app.reader() as uow:
        attempt = users.check_login(uow, name, password, now=now)
    if attempt.must_record:
        try:
            with app.uow() as uow:
                users.record_login(uow, attempt)
                uow.commit()
        except InputRejected as exc:
            if attempt.actor is None or exc.key != "db.busy":
                raise
            log.info("a login was not written down: the database is busy")
    if attempt.actor is None:
        assert attempt.refusal is not None
        raise attempt.refusal
    app.actor = attempt.actor
    return app.actor


def _actor_for(app: App, credentials: tuple[str, str] | None) -> Actor:
    """Single-user mode (the OS user) while there are no users; else the logged-in user.

    Without credentials the installation opens as nobody: it may look (viewer) but not act,
    until `login` (the GUI's login dialog) says who is there.
    """
    with app.reader() as uow:
        if not users.has_users(uow):
            return os_actor()
    if credentials is None:
        if _credentials is None:
            return NOBODY
        credentials = _credentials()
    return login(app, *credentials)


def is_encrypted(db: str | None) -> bool:
    """Whether a database is encrypted at rest: it opens only with a user's password."""
    loc = resolve_location(db)
    keys = keystore_path(loc)
    return loc.path is not None and keys.exists() and keystore.is_encrypted(keystore.read_keystore(keys))


def _unlocked(loc: DatabaseLocation, credentials: tuple[str, str] | None) -> tuple[DatabaseLocation,
                                                                                    tuple[str, str] | None]:
    """An encrypted file's location with its key, opened by a user's password (asked here, once)."""
    keys = keystore_path(loc)
    if loc.path is not None and not keys.exists() and loc.path.exists() and not is_sqlite_file(loc.path):
        raise InputRejected("db.encrypted_no_keystore", path=str(loc.path), keys=str(keys))
    if loc.path is None or not keys.exists() or not keystore.is_encrypted(keystore.read_keystore(keys)):
        return loc, credentials
    if credentials is None:
        if _credentials is None:
            raise InputRejected("db.encrypted_login")
        credentials = _credentials()
    name, password = credentials
    try:
        name = user_name(name)
    except UsageError as exc:
        raise InputRejected("login.failed") from exc
    return replace(loc, key=keystore.unlock_database(keys, name, password)), (name, password)


def open_app(db: str | None, clock: Clock | None = None, *, credentials: tuple[str, str] | None = None,
             backup_before_upgrade: bool = True) -> App:
    """Open an existing installation (refusing a missing, foreign, newer or unfinished database).

    `credentials` (name, password) log in; without them the CLI's (`use_credentials`) are used
    when the database has users. An encrypted database opens only with them.

    A database from an earlier version is upgraded to this version's schema, after a backup among
    its other backups (not when `backup_before_upgrade` is off: a private copy being restored);
    when that backup cannot be made, it is refused untouched. The upgrade is audited and told
    (`use_notices`), and `App.upgraded` says what it was.
    """
    loc, credentials = _unlocked(resolve_location(db), credentials)
    made: list[backups.SchemaUpgrade] = []

    def back_up(engine: Engine, old: str) -> None:
        made.append(backups.SchemaUpgrade(old, SCHEMA_HEAD, backups.backup_before_upgrade(
            engine, loc, old, SCHEMA_HEAD)))

    engine = open_database(loc, before_upgrade=back_up if backup_before_upgrade else None)
    upgraded = made[0] if made else None
    if upgraded is not None:
        log.info("upgraded %s from schema %s to %s", loc.display, upgraded.old, upgraded.new)
        _notices(message("db.upgraded", old=upgraded.old, new=upgraded.new, backup=upgraded.backup))
    with UnitOfWork(engine, SystemClock(), write=False) as uow:
        initialised = uow.get_setting("org.code") is not None
    if not initialised:
        engine.dispose()
        raise InputRejected("db.not_initialised")
    app = App(loc, clock or _InstallationClock(engine), engine, upgraded=upgraded)
    try:
        backups.settle(app)  # a restore killed right after its commit
        if upgraded is not None:
            _record_upgrade(app, upgraded)
        app.actor = _actor_for(app, credentials)
    except BaseException:
        app.close()
        raise
    return app


def _record_upgrade(app: App, upgraded: backups.SchemaUpgrade) -> None:
    """Audit the upgrade and its backup; not failing the open: the upgrade is done either way."""
    failures: tuple[type[Exception], ...] = (OSError, *backend_errors())
    try:
        backups.record_upgrade(app, upgraded)
    except InputRejected as exc:  # busy: another writer held on
        log.warning("the upgrade of %s was not audited: %s", app.location.display, exc.key)
    except failures as exc:  # the backup file unreadable, the database refusing
        log.warning("the upgrade of %s was not audited: %s", app.location.display, exc)


def create_app(db: str | None, passphrase: str, *, org_code: str, org_name: str,
               clock: Clock | None = None, seed: Callable[[App], None],
               encrypt: tuple[str, str] | None = None) -> App:
    """Create database and keystore together, run `seed` (init or demo), and open the result.

    A file database is built under a temporary name and renamed when complete, so a
    failed or killed `init`/`demo` never leaves a half-made installation behind.
    `encrypt` (the first admin's name and password) makes it a SQLCipher file whose key only
    users' passwords open; `seed` must then create that admin.
    """
    loc = resolve_location(db)
    keys = keystore_path(loc)
    if keys.exists():
        raise InputRejected("keystore.exists", path=str(keys))
    if loc.path is None:
        if encrypt is not None:
            raise InputRejected("db.encrypt_file_only")
        return _create_on_server(loc, keys, passphrase, org_code, org_name, clock, seed)
    if not loc.path.parent.is_dir():
        raise InputRejected("db.dir_missing", path=str(loc.path))
    if loc.path.exists() and loc.path.stat().st_size > 0:
        raise InputRejected("db.exists", path=str(loc.path))
    part = locate(str(loc.path.with_name(loc.path.name + ".part")))
    part_path = part.path
    assert part_path is not None
    _remove_partial(part_path)  # what an earlier, killed attempt left
    part_keys = keystore_path(part)
    app: App | None = None
    try:
        keystore.create_keystore(part_keys, passphrase, org_code=org_code, org_name=org_name,
                                 now=(clock or SystemClock()).now())
        if encrypt is not None:
            part = replace(part, key=keystore.new_database_key(part_keys, user_name(encrypt[0]), encrypt[1]))
        app = App(part, clock or SystemClock(), create_database(part))
        seed(app)
        app.close()
        os.replace(app.keystore_path, keys)
        for suffix in ("-wal", "-shm"):  # normally gone once the last connection closed
            side = Path(str(part_path) + suffix)
            if side.exists():
                os.replace(side, Path(str(loc.path) + suffix))
        os.replace(part_path, loc.path)  # last: the database appearing is what makes it exist
        Path(str(app.keystore_path) + ".lock").unlink(missing_ok=True)
    except BaseException:
        if app is not None:
            app.close()
        _remove_partial(part_path)
        raise
    return open_app(str(loc.path), clock, credentials=encrypt)


def _create_on_server(loc: DatabaseLocation, keys: Path, passphrase: str, org_code: str, org_name: str,
                      clock: Clock | None, seed: Callable[[App], None]) -> App:
    """A server database: the seed's single transaction is what makes it whole."""
    keys.parent.mkdir(parents=True, exist_ok=True)
    app = App(loc, clock or SystemClock(), create_database(loc))
    try:
        keystore.create_keystore(keys, passphrase, org_code=org_code, org_name=org_name, now=app.clock.now())
        seed(app)
    except BaseException:
        app.close()
        keys.unlink(missing_ok=True)
        transfer.discard(app.engine)  # a half-made server database would refuse the next init
        app.engine.dispose()
        raise
    return app


def _remove_partial(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal", ".keys", ".keys.lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)


@dataclass
class Migration:
    """What `ykt migrate` did: rows per table, and the `stats` of both ends (equal, or it failed)."""

    source: str
    target: str
    tables: dict[str, int]
    digests: list[tuple[str, int, str]]


def migrate_installation(source_db: str, target_db: str,
                         progress: Callable[[str, int, int], None] | None = None) -> Migration:
    """Copy an installation (database and keystore) to a new place, SQLite or PostgreSQL either way.

    The target must not exist yet. It is accepted only when `ykt stats` gives the same counts
    and digests on both ends; otherwise it is removed again and the copy refused.
    """
    source_loc, target_loc = resolve_location(source_db), locate(target_db)
    if source_loc.url == target_loc.url:
        raise InputRejected("migrate.same", path=target_loc.display)
    source = open_app(source_db)
    try:
        authorize(source.actor, Action.MANAGE_KEYS)  # the whole database and its keystore leave with it
        return _migrate(source, target_loc, progress)
    finally:
        source.close()


def _migrate(source: App, target_loc: DatabaseLocation, progress: Callable[[str, int, int], None] | None,
             event: tuple[str, dict[str, object]] | None = None) -> Migration:
    """Copy `source` to a new database at `target_loc`; `event` is the audit event recorded on the
    copy (by default `db.migrate` with where from and where to)."""
    keys = keystore_path(target_loc)
    if keys.exists():
        raise InputRejected("keystore.exists", path=str(keys))
    if target_loc.path is not None:
        if not target_loc.path.parent.is_dir():
            raise InputRejected("db.dir_missing", path=str(target_loc.path))
        if target_loc.path.exists() and target_loc.path.stat().st_size > 0:
            raise InputRejected("db.exists", path=str(target_loc.path))
    building = target_loc if target_loc.path is None else locate(str(target_loc.path) + ".part")
    if building.path is not None:
        _remove_partial(building.path)
    engine = create_database(building)
    try:
        # The keystore first: the audit head it holds may then lag the copied chain (which `audit verify`
        # accepts), never run ahead of it (which would read as a cut-off tail).
        keys.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source.keystore_path, keystore_path(building))
        keystore.forget_database_key(keystore_path(building))  # the copy is not encrypted
        tables = transfer.copy_database(source.engine, engine, progress)
        engine.dispose()
        if building.path is not None and target_loc.path is not None:
            os.replace(keystore_path(building), keys)
            os.replace(building.path, target_loc.path)
        target = open_app(target_loc.url)
        try:
            digests = _verified_stats(source, target)
            with target.uow() as uow:
                action, detail = event or ("db.migrate", {"from": source.location.display,
                                                          "to": target.location.display})
                record_event(uow, target.actor, action, detail={**detail, "rows": sum(tables.values())})
                uow.commit()
        finally:
            target.close()
    except BaseException:
        engine.dispose()
        if building.path is not None:
            _remove_partial(building.path)
        if target_loc.path is not None:
            _remove_partial(target_loc.path)
        else:
            keys.unlink(missing_ok=True)
            try:
                transfer.discard(engine)
            except Exception:  # the server went away: the half copy is dropped by the next attempt's owner
                log.warning("could not drop the half-made copy on %s", target_loc.display, exc_info=True)
            engine.dispose()
        raise
    return Migration(source.location.display, target_loc.display, tables, digests)


def _verified_stats(source: App, target: App) -> list[tuple[str, int, str]]:
    with source.reader() as uow:
        before = [(r.kind, r.count, r.digest) for r in stats(uow, source.actor)]
    with target.reader() as uow:
        after = [(r.kind, r.count, r.digest) for r in stats(uow, target.actor)]
    differing = [kind for (kind, *a), (_k, *b) in zip(before, after, strict=True) if a != b]
    if differing:
        raise VerificationFailed("migrate.digests", kinds="、".join(differing))
    return after
