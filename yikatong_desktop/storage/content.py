"""Business content of live records, for the stats digest and packages (SPEC §8, §12).

Natural keys and values only — no uids, owners, versions or local keys — so two
databases holding the same facts yield the same content however they got it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Select, select

from yikatong_desktop.storage import tables as t

P, PR, A, H, ST = t.payments, t.persons, t.bank_accounts, t.households, t.program_standards


def _orgs() -> Select[Any]:
    o = t.org_units
    return select(o.c.code, o.c.name, o.c.level, o.c.parent_code).where(o.c.voided.is_(False))


def _programs() -> Select[Any]:
    g = t.programs
    return select(g.c.code, g.c.name, g.c.department, g.c.basis, g.c.frequency, g.c.unit,
                  g.c.funding_levels, g.c.synonyms, g.c.card_required, g.c.household_based,
                  g.c.min_age, g.c.excludes_public_employees, g.c.area, g.c.grace_days,
                  g.c.in_scope).where(g.c.voided.is_(False))


def _standards() -> Select[Any]:
    return (select(t.programs.c.code.label("program"), ST.c.year, ST.c.tier, ST.c.min_age, ST.c.max_age,
                   ST.c.amount_fen, ST.c.unit, ST.c.confirmed)
            .join(t.programs, t.programs.c.id == ST.c.program_id).where(ST.c.voided.is_(False)))


def _households() -> Select[Any]:
    return select(H.c.hh_key, H.c.hh_no, H.c.head_name, H.c.head_id_number, H.c.village_code,
                  H.c.group_code).where(H.c.voided.is_(False))


def _persons() -> Select[Any]:
    return (select(PR.c.id_number, PR.c.id_valid, PR.c.name, PR.c.sex, PR.c.ethnicity, PR.c.birth_date,
                   H.c.hh_key.label("household"), PR.c.village_code, PR.c.group_code, PR.c.phone)
            .outerjoin(H, H.c.id == PR.c.household_id).where(PR.c.voided.is_(False)))


def _accounts() -> Select[Any]:
    return select(A.c.bank, A.c.number).where(A.c.voided.is_(False))


def _payments() -> Select[Any]:
    return (select(PR.c.id_number.label("person"), t.programs.c.code.label("program"), P.c.year,
                   P.c.period_label.label("period"), P.c.paid_date, P.c.occurrence, P.c.quantity,
                   P.c.standard_fen, P.c.due_fen, P.c.paid_fen, P.c.due_date, P.c.method,
                   A.c.bank.label("account_bank"), A.c.number.label("account_number"),
                   P.c.township_code, P.c.village_code, P.c.group_code, P.c.written_name, P.c.written_sex,
                   P.c.written_holder_name, P.c.written_holder_id, P.c.remark)
            .join(PR, PR.c.id == P.c.person_id).join(t.programs, t.programs.c.id == P.c.program_id)
            .outerjoin(A, A.c.id == P.c.account_id).where(P.c.voided.is_(False)))


#: Kind name (as `ykt stats` prints it) → query of business content.
CONTENT_QUERIES = {
    "org_units": _orgs,
    "programs": _programs,
    "program_standards": _standards,
    "households": _households,
    "persons": _persons,
    "bank_accounts": _accounts,
    "payments": _payments,
}


def business_rows(conn: Connection, kind: str) -> Iterator[dict[str, Any]]:
    """Live records of a kind as plain dicts of their business content."""
    result = conn.execution_options(yield_per=5000).execute(CONTENT_QUERIES[kind]())
    for row in result:
        item = dict(row._mapping)
        for key in ("funding_levels", "synonyms", "area"):
            if key in item:
                item[key] = json.loads(item[key])
        yield item
