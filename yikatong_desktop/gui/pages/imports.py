"""导入: choose (or drop) a roster or another list, see and fix a roster's column mapping, check it without
saving, import it, see every rejected row and save them, confirm the standards it showed, void a batch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.domain.headers import TEMPLATE
from yikatong_desktop.domain.lists import SPECS, ListKind
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.values_errors import in_language
from yikatong_desktop.gui.dialogs.confirm_standards import ConfirmStandardsDialog
from yikatong_desktop.gui.dialogs.void_batch import VoidBatchDialog
from yikatong_desktop.gui.errors import show_error, user_text
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.tasks import run_task, run_with_progress
from yikatong_desktop.gui.widgets.mapping_preview import MappingPreview
from yikatong_desktop.gui.widgets.tables import read_only_table
from yikatong_desktop.services import imports, list_imports, queries, roster_preview
from yikatong_desktop.services.imports import ImportReport
from yikatong_desktop.services.roster_preview import RosterPreview

FIELD_TITLES = {f.value: title for f, title in TEMPLATE}
FILES = QT_TRANSLATE_NOOP("ImportPage", "Excel 或 CSV (*.xlsx *.xlsm *.xls *.csv);;所有文件 (*)")
#: What the kind combo offers: the roster, then every list of SPEC §5 (shown through term()).
KIND_TITLES = {"roster": "补贴发放花名册", **{k.value: SPECS[k].title for k in ListKind}}
REASONS = ("死亡", "迁出", "退出")
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")


class ImportPage(QWidget):
    """One file at a time, through the same services as `ykt import KIND`."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.path: Path | None = None
        self.report: ImportReport | None = None
        self.preview: RosterPreview | None = None
        self.standards_dialog: ConfirmStandardsDialog | None = None
        self.setAcceptDrops(True)

        self.file_label = QLabel(self.tr("尚未选择文件（可把文件拖到这里）"))
        choose = QPushButton(self.tr("选择文件…"))
        choose.clicked.connect(self._ask_file)
        self.kind = QComboBox()
        for key, title in KIND_TITLES.items():
            self.kind.addItem(term(title), key)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        self.reason = QComboBox()
        self.reason.addItem(self.tr("（按文件中的事由或文件名）"), None)
        for reason in REASONS:
            self.reason.addItem(term(reason), reason)
        self.reason_label = QLabel(self.tr("事由："))
        self.program = QComboBox()
        self.program.setEditable(False)
        self.program.addItem(self.tr("（文件中有“补贴项目”列）"), None)
        with app.reader() as uow:
            for row in uow.records.programs():
                self.program.addItem(f"{row.code} {row.name}", row.code)
        self.program.currentIndexChanged.connect(lambda _i: self.refresh_preview())
        self.period = QLineEdit()
        self.period.setPlaceholderText(self.tr("补贴期间，如 2018、2018-03（文件中有期间或年度列时不填）"))
        self.check_button = QPushButton(self.tr("检查（不保存）"))
        self.import_button = QPushButton(self.tr("导入"))
        for button, dry in ((self.check_button, True), (self.import_button, False)):
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, d=dry: self.run_import(dry_run=d))

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("文件类型：")))
        top.addWidget(self.kind)
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("补贴项目：")))
        options.addWidget(self.program, 2)
        options.addWidget(QLabel(self.tr("期间：")))
        options.addWidget(self.period, 2)
        options.addWidget(self.reason_label)
        options.addWidget(self.reason)
        options.addWidget(self.check_button)
        options.addWidget(self.import_button)

        self.mapping = MappingPreview()
        self.mapping.changed.connect(self._mapping_changed)
        self.mapping_status = QLabel()
        self.mapping_status.setWordWrap(True)
        self.confirm_button = QPushButton(self.tr("确认对应关系"))
        self.confirm_button.setEnabled(False)
        self.confirm_button.clicked.connect(self.confirm_mapping)
        mapping_box = QGroupBox(self.tr("预览与各列对应（改正后请确认，同一部门同样表头的文件下次自动沿用）"))
        self.mapping_box = mapping_box
        box = QVBoxLayout(mapping_box)
        box.addWidget(self.mapping, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.mapping_status, 1)
        footer.addWidget(self.confirm_button)
        box.addLayout(footer)

        self.mapping_label = QLabel()
        self.mapping_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("font-weight: bold;")
        self.issues = read_only_table([self.tr("工作表"), self.tr("行"), self.tr("列"), self.tr("结果"),
                                       self.tr("原因")])
        self.issues.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.save_button = QPushButton(self.tr("保存被拒绝的行…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._ask_errors_path)

        result = QGroupBox(self.tr("检查结果"))
        box = QVBoxLayout(result)
        box.addWidget(self.mapping_label)
        box.addWidget(self.summary_label)
        box.addWidget(self.issues, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        self.standards_button = QPushButton(self.tr("确认标准…"))
        self.standards_button.setEnabled(False)
        self.standards_button.clicked.connect(self.open_standards)
        buttons.addWidget(self.standards_button)
        buttons.addStretch(1)
        box.addLayout(buttons)

        self.history = read_only_table([self.tr("文件"), self.tr("类型"), self.tr("导入时间"), self.tr("操作人"),
                               self.tr("行数"), self.tr("接受"), self.tr("提示"), self.tr("拒绝"), self.tr("状态"),
                               self.tr("文件指纹(SHA-256)")])
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.history.itemSelectionChanged.connect(self._history_selected)
        self.history_rows: list[dict[str, object]] = []
        self.void_button = QPushButton(self.tr("作废所选批次…"))
        self.void_button.setEnabled(False)
        self.void_button.clicked.connect(self.open_void_batch)
        self.void_dialog: VoidBatchDialog | None = None
        past = QGroupBox(self.tr("导入记录"))
        past_box = QVBoxLayout(past)
        past_box.addWidget(self.history)
        past_buttons = QHBoxLayout()
        past_buttons.addWidget(self.void_button)
        past_buttons.addStretch(1)
        past_box.addLayout(past_buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(mapping_box, 3)
        layout.addWidget(result, 3)
        layout.addWidget(past, 2)
        self._kind_changed()
        self.refresh_history()

    @property
    def is_roster(self) -> bool:
        """The roster has a mapping preview; the other lists are read with their own vocabulary."""
        return bool(self.kind.currentData() == "roster")

    def select_kind(self, kind: str) -> None:
        """Choose the file type (roster, status, staff, …) as `ykt import KIND` names it."""
        self.kind.setCurrentIndex(self.kind.findData(kind))

    def _kind_changed(self) -> None:
        status = self.kind.currentData() == ListKind.STATUS.value
        self.reason.setVisible(status)
        self.reason_label.setVisible(status)
        self.mapping_box.setVisible(self.is_roster)
        self.preview = None
        self.mapping.clear()
        if self.is_roster:
            self.refresh_preview()
        else:
            self.mapping_status.setText("")
            self._set_runnable(True)

    def choose_file(self, path: Path) -> None:
        """Take a file to check or import, and show its preview."""
        self.path = path
        self.file_label.setText(str(path))
        self.check_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self.refresh_preview()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Files dragged over the page may be dropped (the drop says what is wrong with them)."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """A local .xlsx/.xlsm/.xls/.csv is taken like a chosen file; anything else is refused in words."""
        urls = event.mimeData().urls()
        local = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        event.acceptProposedAction()
        if len(local) != 1 or len(urls) != 1:
            self._status(self.tr("请一次拖入一个本机上的文件（.xlsx、.xls、.csv）。"))
            return
        if local[0].suffix.lower() not in SUFFIXES or not local[0].is_file():
            self._status(self.tr("“{0}”不是 Excel 或 CSV 文件，无法导入："
                                                "只能导入 .xlsx、.xlsm、.xls、.csv 文件。").format(local[0].name))
            return
        self.choose_file(local[0])

    def _status(self, text: str) -> None:
        """A message about the chosen file: under the preview for a roster, in the result box otherwise."""
        (self.mapping_status if self.is_roster else self.summary_label).setText(text)

    def refresh_preview(self) -> None:
        """Read the top of the chosen file: header, each column's field, the first rows (in the background)."""
        if self.path is None or not self.is_roster:
            return
        path, program, period_given = self.path, self.program.currentData(), bool(self.period.text().strip())

        def work() -> RosterPreview:
            with self.app.reader() as uow:
                return roster_preview.preview_roster(uow, self.app.actor, path, program=program,
                                                     period_given=period_given)

        self.mapping_status.setText(self.tr("正在读取…"))
        run_task(work, self._show_preview, owner=self)

    def _show_preview(self, preview: RosterPreview | None, error: BaseException | None) -> None:
        if error is not None or preview is None:
            self.preview = None
            self.mapping.clear()
            self.confirm_button.setEnabled(False)
            self.mapping_status.setText(self.tr("无法预览：") + user_text(error or RuntimeError("no preview")))
            return
        self.preview = preview
        self.mapping.show_preview(preview)
        self.confirm_button.setEnabled(any(s.header_rows for s in preview.sheets))
        self._set_runnable(True)
        self.mapping_status.setText(self._preview_text(preview))

    def _preview_text(self, preview: RosterPreview) -> str:
        sep = self.tr("、", "list separator")
        if preview.department:
            how = self.tr("按所选项目") if preview.department_source == "program" else self.tr("按文件中的补贴项目")
            parts = [self.tr("部门：{0}（{1}识别）").format(preview.department, how)]
        else:
            parts = [self.tr("部门：未识别（对应关系按表头记住）")]
        for sheet in preview.sheets:
            where = self.tr("工作表“{0}”").format(sheet.name) if sheet.name else self.tr("文件")
            if sheet.header_rows is None:
                parts.append(where + self.tr("：没有找到表头"))
            elif sheet.missing:
                parts.append(where + self.tr("：缺少") + sep.join(term(m) for m in sheet.missing))
        if any(c.source == "remembered" for s in preview.sheets for c in s.columns):
            parts.append(self.tr("黄色的列按记住的对应"))
        if preview.already_imported:
            parts.append(self.tr("这个文件已经导入过"))
        return self.tr("；", "separator of sentences").join(parts)

    def _mapping_changed(self) -> None:
        self._set_runnable(False)
        self.mapping_status.setText(self.tr("对应关系已改动：请点“确认对应关系”，再检查或导入。"))

    def _set_runnable(self, ok: bool) -> None:
        self.check_button.setEnabled(ok and self.path is not None)
        self.import_button.setEnabled(ok and self.path is not None)

    def confirm_mapping(self) -> None:
        """Remember the combos' choices for this department and header layout, then show the result."""
        if self.preview is None:
            return
        try:
            with self.app.uow() as uow:
                roster_preview.confirm_columns(uow, self.app.actor, self.preview, self.mapping.choices())
                uow.commit()
        except YktError as exc:
            self.mapping_status.setText(user_text(exc))
            return
        self.refresh_preview()

    def _ask_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择{0}").format(self.kind.currentText()), "",
                                              QCoreApplication.translate("ImportPage", str(FILES)))
        if name:
            self.choose_file(Path(name))

    def run_import(self, *, dry_run: bool) -> None:
        """Check (dry) or import the chosen file in the background, with progress and cancel."""
        if self.path is None:
            return
        path, program, kind = self.path, self.program.currentData(), self.kind.currentData()
        period = self.period.text().strip() or None
        reason = self.reason.currentData() if kind == ListKind.STATUS.value else None
        # What the preview shows (remembered fixes, confirmed choices) is what the import reads.
        columns = None if self.preview is None else self.preview.fixes(self.preview.choices())

        def work(progress: imports.Progress, is_cancelled: imports.IsCancelled) -> ImportReport:
            if not dry_run:
                self.app.backup(f"before-import-{kind}", before=Action.IMPORT)  # SPEC §9: a way back
            with self.app.uow() as uow:
                if kind == "roster":
                    report = imports.import_roster(uow, self.app.actor, path, program=program, period=period,
                                                   dry_run=dry_run, columns=columns, progress=progress,
                                                   is_cancelled=is_cancelled)
                else:
                    report = list_imports.import_list(uow, self.app.actor, ListKind(kind), path, program=program,
                                                      period=period, reason=reason, dry_run=dry_run,
                                                      progress=progress, is_cancelled=is_cancelled)
                if not (report.dry_run or report.already_imported):
                    uow.commit()
            return report

        run_with_progress(self, self.tr("正在检查…") if dry_run else self.tr("正在导入…"), work, self._show)

    def _show(self, report: ImportReport | None, error: BaseException | None) -> None:
        if error is not None or report is None:
            if isinstance(error, imports.Cancelled):
                self.summary_label.setText(self.tr("已取消，未保存任何数据。"))
                return
            box = show_error(self, error or RuntimeError("no report"))
            self.summary_label.setText(self.tr("未导入：") + box.text())
            return
        self.report = report
        if report.already_imported:
            self.summary_label.setText(self.tr("这个文件已经导入过（内容完全相同），没有任何改动。"))
            return
        self.mapping_label.setText(self.tr("；", "separator of sentences").join(
            (self.tr("工作表“{0}”：").format(sheet) if sheet else "")
            + self.tr("，", "separator of phrases").join(f"{t} → {term(FIELD_TITLES.get(f, f))}"
                                                       for t, f in mapping.items())
            for sheet, mapping in report.mapping.items()))
        done = self.tr("（只检查，未保存）") if report.dry_run else self.tr("（已保存）")
        if report.list_kind == "roster":
            summary = self.tr("共 {0} 行：接受 {1} 行（其中 {2} 行有提示），拒绝 {3} 行；新增 {4} 笔，更新 {5} 笔；"
                              "金额合计 {6} 元{7}").format(
                report.rows_total, report.accepted, report.warned, report.rejected, report.inserted,
                report.updated, f"{report.paid_total_fen / 100:,.2f}", done)
        else:
            summary = self.tr("共 {0} 行：接受 {1} 行（其中 {2} 行有提示），拒绝 {3} 行；新增 {4} 条，更新 {5} 条；"
                              "新登记人员 {6} 人{7}").format(
                report.rows_total, report.accepted, report.warned, report.rejected, report.inserted,
                report.updated, report.persons_new, done)
        if report.list_kind == ListKind.BANK_RETURN.value:
            summary += self.tr("\n回盘 {0} 笔已对应到发放记录，{1} 笔没有找到。").format(
                report.matched, report.accepted - report.matched)
        for note in report.notes:
            summary += "\n" + in_language(note)
        if report.issues:
            summary += "\n" + self.tr("按原因：") + report.reasons_text()
        self.summary_label.setText(summary)
        self.issues.setRowCount(len(report.issues))
        for i, issue in enumerate(report.issues):
            for j, text in enumerate((issue.sheet, str(issue.row), issue.column or "",
                                      self.tr("拒绝") if issue.rejected else self.tr("提示"), issue.text())):
                self.issues.setItem(i, j, QTableWidgetItem(text))
        self.save_button.setEnabled(report.rejected > 0)
        self.standards_button.setEnabled(bool(report.standards) and not report.dry_run)
        if report.standards:
            self.summary_label.setText(self.summary_label.text() + self.tr("\n文件中有 {0} 个补贴标准不在项目目录中{1}")
                                       .format(len(report.standards),
                                               self.tr("。") if report.dry_run else self.tr("，请点“确认标准…”。")))
        self.refresh_history()

    def open_standards(self) -> ConfirmStandardsDialog | None:
        """The 确认标准 dialog for the last import's proposals (window-modal, not blocking)."""
        if self.report is None or not self.report.standards or self.report.dry_run:
            return None
        dialog = ConfirmStandardsDialog(self.app, self.report.standards, self)
        dialog.accepted.connect(lambda: self._standards_done(dialog))
        self.standards_dialog = dialog
        dialog.open()
        return dialog

    def _standards_done(self, dialog: ConfirmStandardsDialog) -> None:
        self.standards_button.setEnabled(False)
        if dialog.confirmed:
            self.summary_label.setText(self.summary_label.text() + self.tr("　已确认 {0} 个补贴标准，列入项目目录。")
                                       .format(len(dialog.confirmed)))

    def _ask_errors_path(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("保存被拒绝的行"),
                                              self.tr("被拒绝的行") + ".xlsx", "Excel (*.xlsx)")
        if name:
            self.save_errors(Path(name))

    def save_errors(self, path: Path) -> None:
        """Write the rejected rows (source columns + 错误原因) for the clerk to fix."""
        if self.report is None:
            return
        try:
            imports.write_error_workbook(path, self.report)
        except OSError as exc:
            show_error(self, exc)
            return
        self.summary_label.setText(self.summary_label.text() + self.tr("　被拒绝的行已保存到 {0}").format(path))

    def refresh_history(self) -> None:
        """The imports done so far, newest first."""
        with self.app.reader() as uow:
            rows = queries.import_history(uow, self.app.actor)
        self.history_rows = rows
        self.history.setRowCount(len(rows))
        for i, row in enumerate(rows):
            when = row["imported_at"].astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
            state = self.tr("已作废") if row["voided"] else self.tr("有效")
            kind = term(KIND_TITLES[row["kind"]]) if row["kind"] in KIND_TITLES else \
                self.tr("手工录入") if row["kind"] == "manual" else row["kind"]
            for j, value in enumerate((row["file_name"], kind, when, row["actor"], row["rows_total"],
                                       row["rows_accepted"], row["rows_warned"], row["rows_rejected"], state,
                                       row["file_sha256"][:16])):
                item = QTableWidgetItem(str(value))
                if j == 9:
                    item.setToolTip(row["file_sha256"])
                self.history.setItem(i, j, item)
        self.void_button.setEnabled(False)

    def _history_selected(self) -> None:
        row = self.history.currentRow()
        self.void_button.setEnabled(0 <= row < len(self.history_rows) and not self.history_rows[row]["voided"])

    def open_void_batch(self) -> VoidBatchDialog | None:
        """The 作废批次 dialog for the selected import (window-modal, not blocking)."""
        row = self.history.currentRow()
        if not 0 <= row < len(self.history_rows):
            return None
        batch = self.history_rows[row]
        dialog = VoidBatchDialog(self.app, str(batch["uid"]), str(batch["file_name"]), self)
        dialog.accepted.connect(self._batch_voided)
        self.void_dialog = dialog
        dialog.open()
        return dialog

    def _batch_voided(self) -> None:
        if self.void_dialog is not None and self.void_dialog.voided is not None:
            self.summary_label.setText(self.tr("已作废所选批次：{0} 条记录作废（原记录保留在历史中）。")
                                       .format(self.void_dialog.voided))
        self.refresh_history()
