"""Ledger documents leave the office: no full ID number, even one typed into free text; a clue list's
sign-off line under the table is not a clue."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.services import clue_import, ledger, ledger_documents

ID = "65232319550920124" + compute_check_char("65232319550920124")


@pytest.fixture
def app(installation: Callable[..., bootstrap.App]) -> bootstrap.App:
    return installation()


def test_an_id_typed_into_the_description_is_masked_in_every_document(app: bootstrap.App, tmp_path: Path) -> None:
    with app.uow() as uow:
        p = ledger.register(uow, app.actor, {
            "category": "3.2", "description": f"冒用{ID}办卡", "measures": f"注销{ID}名下的卡",
            "responsible_unit": "石梯子村委会", "persons": f"王五（{ID}）"})
        ledger.transfer(uow, app.actor, p.number, "纪委", "2019-06-01", "呼财移〔2019〕1号")
        uow.commit()
    with app.reader() as uow:
        for doc in ledger_documents.DOCUMENTS:
            ledger_documents.render_problem_document(uow, app.actor, p.number, doc, tmp_path / f"{doc}.pdf")
        ledger_documents.write_ledger_workbook(uow, app.actor, tmp_path / "台账.xlsx",
                                               ledger.list_problems(uow, app.actor))
    masked = ID[:6] + "*" * 8 + ID[-4:]
    for doc in ledger_documents.DOCUMENTS:
        text = "".join(page.extract_text() for page in PdfReader(tmp_path / f"{doc}.pdf").pages).replace("\n", "")
        assert ID not in text and masked in text and p.number in text, doc
    cells = " ".join(str(c) for row in openpyxl.load_workbook(tmp_path / "台账.xlsx").active.iter_rows(values_only=True)
                     for c in row if c is not None)
    assert ID not in cells and f"冒用{masked}办卡" in cells


def test_a_sign_off_line_under_a_clue_list_is_not_a_clue(app: bootstrap.App, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["2017年以来财政、审计发现问题线索清单"])
    ws.append(["序号", "问题类别", "问题内容", "涉及金额"])
    ws.append([1, "1.2", "死亡人员仍领取高龄津贴", "2400"])
    ws.append([2, "1.3", "现金发放粮食直补", "800"])
    ws.append(["合计", None, None, "3200"])
    ws.append(["制表人：张三      审核人：李四"])
    book.save(tmp_path / "线索.xlsx")
    with app.uow() as uow:
        done = clue_import.import_clues(uow, app.actor, tmp_path / "线索.xlsx")
        uow.commit()
    assert (done.rows, len(done.registered)) == (2, 2)
