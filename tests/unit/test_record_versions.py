"""Record versions: Lamport counters, ties broken by owner then content hash (SPEC §12)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from yikatong_desktop.domain.records import Stamp, newest, next_version, supersedes

stamps = st.builds(Stamp, st.integers(1, 50), st.sampled_from(["652323", "652323101", "652300"]),
                   st.text(alphabet="0123456789abcdef", min_size=4, max_size=4))


def test_a_change_after_seeing_a_version_is_newer_than_it() -> None:
    seen = Stamp(7, "652323101", "ffff")
    mine = Stamp(next_version(seen.version), "652300", "0000")
    assert supersedes(mine, seen) and not supersedes(seen, mine)


def test_equal_counters_are_decided_by_owner_code_then_content_hash() -> None:
    assert supersedes(Stamp(5, "652323101", "0000"), Stamp(5, "652323", "ffff"))
    assert supersedes(Stamp(5, "652323", "b"), Stamp(5, "652323", "a"))
    assert not supersedes(Stamp(5, "652323", "a"), Stamp(5, "652323", "a"))


@given(st.lists(stamps, min_size=1, max_size=12), st.randoms())
def test_the_winner_does_not_depend_on_arrival_order(versions: list[Stamp], rnd: object) -> None:
    shuffled = list(versions)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    assert newest(shuffled) == newest(versions)
    assert newest(versions + versions) == newest(versions)  # receiving twice changes nothing
