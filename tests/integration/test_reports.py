"""月报 and 总结 (SPEC §7) over real databases: the figures a report prints are the ledger's own, month by month.

A ledger is built through the services across June and July 2019 (the clock moved between steps): problems
registered from findings and by hand, rectified, returned, closed by a second person, reopened (回头看),
transferred, money recovered with dated receipts, complaints, status lists with 注销 dates and two runs of the
checks. The report's facts are then compared with numbers computed here from the ledger's listings, the audit
log and the lists, on SQLite and PostgreSQL alike. Making, signing, narrative and 报送 are tested on fresh
installations.
"""

from __future__ import annotations

import calendar
import io
import json
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from dbs import BACKENDS, Databases, sql
from ledger_support import CLERK, REVIEWER, VIEWER, events_about, png_bytes, read, refused, run, snapshot, write
from pypdf import PdfReader
from ykt_integration import PASSPHRASE, init_installation

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.checklist import ITEMS, primary_item
from yikatong_desktop.domain.clock import LOCAL_TZ, parse_clock
from yikatong_desktop.domain.errors import InputRejected, PermissionDenied
from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.domain.lists import ListKind
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.permissions import Role
from yikatong_desktop.domain.problems import Move, State
from yikatong_desktop.domain.reports import ReportDoc, ReportKind, ReportState, Table
from yikatong_desktop.domain.rules import CATALOGUE_VERSION, RULES_BY_CODE
from yikatong_desktop.services import complaints, exchange, findings, ledger, peers, reports, signing
from yikatong_desktop.services.audit import org_code
from yikatong_desktop.services.auth import Actor
from yikatong_desktop.services.checks.run import run_checks
from yikatong_desktop.services.imports import import_roster
from yikatong_desktop.services.list_imports import import_list
from yikatong_desktop.services.queries import campaign
from yikatong_desktop.services.stats import stats

Installation = Callable[..., bootstrap.App]

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
GAOLING = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"
JIANGFU = SAMPLES / "卫健委_计生奖扶_2018.xlsx"
ADMIN = Actor("王主任", Role.ADMIN, single_user=False)
MONTHLY, SUMMARY = ReportKind.MONTHLY, ReportKind.SUMMARY
MONTH_END = "2019-07-31T20:00:00"  # when the July figures are read: the month is over
#: 专项整治以来: the first day of the campaign's first month (its first phase, 自查, starts on June 10, 2019).
CAMPAIGN_FROM = date(2019, 6, 1)
STABLE = "findings_live"  # the one fact that is "now", not "at the month's end"


def _id(body: str) -> str:
    return body + compute_check_char(body)


ID_A, ID_B, ID_C, ID_D, ID_E, ID_F = (_id(f"6523231950010{n}123") for n in range(1, 7))
STATUS_HEADER = ["身份证号", "姓名", "事由", "日期", "注销户籍日期"]
# 注销 on June 5 (before the campaign's first phase starts on June 10, inside its first month) and June 20; one
# with no 注销 date; one on May 25, before the campaign's first month: in no month's figure and no cumulative.
JUNE_STATUSES = [[ID_A, "王建国", "死亡", "2019-05-28", "2019-06-05"],
                 [ID_B, "李秀英", "死亡", "2019-06-10", "2019-06-20"],
                 [ID_E, "赵四", "户口迁出", "2019-06-01", None],
                 [ID_F, "孙七", "死亡", "2019-05-20", "2019-05-25"]]
JULY_STATUSES = [[ID_C, "张伟", "户口迁出", "2019-06-25", "2019-07-08"],
                 [ID_D, "刘芳", "死亡", "2019-07-01", None]]

PROBLEM = {"program": "高龄老人基本生活津贴", "org": "呼图壁县", "responsible_unit": "五工台镇民政办",
           "responsible_person": "马建国"}
COMPLAINT = {"content": "反映村会计代管村民一卡通", "program": "高龄老人基本生活津贴", "org": "呼图壁县",
             "handling": "已入户核实", "result": "情况属实，卡已归还本人"}


# -- building the ledger ---------------------------------------------------------------------------------------

def _at(app: bootstrap.App, when: str) -> None:
    """Set the app's clock (Beijing time) for the next steps."""
    app.clock = parse_clock(when)


def _book(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["人员变动名单"])
    for row in [STATUS_HEADER, *rows]:
        ws.append(row)
    book.save(path)
    return path


def _import_statuses(app: bootstrap.App, path: Path) -> None:
    with app.uow() as uow:
        report = import_list(uow, app.actor, ListKind.STATUS, path)
        assert report.rejected == 0, report.issues
        uow.commit()


def _roster_and_checks(app: bootstrap.App, path: Path, program: str, period: str) -> None:
    with app.uow() as uow:
        import_roster(uow, app.actor, path, program=program, period=period)
        run_checks(uow, app.actor)
        uow.commit()


def _finding_uids(app: bootstrap.App) -> set[str]:
    return {f.uid for f in read(app, findings.list_findings, VIEWER)}


def _same_rule(app: bootstrap.App, among: set[str], n: int) -> list[str]:
    """`n` open findings of one rule (the one with most), about different persons, from `among`."""
    by_rule: dict[str, list[findings.Finding]] = {}
    for f in read(app, findings.list_findings, VIEWER):
        if f.uid in among and f.status == "open" and f.problem_uid is None:
            by_rule.setdefault(f.rule, []).append(f)
    rule = max(sorted(by_rule), key=lambda r: len(by_rule[r]))
    assert len(by_rule[rule]) >= n
    # In an order of their own content, not of their (random) uids: the same on every backend.
    chosen = sorted(by_rule[rule], key=lambda f: (f.id_number or "", f.name or "", f.period or "", f.explanation))
    return [f.uid for f in chosen[:n]]


def _move(app: bootstrap.App, number: str, step: Move, actor: Actor = CLERK, reason: str = "") -> None:
    run(app, ledger.move, actor, number, step, reason)


def _applied(app: bootstrap.App, folder: Path, fields: dict[str, object]) -> str:
    """A problem registered by hand, rectified with a photo and applied for closing; its number."""
    p = run(app, ledger.register, CLERK, {**PROBLEM, "measures": "已停发并追回，约谈经办人", **fields})
    _move(app, p.number, Move.START)
    run(app, ledger.add_evidence, CLERK, p.number, write(folder / f"{p.number}.png", png_bytes()))
    _move(app, p.number, Move.APPLY)
    return p.number


@dataclass(frozen=True)
class Built:
    """A ledger built across June and July, and what the building saw along the way."""

    where: str  # --db
    numbers: dict[str, str]  # P1… → WT2019-000n
    june_findings: frozenset[str]  # found by the June run
    july_findings: frozenset[str]  # first found by the July run
    june_at_june_end: dict[str, Any]  # June's facts read on June 30, before anything of July happened


def _build(app: bootstrap.App, folder: Path) -> Built:
    no: dict[str, str] = {}
    _at(app, "2019-06-03T10:00:00")
    _roster_and_checks(app, GAOLING, "高龄老人基本生活津贴", "2018-03")
    june_found = _finding_uids(app)

    _at(app, "2019-06-05T10:00:00")  # P1 from two findings: due June 20, never done
    # (described by the clerk: the description made from findings lists them in the order of their random uids)
    no["P1"] = run(app, ledger.register, CLERK, {"deadline": "2019-06-20", "description": "两个村发放前未公示"},
                   findings=_same_rule(app, june_found, 2)).number
    # P2 by hand: applied, returned (June), applied again; closed in July, reopened, closed again
    no["P2"] = _applied(app, folder, {"category": "1.2", "description": "死亡后仍领取高龄津贴", "amount": "1,234.50",
                                      "deadline": "2019-09-30"})
    _at(app, "2019-06-08T10:00:00")  # P3: closed in June with money and persons handled
    no["P3"] = _applied(app, folder, {"category": "3.2", "description": "重复领取", "amount": "500",
                                      "outcome": "批评教育", "handled_persons": "2", "came_forward": "是"})
    _at(app, "2019-06-12T10:00:00")
    _move(app, no["P2"], Move.RETURN, REVIEWER, "佐证材料不清晰，请补拍")
    _at(app, "2019-06-13T10:00:00")
    _move(app, no["P2"], Move.APPLY)
    _at(app, "2019-06-15T10:00:00")
    run(app, ledger.recover, CLERK, no["P2"], "600", "2019-06-15", "收据0001")
    no["P4"] = run(app, ledger.register, CLERK, {**PROBLEM, "category": "3.1", "description": "村干部亲属违规享受",
                                                 "amount": "300"}).number
    run(app, ledger.transfer, CLERK, no["P4"], "纪检监察机关", "2019-06-15", "呼财监移〔2019〕1号")
    _at(app, "2019-06-18T10:00:00")
    run(app, ledger.recover, CLERK, no["P3"], "300", "2019-06-18", "收据0002")
    run(app, ledger.recover, CLERK, no["P3"], "200", "2019-05-20", "收据0003", "整治开始前已退回")
    _at(app, "2019-06-20T10:00:00")
    _move(app, no["P3"], Move.CLOSE, REVIEWER)
    c1 = run(app, complaints.register, CLERK, {**COMPLAINT, "channel": "电话", "received_on": "2019-06-18"})
    run(app, complaints.move, CLERK, c1.number, Move.START)
    _at(app, "2019-06-26T10:00:00")
    run(app, complaints.move, CLERK, c1.number, Move.APPLY)
    run(app, complaints.register, CLERK, {**COMPLAINT, "channel": "公示异议", "received_on": "2019-06-25"})
    _at(app, "2019-06-28T10:00:00")  # P5: applied in June, due June 30 (not late in June), returned on July 1
    no["P5"] = _applied(app, folder, {"category": "1.1", "description": "滞后发放", "amount": "200",
                                      "deadline": "2019-06-30"})
    _at(app, "2019-06-30T17:00:00")
    _import_statuses(app, _book(folder / "六月变动.xlsx", JUNE_STATUSES))
    _at(app, "2019-06-30T18:00:00")
    june = _facts(app, "2019-06")

    # July. 07:30 on July 1 in Xinjiang is still June 30 in UTC: the 退回 belongs to July all the same.
    _at(app, "2019-07-01T07:30:00")
    _move(app, no["P5"], Move.RETURN, REVIEWER, "请补充追回凭证")
    _at(app, "2019-07-02T10:00:00")
    _roster_and_checks(app, JIANGFU, "农村部分计划生育家庭奖励扶助", "2018")
    july_found = _finding_uids(app) - june_found
    run(app, complaints.move, REVIEWER, c1.number, Move.CLOSE)
    _at(app, "2019-07-03T10:00:00")
    run(app, ledger.update, CLERK, no["P2"], {"outcome": "诫勉", "handled_persons": "1", "repaid": "是"})
    _move(app, no["P2"], Move.CLOSE, REVIEWER)
    _at(app, "2019-07-05T10:00:00")
    run(app, ledger.recover, CLERK, no["P2"], "634.50", "2019-07-05", "收据0004")
    _at(app, "2019-07-08T10:00:00")
    no["P6"] = run(app, ledger.register, CLERK, {}, findings=_same_rule(app, july_found, 1)).number
    _at(app, "2019-07-09T10:00:00")
    run(app, ledger.transfer, CLERK, no["P6"], "司法机关", "2019-07-09", "呼财监移〔2019〕2号")
    _at(app, "2019-07-10T10:00:00")
    _move(app, no["P2"], Move.REOPEN, CLERK, "回头看发现仍有一笔未追回")
    _move(app, no["P2"], Move.APPLY)
    _at(app, "2019-07-12T10:00:00")
    _move(app, no["P2"], Move.CLOSE, REVIEWER)
    _at(app, "2019-07-15T10:00:00")
    run(app, complaints.register, CLERK, {**COMPLAINT, "channel": "网络", "received_on": "2019-07-14"})
    _at(app, "2019-07-20T10:00:00")
    _import_statuses(app, _book(folder / "七月变动.xlsx", JULY_STATUSES))
    _at(app, "2019-07-25T10:00:00")  # P7: due on the month's last day, which is not late at that day's end
    no["P7"] = run(app, ledger.register, CLERK, {**PROBLEM, "category": "2.1", "description": "一人多卡",
                                                 "amount": "50", "deadline": "2019-07-31"}).number
    where = app.location.path if app.location.path is not None else app.location.url
    return Built(str(where), no, frozenset(june_found), frozenset(july_found), june)


@pytest.fixture(scope="module")
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Built]]:
    """The ledger of `_build` on a backend, built once per module and backend. Read only: copy it to change it."""
    made: dict[str, Built] = {}
    servers: list[Databases] = []

    def get(backend: str) -> Built:
        if backend not in made:
            folder = tmp_path_factory.mktemp(f"reports_{backend}")
            server = request.getfixturevalue("pg_server") if backend == "postgresql" else None
            dbs = Databases(backend, folder, server)
            servers.append(dbs)
            app = init_installation(dbs.target("ledger.sqlite3"))
            try:
                made[backend] = _build(app, folder)
            finally:
                app.close()
        return made[backend]

    yield get
    for dbs in servers:
        dbs.drop_all()


@pytest.fixture(params=BACKENDS)
def ledger_db(request: pytest.FixtureRequest, built: Callable[[str], Built]) -> Built:
    return built(str(request.param))


def _open(where: str, when: str = MONTH_END) -> bootstrap.App:
    return bootstrap.open_app(where, parse_clock(when))


def _doc(app: bootstrap.App, kind: ReportKind, period: str) -> ReportDoc:
    with app.reader() as uow:
        return reports.document(uow, VIEWER, kind, reports.scope(uow), period)


def _facts(app: bootstrap.App, period: str) -> dict[str, Any]:
    return dict(_doc(app, MONTHLY, period).facts)


@pytest.fixture
def july(ledger_db: Built) -> Iterator[bootstrap.App]:
    app = _open(ledger_db.where)
    yield app
    app.close()


# -- what the ledger itself says -----------------------------------------------------------------------------

def _bounds(period: str) -> tuple[date, date]:
    year, month = (int(x) for x in period.split("-"))
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _local_day(event: Any) -> date:
    return event.at.astimezone(LOCAL_TZ).date()


def _today(app: bootstrap.App) -> date:
    """The day by the app's clock, in Beijing time."""
    return app.clock.now().astimezone(LOCAL_TZ).date()


def _closed_on(app: bootstrap.App, p: ledger.Problem, end: date) -> date | None:
    """The (local) day of the 销号 that stood at the end of `end`, None when the problem was open then: read
    from the problem's own 销号/回头看 events; a problem this office never closed nor reopened goes by its record."""
    trail = [e for e in events_about(app, p.uid) if e.action in ("problem.close", "problem.reopen")]
    if not trail:
        return p.closed_on if p.state is State.CLOSED and p.closed_on and p.closed_on <= end else None
    standing = [e for e in trail if _local_day(e) <= end]
    return _local_day(standing[-1]) if standing and standing[-1].action == "problem.close" else None


def _expected(app: bootstrap.App, period: str, new_findings: frozenset[str] | set[str] = frozenset()
              ) -> dict[str, Any]:
    """The month's figures from the ledger's listings, the audit log, the complaint list and the status list.

    Read as the app's clock stands: a deadline is late when it is before the month's end or, for a month not
    over yet, before today.
    """
    start, end = _bounds(period)
    as_of = min(end, _today(app))
    since = min(CAMPAIGN_FROM, start)

    def within(day: date | None) -> bool:
        return day is not None and start <= day <= end

    with app.reader() as uow:
        listed = [p for p in ledger.list_problems(uow, VIEWER) if p.registered_on <= end]
        lines = {p.uid: ledger.detail(uow, VIEWER, p.uid).recoveries for p in listed}
        heard = complaints.list_complaints(uow, VIEWER)
        live = [f for f in findings.list_findings(uow, VIEWER) if f.status in ("open", "confirmed")]
    closed_on = {p.uid: _closed_on(app, p, end) for p in listed}
    reg = [p for p in listed if within(p.registered_on)]
    closed = [p for p in listed if within(closed_on[p.uid])]
    still_open = [p for p in listed if closed_on[p.uid] is None]
    moves = [e.action for p in listed for e in events_about(app, p.uid) if within(_local_day(e))]
    removed = {i for (i, day) in sql(app, "SELECT person_id, deregistered_date FROM person_statuses WHERE NOT voided "
                                          "AND deregistered_date IS NOT NULL") if within(date.fromisoformat(str(day)))}
    return {
        "registered": len(reg), "registered_fen": sum(p.amount_fen for p in reg),
        "closed": len(closed), "closed_fen": sum(p.amount_fen for p in closed),
        "transferred": sum(within(p.transfer_on) for p in listed), "open": len(still_open),
        "overdue": sum(p.deadline is not None and p.deadline < as_of for p in still_open),
        "returned": moves.count("problem.return"), "reopened": moves.count("problem.reopen"),
        "recovered_fen": sum(r.amount_fen for rs in lines.values() for r in rs if within(r.recovered_on)),
        "recovered_total_fen": sum(r.amount_fen for rs in lines.values() for r in rs
                                   if since <= r.recovered_on <= end),
        "handled_persons": sum(p.handled_persons for p in closed), "deregistered": len(removed),
        "complaints_received": sum(within(c.received_on) for c in heard),
        "complaints_closed": sum(c.state is State.CLOSED and within(c.closed_on) for c in heard),
        "complaints_open": sum(c.received_on <= end and not (c.closed_on and c.closed_on <= end) for c in heard),
        "findings_new": len(new_findings), "findings_live": len(live),
    }


def _item(f: findings.Finding) -> str:
    """The 整治内容 item a finding's rule serves first."""
    return primary_item(RULES_BY_CODE[f.rule].item)


def _table(doc: ReportDoc, caption: str | None, section: str | None = None) -> Table:
    return next(t for s in doc.sections if section is None or s.title == section for t in s.tables
                if t.caption == caption)


def _total(table: Table) -> list[Any]:
    (index,) = table.totals
    assert index == len(table.rows) - 1
    return list(table.rows[index])


# -- the monthly figures ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("period", ["2019-06", "2019-07"])
def test_the_monthly_facts_are_the_ledgers_own_numbers(july: bootstrap.App, ledger_db: Built, period: str) -> None:
    new = ledger_db.june_findings if period == "2019-06" else ledger_db.july_findings
    assert _facts(july, period) == _expected(july, period, new)


def test_the_july_report_counts_what_happened_in_july(july: bootstrap.App, ledger_db: Built) -> None:
    no = ledger_db.numbers
    facts = _facts(july, "2019-07")
    with july.reader() as uow:
        amount = {p.number: p.amount_fen for p in ledger.list_problems(uow, VIEWER)}
    assert facts == facts | {
        "registered": 2, "registered_fen": amount[no["P6"]] + 5000,  # P6 (from a finding), P7
        "closed": 1, "closed_fen": 123450,  # P2: registered in June, closed (twice) in July
        "transferred": 1,  # P6 to the 司法机关
        "open": 5, "overdue": 2,  # P1, P4, P5, P6, P7; P1 and P5 past their deadline, P7 due on the 31st is not
        "returned": 1, "reopened": 1,  # P5 on July 1 at 07:30 local (June 30 in UTC), P2's 回头看
        # June's 600 + 300 and July's 634.50; the 200 P3 got back in May is before the campaign's first month
        "recovered_fen": 63450, "recovered_total_fen": 153450, "handled_persons": 1, "deregistered": 1,
        "complaints_received": 1, "complaints_closed": 1, "complaints_open": 2,
        "findings_new": len(ledger_db.july_findings),
    }
    assert facts["findings_new"] > 0


def test_june_counts_june_alone_and_nothing_of_july_changes_it(july: bootstrap.App, ledger_db: Built) -> None:
    june = _facts(july, "2019-06")
    assert june == june | {
        "registered": 5, "closed": 1, "closed_fen": 50000, "transferred": 1, "open": 4, "overdue": 1,
        "returned": 1, "reopened": 0, "recovered_fen": 90000, "recovered_total_fen": 90000, "handled_persons": 2,
        "deregistered": 2, "complaints_received": 2, "complaints_closed": 0, "complaints_open": 2,
        "findings_new": len(ledger_db.june_findings)}
    # Read on June 30 or after the whole of July: the same, but for the findings open now (not at the month's end).
    assert {k: v for k, v in june.items() if k != STABLE} == {
        k: v for k, v in ledger_db.june_at_june_end.items() if k != STABLE}


def test_a_problem_registered_in_june_and_closed_in_july_is_open_at_junes_end(july: bootstrap.App,
                                                                              ledger_db: Built) -> None:
    p2 = ledger_db.numbers["P2"]
    june, jul = _doc(july, MONTHLY, "2019-06"), _doc(july, MONTHLY, "2019-07")
    assert _table(june, "本月销号的问题", "解决的突出问题").rows[0][0] != p2
    assert [r[0] for r in _table(jul, "本月销号的问题").rows[:-1]] == [p2]
    assert _total(_table(jul, "本月销号的问题")) == ["合计", "", "1 个", 123450, 123450, ""]
    june_closed = _table(june, "本月销号的问题", "解决的突出问题")
    assert [r[0] for r in june_closed.rows[:-1]] == [ledger_db.numbers["P3"]]
    june_items = {r[0].split(" ")[0]: r[1:] for r in _table(june, "按整治内容分类").rows[:-1]}
    july_items = {r[0].split(" ")[0]: r[1:] for r in _table(jul, "按整治内容分类").rows[:-1]}
    # P2 (1.2): registered in June and still open (留号) at its end; closed in July, kept open no more.
    assert june_items["1.2"][0] >= 1 and june_items["1.2"][1] == 0 and june_items["1.2"][3] >= 1
    assert july_items["1.2"][1] == 1 and july_items["1.2"][3] == june_items["1.2"][3] - 1 + july_items["1.2"][0]


def test_a_return_on_the_first_morning_of_july_counts_in_july_only(july: bootstrap.App, ledger_db: Built) -> None:
    with july.reader() as uow:
        p5 = ledger.get_problem(uow, VIEWER, ledger_db.numbers["P5"])
    (ret,) = [e for e in events_about(july, p5.uid) if e.action == "problem.return"]
    assert ret.at.date() == date(2019, 6, 30) and _local_day(ret) == date(2019, 7, 1)  # UTC vs Beijing
    assert (_facts(july, "2019-06")["returned"], _facts(july, "2019-07")["returned"]) == (1, 1)
    assert ledger_db.june_at_june_end["returned"] == 1  # P2's 退回 of June 12


@pytest.mark.parametrize("period", ["2019-06", "2019-07"])
def test_the_category_table_is_the_ledger_by_item_and_its_totals_are_the_facts(july: bootstrap.App,
                                                                              period: str) -> None:
    start, end = _bounds(period)
    doc = _doc(july, MONTHLY, period)
    f = doc.facts
    as_of = min(end, _today(july))
    with july.reader() as uow:
        listed = [p for p in ledger.list_problems(uow, VIEWER) if p.registered_on <= end]
    closed_on = {p.uid: _closed_on(july, p, end) for p in listed}
    kept = [p for p in listed if closed_on[p.uid] is None]
    expected: dict[str, list[int]] = {}
    for p in listed:
        row = expected.setdefault(p.category, [0] * 6)
        day = closed_on[p.uid]
        row[0] += start <= p.registered_on
        row[1] += day is not None and start <= day <= end
        row[2] += p.transfer_on is not None and start <= p.transfer_on <= end
        row[3] += p in kept
        row[4] += p in kept and p.deadline is not None and p.deadline < as_of
        row[5] += p.amount_fen if p in kept else 0
    table = _table(doc, "按整治内容分类")
    assert {r[0].split(" ")[0]: list(r[1:]) for r in table.rows[:-1]} == {
        k: v for k, v in expected.items() if any(v[:5])}
    codes = [r[0].split(" ")[0] for r in table.rows[:-1]]
    assert codes == [i.code for i in ITEMS if i.code in codes]  # in the order of the 15 items
    assert _total(table) == ["合计", f["registered"], f["closed"], f["transferred"], f["open"], f["overdue"],
                             sum(p.amount_fen for p in kept)]
    towns = _table(doc, None, "各乡镇（街道）情况")
    assert _total(towns) == ["合计", f["registered"], f["closed"], f["open"], f["recovered_fen"]]
    found = _table(doc, "自查规则发现的疑点")
    assert _total(found)[2:4] == [f["findings_new"], f["findings_live"]]


def test_money_is_counted_in_the_month_of_its_receipt_and_cumulatively(july: bootstrap.App, ledger_db: Built) -> None:
    june, jul = _doc(july, MONTHLY, "2019-06"), _doc(july, MONTHLY, "2019-07")
    # June: 600 (P2) + 300 (P3). July: 634.50 (P2). The 200 P3 got back on May 20, before the campaign's first
    # month, is in no month and in no 专项整治以来 total (the ledger still lists it: the summary counts it).
    assert (june.facts["recovered_fen"], june.facts["recovered_total_fen"]) == (90000, 90000)
    assert (jul.facts["recovered_fen"], jul.facts["recovered_total_fen"]) == (63450, 153450)
    with july.reader() as uow:
        assert campaign(uow).phases[0].start.replace(day=1) == CAMPAIGN_FROM
        p3 = ledger.detail(uow, VIEWER, ledger_db.numbers["P3"])
    assert sorted((r.recovered_on, r.amount_fen) for r in p3.recoveries) == [(date(2019, 5, 20), 20000),
                                                                             (date(2019, 6, 18), 30000)]
    assert jul.facts["recovered_total_fen"] == june.facts["recovered_total_fen"] + jul.facts["recovered_fen"]
    for doc in (june, jul):
        rows = {r[0]: r[1:] for r in _table(doc, "成效（本月 / 专项整治以来累计）").rows}
        assert rows["追回资金（元）"] == [format_yuan(doc.facts["recovered_fen"]),
                                     format_yuan(doc.facts["recovered_total_fen"])]
        assert format_yuan(doc.facts["recovered_fen"]) in doc.sections[2].paragraphs[0]


def test_every_cumulative_figure_is_junes_plus_julys(july: bootstrap.App) -> None:
    """A cumulative (专项整治以来) never loses what an earlier month counted."""
    june, jul = (_table(_doc(july, MONTHLY, m), "成效（本月 / 专项整治以来累计）") for m in ("2019-06", "2019-07"))

    def number(text: str) -> int:
        return int(text.replace(",", "").replace(".", ""))

    for a, b in zip(june.rows, jul.rows, strict=True):
        assert a[0] == b[0]
        assert number(b[2]) == number(a[2]) + number(b[1]), a[0]
    rows = {r[0]: r[1:] for r in jul.rows}
    assert rows["清退（注销）补贴对象（人）"] == ["1", "3"]  # 注销 on June 5 (before the first phase), June 20, July 8
    assert rows["销号问题（个）"] == ["1", "2"] and rows["处理人员（人）"] == ["1", "3"]
    assert rows["　其中诫勉（人）"] == ["1", "1"] and rows["　其中批评教育（人）"] == ["0", "2"]
    assert rows["主动说明问题（个）"] == ["0", "1"] and rows["退赔（个）"] == ["1", "1"]


@pytest.mark.parametrize("other", ["postgresql"])  # left out with the PostgreSQL leg (YKT_TEST_PG=off)
def test_the_report_reads_the_same_on_sqlite_and_postgresql(built: Callable[[str], Built], other: str) -> None:
    docs = {}
    for backend in ("sqlite", other):
        app = _open(built(backend).where)
        try:
            docs[backend] = [_doc(app, MONTHLY, m) for m in ("2019-06", "2019-07")] + [_doc(app, SUMMARY, "2019")]
        finally:
            app.close()
    for lite, server in zip(docs["sqlite"], docs[other], strict=True):
        assert lite.facts == server.facts
        for a, b in zip(lite.to_json()["sections"], server.to_json()["sections"], strict=True):
            assert a == b, a["title"]
        assert (lite.title, lite.period_label, lite.made_at) == (server.title, server.period_label, server.made_at)
    assert built("sqlite").june_at_june_end == built(other).june_at_june_end


def test_the_same_data_rebuilds_the_same_document(ledger_db: Built) -> None:
    first = _open(ledger_db.where)
    try:
        docs = [_doc(first, MONTHLY, "2019-07"), _doc(first, MONTHLY, "2019-07"), _doc(first, SUMMARY, "2019")]
    finally:
        first.close()
    again = _open(ledger_db.where)
    try:
        later = [_doc(again, MONTHLY, "2019-07"), _doc(again, SUMMARY, "2019")]
    finally:
        again.close()
    assert docs[0] == docs[1] == later[0]
    assert docs[2] == later[1]
    assert docs[0].data_head.startswith("#") and docs[0].catalogue_version == CATALOGUE_VERSION
    assert ReportDoc.from_json(json.loads(json.dumps(docs[0].to_json()))).to_json() == docs[0].to_json()


def test_a_month_with_nothing_in_it_counts_nothing_but_what_is_still_open(july: bootstrap.App,
                                                                          ledger_db: Built) -> None:
    august = _facts(july, "2019-08")  # read on July 31: nothing has happened in August yet
    july_facts = _facts(july, "2019-07")
    assert {k: v for k, v in august.items() if v} == {
        "open": july_facts["open"], "overdue": 2,  # P1 and P5; P7, due July 31, is not late on July 31
        "recovered_total_fen": july_facts["recovered_total_fen"], "complaints_open": 2,
        "findings_live": july_facts["findings_live"]}
    assert august == _expected(july, "2019-08")
    later = _open(ledger_db.where, "2019-08-05T10:00:00")  # August's report read in August: P7 is late now
    try:
        assert _facts(later, "2019-08")["overdue"] == 3 == _expected(later, "2019-08")["overdue"]
        assert _facts(later, "2019-07") == july_facts  # July is over: its figures are those of its end
    finally:
        later.close()


# -- the summary -----------------------------------------------------------------------------------------------

def test_the_summary_counts_the_whole_ledger(july: bootstrap.App, ledger_db: Built) -> None:
    doc = _doc(july, SUMMARY, "2019")
    today = _today(july)
    with july.reader() as uow:
        listed = ledger.list_problems(uow, VIEWER)
        lines = [r for p in listed for r in ledger.detail(uow, VIEWER, p.number).recoveries]
        live = [f for f in findings.list_findings(uow, VIEWER) if f.status in ("open", "confirmed")]
    closed = [p for p in listed if _closed_on(july, p, today) is not None]
    kept = [p for p in listed if _closed_on(july, p, today) is None]
    assert dict(doc.facts) == {
        "problems": len(listed), "problems_fen": sum(p.amount_fen for p in listed), "closed": len(closed),
        "open": len(kept), "recovered_fen": sum(r.amount_fen for r in lines),
        "handled_persons": sum(p.handled_persons for p in closed), "findings_live": len(live)}
    assert (doc.facts["problems"], doc.facts["closed"], doc.facts["open"]) == (7, 2, 5)
    assert (doc.facts["recovered_fen"], doc.facts["handled_persons"]) == (173450, 3)
    assert doc.period_label == "2019年度"

    items = _table(doc, "按整治内容（15项）")
    assert len(items.rows) == 16 and [r[0].split(" ")[0] for r in items.rows[:-1]] == [i.code for i in ITEMS]
    assert _total(items) == ["合计", len(live), sum(f.amount_fen for f in live), len(listed), len(closed), len(kept),
                             doc.facts["recovered_fen"]]
    with july.reader() as uow:
        recovered = {p.number: ledger.get_problem(uow, VIEWER, p.number).recovered_fen for p in listed}
    for code, row in ((r[0].split(" ")[0], r[1:]) for r in items.rows[:-1]):
        mine = [p for p in listed if p.category == code]
        assert row[0:2] == [sum(_item(f) == code for f in live), sum(f.amount_fen for f in live if _item(f) == code)]
        assert row[2:] == [len(mine), sum(p in closed for p in mine), sum(p in kept for p in mine),
                           sum(recovered[p.number] for p in mine)], code
    assert {r[0].split(" ")[0]: r[4:] for r in items.rows[:-1]}["3.2"] == [1, 0, 50000]  # P3, with May's 200

    (kept_list,) = [s for s in doc.sections if s.title == "留号问题清单"]
    (table,) = kept_list.tables

    def late(p: ledger.Problem) -> bool:
        return p.deadline is not None and p.deadline < today

    # Overdue first, then the larger amount, then the number: what a list cut at 200 rows must keep.
    assert [r[0] for r in table.rows] == [p.number for p in sorted(kept, key=lambda p: (not late(p), -p.amount_fen,
                                                                                         p.number))]
    no = ledger_db.numbers
    assert {r[0] for r in table.rows[:2]} == {no["P1"], no["P5"]}  # due June 20 and June 30
    assert [r[0] for r in table.rows].index(no["P4"]) < [r[0] for r in table.rows].index(no["P7"])  # 300 > 50 元
    marked = {r[0]: r[5].endswith("（逾期）") for r in table.rows}
    assert marked == {p.number: late(p) for p in kept}
    assert marked[no["P1"]] and marked[no["P5"]] and not marked[no["P7"]]  # P7 is due today, not late
    by_number = {p.number: p for p in kept}
    assert {r[0]: (r[3], r[4]) for r in table.rows} == {
        n: (p.responsible_unit or "", f"{p.deadline:%Y-%m-%d}" if p.deadline else "") for n, p in by_number.items()}
    measures = _table(doc, "已销号问题的整改措施（按涉及金额）")
    assert [r[0] for r in measures.rows] == [ledger_db.numbers["P2"], ledger_db.numbers["P3"]]


#: What a report stores, who may make, sign and send it: the same code on both backends, which the figures
#: tests above and a few below run on PostgreSQL too; the rest on SQLite.
ON_FILE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


# -- making, signing, sending ----------------------------------------------------------------------------------

@pytest.fixture
def app(installation: Installation) -> Iterator[bootstrap.App]:
    opened = installation()
    _at(opened, "2019-07-20T10:00:00")
    run(opened, ledger.register, CLERK, {**PROBLEM, "category": "1.2", "description": "死亡后仍领取",
                                          "amount": "100"})
    yield opened
    opened.close()


def _scope(app: bootstrap.App) -> reports.Scope:
    return read(app, reports.scope)


def _make(app: bootstrap.App, actor: Actor = CLERK, period: str = "2019-07", **kw: Any) -> reports.Made:
    return run(app, reports.make, actor, MONTHLY if period != "2019" else SUMMARY, _scope(app), period, **kw)


def _signer(app: bootstrap.App, actor: Actor = ADMIN) -> signing.PadesSigner:
    return signing.open_signer(actor, app.keystore_path, PASSPHRASE)


def _info(app: bootstrap.App, kind: ReportKind = MONTHLY, period: str = "2019-07") -> reports.ReportInfo:
    return read(app, reports.get, VIEWER, kind, _scope(app), period)


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _stored_reports(app: bootstrap.App) -> list[tuple[Any, ...]]:
    return sql(app, "SELECT kind, period, pdf_sha256, signed_by, sent_on, narrative FROM reports ORDER BY id")


@ON_FILE_ONLY
def test_a_report_not_written_yet_is_missing(app: bootstrap.App) -> None:
    info = _info(app)
    assert (info.state, info.uid, info.narrative) == (ReportState.MISSING, None, {"progress": "", "next": ""})
    assert info.title == "2019年7月月报（呼图壁县）"
    assert read(app, reports.list_reports, VIEWER) == []


def test_make_keeps_the_pdf_and_what_it_printed(app: bootstrap.App) -> None:
    made = _make(app)
    assert made.info.state is ReportState.MADE and made.info.made_by == CLERK.name
    assert made.info.data_head == made.doc.data_head and made.pdf.startswith(b"%PDF")
    assert read(app, reports.pdf_of, VIEWER, made.info) == made.pdf
    ((figures,),) = sql(app, "SELECT figures FROM reports")
    assert ReportDoc.from_json(json.loads(figures)).to_json() == made.doc.to_json()
    assert made.doc.facts["registered"] == 1 and made.doc.facts["open"] == 1
    assert [i.state for i in read(app, reports.list_reports, VIEWER)] == [ReportState.MADE]
    (event,) = [e for e in events_about(app, made.info.uid or "") if e.action == "report.make"]
    assert event.detail["data_head"] == made.doc.data_head and event.actor == CLERK.name


@ON_FILE_ONLY
def test_the_pdf_footer_names_the_audit_head_and_the_catalogue_version(app: bootstrap.App) -> None:
    made = _make(app)
    text = _text(made.pdf)
    assert made.doc.data_head in text and CATALOGUE_VERSION in text
    assert made.doc.title in text and "2019年7月" in text
    # The head is the chain's head when the figures were read (the make event itself comes after it).
    with app.reader() as uow:
        seq, digest = uow.audit.head(org_code(uow)) or (0, "")
    assert made.doc.data_head != f"#{seq} {digest[:16].upper()}"


@ON_FILE_ONLY
def test_a_narrative_is_kept_and_printed(app: bootstrap.App) -> None:
    info = run(app, reports.save_narrative, CLERK, MONTHLY, _scope(app), "2019-07",
               {"progress": "本月召开动员会，全面开展自查。\r\n逐村核对花名册。  ", "next": "下月开展回头看。"})
    progress_text = "本月召开动员会，全面开展自查。\n逐村核对花名册。"
    assert info.state is ReportState.DRAFT
    assert info.narrative == {"progress": progress_text, "next": "下月开展回头看。"}
    made = _make(app, narrative={"next": "下月完成整改销号。"})  # the other section stays as it was
    assert made.info.narrative == {"progress": progress_text, "next": "下月完成整改销号。"}
    (progress,) = [s for s in made.doc.sections if s.narrative == "progress"]
    assert list(progress.paragraphs) == ["本月召开动员会，全面开展自查。", "逐村核对花名册。"]
    text = _text(made.pdf)
    for line in ("本月召开动员会，全面开展自查。", "逐村核对花名册。", "下月完成整改销号。"):
        assert line in text
    error = refused(app, lambda uow: reports.save_narrative(uow, CLERK, MONTHLY, _scope(app), "2019-07",
                                                            {"overview": "x"}))
    assert error.key == "report.unknown_section"


def test_a_signed_report_verifies(app: bootstrap.App) -> None:
    made = _make(app, ADMIN, narrative={"progress": "本月全面开展自查。"}, signer=_signer(app))
    assert made.info.state is ReportState.SIGNED
    assert (made.info.signed_by, made.info.certificate) == (ADMIN.name, _signer(app).fingerprint)
    stored = read(app, reports.pdf_of, VIEWER, made.info)
    assert stored == made.pdf
    with app.reader() as uow:
        (check,) = signing.verify(uow, VIEWER, stored, keystore_path=app.keystore_path)
    assert check.ok and check.intact and check.covers_whole_document
    assert "本月全面开展自查。" in _text(stored)
    assert [e.action for e in events_about(app, made.info.uid or "")][-1] == "report.sign"


@ON_FILE_ONLY
def test_a_reviewer_signs_what_the_clerk_wrote(app: bootstrap.App) -> None:
    """Signing takes the SIGN permission (审核 or 管理员); writing the text stays the clerk's."""
    run(app, reports.save_narrative, CLERK, MONTHLY, _scope(app), "2019-07", {"progress": "本月全面开展自查。"})
    signer = _signer(app, REVIEWER)
    error = refused(app, lambda uow: reports.make(uow, REVIEWER, MONTHLY, _scope(app), "2019-07",
                                                  narrative={"progress": "改写"}, signer=signer), PermissionDenied)
    assert "登记问题" in error.text()
    made = _make(app, REVIEWER, signer=signer)
    assert made.info.state is ReportState.SIGNED and made.info.signed_by == REVIEWER.name
    assert made.info.narrative["progress"] == "本月全面开展自查。"
    with app.reader() as uow:
        assert signing.verify(uow, VIEWER, made.pdf, keystore_path=app.keystore_path)[0].ok


@pytest.mark.parametrize("narrative", [None, {"next": "下月开展回头看。"}, {"progress": "  \n "}],
                         ids=["nothing", "only-next", "blank-progress"])
def test_signing_without_the_main_narrative_is_refused_and_stores_nothing(
        app: bootstrap.App, narrative: dict[str, str] | None) -> None:
    signer = _signer(app)
    error = refused(app, lambda uow: reports.make(uow, ADMIN, MONTHLY, _scope(app), "2019-07", narrative=narrative,
                                                  signer=signer))
    assert error.key == "report.needs_text" and "本月专项整治进展情况" in error.text()
    assert _stored_reports(app) == [] and _info(app).state is ReportState.MISSING


@ON_FILE_ONLY
def test_a_report_is_marked_sent_only_once_made_and_never_for_a_future_day(app: bootstrap.App) -> None:
    s = _scope(app)
    error = refused(app, lambda uow: reports.mark_sent(uow, CLERK, MONTHLY, s, "2019-07", date(2019, 7, 20)))
    assert error.key == "report.not_made"
    run(app, reports.save_narrative, CLERK, MONTHLY, s, "2019-07", {"progress": "开展自查。"})
    error = refused(app, lambda uow: reports.mark_sent(uow, CLERK, MONTHLY, s, "2019-07", date(2019, 7, 20)))
    assert error.key == "report.not_made"  # a draft is not a report yet
    _make(app)
    error = refused(app, lambda uow: reports.mark_sent(uow, CLERK, MONTHLY, s, "2019-07", date(2019, 7, 21)))
    assert error.key == "report.sent_in_future"
    info = run(app, reports.mark_sent, CLERK, MONTHLY, s, "2019-07", date(2019, 7, 20))
    assert (info.state, info.sent_on, info.sent_by) == (ReportState.SENT, date(2019, 7, 20), CLERK.name)
    assert "2019-07-20 报送（张会计）" in reports.describe_state(info)
    (event,) = [e for e in events_about(app, info.uid or "") if e.action == "report.sent"]
    assert event.detail["day"] == "2019-07-20" and event.detail["signed"] is False
    error = refused(app, lambda uow: reports.make(uow, CLERK, MONTHLY, s, "2019-07"))  # what was sent stays
    assert error.key == "report.already_sent" and "2019-07-20" in error.text()
    assert _info(app) == info


@ON_FILE_ONLY
def test_a_viewer_may_neither_write_nor_make_and_a_clerk_may_not_sign(app: bootstrap.App) -> None:
    s = _scope(app)
    for call in (lambda uow: reports.make(uow, VIEWER, MONTHLY, s, "2019-07"),
                 lambda uow: reports.save_narrative(uow, VIEWER, MONTHLY, s, "2019-07", {"progress": "x"}),
                 lambda uow: reports.make(uow, VIEWER, SUMMARY, s, "2019")):
        assert refused(app, call, PermissionDenied).key == "permission.denied"
    signer = _signer(app)
    error = refused(app, lambda uow: reports.make(uow, CLERK, MONTHLY, s, "2019-07",
                                                  narrative={"progress": "开展自查。"}, signer=signer),
                    PermissionDenied)
    assert "签名报告" in error.text()
    with pytest.raises(PermissionDenied):
        signing.open_signer(CLERK, app.keystore_path, PASSPHRASE)
    _make(app)
    error = refused(app, lambda uow: reports.mark_sent(uow, VIEWER, MONTHLY, s, "2019-07", date(2019, 7, 20)),
                    PermissionDenied)
    assert _info(app).state is ReportState.MADE


@ON_FILE_ONLY
def test_a_summary_is_made_for_the_campaign_year(app: bootstrap.App) -> None:
    assert read(app, reports.summary_period) == "2019"
    made = _make(app, ADMIN, period="2019", narrative={"overview": "全县开展专项整治。"}, signer=_signer(app))
    assert made.info.state is ReportState.SIGNED and made.info.title == "2019年度工作总结（呼图壁县）"
    assert made.doc.facts["problems"] == 1 and "全县开展专项整治。" in _text(made.pdf)
    with app.reader() as uow:
        assert signing.verify(uow, VIEWER, made.pdf, keystore_path=app.keystore_path)[0].ok


def test_stats_digest_reports(app: bootstrap.App) -> None:
    def reports_stats() -> tuple[int, str]:
        with app.reader() as uow:
            return next((s.count, s.digest) for s in stats(uow, VIEWER) if s.kind == "reports")

    empty = reports_stats()
    assert empty[0] == 0
    run(app, reports.save_narrative, CLERK, MONTHLY, _scope(app), "2019-07", {"progress": "开展自查。"})
    draft = reports_stats()
    _make(app)
    made = reports_stats()
    assert (draft[0], made[0]) == (1, 1) and len({empty[1], draft[1], made[1]}) == 3
    before = snapshot(app)
    assert dict(before[0])["reports"] == made


@ON_FILE_ONLY
def test_the_dashboard_points_at_the_month_due(app: bootstrap.App) -> None:
    due = read(app, reports.due, VIEWER)  # July 20: June's report was never sent
    assert due is not None and (due.month.label, due.overdue) == ("2019-06", True)
    _make(app, period="2019-06")  # late: made on July 20, so sent no earlier
    error = refused(app, lambda uow: reports.mark_sent(uow, CLERK, MONTHLY, _scope(app), "2019-06",
                                                       date(2019, 6, 24)))
    assert error.key == "report.sent_before_made"
    run(app, reports.mark_sent, CLERK, MONTHLY, _scope(app), "2019-06", date(2019, 7, 20))
    due = read(app, reports.due, VIEWER)
    assert due is not None and (due.month.label, due.state, due.warn, due.overdue) == (
        "2019-07", ReportState.MISSING, True, False)


# -- what a month's report says stays what it said -------------------------------------------------------------

def _sections(doc: ReportDoc) -> list[Any]:
    return list(doc.to_json()["sections"])


@ON_FILE_ONLY
def test_a_july_reopen_leaves_junes_report_as_it_was(installation: Installation, tmp_path: Path) -> None:
    """销号 is read from this office's audit trail: a 回头看 in July does not take back June's 销号."""
    app = installation()
    try:
        _at(app, "2019-06-05T10:00:00")
        a = _applied(app, tmp_path, {"category": "3.2", "description": "重复领取", "amount": "500",
                                     "deadline": "2019-06-30", "outcome": "批评教育", "handled_persons": "2"})
        b = _applied(app, tmp_path, {"category": "1.2", "description": "死亡后仍领取", "amount": "80"})
        _at(app, "2019-06-20T10:00:00")
        _move(app, a, Move.CLOSE, REVIEWER)
        _at(app, "2019-06-30T23:30:00")  # the last half hour of June in Xinjiang (15:30 UTC)
        _move(app, b, Move.CLOSE, REVIEWER)
        _at(app, "2019-06-30T23:50:00")
        june_then = _doc(app, MONTHLY, "2019-06")
        assert june_then.facts == _expected(app, "2019-06")
        assert june_then.facts == june_then.facts | {"registered": 2, "closed": 2, "closed_fen": 58000, "open": 0,
                                                     "overdue": 0, "handled_persons": 2, "reopened": 0}
        made = _make(app, period="2019-06")  # the June report as it was kept

        _at(app, "2019-07-01T07:30:00")  # 回头看 on July 1 (still June 30 in UTC): b again, closed again later
        _move(app, b, Move.REOPEN, CLERK, "回头看发现仍在领取")
        _move(app, b, Move.APPLY)
        _at(app, "2019-07-10T10:00:00")  # 回头看 of a: rectified again, not closed by the month's end
        _move(app, a, Move.REOPEN, CLERK, "回头看发现整改不到位")
        _at(app, "2019-07-12T10:00:00")
        _move(app, b, Move.CLOSE, REVIEWER)
        _at(app, MONTH_END)
        with app.reader() as uow:
            now = {p.number: p for p in ledger.list_problems(uow, VIEWER)}
        assert (now[a].state, now[a].closed_on) == (State.RECTIFYING, None)  # the record forgot June's 销号
        assert (now[b].state, now[b].closed_on) == (State.CLOSED, date(2019, 7, 12))

        june_now = _doc(app, MONTHLY, "2019-06")  # rebuilt after the reopen: the same June
        assert june_now.facts == june_then.facts == made.doc.facts
        assert _sections(june_now) == _sections(june_then) == _sections(made.doc)
        assert [r[0] for r in _table(june_now, "本月销号的问题").rows[:-1]] == [a, b]

        jul = _doc(app, MONTHLY, "2019-07")
        assert jul.facts == _expected(app, "2019-07")
        assert jul.facts == jul.facts | {"registered": 0, "closed": 1, "closed_fen": 8000, "reopened": 2,
                                         "open": 1, "overdue": 1, "handled_persons": 0}  # a: due June 30
        assert [r[0] for r in _table(jul, "本月销号的问题").rows[:-1]] == [b]
        summary = _doc(app, SUMMARY, "2019")
        assert (summary.facts["closed"], summary.facts["open"]) == (1, 1)
    finally:
        app.close()


@ON_FILE_ONLY
def test_late_is_judged_on_the_day_the_report_is_made(installation: Installation) -> None:
    """A deadline still ahead on the day the report is made is not late, whatever the month's end."""
    app = installation()
    try:
        _at(app, "2019-07-20T10:00:00")
        due = {}
        for day, amount in (("2019-07-15", "10"), ("2019-07-25", "20"), ("2019-07-31", "30"), (None, "40")):
            fields = {**PROBLEM, "category": "1.1", "description": f"滞后发放{amount}元", "amount": amount}
            due[day] = run(app, ledger.register, CLERK, fields | ({"deadline": day} if day else {})).number

        def late(period: str) -> tuple[int, int, int]:
            doc = _doc(app, MONTHLY, period)
            assert doc.facts == _expected(app, period)
            return doc.facts["overdue"], _total(_table(doc, "按整治内容分类"))[5], doc.facts["open"]

        assert late("2019-07") == (1, 1, 4)  # on July 20 only the one due July 15 is late
        made = _make(app)
        assert made.doc.facts["overdue"] == 1 and "其中逾期 1 个" in made.doc.sections[3].paragraphs[0]
        summary = _doc(app, SUMMARY, "2019")
        (table,) = next(s for s in summary.sections if s.title == "留号问题清单").tables
        assert [(r[0], r[5].endswith("（逾期）")) for r in table.rows] == [
            (due["2019-07-15"], True), (due[None], False), (due["2019-07-31"], False), (due["2019-07-25"], False)]
        _at(app, "2019-07-26T09:00:00")
        assert late("2019-07") == (2, 2, 4)
        _at(app, "2019-07-31T20:00:00")
        assert late("2019-07") == (2, 2, 4)  # due on the 31st is not late on the 31st
        _at(app, "2019-08-02T09:00:00")
        assert late("2019-07") == (2, 2, 4)  # July is over: late as of its last day
        assert late("2019-08") == (3, 3, 4)  # August's report, made on August 2
    finally:
        app.close()


def test_objections_are_counted_in_the_month_they_came_in(july: bootstrap.App) -> None:
    with july.reader() as uow:
        heard = complaints.list_complaints(uow, VIEWER)
    counted = []
    for period in ("2019-06", "2019-07", "2019-08"):
        start, end = _bounds(period)
        received = [c for c in heard if start <= c.received_on <= end]
        objections = sum(c.channel == "公示异议" for c in received)
        (line,) = [t for t in _doc(july, MONTHLY, period).sections[3].paragraphs if t.startswith("本月受理举报")]
        assert line.startswith(f"本月受理举报 {len(received)} 件（其中公示异议 {objections} 件），"), line
        counted.append(objections)
    assert counted == [1, 0, 0]  # the one of June 25, in June only


# -- no full ID, phone or account number in a report -------------------------------------------------------------

FULL_ID = _id("65232319800101123")
MOBILE = "13912345678"
ACCOUNT = "6228480012345678901"
TYPED = f"身份证号{FULL_ID}，电话{MOBILE}，银行账号{ACCOUNT}"
FULL_NUMBERS = [re.compile(r"(?<![0-9])[0-9]{17}[0-9X](?![0-9X])"), re.compile(r"(?<![0-9])[0-9]{16,19}(?![0-9])"),
                re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")]


def _pdf_texts(pdf: bytes, folder: Path, name: str) -> list[str]:
    """The text of a PDF as pypdf and as pdftotext (poppler) read it."""
    path = write(folder / f"{name}.pdf", pdf)
    poppler = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True)
    return [_text(pdf), poppler.stdout]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
@ON_FILE_ONLY
def test_no_full_id_phone_or_account_number_reaches_a_report_pdf(installation: Installation,
                                                                   tmp_path: Path) -> None:
    app = installation()
    try:
        _at(app, "2019-07-05T10:00:00")
        closed = _applied(app, tmp_path, {"category": "1.2", "description": f"冒领高龄津贴，{TYPED}",
                                          "amount": "1200", "measures": f"已追回，回访{TYPED}"})
        kept = run(app, ledger.register, CLERK, {**PROBLEM, "category": "2.1", "description": f"一人多卡，{TYPED}",
                                                 "amount": "80", "responsible_unit": f"大丰镇民政办{MOBILE}"}).number
        _at(app, "2019-07-10T10:00:00")
        _move(app, closed, Move.CLOSE, REVIEWER)
        texts = {}
        monthly = _make(app, narrative={"progress": f"入户核实：{TYPED}", "next": f"继续追回，{TYPED}"})
        texts["monthly"] = _pdf_texts(monthly.pdf, tmp_path, "monthly")
        summary = _make(app, period="2019", narrative={k: f"{k}：{TYPED}" for k in
                                                       ("overview", "practices", "problems", "suggestions")})
        texts["summary"] = _pdf_texts(summary.pdf, tmp_path, "summary")
        with app.reader() as uow:  # the ledger keeps what was typed: only what is printed is masked
            assert FULL_ID in ledger.get_problem(uow, VIEWER, kept).description
        masked = [FULL_ID[:6] + "*" * 8 + FULL_ID[-4:], MOBILE[:3] + "****" + MOBILE[-4:]]
        for kind, (doc, found) in {"monthly": (monthly.doc, texts["monthly"]),
                                   "summary": (summary.doc, texts["summary"])}.items():
            for reader, text in zip(("pypdf", "pdftotext"), found, strict=True):
                text = text.replace(doc.data_head, "")  # the audit head's 16 hex digits may all be decimal
                squeezed = re.sub(r"\s+", "", text)  # a number broken over two lines of a cell
                assert [n for n in (FULL_ID, MOBILE, ACCOUNT) if n in squeezed] == [], (kind, reader)
                for pattern in FULL_NUMBERS:
                    assert pattern.findall(text) == [], (kind, reader, pattern.pattern)
                assert all(m in squeezed for m in masked), (kind, reader)  # printed, masked
                assert "6228" in squeezed and "8901" in squeezed, (kind, reader)
            shown = json.dumps(doc.to_json(), ensure_ascii=False)  # nor in the figures kept with the report
            assert [n for n in (FULL_ID, MOBILE, ACCOUNT) if n in shown] == [], kind
        # What the texts were printed in: the narrative, descriptions, measures and the responsible unit
        assert _table(monthly.doc, "本月销号的问题").rows[0][0] == closed
        summary_json = json.dumps(summary.doc.to_json(), ensure_ascii=False)
        assert "大丰镇民政办139****5678" in summary_json and "已追回，回访身份证号" in summary_json
    finally:
        app.close()


# -- a report once signed, once sent ----------------------------------------------------------------------------

@ON_FILE_ONLY
def test_new_text_unsigns_a_signed_report_and_a_sent_one_is_final(app: bootstrap.App) -> None:
    s = _scope(app)
    signed = _make(app, ADMIN, narrative={"progress": "本月全面开展自查。"}, signer=_signer(app))
    assert signed.info.state is ReportState.SIGNED
    error = refused(app, lambda uow: reports.make(uow, CLERK, MONTHLY, s, "2019-07"), PermissionDenied)
    assert "签名报告" in error.text()  # a signed report is replaced by someone who may sign
    same = run(app, reports.save_narrative, CLERK, MONTHLY, s, "2019-07", {"progress": "本月全面开展自查。"})
    assert same == signed.info  # the same text: nothing changes, the signature stands

    info = run(app, reports.save_narrative, CLERK, MONTHLY, s, "2019-07", {"progress": "本月全面开展自查，逐村核对。"})
    assert info.state is ReportState.DRAFT
    assert (info.pdf_sha256, info.signed_by, info.signed_at, info.certificate) == (None, None, None, None)
    assert info.narrative["progress"] == "本月全面开展自查，逐村核对。"
    ((sha, signed_by, sent_on, _),) = [r[2:] for r in _stored_reports(app)]
    assert (sha, signed_by, sent_on) == (None, None, None)
    assert refused(app, lambda uow: reports.pdf_of(uow, VIEWER, info)).key == "report.not_made"
    error = refused(app, lambda uow: reports.mark_sent(uow, CLERK, MONTHLY, s, "2019-07", date(2019, 7, 20)))
    assert error.key == "report.not_made"  # the signed PDF said something else: it is no report to send
    (event,) = [e for e in events_about(app, info.uid or "") if e.action == "report.text"][-1:]
    assert event.detail["sections"] == ["progress"] and event.detail["unsigned"] is True

    made = _make(app, REVIEWER, signer=_signer(app, REVIEWER))  # signed again, with the new text
    assert made.info.state is ReportState.SIGNED and "逐村核对" in _text(made.pdf)
    sent = run(app, reports.mark_sent, CLERK, MONTHLY, s, "2019-07", date(2019, 7, 20))
    assert sent.state is ReportState.SENT and sent.pdf_sha256 == made.info.pdf_sha256
    signer = _signer(app)
    for call in (lambda uow: reports.make(uow, CLERK, MONTHLY, s, "2019-07"),
                 lambda uow: reports.make(uow, ADMIN, MONTHLY, s, "2019-07", signer=signer),
                 lambda uow: reports.make(uow, ADMIN, MONTHLY, s, "2019-07", narrative={"next": "改写"},
                                          signer=signer),
                 lambda uow: reports.save_narrative(uow, CLERK, MONTHLY, s, "2019-07", {"progress": "改写"}),
                 lambda uow: reports.save_narrative(uow, ADMIN, MONTHLY, s, "2019-07", {"next": "下月回头看。"})):
        error = refused(app, call)
        assert error.key == "report.already_sent" and "2019-07-20" in error.text()
    assert _info(app) == sent and read(app, reports.pdf_of, VIEWER, sent) == made.pdf

    summary = _make(app, period="2019")  # the summary is a report of its own: sent, it is final too
    run(app, reports.mark_sent, CLERK, SUMMARY, s, "2019", date(2019, 7, 20))
    error = refused(app, lambda uow: reports.make(uow, CLERK, SUMMARY, s, "2019"))
    assert error.key == "report.already_sent"
    assert read(app, reports.pdf_of, VIEWER, _info(app, SUMMARY, "2019")) == summary.pdf


@ON_FILE_ONLY
def test_a_report_is_not_sent_before_the_day_it_was_made(app: bootstrap.App) -> None:
    s = _scope(app)
    _make(app)  # July 20
    _at(app, "2019-07-22T00:30:00")  # made again half an hour into July 22 in Xinjiang: still July 21 in UTC
    made = _make(app)
    assert made.info.made_at is not None and made.info.made_at.astimezone(LOCAL_TZ).date() == date(2019, 7, 22)
    for day in (date(2019, 7, 20), date(2019, 7, 21)):
        error = refused(app, lambda uow, day=day: reports.mark_sent(uow, CLERK, MONTHLY, s, "2019-07", day))
        assert error.key == "report.sent_before_made"
        assert day.isoformat() in error.text() and "2019-07-22" in error.text()
    error = refused(app, lambda uow: reports.mark_sent(uow, CLERK, MONTHLY, s, "2019-07", date(2019, 7, 23)))
    assert error.key == "report.sent_in_future"
    info = run(app, reports.mark_sent, CLERK, MONTHLY, s, "2019-07", date(2019, 7, 22))
    assert (info.state, info.sent_on) == (ReportState.SENT, date(2019, 7, 22))


@ON_FILE_ONLY
def test_a_department_outside_the_programme_catalogue_is_refused(app: bootstrap.App) -> None:
    with app.reader() as uow:
        known = sorted({p.department for p in uow.records.programs() if p.in_scope})
        assert "民政局" in known and "卫健委" in known
        for name in ("教育局", "民政", "民政局局", "x" * 80):
            with pytest.raises(InputRejected) as caught:
                reports.scope(uow, department=name)
            assert caught.value.key == "report.unknown_department" and "民政局" in caught.value.text()
            assert "x" * 51 not in caught.value.text()
        civil = reports.scope(uow, department=" 民政局 ")
        health = reports.scope(uow, department="卫健委")
        assert (civil.kind, civil.key) == ("department", "民政局")
        # The app's one problem is about 高龄津贴, a 民政局 programme
        assert reports.document(uow, VIEWER, MONTHLY, civil, "2019-07").facts["registered"] == 1
        assert reports.document(uow, VIEWER, MONTHLY, health, "2019-07").facts["registered"] == 0
    assert _stored_reports(app) == []


# -- a township's problems at the county ------------------------------------------------------------------------

def _trust(app: bootstrap.App, other: bootstrap.App) -> None:
    with other.reader() as uow:
        keys = peers.own_public(uow, other.keystore_path)
    run(app, peers.trust, app.actor, app.keystore_path, keys, expect_fingerprint=keys.fingerprint, confirmed=False)


def _send(town: bootstrap.App, county: bootstrap.App, out: Path) -> None:
    """The township exports a package to the county, which merges it."""
    run(town, exchange.export_package, town.actor, town.keystore_path, PASSPHRASE, "652323", out)
    with county.uow() as uow:
        exchange.import_package(uow, county.actor, county.keystore_path, PASSPHRASE, out.read_bytes(),
                                file_name=out.name)
        uow.commit()


def test_a_townships_problems_count_under_it_at_the_county(dbs: Databases, tmp_path: Path) -> None:
    """A problem registered without an org counts under the office that registered it; the county, which
    holds no 销号 event of a township's problem, goes by the problem's record."""
    county = init_installation(dbs.target("county.sqlite3"))
    town = init_installation(dbs.target("town.sqlite3"), code="652323101", name="大丰镇", level="township",
                             parent="652323")
    try:
        _trust(county, town)
        _trust(town, county)
        bare = {k: v for k, v in PROBLEM.items() if k != "org"}  # no org given: the registering office's
        _at(town, "2019-07-03T10:00:00")
        closed = run(town, ledger.register, CLERK, {**bare, "category": "3.2", "description": "冒领高龄津贴",
                                                    "amount": "120", "measures": "已停发并追回"}).number
        _move(town, closed, Move.START)
        run(town, ledger.add_evidence, CLERK, closed, write(tmp_path / "town.png", png_bytes()))
        _move(town, closed, Move.APPLY)
        kept = run(town, ledger.register, CLERK, {**bare, "category": "1.1", "description": "滞后发放",
                                                  "amount": "30", "deadline": "2019-07-10"}).number
        _at(town, "2019-07-12T10:00:00")
        _move(town, closed, Move.CLOSE, REVIEWER)
        _at(county, "2019-07-15T10:00:00")
        own = run(county, ledger.register, CLERK, {**bare, "category": "2.1", "description": "一人多卡",
                                                   "amount": "50"}).number
        _at(town, "2019-07-20T10:00:00")
        _at(county, "2019-07-20T10:00:00")
        _send(town, county, tmp_path / "town-1.ykt")
        _at(county, MONTH_END)

        with county.reader() as uow:
            listed = ledger.list_problems(uow, VIEWER)
            # Numbers are each office's own: the township's first and the county's first are both 0001
            assert sorted((p.org_code, p.number) for p in listed) == sorted([(None, closed), (None, kept), (None, own)])
            towns_scope = reports.scope(uow, org="大丰镇")
            jul = reports.document(uow, VIEWER, MONTHLY, reports.scope(uow), "2019-07")
            town_doc = reports.document(uow, VIEWER, MONTHLY, towns_scope, "2019-07")
            summary = reports.document(uow, VIEWER, SUMMARY, towns_scope, "2019")
        assert not [e for p in listed for e in events_about(county, p.uid) if e.action == "problem.close"]
        assert jul.facts == _expected(county, "2019-07")
        assert jul.facts == jul.facts | {"registered": 3, "registered_fen": 20000, "closed": 1, "closed_fen": 12000,
                                         "open": 2, "overdue": 1}
        rows = {r[0]: r[1:] for r in _table(jul, None, "各乡镇（街道）情况").rows}
        assert rows["大丰镇"] == [2, 1, 1, 0]  # registered, closed, kept open, recovered in July
        assert rows["县本级及未指明乡镇"] == [1, 0, 1, 0]
        assert rows["合计"] == [3, 1, 2, 0]
        assert town_doc.facts == town_doc.facts | {"registered": 2, "closed": 1, "closed_fen": 12000, "open": 1,
                                                   "overdue": 1}
        # Named with the township that registered it: the county holds its own WT2019-0001 too
        assert [r[0] for r in _table(town_doc, "本月销号的问题").rows[:-1]] == [f"{closed}（大丰镇）"]
        assert (summary.facts["problems"], summary.facts["closed"], summary.facts["open"]) == (2, 1, 1)
    finally:
        town.close()
        county.close()
