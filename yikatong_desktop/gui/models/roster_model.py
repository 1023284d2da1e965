"""The 花名册 table model: a count plus pages of rows fetched as the view needs them.

Like Anki's browser model it keeps only a bounded cache; rows arrive in pages
of PAGE_SIZE from services.queries (deferred-join windows in SQL), so jumping
to row 900,000 of a million costs one small query, not a million rows.

The first page is shown before the rows are counted: the count runs on the
thread pool and then extends the table (bench/roster_model.py).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.models.titled_table import TitledTableModel
from yikatong_desktop.gui.tasks import run_task
from yikatong_desktop.services.queries import RosterFilter, RosterRow
from yikatong_desktop.services.roster_columns import COLUMNS, METHODS, Column

__all__ = ["COLUMNS", "METHODS", "PAGE_SIZE", "Column", "RosterModel"]

log = logging.getLogger("yikatong.gui")
PAGE_SIZE = 50
MAX_CACHED_PAGES = 64
Index = QModelIndex | QPersistentModelIndex

#: The titles of services.roster_columns.COLUMNS, marked here for lupdate; translated at use (`_tr`).
_TITLES = (
    QT_TRANSLATE_NOOP("RosterModel", "姓名"), QT_TRANSLATE_NOOP("RosterModel", "身份证号"),
    QT_TRANSLATE_NOOP("RosterModel", "性别"), QT_TRANSLATE_NOOP("RosterModel", "乡镇"),
    QT_TRANSLATE_NOOP("RosterModel", "村(社区)"), QT_TRANSLATE_NOOP("RosterModel", "组"),
    QT_TRANSLATE_NOOP("RosterModel", "补贴项目"), QT_TRANSLATE_NOOP("RosterModel", "期间"),
    QT_TRANSLATE_NOOP("RosterModel", "数量"), QT_TRANSLATE_NOOP("RosterModel", "标准(元)"),
    QT_TRANSLATE_NOOP("RosterModel", "应发(元)"), QT_TRANSLATE_NOOP("RosterModel", "实发(元)"),
    QT_TRANSLATE_NOOP("RosterModel", "发放日期"), QT_TRANSLATE_NOOP("RosterModel", "方式"),
    QT_TRANSLATE_NOOP("RosterModel", "代发银行"), QT_TRANSLATE_NOOP("RosterModel", "银行账号"),
)
#: The 方式 column shows a payment method (一卡通, 现金, 其他): a word of the domain, shown through term().
_METHOD = next(i for i, c in enumerate(COLUMNS) if c.title == "方式")


def _tr(text: str) -> str:
    return QCoreApplication.translate("RosterModel", text)


_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ALIGNMENTS = tuple(
    int(((Qt.AlignmentFlag.AlignRight if c.align_right else Qt.AlignmentFlag.AlignLeft)
         | Qt.AlignmentFlag.AlignVCenter).value)
    for c in COLUMNS
)

CountFn = Callable[[RosterFilter], int]
PageFn = Callable[[RosterFilter, str, bool, int, int], Sequence[RosterRow]]


class RosterModel(TitledTableModel):
    """Lazy, sortable, filterable view of live payments joined with persons."""

    #: Emitted with the total once the rows of the current filter are counted.
    counted = Signal(int)

    def __init__(self, count: CountFn, page: PageFn, parent: Any = None) -> None:
        super().__init__(parent)
        self._count_fn = count
        self._page_fn = page
        self._filter = RosterFilter()
        self._sort = "default"
        self._descending = False
        self._rows = 0
        self._pages: OrderedDict[int, Sequence[RosterRow]] = OrderedDict()
        self._cells: dict[int, list[tuple[str, ...] | None]] = {}
        self._titles = tuple(_tr(c.title) for c in COLUMNS)
        self._generation = 0
        self._count_pending = False
        self.pages_fetched = 0
        self.reload()

    # -- Qt model interface ---------------------------------------------
    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # Called for every visible cell and role on each paint: roles are plain ints
        # and a row's texts are formatted once, then served from a tuple.
        if role == _DISPLAY or role == _TOOLTIP:
            column = index.column()
            cells = self.cells_at(index.row())
            return None if cells is None or not 0 <= column < len(cells) else cells[column]
        if role == _ALIGN:
            column = index.column()
            return _ALIGNMENTS[column] if 0 <= column < len(_ALIGNMENTS) else None
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column].sort_key if 0 <= column < len(COLUMNS) else None
        sort, descending = key or "default", order == Qt.SortOrder.DescendingOrder and key is not None
        if (sort, descending) == (self._sort, self._descending):
            return
        self._sort, self._descending = sort, descending
        # Sorting never changes how many rows there are: drop the pages, keep the count.
        self.beginResetModel()
        self._pages.clear()
        self._cells.clear()
        self.endResetModel()

    # -- our interface ----------------------------------------------------
    def set_filter(self, f: RosterFilter) -> None:
        """Show the rows matching a filter (counted and paged in SQL)."""
        self._filter = f
        self.reload()

    @property
    def sort_key(self) -> str:
        """The SQL sort in effect ("default" = import order)."""
        return self._sort

    @property
    def descending(self) -> bool:
        """Whether the sort is descending."""
        return self._descending

    @property
    def current_filter(self) -> RosterFilter:
        """The filter in effect."""
        return self._filter

    def reload(self) -> None:
        """Show the first page of the current filter now; count the rest right after."""
        self._generation += 1
        self.beginResetModel()
        self._pages.clear()
        self._cells.clear()
        first = self._fetch(0)
        self._rows = len(first)
        self._count_pending = len(first) == PAGE_SIZE
        self.endResetModel()
        if self._count_pending:
            generation, f = self._generation, self._filter
            run_task(lambda: self._count_fn(f), lambda total, error: self._finish_count(generation, total, error),
                     owner=self)
        else:
            self.counted.emit(self._rows)

    @property
    def count_pending(self) -> bool:
        """True between the first paint and the end of the count."""
        return self._count_pending

    def ensure_counted(self) -> int:
        """Count now if the count is still pending; returns the number of rows."""
        if self._count_pending:
            self._finish_count(self._generation, self._count_fn(self._filter), None)
        return self._rows

    def _finish_count(self, generation: int, total: int | None, error: BaseException | None) -> None:
        if generation != self._generation or not self._count_pending:
            return  # a newer filter replaced this one, or the count was already taken
        self._count_pending = False
        if error is not None or total is None:
            log.warning("roster count failed; showing the rows fetched so far", exc_info=error)
            self.counted.emit(self._rows)
            return
        if total > self._rows:
            self.beginInsertRows(QModelIndex(), self._rows, total - 1)
            self._rows = total
            self.endInsertRows()
        elif total < self._rows:  # rows vanished between the page and the count
            self.beginResetModel()
            self._pages.clear()
            self._cells.clear()
            self._rows = total
            self.endResetModel()
        self.counted.emit(self._rows)

    def _fetch(self, number: int) -> Sequence[RosterRow]:
        page = self._page_fn(self._filter, self._sort, self._descending, number * PAGE_SIZE, PAGE_SIZE)
        self.pages_fetched += 1
        self._pages[number] = page
        self._cells[number] = [None] * len(page)
        while len(self._pages) > MAX_CACHED_PAGES:
            dropped, _ = self._pages.popitem(last=False)
            self._cells.pop(dropped, None)
        return page

    def cells_at(self, row: int) -> tuple[str, ...] | None:
        """The display texts of a row, formatted once per fetched page."""
        item = self.row_at(row)
        if item is None:
            return None
        number, offset = divmod(row, PAGE_SIZE)
        cached = self._cells[number]
        texts = cached[offset]
        if texts is None:
            texts = tuple(col.value(item) for col in COLUMNS)
            if texts[_METHOD]:
                texts = (*texts[:_METHOD], term(texts[_METHOD]), *texts[_METHOD + 1:])
            cached[offset] = texts
        return texts

    def row_at(self, row: int) -> RosterRow | None:
        """The row object at a position, fetching its page if needed."""
        if not 0 <= row < self._rows:
            return None
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self._fetch(number)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None

    @property
    def cached_pages(self) -> int:
        """How many pages are held in memory."""
        return len(self._pages)
