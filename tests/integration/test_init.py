"""`init`: the seeded org tree, catalogue and settings; refusals leave files as they were (SPEC §3, §4, §9, §12)."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest
from ykt_integration import init_installation, sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.campaign import Campaign, default_campaign
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.services import setup

CHANGJI = {
    "652300": ("昌吉回族自治州", "prefecture", None),
    "652301": ("昌吉市", "county", "652300"),
    "652302": ("阜康市", "county", "652300"),
    "652323": ("呼图壁县", "county", "652300"),
    "652324": ("玛纳斯县", "county", "652300"),
    "652325": ("奇台县", "county", "652300"),
    "652327": ("吉木萨尔县", "county", "652300"),
    "652328": ("木垒县", "county", "652300"),
}
ZONES = ("昌吉国家高新技术产业开发区", "昌吉国家农业科技园区")

# SPEC §3, copied from the table: code → (name, department, household-based, min age, excludes 财政供养).
SPEC_PROGRAMS = {
    "CZ01": ("护边员补助", "财政局", False, None, True),
    "CZ02": ("边民补助", "财政局", False, None, False),
    "CZ03": ("粮食直补", "财政局", True, None, False),
    "NY01": ("耕地地力保护补贴", "农业农村局", True, None, False),
    "NY02": ("农机具购置补贴", "农业农村局", True, None, False),
    "LC01": ("生态护林员补助", "林草局", False, None, True),
    "LC02": ("完善退耕还林还草补助(新一轮退耕还林)", "林草局", True, None, False),
    "LC03": ("草原生态保护补助奖励", "林草局", True, None, False),
    "RS01": ("就业困难人员就业补助", "人社局", False, None, True),
    "RS02": ("就业扶贫政策补助", "人社局", False, None, True),
    "WJ01": ("农村部分计划生育家庭奖励扶助", "卫健委", False, 60, False),
    "WJ02": ('国家西部地区计划生育"少生快富"工程补助', "卫健委", True, None, False),
    "WJ03": ("国家计划生育家庭特别扶助", "卫健委", False, 49, False),
    "WJ04": ("计划生育家庭特别扶助(其他家庭)", "卫健委", False, 49, False),
    "WJ05": ("边境县、贫困县农村计划生育家庭特殊奖励", "卫健委", False, None, False),
    "WJ06": ("城镇计划生育家庭奖励补助", "卫健委", False, 60, False),
    "WJ07": ('自治区"少生快富"工程补助', "卫健委", True, None, False),
    "WJ08": ("自治区计划生育家庭特别扶助", "卫健委", False, 49, False),
    "WJ09": ("计划生育家庭一次性扶助金", "卫健委", False, None, False),
    "MZ01": ("困难群众救助补助", "民政局", True, None, True),
    "MZ02": ("高龄老人基本生活津贴", "民政局", False, 80, False),
    "TY01": ("优抚对象补助", "退役军人事务局", False, None, False),
    "CL01": ("残疾人机动车燃油补贴", "残联", False, None, False),
    "FG01": ("棉花目标价格补贴", "发改委", True, None, False),
    "ZJ01": ("农村安居工程补助", "住建局", True, None, True),
    "ZJ02": ("城镇保障性安居工程(租赁补贴)", "住建局", True, None, True),
    "FP01": ("大中型水库移民后期扶持(移民生产生活补助)", "扶贫办", False, None, False),
}


def _files(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def _plain_quotes(text: str) -> str:
    return text.replace("“", '"').replace("”", '"')


def test_init_seeds_changji_prefecture_with_its_counties_and_zones(tmp_path: Path) -> None:
    init_installation(tmp_path / "a.sqlite3", code="652323", name="呼图壁县", level="county").close()

    rows = sql(tmp_path / "a.sqlite3", "SELECT code, name, level, parent_code FROM org_units WHERE NOT voided")
    by_code = {code: (name, level, parent) for code, name, level, parent in rows}
    for code, expected in CHANGJI.items():
        assert by_code[code] == expected
    zones = {name: (level, parent) for name, level, parent in by_code.values() if name in ZONES}
    assert zones == {name: ("county", "652300") for name in ZONES}
    assert len(rows) == len(CHANGJI) + len(ZONES)


def test_init_seeds_the_27_programs_of_the_spec_with_synonyms(tmp_path: Path) -> None:
    app = init_installation(tmp_path / "a.sqlite3")
    with app.uow() as uow:
        programs = {r.code: r for r in uow.records.programs()}
        found = {word: [r.code for r in uow.records.find_program(word)]
                 for word in ("耕地地力补贴", "高龄津贴", "计生奖扶", "护林员补助", "高龄老人基本生活津贴", "MZ02")}
    app.close()

    assert set(programs) == set(SPEC_PROGRAMS)
    for code, (name, department, household, min_age, excludes) in SPEC_PROGRAMS.items():
        row = programs[code]
        assert (_plain_quotes(row.name), row.department, row.household_based, row.min_age,
                row.excludes_public_employees) == (name, department, household, min_age, excludes), code
        assert row.card_required and row.in_scope and row.grace_days == 30, code
    assert found == {"耕地地力补贴": ["NY01"], "高龄津贴": ["MZ02"], "计生奖扶": ["WJ01"], "护林员补助": ["LC01"],
                     "高龄老人基本生活津贴": ["MZ02"], "MZ02": ["MZ02"]}


def test_init_stores_org_and_campaign_settings(tmp_path: Path) -> None:
    app = init_installation(tmp_path / "a.sqlite3", code="652323101", name="大丰镇", level="township")
    with app.uow() as uow:
        settings = {k: uow.get_setting(k) for k in ("org.code", "org.name", "org.level", "catalog.version")}
        campaign = Campaign.from_settings(uow.get_setting("campaign"))
        own = uow.records.org_by_code("652323101")
    app.close()

    assert settings == {"org.code": "652323101", "org.name": "大丰镇", "org.level": "township",
                        "catalog.version": setup.CATALOG_VERSION}
    assert campaign == default_campaign(2019)  # the year of the init clock
    assert (own.level, own.parent_code, own.owner_org) == ("township", "652323", "652323101")


def test_every_seeded_record_carries_uid_owner_and_version(tmp_path: Path) -> None:
    init_installation(tmp_path / "a.sqlite3").close()

    for table in ("org_units", "programs"):
        rows = sql(tmp_path / "a.sqlite3", f"SELECT code, uid, owner_org, version, voided FROM {table}")
        assert rows, table
        for code, uid, owner, version, voided in rows:
            assert uuid.UUID(uid).version == 5, (table, code)
            assert owner == setup.SEED_OWNER, (table, code)  # the county is a seeded unit
            assert version >= 1 and voided == 0, (table, code)


def test_a_unit_the_seed_does_not_know_is_owned_by_the_installation_itself(tmp_path: Path) -> None:
    init_installation(tmp_path / "t.sqlite3", code="652323101", name="大丰镇", level="township").close()

    owners = dict(sql(tmp_path / "t.sqlite3", "SELECT code, owner_org FROM org_units"))
    assert owners["652323101"] == "652323101"
    assert owners["652323"] == owners["652300"] == setup.SEED_OWNER


def test_every_installation_agrees_on_who_owns_a_seeded_unit(tmp_path: Path) -> None:
    init_installation(tmp_path / "county.sqlite3").close()
    init_installation(tmp_path / "town.sqlite3", code="652323101", name="大丰镇", level="township").close()

    query = "SELECT uid, owner_org FROM org_units WHERE code = '652323'"
    assert sql(tmp_path / "county.sqlite3", query) == sql(tmp_path / "town.sqlite3", query)


def test_two_installations_give_seeded_records_the_same_uids(tmp_path: Path) -> None:
    init_installation(tmp_path / "county.sqlite3").close()
    init_installation(tmp_path / "town.sqlite3", code="652323101", name="大丰镇", level="township").close()

    query = "SELECT code, uid FROM programs UNION ALL SELECT code, uid FROM org_units WHERE code != ?"
    county = dict(sql(tmp_path / "county.sqlite3", query, ("652323",)))
    town = dict(sql(tmp_path / "town.sqlite3", query, ("652323101",)))
    shared = set(county) & set(town)
    assert len(shared) >= 27 + 8
    assert {c: county[c] for c in shared} == {c: town[c] for c in shared}


def test_init_records_an_audit_event(tmp_path: Path) -> None:
    init_installation(tmp_path / "a.sqlite3").close()

    assert sql(tmp_path / "a.sqlite3", "SELECT org_code, seq, action FROM audit_events") == [("652323", 1, "init")]


def test_second_init_on_the_same_file_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    init_installation(tmp_path / "a.sqlite3").close()
    before = _files(tmp_path)

    with pytest.raises(InputRejected):
        init_installation(tmp_path / "a.sqlite3", code="652324", name="玛纳斯县")

    assert _files(tmp_path) == before


def test_init_over_a_database_whose_keystore_is_gone_is_refused_and_keeps_the_database(tmp_path: Path) -> None:
    init_installation(tmp_path / "a.sqlite3").close()
    (tmp_path / "a.sqlite3.keys").unlink()
    before = _files(tmp_path)

    with pytest.raises(InputRejected) as caught:
        init_installation(tmp_path / "a.sqlite3")

    assert caught.value.key == "db.exists"
    assert _files(tmp_path) == before


def test_initialising_an_open_installation_again_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    app = init_installation(tmp_path / "a.sqlite3")
    app.close()
    count = ("SELECT (SELECT COUNT(*) FROM org_units), (SELECT COUNT(*) FROM programs), "
             "(SELECT COUNT(*) FROM audit_events)")
    before = sql(tmp_path / "a.sqlite3", count)

    app = bootstrap.open_app(str(tmp_path / "a.sqlite3"))
    with pytest.raises(InputRejected), app.uow() as uow:
        setup.initialise(uow, app.actor, code="652324", name="玛纳斯县", level="county")
        uow.commit()
    app.close()

    assert sql(tmp_path / "a.sqlite3", count) == before
    assert sql(tmp_path / "a.sqlite3", "SELECT value FROM settings WHERE key = 'org.code'") == [('"652323"',)]


def test_init_with_a_nonexistent_parent_leaves_no_database_or_keystore(tmp_path: Path) -> None:
    with pytest.raises(InputRejected) as caught:
        init_installation(tmp_path / "a.sqlite3", code="652399101", name="某镇", level="township", parent="652399")

    assert caught.value.key == "org.parent_missing"
    assert sorted(p.name for p in tmp_path.iterdir()) == []



def test_a_phase_ending_before_it_starts_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    from dataclasses import replace

    import pytest

    from yikatong_desktop.domain.errors import InputRejected
    from yikatong_desktop.services.queries import campaign, set_campaign

    app = init_installation(tmp_path / "c.sqlite3")
    with app.uow() as uow:
        current = campaign(uow)
        first = current.phases[0]
        broken = replace(current, phases=(replace(first, end=first.start.replace(day=1)), *current.phases[1:]))
        with pytest.raises(InputRejected) as caught:
            set_campaign(uow, app.actor, broken)
    assert "早于开始日期" in caught.value.text("zh")
    with app.reader() as uow:
        assert campaign(uow) == current
    app.close()
