"""设置 → 自查规则: every rule parameter with its current value, edited through services.rule_params (SPEC §6).

The same service as `ykt rules set|reset`: a value is validated there (integer ≥ 0,
per program only where the catalogue allows) and each change is audited.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.gui.errors import show_error, user_text
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.services import programs, rule_params
from yikatong_desktop.services.rule_params import Change, ParamInfo, RuleInfo


class RuleParamsBox(QGroupBox):
    """A table of (rule, parameter) rows and an editor for the selected one."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setTitle(self.tr("自查规则参数（修改后下次运行自查时生效）"))
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("规则"), self.tr("名称"), self.tr("参数"), self.tr("当前值"),
                                              self.tr("默认值"), self.tr("各项目单独设定")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selected)
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("不小于 0 的整数"))
        self.value.setMaximumWidth(160)
        self.value.returnPressed.connect(self.save)
        self.program = QComboBox()
        self.save_button = QPushButton(self.tr("保存"))
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton(self.tr("恢复默认"))
        self.reset_button.clicked.connect(self.reset)
        self.message = QLabel()
        self.message.setWordWrap(True)
        editor = QHBoxLayout()
        for w in (QLabel(self.tr("新值：")), self.value, QLabel(self.tr("适用于：")), self.program, self.save_button,
                  self.reset_button):
            editor.addWidget(w)
        editor.addWidget(self.message, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.table, 1)
        column.addLayout(editor)
        with app.reader() as uow:
            self.programs = [(p.code, p.name) for p in programs.list_programs(uow, app.actor) if p.in_scope]
        self.rows: list[tuple[RuleInfo, ParamInfo]] = []
        self.refresh()

    def refresh(self) -> None:
        """Reload the catalogue and its current values, keeping the selection."""
        keep = self.current()
        with self.app.reader() as uow:
            rules = rule_params.catalogue(uow, self.app.actor)
        self.rows = [(r, p) for r in rules for p in r.params]
        self.table.setRowCount(len(self.rows))
        for i, (r, p) in enumerate(self.rows):
            own = "、".join(f"{code}={v}" for code, v in p.programs.items())
            own = own or (self.tr("（可按项目设置）") if p.per_program else "")
            value = str(p.value) + (self.tr("（已修改）") if p.changed else "")
            param = self.tr("{0}（{1}）").format(term(p.title), p.name)
            for j, text in enumerate((r.code, term(r.title), param, value, str(p.default), own)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if keep is not None:
            for i, (r, p) in enumerate(self.rows):
                if (r.code, p.name) == (keep[0].code, keep[1].name):
                    self.table.selectRow(i)
        self._selected()

    def current(self) -> tuple[RuleInfo, ParamInfo] | None:
        """The selected rule and parameter."""
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) and self.table.selectedItems() else None

    def select(self, code: str, param: str) -> None:
        """Select a parameter's row (tests, links from elsewhere)."""
        for i, (r, p) in enumerate(self.rows):
            if (r.code, p.name) == (code, param):
                self.table.selectRow(i)

    def _selected(self) -> None:
        chosen = self.current()
        for w in (self.value, self.program, self.save_button, self.reset_button):
            w.setEnabled(chosen is not None)
        self.program.clear()
        self.program.addItem(self.tr("全部项目"), None)
        if chosen is None:
            return
        _rule, p = chosen
        self.value.setText(str(p.value))
        if p.per_program:
            for code, name in self.programs:
                self.program.addItem(f"{code} {name}", code)
        self.program.setEnabled(p.per_program)

    def save(self) -> None:
        """Store the value typed (for the chosen program, if any), or say why not."""
        self._apply(lambda uow, r, p, program: rule_params.set_param(uow, self.app.actor, r.code, p.name,
                                                                       self.value.text(), program=program))

    def reset(self) -> None:
        """Back to the default (for the chosen program: its own value removed)."""
        self._apply(lambda uow, r, p, program: rule_params.reset_param(uow, self.app.actor, r.code, p.name,
                                                                         program=program))

    def _apply(self, action: object) -> None:
        chosen = self.current()
        if chosen is None:
            return
        r, p = chosen
        program = self.program.currentData()
        try:
            with self.app.uow() as uow:
                change: Change = action(uow, r, p, program)  # type: ignore[operator]
                uow.commit()
        except YktError as exc:
            self.message.setStyleSheet("color: #a94442;")
            self.message.setText(user_text(exc))
            return
        except Exception as exc:
            show_error(self, exc)
            return
        self.message.setStyleSheet("color: #2e6b30;")
        where = self.tr("（项目 {0}）").format(program) if program else ""
        if not change.changed:
            self.message.setText(self.tr("没有改动。"))
        elif change.after is None:
            self.message.setText(self.tr("已恢复默认{0}。").format(where))
        else:
            self.message.setText(self.tr("已保存{0}：{1} = {2}。").format(where, p.name, change.after))
        self.refresh()
