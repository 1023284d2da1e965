"""举报 (SPEC §7): complaints and 公示 objections, followed up like problems (登记 → 办理中 → 申请办结 → 已办结).

Who complained is shown only to the discipline role (纪检, SPEC §9): the services withhold
it from everyone else, and this page shows that it is withheld.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.problems import CHANNELS, MOVE_LABELS, STATE_LABELS, TRANSITIONS, Kind, Move, State
from yikatong_desktop.gui.dialogs.complaint_form import ComplaintForm
from yikatong_desktop.gui.dialogs.problem_form import ProblemForm
from yikatong_desktop.gui.dialogs.reason_dialog import ReasonDialog
from yikatong_desktop.gui.errors import show_error
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.models.complaints_model import ComplaintsModel, complainant_text
from yikatong_desktop.gui.widgets.choice_combos import filled_combo
from yikatong_desktop.gui.widgets.evidence_files import EvidenceBar
from yikatong_desktop.gui.widgets.move_buttons import MoveButtons
from yikatong_desktop.gui.widgets.problem_detail import complaint_html
from yikatong_desktop.services import audit, complaints
from yikatong_desktop.services.auth import permitted
from yikatong_desktop.services.complaints import Complaint
from yikatong_desktop.services.ledger_moves import today


class ComplaintsPage(QWidget):
    """Filters, the complaints and the chosen one's detail, the actions below."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        with app.reader() as uow:
            self.today: date = today(uow)  # the installation's clock; read again on each refresh
        self.state_filter = filled_combo([(s.value, term(STATE_LABELS[Kind.COMPLAINT][s])) for s in State],
                                         self.tr("全部状态"))
        self.channel_filter = filled_combo([(c, term(c)) for c in CHANNELS], self.tr("全部渠道"))
        self.count_label = QLabel()
        filters = QHBoxLayout()
        for w in (self.state_filter, self.channel_filter):
            filters.addWidget(w)
            w.currentIndexChanged.connect(lambda _i: self.refresh())
        filters.addWidget(self.count_label, 1)

        self.model = ComplaintsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        for col, width in enumerate((96, 84, 70, 110, 200, 110, 96)):
            # never narrower than the heading (longer in English)
            self.table.setColumnWidth(col, max(width, self.table.horizontalHeader().sectionSizeHint(col)))
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_current())
        self.detail = QTextBrowser()
        self.detail.setOpenLinks(False)
        self.detail.setMinimumWidth(300)
        self.evidence = EvidenceBar(app)
        self.evidence.files_chosen.connect(self.add_evidence)
        self.detail.anchorClicked.connect(self.evidence.open_link)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.detail, 1)
        side_layout.addWidget(self.evidence)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([840, 360])

        self.register_button = QPushButton(self.tr("登记举报…"))
        self.register_button.clicked.connect(self.ask_register)
        self.edit_button = QPushButton(self.tr("修改…"))
        self.edit_button.setToolTip(self.tr("填写办理情况、办理结果，关联问题"))
        self.edit_button.clicked.connect(self.ask_edit)
        self.moves = MoveButtons(Kind.COMPLAINT)
        self.moves.chosen.connect(self.ask_move)
        self.problem_button = QPushButton(self.tr("登记为问题…"))
        self.problem_button.setToolTip(self.tr("把这条举报反映的问题登记到问题台账，并与举报关联"))
        self.problem_button.clicked.connect(self.ask_register_problem)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        actions = QHBoxLayout()
        for b in (self.register_button, self.edit_button):
            actions.addWidget(b)
        actions.addSpacing(16)
        actions.addWidget(self.moves)
        actions.addSpacing(16)
        actions.addWidget(self.problem_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status_label)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Changes made elsewhere show when the page is visited again."""
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Read the complaints again, keeping the chosen one selected."""
        keep = self.current()
        state, channel = self.state_filter.currentData(), self.channel_filter.currentData()
        try:
            with self.app.reader() as uow:
                rows = complaints.list_complaints(uow, self.app.actor, states=[state] if state else [],
                                                  channels=[channel] if channel else [])
                day = today(uow)
        except Exception as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows, day)
        self.today = day
        self.count_label.setText(self.tr("共 {0} 条，未办结 {1} 条，逾期 {2} 条").format(
            len(rows), sum(c.state is not State.CLOSED for c in rows), sum(c.overdue(day) for c in rows)))
        self.register_button.setEnabled(permitted(self.app.actor, Action.REGISTER))
        row = self.model.row_of(keep.uid) if keep is not None else -1
        if self.model.rowCount():
            self.table.selectRow(max(row, 0))  # the chosen one stays chosen, else the first
        self.show_current()

    def current(self) -> Complaint | None:
        """The complaint selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, uid: str) -> None:
        """Select a complaint by uid."""
        row = self.model.row_of(uid)
        if row >= 0:
            self.table.selectRow(row)

    def show_current(self) -> None:
        """The detail pane and the buttons for the selected complaint."""
        c = self.current()
        may = permitted(self.app.actor, Action.REGISTER)
        if c is None:
            self.detail.setHtml(self.tr("<p style='color:#777'>选中一条举报，查看内容、办理情况和处理记录。"
                                        "举报人身份只有纪检人员可见。</p>"))
            self.moves.set_options(None)
            for b in (self.edit_button, self.problem_button):
                b.setEnabled(False)
            self.evidence.set_files([], may_add=False)
            return
        with self.app.reader() as uow:
            files = complaints.evidence_of(uow, self.app.actor, c.uid)
            history = list(reversed(audit.list_events(uow, self.app.actor, object_ref=c.uid)))
            options = complaints.move_options(uow, self.app.actor, c)
        self.detail.setHtml(complaint_html(c, files, history, self.today, complainant_text(c)))
        self.moves.set_options(options)
        open_state = c.state is not State.CLOSED
        self.edit_button.setEnabled(may and open_state)
        self.evidence.set_files(files, may_add=may and open_state)
        self.problem_button.setEnabled(may and open_state and not c.problem_number)
        self.problem_button.setToolTip(self.tr("已关联问题 {0}").format(c.problem_number) if c.problem_number
                                       else self.tr("把这条举报反映的问题登记到问题台账，并与举报关联"))

    # -- register, edit, register as a problem ----------------------------------
    def register_dialog(self) -> ComplaintForm:
        """The 登记举报 form (not shown yet)."""
        return ComplaintForm(self.app, self.today, self)

    def ask_register(self) -> None:
        dialog = self.register_dialog()
        if dialog.exec():
            self.after_save(dialog)

    def edit_dialog(self) -> ComplaintForm | None:
        c = self.current()
        return ComplaintForm(self.app, self.today, self, complaint=c) if c is not None else None

    def ask_edit(self) -> None:
        dialog = self.edit_dialog()
        if dialog is not None and dialog.exec():
            self.after_save(dialog)

    def after_save(self, dialog: ComplaintForm) -> None:
        """Say what was stored and select it."""
        c = dialog.saved
        if c is None:
            return
        done = message("complaint.registered", number=c.number) if dialog.complaint is None \
            else message("ledger.updated", number=c.number)
        self.after_change(c.uid, done)

    def after_change(self, uid: str, text: str) -> None:
        self.status_label.setText(text)
        self.refresh()
        self.select(uid)

    def problem_dialog(self) -> ProblemForm | None:
        """The ledger's register form, prefilled from the selected complaint and linked to it on save."""
        c = self.current()
        if c is None:
            return None
        named = "、".join(f"{p['name']}（{p['id_number']}）" if p.get("id_number") else str(p["name"])
                         for p in c.persons)  # an objection to a 公示 knows who: the ledger keeps their IDs
        # (written as the register form reads persons back: 姓名（身份证号）、…, whatever the language)
        prefill = {"description": c.content, "org": c.org_code or "", "program": c.program_code or "",
                   "persons": named or c.concerned or ""}
        return ProblemForm(self.app, self, complaint=c.number, prefill=prefill)

    def ask_register_problem(self) -> None:
        dialog = self.problem_dialog()
        if dialog is not None and dialog.exec():
            self.after_problem(dialog)

    def after_problem(self, dialog: ProblemForm) -> None:
        """Say which problem was registered and show the link."""
        c, p = self.current(), dialog.saved
        if c is not None and p is not None:
            self.after_change(c.uid, self.tr("已登记为问题 {0}，并与举报 {1} 关联。").format(p.number, c.number))

    # -- moves and evidence --------------------------------------------------------
    def reason_dialog(self, move: Move) -> ReasonDialog:
        label = term(MOVE_LABELS[Kind.COMPLAINT][move])
        c = self.current()
        return ReasonDialog(label, self.tr("{0} {1}：请写明理由。").format(label, c.number if c else ""), label, self)

    def ask_move(self, move: Move) -> None:
        """Take a move; 退回 and 回头看 ask for the reason first."""
        reason = ""
        if TRANSITIONS[move].needs_reason:
            dialog = self.reason_dialog(move)
            if not dialog.exec():
                return
            reason = dialog.text()
        self.move_current(move, reason)

    def move_current(self, move: Move, reason: str = "") -> Complaint | None:
        """Move the selected complaint one step, or show the services' refusal."""
        c = self.current()
        if c is None:
            return None
        try:
            with self.app.uow() as uow:
                moved = complaints.move(uow, self.app.actor, c.uid, move, reason, expected_version=c.version)
                uow.commit()
        except Exception as exc:
            show_error(self, exc)
            self.refresh()
            return None
        self.after_change(moved.uid, message("ledger.moved", number=moved.number,
                                             move=term(MOVE_LABELS[Kind.COMPLAINT][move]),
                                             state=term(moved.state_label)))
        return moved

    def add_evidence(self, paths: Sequence[Path]) -> None:
        """Attach files to the selected complaint, all or none."""
        c = self.current()
        if c is None:
            return
        try:
            with self.app.uow() as uow:
                for path in paths:
                    complaints.add_evidence(uow, self.app.actor, c.uid, path)
                uow.commit()
        except Exception as exc:
            show_error(self, exc)
            return
        names = self.tr("、", "separator of a list").join(p.name for p in paths)
        self.after_change(c.uid, self.tr("{0} 已添加佐证材料：{1}").format(c.number, names))

