"""作废: the selected payment, or its person (with their live payments when the clerk says so), with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QRadioButton, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.gui.dialogs.record_form import RecordForm
from yikatong_desktop.services import corrections, person_corrections


class VoidRecordDialog(RecordForm):
    """A void is a tombstone version: the record stays in history and in packages (SPEC §5)."""

    def __init__(self, app: App, payment_uid: str, person_uid: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.payment_uid, self.person_uid = app, payment_uid, person_uid
        self.setWindowTitle(self.tr("作废"))
        with app.reader() as uow:
            self.payment_version = corrections.payment_for_edit(uow, app.actor, payment_uid)["version"]
            self.person_version = person_corrections.person_for_edit(uow, app.actor, person_uid)["version"]
        self.form.addRow(QLabel(title))
        self.payment = QRadioButton(self.tr("作废所选的这笔发放记录"))
        self.payment.setChecked(True)
        self.person = QRadioButton(self.tr("作废此人"))
        self.with_payments = QCheckBox(self.tr("连同此人全部有效的发放记录一起作废"))
        self.with_payments.setEnabled(False)
        self.person.toggled.connect(self.with_payments.setEnabled)
        for widget in (self.payment, self.person, self.with_payments):
            self.form.addRow(widget)
        self.form.addRow(QLabel(self.tr("作废不会删除记录：原记录保留在历史中，可以查到。")))
        self.form.addRow(self.tr("作废原因："), self.reason)
        self.form.addRow(self.message)
        self.add_buttons(self.tr("作废"), self.save)

    def save(self) -> None:
        """Void; a refusal (a reason missing, live payments, changed meanwhile) stays in the dialog."""
        try:
            with self.app.uow() as uow:
                if self.person.isChecked():
                    corrections.void_record(uow, self.app.actor, "persons", self.person_uid,
                                            reason=self.reason.text(), expected_version=self.person_version,
                                            with_payments=self.with_payments.isChecked())
                else:
                    corrections.void_record(uow, self.app.actor, "payments", self.payment_uid,
                                            reason=self.reason.text(), expected_version=self.payment_version)
                uow.commit()
        except YktError as exc:
            self.show_refusal(exc)
            return
        self.accept()
