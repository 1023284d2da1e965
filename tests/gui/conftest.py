"""GUI fixtures: a small demo installation built through the same services users call."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from yikatong_desktop import bootstrap
from yikatong_desktop.gui.tasks import set_synchronous
from yikatong_desktop.services import demo


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 600-person demo database, built once per run."""
    folder = tmp_path_factory.mktemp("guidemo")
    path = folder / "demo.sqlite3"

    def seed(created: bootstrap.App) -> None:
        demo.build_demo(created.uow, created.actor, persons=600, seed=11)

    app = bootstrap.create_app(str(path), demo.DEMO_PASSPHRASE, org_code=demo.DEMO_ORG[0],
                               org_name=demo.DEMO_ORG[1], clock=demo.demo_clock(), seed=seed)
    app.close()
    return path


@pytest.fixture
def app(demo_db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[bootstrap.App]:
    """An open installation on the demo database; background tasks run inline."""
    monkeypatch.setenv("YKT_HOME", str(tmp_path / "home"))
    set_synchronous(True)
    opened = bootstrap.open_app(str(demo_db))
    yield opened
    opened.close()
    set_synchronous(False)


@pytest.fixture
def mine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app: bootstrap.App, demo_db: Path
         ) -> Iterator[bootstrap.App]:
    """A private copy of the demo installation, for tests that change data."""
    copy = tmp_path / "copy.sqlite3"
    for suffix in ("", ".keys"):
        shutil.copy2(f"{demo_db}{suffix}", f"{copy}{suffix}")
    monkeypatch.setenv("YKT_HOME", str(tmp_path / "home"))
    opened = bootstrap.open_app(str(copy))
    yield opened
    opened.close()


@pytest.fixture
def county(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app: bootstrap.App) -> Iterator[bootstrap.App]:
    """A fresh county installation (the `app` fixture only for its synchronous task runner)."""
    from yikatong_desktop.services import setup

    monkeypatch.setenv("YKT_HOME", str(tmp_path / "home"))

    def seed(created: bootstrap.App) -> None:
        with created.uow() as uow:
            setup.initialise(uow, created.actor, code="652323", name="呼图壁县", level="county")
            uow.commit()

    made = bootstrap.create_app(str(tmp_path / "c.sqlite3"), "pw", org_code="652323", org_name="呼图壁县", seed=seed)
    yield made
    made.close()
