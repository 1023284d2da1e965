"""Combo boxes of org units and programs for the ledger's and complaints' forms and filters.

An editable combo also takes what the clerk types (a code or a name): the services
resolve it, or refuse it naming the field.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from yikatong_desktop.bootstrap import App
from yikatong_desktop.services import programs, queries


def org_choices(app: App) -> list[tuple[str, str]]:
    """(code, shown text): this office, its townships, their villages (those with payments)."""
    with app.reader() as uow:
        own = (str(uow.get_setting("org.code", "")), str(uow.get_setting("org.name", "")))
        choices = queries.filter_choices(uow, app.actor)
    out = [(own[0], f"{own[1]}（{own[0]}）")] if own[0] else []
    towns = {code for code, _ in choices["townships"]}
    for code, name in choices["townships"]:
        if code != own[0]:
            out.append((code, f"{name}（{code}）"))
        out += [(v, f"　{vname}（{v}）") for v, vname, parent in choices["villages"] if parent == code]
    out += [(v, f"{vname}（{v}）") for v, vname, parent in choices["villages"] if parent not in towns]
    return out


def program_choices(app: App) -> list[tuple[str, str]]:
    """(code, shown text) of every program of the catalogue."""
    with app.reader() as uow:
        rows = programs.list_programs(uow, app.actor)
    return [(p.code, f"{p.name}（{p.code}）") for p in rows]


def filled_combo(items: list[tuple[str, str]], first: str | None, *, editable: bool = False) -> QComboBox:
    """A combo of (value, text) items after an optional first item whose value is None."""
    box = QComboBox()
    box.setEditable(editable)
    if first is not None:
        box.addItem(first, None)
    for value, text in items:
        box.addItem(text, value)
    return box


def combo_value(box: QComboBox) -> str | None:
    """The chosen item's value, or for an editable combo the text typed (None when blank)."""
    index = box.currentIndex()
    text = box.currentText().strip()
    if index >= 0 and box.itemText(index).strip() == text:
        value = box.itemData(index)
        return None if value is None else str(value)
    return text or None


def choose_value(box: QComboBox, value: str | None) -> None:
    """Select the item with this value; an editable combo shows an unknown value as typed text."""
    index = box.findData(value) if value is not None else 0
    if index >= 0:
        box.setCurrentIndex(index)
    elif box.isEditable():
        box.setEditText(value or "")
