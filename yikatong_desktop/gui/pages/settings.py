"""设置: the org this installation is, and the campaign dates (editable)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.campaign import Campaign, Phase
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.domain.orgs import LEVEL_LABELS, OrgLevel
from yikatong_desktop.gui.errors import show_error, user_text
from yikatong_desktop.services import queries


class SettingsPage(QWidget):
    """Org shown read-only; the four campaign phases editable and saved with an audit event."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        with app.reader() as uow:
            org = (uow.get_setting("org.code"), uow.get_setting("org.name"), uow.get_setting("org.level"))
            self.campaign = queries.campaign(uow)
        org_box = QGroupBox(self.tr("本单位"))
        form = QFormLayout(org_box)
        form.addRow(self.tr("单位代码："), QLabel(str(org[0])))
        form.addRow(self.tr("单位名称："), QLabel(str(org[1])))
        level = LEVEL_LABELS.get(OrgLevel(org[2]), str(org[2])) if org[2] else ""
        form.addRow(self.tr("级别："), QLabel(level))
        form.addRow(self.tr("数据库："), QLabel(app.location.display))
        layout.addWidget(org_box)

        camp_box = QGroupBox(self.tr("专项整治阶段（{0}年）").format(self.campaign.year))
        camp_form = QFormLayout(camp_box)
        self.edits: list[tuple[QDateEdit, QDateEdit]] = []
        for phase in self.campaign.phases:
            start, end = QDateEdit(), QDateEdit()
            for edit, day in ((start, phase.start), (end, phase.end)):
                edit.setCalendarPopup(True)
                edit.setDisplayFormat("yyyy-MM-dd")
                edit.setDate(QDate(day.year, day.month, day.day))
            row = QHBoxLayout()
            row.addWidget(start)
            row.addWidget(QLabel("—"))
            row.addWidget(end)
            row.addStretch(1)
            camp_form.addRow(f"{phase.title}：", row)
            self.edits.append((start, end))
        self.save_button = QPushButton(self.tr("保存阶段日期"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        camp_form.addRow(self.save_button, self.status)
        layout.addWidget(camp_box)
        layout.addStretch(1)

    def edited_campaign(self) -> Campaign:
        """The campaign with the dates as shown in the editors."""
        phases = tuple(
            Phase(p.key, p.title, s.date().toPython(), e.date().toPython())  # type: ignore[arg-type]
            for p, (s, e) in zip(self.campaign.phases, self.edits, strict=True)
        )
        return replace(self.campaign, phases=phases)

    def save(self) -> None:
        """Store the campaign dates; the service checks them and says what is wrong."""
        value = self.edited_campaign()
        try:
            with self.app.uow() as uow:
                queries.set_campaign(uow, self.app.actor, value)
                uow.commit()
        except YktError as exc:
            self.status.setText(user_text(exc))
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.campaign = value
        self.status.setText(self.tr("已保存。"))
