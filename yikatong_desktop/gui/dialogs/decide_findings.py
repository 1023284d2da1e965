"""确认 / 排除 / 重新打开 findings in bulk, with the reason the audit log keeps."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.domain.rules import STATUS_LABELS, FindingStatus
from yikatong_desktop.gui.dialogs.record_form import RecordForm
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.services import findings

_VERBS = {FindingStatus.CONFIRMED: QT_TRANSLATE_NOOP("DecideDialog", "确认"),
          FindingStatus.DISMISSED: QT_TRANSLATE_NOOP("DecideDialog", "排除"),
          FindingStatus.OPEN: QT_TRANSLATE_NOOP("DecideDialog", "重新打开")}


class DecideDialog(RecordForm):
    """The same service as `ykt finding confirm|dismiss|reopen UID… --reason …`; a refusal stays in the dialog."""

    def __init__(self, app: App, uids: Sequence[str], status: FindingStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.uids, self.status = app, list(uids), status
        self.changed: int | None = None
        verb = QCoreApplication.translate("DecideDialog", str(_VERBS[status]))
        self.setWindowTitle(self.tr("{0}问题").format(verb))
        self.setMinimumWidth(460)
        what = self.tr("把选中的 {0} 条问题标为“{1}”。").format(len(self.uids), term(STATUS_LABELS[status]))
        self.form.addRow(QLabel(what))
        if status is FindingStatus.DISMISSED:
            self.reason.setPlaceholderText(self.tr("必填：核实情况，为什么不是问题（记入审计日志）"))
            label = self.tr("排除理由：")
        else:
            self.reason.setPlaceholderText(self.tr("选填：核实情况、依据（记入审计日志）"))
            label = self.tr("核实情况：")
        self.form.addRow(label, self.reason)
        self.form.addRow(self.message)
        self.add_buttons(verb, self.save)

    def save(self) -> None:
        """Decide all the findings in one transaction and close, or show why not."""
        if self.status is FindingStatus.DISMISSED and not self.reason.text().strip():
            self.message.setText(self.tr("排除问题必须写明理由：核实了什么，为什么不是问题。"))
            self.reason.setFocus()
            return
        try:
            with self.app.uow() as uow:
                self.changed = findings.decide(uow, self.app.actor, self.uids, self.status, self.reason.text())
                uow.commit()
        except YktError as exc:
            self.show_refusal(exc)
            return
        self.accept()
