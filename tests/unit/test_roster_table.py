"""Rows parsed column by column come out exactly as `parse_roster_row` makes them, one at a time (SPEC §5)."""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import Any

import pytest

from yikatong_desktop.domain.headers import Field
from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.domain.periods import parse_period
from yikatong_desktop.domain.roster_rows import RosterRow, RowRejected, parse_roster_row
from yikatong_desktop.domain.roster_table import RosterTable
from yikatong_desktop.domain.values_errors import ValueRejected

ID = "65232319500101123" + compute_check_char("65232319500101123")
BAD_SUM = ID[:17] + ("1" if ID[17] != "1" else "2")
OLD = "652326500101123"  # 15 digits, an abolished region

#: What each column may hold: good values, repeated values, values that reject the row, and empty cells.
POOL: dict[Field, list[Any]] = {
    Field.NAME: ["王芳", " 买买提 • 艾力 ", "", None, "李 强", 12],
    Field.ID_NUMBER: [ID, ID.lower(), f"'{ID}", BAD_SUM, OLD, 652323195001011234, "6.52323E+17", "", "abc"],
    Field.PROGRAM: ["耕地地力保护补贴", "NY01", None, " "],
    Field.PERIOD: ["2018", "2018-03", "2018Q1", "201813", None, 2018, 2018.0],
    Field.YEAR: ["2018", 2019, "两千", None],
    Field.PAID: ["105.23", 105.23, "1,234.50", "1234.5元", "十元", None, 0, True],
    Field.DUE: ["105.23", None, "x"],
    Field.QUANTITY: ["1.5", 1.5, 2, "多", None],
    Field.STANDARD: ["960元/年", 105.23, "每亩", None],
    Field.DUE_DATE: ["2018-06-30", 43281, 43281.0, date(2018, 6, 30), datetime(2018, 6, 30), "明天", None],
    Field.PAID_DATE: ["2018/6/15", "20180615", "2018年6月15日", None, "x"],
    Field.ACCOUNT: ["6228 4800 1234 5678 901", "'6228480012345678901", 6228480012345678901, "12ab", None],
    Field.METHOD: ["一卡通", "现金", "代发", "别的", None],
    Field.BANK: ["中国农业银行", None],
    Field.HOLDER_NAME: ["王芳", "·", None],
    Field.HOLDER_ID: [ID, "", None, "123"],
    Field.HEAD_NAME: ["王大", None],
    Field.HEAD_ID: [ID, OLD, None, "x"],
    Field.GROUP: ["3组", "第三组", 3, 3.0, "东边", None],
    Field.TOWNSHIP: ["镇1", None],
    Field.VILLAGE: ["村1", None, 5],
    Field.HOUSEHOLD_NO: ["H000001", 1.0, None],
    Field.SEX: ["男", None],
    Field.ETHNICITY: ["汉族", None],
    Field.PHONE: ["１３８９９９１２３４５", 13899912345, None],
    Field.REMARK: ["现金发放", "", None],
}


def one_at_a_time(rows: list[dict[Field, Any]], **given: Any) -> list[Any]:
    out: list[Any] = []
    for cells in rows:
        try:
            out.append(parse_roster_row(cells, **given))
        except RowRejected as exc:
            out.append(("rejected", exc.column, exc.message_zh))
        except ValueRejected as exc:
            out.append(("failed", exc.message_zh))
    return out


def column_by_column(rows: list[dict[Field, Any]], chunk: int, **given: Any) -> list[Any]:
    table = RosterTable(**given)
    out: list[Any] = []
    for start in range(0, len(rows), chunk):
        part = rows[start:start + chunk]
        columns = {f: [r.get(f) for r in part] for f in POOL}
        try:
            parsed = table.parse(columns, len(part))
        except ValueRejected:  # unguarded failures stop the whole parse; compare row by row instead
            parsed = []
            for r in part:
                try:
                    parsed.extend(table.parse({f: [r.get(f)] for f in POOL}, 1))
                except ValueRejected as exc:
                    parsed.append(exc)
        for item in parsed:
            if isinstance(item, RowRejected):
                out.append(("rejected", item.column, item.message_zh))
            elif isinstance(item, ValueRejected):
                out.append(("failed", item.message_zh))
            else:
                assert isinstance(item, RosterRow)
                out.append(item)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("given", [{}, {"program": "NY01", "period": parse_period("2018")}])
def test_columns_parse_every_row_as_parse_roster_row_does(seed: int, given: dict[str, Any]) -> None:
    rng = random.Random(seed)
    rows = [{f: values[0] if rng.random() < 0.8 else rng.choice(values) for f, values in POOL.items()
             if rng.random() < 0.95} for _ in range(1000)]
    expected = one_at_a_time(rows, **given)
    assert column_by_column(rows, 250, **given) == expected
    assert sum(isinstance(e, RosterRow) for e in expected) > 20  # the pool makes good rows too


def test_a_clean_roster_repeats_its_values_and_gets_the_same_rows() -> None:
    row = {Field.NAME: "王芳", Field.ID_NUMBER: ID, Field.PROGRAM: "耕地地力保护补贴", Field.YEAR: "2018",
           Field.PAID: "105.23", Field.PAID_DATE: "2018-06-15", Field.ACCOUNT: "6228480012345678901"}
    rows = [row] * 50
    assert column_by_column(rows, 7) == one_at_a_time(rows)
