"""A clerk fixes the column mapping; the fix is remembered per department and header layout (SPEC §5)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from roster_files import MISLEADING_HEADER, citizen_id, misleading_rows, write_roster
from ykt_integration import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.headers import Field
from yikatong_desktop.services.imports import ImportReport, import_roster
from yikatong_desktop.services.roster_preview import confirm_columns, preview_roster

Installation = Callable[..., bootstrap.App]
FIX = {"金额": Field.DUE, "本次实际到账": Field.PAID}


def _import(app: bootstrap.App, path: Path, **kw: object) -> ImportReport:
    with app.uow() as uow:
        report = import_roster(uow, app.actor, path, **kw)  # type: ignore[arg-type]
        uow.commit()
    return report


def _confirm(app: bootstrap.App, path: Path, changes: dict[str, Field | None], **kw: object) -> None:
    with app.uow() as uow:
        preview = preview_roster(uow, app.actor, path, **kw)  # type: ignore[arg-type]
        choices = preview.choices()
        for sheet in choices:
            choices[sheet].update(changes)
        confirm_columns(uow, app.actor, preview, choices)
        uow.commit()


def test_without_a_fix_the_misleading_amount_column_is_read_as_paid(installation: Installation,
                                                                      tmp_path: Path) -> None:
    app = installation()
    path = write_roster(tmp_path / "民政.xlsx", MISLEADING_HEADER, misleading_rows(3))
    report = _import(app, path)
    assert report.mapping["Sheet1"]["金额"] == "paid" and "本次实际到账" not in report.mapping["Sheet1"]
    assert sql(app.location, "SELECT DISTINCT paid_fen, due_fen FROM payments") == [(10000, None)]


def test_an_override_maps_the_columns_right_and_the_import_stores_the_real_amounts(installation: Installation,
                                                                                  tmp_path: Path) -> None:
    app = installation()
    path = write_roster(tmp_path / "民政.xlsx", MISLEADING_HEADER, misleading_rows(3))
    report = _import(app, path, columns=FIX)
    assert report.mapping["Sheet1"]["金额"] == "due" and report.mapping["Sheet1"]["本次实际到账"] == "paid"
    assert report.accepted == 3 and report.paid_total_fen == 3 * 9500
    assert sql(app.location, "SELECT DISTINCT paid_fen, due_fen FROM payments") == [(9500, 10000)]


def test_an_override_that_drops_a_required_column_refuses_the_file(installation: Installation,
                                                                    tmp_path: Path) -> None:
    app = installation()
    path = write_roster(tmp_path / "民政.xlsx", MISLEADING_HEADER, misleading_rows(3))
    with pytest.raises(InputRejected) as caught:
        _import(app, path, columns={"身份证号": None})
    assert caught.value.exit_code == 3 and "身份证号" in caught.value.text()
    with pytest.raises(UsageError) as twice:  # one field, one column
        _import(app, path, columns={"金额": Field.PAID, "本次实际到账": Field.PAID})
    assert "一项只能对应一列" in twice.value.text()
    assert sql(app.location, "SELECT COUNT(*) FROM payments") == [(0,)]


def test_the_preview_reads_header_fields_and_first_rows_without_storing(installation: Installation,
                                                                        tmp_path: Path) -> None:
    app = installation()
    path = write_roster(tmp_path / "民政.xlsx", MISLEADING_HEADER, misleading_rows(25))
    with app.reader() as uow:
        preview = preview_roster(uow, app.actor, path)
    sheet = preview.sheets[0]
    assert preview.department == "民政局" and preview.department_source == "file"  # from 高龄津贴 in the rows
    assert sheet.header_rows == (2, 2) and sheet.missing == []
    assert [(c.title, c.field_name) for c in sheet.columns][-2:] == [("金额", "实发金额"), ("本次实际到账", "不导入")]
    assert len(sheet.rows) == 10 and sheet.rows[0][2] == citizen_id(1)
    assert sql(app.location, "SELECT COUNT(*) FROM payments") == [(0,)]


def test_a_confirmed_fix_is_applied_to_the_next_file_of_the_department_and_marked(installation: Installation,
                                                                                  tmp_path: Path) -> None:
    app = installation()
    first = write_roster(tmp_path / "三月.xlsx", MISLEADING_HEADER, misleading_rows(3))
    _confirm(app, first, FIX)
    stored = json.loads(sql(app.location, "SELECT value FROM settings WHERE key LIKE 'import.columns.民政局.%'")
                        [0][0])
    assert stored["fixes"] == {"本次实际到账": "paid", "金额": "due"}  # only what differs from detection
    events = sql(app.location, "SELECT detail FROM audit_events WHERE action = 'import.columns'")
    assert len(events) == 1 and json.loads(events[0][0])["department"] == "民政局"

    second = write_roster(tmp_path / "四月.xlsx", MISLEADING_HEADER, misleading_rows(4, first=50, paid=90),
                          title="四月花名册")
    report = _import(app, second)  # no overrides given: the remembered ones apply
    assert report.department == "民政局" and sorted(report.remembered["Sheet1"]) == ["本次实际到账", "金额"]
    assert sql(app.location, "SELECT DISTINCT paid_fen, due_fen FROM payments") == [(9000, 10000)]


def test_a_fix_is_not_applied_to_another_department_or_another_layout(installation: Installation,
                                                                      tmp_path: Path) -> None:
    app = installation()
    _confirm(app, write_roster(tmp_path / "民政.xlsx", MISLEADING_HEADER, misleading_rows(2)), FIX)
    other_department = [[*row[:3], "生态护林员补助", *row[4:]] for row in misleading_rows(2)]
    report = _import(app, write_roster(tmp_path / "林草.xlsx", MISLEADING_HEADER, other_department))
    assert report.department == "林草局" and report.mapping["Sheet1"]["金额"] == "paid"
    wider = (*MISLEADING_HEADER, "备注")
    rows = [[*r, ""] for r in misleading_rows(2, first=9)]
    report = _import(app, write_roster(tmp_path / "民政新表.xlsx", wider, rows))
    assert report.remembered["Sheet1"] == [] and report.mapping["Sheet1"]["金额"] == "paid"


def test_without_a_program_column_the_chosen_program_names_the_department(installation: Installation,
                                                                          tmp_path: Path) -> None:
    app = installation()
    header = ("姓名", "身份证号", "金额", "实际到账")
    rows = [[f"测试{i}", citizen_id(i), 100, 95] for i in range(1, 4)]
    path = write_roster(tmp_path / "无项目列.xlsx", header, rows)
    _confirm(app, path, {"金额": Field.DUE, "实际到账": Field.PAID}, program="MZ02")
    with app.reader() as uow:
        unknown = preview_roster(uow, app.actor, path)  # no program: no department, nothing remembered
        known = preview_roster(uow, app.actor, path, program="高龄津贴")
    assert unknown.department is None and unknown.sheets[0].columns[2].field is Field.PAID
    assert known.department == "民政局" and [c.source for c in known.sheets[0].columns][2:] == ["remembered"] * 2
    report = _import(app, path, program="MZ02", period="2018-03")
    assert report.paid_total_fen == 3 * 9500


def test_a_title_no_synonym_knows_finds_the_header_once_the_clerk_named_it(installation: Installation,
                                                                          tmp_path: Path) -> None:
    app = installation()
    header = ("姓名", "证号", "补贴项目", "补贴期间", "实发金额")
    rows = [[f"测试{i}", citizen_id(i), "高龄津贴", "2018-03", 100] for i in range(1, 3)]
    path = write_roster(tmp_path / "证号.xlsx", header, rows)
    with pytest.raises(InputRejected):
        _import(app, path)
    report = _import(app, path, columns={"证号": Field.ID_NUMBER})
    assert report.accepted == 2 and report.mapping["Sheet1"]["证号"] == "id_number"
    _confirm(app, path, {}, columns={"证号": Field.ID_NUMBER})
    again = write_roster(tmp_path / "证号2.xlsx", header, [[f"新{i}", citizen_id(i + 40), "高龄津贴", "2018-04", 100]
                                                         for i in range(1, 4)])
    remembered = _import(app, again)  # found through the remembered title, no override given
    assert remembered.accepted == 3 and remembered.remembered["Sheet1"] == ["证号"]
