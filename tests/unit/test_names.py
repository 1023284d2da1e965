"""Names: middle dots, spacing, comparison keys and pinyin (SPEC §5, §6)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yikatong_desktop.domain.names import (
    DOT_VARIANTS,
    name_key,
    normalize_name,
    pinyin_sort_key,
    same_name,
    toneless_pinyin,
)
from yikatong_desktop.domain.values_errors import ValueRejected

han = st.text(alphabet="买提艾力古丽阿依努尔王李张刘马哈萨克别", min_size=1, max_size=5)
dots = st.sampled_from(list(DOT_VARIANTS))
spaces = st.sampled_from(["", " ", "  ", "\u00a0", "\u3000", "\t"])


@pytest.mark.parametrize(
    "dot",
    ["\u00b7", "\u2022", ".", "\u30fb", "\uff0e", "\u3002", "\u2027", "\uff65", "\u2219", "\u22c5", "\u25cf"],
)
def test_every_dot_variant_becomes_the_middle_dot(dot: str) -> None:
    assert normalize_name(f"买买提{dot}艾力") == "买买提·艾力"


@given(first=han, second=han, dot=dots, before=spaces, after=spaces)
def test_dot_variants_with_spaces_all_normalise_to_the_same_value(
    first: str, second: str, dot: str, before: str, after: str
) -> None:
    assert normalize_name(f" {first}{before}{dot}{after}{second} ") == f"{first}·{second}"


def test_bullet_from_the_elderly_roster_is_stored_as_middle_dot() -> None:
    assert normalize_name("古丽巴哈尔•哈孜别克") == "古丽巴哈尔·哈孜别克"


def test_full_width_full_stop_from_the_ranger_csv_is_stored_as_middle_dot() -> None:
    assert normalize_name("巴合提古丽．马合沙提") == "巴合提古丽·马合沙提"


def test_trailing_space_is_trimmed() -> None:
    assert normalize_name("谢新民 ") == "谢新民"


def test_spaces_between_chinese_characters_are_removed() -> None:
    assert normalize_name("王  小\u3000明") == "王小明"


def test_single_spaces_between_latin_words_are_kept() -> None:
    assert normalize_name("  John   Smith ") == "John Smith"


def test_repeated_dots_collapse_and_edge_dots_are_dropped() -> None:
    assert normalize_name("·艾力··买买提·") == "艾力·买买提"


def test_zero_width_characters_are_removed() -> None:
    assert normalize_name("王\u200b小明") == "王小明"


@pytest.mark.parametrize("raw", [None, "", "   ", "·", " . "])
def test_empty_name_is_rejected(raw: object) -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_name(raw)
    assert caught.value.code == "name_empty"


@given(first=han, second=han, dot=dots, before=spaces, after=spaces)
def test_names_differing_only_in_dots_and_spaces_are_the_same(
    first: str, second: str, dot: str, before: str, after: str
) -> None:
    assert same_name(f"{first}·{second}", f"{first}{before}{dot}{after}{second}")
    assert name_key(f"{first}{dot}{second}") == first + second


def test_bank_return_name_with_full_stop_is_the_same_person() -> None:
    assert same_name("阿依古丽·吐尔逊", "阿依古丽.吐尔逊")


def test_different_names_are_not_the_same() -> None:
    assert not same_name("买买提", "麦麦提")
    assert not same_name("王小明", "王晓明")


def test_name_key_ignores_latin_case() -> None:
    assert name_key("John Smith") == name_key("JOHN SMITH")


def test_same_toneless_pinyin_for_transcription_variants() -> None:
    assert toneless_pinyin("买买提") == "mai mai ti"
    assert toneless_pinyin("麦麦提") == "mai mai ti"


def test_toneless_pinyin_ignores_dots() -> None:
    assert toneless_pinyin("买买提·艾力") == toneless_pinyin("买买提.艾力") == "mai mai ti ai li"


def test_pinyin_sort_key_is_lower_case_toneless_syllables() -> None:
    assert pinyin_sort_key("王小明") == "wang xiao ming"


def test_pinyin_sort_key_keeps_non_han_text() -> None:
    assert pinyin_sort_key("买买提·艾力") == "mai mai ti · ai li"
    assert pinyin_sort_key("Ali 王") == "ali wang"


def test_pinyin_sort_key_orders_by_pronunciation_not_code_point() -> None:
    names = ["张三", "阿依古丽", "王五", "李四"]
    assert sorted(names, key=pinyin_sort_key) == ["阿依古丽", "李四", "王五", "张三"]
