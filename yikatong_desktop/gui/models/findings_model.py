"""The findings table model: a count plus pages of findings fetched as the view needs them.

A county's merged data can hold tens of thousands of findings, so like the
花名册 model it keeps only a bounded cache of pages from services.findings; the
order is the service's (rule, then most at stake first).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.rules import SEVERITY_LABELS, STATUS_LABELS, FindingStatus, Severity
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.models.titled_table import TitledTableModel
from yikatong_desktop.services.checks.texts import period_text
from yikatong_desktop.services.findings import Finding

PAGE_SIZE = 100
MAX_CACHED_PAGES = 32
Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("FindingsModel", text)


@dataclass(frozen=True)
class FindingFilter:
    """What the findings table shows: rules, org (code, with everything below), states."""

    rules: tuple[str, ...] = ()
    org: str | None = None
    statuses: tuple[str, ...] = field(default=())


#: Titles marked for lupdate (QT_TRANSLATE_NOOP gives `object` to mypy; str() where translated).
COLUMNS: tuple[tuple[object, Callable[[Finding], str]], ...] = (
    (QT_TRANSLATE_NOOP("FindingsModel", "编号"), lambda f: f.uid[:8]),
    (QT_TRANSLATE_NOOP("FindingsModel", "问题"), lambda f: term(f.title)),
    (QT_TRANSLATE_NOOP("FindingsModel", "风险"), lambda f: term(SEVERITY_LABELS[Severity(f.severity)])),
    (QT_TRANSLATE_NOOP("FindingsModel", "状态"), lambda f: term(STATUS_LABELS[FindingStatus(f.status)])),
    (QT_TRANSLATE_NOOP("FindingsModel", "姓名"), lambda f: f.name or ""),
    (QT_TRANSLATE_NOOP("FindingsModel", "身份证号"), lambda f: f.id_number or ""),
    (QT_TRANSLATE_NOOP("FindingsModel", "补贴项目"), lambda f: f.program or ""),
    (QT_TRANSLATE_NOOP("FindingsModel", "期间"), lambda f: period_text(f.period)),
    (QT_TRANSLATE_NOOP("FindingsModel", "村(社区)/单位"), lambda f: f.village or f.org_code or ""),
    (QT_TRANSLATE_NOOP("FindingsModel", "金额(元)"), lambda f: format_yuan(f.amount_fen)),
)
_AMOUNT = len(COLUMNS) - 1
_STATUS = 3
_STATUS_COLOURS = {FindingStatus.OPEN.value: "#b25900", FindingStatus.CONFIRMED.value: "#c00000",
                   FindingStatus.DISMISSED.value: "#3c763d", FindingStatus.RESOLVED.value: "#777777"}
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)

CountFn = Callable[[FindingFilter], int]
PageFn = Callable[[FindingFilter, int, int], Sequence[Finding]]


class FindingsModel(TitledTableModel):
    """Lazy, filterable view of findings; rows are Finding objects."""

    def __init__(self, count: CountFn, page: PageFn, parent: Any = None) -> None:
        super().__init__(parent)
        self._count_fn, self._page_fn = count, page
        self._filter = FindingFilter()
        self._rows = 0
        self._pages: OrderedDict[int, Sequence[Finding]] = OrderedDict()
        self._titles = tuple(_tr(str(title)) for title, _ in COLUMNS)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        column = index.column()
        if not 0 <= column < len(COLUMNS):
            return None
        if role in (_DISPLAY, _TOOLTIP):
            item = self.row_at(index.row())
            if item is None:
                return None
            if role == _TOOLTIP and column != 1:
                return item.explanation
            return COLUMNS[column][1](item)
        if role == _ALIGN and column == _AMOUNT:
            return _RIGHT
        if role == _FOREGROUND and column == _STATUS:
            item = self.row_at(index.row())
            return None if item is None else QColor(_STATUS_COLOURS.get(item.status, "#000000"))
        return None

    @property
    def current_filter(self) -> FindingFilter:
        """The filter in effect."""
        return self._filter

    def set_filter(self, f: FindingFilter) -> None:
        """Show the findings matching a filter."""
        self._filter = f
        self.reload()

    def reload(self) -> None:
        """Count again and drop every cached page (after a run or a decision)."""
        self.beginResetModel()
        self._pages.clear()
        self._rows = self._count_fn(self._filter)
        self.endResetModel()

    def row_at(self, row: int) -> Finding | None:
        """The finding at a position, fetching its page if needed."""
        if not 0 <= row < self._rows:
            return None
        number, offset = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self._pages[number] = self._page_fn(self._filter, number * PAGE_SIZE, PAGE_SIZE)
            while len(self._pages) > MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[offset] if offset < len(page) else None
