"""设置 → 备份与恢复: the backups kept, a backup now or to a USB stick, restore, how many to keep (SPEC §9).

Backups are made by themselves before an import, a program merge and a restore, and once a day;
this panel lists them and restores one. A restore replaces everything in the database (the
database as it was is backed up first), so the window reloads every page afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App, backups
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.tasks import run_task
from yikatong_desktop.gui.widgets.tables import read_only_table
from yikatong_desktop.services import queries
from yikatong_desktop.services.auth import permitted

T = TypeVar("T")
#: The reason of a backup made before a schema upgrade (backups.upgrade_reason): `before-upgrade-0011-to-0012`.
UPGRADE = "before-upgrade-"
#: A passphrase asked of the user: None when they cancelled.
AskPassphrase = Callable[[], str | None]


class BackupsBox(QWidget):
    """The backups of this database, newest first, and what can be done with them."""

    #: Emitted after a restore: every page shows data that is gone.
    restored = Signal()

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.kept: list[backups.BackupFile] = []
        intro = QLabel(self.tr("导入、合并项目、恢复之前和每天第一次打开时，都会自动备份到数据文件夹：{0}")
                       .format(backups.folder(app)))
        intro.setWordWrap(True)
        self.table = read_only_table([self.tr("备份时间"), self.tr("原因"), self.tr("大小")], stretch_last=True)
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.export_button = QPushButton(self.tr("备份到 U 盘…"))
        self.restore_button = QPushButton(self.tr("用选中的备份恢复…"))
        self.restore_file_button = QPushButton(self.tr("从文件恢复…"))
        self.backup_button.clicked.connect(lambda: self.back_up())
        self.export_button.clicked.connect(lambda: self.export())
        self.restore_button.clicked.connect(lambda: self.restore_selected())
        self.restore_file_button.clicked.connect(lambda: self.restore_file())
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.export_button, self.restore_button, self.restore_file_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.keep = QSpinBox()
        self.keep.setRange(1, 1000)
        self.keep.setSuffix(self.tr(" 份"))
        self.keep_button = QPushButton(self.tr("保存"))
        self.keep_button.clicked.connect(self.save_keep)
        keep_row = QHBoxLayout()
        keep_row.addWidget(QLabel(self.tr("保留最近")))
        keep_row.addWidget(self.keep)
        keep_row.addWidget(self.keep_button)
        keep_row.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(keep_row)
        layout.addWidget(self.status)
        self.refresh()

    def _may(self, action: Action) -> bool:
        return permitted(self.app.actor, action)

    def refresh(self) -> None:
        """The backups kept, newest first; buttons as this user may use them."""
        self.kept = list(reversed(backups.list_backups(self.app)))
        self.table.setRowCount(len(self.kept))
        for i, b in enumerate(self.kept):
            row = (f"{b.made:%Y-%m-%d %H:%M:%S}", self.reason_text(b.reason), _size(b.size))
            for j, text in enumerate(row):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        with self.app.reader() as uow:
            self.keep.setValue(queries.backup_keep(uow))
        for button in (self.backup_button, self.export_button):
            button.setEnabled(self._may(Action.BACKUP))
        for button in (self.restore_button, self.restore_file_button):
            button.setEnabled(self._may(Action.RESTORE))
        self.keep.setEnabled(self._may(Action.SETTINGS))
        self.keep_button.setEnabled(self._may(Action.SETTINGS))

    def reason_text(self, reason: str) -> str:
        """Why a backup was made (backups.reason_label, in the interface language)."""
        if reason.startswith(UPGRADE) and "-to-" in reason:
            old, _, new = reason.removeprefix(UPGRADE).partition("-to-")
            return self.tr("升级前（结构版本 {0} → {1}）").format(old, new)
        return term(backups.reason_label(reason))

    def selected(self) -> backups.BackupFile | None:
        row = self.table.currentRow()
        return self.kept[row] if 0 <= row < len(self.kept) else None

    def _run(self, work: Callable[[], T], said: Callable[[T], str], after: Callable[[], None]) -> None:
        """Work in the background (a backup of a big database takes a while); say how it went."""
        self.status.setText(self.tr("正在处理，请稍候……"))
        for button in (self.backup_button, self.export_button, self.restore_button, self.restore_file_button):
            button.setEnabled(False)

        def done(result: T, error: BaseException | None) -> None:
            self.refresh()
            self.status.setText(user_text(error) if error is not None else said(result))
            if error is None:
                after()

        run_task(work, done, owner=self)

    def back_up(self) -> None:
        """立即备份, into the data folder."""
        self._run(lambda: backups.backup_on_request(self.app),
                  lambda made: message("backup.done", path=made), lambda: None)

    def export(self, target: Path | None = None) -> None:
        """备份到 U 盘: a file outside the data folder, sealed for this org's key."""
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("备份到"), self.tr("一卡通备份.yktbak"),
                                                    self.tr("加密备份 (*.yktbak)"))
            if not chosen:
                return
            target = Path(chosen)
        out = target
        self._run(lambda: backups.backup_on_request(self.app, out),
                  lambda made: message("backup.sealed" if backups.is_sealed(made) else "backup.done",
                                       path=made), lambda: None)

    def restore_selected(self, *, confirm: bool = True) -> None:
        """用选中的备份恢复."""
        chosen = self.selected()
        if chosen is None:
            self.status.setText(self.tr("请先在列表中选中一份备份。"))
            return
        self.restore_from(chosen.path, confirm=confirm)

    def restore_file(self) -> None:
        """从文件恢复: a backup from elsewhere (a USB stick: sealed, needs the key passphrase)."""
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("选择备份文件"), "",
                                                self.tr("备份 (*.yktbak *.sqlite3);;所有文件 (*)"))
        if chosen:
            self.restore_from(Path(chosen))

    def restore_from(self, source: Path, *, confirm: bool = True, ask: AskPassphrase | None = None) -> None:
        """Replace the database with a backup, after a confirmation; `ask` gives a sealed backup's passphrase."""
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("从备份恢复"),
                self.tr("用备份“{0}”替换数据库的全部内容？\n当前的数据会先备份，恢复后各页面将重新载入。")
                .format(source.name))
            if answer != QMessageBox.StandardButton.Yes:
                return
        passphrase = ""
        if backups.is_sealed(source):
            typed = (ask or self._ask_passphrase)()
            if typed is None:
                return
            passphrase = typed
        self._run(lambda: backups.restore(self.app, source, lambda: passphrase),
                  lambda done: message("restore.done", source=source.name, rows=f"{done.rows:,}",
                                       before=done.replaced_backup), self.restored.emit)

    def _ask_passphrase(self) -> str | None:
        text, ok = QInputDialog.getText(self, self.tr("密钥口令"),
                                        self.tr("这是加密备份，请输入本单位的密钥口令："), QLineEdit.EchoMode.Password)
        return text if ok and text else None

    def save_keep(self) -> None:
        """保存 how many backups are kept."""
        try:
            with self.app.uow() as uow:
                queries.set_backup_keep(uow, self.app.actor, self.keep.value())
                uow.commit()
            said = self.tr("已保存：保留最近 {0} 份备份（下次备份时清理更早的）。").format(self.keep.value())
            self.status.setText(said)
        except YktError as exc:
            self.status.setText(user_text(exc))


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"
