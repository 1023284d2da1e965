"""登记举报 and 修改 (办理情况, 办理结果, 关联问题): the form over services.complaints (SPEC §7).

Who complained is shown, and can be changed, only by the discipline role (SPEC §9);
for anyone else those fields are locked and never sent back.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.problems import CHANNELS
from yikatong_desktop.gui.dialogs.form_base import ServiceForm
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.widgets.choice_combos import (
    choose_value,
    combo_value,
    filled_combo,
    org_choices,
    program_choices,
)
from yikatong_desktop.services import complaints
from yikatong_desktop.services.complaints import WITHHELD, Complaint
from yikatong_desktop.services.ledger_fields import LABELS


def _box(height: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(height)
    return box


class ComplaintForm(ServiceForm):
    """A new complaint, or the changes to one (`complaint` given)."""

    def __init__(self, app: App, today: date, parent: QWidget | None = None, *,
                 complaint: Complaint | None = None) -> None:
        super().__init__(parent)
        self.app, self.complaint = app, complaint
        self.saved: Complaint | None = None
        self.setWindowTitle(self.tr("修改举报 {0}").format(complaint.number) if complaint else self.tr("登记举报"))
        self.setMinimumWidth(600)
        self.received_on = QLineEdit(today.isoformat())
        self.channel = QComboBox()
        for c in CHANNELS:
            self.channel.addItem(term(c), c)
        self.anonymous = QCheckBox(self.tr("匿名举报（不记录举报人）"))
        self.complainant, self.contact = QLineEdit(), QLineEdit()
        self.content = _box(80)
        self.concerned = QLineEdit()
        self.concerned.setPlaceholderText(self.tr("姓名（身份证号），多人用顿号分开"))
        self.program = filled_combo(program_choices(app), self.tr("（无）"))
        self.org = filled_combo(org_choices(app), "", editable=True)
        self.deadline = QLineEdit()
        self.deadline.setPlaceholderText(self.tr("如 2019-08-31"))
        for key, widget in (("received_on", self.received_on), ("channel", self.channel),
                            ("anonymous", self.anonymous), ("complainant", self.complainant),
                            ("contact", self.contact), ("content", self.content), ("concerned", self.concerned),
                            ("program", self.program), ("org", self.org)):
            self.add_row(term(LABELS[key]), widget, key=LABELS[key])  # refusals name the field in Chinese
        self.add_row(self.tr("办理期限"), self.deadline, key=LABELS["deadline"])
        self.anonymous.toggled.connect(self._anonymous_toggled)
        self.withheld = complaint is not None and complaint.complainant == WITHHELD
        if complaint is not None:
            self.handling, self.result_text = _box(64), _box(48)
            self.problem = QLineEdit(complaint.problem_number or "")
            self.problem.setPlaceholderText(self.tr("问题编号，如 WT2019-0001；清空即取消关联"))
            self.add_row(term(LABELS["handling"]), self.handling, key=LABELS["handling"])
            self.add_row(term(LABELS["result"]), self.result_text, key=LABELS["result"])
            self.add_row(self.tr("关联问题"), self.problem)
            self._fill(complaint)
        if self.withheld:
            for edit in (self.complainant, self.contact):
                edit.setEnabled(False)
                edit.setToolTip(self.tr("举报人身份仅纪检人员可见"))
            self.anonymous.setEnabled(False)
        self.initial = self.values()
        self.add_buttons(self.tr("保存") if complaint else self.tr("登记"), self.save)

    def _anonymous_toggled(self, on: bool) -> None:
        for edit in (self.complainant, self.contact):
            edit.setEnabled(not on and not self.withheld)

    def _fill(self, c: Complaint) -> None:
        self.received_on.setText(c.received_on.isoformat())
        self.channel.setCurrentIndex(max(self.channel.findData(c.channel), 0))
        self.anonymous.setChecked(c.anonymous)
        self.complainant.setText(c.complainant or "")
        self.contact.setText(c.contact or "")
        self.content.setPlainText(c.content)
        self.concerned.setText(c.concerned or "")
        self.program.setCurrentIndex(max(self.program.findData(c.program_code), 0) if c.program_code else 0)
        choose_value(self.org, c.org_code)
        self.deadline.setText(c.deadline.isoformat() if c.deadline else "")
        self.handling.setPlainText(c.handling)
        self.result_text.setPlainText(c.result)

    def values(self) -> dict[str, object]:
        """The form's fields keyed as the services name them."""
        out: dict[str, object] = {
            "received_on": self.received_on.text().strip(), "channel": str(self.channel.currentData()),
            "anonymous": self.anonymous.isChecked(), "content": self.content.toPlainText().strip(),
            "concerned": self.concerned.text().strip(), "program": str(self.program.currentData() or ""),
            "org": combo_value(self.org) or "", "deadline": self.deadline.text().strip()}
        if not self.withheld:
            out.update(complainant=self.complainant.text().strip(), contact=self.contact.text().strip())
        if self.complaint is not None:
            out.update(handling=self.handling.toPlainText().strip(), result=self.result_text.toPlainText().strip(),
                       problem=self.problem.text().strip())
        return out

    def save(self) -> None:
        """Register (or change) the complaint; close on success, else say why."""
        if self.attempt(self._store):
            self.accept()

    def _store(self) -> None:
        with self.app.uow() as uow:
            if self.complaint is not None:
                changed = {k: v for k, v in self.values().items() if v != self.initial.get(k)}
                self.saved = complaints.update(uow, self.app.actor, self.complaint.uid, changed,
                                               expected_version=self.complaint.version)
            else:
                fields = {k: (v if isinstance(v, bool) else (v or None)) for k, v in self.values().items()}
                self.saved = complaints.register(uow, self.app.actor, fields)
            uow.commit()
