"""`audit verify` names the first broken link: edited, deleted and cut-off events (SPEC §9, §12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from ykt_integration import DemoDb, copy_installation, init_installation, sql, sql_write

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.canonical import canonical_json, chain_hash
from yikatong_desktop.services.audit import ChainReport, verify_chains
from yikatong_desktop.services.queries import campaign, set_campaign


def _verify(path: Path) -> ChainReport:
    app = bootstrap.open_app(str(path))
    try:
        with app.uow() as uow:
            return verify_chains(uow, app.recorded_head, app.own_orgs())
    finally:
        app.close()


@pytest.fixture(scope="module")
def five_events(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An installation whose chain has five events: init and four settings changes."""
    path = tmp_path_factory.mktemp("chain") / "chain.sqlite3"
    app = init_installation(path)
    for _ in range(4):
        with app.uow() as uow:
            set_campaign(uow, app.actor, campaign(uow))
            uow.commit()
    app.close()
    return path


@pytest.fixture
def chain(five_events: Path, tmp_path: Path) -> Path:
    """A private copy of the five-event installation, to tamper with."""
    return copy_installation(five_events, tmp_path / "copy.sqlite3")


def _rows(path: Path) -> list[tuple[int, int]]:
    return sql(path, "SELECT id, seq FROM audit_events ORDER BY seq")


def test_demo_chain_is_intact(demo_db: DemoDb) -> None:
    report = _verify(demo_db.path)

    assert report.ok
    assert report.chains["652323"]["events"] == 2
    assert report.chains["652323"]["recorded_head_seq"] == 2


def test_an_untouched_chain_verifies(chain: Path) -> None:
    report = _verify(chain)

    assert report.ok and report.broken is None
    assert report.chains["652323"]["events"] == 5


def test_editing_an_events_detail_is_named_as_a_hash_break_at_that_row(chain: Path) -> None:
    row, seq = _rows(chain)[2]
    assert sql_write(chain, "UPDATE audit_events SET detail = '{\"before\":null}' WHERE id = ?", (row,)) == 1

    report = _verify(chain)

    assert report.broken is not None
    assert (report.broken.kind, report.broken.seq, report.broken.row) == ("hash", seq, row)
    assert f"数据库行 {row}" in report.broken.describe("zh")


def test_deleting_a_middle_event_is_named_as_a_gap(chain: Path) -> None:
    rows = _rows(chain)
    sql_write(chain, "DELETE FROM audit_events WHERE id = ?", (rows[2][0],))

    report = _verify(chain)

    assert report.broken is not None
    assert (report.broken.kind, report.broken.seq, report.broken.row) == ("gap", rows[3][1], rows[3][0])


def test_deleting_the_last_event_is_detected_through_the_keystore_head(chain: Path) -> None:
    rows = _rows(chain)
    sql_write(chain, "DELETE FROM audit_events WHERE id = ?", (rows[-1][0],))

    report = _verify(chain)

    assert report.broken is not None
    assert (report.broken.kind, report.broken.seq, report.broken.row) == ("tail", rows[-2][1], rows[-2][0])
    assert report.broken.expected_seq == rows[-1][1]


def test_rewriting_the_last_event_with_a_recomputed_hash_is_caught_by_the_recorded_head(chain: Path) -> None:
    app = bootstrap.open_app(str(chain))
    with app.uow() as uow:
        last = list(uow.audit.events("652323"))[-1]
    app.close()
    forged = {**last.hashed_content(), "detail": {"after": "改过的"}}
    forged_hash = chain_hash(last.prev_hash, forged)
    sql_write(chain, "UPDATE audit_events SET detail = ?, hash = ? WHERE id = ?",
              (canonical_json(forged["detail"]).decode(), forged_hash, last.row_id))

    report = _verify(chain)

    assert report.broken is not None
    assert (report.broken.kind, report.broken.seq, report.broken.row) == ("head", last.seq, last.row_id)
    assert f"数据库行 {last.row_id}" in report.broken.describe("zh")


def test_a_forged_last_event_passes_the_link_checks_so_only_the_head_catches_it(chain: Path) -> None:
    """Guards the previous test: the forgery is internally consistent, as an attacker would make it."""
    app = bootstrap.open_app(str(chain))
    with app.uow() as uow:
        last = list(uow.audit.events("652323"))[-1]
    app.close()
    forged = {**last.hashed_content(), "detail": {"after": "改过的"}}
    sql_write(chain, "UPDATE audit_events SET detail = ?, hash = ? WHERE id = ?",
              (canonical_json(forged["detail"]).decode(), chain_hash(last.prev_hash, forged), last.row_id))

    app = bootstrap.open_app(str(chain))
    with app.uow() as uow:
        report = verify_chains(uow, lambda org: None, ["652323"])
    app.close()

    assert report.ok


@pytest.mark.parametrize(("column", "garbage"), [("detail", "not json at all"), ("detail", "[1, 2]"),
                                                 ("at", "yesterday"), ("at", "")])
def test_unreadable_values_written_into_an_event_are_a_hash_break_not_a_crash(chain: Path, column: str,
                                                                              garbage: str) -> None:
    row, seq = _rows(chain)[1]
    assert sql_write(chain, f"UPDATE audit_events SET {column} = ? WHERE id = ?", (garbage, row)) == 1

    report = _verify(chain)

    assert report.broken is not None
    assert (report.broken.kind, report.broken.seq, report.broken.row) == ("hash", seq, row)
