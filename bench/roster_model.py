"""Benchmark: the 花名册 (roster) model over a 1,000,000-payment database.

What it measures, and why
-------------------------
The 花名册 shows every live payment joined with its person, account, program
and place. A county has around a million of them, so the page must not load
them all. `RosterModel` keeps a count plus a bounded cache of 200-row pages
fetched with deferred-join SQL; this benchmark checks that the design pays
off against the obvious alternative, a plain `QSqlQueryModel` over the same
display query, in the same run, on the same machine:

* time to first paint: from just after the imports (the QApplication already
  exists, as it does when a user opens the page) until the table's viewport
  has painted once: open the database, build the model, create and show the
  view, process events until the viewport's first Paint event is handled;
* jump to row 900,000: `scrollTo` that row at the top, until repainted. The
  QSqlQueryModel cannot index row 900,000 before it has fetched every row
  before it, so its figure includes `fetchMore` until `canFetchMore` is false:
  that is the honest cost of the plain model;
* sort by 姓名 and repaint (roster: `model.sort(0)` while scrolled at row
  900,000, then scrolled back to the top; baseline: re-query ORDER BY pinyin);
* peak RSS of the process (`ru_maxrss`) after all of the above.

Goals (from the issue): first paint ≤ 0.3 s and no slower than the
QSqlQueryModel; peak RSS ≤ 400 MB.

Each measurement runs in a fresh subprocess (so RSS is per approach and
import caches do not leak between them), three times each, interleaved; the
median is reported. The real 花名册 page (`RosterPage`, which also loads its
filter choices) is measured alongside as information, and a SQL probe times
the individual queries the model issues so slow spots can be named.

Usage: `make bench` (1M payments), or
`QT_QPA_PLATFORM=offscreen .venv/bin/python bench/roster_model.py [--quick]
[--payments-target N] [--repeats R] [--no-write]`. The demo database is built
once under bench/out/ (gitignored) with a fixed seed and reused afterwards.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RESULTS = HERE / "results.md"
DEFAULT_TARGET = 1_000_000
QUICK_TARGET = 100_000
DEFAULT_SEED = 2019
PAYMENTS_PER_PERSON = 3.55  # what `ykt demo` produces (measured: 3.62); slightly low so we overshoot
JUMP_ROW = 900_000
RESULT_MARK = "BENCH_RESULT "
NOTES_MARK = "<!-- notes below this line are kept when the benchmark rewrites this file -->"
PAINT_TIMEOUT_S = 300.0
VIEW_SIZE = (960, 700)  # about what the table gets in the main window
MiB = 1024 * 1024

GOAL_FIRST_PAINT_S = 0.3
GOAL_RSS_MB = 400

#: The 花名册's display query for a plain QSqlQueryModel: the same joins as
#: storage.queries.roster_page, the 16 displayed columns, all live payments.
BASELINE_SQL = """
SELECT persons.name AS "姓名", persons.id_number AS "身份证号", persons.sex AS "性别",
       town.name AS "乡镇", vil.name AS "村(社区)", payments.group_code AS "组",
       programs.name AS "补贴项目", payments.period_label AS "期间", payments.quantity AS "数量",
       payments.standard_fen AS "标准(分)", payments.due_fen AS "应发(分)", payments.paid_fen AS "实发(分)",
       payments.paid_date AS "发放日期", payments.method AS "方式",
       bank_accounts.bank AS "代发银行", bank_accounts.number AS "银行账号"
FROM payments
JOIN persons ON persons.id = payments.person_id
JOIN programs ON programs.id = payments.program_id
LEFT JOIN bank_accounts ON bank_accounts.id = payments.account_id
LEFT JOIN org_units AS town ON town.code = payments.township_code
LEFT JOIN org_units AS vil ON vil.code = payments.village_code
WHERE payments.voided = 0
ORDER BY {order}
"""
BASELINE_ORDER = "payments.id"
BASELINE_ORDER_BY_NAME = "persons.pinyin, payments.id"

#: The approaches measured in subprocesses, with their column titles.
APPROACHES = {
    "roster": "RosterModel + QTableView",
    "baseline": "QSqlQueryModel + QTableView",
    "page": "RosterPage (whole page, info)",
}


# ---------------------------------------------------------------------------
# Measuring inside a child process
# ---------------------------------------------------------------------------

def _peak_rss_mib() -> float:
    """Peak resident set size of this process (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mib() -> float:
    """Current resident set size."""
    try:
        import psutil

        return float(psutil.Process().memory_info().rss) / MiB
    except ImportError:  # pragma: no cover - psutil is a dev dependency
        return _peak_rss_mib()


class _Painted:
    """Counts Paint events reaching a widget (the table's viewport)."""

    def __init__(self, widget: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        paint = QEvent.Type.Paint

        class Filter(QObject):
            count = 0

            def eventFilter(self, _obj: Any, event: Any) -> bool:
                if event.type() == paint:
                    self.count += 1
                return False

        self._filter = Filter()
        widget.installEventFilter(self._filter)

    @property
    def count(self) -> int:
        return self._filter.count

    def wait(self, app: Any, since: int) -> None:
        """Process events until a Paint newer than `since` has been handled.

        Paint events are delivered synchronously inside processEvents, so when
        the loop returns the viewport has finished painting.
        """
        deadline = time.perf_counter() + PAINT_TIMEOUT_S
        while self._filter.count <= since:
            app.processEvents()
            if time.perf_counter() > deadline:
                raise TimeoutError("the table never painted")


def _timed(app: Any, painted: _Painted, view: Any, action: Callable[[], None]) -> float:
    """Seconds from running `action` until the viewport has repainted."""
    since = painted.count
    start = time.perf_counter()
    action()
    view.viewport().update()  # make sure a paint is due even if nothing moved
    painted.wait(app, since)
    return time.perf_counter() - start


def _configure_view(view: Any) -> None:
    """Set the table up exactly as gui/pages/roster.py does (sorting, rows, sizes)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemView

    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setDefaultSectionSize(24)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    for col, width in enumerate((120, 165, 40, 125, 95, 40, 160, 70, 60, 70, 80, 80, 90, 60, 170, 170)):
        view.setColumnWidth(col, width)
    view.resize(*VIEW_SIZE)


class _SqlClock:
    """Wraps the model's count/page callbacks to count calls and time spent in SQL."""

    def __init__(self) -> None:
        self.calls: dict[str, int] = {"count": 0, "page": 0}
        self.seconds: dict[str, float] = {"count": 0.0, "page": 0.0}

    @contextmanager
    def timing(self, what: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.calls[what] += 1
            self.seconds[what] += time.perf_counter() - start

    def snapshot(self) -> dict[str, float]:
        return {"count_calls": self.calls["count"], "count_s": self.seconds["count"],
                "page_calls": self.calls["page"], "page_s": self.seconds["page"]}


def _wait_counted(app: Any, model: Any, view: Any) -> None:
    """The model shows its first page before counting; wait until the count has extended
    it and the view has laid out the new rows (its scroll range grows on a later turn)."""
    deadline = time.perf_counter() + PAINT_TIMEOUT_S
    while model.count_pending or view.verticalScrollBar().maximum() < model.rowCount():
        app.processEvents()
        if time.perf_counter() > deadline:
            raise TimeoutError("the roster was never counted")


def _jump_and_sort(app: Any, painted: _Painted, view: Any, model: Any, jump_row: int,
                   out: dict[str, Any], sql: _SqlClock) -> None:
    """The roster's jump and sort steps (shared by the model and the whole page)."""
    from PySide6.QtWidgets import QAbstractItemView

    top = QAbstractItemView.ScrollHint.PositionAtTop
    before = sql.snapshot()
    out["jump_s"] = _timed(app, painted, view, lambda: view.scrollTo(model.index(jump_row, 0), top))
    out["jump_sql"] = _delta(sql.snapshot(), before)
    out["jump_top_row"] = view.rowAt(0)
    out["rss_after_jump_mib"] = _rss_mib()

    before = sql.snapshot()
    out["sort_s"] = _timed(app, painted, view, lambda: model.sort(0))
    out["sort_sql"] = _delta(sql.snapshot(), before)
    out["sort_top_row"] = view.rowAt(0)

    before = sql.snapshot()
    out["sorted_top_s"] = _timed(app, painted, view, view.scrollToTop)
    out["sorted_top_sql"] = _delta(sql.snapshot(), before)
    out["sorted_first_name"] = model.index(0, 0).data()


def _delta(after: dict[str, float], before: dict[str, float]) -> dict[str, float]:
    return {k: after[k] - before[k] for k in after}


def child_roster(db: Path, jump_row: int) -> dict[str, Any]:
    """RosterModel in a QTableView configured like RosterPage, over bootstrap.open_app(db)."""
    start = time.perf_counter()
    from PySide6.QtWidgets import QApplication, QTableView

    from yikatong_desktop import bootstrap
    from yikatong_desktop.gui.models.roster_model import RosterModel
    from yikatong_desktop.services import queries
    from yikatong_desktop.services.queries import RosterFilter, RosterRow

    out: dict[str, Any] = {"import_s": time.perf_counter() - start}
    qapp = QApplication.instance() or QApplication([])
    sql = _SqlClock()

    t0 = time.perf_counter()
    ykt = bootstrap.open_app(str(db))
    out["open_s"] = time.perf_counter() - t0

    def count(f: RosterFilter) -> int:
        with sql.timing("count"), ykt.reader() as uow:
            return queries.count_roster(uow, ykt.actor, f)

    def page(f: RosterFilter, sort: str, descending: bool, offset: int, limit: int) -> list[RosterRow]:
        with sql.timing("page"), ykt.reader() as uow:
            return queries.roster_page(uow, ykt.actor, f, sort=sort, descending=descending,
                                       offset=offset, limit=limit)

    model = RosterModel(count, page)
    view = QTableView()
    view.setModel(model)
    _configure_view(view)
    painted = _Painted(view.viewport())
    view.show()
    painted.wait(qapp, 0)
    out["first_paint_s"] = time.perf_counter() - t0
    out["first_paint_sql"] = sql.snapshot()
    out["first_name"] = model.index(0, 0).data()
    out["rss_first_paint_mib"] = _rss_mib()
    _wait_counted(qapp, model, view)
    out["counted_s"] = time.perf_counter() - t0
    out["rows"] = model.rowCount()

    _jump_and_sort(qapp, painted, view, model, jump_row, out, sql)
    out["cached_pages"] = model.cached_pages
    out["peak_rss_mib"] = _peak_rss_mib()
    ykt.close()
    return out


def child_page(db: Path, jump_row: int) -> dict[str, Any]:
    """The real 花名册 page (RosterPage: filter choices, search bar, table, detail pane)."""
    start = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from yikatong_desktop import bootstrap
    from yikatong_desktop.gui.pages import roster as roster_page
    from yikatong_desktop.services.queries import RosterFilter, RosterRow

    out: dict[str, Any] = {"import_s": time.perf_counter() - start}
    qapp = QApplication.instance() or QApplication([])
    sql = _SqlClock()
    choices = {"s": 0.0}
    real_choices = roster_page.queries.filter_choices

    def filter_choices(*args: Any) -> Any:  # times the page's filter-box queries (bench process only)
        t = time.perf_counter()
        try:
            return real_choices(*args)
        finally:
            choices["s"] += time.perf_counter() - t

    class TimedPage(roster_page.RosterPage):
        def _count(self, f: RosterFilter) -> int:
            with sql.timing("count"):
                return super()._count(f)

        def _page(self, f: RosterFilter, sort: str, descending: bool, offset: int, limit: int) -> list[RosterRow]:
            with sql.timing("page"):
                return super()._page(f, sort, descending, offset, limit)

    roster_page.queries.filter_choices = filter_choices  # type: ignore[assignment]

    t0 = time.perf_counter()
    ykt = bootstrap.open_app(str(db))
    out["open_s"] = time.perf_counter() - t0
    widget = TimedPage(ykt)
    widget.resize(VIEW_SIZE[0] + 300, VIEW_SIZE[1] + 40)
    painted = _Painted(widget.table.viewport())
    widget.show()
    painted.wait(qapp, 0)
    out["first_paint_s"] = time.perf_counter() - t0
    out["first_paint_sql"] = sql.snapshot()
    out["filter_choices_s"] = choices["s"]
    out["first_name"] = widget.model.index(0, 0).data()
    out["rss_first_paint_mib"] = _rss_mib()
    _wait_counted(qapp, widget.model, widget.table)
    out["counted_s"] = time.perf_counter() - t0
    out["rows"] = widget.model.rowCount()

    _jump_and_sort(qapp, painted, widget.table, widget.model, jump_row, out, sql)
    out["peak_rss_mib"] = _peak_rss_mib()
    ykt.close()
    return out


def child_baseline(db: Path, jump_row: int) -> dict[str, Any]:
    """A plain QSqlQueryModel (QSQLITE) over the display query, in the same kind of view."""
    start = time.perf_counter()
    from PySide6.QtSql import QSqlDatabase, QSqlQuery, QSqlQueryModel
    from PySide6.QtWidgets import QAbstractItemView, QApplication, QTableView

    out: dict[str, Any] = {"import_s": time.perf_counter() - start}
    qapp = QApplication.instance() or QApplication([])

    t0 = time.perf_counter()
    qdb = QSqlDatabase.addDatabase("QSQLITE", "bench")
    qdb.setDatabaseName(str(db))
    if not qdb.open():
        raise RuntimeError(qdb.lastError().text())
    out["open_s"] = time.perf_counter() - t0
    model = QSqlQueryModel()

    def set_query(order: str) -> None:
        model.setQuery(BASELINE_SQL.format(order=order), qdb)
        if model.lastError().isValid():
            raise RuntimeError(model.lastError().text())

    set_query(BASELINE_ORDER)
    view = QTableView()
    view.setModel(model)
    _configure_view(view)
    painted = _Painted(view.viewport())
    view.show()
    painted.wait(qapp, 0)
    out["first_paint_s"] = time.perf_counter() - t0
    out["first_name"] = model.index(0, 0).data()
    out["rss_first_paint_mib"] = _rss_mib()

    def jump() -> None:
        t = time.perf_counter()
        while model.canFetchMore():
            model.fetchMore()
        out["fetch_all_s"] = time.perf_counter() - t
        view.scrollTo(model.index(jump_row, 0), QAbstractItemView.ScrollHint.PositionAtTop)

    out["jump_s"] = _timed(qapp, painted, view, jump)
    out["rows"] = model.rowCount()
    out["jump_top_row"] = view.rowAt(0)
    out["rss_after_jump_mib"] = _rss_mib()
    # QSqlQueryModel cannot sort itself: re-query in name order (the view is back at row 0).
    out["sort_s"] = _timed(qapp, painted, view, lambda: set_query(BASELINE_ORDER_BY_NAME))
    out["sort_top_row"] = view.rowAt(0)
    out["sorted_first_name"] = model.index(0, 0).data()
    out["peak_rss_mib"] = _peak_rss_mib()
    version = QSqlQuery("select sqlite_version()", qdb)
    out["qt_sqlite_version"] = version.value(0) if version.next() else None
    return out


def child_sql(db: Path, jump_row: int) -> dict[str, Any]:
    """Times the single queries behind the model (no Qt) so slow spots have names."""
    from yikatong_desktop import bootstrap
    from yikatong_desktop.services import queries
    from yikatong_desktop.services.queries import RosterFilter

    ykt = bootstrap.open_app(str(db))
    f = RosterFilter()
    out: dict[str, Any] = {}

    def clock(name: str, fn: Callable[[Any], Any]) -> None:
        with ykt.reader() as uow:
            t = time.perf_counter()
            fn(uow)
            out[name] = time.perf_counter() - t

    clock("count_s", lambda uow: queries.count_roster(uow, ykt.actor, f))
    for sort in ("default", "name"):
        for offset in (0, jump_row):
            clock(f"page_{sort}_{offset}_s", lambda uow, s=sort, o=offset: queries.roster_page(
                uow, ykt.actor, f, sort=s, offset=o, limit=200))
    clock("filter_choices_s", lambda uow: queries.filter_choices(uow, ykt.actor))
    ykt.close()
    return out


CHILDREN: dict[str, Callable[[Path, int], dict[str, Any]]] = {
    "roster": child_roster, "baseline": child_baseline, "page": child_page, "sql": child_sql,
}


def run_child(kind: str, db: Path, jump_row: int) -> None:
    """Entry point of a measurement subprocess: print one JSON result line."""
    result = CHILDREN[kind](db, jump_row)
    print(RESULT_MARK + json.dumps(result, ensure_ascii=False, default=str), flush=True)


# ---------------------------------------------------------------------------
# The demo database
# ---------------------------------------------------------------------------

def _count_payments(db: Path) -> tuple[int, int, int]:
    """(payments, live payments, persons) straight from the file, read-only."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        total, live = conn.execute("SELECT count(*), sum(voided = 0) FROM payments").fetchone()
        persons = conn.execute("SELECT count(*) FROM persons").fetchone()[0]
    finally:
        conn.close()
    return int(total), int(live or 0), int(persons)


def _remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", ".keys", ".manifest.json", ".bench.json"):
        Path(str(db) + suffix).unlink(missing_ok=True)


def _ykt() -> str:
    beside = Path(sys.executable).with_name("ykt")
    return str(beside) if beside.exists() else (shutil.which("ykt") or "ykt")


def ensure_database(target: int, seed: int) -> dict[str, Any]:
    """Reuse bench/out/roster-<target>.sqlite3 if it has ≥ target payments, else build it."""
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"roster-{target}.sqlite3"
    stamp = Path(str(db) + ".bench.json")
    if db.exists() and stamp.exists():
        info = json.loads(stamp.read_text(encoding="utf-8"))
        if info.get("seed") == seed and info.get("payments", 0) >= target:
            return {**info, "path": db, "reused": True}
    if db.exists() and not Path(str(db) + "-wal").exists():
        total, live, persons = _count_payments(db)
        if total >= target:  # built by hand with `ykt demo`; trust and stamp it
            info = {"seed": seed, "persons": persons, "payments": total, "live": live, "build_s": None}
            stamp.write_text(json.dumps(info), encoding="utf-8")
            return {**info, "path": db, "reused": True}

    persons = math.ceil(target / PAYMENTS_PER_PERSON / 1000) * 1000
    for _attempt in range(4):
        _remove_db(db)
        print(f"building {db.name}: ykt demo --persons {persons} --seed {seed} ...", flush=True)
        env = {**os.environ, "YKT_HOME": str(OUT / "ykt-home")}
        start = time.monotonic()
        subprocess.run([_ykt(), "--db", str(db), "demo", "--persons", str(persons), "--seed", str(seed)],
                       check=True, env=env)
        build_s = time.monotonic() - start
        total, live, got_persons = _count_payments(db)
        print(f"  {total:,} payments ({live:,} live), {got_persons:,} persons in {build_s:.0f} s", flush=True)
        if total >= target:
            info = {"seed": seed, "persons_arg": persons, "persons": got_persons, "payments": total, "live": live,
                    "build_s": build_s}
            stamp.write_text(json.dumps(info), encoding="utf-8")
            return {**info, "path": db, "reused": False}
        persons = math.ceil(persons * target / max(total, 1) * 1.01 / 1000) * 1000
    raise RuntimeError(f"could not build a database with {target:,} payments")


def _warm_cache(db: Path) -> None:
    """Read the file once so every subprocess starts with the same (warm) OS page cache."""
    with db.open("rb") as fh:
        while fh.read(16 * MiB):
            pass


# ---------------------------------------------------------------------------
# Orchestration and reporting
# ---------------------------------------------------------------------------

def measure(kind: str, db: Path, jump_row: int) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter and return its result."""
    env = {**os.environ, "YKT_HOME": str(OUT / "ykt-home")}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, "--db", str(db),
           "--jump-row", str(jump_row)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    for line in proc.stdout.splitlines():
        if line.startswith(RESULT_MARK):
            return dict(json.loads(line[len(RESULT_MARK):]))
    raise RuntimeError(f"{kind} measurement failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [float(r[key]) for r in runs if isinstance(r.get(key), int | float)]
    return statistics.median(values) if values else None


def _spread(runs: list[dict[str, Any]], key: str) -> str:
    values = [float(r[key]) for r in runs if isinstance(r.get(key), int | float)]
    return f"{min(values):.3f}–{max(values):.3f}" if len(values) > 1 else ""


def machine() -> dict[str, str]:
    """CPU, cores, RAM, OS and library versions of this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
        ram = f"{mem_kb / MiB:.1f} GiB"
    except (OSError, StopIteration):
        ram = "?"
    os_name = platform.platform()
    try:
        release = dict(line.split("=", 1) for line in Path("/etc/os-release").read_text().splitlines() if "=" in line)
        os_name = f"{release.get('PRETTY_NAME', '').strip(chr(34))} (kernel {platform.release()})"
    except OSError:
        pass
    import PySide6
    from PySide6.QtCore import qVersion

    return {"CPU": cpu, "Cores": str(os.cpu_count()), "RAM": ram, "OS": os_name,
            "Python": platform.python_version(), "PySide6 / Qt": f"{PySide6.__version__} / {qVersion()}",
            "SQLite (Python sqlite3)": sqlite3.sqlite_version}


def _fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "—"
    return f"{value:.0f} MiB" if unit == "MiB" else f"{value:.3f} s"


#: (result key, label, unit) rows of the main table.
ROWS = (
    ("import_s", "imports (Qt + app modules; not in first paint)", "s"),
    ("open_s", "open database (in first paint)", "s"),
    ("first_paint_s", "**time to first paint**", "s"),
    ("counted_s", "all rows counted (off the first paint, on the thread pool)", "s"),
    ("jump_s", "jump to row {jump:,} and repaint", "s"),
    ("fetch_all_s", "  of which fetchMore until canFetchMore() is false", "s"),
    ("sort_s", "sort by 姓名 and repaint (where the view is)", "s"),
    ("sorted_top_s", "  then scroll back to the top and repaint", "s"),
    ("rss_first_paint_mib", "RSS at first paint", "MiB"),
    ("peak_rss_mib", "**peak RSS** (after all steps)", "MiB"),
)


def summarise(results: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, float | None]]:
    """Median of every numeric figure, per approach."""
    return {kind: {key: _median(runs, key) for key, _label, _unit in ROWS}
            for kind, runs in results.items() if kind != "sql"}


def goals(med: dict[str, dict[str, float | None]]) -> list[tuple[str, str, str]]:
    """(goal, measured, PASS/FAIL) for each of the issue's goals."""
    ours, base = med["roster"], med["baseline"]
    fp, bfp, rss = ours["first_paint_s"], base["first_paint_s"], ours["peak_rss_mib"]

    def verdict(ok: bool | None) -> str:
        return "—" if ok is None else ("PASS" if ok else "FAIL")

    return [
        (f"first paint ≤ {GOAL_FIRST_PAINT_S} s", _fmt(fp), verdict(None if fp is None else fp <= GOAL_FIRST_PAINT_S)),
        ("first paint no slower than QSqlQueryModel", f"{_fmt(fp)} vs {_fmt(bfp)}",
         verdict(None if fp is None or bfp is None else fp <= bfp)),
        (f"peak RSS ≤ {GOAL_RSS_MB} MB", _fmt(rss, "MiB"),
         verdict(None if rss is None else rss * MiB <= GOAL_RSS_MB * 1_000_000)),
    ]


def table(results: dict[str, list[dict[str, Any]]], jump_row: int) -> str:
    """The figures as a Markdown table (median of the runs, range in small print)."""
    med = summarise(results)
    kinds = [k for k in APPROACHES if k in med]
    lines = ["| figure (median of runs) | " + " | ".join(APPROACHES[k] for k in kinds) + " |",
             "|---|" + "---:|" * len(kinds)]
    for key, label, unit in ROWS:
        cells = []
        for kind in kinds:
            value = med[kind][key]
            spread = _spread(results[kind], key) if unit == "s" else ""
            cells.append(_fmt(value, unit) + (f" <sub>({spread})</sub>" if spread else ""))
        if any(c != "—" for c in cells):
            lines.append(f"| {label.format(jump=jump_row)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _sql_lines(results: dict[str, list[dict[str, Any]]], jump_row: int) -> list[str]:
    """Roster SQL broken down by step (from the roster runs) and single-query timings."""
    first = results["roster"][0]
    lines = ["| step | COUNT queries | time in COUNT | page queries | time in pages |", "|---|---:|---:|---:|---:|"]
    for key, label in (("first_paint_sql", "first paint"), ("jump_sql", f"jump to row {jump_row:,}"),
                       ("sort_sql", "sort by 姓名 (at that row)"), ("sorted_top_sql", "sorted, back to top")):
        runs = [r[key] for r in results["roster"] if key in r]
        if not runs:
            continue
        med = {k: statistics.median(float(r[k]) for r in runs) for k in runs[0]}
        lines.append(f"| {label} | {med['count_calls']:.0f} | {med['count_s']:.3f} s | "
                     f"{med['page_calls']:.0f} | {med['page_s']:.3f} s |")
    if results.get("sql"):
        lines += ["", "Single queries through services.queries (median, seconds):", "",
                  "| query | seconds |", "|---|---:|"]
        names = {"count_s": "count_roster (no filter)", "filter_choices_s": "filter_choices (RosterPage opens)",
                 "page_default_0_s": "roster_page default order, offset 0",
                 f"page_default_{jump_row}_s": f"roster_page default order, offset {jump_row:,}",
                 "page_name_0_s": "roster_page sort=name, offset 0",
                 f"page_name_{jump_row}_s": f"roster_page sort=name, offset {jump_row:,}"}
        for key, label in names.items():
            value = _median(results["sql"], key)
            if value is not None:
                lines.append(f"| {label} | {value:.3f} |")
    lines += ["", f"Checks: first row 姓名 = {first.get('first_name')!r}; top row after the jump = "
              f"{first.get('jump_top_row'):,}; top row after sorting = {first.get('sort_top_row'):,}; "
              f"first 姓名 after sorting = {first.get('sorted_first_name')!r}; "
              f"pages cached at the end = {first.get('cached_pages')}."]
    return lines


def report(results: dict[str, list[dict[str, Any]]], db: dict[str, Any], jump_row: int, repeats: int) -> str:
    """The whole of bench/results.md."""
    med = summarise(results)
    mach = machine()
    qt_sqlite = results["baseline"][0].get("qt_sqlite_version")
    if qt_sqlite:
        mach["SQLite (Qt QSQLITE driver)"] = str(qt_sqlite)
    path: Path = db["path"]
    size = path.stat().st_size / MiB
    lines = [
        "# 花名册 model benchmark results",
        "",
        "Written by `bench/roster_model.py` (`make bench`); see bench/README.md for what is measured.",
        "",
        f"Date: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}",
        "",
        "## Machine",
        "",
        *[f"- {k}: {v}" for k, v in mach.items()],
        "",
        "## Database",
        "",
        f"- `ykt demo --persons {db.get('persons_arg') or '?'} --seed {db['seed']}` → `bench/out/{path.name}`, "
        f"{size:,.0f} MiB" + (f", built in {db['build_s']:.0f} s" if db.get("build_s") else ""),
        f"- {db['payments']:,} payments ({db['live']:,} live, all shown by the 花名册), {db['persons']:,} persons",
        "- OS page cache warmed (file read once) before the runs; every measurement in a fresh process, "
        f"{repeats} runs each, interleaved; medians shown with (min–max).",
        "",
        "## Goals",
        "",
        "| goal | measured | verdict |",
        "|---|---|---|",
        *[f"| {g} | {m} | **{v}** |" for g, m, v in goals(med)],
        "",
        "## Figures",
        "",
        table(results, jump_row),
        "",
        "“RosterPage” is the real 花名册 page (search bar, filter boxes, detail pane) for information; the "
        "goals apply to the model. The QSqlQueryModel re-query for 姓名 leaves the view at row 0 (it has "
        "forgotten the fetched rows), so its sort figure is a repaint at the top.",
        "",
        "## Where the roster's time goes",
        "",
        *_sql_lines(results, jump_row),
        "",
    ]
    return "\n".join(lines)


def _kept_notes() -> str:
    """The hand-written part of results.md (from NOTES_MARK on), so a re-run keeps the analysis."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    return old[old.index(NOTES_MARK):] if NOTES_MARK in old else NOTES_MARK + "\n"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    env_target = os.environ.get("YKT_BENCH_PAYMENTS")
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--payments-target", type=int, default=int(env_target) if env_target else None,
                   help=f"minimum payments in the demo database (default {DEFAULT_TARGET:,}; env YKT_BENCH_PAYMENTS)")
    p.add_argument("--quick", action="store_true", help=f"smoke run: {QUICK_TARGET:,} payments, 1 run, no results.md")
    p.add_argument("--repeats", type=int, default=None, help="runs per approach (default 3; 1 with --quick)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--jump-row", type=int, default=None, help=f"row to jump to (default {JUMP_ROW:,}, or 90%% of rows)")
    p.add_argument("--no-write", action="store_true", help="print the figures without updating bench/results.md")
    p.add_argument("--write", action="store_true", help="update bench/results.md even with --quick")
    p.add_argument("--skip-page", action="store_true", help="do not measure the whole RosterPage")
    p.add_argument("--child", choices=sorted(CHILDREN), help=argparse.SUPPRESS)
    p.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        run_child(args.child, args.db, args.jump_row)
        return 0
    target = args.payments_target or (QUICK_TARGET if args.quick else DEFAULT_TARGET)
    repeats = args.repeats or (1 if args.quick else 3)
    db = ensure_database(target, args.seed)
    jump_row = args.jump_row if args.jump_row is not None else min(JUMP_ROW, int(db["live"] * 0.9))
    print(f"database: {db['path']} ({db['payments']:,} payments, {'reused' if db['reused'] else 'built'})")
    _warm_cache(db["path"])

    kinds = ["roster", "baseline"] + ([] if args.skip_page else ["page"]) + ["sql"]
    results: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
    for run in range(1, repeats + 1):
        for kind in kinds:
            print(f"run {run}/{repeats}: {kind} ...", flush=True)
            results[kind].append(measure(kind, db["path"], jump_row))

    med = summarise(results)
    print()
    print(table(results, jump_row))
    print()
    for goal, measured, verdict in goals(med):
        print(f"{verdict:4}  {goal}: {measured}")
    print()
    print("\n".join(_sql_lines(results, jump_row)))
    if not args.no_write and (args.write or not args.quick):
        RESULTS.write_text(report(results, db, jump_row, repeats) + _kept_notes(), encoding="utf-8")
        print(f"\nwrote {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
