"""Errors in the GUI: a message that says what to do, never a traceback."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from yikatong_desktop.bootstrap import log_path
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.domain.messages import language, message

log = logging.getLogger("yikatong.gui")


def user_text(error: BaseException) -> str:
    """What to tell the user about an error; bugs are logged with their traceback."""
    if isinstance(error, YktError):
        return error.text(language())
    log.error("unexpected error in the GUI", exc_info=error)
    return message("bug", log=log_path())


def show_error(parent: QWidget | None, error: BaseException) -> QMessageBox:
    """A window-modal message box for an error; it does not block the caller (open, not exec)."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("errors", "出错了"), user_text(error),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
