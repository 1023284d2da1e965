"""Exchange packages end to end through the services (SPEC §8): townships → county, merged in any order.

Two townships import their rosters through the import service, register problems, then change and
void some records; each sends its county two packages. The county's `stats` digests equal those of a
database that imported both rosters itself, whatever the order and however often the packages come,
and a person paid twice for the same month, once in each township, is found by DUPLICATE_PAYMENT.
"""

from __future__ import annotations

import random
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from dbs import Databases
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ledger_support import VIEWER, run
from roster_files import citizen_id, write_roster
from sqlalchemy import text
from ykt_integration import PASSPHRASE, init_installation

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected, PermissionDenied
from yikatong_desktop.formats import keystore
from yikatong_desktop.formats import package_file as pf
from yikatong_desktop.services import exchange, ledger, peers
from yikatong_desktop.services.checks.run import run_checks
from yikatong_desktop.services.imports import import_roster
from yikatong_desktop.services.stats import stats
from yikatong_desktop.storage.exchange_store import IDENTITY_KEYS, KindResult

HEADER = ("序号", "乡镇", "村(社区)", "姓名", "身份证号", "补贴项目", "补贴期间", "实发金额", "发放日期", "代发银行",
          "银行账号")
ROSTER_KINDS = ("persons", "bank_accounts", "households", "payments")
TOWNS = {"652323101": "大丰镇", "652323102": "二十里店镇"}
#: Merging is the same SQL on both backends, tried there by the round trip and the refusals: SQLite only.
ON_FILE_ONLY = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _row(n: int, town: str, village: str, person: int, *, paid: int = 120, period: str = "2018-03",
         account: str | None = None) -> list[object]:
    return [n, town, village, f"居民{person}", citizen_id(person), "高龄津贴", period, paid, "2018-03-20", "农业银行",
            account or f"62284800{person:011d}"]


def _rosters(folder: Path) -> dict[str, Path]:
    """大丰镇 pays persons 1–6, 二十里店镇 persons 10–14: no one in both."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "652323101": write_roster(folder / "大丰镇.xlsx", HEADER,
                                  [_row(i, "大丰镇", "东村", i) for i in range(1, 7)]),
        "652323102": write_roster(folder / "二十里店镇.xlsx", HEADER,
                                  [_row(i, "二十里店镇", "南村", i + 9) for i in range(1, 6)]),
    }


def _double(folder: Path) -> Path:
    """二十里店镇 pays person 3 of 大丰镇 for the same month into another account (a duplicate payment and
    a second card), and its person 12 for April into the account of 大丰镇's person 4 (a shared account)."""
    return write_roster(folder / "二十里店镇补发.xlsx", HEADER,
                        [_row(1, "二十里店镇", "南村", 3, account="6228480099999999999"),
                         _row(2, "二十里店镇", "南村", 12, period="2018-04", account=f"62284800{4:011d}")])


def _import(app: bootstrap.App, path: Path) -> None:
    with app.uow() as uow:
        import_roster(uow, app.actor, path)
        uow.commit()


def _trust(app: bootstrap.App, other: bootstrap.App) -> None:
    with other.reader() as uow:
        keys = peers.own_public(uow, other.keystore_path)
    run(app, peers.trust, app.actor, app.keystore_path, keys, expect_fingerprint=keys.fingerprint, confirmed=False)


def _export(app: bootstrap.App, to: str, out: Path, *, full: bool = False) -> Path:
    run(app, exchange.export_package, app.actor, app.keystore_path, PASSPHRASE, to, out, full=full)
    return out


def _import_package(app: bootstrap.App, path: Path, *, dry_run: bool = False) -> exchange.Imported:
    with app.uow() as uow:
        done = exchange.import_package(uow, app.actor, app.keystore_path, PASSPHRASE, path.read_bytes(),
                                       file_name=path.name, dry_run=dry_run)
        if not dry_run:
            uow.commit()
    return done


def _digests(app: bootstrap.App, kinds: tuple[str, ...] | None = None) -> dict[str, tuple[int, str]]:
    with app.reader() as uow:
        return {s.kind: (s.count, s.digest) for s in stats(uow, app.actor) if kinds is None or s.kind in kinds}


def _union(dbs: Databases, rosters: Iterable[Path]) -> bootstrap.App:
    """One database that knows both townships and imported both rosters itself."""
    union = init_installation(dbs.target("union.sqlite3"))
    with union.uow() as uow:
        for code, name in TOWNS.items():
            uow.records.add("org_units", {"code": code, "name": name, "level": "township", "parent_code": "652323",
                                          "official_code": True}, owner=code, uid=str(uuid.uuid4()))
        uow.commit()
    for path in rosters:
        _import(union, path)
    return union


@dataclass
class Offices:
    county: bootstrap.App
    towns: dict[str, bootstrap.App]
    rosters: dict[str, Path]
    folder: Path


def _offices(dbs: Databases, folder: Path) -> Offices:
    county = init_installation(dbs.target("county.sqlite3"))
    towns = {code: init_installation(dbs.target(f"town{code}.sqlite3"), code=code, name=name, level="township",
                                     parent="652323") for code, name in TOWNS.items()}
    for town in towns.values():
        _trust(county, town)
        _trust(town, county)
    return Offices(county, towns, _rosters(folder), folder)


@pytest.fixture
def offices(dbs: Databases, tmp_path: Path) -> Offices:
    return _offices(dbs, tmp_path / "files")


def test_two_townships_merge_at_the_county_as_if_it_held_the_union(offices: Offices, dbs: Databases) -> None:
    for code, town in offices.towns.items():
        _import(town, offices.rosters[code])
    first = {code: _export(town, "652323", offices.folder / f"{code}-1.ykt") for code, town in offices.towns.items()}

    preview = _import_package(offices.county, first["652323101"], dry_run=True)
    assert preview.dry_run and preview.kinds["payments"].added == 6 and preview.kinds["persons"].added == 6
    assert _digests(offices.county, ("payments",))["payments"][0] == 0  # a dry run keeps nothing

    for path in first.values():
        done = _import_package(offices.county, path)
        assert done.totals()["refused"] == 0 and not done.notes
    union = _union(dbs, offices.rosters.values())
    assert _digests(offices.county, ROSTER_KINDS) == _digests(union, ROSTER_KINDS)
    assert _digests(offices.county, ("payments",))["payments"][0] == 11

    again = _import_package(offices.county, first["652323101"])
    assert again.already and _digests(offices.county, ROSTER_KINDS) == _digests(union, ROSTER_KINDS)

    # A person of 大丰镇 paid for the same month in 二十里店镇 too: only the county can see it
    town = offices.towns["652323102"]
    _import(town, _double(offices.folder))
    _import_package(offices.county, _export(town, "652323", offices.folder / "652323102-2.ykt"))
    with offices.county.uow() as uow:
        run_checks(uow, offices.county.actor, ["DUPLICATE_PAYMENT", "MULTI_CARD", "SHARED_ACCOUNT"])
        uow.commit()
    with offices.county.reader() as uow:
        found = uow.conn.execute(text(
            "SELECT f.rule, p.id_number, a.number FROM findings f LEFT JOIN persons p ON p.id = f.person_id "
            "LEFT JOIN bank_accounts a ON a.id = f.account_id WHERE f.voided = :no"), {"no": False}).fetchall()
    assert {r[1] for r in found if r[0] == "DUPLICATE_PAYMENT"} == {citizen_id(3)}
    assert {r[1] for r in found if r[0] == "MULTI_CARD"} == {citizen_id(3), citizen_id(12)}  # 12: his and 4's
    assert {r[2] for r in found if r[0] == "SHARED_ACCOUNT"} == {f"62284800{4:011d}"}
    with offices.towns["652323102"].uow() as uow:  # the township alone sees neither the double nor the sharing
        run_checks(uow, offices.towns["652323102"].actor, ["DUPLICATE_PAYMENT", "SHARED_ACCOUNT"])
        assert uow.conn.execute(text("SELECT COUNT(*) FROM findings")).scalar_one() == 0


@ON_FILE_ONLY
def test_updates_voids_and_problems_travel_and_only_the_owner_changes_a_record(offices: Offices) -> None:
    town = offices.towns["652323101"]
    _import(town, offices.rosters["652323101"])
    problem = run(town, ledger.register, town.actor, {"category": "3.2", "description": "冒领高龄津贴",
                                                      "amount": "120"})
    first = _export(town, "652323", offices.folder / "1.ykt")
    with town.reader() as uow:
        payment = uow.conn.exec_driver_sql("SELECT uid, version FROM payments ORDER BY id LIMIT 1").fetchone()
    with town.uow() as uow:
        uow.records.void("payments", payment[0], expected_version=payment[1])
        uow.commit()
    second = _export(town, "652323", offices.folder / "2.ykt")
    counts = pf.read_header(second.read_bytes()).counts  # what changed since, and what it names (its batch)
    assert {k: n for k, n in counts.items() if k not in IDENTITY_KEYS} == {"payments": 1, "import_batches": 1}

    _import_package(offices.county, second)  # the later package first: a gap, filled afterwards
    done = _import_package(offices.county, first)
    assert done.kinds["problems"].added == 1 and done.kinds["payments"].older == 1  # the void stays
    assert _digests(offices.county, ("payments", "problems")) == _digests(town, ("payments", "problems"))
    with offices.county.reader() as uow:
        numbers = [p.number for p in ledger.list_problems(uow, offices.county.actor)]
    assert numbers == [problem.number]


@ON_FILE_ONLY
def test_a_gap_in_the_sequence_is_reported_and_filled(offices: Offices) -> None:
    town = offices.towns["652323102"]
    _import(town, offices.rosters["652323102"])
    first = _export(town, "652323", offices.folder / "1.ykt")
    run(town, ledger.register, town.actor, {"category": "1.1", "description": "迟发", "amount": "10"})
    second = _export(town, "652323", offices.folder / "2.ykt")
    done = _import_package(offices.county, second)
    assert done.notes == ["缺少 二十里店镇 的第 1 个数据包（第 1 轮）"]
    with offices.county.reader() as uow:
        [status] = [s for s in exchange.peer_status(uow, offices.county.actor) if s.peer.org_code == "652323102"]
    assert status.missing == [1]
    assert _import_package(offices.county, first).notes == []


def test_refusals_change_nothing(offices: Offices, dbs: Databases) -> None:
    town = offices.towns["652323101"]
    _import(town, offices.rosters["652323101"])
    good = _export(town, "652323", offices.folder / "good.ykt")
    before = _digests(offices.county)

    other = init_installation(dbs.target("other.sqlite3"), code="652324", name="玛纳斯县")
    with pytest.raises(InputRejected) as caught:  # meant for the county, opened elsewhere
        _import_package(other, good)
    assert caught.value.key in ("package.untrusted", "package.not_for_us")
    _trust(other, town)
    with pytest.raises(InputRejected) as caught:
        _import_package(other, good)
    assert caught.value.key == "package.not_for_us"

    # The same sequence number again with other contents (built with the township's own key)
    keys = keystore.unlock(town.keystore_path, PASSPHRASE)
    header = pf.read_header(good.read_bytes())
    with offices.county.reader() as uow:
        county_keys = peers.own_public(uow, offices.county.keystore_path)
    forged = pf.build(b'{"format": "ykt-payload", "records": {}, "sender": "652323101", "version": 1}',
                      sender=header.sender, recipient=pf.PeerKeys("652323", "呼图壁县", county_keys.ed25519,
                                                                   county_keys.x25519),
                      signing_key=keys.signing, package_id="forged", epoch=1, sequence=1, created=header.created,
                      counts={}, previous=None, audit_head=None, direction="up")
    (offices.folder / "forged.ykt").write_bytes(forged)
    _import_package(offices.county, good)
    after_good = _digests(offices.county)
    with pytest.raises(InputRejected) as caught:
        _import_package(offices.county, offices.folder / "forged.ykt")
    assert caught.value.key == "package.replayed"
    assert _digests(offices.county) == after_good != before

    run(offices.county, peers.revoke, offices.county.actor, "652323101")
    after_revoke = _digests(offices.county)
    second = _export(town, "652323", offices.folder / "second.ykt")
    with pytest.raises(InputRejected) as caught:
        _import_package(offices.county, second)
    assert caught.value.key == "package.revoked"
    assert _digests(offices.county) == after_revoke

    with pytest.raises(PermissionDenied), offices.county.uow() as uow:
        exchange.import_package(uow, VIEWER, offices.county.keystore_path, PASSPHRASE, good.read_bytes(),
                                file_name="x")


@ON_FILE_ONLY
def test_only_neighbours_get_packages(offices: Offices) -> None:
    town = offices.towns["652323101"]
    other_town = offices.towns["652323102"]
    _trust(town, other_town)
    with pytest.raises(InputRejected) as caught:
        _export(town, "652323102", offices.folder / "x.ykt")
    assert caught.value.key == "package.not_neighbour"
    with pytest.raises(InputRejected) as caught:
        _export(town, "652324", offices.folder / "x.ykt")
    assert caught.value.key == "package.unknown_recipient"
    assert not (offices.folder / "x.ykt").exists()


# --- order independence ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Packages:
    files: tuple[Path, ...]
    county_template: Path
    expected: dict[str, tuple[int, str]]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Packages]:
    """Two packages from each township (the second with changes and voids), and a county with none merged."""
    folder = tmp_path_factory.mktemp("order")
    dbs = Databases("sqlite", folder, None)
    offices = _offices(dbs, folder / "files")
    files: list[Path] = []
    for code, town in offices.towns.items():
        _import(town, offices.rosters[code])
        run(town, ledger.register, town.actor, {"category": "1.1", "description": f"{code} 迟发", "amount": "5"})
        files.append(_export(town, "652323", folder / f"{code}-1.ykt"))
        with town.uow() as uow:
            for uid, version in uow.conn.exec_driver_sql(
                    "SELECT uid, version FROM payments ORDER BY id LIMIT 2").fetchall():
                uow.records.void("payments", uid, expected_version=version)
            person = uow.conn.exec_driver_sql("SELECT uid, version FROM persons ORDER BY id LIMIT 1").fetchone()
            uow.records.change("persons", person[0], {"phone": "0994-1234567"}, expected_version=person[1])
            uow.commit()
        files.append(_export(town, "652323", folder / f"{code}-2.ykt"))
    offices.county.close()
    template = folder / "county-template.sqlite3"
    shutil.copy(folder / "county.sqlite3", template)
    shutil.copy(folder / "county.sqlite3.keys", f"{template}.keys")
    reference = _copy_county(template, folder / "reference.sqlite3")
    for path in files:
        _import_package(reference, path)
    yield Packages(tuple(files), template, _digests(reference))
    reference.close()


def _copy_county(template: Path, target: Path) -> bootstrap.App:
    shutil.copy(template, target)
    shutil.copy(f"{template}.keys", f"{target}.keys")
    return bootstrap.open_app(str(target))


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.lists(st.integers(min_value=0, max_value=3), min_size=4, max_size=9), seed=st.integers(0, 10**6))
def test_any_order_and_any_repetition_gives_the_same_digests(packages: Packages, tmp_path: Path, order: list[int],
                                                              seed: int) -> None:
    sequence = [*order, *random.Random(seed).sample(range(4), 4)]  # every package at least once
    county = _copy_county(packages.county_template, tmp_path / f"county-{seed}-{len(order)}.sqlite3")
    try:
        for index in sequence:
            _import_package(county, packages.files[index])
        assert _digests(county) == packages.expected
    finally:
        county.close()


@ON_FILE_ONLY
def test_dates_survive_the_trip(offices: Offices) -> None:
    town = offices.towns["652323101"]
    _import(town, offices.rosters["652323101"])
    _import_package(offices.county, _export(town, "652323", offices.folder / "d.ykt"))
    with offices.county.reader() as uow:
        paid = uow.conn.exec_driver_sql("SELECT DISTINCT paid_date FROM payments").fetchall()
    assert [date.fromisoformat(str(p[0])[:10]) for p in paid] == [date(2018, 3, 20)]



@ON_FILE_ONLY
def test_after_a_restore_the_township_sends_in_a_new_epoch(offices: Offices) -> None:
    from yikatong_desktop.bootstrap import backups

    town = offices.towns["652323101"]
    _import(town, offices.rosters["652323101"])
    first = _export(town, "652323", offices.folder / "e1-1.ykt")
    saved = backups.make_backup(town, "manual")
    run(town, ledger.register, town.actor, {"category": "1.1", "description": "迟发", "amount": "10"})
    second = _export(town, "652323", offices.folder / "e1-2.ykt")
    backups.restore(town, saved, lambda: PASSPHRASE)  # the township goes back to before its second package
    third = _export(town, "652323", offices.folder / "e2-1.ykt")
    assert [(h.epoch, h.sequence) for h in map(lambda p: pf.read_header(p.read_bytes()), (first, second, third))] \
        == [(1, 1), (1, 2), (2, 1)]

    for path in (first, second, third):  # not a replay: a new epoch starts counting again
        assert _import_package(offices.county, path).totals()["refused"] == 0
    late = _export_old_epoch_copy(town, offices, second)
    with pytest.raises(InputRejected) as caught:
        _import_package(offices.county, late)
    assert caught.value.key == "package.old_epoch"


def _export_old_epoch_copy(town: bootstrap.App, offices: Offices, model: Path) -> Path:
    """A package of the old epoch the county has not seen (sequence 3), signed by the township itself."""
    keys = keystore.unlock(town.keystore_path, PASSPHRASE)
    header = pf.read_header(model.read_bytes())
    with offices.county.reader() as uow:
        county = peers.own_public(uow, offices.county.keystore_path)
    data = pf.build(b'{"format": "ykt-payload", "records": {}, "sender": "652323101", "version": 1}',
                    sender=header.sender, recipient=pf.PeerKeys("652323", "呼图壁县", county.ed25519, county.x25519),
                    signing_key=keys.signing, package_id="old-epoch", epoch=1, sequence=3, created=header.created,
                    counts={}, previous=None, audit_head=None, direction="up")
    path = offices.folder / "e1-3.ykt"
    path.write_bytes(data)
    return path


def _prefecture_above(offices: Offices, dbs: Databases) -> tuple[bootstrap.App, bootstrap.App]:
    """The prefecture, trusting and trusted by the county; and 大丰镇 with its roster imported."""
    prefecture = init_installation(dbs.target("prefecture.sqlite3"), code="652300", name="昌吉回族自治州",
                                   level="prefecture")
    _trust(prefecture, offices.county)
    _trust(offices.county, prefecture)
    town = offices.towns["652323101"]
    _import(town, offices.rosters["652323101"])
    return prefecture, town


@ON_FILE_ONLY
def test_the_prefecture_checks_each_township_package_the_county_passes_on(offices: Offices, dbs: Databases) -> None:
    prefecture, town = _prefecture_above(offices, dbs)
    _import_package(offices.county, _export(town, "652323", offices.folder / "t1.ykt"))
    upward = _export(offices.county, "652300", offices.folder / "c1.ykt")
    assert pf.read_header(upward.read_bytes()).counts["forwarded_packages"] == 1

    done = _import_package(prefecture, upward)
    assert any("经 呼图壁县 转来 大丰镇" in n for n in done.notes)
    assert _digests(prefecture, ROSTER_KINDS) == _digests(offices.county, ROSTER_KINDS) == _digests(town, ROSTER_KINDS)
    with prefecture.reader() as uow:
        received = {s.peer.org_code for s in exchange.peer_status(uow, prefecture.actor)}
        logged = uow.conn.execute(text("SELECT peer_code FROM exchange_packages WHERE direction = 'in'")).fetchall()
    assert received == {"652323"} and sorted(r[0] for r in logged) == ["652323", "652323101"]

    # Passed on again (a full export): the township's package is recognised and not merged twice
    again = _export(offices.county, "652300", offices.folder / "c2.ykt", full=True)
    assert _import_package(prefecture, again).kinds.get("payments", KindResult()).added == 0
    assert _digests(prefecture, ROSTER_KINDS) == _digests(town, ROSTER_KINDS)


@ON_FILE_ONLY
def test_a_township_payload_changed_by_the_county_is_refused_upstairs(offices: Offices, dbs: Databases) -> None:
    prefecture, town = _prefecture_above(offices, dbs)
    package = _export(town, "652323", offices.folder / "t1.ykt")
    _import_package(offices.county, package)
    payload_sha = pf.read_header(package.read_bytes()).payload_sha256
    with offices.county.uow() as uow:  # someone at the county edits what the township sent
        content = bytes(uow.conn.execute(text("SELECT content FROM evidence_blobs WHERE sha256 = :s"),
                                         {"s": payload_sha}).scalar_one())
        uow.conn.execute(text("UPDATE evidence_blobs SET content = :c WHERE sha256 = :s"),
                         {"c": content.replace(b"12000", b"99000"), "s": payload_sha})
        uow.commit()
    before = _digests(prefecture)
    with pytest.raises(InputRejected) as caught:
        _import_package(prefecture, _export(offices.county, "652300", offices.folder / "c1.ykt"))
    assert caught.value.key == "package.forward_mismatch"
    assert _digests(prefecture) == before


@ON_FILE_ONLY
def test_downward_the_county_sends_its_lists_and_revocations_but_never_complaints(offices: Offices) -> None:
    from yikatong_desktop.domain.lists import ListKind
    from yikatong_desktop.services import complaints
    from yikatong_desktop.services.list_imports import import_list

    staff = write_roster(offices.folder / "财政供养人员.xlsx", ("序号", "姓名", "身份证号", "工作单位"),
                         [[1, "居民2", citizen_id(2), "县林业局"]])
    with offices.county.uow() as uow:
        import_list(uow, offices.county.actor, ListKind.STAFF, staff)
        uow.commit()
    run(offices.county, complaints.register, offices.county.actor,
        {"channel": "电话", "content": "反映冒领", "complainant": "王举报", "contact": "0994-5551234"})
    run(offices.county, peers.revoke, offices.county.actor, "652323102")
    town = offices.towns["652323101"]
    down = _export(offices.county, "652323101", offices.folder / "down.ykt")
    header = pf.read_header(down.read_bytes())
    assert header.direction == "down" and "complaints" not in header.counts
    done = _import_package(town, down)
    assert done.kinds["public_employees"].added == 1 and done.kinds["key_revocations"].added == 1
    assert _digests(town, ("public_employees", "key_revocations")) == \
        _digests(offices.county, ("public_employees", "key_revocations"))
    assert _digests(town, ("complaints",))["complaints"][0] == 0
    with town.reader() as uow:  # the revocation travelled: 二十里店镇's key is refused here too
        assert peers.peer_keys(uow).get("652323102") is None or peers.peer_keys(uow)["652323102"].revoked


@ON_FILE_ONLY
def test_the_county_report_counts_each_township_from_the_merged_packages(offices: Offices) -> None:
    from yikatong_desktop.domain.reports import ReportKind
    from yikatong_desktop.services import reports

    for code, town in offices.towns.items():
        _import(town, offices.rosters[code])
        for n in range(1 if code == "652323101" else 2):
            run(town, ledger.register, town.actor, {"category": "1.1", "description": f"迟发{n}", "amount": "10"})
        _import_package(offices.county, _export(town, "652323", offices.folder / f"{code}-r.ykt"))
    with offices.county.reader() as uow:
        month = f"{uow.clock.now():%Y-%m}"  # the month the townships registered them in
        doc = reports.document(uow, offices.county.actor, ReportKind.MONTHLY, reports.scope(uow), month)
    [towns] = [s.tables[0] for s in doc.sections if s.title.startswith("各乡镇")]
    registered = {row[0]: row[1] for row in towns.rows}
    assert registered["大丰镇"] == 1 and registered["二十里店镇"] == 2 and registered["合计"] == 3


@ON_FILE_ONLY
def test_the_county_approves_a_township_problem_and_the_township_closes_it(offices: Offices) -> None:
    from ledger_support import CLERK, REVIEWER, png_bytes, write

    from yikatong_desktop.domain.problems import Move, State

    town = offices.towns["652323101"]
    photo = write(offices.folder / "整改照片.png", png_bytes())
    first = run(town, ledger.register, CLERK, {"category": "1.1", "description": "迟发", "amount": "10",
                                               "measures": "补发到位"}, evidence=[photo])
    second = run(town, ledger.register, CLERK, {"category": "1.2", "description": "超标准", "amount": "20",
                                                "measures": "追回"}, evidence=[photo])
    for p in (first, second):
        run(town, ledger.move, CLERK, p.number, Move.START)
        run(town, ledger.move, CLERK, p.number, Move.APPLY)
    _import_package(offices.county, _export(town, "652323", offices.folder / "up1.ykt"))

    closed = run(offices.county, ledger.move, REVIEWER, first.uid, Move.CLOSE)  # the county's decision
    assert closed.state is State.APPLIED  # the township's record is the township's to change
    run(offices.county, ledger.move, REVIEWER, second.uid, Move.RETURN, "照片不清楚")
    with pytest.raises(InputRejected) as caught:
        run(offices.county, ledger.move, REVIEWER, first.uid, Move.CLOSE)
    assert caught.value.key == "ledger.decided_already"

    done = _import_package(town, _export(offices.county, "652323101", offices.folder / "down1.ykt"))
    assert done.kinds["decisions"].added == 2 and sum("已执行" in n for n in done.notes) == 2
    with town.reader() as uow:
        states = {p.number: p.state for p in ledger.list_problems(uow, town.actor)}
    assert states == {first.number: State.CLOSED, second.number: State.RECTIFYING}
    again = _import_package(town, _export(offices.county, "652323101", offices.folder / "down2.ykt", full=True))
    assert not any("已执行" in n for n in again.notes)  # a decision is taken once

    _import_package(offices.county, _export(town, "652323", offices.folder / "up2.ykt"))
    with offices.county.reader() as uow:
        at_county = {p.number: p.state for p in ledger.list_problems(uow, offices.county.actor)}
    assert at_county == states
