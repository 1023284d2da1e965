"""Money in fen and exact quantities (SPEC §5, §12)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yikatong_desktop.domain.money import amount_for, fen_to_yuan, format_yuan, parse_money, parse_quantity
from yikatong_desktop.domain.values_errors import ValueRejected

two_place_decimals = st.decimals(
    min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2, allow_nan=False
)
fens = st.integers(min_value=-(10**12), max_value=10**12)


# --- floats -------------------------------------------------------------------


def test_float_105_23_becomes_10523_fen_never_10522() -> None:
    assert parse_money(105.23) == 10523


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_two_decimal_float_becomes_fen_through_its_shortest_text(value: float) -> None:
    x = round(value, 2)
    assert parse_money(x) == int(Decimal(repr(x)) * 100)


@pytest.mark.parametrize("value, fen", [(1.005, 101), (13.72, 1372), (0.1 + 0.2, 30), (960.0, 96000)])
def test_float_with_more_places_rounds_half_up_on_its_shortest_text(value: float, fen: int) -> None:
    assert parse_money(value) == fen


@pytest.mark.parametrize("value", [float("inf"), float("-inf")])
def test_infinite_float_is_not_a_number(value: float) -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_money(value)
    assert caught.value.code == "money_not_a_number"


# --- ints and decimals --------------------------------------------------------


def test_int_is_yuan() -> None:
    assert parse_money(960) == 96000


def test_decimal_is_exact() -> None:
    assert parse_money(Decimal("1087.72")) == 108772
    assert parse_money(Decimal("0.005")) == 1
    assert parse_money(Decimal("-0.005")) == -1


@given(two_place_decimals)
def test_two_place_decimal_formatted_as_text_parses_back_exactly(amount: Decimal) -> None:
    fen = int(amount * 100)
    assert parse_money(f"{amount:,.2f}") == fen
    assert parse_money(f"{amount:.2f}元") == fen
    assert parse_money(str(amount)) == fen
    assert parse_money(amount) == fen


# --- text (sample quirks) -------------------------------------------------------


@pytest.mark.parametrize(
    "text, fen",
    [
        ("960.00元", 96000),
        ("1,920.00元", 192000),
        ("10,000.00", 1000000),
        ("1,087.72", 108772),
        ("1234.5元", 123450),
        ("1,234.50", 123450),
        ("￥12", 1200),
        ("¥12", 1200),
        ("¥ 12.5 元", 1250),
        ("  100 ", 10000),
        ("-1,234.50", -123450),
        ("-¥3", -300),
        ("１，２３４．５０", 123450),
        ("１２元", 1200),
        (".5", 50),
        ("12.", 1200),
        ("12.345", 1235),
        ("12.344", 1234),
        ("人民币100元", 10000),
    ],
)
def test_money_text_is_parsed(text: str, fen: int) -> None:
    assert parse_money(text) == fen


@pytest.mark.parametrize(
    "text", ["待核实", "", "abc", "   ", "12,34", "1,2345.00", "1.2.3", "--5", "5元元", "1e3", "万元"]
)
def test_text_that_is_not_a_number_is_rejected(text: str) -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_money(text)
    assert caught.value.code == "money_not_a_number"


def test_missing_value_is_money_empty() -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_money(None)
    assert caught.value.code == "money_empty"


@pytest.mark.parametrize("raw", [True, date(2018, 3, 5)])
def test_boolean_or_date_cell_is_not_money(raw: object) -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_money(raw)
    assert caught.value.code == "money_not_a_number"


def test_absurd_amounts_are_refused() -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_money(Decimal("1e30"))
    assert caught.value.code == "money_out_of_range"


# --- quantities -------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("12.5亩", Decimal("12.5")),
        ("12.5 亩", Decimal("12.5")),
        ("3头", Decimal("3")),
        ("1.00", Decimal("1.00")),
        ("1,234.5", Decimal("1234.5")),
        (1.1, Decimal("1.1")),
        (3, Decimal("3")),
        (Decimal("7.25"), Decimal("7.25")),
        ("１２．５亩", Decimal("12.5")),
    ],
)
def test_quantity_is_an_exact_decimal(raw: object, expected: Decimal) -> None:
    quantity = parse_quantity(raw)
    assert isinstance(quantity, Decimal)
    assert quantity == expected


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_float_quantity_uses_its_shortest_text(value: float) -> None:
    assert parse_quantity(value) == Decimal(repr(value))


@pytest.mark.parametrize("raw", ["亩", "abc", "12.5mu", "", "待核实"])
def test_quantity_that_is_not_a_number_is_rejected(raw: str) -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_quantity(raw)
    assert caught.value.code == "quantity_not_a_number"


def test_missing_quantity_is_quantity_empty() -> None:
    with pytest.raises(ValueRejected) as caught:
        parse_quantity(None)
    assert caught.value.code == "quantity_empty"


# --- formatting and amounts ---------------------------------------------------------


def test_fen_to_yuan_has_two_places() -> None:
    assert fen_to_yuan(12345) == Decimal("123.45")
    assert str(fen_to_yuan(100)) == "1.00"
    assert str(fen_to_yuan(-5)) == "-0.05"


@pytest.mark.parametrize(
    "fen, text", [(123450, "1,234.50"), (0, "0.00"), (5, "0.05"), (-123450, "-1,234.50")]
)
def test_format_yuan(fen: int, text: str) -> None:
    assert format_yuan(fen) == text


@given(fens)
def test_formatted_yuan_parses_back_to_the_same_fen(fen: int) -> None:
    assert parse_money(format_yuan(fen)) == fen


def test_amount_for_one_mu_at_105_23_is_10523_fen() -> None:
    assert amount_for(10523, parse_quantity(1.00)) == 10523


def test_amount_for_rounds_half_up_to_fen() -> None:
    assert amount_for(1372, Decimal("12.345")) == 16937  # 16937.34
    assert amount_for(1, Decimal("0.5")) == 1
    assert amount_for(1, Decimal("0.49")) == 0


@given(st.integers(min_value=0, max_value=10**7), st.integers(min_value=0, max_value=10**6))
def test_amount_for_whole_quantities_is_exact(standard: int, quantity: int) -> None:
    assert amount_for(standard, Decimal(quantity)) == standard * quantity
