"""自查: run the rules, see each rule's findings, read one with its evidence, decide, send 核实表 to villages."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.messages import language, message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.rules import RULES, STATUS_LABELS, FindingStatus
from yikatong_desktop.gui.dialogs.decide_findings import DecideDialog
from yikatong_desktop.gui.dialogs.problem_form import ProblemForm
from yikatong_desktop.gui.dialogs.verify_sheet import VerifySheetDialog
from yikatong_desktop.gui.errors import show_error
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.models.findings_model import FindingFilter, FindingsModel
from yikatong_desktop.gui.tasks import run_task, run_with_progress
from yikatong_desktop.gui.widgets.finding_detail import finding_html
from yikatong_desktop.gui.widgets.place_combo import fill_villages
from yikatong_desktop.services import findings, findings_view, queries, verify_sheets
from yikatong_desktop.services.checks.engine import RuleOutcome
from yikatong_desktop.services.checks.run import run_checks
from yikatong_desktop.services.findings import Finding
from yikatong_desktop.services.progress import Cancelled, IsCancelled, Progress

RULE_HEADERS = (QT_TRANSLATE_NOOP("ChecksPage", "代码"), QT_TRANSLATE_NOOP("ChecksPage", "名称"),
                QT_TRANSLATE_NOOP("ChecksPage", "风险"), QT_TRANSLATE_NOOP("ChecksPage", "待核实"),
                QT_TRANSLATE_NOOP("ChecksPage", "已确认"), QT_TRANSLATE_NOOP("ChecksPage", "已排除"),
                QT_TRANSLATE_NOOP("ChecksPage", "已消除"), QT_TRANSLATE_NOOP("ChecksPage", "涉及金额(元)"))
_COUNTED = (FindingStatus.OPEN, FindingStatus.CONFIRMED, FindingStatus.DISMISSED, FindingStatus.RESOLVED)
_REGISTRABLE = (FindingStatus.OPEN.value, FindingStatus.CONFIRMED.value)  # may become a problem (登记为问题)


class ChecksPage(QWidget):
    """Rules above (tick some and run them, or run all; click one to filter), findings and the detail below."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.last_import: verify_sheets.SheetImport | None = None
        self.last_export: verify_sheets.SheetExport | None = None
        with app.reader() as uow:
            self.choices = queries.filter_choices(uow, app.actor)

        self.run_all_button = QPushButton(self.tr("运行全部规则"))
        self.run_all_button.clicked.connect(lambda: self.run_rules(None))
        self.run_chosen_button = QPushButton(self.tr("运行勾选的规则"))
        self.run_chosen_button.clicked.connect(lambda: self.run_rules(self.checked_rules()))
        self.last_run_label = QLabel()
        self.last_run_label.setStyleSheet("color: #555;")
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.run_all_button)
        top.addWidget(self.run_chosen_button)
        top.addWidget(self.last_run_label)
        top.addWidget(self.status_label, 1)

        self.rules = QTableWidget(len(RULES), len(RULE_HEADERS))
        self.rules.setHorizontalHeaderLabels([QCoreApplication.translate("ChecksPage", str(h)) for h in RULE_HEADERS])
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rules.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules.verticalHeader().setVisible(False)
        self.rules.verticalHeader().setDefaultSectionSize(22)
        self.rules.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((190, 0, 80, 70, 70, 70, 70, 110)):
            if width:
                self.rules.setColumnWidth(col, width)
        self.rules.itemSelectionChanged.connect(self._rule_clicked)

        self.rule_filter = QComboBox()
        self.rule_filter.addItem(self.tr("全部规则"), None)
        for r in RULES:
            self.rule_filter.addItem(self.tr("{0}（{1}）").format(term(r.title), r.code), r.code)
        self.township = self._combo(self.tr("全部乡镇"), self.choices["townships"])
        self.village = self._combo(self.tr("全部村"), [])
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("全部状态"), None)
        for s in _COUNTED:
            self.status_filter.addItem(term(STATUS_LABELS[s]), s.value)
        self.count_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("发现的问题：")))
        for w, stretch in ((self.rule_filter, 3), (self.township, 2), (self.village, 2), (self.status_filter, 1)):
            filters.addWidget(w, stretch)
        filters.addWidget(self.count_label)

        self.model = FindingsModel(self._count, self._page, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((70, 124, 40, 54, 84, 150, 124, 78, 84, 86)):
            self.table.setColumnWidth(col, width)
        self.detail = QTextBrowser()
        self.detail.setMinimumWidth(260)
        self.detail.setHtml(self.tr("<p style='color:#777'>选中一条问题，查看说明、依据和处理记录。"
                                    "按住 Ctrl 或 Shift 可多选，一次确认或排除。</p>"))

        self.confirm_button = QPushButton(self.tr("确认…"))
        self.dismiss_button = QPushButton(self.tr("排除…"))
        self.reopen_button = QPushButton(self.tr("重新打开…"))
        self.confirm_button.clicked.connect(lambda: self.decide_selected(FindingStatus.CONFIRMED))
        self.dismiss_button.clicked.connect(lambda: self.decide_selected(FindingStatus.DISMISSED))
        self.reopen_button.clicked.connect(lambda: self.decide_selected(FindingStatus.OPEN))
        self.register_button = QPushButton(self.tr("登记为问题…"))
        self.register_button.setToolTip(self.tr("把选中的疑点登记到问题台账（挂号），金额和涉及人员随之带入"))
        self.register_button.clicked.connect(self.register_selected)
        self.export_sheet_button = QPushButton(self.tr("生成核实表…"))
        self.export_sheet_button.setToolTip(self.tr("把一个村的待核实问题写成 Excel 核实表，发给村里填写"))
        self.export_sheet_button.clicked.connect(self.ask_export_sheet)
        self.import_sheet_button = QPushButton(self.tr("导入核实表…"))
        self.import_sheet_button.setToolTip(self.tr("读回村里填好的核实表，按核实结果确认或排除"))
        self.import_sheet_button.clicked.connect(self.ask_import_sheet)
        actions = QHBoxLayout()
        for b in (self.confirm_button, self.dismiss_button, self.reopen_button, self.register_button):
            actions.addWidget(b)
        actions.addStretch(1)
        for b in (self.export_sheet_button, self.import_sheet_button):
            actions.addWidget(b)

        side = QSplitter(Qt.Orientation.Horizontal)
        side.addWidget(self.table)
        side.addWidget(self.detail)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 1)
        side.setSizes([930, 280])
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(filters)
        lower_layout.addWidget(side, 1)
        lower_layout.addLayout(actions)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.rules)
        split.addWidget(lower)
        split.setStretchFactor(1, 1)
        split.setSizes([300, 460])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)

        self.township.currentIndexChanged.connect(self._township_changed)
        for combo in (self.rule_filter, self.village, self.status_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self._fill_villages()
        self.refresh_rules()
        self.apply_filter()

    def _combo(self, everything: str, items: list[Any]) -> QComboBox:
        box = QComboBox()
        box.addItem(everything, None)
        for item in items:
            box.addItem(item[1], item[0])
        return box

    # -- the rules table and running ---------------------------------------
    def refresh_rules(self) -> None:
        """Fill the rules table with each rule's counts; remember which boxes were ticked."""
        ticked = set(self.checked_rules()) if self.rules.item(0, 0) is not None else None
        with self.app.reader() as uow:
            summaries = findings_view.rule_summaries(uow, self.app.actor)
            last = findings_view.last_run_at(uow, self.app.actor)
        self.rules.blockSignals(True)
        for row, s in enumerate(summaries):
            code = QTableWidgetItem(s.code)
            code.setData(Qt.ItemDataRole.UserRole, s.code)
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
            if s.runnable:
                code.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
                on = ticked is None or s.code in ticked
                code.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            else:
                code.setFlags(flags)
                code.setToolTip(self.tr("这条规则还不能运行（所需数据或功能尚未上线）"))
            cells = [code, QTableWidgetItem(term(s.title)), QTableWidgetItem(term(s.severity))]
            cells += [QTableWidgetItem(f"{s.count(st):,}") for st in _COUNTED]
            cells.append(QTableWidgetItem(format_yuan(s.amount_fen)))
            for col, item in enumerate(cells):
                if col >= 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if not s.runnable:
                    item.setForeground(Qt.GlobalColor.gray)
                self.rules.setItem(row, col, item)
        self.rules.blockSignals(False)
        when = self.tr("尚未运行自查") if last is None else self.tr("上次运行：{0}").format(
            findings_view.local_time(last))
        self.last_run_label.setText(when)

    def checked_rules(self) -> list[str]:
        """Codes of the ticked rules."""
        out = []
        for row in range(self.rules.rowCount()):
            item = self.rules.item(row, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def run_rules(self, codes: Sequence[str] | None) -> None:
        """Run the chosen rules (all runnable ones for None) with progress; a cancel stores nothing."""
        chosen = findings_view.runnable_codes(codes) if codes is None or codes else []
        if not chosen:
            self.status_label.setText(self.tr("没有勾选可以运行的规则。"))
            return

        def work(progress: Progress, is_cancelled: IsCancelled) -> list[RuleOutcome]:
            with self.app.uow() as uow:
                outcomes = run_checks(uow, self.app.actor, chosen, progress=progress, is_cancelled=is_cancelled)
                uow.commit()
            return outcomes

        def done(outcomes: list[RuleOutcome] | None, error: BaseException | None) -> None:
            if isinstance(error, Cancelled):
                self.status_label.setText(self.tr("已取消：本次自查的结果没有保存，原有结果不变。"))
                return
            if error is not None or outcomes is None:
                show_error(self, error or RuntimeError("no outcome"))
                return
            self.status_label.setText(message(
                "check.summary", rules=len(outcomes), findings=sum(o.open for o in outcomes),
                new=sum(o.new for o in outcomes), resolved=sum(o.resolved for o in outcomes),
                yuan=format_yuan(sum(o.amount_fen for o in outcomes))))
            self.refresh()

        run_with_progress(self, self.tr("正在运行自查…"), work, done)

    def _rule_clicked(self) -> None:
        rows = self.rules.selectionModel().selectedRows()
        item = self.rules.item(rows[0].row(), 0) if rows else None
        if item is not None:
            code = item.data(Qt.ItemDataRole.UserRole)
            self.rule_filter.setCurrentIndex(max(self.rule_filter.findData(code), 0))

    # -- the findings table ------------------------------------------------
    def _count(self, f: FindingFilter) -> int:
        with self.app.reader() as uow:
            return findings_view.count_findings(uow, self.app.actor, rules=f.rules, org=f.org, statuses=f.statuses)

    def _page(self, f: FindingFilter, offset: int, limit: int) -> list[Finding]:
        with self.app.reader() as uow:
            return findings.list_findings(uow, self.app.actor, rules=f.rules, org=f.org, statuses=f.statuses,
                                          limit=limit, offset=offset)

    def _township_changed(self) -> None:
        self._fill_villages()
        self.apply_filter()

    def _fill_villages(self) -> None:
        fill_villages(self.village, self.choices["villages"], self.township.currentData())

    def apply_filter(self) -> None:
        """Show the findings of the chosen rule, place and state."""
        rule, status = self.rule_filter.currentData(), self.status_filter.currentData()
        self.model.set_filter(FindingFilter(rules=(rule,) if rule else (),
                                            org=self.village.currentData() or self.township.currentData(),
                                            statuses=(status,) if status else ()))
        rows = self.model.rowCount()
        self.count_label.setText(self.tr("共 {0} 条").format(f"{rows:,}"))
        if rows == 0:
            ran = self.last_run_label.text() != self.tr("尚未运行自查")
            self.detail.setHtml(self.tr("<p style='color:#8a6d3b'>没有符合条件的问题。请把筛选改回“全部”。</p>") if ran
                                else self.tr("<p style='color:#8a6d3b'>还没有运行自查。请先导入花名册和名单，"
                                             "再点“运行全部规则”。</p>"))
        self._selection_changed()

    def selected_findings(self) -> list[Finding]:
        """The findings of the selected rows, in table order."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [f for f in (self.model.row_at(r) for r in rows) if f is not None]

    def _selection_changed(self) -> None:
        chosen = self.selected_findings()
        live = [f for f in chosen if f.status != FindingStatus.RESOLVED.value]
        self.confirm_button.setEnabled(any(f.status != FindingStatus.CONFIRMED.value for f in live))
        self.dismiss_button.setEnabled(any(f.status != FindingStatus.DISMISSED.value for f in live))
        self.reopen_button.setEnabled(any(f.status != FindingStatus.OPEN.value for f in live))
        self.register_button.setEnabled(any(f.status in _REGISTRABLE and f.problem_uid is None for f in chosen))
        if chosen:
            self.show_finding(chosen[0])

    def show_finding(self, finding: Finding) -> None:
        """The detail pane: explanation, evidence and the history of decisions."""
        with self.app.reader() as uow:
            history = findings_view.status_history(uow, self.app.actor, finding.uid)
        self.detail.setHtml(finding_html(finding, history))

    def decide_dialog(self, status: FindingStatus) -> DecideDialog | None:
        """The reason dialog for the selected findings (not shown yet); resolved ones are left out."""
        uids = [f.uid for f in self.selected_findings()
                if f.status not in (FindingStatus.RESOLVED.value, status.value)]
        return DecideDialog(self.app, uids, status, self) if uids else None

    def decide_selected(self, status: FindingStatus) -> None:
        """Confirm, dismiss or reopen the selected findings after asking for the reason."""
        dialog = self.decide_dialog(status)
        if dialog is not None and dialog.exec():
            self.after_decision(dialog)

    def after_decision(self, dialog: DecideDialog) -> None:
        """Say what changed and show the new states."""
        self.status_label.setText(message("findings.decided", count=dialog.changed,
                                          status=term(STATUS_LABELS[dialog.status])))
        self.refresh()

    def register_dialog(self) -> ProblemForm | None:
        """The ledger's register form for the selected open or confirmed findings not registered yet."""
        uids = [f.uid for f in self.selected_findings() if f.status in _REGISTRABLE and f.problem_uid is None]
        return ProblemForm(self.app, self, findings=uids) if uids else None

    def register_selected(self) -> None:
        """登记为问题: the selected findings become one problem of the ledger (挂号)."""
        dialog = self.register_dialog()
        if dialog is not None and dialog.exec() and (p := dialog.saved) is not None:
            self.status_label.setText(message("ledger.registered", number=p.number, category=p.category,
                                              yuan=format_yuan(p.amount_fen)))
            self.refresh()

    def refresh(self) -> None:
        """Re-read the counts and the findings after a run or a decision."""
        self.refresh_rules()
        self.apply_filter()

    # -- 核实表 -------------------------------------------------------------
    def sheet_dialog(self) -> VerifySheetDialog:
        """The village-and-file dialog (not shown yet); the village filter, if set, is preselected."""
        with self.app.reader() as uow:
            villages = verify_sheets.villages(uow, self.app.actor)
        return VerifySheetDialog(villages, Path.home(), self, preselect=self.village.currentData())

    def ask_export_sheet(self) -> None:
        dialog = self.sheet_dialog()
        if dialog.exec() and (chosen := dialog.chosen()) is not None:
            self.export_sheet(*chosen)

    def export_sheet(self, village: str, path: Path) -> None:
        """Write a village's 核实表 off the GUI thread."""

        def work() -> verify_sheets.SheetExport:
            with self.app.uow() as uow:
                done = verify_sheets.export_sheet(uow, self.app.actor, village, path)
                uow.commit()
            return done

        def done(result: verify_sheets.SheetExport | None, error: BaseException | None) -> None:
            if error is not None or result is None:
                show_error(self, error or RuntimeError("no result"))
                return
            self.last_export = result
            self.status_label.setText(message("verify.written", village=result.village.full_name,
                                              count=result.count, path=result.path))

        run_task(work, done, owner=self)

    def ask_import_sheet(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择村里填好的核实表"), str(Path.home()),
                                              "Excel (*.xlsx *.xlsm *.xls)")
        if name:
            self.import_sheet(Path(name))

    def import_sheet(self, path: Path) -> None:
        """Read a filled 核实表 back off the GUI thread; the report lists rows that could not be used."""

        def work() -> verify_sheets.SheetImport:
            with self.app.uow() as uow:
                report = verify_sheets.import_sheet(uow, self.app.actor, path)
                uow.commit()
            return report

        def done(report: verify_sheets.SheetImport | None, error: BaseException | None) -> None:
            if error is not None or report is None:
                show_error(self, error or RuntimeError("no report"))
                return
            self.last_import = report
            self.status_label.setText(report.summary(language()))
            self.refresh()
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("核实表已导入"),
                              f"{report.file}\n{report.summary(language())}", QMessageBox.StandardButton.Ok, self)
            box.setObjectName("verifyReport")
            if report.issues:
                box.setIcon(QMessageBox.Icon.Warning)
                box.setDetailedText("\n".join(i.describe() for i in report.issues))
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

        run_task(work, done, owner=self)

