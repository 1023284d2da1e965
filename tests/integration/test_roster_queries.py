"""花名册 queries (SPEC §10): every filter agrees with an independent COUNT; pages are windows of one order."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from ykt_integration import DemoDb, sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.names import pinyin_sort_key
from yikatong_desktop.services.queries import RosterFilter, RosterRow, count_roster, roster_page
from yikatong_desktop.storage.unit_of_work import UnitOfWork

PAY = "payments p JOIN persons r ON r.id = p.person_id LEFT JOIN bank_accounts a ON a.id = p.account_id"


@pytest.fixture(scope="module")
def app(demo_db: DemoDb) -> Iterator[bootstrap.App]:
    opened = bootstrap.open_app(str(demo_db.path))
    yield opened
    opened.close()


@pytest.fixture
def uow(app: bootstrap.App) -> Iterator[UnitOfWork]:
    with app.uow() as work:
        yield work


@pytest.fixture(scope="module")
def demo_db(demo_on_both: DemoDb) -> DemoDb:
    """This module runs on the demo of both backends."""
    return demo_on_both


def _count(demo_db: DemoDb, where: str, params: tuple[object, ...] = ()) -> int:
    return int(sql(demo_db.path, f"SELECT COUNT(*) FROM {PAY} WHERE NOT p.voided AND {where}", params)[0][0])


def _all_pages(uow: UnitOfWork, app: bootstrap.App, f: RosterFilter, sort: str, descending: bool,
               size: int) -> list[RosterRow]:
    rows: list[RosterRow] = []
    while True:
        page = roster_page(uow, app.actor, f, sort=sort, descending=descending, offset=len(rows), limit=size)
        rows.extend(page)
        if len(page) < size:
            return rows


def test_no_filter_counts_every_live_payment(demo_db: DemoDb, uow: UnitOfWork, app: bootstrap.App) -> None:
    assert count_roster(uow, app.actor, RosterFilter()) == _count(demo_db, "1 = 1") == demo_db.manifest["payments"]


def test_text_filter_by_a_full_name_counts_that_persons_payments(demo_db: DemoDb, uow: UnitOfWork,
                                                                 app: bootstrap.App) -> None:
    (name,) = sql(demo_db.path, "SELECT name FROM persons WHERE name NOT LIKE '%·%' ORDER BY id LIMIT 1")[0]

    shown = count_roster(uow, app.actor, RosterFilter(text=name))

    assert shown == _count(demo_db, "r.name LIKE '%' || ? || '%'", (name,)) > 0


def test_text_filter_by_a_surname_counts_everyone_whose_name_contains_it(demo_db: DemoDb, uow: UnitOfWork,
                                                                         app: bootstrap.App) -> None:
    shown = count_roster(uow, app.actor, RosterFilter(text="马"))

    assert shown == _count(demo_db, "r.name LIKE '%' || '马' || '%'") > 100


def test_text_filter_finds_a_dotted_name_typed_without_its_dot(demo_db: DemoDb, uow: UnitOfWork,
                                                               app: bootstrap.App) -> None:
    (name,) = sql(demo_db.path, "SELECT name FROM persons WHERE name LIKE '%·%' ORDER BY id LIMIT 1")[0]

    shown = count_roster(uow, app.actor, RosterFilter(text=name.replace("·", "")))

    assert shown == _count(demo_db, "replace(r.name, '·', '') LIKE '%' || ? || '%'", (name.replace("·", ""),)) > 0


def test_text_filter_by_pinyin_matches_names_whose_pinyin_starts_with_it(demo_db: DemoDb, uow: UnitOfWork,
                                                                         app: bootstrap.App) -> None:
    persons = sql(demo_db.path, "SELECT r.id, r.name FROM persons r")
    wang = [pid for pid, name in persons if pinyin_sort_key(name).startswith("wang")]
    expected = _count(demo_db, f"p.person_id IN ({','.join('?' * len(wang))})", tuple(wang))

    assert count_roster(uow, app.actor, RosterFilter(text="wang")) == expected > 0


def test_text_filter_by_id_digits_counts_payments_of_persons_whose_id_contains_them(
        demo_db: DemoDb, uow: UnitOfWork, app: bootstrap.App) -> None:
    (id_number,) = sql(demo_db.path, "SELECT id_number FROM persons ORDER BY id DESC LIMIT 1")[0]
    digits = id_number[6:14]  # the birth date: shared by a few people

    shown = count_roster(uow, app.actor, RosterFilter(text=digits))

    assert shown == _count(demo_db, "(r.id_number LIKE '%' || ? || '%' OR COALESCE(a.number, '') LIKE '%' || ? || '%')",
                           (digits, digits)) > 0


def test_text_filter_finds_an_id_ending_in_x_typed_in_lower_case(demo_db: DemoDb, uow: UnitOfWork,
                                                                 app: bootstrap.App) -> None:
    (id_number,) = sql(demo_db.path, "SELECT id_number FROM persons WHERE id_number LIKE '%X' LIMIT 1")[0]

    shown = count_roster(uow, app.actor, RosterFilter(text=id_number[-6:].lower()))

    assert shown == _count(demo_db, "r.id_number LIKE '%' || ? || '%'", (id_number[-6:],)) > 0


def test_text_filter_by_a_card_number_counts_the_payments_on_that_card(demo_db: DemoDb, uow: UnitOfWork,
                                                                       app: bootstrap.App) -> None:
    (number,) = sql(demo_db.path, """SELECT a.number FROM bank_accounts a JOIN payments p ON p.account_id = a.id
                                     GROUP BY a.id ORDER BY COUNT(*) DESC LIMIT 1""")[0]

    rows = roster_page(uow, app.actor, RosterFilter(text=number), limit=1000)

    assert count_roster(uow, app.actor, RosterFilter(text=number)) == len(rows) == \
        _count(demo_db, "a.number = ?", (number,)) > 1
    assert {r.account for r in rows} == {number}


@pytest.mark.parametrize(("field", "column"), [("township_code", "p.township_code"),
                                               ("village_code", "p.village_code")])
def test_place_filters_match_an_independent_count(demo_db: DemoDb, uow: UnitOfWork, app: bootstrap.App,
                                                  field: str, column: str) -> None:
    places = [c for (c,) in sql(demo_db.path, f"SELECT DISTINCT {column} FROM payments p ORDER BY 1")]

    shown = {c: count_roster(uow, app.actor, RosterFilter(**{field: c})) for c in places}

    assert shown == {c: _count(demo_db, f"{column} = ?", (c,)) for c in places}
    assert sum(shown.values()) == demo_db.manifest["payments"]


def test_program_and_year_filters_match_an_independent_count(demo_db: DemoDb, uow: UnitOfWork,
                                                             app: bootstrap.App) -> None:
    for program in ("NY01", "MZ02", "WJ01", "ZJ02"):
        expected = _count(demo_db, "p.program_id = (SELECT id FROM programs WHERE code = ?)", (program,))
        assert count_roster(uow, app.actor, RosterFilter(program_code=program)) == expected, program
    for year in (2017, 2018, 2019):
        assert count_roster(uow, app.actor, RosterFilter(year=year)) == _count(demo_db, "p.year = ?", (year,))
    assert count_roster(uow, app.actor, RosterFilter(program_code="ZJ02")) == 0
    assert count_roster(uow, app.actor, RosterFilter(year=2019)) == 0


def test_combined_filters_narrow_together(demo_db: DemoDb, uow: UnitOfWork, app: bootstrap.App) -> None:
    f = RosterFilter(text="马", township_code="652323101", program_code="MZ02", year=2018)

    expected = _count(demo_db, """r.name LIKE '%' || '马' || '%' AND p.township_code = '652323101' AND p.year = 2018
                                  AND p.program_id = (SELECT id FROM programs WHERE code = 'MZ02')""")

    assert count_roster(uow, app.actor, f) == expected > 0


def test_first_and_last_pages_are_consistent_with_the_count(uow: UnitOfWork, app: bootstrap.App) -> None:
    f = RosterFilter(program_code="MZ02")
    total = count_roster(uow, app.actor, f)

    first = roster_page(uow, app.actor, f, offset=0, limit=200)
    tail = roster_page(uow, app.actor, f, offset=total - 7, limit=200)
    beyond = roster_page(uow, app.actor, f, offset=total, limit=200)
    everything = roster_page(uow, app.actor, f, offset=0, limit=total + 50)

    assert len(first) == 200 and len(tail) == 7 and beyond == []
    assert len(everything) == total
    assert [r.uid for r in first] == [r.uid for r in everything[:200]]
    assert [r.uid for r in tail] == [r.uid for r in everything[-7:]]
    assert len({r.uid for r in everything}) == total
    assert {r.program for r in everything} == {"高龄老人基本生活津贴"}


@pytest.mark.parametrize("descending", [False, True])
def test_name_sort_pages_through_in_pinyin_order(uow: UnitOfWork, app: bootstrap.App, descending: bool) -> None:
    f = RosterFilter(township_code="652323102")
    total = count_roster(uow, app.actor, f)

    rows = _all_pages(uow, app, f, "name", descending, size=97)
    keys = [pinyin_sort_key(r.name) for r in rows]

    assert len(rows) == total == len({r.uid for r in rows})
    assert keys == sorted(keys, reverse=descending)
    assert len(set(keys)) > 50


def test_name_sort_puts_pinyin_before_stroke_or_code_point_order(uow: UnitOfWork, app: bootstrap.App) -> None:
    rows = _all_pages(uow, app, RosterFilter(year=2017, program_code="NY01"), "name", False, size=500)
    names = [r.name for r in rows]

    assert names != sorted(names)  # code-point order would differ from pinyin order
    assert pinyin_sort_key(names[0]) <= pinyin_sort_key(names[-1])
    assert pinyin_sort_key(names[0])[0] == "a"


def test_paid_sort_descending_puts_the_largest_amounts_first(demo_db: DemoDb, uow: UnitOfWork,
                                                             app: bootstrap.App) -> None:
    rows = roster_page(uow, app.actor, RosterFilter(), sort="paid", descending=True, limit=50)

    paid = [r.paid_fen for r in rows]
    assert paid == sorted(paid, reverse=True)
    assert paid[0] == sql(demo_db.path, "SELECT MAX(paid_fen) FROM payments WHERE NOT voided")[0][0]


def test_roster_rows_carry_exact_quantities_and_place_names(uow: UnitOfWork, app: bootstrap.App) -> None:
    rows = roster_page(uow, app.actor, RosterFilter(program_code="NY01", township_code="652323100"), limit=20)

    assert rows
    assert all(isinstance(r.quantity, Decimal) for r in rows)
    assert {r.township for r in rows} == {"呼图壁镇"}
    assert all(r.group is not None and r.group.endswith("组") for r in rows)
