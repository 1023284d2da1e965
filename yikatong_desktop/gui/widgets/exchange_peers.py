"""数据交换 → 受信任的单位: whose packages this office accepts, the last package each way, the packages missing;
this office's own fingerprint and public key file; trusting another office's key file and revoking one.

The same calls as `ykt keys export|trust|revoke` and `ykt package list` (services.peers, services.exchange).
They are quick (a few rows, no passphrase), so they run on the GUI thread and say at once how it went.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.errors import InputRejected, YktError
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.formats.files import os_reason
from yikatong_desktop.gui.errors import show_error, user_text
from yikatong_desktop.gui.widgets.exchange_trust import TrustDialog
from yikatong_desktop.gui.widgets.tables import read_only_table
from yikatong_desktop.services import exchange, peers
from yikatong_desktop.services.auth import permitted
from yikatong_desktop.services.exchange import PeerStatus

_BAD = "color: #c00000;"
_GOOD = "color: #2e7d32;"
KEY_FILES = QT_TRANSLATE_NOOP("PeersBox", "公钥文件 (*.json);;所有文件 (*)")
COLUMNS = (QT_TRANSLATE_NOOP("PeersBox", "单位"), QT_TRANSLATE_NOOP("PeersBox", "代码"),
           QT_TRANSLATE_NOOP("PeersBox", "签名密钥指纹"), QT_TRANSLATE_NOOP("PeersBox", "信任于"),
           QT_TRANSLATE_NOOP("PeersBox", "状态"), QT_TRANSLATE_NOOP("PeersBox", "最近收到"),
           QT_TRANSLATE_NOOP("PeersBox", "最近发出"), QT_TRANSLATE_NOOP("PeersBox", "缺少的数据包"))
MISSING_COLUMN = COLUMNS.index("缺少的数据包")


def local_time(moment: datetime | None) -> str:
    return f"{moment.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}" if moment else "-"


def _package(row: Any) -> str:
    """A package log row as the table says it: which one, and when."""
    if row is None:
        return "-"
    return QCoreApplication.translate("PeersBox", "第 {0} 轮第 {1} 个（{2}）").format(
        row.epoch, row.sequence, local_time(row.at))


class PeersBox(QGroupBox):
    """The trusted offices, and what can be done with keys."""

    #: Emitted after a peer was trusted or revoked: the recipients to choose from changed.
    changed = Signal()

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.status: list[PeerStatus] = []
        self.setTitle(self.tr("受信任的单位"))
        titles = [QCoreApplication.translate("PeersBox", str(c)) for c in COLUMNS]
        self.table = read_only_table(titles, stretch_last=True)
        header = self.table.horizontalHeader()
        for col in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._enable)
        self.own_label = QLabel()
        self.own_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.export_button = self._button(self.tr("导出本单位公钥…"), self.ask_export_public,
                                          self.tr("写出本单位的公钥文件，交给上级或下级（文件中没有任何秘密）"))
        self.trust_button = self._button(self.tr("信任对方公钥…"), self.ask_trust,
                                         self.tr("打开对方导出的公钥文件，核对指纹后信任：今后接收其数据包"))
        self.revoke_button = self._button(self.tr("吊销…"), self.ask_revoke,
                                          self.tr("吊销选中单位的密钥：今后拒收其数据包（吊销记录随数据包下发）"))
        keys_row = QHBoxLayout()
        keys_row.addWidget(QLabel(self.tr("本单位签名密钥指纹：")))
        keys_row.addWidget(self.own_label, 1)
        for button in (self.export_button, self.trust_button, self.revoke_button):
            keys_row.addWidget(button)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addLayout(keys_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        if not permitted(app.actor, Action.MANAGE_KEYS):
            why = self.tr("当前用户不能管理密钥：需要管理员角色。")
            self.trust_button.setToolTip(why)
            self.revoke_button.setToolTip(why)
        self.refresh()

    def _button(self, text: str, slot: Callable[[], object], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: slot())
        button.setToolTip(tip)
        return button

    def refresh(self) -> None:
        """Read the trusted offices and this office's fingerprint again."""
        with self.app.reader() as uow:
            self.status = exchange.peer_status(uow, self.app.actor)
            own = peers.own_public(uow, self.app.keystore_path)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.own_label.setFont(mono)
        self.own_label.setText(own.fingerprint)
        self.own_label.setToolTip(self.tr("{0}（{1}）：把公钥文件交给对方时，当面或电话告知这个指纹。")
                                  .format(own.org_name, own.org_code))
        selected = self.selected()
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.status))
        for row, s in enumerate(self.status):
            p = s.peer
            state = self.tr("已吊销") if p.revoked else self.tr("受信任")
            missing = self.tr("、", "separator of a list").join(str(n) for n in s.missing)
            cells = (p.org_name, p.org_code, p.fingerprint, local_time(p.trusted_at), state, _package(s.last_in),
                     _package(s.last_out), self.tr("第 {0} 个").format(missing) if missing else "-")
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setFont(mono)
                if p.revoked:
                    item.setForeground(QColor("#888888"))
                    item.setToolTip(self.tr("{0} 由 {1} 吊销：{2}").format(
                        local_time(p.revoked_at), p.revoked_by or "-", p.revoke_reason or self.tr("未写原因")))
                if col == 4 and p.revoked:
                    item.setForeground(QColor("#c00000"))
                if col == MISSING_COLUMN and missing:  # SPEC §8: "missing package 5 from 大丰镇"
                    item.setForeground(QColor("#c00000"))
                    item.setBackground(QColor("#fde2e2"))
                    bold = item.font()
                    bold.setBold(True)
                    item.setFont(bold)
                    item.setToolTip(self.tr("还没有收到 {0} 的这些数据包：请对方补发。").format(p.org_name))
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        if selected is not None:
            self.select(selected.peer.org_code)
        self._enable()

    def selected(self) -> PeerStatus | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.status[rows.pop()] if len(rows) == 1 else None

    def select(self, org_code: str) -> None:
        """Select an office's row."""
        for row, s in enumerate(self.status):
            if s.peer.org_code == org_code:
                self.table.selectRow(row)

    def _enable(self) -> None:
        may_manage = permitted(self.app.actor, Action.MANAGE_KEYS)
        chosen = self.selected()
        self.trust_button.setEnabled(may_manage)
        self.revoke_button.setEnabled(may_manage and chosen is not None and not chosen.peer.revoked)

    def say(self, text: str, *, bad: bool = False) -> None:
        self.message.setStyleSheet(_BAD if bad else _GOOD)
        self.message.setText(text)

    def failed(self, error: BaseException) -> None:
        self.say(user_text(error), bad=True)
        show_error(self, error)

    # -- this office's key file ---------------------------------------------------------------
    def ask_export_public(self) -> None:
        with self.app.reader() as uow:
            name = uow.get_setting("org.name", "")
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("导出本单位公钥"),
                                                str(Path.home() / self.tr("{0}公钥.json").format(name)),
                                                QCoreApplication.translate("PeersBox", str(KEY_FILES)))
        if chosen:
            path = Path(chosen)
            self.export_public(path if path.suffix else path.with_suffix(".json"))

    def export_public(self, path: Path) -> None:
        """Write this office's public key file (`ykt keys export`)."""
        try:
            with self.app.uow() as uow:
                mine = peers.export_public(uow, self.app.actor, self.app.keystore_path, path)
                uow.commit()
        except YktError as exc:
            self.failed(exc)
            return
        except OSError as exc:  # a folder gone or read-only, a full stick: said in words, nothing recorded
            self.say(self.tr("无法写入 {0}：{1}").format(path, os_reason(exc)), bad=True)
            return
        self.say(message("keys.exported", path=path, fingerprint=mine.fingerprint))

    # -- trusting another office's keys ---------------------------------------------------------
    def ask_trust(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("选择对方的公钥文件"), str(Path.home()),
                                                QCoreApplication.translate("PeersBox", str(KEY_FILES)))
        if chosen:
            self.trust_file(Path(chosen))

    def trust_file(self, path: Path) -> None:
        """Read a key file, show its office and fingerprint, and trust it once the fingerprint was checked."""
        try:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise InputRejected("file.unreadable", reason=f"{path}：{os_reason(exc)}") from exc
            keys = peers.read_public(data, path.name)
        except YktError as exc:
            self.failed(exc)
            return
        dialog = TrustDialog(keys, path.name, self)
        if dialog.exec() != TrustDialog.DialogCode.Accepted:
            return
        try:
            with self.app.uow() as uow:
                peer, new = peers.trust(uow, self.app.actor, self.app.keystore_path, keys,
                                        expect_fingerprint=dialog.expect_fingerprint(),
                                        confirmed=dialog.confirmed(), note=self.tr("数据交换页面"))
                uow.commit()
        except YktError as exc:
            self.failed(exc)
            return
        key = "keys.peer_trusted" if new else "keys.peer_already"
        self.say(message(key, name=peer.org_name, code=peer.org_code, fingerprint=peer.fingerprint))
        self.refresh()
        self.select(peer.org_code)
        self.changed.emit()

    # -- revoking ---------------------------------------------------------------------------------
    def ask_revoke(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        p = chosen.peer
        reason, ok = QInputDialog.getText(
            self, self.tr("吊销密钥"),
            self.tr("吊销 {0}（{1}）的密钥？今后拒收其数据包，也不再给它发数据包；吊销记录随数据包下发。\n"
                    "吊销原因：").format(p.org_name, p.org_code), QLineEdit.EchoMode.Normal)
        if ok:
            self.revoke(p.org_code, reason)

    def revoke(self, org_code: str, reason: str) -> None:
        """Revoke an office's keys (`ykt keys revoke`)."""
        try:
            with self.app.uow() as uow:
                peer = peers.revoke(uow, self.app.actor, org_code, reason=reason)
                uow.commit()
        except YktError as exc:
            self.failed(exc)
            return
        self.say(message("keys.peer_revoked", name=peer.org_name, code=peer.org_code))
        self.refresh()
        self.changed.emit()
