"""EXPLAIN QUERY PLAN of the heaviest rules: small tables are looked up by index, never scanned per payment."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import event
from ykt_integration import DemoDb

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.rules import rule
from yikatong_desktop.services.checks.registry import IMPLS
from yikatong_desktop.services.checks.run import parameters
from yikatong_desktop.storage.rule_queries.base import Context


@pytest.fixture(scope="module")
def plans(demo_db: DemoDb) -> Iterator[dict[str, list[str]]]:
    """Each heavy rule's query plans (every SELECT it ran), on the demo database; nothing is committed."""
    app = bootstrap.open_app(str(demo_db.path))
    found: dict[str, list[str]] = {}
    with app.uow() as uow:  # rules may create temporary lookup tables: a write transaction, rolled back
        for code in ("OVER_STANDARD", "OUT_OF_SCOPE", "DUPLICATE_PAYMENT", "CADRE_RELATIVE", "CARD_HELD_BY_OTHERS",
                     "SHARED_ACCOUNT"):
            values, per_program = parameters(uow, rule(code))
            explain_rule(uow.conn, code, Context(date(2019, 7, 15), values, "sqlite", per_program), found)
    app.close()
    yield found


def explain_rule(conn: Any, code: str, ctx: Context, found: dict[str, list[str]]) -> None:
    """Run the rule; each SELECT it issues is explained first, while its lookup tables exist."""
    captured: list[str] = []

    def explain(_c: Any, cursor: Any, statement: str, parameters: Any, _ctx: Any, many: bool) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "FROM" in statement.upper() and not many:
            rows = cursor.connection.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
            captured.append("\n".join(str(r[-1]) for r in rows))

    event.listen(conn, "before_cursor_execute", explain)
    try:
        list(IMPLS[code].query(conn, ctx))
    finally:
        event.remove(conn, "before_cursor_execute", explain)
    found[code] = captured


@pytest.mark.parametrize(("rule", "expected"), [
    ("OVER_STANDARD", "SEARCH tmp_tiers USING INDEX ix_tmp_tiers"),
    ("OUT_OF_SCOPE", "SEARCH tmp_age_limits USING INDEX ix_tmp_age_limits"),
    ("DUPLICATE_PAYMENT", "USING INDEX ix_payments_person_id_voided"),
    ("CADRE_RELATIVE", "USING INDEX ix_payments_person_id_voided"),
    ("CARD_HELD_BY_OTHERS", "USING INDEX ix_payments_person_id_voided"),
    ("SHARED_ACCOUNT", "ix_payments_account_id"),
])
def test_the_heaviest_rules_use_their_indexes(plans: dict[str, list[str]], rule: str, expected: str) -> None:
    text = "\n".join(plans[rule])
    assert expected in text, text
    assert "SCAN tmp_" not in text  # a lookup table scanned once per payment would be a million scans
