"""线索移交 and 追回资金: the two ledger entries besides the problem's own fields (SPEC §7)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.problems import RECEIVERS
from yikatong_desktop.gui.dialogs.form_base import ServiceForm
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.services import ledger
from yikatong_desktop.services.ledger import Problem
from yikatong_desktop.services.ledger_fields import LABELS

#: Fields services.ledger names (in Chinese) when it refuses them: shown translated, keyed by the Chinese.
_DOCUMENT = QT_TRANSLATE_NOOP("TransferDialog", "移交文号")
_RECEIPT = QT_TRANSLATE_NOOP("RecoverDialog", "收据号")


def date_edit(day: date) -> QDateEdit:
    """A date box with a calendar, showing yyyy-MM-dd."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def picked(edit: QDateEdit) -> date:
    """The date a date box shows."""
    d = edit.date()
    return date(d.year(), d.month(), d.day())


class TransferDialog(ServiceForm):
    """线索移交: to 纪检监察机关 or 司法机关, on a date, under a document number."""

    def __init__(self, app: App, problem: Problem, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.problem = app, problem
        self.saved: Problem | None = None
        self.setWindowTitle(self.tr("线索移交 {0}").format(problem.number))
        self.setMinimumWidth(420)
        self.receiver = QComboBox()
        for r in RECEIVERS:
            self.receiver.addItem(term(r), r)
        if problem.transfer_to in RECEIVERS:
            self.receiver.setCurrentIndex(RECEIVERS.index(problem.transfer_to))
        self.on = date_edit(problem.transfer_on or today)
        self.document = QLineEdit(problem.transfer_doc or "")
        self.document.setPlaceholderText(self.tr("如 呼财监〔2019〕12号"))
        self.add_row(self.tr("接收机关"), self.receiver)
        self.add_row(self.tr("移交日期"), self.on, key=LABELS["transfer_on"])  # the field a refusal names
        self.add_row(self.tr(str(_DOCUMENT)), self.document, key=str(_DOCUMENT))
        self.add_buttons(self.tr("移交"), self.save)

    def save(self) -> None:
        """Record the transfer and close, or show why not."""
        if self.attempt(self._store):
            self.accept()

    def _store(self) -> None:
        with self.app.uow() as uow:
            self.saved = ledger.transfer(uow, self.app.actor, self.problem.uid, str(self.receiver.currentData()),
                                         picked(self.on), self.document.text())
            uow.commit()


class RecoverDialog(ServiceForm):
    """追回资金: a line of the 专账 — amount, date, receipt number, note."""

    def __init__(self, app: App, problem: Problem, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.problem = app, problem
        self.saved: Problem | None = None
        self.setWindowTitle(self.tr("追回资金 {0}").format(problem.number))
        self.setMinimumWidth(420)
        self.add_note(self.tr("涉及金额 {0} 元，已追回 {1} 元。").format(format_yuan(problem.amount_fen),
                                                                  format_yuan(problem.recovered_fen)))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("元，如 1200.50"))
        self.on = date_edit(today)
        self.on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.receipt = QLineEdit()
        self.note = QLineEdit()
        self.add_row(self.tr("追回金额"), self.amount, key=LABELS["recovered"])  # the field a refusal names
        self.add_row(self.tr("追回日期"), self.on, key=LABELS["recovered_on"])
        self.add_row(self.tr(str(_RECEIPT)), self.receipt, key=str(_RECEIPT))
        self.add_row(self.tr("备注"), self.note)
        self.add_buttons(self.tr("记入专账"), self.save)

    def save(self) -> None:
        """Add the line and close, or show why not."""
        if self.attempt(self._store):
            self.accept()

    def _store(self) -> None:
        with self.app.uow() as uow:
            self.saved = ledger.recover(uow, self.app.actor, self.problem.uid, self.amount.text().strip(),
                                        picked(self.on), self.receipt.text(), self.note.text())
            uow.commit()
