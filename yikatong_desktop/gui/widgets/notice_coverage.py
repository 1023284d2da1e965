"""各村公示情况: for a township (and program, period), each village's payments and whether a posted 公示 covers them.

Rows still 无公示 or 未张贴 (SPEC §6 NOT_PUBLICISED) are highlighted and sort first; a double-click on one
fills the 制作公示 form with its village, program and period.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.domain.messages import message
from yikatong_desktop.gui.models.notices_model import STATUS_COLUMN, CoverageModel, SortProxy
from yikatong_desktop.services.notices import Coverage


class CoveragePanel(QWidget):
    """The coverage table with its scope and counts; `chosen(village, program, period)` on a double-click."""

    chosen = Signal(str, str, str)
    refresh_asked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scope_label = QLabel()
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.only_flagged = QCheckBox(self.tr("只看未公示完整的"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.refresh_button.clicked.connect(self.refresh_asked.emit)
        self.model = CoverageModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.only_flagged.toggled.connect(self.proxy.set_only_flagged)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        for col, width in enumerate((130, 260, 80, 80, 90, 80, 90)):
            self.table.setColumnWidth(col, width)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setToolTip(self.tr("双击一行，用它的村、项目和期间填写上面的“制作公示”"))
        self.table.doubleClicked.connect(self._double_clicked)
        top = QHBoxLayout()
        top.addWidget(self.scope_label)
        top.addWidget(self.count_label, 1)
        top.addWidget(self.only_flagged)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

    def show_rows(self, rows: Sequence[Coverage], scope: str) -> None:
        """Show coverage rows for a scope (乡镇 · 项目 · 期间), those needing work first."""
        self.model.set_rows(rows)
        self.table.sortByColumn(STATUS_COLUMN, Qt.SortOrder.AscendingOrder)
        self.scope_label.setText(self.tr("范围：{0}").format(scope))
        counts = Counter(c.status for c in rows)
        self.count_label.setText(message("notice.coverage_count", count=len(rows), none=counts["无公示"],
                                         unposted=counts["未张贴"], partly=counts["部分公示"],
                                         late=counts["张贴过晚"], done=counts["已公示"]))

    def shown(self) -> list[Coverage]:
        """The rows in the order (and filter) shown."""
        out = []
        for r in range(self.proxy.rowCount()):
            c = self.model.row_at(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
            if c is not None:
                out.append(c)
        return out

    def _double_clicked(self, index: QModelIndex) -> None:
        c = self.model.row_at(self.proxy.mapToSource(index).row())
        if c is not None:
            self.chosen.emit(c.village_code, c.program_code, c.period_label)
