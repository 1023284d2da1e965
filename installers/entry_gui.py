"""The frozen desktop program (PyInstaller entry point): `yikatong` opens the window; `yikatong F.ykt`
(a double-clicked exchange package) opens it on 数据交换 with that package's preview."""

import sys

from yikatong_desktop.cli.main import main


def gui_argv(argv: list[str]) -> list[str]:
    """The command line of `ykt gui` for what the desktop passed: nothing, or files to open."""
    files = [a for a in argv if not a.startswith("-")]
    options = [a for a in argv if a.startswith("-")]
    return ["gui", *options, *(["--open", *files] if files else [])]


if __name__ == "__main__":
    sys.exit(main(gui_argv(sys.argv[1:])))
