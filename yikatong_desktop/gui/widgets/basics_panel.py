"""底数 on the 工作台: programs, beneficiaries, amounts by year, payment methods, agent banks (SPEC §2, §10).

Computed off the GUI thread (gui.tasks.run_task) by services.basics, the same
figures `ykt basics` prints.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.tasks import run_task
from yikatong_desktop.services import basics
from yikatong_desktop.services.basics import METHOD_LABELS, Basics

ROW_HEIGHT = 28


def _table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setMinimumHeight(ROW_HEIGHT * 5)  # on a small screen the table scrolls; the page does not grow
    return table


def _fill(table: QTableWidget, rows: list[list[str]], numeric_from: int, stretch: int) -> None:
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            item = QTableWidgetItem(text)
            if j >= numeric_from:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(i, j, item)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class BasicsPanel(QGroupBox):
    """The 底数 group box; `refresh()` recomputes it in the background."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setTitle(self.tr("底数（摸清底数：补贴项目、发放方式、金额、管理部门、代理银行）"))
        self.basics: Basics | None = None
        layout = QVBoxLayout(self)
        self.headline = QLabel(self.tr("正在统计……"))
        self.headline.setWordWrap(True)
        self.methods = QLabel()
        self.methods.setWordWrap(True)
        self.programs = _table([])
        self.banks = _table([self.tr("代理银行"), self.tr("账户数"), self.tr("受益人数"), self.tr("笔数"),
                             self.tr("金额（元）")])
        layout.addWidget(self.headline)
        layout.addWidget(self.methods)
        tables = QHBoxLayout()
        tables.addWidget(self.programs, 7)
        tables.addWidget(self.banks, 3)
        layout.addLayout(tables, 1)

    def refresh(self) -> None:
        """Compute the 底数 in the background; shown when done."""
        def load() -> Basics:
            with self.app.reader() as uow:
                return basics.basics(uow, self.app.actor, detail=False)

        run_task(load, self._show, owner=self)

    def _show(self, result: Basics | None, error: BaseException | None) -> None:
        if error is not None or result is None:
            self.headline.setText(user_text(error) if error else "")
            return
        self.basics = result
        t = result.total
        self.headline.setText(self.tr("补贴项目 {0} 项（主管部门 {1} 个），受益 {2} 人、{3} 户，发放 {4} 笔，"
                                      "金额 {5} 元；银行账户 {6} 个，代理银行 {7} 家。").format(
            t.programs, t.departments, f"{t.persons:,}", f"{t.households:,}", f"{t.payments:,}",
            format_yuan(t.paid_fen), f"{t.accounts:,}", t.banks))
        self.methods.setText(self.tr("发放方式（按笔数）：") + self.tr("，", "separator of phrases").join(
            self.tr("{0} {1} 笔（{2}）").format(term(label), f"{t.methods[m][0]:,}", f"{t.share(m):.2%}")
            for m, label in METHOD_LABELS.items()))
        years = list(result.years)
        self.programs.setColumnCount(5 + len(years) + 2)
        self.programs.setHorizontalHeaderLabels(
            [self.tr("代码"), self.tr("补贴项目"), self.tr("主管部门"), self.tr("受益人数"), self.tr("笔数"),
             *[self.tr("{0}年（元）").format(y) for y in years], self.tr("合计（元）"), self.tr("一卡通占比")])
        rows = [[p.code, p.name, p.department, f"{p.figures.persons:,}", f"{p.figures.payments:,}",
                 *[format_yuan(p.by_year[y].paid_fen) if y in p.by_year else "0.00" for y in years],
                 format_yuan(p.figures.paid_fen), f"{p.figures.share('card'):.2%}"] for p in result.programs]
        rows.append([self.tr("合计"), "", "", f"{t.persons:,}", f"{t.payments:,}",
                     *[format_yuan(result.by_year[y].paid_fen) for y in years], format_yuan(t.paid_fen),
                     f"{t.share('card'):.2%}"])
        _fill(self.programs, rows, 3, stretch=1)
        _fill(self.banks, [[u.bank, f"{u.accounts:,}", f"{u.persons:,}", f"{u.payments:,}", format_yuan(u.paid_fen)]
                           for u in result.banks], 1, stretch=0)
