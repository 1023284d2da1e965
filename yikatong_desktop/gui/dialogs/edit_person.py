"""编辑人员: name, sex, ethnicity, phone, place — never the ID number; with a reason, checked like an import."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.gui.dialogs.record_form import RecordForm
from yikatong_desktop.services import person_corrections

#: Form title → the key person_for_edit gives it under.
FIELDS = (("姓名", "name"), ("性别", "sex"), ("民族", "ethnicity"), ("联系电话", "phone"), ("乡镇", "township"),
          ("村(社区)", "village"), ("组", "group"))


class EditPersonDialog(RecordForm):
    """Sends only the values changed; a change someone else made meanwhile is refused."""

    def __init__(self, app: App, person_uid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.uid = app, person_uid
        self.setWindowTitle(self.tr("编辑人员"))
        with app.reader() as uow:
            current = person_corrections.person_for_edit(uow, app.actor, person_uid)
        self.version = current["version"]
        valid = "" if current["id_valid"] else self.tr("（校验不通过）")
        self.form.addRow(self.tr("身份证号："), QLabel(f"{current['id_number']}{valid}"))
        self.form.addRow(QLabel(self.tr("身份证号是人员的标识，不能修改；录错了请作废此人后重新录入。")))
        self.initial = {title: "" if current[key] is None else str(current[key]) for title, key in FIELDS}
        for title, _key in FIELDS:
            self.add_field(title, self.initial[title])
        self.form.addRow(self.tr("更正原因："), self.reason)
        self.form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def save(self) -> None:
        """Validate and store the changed values; a refusal stays in the dialog and stores nothing."""
        changed = {t: v for t, v in self.texts().items() if v.strip() != self.initial[t].strip()}
        try:
            with self.app.uow() as uow:
                person_corrections.correct_person(uow, self.app.actor, self.uid, changed, reason=self.reason.text(),
                                                  expected_version=self.version)
                uow.commit()
        except YktError as exc:
            self.show_refusal(exc)
            return
        self.accept()
