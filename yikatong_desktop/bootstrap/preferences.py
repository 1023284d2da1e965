"""The person's preferences on this computer (the interface language), kept in the user data folder
beside the logs and backups, never next to the program."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from yikatong_desktop.domain.messages import LANGUAGES, environment_language

log = logging.getLogger("yikatong")
FILE_NAME = "settings.json"


def _path() -> Path:
    from yikatong_desktop.bootstrap import data_dir

    return data_dir() / FILE_NAME


def _load() -> dict[str, object]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:  # a damaged file: the defaults, and the reason in the log
        log.warning("ignoring unreadable preferences %s: %s", _path(), exc)
        return {}
    return data if isinstance(data, dict) else {}


def saved_language() -> str | None:
    """The language chosen in 设置 (None: follow LANG)."""
    lang = _load().get("language")
    return lang if isinstance(lang, str) and lang in LANGUAGES else None


def interface_language() -> str:
    """The language to show: the one chosen in 设置, else the environment's (LANG)."""
    return saved_language() or environment_language()


def save_language(lang: str | None) -> None:
    """Remember the language (None: follow LANG again); written whole or not at all."""
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    data = _load()
    data["language"] = lang
    path = _path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
