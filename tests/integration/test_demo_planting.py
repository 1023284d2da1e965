"""The demo's planted cases hold for every seed, not just the ones other tests build."""

from __future__ import annotations

import pytest

from yikatong_desktop.domain.ids import normalize_id
from yikatong_desktop.services.demo import MIN_PERSONS, Demo
from yikatong_desktop.services.demo_plant import Planter

RULES = {"LATE_PAYMENT", "UNDERPAID", "OVER_STANDARD", "OUT_OF_SCOPE", "CASH_PAYMENT", "INVALID_ID",
         "NAME_ID_MISMATCH", "CARD_NOT_OWN", "MULTI_CARD", "TOO_MANY_BANKS", "SHARED_ACCOUNT", "DUPLICATE_PAYMENT",
         # through the other lists (demo_lists)
         "PAID_AFTER_DEATH", "PAID_AFTER_EXIT", "PUBLIC_EMPLOYEE", "CADRE_RELATIVE", "ENTITLED_NOT_PAID",
         "FUNDS_NOT_DISBURSED", "UNISSUED_FUNDS", "BANK_FEE", "CARD_HELD_BY_OTHERS"}


def _planted(seed: int, persons: int) -> dict[str, object]:
    demo = Demo(seed, persons)
    demo.build_places_and_people()
    demo.build_payments()
    return Planter(demo).plant()


@pytest.mark.parametrize("seed", range(1, 31))
def test_every_rule_gets_planted_cases_from_the_smallest_allowed_demo_on(seed: int) -> None:
    manifest = _planted(seed, MIN_PERSONS)
    assert {c["rule"] for c in manifest["planted"]} == RULES  # type: ignore[union-attr,index]
    assert manifest["not_planted"] == []  # NOT_PUBLICISED is planted once the roster is written (demo_notices)


def test_a_tiny_county_plants_what_it_can_without_failing() -> None:
    manifest = _planted(5, 100)
    assert manifest["planted"]


@pytest.mark.parametrize("seed", range(1, 41))
def test_planted_invalid_ids_are_stored_as_written_never_taken_for_excel_damage(seed: int) -> None:
    manifest = _planted(seed, 150)
    invalid = [c["id_number"] for c in manifest["planted"] if c["rule"] == "INVALID_ID"]
    assert len(invalid) == 3
    for value in invalid:
        parsed = normalize_id(value)  # raises if the importer would reject the row
        assert not parsed.valid and parsed.value == value
