"""Header cells as departments write them, and where the header sits (SPEC §5)."""

from __future__ import annotations

import pytest

from yikatong_desktop.domain.headers import SYNONYMS, TEMPLATE, Field, field_for, find_header, normalize_header


@pytest.mark.parametrize(("text", "field"), [
    ("身份证号", Field.ID_NUMBER), ("身份证号码", Field.ID_NUMBER), ("公民身份号码", Field.ID_NUMBER),
    ("证件号码", Field.ID_NUMBER), ("银行账号", Field.ACCOUNT), ("卡号", Field.ACCOUNT), ("账号", Field.ACCOUNT),
    ("一卡通账号", Field.ACCOUNT), ("实发金额", Field.PAID), ("发放金额", Field.PAID), ("金额(元)", Field.PAID),
    ("金额（元）", Field.PAID), ("补助金额\n（元）", Field.PAID), ("发放标准\n(元/月)", Field.STANDARD),
    ("补贴标准（元/亩）", Field.STANDARD), ("种植面积（亩）", Field.QUANTITY), ("计税面积(亩)", Field.QUANTITY),
    (" 姓  名 ", Field.NAME), ("村(社区)", Field.VILLAGE), ("村（社区）", Field.VILLAGE), ("发放时间", Field.PAID_DATE),
])
def test_the_usual_names_of_a_column_are_recognised(text: str, field: Field) -> None:
    assert field_for(text) is field


def test_every_template_header_maps_to_its_own_field() -> None:
    assert all(field_for(title) is field for field, title in TEMPLATE)
    assert {f for f, _ in TEMPLATE} == set(Field) == set(SYNONYMS)


def test_unknown_and_empty_headers_are_nothing() -> None:
    assert field_for(None) is None and field_for("") is None and field_for("户主签字") is None
    assert normalize_header("发放标准\n(元/月)") == "发放标准"


def test_a_header_under_titles_and_a_group_title_over_two_sub_headers() -> None:
    rows = [
        ["2018年3月高龄津贴发放花名册", "2018年3月高龄津贴发放花名册", "2018年3月高龄津贴发放花名册", None],
        ["姓名", "身份证号码", "发放情况", "发放情况"],
        [None, None, "发放金额", "发放日期"],
        ["张三", "652323195603121239", 100, "2018-03-28"],
    ]
    header = find_header(rows)
    assert header is not None and (header.first_row, header.last_row, header.data_start) == (1, 2, 3)
    assert header.columns == {0: Field.NAME, 1: Field.ID_NUMBER, 2: Field.PAID, 3: Field.PAID_DATE}


def test_a_header_merged_over_two_rows_counts_both_rows() -> None:
    rows = [["姓名", "身份证号", "金额"], ["姓名", "身份证号", "金额"], ["李四", "652323195603121239", 5]]
    header = find_header(rows)
    assert header is not None and (header.first_row, header.last_row) == (0, 1)


def test_no_header_without_the_required_columns() -> None:
    assert find_header([["序号", "乡镇", "金额"], [1, "大丰镇", 100]]) is None
    assert find_header([]) is None
