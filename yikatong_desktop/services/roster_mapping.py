"""Which column holds which field, per sheet: detection, the department's remembered fixes, the clerk's choices.

SPEC §5: "A clerk can confirm or fix the column mapping in the GUI; it is remembered per
department." How it is remembered, as a clerk would expect it:

- A fix is remembered for a *department and a header layout*: the department of the roster's
  program (from --program / the program chosen, else recognised from the 补贴项目 column when
  all its values belong to one department), and the set of the sheet's column titles. The next
  file from that department with the same columns gets the same fixes; a file whose columns
  differ (a new template) is shown as detected, for the clerk to check again, rather than read
  with a guess. Without a recognisable department the layout alone is the key ("*").
- Only the fixes are kept (the columns whose field differs from what detection says), so an
  improvement to detection still reaches every other column.
- Explicit overrides (the clerk's current choices) win over remembered fixes, which win over
  detection.

Settings key: ``import.columns.<department or *>.<layout signature>``; value: the layout's
column keys, the fixes, and who confirmed them when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from yikatong_desktop.domain.column_mapping import (
    Mapped,
    Overrides,
    apply_overrides,
    detect_header,
    header_titles,
    layout_signature,
)
from yikatong_desktop.domain.headers import Field, Header, find_header
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.values_errors import is_blank
from yikatong_desktop.formats.workbook import Sheet
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage.unit_of_work import UnitOfWork

PREFIX = "import.columns."
ANY_DEPARTMENT = "*"
#: Rows read to recognise the department, and the rows find_header looks at (with a two-row header's).
PROGRAM_SAMPLE = 50
TOP_ROWS = 40  # rows find_header looks at (SEARCH_ROWS plus the rows a two-row header needs)


@dataclass
class SheetPlan:
    """One sheet's header after detection, remembered fixes and overrides."""

    sheet: Sheet
    header: Header[Field] | None  # None: no header found
    titles: dict[int, str] = field(default_factory=dict)  # every titled column
    keys: dict[int, str] = field(default_factory=dict)
    detected: dict[int, Field] = field(default_factory=dict)  # what detection alone says
    sources: dict[int, str] = field(default_factory=dict)  # column → "detected" | "remembered" | "clerk"

    @property
    def signature(self) -> str:
        """The layout's name in the remembered fixes."""
        return layout_signature(self.keys)

    def remembered_titles(self) -> list[str]:
        """Titles whose mapping came from a remembered fix."""
        return [self.titles[c] for c, s in sorted(self.sources.items()) if s == "remembered"]


@dataclass
class FilePlan:
    department: str | None  # None: not recognised (fixes keyed by layout alone)
    department_source: str  # "program" | "file" | ""
    sheets: list[SheetPlan]


def plan_columns(uow: UnitOfWork, sheets: Sequence[Sheet], *, program: str | None = None,
                 columns: Overrides | None = None) -> FilePlan:
    """Every sheet's mapping: detection, then the department's remembered fixes, then `columns`."""
    explicit = dict(columns or {})
    first = [_detected(s, explicit) for s in sheets]
    if any(p.header is None for p in first):
        # The department is read from the rows under the header: a header only a remembered title
        # finds is looked for among every department's layouts.
        layouts = [(key.rsplit(".", 1)[1], _fixes(value)) for key, value in uow.settings_with_prefix(PREFIX).items()]
        first = [p if p.header is not None else (_from_memory(p.sheet, layouts, explicit) or p) for p in first]
    department, source = _department(uow, first, program)
    memory = remembered_fixes(uow, department)
    plans = []
    for plan in first:
        fixes = memory.get(plan.signature, {}) if plan.header is not None else {}
        plans.append(_detected(plan.sheet, explicit, fixes) if fixes else plan)
    return FilePlan(department, source, plans)


def _detected(sheet: Sheet, explicit: Overrides, remembered: Overrides | None = None) -> SheetPlan:
    rows = sheet.top_rows(TOP_ROWS)
    overrides = {**(remembered or {}), **explicit}
    auto = find_header(rows)
    helped = auto is None
    if auto is None:
        auto = detect_header(rows, overrides)
    if auto is None:
        return SheetPlan(sheet, None)
    titles = header_titles(rows, auto)
    mapped: Mapped = apply_overrides(auto, titles, overrides)
    # What detection alone says: a column found only through a clerk's title was not detected.
    detected = {c: f for c, f in auto.columns.items() if not (helped and mapped.keys.get(c) in overrides)}
    sources = {c: "detected" for c in mapped.header.columns}
    for col in mapped.overridden:
        sources[col] = "clerk" if mapped.keys[col] in explicit else "remembered"
    return SheetPlan(sheet, mapped.header, titles, dict(mapped.keys), detected, sources)


def _from_memory(sheet: Sheet, layouts: Iterable[tuple[str, Overrides]], explicit: Overrides) -> SheetPlan | None:
    """A header detection misses, found with a remembered layout's fixes (a title only the clerk knew)."""
    for signature, fixes in layouts:
        plan = _detected(sheet, explicit, fixes)
        if plan.header is not None and plan.signature == signature:
            return plan
    return None


def _department(uow: UnitOfWork, plans: Iterable[SheetPlan], program: str | None) -> tuple[str | None, str]:
    if program:
        hits = uow.records.find_program(program.strip())
        return (str(hits[0].department), "program") if hits else (None, "")
    texts: set[str] = set()
    for plan in plans:
        col = None if plan.header is None else plan.header.column_of(Field.PROGRAM)
        if plan.header is None or col is None:
            continue
        start = plan.header.data_start
        for r in range(start, min(len(plan.sheet.rows), start + PROGRAM_SAMPLE)):
            value = plan.sheet.cell(r, col)
            if not is_blank(value):
                texts.add(str(value).strip())
    departments = {str(hit.department) for text in texts for hit in uow.records.find_program(text)[:1]}
    return (departments.pop(), "file") if len(departments) == 1 else (None, "")


def remembered_fixes(uow: UnitOfWork, department: str | None) -> dict[str, dict[str, Field | None]]:
    """Layout signature → the fixes remembered for a department (or for layouts alone)."""
    prefix = f"{PREFIX}{department or ANY_DEPARTMENT}."
    out: dict[str, dict[str, Field | None]] = {}
    for key, value in uow.settings_with_prefix(prefix).items():
        out[key.removeprefix(prefix)] = _fixes(value)
    return out


def _fixes(stored: Mapping[str, Any]) -> dict[str, Field | None]:
    return {k: None if f is None else Field(f) for k, f in stored["fixes"].items()}


def remember_columns(uow: UnitOfWork, actor: Actor, department: str | None, plan: SheetPlan,
                     choices: Mapping[str, Field | None]) -> dict[str, Field | None]:
    """Save what the clerk confirmed for a sheet's layout; returns the fixes kept (those differing
    from detection). Audited."""
    authorize(actor, Action.IMPORT)
    detected = {plan.keys[c]: f for c, f in plan.detected.items() if c in plan.keys}
    fixes = {k: f for k, f in choices.items() if k in plan.keys.values() and detected.get(k) != f}
    key = f"{PREFIX}{department or ANY_DEPARTMENT}.{plan.signature}"
    before = uow.get_setting(key)
    value = {"department": department, "keys": sorted(plan.keys.values()),
             "fixes": {k: None if f is None else f.value for k, f in sorted(fixes.items())},
             "by": actor.name, "at": uow.clock.now().astimezone(dt.UTC).isoformat()}
    uow.set_setting(key, value)
    record_event(uow, actor, "import.columns", detail={
        "department": department, "layout": plan.signature, "sheet": plan.sheet.name,
        "before": None if before is None else before["fixes"], "after": value["fixes"]})
    return fixes
