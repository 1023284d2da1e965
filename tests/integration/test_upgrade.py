"""Opening a database of an earlier version upgrades it, after a backup; a newer one is refused untouched."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from dbs import Databases, sql, sql_write
from ykt_integration import build_demo_at

from yikatong_desktop import bootstrap
from yikatong_desktop.bootstrap import backups
from yikatong_desktop.domain.clock import SystemClock
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.services.auth import os_actor
from yikatong_desktop.services.stats import stats
from yikatong_desktop.storage import database
from yikatong_desktop.storage.database import SCHEMA_HEAD, locate, open_database
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: The schema of the release before this one.
PREVIOUS = "0011"


@pytest.fixture
def backend() -> str:
    """Bytes on disk and a backups folder that is a file are SQLite's; the server has its own test below."""
    return "sqlite"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of this test's own: the backups it finds are the ones this test made."""
    folder = tmp_path / "home"
    monkeypatch.setenv("YKT_HOME", str(folder))
    return folder


@pytest.fixture
def notices() -> Iterator[list[str]]:
    """What opening told people."""
    said: list[str] = []
    bootstrap.use_notices(said.append)
    try:
        yield said
    finally:
        bootstrap.use_notices(None)


def to_previous_release(db: str) -> None:
    """Take a closed installation back to the previous release's schema (Alembic's downgrade)."""
    from alembic import command
    from sqlalchemy import create_engine

    engine = create_engine(locate(db).url)
    try:
        with engine.begin() as conn:
            cfg = database._config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, PREVIOUS)
    finally:
        engine.dispose()
    assert revision(db) == PREVIOUS


def revision(where: Any) -> str:
    return str(sql(where, "SELECT version_num FROM alembic_version")[0][0])


def tables(where: Any) -> list[str]:
    if isinstance(where, str) and "://" in where:
        found = sql(where, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
    else:
        found = sql(where, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    return sorted(str(r[0]) for r in found if r[0] != "alembic_version")


def contents(where: Any, names: list[str] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (of `names`), in an order of their own."""
    return {name: sorted(sql(where, f"SELECT * FROM {name}"), key=repr) for name in names or tables(where)}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def backups_of(db: str) -> list[Path]:
    where = backups.folder_of(locate(db))
    return sorted(where.iterdir()) if where.is_dir() else []


def business_stats(db: str) -> list[tuple[str, int, str]]:
    """`ykt stats` of a database file or server, opened bare (upgraded if behind, no backup)."""
    engine = open_database(locate(db))
    try:
        with UnitOfWork(engine, SystemClock(), write=False) as uow:
            return [(r.kind, r.count, r.digest) for r in stats(uow, os_actor())]
    finally:
        engine.dispose()


def test_an_earlier_database_is_backed_up_then_upgraded_on_open(tmp_path: Path, notices: list[str]) -> None:
    db = str(tmp_path / "county.sqlite3")
    build_demo_at(db, persons=60, seed=7)  # persons, payments, notices, audit events …
    to_previous_release(db)
    before = contents(db)
    assert sum(len(rows) for rows in before.values()) > 500 and before["persons"] and before["payments"]
    old_tables = list(before)

    app = bootstrap.open_app(db)
    try:
        (backup,) = backups_of(db)
        assert backup.name.endswith(f"-before-upgrade-{PREVIOUS}-to-{SCHEMA_HEAD}.sqlite3")
        assert (backup.stat().st_mode & 0o777) == 0o600
        assert app.upgraded == backups.SchemaUpgrade(PREVIOUS, SCHEMA_HEAD, backup)
        # The backup is the database as it was: the previous schema, every row.
        assert revision(backup) == PREVIOUS
        assert tables(backup) == old_tables and contents(backup) == before
        assert sql(backup, "PRAGMA integrity_check") == [("ok",)]
        # The live database is at this version's schema, with the same rows, and says what happened.
        assert revision(db) == SCHEMA_HEAD and "decisions" in tables(db)
        unchanged = [name for name in old_tables if name not in ("audit_events", "settings")]
        assert contents(db, unchanged) == {name: before[name] for name in unchanged}
        # The old audit events as they were; then the backup's and the upgrade's, by the OS user.
        chain = "SELECT action, actor, detail FROM audit_events ORDER BY id"
        events = sql(db, chain)
        assert events[:len(before["audit_events"])] == sql(backup, chain)
        made, upgraded = events[len(before["audit_events"]):]
        assert made[0] == "backup.made" and json.loads(made[2])["file"] == backup.name
        assert json.loads(made[2])["reason"] == f"before-upgrade-{PREVIOUS}-to-{SCHEMA_HEAD}"
        assert upgraded[0] == "db.upgrade"
        assert json.loads(upgraded[2]) == {"from": PREVIOUS, "to": SCHEMA_HEAD, "backup": backup.name}
        assert made[1] == upgraded[1] == os_actor().name
        (kept,) = backups.list_backups(app)  # among the database's backups, labelled
        assert kept.path == backup
        assert backups.reason_label(kept.reason) == f"升级前（结构版本 {PREVIOUS} → {SCHEMA_HEAD}）"
    finally:
        app.close()
    (said,) = notices
    assert f"从结构版本 {PREVIOUS} 升级到 {SCHEMA_HEAD}" in said and str(backup) in said

    bootstrap.open_app(db).close()  # opened again: nothing to upgrade, no second backup, nothing said
    assert backups_of(db) == [backup] and len(notices) == 1


def test_the_backup_made_before_an_upgrade_restores(tmp_path: Path, notices: list[str]) -> None:
    db = str(tmp_path / "county.sqlite3")
    build_demo_at(db, persons=30, seed=3)
    to_previous_release(db)
    wanted = business_stats(str(shutil.copyfile(db, tmp_path / "copy.sqlite3")))
    app = bootstrap.open_app(db)
    try:
        assert app.upgraded is not None
        sql_write(db, "UPDATE persons SET name = '改过的' WHERE id = (SELECT MIN(id) FROM persons)")
        done = backups.restore(app, app.upgraded.backup, lambda: "unused: not sealed")
        assert done.rows > 0
    finally:
        app.close()
    assert revision(db) == SCHEMA_HEAD and business_stats(db) == wanted


def test_a_database_from_a_newer_version_is_refused_untouched_and_not_backed_up(
        installation: Callable[..., bootstrap.App], notices: list[str]) -> None:
    app = installation()
    app.close()
    path = app.location.path
    assert path is not None
    sql_write(path, "UPDATE alembic_version SET version_num = 'ffff_future'")
    digest = sha256(path)
    with pytest.raises(InputRejected) as caught:
        bootstrap.open_app(str(path))
    assert caught.value.key == "db.newer" and "ffff_future" in caught.value.text("zh")
    assert "更新版本" in caught.value.text("zh") and "newer version" in caught.value.text("en")
    assert sha256(path) == digest and revision(path) == "ffff_future"
    assert backups_of(str(path)) == [] and notices == []


def test_an_upgrade_whose_backup_cannot_be_written_is_refused_and_changes_nothing(
        installation: Callable[..., bootstrap.App], home: Path, notices: list[str]) -> None:
    app = installation()
    app.close()
    db = str(app.location.path)
    to_previous_release(db)
    before, digest = contents(db), sha256(Path(db))
    home.mkdir(exist_ok=True)
    (home / "backups").write_text("a file where the backups folder belongs", encoding="utf-8")
    with pytest.raises(InputRejected) as caught:
        bootstrap.open_app(db)
    assert caught.value.key == "db.upgrade_backup_failed"
    text = caught.value.text("zh")
    assert f"从结构版本 {PREVIOUS} 升级到 {SCHEMA_HEAD}" in text and "没有升级" in text
    assert str(backups.folder_of(locate(db))) in text
    assert "nothing was upgraded or changed" in caught.value.text("en")
    assert sha256(Path(db)) == digest and revision(db) == PREVIOUS and contents(db) == before
    assert notices == [] and not any(Path(db).parent.glob("*.part"))

    (home / "backups").unlink()  # the folder can be written again: the next start upgrades
    bootstrap.open_app(db).close()
    assert revision(db) == SCHEMA_HEAD and len(backups_of(db)) == 1 and len(notices) == 1


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_server_database_is_exported_at_its_schema_then_upgraded(
        dbs: Databases, tmp_path: Path, notices: list[str]) -> None:
    url = dbs.target()
    build_demo_at(url, persons=30, seed=5)
    to_previous_release(url)
    counts = {name: len(rows) for name, rows in contents(url).items()}
    app = bootstrap.open_app(url)
    try:
        (backup,) = backups_of(url)
        assert app.upgraded == backups.SchemaUpgrade(PREVIOUS, SCHEMA_HEAD, backup)
        assert backup.name.endswith(f"-before-upgrade-{PREVIOUS}-to-{SCHEMA_HEAD}.sqlite3")
        assert revision(backup) == PREVIOUS and revision(url) == SCHEMA_HEAD
        assert {name: len(rows) for name, rows in contents(backup).items()} == counts
    finally:
        app.close()
    # Row for row the same business content: the backup, upgraded privately, gives the server's `stats`.
    copy = shutil.copyfile(backup, tmp_path / "exported.sqlite3")
    assert business_stats(str(copy)) == business_stats(url)
    assert len(notices) == 1 and str(backup) in notices[0]


def test_the_backup_before_an_upgrade_outlives_the_rotation_of_backups(tmp_path: Path, notices: list[str]) -> None:
    """Only newest `backup.keep` backups stay, but the one copy at the old schema is never rotated away."""
    db = str(tmp_path / "county.sqlite3")
    build_demo_at(db, persons=20, seed=3)
    to_previous_release(db)
    app = bootstrap.open_app(db)
    try:
        (kept,) = backups_of(db)
        with app.uow() as uow:
            uow.set_setting("backup.keep", "2")
            uow.commit()
        made = [backups.make_backup(app, "manual") for _ in range(4)]
        assert backups_of(db) == sorted([kept, *made[-2:]])
    finally:
        app.close()
