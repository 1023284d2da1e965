"""The interface language: Chinese is the source text, English comes from Qt Linguist files
(`resources/translations/yikatong_en.ts`, compiled to `.qm` by the build).

Strings written in the GUI go through `self.tr()` in a QObject, or `QCoreApplication.translate(
"Context", …)` with `QT_TRANSLATE_NOOP` where a table of titles is defined outside one. Words that
come from the domain (states, roles, risk levels, rule titles) go through `term()`: their English is
in the `Terms` context, listed in `gui/terms.py`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from yikatong_desktop.domain.messages import choose_language
from yikatong_desktop.paths import translations_dir

log = logging.getLogger("yikatong.gui")
TERMS = "Terms"


def term(text: str) -> str:
    """A word of the domain in the interface language."""
    return QCoreApplication.translate(TERMS, text)


def install_translators(qapp: QCoreApplication, lang: str) -> None:
    """Make `lang` the language of this process: Qt's own texts, ours, and the message catalogue."""
    choose_language(lang)
    for old in qapp.findChildren(QTranslator):
        qapp.removeTranslator(old)
        old.deleteLater()
    if lang == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        ours = QTranslator(qapp)
        qm = translations_dir() / "yikatong_en.qm"
        if ours.load(str(qm)):
            qapp.installTranslator(ours)
        else:
            log.warning("could not load the English translation %s", qm)
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_own = QTranslator(qapp)
    if qt_own.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        qapp.installTranslator(qt_own)
