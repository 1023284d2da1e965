"""Rule queries over payments, persons and accounts (SPEC §6). One set-based query per rule."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from yikatong_desktop.storage.rule_queries.base import Context, G, P, payment_rows


def underpaid(conn: Connection, ctx: Context) -> Any:
    """实发 < 应发 (beyond the tolerance)."""
    gap = P.c.due_fen - P.c.paid_fen
    return conn.execute(payment_rows(gap.label("amount_fen"))
                        .where(P.c.paid_fen.is_not(None), P.c.due_fen.is_not(None), gap > ctx.params["tolerance_fen"]))


def cash_payment(conn: Connection, ctx: Context) -> Any:
    """Paid in cash where the program must pay by card."""
    return conn.execute(payment_rows(P.c.paid_fen.label("amount_fen"))
                        .where(P.c.method == "cash", G.c.card_required.is_(True)))
