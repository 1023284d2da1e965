"""花名册: every payment with its person; search, filters, and the person's detail."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QItemSelection, QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.gui.dialogs.correct_payment import CorrectPaymentDialog
from yikatong_desktop.gui.dialogs.edit_person import EditPersonDialog
from yikatong_desktop.gui.dialogs.manual_entry import ManualEntryDialog
from yikatong_desktop.gui.dialogs.void_record import VoidRecordDialog
from yikatong_desktop.gui.errors import show_error
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.models.roster_model import COLUMNS, METHODS, RosterModel
from yikatong_desktop.gui.tasks import run_with_progress
from yikatong_desktop.gui.widgets.place_combo import fill_villages
from yikatong_desktop.services import queries
from yikatong_desktop.services.progress import Cancelled, IsCancelled, Progress
from yikatong_desktop.services.queries import RosterFilter, RosterRow


class RosterPage(QWidget):
    """Search by name, ID or account; filter by township, village, program and year."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        with app.reader() as uow:
            self.choices = queries.filter_choices(uow, app.actor)
        self.model = RosterModel(self._count, self._page, self)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索姓名、身份证号或银行账号"))
        self.search.setClearButtonEnabled(True)
        self.township = self._combo(self.tr("全部乡镇"), self.choices["townships"])
        self.village = self._combo(self.tr("全部村"), [])
        self.program = self._combo(self.tr("全部项目"), self.choices["programs"])
        self.year = self._combo(self.tr("全部年度"), [(code, self.tr("{0}年").format(code))
                                                      for code, _label in self.choices["years"]])
        self.count_label = QLabel()

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        for w in (self.township, self.village, self.program, self.year):
            bar.addWidget(w, 2)
        bar.addWidget(self.count_label)
        self.export_button = QPushButton(self.tr("导出Excel…"))
        self.export_button.setToolTip(self.tr("把当前筛选、排序后的全部记录导出为 Excel"))
        self.export_button.clicked.connect(self._ask_export_path)
        bar.addWidget(self.export_button)
        self.manual_button = QPushButton(self.tr("手工录入…"))
        self.manual_button.setToolTip(self.tr("按花名册模板的栏目录入一笔发放或一个人员，检查与导入相同"))
        self.manual_button.clicked.connect(self.enter_by_hand)
        bar.addWidget(self.manual_button)

        self.table = QTableView()
        self.table.setModel(self.model)
        # Indicator first: enabling sorting then asks for the order already shown (import order).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        for col, width in enumerate((120, 165, 40, 125, 95, 40, 160, 70, 60, 70, 80, 80, 90, 60, 170, 170)):
            self.table.setColumnWidth(col, width)
        self.detail = QTextBrowser()
        self.detail.setMinimumWidth(260)
        self.detail.setHtml(self.tr("<p style='color:#777'>选中一行，查看此人的全部发放和账户。</p>"))

        self.correct_button = QPushButton(self.tr("更正所选发放…"))
        self.correct_button.setEnabled(False)
        self.correct_button.clicked.connect(self.correct_selected)
        self.edit_person_button = QPushButton(self.tr("编辑人员…"))
        self.edit_person_button.clicked.connect(self.edit_person_selected)
        self.void_button = QPushButton(self.tr("作废…"))
        self.void_button.clicked.connect(self.void_selected)
        for button in (self.edit_person_button, self.void_button):
            button.setEnabled(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.correct_button)
        side_layout.addWidget(self.edit_person_button)
        side_layout.addWidget(self.void_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([960, 280])

        self.empty_hint = QLabel()
        self.empty_hint.setStyleSheet("color: #8a6d3b; padding: 4px;")
        self.empty_hint.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty_hint)
        layout.addWidget(split, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.township.currentIndexChanged.connect(self._township_changed)
        for combo in (self.village, self.program, self.year):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.model.counted.connect(self._show_count)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._sort_indicator_changed)
        self._show_count(self.model.rowCount())

    def _combo(self, everything: str, items: list[Any]) -> QComboBox:
        box = QComboBox()
        box.addItem(everything, None)
        for item in items:
            box.addItem(item[1], item[0])
        return box

    def _count(self, f: RosterFilter) -> int:
        with self.app.reader() as uow:
            return queries.count_roster(uow, self.app.actor, f)

    def _page(self, f: RosterFilter, sort: str, descending: bool, offset: int, limit: int) -> list[RosterRow]:
        with self.app.reader() as uow:
            return queries.roster_page(uow, self.app.actor, f, sort=sort, descending=descending,
                                       offset=offset, limit=limit)

    def _ask_export_path(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("导出花名册"), self.tr("花名册") + ".xlsx",
                                              "Excel (*.xlsx)")
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> None:
        """Export every row the table shows (filter and order as on screen), off the GUI thread."""
        f, sort, descending = self.model.current_filter, self.model.sort_key, self.model.descending

        def work(progress: Progress, is_cancelled: IsCancelled) -> int:
            with self.app.reader() as uow:
                return queries.export_roster(uow, self.app.actor, f, path, sort=sort, descending=descending,
                                             progress=progress, is_cancelled=is_cancelled)

        def done(count: int | None, error: BaseException | None) -> None:
            if error is not None:
                if not isinstance(error, Cancelled):
                    show_error(self, error)
                return
            self.count_label.setText(self.tr("已导出 {0} 笔到 {1}").format(f"{count:,}", path.name))

        run_with_progress(self, self.tr("正在导出…"), work, done)

    def _sort_indicator_changed(self, column: int, _order: Qt.SortOrder) -> None:
        # Columns without an index to sort by (性别, 组, 数量 …) show no arrow: the order stays as it is.
        if 0 <= column < len(COLUMNS) and COLUMNS[column].sort_key is None:
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def _township_changed(self) -> None:
        fill_villages(self.village, self.choices["villages"], self.township.currentData())
        self.apply_filter()

    def apply_filter(self) -> None:
        """Re-query with the current search text and filters."""
        year = self.year.currentData()
        self.model.set_filter(RosterFilter(
            text=self.search.text(), township_code=self.township.currentData(),
            village_code=self.village.currentData(), program_code=self.program.currentData(),
            year=int(year) if year else None))
        self._show_count(self.model.rowCount())

    def _show_count(self, rows: int) -> None:
        more = self.tr("（正在统计…）") if self.model.count_pending else ""
        self.count_label.setText(self.tr("共 {0} 笔").format(f"{rows:,}") + more)
        f = self.model.current_filter
        filtered = bool(f.text.strip() or f.township_code or f.village_code or f.program_code or f.year)
        if rows == 0 and filtered:
            self.empty_hint.setText(self.tr("没有符合条件的发放记录。请检查搜索内容，或把筛选改回“全部”。"))
        elif rows == 0:
            self.empty_hint.setText(self.tr("还没有花名册数据。请在“导入”页导入各部门、银行报来的花名册。"))
        self.empty_hint.setVisible(rows == 0)

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = selected.indexes()
        if not rows:
            return
        row = self.model.row_at(rows[0].row())
        if row is not None:
            self.selected = row
            for button in (self.correct_button, self.edit_person_button, self.void_button):
                button.setEnabled(True)
            self.show_person(row.person_uid)

    def correct_dialog(self) -> CorrectPaymentDialog | None:
        """The correction dialog for the selected payment (not shown yet)."""
        row = getattr(self, "selected", None)
        if row is None:
            return None
        title = f"{row.name}　{row.program}　{row.period}"
        return CorrectPaymentDialog(self.app, row.uid, title, self)

    def correct_selected(self) -> None:
        """Open the correction dialog; after a save the table shows the new values."""
        dialog = self.correct_dialog()
        if dialog is not None and dialog.exec():
            self.apply_filter()

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        menu = QMenu(self)
        if index.isValid():
            self.table.selectRow(index.row())
            menu.addAction(self.tr("更正所选发放…"), self.correct_selected)
            menu.addAction(self.tr("编辑人员…"), self.edit_person_selected)
            menu.addAction(self.tr("作废…"), self.void_selected)
            menu.addSeparator()
        menu.addAction(self.tr("手工录入…"), self.enter_by_hand)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def edit_person_dialog(self) -> EditPersonDialog | None:
        """The person dialog for the selected row's person (not shown yet)."""
        row = getattr(self, "selected", None)
        return None if row is None else EditPersonDialog(self.app, row.person_uid, self)

    def void_dialog(self) -> VoidRecordDialog | None:
        """The void dialog for the selected payment and its person (not shown yet)."""
        row = getattr(self, "selected", None)
        if row is None:
            return None
        return VoidRecordDialog(self.app, row.uid, row.person_uid, f"{row.name}　{row.program}　{row.period}", self)

    def manual_dialog(self) -> ManualEntryDialog:
        """The dialog for a payment or person entered by hand (not shown yet)."""
        return ManualEntryDialog(self.app, self)

    def edit_person_selected(self) -> None:
        """Edit the selected row's person; the table and the detail pane then show the change."""
        self._run(self.edit_person_dialog)

    def void_selected(self) -> None:
        """Void the selected payment or its person."""
        self._run(self.void_dialog)

    def enter_by_hand(self) -> None:
        """Enter a payment or person by hand; a note (an ID kept as written) goes to the count line."""
        dialog = self._run(self.manual_dialog)
        if isinstance(dialog, ManualEntryDialog) and dialog.entered is not None:
            self.after_entry(dialog)

    def after_entry(self, dialog: ManualEntryDialog) -> None:
        """Show what was entered: the person in the detail pane, notes beside the count."""
        assert dialog.entered is not None
        self.show_person(dialog.entered.person_uid)
        if dialog.entered.warnings:
            self.count_label.setText(self.count_label.text() + "　"
                                     + self.tr("；", "separator of sentences").join(dialog.entered.warnings))

    def _run(self, make: Callable[[], QDialog | None]) -> QDialog | None:
        """Show a dialog; after a save refresh and return it. A record gone meanwhile is a message."""
        try:
            dialog = make()
        except YktError as exc:
            show_error(self, exc)
            return None
        if dialog is None or not dialog.exec():
            return None
        self.refresh()
        return dialog

    def refresh(self) -> None:
        """Re-query the table and the selected person after a change."""
        self.apply_filter()
        row = getattr(self, "selected", None)
        if row is not None:
            self.show_person(row.person_uid)

    def show_person(self, person_uid: str) -> None:
        """Fill the detail pane with a person's payments and accounts."""
        with self.app.reader() as uow:
            detail = queries.person_detail(uow, self.app.actor, person_uid)
        if detail is None:
            return
        self.detail.setHtml(person_html(detail))


def person_html(detail: dict[str, Any]) -> str:
    """The detail pane's HTML for one person."""
    p = detail["person"]
    e = html.escape
    bad_id = e(QCoreApplication.translate("RosterPage", "（身份证号校验不通过）"))
    valid = "" if p["id_valid"] else f" <span style='color:#c00'>{bad_id}</span>"
    accounts = e(QCoreApplication.translate("RosterPage", "银行账户"))
    lines = [
        f"<h3>{e(p['name'])}</h3>",
        QCoreApplication.translate(
            "RosterPage", "<p>身份证号：{0}{1}<br>性别：{2}　民族：{3}<br>出生日期：{4}<br>村(社区)：{5}"
                          "<br>户：{6}　户主：{7}</p>").format(
            e(p["id_number"]), valid, e(p["sex"] or ""), e(p["ethnicity"] or ""), p["birth_date"] or "",
            e(p["village"] or ""), e(p["hh_key"] or ""), e(p["head_name"] or "")),
        f"<p><b>{accounts}</b></p><table border='1' cellspacing='0' cellpadding='3'>",
        QCoreApplication.translate("RosterPage",
                                   "<tr><th>代发银行</th><th>账号</th><th>笔数</th><th>金额(元)</th></tr>"),
    ]
    for a in detail["accounts"]:
        lines.append(f"<tr><td>{e(a['bank'])}</td><td>{e(a['number'])}</td><td align='right'>{a['payments']}</td>"
                     f"<td align='right'>{format_yuan(int(a['paid'] or 0))}</td></tr>")
    payments = e(QCoreApplication.translate("RosterPage", "发放记录"))
    lines.append(f"</table><p><b>{payments}</b></p><table border='1' cellspacing='0' cellpadding='3'>")
    lines.append(QCoreApplication.translate(
        "RosterPage", "<tr><th>项目</th><th>期间</th><th>实发(元)</th><th>日期</th><th>方式</th></tr>"))
    for pay in detail["payments"]:
        style = " style='color:#999;text-decoration:line-through'" if pay["voided"] else ""
        paid = "" if pay["paid_fen"] is None else format_yuan(pay["paid_fen"])
        lines.append(f"<tr{style}><td>{e(pay['program'])}</td><td>{e(pay['period_label'])}</td>"
                     f"<td align='right'>{paid}</td><td>{pay['paid_date'] or ''}</td>"
                     f"<td>{e(term(METHODS.get(pay['method'], pay['method']) or ''))}</td></tr>")
    lines.append("</table>")
    if detail.get("lists"):
        in_lists = e(QCoreApplication.translate("RosterPage", "名单中的记录"))
        lines.append(f"<p><b>{in_lists}</b></p><table border='1' cellspacing='0' cellpadding='3'>")
        lines.append(QCoreApplication.translate("RosterPage", "<tr><th>名单</th><th>内容</th></tr>"))
        lines.extend(f"<tr><td>{e(term(kind))}</td><td>{e(fact)}</td></tr>" for kind, fact in detail["lists"])
        lines.append("</table>")
    return "".join(lines)
