"""An import proposes the 补贴标准 it saw; a clerk confirms them into the catalogue (SPEC §6 OVER_STANDARD)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from roster_files import citizen_id, write_roster
from ykt_integration import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.services import standards
from yikatong_desktop.services.imports import ImportReport, import_roster

Installation = Callable[..., bootstrap.App]
HEADER = ("姓名", "身份证号", "补贴项目", "补贴期间", "补贴标准", "实发金额")


def _tiers(tmp_path: Path, name: str = "高龄.xlsx", *, first: int = 1) -> Path:
    """高龄津贴 2018-03 at 100 (5 rows) and 200 (2 rows), and 护林员 2018 at 10000元/年 (1 row)."""
    rows = [[f"甲{i}", citizen_id(first + i), "高龄津贴", "2018-03", 100, 100] for i in range(5)]
    rows += [[f"乙{i}", citizen_id(first + 10 + i), "高龄津贴", "2018-03", "200元/月", 200] for i in range(2)]
    rows += [["丙", citizen_id(first + 20), "生态护林员补助", "2018", 10000, 10000]]
    return write_roster(tmp_path / name, HEADER, rows)


def _import(app: bootstrap.App, path: Path, **kw: object) -> ImportReport:
    with app.uow() as uow:
        report = import_roster(uow, app.actor, path, **kw)  # type: ignore[arg-type]
        if not report.dry_run:
            uow.commit()
    return report


def test_an_import_proposes_each_amount_per_program_and_year_with_its_rows(installation: Installation,
                                                                           tmp_path: Path) -> None:
    app = installation()
    report = _import(app, _tiers(tmp_path))
    got = sorted((s.program_code, s.year, s.amount_fen, s.rows, s.tier, s.new) for s in report.standards)
    assert got == [("LC01", 2018, 1000000, 1, "", True), ("MZ02", 2018, 10000, 5, "100.00元", True),
                   ("MZ02", 2018, 20000, 2, "200.00元", True)]
    assert sql(app.location, "SELECT COUNT(*) FROM program_standards WHERE NOT confirmed") == [(3,)]
    detail = json.loads(sql(app.location, "SELECT detail FROM audit_events WHERE action = 'import.roster'")[0][0])
    assert detail["standards_proposed"] == 3


def test_a_dry_run_proposes_but_stores_nothing(installation: Installation, tmp_path: Path) -> None:
    app = installation()
    report = _import(app, _tiers(tmp_path), dry_run=True)
    assert len(report.standards) == 3
    assert sql(app.location, "SELECT COUNT(*) FROM program_standards") == [(0,)]


def test_confirmed_standards_join_the_catalogue_audited_and_are_not_proposed_again(installation: Installation,
                                                                                   tmp_path: Path) -> None:
    app = installation()
    report = _import(app, _tiers(tmp_path))
    wanted = [s.uid[:8] for s in report.standards if s.program_code == "MZ02"]
    with app.uow() as uow:
        done = standards.confirm_standards(uow, app.actor, wanted)
        uow.commit()
    assert sorted(s.amount_fen for s in done) == [10000, 20000]
    with app.reader() as uow:
        pending = standards.list_standards(uow, app.actor, pending=True)
        catalogue = standards.list_standards(uow, app.actor, program="高龄津贴", year=2018)
    assert [s.program_code for s in pending] == ["LC01"]
    assert [(s.amount_fen, s.confirmed, s.rows) for s in catalogue] == [(10000, True, 5), (20000, True, 2)]
    event = sql(app.location, "SELECT detail FROM audit_events WHERE action = 'standards.confirm'")
    assert len(event) == 1 and {s["amount_fen"] for s in json.loads(event[0][0])["standards"]} == {10000, 20000}
    history = sql(app.location, "SELECT COUNT(*) FROM record_history WHERE kind = 'program_standards'")
    assert history == [(2,)]  # the proposals' versions are kept

    later = _import(app, _tiers(tmp_path, "高龄四月.xlsx", first=100))
    assert [(s.program_code, s.new) for s in later.standards] == [("LC01", False)]  # still waiting, not doubled


def test_a_rejected_proposal_is_voided_and_unknown_ids_are_refused(installation: Installation,
                                                                   tmp_path: Path) -> None:
    app = installation()
    report = _import(app, _tiers(tmp_path))
    forest = next(s for s in report.standards if s.program_code == "LC01")
    with app.uow() as uow:
        standards.reject_standards(uow, app.actor, [forest.uid])
        uow.commit()
    with app.uow() as uow, pytest.raises(InputRejected):
        standards.confirm_standards(uow, app.actor, [forest.uid])
    later = _import(app, _tiers(tmp_path, "再一次.xlsx", first=200))
    assert "LC01" not in {s.program_code for s in later.standards}
