"""NOT_PUBLICISED (SPEC §6): payment batches paid without a 公示 posted for the notice period before payment."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, String, case, cast, func, literal, select

from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.notice_store import listed_notices
from yikatong_desktop.storage.rule_queries.base import LIVE, Context, G, P, days_between, place

B, OU = t.import_batches, t.org_units


def not_publicised(conn: Connection, ctx: Context) -> Any:
    """One row per import batch, village, program and period with payments that no posted notice covered
    from at least `notice_days` days before their payment date.

    A notice counts from the later of its start and its posting date. Per payment, the earliest such
    date of a posted notice listing it (and how many notices list it at all) comes from one grouped pass
    over the notice rows, joined to the payments: no per-payment subquery.
    """
    days = int(ctx.params["notice_days"])
    listed = listed_notices()
    late = days_between(ctx.dialect, listed.c.posted_from, P.c.paid_date)
    org = place()
    batch = func.coalesce(B.c.uid, literal("manual", String))
    village = OU.alias("publicised_org")
    key = batch + literal("|", String) + org + literal("|", String) + G.c.code + literal("|", String) + P.c.period_label
    stmt = (select(key.label("key"), literal("batch", String).label("subject_kind"),
                   cast(literal(None), t.payments.c.person_id.type).label("person_id"),
                   cast(literal(None), t.payments.c.id.type).label("payment_id"),
                   cast(literal(None), t.payments.c.account_id.type).label("account_id"),
                   P.c.program_id.label("program_id"), P.c.period_label.label("period_label"),
                   org.label("org_code"), func.sum(func.coalesce(P.c.paid_fen, 0)).label("amount_fen"),
                   func.count().label("payments"), func.min(P.c.paid_date).label("first_paid"),
                   func.sum(case((listed.c.notices.is_not(None), 1), else_=0)).label("noticed"),
                   func.sum(case((listed.c.posted_from.is_not(None), 1), else_=0)).label("posted"),
                   func.max(listed.c.posted_from).label("latest_start"), batch.label("batch_uid"),
                   func.sum(case((P.c.village_code.is_(None), 1), else_=0)).label("no_village"),
                   B.c.file_name, G.c.name.label("program"), village.c.name.label("org_name"),
                   literal(days).label("notice_days"))
            .select_from(P.join(G, G.c.id == P.c.program_id).outerjoin(B, B.c.id == P.c.batch_id)
                         .outerjoin(listed, listed.c.payment_id == P.c.id)
                         .outerjoin(village, village.c.code == org))
            .where(LIVE, P.c.paid_date.is_not(None),
                   (listed.c.posted_from.is_(None)) | (late < days))
            .group_by(batch, B.c.file_name, org, village.c.name, P.c.program_id, G.c.code, G.c.name,
                      P.c.period_label))
    return conn.execute(stmt)
