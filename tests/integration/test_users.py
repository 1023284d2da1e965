"""Users, roles and logins through the services (SPEC §9, issue 7): on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from ykt_integration import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected, PermissionDenied, UsageError
from yikatong_desktop.domain.permissions import PERMISSIONS, Action, Role
from yikatong_desktop.services import users
from yikatong_desktop.services.auth import Actor, authorize

Installation = Callable[..., bootstrap.App]
STRONG = "口令 correct horse"


def _admin(app: bootstrap.App) -> Actor:
    with app.uow() as uow:
        users.add_user(uow, app.actor, "管理员", Role.ADMIN, STRONG)
        uow.commit()
    return _login(app, "管理员", STRONG)


def _login(app: bootstrap.App, name: str, password: str, now: datetime | None = None) -> Actor:
    return bootstrap.login(app, name, password, now=now)


def test_the_first_user_is_an_admin_made_in_single_user_mode_then_admins_add_the_others(
        installation: Installation) -> None:
    app = installation()
    with app.uow() as uow:
        assert not users.has_users(uow)
        with pytest.raises(UsageError):
            users.add_user(uow, app.actor, "张三", Role.CLERK, STRONG)  # not an admin first
    admin = _admin(app)
    assert admin == Actor("管理员", Role.ADMIN, single_user=False)
    with app.uow() as uow:
        users.add_user(uow, admin, "张三", Role.CLERK, "录入员的口令123", display_name="张三（大丰镇）")
        uow.commit()
    clerk = _login(app, "张三", "录入员的口令123")
    with app.uow() as uow, pytest.raises(PermissionDenied):
        users.add_user(uow, clerk, "李四", Role.ADMIN, STRONG)
    with app.uow() as uow, pytest.raises(PermissionDenied):
        users.add_user(uow, app.actor, "李四", Role.ADMIN, STRONG)  # single-user mode is over
    with app.uow() as uow:
        listed = users.list_users(uow, admin)
    assert [(u.name, u.role, u.disabled) for u in listed] == [
        ("张三", Role.CLERK, False), ("管理员", Role.ADMIN, False)]
    stored = sql(app.location, "SELECT password_hash FROM users ORDER BY name")
    assert all(h.startswith("$argon2id$") for (h,) in stored)
    details = " ".join(d for (d,) in sql(app.location, "SELECT detail FROM audit_events"))
    assert STRONG not in details and "录入员的口令123" not in details and "$argon2" not in details
    app.close()


@pytest.mark.parametrize(("name", "password"), [("a", STRONG), ("张三", "short"), ("张三", "张三张三张三张三"[:8]),
                                                ("张三", "aaaaaaaaaa"), ("有 空格", STRONG)])
def test_bad_names_and_weak_passwords_are_refused(installation: Installation, name: str, password: str) -> None:
    app = installation()
    with app.uow() as uow, pytest.raises(UsageError):
        users.add_user(uow, app.actor, name, Role.ADMIN, password)
    assert sql(app.location, "SELECT COUNT(*) FROM users") == [(0,)]
    app.close()


def test_wrong_passwords_lock_the_login_for_a_growing_time(installation: Installation) -> None:
    app = installation()
    _admin(app)
    now = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)  # real time, not the installation's clock
    for _ in range(3):
        with pytest.raises(InputRejected) as refused:
            _login(app, "管理员", "wrong password", now)
        assert refused.value.key == "login.failed"
    with pytest.raises(InputRejected) as locked:
        _login(app, "管理员", STRONG, now)  # even the right password waits out the lock
    assert locked.value.key == "login.locked" and locked.value.params["seconds"] == 30
    now += timedelta(seconds=31)
    with pytest.raises(InputRejected):
        _login(app, "管理员", "wrong again", now)
    with pytest.raises(InputRejected) as longer:
        _login(app, "管理员", STRONG, now)
    assert longer.value.key == "login.locked" and longer.value.params["seconds"] == 60
    now += timedelta(seconds=61)
    assert _login(app, "管理员", STRONG, now).role is Role.ADMIN
    assert sql(app.location, "SELECT failed_logins, locked_until FROM users") == [(0, None)]
    failures = sql(app.location, "SELECT actor, detail FROM audit_events WHERE action = 'user.login_failed'")
    assert len(failures) == 4 and {a for a, _ in failures} == {"login:管理员"}
    with pytest.raises(InputRejected) as unknown:
        _login(app, "110101199003071234", "Pa$$w0rd!2024", now)
    assert unknown.value.key == "login.failed"  # the same words as a wrong password
    (actor, detail), = sql(app.location, "SELECT actor, detail FROM audit_events ORDER BY id DESC LIMIT 1")
    assert actor == "login:?" and "1101011990" not in detail and "Pa$$" not in detail  # nothing typed is kept
    app.close()


def test_a_window_opened_in_single_user_mode_acts_as_nobody_once_users_exist(installation: Installation) -> None:
    app = installation()
    elsewhere = bootstrap.open_app(app.location.url)
    assert elsewhere.actor.single_user
    _admin(app)  # created in another window or by `ykt user add`
    with pytest.raises(PermissionDenied), elsewhere.uow() as uow:
        users.change_password(uow, elsewhere.actor, "管理员", "夺权的口令 0000")
    assert elsewhere.actor is bootstrap.NOBODY
    elsewhere.close()
    app.close()


def test_a_login_does_not_wait_for_a_writer(installation: Installation) -> None:
    app = installation()
    _admin(app)
    other = bootstrap.open_app(app.location.url)
    with app.uow() as writing:  # an import holding the write lock
        writing.set_setting("probe", "held")
        assert bootstrap.login(other, "管理员", STRONG).role is Role.ADMIN
        writing.commit()
    other.close()
    app.close()


def test_passwords_change_and_users_are_disabled_never_deleted(installation: Installation) -> None:
    app = installation()
    admin = _admin(app)
    with app.uow() as uow:
        users.add_user(uow, admin, "王审核", Role.REVIEWER, "审核员的口令456")
        uow.commit()
    reviewer = _login(app, "王审核", "审核员的口令456")
    with app.uow() as uow, pytest.raises(InputRejected):
        users.change_password(uow, reviewer, "王审核", "新的口令7890", old_password="猜的")
    with app.uow() as uow:
        users.change_password(uow, reviewer, "王审核", "新的口令7890", old_password="审核员的口令456")
        uow.commit()
    with app.uow() as uow, pytest.raises(PermissionDenied):
        users.change_password(uow, reviewer, "管理员", "夺权的口令0000")
    assert _login(app, "王审核", "新的口令7890").role is Role.REVIEWER
    with app.uow() as uow, pytest.raises(InputRejected) as last:
        users.disable_user(uow, admin, "管理员", "离职")
    assert last.value.key == "user.last_admin"
    with app.uow() as uow:
        users.disable_user(uow, admin, "王审核", "调离")
        uow.commit()
    with pytest.raises(InputRejected):
        _login(app, "王审核", "新的口令7890")
    assert sql(app.location, "SELECT name, disabled FROM users ORDER BY name") == [("王审核", True), ("管理员", False)]
    app.close()


@pytest.mark.parametrize("role", list(Role))
def test_each_role_may_do_exactly_its_actions(role: Role) -> None:
    actor = Actor("某人", role, single_user=False)
    for action in Action:
        if action in PERMISSIONS[role]:
            authorize(actor, action)
        else:
            with pytest.raises(PermissionDenied):
                authorize(actor, action)
    assert (Action.SEE_COMPLAINANTS in PERMISSIONS[role]) == (role is Role.DISCIPLINE)
    assert (Action.MANAGE_USERS in PERMISSIONS[role]) == (role is Role.ADMIN)
