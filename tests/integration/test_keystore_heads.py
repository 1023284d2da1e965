"""The audit head kept in the keystore never moves backwards, even with concurrent writers."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from yikatong_desktop.domain.clock import parse_clock
from yikatong_desktop.formats import keystore


def _publish(path: str, seqs: list[int]) -> None:
    for seq in seqs:
        keystore.record_audit_head(Path(path), "652323", seq, f"{seq:064x}")


def test_concurrent_head_writers_leave_the_highest_head(tmp_path: Path) -> None:
    path = tmp_path / "k.keys"
    keystore.create_keystore(path, "pw", org_code="652323", org_name="呼图壁县",
                             now=parse_clock("2019-07-15T10:00:00").now())
    # Two processes publish interleaved heads in opposite orders, as two clerks' commits would.
    ctx = multiprocessing.get_context("spawn")
    writers = [ctx.Process(target=_publish, args=(str(path), list(range(1, 120, 2)))),
               ctx.Process(target=_publish, args=(str(path), list(range(120, 0, -2))))]
    for w in writers:
        w.start()
    for w in writers:
        w.join(60)
        assert w.exitcode == 0
    assert keystore.audit_head(path, "652323") == (120, f"{120:064x}")


def test_an_older_head_never_replaces_a_newer_one(tmp_path: Path) -> None:
    path = tmp_path / "k.keys"
    keystore.create_keystore(path, "pw", org_code="652323", org_name="呼图壁县",
                             now=parse_clock("2019-07-15T10:00:00").now())
    keystore.record_audit_head(path, "652323", 7, "a" * 64)
    keystore.record_audit_head(path, "652323", 6, "b" * 64)
    assert keystore.audit_head(path, "652323") == (7, "a" * 64)
