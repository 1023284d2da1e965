"""Each role against each protected action (SPEC §9, issue 7): in `authorize`, then through the services
on a real installation (SQLite and PostgreSQL), where a refusal changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from dbs import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.bootstrap import backups
from yikatong_desktop.domain.errors import InputRejected, PermissionDenied
from yikatong_desktop.domain.permissions import Action, Registered, Role
from yikatong_desktop.services import audit, imports, manual_entry, rule_params, setup, stats, users
from yikatong_desktop.services.auth import Actor, authorize, os_actor, permitted, sees_complainants
from yikatong_desktop.services.checks.run import run_checks

Installation = Callable[..., bootstrap.App]
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
GAOLING = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"

A, C, R, V, D = Role.ADMIN, Role.CLERK, Role.REVIEWER, Role.VIEWER, Role.DISCIPLINE
#: Who may do what, written out as SPEC §7 and §9 read (not derived from domain.permissions).
EXPECTED: dict[Action, set[Role]] = {
    Action.INIT: {A},
    Action.VIEW: {A, C, R, V, D},
    Action.VERIFY: {A, C, R, V, D},
    Action.IMPORT: {A, C},
    Action.CORRECT: {A, C},
    Action.CHECK: {A, C, R},
    Action.REGISTER: {A, C},              # 挂号: the township clerk registers problems
    Action.APPROVE: {A, R},               # 销号: a second person with the reviewer role
    Action.SEE_COMPLAINANTS: {D},         # "a discipline role (纪检) that alone sees complainants": not the admin
    Action.SIGN: {A, R},
    Action.EXCHANGE: {A, C},
    Action.MANAGE_USERS: {A},
    Action.MANAGE_KEYS: {A},
    Action.SETTINGS: {A},
    Action.BACKUP: {A, C, R},
    Action.RESTORE: {A},
}


@dataclass(frozen=True)
class Problem:
    """The shape of a ledger problem as far as approving its 销号 goes (the ledger comes later)."""

    registered_by: str
    description: str = "冒领高龄津贴"


def test_the_expected_table_names_every_action() -> None:
    assert set(EXPECTED) == set(Action)


@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(Role))
def test_authorize_allows_exactly_the_expected_actions(role: Role, action: Action) -> None:
    actor = Actor("某人", role, single_user=False)
    if role in EXPECTED[action]:
        authorize(actor, action)
        assert permitted(actor, action)
    else:
        with pytest.raises(PermissionDenied) as refused:
            authorize(actor, action)
        assert refused.value.key == "permission.denied" and refused.value.exit_code == 3
        assert refused.value.text("zh").startswith("某人 无权执行“") and not permitted(actor, action)


@pytest.mark.parametrize("action", list(Action))
def test_single_user_mode_may_do_everything(action: Action) -> None:
    authorize(os_actor(), action)
    authorize(os_actor(), action, Problem(registered_by=os_actor().name))


def test_a_problem_is_registered_by_someone() -> None:
    assert isinstance(Problem("王审核"), Registered)
    assert not isinstance(object(), Registered)


def test_a_reviewer_may_not_approve_the_closing_of_a_problem_they_registered() -> None:
    registrant, other = Actor("王审核", R, single_user=False), Actor("李审核", R, single_user=False)
    theirs = Problem(registered_by="王审核")
    with pytest.raises(PermissionDenied) as refused:
        authorize(registrant, Action.APPROVE, theirs)
    assert refused.value.key == "permission.own_registration" and refused.value.exit_code == 3
    assert "王审核" in refused.value.text("zh") and "登记人以外的审核人员" in refused.value.text("zh")
    assert "another reviewer" in refused.value.text("en")
    assert not permitted(registrant, Action.APPROVE, theirs)
    authorize(other, Action.APPROVE, theirs)  # a second person with the reviewer role
    authorize(registrant, Action.APPROVE, Problem(registered_by="张录入"))
    authorize(registrant, Action.APPROVE)  # no target: the role alone decides
    authorize(registrant, Action.VIEW, theirs)  # the rule is about approving, nothing else


def test_an_admin_who_registered_a_problem_may_not_approve_it_either() -> None:
    admin = Actor("管理员", A, single_user=False)
    with pytest.raises(PermissionDenied) as refused:
        authorize(admin, Action.APPROVE, Problem(registered_by="管理员"))
    assert refused.value.key == "permission.own_registration"
    authorize(admin, Action.APPROVE, Problem(registered_by="张录入"))


@pytest.mark.parametrize("registered_by", ["张录入", "王审核"])
def test_a_clerk_may_not_approve_whoever_registered(registered_by: str) -> None:
    with pytest.raises(PermissionDenied) as refused:
        authorize(Actor("张录入", C, single_user=False), Action.APPROVE, Problem(registered_by))
    assert refused.value.key == "permission.denied" and "审批销号" in refused.value.text("zh")


@pytest.mark.parametrize("role", list(Role))
def test_complainants_are_seen_by_the_discipline_role_alone(role: Role) -> None:
    actor = Actor("某人", role, single_user=False)
    assert sees_complainants(actor) is (role is D)
    if role is not D:
        with pytest.raises(PermissionDenied, match="查看举报人"):
            authorize(actor, Action.SEE_COMPLAINANTS)


# --- through the services, on a real installation ------------------------------------------------

PASSWORD = "口令 correct horse"
NAMES = {A: "管理员", C: "张录入", R: "王审核", V: "赵查看", D: "纪检组"}


@dataclass
class Office:
    """An installation with an admin and the user of one role, logged in as that user."""

    app: bootstrap.App
    role: Role
    backup: Path  # made by the admin, for `restore`
    target: Path  # where `migrate` copies to


def _do_import(o: Office) -> Any:
    with o.app.uow() as uow:
        report = imports.import_roster(uow, o.app.actor, GAOLING, program="MZ02", period="2018-03")
        uow.commit()
    assert report.inserted == 120
    return report


def _do_correct(o: Office) -> Any:
    with o.app.uow() as uow:
        made = manual_entry.add_person_by_hand(uow, o.app.actor, {"身份证号": "652323195203041224", "姓名": "李秀英",
                                                                   "乡镇": "大丰镇", "村(社区)": "东村"},
                                               reason="新迁入")
        uow.commit()
    return made


def _do_check(o: Office) -> Any:
    with o.app.uow() as uow:
        outcomes = run_checks(uow, o.app.actor)
        uow.commit()
    return outcomes


def _do_settings(o: Office) -> Any:
    with o.app.uow() as uow:
        change = rule_params.set_param(uow, o.app.actor, "MULTI_CARD", "max_accounts", 2)
        uow.commit()
    return change


def _do_manage_users(o: Office) -> Any:
    with o.app.uow() as uow:
        made = users.add_user(uow, o.app.actor, "李四", Role.CLERK, PASSWORD)
        uow.commit()
    return made


def _do_view(o: Office) -> Any:
    with o.app.reader() as uow:
        return stats.stats(uow, o.app.actor)


def _do_verify(o: Office) -> Any:
    with o.app.reader() as uow:
        return audit.list_events(uow, o.app.actor)


def _do_init(o: Office) -> Any:
    with o.app.uow() as uow:
        setup.initialise(uow, o.app.actor, code="652323", name="呼图壁县", level="county")
        uow.commit()


def _do_backup(o: Office) -> Any:
    return backups.backup_on_request(o.app)


def _do_manage_keys(o: Office) -> Any:
    """`ykt migrate`: the whole installation, keystore included, copied elsewhere (as this user)."""
    bootstrap.use_credentials(lambda: (NAMES[o.role], PASSWORD))
    try:
        return bootstrap.migrate_installation(o.app.location.url, str(o.target))
    finally:
        bootstrap.use_credentials(None)


def _do_restore(o: Office) -> Any:
    return backups.restore(o.app, o.backup, lambda: "")


#: One representative service per protected action that exists today; restore last (it swaps the data).
SERVICES: list[tuple[Action, Callable[[Office], Any]]] = [
    (Action.VIEW, _do_view), (Action.VERIFY, _do_verify), (Action.INIT, _do_init), (Action.IMPORT, _do_import),
    (Action.CORRECT, _do_correct), (Action.CHECK, _do_check), (Action.SETTINGS, _do_settings),
    (Action.MANAGE_USERS, _do_manage_users), (Action.BACKUP, _do_backup), (Action.MANAGE_KEYS, _do_manage_keys),
    (Action.RESTORE, _do_restore),
]


def _contents(o: Office) -> dict[str, Any]:
    """Every table's rows, the keystore and the backups kept: what a refused call must leave as it was."""
    where = o.app.location
    if where.path is not None:
        names = [n for (n,) in sql(where, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                          "AND name NOT LIKE 'sqlite%'")]
    else:
        names = [n for (n,) in sql(where, "SELECT table_name FROM information_schema.tables "
                                          "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")]
    tables = {n: sorted(map(repr, sql(where, f'SELECT * FROM "{n}"'))) for n in sorted(names)}
    return {"tables": tables, "keystore": o.app.keystore_path.read_bytes(),
            "backups": sorted(p.name for p in o.app.backups()), "target": o.target.exists()}


@pytest.fixture(params=list(Role), ids=[r.value for r in Role])
def office(request: pytest.FixtureRequest, installation: Installation, tmp_path: Path) -> Office:
    role: Role = request.param
    app = installation()
    with app.uow() as uow:
        users.add_user(uow, app.actor, NAMES[A], A, PASSWORD)
        uow.commit()
    bootstrap.login(app, NAMES[A], PASSWORD)
    with app.uow() as uow:
        if role is not A:
            users.add_user(uow, app.actor, NAMES[role], role, PASSWORD)
        uow.commit()
    made = backups.backup_on_request(app)
    actor = bootstrap.login(app, NAMES[role], PASSWORD)
    assert actor == Actor(NAMES[role], role, single_user=False)
    return Office(app, role, made, tmp_path / "迁移后.sqlite3")


#: What each action that changes something leaves in the audit log, in the actor's name.
EVENTS = {Action.IMPORT: "import.roster", Action.CORRECT: "person.add_by_hand", Action.CHECK: "check.run",
          Action.SETTINGS: "settings.rule_param", Action.MANAGE_USERS: "user.add", Action.BACKUP: "backup.made"}


def test_each_role_through_the_services_succeeds_or_is_refused_changing_nothing(office: Office) -> None:
    who = NAMES[office.role]
    outcome: dict[Action, bool] = {}
    try:
        for action, call in SERVICES:
            if action is Action.RESTORE:  # before the restore puts the admin's backup back
                audited = {a for (a,) in sql(office.app.location,
                                             "SELECT DISTINCT action FROM audit_events WHERE actor = ?", (who,))}
            before = _contents(office)
            try:
                call(office)
            except PermissionDenied as denied:
                assert denied.key == "permission.denied", action
                assert denied.text("zh").startswith(f"{who} 无权执行“"), action
                assert _contents(office) == before, action
                outcome[action] = False
            except InputRejected as exists:  # the admin may initialise, but this database already is
                assert (action, exists.key) == (Action.INIT, "db.exists")
                outcome[action] = True
            else:
                outcome[action] = True
    finally:
        office.app.close()
    assert outcome == {a: office.role in EXPECTED[a] for a, _ in SERVICES}
    assert {a for a, e in EVENTS.items() if e in audited} == {a for a in EVENTS if outcome[a]}
    if outcome[Action.RESTORE]:
        assert sql(office.app.location, "SELECT actor FROM audit_events WHERE action = 'db.restore'") == [(who,)]
