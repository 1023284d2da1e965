"""设置 → 用户: who may log in, with what role; add, set a password, disable (SPEC §9).

Only an admin manages users. In single-user mode the first user added is the admin, and the
window logs in as them at once (from then on, opening the database asks for a login).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop import bootstrap
from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.errors import UsageError, YktError
from yikatong_desktop.domain.permissions import ROLE_LABELS, Role
from yikatong_desktop.domain.users import UserView
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.widgets.tables import read_only_table
from yikatong_desktop.services import users

#: The fields of the user form, by key.
FIELD_LABELS = {"name": QT_TRANSLATE_NOOP("UserFormDialog", "用户名"),
                "display_name": QT_TRANSLATE_NOOP("UserFormDialog", "姓名"),
                "old": QT_TRANSLATE_NOOP("UserFormDialog", "原密码"),
                "password": QT_TRANSLATE_NOOP("UserFormDialog", "密码（至少 8 个字符）"),
                "again": QT_TRANSLATE_NOOP("UserFormDialog", "再输入一次密码"),
                "reason": QT_TRANSLATE_NOOP("UserFormDialog", "原因（记入审计日志）")}


class UserFormDialog(QDialog):
    """A new user (name, 姓名, role, password twice), a new password, or a reason to disable."""

    def __init__(self, title: str, fields: tuple[str, ...], parent: QWidget | None = None, *,
                 roles: tuple[Role, ...] = tuple(Role)) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.edits: dict[str, QLineEdit] = {}
        self.role = QComboBox()
        for role in roles:
            self.role.addItem(term(ROLE_LABELS[role]), role)
        form = QFormLayout()
        for key in fields:
            if key == "role":
                form.addRow(self.tr("角色"), self.role)
                continue
            edit = QLineEdit()
            if key in ("old", "password", "again"):
                edit.setEchoMode(QLineEdit.EchoMode.Password)
            self.edits[key] = edit
            form.addRow(self.tr(str(FIELD_LABELS[key])), edit)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c00;")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(400)

    def text(self, key: str) -> str:
        return self.edits[key].text()

    def password(self) -> str:
        """The new password, when typed the same twice."""
        if self.text("password") != self.text("again"):
            raise UsageError("secret.mismatch", what=self.tr("密码"))
        return self.text("password")


class UsersBox(QWidget):
    """The users table and its three actions; what happened is said under the table."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.rows: list[UserView] = []
        self.table = read_only_table([self.tr("用户名"), self.tr("姓名"), self.tr("角色"), self.tr("状态"),
                                              self.tr("上次登录")], stretch_last=True)
        self.add_button = QPushButton(self.tr("添加用户…"))
        self.password_button = QPushButton(self.tr("设置密码…"))
        self.disable_button = QPushButton(self.tr("停用…"))
        self.add_button.clicked.connect(lambda: self.add_user())
        self.password_button.clicked.connect(lambda: self.set_password())
        self.disable_button.clicked.connect(lambda: self.disable())
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.password_button, self.disable_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        """The users (an admin's view), or why this actor may not see them."""
        try:
            with self.app.reader() as uow:
                self.rows = users.list_users(uow, self.app.actor)
        except YktError as exc:
            self.rows = []
            self.status.setText(user_text(exc))
            for button in (self.add_button, self.password_button, self.disable_button):
                button.setEnabled(False)
        self.table.setRowCount(len(self.rows))
        for i, u in enumerate(self.rows):
            seen = f"{u.last_login_at.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}" if u.last_login_at else ""
            for j, text in enumerate((u.name, u.display_name, term(ROLE_LABELS[u.role]),
                                      self.tr("已停用") if u.disabled else self.tr("启用"), seen)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if not self.rows and self.app.actor.single_user:
            self.status.setText(self.tr("还没有用户：第一个添加的用户是管理员，添加后本窗口即以其身份登录。"))

    def selected(self) -> UserView | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def add_user(self, dialog: UserFormDialog | None = None) -> UserFormDialog:
        """添加用户; `dialog` filled in already (tests) is used without showing it."""
        first = not self.rows and self.app.actor.single_user
        form = dialog or UserFormDialog(self.tr("添加用户"), ("name", "display_name", "role", "password", "again"),
                                        self, roles=(Role.ADMIN,) if first else tuple(Role))
        if dialog is None and form.exec() != QDialog.DialogCode.Accepted:
            return form
        try:
            password = form.password()
            with self.app.uow() as uow:
                made = users.add_user(uow, self.app.actor, form.text("name"), Role(form.role.currentData()), password,
                                      display_name=form.text("display_name") or None)
                uow.commit()
            if first:
                bootstrap.login(self.app, made.name, password)
            said = self.tr("已添加用户“{0}”（{1}）。").format(made.name, term(ROLE_LABELS[made.role]))
        except YktError as exc:
            said = user_text(exc)
        self.refresh()
        self.status.setText(said)
        return form

    def set_password(self, dialog: UserFormDialog | None = None) -> UserFormDialog | None:
        """设置密码 of the selected user (one's own needs the old password)."""
        user = self.selected()
        if user is None:
            return None
        own = user.name == self.app.actor.name
        fields = ("old", "password", "again") if own else ("password", "again")
        form = dialog or UserFormDialog(self.tr("设置“{0}”的密码").format(user.name), fields, self)
        if dialog is None and form.exec() != QDialog.DialogCode.Accepted:
            return form
        try:
            password = form.password()
            with self.app.uow() as uow:
                users.change_password(uow, self.app.actor, user.name, password,
                                      old_password=form.text("old") if own else None)
                uow.commit()
            said = self.tr("“{0}”的密码已修改。").format(user.name)
        except YktError as exc:
            said = user_text(exc)
        self.refresh()
        self.status.setText(said)
        return form

    def disable(self, dialog: UserFormDialog | None = None) -> UserFormDialog | None:
        """停用 the selected user, with a reason."""
        user = self.selected()
        if user is None:
            return None
        form = dialog or UserFormDialog(self.tr("停用“{0}”").format(user.name), ("reason",), self)
        if dialog is None and form.exec() != QDialog.DialogCode.Accepted:
            return form
        try:
            with self.app.uow() as uow:
                users.disable_user(uow, self.app.actor, user.name, form.text("reason"))
                uow.commit()
            said = self.tr("“{0}”已停用。").format(user.name)
        except YktError as exc:
            said = user_text(exc)
        self.refresh()
        self.status.setText(said)
        return form
