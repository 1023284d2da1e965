"""The read-only tables the pages list things in: whole rows selected, no row numbers, nothing edited in place."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableWidget


def read_only_table(headers: list[str], *, stretch_last: bool = False) -> QTableWidget:
    """An empty table with these column titles; `stretch_last` lets the last column take the spare width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setStretchLastSection(stretch_last)
    return table
