"""What the ledger's and complaints' forms share: labelled rows, an OK named by its verb, refusals shown.

A form calls its service itself when OK is clicked, in one unit of work; a refusal
(bad date, unknown 整治内容 …) comes back as a message box over the form, the field it
names is marked, the form stays open with what was typed, and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QMessageBox, QWidget

from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.gui.errors import show_error

_BAD = "border: 1px solid #c00;"


class ServiceForm(QDialog):
    """Rows keyed by their Chinese label (the label a refusal names), and OK / 取消."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.fields: dict[str, QWidget] = {}
        self.error_box: QMessageBox | None = None

    def add_row(self, label: str, widget: QWidget, *, key: str | None = None) -> QWidget:
        """A labelled row; `key` is the label refusals use when it differs from the shown one."""
        self.fields[key or label] = widget
        self.form.addRow(self.tr("{0}：").format(label), widget)
        return widget

    def add_note(self, text: str) -> QLabel:
        """A line of explanation across the form."""
        note = QLabel(text)
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.form.addRow(note)
        return note

    def add_buttons(self, verb: str, on_ok: Callable[[], None]) -> QDialogButtonBox:
        """OK (named by its verb) and 取消; OK calls `on_ok`, which accepts the dialog on success."""
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(verb)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(on_ok)
        self.buttons.rejected.connect(self.reject)
        self.form.addRow(self.buttons)
        return self.buttons

    def refuse(self, error: BaseException) -> None:
        """Show why it was refused and mark the field named; the form stays open."""
        named = error.params.get("field") if isinstance(error, YktError) else None
        for label, widget in self.fields.items():
            widget.setStyleSheet(_BAD if label == named else "")
        self.error_box = show_error(self, error)

    def attempt(self, work: Callable[[], None]) -> bool:
        """Run the service call; on a refusal (or a bug) show it and return False."""
        try:
            work()
        except Exception as exc:  # a YktError is the clerk's to fix; anything else is logged by show_error
            self.refuse(exc)
            return False
        return True
