"""Reading the spreadsheets departments and banks hand over (SPEC §5).

.xlsx/.xlsm, .xls (old binary) and .csv (UTF-8, UTF-8 with BOM, GB18030/GBK),
recognised by their bytes, not their name. Cells keep the type the file gave
them — a whole number comes back as a float exactly as Excel stored it, which
is how a damaged ID is recognised later — only empty cells become None.
Reading goes through python-calamine (Rust, no entity expansion, so no XML
bombs); zip archives are checked for bombs before anything is unpacked.
"""

from __future__ import annotations

import csv
import io
import itertools
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine

from yikatong_desktop.domain.errors import InputRejected, Location

#: Refuse files larger than this outright (a county roster of 300,000 rows is ~40 MB).
MAX_FILE_BYTES = 300 * 1024 * 1024
#: Zip guard: everything unpacked together, and how much one member may expand.
MAX_UNPACKED_BYTES = 2 * 1024 * 1024 * 1024
MAX_RATIO = 200
MAX_MEMBERS = 10_000

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

Range = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first col), (last row, last col)), 0-based


@dataclass
class Sheet:
    """One sheet: its rows as the file gives them (0-based here; Excel's row = index + 1)."""

    name: str
    rows: list[list[Any]]
    merged: list[Range] = field(default_factory=list)
    hidden: bool = False

    def cell(self, row: int, col: int) -> Any:
        """The value at a position, None outside the data."""
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return None

    def top_rows(self, count: int) -> list[list[Any]]:
        """The first rows with every merged area's value repeated over the cells it covers."""
        grid = [list(r) for r in self.rows[:count]]
        for (r0, c0), (r1, c1) in self.merged:
            value = self.cell(r0, c0)
            for r in range(r0, min(r1, count - 1) + 1):
                row = grid[r]
                if len(row) <= c1:
                    row.extend([None] * (c1 + 1 - len(row)))
                for c in range(c0, c1 + 1):
                    row[c] = value
        return grid

    def columns(self, rows: Sequence[int], cols: Sequence[int], *, merged: Sequence[int] = ()) -> list[list[Any]]:
        """The cells of some columns at some rows (ascending); columns in `merged` as `merged_value` gives them."""
        data = self.rows
        # Transposed in one go: zip_longest pads short rows with None, and a last row of Nones as wide as
        # the widest column wanted makes every column exist (it is dropped again).
        padding = [None] * (max(cols, default=-1) + 1)
        grid = list(itertools.zip_longest(*(data[r] for r in rows), padding))
        return [self._merged_over(rows, c, list(grid[c][:-1])) if c in merged else list(grid[c][:-1])
                for c in cols]

    def _merged_over(self, rows: Sequence[int], col: int, values: list[Any]) -> list[Any]:
        areas = [area for area in self.merged if area[0][1] <= col <= area[1][1]]
        if areas:
            at = {r: i for i, r in enumerate(rows)}
            for (r0, c0), (r1, _c1) in reversed(areas):  # the first area that covers a cell wins
                value = self.cell(r0, c0)
                for r in range(max(r0, rows[0]), min(r1, rows[-1]) + 1):
                    if r in at:
                        values[at[r]] = value
        return values

    def merged_value(self, row: int, col: int) -> Any:
        """The value a merged area shows at a position (its top-left cell), else the cell itself."""
        for (r0, c0), (r1, c1) in self.merged:
            if r0 <= row <= r1 and c0 <= col <= c1:
                return self.cell(r0, c0)
        return self.cell(row, col)


@dataclass
class Workbook:
    """A file's sheets, hidden ones included (callers decide), and what kind of file it was."""

    path: Path
    kind: str  # xlsx | xls | csv
    sheets: list[Sheet]
    encoding: str | None = None  # for CSV

    def visible_sheets(self) -> list[Sheet]:
        """Sheets a person sees in Excel; hidden scratch sheets are not data."""
        return [s for s in self.sheets if not s.hidden]


def read_workbook(path: Path, *, max_rows: int | None = None) -> Workbook:
    """Read a roster file of any supported kind; anything else is refused with a clear message.

    `max_rows` reads only the first rows of each sheet (a preview).
    """
    where = Location(file=path.name)
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputRejected("file.unreadable", where, reason=exc.strerror or str(exc)) from exc
    if size == 0:
        raise InputRejected("file.empty", where)
    if size > MAX_FILE_BYTES:
        raise InputRejected("file.too_large", where, mb=MAX_FILE_BYTES // (1024 * 1024))
    if head.startswith(ZIP_MAGIC):
        _check_zip(path, where)
        return _read_calamine(path, "xlsx", where, max_rows)
    if head.startswith(OLE2_MAGIC):
        return _read_calamine(path, "xls", where, max_rows)
    return _read_csv(path, where, max_rows)


def _check_zip(path: Path, where: Location) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputRejected("file.damaged", where) from exc
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/") for n in names):
        raise InputRejected("file.not_excel", where)  # a .docx, an .apk … renamed
    if len(members) > MAX_MEMBERS:
        raise InputRejected("file.bomb", where)
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_RATIO * max(member.compress_size, 1) and member.file_size > 10 * 1024 * 1024:
            raise InputRejected("file.bomb", where)
    if total > MAX_UNPACKED_BYTES:
        raise InputRejected("file.bomb", where)


def read_ahead(path: Path) -> None:
    """Start unpacking an Excel file on another thread, so that the next `read_workbook` of it finds the
    work done: calamine unpacks and parses without holding Python's lock, so the program goes on starting,
    backing up and hashing meanwhile on the other core. Anything read_workbook would refuse is not
    unpacked here, and any failure is left for read_workbook to meet and report."""
    try:
        key = _file_key(path)
        with path.open("rb") as fh:
            head = fh.read(8)
        if key[1] > MAX_FILE_BYTES or not head.startswith((ZIP_MAGIC, OLE2_MAGIC)):
            return
        if head.startswith(ZIP_MAGIC):
            _check_zip(path, Location(file=path.name))
    except (OSError, InputRejected):
        return
    done = threading.Event()
    ahead = _Ahead(key, done)

    def unpack() -> None:
        try:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            ahead.sheets = [(meta, book.get_sheet_by_name(meta.name)) for meta in book.sheets_metadata]
        except Exception:  # read_workbook reads the file again and says what is wrong
            ahead.sheets = None
        finally:
            done.set()

    with _AHEAD_LOCK:
        _AHEAD[key[0]] = ahead
    threading.Thread(target=unpack, name="read-ahead", daemon=True).start()


@dataclass
class _Ahead:
    key: tuple[str, int, int]
    done: threading.Event
    sheets: list[tuple[Any, Any]] | None = None


_AHEAD: dict[str, _Ahead] = {}  # by the file's resolved path
_AHEAD_LOCK = threading.Lock()


def _file_key(path: Path) -> tuple[str, int, int]:
    """A file as read ahead: its place, size and time of change (a file changed since is read anew)."""
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def _unpacked_ahead(path: Path) -> list[tuple[Any, Any]] | None:
    """The sheets `read_ahead` unpacked from this very file (waiting for it to finish), else None."""
    with _AHEAD_LOCK:
        if not _AHEAD:
            return None
        try:
            key = _file_key(path)
        except OSError:
            return None
        ahead = _AHEAD.pop(key[0], None)
    if ahead is None or ahead.key != key:
        return None  # a file changed since it was read ahead is read anew
    ahead.done.wait()
    return ahead.sheets


def _read_calamine(path: Path, kind: str, where: Location, max_rows: int | None = None) -> Workbook:
    try:
        unpacked = _unpacked_ahead(path) if max_rows is None else None
        if unpacked is None:
            book = python_calamine.CalamineWorkbook.from_path(str(path))
            unpacked = [(meta, book.get_sheet_by_name(meta.name)) for meta in book.sheets_metadata]
        sheets = []
        for meta, sheet in unpacked:
            # skip_empty_area=False keeps the empty rows and columns before the data, so
            # indexes stay Excel's rows and columns (row index + 1 is the row Excel shows).
            rows = [[None if v == "" else v for v in row]
                    for row in sheet.to_python(skip_empty_area=False, nrows=max_rows)]
            merged = [((int(a[0]), int(a[1])), (int(b[0]), int(b[1]))) for a, b in (sheet.merged_cell_ranges or [])]
            hidden = str(meta.visible).rsplit(".", 1)[-1] != "Visible"
            sheets.append(Sheet(meta.name, _trim(rows), merged, hidden))
    except InputRejected:
        raise
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise InputRejected("file.damaged", where) from exc
    return Workbook(path, kind, sheets)


def _read_csv(path: Path, where: Location, max_rows: int | None = None) -> Workbook:
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise InputRejected("file.not_excel", where)  # binary, or UTF-16 that no department sends
    text, encoding = _decode(raw, where)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    rows = [[None if cell.strip() == "" else cell for cell in row]
            for row in itertools.islice(csv.reader(io.StringIO(text, newline=""), dialect), max_rows)]
    return Workbook(path, "csv", [Sheet("", _trim(rows))], encoding=encoding)  # a CSV has no sheet name


def _decode(raw: bytes, where: Location) -> tuple[str, str]:
    """UTF-8 (with or without BOM) when it decodes cleanly, else GB18030 (a superset of GBK)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding), ("utf-8" if encoding == "utf-8-sig" else "gb18030")
        except UnicodeDecodeError:
            continue
    raise InputRejected("file.encoding", where)


def _trim(out: list[list[Any]]) -> list[list[Any]]:
    """Drop trailing empty rows and cells, which say nothing (in place: the rows are the reader's own)."""
    while out and all(v is None for v in out[-1]):
        out.pop()
    for row in out:
        while row and row[-1] is None:
            row.pop()
    return out
