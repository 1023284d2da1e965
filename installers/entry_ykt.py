"""The frozen `ykt` command (PyInstaller entry point): the same CLI as `pip install` gives."""

import sys

from yikatong_desktop.cli.start import main

if __name__ == "__main__":
    sys.exit(main())
