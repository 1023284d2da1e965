"""The 举报 table: one row per complaint; who complained only for the discipline role (SPEC §9)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from yikatong_desktop.gui.models.problems_model import OVERDUE_COLOUR
from yikatong_desktop.gui.models.titled_table import TitledTableModel
from yikatong_desktop.services.complaints import WITHHELD, Complaint

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("ComplaintsModel", text)


def complainant_text(c: Complaint) -> str:
    """匿名, 仅纪检人员可见 (withheld from this reader), or the name."""
    if c.anonymous or not c.complainant:
        return _tr("匿名")
    if c.complainant == WITHHELD:
        return _tr("仅纪检人员可见")
    return c.complainant


def _state(c: Complaint, today: date) -> str:
    return c.state_label + (_tr("·逾期") if c.overdue(today) else "")


COLUMNS: tuple[tuple[str, Callable[[Complaint, date], str]], ...] = (
    ("编号", lambda c, _d: c.number),
    ("受理日期", lambda c, _d: c.received_on.isoformat()),
    ("渠道", lambda c, _d: c.channel),
    ("举报人", lambda c, _d: complainant_text(c)),
    ("内容", lambda c, _d: c.content),
    ("状态", _state),
    ("关联问题", lambda c, _d: c.problem_number or ""),
)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_COMPLAINANT = 3


class ComplaintsModel(TitledTableModel):
    """Complaints as the page lists them, overdue ones in red."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Complaint] = []
        self._today = date.min
        self._titles = tuple(_tr(title) for title, _ in COLUMNS)

    def set_rows(self, items: Sequence[Complaint], today: date) -> None:
        """Show these complaints as of `today`."""
        self.beginResetModel()
        self._items = list(items)
        self._rows = len(self._items)
        self._today = today
        self.endResetModel()

    def row_at(self, row: int) -> Complaint | None:
        """The complaint at a position."""
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, uid: str) -> int:
        """The position of a complaint, or -1."""
        return next((i for i, c in enumerate(self._items) if c.uid == uid), -1)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        c = self.row_at(index.row()) if index.isValid() else None
        column = index.column()
        if c is None or not 0 <= column < len(COLUMNS):
            return None
        if role == _DISPLAY:
            return COLUMNS[column][1](c, self._today)
        if role == _TOOLTIP:
            return c.content
        if role == _FOREGROUND:
            if c.overdue(self._today):
                return QColor(OVERDUE_COLOUR)
            if column == _COMPLAINANT and c.complainant == WITHHELD:
                return QColor("#777777")
        return None
