"""公示 driven through its widgets: previewed, saved and exported, posted, objected to, printed, checked;
the villages still without a posted notice highlighted; a viewer kept to looking."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from modal_answers import answer_next_dialog
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from viewer_login import log_in_as_viewer

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.notices import NoticeDoc, NoticeLine, NoticeSection
from yikatong_desktop.formats.notice_pdf import notice_pdf_bytes
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.dialogs.notice_check import CheckDialog
from yikatong_desktop.gui.dialogs.notice_objection import ObjectionDialog
from yikatong_desktop.gui.dialogs.notice_posting import PostingDialog, qdate
from yikatong_desktop.gui.main_window import MainWindow
from yikatong_desktop.gui.models.notices_model import COVERAGE_COLUMNS, HIGHLIGHT, NOTICE_COLUMNS, UNPUBLICISED
from yikatong_desktop.gui.pages.notices import NoticesPage
from yikatong_desktop.gui.widgets.notice_preview import NoticePreview, print_pdf
from yikatong_desktop.services import complaints, notices, orgs
from yikatong_desktop.services.notices import Coverage

TODAY = date(2019, 7, 15)  # the demo clock
NOTICE_COL = {title: i for i, (title, *_) in enumerate(NOTICE_COLUMNS)}
COVERAGE_STATUS = len(COVERAGE_COLUMNS) - 1


def _page(qtbot: QtBot, app: bootstrap.App) -> NoticesPage:
    qt_application()
    page = NoticesPage(app)
    qtbot.addWidget(page)
    page.resize(1148, 760)
    page.show()
    return page


def _unpublicised(app: bootstrap.App) -> Coverage:
    """A village, program and period the demo paid without any notice (a planted NOT_PUBLICISED case)."""
    with app.reader() as uow:
        return next(c for c in notices.coverage(uow, app.actor) if c.status == "无公示")


def _choose(page: NoticesPage, c: Coverage) -> None:
    page.form.choose(village=c.village_code, programs=[c.program_code], period=c.period_label)


def _notice_count(app: bootstrap.App) -> int:
    with app.reader() as uow:
        return len(notices.list_notices(uow, app.actor))


def _saved(page: NoticesPage, app: bootstrap.App, out: Path) -> notices.Notice:
    """Make the form's notice through 保存并导出PDF (its file dialog answered with `out`)."""
    before = _notice_count(app)
    page.produce([out])
    assert _notice_count(app) == before + 1
    n = page.current()
    assert n is not None and page.saved is not None and page.saved[1] == n.uid
    return n


def _cell(page: NoticesPage, uid: str, title: str) -> str:
    model = page.notices.model
    return str(model.index(model.row_of(uid), NOTICE_COL[title]).data())


def _ok(dialog: Any) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def _png(path: Path) -> Path:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#88aa66"))
    assert image.save(str(path), "PNG")
    return path


def _pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_preview_renders_the_draft_pages_and_stores_nothing(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    c = _unpublicised(app)
    before = _notice_count(app)
    _choose(page, c)
    page.preview()
    preview = page.preview_pane
    assert preview.page_count() >= 1
    assert 0 in preview.rendered_pages()
    pixmap = preview.slots[0].sheet.pixmap()
    assert not pixmap.isNull() and pixmap.width() > 300
    assert "预览：保存后生成公示编号" in preview.banner.text()
    assert _notice_count(app) == before  # a preview takes no number
    page.form.landscape.setChecked(True)
    assert "请重新点“预览”" in preview.banner.text()  # what shows is no longer what the form asks for


def test_preview_without_a_program_or_payments_says_what_to_do(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    page.form.programs.set_checked([])
    page.preview()
    assert "请勾选至少一个补贴项目" in page.status_label.text()
    c = _unpublicised(app)
    page.form.choose(village=c.village_code, programs=[c.program_code], period="2009")
    page.preview()
    boxes = [w for w in page.findChildren(QMessageBox) if w.objectName() == "errorBox"]
    assert boxes and "没有" in boxes[-1].text() and "发放记录" in boxes[-1].text()
    assert "Traceback" not in boxes[-1].text()
    assert page.preview_pane.page_count() == 0


def test_saving_records_the_notice_and_writes_the_pdf_with_its_number(qtbot: QtBot, mine: bootstrap.App,
                                                                      tmp_path: Path) -> None:
    page = _page(qtbot, mine)
    c = _unpublicised(mine)
    _choose(page, c)
    n = _saved(page, mine, tmp_path / "公示.pdf")
    text = _pdf_text(tmp_path / "公示.pdf")
    assert n.title in text and n.number in text and n.fingerprint in text
    assert _cell(page, n.uid, "状态") == "未张贴" and _cell(page, n.uid, "村") == c.village_name
    assert n.number in page.status_label.text() and "已写入" in page.status_label.text()
    assert n.number in page.preview_pane.banner.text()  # the preview now shows the paper with its number
    # the Excel copy is the same notice: no second number is taken
    page.produce([tmp_path / "公示.xlsx"])
    with mine.reader() as uow:
        same = [x for x in notices.list_notices(uow, mine.actor, org=c.village_code) if x.period_label == c.period_label
                and c.program_code in x.programs]
    assert [x.number for x in same] == [n.number]
    sheet = load_workbook(tmp_path / "公示.xlsx").active
    assert any(n.number in str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
    with mine.reader() as uow:
        after = next(x for x in notices.coverage(uow, mine.actor, org=c.village_code)
                     if (x.program_code, x.period_label) == (c.program_code, c.period_label))
    assert after.status == "未张贴"


def test_posting_through_the_dialog_makes_the_notice_run(qtbot: QtBot, mine: bootstrap.App, tmp_path: Path) -> None:
    page = _page(qtbot, mine)
    c = _unpublicised(mine)
    _choose(page, c)
    n = _saved(page, mine, tmp_path / "n.pdf")
    photo = _png(tmp_path / "张贴照片.png")

    def fill(dialog: PostingDialog) -> None:
        assert isinstance(dialog, PostingDialog) and dialog.notice.uid == n.uid
        dialog.posted_on.setDate(qdate(TODAY))
        dialog.by.setText("村文书王芳")
        dialog.set_photo(photo)
        _ok(dialog)

    errors = answer_next_dialog(fill)
    page.notices.post_button.click()
    assert not errors, errors
    assert _cell(page, n.uid, "状态") == "公示中"
    assert _cell(page, n.uid, "张贴日期") == TODAY.isoformat()
    assert "村文书王芳" in page.status_label.text() and "照片 1 张" in page.status_label.text()
    with mine.reader() as uow:
        posted = notices.get_notice(uow, mine.actor, n.number)
        covered = next(x for x in notices.coverage(uow, mine.actor, org=c.village_code)
                       if (x.program_code, x.period_label) == (c.program_code, c.period_label))
    assert posted.posted_by == "村文书王芳" and posted.photo_count == 1
    assert covered.status == "张贴过晚"  # posted today, long after the money was paid: NOT_PUBLICISED still holds


def test_a_posting_date_after_today_is_refused_and_the_dialog_stays(qtbot: QtBot, mine: bootstrap.App,
                                                                    tmp_path: Path) -> None:
    page = _page(qtbot, mine)
    _choose(page, _unpublicised(mine))
    n = _saved(page, mine, tmp_path / "n.pdf")
    dialog = page.posting_dialog()
    assert isinstance(dialog, PostingDialog)
    qtbot.addWidget(dialog)
    assert dialog.posted_on.maximumDate() == qdate(TODAY)  # the calendar offers no later day
    dialog.photo.setText(str(tmp_path / "missing.jpg"))
    _ok(dialog)
    assert dialog.saved is None and dialog.error_box is not None
    assert "Traceback" not in dialog.error_box.text()
    with mine.reader() as uow:
        assert notices.get_notice(uow, mine.actor, n.number).posted_on is None


def test_an_objection_becomes_a_complaint_about_the_persons_named(qtbot: QtBot, mine: bootstrap.App,
                                                                  tmp_path: Path) -> None:
    page = _page(qtbot, mine)
    c = _unpublicised(mine)
    _choose(page, c)
    n = _saved(page, mine, tmp_path / "n.pdf")

    def fill(dialog: ObjectionDialog) -> None:
        assert isinstance(dialog, ObjectionDialog)
        assert dialog.rows.count() == n.row_count
        dialog.rows.itemDoubleClicked.emit(dialog.rows.item(0))  # adds 序号 1
        assert dialog.persons.text() == "1"
        dialog.content.setPlainText("此人已于2018年外出务工，土地已流转，不应领取。")
        dialog.complainant.setText("李四")
        dialog.contact.setText("0994-1234567")
        _ok(dialog)

    errors = answer_next_dialog(fill)
    page.notices.objection_button.click()
    assert not errors, errors
    with mine.reader() as uow:
        found = complaints.list_complaints(uow, mine.actor, channels=["公示异议"])
        first = notices.document(uow, mine.actor, n.number).lines[0]
    made = [x for x in found if x.notice_ref == n.number]
    assert len(made) == 1 and made[0].number.startswith("JB") and not made[0].anonymous
    assert [p["name"] for p in made[0].persons] == [first.name]
    assert made[0].number in page.status_label.text() and "举报" in page.status_label.text()
    assert _cell(page, n.uid, "异议") == "1"


def test_printing_goes_through_qprinter_with_the_same_pages(qtbot: QtBot, mine: bootstrap.App,
                                                            tmp_path: Path) -> None:
    page = _page(qtbot, mine)
    _choose(page, _unpublicised(mine))
    n = _saved(page, mine, tmp_path / "n.pdf")
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    page.print_form(printer)  # the form's notice was saved already: printed as it is, no new number
    assert (tmp_path / "printed.pdf").stat().st_size > 5_000
    assert len(PdfReader(str(tmp_path / "printed.pdf")).pages) == len(PdfReader(str(tmp_path / "n.pdf")).pages)
    assert "已送去打印" in page.status_label.text()
    with mine.reader() as uow:
        assert len([x for x in notices.list_notices(uow, mine.actor) if x.title == n.title]) == 1
    again = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    again.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    again.setOutputFileName(str(tmp_path / "reprinted.pdf"))
    page.reprint_on(again)
    assert len(PdfReader(str(tmp_path / "reprinted.pdf")).pages) == len(PdfReader(str(tmp_path / "n.pdf")).pages)


def _long_doc(rows: int) -> NoticeDoc:
    lines = tuple(NoticeLine(seq=i, group=f"{i % 5 + 1}组", name=f"测试{i:04d}", masked_id="652323********1233",
                             program="耕地地力保护补贴", standard_fen=10_500, quantity=Decimal("12.5"), unit="亩",
                             amount_fen=131_250, remark="") for i in range(1, rows + 1))
    return NoticeDoc(number="GS2019-9999", fingerprint="D3A2-91BC-0D4E", qr_payload="YKTGS|652323|GS2019-9999|X",
                     title="测试村2018年度耕地地力保护补贴发放情况公示", township="测试镇", village="测试村",
                     period_zh="2018年度", sections=(NoticeSection("耕地地力保护补贴", lines),), start=TODAY, days=7,
                     hotline_own="0994-1234567", hotline_county="0994-7654321")


def test_a_long_notice_renders_lazily_and_prints_every_page(qtbot: QtBot, tmp_path: Path) -> None:
    qt_application()
    data = notice_pdf_bytes(_long_doc(150))
    pages = len(PdfReader(io.BytesIO(data)).pages)
    assert pages >= 3
    preview = NoticePreview()
    qtbot.addWidget(preview)
    preview.resize(700, 500)
    preview.show()
    preview.show_pdf(data, "测试")
    assert preview.page_count() == pages
    assert 0 in preview.rendered_pages() and len(preview.rendered_pages()) < pages  # only what shows
    preview.area.verticalScrollBar().setValue(preview.area.verticalScrollBar().maximum())
    preview.render_visible()
    assert pages - 1 in preview.rendered_pages()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "long.pdf"))
    assert print_pdf(printer, data) == pages
    assert len(PdfReader(str(tmp_path / "long.pdf")).pages) == pages


def test_check_says_whether_a_paper_matches_in_words(qtbot: QtBot, mine: bootstrap.App, tmp_path: Path) -> None:
    page = _page(qtbot, mine)
    _choose(page, _unpublicised(mine))
    n = _saved(page, mine, tmp_path / "n.pdf")
    dialog = page.check_dialog()
    assert isinstance(dialog, CheckDialog)
    qtbot.addWidget(dialog)
    dialog.fingerprint.setText(n.fingerprint.lower().replace("-", ""))
    dialog.run_check()
    assert "相符" in dialog.verdict.toPlainText() and "不符" not in dialog.verdict.toPlainText()
    wrong = "A000-0000-0000" if n.fingerprint != "A000-0000-0000" else "B111-1111-1111"
    dialog.fingerprint.setText(wrong)
    dialog.run_check()
    assert "结论：不符" in dialog.verdict.toPlainText() and n.fingerprint in dialog.verdict.toPlainText()


def test_coverage_highlights_villages_without_a_posted_notice(qtbot: QtBot, app: bootstrap.App) -> None:
    with app.reader() as uow:
        flagged = [c for c in notices.coverage(uow, app.actor) if c.status in UNPUBLICISED]
        parents = {u.code: u.parent_code for u in orgs.org_units(uow, app.actor)}
    assert flagged
    township = parents[flagged[0].village_code]
    page = _page(qtbot, app)
    page.form.choose(township=township, programs=[], period="")
    page.tabs.setCurrentWidget(page.coverage)
    model = page.coverage.table.model()
    rows = [(str(model.index(r, COVERAGE_STATUS).data()), model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole),
             model.index(r, 0).data(Qt.ItemDataRole.FontRole)) for r in range(model.rowCount())]
    highlighted = [status for status, background, _font in rows
                   if isinstance(background, QColor) and background == QColor(HIGHLIGHT)]
    expected = sorted(c.status for c in flagged if parents[c.village_code] == township)
    assert highlighted and sorted(highlighted) == expected
    assert {c.status for c in flagged} == set(UNPUBLICISED)  # the demo plants every kind (NOT_PUBLICISED's 4)
    assert all(font is not None and font.bold() for status, _b, font in rows if status in UNPUBLICISED)
    assert [s for s, _b, _f in rows][:len(highlighted)] == sorted(highlighted, key=list(UNPUBLICISED).index)
    assert "无公示" in page.coverage.count_label.text()
    page.coverage.only_flagged.setChecked(True)
    assert sorted(c.status for c in page.coverage.shown()) == expected
    # a double-click on a flagged row fills the form with it and previews its notice
    page.fill_from_coverage(flagged[0].village_code, flagged[0].program_code, flagged[0].period_label)
    assert page.form.village_code() == flagged[0].village_code
    assert page.form.programs.checked_codes() == [flagged[0].program_code]


def test_a_viewer_may_preview_and_check_but_not_save_or_post(qtbot: QtBot, mine: bootstrap.App) -> None:
    log_in_as_viewer(mine)
    page = _page(qtbot, mine)
    for button in (page.save_button, page.excel_button, page.print_button):
        assert not button.isEnabled() and "只能查看" in button.toolTip()
    assert page.preview_button.isEnabled()
    page.notices.table.selectRow(0)
    assert page.current() is not None
    assert not page.notices.post_button.isEnabled() and "只能查看" in page.notices.post_button.toolTip()
    assert not page.notices.objection_button.isEnabled()
    assert page.notices.check_button.isEnabled() and page.notices.reprint_button.isEnabled()
    _choose(page, _unpublicised(mine))
    page.preview()
    assert page.preview_pane.rendered_pages() == [0]


def test_the_page_fits_1280_by_800_with_nothing_clipped(qtbot: QtBot, app: bootstrap.App, tmp_path: Path) -> None:
    qt_application()
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show_page("notices")
    window.show()
    page = window.page("notices")
    assert isinstance(page, NoticesPage)
    _choose(page, _unpublicised(app))
    page.preview()
    QApplication.processEvents()
    clipped = [w.text() for w in page.findChildren(QAbstractButton) + page.findChildren(QLabel)
               if isinstance(w, QWidget) and w.isVisible() and w.text() and not getattr(w, "wordWrap", lambda: 0)()
               and w.width() < w.minimumSizeHint().width() - 1]
    assert clipped == []
    assert window.grab().save(str(tmp_path / "notices.png"), "PNG")
    assert QImage(str(tmp_path / "notices.png")).width() == 1280


def test_landscape_previews_and_prints_across_the_sheet(qtbot: QtBot, app: bootstrap.App, tmp_path: Path) -> None:
    page = _page(qtbot, app)
    _choose(page, _unpublicised(app))
    page.form.landscape.setChecked(True)
    page.preview()
    sheet = page.preview_pane.slots[0].sheet
    assert sheet.width() > sheet.height()
    data = page.preview_pane.data
    assert data is not None
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "landscape.pdf"))
    assert print_pdf(printer, data) == 1
    box = PdfReader(str(tmp_path / "landscape.pdf")).pages[0].mediabox
    assert box.width > box.height


def test_several_programs_are_ticked_in_the_open_list(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    picker = page.form.programs
    picker.set_checked([])
    picker.showPopup()
    view = picker.view()
    for row in (1, 3):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                         pos=view.visualRect(picker.model().index(row, 0)).center())
    assert view.isVisible()  # the list stays open for the next tick
    codes = [str(picker.model().index(r, 0).data(Qt.ItemDataRole.UserRole)) for r in (1, 3)]
    assert picker.checked_codes() == codes
    picker.hidePopup()
    assert picker.currentText() == f"{picker.names[codes[0]]} 等 2 项"
    picker.showPopup()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(picker.model().index(1, 0)).center())
    assert picker.checked_codes() == codes[1:]
