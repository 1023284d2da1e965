"""What every rule query shares: the standard columns of a finding row, and portable date arithmetic.

A rule query returns one row per subject with these labelled columns: key (stable:
a uid or a natural key), subject_kind, person_id, payment_id, account_id,
program_id, period_label, org_code, amount_fen — plus whatever its explanation
needs. SQLite and PostgreSQL differ in date arithmetic; the two helpers here hide it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, and_, cast, func, literal, null, select
from sqlalchemy.sql import ColumnElement, Select

from yikatong_desktop.domain.periods import parse_period
from yikatong_desktop.domain.values_errors import ValueRejected
from yikatong_desktop.storage import tables as t

P, PR, G, A, H = t.payments, t.persons, t.programs, t.bank_accounts, t.households


@dataclass(frozen=True)
class Context:
    """What a rule's query may depend on: today (the injected clock), its parameters, the database dialect."""

    today: date
    params: Mapping[str, int]
    dialect: str
    program_params: Mapping[str, Mapping[str, int]] = field(default_factory=dict)  # param → program code → value
LIVE = P.c.voided.is_(False)


def days_between(dialect: str, earlier: Any, later: Any) -> ColumnElement[Any]:
    """Whole days from `earlier` to `later` (dates)."""
    if dialect == "postgresql":
        return cast(later - earlier, Integer)  # date - date is an integer number of days
    return cast(func.julianday(later) - func.julianday(earlier), Integer)


def age_on(dialect: str, birth: Any, day: Any) -> ColumnElement[Any]:
    """Completed years from `birth` to `day` (the age on that day)."""
    if dialect == "postgresql":
        return cast(func.date_part("year", func.age(day, birth)), Integer)
    years = cast(func.strftime("%Y", day), Integer) - cast(func.strftime("%Y", birth), Integer)
    return years - cast(func.strftime("%m%d", day) < func.strftime("%m%d", birth), Integer)


def day_literal(day: date) -> ColumnElement[Any]:
    """A date constant comparable with date columns on both databases."""
    return literal(day)


def place() -> ColumnElement[Any]:
    """The org a payment belongs to, finest first: village, township, the importing org."""
    return func.coalesce(P.c.village_code, P.c.township_code, P.c.owner_org)


def payment_rows(*extra: Any) -> Select[Any]:
    """Live payments with person and program, as finding rows about the payment (key = payment uid)."""
    return (select(P.c.uid.label("key"), literal("payment", String).label("subject_kind"),
                   PR.c.id.label("person_id"), P.c.id.label("payment_id"), P.c.account_id.label("account_id"),
                   P.c.program_id.label("program_id"), P.c.period_label.label("period_label"),
                   place().label("org_code"), PR.c.name.label("name"), PR.c.id_number.label("id_number"),
                   PR.c.uid.label("person_uid"), G.c.name.label("program"), G.c.code.label("program_code"),
                   P.c.paid_fen, P.c.due_fen, P.c.paid_date, P.c.due_date, P.c.period_start, P.c.period_end,
                   P.c.written_name, *extra)
            .select_from(P.join(PR, PR.c.id == P.c.person_id).join(G, G.c.id == P.c.program_id))
            .where(LIVE))


def person_columns(amount: Any, *extra: Any) -> list[Any]:
    """Finding columns about a person (key = person uid)."""
    return [PR.c.uid.label("key"), literal("person", String).label("subject_kind"), PR.c.id.label("person_id"),
            null().label("payment_id"), null().label("account_id"), null().label("program_id"),
            null().label("period_label"), func.coalesce(PR.c.village_code, PR.c.owner_org).label("org_code"),
            amount.label("amount_fen"), PR.c.name.label("name"), PR.c.id_number.label("id_number"),
            PR.c.uid.label("person_uid"), *extra]


def and_all(*conditions: Any) -> ColumnElement[bool]:
    """All conditions (SQLAlchemy's and_ with a readable name here)."""
    return and_(*conditions)


def program_periods(conn: Any) -> list[tuple[int, str, date]]:
    """(program_id, period_label, period end) of every live payment period, read from an index."""
    out = []
    for program_id, label in conn.execute(select(P.c.program_id, P.c.period_label).where(LIVE).distinct()):
        try:
            out.append((int(program_id), str(label), parse_period(label).end))
        except ValueRejected:  # a label the importer wrote is always parseable; skip anything else
            continue
    return out


@contextmanager
def lookup_table(conn: Any, name: str, columns: Sequence[tuple[str, Any]], rows: Sequence[tuple[Any, ...]],
                 key: Sequence[str]) -> Iterator[Table]:
    """A small table of constants (birth-date bounds per program and period …) as an indexed temporary
    table for the length of one query, so a million payments look it up by key instead of scanning it."""
    meta = MetaData()
    table = Table(f"tmp_{name}", meta, *(Column(n, type_) for n, type_ in columns), prefixes=["TEMPORARY"])
    Index(f"ix_tmp_{name}", *(table.c[k] for k in key))
    meta.create_all(conn)
    try:
        if rows:
            conn.execute(table.insert(), [dict(zip((n for n, _ in columns), r, strict=True)) for r in rows])
        yield table
    finally:
        meta.drop_all(conn)
