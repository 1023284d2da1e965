"""Encryption at rest (`ykt init --encrypt`, SPEC §9; issue 7): SQLCipher, a key slot per user password."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from ykt_cli import run

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
GAOLING = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"
ADMIN = {"YKT_USER": "管理员", "YKT_PASSWORD": "管理员的口令 2019"}
CLERK = {"YKT_USER": "张录入", "YKT_PASSWORD": "录入员口令 2019"}


def _slots(db: Path) -> list[str]:
    doc = json.loads(Path(f"{db}.keys").read_text(encoding="utf-8"))
    return sorted(doc["database_key"]["slots"])


@pytest.fixture
def encrypted(home: Path) -> Path:
    """An encrypted county: the first admin made by `init --encrypt` from YKT_USER/YKT_PASSWORD."""
    db = home / "加密.sqlite3"
    done = run(home, "--db", str(db), "init", "--org", "652323", "--name", "呼图壁县", "--level", "county",
               "--encrypt", YKT_KEY_PASSPHRASE="pw", **ADMIN)
    assert done.returncode == 0, done.stderr
    return db


def test_an_encrypted_database_is_unreadable_without_a_users_password(home: Path, encrypted: Path) -> None:
    assert encrypted.read_bytes()[:16] != b"SQLite format 3\x00"
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(encrypted) as plain:
        plain.execute("SELECT COUNT(*) FROM users").fetchone()
    for name in ("管理员的口令 2019", "SQLite format 3"):
        assert name.encode("utf-8") not in encrypted.read_bytes()
    assert "管理员的口令" not in Path(f"{encrypted}.keys").read_text(encoding="utf-8")
    assert (encrypted.stat().st_mode & 0o777) == 0o600 and (Path(f"{encrypted}.keys").stat().st_mode & 0o777) == 0o600
    assert ((home / "ykt-data").stat().st_mode & 0o777) == 0o700

    nobody = run(home, "--db", str(encrypted), "stats")
    assert nobody.returncode == 2 and "YKT_USER" in nobody.stderr
    wrong = run(home, "--db", str(encrypted), "stats", YKT_USER="管理员", YKT_PASSWORD="管理员的口令 2018")
    assert wrong.returncode == 3 and "用户名或密码不对" in wrong.stderr
    stranger = run(home, "--db", str(encrypted), "stats", YKT_USER="外人", YKT_PASSWORD="管理员的口令 2019")
    assert stranger.returncode == 3 and "用户名或密码不对" in stranger.stderr
    opened = run(home, "--db", str(encrypted), "--json", "stats", **ADMIN)
    assert opened.returncode == 0 and json.loads(opened.stdout)["org_units"]["count"] == 10
    listed = run(home, "--db", str(encrypted), "--json", "user", "list", **ADMIN)
    assert [(u["name"], u["role"]) for u in json.loads(listed.stdout)] == [("管理员", "admin")]


def test_any_users_password_opens_it_and_a_disabled_users_slot_is_gone(home: Path, encrypted: Path) -> None:
    added = run(home, "--db", str(encrypted), "user", "add", "张录入", "--role", "clerk",
                YKT_NEW_PASSWORD=CLERK["YKT_PASSWORD"], **ADMIN)
    assert added.returncode == 0, added.stderr
    assert _slots(encrypted) == ["张录入", "管理员"]
    imported = run(home, "--db", str(encrypted), "import", "roster", str(GAOLING), "--program", "MZ02",
                   "--period", "2018-03", **CLERK)
    assert imported.returncode == 0, imported.stderr
    assert ("张录入".encode() not in encrypted.read_bytes()
            and "梁秀英".encode() not in encrypted.read_bytes())

    changed = run(home, "--db", str(encrypted), "user", "passwd", "张录入", YKT_NEW_PASSWORD="录入员新口令 2020",
                  **CLERK)
    assert changed.returncode == 0, changed.stderr
    assert run(home, "--db", str(encrypted), "stats", **CLERK).returncode == 3  # the old password opens nothing
    assert run(home, "--db", str(encrypted), "stats", YKT_USER="张录入",
               YKT_PASSWORD="录入员新口令 2020").returncode == 0

    disabled = run(home, "--db", str(encrypted), "user", "disable", "张录入", "--reason", "调离", **ADMIN)
    assert disabled.returncode == 0, disabled.stderr
    assert _slots(encrypted) == ["管理员"]
    gone = run(home, "--db", str(encrypted), "stats", YKT_USER="张录入", YKT_PASSWORD="录入员新口令 2020")
    assert gone.returncode == 3 and "用户名或密码不对" in gone.stderr
    assert run(home, "--db", str(encrypted), "audit", "verify", **ADMIN).returncode == 0


def test_backups_of_an_encrypted_database_stay_encrypted_and_restore(home: Path, encrypted: Path,
                                                                     tmp_path: Path) -> None:
    made = run(home, "--db", str(encrypted), "--json", "backup", **ADMIN)
    assert made.returncode == 0, made.stderr
    kept = Path(json.loads(made.stdout)["file"])
    assert kept.read_bytes()[:16] != b"SQLite format 3\x00"
    stats = json.loads(run(home, "--db", str(encrypted), "--json", "stats", **ADMIN).stdout)
    assert run(home, "--db", str(encrypted), "import", "roster", str(GAOLING), "--program", "MZ02",
               "--period", "2018-03", **ADMIN).returncode == 0
    restored = run(home, "--db", str(encrypted), "restore", str(kept), "--yes", **ADMIN)
    assert restored.returncode == 0, restored.stderr
    assert json.loads(run(home, "--db", str(encrypted), "--json", "stats", **ADMIN).stdout) == stats

    sealed = tmp_path / "U盘.yktbak"
    assert run(home, "--db", str(encrypted), "backup", "--out", str(sealed), **ADMIN).returncode == 0
    new_home = tmp_path / "新电脑"
    new_home.mkdir()
    rebuilt_db = new_home / "恢复.sqlite3"
    rebuilt = run(new_home, "--db", str(rebuilt_db), "restore", str(sealed), YKT_KEY_PASSPHRASE="pw", **ADMIN)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert rebuilt_db.read_bytes()[:16] != b"SQLite format 3\x00"  # still encrypted on the new PC
    assert json.loads(run(new_home, "--db", str(rebuilt_db), "--json", "stats", **ADMIN).stdout) == stats
    assert run(new_home, "--db", str(rebuilt_db), "audit", "verify", **ADMIN).returncode == 0

    plain = tmp_path / "明文副本.sqlite3"
    migrated = run(home, "--db", str(encrypted), "migrate", "--to", str(plain), **ADMIN)
    assert migrated.returncode == 0, migrated.stderr
    assert plain.read_bytes()[:16] == b"SQLite format 3\x00"
    assert "database_key" not in json.loads(Path(f"{plain}.keys").read_text(encoding="utf-8"))
    assert run(home, "--db", str(plain), "--json", "stats", **ADMIN).returncode == 0


def test_the_gui_of_an_encrypted_database_needs_a_password(home: Path, encrypted: Path) -> None:
    shot = home / "gui.png"
    refused = run(home, "--db", str(encrypted), "gui", "--screenshot", str(shot))
    assert refused.returncode == 3 and "数据库已加密" in refused.stderr and not shot.exists()
    shown = run(home, "--db", str(encrypted), "gui", "--screenshot", str(shot), QT_QPA_PLATFORM="offscreen", **ADMIN)
    assert shown.returncode == 0, shown.stderr
    assert shot.stat().st_size > 10_000


def test_only_a_file_is_encrypted(home: Path) -> None:
    refused = run(home, "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "init", "--org", "652323",
                  "--name", "呼图壁县", "--level", "county", "--encrypt", YKT_KEY_PASSPHRASE="pw", **ADMIN)
    assert refused.returncode == 3 and "只有 SQLite 数据库文件可以加密" in refused.stderr
    weak = run(home, "--db", str(home / "弱.sqlite3"), "init", "--org", "652323", "--name", "呼图壁县", "--level",
               "county", "--encrypt", YKT_KEY_PASSPHRASE="pw", YKT_USER="管理员", YKT_PASSWORD="123")
    assert weak.returncode != 0 and not (home / "弱.sqlite3").exists() and not (home / "弱.sqlite3.keys").exists()
