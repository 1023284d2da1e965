"""The 举报 table: one row per complaint; who complained only for the discipline role (SPEC §9)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.models.problems_model import OVERDUE_COLOUR
from yikatong_desktop.gui.models.titled_table import TitledTableModel
from yikatong_desktop.services.complaints import WITHHELD, Complaint

Index = QModelIndex | QPersistentModelIndex


def _tr(text: object) -> str:
    """A text marked with QT_TRANSLATE_NOOP("ComplaintsModel", …) (an `object` to mypy), in the interface language."""
    return QCoreApplication.translate("ComplaintsModel", str(text))


def complainant_text(c: Complaint) -> str:
    """匿名, 仅纪检人员可见 (withheld from this reader), or the name."""
    if c.anonymous or not c.complainant:
        return QCoreApplication.translate("ComplaintsModel", "匿名")
    if c.complainant == WITHHELD:
        return QCoreApplication.translate("ComplaintsModel", "仅纪检人员可见")
    return c.complainant


def _state(c: Complaint, today: date) -> str:
    return term(c.state_label) + (QCoreApplication.translate("ComplaintsModel", "·逾期") if c.overdue(today) else "")


COLUMNS: tuple[tuple[object, Callable[[Complaint, date], str]], ...] = (
    (QT_TRANSLATE_NOOP("ComplaintsModel", "编号"), lambda c, _d: c.number),
    (QT_TRANSLATE_NOOP("ComplaintsModel", "受理日期"), lambda c, _d: c.received_on.isoformat()),
    (QT_TRANSLATE_NOOP("ComplaintsModel", "渠道"), lambda c, _d: term(c.channel)),
    (QT_TRANSLATE_NOOP("ComplaintsModel", "举报人"), lambda c, _d: complainant_text(c)),
    (QT_TRANSLATE_NOOP("ComplaintsModel", "内容"), lambda c, _d: c.content),
    (QT_TRANSLATE_NOOP("ComplaintsModel", "状态"), _state),
    (QT_TRANSLATE_NOOP("ComplaintsModel", "关联问题"), lambda c, _d: c.problem_number or ""),
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
