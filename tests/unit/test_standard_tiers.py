"""Catalogue standards that overlap (an untiered one beside age tiers) become disjoint ranges."""

from __future__ import annotations


def test_overlapping_standards_become_disjoint_ranges_with_the_highest_amount() -> None:
    from datetime import date as d

    from yikatong_desktop.storage.rule_queries.payments import disjoint_maximum

    tiers = [(d(1928, 3, 31), d(1938, 3, 31), 10000), (d(1918, 3, 31), d(1928, 3, 31), 20000),
             (None, d(1918, 3, 31), 50000), (None, None, 15000)]
    assert disjoint_maximum(tiers) == [(None, d(1918, 3, 31), 50000), (d(1918, 3, 31), d(1928, 3, 31), 20000),
                                       (d(1928, 3, 31), None, 15000)]
    assert disjoint_maximum(tiers[:3]) == [(None, d(1918, 3, 31), 50000), (d(1918, 3, 31), d(1928, 3, 31), 20000),
                                           (d(1928, 3, 31), d(1938, 3, 31), 10000)]
