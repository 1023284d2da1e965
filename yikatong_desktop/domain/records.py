"""Record versions (SPEC §12): which of two versions of a record wins.

A version is a Lamport counter: every change takes max(version seen) + 1, so a
change made after seeing another is always newer. Concurrent changes with the
same counter are ordered by owner code, then by content hash, so every office
picks the same winner whatever order packages arrive in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Stamp:
    """What decides between versions of one record: counter, then owner, then content hash."""

    version: int
    owner: str
    content_hash: str


def next_version(highest_seen: int) -> int:
    """The Lamport version for a new change after seeing `highest_seen`."""
    return highest_seen + 1


def newest(stamps: Iterable[Stamp]) -> Stamp:
    """The winning version among several; independent of their order."""
    return max(stamps)


def supersedes(candidate: Stamp, current: Stamp) -> bool:
    """Whether a version received from elsewhere replaces the one held."""
    return candidate > current
