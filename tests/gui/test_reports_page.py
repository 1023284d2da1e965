"""月报 driven through its widgets on a real database: text written and saved, previewed, made, signed (and a
wrong passphrase refused), exported, recorded as sent, a kept report reopened, a PDF's signatures checked;
and the 工作台's line for the month's report, red from the 20th until the report is sent."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from modal_answers import answer_next_dialog
from pypdf import PdfReader
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot
from viewer_login import log_in_as_viewer

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.clock import local_today, parse_clock
from yikatong_desktop.domain.reports import ReportKind, ReportState
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.pages.dashboard import REPORT_WARN, DashboardPage
from yikatong_desktop.gui.pages.reports import ReportsPage
from yikatong_desktop.services import demo, reports, signing
from yikatong_desktop.services.reports import ReportInfo

TODAY = date(2019, 7, 15)  # the demo clock
PROGRESS = "本月完成花名册比对，核实疑点 66 条，追回违规资金 3 笔。"


def _page(qtbot: QtBot, app: bootstrap.App) -> ReportsPage:
    qt_application()
    page = ReportsPage(app)
    qtbot.addWidget(page)
    page.resize(1228, 790)
    page.show()
    return page


def _stored(app: bootstrap.App, kind: ReportKind = ReportKind.MONTHLY, period: str = "2019-07") -> ReportInfo:
    with app.reader() as uow:
        return reports.get(uow, app.actor, kind, reports.scope(uow), period)


def _pdf(app: bootstrap.App, info: ReportInfo) -> bytes:
    with app.reader() as uow:
        return reports.pdf_of(uow, app.actor, info)


def _verify(app: bootstrap.App, pdf: bytes) -> list[signing.SignatureCheck]:
    with app.reader() as uow:
        return signing.verify(uow, app.actor, pdf, keystore_path=app.keystore_path)


def _text(pdf: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def _sign(page: ReportsPage, passphrase: str) -> None:
    """签名并生成, answering the passphrase dialog."""
    def fill(dialog: Any) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(passphrase)
        dialog.accept()

    errors = answer_next_dialog(fill)
    page.sign_button.click()
    assert not errors


def _error_boxes(page: ReportsPage) -> list[QMessageBox]:
    return [w for w in page.findChildren(QMessageBox) if w.objectName() == "errorBox"]


def _flip_byte_in_largest_stream(pdf: bytes) -> bytes:
    """One byte changed inside the signed content (the embedded font), the file still a PDF."""
    best, size = 0, -1
    for m in re.finditer(rb"stream\r?\n", pdf):
        end = pdf.find(b"endstream", m.end())
        if end - m.end() > size:
            best, size = m.end(), end - m.end()
    at = best + size // 2
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1:]


def test_page_opens_on_this_months_report_with_a_box_per_section(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    assert page.month.currentData() == "2019-07" and page.month.currentText() == "2019年7月"
    assert list(page.editors) == ["progress", "next"]
    assert page.choice() == page.loaded
    assert "不是法定电子签章或公章" in page.seal_note.text()
    assert not page.export_button.isEnabled() and not page.sent_button.isEnabled()  # nothing made yet
    page.kind.setCurrentIndex(page.kind.findData(ReportKind.SUMMARY.value))
    assert list(page.editors) == ["overview", "practices", "problems", "suggestions"]
    assert page.year_label.isVisibleTo(page) and not page.month.isVisibleTo(page)
    assert "2019年度工作总结" in page.state_label.text()


def test_narrative_written_and_saved_is_stored(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    page.editors["progress"].setPlainText(PROGRESS + "\n")
    assert "尚未保存" in page.status_label.text()
    page.save_button.click()
    info = _stored(mine)
    assert info.narrative == {"progress": PROGRESS, "next": ""}
    assert info.state is ReportState.DRAFT
    assert "已保存" in page.status_label.text() and "本月专项整治进展情况" in page.status_label.text()
    assert page.editors["progress"].toPlainText() == PROGRESS
    assert page.table.rowCount() == 1 and "草稿" in page.table.item(0, 1).text()
    page.save_button.click()
    assert "不需要保存" in page.status_label.text()


def test_preview_shows_the_report_with_the_text_as_typed_and_stores_nothing(qtbot: QtBot, mine: bootstrap.App
                                                                            ) -> None:
    page = _page(qtbot, mine)
    page.editors["progress"].setPlainText(PROGRESS)
    page.preview_button.click()
    assert page.preview_pane.page_count() >= 1 and 0 in page.preview_pane.rendered_pages()
    assert PROGRESS[:10] in _text(page.preview_pane.data or b"")
    assert "预览" in page.preview_pane.banner.text()
    assert _stored(mine).state is ReportState.MISSING


def test_make_unsigned_pdf_keeps_it_and_exports_it(qtbot: QtBot, mine: bootstrap.App, tmp_path: Path) -> None:
    page = _page(qtbot, mine)
    page.editors["progress"].setPlainText(PROGRESS)
    page.make_button.click()
    info = _stored(mine)
    assert info.state is ReportState.MADE and info.narrative["progress"] == PROGRESS
    pdf = _pdf(mine, info)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "呼图壁县" in text and "2019年7月" in text
    assert "已生成（未签名）" in page.state_label.text()
    assert page.preview_pane.data == pdf
    assert page.export_button.isEnabled() and page.sent_button.isEnabled()
    out = tmp_path / "月报.pdf"
    page.export_to(out)
    assert out.read_bytes() == pdf
    assert str(out) in page.status_label.text()


def test_sign_with_the_key_passphrase_makes_a_signed_report_that_verifies(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    page.editors["progress"].setPlainText(PROGRESS)
    _sign(page, demo.DEMO_PASSPHRASE)
    info = _stored(mine)
    assert info.state is ReportState.SIGNED and info.signed_by
    [check] = _verify(mine, _pdf(mine, info))
    assert check.ok
    assert "已签名" in page.state_label.text() and "已生成并签名" in page.status_label.text()
    assert not _error_boxes(page)


def test_a_wrong_passphrase_is_told_and_nothing_is_stored(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    page.editors["progress"].setPlainText(PROGRESS)
    page.save_button.click()
    page.editors["next"].setPlainText("下月继续核实。")
    _sign(page, "not-the-passphrase")
    assert "密钥口令不正确" in page.status_label.text()
    assert any("密钥口令不正确" in box.text() for box in _error_boxes(page))
    info = _stored(mine)
    assert info.state is ReportState.DRAFT and info.pdf_sha256 is None
    assert info.narrative["next"] == ""  # the text typed since is not saved either …
    assert page.editors["next"].toPlainText() == "下月继续核实。"  # … but still on the page
    assert page.sign_button.isEnabled()


def test_signing_needs_the_main_section_written_before_the_passphrase_is_asked(qtbot: QtBot, mine: bootstrap.App
                                                                               ) -> None:
    page = _page(qtbot, mine)
    page.sign_button.click()  # no dialog opens: the test would hang on one
    assert "签名前请先填写“本月专项整治进展情况”" in page.status_label.text()
    assert _stored(mine).state is ReportState.MISSING


def test_mark_sent_records_today(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    page.editors["progress"].setPlainText(PROGRESS)
    page.make_button.click()
    errors = answer_next_dialog(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    page.sent_button.click()
    assert not errors
    info = _stored(mine)
    assert info.state is ReportState.SENT and info.sent_on == TODAY
    assert "已报送" in page.state_label.text() and "2019-07-15 报送" in page.table.item(0, 1).text()
    assert not page.sent_button.isEnabled()


def test_verify_a_pdf_file_in_plain_words(qtbot: QtBot, mine: bootstrap.App, tmp_path: Path) -> None:
    page = _page(qtbot, mine)
    page.editors["progress"].setPlainText(PROGRESS)
    _sign(page, demo.DEMO_PASSPHRASE)
    signed = tmp_path / "signed.pdf"
    page.export_to(signed)
    page.verify_file(signed)
    said = page.verify_result.text()
    assert "有效，签名人可信" in said and "结论：1 个签名均有效" in said and "652323" in said
    assert "#2e7d32" in page.verify_result.styleSheet()
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(_flip_byte_in_largest_stream(signed.read_bytes()))
    page.verify_file(changed)
    said = page.verify_result.text()
    assert "签名后文档被修改" in said and "未通过核验" in said
    assert "#c00000" in page.verify_result.styleSheet()
    plain = tmp_path / "plain.pdf"
    page.make_button.click()
    page.export_to(plain)
    page.verify_file(plain)
    assert "没有签名" in page.verify_result.text()
    page.verify_file(tmp_path / "missing.pdf")
    assert "无法读取文件" in page.verify_result.text()


def test_selecting_a_kept_report_opens_it(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    page.editors["progress"].setPlainText(PROGRESS)
    page.make_button.click()
    page.month.setCurrentIndex(page.month.findData("2019-08"))
    assert page.choice().period == "2019-08" and page.editors["progress"].toPlainText() == ""
    assert page.preview_pane.data is None
    july = next(r for r in range(page.table.rowCount()) if "2019年7月" in page.table.item(r, 0).text())
    page.table.selectRow(july)
    assert page.month.currentData() == "2019-07"
    assert page.editors["progress"].toPlainText() == PROGRESS
    assert page.preview_pane.data == _pdf(mine, _stored(mine))  # the PDF as it was made


def test_moving_to_another_month_with_unsaved_text_offers_to_save_it(qtbot: QtBot, mine: bootstrap.App) -> None:
    page = _page(qtbot, mine)
    page.editors["progress"].setPlainText(PROGRESS)
    errors = answer_next_dialog(lambda box: box.button(QMessageBox.StandardButton.Save).click())
    page.month.setCurrentIndex(page.month.findData("2019-08"))
    assert not errors
    assert _stored(mine).narrative["progress"] == PROGRESS
    assert page.editors["progress"].toPlainText() == ""


def _send(app: bootstrap.App, period: str) -> None:
    """A monthly report made and recorded as sent today, through the services."""
    with app.uow() as uow:
        where = reports.scope(uow)
        reports.make(uow, app.actor, ReportKind.MONTHLY, where, period, narrative={"progress": PROGRESS})
        reports.mark_sent(uow, app.actor, ReportKind.MONTHLY, where, period, local_today(uow.clock).date())
        uow.commit()


def test_a_viewer_may_preview_export_and_verify_but_not_write_make_sign_or_send(
        qtbot: QtBot, mine: bootstrap.App, tmp_path: Path) -> None:
    _send(mine, "2019-06")
    log_in_as_viewer(mine)
    page = _page(qtbot, mine)
    for button in (page.save_button, page.make_button, page.sent_button):
        assert not button.isEnabled() and "只能查看" in button.toolTip()
    assert not page.sign_button.isEnabled()
    page.preview_button.click()
    assert page.preview_pane.page_count() >= 1
    page.table.selectRow(0)
    assert page.choice().period == "2019-06" and page.export_button.isEnabled()
    page.export_to(tmp_path / "june.pdf")
    page.verify_file(tmp_path / "june.pdf")
    assert "没有签名" in page.verify_result.text()


def _dashboard(qtbot: QtBot, app: bootstrap.App) -> DashboardPage:
    qt_application()
    page = DashboardPage(app)
    qtbot.addWidget(page)
    page.show()
    return page


def test_dashboard_shows_last_months_report_in_red_while_it_is_late(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _dashboard(qtbot, app)  # the campaign began on 06-10: June's report was due on 06-25
    assert page.report_label.text() == "2019年6月月报：未编写，6月25日前报送（已逾期）"
    assert page.report_label.styleSheet() == REPORT_WARN


def test_dashboard_shows_this_months_report_plainly_before_the_20th(qtbot: QtBot, mine: bootstrap.App) -> None:
    _send(mine, "2019-06")
    page = _dashboard(qtbot, mine)
    assert page.report_label.text() == "2019年7月月报：未编写，7月25日前报送"
    assert page.report_label.styleSheet() == ""


def test_dashboard_highlights_the_report_from_the_20th_until_it_is_sent(qtbot: QtBot, mine: bootstrap.App) -> None:
    _send(mine, "2019-06")
    later = bootstrap.open_app(mine.location.url, clock=parse_clock("2019-07-21T09:00:00+08:00"))
    try:
        board = _dashboard(qtbot, later)
        assert board.report_label.text() == "2019年7月月报：未编写，7月25日前报送（请尽快签名报送）"
        assert board.report_label.styleSheet() == REPORT_WARN
        page = _page(qtbot, later)
        page.editors["progress"].setPlainText(PROGRESS)
        page.make_button.click()
        page.mark_sent()
        assert _stored(later).sent_on == date(2019, 7, 21)
        board.hide()
        board.show()  # back on the 工作台: the line follows
        assert board.report_label.text() == "2019年7月月报：已报送"
        assert board.report_label.styleSheet() == ""
    finally:
        later.close()
