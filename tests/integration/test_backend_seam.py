"""What differs between SQLite and PostgreSQL, seen from above the seam (issue 6): same data, same answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from dbs import Databases, count, sql
from ykt_integration import stats_of

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.services.imports import import_roster
from yikatong_desktop.services.stats import stats
from yikatong_desktop.storage.unit_of_work import UnitOfWork

Installation = Callable[..., bootstrap.App]
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"


def _stats(app: bootstrap.App) -> dict[str, tuple[int, str]]:
    with app.reader() as uow:
        return {r.kind: (r.count, r.digest) for r in stats(uow, app.actor)}


def test_a_backup_is_one_sqlite_file_with_the_same_records(installation: Installation, tmp_path: Path) -> None:
    app = installation()
    with app.uow() as uow:
        import_roster(uow, app.actor, SAMPLES / "民政_高龄津贴_2018年3月.xlsx", program="MZ02", period="2018-03")
        uow.commit()
    target = tmp_path / "备份.sqlite3"
    app.backup_to(target)
    before = _stats(app)
    app.close()

    assert target.read_bytes()[:16] == b"SQLite format 3\x00"
    assert stats_of(target) == before and before["payments"][0] == 120
    events = "SELECT COUNT(*) FROM audit_events"
    assert count(target, events) == count(app.location, events)


def test_a_writer_waits_for_another_and_a_reader_never_does(installation: Installation) -> None:
    app = installation()
    with app.uow() as first:
        first.set_setting("probe", "first")
        with app.reader() as reader:  # a reader beside an open writer: not blocked, sees the last commit
            assert reader.get_setting("probe") is None
        first.commit()
    with app.reader() as reader:
        assert reader.get_setting("probe") == "first"
    app.close()


def test_a_writer_kept_waiting_too_long_is_told_the_database_is_busy(
        installation: Installation, dbs: Databases, monkeypatch: pytest.MonkeyPatch) -> None:
    app = installation()
    if dbs.postgresql:
        monkeypatch.setattr("yikatong_desktop.storage.database.WRITE_WAIT", "300ms")
    else:
        monkeypatch.setattr("yikatong_desktop.storage.database.SQLITE_BUSY_MS", 300)
    other = bootstrap.open_app(app.location.url)
    with app.uow() as holding:
        holding.set_setting("probe", "held")
        with pytest.raises(InputRejected) as refused, UnitOfWork(other.engine, other.clock) as waiting:
            waiting.set_setting("probe", "second")
            waiting.commit()
        assert refused.value.key == "db.busy"
        holding.commit()
    other.close()
    with app.reader() as reader:
        assert reader.get_setting("probe") == "held"
    app.close()


def test_a_refused_bulk_load_is_the_same_error_on_both_and_the_log_keeps_no_number(
        installation: Installation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import logging

    from sqlalchemy.exc import IntegrityError

    app = installation()
    number = "110101199003071234"
    rows = [(number, True, "", "王一", "王一", "wang yi", f"p-{i}") for i in range(2)]  # the same person twice
    columns = ("id_number", "id_valid", "id_problems", "name", "name_key", "pinyin", "uid")
    with pytest.raises(IntegrityError) as refused, app.uow() as uow:
        uow.records.add_rows("persons", columns, rows * 300, owner="652323")  # COPY on PostgreSQL
    monkeypatch.setenv("YKT_HOME", str(tmp_path / "home"))
    bootstrap.configure_logging()
    logging.getLogger("yikatong").error("refused", exc_info=refused.value)
    for handler in logging.getLogger("yikatong").handlers:
        handler.flush()
    text = bootstrap.log_path().read_text(encoding="utf-8")
    assert "refused" in text and "IntegrityError" in text and number not in text
    assert count(app.location, "SELECT COUNT(*) FROM persons") == 0
    app.close()


def test_bulk_loaded_dates_and_flags_are_stored_as_one_row_at_a_time_stores_them(installation: Installation) -> None:
    """The bulk path leaves dates and flags to the driver on SQLite: the stored values must be the very
    ones SQLAlchemy writes for a single row (YYYY-MM-DD text, 0/1), or queries comparing them would miss."""
    from datetime import date

    app = installation()
    facts = {"id_valid": False, "id_problems": "", "name": "王一", "name_key": "王一", "pinyin": "wang yi",
             "birth_date": date(1990, 3, 7)}
    with app.uow() as uow:
        uow.records.add("persons", {**facts, "id_number": "110101199003071234"}, owner="652323", uid="p-one")
        columns = ("id_number", *facts, "uid")
        uow.records.add_rows("persons", columns, [("110101199003072222", *facts.values(), "p-bulk")], owner="652323")
        uow.commit()
    stored = sql(app.location, "SELECT uid, CAST(birth_date AS TEXT), CAST(id_valid AS INTEGER), "
                               "CAST(voided AS INTEGER) FROM persons ORDER BY uid")
    assert [r[0] for r in stored] == ["p-bulk", "p-one"]
    assert [tuple(r[1:]) for r in stored] == [("1990-03-07", 0, 0)] * 2
    assert count(app.location, "SELECT COUNT(*) FROM persons WHERE birth_date = '1990-03-07'") == 2
    app.close()
