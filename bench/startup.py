"""Start-up of the *installed* program (issue: installers — under 3 s to the login/dashboard).

Times, as whole processes from the installed .deb (`make dist-check` leaves it in build/installed/root):
- `ykt --version`: the frozen interpreter starting and importing the command line (the floor);
- `ykt gui --screenshot` on the demo database: process start → Qt, fonts and translations loaded → the
  dashboard built with its figures read from the database → painted and saved as PNG. A person sees the
  window slightly before the PNG is written, so this is an upper bound of the time to the dashboard.
Interleaved, median of R runs after one unmeasured run each (a cold page cache is not what a clerk sees
on the second start of the day, and the first run would measure the disk).

Usage: `python3 bench/startup.py [--repeats R] [--write]` after `make dist` (it unpacks build/deb/*.deb
into $TMPDIR/yikatong-bench, as `dpkg -i` would, and makes the demo database with the installed `ykt`).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
INSTALLED = Path(tempfile.gettempdir()) / "yikatong-bench"
RESULTS = HERE / "results.md"
START, END = "<!-- startup:start -->", "<!-- startup:end -->"
GOAL_SECONDS = 3.0


def timed(args: list[str], lang: str) -> float:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(INSTALLED / "home"), "YKT_HOME": str(INSTALLED / "home" / "data"),
           "LANG": lang, "LC_ALL": lang, "QT_QPA_PLATFORM": "offscreen"}
    started = time.perf_counter()
    subprocess.run([str(INSTALLED / "root" / "opt" / "yikatong" / "ykt"), *args], env=env, check=True,
                   capture_output=True, cwd=INSTALLED / "home")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="record the figures in bench/results.md")
    opts = parser.parse_args()
    debs = sorted((ROOT / "build" / "deb").glob("yikatong_*.deb"))
    if not debs:
        raise SystemExit("run `make dist` first: it builds build/deb/yikatong_VERSION_ARCH.deb")
    shutil.rmtree(INSTALLED, ignore_errors=True)
    (INSTALLED / "home").mkdir(parents=True)
    subprocess.run(["dpkg-deb", "-x", str(debs[-1]), str(INSTALLED / "root")], check=True)
    db = INSTALLED / "home" / "demo.sqlite3"
    timed(["--db", str(db), "demo"], "zh_CN.UTF-8")
    shot = INSTALLED / "bench-shot.png"
    cases = {
        "`ykt --version` (floor: the frozen interpreter and the CLI)": (["--version"], "zh_CN.UTF-8"),
        "`ykt gui --screenshot`, 工作台 of the demo (中文)": (["--db", str(db), "gui", "--screenshot", str(shot)],
                                                           "zh_CN.UTF-8"),
        "`ykt gui --screenshot`, dashboard of the demo (English)": (["--db", str(db), "gui", "--screenshot", str(shot)],
                                                                  "en_US.UTF-8"),
    }
    for args, lang in cases.values():
        timed(args, lang)  # warm the page cache
    runs: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(opts.repeats):
        for name, (args, lang) in cases.items():
            runs[name].append(timed(args, lang))
    load = os.getloadavg()[0]
    lines = [START, "", "## Start-up of the installed program (bench/startup.py)", "",
             f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.machine()}, {os.cpu_count()} cores, "
             f"load average {load:.2f} at the end; the .deb unpacked as `dpkg -i` does; the demo database "
             f"(20,006 persons); median of {opts.repeats} interleaved runs after one unmeasured run each.", "",
             "| | seconds (median) | min–max |", "|---|---:|---:|"]
    for name, times in runs.items():
        lines.append(f"| {name} | {statistics.median(times):.2f} | {min(times):.2f}–{max(times):.2f} |")
    worst = max(statistics.median(t) for n, t in runs.items() if "gui" in n)
    verdict = "PASS" if worst < GOAL_SECONDS else "FAIL"
    lines += ["", f"- start to dashboard: {worst:.2f} s (goal < {GOAL_SECONDS:.0f} s): **{verdict}**", "", END]
    text = "\n".join(lines)
    print(text)
    if opts.write:
        old = RESULTS.read_text(encoding="utf-8")
        new = (old[:old.index(START)] + text + old[old.index(END) + len(END):] if START in old
               else old.rstrip() + "\n\n" + text + "\n")
        RESULTS.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
