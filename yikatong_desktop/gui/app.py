"""Start the GUI: Qt application, the bundled CJK font, the main window (or a screenshot)."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QMessageLogContext, QtMsgType, QTranslator, qInstallMessageHandler
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from yikatong_desktop.bootstrap import App
from yikatong_desktop.gui.dialogs.login import UnlockDialog, who_acts
from yikatong_desktop.gui.errors import show_error
from yikatong_desktop.gui.main_window import MainWindow
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


def qt_application() -> QApplication:
    """The one QApplication, with zh_CN Qt translations and the CJK font."""
    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    qapp.setApplicationName("yikatong")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    translator = QTranslator(qapp)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        qapp.installTranslator(translator)
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


def unlock(db: str | None) -> App | None:
    """An encrypted database: the login dialog opens it (None: the person chose not to)."""
    qt_application()
    dialog = UnlockDialog(db)
    dialog.exec()
    return dialog.app


def run_gui(app: App, *, page: str = "dashboard", screenshot: Path | None = None) -> int:
    """Open the main window on a page; with `screenshot`, render it to PNG and exit."""
    qInstallMessageHandler(_qt_to_log)
    if screenshot is not None:
        set_synchronous(True)
    qapp = qt_application()
    if screenshot is None and not who_acts(app):
        return 0  # the login was cancelled: nothing opens
    window = MainWindow(app)
    window.show_page(page)
    window.show()
    if screenshot is not None:
        qapp.processEvents()
        wait_for_tasks()
        qapp.processEvents()
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(screenshot), "PNG")
        window.close()
        app.close()
        return 0 if ok else 1
    _install_excepthook(window)
    code = qapp.exec()
    app.close()
    return int(code)
