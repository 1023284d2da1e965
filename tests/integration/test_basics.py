"""底数 over the demo database: every figure recomputed here with plain sqlite3 and Python (SPEC §2, §6, §7)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from ykt_integration import DemoDb, sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.services import basics, basics_report
from yikatong_desktop.services.basics import Basics

THIRD_BANK_TOWNSHIP = "652323200"
ROWS = """SELECT p.person_id, coalesce(pr.household_id, -pr.id), g.code, g.department, p.year, p.method,
                 coalesce(p.paid_fen, 0), p.account_id, nullif(a.bank, ''), p.township_code, p.village_code
          FROM payments p JOIN programs g ON g.id = p.program_id JOIN persons pr ON pr.id = p.person_id
          LEFT JOIN bank_accounts a ON a.id = p.account_id WHERE NOT p.voided"""


@pytest.fixture(scope="module")
def demo_db(demo_on_both: DemoDb) -> DemoDb:
    """This module runs on the demo of both backends."""
    return demo_on_both


def _rows(path: Path, where: str = "", params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return sql(path, ROWS + where, params)


def _figures(rows: list[tuple[Any, ...]]) -> dict[str, Any]:
    return {"payments": len(rows), "paid_fen": sum(r[6] for r in rows), "persons": len({r[0] for r in rows}),
            "households": len({r[1] for r in rows}), "programs": len({r[2] for r in rows}),
            "departments": len({r[3] for r in rows}), "accounts": len({r[7] for r in rows if r[7] is not None}),
            "banks": len({r[8] for r in rows if r[8] is not None}),
            "methods": {m: (sum(1 for r in rows if r[5] == m), sum(r[6] for r in rows if r[5] == m))
                        for m in ("card", "cash", "other")}}


def _as_dict(f: basics.Figures) -> dict[str, Any]:
    return {"payments": f.payments, "paid_fen": f.paid_fen, "persons": f.persons, "households": f.households,
            "programs": f.programs, "departments": f.departments, "accounts": f.accounts, "banks": f.banks,
            "methods": f.methods}


def _basics(path: Path, **kw: Any) -> Basics:
    app = bootstrap.open_app(str(path))
    try:
        with app.reader() as uow:
            return basics.basics(uow, app.actor, **kw)
    finally:
        app.close()


@pytest.fixture(scope="module")
def full(demo_db: DemoDb) -> Basics:
    return _basics(demo_db.path)


def test_totals_and_years_are_the_payments_counted_directly(demo_db: DemoDb, full: Basics) -> None:
    rows = _rows(demo_db.path)
    assert _as_dict(full.total) == _figures(rows)
    assert full.years == (2017, 2018)
    for year, figures in full.by_year.items():
        assert _as_dict(figures) == _figures([r for r in rows if r[4] == year])
    assert full.total.banks == 3 and full.total.methods["cash"][0] > 0


def test_each_program_has_its_department_beneficiaries_amounts_per_year_and_banks(demo_db: DemoDb,
                                                                                  full: Basics) -> None:
    rows = _rows(demo_db.path)
    assert [p.code for p in full.programs] == sorted({r[2] for r in rows})
    for p in full.programs:
        mine = [r for r in rows if r[2] == p.code]
        assert _as_dict(p.figures) == _figures(mine)
        assert p.department == mine[0][3]
        assert {y: f.paid_fen for y, f in p.by_year.items()} == {
            y: sum(r[6] for r in mine if r[4] == y) for y in {r[4] for r in mine}}
        accounts: dict[str, set[int]] = defaultdict(set)
        for r in mine:
            if r[8] is not None:
                accounts[r[8]].add(r[7])
        assert {u.bank: u.accounts for u in p.banks} == {b: len(a) for b, a in accounts.items()}


def test_townships_and_villages_with_their_programs(demo_db: DemoDb, full: Basics) -> None:
    rows = _rows(demo_db.path)
    towns = [o for o in full.orgs if o.village_code is None and o.program is None]
    assert [o.township_code for o in towns] == sorted({r[9] for r in rows})
    third = next(o for o in towns if o.township_code == THIRD_BANK_TOWNSHIP)
    assert third.figures.banks == 3 and len(third.banks) == 3  # the demo's third bank in one township
    assert all(o.figures.banks == 2 for o in towns if o is not third)
    for o in full.orgs:
        mine = [r for r in rows if r[9] == o.township_code and (o.village_code is None or r[10] == o.village_code)
                and (o.program is None or r[2] == o.program)]
        assert _as_dict(o.figures) == _figures(mine), o
        assert o.by_year == {y: (sum(1 for r in mine if r[4] == y), sum(r[6] for r in mine if r[4] == y))
                             for y in sorted({r[4] for r in mine})}
        assert set(o.banks) == {r[8] for r in mine if r[8] is not None}
    assert len({(o.village_code, o.program) for o in full.orgs if o.village_code}) == len(
        {(r[10], r[2]) for r in rows}) + len({r[10] for r in rows})


def _spread(rows: list[tuple[Any, ...]], unit: int | None) -> dict[str, dict[int, int]]:
    sets: dict[Any, list[set[Any]]] = defaultdict(lambda: [set(), set(), set(), set()])
    for r in rows:
        key = r[unit] if unit is not None else (r[10] or r[9])
        for i, value in enumerate((r[2], r[3], r[8], r[7])):
            if value is not None:
                sets[key][i].add(value)
    out: dict[str, dict[int, int]] = {name: defaultdict(int) for name in basics.CAPS}
    for programs, departments, banks, accounts in sets.values():
        for name, values in zip(basics.CAPS, (programs, departments, banks, accounts), strict=True):
            out[name][min(len(values), basics.CAPS[name])] += 1
    return {name: dict(sorted(c.items())) for name, c in out.items()}


def test_many_departments_and_many_banks_per_person_household_and_village(demo_db: DemoDb, full: Basics) -> None:
    rows = _rows(demo_db.path)
    for unit, column in (("person", 0), ("household", 1), ("village", None)):
        assert full.spreads[unit].counts == _spread(rows, column), unit
    banks: dict[int, set[str]] = defaultdict(set)
    accounts: dict[int, set[int]] = defaultdict(set)
    for r in rows:
        if r[8] is not None:
            banks[r[0]].add(r[8])
            accounts[r[0]].add(r[7])
    several = {p for p in accounts if len(banks[p]) >= 2 or len(accounts[p]) >= 2}
    names = dict(sql(demo_db.path, "SELECT id, name FROM persons"))
    assert {c.name for c in full.many_banks["person"]} == {names[p] for p in several}
    assert {c["name"] for c in demo_db.cases("MULTI_CARD")} <= {c.name for c in full.many_banks["person"]}
    top = full.many_departments["person"][0]
    departments: dict[int, set[str]] = defaultdict(set)
    for r in rows:
        departments[r[0]].add(r[3])
    assert top.departments == max(len(d) for d in departments.values())
    crowded = [c for c in full.many_banks["village"] if c.banks == 3]
    assert crowded and all(c.village == "石梯子哈萨克族乡" for c in crowded)


def test_a_year_and_an_org_narrow_the_scope(demo_db: DemoDb) -> None:
    b = _basics(demo_db.path, year=2018, org="石梯子哈萨克族乡")
    assert (b.org_code, b.year) == (THIRD_BANK_TOWNSHIP, 2018)
    assert _as_dict(b.total) == _figures(_rows(demo_db.path, " AND p.year = 2018 AND p.township_code = ?",
                                               (THIRD_BANK_TOWNSHIP,)))
    village = sql(demo_db.path, "SELECT code, name FROM org_units WHERE parent_code = ? ORDER BY code",
                  (THIRD_BANK_TOWNSHIP,))[0]
    v = _basics(demo_db.path, org=village[0], detail=False)
    assert v.org_name == village[1]
    assert _as_dict(v.total) == _figures(_rows(demo_db.path, " AND p.village_code = ?", (village[0],)))
    with pytest.raises(InputRejected):
        _basics(demo_db.path, org="没有这个乡")


def test_the_workbook_reads_back_with_exact_amounts_in_yuan(demo_db: DemoDb, full: Basics, tmp_path: Path) -> None:
    out = tmp_path / "底数.xlsx"
    basics_report.write_basics(out, full, today=date(2019, 7, 15))
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == list(basics_report.SHEETS)
    summary = book["汇总"]
    assert "底数" in summary["A1"].value and "2017—2018年" in summary["A2"].value
    assert str(summary.page_setup.paperSize) == summary.PAPERSIZE_A4 == "9"
    total_row = next(r for r in summary.iter_rows() if r[0].value == "合计")
    amount = total_row[6]
    assert amount.number_format == "#,##0.00"
    assert Decimal(str(amount.value)) == Decimal(full.total.paid_fen) / 100
    assert total_row[3].value == full.total.persons
    by_program = book["按项目"]
    assert by_program.print_title_rows == "$4:$4" and by_program.page_setup.orientation == "landscape"
    codes = [r[0].value for r in by_program.iter_rows(min_row=5)]
    assert codes == [p.code for p in full.programs] + ["合计"]
    orgs = book["按乡镇、村"]
    assert sum(1 for r in orgs.iter_rows(min_row=5) if r[2].value == "全部项目") == len(
        [o for o in full.orgs if o.program is None])
    banks = book["卡出多行"]
    texts = [c.value for row in banks.iter_rows() for c in row if isinstance(c.value, str)]
    assert "涉及代理银行数分布" in "".join(texts)
    assert not any(len(t) == 18 and t.isdigit() for t in texts)  # IDs are masked in the workbook
