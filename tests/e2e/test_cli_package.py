"""`ykt package export|import|list` as typed (SPEC §8): a township's data reaches its county on a stick."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from dbs import Databases
from roster_files import citizen_id, write_roster
from ykt_cli import run

ENCRYPTED_LEG = False  # opening an encrypted database is covered elsewhere
#: Merging on PostgreSQL is tests/integration/test_exchange.py's: the command line on SQLite.
pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)

HEADER = ("序号", "乡镇", "村(社区)", "姓名", "身份证号", "补贴项目", "补贴期间", "实发金额", "代发银行", "银行账号")


def _json(home: Path, db: str, *args: str, **env: str) -> Any:
    done = run(home, "--db", db, "--json", *args, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _town(home: Path, dbs: Databases, county: str) -> str:
    town = dbs.target("town.sqlite3")
    done = run(home, "--db", town, "init", "--org", "652323101", "--name", "大丰镇", "--level", "township",
               "--parent", "652323", YKT_KEY_PASSPHRASE="镇")
    assert done.returncode == 0, done.stderr
    for db, other, file in ((county, town, "镇.json"), (town, county, "县.json")):
        assert run(home, "--db", other, "keys", "export", "--out", str(home / file)).returncode == 0
        assert run(home, "--db", db, "keys", "trust", str(home / file), "--yes").returncode == 0
    roster = write_roster(home / "大丰镇.xlsx", HEADER, [
        [i, "大丰镇", "东村", f"居民{i}", citizen_id(i), "高龄津贴", "2018-03", 120, "农业银行", f"62284800{i:011d}"]
        for i in range(1, 5)])
    assert run(home, "--db", town, "import", "roster", str(roster)).returncode == 0
    return town


def test_a_township_package_reaches_the_county_and_importing_twice_changes_nothing(
        home: Path, dbs: Databases, county: str) -> None:
    town = _town(home, dbs, county)
    stick = home / "U盘"
    stick.mkdir()
    out = stick / "大丰镇-1.ykt"
    exported = _json(home, town, "package", "export", "--to", "呼图壁县", "--out", str(out), YKT_KEY_PASSPHRASE="镇")
    assert exported["direction"] == "up" and exported["sequence"] == 1 and exported["counts"]["payments"] == 4
    assert out.read_bytes()[:8] == b"YKTPKG1\n"

    preview = _json(home, county, "package", "import", str(out), "--dry-run", YKT_KEY_PASSPHRASE="pw")
    assert preview[0]["dry_run"] and preview[0]["kinds"]["payments"]["added"] == 4
    assert _json(home, county, "stats")["payments"]["count"] == 0

    done = run(home, "--db", county, "package", "import", str(out), YKT_KEY_PASSPHRASE="pw")
    assert done.returncode == 0, done.stderr
    assert "已导入 大丰镇-1.ykt（大丰镇 第 1 个）" in done.stderr and "发放记录" in done.stdout
    county_stats, town_stats = _json(home, county, "stats"), _json(home, town, "stats")
    for kind in ("persons", "payments", "bank_accounts"):
        assert county_stats[kind] == town_stats[kind]

    again = run(home, "--db", county, "package", "import", str(out), YKT_KEY_PASSPHRASE="pw")
    assert again.returncode == 0 and "已导入过，没有变化" in again.stderr
    assert _json(home, county, "stats") == county_stats

    listed = _json(home, county, "package", "list")
    assert [(p["org"], p["last_in"]["sequence"], p["missing"]) for p in listed] == [("652323101", 1, [])]
    events = [e["action"] for e in _json(home, county, "audit", "list", "--action", "package")]
    assert events == ["package.import"]


def test_damaged_foreign_and_misaddressed_packages_are_refused_with_nothing_changed(
        home: Path, dbs: Databases, county: str) -> None:
    town = _town(home, dbs, county)
    out = home / "p.ykt"
    assert run(home, "--db", town, "package", "export", "--to", "652323", "--out", str(out),
               YKT_KEY_PASSPHRASE="镇").returncode == 0
    before = _json(home, county, "stats")
    data = out.read_bytes()
    cases = {"cut.ykt": data[:-10], "extra.ykt": data + b"\n", "flip.ykt": data[:500] + bytes([data[500] ^ 1])
             + data[501:], "not.ykt": b"PK\x03\x04" + bytes(100)}
    for name, content in cases.items():
        (home / name).write_bytes(content)
    done = run(home, "--db", county, "package", "import", *(str(home / n) for n in cases), YKT_KEY_PASSPHRASE="pw")
    assert done.returncode == 3
    assert done.stderr.count("未导入") >= 3 and "不是一卡通数据包" in done.stderr
    assert _json(home, county, "stats") == before

    missing = run(home, "--db", county, "package", "import", str(out))  # no passphrase, no terminal
    assert missing.returncode == 2 and "YKT_KEY_PASSPHRASE" in missing.stderr
    wrong_suffix = run(home, "--db", town, "package", "export", "--to", "652323", "--out", str(home / "p.zip"),
                       YKT_KEY_PASSPHRASE="镇")
    assert wrong_suffix.returncode == 3 and ".ykt" in wrong_suffix.stderr
    nobody = run(home, "--db", town, "package", "export", "--to", "玛纳斯县", "--out", str(home / "m.ykt"),
                 YKT_KEY_PASSPHRASE="镇")
    assert nobody.returncode == 3 and "ykt keys trust" in nobody.stderr and not (home / "m.ykt").exists()
    assert _json(home, county, "stats") == before
