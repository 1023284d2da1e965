"""The canonical encoding behind audit hashes, stats digests and packages (SPEC §12)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from uuid import UUID

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yikatong_desktop.domain.canonical import (
    GENESIS_HASH,
    canonical_json,
    chain_hash,
    content_hash,
    set_digest,
)

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8)
    | st.decimals(allow_nan=False, allow_infinity=False, places=2),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


def test_keys_are_sorted_compact_and_chinese_stays_readable() -> None:
    assert canonical_json({"b": 1, "a": "高龄津贴"}) == '{"a":"高龄津贴","b":1}'.encode()


@given(st.dictionaries(st.text(max_size=6), values, max_size=6))
def test_key_order_never_changes_the_encoding(record: dict[str, object]) -> None:
    reordered = dict(reversed(list(record.items())))
    assert canonical_json(reordered) == canonical_json(record)
    json.loads(canonical_json(record))  # always valid JSON


def test_floats_have_no_canonical_form() -> None:
    with pytest.raises(TypeError):
        canonical_json({"paid": 105.23})


def test_equal_decimals_encode_alike_whatever_their_scale() -> None:
    assert canonical_json({"q": Decimal("1.50")}) == canonical_json({"q": Decimal("1.5")})
    assert canonical_json({"q": Decimal("100")}) == b'{"q":"100"}'
    assert canonical_json({"q": Decimal("0.10")}) == b'{"q":"0.1"}'


def test_times_are_utc_and_naive_times_are_refused() -> None:
    beijing = datetime(2019, 7, 15, 10, 0, tzinfo=timezone(timedelta(hours=8)))
    assert canonical_json({"at": beijing}) == canonical_json({"at": beijing.astimezone(UTC)})
    assert canonical_json({"at": beijing}) == b'{"at":"2019-07-15T02:00:00.000000Z"}'
    with pytest.raises(TypeError):
        canonical_json({"at": datetime(2019, 7, 15, 10, 0)})


def test_dates_uuids_and_sets_have_one_form() -> None:
    uid = UUID("12345678-1234-5678-1234-567812345678")
    encoded = canonical_json({"d": date(2018, 3, 5), "u": uid, "s": {"b", "a"}})
    assert encoded == b'{"d":"2018-03-05","s":["a","b"],"u":"12345678-1234-5678-1234-567812345678"}'


@given(st.lists(st.binary(max_size=10), max_size=10), st.randoms())
def test_set_digest_is_independent_of_order(encodings: list[bytes], rnd: object) -> None:
    shuffled = list(encodings)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert set_digest(shuffled) == set_digest(encodings)


def test_set_digest_sees_every_member() -> None:
    assert set_digest([b"a", b"b"]) != set_digest([b"a"])
    assert set_digest([b"ab"]) != set_digest([b"a", b"b"])


def test_chain_hash_links_to_the_previous_event() -> None:
    event = {"org": "652323", "seq": 1, "action": "init"}
    first = chain_hash(GENESIS_HASH, event)
    assert chain_hash(GENESIS_HASH, event) == first
    assert chain_hash("1" * 64, event) != first
    assert chain_hash(GENESIS_HASH, {**event, "action": "demo"}) != first
    assert len(content_hash(event)) == 64


def test_long_decimals_are_never_rounded() -> None:
    long = Decimal("1234567890.123456789012345678901")
    assert canonical_json({"q": long}) == b'{"q":"1234567890.123456789012345678901"}'
