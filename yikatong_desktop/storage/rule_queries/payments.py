"""Rule queries over payments, persons and accounts (SPEC §6). One set-based query per rule."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Connection,
    Date,
    Float,
    Integer,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    type_coerce,
)

from yikatong_desktop.domain.periods import born_on_or_before
from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.rule_queries.base import (
    LIVE,
    PR,
    A,
    Context,
    G,
    H,
    P,
    age_on,
    days_between,
    lookup_table,
    payment_rows,
    person_columns,
    place,
    program_periods,
)


def underpaid(conn: Connection, ctx: Context) -> Any:
    """实发 < 应发 (beyond the tolerance)."""
    gap = P.c.due_fen - P.c.paid_fen
    return conn.execute(payment_rows(gap.label("amount_fen"))
                        .where(P.c.paid_fen.is_not(None), P.c.due_fen.is_not(None), gap > ctx.params["tolerance_fen"]))


def cash_payment(conn: Connection, ctx: Context) -> Any:
    """Paid in cash where the program must pay by card."""
    return conn.execute(payment_rows(P.c.paid_fen.label("amount_fen"))
                        .where(P.c.method == "cash", G.c.card_required.is_(True)))


def late_payment(conn: Connection, ctx: Context) -> Any:
    """Paid later than the due date plus the program's grace days (a per-program rule parameter, if set)."""
    late = days_between(ctx.dialect, P.c.due_date, P.c.paid_date)
    own = ctx.program_params.get("grace_days") or {}
    grace = case(dict(own), value=G.c.code, else_=G.c.grace_days) if own else G.c.grace_days
    return conn.execute(payment_rows(P.c.paid_fen.label("amount_fen"), late.label("late_days"),
                                     grace.label("grace_days"))
                        .where(P.c.paid_date.is_not(None), P.c.due_date.is_not(None), late > grace))


def over_standard_candidates(conn: Connection, ctx: Context) -> list[Any]:
    """Payments whose 实发 may exceed the applicable standard × quantity (exactly decided in Python).

    The applicable standard: the catalogue's confirmed one for the program, year and the tier the
    person's age on the period's last day falls in (the highest when several match), else
    the row's own 补贴标准. Age tiers become birth-date bounds per program and period (computed
    here, a few hundred rows, looked up by index), so the payments are only compared, never put
    through date functions. A float product selects candidates; the exact half-up comparison in
    Decimal is done on them alone.
    """
    columns = [("program_id", Integer), ("period_label", String(10)), ("born_after", Date), ("born_until", Date),
               ("amount_fen", BigInteger)]
    with lookup_table(conn, "tiers", columns, _tier_bounds(conn), ["program_id", "period_label"]) as tiers:
        # The tiers are disjoint (see _tier_bounds): at most one matches a payment, looked up by index.
        standard = func.coalesce(tiers.c.amount_fen, P.c.standard_fen)
        quantity = func.coalesce(cast(P.c.quantity, Float), 1.0)
        stmt = (payment_rows(P.c.paid_fen.label("amount_fen"), standard.label("applicable_fen"),
                             tiers.c.amount_fen.label("catalogue_fen"), P.c.standard_fen, P.c.quantity)
                .outerjoin(tiers, and_(tiers.c.program_id == P.c.program_id,
                                       tiers.c.period_label == P.c.period_label,
                                       or_(tiers.c.born_after.is_(None), PR.c.birth_date > tiers.c.born_after),
                                       or_(tiers.c.born_until.is_(None), PR.c.birth_date <= tiers.c.born_until)))
                .where(P.c.paid_fen.is_not(None), standard.is_not(None),
                       _may_exceed(standard * quantity, P.c.paid_fen - ctx.params["tolerance_fen"] - 0.5)))
        return list(conn.execute(stmt))


def _may_exceed(product: Any, threshold: Any) -> Any:
    """Over the standard ⟺ S·Q < 实发 − tolerance − ½ fen (half-up rounding), decided exactly in Python.

    In floats: everything clearly below the threshold is a candidate; within 10⁻⁶ of it only
    quantities with more than six decimals can be over (with ≤ 6 decimals S·Q is a multiple of 10⁻⁶,
    so there it is an exact half, which rounds up and is not over).
    """
    many_decimals = type_coerce(P.c.quantity, String).like("%." + "_" * 7 + "%")  # the column holds decimal text
    return and_(product < threshold + 1e-6, or_(product < threshold - 1e-6, many_decimals))


def _tier_bounds(conn: Connection) -> list[tuple[Any, ...]]:
    """Confirmed catalogue standards as disjoint (program, period, birth-date range, amount) rows.

    Standards may overlap (an untiered one beside age tiers, two tiers sharing an age): where they
    do, the highest applies, so each payment meets at most one row.
    """
    st = t.program_standards
    standards: dict[tuple[int, int], list[Any]] = {}
    for r in conn.execute(select(st.c.program_id, st.c.year, st.c.min_age, st.c.max_age, st.c.amount_fen)
                          .where(st.c.confirmed.is_(True), st.c.voided.is_(False))):
        standards.setdefault((r.program_id, r.year), []).append(r)
    rows: list[tuple[Any, ...]] = []
    for program_id, label, end in program_periods(conn):
        ranges = [(None if r.max_age is None else born_on_or_before(end, r.max_age + 1),
                   None if r.min_age is None else born_on_or_before(end, r.min_age), int(r.amount_fen))
                  for r in standards.get((program_id, end.year), [])]
        rows.extend((program_id, label, after, until, fen) for after, until, fen in disjoint_maximum(ranges))
    return rows


def disjoint_maximum(ranges: list[tuple[Any, Any, int]]) -> list[tuple[Any, Any, int]]:
    """(after, until, amount) ranges — after exclusive, until inclusive, None unbounded — made disjoint,
    each piece with the highest amount of the ranges covering it; neighbours with one amount joined."""
    if len(ranges) <= 1:
        return list(ranges)
    points = sorted({b for after, until, _ in ranges for b in (after, until) if b is not None})
    pieces = list(zip([None, *points], [*points, None], strict=True))
    out: list[tuple[Any, Any, int]] = []
    for lo, hi in pieces:
        covering = [fen for after, until, fen in ranges
                    if (after is None or (lo is not None and after <= lo))
                    and (until is None or (hi is not None and hi <= until))]
        if not covering:
            continue
        best = max(covering)
        if out and out[-1][1] == lo and out[-1][2] == best:
            out[-1] = (out[-1][0], hi, best)
        else:
            out.append((lo, hi, best))
    return out


def out_of_scope(conn: Connection, ctx: Context) -> list[Any]:
    """Below the program's minimum age on the period's last day, or outside the program's area.

    The minimum age becomes the latest allowed birth date per program and period (computed here).
    """
    programs = {r.id: r.min_age for r in conn.execute(select(G.c.id, G.c.min_age).where(G.c.min_age.is_not(None)))}
    limits = [(pid, label, born_on_or_before(end, programs[pid])) for pid, label, end in program_periods(conn)
              if pid in programs]
    outside = and_(G.c.area != "[]",
                   ~G.c.area.contains(func.coalesce(P.c.township_code, "-")),
                   ~G.c.area.contains(func.coalesce(P.c.village_code, "-")))
    columns = [("program_id", Integer), ("period_label", String(10)), ("born_until", Date)]
    with lookup_table(conn, "age_limits", columns, limits, ["program_id", "period_label"]) as lim:
        too_young = and_(lim.c.born_until.is_not(None), PR.c.birth_date.is_not(None),
                         PR.c.birth_date > lim.c.born_until)
        age = age_on(ctx.dialect, PR.c.birth_date, P.c.period_end)  # computed for the rows found only
        return list(conn.execute(payment_rows(P.c.paid_fen.label("amount_fen"), age.label("age"),
                                              G.c.min_age.label("min_age"), too_young.label("too_young"))
                                 .outerjoin(lim, and_(lim.c.program_id == P.c.program_id,
                                                      lim.c.period_label == P.c.period_label))
                                 .where(or_(too_young, outside))))


def invalid_id(conn: Connection, ctx: Context) -> Any:
    """Persons whose stored ID fails its date or checksum and who were paid."""
    paid = func.coalesce(func.sum(P.c.paid_fen), 0)
    return conn.execute(select(*person_columns(paid, PR.c.id_problems, func.count().label("payments")))
                        .join(P, (P.c.person_id == PR.c.id) & LIVE)
                        .where(PR.c.id_valid.is_(False), PR.c.voided.is_(False))
                        .group_by(PR.c.id))


def _name_key(column: Any) -> Any:
    """domain.names.name_key in SQL: without dots (any of the ways people type them) and spaces, lower case."""
    for mark in ("·", ".", "•", "・", "．", "‧", " ", "\u3000"):
        column = func.replace(column, mark, "")
    return func.lower(column)


def name_id_mismatch(conn: Connection, ctx: Context) -> Any:
    """A payment whose written name is another name than the person's, or whose 性别 contradicts the ID."""
    # Most rows carry the name exactly as stored: compare that first, the key only when it differs.
    other_name = and_(P.c.written_name.is_not(None), P.c.written_name != PR.c.name,
                      _name_key(P.c.written_name) != PR.c.name_key)
    other_sex = and_(PR.c.id_valid.is_(True), P.c.written_sex.is_not(None), PR.c.sex.is_not(None),
                     P.c.written_sex != PR.c.sex)
    return conn.execute(payment_rows(P.c.paid_fen.label("amount_fen"), PR.c.name.label("id_name"),
                                     P.c.written_sex, PR.c.sex.label("id_sex"), other_name.label("other_name"))
                        .where(or_(other_name, other_sex)))


def card_not_own(conn: Connection, ctx: Context) -> Any:
    """Persons paid to an account whose holder is not them; on a household-based program the 户主's
    card or a household member's card is fine. One row per person and account."""
    holder = PR.alias("holder")
    own_hh = H.alias("own_hh")
    holder_key = _name_key(P.c.written_holder_name)
    someone_else = or_(
        and_(P.c.written_holder_id.is_not(None), P.c.written_holder_id != PR.c.id_number),
        and_(P.c.written_holder_id.is_(None), P.c.written_holder_name.is_not(None), holder_key != PR.c.name_key))
    same_household = or_(
        and_(holder.c.household_id.is_not(None), holder.c.household_id == PR.c.household_id),
        and_(own_hh.c.head_id_number.is_not(None), own_hh.c.head_id_number == P.c.written_holder_id),
        and_(P.c.written_holder_id.is_(None), own_hh.c.head_name.is_not(None),
             own_hh.c.head_name == P.c.written_holder_name))
    paid = func.coalesce(func.sum(P.c.paid_fen), 0)
    stmt = (select((PR.c.uid + "|" + A.c.uid).label("key"), literal("person_account", String).label("subject_kind"),
                   PR.c.id.label("person_id"), func.min(P.c.id).label("payment_id"), A.c.id.label("account_id"),
                   null().label("program_id"), null().label("period_label"), func.min(place()).label("org_code"),
                   paid.label("amount_fen"), PR.c.name, PR.c.id_number, PR.c.uid.label("person_uid"),
                   func.max(P.c.written_holder_name).label("holder_name"), A.c.number.label("account_number"),
                   A.c.bank, func.count().label("payments"), func.min(P.c.period_label).label("first_period"),
                   func.max(P.c.period_label).label("last_period"), _agg(ctx.dialect, G.c.name).label("programs"),
                   _agg(ctx.dialect, P.c.uid).label("payment_uids"))
            .select_from(P.join(PR, PR.c.id == P.c.person_id).join(G, G.c.id == P.c.program_id)
                         .join(A, A.c.id == P.c.account_id)
                         .outerjoin(holder, holder.c.id_number == P.c.written_holder_id)
                         .outerjoin(own_hh, own_hh.c.id == PR.c.household_id))
            .where(LIVE, someone_else, ~and_(G.c.household_based.is_(True), same_household))
            .group_by(PR.c.id, PR.c.uid, PR.c.name, PR.c.id_number, A.c.id, A.c.uid, A.c.number, A.c.bank))
    return conn.execute(stmt)


def multi_card(conn: Connection, ctx: Context) -> Any:
    """Persons paid on more accounts than allowed; one row per person with the accounts and amounts."""
    over = (select(P.c.person_id).where(LIVE, P.c.account_id.is_not(None)).group_by(P.c.person_id)
            .having(func.count(func.distinct(P.c.account_id)) > ctx.params["max_accounts"]).subquery())
    per_card = (select(P.c.person_id, A.c.bank, A.c.number, func.count().label("n"),
                       func.coalesce(func.sum(P.c.paid_fen), 0).label("paid"))
                .join(A, A.c.id == P.c.account_id).where(LIVE, P.c.person_id.in_(select(over.c.person_id)))
                .group_by(P.c.person_id, A.c.bank, A.c.number).subquery())
    card = per_card.c.bank + " " + per_card.c.number + " " + cast(per_card.c.paid, String)
    return conn.execute(select(*person_columns(func.sum(per_card.c.paid) - func.max(per_card.c.paid),
                                               func.count().label("cards"), _agg(ctx.dialect, card).label("card_list")))
                        .join(per_card, per_card.c.person_id == PR.c.id).group_by(PR.c.id))


def too_many_banks(conn: Connection, ctx: Context) -> Any:
    """Org units (townships) whose live payments go through more agent banks than allowed.

    Each org's distinct accounts first (payments alone), then their banks.
    """
    org = func.coalesce(P.c.township_code, P.c.owner_org)
    used = select(org.label("org"), P.c.account_id).where(LIVE, P.c.account_id.is_not(None)).distinct().subquery()
    banks = func.count(func.distinct(A.c.bank))
    o = t.org_units
    return conn.execute(
        select(used.c.org.label("key"), literal("org", String).label("subject_kind"), null().label("person_id"),
               null().label("payment_id"), null().label("account_id"), null().label("program_id"),
               null().label("period_label"), used.c.org.label("org_code"), literal(0).label("amount_fen"),
               banks.label("banks"), func.min(o.c.name).label("org_name"),
               _agg(ctx.dialect, A.c.bank).label("bank_list"))
        .select_from(used.join(A, A.c.id == used.c.account_id).outerjoin(o, o.c.code == used.c.org))
        .where(A.c.bank != "").group_by(used.c.org).having(banks > ctx.params["max_banks"]))


def shared_account(conn: Connection, ctx: Context) -> Any:
    """Accounts that received payments for several persons of different households.

    Accounts paid to more than one person are found on the payments alone (an index on the
    account); households are looked at for those few.
    """
    several = (select(P.c.account_id).where(LIVE, P.c.account_id.is_not(None)).group_by(P.c.account_id)
               .having(func.count(func.distinct(P.c.person_id)) > 1))
    household = func.coalesce(PR.c.household_id, -PR.c.id)
    return conn.execute(
        select(A.c.uid.label("key"), literal("account", String).label("subject_kind"), null().label("person_id"),
               null().label("payment_id"), A.c.id.label("account_id"), null().label("program_id"),
               null().label("period_label"), func.min(place()).label("org_code"),
               func.coalesce(func.sum(P.c.paid_fen), 0).label("amount_fen"), A.c.bank, A.c.number,
               func.count(func.distinct(PR.c.id)).label("persons"),
               _agg(ctx.dialect, PR.c.name).label("names"), _agg(ctx.dialect, PR.c.uid).label("person_uids"))
        .select_from(P.join(PR, PR.c.id == P.c.person_id).join(A, A.c.id == P.c.account_id))
        .where(LIVE, P.c.account_id.in_(several)).group_by(A.c.id, A.c.uid, A.c.bank, A.c.number)
        .having(func.count(func.distinct(household)) > 1))


def duplicate_payment(conn: Connection, ctx: Context) -> Any:
    """The same person, program and period paid more than once.

    The repeated keys are found on the payments alone; persons and programs are joined for those.
    """
    repeated = (select(P.c.person_id, P.c.program_id, P.c.period_label).where(LIVE)
                .group_by(P.c.person_id, P.c.program_id, P.c.period_label).having(func.count() > 1).subquery())
    n = func.count()
    total = func.coalesce(func.sum(P.c.paid_fen), 0)
    key = PR.c.uid + "|" + G.c.code + "|" + P.c.period_label
    return conn.execute(
        select(key.label("key"), literal("payment_group", String).label("subject_kind"), PR.c.id.label("person_id"),
               func.max(P.c.id).label("payment_id"), null().label("account_id"), P.c.program_id,
               P.c.period_label, func.min(place()).label("org_code"),
               (total - func.max(func.coalesce(P.c.paid_fen, 0))).label("amount_fen"), n.label("times"),
               total.label("total_fen"), PR.c.name, PR.c.id_number, G.c.name.label("program"),
               _agg(ctx.dialect, P.c.uid).label("payment_uids"))
        .select_from(repeated.join(P, and_(P.c.person_id == repeated.c.person_id,
                                           P.c.program_id == repeated.c.program_id,
                                           P.c.period_label == repeated.c.period_label))
                     .join(PR, PR.c.id == P.c.person_id).join(G, G.c.id == P.c.program_id))
        .where(LIVE).group_by(PR.c.id, PR.c.uid, PR.c.name, PR.c.id_number, G.c.code, G.c.name, P.c.program_id,
                              P.c.period_label))


def _agg(dialect: str, column: Any) -> Any:
    """Distinct values joined with commas (SQLite's group_concat(DISTINCT …) allows no other separator)."""
    if dialect == "postgresql":
        return func.string_agg(func.distinct(cast(column, String)), ",")
    return func.group_concat(func.distinct(column))
