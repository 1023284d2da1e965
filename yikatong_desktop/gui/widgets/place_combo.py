"""The village filter below a township filter, shared by the pages that filter by place."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox


def fill_villages(combo: QComboBox, villages: Iterable[tuple[str, str, str]], township: str | None) -> None:
    """Offer 全部村 and the villages (code, name, township) of the chosen township (all when None),
    without emitting a change while refilling."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(QCoreApplication.translate("PlaceFilter", "全部村"), None)
    for code, name, parent in villages:
        if township is None or parent == township:
            combo.addItem(name, code)
    combo.blockSignals(False)
