"""设置: the org this installation is, the campaign dates (editable), the interface language of this computer,
the program catalogue (merge new ones), and the tabs of the other settings."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.bootstrap.preferences import save_language, saved_language
from yikatong_desktop.domain.campaign import Campaign, Phase
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.domain.messages import environment_language, language
from yikatong_desktop.domain.orgs import LEVEL_LABELS, OrgLevel
from yikatong_desktop.gui.dialogs.merge_program import MergeProgramDialog
from yikatong_desktop.gui.errors import show_error, user_text
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.widgets.audit_log_box import AuditLogBox
from yikatong_desktop.gui.widgets.backups_box import BackupsBox
from yikatong_desktop.gui.widgets.hotline_box import HotlineBox
from yikatong_desktop.gui.widgets.rule_params_box import RuleParamsBox
from yikatong_desktop.gui.widgets.users_box import UsersBox
from yikatong_desktop.services import programs, queries
from yikatong_desktop.services.programs import ProgramInfo

#: The interface languages, each named in itself (whoever reads it must find their own).
LANGUAGE_NAMES = {"zh": "中文", "en": "English"}


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
        level = term(LEVEL_LABELS.get(OrgLevel(org[2]), str(org[2]))) if org[2] else ""
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
            camp_form.addRow(self.tr("{0}：").format(term(phase.title)), row)
            self.edits.append((start, end))
        self.save_button = QPushButton(self.tr("保存阶段日期"))
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        camp_form.addRow(self.save_button, self.status)
        # One tab per concern: the page had grown past one screen.
        self.tabs = QTabWidget()
        first = QWidget()
        first_layout = QVBoxLayout(first)
        first_layout.addWidget(org_box)
        first_layout.addWidget(camp_box)
        first_layout.addWidget(self._language_box())
        first_layout.addStretch(1)
        self.tabs.addTab(first, self.tr("本单位与阶段"))
        self.tabs.addTab(self._programs_box(), self.tr("补贴项目目录"))
        self.rule_params = RuleParamsBox(app)
        self.tabs.addTab(self.rule_params, self.tr("自查规则参数"))
        self.hotline = HotlineBox(app)
        self.tabs.addTab(self.hotline, self.tr("举报电话"))
        self.users = UsersBox(app)
        self.tabs.addTab(self.users, self.tr("用户"))
        self.audit_log = AuditLogBox(app)
        self.tabs.addTab(self.audit_log, self.tr("审计日志"))
        self.backups = BackupsBox(app)
        self.tabs.addTab(self.backups, self.tr("备份与恢复"))
        layout.addWidget(self.tabs, 1)

    def _language_box(self) -> QGroupBox:
        """界面语言: a preference of this computer (any user may change it), used from the next start."""
        box = QGroupBox(self.tr("界面语言"))
        self.language = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language.addItem(name, code)
        self.language.addItem(self.tr("跟随系统（{0}）").format(LANGUAGE_NAMES[environment_language()]), None)
        chosen = saved_language()
        self.language.setCurrentIndex(self.language.findData(chosen) if chosen else self.language.count() - 1)
        self.language.currentIndexChanged.connect(lambda _i: self.language_chosen())
        self.language_status = QLabel(self.tr("只影响这台电脑，重启软件后生效。"))
        self.language_status.setWordWrap(True)
        row = QHBoxLayout(box)
        row.addWidget(self.language)
        row.addWidget(self.language_status, 1)
        return box

    def language_chosen(self) -> None:
        """Remember the language chosen; the window keeps its language until the program starts again."""
        chosen = self.language.currentData()
        try:
            save_language(chosen)
        except OSError as exc:
            self.language_status.setText(self.tr("无法保存界面语言：{0}").format(exc))
            return
        if (chosen or environment_language()) == language():
            self.language_status.setText(self.tr("已保存。"))
        else:
            self.language_status.setText(self.tr("已保存，重启软件后生效。"))

    def _programs_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("补贴项目目录（导入时新建的项目请并入目录中的项目）"))
        self.programs = QTableWidget(0, 5)
        self.programs.setHorizontalHeaderLabels([self.tr("代码"), self.tr("名称"), self.tr("部门"),
                                                 self.tr("发放笔数"), self.tr("说明")])
        self.programs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.programs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.programs.verticalHeader().setVisible(False)
        self.programs.horizontalHeader().setStretchLastSection(True)
        self.programs.itemSelectionChanged.connect(self._program_selected)
        self.merge_button = QPushButton(self.tr("并入目录中的项目…"))
        self.merge_button.setEnabled(False)
        self.merge_button.clicked.connect(self.open_merge)
        self.merge_dialog: MergeProgramDialog | None = None
        self.program_status = QLabel()
        column = QVBoxLayout(box)
        column.addWidget(self.programs, 1)
        row = QHBoxLayout()
        row.addWidget(self.merge_button)
        row.addWidget(self.program_status, 1)
        column.addLayout(row)
        self.refresh_programs()
        return box

    def refresh_programs(self) -> None:
        """The catalogue, new (XZnn) programs first."""
        with self.app.reader() as uow:
            rows = programs.list_programs(uow, self.app.actor)
        self.program_rows: list[ProgramInfo] = sorted(rows, key=lambda p: (not p.local, p.code))
        self.programs.setRowCount(len(self.program_rows))
        for i, p in enumerate(self.program_rows):
            note = self.tr("导入时新建，待并入") if p.local else ("" if p.in_scope else self.tr("不在整治范围"))
            for j, value in enumerate((p.code, p.name, p.department, str(p.payments), note)):
                self.programs.setItem(i, j, QTableWidgetItem(value))
        self.programs.resizeColumnsToContents()
        self.merge_button.setEnabled(False)

    def _program_selected(self) -> None:
        row = self.programs.currentRow()
        self.merge_button.setEnabled(0 <= row < len(self.program_rows) and self.program_rows[row].local)

    def open_merge(self) -> MergeProgramDialog | None:
        """The 并入 dialog for the selected new program (window-modal, not blocking)."""
        row = self.programs.currentRow()
        if not 0 <= row < len(self.program_rows):
            return None
        dialog = MergeProgramDialog(self.app, self.program_rows[row], self.program_rows, self)
        dialog.accepted.connect(lambda: self._merged(dialog))
        self.merge_dialog = dialog
        dialog.open()
        return dialog

    def _merged(self, dialog: MergeProgramDialog) -> None:
        if dialog.merged is not None:
            self.program_status.setText(self.tr("已把 {0} 并入 {1}：{2} 笔发放记录。").format(
                dialog.merged.source, dialog.merged.target, dialog.merged.moved["payments"]))
        self.refresh_programs()

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
