"""Rule queries that read the other lists of SPEC §5 (deaths, exits, 财政供养, cadres, eligible,
allocations, bank returns, field checks). One set-based query per rule; rows as base.py describes.

Each subject comes out once: where a payment meets several list rows (moved and exited, say), the
query keeps the first by date (`_once`). Lists of payment uids for the evidence are aggregated in
SQL (`_joined`) and split and sorted by the rule's Python, so a re-run gives the same evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Date,
    Integer,
    String,
    and_,
    case,
    cast,
    column,
    exists,
    func,
    literal,
    not_,
    null,
    or_,
    select,
    text,
    union_all,
)
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement, Select

from yikatong_desktop.domain.due_periods import due_periods
from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.rule_queries.base import (
    LIVE,
    PR,
    Context,
    G,
    P,
    day_literal,
    days_between,
    payment_rows,
    person_columns,
    place,
)

S, STAFF, CADRES, ELIGIBLE = t.person_statuses, t.public_employees, t.cadres, t.eligible_entries
ALLOC, RETURNS, CHECKS, ORGS = t.fund_allocations, t.bank_returns, t.field_checks, t.org_units

#: Separators of `_joined` lists: record and field (control characters no name or label contains).
RECORD_SEP, FIELD_SEP = "\x1e", "\x1f"


def _once(stmt: Select[Any], partition: Sequence[Any], order: Sequence[Any]) -> Select[Any]:
    """The statement's rows, only the first by `order` within each `partition`."""
    ranked = stmt.add_columns(func.row_number().over(partition_by=list(partition), order_by=list(order))
                              .label("nth")).subquery()
    return select(*[c for c in ranked.c if c.name != "nth"]).where(ranked.c.nth == 1)


def _total(fen: Any) -> ColumnElement[Any]:
    """SUM of fen as an integer (PostgreSQL sums BIGINT as NUMERIC)."""
    return cast(func.sum(fen), BigInteger)


def _joined(dialect: str, *parts: Any) -> ColumnElement[Any]:
    """An aggregate: the parts of every row, fields joined by FIELD_SEP, rows by RECORD_SEP."""
    one: Any = cast(parts[0], String)
    for part in parts[1:]:
        one = one + FIELD_SEP + cast(part, String)
    if dialect == "postgresql":
        return func.string_agg(one, RECORD_SEP)
    return func.group_concat(one, RECORD_SEP)


def _payments_by_person(dialect: str, *where: Any) -> Any:
    """Per person: live payments (meeting `where`) counted and summed, and listed as uid/period/program/paid."""
    paid = func.coalesce(P.c.paid_fen, 0)
    return (select(P.c.person_id, func.count().label("payments"), _total(paid).label("paid_total"),
                   _joined(dialect, P.c.uid, P.c.period_label, G.c.name, paid).label("paid_list"))
            .select_from(P.join(G, G.c.id == P.c.program_id))
            .where(LIVE, *where).group_by(P.c.person_id).subquery())


def _left(status_date_before: Any, program_id: Any) -> ColumnElement[bool]:
    """A moved status (any program), or an exit from this program (or from all, when it names none)."""
    return and_(S.c.voided.is_(False), S.c.status_date < status_date_before,
                or_(S.c.status == "moved",
                    and_(S.c.status == "exit", or_(S.c.program_id.is_(None), S.c.program_id == program_id))))


def paid_after_death(conn: Connection, ctx: Context) -> Any:
    """Payments for a period that starts after the person's date of death."""
    stmt = (payment_rows(P.c.paid_fen.label("amount_fen"), S.c.status_date.label("died"),
                         S.c.uid.label("status_uid"))
            .join(S, (S.c.person_id == P.c.person_id) & (S.c.status == "death") & S.c.voided.is_(False))
            .where(P.c.period_start > S.c.status_date))
    return conn.execute(stmt)


def paid_after_exit(conn: Connection, ctx: Context) -> Any:
    """Payments for a period that starts after the person moved out, or exited that program (or all)."""
    stmt = (payment_rows(P.c.paid_fen.label("amount_fen"), S.c.status, S.c.reason,
                         S.c.status_date.label("left_on"), S.c.uid.label("status_uid"))
            .join(S, and_(S.c.person_id == P.c.person_id, _left(P.c.period_start, P.c.program_id))))
    return conn.execute(_once(stmt, [P.c.id], [S.c.status_date, S.c.id]))


def public_employee(conn: Connection, ctx: Context) -> Any:
    """Payments to a 财政供养人员 by a program that excludes them."""
    stmt = (payment_rows(P.c.paid_fen.label("amount_fen"), STAFF.c.uid.label("staff_uid"), STAFF.c.employer,
                         STAFF.c.category)
            .join(STAFF, and_(STAFF.c.person_id == P.c.person_id, STAFF.c.voided.is_(False)))
            .where(G.c.excludes_public_employees.is_(True)))
    return conn.execute(_once(stmt, [P.c.id], [STAFF.c.id]))


def cadre_relative(conn: Connection, ctx: Context) -> Any:
    """Beneficiaries who are village cadres or their close relatives: one row per person, all live payments."""
    # Only the listed persons' payments are summed (a handful), through the payments' person index.
    paid = _payments_by_person(ctx.dialect, P.c.person_id.in_(select(CADRES.c.person_id)
                                                              .where(CADRES.c.voided.is_(False))))
    cadre = aliased(t.persons, name="cadre")
    own = aliased(CADRES, name="own")
    cadre_post = (select(own.c.position)
                  .where(own.c.person_id == CADRES.c.cadre_person_id, own.c.voided.is_(False),
                         own.c.position.is_not(None))
                  .order_by(own.c.id).limit(1).scalar_subquery())
    stmt = (select(*person_columns(paid.c.paid_total), CADRES.c.uid.label("cadre_uid"), CADRES.c.relation,
                   CADRES.c.position, func.coalesce(cadre.c.name, CADRES.c.cadre_name).label("cadre_name"),
                   cadre_post.label("cadre_position"), paid.c.payments, paid.c.paid_list)
            .select_from(CADRES.join(PR, PR.c.id == CADRES.c.person_id)
                         .join(paid, paid.c.person_id == PR.c.id)
                         .outerjoin(cadre, cadre.c.id == CADRES.c.cadre_person_id))
            .where(CADRES.c.voided.is_(False)))
    return conn.execute(_once(stmt, [PR.c.id], [case((CADRES.c.relation == "本人", 0), else_=1), CADRES.c.id]))


def card_held_by_others(conn: Connection, ctx: Context) -> Any:
    """Persons whose latest field check found the card not in their hands; at stake their card payments."""
    latest = _once(select(CHECKS.c.person_id, CHECKS.c.uid.label("check_uid"), CHECKS.c.check_date,
                          CHECKS.c.card_in_hand, CHECKS.c.card_holder, CHECKS.c.inspector, CHECKS.c.note)
                   .where(CHECKS.c.voided.is_(False)),
                   [CHECKS.c.person_id], [CHECKS.c.check_date.desc(), CHECKS.c.occurrence.desc(),
                                          CHECKS.c.id.desc()]).subquery()
    checked = select(CHECKS.c.person_id).where(CHECKS.c.voided.is_(False), CHECKS.c.card_in_hand.is_(False))
    paid = _payments_by_person(ctx.dialect, P.c.method == "card", P.c.person_id.in_(checked))
    stmt = (select(*person_columns(func.coalesce(paid.c.paid_total, 0)), latest.c.check_uid, latest.c.check_date,
                   latest.c.card_holder, latest.c.inspector, latest.c.note,
                   func.coalesce(paid.c.payments, 0).label("payments"), paid.c.paid_list)
            .select_from(latest.join(PR, PR.c.id == latest.c.person_id)
                         .outerjoin(paid, paid.c.person_id == PR.c.id))
            .where(latest.c.card_in_hand.is_(False)))
    return conn.execute(stmt)


def bank_fee(conn: Connection, ctx: Context) -> Any:
    """Succeeded return lines credited less than the payment's 实发, or charged a fee; at stake fee + shortfall."""
    matched = and_(P.c.id == RETURNS.c.payment_id, LIVE)
    shortfall = func.coalesce(case((P.c.paid_fen > RETURNS.c.amount_fen, P.c.paid_fen - RETURNS.c.amount_fen),
                                   else_=0), 0)
    fee = func.coalesce(RETURNS.c.fee_fen, 0)
    stmt = (select(RETURNS.c.uid.label("key"), literal("bank_return", String).label("subject_kind"),
                   P.c.person_id.label("person_id"), P.c.id.label("payment_id"),
                   func.coalesce(RETURNS.c.account_id, P.c.account_id).label("account_id"),
                   P.c.program_id.label("program_id"), P.c.period_label.label("period_label"),
                   place().label("org_code"), (fee + shortfall).label("amount_fen"),
                   func.coalesce(PR.c.name, RETURNS.c.holder_name).label("name"), G.c.name.label("program"),
                   P.c.uid.label("payment_uid"), P.c.paid_fen, RETURNS.c.amount_fen.label("credited_fen"),
                   fee.label("fee_fen"), shortfall.label("shortfall_fen"), RETURNS.c.account_number,
                   RETURNS.c.credited_date)
            .select_from(RETURNS.outerjoin(P, matched).outerjoin(PR, PR.c.id == P.c.person_id)
                         .outerjoin(G, G.c.id == P.c.program_id))
            .where(RETURNS.c.voided.is_(False), RETURNS.c.succeeded.is_(True), or_(fee > 0, shortfall > 0)))
    return conn.execute(stmt)


def unissued_funds(conn: Connection, ctx: Context) -> Any:
    """Payments a bank return says failed, with no later payment for the same person, program and
    period, once repay_days have passed since the payment date."""
    again = aliased(P, name="again")
    paid_on = func.coalesce(P.c.paid_date, P.c.due_date, P.c.period_end)
    repaid = exists().where(again.c.person_id == P.c.person_id, again.c.program_id == P.c.program_id,
                            again.c.period_label == P.c.period_label, again.c.id != P.c.id,
                            again.c.voided.is_(False), func.coalesce(again.c.paid_fen, 0) > 0,
                            func.coalesce(again.c.paid_date, again.c.period_end) > paid_on)
    stmt = (payment_rows(func.coalesce(P.c.paid_fen, RETURNS.c.amount_fen).label("amount_fen"),
                         RETURNS.c.uid.label("return_uid"), RETURNS.c.failure_reason, RETURNS.c.account_number,
                         paid_on.label("paid_on"),
                         days_between(ctx.dialect, paid_on, day_literal(ctx.today)).label("days"))
            .join(RETURNS, and_(RETURNS.c.payment_id == P.c.id, RETURNS.c.voided.is_(False),
                                RETURNS.c.succeeded.is_(False)))
            .where(days_between(ctx.dialect, paid_on, day_literal(ctx.today)) > ctx.params["repay_days"],
                   not_(repaid)))
    return conn.execute(_once(stmt, [P.c.id], [RETURNS.c.id]))


def funds_not_disbursed(conn: Connection, ctx: Context) -> Any:
    """Per program, org and period: allocated (money there for after_days) minus paid by that org for
    payments within the period, above threshold_fen."""
    arrived = days_between(ctx.dialect, ALLOC.c.arrived_date, day_literal(ctx.today)) > ctx.params["after_days"]
    groups = (select(ALLOC.c.program_id, ALLOC.c.org_code, ALLOC.c.period_label,
                     func.min(ALLOC.c.period_start).label("period_start"),
                     func.max(ALLOC.c.period_end).label("period_end"),
                     _total(ALLOC.c.amount_fen).label("allocated_fen"),
                     func.max(ALLOC.c.arrived_date).label("arrived_date"),
                     func.max(ALLOC.c.unit).label("unit"),
                     _joined(ctx.dialect, ALLOC.c.uid, ALLOC.c.amount_fen, ALLOC.c.arrived_date).label("alloc_list"))
              .where(ALLOC.c.voided.is_(False), ALLOC.c.org_code.is_not(None), arrived)
              .group_by(ALLOC.c.program_id, ALLOC.c.org_code, ALLOC.c.period_label).subquery())
    paid = (select(func.coalesce(_total(func.coalesce(P.c.paid_fen, 0)), 0))
            .where(LIVE, P.c.program_id == groups.c.program_id, P.c.period_start >= groups.c.period_start,
                   P.c.period_end <= groups.c.period_end,
                   or_(P.c.township_code == groups.c.org_code, P.c.village_code == groups.c.org_code,
                       P.c.owner_org == groups.c.org_code))
            .scalar_subquery())
    sums = select(groups, paid.label("paid_total")).subquery()
    gap = sums.c.allocated_fen - sums.c.paid_total
    stmt = (select((sums.c.org_code + "|" + G.c.code + "|" + sums.c.period_label).label("key"),
                   literal("allocation", String).label("subject_kind"), null().label("person_id"),
                   null().label("payment_id"), null().label("account_id"), sums.c.program_id.label("program_id"),
                   sums.c.period_label.label("period_label"), sums.c.org_code.label("org_code"),
                   gap.label("amount_fen"), G.c.name.label("program"),
                   func.coalesce(ORGS.c.name, sums.c.unit).label("org_name"), sums.c.allocated_fen,
                   sums.c.paid_total, sums.c.arrived_date, sums.c.alloc_list,
                   days_between(ctx.dialect, sums.c.arrived_date, day_literal(ctx.today)).label("arrived_days"),
                   literal(ctx.params["after_days"], Integer).label("after_days"))
            .select_from(sums.join(G, G.c.id == sums.c.program_id)
                         .outerjoin(ORGS, and_(ORGS.c.code == sums.c.org_code, ORGS.c.voided.is_(False))))
            .where(gap > ctx.params["threshold_fen"]))
    return conn.execute(stmt)


def entitled_not_paid(conn: Connection, ctx: Context) -> Any:
    """A person on an eligible list with no payment for a period the program owed; and a payment row with
    应发 > 0 and no 实发. Both as (person, program, period)."""
    unpaid = _unpaid_rows(ctx)
    periods = _owed_periods(conn, ctx)
    if periods is None:
        return conn.execute(unpaid)
    return conn.execute(union_all(_not_paid_while_eligible(ctx, periods), unpaid))


def _subject(person_uid: ColumnElement[Any], program_code: Any, period_label: Any) -> ColumnElement[Any]:
    """The key of a (person, program, period) finding."""
    key: ColumnElement[Any] = person_uid + "|" + program_code + "|" + period_label
    return key


def _owed_periods(conn: Connection, ctx: Context) -> Any:
    """The periods each program with an eligible list owed, as a small VALUES selectable (None: no period)."""
    firsts = conn.execute(select(G.c.id, G.c.frequency, G.c.grace_days, func.min(ELIGIBLE.c.from_start))
                          .select_from(ELIGIBLE.join(G, G.c.id == ELIGIBLE.c.program_id))
                          .where(ELIGIBLE.c.voided.is_(False))
                          .group_by(G.c.id, G.c.frequency, G.c.grace_days))
    rows = [(program_id, period) for program_id, frequency, grace, first in firsts
            for period in due_periods(frequency, first, grace, ctx.today)]
    if not rows:
        return None
    day = "CAST(:{} AS DATE)" if ctx.dialect == "postgresql" else ":{}"
    params: dict[str, Any] = {}
    values = []
    for n, (program_id, period) in enumerate(rows):
        values.append(f"(:g{n}, :l{n}, {day.format(f's{n}')}, {day.format(f'e{n}')})")
        params.update({f"g{n}": program_id, f"l{n}": period.label, f"s{n}": period.start.isoformat(),
                       f"e{n}": period.end.isoformat()})
    # Without column names: SQLite does not take `AS owed (a, b)`; both name VALUES columns column1…
    return (text("VALUES " + ", ".join(values)).bindparams(**params)
            .columns(column("column1", Integer), column("column2", String), column("column3", Date),
                     column("column4", Date))
            .subquery("owed"))


def _none(kind: Any) -> ColumnElement[Any]:
    """A typed NULL: the two halves of a UNION must agree on types (PostgreSQL reads a bare NULL as text)."""
    return cast(null(), kind)


def _entitled_columns(program_id: Any, period_label: Any, amount: Any, source: str, *extra: Any) -> list[Any]:
    return [_subject(PR.c.uid, G.c.code, period_label).label("key"), literal("person", String).label("subject_kind"),
            PR.c.id.label("person_id"), _none(Integer).label("payment_id"), _none(Integer).label("account_id"),
            program_id.label("program_id"), period_label.label("period_label"),
            func.coalesce(PR.c.village_code, PR.c.owner_org).label("org_code"), amount.label("amount_fen"),
            PR.c.name.label("name"), G.c.name.label("program"), literal(source, String).label("source"), *extra]


def _not_paid_while_eligible(ctx: Context, owed: Any) -> Select[Any]:
    program_id, label, start, end = owed.c.column1, owed.c.column2, owed.c.column3, owed.c.column4
    payee = aliased(t.persons, name="payee")
    # A payment row of the period (paid, or an 应发 row the second part reports), to this person or, for
    # a household-based program, to anyone of the household.
    covered = exists().select_from(P.join(payee, payee.c.id == P.c.person_id)).where(
        LIVE, P.c.program_id == ELIGIBLE.c.program_id, P.c.period_start <= end, P.c.period_end >= start,
        or_(func.coalesce(P.c.paid_fen, 0) > 0, func.coalesce(P.c.due_fen, 0) > 0),
        or_(P.c.person_id == ELIGIBLE.c.person_id,
            and_(G.c.household_based.is_(True), payee.c.household_id == PR.c.household_id)))
    gone = exists().where(S.c.person_id == ELIGIBLE.c.person_id,
                          or_(and_(S.c.voided.is_(False), S.c.status == "death", S.c.status_date < start),
                              _left(start, ELIGIBLE.c.program_id)))
    stmt = (select(*_entitled_columns(program_id, label, literal(0, Integer), "eligible",
                                      ELIGIBLE.c.uid.label("list_uid"), ELIGIBLE.c.from_label,
                                      _none(BigInteger).label("due_total"), _none(String).label("paid_list")))
            .select_from(ELIGIBLE.join(owed, program_id == ELIGIBLE.c.program_id)
                         .join(PR, PR.c.id == ELIGIBLE.c.person_id).join(G, G.c.id == ELIGIBLE.c.program_id))
            .where(ELIGIBLE.c.voided.is_(False), end >= ELIGIBLE.c.from_start,
                   or_(ELIGIBLE.c.until_end.is_(None), start <= ELIGIBLE.c.until_end), not_(covered), not_(gone)))
    return _once(stmt, [ELIGIBLE.c.person_id, ELIGIBLE.c.program_id, label], [ELIGIBLE.c.id])


def _unpaid_rows(ctx: Context) -> Select[Any]:
    """Payment rows with 应发 > 0 and no 实发, per person, program and period with no paid row."""
    again = aliased(P, name="again")
    paid_too = exists().where(again.c.person_id == P.c.person_id, again.c.program_id == P.c.program_id,
                              again.c.period_label == P.c.period_label, again.c.voided.is_(False),
                              func.coalesce(again.c.paid_fen, 0) > 0)
    rows = (select(P.c.person_id, P.c.program_id, P.c.period_label, _total(P.c.due_fen).label("due_total"),
                   _joined(ctx.dialect, P.c.uid, P.c.period_label, G.c.name, P.c.due_fen).label("paid_list"))
            .select_from(P.join(G, G.c.id == P.c.program_id))
            .where(LIVE, P.c.due_fen > 0, func.coalesce(P.c.paid_fen, 0) == 0, not_(paid_too))
            .group_by(P.c.person_id, P.c.program_id, P.c.period_label).subquery())
    return (select(*_entitled_columns(rows.c.program_id, rows.c.period_label, rows.c.due_total, "due_row",
                                      _none(String).label("list_uid"), _none(String).label("from_label"),
                                      rows.c.due_total,
                                      rows.c.paid_list))
            .select_from(rows.join(PR, PR.c.id == rows.c.person_id).join(G, G.c.id == rows.c.program_id)))
