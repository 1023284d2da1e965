"""Citizen ID numbers: normalisation, checks, rejections, masking (SPEC §5)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yikatong_desktop.domain._regions import CURRENT_REGION_CODES
from yikatong_desktop.domain.ids import (
    CitizenId,
    compute_check_char,
    is_valid_id,
    mask_id,
    normalize_id,
)
from yikatong_desktop.domain.values_errors import ValueRejected

FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def make_id(region: str, birth: date, sequence: int) -> str:
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + compute_check_char(first17)


def broken_check(id18: str) -> str:
    """The same ID with another (well-formed) check character that does not end in 000."""
    return id18[:17] + next(c for c in "123456789X" if c != id18[17])


births = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
births_19xx = st.dates(min_value=date(1900, 1, 1), max_value=date(1999, 12, 31))
regions = st.sampled_from(sorted(code for code in CURRENT_REGION_CODES if not code.endswith("00")))
sequences = st.integers(min_value=0, max_value=999)


# --- checksum ---------------------------------------------------------------


def test_check_character_follows_gb11643_weights() -> None:
    assert compute_check_char("11010519491231002") == "X"
    assert compute_check_char("65232319341010314") == "X"
    assert compute_check_char("65230119340629134") == "6"


def test_check_character_needs_17_ascii_digits() -> None:
    with pytest.raises(ValueError):
        compute_check_char("1234")
    with pytest.raises(ValueError):
        compute_check_char("٦٥٢٣٢٣١٩٣٤١٠١٠٣١٤")  # Arabic-Indic digits


@given(region=regions, birth=births, sequence=sequences)
def test_any_body_with_its_computed_check_char_round_trips_as_valid(
    region: str, birth: date, sequence: int
) -> None:
    value = make_id(region, birth, sequence)
    citizen = normalize_id(value)
    assert citizen == CitizenId(value, valid=True, problems=(), warnings=())
    assert citizen.birth_date == birth
    assert citizen.sex == ("男" if sequence % 2 else "女")
    assert citizen.region_code == region
    assert is_valid_id(value)


@given(region=regions, birth=births, sequence=sequences)
def test_wrong_check_char_is_kept_as_written_and_marked_invalid(
    region: str, birth: date, sequence: int
) -> None:
    value = broken_check(make_id(region, birth, sequence))
    if value.endswith("000"):
        return  # the Excel-damage case, tested on its own
    citizen = normalize_id(value)
    assert citizen.value == value
    assert not citizen.valid
    assert citizen.problems == ("checksum",)
    assert not is_valid_id(value)


# --- 15-digit IDs -------------------------------------------------------------


@given(region=regions, birth=births_19xx, sequence=sequences)
def test_fifteen_digit_id_converts_to_18_keeping_birth_date_and_sex(
    region: str, birth: date, sequence: int
) -> None:
    id15 = f"{region}{birth:%y%m%d}{sequence:03d}"
    citizen = normalize_id(id15)
    assert citizen.valid
    assert citizen.value == make_id(region, birth, sequence)
    assert citizen.birth_date == birth
    assert citizen.sex == ("男" if sequence % 2 else "女")
    assert "converted_from_15" in citizen.warnings


def test_fifteen_digit_samples_convert_to_their_18_digit_ids() -> None:
    assert normalize_id("652323451217844").value == "652323194512178446"
    assert normalize_id("652301561024898").value == "652301195610248985"


def test_fifteen_digit_text_with_impossible_date_is_not_an_id() -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_id("652323451317844")  # month 13
    assert caught.value.code == "id_not_an_id"


# --- date problems ---------------------------------------------------------------


def test_impossible_birth_date_is_kept_and_marked_invalid() -> None:
    first17 = "65232319370230820"  # 30 February
    citizen = normalize_id(first17 + compute_check_char(first17))
    assert not citizen.valid
    assert citizen.problems == ("date",)
    assert citizen.birth_date is None


def test_birth_year_outside_1880_to_2100_is_a_date_problem() -> None:
    first17 = "65232318790101001"
    citizen = normalize_id(first17 + compute_check_char(first17))
    assert citizen.problems == ("date",)


def test_checksum_and_date_problems_are_both_reported() -> None:
    first17 = "65232319371332820"
    value = broken_check(first17 + compute_check_char(first17))
    assert normalize_id(value).problems == ("checksum", "date")


# --- cleaning (sample quirks) -----------------------------------------------------


def test_lower_case_x_becomes_upper_case() -> None:
    assert normalize_id("65232319341010314x").value == "65232319341010314X"


def test_nbsp_and_trailing_space_are_removed() -> None:
    assert normalize_id("\u00a0652323193710098207 ").value == "652323193710098207"


def test_leading_tab_is_removed() -> None:
    assert normalize_id("\t652323196609300785").value == "652323196609300785"


def test_zero_width_space_inside_is_removed() -> None:
    assert normalize_id("652324\u200b194011306880").value == "652324194011306880"


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\ufeff"])
def test_every_zero_width_character_is_removed(invisible: str) -> None:
    assert normalize_id(f"{invisible}6523231956{invisible}07097037").value == "652323195607097037"


def test_full_width_digits_become_ascii() -> None:
    assert normalize_id("６５２３２３１９５６０７０９７０３７").value == "652323195607097037"
    assert normalize_id("65232319341010314ｘ").value == "65232319341010314X"


@pytest.mark.parametrize("quote", ["'", "\u2019", "\u2018"])
def test_leading_apostrophe_is_removed(quote: str) -> None:
    assert normalize_id(f"{quote}652323195111044986").value == "652323195111044986"


def test_spaces_inside_the_number_are_removed() -> None:
    assert normalize_id("652323 19560709 7037").value == "652323195607097037"


@given(region=regions, birth=births, sequence=sequences)
def test_full_width_and_noise_variants_normalise_to_the_same_id(
    region: str, birth: date, sequence: int
) -> None:
    value = make_id(region, birth, sequence)
    for variant in (
        value.translate(FULL_WIDTH),
        f"'{value.lower()}",
        f"\u00a0{value[:6]}\u200b{value[6:]}\t",
        " ".join(value[i : i + 4] for i in range(0, 18, 4)),
    ):
        assert normalize_id(variant).value == value


# --- rejections -------------------------------------------------------------------


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0", "'", float("nan")])
def test_empty_id_is_rejected(raw: object) -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_id(raw)
    assert caught.value.code == "id_empty"


@pytest.mark.parametrize(
    "raw",
    [
        652323195212183299,  # an int cell that still "looks fine"
        6.52323195212183e17,  # numeric cell, General format
        float(int("652301195208070" + "000")),  # numeric cell with format 0
        Decimal("652323195212183299"),
    ],
)
def test_numeric_cell_id_is_rejected_as_excel_damage(raw: object) -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_id(raw)
    assert caught.value.code == "id_excel_damaged"
    assert "文本格式" in caught.value.message_zh


@pytest.mark.parametrize(
    "text", ["6.52323E+17", "6.52324E+17", "6.52323e17", "6.52323E17", "652323195212183000.0"]
)
def test_scientific_notation_text_is_rejected_as_excel_damage(text: str) -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_id(text)
    assert caught.value.code == "id_excel_damaged"


def test_eighteen_digits_ending_000_that_fail_checksum_are_excel_damage() -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_id("652323195212183000")
    assert caught.value.code == "id_excel_damaged"


def test_eighteen_digits_ending_000_with_a_good_checksum_are_a_real_id() -> None:
    assert compute_check_char("65232319521206300") == "0"
    assert normalize_id("652323195212063000").valid


@pytest.mark.parametrize(
    "raw",
    [
        "6523241980",
        "无",
        "不详",
        "65232319521218329",
        "6523231952121832999",
        "65232319X212183299",
        "ABCDEFGHIJKLMNOPQR",
    ],
)
def test_text_that_is_not_an_id_is_rejected(raw: str) -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_id(raw)
    assert caught.value.code == "id_not_an_id"


def test_rejection_of_a_truncated_id_does_not_echo_its_digits() -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_id("6523241980")
    assert "6523241980" not in caught.value.message_zh
    assert "10位" in caught.value.message_zh


@pytest.mark.parametrize("raw", [True, date(2018, 3, 5), datetime(2018, 3, 5, 8, 0)])
def test_boolean_and_date_cells_are_not_ids(raw: object) -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_id(raw)
    assert caught.value.code == "id_not_an_id"


def test_rejection_is_a_value_error_with_code_and_chinese_message() -> None:
    with pytest.raises(ValueError) as caught:
        normalize_id("无")
    assert isinstance(caught.value, ValueRejected)
    assert caught.value.code == "id_not_an_id"
    assert "身份证号" in caught.value.message_zh


def test_is_valid_id_is_false_for_rejected_values() -> None:
    assert not is_valid_id(None)
    assert not is_valid_id(652323195212183299)
    assert not is_valid_id("6.52323E+17")


# --- regions ------------------------------------------------------------------------


def test_abolished_changji_region_is_a_warning_not_a_problem() -> None:
    citizen = normalize_id("652322193301091913")
    assert citizen.valid
    assert citizen.problems == ()
    assert citizen.warnings == ("abolished_region",)


@pytest.mark.parametrize("code", ["652301", "652302", "652323", "652324", "652325", "652327", "652328"])
def test_current_changji_counties_give_no_warning(code: str) -> None:
    assert code in CURRENT_REGION_CODES
    assert normalize_id(make_id(code, date(1950, 5, 6), 123)).warnings == ()


@pytest.mark.parametrize("code", ["652322", "652326"])
def test_abolished_changji_codes_are_not_current(code: str) -> None:
    assert code not in CURRENT_REGION_CODES
    assert normalize_id(make_id(code, date(1950, 5, 6), 123)).warnings == ("abolished_region",)


def test_converted_id_with_abolished_region_carries_both_warnings() -> None:
    assert normalize_id("652326500101123").warnings == ("converted_from_15", "abolished_region")


def test_region_list_is_recent_and_of_plausible_size() -> None:
    assert {"653228", "653229", "659012"} <= CURRENT_REGION_CODES  # set up 2023–2024
    assert 3000 < len(CURRENT_REGION_CODES) < 3600
    assert all(len(code) == 6 and code.isdigit() for code in CURRENT_REGION_CODES)


# --- masking --------------------------------------------------------------------------


def test_mask_shows_first_six_and_last_four() -> None:
    assert mask_id("652301193406291233") == "652301********1233"


def test_mask_works_for_any_length_of_ten_or_more() -> None:
    assert mask_id("6523011934") == "6523011934"[:6] + "1934"
    assert mask_id("652301193406291") == "652301*****6291"


@pytest.mark.parametrize("value", ["", "1", "123456789"])
def test_mask_of_short_values_is_all_asterisks(value: str) -> None:
    assert mask_id(value) == "*" * len(value)


def test_repr_never_shows_the_full_id() -> None:
    citizen = normalize_id("652301193406291346")
    assert "652301193406291346" not in repr(citizen)
    assert citizen.masked == "652301********1346"


def test_sex_comes_from_the_seventeenth_digit() -> None:
    assert normalize_id("65232419370909415X").sex == "男"
    assert normalize_id("652301193406291346").sex == "女"
