"""Copying a whole database between SQLite and PostgreSQL, either way (`ykt migrate`, SPEC §11).

Every table of the schema is copied row for row, local keys included, in the order its foreign
keys need; the source is read in streamed chunks and the target is written in one transaction
through the bulk path of its backend (executemany on SQLite, COPY on PostgreSQL), so a failed
copy leaves the target empty. PostgreSQL's id sequences are moved past the copied ids after.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, func, select

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.database import (
    bulk_insert_rows,
    check_sqlite_file,
    create_database,
    database_key,
    discard_schema,
    driver_database_errors,
    indexes_built_after,
    integrity_problem,
    is_sqlite_file,
    locate,
    online_backup,
    reset_sequences,
)

_CHUNK = 5000
#: (table, rows copied so far, rows in the table)
Progress = Callable[[str, int, int], None]


def copy_database(source: Engine, target: Engine, progress: Progress | None = None) -> dict[str, int]:
    """Copy every row of `source` into `target` (already migrated to the same schema, its tables empty).

    Returns table → rows copied. The source is read in one snapshot.
    """
    with target.begin() as dst:
        return replace_contents(dst, source, progress)


def replace_contents(dst: Connection, source: Engine, progress: Progress | None = None) -> dict[str, int]:
    """Inside the caller's write transaction: empty every table of `dst` and refill it from `source`
    (the same schema), read in one snapshot. What the migrations seeded goes too: the source's rows
    replace it. Returns table → rows copied; nothing is visible to others until the caller commits.
    """
    for table in reversed(t.metadata.sorted_tables):  # children before the rows they point at
        dst.execute(table.delete())
    copied: dict[str, int] = {}
    with source.connect() as src:
        src.info["begin_immediate"] = False  # a reader: no write lock on the source
        with src.begin():
            for table in t.metadata.sorted_tables:
                copied[table.name] = _copy_table(src, dst, table.name, progress)
    reset_sequences(dst, t.metadata.sorted_tables)
    return copied


def _copy_table(src: Connection, dst: Connection, name: str, progress: Progress | None) -> int:
    table = t.metadata.tables[name]
    total = src.execute(select(func.count()).select_from(table)).scalar_one()
    columns = [c.name for c in table.columns]
    done = 0
    order = list(table.primary_key.columns) or list(table.columns)
    result = src.execute(select(table).order_by(*order).execution_options(yield_per=_CHUNK))
    with indexes_built_after(dst, table):
        for chunk in result.partitions(_CHUNK):
            bulk_insert_rows(dst, table, columns, [tuple(r) for r in chunk])
            done += len(chunk)
            if progress is not None:
                progress(name, done, total)
    if progress is not None and total == 0:
        progress(name, 0, 0)
    return done


def discard(engine: Engine) -> None:
    """Remove every table of the product from a server database (a failed copy or init leaves none)."""
    with engine.begin() as conn:
        discard_schema(conn)


def backup_to_file(source: Engine, target: Path) -> None:
    """A consistent copy of a live database as one new SQLite file.

    A SQLite file goes through SQLite's online backup API; a PostgreSQL database is exported
    logically, every row through `copy_database` in one snapshot, so the backup of a server is
    a file that opens like any other and goes back with `ykt migrate --from FILE --to URL`.
    """
    if source.dialect.name == "sqlite":
        assert source.url.database
        online_backup(Path(source.url.database), target, key=database_key(source))
        return
    engine = create_database(locate(str(target)))
    try:
        copy_database(source, engine)
    except BaseException:
        engine.dispose()
        target.unlink(missing_ok=True)
        raise
    engine.dispose()


def row_count(engine: Engine) -> int:
    """Rows in all the product's tables (what a restore reports having brought back)."""
    with engine.connect() as conn:
        return sum(int(conn.execute(select(func.count()).select_from(table)).scalar_one())
                   for table in t.metadata.sorted_tables)


def integrity(engine: Engine) -> str | None:
    """What is wrong with a database file as a file (None: sound)."""
    with engine.connect() as conn:
        return integrity_problem(conn)


def copy_sqlite_file(source: Path, target: Path, key: bytes | None = None) -> None:
    """A consistent copy of a SQLite file somebody gave us, opened read-only; an encrypted one
    (not a plain SQLite file) with `key`, and the copy stays encrypted."""
    encrypted = key is not None and not is_sqlite_file(source)
    if not encrypted:
        check_sqlite_file(source)
    try:
        online_backup(source, target, read_only=True, key=key if encrypted else None)
    except driver_database_errors() as exc:
        target.unlink(missing_ok=True)
        raise InputRejected("db.not_database", path=str(source)) from exc


#: Pages per step when a backup replaces a live file: the write transaction stays open across steps.
_RESTORE_STEP_PAGES = 64


def overwrite_sqlite_file(source: Path, target: Path, key: bytes | None = None) -> None:
    """Replace a live SQLite file's whole content with another file's, in one write transaction of
    the target (SQLite's backup API holds it from the first page to the last): other connections
    see the old database or the new one, and a crash midway leaves the old one."""
    online_backup(source, target, key=key, pages=_RESTORE_STEP_PAGES, fault="restore.copying")
