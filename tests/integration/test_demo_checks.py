"""`ykt check` on the demo: every planted case is found, nothing else, no negative control (SPEC §6)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ykt_integration import DemoDb, copy_installation, sql

from yikatong_desktop import bootstrap
from yikatong_desktop.services import findings
from yikatong_desktop.services.checks.registry import IMPLS
from yikatong_desktop.services.checks.run import run_checks

#: Rules over payments, persons and accounts: the demo plants exactly these findings.
PAYMENT_RULES = ("LATE_PAYMENT", "UNDERPAID", "OVER_STANDARD", "OUT_OF_SCOPE", "CASH_PAYMENT", "INVALID_ID",
                 "NAME_ID_MISMATCH", "CARD_NOT_OWN", "MULTI_CARD", "TOO_MANY_BANKS", "SHARED_ACCOUNT",
                 "DUPLICATE_PAYMENT")


@pytest.fixture(scope="module")
def checked(demo_db: DemoDb, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoDb, list[Any]]]:
    path = copy_installation(demo_db.path, tmp_path_factory.mktemp("checked") / "demo.sqlite3")
    app = bootstrap.open_app(str(path))
    with app.uow() as uow:
        run_checks(uow, app.actor, list(IMPLS))
        uow.commit()
    with app.reader() as uow:
        found = findings.list_findings(uow, app.actor)
    app.close()
    yield DemoDb(path, demo_db.manifest), found


@pytest.fixture(scope="module")
def demo_db(demo_on_both: DemoDb) -> DemoDb:
    """This module runs on the demo of both backends."""
    return demo_on_both


def _covers(finding: findings.Finding, case: dict[str, Any], db: Path) -> bool:
    """A finding is about a planted case: its payment, its person, or its township."""
    uids = {e["uid"] for e in finding.evidence}
    if case.get("payment_uid") in uids or case.get("person_uid") in uids:
        return True
    if case.get("township") and finding.org_code == case["township"]:
        return case.get("program") in (None, finding.program_code)
    if finding.id_number is not None and finding.id_number == case.get("id_number"):
        return True
    return False


@pytest.mark.parametrize("rule", PAYMENT_RULES)
def test_every_planted_case_is_found_and_nothing_else(checked: tuple[DemoDb, list[Any]], rule: str) -> None:
    demo, found = checked
    mine = [f for f in found if f.rule == rule]
    cases = demo.cases(rule)
    side_effects = [c for c in demo.manifest["planted"] if rule in c.get("also", [])]
    for case in cases:
        assert any(_covers(f, case, demo.path) for f in mine), (rule, case)
    assert len(mine) == len(cases) + len(side_effects), [f.explanation for f in mine]


def test_no_negative_control_is_a_finding(checked: tuple[DemoDb, list[Any]]) -> None:
    demo, found = checked
    for control in demo.manifest["negative_controls"]:
        if control["rule"] not in IMPLS:
            continue
        wrong = [f for f in found if f.rule == control["rule"] and _covers(f, control, demo.path)]
        assert not wrong, (control, [f.explanation for f in wrong])


def test_ykt_check_counts_are_stored_with_the_run(checked: tuple[DemoDb, list[Any]]) -> None:
    demo, found = checked
    runs = sql(demo.path, "SELECT COUNT(*), COUNT(finished_at) FROM check_runs")
    assert runs == [(1, 1)]
    assert sql(demo.path, "SELECT action FROM audit_events ORDER BY id DESC LIMIT 1") == [("check.run",)]
    assert len(found) == sql(demo.path, "SELECT COUNT(*) FROM findings")[0][0]


def test_every_rule_of_spec_6_is_implemented() -> None:
    from yikatong_desktop.domain.rules import PENDING, RULES_BY_CODE

    assert len(RULES_BY_CODE) == 22
    assert set(IMPLS) == set(RULES_BY_CODE) and not PENDING
