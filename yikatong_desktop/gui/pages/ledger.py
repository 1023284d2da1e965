"""问题台账 (SPEC §7): 挂号 → 整改中 → 申请销号 → 已销号, 留号 and overdue, the 专账, evidence, documents.

Every change goes through services.ledger in its own unit of work; what may be done
now, and why not, comes from the services too (move_options), so the buttons and
`ykt problem move` refuse alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.checklist import ITEMS
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.problems import MOVE_LABELS, STATE_LABELS, TRANSITIONS, Kind, Move, State
from yikatong_desktop.gui.dialogs.problem_actions import RecoverDialog, TransferDialog
from yikatong_desktop.gui.dialogs.problem_form import ProblemForm
from yikatong_desktop.gui.dialogs.reason_dialog import ReasonDialog
from yikatong_desktop.gui.errors import show_error
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.models.problems_model import ProblemsModel
from yikatong_desktop.gui.tasks import run_task
from yikatong_desktop.gui.widgets.choice_combos import filled_combo, org_choices, program_choices
from yikatong_desktop.gui.widgets.evidence_files import EvidenceBar
from yikatong_desktop.gui.widgets.move_buttons import MoveButtons
from yikatong_desktop.gui.widgets.problem_detail import problem_html
from yikatong_desktop.services import ledger
from yikatong_desktop.services.auth import permitted
from yikatong_desktop.services.ledger import Problem
from yikatong_desktop.services.ledger_moves import today

#: The state filter: the four states (words of the domain, shown through term()), then 留号 and 逾期
#: (derived, never stored; shown through translate("LedgerPage", …)).
STATE_FILTERS = [*((s.value, STATE_LABELS[Kind.PROBLEM][s]) for s in State),
                 ("kept_open", QT_TRANSLATE_NOOP("LedgerPage", "留号（未销号）")),
                 ("overdue", QT_TRANSLATE_NOOP("LedgerPage", "逾期"))]
#: The documents printed for a problem: their titles are those of services.ledger_documents (shown through term()).
DOCUMENTS = (("approval", "销号审批表"), ("transfer", "移交函"), ("notice", "整改通知书"))


def _filter_text(key: str, text: object) -> str:
    """A state filter's text in the interface language (QT_TRANSLATE_NOOP gives `object` to mypy)."""
    return term(str(text)) if key in {s.value for s in State} else QCoreApplication.translate("LedgerPage", str(text))


class LedgerPage(QWidget):
    """Filters above; the problems and the chosen one's detail; the actions below."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.last_written: Path | None = None
        self.state_filter = filled_combo([(k, _filter_text(k, t)) for k, t in STATE_FILTERS], self.tr("全部状态"))
        self.category_filter = filled_combo([(i.code, f"{i.code} {term(i.title)}") for i in ITEMS],
                                           self.tr("全部整治内容"))
        self.category_filter.setMaximumWidth(260)
        self.program_filter = filled_combo(program_choices(app), self.tr("全部项目"))
        self.program_filter.setMaximumWidth(220)
        self.org_filter = filled_combo(org_choices(app), self.tr("全部单位"))
        self.org_filter.setMaximumWidth(220)
        self.count_label = QLabel()
        filters = QHBoxLayout()
        for w in (self.state_filter, self.category_filter, self.program_filter, self.org_filter):
            filters.addWidget(w, 1)
            w.currentIndexChanged.connect(lambda _i: self.refresh())
        filters.addWidget(self.count_label, 2)

        self.model = ProblemsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        for col, width in enumerate((92, 64, 150, 76, 90, 80, 72, 78, 100, 60)):
            # never narrower than the heading (longer in English)
            self.table.setColumnWidth(col, max(width, self.table.horizontalHeader().sectionSizeHint(col)))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
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
        split.setSizes([860, 340])

        self.register_button = QPushButton(self.tr("登记问题…"))
        self.register_button.clicked.connect(lambda: self.ask_register())
        self.edit_button = QPushButton(self.tr("修改…"))
        self.edit_button.clicked.connect(self.ask_edit)
        self.moves = MoveButtons(Kind.PROBLEM)
        self.moves.chosen.connect(self.ask_move)
        self.transfer_button = QPushButton(self.tr("线索移交…"))
        self.transfer_button.clicked.connect(self.ask_transfer)
        self.recover_button = QPushButton(self.tr("追回资金…"))
        self.recover_button.clicked.connect(self.ask_recover)
        self.export_button = QPushButton(self.tr("导出台账…"))
        self.export_button.setToolTip(self.tr("把表中列出的问题（按当前筛选）写成 Excel 台账"))
        self.export_button.clicked.connect(self.ask_export)
        self.print_button = QPushButton(self.tr("打印"))
        self.print_menu = QMenu(self.print_button)
        self.print_actions = {}
        for doc, title in DOCUMENTS:
            action = self.print_menu.addAction(self.tr("{0}…").format(term(title)))
            action.triggered.connect(lambda _checked=False, d=doc: self.ask_print(d))
            self.print_actions[doc] = action
        self.print_button.setMenu(self.print_menu)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        first = QHBoxLayout()
        for b in (self.register_button, self.edit_button):
            first.addWidget(b)
        first.addSpacing(16)
        first.addWidget(self.moves)
        first.addStretch(1)
        second = QHBoxLayout()
        for b in (self.transfer_button, self.recover_button):
            second.addWidget(b)
        second.addWidget(self.status_label, 1)
        for b in (self.export_button, self.print_button):
            second.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(first)
        layout.addLayout(second)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Problems registered elsewhere (the 自查 page) show when the page is visited again."""
        super().showEvent(event)
        self.refresh()

    # -- reading ----------------------------------------------------------
    def refresh(self) -> None:
        """Read the problems matching the filters again, keeping the chosen one selected."""
        keep = self.current()
        state = self.state_filter.currentData()
        try:
            with self.app.reader() as uow:
                rows = ledger.list_problems(
                    uow, self.app.actor, states=[state] if state in {s.value for s in State} else [],
                    categories=[self.category_filter.currentData()] if self.category_filter.currentData() else [],
                    program=self.program_filter.currentData(), org=self.org_filter.currentData(),
                    overdue=state == "overdue", kept_open=state == "kept_open")
                day = today(uow)
        except Exception as exc:
            show_error(self, exc)
            return
        self.model.set_rows(rows, day)
        kept = sum(p.state is not State.CLOSED for p in rows)
        self.count_label.setText(message("ledger.count", count=len(rows), open=kept,
                                         overdue=sum(p.overdue(day) for p in rows)))
        self.register_button.setEnabled(permitted(self.app.actor, Action.REGISTER))
        row = self.model.row_of(keep.uid) if keep is not None else -1
        if self.model.rowCount():
            self.table.selectRow(max(row, 0))  # the chosen one stays chosen, else the first
        self.show_current()

    def current(self) -> Problem | None:
        """The problem selected in the table."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, uid: str) -> None:
        """Select a problem by uid (after registering it)."""
        row = self.model.row_of(uid)
        if row >= 0:
            self.table.selectRow(row)

    def show_current(self) -> None:
        """The detail pane, the evidence list and the buttons for the selected problem."""
        p = self.current()
        may_register = permitted(self.app.actor, Action.REGISTER)
        if p is None:
            self.detail.setHtml(self.tr("<p style='color:#777'>选中一个问题，查看全部信息、追回专账、佐证材料和"
                                        "处理记录。自查发现的疑点可在“自查”页选中后点“登记为问题…”。</p>"))
            self.moves.set_options(None)
            for b in (self.edit_button, self.transfer_button, self.recover_button, self.print_button):
                b.setEnabled(False)
            self.evidence.set_files([], may_add=False)
            return
        with self.app.reader() as uow:
            d = ledger.detail(uow, self.app.actor, p.uid)
            options = ledger.move_options(uow, self.app.actor, d.problem)
        self.detail.setHtml(problem_html(d, self.model.today))
        self.moves.set_options(options)
        open_state = p.state is not State.CLOSED
        self.edit_button.setEnabled(may_register and open_state)
        self.edit_button.setToolTip("" if open_state else self.tr("已销号的问题不能修改；如需重新整改，请先“回头看”。"))
        for b in (self.transfer_button, self.recover_button):
            b.setEnabled(may_register)
        self.evidence.set_files(d.evidence, may_add=may_register and open_state)
        self.print_button.setEnabled(True)

    # -- register and edit ---------------------------------------------------
    def register_dialog(self, findings: Sequence[str] = ()) -> ProblemForm:
        """The register form (not shown yet), from findings when their uids are given."""
        return ProblemForm(self.app, self, findings=findings)

    def ask_register(self, findings: Sequence[str] = ()) -> None:
        dialog = self.register_dialog(findings)
        if dialog.exec():
            self.after_register(dialog)

    def register_from_findings(self, uids: list[str]) -> None:
        """Open the register form for these findings: their amounts and persons are carried over."""
        self.ask_register(uids)

    def after_register(self, dialog: ProblemForm) -> None:
        """Say what was registered and select it."""
        p = dialog.saved
        if p is None:
            return
        self.status_label.setText(message("ledger.registered", number=p.number, category=p.category,
                                          yuan=format_yuan(p.amount_fen)))
        self.refresh()
        self.select(p.uid)

    def edit_dialog(self) -> ProblemForm | None:
        p = self.current()
        return ProblemForm(self.app, self, problem=p) if p is not None else None

    def ask_edit(self) -> None:
        dialog = self.edit_dialog()
        if dialog is not None and dialog.exec() and dialog.saved is not None:
            self.after_change(dialog.saved, message("ledger.updated", number=dialog.saved.number))

    def after_change(self, p: Problem | None, text: str) -> None:
        """Show the outcome of a change and the changed problem."""
        self.status_label.setText(text)
        self.refresh()
        if p is not None:
            self.select(p.uid)

    # -- moves -----------------------------------------------------------------
    def reason_dialog(self, move: Move) -> ReasonDialog:
        label = term(MOVE_LABELS[Kind.PROBLEM][move])
        p = self.current()
        prompt = self.tr("{0} {1}：请写明{2}的理由。").format(label, p.number if p else "", label)
        return ReasonDialog(label, prompt, label, self)

    def ask_move(self, move: Move) -> None:
        """Take a move; 退回 and 回头看 ask for the reason first."""
        reason = ""
        if TRANSITIONS[move].needs_reason:
            dialog = self.reason_dialog(move)
            if not dialog.exec():
                return
            reason = dialog.text()
        self.move_current(move, reason)

    def move_current(self, move: Move, reason: str = "") -> Problem | None:
        """Move the selected problem one step, or show the services' refusal."""
        p = self.current()
        if p is None:
            return None
        try:
            with self.app.uow() as uow:
                moved = ledger.move(uow, self.app.actor, p.uid, move, reason, expected_version=p.version)
                uow.commit()
        except Exception as exc:
            show_error(self, exc)
            self.refresh()
            return None
        self.after_change(moved, message("ledger.moved", number=moved.number,
                                         move=term(MOVE_LABELS[Kind.PROBLEM][move]), state=term(moved.state_label)))
        return moved

    # -- transfer, recover, evidence -------------------------------------------
    def transfer_dialog(self) -> TransferDialog | None:
        p = self.current()
        return TransferDialog(self.app, p, self.model.today, self) if p is not None else None

    def ask_transfer(self) -> None:
        dialog = self.transfer_dialog()
        if dialog is not None and dialog.exec() and dialog.saved is not None:
            s = dialog.saved
            self.after_change(s, message("ledger.transferred", number=s.number, to=term(s.transfer_to or ""),
                                         doc=s.transfer_doc))

    def recover_dialog(self) -> RecoverDialog | None:
        p = self.current()
        return RecoverDialog(self.app, p, self.model.today, self) if p is not None else None

    def ask_recover(self) -> None:
        dialog = self.recover_dialog()
        if dialog is not None and dialog.exec() and dialog.saved is not None:
            s, before = dialog.saved, dialog.problem.recovered_fen
            self.after_change(s, message("ledger.recovered", number=s.number,
                                         yuan=format_yuan(s.recovered_fen - before),
                                         total=format_yuan(s.recovered_fen)))

    def add_evidence(self, paths: Sequence[Path]) -> None:
        """Attach files to the selected problem, all or none."""
        p = self.current()
        if p is None:
            return
        try:
            with self.app.uow() as uow:
                for path in paths:
                    after = ledger.add_evidence(uow, self.app.actor, p.uid, path)
                uow.commit()
        except Exception as exc:
            show_error(self, exc)
            return
        names = self.tr("、", "separator of a list").join(path.name for path in paths)
        self.after_change(after, self.tr("{0} 已添加佐证材料：{1}").format(p.number, names))

    # -- export and print --------------------------------------------------------
    def ask_export(self) -> None:
        suggested = Path.home() / self.tr("问题台账_{0}.xlsx").format(self.model.today.isoformat())
        name, _ = QFileDialog.getSaveFileName(self, self.tr("导出问题台账"), str(suggested), "Excel (*.xlsx)")
        if name:
            self.export(Path(name))

    def export(self, path: Path) -> None:
        """Write the problems shown (as filtered) as the 台账 workbook, off the GUI thread."""
        shown = self.model.problems()

        def work() -> Path:
            from yikatong_desktop.services import ledger_documents  # written alongside; loaded when used

            with self.app.reader() as uow:
                ledger_documents.write_ledger_workbook(uow, self.app.actor, path, shown)
            return path

        run_task(work, self._written, owner=self)

    def ask_print(self, doc: str) -> None:
        p = self.current()
        if p is None:
            return
        title = term(dict(DOCUMENTS)[doc])
        suggested = Path.home() / f"{p.number}_{title}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("保存{0}").format(title), str(suggested), "PDF (*.pdf)")
        if name:
            self.print_document(doc, Path(name))

    def print_document(self, doc: str, path: Path) -> None:
        """销号审批表, 移交函 or 整改通知书 of the selected problem as a PDF, off the GUI thread."""
        p = self.current()
        if p is None:
            return

        def work() -> Path:
            from yikatong_desktop.services import ledger_documents

            with self.app.reader() as uow:
                ledger_documents.render_problem_document(uow, self.app.actor, p.uid, doc, path)
            return path

        run_task(work, self._written, owner=self)

    def _written(self, path: Path | None, error: BaseException | None) -> None:
        if error is not None or path is None:
            show_error(self, error or RuntimeError("nothing written"))
            return
        self.last_written = path
        self.status_label.setText(message("ledger.written", path=path))
