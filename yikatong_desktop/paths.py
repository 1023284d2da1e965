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
