"""PostgreSQL beside SQLite in one run (issue 6): all self-check rules over 1M payments, and a 100k-row import.

Checks: the `bench/checks.py` county (`ykt demo --persons 300000`, built once) is copied to a
PostgreSQL database with `ykt migrate` (timed too); each run works on a fresh copy on both
backends (a file copy; `CREATE DATABASE … TEMPLATE` on the server) so the first run stores all
findings. Beside each, the bare `GROUP BY program_id` scan of the payments on the same backend.
Import: `ykt init` + `ykt import roster` of the `bench/import_roster.py` file into a fresh
database of each backend, in its own process. The server is a throwaway cluster started for the
run (tests/pg_cluster.py; fsync off, as for tests), or YKT_BENCH_PG=postgresql+psycopg://… .
Results go into bench/results.md between the postgresql markers.

Usage: `.venv/bin/python bench/postgresql.py [--repeats R] [--no-write]`
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

import checks  # noqa: E402  (bench/checks.py: the same county, rules and bare scan)
import import_roster  # noqa: E402

START, END = "<!-- postgresql:start -->", "<!-- postgresql:end -->"
YKT = str(Path(sys.executable).parent / "ykt")


def _dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _admin(server: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(_dsn(server), autocommit=True) as pg:
        pg.execute(statement)


def _database(server: str, name: str) -> str:
    return server.rsplit("/", 1)[0] + "/" + name


def _keystore_of(db: str) -> Path:
    from yikatong_desktop import bootstrap
    from yikatong_desktop.storage.database import locate

    return bootstrap.keystore_path(locate(db))


def server_copy(server: str, base: str, name: str) -> str:
    """A fresh copy of the base database (and its keystore) on the server."""
    _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(server, f'CREATE DATABASE "{name}" TEMPLATE "{base}"')
    url = _database(server, name)
    keys = _keystore_of(url)
    keys.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_keystore_of(_database(server, base)), keys)
    return url


def bare_pass_pg(url: str) -> float:
    import psycopg

    with psycopg.connect(_dsn(url)) as pg:
        started = time.perf_counter()
        pg.execute(checks.BARE).fetchall()
        return time.perf_counter() - started


def import_once(db: str, roster: Path, home: Path) -> float:
    env = {**os.environ, "YKT_HOME": str(home), "YKT_KEY_PASSPHRASE": "bench"}
    subprocess.run([YKT, "--db", db, "init", "--org", "652323", "--name", "呼图壁县", "--level", "county"],
                   env=env, check=True, capture_output=True)
    started = time.perf_counter()
    done = subprocess.run([YKT, "--db", db, "--json", "import", "roster", str(roster)], env=env, check=True,
                          capture_output=True, text=True)
    took = time.perf_counter() - started
    assert json.loads(done.stdout)["accepted"] == 100_000
    return took


def main() -> None:
    args = checks.arguments(__doc__)
    home = checks.OUT / "home"
    os.environ["YKT_HOME"] = str(home)
    cluster = None
    server = os.environ.get("YKT_BENCH_PG")
    if not server:
        from pg_cluster import start_cluster

        cluster = start_cluster()
        server = cluster.url
    try:
        lines = run_all(server, args, home)
    finally:
        if cluster is not None:
            cluster.stop()
    text = "\n".join([START, "", *lines, "", END])
    print(text)
    if not args.no_write:
        checks.write_block(START, END, text)


def run_all(server: str, args: argparse.Namespace, home: Path) -> list[str]:
    import psycopg

    db = checks.demo_database(args.persons)
    base = "ykt_bench_base"
    _admin(server, f'DROP DATABASE IF EXISTS "{base}" WITH (FORCE)')
    _admin(server, f'CREATE DATABASE "{base}"')
    base_url = _database(server, base)
    _keystore_of(base_url).unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run([YKT, "migrate", "--from", str(db), "--to", base_url], check=True, capture_output=True,
                   env={**os.environ, "YKT_HOME": str(home)})
    migrate_s = time.perf_counter() - started
    with psycopg.connect(_dsn(base_url), autocommit=True) as pg:
        pg.execute("VACUUM ANALYZE")
        payments = pg.execute("SELECT count(*) FROM payments").fetchone()[0]  # type: ignore[index]
        version = pg.execute("SHOW server_version").fetchone()[0]  # type: ignore[index]

    got: dict[str, dict[str, list[float]]] = {b: {"bare": [], "first": [], "rerun": [], "import": []}
                                              for b in ("sqlite", "postgresql")}
    for _ in range(args.repeats):
        run_db = checks.fresh_copy(db)
        got["sqlite"]["bare"].append(checks.bare_pass(run_db))
        got["sqlite"]["first"].append(checks.run_rules(run_db)[0])
        got["sqlite"]["rerun"].append(checks.run_rules(run_db)[0])
        url = server_copy(server, base, "ykt_bench_run")
        got["postgresql"]["bare"].append(bare_pass_pg(url))
        got["postgresql"]["first"].append(checks.run_rules(url)[0])  # type: ignore[arg-type]
        got["postgresql"]["rerun"].append(checks.run_rules(url)[0])  # type: ignore[arg-type]

    roster = import_roster.OUT / "roster-100000.xlsx"
    if not roster.exists():
        import_roster.make_roster(roster, 100_000)
    for n in range(args.repeats):
        file_db = import_roster.OUT / f"import-pg-bench-{n}.sqlite3"
        for suffix in ("", ".keys", "-wal", "-shm"):
            Path(f"{file_db}{suffix}").unlink(missing_ok=True)
        got["sqlite"]["import"].append(import_once(str(file_db), roster, home))
        name = f"ykt_bench_import_{n}"
        _admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        _admin(server, f'CREATE DATABASE "{name}"')
        url = _database(server, name)
        _keystore_of(url).unlink(missing_ok=True)
        got["postgresql"]["import"].append(import_once(url, roster, home))

    def med(backend: str, what: str) -> float:
        return statistics.median(got[backend][what])

    rows = [f"| {label} | {med('sqlite', key):.2f} | {med('postgresql', key):.2f} |" for label, key in (
        ("bare `GROUP BY program_id` over payments", "bare"), ("all rules, first run", "first"),
        ("all rules, re-run", "rerun"), ("`ykt import roster`, 100,000 rows (read, check, store)", "import"))]
    ratio = {b: med(b, "first") / med(b, "bare") for b in got}
    return [
        "## PostgreSQL beside SQLite (bench/postgresql.py)", "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; PostgreSQL {version} on the same machine (a throwaway cluster, "
        f"fsync off, shared_buffers 256MB); {payments:,} payments (`ykt demo --persons {args.persons}`); "
        f"median of {args.repeats} runs, each on a fresh copy.", "",
        "| seconds | SQLite | PostgreSQL |", "|---|---:|---:|", *rows, "",
        f"- all rules / bare scan: SQLite {ratio['sqlite']:.1f}×, PostgreSQL {ratio['postgresql']:.1f}× "
        f"(goal ≤ {checks.GOAL_RATIO:.0f}×)",
        f"- `ykt migrate` of the {payments:,}-payment county from SQLite to PostgreSQL: {migrate_s:.1f} s "
        "(copy and verification by `stats` digests)",
    ]


if __name__ == "__main__":
    main()
