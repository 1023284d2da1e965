"""The `ykt` command's entry: reads a spreadsheet being imported ahead while the rest of the program loads.

`ykt import KIND FILE …` spends its first second loading modules; the file it names is unpacked
meanwhile on another core (formats.workbook.read_ahead). Only the file is guessed from the command
line here; everything else, the guess's use included, is decided by the real parser later.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

_SPREADSHEETS = (".xlsx", ".xlsm", ".xls")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    file = imported_file(args)
    if file is not None:
        from yikatong_desktop.formats.workbook import read_ahead

        read_ahead(file)
    from yikatong_desktop.cli.main import main as run

    return run(args)


def imported_file(args: Sequence[str]) -> Path | None:
    """The spreadsheet an `import` command names, if there is one: the first existing .xlsx/.xls
    argument after the word import."""
    if "import" not in args:
        return None
    for arg in args[args.index("import") + 1:]:
        if arg.lower().endswith(_SPREADSHEETS) and not arg.startswith("-"):
            path = Path(arg)
            if path.is_file():
                return path
    return None
