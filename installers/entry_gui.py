"""The frozen desktop program (PyInstaller entry point): `yikatong` opens the window; `yikatong F.ykt`
(a double-clicked exchange package) opens it on 数据交换 with that package's preview."""

import os
import sys

from yikatong_desktop.cli.main import main


def gui_argv(argv: list[str]) -> list[str]:
    """The command line of `ykt gui` for what the desktop passed: nothing, or .ykt files to open (other
    arguments are `ykt gui`'s own options, e.g. --page or --screenshot, passed on as they are)."""
    files = [a for a in argv if a.lower().endswith(".ykt")]
    options = [a for a in argv if not a.lower().endswith(".ykt")]
    return ["gui", *options, *(["--open", *files] if files else [])]


if __name__ == "__main__":
    # A windowed program on Windows has no console: sys.stdout and sys.stderr are None there, and what
    # the command line would print (a flush at the end, a notice) must go somewhere harmless.
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))
    sys.exit(main(gui_argv(sys.argv[1:])))
