"""作废批次: a whole import (wrong file, wrong program) becomes tombstones, with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.gui.dialogs.record_form import RecordForm
from yikatong_desktop.services import imports


class VoidBatchDialog(RecordForm):
    """The same service as `ykt batch void UID --reason …`; a refusal stays in the dialog."""

    def __init__(self, app: App, batch_uid: str, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.batch_uid = app, batch_uid
        self.voided: int | None = None
        self.setWindowTitle(self.tr("作废导入批次"))
        self.form.addRow(QLabel(self.tr("作废“{0}”这次导入的全部记录。").format(file_name)))
        self.form.addRow(QLabel(self.tr("作废不会删除记录：原记录保留在历史中，可以查到。")))
        self.form.addRow(self.tr("作废原因："), self.reason)
        self.form.addRow(self.message)
        self.add_buttons(self.tr("作废"), self.save)

    def save(self) -> None:
        """Void the batch and close, or show why not."""
        try:
            with self.app.uow() as uow:
                self.voided = imports.void_batch(uow, self.app.actor, self.batch_uid, self.reason.text())
                uow.commit()
        except YktError as exc:
            self.show_refusal(exc)
            return
        self.accept()
