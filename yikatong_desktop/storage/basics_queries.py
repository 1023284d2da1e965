"""底数 (SPEC §2, §6, §7): set-based GROUP BY queries over the live payments of a scope.

Every query is one scan of payments (with programs, persons and accounts joined
where needed) grouped by some of the dimensions township, village, program and
year. Distinct counts (persons, households, accounts, banks, departments) are
computed by the database at each grain, never added up from finer grains; only
payments and amounts, which are additive, are rolled up by callers.

A household is the person's household, else the person alone. A bank is an
account's bank name; an empty name is not a bank. A place is where a payment
was made: its village, else its township, else the org that imported it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, func, literal, select

from yikatong_desktop.storage import tables as t

P, PR, G, A, H, ORG = t.payments, t.persons, t.programs, t.bank_accounts, t.households, t.org_units
METHODS = ("card", "cash", "other")
DIMENSIONS: dict[str, Any] = {"township": P.c.township_code, "village": P.c.village_code,
                              "program": P.c.program_id, "year": P.c.year}


@dataclass(frozen=True)
class Scope:
    """Which payments: one year (or all), one org and what lies below it (or all)."""

    year: int | None = None
    org_code: str | None = None
    org_level: str | None = None


def _bank() -> ColumnElement[Any]:
    return func.nullif(A.c.bank, "")


def _household() -> ColumnElement[Any]:
    return func.coalesce(PR.c.household_id, -PR.c.id)


def _place() -> ColumnElement[Any]:
    return func.coalesce(P.c.village_code, P.c.township_code, P.c.owner_org)


def _where(scope: Scope) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [P.c.voided.is_(False)]
    if scope.year is not None:
        conditions.append(P.c.year == scope.year)
    if scope.org_code is not None:
        column = {"township": P.c.township_code, "village": P.c.village_code, "group": P.c.group_code}.get(
            scope.org_level or "")
        if column is not None:
            conditions.append(column == scope.org_code)
        else:  # a county or above: its code starts every code below it (SPEC §4)
            conditions.append(_place().startswith(scope.org_code, autoescape=True))
    return conditions


def _joined() -> Any:
    return (P.join(G, G.c.id == P.c.program_id).join(PR, PR.c.id == P.c.person_id)
            .outerjoin(A, A.c.id == P.c.account_id))


def totals(conn: Connection, scope: Scope, keys: Sequence[str]) -> list[Any]:
    """One row per combination of `keys` (township, village, program, year) present in the scope.

    Columns: the keys, then payments, paid_fen, persons, households, accounts, banks, programs,
    departments, and per method m in card/cash/other: m_payments, m_fen.
    """
    dims = [DIMENSIONS[k].label(k) for k in keys]
    method_columns = []
    for method in METHODS:
        hit = P.c.method == method
        method_columns += [func.sum(case((hit, 1), else_=0)).label(f"{method}_payments"),
                           func.coalesce(func.sum(case((hit, P.c.paid_fen), else_=0)), 0).label(f"{method}_fen")]
    stmt = (select(*dims, func.count().label("payments"), func.coalesce(func.sum(P.c.paid_fen), 0).label("paid_fen"),
                   func.count(func.distinct(P.c.person_id)).label("persons"),
                   func.count(func.distinct(_household())).label("households"),
                   func.count(func.distinct(P.c.account_id)).label("accounts"),
                   func.count(func.distinct(_bank())).label("banks"),
                   func.count(func.distinct(P.c.program_id)).label("programs"),
                   func.count(func.distinct(G.c.department)).label("departments"), *method_columns)
            .select_from(_joined()).where(*_where(scope)))
    if keys:
        stmt = stmt.group_by(*[DIMENSIONS[k] for k in keys]).order_by(*[DIMENSIONS[k] for k in keys])
    return list(conn.execute(stmt))


def bank_usage(conn: Connection, scope: Scope, keys: Sequence[str]) -> list[Any]:
    """Per combination of `keys` and bank: accounts, persons, payments and amount paid through it."""
    dims = [DIMENSIONS[k].label(k) for k in keys]
    group = [*[DIMENSIONS[k] for k in keys], A.c.bank]
    return list(conn.execute(
        select(*dims, A.c.bank.label("bank"), func.count(func.distinct(P.c.account_id)).label("accounts"),
               func.count(func.distinct(P.c.person_id)).label("persons"), func.count().label("payments"),
               func.coalesce(func.sum(P.c.paid_fen), 0).label("paid_fen"))
        .select_from(P.join(A, A.c.id == P.c.account_id)).where(*_where(scope), A.c.bank != "")
        .group_by(*group).order_by(*group)))


#: Units the 政出多门/卡出多行 spread is counted over, and the column that names one.
UNITS: dict[str, Any] = {"person": P.c.person_id, "household": _household(), "village": _place()}


def _per_unit(scope: Scope, unit: str) -> Any:
    """Per unit: how many programs, departments, banks and accounts paid it, and how much."""
    key = UNITS[unit]
    return (select(key.label("unit"), func.count(func.distinct(P.c.program_id)).label("programs"),
                   func.count(func.distinct(G.c.department)).label("departments"),
                   func.count(func.distinct(_bank())).label("banks"),
                   func.count(func.distinct(P.c.account_id)).label("accounts"),
                   func.count(func.distinct(P.c.person_id)).label("persons"),
                   func.coalesce(func.sum(P.c.paid_fen), 0).label("paid_fen"))
            .select_from(_joined()).where(*_where(scope)).group_by(key))


def _capped(column: Any, cap: int) -> Any:
    return case((column >= cap, cap), else_=column)


def spread(conn: Connection, scope: Scope, unit: str, caps: dict[str, int]) -> list[Any]:
    """How many units fall in each combination of capped counts (e.g. programs 1, 2, 3, 4+).

    Rows: one column per name in `caps` (its count, `cap` meaning “cap or more”), then `units`.
    """
    per = _per_unit(scope, unit).subquery()
    # Capped in a subquery and grouped by its columns: PostgreSQL does not see two renderings of one
    # CASE with bound parameters as the same expression.
    capped = select(*[_capped(per.c[name], cap).label(name) for name, cap in caps.items()]).subquery()
    columns = [capped.c[name] for name in caps]
    return list(conn.execute(select(*columns, func.count().label("units")).group_by(*columns)))


def top_units(conn: Connection, scope: Scope, unit: str, order: Sequence[str], limit: int) -> list[Any]:
    """The units with the most of `order` (e.g. departments, then programs), with their counts."""
    per = _per_unit(scope, unit).subquery()
    return list(conn.execute(select(per).order_by(*[per.c[name].desc() for name in order], per.c.unit)
                             .limit(limit)))


def unit_lists(conn: Connection, scope: Scope, unit: str, units: Sequence[Any]) -> list[Any]:
    """For some units: each (unit, program, bank) they were paid by, to list names."""
    if not units:
        return []
    key = UNITS[unit]
    return list(conn.execute(
        select(key.label("unit"), P.c.program_id.label("program"), _bank().label("bank"))
        .select_from(_joined()).where(*_where(scope), key.in_(list(units))).distinct()))


def persons_described(conn: Connection, ids: Sequence[int]) -> list[Any]:
    """Name, ID number and village of some persons."""
    if not ids:
        return []
    return list(conn.execute(select(PR.c.id, PR.c.name, PR.c.id_number, PR.c.village_code)
                             .where(PR.c.id.in_(list(ids)))))


def households_described(conn: Connection, keys: Sequence[int]) -> list[Any]:
    """Household (or lone person, as a negative key): head's name, 户编号, village, persons paid."""
    found = [k for k in keys if k > 0]
    rows: list[Any] = []
    if found:
        rows += list(conn.execute(select(H.c.id.label("key"), H.c.head_name.label("name"), H.c.hh_no,
                                         H.c.village_code).where(H.c.id.in_(found))))
    alone = [-k for k in keys if k < 0]
    if alone:
        rows += list(conn.execute(select((-PR.c.id).label("key"), PR.c.name.label("name"),
                                         literal(None).label("hh_no"), PR.c.village_code)
                                  .where(PR.c.id.in_(alone))))
    return rows


def org_names(conn: Connection) -> dict[str, tuple[str, str, str | None]]:
    """Every org unit: code → (name, level, parent code)."""
    return {r.code: (r.name, r.level, r.parent_code)
            for r in conn.execute(select(ORG.c.code, ORG.c.name, ORG.c.level, ORG.c.parent_code))}


def program_names(conn: Connection) -> dict[int, tuple[str, str, str]]:
    """Every program: local id → (code, name, department)."""
    return {r.id: (r.code, r.name, r.department)
            for r in conn.execute(select(G.c.id, G.c.code, G.c.name, G.c.department))}


def years(conn: Connection) -> list[int]:
    """The years live payments exist for."""
    return [int(r[0]) for r in conn.execute(select(P.c.year).where(P.c.voided.is_(False)).distinct()
                                            .order_by(P.c.year))]

