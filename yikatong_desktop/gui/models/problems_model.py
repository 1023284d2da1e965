"""The 问题台账 table: one row per problem, overdue rows in red.

A township's ledger holds tens to a few thousand problems, read whole by
services.ledger.list_problems (filtered there), so the model keeps the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.models.titled_table import TitledTableModel
from yikatong_desktop.services.ledger import Problem

Index = QModelIndex | QPersistentModelIndex
OVERDUE_COLOUR = "#c00000"


def _tr(text: object) -> str:
    """A text marked with QT_TRANSLATE_NOOP("ProblemsModel", …) (an `object` to mypy), in the interface language."""
    return QCoreApplication.translate("ProblemsModel", str(text))


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def _state(p: Problem, today: date) -> str:
    return term(p.state_label) + (QCoreApplication.translate("ProblemsModel", "·逾期") if p.overdue(today) else "")


COLUMNS: tuple[tuple[object, Callable[[Problem, date], str]], ...] = (
    (QT_TRANSLATE_NOOP("ProblemsModel", "编号"), lambda p, _d: p.number),
    (QT_TRANSLATE_NOOP("ProblemsModel", "整治内容"), lambda p, _d: p.category),
    (QT_TRANSLATE_NOOP("ProblemsModel", "问题描述"), lambda p, _d: p.description),
    (QT_TRANSLATE_NOOP("ProblemsModel", "单位"), lambda p, _d: p.org_name or p.org_code or ""),
    (QT_TRANSLATE_NOOP("ProblemsModel", "项目"), lambda p, _d: p.program_name or ""),
    (QT_TRANSLATE_NOOP("ProblemsModel", "涉及金额(元)"), lambda p, _d: format_yuan(p.amount_fen)),
    (QT_TRANSLATE_NOOP("ProblemsModel", "已追回(元)"), lambda p, _d: format_yuan(p.recovered_fen)),
    (QT_TRANSLATE_NOOP("ProblemsModel", "整改期限"), lambda p, _d: _day(p.deadline)),
    (QT_TRANSLATE_NOOP("ProblemsModel", "状态"), _state),
    (QT_TRANSLATE_NOOP("ProblemsModel", "登记人"), lambda p, _d: p.registered_by),
)
AMOUNT_COLUMNS = (5, 6)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


class ProblemsModel(TitledTableModel):
    """Problems as the ledger page lists them; `today` (the injected clock's) decides what is overdue."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Problem] = []
        self._today = date.min
        self._titles = tuple(_tr(title) for title, _ in COLUMNS)

    def set_rows(self, problems: Sequence[Problem], today: date) -> None:
        """Show these problems as of `today`."""
        self.beginResetModel()
        self._items = list(problems)
        self._rows = len(self._items)
        self._today = today
        self.endResetModel()

    @property
    def today(self) -> date:
        """The day overdue is judged on."""
        return self._today

    def row_at(self, row: int) -> Problem | None:
        """The problem at a position."""
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, uid: str) -> int:
        """The position of a problem, or -1."""
        return next((i for i, p in enumerate(self._items) if p.uid == uid), -1)

    def problems(self) -> list[Problem]:
        """Every problem shown, in table order."""
        return list(self._items)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        p = self.row_at(index.row()) if index.isValid() else None
        column = index.column()
        if p is None or not 0 <= column < len(COLUMNS):
            return None
        if role == _DISPLAY:
            return COLUMNS[column][1](p, self._today)
        if role == _TOOLTIP:
            if column != 1:
                return p.description
            return f"{p.category} {term(p.category_title)}" if p.category_title else p.category
        if role == _ALIGN and column in AMOUNT_COLUMNS:
            return _RIGHT
        if role == _FOREGROUND and p.overdue(self._today):
            return QColor(OVERDUE_COLOUR)
        return None
