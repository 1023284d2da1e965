"""Read side for tables and dashboards (SPEC §10): filtering and sorting in SQL.

The roster is paged with a deferred join: the id window is found on the
payments table alone (with only the joins a filter or sort needs), then just
those rows are joined for display, so any page of a million rows is cheap.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, func, or_, select

from yikatong_desktop.storage import tables as t

P, PR, A, G = t.payments, t.persons, t.bank_accounts, t.programs
TOWN = t.org_units.alias("town")
VIL = t.org_units.alias("vil")


@dataclass(frozen=True)
class RosterFilter:
    """What the 花名册 shows: free text (name, ID or account) and place/program/year filters."""

    text: str = ""
    township_code: str | None = None
    village_code: str | None = None
    program_code: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class RosterRow:
    uid: str
    person_uid: str
    name: str
    id_number: str = field(repr=False)  # never into a log line by accident (SPEC §9)
    id_valid: bool
    sex: str | None
    township: str | None
    village: str | None
    group: str | None
    program: str
    period: str
    quantity: Decimal | None
    standard_fen: int | None
    due_fen: int | None
    paid_fen: int | None
    paid_date: date | None
    method: str
    bank: str | None
    account: str | None = field(repr=False)


SORT_KEYS = ("default", "name", "id_number", "township", "village", "program", "period", "paid", "paid_date", "bank")


def _filters(f: RosterFilter) -> list[ColumnElement[bool]]:
    """WHERE clauses on payments (persons and accounts reached through subqueries)."""
    where: list[ColumnElement[bool]] = [P.c.voided.is_(False)]
    if f.township_code:
        where.append(P.c.township_code == f.township_code)
    if f.village_code:
        where.append(P.c.village_code == f.village_code)
    if f.program_code:
        where.append(P.c.program_id == select(G.c.id).where(G.c.code == f.program_code).scalar_subquery())
    if f.year is not None:
        where.append(P.c.year == f.year)
    text = f.text.strip()
    if text:
        like = f"%{_escape(text)}%"
        if all(ch.isdigit() or ch in "xX" for ch in text):
            where.append(or_(
                P.c.person_id.in_(select(PR.c.id).where(PR.c.id_number.like(like.upper(), escape="\\"))),
                P.c.account_id.in_(select(A.c.id).where(A.c.number.like(like, escape="\\"))),
            ))
        else:
            key = "".join(text.split()).replace("·", "")
            where.append(P.c.person_id.in_(select(PR.c.id).where(or_(
                PR.c.name.like(like, escape="\\"),
                PR.c.name_key.like(f"%{_escape(key)}%", escape="\\"),
                PR.c.pinyin.like(f"{_escape(text.lower())}%", escape="\\"),
            ))))
    return where


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def count_roster(conn: Connection, f: RosterFilter) -> int:
    """How many live payments the filter shows."""
    where = _filters(f)
    return int(conn.execute(select(func.count()).select_from(P).where(*where)).scalar_one())


def _order_keys(sort: str, descending: bool) -> tuple[list[Any], list[str]]:
    """ORDER BY keys for a sort, and the tables (beyond payments) they need joined."""
    if sort == "name":
        # pinyin, then person: the (pinyin, id) index delivers this order without a sort.
        cols: tuple[ColumnElement[Any], ...] = (PR.c.pinyin, PR.c.id, P.c.id)
        needs = ["persons"]
    elif sort == "id_number":
        cols, needs = (PR.c.id_number, P.c.id), ["persons"]
    elif sort == "bank":
        cols, needs = (A.c.bank, P.c.id), ["accounts"]
    elif sort == "default":
        cols, needs = (P.c.id,), []
    else:
        column = {"township": P.c.township_code, "village": P.c.village_code, "program": P.c.program_id,
                  "period": P.c.period_label, "paid": P.c.paid_fen, "paid_date": P.c.paid_date}[sort]
        cols, needs = (column, P.c.id), []
    return [c.desc() if descending else c.asc() for c in cols], needs


def _id_window(f: RosterFilter, sort: str, descending: bool, offset: int, limit: int) -> Select[Any]:
    keys, needs = _order_keys(sort, descending)
    stmt = select(P.c.id).select_from(P)
    if "persons" in needs:
        stmt = stmt.join(PR, PR.c.id == P.c.person_id)
    if "accounts" in needs:
        stmt = stmt.outerjoin(A, A.c.id == P.c.account_id)
    return stmt.where(*_filters(f)).order_by(*keys).offset(offset).limit(limit)


def _display(*where: ColumnElement[bool]) -> Select[Any]:
    return (
        select(P.c.id, P.c.uid, PR.c.uid.label("person_uid"), PR.c.name, PR.c.id_number, PR.c.id_valid,
               PR.c.sex, TOWN.c.name.label("township"), VIL.c.name.label("village"), P.c.group_code,
               G.c.name.label("program"), P.c.period_label, P.c.quantity, P.c.standard_fen, P.c.due_fen,
               P.c.paid_fen, P.c.paid_date, P.c.method, A.c.bank, A.c.number)
        .join(PR, PR.c.id == P.c.person_id).join(G, G.c.id == P.c.program_id)
        .outerjoin(A, A.c.id == P.c.account_id)
        .outerjoin(TOWN, TOWN.c.code == P.c.township_code).outerjoin(VIL, VIL.c.code == P.c.village_code)
        .where(*where)
    )


def roster_page(conn: Connection, f: RosterFilter, *, sort: str = "default", descending: bool = False,
                offset: int = 0, limit: int = 200) -> list[RosterRow]:
    """One window of the roster, in display order.

    The first window is one query (ORDER BY … LIMIT is cheap at the top); deeper
    ones find their ids on payments alone, then join just those rows.
    """
    if offset == 0:
        rows = list(conn.execute(_display(*_filters(f)).order_by(*_order_keys(sort, descending)[0]).limit(limit)))
    else:
        ids = [r[0] for r in conn.execute(_id_window(f, sort, descending, offset, limit))]
        by_id = {r.id: r for r in conn.execute(_display(P.c.id.in_(ids)))} if ids else {}
        rows = [by_id[pid] for pid in ids]
    return [_roster_row(r) for r in rows]


def _roster_row(r: Any) -> RosterRow:
    return RosterRow(r.uid, r.person_uid, r.name, r.id_number, r.id_valid, r.sex, r.township, r.village,
                     _group_label(r.group_code), r.program, r.period_label, r.quantity, r.standard_fen, r.due_fen,
                     r.paid_fen, r.paid_date, r.method, r.bank, r.number)


def _group_label(code: str | None) -> str | None:
    if not code or "-" not in code:
        return code
    return f"{code.rsplit('-', 1)[1]}组"


def person_detail(conn: Connection, person_uid: str) -> dict[str, Any] | None:
    """A person with their household, all their payments and the accounts they were paid on."""
    p = conn.execute(
        select(PR, t.households.c.hh_key, t.households.c.head_name, VIL.c.name.label("village"))
        .outerjoin(t.households, t.households.c.id == PR.c.household_id)
        .outerjoin(VIL, VIL.c.code == PR.c.village_code)
        .where(PR.c.uid == person_uid)).first()
    if p is None:
        return None
    pays = conn.execute(
        select(P.c.uid, G.c.name.label("program"), P.c.period_label, P.c.paid_fen, P.c.due_fen, P.c.paid_date,
               P.c.method, A.c.bank, A.c.number, P.c.written_name, P.c.written_holder_name, P.c.voided, P.c.version)
        .join(G, G.c.id == P.c.program_id).outerjoin(A, A.c.id == P.c.account_id)
        .where(P.c.person_id == p.id).order_by(P.c.period_start, G.c.code, P.c.id)).all()
    accounts = conn.execute(
        select(A.c.bank, A.c.number, func.count().label("payments"), func.sum(P.c.paid_fen).label("paid"))
        .join(P, P.c.account_id == A.c.id).where(P.c.person_id == p.id, P.c.voided.is_(False))
        .group_by(A.c.bank, A.c.number).order_by(A.c.bank, A.c.number)).all()
    return {"person": dict(p._mapping), "payments": [dict(r._mapping) for r in pays],
            "accounts": [dict(r._mapping) for r in accounts], "lists": _list_facts(conn, p.id)}


def _list_facts(conn: Connection, person_id: int) -> list[tuple[str, str]]:
    """What the other lists (SPEC §5) say about a person: (list, fact), live records only."""
    facts: list[tuple[str, str]] = []
    st, pe, ca, el, fc = t.person_statuses, t.public_employees, t.cadres, t.eligible_entries, t.field_checks
    titles = {"death": "死亡", "moved": "迁出", "exit": "退出"}
    for sta in conn.execute(select(st.c.status, st.c.reason, st.c.status_date, G.c.name)
                          .outerjoin(G, G.c.id == st.c.program_id)
                          .where(st.c.person_id == person_id, st.c.voided.is_(False)).order_by(st.c.status_date)):
        facts.append(("状态名单", f"{titles.get(sta.status, sta.status)}（{sta.reason}）{sta.status_date}"
                                  + (f"，项目：{sta.name}" if sta.name else "")))
    for emp in conn.execute(select(pe.c.employer, pe.c.category).where(pe.c.person_id == person_id,
                                                                     pe.c.voided.is_(False))):
        facts.append(("财政供养人员", "，".join(x for x in (emp.employer, emp.category) if x) or "是"))
    cadre = PR.alias("cadre_person")
    for cad in conn.execute(select(ca.c.position, ca.c.relation, ca.c.cadre_name, cadre.c.name)
                          .outerjoin(cadre, cadre.c.id == ca.c.cadre_person_id)
                          .where(ca.c.person_id == person_id, ca.c.voided.is_(False))):
        who = cad.name or cad.cadre_name
        facts.append(("村干部及近亲属", cad.relation + (f"（{cad.position}）" if cad.position else "")
                      + (f"，干部：{who}" if who and cad.relation != "本人" else "")))
    for ent in conn.execute(select(G.c.name, el.c.from_label, el.c.until_label).join(G, G.c.id == el.c.program_id)
                          .where(el.c.person_id == person_id, el.c.voided.is_(False))):
        until = f"至{ent.until_label}" if ent.until_label else ""
        facts.append(("应享名单", f"{ent.name}，{ent.from_label}起{until}"))
    for chk in conn.execute(select(fc.c.check_date, fc.c.card_in_hand, fc.c.card_holder, fc.c.inspector)
                          .where(fc.c.person_id == person_id, fc.c.voided.is_(False)).order_by(fc.c.check_date)):
        facts.append(("入户核查", f"{chk.check_date} 卡{'在' if chk.card_in_hand else '不在'}本人手中"
                                  + (f"，持卡人：{chk.card_holder}" if chk.card_holder else "")
                                  + (f"，核查人：{chk.inspector}" if chk.inspector else "")))
    br = t.bank_returns
    for ret in conn.execute(select(br.c.succeeded, br.c.amount_fen, br.c.fee_fen, br.c.failure_reason,
                                 br.c.credited_date, G.c.name, P.c.period_label)
                          .join(P, P.c.id == br.c.payment_id).join(G, G.c.id == P.c.program_id)
                          .where(P.c.person_id == person_id, br.c.voided.is_(False)).order_by(P.c.period_start)):
        what = (f"入账 {ret.amount_fen / 100:.2f} 元 {ret.credited_date or ''}" if ret.succeeded
                else f"失败：{ret.failure_reason}")
        facts.append(("银行回盘", f"{ret.name} {ret.period_label}：{what}"
                                  + (f"，手续费 {ret.fee_fen / 100:.2f} 元" if ret.fee_fen else "")))
    return facts


def dashboard_figures(conn: Connection) -> dict[str, Any]:
    """Counts and amounts for the 工作台."""
    live = P.c.voided.is_(False)
    per_year = conn.execute(
        select(P.c.year, func.count(), func.coalesce(func.sum(P.c.paid_fen), 0))
        .where(live).group_by(P.c.year).order_by(P.c.year)).all()
    return {
        "persons": conn.execute(select(func.count()).select_from(PR).where(PR.c.voided.is_(False))).scalar_one(),
        "payments": sum(int(r[1]) for r in per_year),
        "accounts": conn.execute(select(func.count()).select_from(A).where(A.c.voided.is_(False))).scalar_one(),
        "programs_catalog": conn.execute(
            select(func.count()).select_from(G).where(G.c.voided.is_(False))).scalar_one(),
        "programs_paid": conn.execute(select(func.count(func.distinct(P.c.program_id))).where(live)).scalar_one(),
        "banks": conn.execute(select(func.count(func.distinct(A.c.bank)))
                              .select_from(P.join(A, A.c.id == P.c.account_id)).where(live)).scalar_one(),
        "per_year": [{"year": int(r[0]), "payments": int(r[1]), "paid_fen": int(r[2])} for r in per_year],
    }


def filter_choices(conn: Connection) -> dict[str, list[tuple[str, str]]]:
    """Townships, villages (with their township), programs and years present in the payments."""
    o = t.org_units
    towns = conn.execute(select(o.c.code, o.c.name).where(
        o.c.code.in_(select(P.c.township_code).distinct())).order_by(o.c.code)).all()
    vils = conn.execute(select(o.c.code, o.c.name, o.c.parent_code).where(
        o.c.code.in_(select(P.c.village_code).distinct())).order_by(o.c.code)).all()
    progs = conn.execute(select(G.c.code, G.c.name).where(
        G.c.id.in_(select(P.c.program_id).distinct())).order_by(G.c.code)).all()
    years = conn.execute(select(P.c.year).distinct().order_by(P.c.year)).all()
    return {
        "townships": [(r.code, r.name) for r in towns],
        "villages": [(r.code, r.name, r.parent_code) for r in vils],  # type: ignore[misc]
        "programs": [(r.code, r.name) for r in progs],
        "years": [(str(r[0]), f"{r[0]}年") for r in years],
    }



def import_history(conn: Connection, limit: int = 200) -> list[dict[str, Any]]:
    """Recent import batches, newest first."""
    b = t.import_batches
    rows = conn.execute(select(b.c.uid, b.c.kind, b.c.file_name, b.c.file_sha256, b.c.imported_at, b.c.actor,
                               b.c.rows_total,
                               b.c.rows_accepted, b.c.rows_warned, b.c.rows_rejected, b.c.voided)
                        .order_by(b.c.id.desc()).limit(limit))
    return [dict(r._mapping) for r in rows]


def iter_roster(conn: Connection, f: RosterFilter, *, sort: str = "default", descending: bool = False,
                ) -> Iterator[RosterRow]:
    """Every row the filter shows, in display order, streamed (for exports of any size)."""
    stmt = _display(*_filters(f)).order_by(*_order_keys(sort, descending)[0])
    for r in conn.execute(stmt.execution_options(yield_per=2000)):
        yield _roster_row(r)
