"""End-to-end fixtures: `ykt` in a subprocess, data in tmp folders only."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from dbs import BACKENDS, ENCRYPTED, ENCRYPTED_LOGIN, Databases, remember_key
from staff import add_staff
from ykt_cli import DEFAULT_ENV, run


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """This test's HOME and (below it) YKT_HOME."""
    return tmp_path


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """HOME of the module's demo database."""
    return tmp_path_factory.mktemp("e2e_demo")


@pytest.fixture(scope="module", params=("plain", ENCRYPTED))
def demo_db(demo_home: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """`ykt --db … demo --persons 500 --seed 7`, built once per module; copy it before changing it.

    Also encrypted (`demo --encrypt`): then every command of the module's tests logs in as its admin.
    """
    encrypted = request.param == ENCRYPTED
    path = demo_home / ("demo-encrypted.sqlite3" if encrypted else "demo.sqlite3")
    with _logged_in(encrypted):
        done = run(demo_home, "--db", str(path), "demo", "--persons", "500", "--seed", "7",
                   *(["--encrypt"] if encrypted else []))
        assert done.returncode == 0, done.stderr
        if encrypted:
            remember_key(path)
        yield path


@contextmanager
def _logged_in(encrypted: bool) -> Iterator[None]:
    """While the fixture lasts, `ykt` logs in as the encrypted leg's admin (and as it did before, after)."""
    before = dict(DEFAULT_ENV)
    if encrypted:
        DEFAULT_ENV.update(zip(("YKT_USER", "YKT_PASSWORD"), ENCRYPTED_LOGIN, strict=True))
    try:
        yield
    finally:
        DEFAULT_ENV.clear()
        DEFAULT_ENV.update(before)


@pytest.fixture(params=(*BACKENDS, ENCRYPTED))
def backend(request: pytest.FixtureRequest) -> str:
    """End to end, the suite runs on a SQLite file, on PostgreSQL, and on an encrypted file (SQLCipher)."""
    return str(request.param)


@pytest.fixture
def county(home: Path, dbs: Databases) -> Iterator[str]:
    """A fresh `ykt init`-ed county database (呼图壁县, passphrase pw), on SQLite and on PostgreSQL.

    Encrypted (`init --encrypt`), it has its first admin from the start, and every command of the
    test logs in as that admin unless it says otherwise.
    """
    db = dbs.target("county.sqlite3")
    with _logged_in(dbs.encrypted):
        done = run(home, "--db", db, "init", "--org", "652323", "--name", "呼图壁县", "--level", "county",
                   *(["--encrypt"] if dbs.encrypted else []), YKT_KEY_PASSPHRASE="pw")
        assert done.returncode == 0, done.stderr
        if dbs.encrypted:
            remember_key(Path(db))
        yield db


@pytest.fixture
def staffed(home: Path, county: str) -> str:
    """The county with an admin (made in single-user mode) who added one user per other role (tests/e2e/staff.py)."""
    add_staff(home, county)
    return county


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A module that says `ENCRYPTED_LEG = False` runs on SQLite and PostgreSQL only: its commands open
    the database the same way whatever it is, and the encrypted leg is covered where opening matters."""
    keep, drop = [], []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        module = getattr(item, "module", None)
        if getattr(module, "ENCRYPTED_LEG", True) is False and ENCRYPTED in params.values():
            drop.append(item)
        else:
            keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
