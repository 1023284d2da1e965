"""Combo boxes of org units and programs for the ledger's and complaints' forms and filters.

An editable combo also takes what the clerk types (a code or a name): the services
resolve it, or refuse it naming the field.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from yikatong_desktop.bootstrap import App
from yikatong_desktop.services import orgs


def org_choices(app: App) -> list[tuple[str, str]]:
    """(code, shown text): this office, then its townships each followed by its villages."""
    with app.reader() as uow:
        own = str(uow.get_setting("org.code", ""))
        units = [u for u in orgs.org_units(uow, app.actor) if u.level not in ("group",)]
    by_parent: dict[str | None, list[orgs.OrgUnit]] = {}
    for u in units:
        by_parent.setdefault(u.parent_code, []).append(u)
    out: list[tuple[str, str]] = []

    def add(unit: orgs.OrgUnit, depth: int) -> None:
        out.append((unit.code, "　" * depth + QCoreApplication.translate("ChoiceCombos", "{0}（{1}）").format(
            unit.name, unit.code)))
        for child in by_parent.get(unit.code, []):
            add(child, depth + 1)

    top = [u for u in units if u.code == own] or [u for u in units if u.parent_code not in {x.code for x in units}]
    for unit in top:
        add(unit, 0)
    return out


def program_choices(app: App) -> list[tuple[str, str]]:
    """(code, shown text) of every program of the catalogue."""
    with app.reader() as uow:
        rows = orgs.catalogue_programs(uow, app.actor)
    shown = QCoreApplication.translate("ChoiceCombos", "{0}（{1}）")
    return [(code, shown.format(name, code)) for code, name in rows]


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
