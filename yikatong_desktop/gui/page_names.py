"""The pages of the main window (SPEC §10): Chinese title and English name.

Plain data, importable without Qt, so the CLI can validate `--page` first.
"""

from __future__ import annotations

PAGES: tuple[tuple[str, str], ...] = (
    ("dashboard", "工作台"),
    ("rosters", "花名册"),
    ("import", "导入"),
    ("checks", "自查"),
    ("ledger", "问题台账"),
    ("complaints", "举报"),
    ("selfcheck", "自查表"),
    ("notices", "公示"),
    ("reports", "月报"),
    ("exchange", "数据交换"),
    ("settings", "设置"),
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
