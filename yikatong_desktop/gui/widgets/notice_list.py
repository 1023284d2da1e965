"""The 公示 made (已制作的公示): filters, the table and the buttons for the chosen notice.

The page does what the buttons ask; this widget only shows the notices and says which one is chosen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.domain.messages import message
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.models.notices_model import NoticesModel, SortProxy
from yikatong_desktop.services.notices import Notice

#: A notice's statuses (Notice.status, compared in Chinese; shown through term()).
STATUS_FILTERS = ("未张贴", "公示中", "公示期满")


class NoticeList(QWidget):
    """Notices of the township (or the chosen village), newest first; `changed` when the filters change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.only_village = QCheckBox(self.tr("只看所选村"))
        self.only_village.toggled.connect(lambda _on: self.changed.emit())
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("全部状态"), None)
        for s in STATUS_FILTERS:
            self.status_filter.addItem(term(s), s)
        self.status_filter.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.count_label = QLabel()
        self.model = NoticesModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the newest first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        for col, width in enumerate((98, 96, 150, 66, 150, 48, 90, 70, 84, 40)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.table.setToolTip(self.tr("双击一份公示，在上面查看它打印出来的样子"))
        self.post_button = QPushButton(self.tr("登记张贴…"))
        self.post_button.setToolTip(self.tr("登记公示张贴的日期、张贴人，可附现场照片"))
        self.objection_button = QPushButton(self.tr("登记异议…"))
        self.objection_button.setToolTip(self.tr("公示期内收到的异议：登记为“公示异议”举报，在“举报”页跟进"))
        self.reprint_button = QPushButton(self.tr("重新打印/导出"))
        self.reprint_menu = QMenu(self.reprint_button)
        self.preview_action = self.reprint_menu.addAction(self.tr("在上面预览"))
        self.pdf_action = self.reprint_menu.addAction(self.tr("导出 PDF…"))
        self.xlsx_action = self.reprint_menu.addAction(self.tr("导出 Excel…"))
        self.print_action = self.reprint_menu.addAction(self.tr("打印…"))
        self.reprint_button.setMenu(self.reprint_menu)
        self.reprint_button.setToolTip(self.tr("重印的公示与原来的完全一样：同一编号、同一指纹、同样的名单"))
        self.check_button = QPushButton(self.tr("核对…"))
        self.check_button.setToolTip(self.tr("输入纸面公示上的指纹，核对它与系统记录是否相符"))
        self.may_register, self.why_not = True, ""
        filters = QHBoxLayout()
        filters.addWidget(self.only_village)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.count_label, 1)
        for b in (self.post_button, self.objection_button, self.reprint_button, self.check_button):
            filters.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.update_buttons()

    def set_may_register(self, may: bool, why: str) -> None:
        """Whether 登记张贴 and 登记异议 are offered (and, when not, the tooltip saying why)."""
        self.may_register, self.why_not = may, why
        if not may:
            for b in (self.post_button, self.objection_button):
                b.setToolTip(why)
        self.update_buttons()

    def show_notices(self, rows: Sequence[Notice], day: date, program_names: Mapping[str, str]) -> None:
        """Show the notices that pass the status filter, counting all of them; the chosen one stays chosen."""
        keep = self.current()
        counts = {s: sum(n.status(day) == s for n in rows) for s in STATUS_FILTERS}
        self.count_label.setText(message("notice.count", count=len(rows), unposted=counts["未张贴"],
                                         running=counts["公示中"], over=counts["公示期满"]))
        wanted = self.status_filter.currentData()
        self.model.set_rows([n for n in rows if wanted is None or n.status(day) == wanted], day, program_names)
        if keep is not None:
            self.select(keep.uid)
        self.update_buttons()

    def current(self) -> Notice | None:
        """The notice selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(self.proxy.mapToSource(rows[0]).row()) if rows else None

    def select(self, uid: str) -> None:
        """Select a notice by uid (when it is listed)."""
        row = self.model.row_of(uid)
        if row >= 0:
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())

    def shown(self) -> list[Notice]:
        """The notices in the order shown."""
        out = []
        for r in range(self.proxy.rowCount()):
            n = self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            if n is not None:
                out.append(n)
        return out

    def update_buttons(self) -> None:
        chosen = self.current() is not None
        for b in (self.reprint_button, self.check_button):
            b.setEnabled(chosen)
        for b in (self.post_button, self.objection_button):
            b.setEnabled(chosen and self.may_register)
