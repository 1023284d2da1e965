"""Start the GUI: Qt application, the bundled CJK font, the main window (or a screenshot)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMessageLogContext, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QWidget,
)

from yikatong_desktop import __version__
from yikatong_desktop.bootstrap import App
from yikatong_desktop.bootstrap.preferences import interface_language
from yikatong_desktop.domain.messages import language
from yikatong_desktop.formats.files import write_bytes_atomically
from yikatong_desktop.gui.dialogs.login import UnlockDialog, who_acts
from yikatong_desktop.gui.errors import show_error, user_text
from yikatong_desktop.gui.i18n import install_translators
from yikatong_desktop.gui.main_window import MainWindow
from yikatong_desktop.gui.pages.exchange import ExchangePage
from yikatong_desktop.gui.tasks import set_synchronous, wait_for_tasks
from yikatong_desktop.paths import cjk_font_path

log = logging.getLogger("yikatong.gui")


def register_font() -> str | None:
    """Register the bundled CJK font and make it the default (a fresh Debian has no Chinese font)."""
    font_id = QFontDatabase.addApplicationFont(str(cjk_font_path()))
    if font_id < 0:
        log.warning("could not load the CJK font %s", cjk_font_path())
        return None
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(family)
    font.setPointSize(10)
    QApplication.setFont(font)
    return family


def qt_application(lang: str | None = None) -> QApplication:
    """The one QApplication, in the interface language (设置, else LANG), with the CJK font."""
    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    qapp.setApplicationName("yikatong")
    qapp.setApplicationVersion(__version__)
    install_translators(qapp, lang or interface_language())
    register_font()
    return qapp


def _qt_to_log(kind: QtMsgType, _context: QMessageLogContext, text: str) -> None:
    """Qt's own chatter goes to the log file, not to the clerk's terminal."""
    level = logging.DEBUG if kind in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg) else logging.WARNING
    log.log(level, "Qt: %s", text)


def _install_excepthook(window: MainWindow) -> None:
    """An error in a slot or a page: logged with its traceback, shown as a message, never a crash."""

    def hook(kind: type[BaseException], error: BaseException, tb: object) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)  # type: ignore[arg-type]
            return
        log.error("unhandled error in the GUI", exc_info=(kind, error, tb))  # type: ignore[arg-type]
        show_error(window, error)

    sys.excepthook = hook


def show_startup_error(error: BaseException) -> None:
    """Why the window cannot open (a missing, newer or unreadable database), in a message box: the desktop
    program started from the menu has no console to print it on."""
    qt_application()
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Startup", "无法打开"), user_text(error),
                      QMessageBox.StandardButton.Ok)
    box.setObjectName("startupError")
    box.exec()


def unlock(db: str | None) -> App | None:
    """An encrypted database: the login dialog opens it (None: the person chose not to)."""
    qt_application()
    dialog = UnlockDialog(db)
    dialog.exec()
    return dialog.app


def run_gui(app: App, *, page: str = "dashboard", screenshot: Path | None = None, texts: Path | None = None,
            open_files: Sequence[Path] = ()) -> int:
    """Open the main window on a page; with `screenshot`, render it to PNG and exit (`texts`: also write
    what the window says, as JSON, for support and for checking an installed build's language).
    `open_files`: exchange packages to preview on 数据交换 (a double-clicked .ykt)."""
    qInstallMessageHandler(_qt_to_log)
    if screenshot is not None:
        set_synchronous(True)
    qapp = qt_application()
    if screenshot is None and not who_acts(app):
        return 0  # the login was cancelled: nothing opens
    window = MainWindow(app)
    window.show_page("exchange" if open_files else page)
    window.show()
    if open_files:
        exchange_page = window.page("exchange")
        assert isinstance(exchange_page, ExchangePage)
        exchange_page.add_files(list(open_files))
    if screenshot is not None:
        qapp.processEvents()
        wait_for_tasks()
        qapp.processEvents()
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(screenshot), "PNG")
        if texts is not None:
            write_bytes_atomically(texts, json.dumps(visible_texts(window), ensure_ascii=False, indent=1).encode())
        window.close()
        app.close()
        return 0 if ok else 1
    _install_excepthook(window)
    code = qapp.exec()
    app.close()
    return int(code)


def visible_texts(window: QWidget) -> dict[str, object]:
    """The window title and the texts of the visible labels, buttons, lists and table headings."""
    found: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QListWidget):
            found.extend(widget.item(i).text() for i in range(widget.count()))
        elif isinstance(widget, QHeaderView) and widget.model() is not None:
            model, horizontal = widget.model(), widget.orientation() == Qt.Orientation.Horizontal
            count = model.columnCount() if horizontal else 0
            found.extend(str(model.headerData(i, widget.orientation())) for i in range(count))
    return {"language": language(), "title": window.windowTitle(), "texts": [t for t in found if t.strip()]}
