"""End-to-end fixtures: `ykt` in a subprocess, data in tmp folders only."""

from __future__ import annotations

from pathlib import Path

import pytest
from dbs import Databases
from staff import add_staff
from ykt_cli import run


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """This test's HOME and (below it) YKT_HOME."""
    return tmp_path


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """HOME of the module's demo database."""
    return tmp_path_factory.mktemp("e2e_demo")


@pytest.fixture(scope="module")
def demo_db(demo_home: Path) -> Path:
    """`ykt --db … demo --persons 300 --seed 7`, built once per module; copy it before changing it."""
    path = demo_home / "demo.sqlite3"
    done = run(demo_home, "--db", str(path), "demo", "--persons", "500", "--seed", "7")
    assert done.returncode == 0, done.stderr
    return path


@pytest.fixture
def county(home: Path, dbs: Databases) -> str:
    """A fresh `ykt init`-ed county database (呼图壁县, passphrase pw), on SQLite and on PostgreSQL."""
    db = dbs.target("county.sqlite3")
    done = run(home, "--db", db, "init", "--org", "652323", "--name", "呼图壁县", "--level", "county",
               YKT_KEY_PASSPHRASE="pw")
    assert done.returncode == 0, done.stderr
    return db


@pytest.fixture
def staffed(home: Path, county: str) -> str:
    """The county with an admin (made in single-user mode) who added one user per other role (tests/e2e/staff.py)."""
    add_staff(home, county)
    return county
