"""导入: choose a roster, check it without saving, import it, see every rejected row and save them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.headers import TEMPLATE
from yikatong_desktop.gui.errors import show_error
from yikatong_desktop.gui.tasks import run_with_progress
from yikatong_desktop.services import imports, queries
from yikatong_desktop.services.imports import ImportReport

FIELD_TITLES = {f.value: title for f, title in TEMPLATE}
FILES = "花名册 (*.xlsx *.xlsm *.xls *.csv);;所有文件 (*)"


class ImportPage(QWidget):
    """One roster at a time, through the same service as `ykt import roster`."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.path: Path | None = None
        self.report: ImportReport | None = None

        self.file_label = QLabel(self.tr("尚未选择文件"))
        choose = QPushButton(self.tr("选择文件…"))
        choose.clicked.connect(self._ask_file)
        self.program = QComboBox()
        self.program.setEditable(False)
        self.program.addItem(self.tr("（文件中有“补贴项目”列）"), None)
        with app.reader() as uow:
            for row in uow.records.programs():
                self.program.addItem(f"{row.code} {row.name}", row.code)
        self.period = QLineEdit()
        self.period.setPlaceholderText(self.tr("补贴期间，如 2018、2018-03（文件中有期间或年度列时不填）"))
        self.check_button = QPushButton(self.tr("检查（不保存）"))
        self.import_button = QPushButton(self.tr("导入"))
        for button, dry in ((self.check_button, True), (self.import_button, False)):
            button.setEnabled(False)
            button.clicked.connect(lambda _c=False, d=dry: self.run_import(dry_run=d))

        top = QHBoxLayout()
        top.addWidget(choose)
        top.addWidget(self.file_label, 1)
        options = QHBoxLayout()
        options.addWidget(QLabel(self.tr("补贴项目：")))
        options.addWidget(self.program, 2)
        options.addWidget(QLabel(self.tr("期间：")))
        options.addWidget(self.period, 2)
        options.addWidget(self.check_button)
        options.addWidget(self.import_button)

        self.mapping_label = QLabel()
        self.mapping_label.setWordWrap(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet("font-weight: bold;")
        self.issues = _table([self.tr("工作表"), self.tr("行"), self.tr("列"), self.tr("结果"), self.tr("原因")])
        self.issues.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.save_button = QPushButton(self.tr("保存被拒绝的行…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._ask_errors_path)

        result = QGroupBox(self.tr("检查结果"))
        box = QVBoxLayout(result)
        box.addWidget(self.mapping_label)
        box.addWidget(self.summary_label)
        box.addWidget(self.issues, 1)
        box.addWidget(self.save_button)

        self.history = _table([self.tr("文件"), self.tr("导入时间"), self.tr("操作人"), self.tr("行数"),
                               self.tr("接受"), self.tr("提示"), self.tr("拒绝")])
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.history.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        past = QGroupBox(self.tr("导入记录"))
        QVBoxLayout(past).addWidget(self.history)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(options)
        layout.addWidget(result, 3)
        layout.addWidget(past, 2)
        self.refresh_history()

    def choose_file(self, path: Path) -> None:
        """Take a file to check or import."""
        self.path = path
        self.file_label.setText(str(path))
        self.check_button.setEnabled(True)
        self.import_button.setEnabled(True)

    def _ask_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择花名册"), "", FILES)
        if name:
            self.choose_file(Path(name))

    def run_import(self, *, dry_run: bool) -> None:
        """Check (dry) or import the chosen file in the background, with progress and cancel."""
        if self.path is None:
            return
        path, program = self.path, self.program.currentData()
        period = self.period.text().strip() or None

        def work(progress: imports.Progress, is_cancelled: imports.IsCancelled) -> ImportReport:
            with self.app.uow() as uow:
                report = imports.import_roster(uow, self.app.actor, path, program=program, period=period,
                                               dry_run=dry_run, progress=progress, is_cancelled=is_cancelled)
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
        self.mapping_label.setText("；".join(
            (f"工作表“{sheet}”：" if sheet else "") + "，".join(f"{t} → {FIELD_TITLES.get(f, f)}"
                                                         for t, f in mapping.items())
            for sheet, mapping in report.mapping.items()))
        done = self.tr("（只检查，未保存）") if report.dry_run else self.tr("（已保存）")
        summary = self.tr("共 {0} 行：接受 {1} 行（其中 {2} 行有提示），拒绝 {3} 行；新增 {4} 笔，更新 {5} 笔；"
                          "金额合计 {6} 元{7}")
        self.summary_label.setText(summary.format(
            report.rows_total, report.accepted, report.warned, report.rejected, report.inserted, report.updated,
            f"{report.paid_total_fen / 100:,.2f}", done))
        self.issues.setRowCount(len(report.issues))
        for i, issue in enumerate(report.issues):
            for j, text in enumerate((issue.sheet, str(issue.row), issue.column or "",
                                      self.tr("拒绝") if issue.rejected else self.tr("提示"), issue.message)):
                self.issues.setItem(i, j, QTableWidgetItem(text))
        self.save_button.setEnabled(report.rejected > 0)
        self.refresh_history()

    def _ask_errors_path(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("保存被拒绝的行"), "被拒绝的行.xlsx", "Excel (*.xlsx)")
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
        self.history.setRowCount(len(rows))
        for i, row in enumerate(rows):
            when = row["imported_at"].astimezone(LOCAL_TZ).strftime("%Y-%m-%d %H:%M")
            for j, value in enumerate((row["file_name"], when, row["actor"], row["rows_total"],
                                       row["rows_accepted"], row["rows_warned"], row["rows_rejected"])):
                self.history.setItem(i, j, QTableWidgetItem(str(value)))


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    return table



