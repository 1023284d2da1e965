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
    events = sql(demo_db.path, "SELECT COUNT(*) FROM audit_events")[0][0]
    assert events > 2  # init, the notices it made (one event per batch of villages), demo.build
    assert report.chains["652323"]["events"] == report.chains["652323"]["recorded_head_seq"] == events


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


# --- inserted, reordered and appended events (issue 7: edit, delete, insert and reorder are each detected) ---

_COLUMNS = "org_code, seq, prev_hash, hash, at, actor, action, object_kind, object_uid, detail"


def _event_row(path: Path, seq: int) -> dict[str, object]:
    """The stored values of the event `seq`, as the table holds them."""
    names = [c.strip() for c in _COLUMNS.split(",")]
    (values,) = sql(path, f"SELECT {_COLUMNS} FROM audit_events WHERE seq = ?", (seq,))
    return dict(zip(names, values, strict=True))


def _insert(path: Path, values: dict[str, object], *, make_room: bool) -> int:
    """Insert a row behind the product's back; with `make_room`, first move events from its seq on up by one
    (one by one from the last, as the unique (org, seq) allows), their hashes untouched. Returns the new row id."""
    if make_room:
        for row, _ in reversed([r for r in _rows(path) if r[1] >= int(str(values["seq"]))]):
            assert sql_write(path, "UPDATE audit_events SET seq = seq + 1 WHERE id = ?", (row,)) == 1
    names = [c.strip() for c in _COLUMNS.split(",")]
    assert sql_write(path, f"INSERT INTO audit_events ({_COLUMNS}) VALUES ({', '.join('?' * len(names))})",
                     tuple(values[n] for n in names)) == 1
    (new_row,) = sql(path, "SELECT id FROM audit_events WHERE seq = ?", (values["seq"],))[0]
    return int(new_row)


def _swap_seqs(path: Path, row_a: int, row_b: int) -> None:
    (seq_a,), (seq_b,) = (sql(path, "SELECT seq FROM audit_events WHERE id = ?", (r,))[0] for r in (row_a, row_b))
    sql_write(path, "UPDATE audit_events SET seq = -1 WHERE id = ?", (row_a,))
    sql_write(path, "UPDATE audit_events SET seq = ? WHERE id = ?", (seq_a, row_b))
    sql_write(path, "UPDATE audit_events SET seq = ? WHERE id = ?", (seq_b, row_a))


def _assert_broken_at(report: ChainReport, kind: str, seq: int, row: int) -> None:
    assert report.broken is not None
    assert (report.broken.kind, report.broken.seq, report.broken.row) == (kind, seq, row)
    assert f"第 {seq} 号事件（数据库行 {row}）" in report.broken.describe("zh")
    assert f"database row {row}" in report.broken.describe("en")


def test_a_new_event_slipped_into_the_middle_is_named_at_the_inserted_row(chain: Path) -> None:
    """The attacker renumbers the later events to make room and copies the links of the event it displaces,
    but cannot give its own content the hash those links promise."""
    displaced = _event_row(chain, 3)
    forged = {**displaced, "action": "settings.campaign", "detail": '{"after":"伪造"}'}

    row = _insert(chain, forged, make_room=True)

    assert [seq for _, seq in _rows(chain)] == [1, 2, 3, 4, 5, 6]
    _assert_broken_at(_verify(chain), "hash", 3, row)


@pytest.mark.parametrize(("copied", "at_seq"), [(4, 3), (2, 3), (2, 6)],
                         ids=["later-event-into-the-middle", "earlier-event-into-the-middle", "replayed-at-the-end"])
def test_a_copy_of_a_real_event_under_a_fresh_seq_is_named_at_the_inserted_row(chain: Path, copied: int,
                                                                               at_seq: int) -> None:
    """A replayed event: every field of a real row, only the seq changed to a free one."""
    row = _insert(chain, {**_event_row(chain, copied), "seq": at_seq}, make_room=at_seq <= 5)

    _assert_broken_at(_verify(chain), "link", at_seq, row)


def test_a_copy_of_the_event_it_is_slipped_in_front_of_breaks_at_the_original_row(chain: Path) -> None:
    """Byte for byte the same as the event it displaces, the copy is that event as far as the chain can tell:
    the first row that does not verify is the original, which now follows its own copy and so links to the
    wrong predecessor. The break is still named next to the inserted row."""
    original_row = _rows(chain)[2][0]
    _insert(chain, _event_row(chain, 3), make_room=True)

    _assert_broken_at(_verify(chain), "link", 4, original_row)


def test_an_inserted_event_with_a_correct_hash_breaks_the_link_of_the_event_after_it(chain: Path) -> None:
    """An attacker who hashes the inserted event properly still cannot re-link the later ones without
    rewriting them all; the event it displaced no longer links to its predecessor."""
    app = bootstrap.open_app(str(chain))
    with app.uow() as uow:
        before = list(uow.audit.events("652323"))[1]
    app.close()
    content = {**before.hashed_content(), "seq": 3, "detail": {"after": "伪造"}}
    forged = {**_event_row(chain, 2), "seq": 3, "prev_hash": before.hash,
              "hash": chain_hash(before.hash, content), "detail": canonical_json(content["detail"]).decode()}
    displaced_row = _rows(chain)[2][0]
    _insert(chain, forged, make_room=True)

    _assert_broken_at(_verify(chain), "link", 4, displaced_row)


@pytest.mark.parametrize(("first", "second"), [(1, 3), (2, 3), (0, 4)], ids=["2-and-4", "3-and-4", "1-and-5"])
def test_swapping_the_seqs_of_two_events_is_named_at_the_earlier_seq(chain: Path, first: int, second: int) -> None:
    rows = _rows(chain)
    (row_a, seq_a), (row_b, _) = rows[first], rows[second]
    _swap_seqs(chain, row_a, row_b)

    # The later event now sits at the earlier place: its link points at the wrong predecessor.
    _assert_broken_at(_verify(chain), "link", seq_a, row_b)


def test_swapping_the_contents_of_two_events_is_named_at_the_earlier_row(chain: Path) -> None:
    """Rows, seqs and hashes stay; what happened when and by whom is exchanged between two events."""
    rows = _rows(chain)
    (row_a, seq_a), (row_b, seq_b) = rows[1], rows[3]
    a, b = _event_row(chain, seq_a), _event_row(chain, seq_b)
    b = {**b, "detail": '{"after":"b"}'}  # the settings events differ only in time; make the exchange visible
    for row, source in ((row_a, b), (row_b, a)):
        sql_write(chain, "UPDATE audit_events SET at = ?, actor = ?, action = ?, object_kind = ?, object_uid = ?,"
                  " detail = ? WHERE id = ?", (source["at"], source["actor"], source["action"],
                                               source["object_kind"], source["object_uid"], source["detail"], row))

    _assert_broken_at(_verify(chain), "hash", seq_a, row_a)


def test_a_reordering_rehashed_from_the_swap_on_is_caught_by_the_recorded_head(chain: Path) -> None:
    """Someone with database access alone can re-link the whole chain after a swap; the keystore's head
    (seq and hash) is the one thing they cannot rewrite, and the event at that seq no longer matches it."""
    app = bootstrap.open_app(str(chain))
    with app.uow() as uow:
        events = list(uow.audit.events("652323"))
    app.close()
    reordered = [events[0], events[3], events[2], events[1], events[4]]
    prev = events[0].hash
    for seq, ev in enumerate(reordered[1:], start=2):
        content = {**ev.hashed_content(), "seq": seq, "detail": {"position": seq, "was": ev.seq}}
        digest = chain_hash(prev, content)
        sql_write(chain, "UPDATE audit_events SET seq = ? WHERE id = ?", (-seq, ev.row_id))
        sql_write(chain, "UPDATE audit_events SET prev_hash = ?, hash = ?, detail = ? WHERE id = ?",
                  (prev, digest, canonical_json(content["detail"]).decode(), ev.row_id))
        prev = digest
    sql_write(chain, "UPDATE audit_events SET seq = -seq WHERE seq < 0")

    report = _verify(chain)

    _assert_broken_at(report, "head", 5, events[4].row_id)


def test_an_event_appended_with_a_recomputed_hash_is_only_a_head_behind_note(chain: Path) -> None:
    """Appending needs no secret: the chain hash is unkeyed. The keystore head then lags one event, which a
    failed head write can also cause, so verify does not call it a break; it reports both heads, and
    `ykt audit verify` prints the audit.head_behind note from them (tests/e2e/test_cli_demo_audit.py)."""
    app = bootstrap.open_app(str(chain))
    with app.uow() as uow:
        last = list(uow.audit.events("652323"))[-1]
    app.close()
    content = {**last.hashed_content(), "seq": last.seq + 1, "detail": {"after": "伪造"}}
    row = _insert(chain, {**_event_row(chain, last.seq), "seq": last.seq + 1, "prev_hash": last.hash,
                          "hash": chain_hash(last.hash, content),
                          "detail": canonical_json(content["detail"]).decode()}, make_room=False)

    report = _verify(chain)

    assert row > last.row_id
    assert report.ok
    assert report.chains["652323"] | {"head": None} == {"events": 6, "head_seq": 6, "head": None,
                                                        "recorded_head_seq": 5}
