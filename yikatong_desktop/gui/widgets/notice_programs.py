"""The 补贴项目 choice of a 公示: one program, or several ticked in a drop-down list (one section each).

A QComboBox whose items carry check boxes: a click ticks or unticks an item and the list stays open,
so several can be ticked in one go; the box shows the ticked names.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

_CHECK = int(Qt.ItemDataRole.CheckStateRole.value)
_CODE = int(Qt.ItemDataRole.UserRole.value)


class ProgramPicker(QComboBox):
    """Programs (code, name) with check boxes; `changed` after each tick."""

    changed = Signal()

    def __init__(self, programs: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = dict(programs)
        self.items = QStandardItemModel(self)
        for code, name in programs:
            item = QStandardItem(self.tr("{0}（{1}）").format(name, code))
            item.setData(code, _CODE)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setData(Qt.CheckState.Unchecked, _CHECK)
            self.items.appendRow(item)
        self.setModel(self.items)
        self.setEditable(True)  # only to show a summary text; typing is off
        line = self.summary()
        line.setReadOnly(True)
        line.installEventFilter(self)
        line.setPlaceholderText(self.tr("请勾选补贴项目（可多选）"))
        self.view().viewport().installEventFilter(self)
        self.setToolTip(self.tr("点开后勾选一个或几个补贴项目；几个项目合在一张公示上，每个项目一节"))
        self.setMaxVisibleItems(16)
        view = self.view()  # the list as wide as the longest name (the box itself stays narrow)
        view.setMinimumWidth(view.sizeHintForColumn(0) + view.verticalScrollBar().sizeHint().width() + 8)
        self._show_summary()

    def summary(self) -> QLineEdit:
        """The read-only text showing the ticked programs."""
        line = self.lineEdit()
        assert line is not None  # the combo is editable
        return line

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is self.lineEdit() and kind == QEvent.Type.MouseButtonRelease:
            self.showPopup()  # a click on the text opens the list, as on a plain combo
            return True
        if watched is self.view().viewport() and kind == QEvent.Type.MouseButtonRelease \
                and isinstance(event, QMouseEvent):
            index = self.view().indexAt(event.position().toPoint())
            if index.isValid():
                self._toggle(index.row())
            return True  # keep the list open for the next tick
        return super().eventFilter(watched, event)

    def hidePopup(self) -> None:
        super().hidePopup()
        self._show_summary()

    def _toggle(self, row: int) -> None:
        item = self.items.item(row)
        on = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if on else Qt.CheckState.Checked)
        self._show_summary()
        self.changed.emit()

    def checked_codes(self) -> list[str]:
        """The ticked programs' codes, in catalogue order."""
        return [str(self.items.item(r).data(_CODE)) for r in range(self.items.rowCount())
                if self.items.item(r).checkState() == Qt.CheckState.Checked]

    def set_checked(self, codes: Sequence[str]) -> None:
        """Tick exactly these programs."""
        wanted = set(codes)
        for r in range(self.items.rowCount()):
            item = self.items.item(r)
            item.setCheckState(Qt.CheckState.Checked if item.data(_CODE) in wanted else Qt.CheckState.Unchecked)
        self._show_summary()
        self.changed.emit()

    def _show_summary(self) -> None:
        names = [self.names.get(c, c) for c in self.checked_codes()]
        text = names[0] if len(names) == 1 else self.tr("{0} 等 {1} 项").format(names[0], len(names)) if names else ""
        line = self.summary()
        line.setText(text)
        line.setToolTip(self.tr("、", "separator of a list").join(names))
        line.setCursorPosition(0)
