"""A person entered by hand is read as a roster row's person columns are (SPEC §5)."""

from __future__ import annotations

import pytest

from yikatong_desktop.domain.headers import Field
from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.domain.privacy import mask_phone
from yikatong_desktop.domain.roster_rows import RowRejected, parse_person_row, parse_roster_row

ID = "65232319500101123" + compute_check_char("65232319500101123")


def test_person_columns_read_the_same_as_in_a_roster_row() -> None:
    cells = {Field.NAME: " 买买提 • 艾力 ", Field.ID_NUMBER: f"'{ID.lower()}", Field.PHONE: "１３８９９９１２３４５",
             Field.GROUP: "第三组", Field.VILLAGE: "东村"}
    person = parse_person_row(cells)
    roster = parse_roster_row({**cells, Field.PROGRAM: "NY01", Field.YEAR: "2018", Field.PAID: "1"})
    assert (person.name, person.citizen, person.phone, person.group, person.village) == (
        roster.name, roster.citizen, roster.phone, roster.group, roster.village)
    assert person.name == "买买提·艾力" and person.group == 3 and person.phone == "13899912345"


@pytest.mark.parametrize(("cells", "column"), [
    ({Field.NAME: "王", Field.ID_NUMBER: 652323195001011234}, Field.ID_NUMBER),
    ({Field.NAME: "", Field.ID_NUMBER: ID}, Field.NAME),
    ({Field.NAME: "王", Field.ID_NUMBER: ID, Field.GROUP: "东边"}, Field.GROUP),
])
def test_a_refused_person_names_the_column(cells: dict[Field, object], column: Field) -> None:
    with pytest.raises(RowRejected) as caught:
        parse_person_row(cells)
    assert caught.value.column is column


def test_phones_are_masked_for_the_audit() -> None:
    assert mask_phone("13899912345") == "138****2345"
    assert mask_phone("0994-5812345") == "099****2345"
    assert mask_phone("5812345") == "*****45"


@pytest.mark.parametrize(("written", "account", "stored"), [
    ("cash", "6217000000000000000", "cash"), ("Cash", None, "cash"), ("card", None, "card"),
    ("other", "6217000000000000000", "other"), ("现金", "6217000000000000000", "cash"), (None, None, "cash"),
    ("别的", None, "other"),
])
def test_payment_method_words_of_both_languages(written: str | None, account: str | None, stored: str) -> None:
    """The English interface suggests cash, card or other for 发放方式: taken as written, never guessed."""
    from yikatong_desktop.domain.roster_rows import method_of

    assert method_of(written, account, None) == stored
