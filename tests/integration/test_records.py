"""Records, versions and the unit of work over a real SQLite file (SPEC §12)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import update
from sqlalchemy.exc import StatementError
from ykt_integration import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.setup import seeded_uid
from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.repositories import StaleRecord
from yikatong_desktop.storage.unit_of_work import UnitOfWork

NY01 = seeded_uid("program", "NY01")
Installation = Callable[..., bootstrap.App]


def _max_version(where: object) -> int:
    return max(sql(where, f"SELECT COALESCE(MAX(version), 0) FROM {name}")[0][0] for name in t.RECORD_TABLES)


def _add_person(uow: UnitOfWork, uid: str = "person-1", id_number: str = "652323195001011234") -> int:
    return uow.records.add("persons", {"id_number": id_number, "id_valid": True, "name": "王建国",
                                       "name_key": "王建国", "pinyin": "wang jian guo"}, owner="652323", uid=uid)


def _payment(uow: UnitOfWork, person_id: int, **values: object) -> dict[str, object]:
    return {"person_id": person_id, "program_id": uow.records.program_ids()["NY01"], "year": 2018,
            "period_label": "2018", "period_start": date(2018, 1, 1), "period_end": date(2018, 12, 31),
            "method": "card", **values}


def test_change_bumps_version_and_keeps_the_old_version_in_history(installation: Installation) -> None:
    app = installation()
    with app.uow() as uow:
        old = uow.records.get("programs", NY01)
        new_version = uow.records.change("programs", NY01, {"grace_days": 45}, expected_version=old.version)
        uow.commit()
    with app.uow() as uow:
        row = uow.records.get("programs", NY01)
        history = uow.records.history("programs", NY01)
    app.close()

    assert new_version > old.version
    assert (row.version, row.grace_days) == (new_version, 45)
    assert [(h["version"], h["content"]["grace_days"]) for h in history] == [(old.version, 30)]


def test_change_with_a_stale_version_is_refused_and_leaves_the_row_unchanged(installation: Installation) -> None:
    app = installation()
    with app.uow() as uow:
        read_by_clerk_a = uow.records.get("programs", NY01).version
    with app.uow() as uow:  # clerk B changes the record first
        uow.records.change("programs", NY01, {"grace_days": 45}, expected_version=read_by_clerk_a)
        uow.commit()
    with app.uow() as uow:
        after_b = uow.records.get("programs", NY01)

    with pytest.raises(StaleRecord), app.uow() as uow:  # clerk A saves with what A read
        uow.records.change("programs", NY01, {"grace_days": 60}, expected_version=read_by_clerk_a)
        uow.commit()

    with app.uow() as uow:
        row = uow.records.get("programs", NY01)
        history = uow.records.history("programs", NY01)
    app.close()
    assert (row.version, row.grace_days) == (after_b.version, 45)
    assert len(history) == 1


def test_a_stale_change_caught_inside_the_unit_of_work_writes_no_history(installation: Installation) -> None:
    app = installation()
    with app.uow() as uow:
        version = uow.records.get("programs", NY01).version
        with pytest.raises(StaleRecord):
            uow.records.change("programs", NY01, {"grace_days": 60}, expected_version=version + 7)
        uow.commit()
    with app.uow() as uow:
        row = uow.records.get("programs", NY01)
        history = uow.records.history("programs", NY01)
    app.close()

    assert (row.version, row.grace_days) == (version, 30)
    assert history == []


def test_new_versions_are_greater_than_every_version_in_the_database(installation: Installation) -> None:
    app = installation()
    before = _max_version(app.location)
    with app.uow() as uow:
        v1 = uow.records.change("programs", NY01, {"grace_days": 31},
                                expected_version=uow.records.get("programs", NY01).version)
        uow.commit()
    with app.uow() as uow:
        _add_person(uow)
        uow.commit()
    app.close()

    person_version = sql(app.location, "SELECT version FROM persons")[0][0]
    assert v1 > before
    assert person_version > v1
    assert _max_version(app.location) == person_version


def test_versions_move_past_a_version_seen_from_elsewhere(installation: Installation) -> None:
    app = installation()
    with app.uow() as uow:
        uow.observe_version(10_000)
        uow.commit()
    with app.uow() as uow:
        changed = uow.records.change("programs", NY01, {"grace_days": 31},
                                     expected_version=uow.records.get("programs", NY01).version)
        uow.commit()
    with app.uow() as uow:
        uow.observe_version(5)  # an older version seen later never moves the counter back
        uow.commit()
    with app.uow() as uow:
        _add_person(uow)
        uow.commit()
        added = uow.records.get("persons", "person-1").version
    app.close()

    assert changed == 10_001
    assert added > changed


def test_unit_of_work_rolls_back_everything_when_the_block_raises(installation: Installation) -> None:
    app = installation()
    db = app.location
    counts = "SELECT (SELECT COUNT(*) FROM persons), (SELECT COUNT(*) FROM audit_events), " \
             "(SELECT COUNT(*) FROM record_history), (SELECT value FROM settings WHERE key = 'lamport')"
    before = sql(db, counts)

    with pytest.raises(RuntimeError, match="halfway"), app.uow() as uow:
        _add_person(uow)
        uow.records.change("programs", NY01, {"grace_days": 45},
                           expected_version=uow.records.get("programs", NY01).version)
        record_event(uow, app.actor, "person.add", object_kind="persons", object_uid="person-1")
        raise RuntimeError("halfway")
    app.close()

    assert sql(db, counts) == before
    assert sql(db, "SELECT grace_days FROM programs WHERE code = 'NY01'") == [(30,)]
    assert before[0][:2] == (0, 1)


def test_unit_of_work_left_without_commit_keeps_nothing(installation: Installation) -> None:
    app = installation()
    with app.uow() as uow:
        _add_person(uow)
        record_event(uow, app.actor, "person.add")
    app.close()

    assert sql(app.location, "SELECT COUNT(*) FROM persons") == [(0,)]
    assert sql(app.location, "SELECT action FROM audit_events") == [("init",)]


def test_a_quantity_round_trips_as_an_exact_decimal(installation: Installation) -> None:
    app = installation()
    with app.uow() as uow:
        person = _add_person(uow)
        uow.records.add("payments", _payment(uow, person, quantity=Decimal("12.35"), standard_fen=10523,
                                             due_fen=129959, paid_fen=129959), owner="652323", uid="pay-1")
        uow.records.add("payments", _payment(uow, person, period_label="2017", year=2017,
                                             quantity=Decimal("1234567.8901")),
                        owner="652323", uid="pay-2")
        uow.commit()
    with app.uow() as uow:
        q1 = uow.records.get("payments", "pay-1").quantity
        q2 = uow.records.get("payments", "pay-2").quantity
    app.close()

    assert isinstance(q1, Decimal) and q1 == Decimal("12.35") and str(q1) == "12.35"
    assert q2 == Decimal("1234567.8901") and float(q2) != q2  # a float could not hold it
    assert sql(app.location, "SELECT quantity FROM payments WHERE uid = 'pay-1'") == [("12.35",)]  # text, not a float


def test_a_float_quantity_is_refused(installation: Installation) -> None:
    app = installation()
    with pytest.raises(StatementError, match="never floats"), app.uow() as uow:
        uow.records.add("payments", _payment(uow, _add_person(uow), quantity=12.35), owner="652323", uid="pay-1")
    app.close()

    assert sql(app.location, "SELECT COUNT(*) FROM payments") == [(0,)]


def test_naive_datetimes_are_refused_and_aware_ones_come_back_in_utc(installation: Installation) -> None:
    app = installation()
    with pytest.raises(StatementError, match="timezone-aware"), app.uow() as uow:
        uow.conn.execute(update(t.org_units).values(updated_at=datetime(2019, 7, 15, 10, 0)))

    beijing = datetime(2019, 7, 15, 10, 0, 0, 123456, tzinfo=timezone(timedelta(hours=8)))
    with app.uow() as uow:
        uow.conn.execute(update(t.org_units).where(t.org_units.c.code == "652323").values(updated_at=beijing))
        uow.commit()
    with app.uow() as uow:
        stored = uow.records.org_by_code("652323").updated_at
    app.close()

    assert stored == beijing
    assert stored.utcoffset() == timedelta(0) and stored.tzinfo == UTC
    assert (stored.hour, stored.microsecond) == (2, 123456)


def test_history_refers_to_other_records_by_uid_never_by_local_key(installation: Installation) -> None:
    app = installation()
    with app.uow() as uow:
        person = _add_person(uow)
        uow.records.add("payments", _payment(uow, person, quantity=Decimal("2.5"), paid_fen=500),
                        owner="652323", uid="pay-h")
        uow.commit()
    with app.uow() as uow:
        version = uow.records.get("payments", "pay-h").version
        uow.records.change("payments", "pay-h", {"paid_fen": 600}, expected_version=version)
        uow.commit()
    with app.reader() as uow:
        (old,) = uow.records.history("payments", "pay-h")
        person_uid = uow.records.get("persons", sql(app.location, "SELECT uid FROM persons")[0][0]).uid
    app.close()

    content = old["content"]
    assert content["person_uid"] == person_uid and content["program_uid"] == seeded_uid("program", "NY01")
    assert content["account_uid"] is None and content["quantity"] == "2.5" and content["paid_fen"] == 500
    assert not {"id", "person_id", "program_id", "account_id", "batch_id"} & set(content)
