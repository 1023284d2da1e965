"""核验签名: pick any PDF and be told in plain words who signed it, when, whether it changed since, and
whether the signer is trusted (what `ykt verify` says), checked offline off the GUI thread."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.messages import language, message
from yikatong_desktop.formats import certificates
from yikatong_desktop.formats.files import os_reason
from yikatong_desktop.formats.pdf_signature import SignatureCheck
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.gui.tasks import run_task
from yikatong_desktop.services import signing

BAD = "color: #c00000;"
GOOD = "color: #2e7d32;"


def local_time(moment: datetime | None) -> str:
    return f"{moment.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}" if moment else "-"


def verdict(file_name: str, checks: list[SignatureCheck]) -> tuple[str, bool]:
    """What `ykt verify` says of a file, in plain words, and whether it passed."""
    lines = []
    for n, c in enumerate(checks, start=1):
        lines.append(message("sign.line", n=n, signer=c.signer or "-", code=c.org_code or "-",
                             time=local_time(c.signing_time), reason=c.reason(language())))
        lines.append(QCoreApplication.translate("PdfVerifyBox", "　　证书指纹：{0}").format(
            certificates.grouped(c.fingerprint)))
    ok = bool(checks) and all(c.ok for c in checks)
    if not checks:
        lines.append(message("sign.verify_none", file=file_name))
    elif ok:
        lines.append(message("sign.verify_ok", count=len(checks)))
    else:
        reasons = QCoreApplication.translate("PdfVerifyBox", "；", "separator of phrases").join(
            dict.fromkeys(c.reason(language()) for c in checks if not c.ok))
        lines.append(message("sign.verify_bad", reasons=reasons))
    return "\n".join(lines), ok


class PdfVerifyBox(QGroupBox):
    """A button to pick a PDF and the verdict below it, green when valid and trusted, red otherwise."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("核验签名"))
        self.app = app
        self.button = QPushButton(self.tr("核验 PDF…"))
        self.button.setToolTip(self.tr("选择一个 PDF 文件，核验其中的数字签名（文件是否被改动、签名人是谁）"))
        self.button.clicked.connect(self.ask_verify)
        self.result = QLabel(self.tr("可以核验本单位或其他单位签名的 PDF：签名是否有效、签名后是否被改动。"))
        self.result.setWordWrap(True)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result, 1)

    def ask_verify(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("选择要核验的 PDF"), str(Path.home()),
                                              self.tr("PDF (*.pdf);;所有文件 (*)"))
        if name:
            self.verify_file(Path(name))

    def verify_file(self, path: Path) -> None:
        """Check every signature of a PDF offline and say in words what was found."""
        actor, keys = self.app.actor, self.app.keystore_path
        self.result.setStyleSheet("")
        self.result.setText(self.tr("正在核验 {0}……").format(path.name))

        def work() -> list[SignatureCheck]:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise InputRejected("file.unreadable", reason=f"{path}：{os_reason(exc)}") from exc
            with self.app.reader() as uow:
                return signing.verify(uow, actor, data, keystore_path=keys)

        def done(checks: list[SignatureCheck] | None, error: BaseException | None) -> None:
            if error is not None or checks is None:
                self.result.setStyleSheet(BAD)
                why = user_text(error or RuntimeError("not verified"))
                self.result.setText(self.tr("{0}：{1}").format(path.name, why))
                return
            text, ok = verdict(path.name, checks)
            self.result.setStyleSheet(GOOD if ok else BAD)
            self.result.setText(f"{path.name}\n{text}")

        run_task(work, done, owner=self)
