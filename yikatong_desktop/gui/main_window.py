"""The main window: a navigation list of the pages of SPEC §10 and a stack of pages."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App, backups
from yikatong_desktop.domain.messages import message
from yikatong_desktop.gui.dialogs.about import AboutDialog
from yikatong_desktop.gui.dialogs.login import actor_text
from yikatong_desktop.gui.errors import user_text
from yikatong_desktop.gui.page_names import CONTEXT, PAGES
from yikatong_desktop.gui.pages.checks import ChecksPage
from yikatong_desktop.gui.pages.complaints import ComplaintsPage
from yikatong_desktop.gui.pages.dashboard import DashboardPage
from yikatong_desktop.gui.pages.exchange import ExchangePage
from yikatong_desktop.gui.pages.imports import ImportPage
from yikatong_desktop.gui.pages.ledger import LedgerPage
from yikatong_desktop.gui.pages.notices import NoticesPage
from yikatong_desktop.gui.pages.placeholder import PlaceholderPage
from yikatong_desktop.gui.pages.reports import ReportsPage
from yikatong_desktop.gui.pages.roster import RosterPage
from yikatong_desktop.gui.pages.selfcheck import SelfcheckPage
from yikatong_desktop.gui.pages.settings import SettingsPage
from yikatong_desktop.gui.tasks import run_task

BUILT = {"dashboard": DashboardPage, "rosters": RosterPage, "import": ImportPage, "checks": ChecksPage,
         "ledger": LedgerPage, "complaints": ComplaintsPage, "settings": SettingsPage,
         "selfcheck": SelfcheckPage, "notices": NoticesPage, "reports": ReportsPage, "exchange": ExchangePage}


def page_title(key: str) -> str:
    """A page's title in the interface language."""
    return QCoreApplication.translate(CONTEXT, dict(PAGES)[key])


class MainWindow(QMainWindow):
    """Pages are built on first visit, so start-up stays fast. 帮助 (F1) under the navigation."""

    #: The daily backup is looked at this long after the window opens (not slowing the start),
    #: then every hour while it stays open (a PC left on overnight backs up the next day too).
    FIRST_BACKUP_CHECK_MS = 60_000
    BACKUP_CHECK_MS = 3_600_000

    def __init__(self, app: App) -> None:
        super().__init__()
        self.app = app
        with app.reader() as uow:
            org_name = uow.get_setting("org.name", "")
        self.setWindowTitle(self.tr("惠民财政补贴资金“一卡通”专项整治 — {0}").format(org_name))
        self.nav = QListWidget()
        self.nav.setIconSize(QSize(0, 0))
        self.nav.setStyleSheet("QListWidget { font-size: 15px; } QListWidget::item { padding: 9px 12px; }")
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for key, _title in PAGES:
            self.nav.addItem(page_title(key))
        self.help_dialog: AboutDialog | None = None
        self.guide_action = QAction(self.tr("使用说明"), self)
        self.guide_action.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.guide_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.guide_action.triggered.connect(lambda: self.open_help("guide"))
        self.addAction(self.guide_action)  # F1 works with the menu closed
        self.about_action = QAction(self.tr("关于"), self)
        self.about_action.triggered.connect(lambda: self.open_help("about"))
        self.help_button = QPushButton(self.tr("帮助"))
        self.help_button.setObjectName("helpButton")
        self.help_button.setToolTip(self.tr("本页的使用说明（F1）、版本和许可"))
        help_menu = QMenu(self.help_button)
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.about_action)
        self.help_button.setMenu(help_menu)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.ensurePolished()
        side = QWidget()
        side.setFixedWidth(max(132, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 4))
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 6)
        side_layout.addWidget(self.nav, 1)
        side_layout.addWidget(self.help_button)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.user_label = QLabel(actor_text(app))
        self.user_label.setObjectName("userLabel")
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().showMessage(app.location.display)
        if app.upgraded is not None:  # opened by a newer build: say so once, where the person looks
            up = app.upgraded
            self.statusBar().showMessage(message("db.upgraded", old=up.old, new=up.new, backup=up.backup))
        self.nav.currentRowChanged.connect(self._switch)
        self.resize(1360, 820)
        self.backup_timer = QTimer(self)
        self.backup_timer.setSingleShot(True)
        self.backup_timer.timeout.connect(self.daily_backup)
        self.backup_timer.start(self.FIRST_BACKUP_CHECK_MS)

    def page(self, key: str) -> QWidget:
        """The page widget for a key, built on first use."""
        if key not in self.pages:
            factory = BUILT.get(key)
            widget = factory(self.app) if factory else PlaceholderPage(key, page_title(key))
            widget.setObjectName(f"page_{key}")
            if isinstance(widget, SettingsPage):
                widget.backups.restored.connect(self.reload_pages)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def show_page(self, key: str) -> None:
        """Switch to a page by its English key."""
        keys = [k for k, _ in PAGES]
        self.nav.setCurrentRow(keys.index(key))

    def current_key(self) -> str:
        """The key of the page on show."""
        return PAGES[self.nav.currentRow()][0]

    def open_help(self, tab: str = "guide") -> AboutDialog:
        """帮助 on the current page: its guide (F1), or the 关于 tab; one dialog, brought forward again."""
        dialog = self.help_dialog
        if dialog is None or not shiboken6.isValid(dialog):
            dialog = AboutDialog(self.app, page=self.current_key(), tab=tab, parent=self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.help_dialog = dialog
        else:
            dialog.show_guide(self.current_key())
            dialog.show_tab(tab)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def _switch(self, row: int) -> None:
        if 0 <= row < len(PAGES):
            self.stack.setCurrentWidget(self.page(PAGES[row][0]))

    def reload_pages(self) -> None:
        """After a restore every page shows data that is gone: build them again as they are visited."""
        current = self.current_key()
        for widget in self.pages.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()
        self.user_label.setText(actor_text(self.app))
        self.stack.setCurrentWidget(self.page(current))

    def daily_backup(self) -> None:
        """The once-a-day backup (SPEC §9), in the background; then look again in an hour."""
        self.backup_timer.start(self.BACKUP_CHECK_MS)

        def done(made: Path | None, error: BaseException | None) -> None:
            if error is not None:  # a full disk must not take the window down: the clerk is told
                self.statusBar().showMessage(self.tr("每日自动备份失败：{0}").format(user_text(error)))
            elif made is not None:
                self.statusBar().showMessage(self.tr("已自动备份：{0}").format(made.name), 15_000)

        run_task(lambda: backups.backup_if_due(self.app), done, owner=self)
