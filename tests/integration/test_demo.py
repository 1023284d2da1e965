"""`ykt demo`: every planted case is in the database as the manifest says, and the background is clean.

Checked with plain sqlite3 against the file, so later issues can expect exact findings
from the checks (SPEC §6) on this data.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from ykt_integration import DemoDb, build_demo, sql

from yikatong_desktop.domain.ids import is_valid_id, normalize_id
from yikatong_desktop.domain.names import same_name, toneless_pinyin

RULES = ("LATE_PAYMENT", "UNDERPAID", "OVER_STANDARD", "OUT_OF_SCOPE", "CASH_PAYMENT", "INVALID_ID",
         "NAME_ID_MISMATCH", "CARD_NOT_OWN", "MULTI_CARD", "TOO_MANY_BANKS", "SHARED_ACCOUNT", "DUPLICATE_PAYMENT",
         "PAID_AFTER_DEATH", "PAID_AFTER_EXIT", "PUBLIC_EMPLOYEE", "CADRE_RELATIVE", "ENTITLED_NOT_PAID",
         "FUNDS_NOT_DISBURSED", "UNISSUED_FUNDS", "BANK_FEE", "CARD_HELD_BY_OTHERS", "NOT_PUBLICISED")
LIVE = "NOT p.voided"
PAYMENT_PERSON = "payments p JOIN persons r ON r.id = p.person_id JOIN programs g ON g.id = p.program_id"


def _uids(demo: DemoDb, rule: str) -> set[str]:
    return {c["payment_uid"] for c in demo.cases(rule)}


def _people(demo: DemoDb, rule: str) -> set[str]:
    return {c["id_number"] for c in demo.cases(rule)}


def _one(db: Path, query: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...]:
    rows = sql(db, query, params)
    assert len(rows) == 1, rows
    return rows[0]


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


@pytest.fixture(scope="module")
def payments(demo_db: DemoDb) -> list[dict[str, Any]]:
    """Every live payment with its person and program, straight from the file."""
    cols = ("uid", "id_number", "birth_date", "program", "year", "period_end", "quantity", "standard_fen", "due_fen",
            "paid_fen")
    rows = sql(demo_db.path, f"""
        SELECT p.uid, r.id_number, r.birth_date, g.code, p.year, p.period_end, p.quantity, p.standard_fen,
               p.due_fen, p.paid_fen
        FROM {PAYMENT_PERSON} WHERE {LIVE}""")
    return [dict(zip(cols, r, strict=True)) for r in rows]


def test_manifest_lists_planted_cases_for_every_rule(demo_db: DemoDb) -> None:
    counts = {rule: len(demo_db.cases(rule)) for rule in RULES}

    assert all(n >= 1 for n in counts.values()), counts
    assert {c["rule"] for c in demo_db.manifest["planted"]} == set(RULES)
    assert demo_db.manifest["not_planted"] == []


def test_manifest_counts_and_setting_agree_with_the_database(demo_db: DemoDb) -> None:
    m = demo_db.manifest
    counted = _one(demo_db.path, """SELECT (SELECT COUNT(*) FROM persons), (SELECT COUNT(*) FROM payments),
        (SELECT COUNT(*) FROM bank_accounts), (SELECT COUNT(*) FROM households)""")
    stored = json.loads(_one(demo_db.path, "SELECT value FROM settings WHERE key = 'demo.manifest'")[0])

    assert counted == (m["persons"], m["payments"], m["accounts"], m["households"])
    assert m["persons"] >= 2000 and m["seed"] == 7
    assert stored["planted"] == m["planted"]


def test_every_planted_payment_is_in_the_database_as_the_manifest_describes_it(demo_db: DemoDb) -> None:
    for case in demo_db.manifest["planted"]:
        if "payment_uid" not in case:
            continue
        row = _one(demo_db.path, f"""SELECT r.id_number, r.uid, g.code, p.period_label, p.voided
                                     FROM {PAYMENT_PERSON} WHERE p.uid = ?""", (case["payment_uid"],))
        assert row == (case["id_number"], case["person_uid"], case["program"], case["period"], 0), case


def test_late_payments_are_exactly_the_planted_ones(demo_db: DemoDb) -> None:
    late = sql(demo_db.path, f"""SELECT p.uid, julianday(p.paid_date) - julianday(p.due_date), g.grace_days
        FROM {PAYMENT_PERSON} WHERE {LIVE} AND julianday(p.paid_date) > julianday(p.due_date) + g.grace_days""")

    assert {uid for uid, _days, _grace in late} == _uids(demo_db, "LATE_PAYMENT")
    assert all(days > 30 for _uid, days, _grace in late)


def test_underpaid_rows_are_the_only_ones_where_paid_differs_from_due(demo_db: DemoDb) -> None:
    differing = sql(demo_db.path, f"SELECT p.uid, p.paid_fen, p.due_fen FROM payments p WHERE {LIVE} "
                                  "AND p.paid_fen != p.due_fen")

    assert {uid for uid, _paid, _due in differing} == _uids(demo_db, "UNDERPAID")
    assert all(paid < due for _uid, paid, due in differing)


def test_over_standard_rows_are_the_only_ones_paid_above_standard_times_quantity(
        demo_db: DemoDb, payments: list[dict[str, Any]]) -> None:
    catalog: dict[tuple[str, int], list[tuple[int | None, int | None, int]]] = defaultdict(list)
    for code, year, lo, hi, fen in sql(demo_db.path, """SELECT g.code, s.year, s.min_age, s.max_age, s.amount_fen
            FROM program_standards s JOIN programs g ON g.id = s.program_id WHERE NOT s.voided"""):
        catalog[(code, year)].append((lo, hi, fen))

    over, off_row_standard = set(), set()
    for p in payments:
        qty = Decimal(p["quantity"])
        std = p["standard_fen"]
        if p["birth_date"] is not None:
            age = _age(date.fromisoformat(p["birth_date"]), date.fromisoformat(p["period_end"]))
            tiers = [fen for lo, hi, fen in catalog[(p["program"], p["year"])]
                     if (lo is None or age >= lo) and (hi is None or age <= hi)]
            std = tiers[0] if len(tiers) == 1 else std
        if p["paid_fen"] > int((Decimal(std) * qty).quantize(Decimal(1), rounding=ROUND_HALF_UP)):
            over.add(p["uid"])
        if p["due_fen"] != int((Decimal(p["standard_fen"]) * qty).quantize(Decimal(1), rounding=ROUND_HALF_UP)):
            off_row_standard.add(p["uid"])

    assert over == _uids(demo_db, "OVER_STANDARD")
    assert off_row_standard == _uids(demo_db, "OVER_STANDARD")  # elsewhere 应发 = 标准 × 数量


def test_out_of_scope_payments_are_exactly_the_planted_ones(demo_db: DemoDb) -> None:
    young = sql(demo_db.path, f"""SELECT p.uid FROM {PAYMENT_PERSON}
        WHERE {LIVE} AND g.min_age IS NOT NULL AND r.birth_date IS NOT NULL
          AND (CAST(strftime('%Y', p.period_end) AS INTEGER) - CAST(strftime('%Y', r.birth_date) AS INTEGER)
               - (strftime('%m-%d', p.period_end) < strftime('%m-%d', r.birth_date))) < g.min_age""")

    assert {uid for (uid,) in young} == _uids(demo_db, "OUT_OF_SCOPE")
    assert {c["program"] for c in demo_db.cases("OUT_OF_SCOPE")} == {"MZ02", "WJ01"}


def test_cash_payments_have_no_account_and_are_exactly_the_planted_ones(demo_db: DemoDb) -> None:
    not_card = sql(demo_db.path, f"""SELECT p.uid, p.method, p.account_id, p.written_holder_id FROM payments p
        WHERE {LIVE} AND (p.method != 'card' OR p.account_id IS NULL)""")

    assert {row[0] for row in not_card} == _uids(demo_db, "CASH_PAYMENT")
    assert all(row[1:] == ("cash", None, None) for row in not_card)


def test_invalid_ids_are_flagged_and_every_other_id_is_valid(demo_db: DemoDb) -> None:
    persons = sql(demo_db.path, "SELECT id_number, id_valid, id_problems FROM persons")
    flagged = {id_number for id_number, valid, _problems in persons if not valid}

    assert flagged == _people(demo_db, "INVALID_ID")
    for id_number, valid, problems in persons:
        assert is_valid_id(id_number) == bool(valid), id_number
        assert (problems == "") == bool(valid), id_number
    for case in demo_db.cases("INVALID_ID"):
        pays = _one(demo_db.path, "SELECT COUNT(*) FROM payments p JOIN persons r ON r.id = p.person_id "
                                  "WHERE r.id_number = ?", (case["id_number"],))
        assert pays == (1,)


def test_recorded_sex_matches_every_valid_id(demo_db: DemoDb) -> None:
    for id_number, sex in sql(demo_db.path, "SELECT id_number, sex FROM persons WHERE id_valid"):
        assert normalize_id(id_number).sex == sex, id_number


def test_names_and_sexes_as_written_differ_only_in_planted_rows_and_the_dot_control(demo_db: DemoDb) -> None:
    written = sql(demo_db.path, f"""SELECT p.uid, p.written_name, r.name, p.written_sex, r.sex
        FROM {PAYMENT_PERSON} WHERE {LIVE} AND (p.written_name != r.name OR p.written_sex != r.sex)""")
    by_uid = {row[0]: row[1:] for row in written}
    cases = {c["payment_uid"]: c for c in demo_db.cases("NAME_ID_MISMATCH")}
    controls = {c["payment_uid"] for c in demo_db.manifest["negative_controls"] if c["rule"] == "NAME_ID_MISMATCH"}

    assert set(by_uid) == set(cases) | controls
    for uid in controls:
        written_name, name, _ws, _s = by_uid[uid]
        assert written_name != name and same_name(written_name, name)
    for uid, case in cases.items():
        written_name, name, written_sex, sex = by_uid[uid]
        if case["severity"] == "low":
            assert not same_name(written_name, name) and toneless_pinyin(written_name) == toneless_pinyin(name)
        else:
            assert (not same_name(written_name, name)) or written_sex != sex
            assert toneless_pinyin(written_name) != toneless_pinyin(name) or written_sex != sex
    assert {c["severity"] for c in cases.values()} == {"high", "low"}


def test_cards_held_by_someone_else_are_exactly_the_planted_people(demo_db: DemoDb) -> None:
    not_own = sql(demo_db.path, f"""SELECT DISTINCT r.id_number FROM {PAYMENT_PERSON}
        WHERE {LIVE} AND p.written_holder_id IS NOT NULL AND p.written_holder_id != r.id_number""")
    shared_others = {c["other_id_number"] for c in demo_db.cases("SHARED_ACCOUNT")}

    assert {i for (i,) in not_own} == _people(demo_db, "CARD_NOT_OWN") | shared_others
    for case in demo_db.cases("CARD_NOT_OWN"):
        holders = sql(demo_db.path, f"""SELECT DISTINCT p.written_holder_id FROM {PAYMENT_PERSON}
            WHERE r.id_number = ? AND g.code = 'MZ02'""", (case["id_number"],))
        assert holders == [(case["holder_id"],)]
        households = sql(demo_db.path, "SELECT DISTINCT household_id FROM persons WHERE id_number IN (?, ?)",
                         (case["id_number"], case["holder_id"]))
        assert len(households) == 1  # a family member's card


def test_household_program_on_the_heads_card_control_is_paid_to_the_head(demo_db: DemoDb) -> None:
    (control,) = [c for c in demo_db.manifest["negative_controls"] if c["rule"] == "CARD_NOT_OWN"]
    row = _one(demo_db.path, f"""SELECT g.household_based, p.written_holder_id, r.id_number, h.head_id_number
        FROM {PAYMENT_PERSON} JOIN households h ON h.id = r.household_id WHERE p.uid = ?""",
               (control["payment_uid"],))

    assert row[0] == 1 and row[1] == row[2] == row[3]


def test_only_the_planted_people_are_paid_on_more_than_one_account(demo_db: DemoDb) -> None:
    multi = sql(demo_db.path, f"""SELECT r.id_number, COUNT(DISTINCT p.account_id) FROM {PAYMENT_PERSON}
        WHERE {LIVE} AND p.account_id IS NOT NULL GROUP BY r.id_number HAVING COUNT(DISTINCT p.account_id) > 1""")

    assert dict(multi) == {c["id_number"]: c["cards"] for c in demo_db.cases("MULTI_CARD")}
    assert {c["cards"] for c in demo_db.cases("MULTI_CARD")} == {2, 3}


def test_only_the_planted_accounts_pay_several_people_of_different_households(demo_db: DemoDb) -> None:
    shared = sql(demo_db.path, f"""SELECT p.account_id, COUNT(DISTINCT r.household_id),
            GROUP_CONCAT(DISTINCT r.id_number) FROM {PAYMENT_PERSON}
        WHERE {LIVE} AND p.account_id IS NOT NULL GROUP BY p.account_id HAVING COUNT(DISTINCT p.person_id) > 1""")

    assert {frozenset(ids.split(",")) for _acc, _hh, ids in shared} == \
        {frozenset({c["id_number"], c["other_id_number"]}) for c in demo_db.cases("SHARED_ACCOUNT")}
    assert all(households == 2 for _acc, households, _ids in shared)


def test_one_township_uses_three_banks_and_every_other_at_most_two(demo_db: DemoDb) -> None:
    banks = dict(sql(demo_db.path, f"""SELECT p.township_code, COUNT(DISTINCT a.bank)
        FROM payments p JOIN bank_accounts a ON a.id = p.account_id WHERE {LIVE} GROUP BY p.township_code"""))
    (case,) = demo_db.cases("TOO_MANY_BANKS")

    assert banks.pop(case["township"]) == case["banks"] == 3
    assert len(banks) == 6 and max(banks.values()) <= 2


def test_duplicate_payments_are_exactly_the_planted_pairs_paid_on_different_days(demo_db: DemoDb) -> None:
    dups = sql(demo_db.path, f"""SELECT r.id_number, g.code, p.period_label, COUNT(*), COUNT(DISTINCT p.paid_date),
            GROUP_CONCAT(p.uid) FROM {PAYMENT_PERSON} WHERE {LIVE}
        GROUP BY r.id_number, g.code, p.period_label HAVING COUNT(*) > 1""")

    assert {(i, prog, per) for i, prog, per, *_ in dups} == \
        {(c["id_number"], c["program"], c["period"]) for c in demo_db.cases("DUPLICATE_PAYMENT")}
    assert all(n == 2 and days == 2 for _i, _g, _p, n, days, _u in dups)
    for case in demo_db.cases("DUPLICATE_PAYMENT"):
        first = _one(demo_db.path, "SELECT paid_date, remark FROM payments WHERE uid = ?", (case["payment_uid"],))
        twin = _one(demo_db.path, "SELECT paid_date, remark FROM payments WHERE uid = ?", (case["duplicate_uid"],))
        assert twin[1] == "补发" and first[1] is None and twin[0] > first[0]


@pytest.mark.parametrize("seed", [13, 63, 153])
def test_the_third_bank_stays_in_its_own_township_for_other_seeds(seed: int, tmp_path: Path) -> None:
    """Seeds where a shared card used to carry the third bank into a second township."""
    build_demo(tmp_path / "d.sqlite3", persons=600, seed=seed)
    banks = dict(sql(tmp_path / "d.sqlite3", f"""SELECT p.township_code, COUNT(DISTINCT a.bank)
        FROM payments p JOIN bank_accounts a ON a.id = p.account_id WHERE {LIVE} GROUP BY p.township_code"""))
    late = sql(tmp_path / "d.sqlite3", f"""SELECT COUNT(*) FROM {PAYMENT_PERSON}
        WHERE {LIVE} AND julianday(p.paid_date) > julianday(p.due_date) + g.grace_days""")

    assert {t for t, n in banks.items() if n > 2} == {"652323200"}
    assert late == [(3,)]


def _row(db: Path, query: str, *params: Any) -> tuple[Any, ...]:
    return _one(db, query, params)


def _payment(db: Path, uid: str) -> tuple[Any, ...]:
    return _row(db, f"SELECT p.id, p.person_id, p.period_start, p.paid_fen, g.code FROM {PAYMENT_PERSON} "
                    "WHERE p.uid = ?", uid)


def test_list_planted_cases_are_backed_by_the_lists(demo_db: DemoDb) -> None:
    """Each case planted through a list (SPEC §5) has the list record its rule will read."""
    db = demo_db.path
    for case in demo_db.cases("PAID_AFTER_DEATH"):
        _id, person, start, _paid, _code = _payment(db, case["payment_uid"])
        died = _row(db, "SELECT status_date FROM person_statuses WHERE person_id = ? AND status = 'death'", person)[0]
        assert died < start and died == case["died"]
    for case in demo_db.cases("PAID_AFTER_EXIT"):
        _id, person, start, _paid, _code = _payment(db, case["payment_uid"])
        left = _row(db, "SELECT status_date FROM person_statuses WHERE person_id = ? AND status != 'death'", person)[0]
        assert left < start
    for case in demo_db.cases("PUBLIC_EMPLOYEE"):
        _id, person, _s, _p, code = _payment(db, case["payment_uid"])
        assert code == "LC01" and _row(db, "SELECT COUNT(*) FROM public_employees WHERE person_id = ?", person)[0] == 1
    for case in demo_db.cases("CADRE_RELATIVE"):
        _id, person, *_ = _payment(db, case["payment_uid"])
        assert _row(db, "SELECT COUNT(*) FROM cadres WHERE person_id = ?", person)[0] == 1
    for case in demo_db.cases("ENTITLED_NOT_PAID"):
        person = _row(db, "SELECT id FROM persons WHERE uid = ?", case["person_uid"])[0]
        assert _row(db, "SELECT from_label FROM eligible_entries WHERE person_id = ?", person)[0] == "2018"
        assert _row(db, "SELECT COUNT(*) FROM payments p JOIN programs g ON g.id = p.program_id "
                        "WHERE p.person_id = ? AND g.code = 'WJ01' AND p.year = 2018", person)[0] == 0
    for case in demo_db.cases("FUNDS_NOT_DISBURSED"):
        allocated = _row(db, "SELECT amount_fen FROM fund_allocations a JOIN programs g ON g.id = a.program_id "
                             "WHERE g.code = ? AND a.org_code = ?", case["program"], case["township"])[0]
        paid = _row(db, f"SELECT SUM(p.paid_fen) FROM {PAYMENT_PERSON} WHERE g.code = ? AND p.year = 2018 "
                        "AND p.township_code = ? AND NOT p.voided", case["program"], case["township"])[0]
        assert allocated - paid == case["amount_fen"] > 0
    for case in demo_db.cases("UNISSUED_FUNDS"):
        pay_id = _payment(db, case["payment_uid"])[0]
        assert _row(db, "SELECT succeeded FROM bank_returns WHERE payment_id = ?", pay_id)[0] == 0
    for case in demo_db.cases("BANK_FEE"):
        pay_id, _person, _s, paid, _c = _payment(db, case["payment_uid"])
        amount, fee = _row(db, "SELECT amount_fen, fee_fen FROM bank_returns WHERE payment_id = ?", pay_id)
        assert fee > 0 or amount < paid
    for case in demo_db.cases("CARD_HELD_BY_OTHERS"):
        person = _payment(db, case["payment_uid"])[1]
        assert _row(db, "SELECT card_in_hand FROM field_checks WHERE person_id = ?", person)[0] == 0
