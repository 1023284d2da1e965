"""Bank account numbers: normalisation, Excel damage, masking, Luhn (SPEC §5)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yikatong_desktop.domain.accounts import luhn_check_digit, luhn_ok, mask_account, normalize_account
from yikatong_desktop.domain.values_errors import ValueRejected

CARD = "6217001666132229635"  # a sample card: 19 digits, passes Luhn


def luhn_digit(body: str) -> str:
    total = 0
    for i, char in enumerate(reversed(body)):
        digit = int(char)
        if i % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


accounts = st.text(alphabet="0123456789", min_size=8, max_size=32)


def test_plain_account_is_kept() -> None:
    assert normalize_account(CARD) == CARD


def test_spaces_every_four_digits_are_removed() -> None:
    assert normalize_account("6217 0016 6613 2229 635") == CARD


@pytest.mark.parametrize(
    "raw",
    [
        f"\u00a0{CARD} ",
        f"'{CARD}",
        f"\u2019{CARD}",
        f"{CARD[:8]}\u200b{CARD[8:]}",
        CARD.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
        "6217-0016-6613-2229-635",
        f"\t{CARD}",
    ],
)
def test_spreadsheet_noise_is_removed(raw: str) -> None:
    assert normalize_account(raw) == CARD


@given(accounts)
def test_any_8_to_32_digit_text_round_trips(account: str) -> None:
    assert normalize_account(account) == account
    grouped = " ".join(account[i : i + 4] for i in range(0, len(account), 4))
    assert normalize_account(grouped) == account


@pytest.mark.parametrize(
    "raw", [6.22848e18, 6217001666132229635, float(int(CARD[:15] + "0000")), Decimal(CARD)]
)
def test_numeric_cell_account_is_rejected_as_excel_damage(raw: object) -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_account(raw)
    assert caught.value.code == "account_excel_damaged"
    assert "文本格式" in caught.value.message_zh


@pytest.mark.parametrize("text", ["6.22848E+18", "6.217E+18", "6.22848e18", "6217001666132220000.0"])
def test_scientific_notation_text_account_is_rejected_as_excel_damage(text: str) -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_account(text)
    assert caught.value.code == "account_excel_damaged"


@pytest.mark.parametrize("raw", ["1234567", "1" * 33, "6217abc666132229635", "无", "现金"])
def test_text_that_is_not_an_account_is_rejected(raw: str) -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_account(raw)
    assert caught.value.code == "account_not_an_account"


@pytest.mark.parametrize("raw", [None, "", "  ", float("nan")])
def test_empty_account_is_its_own_rejection(raw: object) -> None:
    with pytest.raises(ValueRejected) as caught:
        normalize_account(raw)
    assert caught.value.code == "account_empty"


def test_mask_shows_first_four_and_last_four() -> None:
    assert mask_account(CARD) == "6217***9635"


@pytest.mark.parametrize("value", ["", "12345678", "1234"])
def test_mask_of_eight_digits_or_fewer_hides_everything(value: str) -> None:
    assert mask_account(value) == "*" * len(value)


def test_luhn_accepts_sample_cards() -> None:
    assert luhn_ok(CARD)
    assert luhn_ok("6228480402564890018")


def test_luhn_rejects_a_changed_digit_and_non_digits() -> None:
    assert not luhn_ok(CARD[:-1] + str((int(CARD[-1]) + 1) % 10))
    assert not luhn_ok("6217abc")
    assert not luhn_ok("")


@given(st.text(alphabet="0123456789", min_size=7, max_size=31))
def test_luhn_accepts_any_body_with_its_check_digit(body: str) -> None:
    assert luhn_ok(body + luhn_digit(body))


@given(st.text(alphabet="0123456789", min_size=1, max_size=30))
def test_luhn_check_digit_completes_any_body(body: str) -> None:
    digit = luhn_check_digit(body)
    assert digit == luhn_digit(body)
    assert luhn_ok(body + digit)
