"""关于 / 帮助: the product and where its files are, a short guide per page, the licences of what it carries.

The guides are Markdown files (`docs/guide/<page>.<lang>.md`) and the library list is
`resources/licenses/NOTICE.md`: both are read through `yikatong_desktop.paths`, so a frozen build finds
them under sys._MEIPASS. `{version:NAME}` in NOTICE.md becomes the installed version of NAME.
"""

from __future__ import annotations

import platform
import re
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop import __version__, bootstrap
from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.messages import language
from yikatong_desktop.gui.page_names import CONTEXT, PAGES
from yikatong_desktop.paths import guide_dir, licenses_dir, resources_dir

_VERSION = re.compile(r"\{version:([A-Za-z0-9_.\-]+)\}")
NOTICE = "NOTICE.md"
#: The tabs, in order.
TABS = ("about", "guide", "licences")


def installed_version(name: str) -> str:
    """The version of a distribution installed here ("Python", "Qt": the running ones); "—" when unknown."""
    if name == "Python":
        return platform.python_version()
    if name == "Qt":
        return qVersion()
    try:
        return version(name)
    except PackageNotFoundError:  # not installed on this platform, or a frozen build without its metadata
        return "—"


def guide_text(key: str, lang: str) -> str | None:
    """The guide of a page in a language, else in the other one; None when neither file is there."""
    for candidate in (lang, *(other for other in ("zh", "en") if other != lang)):
        try:
            return (guide_dir() / f"{key}.{candidate}.md").read_text(encoding="utf-8")
        except OSError:
            continue
    return None


def notice_text() -> str | None:
    """NOTICE.md with the installed versions filled in; None when the file is missing."""
    try:
        text = (licenses_dir() / NOTICE).read_text(encoding="utf-8")
    except OSError:
        return None
    return _VERSION.sub(lambda m: installed_version(m.group(1)), text)


def font_licences() -> list[Path]:
    """The licence files of the bundled font."""
    return sorted((resources_dir() / "fonts").glob("LICENSE-*.txt"))


class AboutDialog(QDialog):
    """Three tabs: 关于, 使用说明 (one guide per page of the window), 许可."""

    def __init__(self, app: App, page: str | None = None, tab: str = "guide",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.setWindowTitle(self.tr("帮助"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._about_tab(), self.tr("关于"))
        self.tabs.addTab(self._guide_tab(), self.tr("使用说明"))
        self.tabs.addTab(self._licences_tab(), self.tr("许可"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(860, 620)
        self.show_guide(page or PAGES[0][0])
        self.show_tab(tab)

    # 关于

    def _about_tab(self) -> QWidget:
        widget = QWidget()
        name = QLabel(self.tr("惠民财政补贴资金“一卡通”专项整治"))
        name.setObjectName("productName")
        name.setStyleSheet("font-size: 20px; font-weight: bold;")
        name.setWordWrap(True)
        data = bootstrap.data_dir()
        logs = bootstrap.log_path().parent
        qt = self.tr("{0}（PySide6 {1}）").format(qVersion(), PySide6.__version__)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        rows = (("version", self.tr("版本："), __version__, None),
                ("data", self.tr("数据文件夹："), str(data), data),
                ("logs", self.tr("日志文件夹："), str(logs), logs),
                ("database", self.tr("数据库："), self.app.location.display, None),
                ("python", self.tr("{0}：").format("Python"), platform.python_version(), None),
                ("qt", self.tr("{0}：").format("Qt"), qt, None))
        for key, title, value, folder in rows:
            label = QLabel(value)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            self.fields[key] = label
            if folder is None:
                form.addRow(title, label)
                continue
            row = QHBoxLayout()
            row.addWidget(label, 1)
            opener = QPushButton(self.tr("打开"))
            opener.setToolTip(self.tr("在文件管理器中打开这个文件夹"))
            opener.clicked.connect(lambda _c=False, f=folder: QDesktopServices.openUrl(QUrl.fromLocalFile(str(f))))
            row.addWidget(opener)
            form.addRow(title, row)
        note = QLabel(self.tr("数据文件夹中有日志、自动备份和本机的设置；"
                              "出错时请把日志文件夹中的日志交给技术支持人员。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5a6b7f;")
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(name)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(note)
        layout.addStretch(1)
        return widget

    # 使用说明

    def _guide_tab(self) -> QWidget:
        self.guide_pages = QListWidget()
        self.guide_pages.setObjectName("guidePages")
        for _key, title in PAGES:
            self.guide_pages.addItem(QCoreApplication.translate(CONTEXT, title))
        self.guide = QTextBrowser()
        self.guide.setObjectName("guide")
        self.guide.setOpenExternalLinks(True)
        self.guide_pages.currentRowChanged.connect(self._guide_chosen)
        return _side_by_side(self.guide_pages, self.guide, 150)

    def _guide_chosen(self, row: int) -> None:
        if not 0 <= row < len(PAGES):
            return
        key = PAGES[row][0]
        text = guide_text(key, language())
        if text is None:
            self.guide.setPlainText(self.tr("没有找到这一页的使用说明：{0}").format(guide_dir()))
            return
        self.guide.setMarkdown(text)

    def show_guide(self, key: str) -> None:
        """Show the guide of a page (by its English key) on the 使用说明 tab."""
        keys = [k for k, _ in PAGES]
        if key in keys:
            self.guide_pages.setCurrentRow(keys.index(key))

    def guide_key(self) -> str | None:
        """The page whose guide is shown."""
        row = self.guide_pages.currentRow()
        return PAGES[row][0] if 0 <= row < len(PAGES) else None

    # 许可

    def _licences_tab(self) -> QWidget:
        self.licence_names = QListWidget()
        self.licence_names.setObjectName("licenceNames")
        self.licence_texts: list[tuple[str, bool]] = []  # (text, is Markdown)
        notice = notice_text()
        self.licence_names.addItem(self.tr("第三方软件"))
        self.licence_texts.append((notice, True) if notice is not None else
                                  (self.tr("没有找到许可说明：{0}").format(licenses_dir() / NOTICE), False))
        for path in font_licences():
            try:
                text = path.read_text(encoding="utf-8")
            except OSError as exc:
                text = str(exc)
            self.licence_names.addItem(self.tr("字体：{0}").format(path.name))
            self.licence_texts.append((text, False))
        self.licence = QTextBrowser()
        self.licence.setObjectName("licence")
        self.licence.setOpenExternalLinks(True)
        self.licence_names.currentRowChanged.connect(self._licence_chosen)
        self.licence_names.setCurrentRow(0)
        return _side_by_side(self.licence_names, self.licence, 230)

    def _licence_chosen(self, row: int) -> None:
        if not 0 <= row < len(self.licence_texts):
            return
        text, markdown = self.licence_texts[row]
        if markdown:
            self.licence.setMarkdown(text)
        else:
            self.licence.setPlainText(text)

    def show_tab(self, tab: str) -> None:
        """Bring a tab forward: "about", "guide" or "licences"."""
        if tab in TABS:
            self.tabs.setCurrentIndex(TABS.index(tab))


def _side_by_side(names: QWidget, text: QWidget, names_width: int) -> QSplitter:
    """A list of names on the left, the chosen one's text filling the rest."""
    split = QSplitter(Qt.Orientation.Horizontal)
    split.addWidget(names)
    split.addWidget(text)
    split.setStretchFactor(1, 1)
    split.setCollapsible(0, False)
    split.setSizes([names_width, 840 - names_width])
    return split
