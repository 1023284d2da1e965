"""Integration fixtures: real SQLite files in tmp folders, built through bootstrap and the services.

Nothing here mocks our code. The shared demo database is built once per session
and must only be read; a test that changes data builds its own database.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from dbs import BACKENDS, Databases
from ykt_integration import DemoDb, build_demo, build_demo_at, init_installation

from yikatong_desktop import bootstrap


@pytest.fixture(scope="session", autouse=True)
def _private_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """YKT_HOME points into tmp so nothing touches the real user data folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("YKT_HOME", str(tmp_path_factory.mktemp("ykt_home")))
        for var in ("YKT_DB", "YKT_CLOCK", "YKT_KEY_PASSPHRASE", "YKT_USER", "YKT_PASSWORD"):
            mp.delenv(var, raising=False)
        yield


@pytest.fixture(scope="session")
def demo_db(sqlite_demo: DemoDb) -> DemoDb:
    """`ykt demo --persons 2000 --seed 7` in a SQLite file, built once. Read only: never change it in a test."""
    return sqlite_demo


@pytest.fixture(scope="session")
def sqlite_demo(tmp_path_factory: pytest.TempPathFactory, _private_data_folder: None) -> DemoDb:
    """The demo file behind `demo_db` and the SQLite leg of `demo_on_both`."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    build_demo(path, persons=2000, seed=7)
    manifest = json.loads(path.with_name(path.name + ".manifest.json").read_text(encoding="utf-8"))
    return DemoDb(path, manifest)


@pytest.fixture(scope="session", params=BACKENDS)
def demo_on_both(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoDb]:
    """The same demo as `demo_db`, once on SQLite and once on PostgreSQL. Read only."""
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_demo")
        return
    server = Databases("postgresql", tmp_path_factory.mktemp("pgdemo"), request.getfixturevalue("pg_server"))
    try:
        url = server.target()
        manifest = json.loads(json.dumps(build_demo_at(url, persons=2000, seed=7), default=str))  # as the file has it
        yield DemoDb(url, manifest)  # type: ignore[arg-type]
    finally:
        server.drop_all()


@pytest.fixture
def installation(dbs: Databases) -> Callable[..., bootstrap.App]:
    """A factory for fresh `init`-ed installations, on SQLite and on PostgreSQL (the test runs on each)."""
    return lambda name="ykt.sqlite3", **kw: init_installation(dbs.target(name), **kw)
