"""What corrections and records entered by hand share: naming a column, a reason, a refused value.

A value is named as a roster names it (the template title 实发金额, a synonym such as 金额, or the
field's English name `paid`), so the CLI's `--set 实发金额=100` and the GUI's form fields meet the
same catalogue of columns (domain/headers.py) that imports use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.headers import TEMPLATE, Field, field_for
from yikatong_desktop.domain.roster_rows import RowRejected
from yikatong_desktop.domain.values_errors import ValueRejected

TITLES: dict[Field, str] = dict(TEMPLATE)


def field_named(key: str | Field) -> Field | None:
    """The field a key names: a Field, its English value, a template title or a synonym."""
    if isinstance(key, Field):
        return key
    try:
        return Field(key.strip())
    except ValueError:
        return field_for(key)


def by_field(values: Mapping[str | Field, object], allowed: Iterable[Field], *,
             unknown_key: str) -> dict[Field, object]:
    """Values keyed by field; a key naming no allowed field is a usage error listing the allowed ones."""
    allowed = tuple(allowed)
    out: dict[Field, object] = {}
    for key, value in values.items():
        found = field_named(key)
        if found is None or found not in allowed:
            if found is Field.ID_NUMBER:
                raise InputRejected("correct.id_fixed")
            raise UsageError(unknown_key, field=str(key), choices="、".join(TITLES[f] for f in allowed))
        out[found] = value
    return out


def reason_text(reason: str, key: str) -> str:
    """The trimmed reason; a change without one is refused."""
    if not reason or not reason.strip():
        raise UsageError(key)
    return reason.strip()


def bad_value(column: StrEnum | None, message_zh: str) -> InputRejected:
    """The error for a refused value: “标题”：原因 (exit 3; nothing stored)."""
    title = TITLES.get(column, "") if isinstance(column, Field) else ""
    return InputRejected("correct.bad_value", field=title, reason=message_zh)


def refused(exc: RowRejected | ValueRejected, column: Field | None = None) -> InputRejected:
    """A domain rejection as the error people see, naming the column."""
    if isinstance(exc, RowRejected):
        return bad_value(exc.column or column, exc.message_zh)
    return bad_value(column, exc.message_zh)
