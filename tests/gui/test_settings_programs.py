"""设置 → 补贴项目目录: a program an import created is merged into a catalogue one from the GUI."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl
import pytest
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.pages.settings import SettingsPage
from yikatong_desktop.services.imports import import_roster


@pytest.fixture
def county_with_new_program(county: bootstrap.App, tmp_path: Path) -> bootstrap.App:
    """A county where an import created a program (XZ01) that is not in the catalogue."""
    book = openpyxl.Workbook()
    book.active.append(["姓名", "身份证号", "补贴项目", "补贴年度", "实发金额"])
    body = "65232319300101001"
    book.active.append(["王一", body + compute_check_char(body), "老年人补贴（新）", "2018", 100])
    book.save(tmp_path / "a.xlsx")
    with county.uow() as uow:
        import_roster(uow, county.actor, tmp_path / "a.xlsx")
        uow.commit()
    return county


def test_a_new_program_is_listed_first_and_merged_through_the_dialog(qtbot: QtBot,
                                                                    county_with_new_program: bootstrap.App) -> None:
    county = county_with_new_program
    qt_application()
    page = SettingsPage(county)
    qtbot.addWidget(page)
    page.show()
    assert page.programs.item(0, 0).text() == "XZ01" and "待并入" in page.programs.item(0, 4).text()
    page.programs.selectRow(1)
    assert not page.merge_button.isEnabled()  # catalogue programs are not merged from here
    page.programs.selectRow(0)
    dialog = page.open_merge()
    assert dialog is not None and dialog.target.findData("XZ01") == -1
    dialog.target.setCurrentIndex(dialog.target.findData("MZ02"))
    dialog.save()  # no reason: refused in the dialog
    assert "原因" in dialog.message.text()
    dialog.reason.setText("就是高龄津贴")
    dialog.save()
    assert "并入 MZ02" in page.program_status.text()
    assert all(page.programs.item(r, 0).text() != "XZ01" for r in range(page.programs.rowCount()))
    db = sqlite3.connect(county.location.path)
    assert db.execute("SELECT g.code FROM payments p JOIN programs g ON g.id = p.program_id").fetchall() == [("MZ02",)]
