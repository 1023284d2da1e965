"""`ykt gui` as typed: every page renders to a PNG; headless runs degrade to a screenshot."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from yikatong_desktop.gui.page_names import PAGES

YKT = [sys.executable, "-m", "yikatong_desktop"]


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "YKT_DB")}
    env.update(YKT_HOME=str(tmp / "home"), LANG="zh_CN.UTF-8", **extra)
    return env


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("e2egui")
    db = folder / "d.sqlite3"
    done = subprocess.run([*YKT, "--db", str(db), "demo", "--persons", "500", "--seed", "3"],
                          env=_env(folder), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return db


def _distinct_colours(png: Path) -> int:
    image = QImage(str(png))
    assert not image.isNull()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    return len(colours)


@pytest.mark.parametrize(("key", "title"), PAGES)
def test_every_page_renders_to_a_png_by_chinese_or_english_name(demo_db: Path, tmp_path: Path, key: str,
                                                                title: str) -> None:
    for name in (title, key):
        png = tmp_path / f"{name}.png"
        done = subprocess.run([*YKT, "--db", str(demo_db), "gui", "--page", name, "--screenshot", str(png)],
                              env=_env(tmp_path, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert png.stat().st_size > 10_000
        assert _distinct_colours(png) > 5  # text and widgets, not a blank window


def test_gui_without_a_display_writes_a_screenshot_beside_the_database(demo_db: Path, tmp_path: Path) -> None:
    shot = demo_db.parent / "screenshot.png"
    shot.unlink(missing_ok=True)
    env = _env(tmp_path)
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run([*YKT, "--db", str(demo_db), "gui"], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "没有图形显示环境" in done.stderr and str(shot) in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert shot.stat().st_size > 10_000


def test_a_demo_killed_mid_write_leaves_no_installation_and_a_rerun_works(tmp_path: Path) -> None:
    db = tmp_path / "killed.sqlite3"
    done = subprocess.run([*YKT, "--db", str(db), "demo", "--persons", "500"],
                          env=_env(tmp_path, YKT_FAULT_KILL_AFTER_ROWS="500"), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 137  # killed like a power cut, no clean-up ran
    assert not db.exists() and not (tmp_path / "killed.sqlite3.keys").exists()
    stats = subprocess.run([*YKT, "--db", str(db), "stats"], env=_env(tmp_path), capture_output=True, text=True)
    assert stats.returncode == 3 and "ykt init" in stats.stderr
    again = subprocess.run([*YKT, "--db", str(db), "demo", "--persons", "500"], env=_env(tmp_path),
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("killed")) == [
        "killed.sqlite3", "killed.sqlite3.keys", "killed.sqlite3.manifest.json"]
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from persons").fetchone()[0] > 500


def test_demo_may_take_over_an_empty_file(tmp_path: Path) -> None:
    db = tmp_path / "bare.sqlite3"
    db.touch()  # what some tools leave after "creating" a database: zero bytes, nothing in it
    done = subprocess.run([*YKT, "--db", str(db), "demo", "--persons", "500"], env=_env(tmp_path),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert db.stat().st_size > 100_000


def test_a_screenshot_into_a_missing_folder_is_refused_with_the_path(demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "x.png"
    done = subprocess.run([*YKT, "--db", str(demo_db), "gui", "--screenshot", str(target)],
                          env=_env(tmp_path, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 3 and str(target) in done.stderr and "Traceback" not in done.stderr


def test_a_server_url_whose_driver_is_missing_is_refused_without_showing_the_password(tmp_path: Path) -> None:
    done = subprocess.run([*YKT, "--db", "postgresql+nosuchdriver://clerk:s3cret@localhost/ykt", "stats"],
                          env=_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert done.returncode == 3
    assert "s3cret" not in done.stderr and "无法打开数据库" in done.stderr and "Traceback" not in done.stderr


def test_the_default_demo_that_make_run_builds_succeeds_and_verifies(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    done = subprocess.run([*YKT, "--db", str(db), "demo"], env=_env(tmp_path), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "演示数据库已生成" in done.stderr
    verify = subprocess.run([*YKT, "--db", str(db), "audit", "verify"], env=_env(tmp_path), capture_output=True,
                            text=True, timeout=60)
    assert verify.returncode == 0, verify.stderr
    manifest = json.loads(db.with_name("demo.sqlite3.manifest.json").read_text(encoding="utf-8"))
    assert manifest["persons"] >= 20000 and manifest["seed"] == 2019
