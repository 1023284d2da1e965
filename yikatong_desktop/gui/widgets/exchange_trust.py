"""数据交换 → 信任对方公钥: the office and the fingerprint a key file holds, and how the clerk checked it.

Keys are trusted only after the fingerprint was compared with the other office (SPEC §8): either the
clerk types what was read out on the phone (at least 16 hex digits, from the start; services.peers
compares them) or ticks that it was compared in person. Until one of the two is done, 信任 stays off.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.services.peers import PublicKeys

_NOT_HEX = re.compile(r"[^0-9A-Fa-f]")
#: Digits of the fingerprint that must be read out at the least.
MIN_DIGITS = 16
_LEVELS = {"township": QT_TRANSLATE_NOOP("TrustDialog", "乡镇"), "county": QT_TRANSLATE_NOOP("TrustDialog", "县"),
           "department": QT_TRANSLATE_NOOP("TrustDialog", "部门"),
           "prefecture": QT_TRANSLATE_NOOP("TrustDialog", "州（市）")}


class TrustDialog(QDialog):
    """Shows the key file's office and fingerprint; asks for the fingerprint read out, or 已当面核对."""

    def __init__(self, keys: PublicKeys, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trustDialog")
        self.setWindowTitle(self.tr("信任对方公钥"))
        self.keys = keys
        intro = QLabel(self.tr("公钥文件 {0}。信任前请与对方当面或电话核对签名密钥指纹："
                               "不一致的密钥可能被人调换过，不要信任。").format(file_name))
        intro.setWordWrap(True)
        level = keys.level or ""
        level = QCoreApplication.translate("TrustDialog", str(_LEVELS[level])) if level in _LEVELS else level
        org = QLabel(self.tr("{0}（{1}）").format(keys.org_name, keys.org_code) + (f"　{level}" if level else ""))
        org.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint = QLabel(keys.fingerprint)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setBold(True)
        self.fingerprint.setFont(mono)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.typed = QLineEdit()
        self.typed.setObjectName("typedFingerprint")
        self.typed.setPlaceholderText(self.tr("对方电话中念出的指纹（至少前 {0} 位，空格可省略）").format(MIN_DIGITS))
        self.checked = QCheckBox(self.tr("已当面核对（对方当面出示的指纹与上面一致）"))
        self.checked.setObjectName("checkedInPerson")
        form = QFormLayout()
        form.addRow(self.tr("单位："), org)
        form.addRow(self.tr("签名密钥指纹："), self.fingerprint)
        form.addRow(self.tr("对方告知的指纹："), self.typed)
        form.addRow("", self.checked)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.trust_button = QPushButton(self.tr("信任"))
        self.buttons.addButton(self.trust_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.typed.textChanged.connect(lambda _t: self._update())
        self.checked.toggled.connect(lambda _c: self._update())
        self.setMinimumWidth(620)
        self._update()

    def digits(self) -> str:
        """The hex digits typed, without spaces."""
        return _NOT_HEX.sub("", self.typed.text())

    def expect_fingerprint(self) -> str | None:
        """What was read out, for services.peers.trust to compare; None when only 已当面核对 was ticked."""
        return self.typed.text().strip() or None

    def confirmed(self) -> bool:
        return self.checked.isChecked()

    def _update(self) -> None:
        digits = len(self.digits())
        typed = bool(self.typed.text().strip())
        ok = digits >= MIN_DIGITS if typed else self.checked.isChecked()
        self.trust_button.setEnabled(ok)
        if typed and digits < MIN_DIGITS:
            self.hint.setText(self.tr("已输入 {0} 位，至少要 {1} 位。").format(digits, MIN_DIGITS))
        elif typed:
            self.hint.setText(self.tr("点“信任”时与文件中的指纹比对，不符则不信任。"))
        else:
            self.hint.setText(self.tr("请输入对方告知的指纹，或勾选“已当面核对”。"))
