"""The pages of the main window (SPEC §10): Chinese title and English name.

Plain data, importable without Qt, so the CLI can validate `--page` first. The titles are marked for
lupdate in the `Pages` context; the window shows them with `QCoreApplication.translate(CONTEXT, title)`.
"""

from __future__ import annotations

CONTEXT = "Pages"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Qt's marker for lupdate, without importing Qt: the text itself."""
    return text


PAGES: tuple[tuple[str, str], ...] = (
    ("dashboard", QT_TRANSLATE_NOOP("Pages", "工作台")),
    ("rosters", QT_TRANSLATE_NOOP("Pages", "花名册")),
    ("import", QT_TRANSLATE_NOOP("Pages", "导入")),
    ("checks", QT_TRANSLATE_NOOP("Pages", "自查")),
    ("ledger", QT_TRANSLATE_NOOP("Pages", "问题台账")),
    ("complaints", QT_TRANSLATE_NOOP("Pages", "举报")),
    ("selfcheck", QT_TRANSLATE_NOOP("Pages", "自查表")),
    ("notices", QT_TRANSLATE_NOOP("Pages", "公示")),
    ("reports", QT_TRANSLATE_NOOP("Pages", "月报")),
    ("exchange", QT_TRANSLATE_NOOP("Pages", "数据交换")),
    ("settings", QT_TRANSLATE_NOOP("Pages", "设置")),
)


def page_key(name: str) -> str | None:
    """The English key of a page given its Chinese title or English name."""
    for key, title in PAGES:
        if name in (key, title):
            return key
    return None


def page_choices() -> str:
    """All page names for a message."""
    return "、".join(f"{title}({key})" for key, title in PAGES)
