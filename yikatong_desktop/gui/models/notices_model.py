"""The 公示 page's tables: the notices made, and each village's 公示 coverage (SPEC §7).

A township has a few hundred notices and coverage rows at most, read whole by the services
(filtered there), so each model keeps its list. Both sort through `SortProxy`: numbers and dates by
value, Chinese names by pinyin (QCollator), statuses by how much they need doing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCollator,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.models.titled_table import TitledTableModel
from yikatong_desktop.services import notices
from yikatong_desktop.services.notices import Coverage, Notice

Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_FONT = int(Qt.ItemDataRole.FontRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
#: The value a column sorts by (a number, a date's ISO text or a name).
SORT_ROLE = int(Qt.ItemDataRole.UserRole.value) + 1
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

#: Coverage that needs doing: highlighted, and first when sorted by status.
UNPUBLICISED = ("无公示", "未张贴", "张贴过晚")  # NOT_PUBLICISED fires on these: highlighted
COVERAGE_ORDER = {status: i for i, status in enumerate(notices.COVERAGE_STATUSES)}
NOTICE_ORDER = {"未张贴": 0, "公示中": 1, "公示期满": 2}
HIGHLIGHT = "#fde2e2"
NOT_POSTED_COLOUR = "#c00000"


def _tr(text: object) -> str:
    """A text marked with QT_TRANSLATE_NOOP("NoticesModel", …) (an `object` to mypy), in the interface language."""
    return QCoreApplication.translate("NoticesModel", str(text))


def _list(names: Iterable[str]) -> str:
    return QCoreApplication.translate("NoticesModel", "、", "separator of a list").join(names)


def _span(n: Notice) -> str:
    end = n.end_on.strftime("%m-%d") if n.end_on.year == n.start_on.year else n.end_on.isoformat()
    return QCoreApplication.translate("NoticesModel", "{0}～{1}", "a span of days").format(n.start_on.isoformat(), end)


#: (title, shown text, sort value, right-aligned) per column of the notices table.
NoticeColumn = tuple[object, Callable[[Notice, date, Mapping[str, str]], str],
                     Callable[[Notice, date], Any], bool]
NOTICE_COLUMNS: tuple[NoticeColumn, ...] = (
    (QT_TRANSLATE_NOOP("NoticesModel", "编号"), lambda n, _d, _p: n.number, lambda n, _d: n.number, False),
    (QT_TRANSLATE_NOOP("NoticesModel", "村"), lambda n, _d, _p: n.village_name, lambda n, _d: n.village_name, False),
    (QT_TRANSLATE_NOOP("NoticesModel", "项目"), lambda n, _d, p: _list(p.get(c, c) for c in n.programs),
     lambda n, _d: ",".join(n.programs), False),
    (QT_TRANSLATE_NOOP("NoticesModel", "期间"), lambda n, _d, _p: n.period_label, lambda n, _d: n.period_label, False),
    (QT_TRANSLATE_NOOP("NoticesModel", "公示期"), lambda n, _d, _p: _span(n), lambda n, _d: n.start_on.isoformat(),
     False),
    (QT_TRANSLATE_NOOP("NoticesModel", "行数"), lambda n, _d, _p: str(n.row_count), lambda n, _d: n.row_count, True),
    (QT_TRANSLATE_NOOP("NoticesModel", "金额(元)"), lambda n, _d, _p: format_yuan(n.total_fen),
     lambda n, _d: n.total_fen, True),
    (QT_TRANSLATE_NOOP("NoticesModel", "状态"), lambda n, d, _p: term(n.status(d)),
     lambda n, d: NOTICE_ORDER.get(n.status(d), 9), False),
    (QT_TRANSLATE_NOOP("NoticesModel", "张贴日期"), lambda n, _d, _p: n.posted_on.isoformat() if n.posted_on else "",
     lambda n, _d: n.posted_on.isoformat() if n.posted_on else "", False),
    (QT_TRANSLATE_NOOP("NoticesModel", "异议"), lambda n, _d, _p: str(n.objection_count) if n.objection_count else "",
     lambda n, _d: n.objection_count, True),
)


class NoticesModel(TitledTableModel):
    """Notices as listed, with their status as of the installation's today; 未张贴 in red."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Notice] = []
        self._today = date.min
        self._programs: Mapping[str, str] = {}
        self._titles = tuple(_tr(t) for t, *_ in NOTICE_COLUMNS)

    def set_rows(self, items: Sequence[Notice], today: date, program_names: Mapping[str, str]) -> None:
        """Show these notices as of `today`; program codes shown by name."""
        self.beginResetModel()
        self._items, self._rows = list(items), len(items)
        self._today, self._programs = today, program_names
        self.endResetModel()

    def row_at(self, row: int) -> Notice | None:
        """The notice at a (source) position."""
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, uid: str) -> int:
        """The (source) position of a notice, or -1."""
        return next((i for i, n in enumerate(self._items) if n.uid == uid), -1)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        n = self.row_at(index.row()) if index.isValid() else None
        if n is None or not 0 <= index.column() < len(NOTICE_COLUMNS):
            return None
        _title, shown, sort, right = NOTICE_COLUMNS[index.column()]
        if role == _DISPLAY:
            return shown(n, self._today, self._programs)
        if role == SORT_ROLE:
            return sort(n, self._today)
        if role == _ALIGN and right:
            return _RIGHT
        if role == _TOOLTIP:
            return n.title
        if role == _FOREGROUND and n.posted_on is None:
            return QColor(NOT_POSTED_COLOUR)
        return None


CoverageColumn = tuple[object, Callable[[Coverage], str], Callable[[Coverage], Any], bool]
COVERAGE_COLUMNS: tuple[CoverageColumn, ...] = (
    (QT_TRANSLATE_NOOP("NoticesModel", "村"), lambda c: c.village_name, lambda c: c.village_name, False),
    (QT_TRANSLATE_NOOP("NoticesModel", "补贴项目"), lambda c: c.program_name, lambda c: c.program_name, False),
    (QT_TRANSLATE_NOOP("NoticesModel", "期间"), lambda c: c.period_label, lambda c: c.period_label, False),
    (QT_TRANSLATE_NOOP("NoticesModel", "发放笔数"), lambda c: str(c.payments), lambda c: c.payments, True),
    (QT_TRANSLATE_NOOP("NoticesModel", "已列入公示"), lambda c: str(c.noticed), lambda c: c.noticed, True),
    (QT_TRANSLATE_NOOP("NoticesModel", "已张贴"), lambda c: str(c.posted), lambda c: c.posted, True),
    (QT_TRANSLATE_NOOP("NoticesModel", "状态"), lambda c: term(c.status), lambda c: COVERAGE_ORDER.get(c.status, 9),
     False),
)
STATUS_COLUMN = len(COVERAGE_COLUMNS) - 1


class CoverageModel(TitledTableModel):
    """Per village, program and period: the payments, how many are on a notice, a posted one."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[Coverage] = []
        self._titles = tuple(_tr(t) for t, *_ in COVERAGE_COLUMNS)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, items: Sequence[Coverage]) -> None:
        self.beginResetModel()
        self._items, self._rows = list(items), len(items)
        self.endResetModel()

    def row_at(self, row: int) -> Coverage | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list[Coverage]:
        return list(self._items)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        c = self.row_at(index.row()) if index.isValid() else None
        if c is None or not 0 <= index.column() < len(COVERAGE_COLUMNS):
            return None
        _title, shown, sort, right = COVERAGE_COLUMNS[index.column()]
        if role == _DISPLAY:
            return shown(c)
        if role == SORT_ROLE:
            return sort(c)
        if role == _ALIGN and right:
            return _RIGHT
        flagged = c.status in UNPUBLICISED
        if role == _BACKGROUND and flagged:
            return QColor(HIGHLIGHT)
        if role == _FONT and flagged:
            return self._bold
        if role == _TOOLTIP and flagged:
            return QCoreApplication.translate(
                "NoticesModel", "这些发放没有张贴公示（SPEC 整治内容 1.4）：请制作并张贴公示，登记张贴日期。")
        return None


class SortProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE: text by pinyin, numbers by value; `only_flagged` keeps coverage needing work."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self._collator.setNumericMode(True)
        self.only_flagged = False

    def set_only_flagged(self, on: bool) -> None:
        self.beginFilterChange()
        self.only_flagged = on
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if not self.only_flagged:
            return True
        model = self.sourceModel()
        return isinstance(model, CoverageModel) and (c := model.row_at(source_row)) is not None \
            and c.status != "已公示"

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if isinstance(a, str) and isinstance(b, str):
            return bool(self._collator.compare(a, b) < 0)
        if isinstance(a, int | float) and isinstance(b, int | float):
            return a < b
        return str(a) < str(b)
