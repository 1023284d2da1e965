"""月报 and 工作总结 (SPEC §7, §10): write the narrative, preview, make the PDF (signed or not), export it,
record it as sent; the reports kept so far; and check the signatures of any PDF.

The figures come from the data when the PDF is made (services.reports): the page keeps only the clerk's
text until it is saved. Making and signing take about a second and run off the GUI thread (gui.tasks); a
wrong key passphrase or a missing section is told in Chinese and nothing is stored. The signature is no
legal 电子签章/公章, and the page says so under the signing button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCollator, QLocale, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.clock import local_today
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import ROLE_LABELS, Action
from yikatong_desktop.domain.reports import (
    KIND_LABELS,
    NARRATIVE,
    STATE_LABELS,
    ReportKind,
    ReportState,
    months_between,
    parse_month,
)
from yikatong_desktop.formats.files import os_reason, write_bytes_atomically
from yikatong_desktop.formats.report_pdf import report_pdf_bytes
from yikatong_desktop.gui.errors import show_error, user_text
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.tasks import run_task
from yikatong_desktop.gui.widgets.notice_preview import NoticePreview
from yikatong_desktop.gui.widgets.pdf_verify_box import BAD, GOOD, PdfVerifyBox, local_time
from yikatong_desktop.gui.widgets.tables import read_only_table
from yikatong_desktop.services import programs, queries, reports, signing
from yikatong_desktop.services.auth import permitted
from yikatong_desktop.services.reports import Made, ReportInfo

_BAD, _GOOD = BAD, GOOD
_OTHER_ORG, _DEPARTMENT = "org:", "dept:"  # scope combo data; "" is this installation's own org


@dataclass(frozen=True)
class Choice:
    """Which report the page is on: kind, period (2019-07 or 2019) and scope (own org when both are None)."""

    kind: ReportKind
    period: str
    org: str | None = None
    department: str | None = None


@dataclass(frozen=True)
class Loaded:
    choice: Choice
    info: ReportInfo
    kept: list[ReportInfo]
    pdf: bytes | None  # the stored PDF, when the page moved to another report that has one


class ReportsPage(QWidget):
    """Choices and the clerk's text on the left, the PDF on the right; the reports kept and 核验 below."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.info: ReportInfo | None = None
        self.loaded: Choice | None = None
        self.kept: list[ReportInfo] = []
        self.editors: dict[str, QPlainTextEdit] = {}
        self._generation = self._preview_generation = 0
        self._filling = False
        with app.reader() as uow:
            today = local_today(uow.clock).date()
            camp = queries.campaign(uow)
            self.summary_year = reports.summary_period(uow)
            own = reports.scope(uow)
            catalogue = programs.list_programs(uow, app.actor)
        self.own_code = own.key

        self.kind = QComboBox()
        for kind in ReportKind:
            self.kind.addItem(term(KIND_LABELS[kind]), kind.value)
        self.month = QComboBox()
        this_month = f"{today:%Y-%m}"
        for label in sorted({*months_between(camp.phases[0].start, camp.phases[-1].end), this_month}):
            self.add_month(label)
        self.month.setCurrentIndex(self.month.findData(this_month))
        self.scope = QComboBox()
        self.scope.addItem(self.tr("本单位：{0}").format(own.name), "")
        collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        for d in sorted({p.department for p in catalogue if p.in_scope and p.department}, key=collator.sortKey):
            self.scope.addItem(self.tr("主管部门：{0}").format(term(d)), _DEPARTMENT + d)
        self.year_label = QLabel(self.tr("{0}年度").format(self.summary_year))
        choices = QGridLayout()
        choices.addWidget(QLabel(self.tr("报告：")), 0, 0)
        choices.addWidget(self.kind, 0, 1)
        choices.addWidget(QLabel(self.tr("期间：")), 0, 2)
        choices.addWidget(self.month, 0, 3)
        choices.addWidget(self.year_label, 0, 3)
        choices.addWidget(QLabel(self.tr("范围：")), 1, 0)
        choices.addWidget(self.scope, 1, 1, 1, 3)
        choices.setColumnStretch(3, 1)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.state_label.setStyleSheet("font-weight: bold;")
        self.texts = QGroupBox(self.tr("文字部分（其余部分由数据自动统计）"))
        self.texts_layout = QVBoxLayout(self.texts)

        self.save_button = self._button(self.tr("保存文字"), self.save_text,
                                        self.tr("保存上面填写的文字（不生成 PDF）"))
        self.preview_button = self._button(self.tr("预览"), self.preview,
                                           self.tr("按现在的数据和文字显示报告（不保存）"))
        self.make_button = self._button(self.tr("生成PDF"), lambda: self.produce(None),
                                        self.tr("保存文字并生成报告 PDF（不签名）"))
        self.sign_button = self._button(self.tr("签名并生成…"), self.ask_sign,
                                        self.tr("用本单位的证书对报告 PDF 进行数字签名（需要密钥口令）"))
        self.export_button = self._button(self.tr("导出…"), self.ask_export, self.tr("把最近生成的报告 PDF 保存到文件"))
        self.sent_button = self._button(self.tr("登记报送"), self.ask_mark_sent, self.tr("登记报告今天已经报送"))
        buttons = QGridLayout()
        for i, b in enumerate((self.save_button, self.preview_button, self.make_button, self.sign_button,
                               self.export_button, self.sent_button)):
            buttons.addWidget(b, i // 3, i % 3)
        self.seal_note = QLabel(message("sign.not_legal_seal"))
        self.seal_note.setWordWrap(True)
        self.seal_note.setStyleSheet("color: #8a6d3b;")
        left = QWidget()
        left.setFixedWidth(440)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(choices)
        left_layout.addWidget(self.state_label)
        left_layout.addWidget(self.texts, 1)
        left_layout.addLayout(buttons)
        left_layout.addWidget(self.seal_note)
        self.preview_pane = NoticePreview()
        top = QWidget()
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(left)
        top_layout.addWidget(self.preview_pane, 1)

        self.table = read_only_table([self.tr("报告"), self.tr("状态"), self.tr("生成")], stretch_last=True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._table_clicked)
        kept_box = QGroupBox(self.tr("已编写的报告（选中一行打开）"))
        QVBoxLayout(kept_box).addWidget(self.table)
        verify_box = PdfVerifyBox(app)
        verify_box.setFixedWidth(440)
        self.verify_button, self.verify_result = verify_box.button, verify_box.result
        self.verify_file = verify_box.verify_file
        bottom = QWidget()
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(kept_box, 1)
        bottom_layout.addWidget(verify_box)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setSizes([540, 200])
        split.setChildrenCollapsible(False)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

        self.kind.currentIndexChanged.connect(lambda _i: self._choice_changed())
        self.month.currentIndexChanged.connect(lambda _i: self._choice_changed())
        self.scope.currentIndexChanged.connect(lambda _i: self._choice_changed())
        self._show_kind()
        self.load()

    def _button(self, text: str, slot: Callable[[], object], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        button.setToolTip(tip)
        return button

    def add_month(self, label: str) -> None:
        self.month.addItem(self.month_label(label), label)

    def showEvent(self, event: QShowEvent) -> None:
        """Reports made or sent elsewhere (the CLI) show when the page is visited again."""
        super().showEvent(event)
        self.load()

    # -- what the page is on --------------------------------------------------------
    def choice(self) -> Choice:
        """The kind, period and scope chosen above."""
        kind = ReportKind(self.kind.currentData())
        period = str(self.month.currentData()) if kind is ReportKind.MONTHLY else self.summary_year
        where = str(self.scope.currentData() or "")
        return Choice(kind, period, where.removeprefix(_OTHER_ORG) if where.startswith(_OTHER_ORG) else None,
                      where.removeprefix(_DEPARTMENT) if where.startswith(_DEPARTMENT) else None)

    def _show_kind(self) -> None:
        monthly = self.kind.currentData() == ReportKind.MONTHLY.value
        self.month.setVisible(monthly)
        self.year_label.setVisible(not monthly)

    def _choice_changed(self) -> None:
        self._show_kind()
        if self.choice() != self.loaded:
            self._keep_unsaved()
            self.load()

    def _keep_unsaved(self) -> None:
        """Moving to another report with text not saved: ask whether to keep it."""
        if self.loaded is None or not self.changed_sections():
            return
        answer = QMessageBox.question(
            self, self.tr("文字尚未保存"), self.tr("“{0}”的文字有修改尚未保存，保存吗？").format(self.title()),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            self.save_text(then_load=False)

    def title(self) -> str:
        return self.report_title(self.info) if self.info is not None else ""

    def month_label(self, month: str) -> str:
        """2019-07 as the interface writes a month (2019年7月)."""
        found = parse_month(month)
        return self.tr("{0}年{1}月").format(found.year, found.start.month) if found else month

    def report_title(self, info: ReportInfo) -> str:
        """ReportInfo.title (2019年7月月报（XX县财政局）) in the interface language."""
        when = self.month_label(info.period) if info.kind is ReportKind.MONTHLY else \
            self.tr("{0}年度").format(info.period)
        return self.tr("{0}{1}（{2}）").format(when, term(KIND_LABELS[info.kind]), self.scope_name(info))

    @staticmethod
    def scope_name(info: ReportInfo) -> str:
        """The office's name, or the department's (a word of the catalogue, shown through term())."""
        return term(info.scope_name) if info.scope_kind == "department" else info.scope_name

    def load(self) -> None:
        """Read the chosen report and the list of reports again; unsaved text of the same report stays."""
        self._generation += 1
        generation, choice, actor = self._generation, self.choice(), self.app.actor
        moved = choice != self.loaded

        def work() -> Loaded:
            with self.app.reader() as uow:
                where = reports.scope(uow, org=choice.org, department=choice.department)
                info = reports.get(uow, actor, choice.kind, where, choice.period)
                pdf = reports.pdf_of(uow, actor, info) if moved and info.pdf_sha256 else None
                return Loaded(choice, info, reports.list_reports(uow, actor), pdf)

        def done(result: Loaded | None, error: BaseException | None) -> None:
            if generation != self._generation:
                return  # a newer load was started meanwhile
            if error is not None or result is None:
                show_error(self, error or RuntimeError("nothing loaded"))
                return
            self.show_loaded(result)

        run_task(work, done, owner=self)

    def show_loaded(self, loaded: Loaded) -> None:
        keep_text = loaded.choice == self.loaded and bool(self.changed_sections())
        moved = loaded.choice != self.loaded
        self.info, self.loaded, self.kept = loaded.info, loaded.choice, loaded.kept
        if not keep_text:
            self.fill_editors(loaded.info)
        if loaded.pdf is not None:
            self.preview_pane.show_pdf(loaded.pdf, self.made_banner(loaded.info))
        elif moved:
            self.preview_pane.clear(self.tr("点“预览”查看报告的样子；点“生成PDF”或“签名并生成”生成报告。"))
        self.state_label.setText(self.describe(loaded.info))
        self.fill_table()
        self._enable()

    def describe_state(self, info: ReportInfo) -> str:
        """One line: state, who signed and sent it (services.reports.describe_state, in the interface language)."""
        parts = [term(STATE_LABELS[info.state])]
        if info.signed_by and info.signed_at:
            parts.append(self.tr("{0} 签名于 {1}").format(info.signed_by, local_time(info.signed_at)))
        if info.sent_on:
            parts.append(self.tr("{0} 报送（{1}）").format(f"{info.sent_on:%Y-%m-%d}", info.sent_by))
        return self.tr("，", "separator of phrases").join(parts)

    def describe(self, info: ReportInfo) -> str:
        text = self.tr("{0}：{1}").format(self.report_title(info), self.describe_state(info))
        if info.made_at is not None:
            text += self.tr("\n最近生成：{0}（{1}）").format(local_time(info.made_at), info.made_by or "-")
        return text

    def made_banner(self, info: ReportInfo) -> str:
        return self.tr("{0}（{1}）").format(self.report_title(info), self.describe_state(info))

    def fill_editors(self, info: ReportInfo) -> None:
        """One text box per narrative section of the report's kind, holding the saved text."""
        if list(self.editors) != list(NARRATIVE[info.kind]):
            while self.texts_layout.count():
                item = self.texts_layout.takeAt(0)
                if item is not None and (widget := item.widget()) is not None:
                    widget.hide()  # at once: deleteLater waits for the event loop
                    widget.deleteLater()
            self.editors = {}
            for key, heading in NARRATIVE[info.kind].items():
                editor = QPlainTextEdit()
                editor.setPlaceholderText(self.tr("不填写时报告上印“（未填写）”"))
                editor.setMinimumHeight(48)
                editor.textChanged.connect(self._text_changed)
                self.texts_layout.addWidget(QLabel(term(heading)))
                self.texts_layout.addWidget(editor, 1)
                self.editors[key] = editor
        self._filling = True
        for key, editor in self.editors.items():
            editor.setPlainText(info.narrative.get(key, ""))
        self._filling = False

    def _text_changed(self) -> None:
        if not self._filling:
            self.say(self.tr("文字有修改，尚未保存。") if self.changed_sections() else "")

    def edits(self) -> dict[str, str]:
        """The text of every section as typed."""
        return {key: editor.toPlainText() for key, editor in self.editors.items()}

    def changed_sections(self) -> dict[str, str]:
        """The sections whose text differs from what is saved."""
        if self.info is None:
            return {}
        return {k: v for k, v in self.edits().items() if v.replace("\r\n", "\n").strip() != self.info.narrative.get(k)}

    def fill_table(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.kept))
        current = -1
        for row, i in enumerate(self.kept):
            made = self.tr("{0}（{1}）").format(local_time(i.made_at), i.made_by) if i.made_at else "-"
            for col, text in enumerate((self.report_title(i), self.describe_state(i), made)):
                self.table.setItem(row, col, QTableWidgetItem(text))
            if self.info is not None and (i.kind, i.scope_kind, i.scope, i.period) == (
                    self.info.kind, self.info.scope_kind, self.info.scope, self.info.period):
                current = row
        self.table.clearSelection()
        if current >= 0:
            self.table.selectRow(current)
        self.table.blockSignals(False)

    def _table_clicked(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        if len(rows) == 1:
            self.open_report(self.kept[rows.pop()])

    def open_report(self, info: ReportInfo) -> None:
        """Move the choices to a kept report and load it."""
        if info.scope_kind == "department":
            where = _DEPARTMENT + info.scope
        else:
            where = "" if info.scope == self.own_code else _OTHER_ORG + info.scope
        for combo in (self.kind, self.month, self.scope):
            combo.blockSignals(True)
        self.kind.setCurrentIndex(self.kind.findData(info.kind.value))
        if info.kind is ReportKind.MONTHLY:
            if self.month.findData(info.period) < 0:
                self.add_month(info.period)
            self.month.setCurrentIndex(self.month.findData(info.period))
        if self.scope.findData(where) < 0:
            self.scope.addItem(self.scope_name(info), where)
        self.scope.setCurrentIndex(self.scope.findData(where))
        for combo in (self.kind, self.month, self.scope):
            combo.blockSignals(False)
        self._choice_changed()

    def _enable(self, busy: bool = False) -> None:
        info, may_write = self.info, permitted(self.app.actor, Action.REGISTER)
        ready = info is not None and not busy
        may_sign = permitted(self.app.actor, Action.SIGN)  # a reviewer signs the text a clerk wrote
        final = info is not None and info.state is ReportState.SENT  # what was sent stays what it was
        self.save_button.setEnabled(ready and may_write and not final)
        for editor in self.editors.values():
            editor.setReadOnly(not may_write or final)  # a reviewer signs the text kept, not typed in
        self.preview_button.setEnabled(ready)
        self.make_button.setEnabled(ready and may_write and not final)
        self.sign_button.setEnabled(ready and may_sign and not final)
        self.export_button.setEnabled(ready and info is not None and info.pdf_sha256 is not None)
        self.sent_button.setEnabled(ready and may_write and info is not None
                                    and info.state in (ReportState.MADE, ReportState.SIGNED))
        if not may_write:
            why = self.tr("当前用户（{0}）只能查看，不能编写、生成或登记报送报告。").format(
                term(ROLE_LABELS[self.app.actor.role]) if self.app.actor.role in ROLE_LABELS
                else str(self.app.actor.role))
            for b in (self.save_button, self.make_button, self.sent_button):
                b.setToolTip(why)
        if not may_sign:
            self.sign_button.setToolTip(self.tr("当前用户不能签名报告：需要审核或管理员角色。"))

    def say(self, text: str, *, bad: bool = False) -> None:
        self.status_label.setStyleSheet(_BAD if bad else "")
        self.status_label.setText(text)

    def failed(self, error: BaseException) -> None:
        """An error in words below, and in a message box."""
        self.say(user_text(error), bad=True)
        show_error(self, error)

    # -- the clerk's text, preview, making and signing ----------------------------------------
    def save_text(self, *, then_load: bool = True) -> None:
        """保存文字: keep the sections changed since they were last saved."""
        if self.loaded is None:
            return
        changed, choice, actor = self.changed_sections(), self.loaded, self.app.actor
        if not changed:
            self.say(self.tr("文字没有修改，不需要保存。"))
            return

        def work() -> ReportInfo:
            with self.app.uow() as uow:
                where = reports.scope(uow, org=choice.org, department=choice.department)
                saved = reports.save_narrative(uow, actor, choice.kind, where, choice.period, changed)
                uow.commit()
            return saved

        def done(saved: ReportInfo | None, error: BaseException | None) -> None:
            if error is not None or saved is None:
                self.failed(error or RuntimeError("not saved"))
                return
            self.say(message("report.text_saved", title=self.report_title(saved),
                             sections=self.tr("、", "separator of a list").join(
                                 term(NARRATIVE[saved.kind][k]) for k in changed)))
            if then_load and self.loaded == choice:
                self.info = saved
                self.fill_editors(saved)
                self.load()

        run_task(work, done, owner=self)

    def preview(self) -> None:
        """The report as it would print now, with the text as typed; nothing is stored."""
        if self.loaded is None:
            return
        choice, texts, actor = self.loaded, self.edits(), self.app.actor
        self._preview_generation += 1
        generation = self._preview_generation
        self.preview_pane.clear(self.tr("正在生成预览……"))

        def work() -> bytes:
            with self.app.reader() as uow:
                where = reports.scope(uow, org=choice.org, department=choice.department)
                doc = reports.document(uow, actor, choice.kind, where, choice.period, narrative=texts)
            return report_pdf_bytes(doc)

        def done(pdf: bytes | None, error: BaseException | None) -> None:
            if generation != self._preview_generation:
                return
            if error is not None or pdf is None:
                self.preview_pane.clear(self.tr("无法生成预览。"))
                self.failed(error or RuntimeError("no preview"))
                return
            self.preview_pane.show_pdf(pdf, self.tr("预览（未保存、未签名）：{0}").format(self.title()))

        run_task(work, done, owner=self)

    def ask_sign(self) -> None:
        """签名并生成: the main section must be written; then the key passphrase is asked."""
        if self.loaded is None:
            return
        main = next(iter(NARRATIVE[self.loaded.kind]))
        if not self.edits().get(main, "").strip():
            self.say(message("report.needs_text", section=term(NARRATIVE[self.loaded.kind][main])), bad=True)
            self.editors[main].setFocus()
            return
        text, ok = QInputDialog.getText(self, self.tr("密钥口令"), self.tr("签名要用本单位的密钥，请输入密钥口令："),
                                        QLineEdit.EchoMode.Password)
        if ok and text:
            self.produce(text)

    def produce(self, passphrase: str | None) -> None:
        """Save the text and make the PDF now, signed with the org's key when a passphrase is given."""
        if self.loaded is None:
            return
        choice, actor, keys = self.loaded, self.app.actor, self.app.keystore_path
        texts = self.edits() if permitted(actor, Action.REGISTER) else {}  # a reviewer signs the kept text

        def work() -> Made:
            signer = None
            if passphrase is not None:  # a wrong passphrase stops here: nothing is stored
                with self.app.reader() as uow:
                    url = signing.timestamp_url(uow)
                signer = signing.open_signer(actor, keys, passphrase, timestamp_url=url)
            with self.app.uow() as uow:
                where = reports.scope(uow, org=choice.org, department=choice.department)
                made = reports.make(uow, actor, choice.kind, where, choice.period, narrative=texts, signer=signer)
                uow.commit()
            return made

        def done(made: Made | None, error: BaseException | None) -> None:
            self._enable()
            if error is not None or made is None:  # rolled back: nothing made
                self.failed(error or RuntimeError("nothing made"))
                return
            info = made.info
            if info.signed_by:
                self.say(self.tr("已生成并签名：{0}（签名人 {1}）。可以“导出”后报送。").format(
                    self.report_title(info), info.signed_by))
            else:
                self.say(self.tr("已生成（未签名）：{0}。可以“导出”后报送。").format(self.report_title(info)))
            if self.loaded == choice:
                self.info = info
                self.fill_editors(info)
                self.preview_pane.show_pdf(made.pdf, self.made_banner(info))
            self.load()

        self._enable(busy=True)
        self.say(self.tr("正在签名并生成报告……") if passphrase is not None else self.tr("正在生成报告……"))
        run_task(work, done, owner=self)

    # -- export, 报送 -------------------------------------------------------------------
    def ask_export(self) -> None:
        if self.info is None or self.info.pdf_sha256 is None:
            return
        name, _ = QFileDialog.getSaveFileName(self, self.tr("导出报告"), str(Path.home() / f"{self.title()}.pdf"),
                                              "PDF (*.pdf)")
        if name:
            path = Path(name)
            self.export_to(path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf"))

    def export_to(self, path: Path) -> None:
        """Write the PDF last made for the report, as it was made (signed or not)."""
        info, actor = self.info, self.app.actor
        if info is None:
            return

        def work() -> Path:
            with self.app.reader() as uow:
                data = reports.pdf_of(uow, actor, info)
            try:
                write_bytes_atomically(path, data)
            except OSError as exc:
                raise InputRejected("report.write_failed", path=str(path), reason=os_reason(exc)) from exc
            return path

        def done(written: Path | None, error: BaseException | None) -> None:
            if error is not None or written is None:
                self.failed(error or RuntimeError("not written"))
                return
            self.say(message("report.made", title=self.report_title(info), path=written))

        run_task(work, done, owner=self)

    def ask_mark_sent(self) -> None:
        if self.info is None:
            return
        answer = QMessageBox.question(self, self.tr("登记报送"),
                                      self.tr("登记“{0}”今天已经报送？").format(self.title()))
        if answer == QMessageBox.StandardButton.Yes:
            self.mark_sent()

    def mark_sent(self) -> None:
        """登记报送: the report was sent today (by the app's clock)."""
        if self.loaded is None:
            return
        choice, actor = self.loaded, self.app.actor

        def work() -> ReportInfo:
            with self.app.uow() as uow:
                where = reports.scope(uow, org=choice.org, department=choice.department)
                info = reports.mark_sent(uow, actor, choice.kind, where, choice.period,
                                         local_today(uow.clock).date())
                uow.commit()
            return info

        def done(info: ReportInfo | None, error: BaseException | None) -> None:
            if error is not None or info is None:
                self.failed(error or RuntimeError("not recorded"))
                return
            self.say(message("report.sent", title=self.report_title(info), day=info.sent_on))
            self.load()

        run_task(work, done, owner=self)
