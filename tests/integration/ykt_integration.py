"""Helpers for the integration tests: build installations the way `ykt` does, read files with plain sqlite3.

A module of its own (not conftest) so test modules can import it by a unique name.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dbs import copy_server_database, sql, sql_write  # noqa: F401  (sql, sql_write: for the test modules)

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.clock import Clock, parse_clock
from yikatong_desktop.services import demo, setup
from yikatong_desktop.services.stats import stats
from yikatong_desktop.storage.database import locate

PASSPHRASE = "口令 correct horse battery"
INIT_CLOCK = "2019-06-01T09:00:00+08:00"


def init_installation(path: Path | str, *, code: str = "652323", name: str = "呼图壁县", level: str = "county",
                      parent: str | None = None, passphrase: str = PASSPHRASE,
                      clock: Clock | None = None) -> bootstrap.App:
    """What `ykt init` does: database and keystore together, then the seed in one unit of work."""

    def seed(app: bootstrap.App) -> None:
        with app.uow() as uow:
            setup.initialise(uow, app.actor, code=code, name=name, level=level, parent_code=parent)
            uow.commit()

    return bootstrap.create_app(str(path), passphrase, org_code=code, org_name=name,
                                clock=clock or parse_clock(INIT_CLOCK), seed=seed)


def build_demo(path: Path, *, persons: int, seed: int) -> dict[str, Any]:
    """What `ykt demo` does; returns the result and writes the manifest beside the database."""
    result = build_demo_at(str(path), persons=persons, seed=seed)
    demo.write_manifest(path, result)
    return result


def build_demo_at(db: str, *, persons: int, seed: int) -> dict[str, Any]:
    """`ykt demo` into a file or a server database; returns the result (the manifest's content)."""
    result: dict[str, Any] = {}

    def fill(app: bootstrap.App) -> None:
        result.update(demo.build_demo(app.uow, app.actor, persons=persons, seed=seed))

    app = bootstrap.create_app(db, demo.DEMO_PASSPHRASE, org_code=demo.DEMO_ORG[0],
                               org_name=demo.DEMO_ORG[1], clock=demo.demo_clock(), seed=fill)
    app.close()
    return result


def stats_of(path: Path) -> dict[str, tuple[int, str]]:
    """`ykt stats` through the service: kind → (count, digest)."""
    app = bootstrap.open_app(str(path))
    try:
        with app.uow() as uow:
            return {r.kind: (r.count, r.digest) for r in stats(uow, app.actor)}
    finally:
        app.close()


def copy_installation(src: Path | str, dst: Path) -> Path | str:
    """Copy a closed database with its keystore (and WAL files, if any).

    A server database is copied on its server (CREATE DATABASE … TEMPLATE); `dst` is then unused.
    """
    if isinstance(src, str) and "://" in src:
        copy = copy_server_database(src)
        shutil.copy2(bootstrap.keystore_path(locate(src)), bootstrap.keystore_path(locate(copy)))
        return copy
    for suffix in ("", "-wal", "-shm", ".keys", ".manifest.json"):
        source = Path(str(src) + suffix)
        if source.exists():
            shutil.copy2(source, Path(str(dst) + suffix))
    return dst


@dataclass(frozen=True)
class DemoDb:
    path: Path
    manifest: dict[str, Any]

    def cases(self, rule: str) -> list[dict[str, Any]]:
        """Planted cases of one rule."""
        return [c for c in self.manifest["planted"] if c["rule"] == rule]
