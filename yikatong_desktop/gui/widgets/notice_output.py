"""What leaves the office as a 公示: files written all or none, and pages sent to a printer with a progress bar.

A notice is output only once it is made (its number and fingerprint are on the paper); these helpers take
the made document and its PDF bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.notices import NoticeDoc
from yikatong_desktop.formats.files import write_bytes_atomically
from yikatong_desktop.formats.notice_workbook import write_notice_xlsx
from yikatong_desktop.gui.widgets.notice_preview import print_pdf
from yikatong_desktop.services.notices import Notice, NoticeRequest


@dataclass(frozen=True)
class Made:
    """A notice obtained for output: made now (`new`), or as it was made before (a reprint)."""

    notice: Notice
    doc: NoticeDoc
    pdf: bytes
    new: bool
    written: tuple[Path, ...] = ()


def request_key(request: NoticeRequest) -> NoticeRequest:
    """What makes two requests the same notice (the orientation is only how it prints)."""
    return replace(request, programs=tuple(request.programs), landscape=False)


def remove_files(paths: Sequence[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def write_outputs(doc: NoticeDoc, pdf: bytes, paths: Sequence[Path]) -> list[Path]:
    """Write the notice to each path (.pdf or .xlsx); on a failure remove what was written and refuse."""
    written: list[Path] = []
    try:
        for path in paths:
            try:
                if path.suffix.lower() == ".xlsx":
                    write_notice_xlsx(path, doc)
                else:
                    write_bytes_atomically(path, pdf)
            except OSError as exc:
                raise InputRejected("notice.write_failed", path=str(path), reason=exc.strerror or str(exc)) from exc
            written.append(path)
    except BaseException:
        remove_files(written)
        raise
    return written


def print_with_progress(parent: QWidget | None, printer: QPrinter, pdf: bytes, number: str) -> int:
    """Print a notice's pages with a progress dialog (取消 stops after the page being printed)."""
    dialog = QProgressDialog(QCoreApplication.translate("NoticeOutput", "正在打印公示 {0}……").format(number),
                             QCoreApplication.translate("NoticeOutput", "取消"), 0, 0, parent)
    dialog.setWindowTitle(QCoreApplication.translate("NoticeOutput", "打印"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)

    def step(done: int, total: int) -> bool:
        dialog.setMaximum(total)
        dialog.setValue(done)
        QCoreApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        return print_pdf(printer, pdf, progress=step)
    finally:
        dialog.close()
        dialog.deleteLater()
