"""登录 and 创建管理员: who the GUI acts as (SPEC §9).

While a database has no users the GUI runs in single-user mode as the OS user and offers, at
each start, to create the first admin. Once users exist it asks for a login before the main
window opens; a wrong password says so in the dialog (and counts towards the lock-out).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop import bootstrap
from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import UsageError, YktError
from yikatong_desktop.domain.permissions import ROLE_LABELS, Role
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.services import users

#: Set when the clerk ticked 不再提示 in the first-admin offer.
OFFER_DECLINED = "gui.first_admin_declined"


def _message_label() -> QLabel:
    label = QLabel()
    label.setObjectName("loginMessage")
    label.setStyleSheet("color: #c00;")
    label.setWordWrap(True)
    return label


class _CredentialsDialog(QDialog):
    """User name and password under a line of explanation; `_try` says whether they were taken."""

    def __init__(self, intro: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("登录"))
        label = QLabel(intro)
        label.setWordWrap(True)
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.name)
        form.addRow(self.tr("密码"), self.password)
        self.message = _message_label()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def _try(self, name: str, password: str) -> None:
        raise NotImplementedError

    def _submit(self) -> None:
        """Try the name and password; stay open with the reason when they are refused."""
        try:
            self._try(self.name.text(), self.password.text())
        except YktError as exc:
            self.message.setText(user_text(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


class LoginDialog(_CredentialsDialog):
    """User name and password; accepted once `bootstrap.login` took them."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        with app.reader() as uow:
            org = uow.get_setting("org.name", "")
        super().__init__(QCoreApplication.translate("LoginDialog", "{0}：请输入用户名和密码。").format(org), parent)
        self.app = app

    def log_in(self) -> None:
        """登录 (the OK button)."""
        self._submit()

    def _try(self, name: str, password: str) -> None:
        bootstrap.login(self.app, name, password)


class UnlockDialog(_CredentialsDialog):
    """An encrypted database opens only with a user's password: asked before anything is read."""

    def __init__(self, db: str | None, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("UnlockDialog", "数据库已加密：请输入用户名和密码打开。\n{0}")
                         .format(bootstrap.resolve_location(db).display), parent)
        self.db = db
        self.app: App | None = None

    def unlock(self) -> None:
        """登录 (the OK button): open the database with the name and password."""
        self._submit()

    def _try(self, name: str, password: str) -> None:
        self.app = bootstrap.open_app(self.db, credentials=(name, password))


class FirstAdminDialog(QDialog):
    """Offered while there are no users: create the first admin (and log in as them), or go on alone."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(self.tr("创建管理员"))
        intro = QLabel(self.tr(
            "本数据库还没有用户，现在以操作系统用户“{0}”的单用户模式运行，所有操作都记在这个名字下。"
            "几个人共用时，请创建第一个管理员：以后打开时要登录，管理员再为录入、审核、查看和纪检人员添加用户。"
        ).format(app.actor.name))
        intro.setWordWrap(True)
        self.name = QLineEdit()
        self.display_name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox()
        self.role.addItem(term(ROLE_LABELS[Role.ADMIN]), Role.ADMIN)
        self.role.setEnabled(False)  # the first user is an admin
        form = QFormLayout()
        form.addRow(self.tr("用户名"), self.name)
        form.addRow(self.tr("姓名"), self.display_name)
        form.addRow(self.tr("角色"), self.role)
        form.addRow(self.tr("密码（至少 8 个字符）"), self.password)
        form.addRow(self.tr("再输入一次密码"), self.again)
        self.message = _message_label()
        self.never_again = QCheckBox(self.tr("一个人使用，以后不再提示（仍可用 ykt user add 创建用户）"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建并登录"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("以后再说"))
        buttons.accepted.connect(self.create_admin)
        buttons.rejected.connect(self.later)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.never_again)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def create_admin(self) -> None:
        """Create the admin in single-user mode, then log in as them."""
        try:
            if self.password.text() != self.again.text():
                raise UsageError("secret.mismatch", what=self.tr("密码"))
            with self.app.uow() as uow:
                made = users.add_user(uow, self.app.actor, self.name.text(), Role.ADMIN, self.password.text(),
                                      display_name=self.display_name.text() or None)
                uow.commit()
            bootstrap.login(self.app, made.name, self.password.text())
        except YktError as exc:
            self.message.setText(user_text(exc))
            return
        self.accept()

    def later(self) -> None:
        """Go on in single-user mode; with the box ticked, the offer is not made again."""
        if self.never_again.isChecked():
            with self.app.uow() as uow:
                uow.set_setting(OFFER_DECLINED, True)
                uow.commit()
        self.reject()


def who_acts(app: App, parent: QWidget | None = None) -> bool:
    """Before the main window: log in when there are users, offer the first admin when there are none.

    False when the person chose not to log in (the GUI then closes).
    """
    with app.reader() as uow:
        has_users = users.has_users(uow)
    if has_users:
        if not app.actor.single_user and app.actor is not bootstrap.NOBODY:
            return True  # logged in already
        return LoginDialog(app, parent).exec() == QDialog.DialogCode.Accepted
    with app.reader() as uow:
        declined = bool(uow.get_setting(OFFER_DECLINED, False))
    if not declined:
        FirstAdminDialog(app, parent).exec()
    return True


def actor_text(app: App) -> str:
    """The status bar's words for who acts."""
    actor = app.actor
    if actor.single_user:
        return QCoreApplication.translate("MainWindow", "当前用户：{0}（单用户模式）").format(actor.name)
    return QCoreApplication.translate("MainWindow", "当前用户：{0}（{1}）").format(actor.name,
                                                                             term(ROLE_LABELS[actor.role]))
