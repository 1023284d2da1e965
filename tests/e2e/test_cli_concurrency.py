"""Several clerks at once on one database, SQLite file or PostgreSQL server (issue 6).

Real `ykt` processes started together: an edit of a record someone changed meanwhile is
refused with the reload message (optimistic locking on the version), and imports running
side by side all land whole, with every shared person stored once.
"""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

from dbs import count, sql
from roster_files import citizen_id, write_roster
from ykt_cli import YKT, cli_env, run

HEADER = ("序号", "姓名", "身份证号", "补贴项目", "补贴期间", "实发金额", "发放日期")
SHARED, OWN = 400, 100  # persons in every file, persons in one file only


def _id(n: int) -> str:
    return citizen_id(n % 1000, birth=date(1936, 5, 1 + n // 1000))


def _start(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([YKT, *args], env=cli_env(home), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str]:
    out, err = proc.communicate(timeout=240)
    assert "Traceback" not in err and "Traceback" not in out, err
    return proc.returncode, err


def test_two_clerks_editing_one_payment_one_wins_and_the_other_is_told_to_reload(home: Path, county: str) -> None:
    wang = citizen_id(1)
    added = run(home, "--db", county, "--json", "payment", "add", "--id", wang, "--name", "王建国",
                "--program", "耕地地力保护补贴", "--year", "2018", "--paid", "1,000.00", "--date", "2018-06-15",
                "--reason", "补录")
    assert added.returncode == 0, added.stderr
    shown = json.loads(run(home, "--db", county, "person", "show", wang, "--json").stdout)
    (payment,) = shown["payments"]
    both = [_start(home, "--db", county, "payment", "edit", payment["uid"], "--set", f"实发金额={amount}",
                   "--version", str(payment["version"]), "--reason", f"银行回单 {amount}")
            for amount in ("900", "800")]
    results = [_finish(p) for p in both]

    assert sorted(code for code, _ in results) == [0, 3]
    (winner,) = [i for i, (code, _) in enumerate(results) if code == 0]
    (_code, told), = [r for r in results if r[0] == 3]
    assert "刚被其他人修改过，请刷新后再改" in told
    assert sql(county, "SELECT paid_fen FROM payments") == [((900, 800)[winner] * 100,)]
    assert count(county, "SELECT COUNT(*) FROM audit_events WHERE action = 'payment.correct'") == 1
    assert run(home, "--db", county, "audit", "verify").returncode == 0


def test_four_imports_at_once_store_every_row_once(home: Path, county: str) -> None:
    files = []
    for n, month in enumerate(("01", "02", "03", "04")):
        people = [*range(1, SHARED + 1), *range(SHARED + 1 + n * OWN, SHARED + 1 + (n + 1) * OWN)]
        rows = [[i + 1, f"测试{p}", _id(p), "高龄津贴", f"2018-{month}", 100, f"2018-{month}-20"]
                for i, p in enumerate(people)]
        files.append(write_roster(home / f"2018年{month}月.xlsx", HEADER, rows))
    imports = [_start(home, "--db", county, "--json", "import", "roster", str(f)) for f in files]
    results = [_finish(p) for p in imports]

    assert [code for code, _ in results] == [0, 0, 0, 0], [err for _, err in results]
    per_file = SHARED + OWN
    assert count(county, "SELECT COUNT(*) FROM payments") == 4 * per_file
    assert count(county, "SELECT COUNT(*) FROM persons") == SHARED + 4 * OWN
    assert count(county, "SELECT COUNT(DISTINCT id_number) FROM persons") == SHARED + 4 * OWN
    assert count(county, "SELECT COUNT(*) FROM households") == 0
    assert sql(county, "SELECT period_label, COUNT(*) FROM payments GROUP BY period_label ORDER BY 1") == [
        (f"2018-{m}", per_file) for m in ("01", "02", "03", "04")]
    assert count(county, "SELECT COUNT(*) FROM import_batches") == 4
    verified = run(home, "--db", county, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    stats = json.loads(run(home, "--db", county, "stats", "--json").stdout)
    assert stats["payments"]["count"] == 4 * per_file
