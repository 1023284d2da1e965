"""`stats` digests depend on the facts only: not on insertion order, local ids, uids or versions (SPEC §12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ykt_integration import build_demo, sql, stats_of

from yikatong_desktop import bootstrap
from yikatong_desktop.services import demo as demo_service
from yikatong_desktop.services.demo_notices import plant_notices
from yikatong_desktop.services.demo_plant import Planter
from yikatong_desktop.services.queries import RosterFilter, count_roster
from yikatong_desktop.services.setup import initialise
from yikatong_desktop.services.stats import KINDS

PERSONS = 300


@pytest.fixture(scope="module")
def seed7(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("seed7") / "a.sqlite3"
    build_demo(path, persons=PERSONS, seed=7)
    return path


def _build_reversed(path: Path, *, persons: int, seed: int) -> None:
    """The same demo facts as `ykt demo`, but every list written in reverse order (other local ids)."""
    d = demo_service.Demo(seed, persons)
    d.build_places_and_people()
    d.build_payments()
    Planter(d).plant()
    d.orgs.reverse()
    d.households.reverse()
    d.persons.reverse()
    d.accounts = dict(reversed(list(d.accounts.items())))
    d.payments.reverse()

    def fill(app: bootstrap.App) -> None:
        with app.uow() as uow:
            initialise(uow, app.actor, code=demo_service.DEMO_ORG[0], name=demo_service.DEMO_ORG[1],
                       level="county", campaign_year=2019)
            demo_service._write(uow, d)
            plant_notices(uow, app.actor, d.payments, d.rng)
            uow.commit()

    bootstrap.create_app(str(path), "another passphrase", org_code=demo_service.DEMO_ORG[0],
                         org_name=demo_service.DEMO_ORG[1], clock=demo_service.demo_clock(), seed=fill).close()


def test_stats_covers_every_kind_with_counts(seed7: Path) -> None:
    result = stats_of(seed7)
    manifest = json.loads(seed7.with_name("a.sqlite3.manifest.json").read_text(encoding="utf-8"))

    assert tuple(result) == KINDS
    assert result["persons"][0] == manifest["persons"] >= PERSONS
    assert result["payments"][0] == manifest["payments"]
    assert result["bank_accounts"][0] == manifest["accounts"]
    assert result["programs"][0] == 27
    assert all(len(digest) == 64 for _count, digest in result.values())


def test_same_seed_gives_identical_stats_uids_and_manifest(seed7: Path, tmp_path: Path) -> None:
    build_demo(tmp_path / "b.sqlite3", persons=PERSONS, seed=7)

    assert stats_of(tmp_path / "b.sqlite3") == stats_of(seed7)
    uids = "SELECT uid FROM payments UNION ALL SELECT uid FROM persons UNION ALL SELECT uid FROM bank_accounts"
    assert sql(tmp_path / "b.sqlite3", uids) == sql(seed7, uids)
    manifest = ".manifest.json"
    assert (tmp_path / f"b.sqlite3{manifest}").read_text(encoding="utf-8") == \
        seed7.with_name(f"a.sqlite3{manifest}").read_text(encoding="utf-8")


def test_same_facts_inserted_in_reverse_order_give_identical_stats(seed7: Path, tmp_path: Path) -> None:
    _build_reversed(tmp_path / "r.sqlite3", persons=PERSONS, seed=7)

    query = "SELECT id_number, id FROM persons"
    forward, backward = dict(sql(seed7, query)), dict(sql(tmp_path / "r.sqlite3", query))
    assert forward.keys() == backward.keys()
    assert sum(forward[k] != backward[k] for k in forward) > len(forward) // 2  # local ids really differ
    assert stats_of(tmp_path / "r.sqlite3") == stats_of(seed7)


def test_a_different_seed_gives_a_different_payments_digest(seed7: Path, tmp_path: Path) -> None:
    build_demo(tmp_path / "c.sqlite3", persons=PERSONS, seed=8)

    other, ours = stats_of(tmp_path / "c.sqlite3"), stats_of(seed7)
    assert other["payments"][1] != ours["payments"][1]
    assert other["persons"][1] != ours["persons"][1]
    assert other["programs"] == ours["programs"]  # the seeded catalogue is the same everywhere


def test_voiding_a_payment_changes_count_and_digest_and_unvoiding_restores_them(seed7: Path,
                                                                                 tmp_path: Path) -> None:
    build_demo(tmp_path / "v.sqlite3", persons=PERSONS, seed=7)
    before = stats_of(tmp_path / "v.sqlite3")
    uid, version = sql(tmp_path / "v.sqlite3", "SELECT uid, version FROM payments ORDER BY id LIMIT 1")[0]

    app = bootstrap.open_app(str(tmp_path / "v.sqlite3"))
    with app.uow() as uow:
        voided_version = uow.records.void("payments", uid, expected_version=version)
        uow.commit()
    with app.uow() as uow:
        shown = count_roster(uow, app.actor, RosterFilter())
    app.close()
    voided = stats_of(tmp_path / "v.sqlite3")

    app = bootstrap.open_app(str(tmp_path / "v.sqlite3"))
    with app.uow() as uow:
        uow.records.change("payments", uid, {"voided": False}, expected_version=voided_version)
        uow.commit()
    app.close()
    restored = stats_of(tmp_path / "v.sqlite3")

    assert voided["payments"][0] == before["payments"][0] - 1
    assert voided["payments"][1] != before["payments"][1]
    assert shown == voided["payments"][0]
    assert {k: v for k, v in voided.items() if k != "payments"} == {k: v for k, v in before.items() if k != "payments"}
    assert restored == before  # versions moved on, but the digest sees facts only
