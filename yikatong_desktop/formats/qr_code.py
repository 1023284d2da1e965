"""QR codes in PDFs: segno's module matrix drawn as one filled path (no encoder of our own)."""

from __future__ import annotations

from functools import cache
from typing import Any

QR_BORDER = 2  # modules of white around the code (the cell's white space adds to it)


def qr_runs(payload: str) -> list[tuple[int, int, int]]:
    """The QR code of `payload` as (row, column, length) runs of dark modules, row 0 at the top (segno's matrix)."""
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(qr_matrix(payload)):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                runs.append((r, start, c - start))
            else:
                c += 1
    return runs


def qr_matrix(payload: str) -> tuple[bytearray, ...]:
    """segno's module matrix (1 = dark), error level M at least, never a Micro QR (phones read those badly)."""
    import segno

    matrix: tuple[bytearray, ...] = segno.make(payload, error="m", micro=False).matrix
    return matrix


def qr_rects(payload: str, side: float) -> list[tuple[float, float, float, float]]:
    """The rectangles (x, y, width, height; PDF coordinates, y up) filled to draw the QR code in a square of
    `side` points, a QR_BORDER-module quiet zone included."""
    runs = qr_runs(payload)
    modules = len(qr_matrix(payload)) + 2 * QR_BORDER
    unit = side / modules
    return [((c + QR_BORDER) * unit, side - (r + QR_BORDER + 1) * unit, n * unit, unit) for r, c, n in runs]


def qr_flowable(payload: str, side: float) -> Any:
    return _qr_class()(qr_rects(payload, side), side)


@cache
def _qr_class() -> Any:
    from reportlab.platypus import Flowable

    class QrCode(Flowable):  # type: ignore[misc]
        """segno's modules as one filled path: no seams between neighbouring rectangles in any viewer."""

        def __init__(self, rects: list[tuple[float, float, float, float]], side: float) -> None:
            super().__init__()
            self.rects, self.width, self.height = rects, side, side

        def wrap(self, _w: float, _h: float) -> tuple[float, float]:
            return self.width, self.height

        def draw(self) -> None:
            path = self.canv.beginPath()
            for x, y, w, h in self.rects:
                path.rect(x, y, w, h)
            self.canv.setFillColor("#000000")
            self.canv.drawPath(path, stroke=0, fill=1)

    return QrCode
