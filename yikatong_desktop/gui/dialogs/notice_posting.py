"""登记张贴: when (and by whom) a 公示 went up on the village wall, with a photo of it there (SPEC §7).

The date cannot be after today or after the notice period; 张贴人 left blank records the current user.
The photo (jpg, png or a scanned pdf) is kept as evidence of the notice.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.gui.dialogs.form_base import ServiceForm
from yikatong_desktop.services import notices
from yikatong_desktop.services.notices import Notice


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(day: date, *, latest: date | None = None) -> QDateEdit:
    """A date box with a calendar, showing yyyy-MM-dd."""
    edit = QDateEdit(qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(2000, 1, 1))
    if latest is not None:
        edit.setMaximumDate(qdate(latest))
    return edit


class PostingDialog(ServiceForm):
    """登记张贴 of one notice; `saved` holds the notice as recorded after 登记."""

    def __init__(self, app: App, notice: Notice, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.notice = app, notice
        self.saved: Notice | None = None
        self.setWindowTitle(self.tr("登记张贴 {0}").format(notice.number))
        self.setMinimumWidth(520)
        self.add_note(self.tr("{0}\n公示期 {1} 至 {2}").format(notice.title, notice.start_on.isoformat(),
                                                               notice.end_on.isoformat()))
        latest = min(today, notice.end_on)
        self.posted_on = date_edit(notice.posted_on or min(notice.start_on, latest), latest=latest)
        self.by = QLineEdit(notice.posted_by or "")
        self.by.setPlaceholderText(self.tr("不填则记为 {0}").format(app.actor.name))
        self.photo = QLineEdit()
        self.photo.setReadOnly(True)
        self.photo.setPlaceholderText(self.tr("可选：张贴现场的照片"))
        choose = QPushButton(self.tr("选择…"))
        choose.clicked.connect(self.ask_photo)
        clear = QPushButton(self.tr("清除"))
        clear.clicked.connect(self.photo.clear)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.photo, 1)
        row.addWidget(choose)
        row.addWidget(clear)
        self.add_row(self.tr("张贴日期"), self.posted_on, key="posted_on")
        self.add_row(self.tr("张贴人"), self.by)
        self.add_row(self.tr("照片"), holder)
        if notice.posted_on is not None:
            self.add_note(self.tr("已登记过张贴（{0}，{1}）：再次登记会改为新的日期，照片另行保存。").format(
                notice.posted_on.isoformat(), notice.posted_by or ""))
        self.add_buttons(self.tr("登记"), self.save)

    def ask_photo(self) -> None:
        kinds = self.tr("照片或扫描件 (*.jpg *.jpeg *.png *.pdf)")
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择张贴照片"), str(Path.home()), kinds)
        if name:
            self.set_photo(Path(name))

    def set_photo(self, path: Path | None) -> None:
        self.photo.setText("" if path is None else str(path))

    def save(self) -> None:
        """Record the posting; close on success, else say why and stay open."""
        if self.attempt(self._store):
            self.accept()

    def _store(self) -> None:
        photo = Path(self.photo.text()) if self.photo.text() else None
        with self.app.uow() as uow:
            self.saved = notices.record_posting(uow, self.app.actor, self.notice.uid, pydate(self.posted_on.date()),
                                                by=self.by.text().strip(), photo=photo,
                                                expected_version=self.notice.version)
            uow.commit()
