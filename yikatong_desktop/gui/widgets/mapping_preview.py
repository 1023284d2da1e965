"""The preview of a roster before importing: per sheet, each column's title, an editable field, the first rows."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QTableWidget, QTableWidgetItem, QTabWidget, QWidget

from yikatong_desktop.domain.headers import TEMPLATE, Field
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.services.roster_preview import SOURCE_NAMES, RosterPreview

#: A fix (remembered or chosen now) is tinted so the clerk sees what differs from detection.
_FIXED = QColor("#fff3c4")


class MappingPreview(QTabWidget):
    """One tab per sheet: row 0 holds a combo box per column (template fields + 不导入), then data rows."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview: RosterPreview | None = None
        self.combos: dict[str, dict[str, QComboBox]] = {}  # sheet → column key → combo

    def show_preview(self, preview: RosterPreview) -> None:
        """Replace the tabs with this preview's sheets."""
        self.preview = preview
        self.clear()
        self.combos = {}
        for sheet in preview.sheets:
            table = QTableWidget(len(sheet.rows) + 1, len(sheet.columns))
            table.setHorizontalHeaderLabels([c.title for c in sheet.columns])
            first = sheet.header_rows[1] + 1 if sheet.header_rows else 1
            table.setVerticalHeaderLabels([self.tr("对应"), *(str(first + i) for i in range(len(sheet.rows)))])
            combos: dict[str, QComboBox] = {}
            for j, column in enumerate(sheet.columns):
                combo = self._combo(column.field)
                tip = term(SOURCE_NAMES.get(column.source, ""))
                combo.setToolTip(self.tr("表头“{0}”：{1}").format(column.title, tip or self.tr("未识别")))
                if column.source in ("remembered", "clerk"):
                    combo.setStyleSheet(f"background: {_FIXED.name()};")
                combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
                table.setCellWidget(0, j, combo)
                combos[column.key] = combo
            for i, row in enumerate(sheet.rows, start=1):
                for j, text in enumerate(row):
                    table.setItem(i, j, QTableWidgetItem(text))
            table.resizeColumnsToContents()
            self.combos[sheet.name] = combos
            label = sheet.name or self.tr("文件")
            if sheet.header_rows is None:
                label += self.tr("（无表头）")
            self.addTab(table, label)

    def _combo(self, current: Field | None) -> QComboBox:
        combo = QComboBox()
        for field, name in TEMPLATE:
            combo.addItem(term(name), field.value)
        combo.addItem(self.tr("不导入"), None)
        combo.setCurrentIndex(combo.findData(current.value) if current is not None else combo.count() - 1)
        return combo

    def choices(self) -> dict[str, dict[str, Field | None]]:
        """What the combos say now: sheet → column key → field (None: 不导入)."""
        return {sheet: {key: None if combo.currentData() is None else Field(combo.currentData())
                        for key, combo in combos.items()}
                for sheet, combos in self.combos.items()}

    def combo(self, title: str, sheet: str | None = None) -> QComboBox:
        """The combo of the column with this title (the first sheet's unless named)."""
        assert self.preview is not None
        for s in self.preview.sheets:
            if sheet is None or s.name == sheet:
                for c in s.columns:
                    if c.title == title:
                        return self.combos[s.name][c.key]
        raise KeyError(title)
