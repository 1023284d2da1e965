"""公示 notices (SPEC §7): the payments a notice lists, its frozen rows, and which villages have notices."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, and_, case, func, literal, or_, select

from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.database import upsert
from yikatong_desktop.storage.rule_queries.base import days_between

N, NR, P, PR, G, OU = t.notices, t.notice_rows, t.payments, t.persons, t.programs, t.org_units
LIVE = P.c.voided.is_(False)


def payments_for(conn: Connection, village_codes: Sequence[str], program_ids: Sequence[int], start: date,
                 end: date) -> list[Any]:
    """Live payments of the villages and programs whose period lies within start..end, with what a notice
    prints of each (and what it orders them by)."""
    group = OU.alias("notice_group")
    stmt = (select(P.c.id.label("payment_id"), P.c.uid, P.c.village_code, P.c.program_id, P.c.group_code,
                   group.c.name.label("group_name"), PR.c.name, PR.c.id_number, PR.c.pinyin, P.c.standard_fen,
                   P.c.quantity, func.coalesce(P.c.paid_fen, P.c.due_fen, 0).label("amount_fen"), P.c.remark,
                   P.c.paid_date, P.c.period_start, P.c.period_label)
            .join(PR, PR.c.id == P.c.person_id)
            .outerjoin(group, group.c.code == P.c.group_code)
            .where(LIVE, P.c.village_code.in_(list(village_codes)), P.c.program_id.in_(list(program_ids)),
                   P.c.year.between(start.year, end.year),  # the (program, year) index finds them
                   P.c.period_start >= start, P.c.period_end <= end)
            .order_by(P.c.village_code))  # the rows of a village in printed order: the service sorts them
    return list(conn.execute(stmt))


def current_rows(conn: Connection, notice_id: int) -> list[Any]:
    """The payments a notice listed as they are now (voided ones included, flagged), in printed order."""
    group = OU.alias("notice_group")
    stmt = (select(NR.c.seq, NR.c.printed, P.c.id.label("payment_id"), P.c.voided, P.c.program_id, P.c.group_code,
                   group.c.name.label("group_name"), PR.c.name, PR.c.id_number, P.c.standard_fen, P.c.quantity,
                   func.coalesce(P.c.paid_fen, P.c.due_fen, 0).label("amount_fen"), P.c.remark)
            .join(P, P.c.id == NR.c.payment_id).join(PR, PR.c.id == P.c.person_id)
            .outerjoin(group, group.c.code == P.c.group_code)
            .where(NR.c.notice_id == notice_id).order_by(NR.c.seq))
    return list(conn.execute(stmt))


def printed_rows(conn: Connection, notice_id: int) -> list[dict[str, Any]]:
    """A notice's rows as printed, in order."""
    rows = conn.execute(select(NR.c.printed).where(NR.c.notice_id == notice_id).order_by(NR.c.seq))
    return [json.loads(r.printed) for r in rows]


def add_rows(conn: Connection, notice_id: int, rows: Iterable[tuple[int, int, Mapping[str, Any]]]) -> None:
    """Freeze a notice's rows: (seq, payment id, printed row)."""
    values = [{"notice_id": notice_id, "seq": seq, "payment_id": payment_id,
               "printed": json.dumps(printed, ensure_ascii=False, sort_keys=True)}
              for seq, payment_id, printed in rows]
    if values:
        conn.execute(NR.insert(), values)


def add_rows_many(conn: Connection, values: list[dict[str, Any]]) -> None:
    """Many notices' rows at once (notice_id, seq, payment_id, printed as JSON text)."""
    if values:
        conn.execute(NR.insert(), values)


def reserve_numbers(conn: Connection, owner: str, prefix: str, count: int) -> list[str]:
    """The next `count` free notice numbers of this org with a prefix such as GS2019-.

    The counter row in settings is written first: on PostgreSQL two clerks making notices at once wait
    for each other there, and the second then sees the first one's numbers."""
    upsert(conn, t.settings, {"key": f"numbers.{owner}.{prefix}", "value": "null"}, key=("key",))
    rows = conn.execute(select(N.c.number).where(N.c.owner_org == owner,
                                                 N.c.number.startswith(prefix, autoescape=True)))
    highest = max((int(n[len(prefix):]) for (n,) in rows if n[len(prefix):].isdigit()), default=0)
    return [f"{prefix}{highest + i:04d}" for i in range(1, count + 1)]


def uid_condition(uids: Sequence[str]) -> Any:
    """“the notice is one of these”, for Records.change_where."""
    return N.c.uid.in_(list(uids))


def notice_ids(conn: Connection, uids: Sequence[str]) -> dict[str, int]:
    """Local keys of notices by uid."""
    return {r.uid: int(r.id) for r in conn.execute(select(N.c.uid, N.c.id).where(N.c.uid.in_(list(uids))))}


def _photo_count() -> Any:
    e = t.evidence_files
    return (select(func.count()).select_from(e).where(e.c.notice_id == N.c.id, e.c.voided.is_(False))
            .correlate(N).scalar_subquery())


def _objection_count() -> Any:
    c = t.complaints
    return (select(func.count()).select_from(c).where(c.c.notice_ref == N.c.number, c.c.owner_org == N.c.owner_org,
                                                      c.c.voided.is_(False))
            .correlate(N).scalar_subquery())


def notices(conn: Connection, *, refs: Sequence[str] = (), org_prefix: str | None = None,
            posted: bool | None = None, period: str | None = None, uids: Sequence[str] = ()) -> list[Any]:
    """Live notices with village and township names, photo and objection counts; by number."""
    village, township = OU.alias("notice_village"), OU.alias("notice_township")
    stmt = (select(N, village.c.name.label("village_name"), township.c.name.label("township_name"),
                   _photo_count().label("photo_count"), _objection_count().label("objection_count"))
            .outerjoin(village, village.c.code == N.c.village_code)
            .outerjoin(township, township.c.code == N.c.township_code)
            .where(N.c.voided.is_(False)))
    if refs:
        stmt = stmt.where(or_(*(_ref_matches(ref) for ref in refs)))
    if uids:
        stmt = stmt.where(N.c.uid.in_(list(uids)))
    if org_prefix:
        stmt = stmt.where(N.c.village_code.startswith(org_prefix, autoescape=True))
    if posted is not None:
        stmt = stmt.where(N.c.posted_on.is_not(None) if posted else N.c.posted_on.is_(None))
    if period:
        stmt = stmt.where(N.c.period_label == period)
    return list(conn.execute(stmt.order_by(N.c.number, N.c.owner_org)))


def _ref_matches(ref: str) -> Any:
    """A notice by its number (any case) or the first characters of its uid."""
    text = ref.strip()
    return or_(func.upper(N.c.number) == text.upper(),
               and_(literal(len(text) >= 6), N.c.uid.startswith(text.lower(), autoescape=True)))


def listed_notices() -> Any:
    """Per payment on a live notice: how many notices list it, and from when the earliest posted one counts
    (the later of its start and its posting date) — one grouped pass over the notice rows, by an index."""
    counted_from = case((N.c.posted_on > N.c.start_on, N.c.posted_on), else_=N.c.start_on)
    return (select(NR.c.payment_id, func.count().label("notices"),
                   func.min(case((N.c.posted_on.is_not(None), counted_from))).label("posted_from"))
            .join(N, N.c.id == NR.c.notice_id).where(N.c.voided.is_(False))
            .group_by(NR.c.payment_id).subquery("listed"))


def coverage(conn: Connection, *, org_prefix: str | None, program_id: int | None, start: date | None,
             end: date | None, days: int) -> list[Any]:
    """Per village, program and period with live payments: how many payments, how many of them are on a
    notice, on a posted one, and on one posted at least `days` days before their payment date."""
    listed = listed_notices()
    early = or_(P.c.paid_date.is_(None), days_between(conn.dialect.name, listed.c.posted_from, P.c.paid_date) >= days)
    village = OU.alias("coverage_village")
    stmt = (select(P.c.village_code, village.c.name.label("village_name"), P.c.program_id,
                   G.c.code.label("program_code"), G.c.name.label("program_name"), P.c.period_label,
                   func.count().label("payments"),
                   func.sum(case((listed.c.notices.is_not(None), 1), else_=0)).label("noticed"),
                   func.sum(case((listed.c.posted_from.is_not(None), 1), else_=0)).label("posted"),
                   func.sum(case((and_(listed.c.posted_from.is_not(None), early), 1), else_=0)).label("timely"))
            .select_from(P.join(G, G.c.id == P.c.program_id).outerjoin(listed, listed.c.payment_id == P.c.id)
                         .outerjoin(village, village.c.code == P.c.village_code))
            .where(LIVE, P.c.village_code.is_not(None))
            .group_by(P.c.village_code, village.c.name, P.c.program_id, G.c.code, G.c.name, P.c.period_label)
            .order_by(P.c.village_code, G.c.code, P.c.period_label))
    if org_prefix:
        stmt = stmt.where(P.c.village_code.startswith(org_prefix, autoescape=True))
    if program_id is not None:
        stmt = stmt.where(P.c.program_id == program_id)
    if start is not None and end is not None:
        stmt = stmt.where(P.c.period_start >= start, P.c.period_end <= end)
    return list(conn.execute(stmt))


def villages_with_payments(conn: Connection, township_code: str, program_ids: Sequence[int], start: date,
                           end: date) -> list[str]:
    """Codes of the villages of a township with live payments of the programs in the period."""
    villages = select(OU.c.code).where(OU.c.parent_code == township_code, OU.c.voided.is_(False))
    stmt = (select(P.c.village_code).where(LIVE, P.c.village_code.in_(villages.scalar_subquery()),
                                           P.c.program_id.in_(list(program_ids)),
                                           P.c.period_start >= start, P.c.period_end <= end)
            .distinct().order_by(P.c.village_code))
    return [str(r.village_code) for r in conn.execute(stmt)]
