"""A form of template fields whose refused value is shown inline, in Chinese, beside its field."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.gui.i18n import term

_BAD = "QLineEdit { border: 1px solid #c00; }"


class RecordForm(QDialog):
    """Line edits keyed by template title, a reason, and a message line for what was refused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.inputs: dict[str, QLineEdit] = {}
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("必填：为什么，依据什么（记入审计日志）"))
        self.message = QLabel()
        self.message.setObjectName("formMessage")
        self.message.setStyleSheet("color: #c00;")
        self.message.setWordWrap(True)

    def add_field(self, title: str, value: object = None, placeholder: str = "") -> QLineEdit:
        """A labelled line edit for a template column: keyed by its Chinese title, shown through term()."""
        edit = QLineEdit("" if value is None else str(value))
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda _t, e=edit: e.setStyleSheet(""))
        self.inputs[title] = edit
        self.form.addRow(self.tr("{0}：").format(term(title)), edit)
        return edit

    def add_buttons(self, verb: str, on_ok: Callable[[], None]) -> QDialogButtonBox:
        """OK (named by its verb: 作废, 并入 …) and 取消 at the bottom; OK calls `on_ok`, which closes on success."""
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(verb)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(on_ok)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)
        return buttons

    def texts(self) -> dict[str, str]:
        """Every field's text by title."""
        return {title: edit.text() for title, edit in self.inputs.items()}

    def show_refusal(self, error: BaseException) -> None:
        """The message in the dialog, the field it names marked; the dialog stays open."""
        self.message.setText(user_text(error))
        named = error.params.get("field") if isinstance(error, YktError) else None
        for title, edit in self.inputs.items():
            edit.setStyleSheet(_BAD if title == named else "")
