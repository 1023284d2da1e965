"""`ykt backup`, and the backups made before an import or a merge (SPEC §9; issue 7), on both backends."""

from __future__ import annotations

import json
from pathlib import Path

from dbs import connect_file, count, sql_write
from ykt_cli import run

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
GAOLING = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"


def _backups(home: Path, db: str) -> list[dict[str, object]]:
    done = run(home, "--db", db, "--json", "backup", "--list")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_an_import_is_preceded_by_a_backup_of_what_was_there(home: Path, county: str) -> None:
    assert _backups(home, county) == []
    dry = run(home, "--db", county, "import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03",
              "--dry-run")
    assert dry.returncode == 0 and _backups(home, county) == []  # a dry run changes nothing: no backup
    done = run(home, "--db", county, "import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03")
    assert done.returncode == 0, done.stderr
    (before,) = _backups(home, county)
    path = Path(str(before["file"]))
    assert path.name.endswith("-before-import-roster.sqlite3") and (path.stat().st_mode & 0o777) == 0o600
    assert str(home / "ykt-data" / "backups") in str(path)  # in the data folder, never beside the program
    with connect_file(path) as kept:  # a whole database as it was before the file came in
        assert kept.execute("SELECT COUNT(*) FROM payments").fetchone() == (0,)
        assert kept.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert count(county, "SELECT COUNT(*) FROM payments") == 120
    made = run(home, "--db", county, "--json", "backup")
    assert made.returncode == 0 and "已备份到" in made.stderr
    latest = Path(json.loads(made.stdout)["file"])
    with connect_file(latest) as kept:
        assert kept.execute("SELECT COUNT(*) FROM payments").fetchone() == (120,)
    assert len(_backups(home, county)) == 2
    events = count(county, "SELECT COUNT(*) FROM audit_events WHERE action = 'backup.made'")
    assert events == 2
    assert run(home, "--db", county, "audit", "verify").returncode == 0


def test_only_the_newest_backups_are_kept(home: Path, county: str) -> None:
    for _ in range(4):
        assert run(home, "--db", county, "backup").returncode == 0
    assert len(_backups(home, county)) == 4
    # How many are kept is a setting of the database.
    assert sql_write(county, "INSERT INTO settings (key, value) VALUES ('backup.keep', '2')") == 1
    assert run(home, "--db", county, "backup").returncode == 0
    kept = _backups(home, county)
    assert len(kept) == 2 and all(Path(str(b["file"])).exists() for b in kept)
