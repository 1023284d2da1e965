"""Run `ykt` as a person types it: a subprocess with its own data folder, Chinese locale, no terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
YKT = str(VENV_BIN / "ykt")
#: Set for a whole test by a fixture (the encrypted leg logs every command in); a call's own values win.
DEFAULT_ENV: dict[str, str] = {}


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment: YKT_HOME in tmp, zh_CN, and nothing else of the caller's ykt settings."""
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(home), "YKT_HOME": str(home / "ykt-data"),
           "LANG": "zh_CN.UTF-8"}
    env.update(DEFAULT_ENV)
    env.update(extra)
    return env


def run(home: Path, *args: str, executable: tuple[str, ...] = (YKT,), **extra_env: str,
        ) -> subprocess.CompletedProcess[str]:
    """Run a command; stderr never shows a traceback, whatever the outcome."""
    done = subprocess.run([*executable, *args], env=cli_env(home, **extra_env), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout, done.stdout
    return done


def has_chinese(text: str) -> bool:
    """True when the text contains CJK ideographs."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
