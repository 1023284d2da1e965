"""`ykt` as typed: init, secrets, refused input and usage errors with their exit codes (SPEC §9, §10)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from dbs import connect_file
from ykt_cli import VENV_BIN, YKT, cli_env, has_chinese, run

INIT = ("init", "--org", "652323", "--name", "呼图壁县", "--level", "county")


def test_init_with_the_passphrase_creates_database_and_keystore(home: Path) -> None:
    db = home / "ykt.sqlite3"

    done = run(home, "--db", str(db), *INIT, YKT_KEY_PASSPHRASE="口令123")

    assert done.returncode == 0, done.stderr
    assert "已初始化 呼图壁县（652323）" in done.stderr
    assert db.is_file() and (home / "ykt.sqlite3.keys").is_file()
    with connect_file(db) as conn:
        assert conn.execute("SELECT value FROM settings WHERE key = 'org.code'").fetchone() == ('"652323"',)


def test_init_uses_ykt_db_and_prints_json_when_asked(home: Path) -> None:
    db = home / "from-env.sqlite3"

    done = run(home, "--json", *INIT, YKT_KEY_PASSPHRASE="pw", YKT_DB=str(db))

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"org": "652323", "database": str(db), "keystore": f"{db}.keys"}


def test_init_without_the_passphrase_exits_2_naming_the_variable(home: Path) -> None:
    done = run(home, "--db", str(home / "ykt.sqlite3"), *INIT)

    assert done.returncode == 2
    assert "YKT_KEY_PASSPHRASE" in done.stderr
    assert sorted(p.name for p in home.iterdir() if p.name.startswith("ykt.sqlite3")) == []


def test_init_in_a_missing_folder_exits_3_with_one_chinese_line(home: Path) -> None:
    done = run(home, "--db", "/nonexistent/dir/x.db", *INIT, YKT_KEY_PASSPHRASE="pw")

    assert done.returncode == 3
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and has_chinese(lines[0])
    assert "/nonexistent/dir/x.db" in lines[0] and "文件夹不存在" in lines[0]


def test_second_init_on_the_same_file_exits_3_and_changes_nothing(home: Path) -> None:
    db = home / "ykt.sqlite3"
    assert run(home, "--db", str(db), *INIT, YKT_KEY_PASSPHRASE="pw").returncode == 0
    before = {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()}

    done = run(home, "--db", str(db), "init", "--org", "652324", "--name", "玛纳斯县", "--level", "county",
               YKT_KEY_PASSPHRASE="pw")

    assert done.returncode == 3 and has_chinese(done.stderr)
    assert {p.name: p.read_bytes() for p in home.iterdir() if p.is_file()} == before


def test_init_with_a_nonexistent_parent_exits_3_and_leaves_no_files(home: Path) -> None:
    done = run(home, "--db", str(home / "t.sqlite3"), "init", "--org", "652399101", "--name", "某镇",
               "--level", "township", "--parent", "652399", YKT_KEY_PASSPHRASE="pw")

    assert done.returncode == 3
    assert "652399" in done.stderr
    assert [p.name for p in home.iterdir() if p.name.startswith("t.sqlite3")] == []


def test_stats_on_a_missing_database_exits_3_saying_to_run_init(home: Path) -> None:
    db = home / "missing.sqlite3"

    done = run(home, "--db", str(db), "stats")

    assert done.returncode == 3
    assert "ykt init" in done.stderr and has_chinese(done.stderr)
    assert not db.exists()


def test_messages_follow_an_english_lang(home: Path) -> None:
    done = run(home, "--db", str(home / "missing.sqlite3"), "stats", LANG="en_US.UTF-8")

    assert done.returncode == 3
    assert "Run `ykt init`" in done.stderr and not has_chinese(done.stderr.replace(str(home), ""))


def test_a_file_that_is_not_sqlite_is_refused_and_left_unchanged(home: Path) -> None:
    text = home / "notes.db"
    text.write_text("这不是数据库，只是一些文字。\n" * 20, encoding="utf-8")
    before = text.read_bytes()

    for command in (("stats",), ("audit", "verify")):
        done = run(home, "--db", str(text), *command)
        assert done.returncode == 3, command
        assert "不是本软件的数据库" in done.stderr and str(text) in done.stderr
    assert text.read_bytes() == before


def test_init_over_a_file_that_is_not_sqlite_is_refused_and_keeps_the_file(home: Path) -> None:
    text = home / "notes.db"
    text.write_text("hello\n", encoding="utf-8")

    done = run(home, "--db", str(text), *INIT, YKT_KEY_PASSPHRASE="pw")

    assert done.returncode == 3
    assert text.read_text(encoding="utf-8") == "hello\n"
    assert not (home / "notes.db.keys").exists()


def test_an_unknown_command_exits_2_with_usage(home: Path) -> None:
    done = run(home, "frobnicate")

    assert done.returncode == 2
    assert "frobnicate" in done.stderr and "usage: ykt" in done.stderr


def test_unknown_options_exit_2_before_and_after_the_command(home: Path) -> None:
    for args in (("--frob", "stats"), ("stats", "--frob"), ("demo", "--persons", "many")):
        done = run(home, "--db", str(home / "x.sqlite3"), *args)
        assert done.returncode == 2, args
        assert "usage:" in done.stderr, args
    assert not (home / "x.sqlite3").exists()


def test_a_demo_smaller_than_100_persons_is_a_usage_error(home: Path) -> None:
    done = run(home, "--db", str(home / "d.sqlite3"), "demo", "--persons", "5")

    assert done.returncode == 2
    assert not (home / "d.sqlite3").exists()


def test_gui_with_an_unknown_page_exits_2_listing_the_pages_without_opening_anything(home: Path) -> None:
    done = run(home, "--db", str(home / "missing.sqlite3"), "gui", "--page", "nosuchpage")

    assert done.returncode == 2
    assert "nosuchpage" in done.stderr
    for page in ("工作台", "dashboard", "花名册", "rosters", "设置", "settings"):
        assert page in done.stderr, page


def _pyproject_version() -> str:
    import tomllib

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])


def test_version_is_printed_from_pyproject(home: Path) -> None:
    """One place for the version: pyproject.toml (the installers read it there too)."""
    done = run(home, "--version")

    assert done.returncode == 0
    assert done.stdout.strip() == f"ykt {_pyproject_version()}"


def test_python_dash_m_runs_the_same_cli(home: Path) -> None:
    done = run(home, "--version", executable=(str(VENV_BIN / "python"), "-m", "yikatong_desktop"))

    assert done.returncode == 0
    assert done.stdout.strip() == f"ykt {_pyproject_version()}"


def test_a_reader_closing_the_pipe_early_is_not_reported_as_a_bug(home: Path) -> None:
    db = home / "ykt.sqlite3"
    assert run(home, "--db", str(db), *INIT, YKT_KEY_PASSPHRASE="pw").returncode == 0

    proc = subprocess.Popen([YKT, "--db", str(db), "stats", "--json"], env=cli_env(home),
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `ykt stats --json | head -0`
    err = proc.stderr.read().decode("utf-8")
    proc.wait(timeout=60)

    assert "程序出错了" not in err and "Traceback" not in err and "BrokenPipe" not in err
    assert proc.returncode == 141
