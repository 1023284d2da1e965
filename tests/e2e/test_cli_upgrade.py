"""The first start of a new version on an earlier database: backed up, upgraded, and said so (installers issue)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from dbs import ENCRYPTED, ENCRYPTED_LOGIN, count, sql
from ykt_cli import run

from yikatong_desktop.formats import keystore
from yikatong_desktop.storage import database
from yikatong_desktop.storage.database import SCHEMA_HEAD, is_sqlite_file, locate

#: The schema of the release before this one.
PREVIOUS = "0011"


def to_previous_release(db: str) -> None:
    """Take the closed installation back to the previous release's schema (Alembic's downgrade);
    an encrypted file with its key, unwrapped by the test admin's password."""
    from alembic import command

    where = locate(db)
    if where.path is not None and not is_sqlite_file(where.path):
        where = replace(where, key=keystore.unlock_database(Path(f"{where.path}.keys"), *ENCRYPTED_LOGIN))
    engine = database._engine(where)
    try:
        with engine.begin() as conn:
            cfg = database._config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, PREVIOUS)
    finally:
        engine.dispose()


def revision(where: str | Path) -> str:
    return str(sql(where, "SELECT version_num FROM alembic_version")[0][0])


def test_the_first_start_on_an_earlier_database_backs_it_up_upgrades_it_and_says_so(
        home: Path, county: str, backend: str) -> None:
    to_previous_release(county)
    assert revision(county) == PREVIOUS
    events = count(county, "SELECT COUNT(*) FROM audit_events")

    done = run(home, "--db", county, "stats")
    assert done.returncode == 0, done.stderr
    (backup,) = (home / "ykt-data" / "backups").glob(f"*/*-before-upgrade-{PREVIOUS}-to-{SCHEMA_HEAD}.sqlite3")
    assert f"数据库已从结构版本 {PREVIOUS} 升级到 {SCHEMA_HEAD}" in done.stderr and str(backup) in done.stderr
    assert "decisions" in done.stdout  # the command itself ran, on this version's schema
    assert revision(county) == SCHEMA_HEAD and revision(backup) == PREVIOUS
    assert is_sqlite_file(backup) == (backend != ENCRYPTED)  # an encrypted database's backup is as encrypted
    assert count(county, "SELECT COUNT(*) FROM audit_events") == events + 2
    assert count(backup, "SELECT COUNT(*) FROM audit_events") == events

    listed = run(home, "--db", county, "--json", "backup", "--list")
    assert listed.returncode == 0, listed.stderr
    assert [(Path(b["file"]), b["reason"]) for b in json.loads(listed.stdout)] == [
        (backup, f"before-upgrade-{PREVIOUS}-to-{SCHEMA_HEAD}")]
    assert "升级" not in listed.stderr  # upgraded once: the next start says nothing
    verified = run(home, "--db", county, "audit", "verify")
    assert verified.returncode == 0, verified.stderr + verified.stdout


def test_in_english_too(home: Path, county: str) -> None:
    to_previous_release(county)
    done = run(home, "--db", county, "--json", "stats", LANG="en_US.UTF-8")
    assert done.returncode == 0, done.stderr
    assert f"The database was upgraded from schema {PREVIOUS} to {SCHEMA_HEAD}" in done.stderr
    json.loads(done.stdout)  # the line goes to people (stderr), never into the JSON
