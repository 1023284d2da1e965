"""The database seam (SPEC §11, §12): URLs, engines, PRAGMAs, migrations, bulk load.

Everything that differs between SQLite and PostgreSQL lives here, so the rest
of storage/ is portable SQLAlchemy Core.
"""

from __future__ import annotations

import operator
import os
import sqlite3
import weakref
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Connection, Date, Engine, Table, create_engine, event, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, DBAPIError, OperationalError, SQLAlchemyError

from yikatong_desktop import faults

if TYPE_CHECKING:  # Alembic is imported only when a schema is checked or migrated (start-up time)
    from alembic.config import Config
    from alembic.script import ScriptDirectory
from yikatong_desktop.domain.errors import InputRejected

__all__ = ["SCHEMA_HEAD", "DatabaseLocation", "Engine", "bulk_insert", "bulk_insert_rows", "create_database",
           "discard_schema", "export_at_revision", "indexes_built_after", "is_busy", "iter_chunks", "locate",
           "online_backup", "open_database", "pending_upgrade", "refresh_statistics", "reset_sequences",
           "schema_revision", "upsert"]

_MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration; equal to Alembic's head (a test checks), so opening an
#: up-to-date database never loads Alembic.
SCHEMA_HEAD = "0012"
SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class DatabaseLocation:
    """Where a database lives: its URL, its file when it is SQLite, and the key of an encrypted file
    (SQLCipher; never shown, never compared)."""

    url: str
    path: Path | None
    key: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def display(self) -> str:
        """What to show people: the file path, or the URL without its password."""
        if self.path is not None:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)


def locate(db: str) -> DatabaseLocation:
    """Turn a --db value (a path or a URL) into a location."""
    if "://" in db:
        url = make_url(db)
        if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
            path = Path(url.database or "").expanduser().resolve()
            return DatabaseLocation(f"sqlite:///{path}", path)
        return DatabaseLocation(db, None)
    path = Path(db).expanduser().resolve()
    return DatabaseLocation(f"sqlite:///{path}", path)


#: How long a SQLite writer waits for another one before giving up with the busy message.
SQLITE_BUSY_MS = 10_000


#: The key each engine on an encrypted file was made with (its backups are keyed alike).
_KEYS: weakref.WeakKeyDictionary[Engine, bytes] = weakref.WeakKeyDictionary()


def _key_pragma(key: bytes) -> str:
    """SQLCipher's raw-key form: the key is used as it is, no passphrase derivation on every connect."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def _keyed(conn: Any, key: bytes) -> None:
    """Key a SQLCipher connection; its own log stays quiet (a damaged page is our error to report)."""
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(_key_pragma(key))


def _sqlcipher() -> Any:
    try:
        import sqlcipher3
    except ImportError as exc:  # pragma: no cover - a dependency of the product
        raise InputRejected("db.no_sqlcipher") from exc
    _register_date_adapter(sqlcipher3.dbapi2)
    return sqlcipher3.dbapi2


def driver_database_errors() -> tuple[type[Exception], ...]:
    """What the SQLite drivers raise for a file that is not a database (or not with this key)."""
    try:
        import sqlcipher3
    except ImportError:  # pragma: no cover - a dependency of the product
        return (sqlite3.DatabaseError,)
    return (sqlite3.DatabaseError, sqlcipher3.dbapi2.DatabaseError)


def backend_errors() -> tuple[type[Exception], ...]:
    """What working with a database raises when the database (or its file) fails, through
    SQLAlchemy or a bare driver; for callers above storage, which do not import SQLAlchemy."""
    return (SQLAlchemyError, *driver_database_errors())


def database_key(engine: Engine) -> bytes | None:
    """The key of an encrypted database's engine; None for a plain file or a server."""
    return _KEYS.get(engine)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    # 64 MB of page cache: bulk loads update several indexes at once (measured in bench/import_roster.py).
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.info.pop("begin_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


#: The advisory lock every writing transaction on PostgreSQL holds: writers take turns, as
#: SQLite's BEGIN IMMEDIATE makes them, so Lamport versions, audit sequences and bulk-loaded
#: ids never interleave; readers are never blocked.
WRITE_LOCK = 0x796B7401  # "ykt" 1
#: How long a writer waits for another one (a big import) before giving up with a clear message.
WRITE_WAIT = "180s"


def _postgresql_begin(conn: Connection) -> None:
    if conn.info.pop("begin_immediate", False):
        conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{WRITE_WAIT}'")
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
    else:
        # One snapshot for the whole read, as a SQLite reader has in WAL mode.
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")


def is_busy(exc: BaseException) -> bool:
    """Whether a database error means another writer held on too long (SQLite's busy, PostgreSQL's lock timeout)."""
    orig = getattr(exc, "orig", None)
    if type(orig).__name__ == "OperationalError" and type(orig).__module__.startswith(("sqlite3", "sqlcipher3")):
        return "locked" in str(orig) or "busy" in str(orig)
    return getattr(orig, "sqlstate", None) in ("55P03", "40001", "40P01")  # lock timeout, serialization, deadlock


def _engine(loc: DatabaseLocation) -> Engine:
    if loc.key is not None:
        return _encrypted_engine(loc, loc.key)
    try:
        engine = create_engine(loc.url, hide_parameters=True, future=True)
    except (ImportError, ArgumentError) as exc:  # unknown scheme, or its driver is not installed
        raise InputRejected("db.unreachable", url=loc.display, reason=str(exc)) from exc
    if engine.dialect.name not in ("sqlite", "postgresql"):
        engine.dispose()
        raise InputRejected("db.unreachable", url=loc.display, reason="只支持 SQLite 文件和 PostgreSQL 服务器")
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _postgresql_begin)
    return engine


def _encrypted_engine(loc: DatabaseLocation, key: bytes) -> Engine:
    """A SQLCipher file: the same SQLite dialect over sqlcipher3, keyed first thing on every connection."""
    engine = create_engine(loc.url, module=_sqlcipher(), hide_parameters=True, future=True)

    def keyed(dbapi_conn: Any, record: Any) -> None:
        _keyed(dbapi_conn, key)
        _sqlite_pragmas(dbapi_conn, record)

    event.listen(engine, "connect", keyed)
    event.listen(engine, "begin", _sqlite_begin)
    _KEYS[engine] = key
    return engine


def is_sqlite_file(path: Path) -> bool:
    """Whether a file starts as a plain SQLite database does (an encrypted one does not)."""
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError:
        return False


def check_sqlite_file(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise InputRejected("db.unreachable", url=str(path), reason=exc.strerror or str(exc)) from exc
    if head != SQLITE_MAGIC:
        raise InputRejected("db.not_database", path=str(path))


def create_database(loc: DatabaseLocation) -> Engine:
    """Create a new database (refusing an existing one) and migrate it to the newest schema."""
    if loc.path is not None:
        if not loc.path.parent.is_dir():
            raise InputRejected("db.dir_missing", path=str(loc.path))
        if loc.path.exists() and loc.path.stat().st_size > 0:
            if loc.key is None:
                check_sqlite_file(loc.path)
            raise InputRejected("db.exists", path=str(loc.path))
    engine = _engine(loc)
    try:
        with engine.begin() as conn:
            if _current_revision(conn) is not None:
                raise InputRejected("db.exists", path=loc.display)
            _upgrade(conn)
    except OperationalError as exc:
        engine.dispose()
        raise InputRejected("db.unreachable", url=loc.display, reason=str(exc.orig)) from exc
    if loc.path is not None:
        os.chmod(loc.path, 0o600)
    return engine


#: Called before a database whose schema is behind is upgraded, with its engine and the revision it
#: stands at (`SCHEMA_HEAD` is where it goes): the backup made first. Raising stops the upgrade.
BeforeUpgrade = Callable[[Engine, str], None]


def open_database(loc: DatabaseLocation, *, before_upgrade: BeforeUpgrade | None = None) -> Engine:
    """Open an existing database, refusing a missing, foreign or newer one; apply pending migrations.

    A newer one is refused having only been read. One that is behind is upgraded to `SCHEMA_HEAD`
    after `before_upgrade` (the backup) returned; when it raises, nothing was migrated.
    """
    if loc.path is not None:
        if not loc.path.exists():
            raise InputRejected("db.missing", path=str(loc.path))
        if loc.key is None:
            check_sqlite_file(loc.path)
    engine = _engine(loc)
    try:
        current = pending_upgrade(engine, loc.display)
        if current is not None:
            if before_upgrade is not None:
                before_upgrade(engine, current)
            if engine.dialect.name == "sqlite":
                _upgrade_sqlite(engine)
            else:
                with engine.connect() as conn:
                    conn.info["begin_immediate"] = True  # the write lock: no writer of ours meanwhile
                    with conn.begin():
                        _upgrade(conn)
    except (OperationalError, DatabaseError) as exc:
        engine.dispose()
        raise InputRejected("db.unreachable", url=loc.display, reason=str(exc.orig)) from exc
    except BaseException:
        engine.dispose()
        raise
    return engine


def pending_upgrade(engine: Engine, display: str) -> str | None:
    """The revision a database of this product stands at when it is behind this version's schema
    (None: up to date); refuses a newer or a foreign one. Only reads."""
    with engine.begin() as conn:
        current = _current_revision(conn)
    if current is None:
        raise InputRejected("db.not_database", path=display)
    if current == SCHEMA_HEAD:
        return None
    from alembic.script import ScriptDirectory

    if not _known_revision(ScriptDirectory.from_config(_config()), current):
        raise InputRejected("db.newer", found=current)
    return current


def _known_revision(script: ScriptDirectory, revision: str) -> bool:
    """Whether this version of the product has the migration a database stands at."""
    from alembic.script.revision import ResolutionError
    from alembic.util import CommandError

    try:
        return script.get_revision(revision) is not None
    except (CommandError, ResolutionError):
        return False


def _config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def _current_revision(conn: Connection) -> str | None:
    found: object
    if conn.dialect.name == "sqlite":  # one cheap lookup instead of the inspector's queries
        found = conn.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").first()
    else:
        found = True if inspect(conn).has_table("alembic_version") else None
    if found is None:
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def _upgrade_sqlite(engine: Engine) -> None:
    """Migrate a SQLite file with its foreign keys off, as SQLite requires for rebuilding a table that
    others refer to; every reference is checked before the migration commits."""
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction: inside one it would do nothing
        try:
            with conn.begin():
                _upgrade(conn)
                if conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise InputRejected("db.migration_failed", reason="foreign_key_check")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


def _upgrade(conn: Connection, revision: str = "head") -> None:
    from alembic import command

    cfg = _config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, revision)


def schema_revision() -> str:
    """The newest migration this version of the product knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def bulk_insert(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert many rows through the driver's executemany (several times faster than ORM paths)."""
    if rows:
        columns = list(rows[0].keys())
        fetch = operator.itemgetter(*columns)
        bulk_insert_rows(conn, table, columns, [fetch(r) if len(columns) > 1 else (fetch(r),) for r in rows])


def bulk_insert_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                     same: Mapping[str, Any] | None = None) -> None:
    """Insert many rows given as tuples in `columns` order through the driver's executemany.

    `same`: columns with one value for every row (owner, version, time), bound once.
    """
    if not rows:
        return
    faults.rows_written(len(rows))
    same = same or {}
    on_file = conn.dialect.name == "sqlite"  # the driver binds dates and flags itself, as their processors would
    procs = [(i, p) for i, c in enumerate(columns) if not (on_file and _binds_natively(table.c[c].type))
             and (p := table.c[c].type._cached_bind_processor(conn.dialect)) is not None]
    values: Sequence[Sequence[Any]] = _bound(rows, procs) if procs else rows
    constant = {c: _bound_one(table, c, v, conn) for c, v in same.items()}
    if conn.dialect.name == "postgresql":
        if constant:
            values = [(*row, *constant.values()) for row in values]
        _copy_rows(conn, table, [*columns, *constant], values)
        return
    # The values every row shares are written into the statement once, not bound again for each row.
    names = ",".join([*columns, *constant])
    placeholders = ",".join(["?"] * len(columns) + [_sqlite_literal(v) for v in constant.values()])
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({placeholders})", values)


def _sqlite_literal(value: Any) -> str:
    """A bound value as SQLite literal text: integers, NULL and text (quotes doubled) only."""
    if value is None:
        return "NULL"
    if value.__class__ in (int, bool):
        return str(int(value))
    if value.__class__ is str:
        return "'" + value.replace("'", "''") + "'"
    raise TypeError(f"no literal for {value.__class__.__name__}")


def _copy_rows(conn: Connection, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """PostgreSQL's COPY … FROM STDIN through psycopg: the bulk path of the server, in the caller's transaction."""
    import psycopg

    raw: Any = conn.connection.dbapi_connection
    names = ", ".join(f'"{c}"' for c in columns)
    statement = f'COPY "{table.name}" ({names}) FROM STDIN'
    try:
        with raw.cursor() as cur, cur.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as exc:  # as SQLAlchemy's errors are: mapped (busy …) and without the rows
        raise DBAPIError.instance(statement, None, exc, psycopg.Error, hide_parameters=True) from exc


def _bound(rows: Sequence[Sequence[Any]], procs: Sequence[tuple[int, Any]]) -> list[tuple[Any, ...]]:
    """Rows with bind processors (exact decimals, UTC times …) applied once per distinct value (a roster's
    values repeat from row to row), column by column."""
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True))
    for i, proc in procs:
        bound: dict[Any, Any] = {}
        out = []
        for value in columns[i]:
            if value.__class__ is Decimal:  # 1.5 and 1.50 are equal but not written alike
                out.append(proc(value))
                continue
            key = (value.__class__, value)
            got = bound.get(key, _UNSET)
            if got is _UNSET:
                got = bound[key] = proc(value)
            out.append(got)
        columns[i] = out
    return list(zip(*columns, strict=True))


def _bound_one(table: Table, column: str, value: Any, conn: Connection) -> Any:
    proc = table.c[column].type._cached_bind_processor(conn.dialect)
    return value if proc is None else proc(value)


def _binds_natively(kind: Any) -> bool:
    """Types the sqlite3 module binds as SQLAlchemy would: a date as its ISO text (the adapter registered
    below), a bool as 0/1. (SQLAlchemy's DateTime is no Date: datetimes keep their processor.)"""
    return isinstance(kind, Boolean | Date)


def _register_date_adapter(module: Any) -> None:
    """Dates bind as YYYY-MM-DD, the text SQLAlchemy's SQLite Date stores (explicit: the sqlite3 module's
    own default adapters are deprecated since Python 3.12)."""
    module.register_adapter(date, date.isoformat)


_register_date_adapter(sqlite3)


@contextmanager
def indexes_built_after(conn: Connection, table: Table) -> Iterator[None]:
    """Into an empty SQLite table, load with its plain secondary indexes dropped and built again after.

    Building an index once from the loaded rows (a sort) is cheaper than inserting every row into
    every index. Unique indexes and constraints stay, so nothing a constraint checks is deferred;
    the drop and the rebuild are in the caller's transaction, so an interrupted load leaves the
    schema as it was.
    """
    if conn.dialect.name != "sqlite" or conn.exec_driver_sql(f"SELECT 1 FROM {table.name} LIMIT 1").first():
        yield
        return
    indexes = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
        "AND sql NOT LIKE 'CREATE UNIQUE%'", (table.name,)).all()
    for name, _sql in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        for _name, sql in indexes:
            conn.exec_driver_sql(sql)


_UNSET = object()


def upsert(conn: Connection, table: Table, values: Mapping[str, Any], key: Sequence[str]) -> None:
    """Insert a row or update it when its key exists (ON CONFLICT on both SQLite and PostgreSQL)."""
    dialect_insert: Any = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    stmt = dialect_insert(table).values(**values)
    updates = {k: v for k, v in values.items() if k not in key}
    conn.execute(stmt.on_conflict_do_update(index_elements=list(key), set_=updates))


def reset_sequences(conn: Connection, tables: Iterable[Table]) -> None:
    """After rows were copied with their ids, let PostgreSQL's id sequences continue past them
    (and past any id they handed out before)."""
    if conn.dialect.name != "postgresql":
        return  # SQLite takes the next rowid after the highest one by itself
    for table in tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement in (True, "auto"):
            sequence = conn.exec_driver_sql(f"SELECT pg_get_serial_sequence('{table.name}', 'id')").scalar()
            # Never backwards: a sequence moved inside a transaction that is then rolled back stays
            # moved (sequences are not transactional), and ids must not be handed out twice.
            conn.exec_driver_sql(
                f"SELECT setval('{sequence}', GREATEST(COALESCE((SELECT MAX(id) FROM \"{table.name}\"), 0), "
                f"(SELECT last_value FROM {sequence})) + 1, false)")


def discard_schema(conn: Connection) -> None:
    """Drop the product's tables and its migration stamp (a server database made by a failed init or copy)."""
    from yikatong_desktop.storage import tables as t

    t.metadata.drop_all(conn)
    conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")


def integrity_problem(conn: Connection) -> str | None:
    """What SQLite's integrity check finds wrong with a file (None: sound); a server checks itself."""
    if conn.dialect.name != "sqlite":
        return None
    try:
        found = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check(5)")]
    except DatabaseError as exc:
        return str(exc.orig)  # too damaged even to be checked
    return None if found == ["ok"] else "；".join(found)


def refresh_statistics(conn: Connection) -> None:
    """Let the query planner see the data as it is now (after a bulk load)."""
    conn.exec_driver_sql("ANALYZE")


#: Pages copied per step of an online backup: small steps let writers in between.
BACKUP_STEP_PAGES = 256


def online_backup(source: Path, target: Path, *, read_only: bool = False, key: bytes | None = None,
                  pages: int = BACKUP_STEP_PAGES, fault: str = "backup.copying") -> None:
    """Copy a live SQLite database consistently (the SQLite online backup API); `read_only` for
    a file that is someone's, not ours: it is not even opened for writing. An encrypted file
    (`key`) is copied page for page under the same key: the copy is as encrypted as the original."""
    module: Any = sqlite3 if key is None else _sqlcipher()
    src = module.connect(source.as_uri() + "?mode=ro", uri=True) if read_only else module.connect(str(source))
    dst = module.connect(str(target), timeout=SQLITE_BUSY_MS / 1000)
    if key is not None:
        _keyed(src, key)
        _keyed(dst, key)
    try:
        with dst:
            src.backup(dst, pages=pages, progress=lambda *_: faults.point(fault))
    finally:
        dst.close()
        src.close()


#: Rows per chunk when an older server database is exported.
_EXPORT_CHUNK = 5000


def export_at_revision(source: Engine, target: Path, revision: str) -> None:
    """A server database whose schema is behind (at `revision`) as a new SQLite file at that same
    revision, every row read in one snapshot: its backup before it is upgraded.

    `transfer.backup_to_file` exports at this version's schema, which an older database does not
    have yet. The migrations only ever add (tables, columns, indexes), so this version's table
    definitions read and write every column an older schema has, with the same conversions as
    `ykt migrate`; a table or column they do not know stops the export rather than be left out.
    """
    from yikatong_desktop.storage import tables as t

    engine = _engine(locate(str(target)))
    try:
        with engine.begin() as dst:
            _upgrade(dst, revision)
        with source.connect() as src, engine.begin() as dst:
            src.info["begin_immediate"] = False  # a reader: no write lock on the source
            with src.begin():
                found = inspect(src)
                present = set(found.get_table_names())
                copied = [(table, [c["name"] for c in found.get_columns(table.name)])
                          for table in t.metadata.sorted_tables if table.name in present]
                unknown = sorted(present - set(t.metadata.tables) - {"alembic_version"})
                unknown += [f"{table.name}.{c}" for table, columns in copied for c in columns if c not in table.c]
                if unknown:
                    raise ValueError(f"not in this version's schema: {', '.join(unknown)}")
                for table, columns in copied:
                    order = list(table.primary_key.columns) or [table.c[c] for c in columns]
                    rows = src.execute(select(*(table.c[c] for c in columns)).order_by(*order)
                                       .execution_options(yield_per=_EXPORT_CHUNK))
                    for chunk in rows.partitions(_EXPORT_CHUNK):
                        bulk_insert_rows(dst, table, columns, [tuple(r) for r in chunk])
    except BaseException:
        engine.dispose()
        target.unlink(missing_ok=True)
        raise
    engine.dispose()


def iter_chunks(items: Iterable[Any], size: int) -> Iterable[list[Any]]:
    """Split an iterable into lists of at most `size` items."""
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
