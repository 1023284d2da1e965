"""登记问题 (挂号) and 修改: the ledger's form over services.ledger.register / update (SPEC §7).

Values go to the services as typed; they parse them and refuse with the field's name
(a deadline of 2019-13-45, an unknown 整治内容). Registered from findings, every field
left blank is carried over from them (amount, persons, program, org, category).
From a complaint, the problem is registered and linked to it in one unit of work.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.checklist import ITEMS
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.problems import Outcome
from yikatong_desktop.gui.dialogs.form_base import ServiceForm
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.widgets.choice_combos import (
    choose_value,
    combo_value,
    filled_combo,
    org_choices,
    program_choices,
)
from yikatong_desktop.gui.widgets.evidence_files import choose_files
from yikatong_desktop.services import complaints, ledger
from yikatong_desktop.services.ledger import Problem
from yikatong_desktop.services.ledger_fields import LABELS


def _text_box(height: int = 64) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setFixedHeight(height)
    return box


class ProblemForm(ServiceForm):
    """A new problem (by hand, from findings, from a complaint) or the changes to one (`problem` given)."""

    def __init__(self, app: App, parent: QWidget | None = None, *, problem: Problem | None = None,
                 findings: Sequence[str] = (), complaint: str | None = None,
                 prefill: dict[str, str] | None = None) -> None:
        super().__init__(parent)
        self.app, self.problem, self.findings, self.complaint = app, problem, list(findings), complaint
        self.saved: Problem | None = None
        self.evidence_paths: list[Path] = []
        editing = problem is not None
        self.setWindowTitle(self.tr("修改问题 {0}").format(problem.number) if problem else self.tr("登记问题（挂号）"))
        self.setMinimumWidth(640)
        if self.findings:
            self.add_note(self.tr("由选中的 {0} 条疑点登记：留空的栏目（整治内容、问题描述、单位、项目、涉及人员、"
                                  "涉及金额）按疑点自动填写。").format(len(self.findings)))
        if complaint:
            self.add_note(self.tr("由举报 {0} 登记为问题，登记后与该举报关联。").format(complaint))

        self.category = QComboBox()
        self.category.setEditable(True)  # a code typed (1.2) is accepted too; the service checks it
        if not editing:
            self.category.addItem(self.tr("（按疑点判断）") if self.findings else "", None)
        for item in ITEMS:
            self.category.addItem(f"{item.code} {term(item.title)}", item.code)
        self.description = _text_box(72)
        self.org = filled_combo(org_choices(app), "", editable=True)
        self.program = filled_combo(program_choices(app), self.tr("（无）"))
        self.persons = _text_box(48)
        self.persons.setPlaceholderText(self.tr("姓名（身份证号），多人用顿号分开：张三（6523…）、李四"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("元，如 1200.50"))
        self.responsible_unit, self.responsible_person, self.deadline = QLineEdit(), QLineEdit(), QLineEdit()
        self.deadline.setPlaceholderText(self.tr("如 2019-09-30"))
        self.measures = _text_box(56)
        for key, widget in (("category", self.category), ("description", self.description), ("org", self.org),
                            ("program", self.program), ("persons", self.persons), ("amount", self.amount),
                            ("responsible_unit", self.responsible_unit),
                            ("responsible_person", self.responsible_person), ("measures", self.measures),
                            ("deadline", self.deadline)):
            self.add_row(term(LABELS[key]), widget, key=LABELS[key])  # refusals name the field in Chinese
        if self.findings:
            for box in (self.description, self.persons):
                box.setPlaceholderText(self.tr("留空则按疑点填写"))
            self.amount.setPlaceholderText(self.tr("留空则为疑点金额合计"))
        if editing:
            self._outcome_rows()
        else:
            self._evidence_row()
        if prefill:
            self._fill(prefill)
        if problem is not None:
            self._fill(self._current(problem))
        self.initial = self.values()
        self.add_buttons(self.tr("保存") if editing else self.tr("挂号"), self.save)

    def _outcome_rows(self) -> None:
        self.outcome = QComboBox()
        self.outcome.addItem(self.tr("（未处理）"), "")
        for o in Outcome:
            self.outcome.addItem(term(o.value), o.value)
        self.handled_persons = QSpinBox()
        self.handled_persons.setRange(0, 9999)
        self.came_forward = QCheckBox(self.tr("主动说明问题"))
        self.repaid = QCheckBox(self.tr("已退赔"))
        flags = QHBoxLayout()
        flags.setContentsMargins(0, 0, 0, 0)
        for w in (self.handled_persons, self.came_forward, self.repaid):
            flags.addWidget(w)
        flags.addStretch(1)
        holder = QWidget()
        holder.setLayout(flags)
        self.add_row(term(LABELS["outcome"]), self.outcome, key=LABELS["outcome"])
        self.add_row(self.tr("处理人数"), holder, key=LABELS["handled_persons"])

    def _evidence_row(self) -> None:
        self.evidence_list = QListWidget()
        self.evidence_list.setFixedHeight(54)
        add = QPushButton(self.tr("添加文件…"))
        add.clicked.connect(lambda: self.add_evidence_paths(choose_files(self)))
        remove = QPushButton(self.tr("移除"))
        remove.clicked.connect(self._remove_evidence)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.evidence_list, 1)
        row.addLayout(buttons)
        holder = QWidget()
        holder.setLayout(row)
        self.add_row(self.tr("佐证材料"), holder)

    def add_evidence_paths(self, paths: Sequence[Path]) -> None:
        """Files to attach when the problem is registered (checked by the service then)."""
        for path in paths:
            if path not in self.evidence_paths:
                self.evidence_paths.append(path)
                self.evidence_list.addItem(path.name)

    def _remove_evidence(self) -> None:
        row = self.evidence_list.currentRow()
        if 0 <= row < len(self.evidence_paths):
            self.evidence_paths.pop(row)
            self.evidence_list.takeItem(row)

    @staticmethod
    def _current(p: Problem) -> dict[str, str]:
        """A problem's fields as the form shows them (IDs whole: this is where they are corrected)."""
        return {"category": p.category, "description": p.description, "org": p.org_code or "",
                "program": p.program_code or "", "persons": p.persons_text(mask=False),
                "amount": format_yuan(p.amount_fen).replace(",", "") if p.amount_fen else "",
                "responsible_unit": p.responsible_unit or "", "responsible_person": p.responsible_person or "",
                "measures": p.measures, "deadline": p.deadline.isoformat() if p.deadline else "",
                "outcome": p.outcome or "", "handled_persons": str(p.handled_persons),
                "came_forward": "是" if p.came_forward else "否", "repaid": "是" if p.repaid else "否"}

    def _fill(self, values: dict[str, str]) -> None:
        texts = {"description": self.description, "persons": self.persons, "measures": self.measures}
        lines = {"amount": self.amount, "responsible_unit": self.responsible_unit,
                 "responsible_person": self.responsible_person, "deadline": self.deadline}
        for key, value in values.items():
            if key in texts:
                texts[key].setPlainText(value)
            elif key in lines:
                lines[key].setText(value)
            elif key == "category":
                choose_value(self.category, value)
            elif key == "org":
                choose_value(self.org, value or None)
            elif key == "program":
                self.program.setCurrentIndex(max(self.program.findData(value), 0) if value else 0)
            elif key == "outcome" and self.problem is not None:
                self.outcome.setCurrentIndex(max(self.outcome.findData(value), 0))
            elif key == "handled_persons" and self.problem is not None:
                self.handled_persons.setValue(int(value or 0))
            elif key in ("came_forward", "repaid") and self.problem is not None:
                (self.came_forward if key == "came_forward" else self.repaid).setChecked(value == "是")

    def values(self) -> dict[str, str]:
        """The form's fields as text, keyed as the services name them."""
        out = {"category": combo_value(self.category) or "", "description": self.description.toPlainText().strip(),
               "org": combo_value(self.org) or "", "program": str(self.program.currentData() or ""),
               "persons": self.persons.toPlainText().strip(), "amount": self.amount.text().strip(),
               "responsible_unit": self.responsible_unit.text().strip(),
               "responsible_person": self.responsible_person.text().strip(),
               "measures": self.measures.toPlainText().strip(), "deadline": self.deadline.text().strip()}
        if self.problem is not None:
            out.update(outcome=str(self.outcome.currentData() or ""), handled_persons=str(self.handled_persons.value()),
                       came_forward="是" if self.came_forward.isChecked() else "否",
                       repaid="是" if self.repaid.isChecked() else "否")
        return out

    def changes(self) -> dict[str, object]:
        """What an edit changes (only the fields touched, so a field never shown whole is never rewritten)."""
        now = self.values()
        return {k: v for k, v in now.items() if v != self.initial.get(k)}

    def save(self) -> None:
        """Register (or change) the problem in one unit of work; close on success, else say why."""
        if self.attempt(self._store):
            self.accept()

    def _store(self) -> None:
        with self.app.uow() as uow:
            if self.problem is not None:
                self.saved = ledger.update(uow, self.app.actor, self.problem.uid, self.changes(),
                                           expected_version=self.problem.version)
            else:
                fields: dict[str, object] = {k: (v or None) for k, v in self.values().items()}
                self.saved = ledger.register(uow, self.app.actor, fields, findings=self.findings,
                                             evidence=self.evidence_paths,
                                             source="complaint" if self.complaint else None)
                if self.complaint:
                    complaints.update(uow, self.app.actor, self.complaint, {"problem": self.saved.number})
            uow.commit()
