"""Shared test setup: a display-less Qt, and the two database backends.

Tests that take the `dbs` fixture run once on SQLite and once on PostgreSQL. The PostgreSQL
leg uses a throwaway cluster started for the run (tests/pg_cluster.py) and stopped at its end,
failed or not. YKT_TEST_PG=postgresql+psycopg://user@host:port/db uses a server of your own
instead; YKT_TEST_PG=off leaves the PostgreSQL leg out (a quick local run; `make test` never does).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from dbs import BACKENDS, Databases

# Without a display Qt aborts the whole run; tests never need a real screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_PG_SETTING = os.environ.get("YKT_TEST_PG", "").strip()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _PG_SETTING.lower() != "off":
        return
    kept, left_out = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_server = callspec is not None and "postgresql" in callspec.params.values()
        (left_out if on_server else kept).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of the test server's maintenance database (a cluster of our own unless YKT_TEST_PG names one)."""
    if _PG_SETTING.startswith("postgresql"):
        yield _PG_SETTING
        return
    from pg_cluster import start_cluster

    cluster = start_cluster()
    try:
        yield cluster.url
    finally:
        cluster.stop()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database backend a test runs on."""
    return str(request.param)


@pytest.fixture
def dbs(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Databases]:
    """Fresh databases on this test's backend."""
    server = request.getfixturevalue("pg_server") if backend == "postgresql" else None
    made = Databases(backend, tmp_path, server)
    try:
        yield made
    finally:
        made.drop_all()
