"""`ykt restore`, sealed backups (`ykt backup --out`) and the daily backup (SPEC §9; issue 7), on both backends.

Crash tests kill `ykt` (os._exit, as a power cut or kill -9 would) at named points of a backup and
of a restore: the live database must be sound afterwards and be the old one or the new one.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from dbs import connect_file, count, integrity_ok, sql
from ykt_cli import run

from yikatong_desktop.faults import KILLED_EXIT_CODE

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
GAOLING = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"
ONE_PERSON = "梁秀英"  # a beneficiary in the 高龄津贴 sample


def _stats(home: Path, db: str) -> dict[str, object]:
    done = run(home, "--db", db, "--json", "stats")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _backup(home: Path, db: str, *args: str) -> Path:
    done = run(home, "--db", db, "--json", "backup", *args)
    assert done.returncode == 0, done.stderr
    return Path(json.loads(done.stdout)["file"])


def _import(home: Path, db: str, **env: str) -> None:
    done = run(home, "--db", db, "import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03", **env)
    assert done.returncode == 0, done.stderr


def _verify_ok(home: Path, db: str) -> None:
    verified = run(home, "--db", db, "audit", "verify")
    assert verified.returncode == 0, verified.stderr + verified.stdout


def _keystore(home: Path, db: str) -> dict[str, object]:
    path = Path(db + ".keys") if "://" not in db else next((home / "ykt-data" / "keys").glob("*.keys"))
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture
def imported(home: Path, county: str) -> str:
    """The county with the 高龄津贴 roster imported (120 payments)."""
    _import(home, county)
    return county


def test_back_up_change_restore_gives_the_backups_data_back(home: Path, imported: str) -> None:
    backup = _backup(home, imported)
    kept = _stats(home, imported)
    voided = run(home, "--db", imported, "--json", "batch", "list")
    (batch,) = json.loads(voided.stdout)
    assert run(home, "--db", imported, "batch", "void", batch["uid"], "--reason", "错了").returncode == 0
    assert _stats(home, imported) != kept

    unconfirmed = run(home, "--db", imported, "restore", str(backup))  # no terminal to ask on
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    done = run(home, "--db", imported, "--json", "restore", str(backup), "--yes")
    assert done.returncode == 0, done.stderr
    assert "已从" in done.stderr and "恢复前的数据库已备份到" in done.stderr

    assert _stats(home, imported) == kept
    report = json.loads(done.stdout)
    # A file takes the backup page for page; a server's rows are checked against the backup's stats.
    assert report["stats"] == (kept if "://" in imported else None) and report["rows"] > 400
    _verify_ok(home, imported)
    restores = sql(imported, "SELECT actor, detail FROM audit_events WHERE action = 'db.restore'")
    assert len(restores) == 1 and backup.name in restores[0][1]
    before = Path(report["backup_of_replaced"])
    assert before.exists() and before.name.endswith("-before-restore.sqlite3")
    with connect_file(before) as replaced:  # the voided state, kept in case the restore was the mistake
        assert replaced.execute("SELECT COUNT(*) FROM payments WHERE voided").fetchone() == (120,)
    assert "restoring" not in _keystore(home, imported)
    # The restored database goes on as before: the next change is chained and published.
    _import(home, imported)
    _verify_ok(home, imported)


def test_a_sealed_backup_needs_the_key_passphrase_and_rebuilds_a_new_pc(home: Path, imported: str,
                                                                        tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    sealed = _backup(home, imported, "--out", str(stick / "呼图壁县备份.yktbak"))
    kept = _stats(home, imported)
    data = sealed.read_bytes()
    assert data.startswith(b"YKTBACKUP1\n") and b"SQLite format 3" not in data
    assert ONE_PERSON.encode("utf-8") not in data and (sealed.stat().st_mode & 0o777) == 0o600
    assert count(imported, "SELECT COUNT(*) FROM audit_events WHERE action = 'backup.exported'") == 1

    _import(home, imported, YKT_CLOCK="2019-07-16T10:00:00")  # the same file again: nothing new
    no_passphrase = run(home, "--db", imported, "restore", str(sealed), "--yes")
    assert no_passphrase.returncode == 2 and "YKT_KEY_PASSPHRASE" in no_passphrase.stderr
    wrong = run(home, "--db", imported, "restore", str(sealed), "--yes", YKT_KEY_PASSPHRASE="不对")
    assert wrong.returncode == 3 and "口令不正确" in wrong.stderr
    assert run(home, "--db", imported, "restore", str(sealed), "--yes", YKT_KEY_PASSPHRASE="pw").returncode == 0
    assert _stats(home, imported) == kept

    # A new PC: an empty data folder, no database, no keystore; the stick and the passphrase.
    new_home = tmp_path / "新电脑"
    new_home.mkdir()
    new_db = str(new_home / "恢复.sqlite3")
    rebuilt = run(new_home, "--db", new_db, "restore", str(sealed), YKT_KEY_PASSPHRASE="pw")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _stats(new_home, new_db) == kept
    _verify_ok(new_home, new_db)
    assert run(new_home, "--db", new_db, "backup").returncode == 0  # a working installation


def test_a_changed_sealed_backup_is_refused_and_nothing_changes(home: Path, imported: str, tmp_path: Path) -> None:
    sealed = _backup(home, imported, "--out", str(tmp_path / "b.yktbak"))
    data = bytearray(sealed.read_bytes())
    header_org = data.index("呼图壁县".encode())
    for where, name in ((header_org, "header"), (len(data) - 40, "body")):
        changed = bytearray(data)
        changed[where] ^= 0x01
        forged = tmp_path / f"{name}.yktbak"
        forged.write_bytes(bytes(changed))
        before = _stats(home, imported)
        refused = run(home, "--db", imported, "restore", str(forged), "--yes", YKT_KEY_PASSPHRASE="pw")
        assert refused.returncode == 3, (name, refused.stderr)
        assert _stats(home, imported) == before
    cut = tmp_path / "cut.yktbak"
    cut.write_bytes(bytes(data[: len(data) // 2]))
    refused = run(home, "--db", imported, "restore", str(cut), "--yes", YKT_KEY_PASSPHRASE="pw")
    assert refused.returncode == 3 and "无法打开备份" in refused.stderr


def test_restore_refuses_what_is_not_a_sound_backup_of_this_org(home: Path, imported: str, tmp_path: Path) -> None:
    backup = _backup(home, imported)
    original = backup.read_bytes()
    before = _stats(home, imported)

    other = tmp_path / "other.sqlite3"
    assert run(home, "--db", str(other), "init", "--org", "652301", "--name", "昌吉市", "--level", "county",
               YKT_KEY_PASSPHRASE="pw").returncode == 0
    refused = run(home, "--db", imported, "restore", str(other), "--yes")
    assert refused.returncode == 3 and "昌吉市" in refused.stderr and "不是本单位的" in refused.stderr

    broken_chain = tmp_path / "chain.sqlite3"
    shutil.copyfile(backup, broken_chain)
    with connect_file(broken_chain) as conn:
        conn.execute("UPDATE audit_events SET actor = '别人' WHERE seq = 1")
    refused = run(home, "--db", imported, "restore", str(broken_chain), "--yes")
    assert refused.returncode == 3 and "审计链有断裂" in refused.stderr

    damaged = tmp_path / "damaged.sqlite3"
    raw = bytearray(backup.read_bytes())
    raw[len(raw) // 2: len(raw) // 2 + 8192] = b"\xff" * 8192
    damaged.write_bytes(bytes(raw))
    refused = run(home, "--db", imported, "restore", str(damaged), "--yes")
    assert refused.returncode == 3 and any(w in refused.stderr for w in ("已损坏", "无法打开", "不是本软件的数据库"))
    assert refused.stderr.count("\n") == 1, refused.stderr  # one sentence; no driver's chatter

    text = tmp_path / "notes.txt"
    text.write_text("不是数据库", encoding="utf-8")
    refused = run(home, "--db", imported, "restore", str(text), "--yes")
    assert refused.returncode == 3 and "不是本软件的数据库" in refused.stderr
    missing = run(home, "--db", imported, "restore", str(tmp_path / "没有.sqlite3"), "--yes")
    assert missing.returncode == 3 and "文件不存在" in missing.stderr

    assert _stats(home, imported) == before
    assert count(imported, "SELECT COUNT(*) FROM audit_events WHERE action = 'db.restore'") == 0
    _verify_ok(home, imported)
    assert backup.read_bytes() == original  # the backup itself was only read


def test_the_daily_backup_is_made_once_a_day(home: Path, county: str) -> None:
    first = run(home, "--db", county, "--json", "backup", "--daily")
    assert first.returncode == 0 and json.loads(first.stdout)["file"].endswith("-daily.sqlite3")
    again = run(home, "--db", county, "--json", "backup", "--daily")
    assert again.returncode == 0 and json.loads(again.stdout) is None and "今天已有备份" in again.stderr
    listed = run(home, "--db", county, "--json", "backup", "--list")
    assert [b["reason"] for b in json.loads(listed.stdout)] == ["daily"]


@pytest.mark.parametrize(("point", "skip"), [("backup.copying", "0"), ("backup.written", "0")])
def test_a_backup_killed_midway_leaves_the_database_and_no_backup_that_looks_whole(
        home: Path, imported: str, point: str, skip: str) -> None:
    before = _stats(home, imported)
    kept = run(home, "--db", imported, "--json", "backup", "--list").stdout
    env = {"YKT_FAULT_KILL_AT": point, "YKT_FAULT_SKIP": skip}
    if "://" in imported:  # a server's backup is an export: killed among its rows instead of its pages
        env = {"YKT_FAULT_KILL_AFTER_ROWS": "50"} if point == "backup.copying" else env
    killed = run(home, "--db", imported, "backup", **env)
    assert killed.returncode == KILLED_EXIT_CODE, killed.stderr
    assert run(home, "--db", imported, "--json", "backup", "--list").stdout == kept
    assert integrity_ok(imported) and _stats(home, imported) == before
    _verify_ok(home, imported)
    assert _backup(home, imported).exists()  # the next one works


@pytest.mark.parametrize("point", ["restore.backed_up", "restore.copying", "restore.before_commit",
                                   "restore.committed"])
def test_a_restore_killed_midway_leaves_the_old_database_or_the_new_one(home: Path, imported: str,
                                                                        point: str) -> None:
    backup = _backup(home, imported)
    new = _stats(home, imported)
    listed = json.loads(run(home, "--db", imported, "--json", "batch", "list").stdout)
    assert run(home, "--db", imported, "batch", "void", listed[0]["uid"], "--reason", "错了").returncode == 0
    old = _stats(home, imported)
    if "://" not in imported:  # a file is replaced 64 pages at a time: killed after the first step, midway
        assert count(imported, "PRAGMA page_count") > 64

    killed = run(home, "--db", imported, "restore", str(backup), "--yes",
                 YKT_FAULT_KILL_AT=point, YKT_FAULT_SKIP="0")
    assert killed.returncode == KILLED_EXIT_CODE, killed.stderr

    assert integrity_ok(imported)
    now = _stats(home, imported)
    assert now == (new if point == "restore.committed" else old)
    _verify_ok(home, imported)  # the keystore follows whichever it is
    assert "restoring" not in _keystore(home, imported)
    # Whatever was left, restoring again works.
    assert run(home, "--db", imported, "restore", str(backup), "--yes").returncode == 0
    assert _stats(home, imported) == new
    _verify_ok(home, imported)
