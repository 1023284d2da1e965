"""Rule parameters (SPEC §6): listed, set (validated), reset, audited; the checks use what is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ykt_integration import DemoDb, copy_installation, sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.rules import RULES
from yikatong_desktop.services import findings, rule_params
from yikatong_desktop.services.checks.run import PARAMS_SETTING, run_checks


@pytest.fixture
def demo_copy(demo_db: DemoDb, tmp_path: Path) -> bootstrap.App:
    app = bootstrap.open_app(str(copy_installation(demo_db.path, tmp_path / "demo.sqlite3")))
    yield app
    app.close()


def _stored(app: bootstrap.App) -> dict[str, object]:
    rows = sql(app.location, "SELECT value FROM settings WHERE key = ?", (PARAMS_SETTING,))
    return json.loads(rows[0][0]) if rows else {}


def _events(app: bootstrap.App) -> list[dict[str, object]]:
    return [json.loads(d) for (d,) in sql(app.location, "SELECT detail FROM audit_events "
                                                             "WHERE action = 'settings.rule_param' ORDER BY seq")]


def test_the_catalogue_lists_every_rule_with_defaults(demo_copy: bootstrap.App) -> None:
    with demo_copy.reader() as uow:
        rules = rule_params.catalogue(uow, demo_copy.actor)
    assert [r.code for r in rules] == [r.code for r in RULES]
    late = next(r for r in rules if r.code == "LATE_PAYMENT")
    assert [(p.name, p.value, p.default, p.per_program, p.programs) for p in late.params] == [
        ("grace_days", 30, 30, True, {})]


def test_set_and_reset_are_stored_in_the_format_the_checks_read_and_audited(demo_copy: bootstrap.App) -> None:
    with demo_copy.uow() as uow:
        rule_params.set_param(uow, demo_copy.actor, "MULTI_CARD", "max_accounts", " 2 ")
        rule_params.set_param(uow, demo_copy.actor, "未按时发放", "grace_days", "45", program="耕地地力保护补贴")
        unchanged = rule_params.set_param(uow, demo_copy.actor, "MULTI_CARD", "max_accounts", 2)
        uow.commit()
    assert not unchanged.changed
    assert _stored(demo_copy) == {"MULTI_CARD": {"max_accounts": 2}, "LATE_PAYMENT": {"grace_days@NY01": 45}}
    with demo_copy.reader() as uow:
        multi = next(r for r in rule_params.catalogue(uow, demo_copy.actor) if r.code == "MULTI_CARD")
    assert multi.params[0].value == 2 and multi.params[0].changed
    with demo_copy.uow() as uow:
        rule_params.reset_param(uow, demo_copy.actor, "MULTI_CARD", "max_accounts")
        rule_params.reset_param(uow, demo_copy.actor, "LATE_PAYMENT", "grace_days", program="NY01")
        uow.commit()
    assert _stored(demo_copy) == {}
    assert [(e["rule"], e["param"], e["program"], e["before"], e["after"]) for e in _events(demo_copy)] == [
        ("MULTI_CARD", "max_accounts", None, None, 2), ("LATE_PAYMENT", "grace_days", "NY01", None, 45),
        ("MULTI_CARD", "max_accounts", None, 2, None), ("LATE_PAYMENT", "grace_days", "NY01", 45, None)]


@pytest.mark.parametrize(("rule", "param", "value", "program", "error"), [
    ("MULTI_CARD", "max_accounts", "-1", None, InputRejected),
    ("MULTI_CARD", "max_accounts", "1.5", None, InputRejected),
    ("MULTI_CARD", "max_accounts", "两", None, InputRejected),
    ("MULTI_CARD", "max_accounts", "", None, InputRejected),
    ("MULTI_CARD", "max_accounts", "２", None, InputRejected),  # full-width digit
    ("MULTI_CARD", "max_accounts", "2", "NY01", UsageError),  # not a per-program parameter
    ("LATE_PAYMENT", "grace_days", "10", "没有的项目", InputRejected),
    ("LATE_PAYMENT", "grace_days", "10", None, UsageError),  # per program only: the catalogue's is the default
    ("NO_SUCH_RULE", "x", "1", None, UsageError),
    ("MULTI_CARD", "max_cards", "1", None, UsageError),
    ("CASH_PAYMENT", "x", "1", None, UsageError),  # a rule without parameters
])
def test_bad_input_is_refused_with_a_chinese_message_and_nothing_stored(
        demo_copy: bootstrap.App, rule: str, param: str, value: str, program: str | None,
        error: type[Exception]) -> None:
    with demo_copy.uow() as uow, pytest.raises(error) as caught:
        rule_params.set_param(uow, demo_copy.actor, rule, param, value, program=program)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(caught.value))
    assert _stored(demo_copy) == {} and _events(demo_copy) == []


def _open(app: bootstrap.App, rule: str) -> list[findings.Finding]:
    with app.uow() as uow:
        run_checks(uow, app.actor, [rule])
        uow.commit()
    with app.reader() as uow:
        return findings.list_findings(uow, app.actor, rules=[rule], statuses=["open"])


def test_a_stored_parameter_changes_what_the_checks_find(demo_copy: bootstrap.App, demo_db: DemoDb) -> None:
    assert len(_open(demo_copy, "MULTI_CARD")) == len(demo_db.cases("MULTI_CARD"))
    with demo_copy.uow() as uow:
        rule_params.set_param(uow, demo_copy.actor, "MULTI_CARD", "max_accounts", 2)
        uow.commit()
    assert {f.name for f in _open(demo_copy, "MULTI_CARD")} == {
        c["name"] for c in demo_db.cases("MULTI_CARD") if c["cards"] > 2}


def test_a_per_program_grace_days_applies_to_that_program_only(demo_copy: bootstrap.App, demo_db: DemoDb) -> None:
    late = _open(demo_copy, "LATE_PAYMENT")
    programs = {f.program for f in late}
    assert late and programs
    code = sql(demo_copy.location, "SELECT code FROM programs WHERE name = ?", (sorted(programs)[0],))[0][0]
    with demo_copy.uow() as uow:
        rule_params.set_param(uow, demo_copy.actor, "LATE_PAYMENT", "grace_days", 100_000, program=code)
        uow.commit()
    after = _open(demo_copy, "LATE_PAYMENT")
    assert {f.uid for f in after} == {f.uid for f in late if f.program != sorted(programs)[0]}
