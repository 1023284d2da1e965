"""Evidence files (佐证材料) in the GUI: choosing them, and opening a stored one in the system viewer.

Only the known types (services.evidence) are offered and accepted. A stored file is
opened by writing a copy into a private temporary folder and handing that copy to the
desktop's viewer for its type: it is never executed, and a name is never trusted as a path.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QPushButton, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.gui.errors import show_error
from yikatong_desktop.services import ledger
from yikatong_desktop.services.evidence import KNOWN_TYPES

_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f]")


def file_filter() -> str:
    """The file dialog's filter: the evidence types the services accept."""
    patterns = " ".join(f"*{ext}" for ext in sorted(KNOWN_TYPES))
    return QCoreApplication.translate("Evidence", "佐证材料（照片、扫描件、PDF、OFD）") + f" ({patterns})"


def choose_files(parent: QWidget | None, start: Path | None = None) -> list[Path]:
    """Ask for one or more evidence files (an empty list when cancelled)."""
    names, _ = QFileDialog.getOpenFileNames(parent, QCoreApplication.translate("Evidence", "选择佐证材料"),
                                            str(start or Path.home()), file_filter())
    return [Path(n) for n in names]


class EvidenceViewer:
    """Copies of stored evidence in a private temporary folder, removed when the viewer goes away."""

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.last_written: Path | None = None

    def write(self, name: str, content: bytes) -> Path:
        """Write a copy under a safe name (of a known type) and return its path."""
        safe = _UNSAFE.sub("_", Path(name).name).strip(". ") or QCoreApplication.translate("Evidence", "佐证材料")
        if Path(safe).suffix.lower() not in KNOWN_TYPES:
            raise InputRejected("evidence.unknown_type", path=name,
                                known="、".join(sorted({k.lstrip(".") for k in KNOWN_TYPES})))
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="ykt-evidence-", ignore_cleanup_errors=True)
        path = Path(self._folder.name) / safe
        counter = 1
        while path.exists() and path.read_bytes() != content:
            path = path.with_name(f"{Path(safe).stem}_{counter}{Path(safe).suffix}")
            counter += 1
        path.write_bytes(content)
        self.last_written = path
        return path

    def open(self, name: str, content: bytes) -> Path:
        """Write a copy and show it in the desktop's viewer for its type."""
        path = self.write(name, content)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path


class EvidenceBar(QWidget):
    """添加佐证材料…, the stored files, 打开: under a detail pane; `files_chosen` carries the files to attach."""

    files_chosen = Signal(list)

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.viewer = EvidenceViewer()
        self.add_button = QPushButton(QCoreApplication.translate("Evidence", "添加佐证材料…"))
        self.add_button.clicked.connect(self._choose)
        self.files = QComboBox()
        self.open_button = QPushButton(QCoreApplication.translate("Evidence", "打开"))
        self.open_button.setToolTip(QCoreApplication.translate(
            "Evidence", "用本机的看图或 PDF 程序打开选中的佐证材料（只读副本）"))
        self.open_button.clicked.connect(lambda: self.open_evidence(self.files.currentData()))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_button)
        row.addWidget(self.files, 1)
        row.addWidget(self.open_button)

    def set_files(self, files: Sequence[Any], *, may_add: bool) -> None:
        """The evidence of the record shown (an empty list when none is)."""
        self.files.clear()
        for f in files:
            self.files.addItem(f.file_name, f.uid)
        self.add_button.setEnabled(may_add)
        self.open_button.setEnabled(bool(files))

    def _choose(self) -> None:
        paths = choose_files(self)
        if paths:
            self.files_chosen.emit(paths)

    def open_link(self, url: QUrl) -> None:
        """A detail pane's evidence:UID link clicked."""
        if url.scheme() == "evidence":
            self.open_evidence(url.path())

    def open_evidence(self, uid: object) -> Path | None:
        """Open a stored evidence file in the system viewer (a copy in a private temporary folder)."""
        if not uid:
            return None
        try:
            with self.app.reader() as uow:
                name, content = ledger.evidence_content(uow, self.app.actor, str(uid))
            return self.viewer.open(name, content)
        except Exception as exc:  # a lost file or an unwritable temp folder: said, never a crash
            show_error(self, exc)
            return None
