"""Where bundled resources live: a source checkout, an installed tree or a frozen build."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    """The `resources/` folder (YKT_RESOURCES overrides; PyInstaller unpacks to sys._MEIPASS)."""
    override = os.environ.get("YKT_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def cjk_font_path() -> Path:
    """The CJK TrueType font embedded in PDFs and registered with Qt (WenQuanYi Micro Hei)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttf"


def translations_dir() -> Path:
    """The compiled Qt translations (`yikatong_en.qm`, built from the `.ts` sources)."""
    return resources_dir() / "translations"


def docs_dir() -> Path:
    """The `docs/` folder (user guides in `guide/`): beside `resources/` in a checkout, under sys._MEIPASS frozen."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "docs"
    return resources_dir().parent / "docs"


def guide_dir() -> Path:
    """The user guide, one Markdown file per page and language (`dashboard.zh.md`, `dashboard.en.md`)."""
    return docs_dir() / "guide"


def licenses_dir() -> Path:
    """The licence notices shown in 关于 → 许可 (`NOTICE.md`: the libraries the program carries)."""
    return resources_dir() / "licenses"
