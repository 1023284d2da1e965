"""All self-check rules over a county of 1,000,000 payments and 300,000 persons (issue 5).

Against a bare `SELECT program_id, count(*), sum(paid_fen) FROM payments GROUP BY program_id`
on the same database in the same run (one scan of the payments: the floor for set-based SQL).
Goal: all rules ≤ 10 s on this machine and ≤ 20× the bare pass. Also timed: each rule, and a
re-run (idempotent: nothing new, nothing resolved). The database is `ykt demo --persons 300000`
under bench/out/ (built once, reused); every run works on a fresh copy so the first run stores
all findings. Results go into bench/results.md between the checks markers.

Usage: `.venv/bin/python bench/checks.py [--persons N] [--repeats R] [--no-write]`
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RESULTS = HERE / "results.md"
START, END = "<!-- checks:start -->", "<!-- checks:end -->"
BARE = "SELECT program_id, count(*), sum(paid_fen) FROM payments GROUP BY program_id"
GOAL_SECONDS, GOAL_RATIO = 10.0, 20.0
sys.path.insert(0, str(HERE.parent))


def demo_database(persons: int) -> Path:
    """bench/out/checks-<persons>.sqlite3, built by `ykt demo` once."""
    OUT.mkdir(exist_ok=True)
    db = OUT / f"checks-{persons // 1000}k.sqlite3"
    if not db.exists():
        ykt = Path(sys.executable).parent / "ykt"
        subprocess.run([str(ykt), "--db", str(db), "demo", "--persons", str(persons), "--seed", "2019"], check=True,
                       env={**os.environ, "YKT_HOME": str(OUT / "home")})
    return db


def fresh_copy(db: Path) -> Path:
    """A copy with its keystore, so the run starts with no findings."""
    target = OUT / "checks-run.sqlite3"
    for suffix in ("", ".keys"):
        shutil.copy2(Path(str(db) + suffix), Path(str(target) + suffix))
    return target


def bare_pass(db: Path) -> float:
    con = sqlite3.connect(db)
    started = time.perf_counter()
    con.execute(BARE).fetchall()
    took = time.perf_counter() - started
    con.close()
    return took


def run_rules(db: Path) -> tuple[float, dict[str, float], int]:
    """All rules once through the service, per-rule times from the progress callback."""
    from yikatong_desktop import bootstrap
    from yikatong_desktop.services.checks.registry import IMPLS
    from yikatong_desktop.services.checks.run import run_checks

    app = bootstrap.open_app(str(db))
    marks: list[tuple[str, float]] = []

    def progress(_done: int, _total: int, title: str) -> None:
        marks.append((title, time.perf_counter()))

    started = time.perf_counter()
    with app.uow() as uow:
        outcomes = run_checks(uow, app.actor, list(IMPLS), progress=progress)
        uow.commit()
    total = time.perf_counter() - started
    app.close()
    per_rule = {marks[i][0]: marks[i + 1][1] - marks[i][1] for i in range(len(marks) - 1)}
    return total, per_rule, sum(o.open for o in outcomes)


def arguments(doc: str | None) -> argparse.Namespace:
    """--persons (the demo county's size), --repeats, --no-write: the options of the database benchmarks."""
    parser = argparse.ArgumentParser(description=doc)
    parser.add_argument("--persons", type=int, default=300_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    return parser.parse_args()


def write_block(start: str, end: str, text: str) -> None:
    """Put `text` (which begins with `start` and ends with `end`) into results.md, replacing its old block."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    if start in old and end in old:
        new = old[:old.index(start)] + text + old[old.index(end) + len(end):]
    else:
        new = old.rstrip() + "\n\n" + text + "\n"
    RESULTS.write_text(new, encoding="utf-8")


def main() -> None:
    args = arguments(__doc__)
    os.environ.setdefault("YKT_HOME", str(OUT / "home"))
    db = demo_database(args.persons)
    con = sqlite3.connect(db)
    payments, persons = con.execute("SELECT (SELECT count(*) FROM payments), (SELECT count(*) FROM persons)").fetchone()
    con.close()
    bare, first, rerun, per_rule, found = [], [], [], {}, 0
    for _ in range(args.repeats):
        run_db = fresh_copy(db)
        bare.append(bare_pass(run_db))
        took, per_rule, found = run_rules(run_db)
        first.append(took)
        rerun.append(run_rules(run_db)[0])
    b, f, r = statistics.median(bare), statistics.median(first), statistics.median(rerun)
    lines = [
        START, "",
        "## All self-check rules (bench/checks.py)", "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; `ykt demo --persons {args.persons}`: "
        f"{payments:,} payments, {persons:,} persons; median of {args.repeats} runs, each on a fresh copy.", "",
        "| | seconds |", "|---|---:|",
        f"| bare `GROUP BY program_id` over payments | {b:.2f} |",
        f"| all rules, first run ({found:,} findings stored) | {f:.2f} |",
        f"| all rules, re-run (same findings, nothing new) | {r:.2f} |", "",
        f"- first run {f:.2f} s (goal ≤ {GOAL_SECONDS:.0f} s): {'PASS' if f <= GOAL_SECONDS else 'FAIL'}",
        f"- first run / bare = {f / b:.1f}× (goal ≤ {GOAL_RATIO:.0f}×): {'PASS' if f / b <= GOAL_RATIO else 'FAIL'}",
        "", "Per rule (last first run), slowest first:", "",
        "| rule | seconds |", "|---|---:|",
        *[f"| {title} | {secs:.2f} |" for title, secs in sorted(per_rule.items(), key=lambda kv: -kv[1])],
        "", END,
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_block(START, END, text)


if __name__ == "__main__":
    main()
