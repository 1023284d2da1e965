"""登记异议: an objection raised while a 公示 is up (公示异议), registered as a complaint about the persons named.

The persons are named as the notice prints them (序号 or 姓名; the list of printed rows helps: a double-click
adds a row's 序号). The complaint it becomes (JB…) is followed up on the 举报 page like any other.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.gui.dialogs.form_base import ServiceForm
from yikatong_desktop.gui.dialogs.notice_posting import date_edit, pydate
from yikatong_desktop.services import notices
from yikatong_desktop.services.complaints import Complaint
from yikatong_desktop.services.ledger_fields import LABELS
from yikatong_desktop.services.notices import Notice

_SEPARATORS = re.compile(r"[、,，;；\s]+")
_SEQ = int(Qt.ItemDataRole.UserRole.value)


def split_persons(text: str) -> list[str]:
    """序号 or names as typed, separated by 、 , ； or spaces."""
    return [p for p in _SEPARATORS.split(text) if p]


class ObjectionDialog(ServiceForm):
    """登记异议 to one notice; `saved` holds the complaint registered."""

    def __init__(self, app: App, notice: Notice, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.notice = app, notice
        self.saved: Complaint | None = None
        self.setWindowTitle(self.tr("登记公示异议 {0}").format(notice.number))
        self.setMinimumWidth(600)
        self.add_note(self.tr("{0}\n公示期 {1} 至 {2}：公示期内收到的异议在这里登记，会生成一条“公示异议”举报，"
                              "在“举报”页跟进办理。").format(notice.title, notice.start_on.isoformat(),
                                                         notice.end_on.isoformat()))
        self.received_on = date_edit(min(max(today, notice.start_on), notice.end_on))
        self.persons = QLineEdit()
        self.persons.setPlaceholderText(self.tr("公示上的序号或姓名，多人用顿号分开，如 3、7"))
        self.rows = QListWidget()
        self.rows.setFixedHeight(110)
        self.rows.setToolTip(self.tr("双击一行，把它的序号加入“涉及人员”"))
        with app.reader() as uow:
            printed = notices.document(uow, app.actor, notice.uid).lines
        for line in printed:
            item = QListWidgetItem(f"{line.seq}　{line.name}　{line.masked_id}　{line.program}")
            item.setData(_SEQ, str(line.seq))
            self.rows.addItem(item)
        self.rows.itemDoubleClicked.connect(self._add_row)
        self.content = QPlainTextEdit()
        self.content.setFixedHeight(80)
        self.content.setPlaceholderText(self.tr("异议的内容：反映了什么问题"))
        self.anonymous = QCheckBox(self.tr("匿名（不记录异议人）"))
        self.complainant, self.contact = QLineEdit(), QLineEdit()
        self.anonymous.toggled.connect(self._anonymous_toggled)
        self.add_row(self.tr("收到日期"), self.received_on, key=LABELS["received_on"])
        self.add_row(self.tr("涉及人员"), self.persons, key=LABELS["persons"])
        self.add_row(self.tr("公示名单"), self.rows)
        self.add_row(self.tr("异议内容"), self.content, key=LABELS["content"])
        self.fields["anonymous"] = self.anonymous
        self.form.addRow("", self.anonymous)
        self.add_row(self.tr("异议人"), self.complainant, key=LABELS["complainant"])
        self.add_row(self.tr("联系方式"), self.contact, key=LABELS["contact"])
        self.add_buttons(self.tr("登记"), self.save)

    def _add_row(self, item: QListWidgetItem) -> None:
        seq = str(item.data(_SEQ))
        have = split_persons(self.persons.text())
        if seq not in have:
            self.persons.setText("、".join([*have, seq]))

    def _anonymous_toggled(self, on: bool) -> None:
        for edit in (self.complainant, self.contact):
            edit.setEnabled(not on)

    def save(self) -> None:
        """Register the objection; close on success, else say why and stay open."""
        if self.attempt(self._store):
            self.accept()

    def _store(self) -> None:
        anonymous = self.anonymous.isChecked()
        with self.app.uow() as uow:
            self.saved = notices.add_objection(
                uow, self.app.actor, self.notice.uid, content=self.content.toPlainText().strip(),
                persons=split_persons(self.persons.text()), received_on=pydate(self.received_on.date()),
                complainant="" if anonymous else self.complainant.text().strip(),
                contact="" if anonymous else self.contact.text().strip(), anonymous=anonymous)
            uow.commit()
