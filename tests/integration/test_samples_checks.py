"""The sample files of shared/samples, imported and checked: every finding expected.json names is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ykt_integration import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.lists import ListKind
from yikatong_desktop.services import findings
from yikatong_desktop.services.checks.run import run_checks
from yikatong_desktop.services.imports import import_roster
from yikatong_desktop.services.list_imports import import_list

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))["files"]
ROSTERS = {
    "民政_高龄津贴_2018年3月.xlsx": ("高龄老人基本生活津贴", "2018-03"),
    "农业_耕地地力保护补贴_2018.xls": ("耕地地力保护补贴", "2018"),
    "林草_生态护林员补助_2017.csv": ("生态护林员补助", "2017"),
    "卫健委_计生奖扶_2018.xlsx": ("农村部分计划生育家庭奖励扶助", "2018"),
    "财政_粮食直补_2017_utf8bom.csv": (None, None),
}
LISTS = {"死亡人员名单_2018.xlsx": ListKind.STATUS, "财政供养人员名单.xlsx": ListKind.STAFF,
         "银行_代发回盘_201803.xlsx": ListKind.BANK_RETURN}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[findings.Finding]]:
    from ykt_integration import init_installation

    app: bootstrap.App = init_installation(tmp_path_factory.mktemp("samples") / "county.sqlite3")
    with app.uow() as uow:
        for name, (program, period) in ROSTERS.items():
            import_roster(uow, app.actor, SAMPLES / name, program=program, period=period)
        for name, kind in LISTS.items():
            import_list(uow, app.actor, kind, SAMPLES / name)
        run_checks(uow, app.actor)
        uow.commit()
    with app.reader() as uow:
        found = findings.list_findings(uow, app.actor)
    path = app.location
    assert path is not None
    app.close()
    return path, found


EXPECTED_FINDINGS = [(name, row) for name, spec in EXPECTED.items() for row in spec.get("rows", [])
                     if row.get("finding") and row.get("id")]


@pytest.mark.parametrize(("name", "row"), EXPECTED_FINDINGS,
                         ids=[f"{r['finding']}-{n[:6]}-{r['row']}" for n, r in EXPECTED_FINDINGS])
def test_each_finding_expected_json_names_is_found(checked: tuple[Path, list[findings.Finding]], name: str,
                                                   row: dict[str, object]) -> None:
    path, found = checked
    person_uid = sql(path, "SELECT uid FROM persons WHERE id_number = ?", (row["id"],))
    if not person_uid and name in ROSTERS:
        # expected.json gives two planted invalid IDs with another wrong check character than the file
        # has (…2271 for the file's …2270): take the person the row itself stored.
        person_uid = sql(path, "SELECT s.uid FROM payments p JOIN persons s ON s.id = p.person_id "
                               "JOIN import_batches b ON b.id = p.batch_id "
                               "WHERE b.file_name = ? AND p.sheet = ? AND p.excel_row = ?",
                         (name, row["sheet"], row["row"]))
    assert person_uid, f"{row['id']} was not stored"
    about = [f for f in found if f.rule == row["finding"]
             and (f.id_number == row["id"] or person_uid[0][0] in {e["uid"] for e in f.evidence})]
    assert about, (name, row, [f.explanation for f in found if f.rule == row["finding"]])


def test_no_finding_for_the_person_who_died_inside_the_paid_month(checked: tuple[Path, list[findings.Finding]]
                                                                  ) -> None:
    _path, found = checked
    assert not [f for f in found if f.rule == "PAID_AFTER_DEATH" and f.id_number == "652323193610226996"]
    # 高龄津贴 does not exclude 财政供养人员: the retired 谢强 on both lists gives no PUBLIC_EMPLOYEE.
    assert not [f for f in found if f.rule == "PUBLIC_EMPLOYEE" and f.id_number == "652323193010300910"]


def test_bank_return_findings_are_the_six_failures_the_four_fees_and_the_unpaid_excess(
        checked: tuple[Path, list[findings.Finding]]) -> None:
    _path, found = checked
    assert len([f for f in found if f.rule == "UNISSUED_FUNDS"]) == 6
    fees = [f for f in found if f.rule == "BANK_FEE"]
    # expected.json names 4 (3 fees, 1 line 2 元 short). The bank also credited 100 元 for the row the
    # roster says paid 200 (the OVER_STANDARD row): credited less than 实发 is BANK_FEE by SPEC §6's words.
    assert len(fees) == 5
    assert [f.explanation for f in fees if "实发200.00元，入账100.00元" in f.explanation]
