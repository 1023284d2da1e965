"""The reason a move needs (退回, 回头看): asked before the move, kept in the record and its audit event."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


class ReasonDialog(QDialog):
    """A text box for the reason; OK only with something written."""

    def __init__(self, title: str, prompt: str, verb: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        what = QLabel(prompt)
        what.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("必填：为什么，依据什么（记入处理记录和审计日志）"))
        self.reason.setFixedHeight(90)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c00;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(verb)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        for w in (what, self.reason, self.message, buttons):
            layout.addWidget(w)

    def text(self) -> str:
        """The reason as written."""
        return self.reason.toPlainText().strip()

    def save(self) -> None:
        """Accept when a reason is written; otherwise say it is needed."""
        if not self.text():
            self.message.setText(self.tr("必须写明理由。"))
            self.reason.setFocus()
            return
        self.accept()
