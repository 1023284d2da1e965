"""手工录入: a payment (or, ticked, a person alone) in the roster template's fields, checked like an import."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.gui.dialogs.record_form import RecordForm
from yikatong_desktop.services import manual_entry
from yikatong_desktop.services.manual_entry import Entered

#: The roster template's titles (data keys; shown through term() by RecordForm.add_field).
PERSON_TITLES = ("身份证号", "姓名", "性别", "民族", "联系电话", "乡镇", "村(社区)", "组", "户编号")
PAYMENT_TITLES = ("补贴年度", "补贴期间", "实发金额", "应发金额", "发放日期", "发放方式", "代发银行", "银行账号",
                  "账户户名", "备注")
_HINTS = {"身份证号": QT_TRANSLATE_NOOP("ManualEntryDialog", "18位，最后一位可以是X"),
          "补贴期间": QT_TRANSLATE_NOOP("ManualEntryDialog", "2018、2018-03 或 2018Q1"),
          "实发金额": QT_TRANSLATE_NOOP("ManualEntryDialog", "元，如 1,234.50"),
          "发放日期": "2018-06-15",
          "发放方式": QT_TRANSLATE_NOOP("ManualEntryDialog", "现金、银行卡 或 其他"),
          "组": QT_TRANSLATE_NOOP("ManualEntryDialog", "3 或 三组")}


def _hint(title: str) -> str:
    return QCoreApplication.translate("ManualEntryDialog", str(_HINTS[title])) if title in _HINTS else ""


class ManualEntryDialog(RecordForm):
    """Nothing is stored until every value passes; the refused one is named and marked."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.entered: Entered | None = None
        self.setWindowTitle(self.tr("手工录入"))
        self.person_only = QCheckBox(self.tr("只录入人员（没有发放记录）"))
        self.person_only.toggled.connect(self._person_only)
        self.form.addRow(self.person_only)
        for title in PERSON_TITLES:
            self.add_field(title, placeholder=_hint(title))
        self.program = QComboBox()
        self.program.setEditable(True)
        with app.reader() as uow:
            for code, name in manual_entry.program_choices(uow, app.actor):
                self.program.addItem(name, code)
        self.program.setCurrentIndex(-1)
        self.form.addRow(self.tr("补贴项目："), self.program)
        for title in PAYMENT_TITLES:
            self.add_field(title, placeholder=_hint(title))
        self.form.addRow(self.tr("录入原因："), self.reason)
        self.form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def _person_only(self, on: bool) -> None:
        self.program.setEnabled(not on)
        for title in PAYMENT_TITLES:
            self.inputs[title].setEnabled(not on)

    def save(self) -> None:
        """Check and store in one transaction; on a refusal the dialog stays open and nothing is stored."""
        texts = {t: v for t, v in self.texts().items() if v.strip()}
        try:
            with self.app.uow() as uow:
                if self.person_only.isChecked():
                    values = {t: v for t, v in texts.items() if t in PERSON_TITLES}
                    self.entered = manual_entry.add_person_by_hand(uow, self.app.actor, values,
                                                                   reason=self.reason.text())
                else:
                    values = {**texts, "补贴项目": self.program.currentText()}
                    self.entered = manual_entry.add_payment_by_hand(uow, self.app.actor, values,
                                                                    reason=self.reason.text())
                uow.commit()
        except YktError as exc:
            self.show_refusal(exc)
            return
        self.accept()
