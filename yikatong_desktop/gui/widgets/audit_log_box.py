"""设置 → 审计日志: the audit events, newest first, filtered; and the chain verified on demand (SPEC §9)."""

from __future__ import annotations

import json

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.domain.messages import language, message
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.gui.widgets.tables import read_only_table
from yikatong_desktop.services import audit

LIMIT = 500
#: Action prefixes a clerk filters by, with their names.
ACTIONS = [("", QT_TRANSLATE_NOOP("AuditLogBox", "全部动作")),
           ("import", QT_TRANSLATE_NOOP("AuditLogBox", "导入")),
           ("check", QT_TRANSLATE_NOOP("AuditLogBox", "自查")),
           ("finding", QT_TRANSLATE_NOOP("AuditLogBox", "问题核实")),
           ("payment", QT_TRANSLATE_NOOP("AuditLogBox", "发放记录")),
           ("person", QT_TRANSLATE_NOOP("AuditLogBox", "人员")),
           ("program", QT_TRANSLATE_NOOP("AuditLogBox", "补贴项目")),
           ("standards", QT_TRANSLATE_NOOP("AuditLogBox", "补贴标准")),
           ("rules", QT_TRANSLATE_NOOP("AuditLogBox", "规则参数")),
           ("user", QT_TRANSLATE_NOOP("AuditLogBox", "用户")),
           ("db", QT_TRANSLATE_NOOP("AuditLogBox", "数据库")),
           ("init", QT_TRANSLATE_NOOP("AuditLogBox", "初始化"))]


class AuditLogBox(QWidget):
    """Filters over the events (user, action, object) and a verify button for the whole chain."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.user = QLineEdit()
        self.user.setPlaceholderText(self.tr("用户"))
        self.action = QComboBox()
        for code, title in ACTIONS:
            self.action.addItem(self.tr(str(title)), code)
        self.object_ref = QLineEdit()
        self.object_ref.setPlaceholderText(self.tr("对象：类型或 UID 前几位"))
        self.object_ref.setMinimumWidth(220)
        self.search_button = QPushButton(self.tr("查询"))
        self.search_button.clicked.connect(self.refresh)
        self.verify_button = QPushButton(self.tr("核验审计链"))
        self.verify_button.clicked.connect(self.verify)
        filters = QHBoxLayout()
        for widget in (self.user, self.action, self.object_ref, self.search_button):
            filters.addWidget(widget)
        filters.addStretch(1)
        filters.addWidget(self.verify_button)
        self.table = read_only_table([self.tr("时间"), self.tr("用户"), self.tr("动作"), self.tr("对象"),
                                              self.tr("详情（已脱敏）")], stretch_last=True)
        self.count_label = QLabel()
        self.verify_label = QLabel()
        self.verify_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.verify_label)
        self.refresh()

    def refresh(self) -> None:
        """The newest events that pass the filters (at most LIMIT)."""
        try:
            with self.app.reader() as uow:
                events = audit.list_events(uow, self.app.actor, user=self.user.text().strip() or None,
                                           object_ref=self.object_ref.text().strip() or None,
                                           action=self.action.currentData() or None, limit=LIMIT)
        except YktError as exc:
            self.count_label.setText(user_text(exc))
            self.table.setRowCount(0)
            return
        self.table.setRowCount(len(events))
        for i, e in enumerate(events):
            when = f"{e.at.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M:%S}" if e.at else self.tr("（无法读取）")
            detail = (json.dumps(e.detail, ensure_ascii=False, sort_keys=True) if e.detail is not None
                      else self.tr("（无法读取）"))
            thing = f"{e.object_kind or ''} {(e.object_uid or '')[:8]}".strip()
            for j, text in enumerate((when, e.actor, e.action, thing, detail)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        more = self.tr("（只显示最新的 {0} 条）").format(LIMIT) if len(events) == LIMIT else ""
        self.count_label.setText(self.tr("共 {0} 条{1}").format(len(events), more))

    def verify(self) -> None:
        """Walk every chain and say whether it is whole, or the first broken link."""
        try:
            with self.app.reader() as uow:
                report = audit.verify_chains(uow, self.app.recorded_head, self.app.own_orgs())
        except YktError as exc:
            self.verify_label.setText(user_text(exc))
            return
        if report.broken is not None:
            self.verify_label.setStyleSheet("color: #c00;")
            self.verify_label.setText(report.broken.describe(language()))
            return
        self.verify_label.setStyleSheet("color: #070;")
        self.verify_label.setText(self.tr("；").join(
            self.tr("{0}：{1}").format(org, message("audit.ok", count=c["events"], seq=c["head_seq"],
                                                   head=(c["head"] or "-")[:16]))
            for org, c in report.chains.items()))
