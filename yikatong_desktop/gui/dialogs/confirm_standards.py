"""确认标准: the 补贴标准 an import saw that the catalogue lacks; the clerk ticks the real ones into it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.services import standards
from yikatong_desktop.services.standards import StandardProposal


class ConfirmStandardsDialog(QDialog):
    """Ticked proposals are confirmed into the catalogue, the others stay proposed (or are rejected)."""

    def __init__(self, app: App, proposals: list[StandardProposal], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.proposals = app, proposals
        self.confirmed: list[standards.Standard] = []
        self.setWindowTitle(self.tr("确认补贴标准"))
        intro = QLabel(self.tr("导入的文件里有以下补贴标准，项目目录中还没有。勾选正确的标准，确认后列入项目目录，"
                               "自查“超标准发放”以它为准。"))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(proposals), 5)
        self.table.setHorizontalHeaderLabels([self.tr("补贴项目"), self.tr("年度"), self.tr("标准（元）"),
                                              self.tr("单位"), self.tr("行数")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for i, p in enumerate(proposals):
            name = QTableWidgetItem(f"{p.program_code} {p.program_name}"
                                    + (self.tr("（{0}）").format(p.tier) if p.tier else ""))
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(i, 0, name)
            for j, text in enumerate((str(p.year), format_yuan(p.amount_fen), p.unit, str(p.rows)), start=1):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.message = QLabel()
        self.message.setStyleSheet("color: #c00;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.confirm_button = QPushButton(self.tr("确认勾选的标准"))
        self.reject_button = QPushButton(self.tr("驳回勾选的（不是标准）"))
        buttons.addButton(self.confirm_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.reject_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button.clicked.connect(lambda: self.decide(confirm=True))
        self.reject_button.clicked.connect(lambda: self.decide(confirm=False))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def set_checked(self, row: int, checked: bool) -> None:
        """Tick or untick one proposal."""
        self._box(row).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def ticked(self) -> list[StandardProposal]:
        """The proposals ticked now."""
        return [p for i, p in enumerate(self.proposals)
                if self._box(i).checkState() == Qt.CheckState.Checked]

    def _box(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, 0)
        assert item is not None
        return item

    def decide(self, *, confirm: bool) -> None:
        """Confirm (or reject) the ticked proposals in one audited transaction."""
        chosen = [p.uid for p in self.ticked()]
        if not chosen:
            self.message.setText(self.tr("没有勾选任何标准。"))
            return
        try:
            with self.app.uow() as uow:
                act = standards.confirm_standards if confirm else standards.reject_standards
                done = act(uow, self.app.actor, chosen)
                uow.commit()
        except YktError as exc:
            self.message.setText(user_text(exc))
            return
        if confirm:
            self.confirmed = done
        self.accept()
