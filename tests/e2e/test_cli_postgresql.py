"""The same product on a PostgreSQL server: same results as on SQLite, and `ykt migrate` either way (issue 6)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbs import Databases, count
from ykt_cli import run


@pytest.fixture
def server(pg_server: str, tmp_path: Path) -> Iterator[Databases]:
    made = Databases("postgresql", tmp_path, pg_server)
    try:
        yield made
    finally:
        made.drop_all()


def _json(home: Path, db: str, *args: str) -> object:
    done = run(home, "--db", db, "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_demo_and_checks_with_one_seed_give_identical_json_on_both(home: Path, server: Databases) -> None:
    on_file, on_server = str(home / "demo.sqlite3"), server.target()
    results = []
    for db in (on_file, on_server):
        made = run(home, "--db", db, "demo", "--persons", "500", "--seed", "5")
        assert made.returncode == 0, made.stderr
        checked = run(home, "--db", db, "--json", "check")
        assert checked.returncode == 0, checked.stderr
        results.append((json.loads(checked.stdout), _json(home, db, "findings"), _json(home, db, "stats")))
    (check_a, findings_a, stats_a), (check_b, findings_b, stats_b) = results
    assert check_a == check_b
    assert findings_a == findings_b and len(findings_a) > 40  # type: ignore[arg-type]
    assert stats_a == stats_b


def test_migrate_sqlite_to_postgresql_and_back_keeps_every_digest(home: Path, server: Databases) -> None:
    source = str(home / "demo.sqlite3")
    assert run(home, "--db", source, "demo", "--persons", "500", "--seed", "3").returncode == 0
    assert run(home, "--db", source, "check").returncode == 0
    before = _json(home, source, "stats")

    up = server.target()
    moved = run(home, "migrate", "--from", source, "--to", up)
    assert moved.returncode == 0, moved.stderr
    assert "各类记录的数量和摘要与源数据库一致" in moved.stderr
    assert _json(home, up, "stats") == before
    assert run(home, "--db", up, "audit", "verify").returncode == 0
    # The server continues where the file stopped: new rows get new local keys.
    added = run(home, "--db", up, "person", "add", "--id", "652323195001011236", "--name", "王建国",
                "--reason", "迁移后补录")
    assert added.returncode == 0, added.stderr

    back = str(home / "back.sqlite3")
    returned = run(home, "migrate", "--from", up, "--to", back)
    assert returned.returncode == 0, returned.stderr
    after = _json(home, back, "stats")
    assert after == _json(home, up, "stats")
    assert {k: v for k, v in after.items() if k != "persons"} == {  # type: ignore[union-attr]
        k: v for k, v in before.items() if k != "persons"}  # type: ignore[union-attr]
    assert after["persons"]["count"] == before["persons"]["count"] + 1  # type: ignore[index]
    verified = run(home, "--db", back, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert count(back, "SELECT COUNT(*) FROM audit_events WHERE action = 'db.migrate'") == 2
    assert _json(home, back, "findings") == _json(home, source, "findings")


def test_migrate_refuses_a_target_that_exists_and_changes_nothing(home: Path, server: Databases) -> None:
    source = str(home / "demo.sqlite3")
    assert run(home, "--db", source, "demo", "--persons", "500", "--seed", "3").returncode == 0
    taken = server.target()
    assert run(home, "--db", taken, "init", "--org", "652324", "--name", "玛纳斯县", "--level", "county",
               YKT_KEY_PASSPHRASE="pw").returncode == 0
    refused = run(home, "migrate", "--from", source, "--to", taken)
    assert refused.returncode == 3 and "已存在" in refused.stderr
    assert count(taken, "SELECT COUNT(*) FROM persons") == 0
    assert run(home, "--db", taken, "audit", "verify").returncode == 0

    same = run(home, "migrate", "--from", source, "--to", source)
    assert same.returncode == 3 and "同一个" in same.stderr
    unreachable = run(home, "migrate", "--from", source, "--to", "postgresql+psycopg://ykt@127.0.0.1:1/nothing")
    assert unreachable.returncode == 3 and "无法打开数据库" in unreachable.stderr
    # Only the keystore of the installation that exists: neither refusal left one behind.
    assert len(list((home / "ykt-data" / "keys").glob("*.keys"))) == 1


def test_a_wrong_server_is_one_clear_message(home: Path) -> None:
    done = run(home, "--db", "postgresql+psycopg://ykt@127.0.0.1:1/nothing", "stats")
    assert done.returncode == 3 and "无法打开数据库 postgresql+psycopg://ykt@127.0.0.1:1/nothing" in done.stderr
