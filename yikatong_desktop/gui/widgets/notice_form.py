"""What a 公示 is made of (SPEC §7): the village, its program(s), the period and the notice period.

The 乡镇 choice filters the 村 choice; the period is typed as the services read it (2018, 2018Q2,
2018-05); the notice period may start on any day, past ones included (notices are also made for past
payments), and lasts at least seven days. 制表人 and 审核人 left blank print blank lines to sign by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.notices import DEFAULT_DAYS, MAX_DAYS, MIN_DAYS, notice_end
from yikatong_desktop.domain.periods import parse_period
from yikatong_desktop.domain.values_errors import ValueRejected
from yikatong_desktop.gui.widgets.notice_programs import ProgramPicker
from yikatong_desktop.services import orgs
from yikatong_desktop.services.notices import NoticeRequest


@dataclass(frozen=True)
class Places:
    """The townships this installation covers and their villages: (code, name) each."""

    townships: list[tuple[str, str]]
    villages: dict[str, list[tuple[str, str]]]


def places(app: App) -> Places:
    """This office's townships (itself, when it is one) and each one's villages, in code order."""
    with app.reader() as uow:
        own = str(uow.get_setting("org.code", ""))
        units = orgs.org_units(uow, app.actor)
    parent = {u.code: u.parent_code for u in units}

    def under_own(code: str | None) -> bool:
        seen = 0
        while code is not None and seen < 12:
            if code == own:
                return True
            code, seen = parent.get(code), seen + 1
        return False

    towns = [u for u in units if u.level == "township" and under_own(u.code)] or \
        [u for u in units if u.level == "township"]
    villages: dict[str, list[tuple[str, str]]] = {t.code: [] for t in towns}
    for u in units:
        if u.level == "village" and u.parent_code in villages:
            villages[u.parent_code].append((u.code, u.name))
    return Places([(t.code, t.name) for t in towns], villages)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class NoticeForm(QGroupBox):
    """The fields of a notice; `request()` is what services.notices.draft and make take."""

    township_changed = Signal()
    changed = Signal()

    def __init__(self, app: App, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("制作公示"))
        self.places = places(app)
        self.township = QComboBox()
        for code, name in self.places.townships:
            self.township.addItem(name, code)
        self.village = QComboBox()
        with app.reader() as uow:
            catalogue = orgs.catalogue_programs(uow, app.actor)
        self.programs = ProgramPicker(catalogue)
        self.period = QLineEdit(str(today.year - 1))
        self.period.setPlaceholderText(self.tr("如 2018"))
        self.period.setMaximumWidth(90)
        period_hint = QLabel(self.tr("年度 2018，季度 2018Q2，月份 2018-05"))
        period_hint.setStyleSheet("color: #666;")
        self.start = QDateEdit(_qdate(today))
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.start.setMinimumDate(QDate(2000, 1, 1))
        self.start.setToolTip(self.tr("公示开始日期；可以是过去的日期（为已发放的补贴补做公示）"))
        self.days = QSpinBox()
        self.days.setRange(MIN_DAYS, MAX_DAYS)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setSuffix(self.tr(" 天"))
        self.days.setToolTip(self.tr("公示期不少于 {0} 天").format(MIN_DAYS))
        self.end_label = QLabel()
        self.preparer, self.reviewer = QLineEdit(), QLineEdit()
        for edit, who in ((self.preparer, self.tr("制表人")), (self.reviewer, self.tr("审核人"))):
            edit.setPlaceholderText(self.tr("空着则留签字横线"))
            edit.setToolTip(self.tr("{0}：不填时公示上留一条横线，打印后手签").format(who))
        self.landscape = QCheckBox(self.tr("横向打印（A4 横放，列宽更宽）"))

        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self.tr("乡镇："), self.township)
        form.addRow(self.tr("村（社区）："), self.village)
        form.addRow(self.tr("补贴项目："), self.programs)
        form.addRow(self.tr("期间："), _row(self.period, period_hint, stretch=True))
        form.addRow(self.tr("公示开始："), _row(self.start, self.days, self.end_label, stretch=True))
        form.addRow(self.tr("制表人："), self.preparer)
        form.addRow(self.tr("审核人："), self.reviewer)
        form.addRow("", self.landscape)

        self.township.currentIndexChanged.connect(self._township_changed)
        self.village.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.programs.changed.connect(self.changed.emit)
        for edit in (self.period, self.preparer, self.reviewer):
            edit.textEdited.connect(lambda _t: self.changed.emit())
        self.landscape.toggled.connect(lambda _on: self.changed.emit())
        self.start.dateChanged.connect(lambda _d: self._show_end())
        self.days.valueChanged.connect(lambda _v: self._show_end())
        self._fill_villages()
        self._show_end()

    def _township_changed(self) -> None:
        self._fill_villages()
        self.township_changed.emit()
        self.changed.emit()

    def _fill_villages(self) -> None:
        self.village.blockSignals(True)
        self.village.clear()
        for code, name in self.places.villages.get(str(self.township.currentData()), []):
            self.village.addItem(name, code)
        self.village.blockSignals(False)

    def _show_end(self) -> None:
        self.end_label.setText(self.tr("至 {0}").format(notice_end(self.start_day(), self.days.value()).isoformat()))
        self.changed.emit()

    def start_day(self) -> date:
        """The chosen first day of the notice period."""
        d = self.start.date()
        return date(d.year(), d.month(), d.day())

    def township_code(self) -> str | None:
        value = self.township.currentData()
        return None if value is None else str(value)

    def village_code(self) -> str | None:
        value = self.village.currentData()
        return None if value is None else str(value)

    def choose(self, *, township: str | None = None, village: str | None = None,
               programs: list[str] | None = None, period: str | None = None, start: date | None = None) -> None:
        """Set fields by value (tests, and a notice chosen from the coverage table)."""
        if village is not None and township is None:
            township = next((t for t, vs in self.places.villages.items() if any(c == village for c, _ in vs)), None)
        if township is not None and self.township.findData(township) >= 0:
            self.township.setCurrentIndex(self.township.findData(township))
        if village is not None and self.village.findData(village) >= 0:
            self.village.setCurrentIndex(self.village.findData(village))
        if programs is not None:
            self.programs.set_checked(programs)
        if period is not None:
            self.period.setText(period)
            self.changed.emit()
        if start is not None:
            self.start.setDate(_qdate(start))

    def period_text(self) -> str | None:
        """The period typed when the services would read it, else None."""
        text = self.period.text().strip()
        try:
            parse_period(text)
        except ValueRejected:
            return None
        return text

    def request(self) -> NoticeRequest:
        """The notice asked for (the services say what is missing or wrong)."""
        return NoticeRequest(village=self.village_code() or "", programs=tuple(self.programs.checked_codes()),
                             period=self.period.text().strip(), start=self.start_day(), days=self.days.value(),
                             preparer=self.preparer.text().strip(), reviewer=self.reviewer.text().strip(),
                             landscape=self.landscape.isChecked())


def _row(*widgets: QWidget, stretch: bool = False) -> QWidget:
    holder = QWidget()
    line = QHBoxLayout(holder)
    line.setContentsMargins(0, 0, 0, 0)
    for w in widgets:
        line.addWidget(w)
    if stretch:
        line.addStretch(1)
    return holder
