"""更正发放记录: change 实发/应发金额, 发放日期, 备注 with a reason; checked like an import, audited."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.services import corrections


class CorrectPaymentDialog(QDialog):
    """Shows the stored values; saving refuses a change someone else made meanwhile."""

    def __init__(self, app: App, payment_uid: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.uid = app, payment_uid
        self.setWindowTitle(self.tr("更正发放记录"))
        with app.reader() as uow:
            current = corrections.payment_for_edit(uow, app.actor, payment_uid)
        self.version = current["version"]
        self.paid = QLineEdit("" if current["paid_fen"] is None else format_yuan(current["paid_fen"]))
        self.due = QLineEdit("" if current["due_fen"] is None else format_yuan(current["due_fen"]))
        self.paid_date = QLineEdit("" if current["paid_date"] is None else current["paid_date"].isoformat())
        self.remark = QLineEdit(current["remark"] or "")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("必填：为什么更正，依据什么"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #c00;")
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(QLabel(title))
        form.addRow(self.tr("实发金额（元）："), self.paid)
        form.addRow(self.tr("应发金额（元）："), self.due)
        form.addRow(self.tr("发放日期："), self.paid_date)
        form.addRow(self.tr("备注："), self.remark)
        form.addRow(self.tr("更正原因："), self.reason)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def save(self) -> None:
        """Validate and store; a problem stays in the dialog as a message, nothing is changed."""
        values = {"paid_fen": self.paid.text(), "due_fen": self.due.text(), "paid_date": self.paid_date.text(),
                  "remark": self.remark.text()}
        try:
            with self.app.uow() as uow:
                corrections.correct_payment(uow, self.app.actor, self.uid, values, reason=self.reason.text(),
                                            expected_version=self.version)
                uow.commit()
        except YktError as exc:
            self.message.setText(user_text(exc))
            return
        self.accept()
