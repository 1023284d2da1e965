"""公示 (SPEC §7): make a village's notice, preview it as it prints, save and export or print it; then
record its posting and objections, reprint it, check a paper against it; and see which villages still lack one.

A preview is a draft (services.notices.draft): nothing is stored and it carries no number. Whatever leaves
the office — a PDF, a workbook, a printed sheet — is a made notice (services.notices.make): its number and
fingerprint are on the paper, so it is recorded first; asking again with the same choices reuses it rather
than taking a second number. Files are written inside the unit of work and it commits only once they are
(as `ykt notice make` does): a failed write saves nothing. Slow work runs off the GUI thread (gui.tasks).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.notices import NoticeDoc
from yikatong_desktop.domain.permissions import ROLE_LABELS, Action
from yikatong_desktop.formats.notice_pdf import notice_pdf_bytes, unprintable_lines
from yikatong_desktop.gui.dialogs.notice_check import CheckDialog
from yikatong_desktop.gui.dialogs.notice_objection import ObjectionDialog
from yikatong_desktop.gui.dialogs.notice_posting import PostingDialog
from yikatong_desktop.gui.errors import show_error
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.tasks import run_task
from yikatong_desktop.gui.widgets.notice_coverage import CoveragePanel
from yikatong_desktop.gui.widgets.notice_form import NoticeForm
from yikatong_desktop.gui.widgets.notice_list import NoticeList
from yikatong_desktop.gui.widgets.notice_output import (
    Made,
    print_with_progress,
    remove_files,
    request_key,
    write_outputs,
)
from yikatong_desktop.gui.widgets.notice_preview import NoticePreview
from yikatong_desktop.services import notices, orgs
from yikatong_desktop.services.auth import permitted
from yikatong_desktop.services.ledger_moves import today
from yikatong_desktop.services.notices import Notice, NoticeRequest

_BAD = "color: #c00000;"


def _button(text: str, slot: Callable[[], object], tip: str = "") -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda: slot())
    button.setToolTip(tip)
    return button


class NoticesPage(QWidget):
    """The form and the preview above; the notices made and the villages' coverage below."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.saved: tuple[NoticeRequest, str] | None = None  # the last request made into a notice, and its uid
        self._generation = 0
        self.last_written: list[Path] = []
        with app.reader() as uow:
            self.today: date = today(uow)
            self.program_names = dict(orgs.catalogue_programs(uow, app.actor))
        self.form = NoticeForm(app, self.today)
        self.form.setFixedWidth(420)
        self.preview_button = _button(self.tr("预览"), self.preview,
                                      self.tr("按上面的选择生成公示的样子（不保存，没有编号）"))
        self.save_button = _button(self.tr("保存并导出PDF…"), self.ask_save_pdf,
                                   self.tr("保存公示（生成公示编号和指纹），并导出 PDF 用于打印张贴"))
        self.excel_button = _button(self.tr("导出Excel…"), self.ask_save_xlsx,
                                    self.tr("导出 Excel 版公示；尚未保存时先保存（生成编号）"))
        self.print_button = _button(self.tr("打印…"), self.ask_print,
                                    self.tr("直接打印公示；尚未保存时先保存（生成编号）"))
        buttons = QGridLayout()
        for i, b in enumerate((self.preview_button, self.save_button, self.excel_button, self.print_button)):
            buttons.addWidget(b, i // 2, i % 2)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.form)
        left_layout.addLayout(buttons)
        left_layout.addStretch(1)
        self.preview_pane = NoticePreview()
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(left)
        top_layout.addWidget(self.preview_pane, 1)

        self.tabs = QTabWidget()
        self.notices = NoticeList()
        self.notices.changed.connect(self.refresh_list)
        self.notices.table.doubleClicked.connect(lambda _i: self.show_selected())
        self.notices.preview_action.triggered.connect(lambda: self.show_selected())
        self.notices.pdf_action.triggered.connect(lambda: self.ask_reprint(".pdf"))
        self.notices.xlsx_action.triggered.connect(lambda: self.ask_reprint(".xlsx"))
        self.notices.print_action.triggered.connect(lambda: self.ask_reprint_print())
        self.notices.post_button.clicked.connect(self.ask_posting)
        self.notices.objection_button.clicked.connect(self.ask_objection)
        self.notices.check_button.clicked.connect(self.ask_check)
        self.tabs.addTab(self.notices, self.tr("已制作的公示"))
        self.coverage = CoveragePanel()
        self.coverage.refresh_asked.connect(self.refresh_coverage)
        self.coverage.chosen.connect(self.fill_from_coverage)
        self.tabs.addTab(self.coverage, self.tr("各村公示情况"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        split.setSizes([450, 300])
        split.setChildrenCollapsible(False)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

        self.form.township_changed.connect(self.refresh)
        self.form.changed.connect(self._form_changed)
        self.form.village.currentIndexChanged.connect(
            lambda _i: self.refresh_list() if self.notices.only_village.isChecked() else None)
        self.form.programs.changed.connect(self.refresh_coverage)
        self.form.period.editingFinished.connect(self.refresh_coverage)
        self._apply_permissions()
        self.refresh()

    def _apply_permissions(self) -> None:
        """A viewer may preview, reprint and check; saving, posting and objections need 登记 rights."""
        may = permitted(self.app.actor, Action.REGISTER)
        why = self.tr("当前用户（{0}）只能查看，不能保存公示、登记张贴或异议。").format(
            term(ROLE_LABELS[self.app.actor.role]) if self.app.actor.role in ROLE_LABELS else str(self.app.actor.role))
        self.notices.set_may_register(may, why)
        if not may:
            for b in (self.save_button, self.excel_button, self.print_button):
                b.setEnabled(False)
                b.setToolTip(why)

    def showEvent(self, event: QShowEvent) -> None:
        """Postings and objections recorded elsewhere show when the page is visited again."""
        super().showEvent(event)
        self.refresh()

    # -- the notices made, and coverage ---------------------------------------------
    def refresh(self) -> None:
        self.refresh_list()
        self.refresh_coverage()

    def refresh_list(self) -> None:
        """Read the township's (or the chosen village's) notices again."""
        org = self.form.village_code() if self.notices.only_village.isChecked() else self.form.township_code()
        try:
            with self.app.reader() as uow:
                day = today(uow)
                rows = notices.list_notices(uow, self.app.actor, org=org) if org else []
        except Exception as exc:
            show_error(self, exc)
            return
        self.today = day
        self.notices.show_notices(rows, day, self.program_names)

    def refresh_coverage(self) -> None:
        """Each village of the chosen township: payments of the program (all when several or none are ticked)
        in the period (all when it is blank or not a period), and whether a posted notice covers them."""
        township = self.form.township_code()
        codes = self.form.programs.checked_codes()
        program = codes[0] if len(codes) == 1 else None
        period = self.form.period_text()
        try:
            with self.app.reader() as uow:
                rows = notices.coverage(uow, self.app.actor, org=township, program=program,
                                        period=period) if township else []
        except Exception as exc:
            show_error(self, exc)
            return
        if len(codes) > 1:
            rows = [c for c in rows if c.program_code in codes]
        what = self.program_names.get(program, program) if program else (
            self.tr("所勾选的 {0} 个项目").format(len(codes)) if codes else self.tr("全部项目"))
        scope = " · ".join([self.form.township.currentText(), str(what), period or self.tr("全部期间")])
        self.coverage.show_rows(rows, scope)

    def _form_changed(self) -> None:
        if self.preview_pane.data is not None:  # what shows is no longer what the form asks for
            self.preview_pane.banner.setText(self.tr("选择已改变，下面还是原来的公示：请重新点“预览”。"))

    def fill_from_coverage(self, village: str, program: str, period: str) -> None:
        """A coverage row double-clicked: make its notice (preview first)."""
        self.form.choose(village=village, programs=[program], period=period)
        self.preview()

    def current(self) -> Notice | None:
        """The notice selected in the list."""
        return self.notices.current()

    # -- preview, save, export, print --------------------------------------------------
    def checked_request(self) -> NoticeRequest | None:
        """The form's request, or None (and why, below) when a choice is missing."""
        if not self.form.village_code():
            self.say(self.tr("请先选择村（社区）。"), bad=True)
            return None
        if not self.form.programs.checked_codes():
            self.say(self.tr("请勾选至少一个补贴项目。"), bad=True)
            self.form.programs.setFocus()
            return None
        return self.form.request()

    def say(self, text: str, *, bad: bool = False) -> None:
        self.status_label.setStyleSheet(_BAD if bad else "")
        self.status_label.setText(text)

    def preview(self) -> None:
        """Draft the notice (nothing stored) and show its pages."""
        request = self.checked_request()
        if request is None:
            return
        self._generation += 1
        generation = self._generation
        self.preview_pane.clear(self.tr("正在生成预览……"))

        def work() -> tuple[NoticeDoc, bytes]:
            with self.app.reader() as uow:
                doc = notices.draft(uow, self.app.actor, request)
            return doc, notice_pdf_bytes(doc)

        def done(result: tuple[NoticeDoc, bytes] | None, error: BaseException | None) -> None:
            if generation != self._generation:
                return  # a newer preview was asked for meanwhile
            if error is not None or result is None:
                self.preview_pane.clear(self.tr("无法生成预览。"))
                show_error(self, error or RuntimeError("no preview"))
                return
            doc, pdf = result
            self.preview_pane.show_pdf(pdf, self.tr("预览：保存后生成公示编号。共 {0} 行，合计 {1} 元").format(
                doc.count, format_yuan(doc.total_fen)))
            self.say("")

        run_task(work, done, owner=self)

    def _made_banner(self, made: Made) -> str:
        n = made.notice
        return self.tr("公示编号 {0}　指纹 {1}　共 {2} 行，合计 {3} 元").format(
            n.number, n.fingerprint, n.row_count, format_yuan(n.total_fen))

    def produce(self, outputs: Sequence[Path], then: Callable[[Made], None] | None = None) -> None:
        """Make the notice the form asks for (or reuse the one made with the same choices), write it to each
        output, commit; then show it, say so and call `then` on the GUI thread."""
        request = self.checked_request()
        if request is None:
            return
        key, saved, actor = request_key(request), self.saved, self.app.actor

        def work() -> Made:
            with self.app.uow() as uow:
                if saved is not None and saved[0] == key:
                    notice = notices.get_notice(uow, actor, saved[1])
                    doc, new = notices.document(uow, actor, saved[1], landscape=request.landscape), False
                else:
                    (notice, doc), new = notices.make(uow, actor, request), True
                pdf = notice_pdf_bytes(doc)
                written = write_outputs(doc, pdf, outputs)
                try:
                    uow.commit()
                except BaseException:
                    remove_files(written)
                    raise
            return Made(notice, doc, pdf, new, tuple(written))

        def done(made: Made | None, error: BaseException | None) -> None:
            if error is not None or made is None:  # rolled back: no notice saved, no file left
                self.say("")
                show_error(self, error or RuntimeError("nothing made"))
                return
            self.saved = (key, made.notice.uid)
            self._after_output(made)
            if then is not None:
                then(made)

        self.say(self.tr("正在保存公示……"))
        run_task(work, done, owner=self)

    def _after_output(self, made: Made) -> None:
        n = made.notice
        said = message("notice.made", number=n.number, title=n.title, rows=n.row_count,
                       yuan=format_yuan(n.total_fen), start=n.start_on.isoformat(), end=n.end_on.isoformat(),
                       fingerprint=n.fingerprint) if made.new else \
            message("notice.reprinted", number=n.number, fingerprint=n.fingerprint)
        self.last_written = list(made.written)
        files = self.tr("；", "separator of phrases").join(message("notice.written", path=p) for p in made.written)
        missing = unprintable_lines(made.doc)
        if missing:  # a name the font cannot print: the paper shows □ there
            files += " " + message("notice.unprintable", number=n.number,
                                   rows=self.tr("、", "separator of a list").join(str(line.seq) for line in missing))
        self.say(f"{said} {files}".strip(), bad=bool(missing))
        self.preview_pane.show_pdf(made.pdf, self._made_banner(made))
        self.refresh()
        self.notices.select(n.uid)

    def _ask_path(self, title: str, stem: str, suffix: str) -> Path | None:
        kind = "PDF (*.pdf)" if suffix == ".pdf" else "Excel (*.xlsx)"
        name, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / f"{stem}{suffix}"), kind)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)

    def _stem(self) -> str:
        return self.tr("{0}{1}公示").format(self.form.village.currentText(), self.form.period.text().strip())

    def ask_save_pdf(self) -> None:
        if self.checked_request() is not None and (path := self._ask_path(self.tr("保存并导出公示"), self._stem(),
                                                                          ".pdf")):
            self.produce([path])

    def ask_save_xlsx(self) -> None:
        if self.checked_request() is not None and (path := self._ask_path(self.tr("导出 Excel 版公示"), self._stem(),
                                                                          ".xlsx")):
            self.produce([path])

    def ask_print(self) -> None:
        """Choose the printer first (cancelling stores nothing), then make the notice and print it."""
        if self.checked_request() is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.print_form(printer)

    def print_form(self, printer: QPrinter) -> None:
        """Make (or reuse) the form's notice and print it on `printer`."""
        self.produce([], then=lambda made: self._print_made(printer, made))

    def _print_made(self, printer: QPrinter, made: Made) -> None:
        self.print_on(printer, made.pdf, made.notice.number)

    def print_on(self, printer: QPrinter, pdf: bytes, number: str) -> int:
        """Print a notice's pages and say how it went."""
        pages = print_with_progress(self, printer, pdf, number)
        if pages == 0:
            self.say(self.tr("打印机无法开始打印：请检查打印机是否连接、有没有纸，或换一台打印机。"), bad=True)
        else:
            where = printer.outputFileName() or printer.printerName()
            self.say(self.tr("公示 {0} 已送去打印（{1} 页，{2}）。").format(number, pages, where))
        return pages

    # -- actions on a notice made ---------------------------------------------------------
    def show_selected(self) -> None:
        """Show the selected notice as printed (its number and fingerprint) in the preview."""
        n = self.current()
        if n is None:
            return
        self._reprint(n, [], lambda made: self.preview_pane.show_pdf(made.pdf, self._made_banner(made)))

    def _reprint(self, n: Notice, outputs: Sequence[Path], then: Callable[[Made], None]) -> None:
        landscape = self.form.landscape.isChecked()

        def work() -> Made:
            with self.app.reader() as uow:
                doc = notices.document(uow, self.app.actor, n.uid, landscape=landscape)
            pdf = notice_pdf_bytes(doc)
            return Made(n, doc, pdf, False, tuple(write_outputs(doc, pdf, outputs)))

        def done(made: Made | None, error: BaseException | None) -> None:
            if error is not None or made is None:
                show_error(self, error or RuntimeError("nothing reprinted"))
                return
            if made.written:
                self.last_written = list(made.written)
                self.say(message("notice.reprinted", number=n.number, fingerprint=n.fingerprint) + " " +
                         self.tr("；", "separator of phrases").join(message("notice.written", path=p)
                                                                    for p in made.written))
            then(made)

        run_task(work, done, owner=self)

    def ask_reprint(self, suffix: str) -> None:
        n = self.current()
        if n is not None and (path := self._ask_path(self.tr("重新导出公示 {0}").format(n.number),
                                                     self.tr("{0}{1}公示_{2}").format(
                                                         n.village_name, n.period_label, n.number), suffix)):
            self.reprint_to(path)

    def reprint_to(self, path: Path) -> None:
        """Write the selected notice, as it was made, to a .pdf or .xlsx file."""
        n = self.current()
        if n is not None:
            self._reprint(n, [path], lambda _made: None)

    def ask_reprint_print(self) -> None:
        if self.current() is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec():
            self.reprint_on(printer)

    def reprint_on(self, printer: QPrinter) -> None:
        """Print the selected notice again, exactly as made."""
        n = self.current()
        if n is not None:
            self._reprint(n, [], lambda made: self._print_made(printer, made))

    def posting_dialog(self) -> PostingDialog | None:
        n = self.current()
        return PostingDialog(self.app, n, self.today, self) if n is not None else None

    def ask_posting(self) -> None:
        dialog = self.posting_dialog()
        if dialog is not None and dialog.exec():
            self.after_posting(dialog)

    def after_posting(self, dialog: PostingDialog) -> None:
        n = dialog.saved
        if n is None or n.posted_on is None:
            return
        self.say(message("notice.posted", number=n.number, day=n.posted_on.isoformat(), by=n.posted_by or "",
                         photos=n.photo_count))
        self.refresh()
        self.notices.select(n.uid)

    def objection_dialog(self) -> ObjectionDialog | None:
        n = self.current()
        return ObjectionDialog(self.app, n, self.today, self) if n is not None else None

    def ask_objection(self) -> None:
        dialog = self.objection_dialog()
        if dialog is not None and dialog.exec():
            self.after_objection(dialog)

    def after_objection(self, dialog: ObjectionDialog) -> None:
        c, n = dialog.saved, dialog.notice
        if c is None:
            return
        self.say(message("notice.objection_registered", complaint=c.number, number=n.number,
                         persons=c.concerned or "") + self.tr("可在“举报”页跟进办理。"))
        self.refresh()
        self.notices.select(n.uid)

    def check_dialog(self) -> CheckDialog | None:
        n = self.current()
        return CheckDialog(self.app, n, self) if n is not None else None

    def ask_check(self) -> None:
        dialog = self.check_dialog()
        if dialog is not None:
            dialog.exec()
