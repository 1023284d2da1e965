"""Opening databases: PRAGMAs, foreign, newer and missing files are refused with a clear message."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.storage.database import SCHEMA_HEAD


@pytest.fixture
def backend() -> str:
    """PRAGMAs, file magic and WAL are SQLite's own: these run on SQLite only."""
    return "sqlite"

def test_sqlite_runs_in_wal_mode_with_foreign_keys_on(installation: Callable[..., bootstrap.App]) -> None:
    app = installation()
    with app.reader() as uow:
        assert uow.conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert uow.conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    app.close()


def test_a_database_from_a_newer_version_is_refused_and_left_alone(
        installation: Callable[..., bootstrap.App]) -> None:
    app = installation()
    app.close()
    path = app.location.path
    assert path is not None
    con = sqlite3.connect(path)
    con.execute("update alembic_version set version_num='9999_future'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(InputRejected) as caught:
        bootstrap.open_app(str(path))
    assert caught.value.key == "db.newer"
    assert "更新版本" in caught.value.text("zh") and "9999_future" in caught.value.text("zh")
    assert path.read_bytes() == before


def test_an_sqlite_file_of_another_program_is_not_taken_for_ours(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("create table t (x)")
    con.commit()
    con.close()
    with pytest.raises(InputRejected) as caught:
        bootstrap.open_app(str(other))
    assert caught.value.key == "db.not_database"
    assert sqlite3.connect(other).execute("select name from sqlite_master").fetchall() == [("t",)]


def test_a_missing_database_says_to_run_init(tmp_path: Path) -> None:
    with pytest.raises(InputRejected) as caught:
        bootstrap.open_app(str(tmp_path / "nothing.sqlite3"))
    assert "ykt init" in caught.value.text("zh")
    assert not (tmp_path / "nothing.sqlite3").exists()


def test_a_reader_takes_no_write_lock_while_a_writer_works(installation: Callable[..., bootstrap.App]) -> None:
    app = installation()
    with app.uow() as writer:
        writer.set_setting("probe", 1)
        with app.reader() as reader:  # WAL: readers see the last commit and never block
            assert reader.get_setting("probe") is None
        writer.commit()
    with app.reader() as reader:
        assert reader.get_setting("probe") == 1
        with pytest.raises(RuntimeError):
            reader.commit()
    app.close()


def test_the_schema_head_constant_is_alembics_head() -> None:
    from yikatong_desktop.storage.database import SCHEMA_HEAD, schema_revision

    assert SCHEMA_HEAD == schema_revision()


def test_an_older_database_is_migrated_forward_on_open(installation: Callable[..., bootstrap.App]) -> None:
    app = installation()
    app.close()
    path = app.location.path
    assert path is not None
    con = sqlite3.connect(path)
    for index in ("ix_persons_pinyin_id", "ix_payments_voided_id", "ix_payments_person_id_voided",
                  "ix_payments_township_code", "ix_payments_program_year_voided"):  # as 0001 left it
        con.execute(f"drop index {index}")
    for table in ("decisions",  # 0012
                  "exchange_packages",  # 0011
                  "peers", "key_revocations",  # 0010
                  "reports",  # 0009
                  "notice_rows", "evidence_files", "complaints", "notices",  # 0008 (its columns on 0007's tables)
                  "person_statuses", "public_employees", "cadres", "eligible_entries", "fund_allocations",
                  "bank_returns", "field_checks", "findings", "check_runs", "users",  # 0004, 0005, 0006
                  "problem_recoveries", "problems", "evidence_blobs",
                  "selfcheck_forms"):  # 0007
        con.execute(f"drop table {table}")
    con.execute("update alembic_version set version_num='0001'")
    con.commit()
    con.close()
    bootstrap.open_app(str(path)).close()
    con = sqlite3.connect(path)
    assert con.execute("select version_num from alembic_version").fetchone()[0] == SCHEMA_HEAD
    assert con.execute("select count(*) from sqlite_master where name='bank_returns'").fetchone()[0] == 1
    assert con.execute("select count(*) from sqlite_master where name='users'").fetchone()[0] == 1
    assert con.execute("select count(*) from sqlite_master where name='problems'").fetchone()[0] == 1
    assert con.execute("select count(*) from sqlite_master where name='ix_persons_pinyin_id'").fetchone()[0] == 1


def test_a_database_whose_init_never_finished_is_refused(tmp_path: Path) -> None:
    from yikatong_desktop.storage.database import create_database, locate

    path = tmp_path / "half.sqlite3"
    create_database(locate(str(path))).dispose()  # schema only: no org, no catalogue
    with pytest.raises(InputRejected) as caught:
        bootstrap.open_app(str(path))
    assert caught.value.key == "db.not_initialised"
    assert "ykt init" in caught.value.text("zh")
