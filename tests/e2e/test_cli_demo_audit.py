"""`ykt demo`, `ykt stats` and `ykt audit verify` end to end, including tampering with the file (SPEC §9, §10, §12)."""

from __future__ import annotations

import json
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

from dbs import connect_file
from ykt_cli import run

from yikatong_desktop.domain.canonical import canonical_json, chain_hash
from yikatong_desktop.storage.audit import event_content


def _copy(db: Path, to: Path) -> Path:
    for suffix in ("", "-wal", "-shm", ".keys"):
        if Path(f"{db}{suffix}").exists():
            shutil.copy2(f"{db}{suffix}", f"{to}{suffix}")
    return to


def _stats(home: Path, db: Path, *where: str) -> dict[str, dict[str, object]]:
    done = run(home, "--db", str(db), *where)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_demo_writes_database_keystore_and_manifest(demo_db: Path) -> None:
    manifest = json.loads(Path(f"{demo_db}.manifest.json").read_text(encoding="utf-8"))

    assert Path(f"{demo_db}.keys").is_file()
    assert manifest["seed"] == 7 and manifest["persons"] >= 300
    assert {c["rule"] for c in manifest["planted"]} >= {"LATE_PAYMENT", "CASH_PAYMENT", "DUPLICATE_PAYMENT"}


def test_stats_json_parses_with_counts_of_each_kind(demo_home: Path, demo_db: Path) -> None:
    manifest = json.loads(Path(f"{demo_db}.manifest.json").read_text(encoding="utf-8"))

    stats = _stats(demo_home, demo_db, "stats", "--json")

    assert stats["persons"]["count"] == manifest["persons"]
    assert stats["bank_accounts"]["count"] == manifest["accounts"]
    assert stats["payments"]["count"] == manifest["payments"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", str(v["digest"])) for v in stats.values())


def test_json_before_or_after_the_command_prints_the_same(demo_home: Path, demo_db: Path) -> None:
    assert _stats(demo_home, demo_db, "--json", "stats") == _stats(demo_home, demo_db, "stats", "--json")


def test_stats_table_for_people_lists_every_kind(demo_home: Path, demo_db: Path) -> None:
    done = run(demo_home, "--db", str(demo_db), "stats")

    assert done.returncode == 0
    assert done.stdout.splitlines()[0].split() == ["记录类型", "数量", "摘要"]
    for kind in ("org_units", "programs", "persons", "bank_accounts", "payments"):
        assert re.search(rf"^{kind}\s+\d+\s+[0-9a-f]{{64}}$", done.stdout, re.MULTILINE), kind


def test_the_same_demo_seed_twice_gives_identical_stats(demo_home: Path, demo_db: Path, home: Path) -> None:
    again = home / "again.sqlite3"
    assert run(home, "--db", str(again), "demo", "--persons", "500", "--seed", "7").returncode == 0

    assert _stats(home, again, "stats", "--json") == _stats(demo_home, demo_db, "stats", "--json")


def test_audit_verify_passes_on_a_fresh_demo(demo_home: Path, demo_db: Path) -> None:
    done = run(demo_home, "--db", str(demo_db), "audit", "verify")

    assert done.returncode == 0
    assert "审计链完整" in done.stderr


def test_audit_verify_names_the_row_whose_detail_was_edited(demo_db: Path, home: Path) -> None:
    db = _copy(demo_db, home / "tampered.sqlite3")
    with connect_file(db) as conn:
        row = conn.execute("SELECT id FROM audit_events ORDER BY seq LIMIT 1").fetchone()[0]
        conn.execute("UPDATE audit_events SET detail = '{\"org\":\"000000\"}' WHERE id = ?", (row,))
    conn.close()

    done = run(home, "--db", str(db), "audit", "verify")
    as_json = run(home, "--db", str(db), "audit", "verify", "--json")

    assert done.returncode == 3
    assert f"数据库行 {row}" in done.stderr and "哈希不符" in done.stderr
    assert as_json.returncode == 3
    assert json.loads(as_json.stdout)["broken"] | {"message": None} == {
        "org": "652323", "seq": 1, "row": row, "kind": "hash", "message": None}


def test_audit_verify_detects_a_deleted_last_event(demo_db: Path, home: Path) -> None:
    db = _copy(demo_db, home / "cut.sqlite3")
    with connect_file(db) as conn:
        deleted = conn.execute("DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)").rowcount
    conn.close()

    done = run(home, "--db", str(db), "audit", "verify")

    assert deleted == 1
    assert done.returncode == 3
    assert "被删除" in done.stderr and "数据库行" in done.stderr


def test_audit_verify_without_the_keystore_is_refused(demo_db: Path, home: Path) -> None:
    db = _copy(demo_db, home / "nokeys.sqlite3")
    Path(f"{db}.keys").unlink()

    done = run(home, "--db", str(db), "audit", "verify")

    assert done.returncode == 3
    assert "密钥库" in done.stderr


def test_audit_verify_names_the_row_when_a_value_is_not_even_readable(demo_db: Path, home: Path) -> None:
    db = _copy(demo_db, home / "garbled.sqlite3")
    with connect_file(db) as conn:
        row = conn.execute("SELECT id FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()[0]
        conn.execute("UPDATE audit_events SET detail = 'garbage', at = 'yesterday' WHERE id = ?", (row,))
    conn.close()

    done = run(home, "--db", str(db), "audit", "verify")

    assert done.returncode == 3
    assert f"数据库行 {row}" in done.stderr and "程序出错" not in done.stderr


def test_audit_verify_notes_an_event_appended_behind_the_keystores_back(demo_db: Path, home: Path) -> None:
    """A forger with database access only can append an event with a correct hash (the chain hash has no key).
    The keystore head then lags behind the table. A failed head write looks the same, so this is not a
    break (exit 0), but `audit verify` must say that events after the recorded head are not vouched for."""
    db = _copy(demo_db, home / "appended.sqlite3")
    with connect_file(db) as conn:
        org, seq, digest, at, actor = conn.execute(
            "SELECT org_code, seq, hash, at, actor FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
        detail = {"after": "伪造"}
        content = event_content(org, seq + 1, datetime.fromisoformat(at).replace(tzinfo=UTC), actor,
                                "settings.campaign", None, None, detail)
        conn.execute("INSERT INTO audit_events (org_code, seq, prev_hash, hash, at, actor, action, object_kind,"
                     " object_uid, detail) VALUES (?, ?, ?, ?, ?, ?, 'settings.campaign', NULL, NULL, ?)",
                     (org, seq + 1, digest, chain_hash(digest, content), at, actor,
                      canonical_json(detail).decode()))
    conn.close()

    done = run(home, "--db", str(db), "audit", "verify")
    as_json = run(home, "--db", str(db), "audit", "verify", "--json")

    assert done.returncode == 0, done.stderr
    assert f"审计链完整：{seq + 1} 条事件，链头 {seq + 1} 号" in done.stderr
    assert f"注意：密钥库记录的链头是第 {seq} 号，其后 1 条事件尚未记入密钥库" in done.stderr
    chain = json.loads(as_json.stdout)["chains"][org]
    assert (chain["head_seq"], chain["recorded_head_seq"]) == (seq + 1, seq)


def test_audit_verify_has_no_head_behind_note_on_an_untouched_demo(demo_home: Path, demo_db: Path) -> None:
    """Guards the test above: the note is about the appended event, not always printed."""
    done = run(demo_home, "--db", str(demo_db), "audit", "verify")

    assert done.returncode == 0
    assert "尚未记入密钥库" not in done.stderr
