"""Org units: levels, codes, group numbers and the Changji seed (SPEC §4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yikatong_desktop.domain._regions import CURRENT_REGION_CODES
from yikatong_desktop.domain.orgs import (
    CHANGJI_SEED,
    LEVEL_LABELS,
    OrgLevel,
    department_code,
    group_code,
    local_child_code,
    normalize_org_code,
    parse_group_number,
)
from yikatong_desktop.domain.values_errors import ValueRejected

CHINESE = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}


def chinese_numeral(n: int) -> str:
    tens, units = divmod(n, 10)
    text = ("" if tens == 0 else ("十" if tens == 1 else CHINESE[tens] + "十")) + (
        CHINESE[units] if units else ""
    )
    return text


def test_every_level_has_a_chinese_label() -> None:
    assert set(LEVEL_LABELS) == set(OrgLevel)
    assert LEVEL_LABELS[OrgLevel.TOWNSHIP] == "乡镇（街道）"


@pytest.mark.parametrize(
    "raw, number",
    [
        ("3组", 3), ("三组", 3), ("第三组", 3), ("3", 3), ("十二组", 12), ("第12组", 12), ("一组", 1),
        ("1组", 1), ("第一组", 1), ("二十三组", 23), ("第十组", 10), ("３组", 3), (" 3 组 ", 3),
        ("三村民小组", 3), ("第3小组", 3), (3, 3), (3.0, 3), ("03组", 3),
    ],
)  # fmt: skip
def test_group_spellings(raw: object, number: int) -> None:
    assert parse_group_number(raw) == number


@given(st.integers(min_value=1, max_value=99))
def test_every_group_number_reads_the_same_in_digits_and_chinese(n: int) -> None:
    for text in (f"{n}组", f"第{n}组", f"{chinese_numeral(n)}组", f"第{chinese_numeral(n)}组", str(n)):
        assert parse_group_number(text) == n, text


@pytest.mark.parametrize(
    "raw", [None, "", "组", "0组", "零组", "二二组", "十十组", "东组", "3.5", 3.5, True, "A组"]
)
def test_unreadable_groups_are_rejected(raw: object) -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_group_number(raw)
    assert caught.value.code == "group_unparseable"


def test_twelve_digit_code_ending_000_is_its_township_code() -> None:
    assert normalize_org_code("652323100000") == "652323100"


def test_twelve_digit_code_ending_000000_is_its_county_code() -> None:
    assert normalize_org_code("652323000000") == "652323"


def test_other_codes_are_only_trimmed() -> None:
    assert normalize_org_code(" 652323100201 ") == "652323100201"
    assert normalize_org_code("652323") == "652323"
    assert normalize_org_code("652323-MZ") == "652323-MZ"


def test_department_code_is_parent_dash_program_prefix() -> None:
    assert department_code("652323", "MZ02") == "652323-MZ"
    assert department_code("652300", "wj01") == "652300-WJ"


def test_department_code_needs_a_program_code_with_letters() -> None:
    with pytest.raises(ValueError):
        department_code("652323", "02")


def test_group_code_is_village_dash_number() -> None:
    assert group_code("652323100201", 3) == "652323100201-3"


def test_local_township_code_has_nine_digits() -> None:
    assert local_child_code("652323", 3, OrgLevel.TOWNSHIP) == "652323003"


def test_local_village_code_has_twelve_digits() -> None:
    assert local_child_code("652323003", 12, OrgLevel.VILLAGE) == "652323003012"


def test_local_group_code_is_a_group_code() -> None:
    assert local_child_code("652323003012", 3, OrgLevel.GROUP) == "652323003012-3"


@pytest.mark.parametrize(
    "parent, sequence, level",
    [
        ("652323100", 1, OrgLevel.TOWNSHIP),
        ("652323", 1, OrgLevel.VILLAGE),
        ("652323", 0, OrgLevel.TOWNSHIP),
        ("652323", 1000, OrgLevel.TOWNSHIP),
        ("652300", 1, OrgLevel.COUNTY),
    ],
)
def test_local_codes_refuse_wrong_parents_sequences_and_levels(
    parent: str, sequence: int, level: OrgLevel
) -> None:
    with pytest.raises(ValueError):
        local_child_code(parent, sequence, level)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=1, max_value=999))
def test_local_codes_are_distinct_and_have_official_lengths(township: int, village: int) -> None:
    township_code = local_child_code("652323", township, OrgLevel.TOWNSHIP)
    village_code = local_child_code(township_code, village, OrgLevel.VILLAGE)
    assert len(township_code) == 9 and len(village_code) == 12
    assert village_code.startswith(township_code)
    assert int(village_code[-3:]) == village and int(township_code[-3:]) == township


def test_changji_seed_has_the_prefecture_counties_and_zones() -> None:
    by_name = {org.name: org for org in CHANGJI_SEED}
    assert by_name["昌吉回族自治州"].code == "652300"
    assert by_name["昌吉回族自治州"].level is OrgLevel.PREFECTURE
    counties = {org.code for org in CHANGJI_SEED if org.level is OrgLevel.COUNTY and len(org.code) == 6}
    assert counties == {"652301", "652302", "652323", "652324", "652325", "652327", "652328"}
    assert counties <= CURRENT_REGION_CODES
    for zone in ("昌吉国家高新技术产业开发区", "昌吉国家农业科技园区"):
        assert by_name[zone].level is OrgLevel.COUNTY
        assert len(by_name[zone].code) == 9


def test_changji_seed_is_a_tree_under_the_prefecture() -> None:
    codes = [org.code for org in CHANGJI_SEED]
    assert len(codes) == len(set(codes))
    assert [org for org in CHANGJI_SEED if org.parent_code is None] == [CHANGJI_SEED[0]]
    assert all(org.parent_code == "652300" for org in CHANGJI_SEED[1:])
