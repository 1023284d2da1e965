"""Merging a program an import created (XZnn) into a catalogue program (SPEC §5)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from ykt_integration import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.services.imports import import_roster
from yikatong_desktop.services.programs import list_programs, merge_program

Installation = Callable[..., bootstrap.App]
A = "65232319300101001" + compute_check_char("65232319300101001")
B = "65232319310202002" + compute_check_char("65232319310202002")


def _roster(app: bootstrap.App, path: Path, program: str, rows: list[tuple[str, str, str]]) -> list[str]:
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号", "补贴项目", "补贴期间", "实发金额", "发放日期"])
    for name, id_number, day in rows:
        book.active.append([name, id_number, program, "2018-03", 100, day])
    book.save(path)
    with app.uow() as uow:
        report = import_roster(uow, app.actor, path)
        uow.commit()
    return report.new_programs


def test_a_new_program_is_merged_with_its_payments_and_its_name_becomes_a_synonym(installation: Installation,
                                                                                tmp_path: Path) -> None:
    app = installation()
    both = [("王一", A, "2018-03-28"), ("李二", B, "2018-03-28")]
    assert _roster(app, tmp_path / "a.xlsx", "高龄老人生活补贴", both) == ["XZ01 高龄老人生活补贴"]
    assert _roster(app, tmp_path / "b.xlsx", "高龄津贴", [("王一", A, "2018-03-28")]) == []
    with app.uow() as uow:
        listed = {p.code: p for p in list_programs(uow, app.actor)}
    assert listed["XZ01"].local and listed["XZ01"].payments == 2 and not listed["MZ02"].local

    with app.uow() as uow:
        result = merge_program(uow, app.actor, "XZ01", "高龄津贴", reason="同一个项目，民政局写法不同")
        uow.commit()
    assert result.moved["payments"] == 2 and result.renumbered == 1
    db = app.location
    # 王一 was paid under both names on one date: now two MZ02 payments (occurrence 1 and 2) for review.
    assert sql(db, "SELECT s.name, p.occurrence FROM payments p JOIN persons s ON s.id = p.person_id JOIN programs g "
                   "ON g.id = p.program_id WHERE g.code = 'MZ02' AND NOT p.voided ORDER BY s.name, p.occurrence") \
        == [("李二", 1), ("王一", 1), ("王一", 2)]
    assert sql(db, "SELECT voided FROM programs WHERE code = 'XZ01'") == [(1,)]
    assert sql(db, "SELECT COUNT(*) FROM record_history WHERE kind = 'payments'") == [(2,)]
    assert sql(db, "SELECT action FROM audit_events ORDER BY id DESC LIMIT 1") == [("program.merge",)]
    # The next file under the old name goes straight to 高龄津贴.
    assert _roster(app, tmp_path / "c.xlsx", "高龄老人生活补贴", [("李二", B, "2018-04-28")]) == []
    assert sql(db, "SELECT COUNT(*) FROM payments p JOIN programs g ON g.id = p.program_id WHERE g.code = 'MZ02' "
                   "AND NOT p.voided") == [(4,)]
    app.close()


def test_bad_merges_are_refused_and_change_nothing(installation: Installation) -> None:
    app = installation()
    cases = (("没有的项目", "MZ02", "x", InputRejected), ("MZ02", "高龄津贴", "x", UsageError),
             ("MZ02", "MZ01", " ", UsageError))
    for source, target, reason, error in cases:
        with pytest.raises(error), app.uow() as uow:
            merge_program(uow, app.actor, source, target, reason=reason)
    assert sql(app.location, "SELECT COUNT(*) FROM programs WHERE voided") == [(0,)]
    app.close()


def test_a_merge_with_a_rejected_standard_of_the_same_year_and_tier_keeps_the_rejected_one(
        installation: Installation) -> None:
    app = installation()
    with app.uow() as uow:
        mz02 = uow.records.find_program("MZ02")[0]
        uow.records.add("program_standards", {"program_id": mz02.id, "year": 2020, "tier": "333.00元",
                                              "min_age": None, "max_age": None, "amount_fen": 33300, "unit": "元",
                                              "confirmed": False, "voided": True}, owner="652323", uid="rejected")
        xz = uow.records.add("programs", {"code": "XZ01", "name": "高龄补助金", "department": "未知部门",
                                          "basis": "person", "frequency": "as_needed", "unit": "元",
                                          "funding_levels": [], "synonyms": [], "card_required": True,
                                          "household_based": False, "min_age": None,
                                          "excludes_public_employees": False, "area": [], "grace_days": 30,
                                          "in_scope": True}, owner="652323", uid="xz01")
        uow.records.add("program_standards", {"program_id": xz, "year": 2020, "tier": "333.00元", "min_age": None,
                                              "max_age": None, "amount_fen": 44400, "unit": "元", "confirmed": False},
                        owner="652323", uid="proposed")
        uow.commit()
    with app.uow() as uow:
        merge_program(uow, app.actor, "XZ01", "MZ02", reason="同一项目")
        uow.commit()
    assert sql(app.location, "SELECT uid, voided FROM program_standards WHERE uid IN ('rejected', 'proposed') "
                                  "ORDER BY uid") == [("proposed", 1), ("rejected", 1)]
    app.close()
