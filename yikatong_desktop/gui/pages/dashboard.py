"""工作台: org, campaign phase and next deadline, the month's report, counts and amounts per year."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.campaign import Campaign, Deadline
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.reports import STATE_LABELS, Due, ReportState
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.tasks import run_task
from yikatong_desktop.gui.widgets.basics_panel import BasicsPanel
from yikatong_desktop.services import queries, reports
from yikatong_desktop.services.queries import Dashboard

#: The monthly report line from the 20th until it is sent, and when it is late (SPEC §7: due the 25th).
REPORT_WARN = "color: #c00000; font-weight: bold;"


def _card(title: str, value_label: QLabel) -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    frame.setStyleSheet("QFrame { background: #f7f9fc; border: 1px solid #d5dde8; border-radius: 6px; }")
    box = QVBoxLayout(frame)
    caption = QLabel(title)
    caption.setStyleSheet("border: none; color: #5a6b7f;")
    value_label.setStyleSheet("border: none; font-size: 22px; font-weight: bold; color: #1f3a5f;")
    box.addWidget(caption)
    box.addWidget(value_label)
    return frame


class DashboardPage(QWidget):
    """The first page a clerk sees."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        self.org_label = QLabel()
        self.org_label.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.phase_label = QLabel()
        self.deadline_label = QLabel()
        self.deadline_label.setStyleSheet("color: #a94442; font-weight: bold;")
        self.report_label = QLabel()
        self.report_label.setObjectName("reportDue")
        for w in (self.org_label, self.phase_label, self.deadline_label, self.report_label):
            layout.addWidget(w)
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        cards = (("persons", self.tr("补贴对象（人）")), ("payments", self.tr("发放记录（笔）")),
                 ("programs_paid", self.tr("在发项目 / 目录项目")), ("accounts", self.tr("银行账户（张）")),
                 ("banks", self.tr("代理银行（家）")), ("ledger", self.tr("问题台账：留号 / 逾期（个）")))
        for i, (key, title) in enumerate(cards):
            self.values[key] = QLabel("…")
            grid.addWidget(_card(title, self.values[key]), i // 3, i % 3)
        layout.addLayout(grid)
        layout.addWidget(QLabel(self.tr("<b>各年度发放情况</b>")))
        self.years = QTableWidget(0, 3)
        self.years.setHorizontalHeaderLabels([self.tr("年度"), self.tr("笔数"), self.tr("实发金额（元）")])
        self.years.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.years.verticalHeader().setVisible(False)
        self.years.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.years.verticalHeader().setDefaultSectionSize(32)
        layout.addWidget(self.years)
        self.basics_panel = BasicsPanel(app)
        layout.addWidget(self.basics_panel, 1)
        self.refresh()

    def refresh(self) -> None:
        """Load the figures in the background."""
        def load() -> tuple[Dashboard, Due | None, Campaign]:
            with self.app.reader() as uow:
                return (queries.dashboard(uow, self.app.actor), reports.due(uow, self.app.actor),
                        queries.campaign(uow))

        run_task(load, self._show, owner=self)
        self.basics_panel.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Back on the page after making or sending the month's report: its line follows."""
        super().showEvent(event)
        if self.org_label.text():  # loaded once already (the first load is started by __init__)
            self.refresh_due()

    def refresh_due(self) -> None:
        """Read the monthly report line again, in the background."""
        def load() -> Due | None:
            with self.app.reader() as uow:
                return reports.due(uow, self.app.actor)

        run_task(load, lambda due, error: self.show_due(due) if error is None else None, owner=self)

    def _date(self, day: date, form: str) -> str:
        """A day written with a date format of the interface language."""
        return QLocale().toString(QDate(day.year, day.month, day.day), form)

    def phase_text(self, camp: Campaign, today: date) -> str:
        """Where the campaign stands (Campaign.status_on, in the interface language)."""
        phase = camp.phase_on(today)
        if phase is not None:
            return self.tr("{0}（{1}—{2}）").format(term(phase.title), self._date(phase.start, self.tr("MM月dd日")),
                                                  self._date(phase.end, self.tr("MM月dd日")))
        first, last = camp.phases[0], camp.phases[-1]
        if today < first.start:
            return self.tr("尚未开始（{0}自{1}起）").format(term(first.title),
                                                       self._date(first.start, self.tr("yyyy年MM月dd日")))
        if today > last.end:
            return self.tr("专项整治阶段已结束，整改和销号继续")
        return self.tr("阶段间隙")

    def deadline_title(self, camp: Campaign, deadline: Deadline) -> str:
        """A deadline's title (Campaign.next_deadline makes two of them up: the monthly report, a phase's end)."""
        title = deadline.title
        if title.startswith("月报报送"):
            day = re.search(r"\d+", title)
            return self.tr("月报报送（每月{0}日前）").format(day.group(0) if day else camp.monthly_report_day)
        if title.endswith("结束") and any(p.title == title[:-2] for p in camp.phases):
            return self.tr("{0}结束").format(term(title[:-2]))
        return term(title)

    def _show(self, loaded: tuple[Dashboard, Due | None, Campaign] | None, error: BaseException | None) -> None:
        if error is not None or loaded is None:
            self.org_label.setText(user_text(error) if error else "")
            return
        board, due, camp = loaded
        self.show_due(due)
        f: dict[str, Any] = board.figures
        self.org_label.setText(self.tr("{0}（{1}）").format(board.org_name, board.org_code))
        self.phase_label.setText(self.tr("今天 {0}，当前阶段：{1}").format(board.today.isoformat(),
                                                                     self.phase_text(camp, board.today)))
        days = (board.next_deadline.day - board.today).days
        self.deadline_label.setText(self.tr("下一个期限：{0}　{1}（还有 {2} 天）").format(
            self.deadline_title(camp, board.next_deadline), board.next_deadline.day.isoformat(), days))
        self.values["persons"].setText(f"{f['persons']:,}")
        self.values["payments"].setText(f"{f['payments']:,}")
        self.values["programs_paid"].setText(f"{f['programs_paid']} / {f['programs_catalog']}")
        self.values["accounts"].setText(f"{f['accounts']:,}")
        self.values["banks"].setText(str(f["banks"]))
        kept = sum(n for state, n in board.problems.items() if state not in ("closed", "overdue"))
        self.values["ledger"].setText(f"{kept:,} / {board.problems.get('overdue', 0):,}")
        if board.problems.get("overdue"):
            self.values["ledger"].setStyleSheet("border: none; font-size: 22px; font-weight: bold; color: #a94442;")
        self.years.setRowCount(len(f["per_year"]))
        self.years.setFixedHeight(self.years.horizontalHeader().height() + 32 * max(1, len(f["per_year"])) + 4)
        for i, y in enumerate(f["per_year"]):
            for j, text in enumerate((self.tr("{0}年").format(y["year"]), f"{y['payments']:,}",
                                      format_yuan(y["paid_fen"]))):
                item = QTableWidgetItem(text)
                if j:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.years.setItem(i, j, item)

    def show_due(self, due: Due | None) -> None:
        """The month's report: due when, how far; red from the 20th until sent. Nothing outside the campaign."""
        self.report_label.setVisible(due is not None)
        self.report_label.setText(self.due_text(due) if due is not None else "")
        self.report_label.setStyleSheet(REPORT_WARN if due is not None and (due.warn or due.overdue) else "")

    def due_text(self, due: Due) -> str:
        """The month's report line (Due.text, in the interface language)."""
        month = self._date(due.month.start, self.tr("yyyy年M月"))
        state = term(STATE_LABELS[due.state])
        if due.state is ReportState.SENT:
            return self.tr("{0}月报：{1}").format(month, state)
        head = self.tr("{0}月报：{1}，{2}前报送").format(month, state, self._date(due.due, self.tr("M月d日")))
        if due.overdue:
            return head + self.tr("（已逾期）")
        return head + (self.tr("（请尽快签名报送）") if due.warn else "")
