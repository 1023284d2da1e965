"""设置 → 举报电话: this office's and the county's 监督举报电话, printed on every 公示 list (SPEC §7)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.services import complaints
from yikatong_desktop.services.auth import permitted


class HotlineBox(QWidget):
    """Two office numbers and 保存 (audited by the service)."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        with app.reader() as uow:
            numbers = complaints.hotline(uow)
        box = QGroupBox(self.tr("监督举报电话（印在公示表上，只填办公电话）"))
        form = QFormLayout(box)
        self.own = QLineEdit(numbers["own"])
        self.own.setPlaceholderText(self.tr("如 0994-4501234"))
        self.county = QLineEdit(numbers["county"])
        self.county.setPlaceholderText(self.tr("如 0994-4512345"))
        for edit in (self.own, self.county):
            edit.setMaximumWidth(300)
        form.addRow(self.tr("本单位："), self.own)
        form.addRow(self.tr("县（市）级："), self.county)
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(permitted(app.actor, Action.SETTINGS))
        self.status = QLabel()
        self.status.setWordWrap(True)
        form.addRow(self.save_button, self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)

    def save(self) -> None:
        """Keep the two numbers, or say why not."""
        try:
            with self.app.uow() as uow:
                complaints.set_hotline(uow, self.app.actor, self.own.text(), self.county.text())
                uow.commit()
        except Exception as exc:
            self.status.setStyleSheet("color: #c00;")
            self.status.setText(user_text(exc))
            return
        self.status.setStyleSheet("")
        self.status.setText(self.tr("已保存。"))
