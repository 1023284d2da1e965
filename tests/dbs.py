"""The databases tests run on: a SQLite file, or a fresh database on the test PostgreSQL cluster.

`Databases.target(name)` gives what `--db` takes (a file path, or a URL); `sql` and `sql_write`
read and change a database with the driver alone, independent of the product's storage code,
whichever backend it is on. Queries are written with `?` placeholders and portable SQL.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

BACKENDS = ("sqlite", "postgresql")
#: The e2e suite runs once more on encrypted files (SQLCipher, `init --encrypt`), opened as this admin.
ENCRYPTED = "sqlcipher"
ENCRYPTED_LOGIN = ("管理员", "管理员的口令 2019")
_numbers = itertools.count(1)
_keys: dict[Path, bytes] = {}


def remember_key(path: Path) -> None:
    """Unwrap an encrypted installation's key with the test admin's password (through the product's
    keystore code), so its file and its backups can be read here."""
    from yikatong_desktop.formats import keystore

    if path not in _keys:
        _keys[path] = keystore.unlock_database(Path(f"{path}.keys"), *ENCRYPTED_LOGIN)


def connect_file(path: Path) -> Any:
    """A driver connection to a SQLite file; an encrypted one (the database, or one of its backups)
    with the key `remember_key` found for it."""
    with Path(path).open("rb") as fh:
        plain = fh.read(16) == b"SQLite format 3\x00"
    keys = Path(f"{path}.keys")
    if not plain and keys.exists() and '"database_key"' in keys.read_text(encoding="utf-8"):
        remember_key(Path(path))
    if plain or not _keys:
        return sqlite3.connect(path)
    import sqlcipher3

    for key in reversed(list(_keys.values())):  # the newest installation first
        conn = sqlcipher3.connect(str(path))
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            conn.close()
            continue
        return conn
    return sqlite3.connect(path)  # no key opens it: the caller sees "file is not a database"


def _url_or_path(where: Any) -> str | Path:
    """A path, a --db string, a DatabaseLocation or an App → the file path, or the server URL."""
    location = getattr(where, "location", where)
    if hasattr(location, "url"):
        return location.path if location.path is not None else location.url
    if isinstance(where, str) and "://" in where:
        return where
    return Path(where)


def _pg_dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _pg_query(query: str) -> str:
    return query.replace("%", "%%").replace("?", "%s")


def _as_sqlite_gives(value: Any) -> Any:
    """Dates and times as the text SQLite stores them, so one expected value fits both backends."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def sql(where: Any, query: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of a query, read with the bare driver (sqlite3 or psycopg)."""
    target = _url_or_path(where)
    if isinstance(target, Path):
        conn = connect_file(target)
        try:
            return conn.execute(query, params).fetchall()  # type: ignore[no-any-return]
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(_pg_dsn(target)) as pg:
        return [tuple(_as_sqlite_gives(v) for v in r) for r in pg.execute(_pg_query(query), params).fetchall()]


def sql_write(where: Any, query: str, params: tuple[Any, ...] = ()) -> int:
    """Change a database behind the product's back (tampering); returns the rows changed."""
    target = _url_or_path(where)
    if isinstance(target, Path):
        conn = connect_file(target)
        try:
            with conn:
                return conn.execute(query, params).rowcount  # type: ignore[no-any-return]
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(_pg_dsn(target)) as pg:
        return pg.execute(_pg_query(query), params).rowcount


def integrity_ok(where: Any) -> bool:
    """SQLite's own check of the file; on PostgreSQL, that no session is left inside a transaction."""
    target = _url_or_path(where)
    if isinstance(target, Path):
        return sql(target, "PRAGMA integrity_check") == [("ok",)]
    return sql(target, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND state LIKE 'idle in transaction%'") == [(0,)]


def count(where: Any, query: str, params: tuple[Any, ...] = ()) -> int:
    """The one number a query gives."""
    return int(sql(where, query, params)[0][0])


def copy_server_database(url: str) -> str:
    """A new database on the same server with the content of a closed one (its template)."""
    import psycopg

    base, name = url.rsplit("/", 1)
    copy = f"{name}_c{next(_numbers)}"
    with psycopg.connect(_pg_dsn(base + "/postgres"), autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')
    return f"{base}/{copy}"


class Databases:
    """Fresh databases of one backend for one test; the PostgreSQL ones are dropped afterwards."""

    def __init__(self, backend: str, folder: Path, server_url: str | None) -> None:
        self.backend, self.folder, self.server_url = backend, folder, server_url
        self.created: list[str] = []

    @property
    def postgresql(self) -> bool:
        return self.backend == "postgresql"

    @property
    def encrypted(self) -> bool:
        return self.backend == ENCRYPTED

    def target(self, name: str = "ykt.sqlite3") -> str:
        """A new, empty database: a file path in the test's folder, or a URL of a new server database."""
        if not self.postgresql:
            return str(self.folder / name)
        assert self.server_url is not None
        import psycopg

        db = f"t{os.getpid()}_{next(_numbers)}"
        with psycopg.connect(_pg_dsn(self.server_url), autocommit=True) as pg:
            pg.execute(f'CREATE DATABASE "{db}"')
        self.created.append(db)
        return self.server_url.rsplit("/", 1)[0] + "/" + db

    def drop_all(self) -> None:
        if not self.created:
            return
        import psycopg

        assert self.server_url is not None
        with psycopg.connect(_pg_dsn(self.server_url), autocommit=True) as pg:
            for db in self.created:
                pg.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        self.created.clear()
