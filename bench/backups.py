"""Backups and restore of a county of 1,000,000 payments (issue 7), against a plain file copy.

The database is the `bench/checks.py` county (`ykt demo --persons 300000`, built once), copied
to a private folder. Timed in their own `ykt` processes: `backup` (SQLite's online backup into
the data folder), `backup --out` (sealed: zlib + HPKE), `restore` of the plain backup, and
`restore` of the sealed one (decrypt, verify, swap in one transaction). The baseline is
`shutil.copyfile` of the same file in the same run. Peak memory of each process from
`getrusage` of the children. Results go into bench/results.md between the backups markers.

Usage: `.venv/bin/python bench/backups.py [--persons N] [--repeats R] [--no-write]`
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import checks  # noqa: E402  (bench/checks.py: the same county)

START, END = "<!-- backups:start -->", "<!-- backups:end -->"
YKT = str(Path(sys.executable).parent / "ykt")
OUT = HERE / "out" / "backups"


def _ykt(home: Path, *args: str) -> tuple[float, str, int]:
    """Seconds, stdout, and the peak resident memory (MB) of one `ykt` process (its own rusage)."""
    env = {**os.environ, "YKT_HOME": str(home), "YKT_KEY_PASSPHRASE": "demo"}
    out = OUT / "stdout.txt"
    started = time.perf_counter()
    with out.open("w") as fh:
        child = subprocess.Popen([YKT, *args], env=env, stdout=fh, stderr=subprocess.DEVNULL)
        _pid, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"ykt {' '.join(args)} failed with {child.returncode}")
    return seconds, out.read_text(), usage.ru_maxrss // 1024


def main() -> None:
    args = checks.arguments(__doc__)
    source = checks.demo_database(args.persons)
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    db = OUT / "county.sqlite3"
    shutil.copyfile(source, db)
    shutil.copyfile(f"{source}.keys", f"{db}.keys")
    home = OUT / "home"
    size = db.stat().st_size
    payments = sqlite3.connect(db).execute("SELECT count(*) FROM payments").fetchone()[0]

    copies, backups, sealed, restores, unseals = [], [], [], [], []
    peaks: dict[str, int] = {}
    for n in range(args.repeats):
        started = time.perf_counter()
        shutil.copyfile(db, OUT / f"copy-{n}.sqlite3")
        copies.append(time.perf_counter() - started)
        (OUT / f"copy-{n}.sqlite3").unlink()
        seconds, out, peaks["backup"] = _ykt(home, "--db", str(db), "--json", "backup")
        backups.append(seconds)
        plain = Path(json.loads(out)["file"])
        seconds, _, peaks["backup --out"] = _ykt(home, "--db", str(db), "backup", "--out", str(OUT / f"s{n}.yktbak"))
        sealed.append(seconds)
        seconds, _, peaks["restore"] = _ykt(home, "--db", str(db), "restore", str(plain), "--yes")
        restores.append(seconds)
        seconds, _, peaks["restore (sealed)"] = _ykt(home, "--db", str(db), "restore", str(OUT / f"s{n}.yktbak"),
                                                     "--yes")
        unseals.append(seconds)
    sealed_size = (OUT / "s0.yktbak").stat().st_size
    base = statistics.median(copies)
    rows = [("file copy (baseline)", base), ("`ykt backup`", statistics.median(backups)),
            ("`ykt backup --out` (sealed)", statistics.median(sealed)), ("`ykt restore` (plain backup)",
                                                                         statistics.median(restores)),
            ("`ykt restore` (sealed backup)", statistics.median(unseals))]
    lines = [
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; the `ykt demo --persons "
        f"{args.persons}` county: {payments:,} payments, {size / 1e6:,.0f} MB; sealed backup "
        f"{sealed_size / 1e6:,.0f} MB; median of {args.repeats} runs, each command a process of its own "
        "(start-up included).", "",
        "| | seconds | × file copy | peak memory |", "|---|---:|---:|---:|",
    ]
    keys = {"`ykt backup`": "backup", "`ykt backup --out` (sealed)": "backup --out",
            "`ykt restore` (plain backup)": "restore", "`ykt restore` (sealed backup)": "restore (sealed)"}
    for title, seconds in rows:
        peak = f"{peaks[keys[title]]:,} MB" if title in keys else "—"
        lines.append(f"| {title} | {seconds:.2f} | {seconds / base:.1f} | {peak} |")
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        checks.write_block(START, END, text)


if __name__ == "__main__":
    main()
