"""生成核实表: choose a village with open findings and where to save its sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from yikatong_desktop.services.verify_sheets import Village


class VerifySheetDialog(QDialog):
    """Village and file; the page writes the sheet (off the GUI thread) once this is accepted."""

    def __init__(self, villages: list[Village], folder: Path, parent: QWidget | None = None,
                 preselect: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("生成核实表"))
        self.setMinimumWidth(520)
        self.folder = folder
        self.names = {v.code: v.full_name for v in villages}
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("把一个村的全部待核实问题写成核实表（身份证号遮蔽），发给村里逐条核实。")))
        self.village = QComboBox()
        for v in villages:
            self.village.addItem(self.tr("{0}（{1} 条待核实）").format(v.full_name, v.open), v.code)
        if preselect is not None and self.village.findData(preselect) >= 0:
            self.village.setCurrentIndex(self.village.findData(preselect))
        form.addRow(self.tr("村（社区）："), self.village)
        self.path = QLineEdit()
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(self.tr("保存为："), row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("生成"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.village.currentIndexChanged.connect(lambda _i: self._suggest())
        self._suggest()

    def _suggest(self) -> None:
        name = self.names.get(self.village.currentData(), "")
        self.path.setText(str(self.folder / (self.tr("核实表_{0}").format(name) + ".xlsx")))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.village.count() > 0)

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("保存核实表"), self.path.text(), "Excel (*.xlsx)")
        if name:
            self.path.setText(name)

    def chosen(self) -> tuple[str, Path] | None:
        """(village code, file) once accepted with both given."""
        code = self.village.currentData()
        text = self.path.text().strip()
        if code is None or not text:
            return None
        path = Path(text)
        return str(code), path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
