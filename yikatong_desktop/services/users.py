"""Users and logins (SPEC §9): Argon2id passwords, roles, a growing lock-out, disable never delete.

A database without users runs in single-user mode (the OS user acts as admin); the first
user created must be an admin, and from then on every command and the GUI act as a logged-in
user whose role `authorize` checks. A login is checked in a reader (it never waits for an
import) and written down afterwards: a failure always (the lock-out counts it), a success when
there is something to reset.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from yikatong_desktop.domain.errors import InputRejected, PermissionDenied, UsageError
from yikatong_desktop.domain.permissions import ROLE_LABELS, Action, Role
from yikatong_desktop.domain.users import UserView, check_password, lock_until, user_name
from yikatong_desktop.domain.users import display_name as shown_name
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage import user_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: Argon2id with the library's defaults (RFC 9106's second recommended profile).
_HASHER = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so a wrong name costs what a wrong password does."""
    return _HASHER.hash("not a password of anyone")


def has_users(uow: UnitOfWork) -> bool:
    """Whether the installation has left single-user mode."""
    return store.count_users(uow.conn) > 0


def add_user(uow: UnitOfWork, actor: Actor, name: str, role: Role, password: str,
             display_name: str | None = None) -> UserView:
    """Create a user. The first one must be an admin, created in single-user mode; later ones by an admin."""
    first = not has_users(uow)
    if first:
        if not actor.single_user:
            raise UsageError("user.first_admin")
        if role is not Role.ADMIN:
            raise UsageError("user.first_admin")
    elif actor.single_user:
        raise PermissionDenied("login.needed")
    else:
        authorize(actor, Action.MANAGE_USERS)
    name = user_name(name)
    check_password(password, name)
    if store.by_name(uow.conn, name) is not None:
        raise InputRejected("user.exists", name=name)
    now = uow.clock.now()
    uid = str(uuid.uuid4())
    store.add(uow.conn, {"uid": uid, "name": name, "display_name": shown_name(display_name, name),
                         "role": role.value, "password_hash": _HASHER.hash(password), "disabled": False,
                         "failed_logins": 0, "locked_until": None, "created_at": now, "created_by": actor.name,
                         "last_login_at": None, "password_changed_at": now})
    record_event(uow, actor, "user.add", object_kind="users", object_uid=uid,
                 detail={"name": name, "role": role.value, "first_admin": first})
    uow.note_credentials(name, password)  # an encrypted database gets a key slot for it
    return _view(store.by_name(uow.conn, name))


def list_users(uow: UnitOfWork, actor: Actor) -> list[UserView]:
    """Every user, disabled ones included (never deleted)."""
    authorize(actor, Action.MANAGE_USERS)
    return [_view(r) for r in store.all_users(uow.conn)]


def change_password(uow: UnitOfWork, actor: Actor, name: str, new_password: str,
                    old_password: str | None = None) -> None:
    """A user changes their own password (the old one needed); an admin sets anyone's."""
    row = _existing(uow, user_name(name))
    own = not actor.single_user and actor.name == row.name
    if own:
        if old_password is None or not _verifies(row.password_hash, old_password):
            raise InputRejected("user.old_password_wrong")
    else:
        authorize(actor, Action.MANAGE_USERS)
    check_password(new_password, row.name)
    store.change(uow.conn, row.uid, {"password_hash": _HASHER.hash(new_password), "failed_logins": 0,
                                     "locked_until": None, "password_changed_at": uow.clock.now()},
                 expected_version=row.version)
    record_event(uow, actor, "user.password", object_kind="users", object_uid=row.uid,
                 detail={"name": row.name, "by_admin": not own})
    uow.note_credentials(row.name, new_password)


def disable_user(uow: UnitOfWork, actor: Actor, name: str, reason: str) -> None:
    """Disable a user (never delete: the audit log names them). The last enabled admin stays."""
    authorize(actor, Action.MANAGE_USERS)
    if not reason.strip():
        raise UsageError("user.reason_needed")
    row = _existing(uow, user_name(name))
    if row.disabled:
        raise InputRejected("user.already_disabled", name=row.name)
    if row.role == Role.ADMIN.value and store.count_users(uow.conn, enabled_role=Role.ADMIN.value) <= 1:
        raise InputRejected("user.last_admin", name=row.name)
    store.change(uow.conn, row.uid, {"disabled": True}, expected_version=row.version)
    record_event(uow, actor, "user.disable", object_kind="users", object_uid=row.uid,
                 detail={"name": row.name, "reason": reason.strip()})
    uow.note_credentials(row.name, None)


@dataclass(frozen=True)
class LoginAttempt:
    """What a name and password came to: the actor, or the refusal; and what to write down about it."""

    actor: Actor | None
    refusal: InputRejected | None
    user_uid: str | None
    name: str | None  # the user's name when the typed name is one; never what an unknown name was
    at: datetime
    rehash: str | None = None
    must_record: bool = False


def check_login(uow: UnitOfWork, name: str, password: str, *, now: datetime | None = None) -> LoginAttempt:
    """Check a name and password in a reading unit of work: a login never waits for a writer.

    Unknown name, disabled user and wrong password get the same refusal (and the same cost).
    Lock-outs run on the real time, not the installation's clock (a demo's clock stands still).
    """
    at = now or datetime.now(UTC)
    try:
        login = user_name(name)
    except UsageError:
        login = ""
    row = store.by_name(uow.conn, login) if login else None
    if row is None or row.disabled:
        _verifies(_dummy_hash(), password)
        return LoginAttempt(None, InputRejected("login.failed"), None if row is None else row.uid,
                            None if row is None else row.name, at, must_record=True)
    if row.locked_until is not None and row.locked_until > at:
        return LoginAttempt(None, InputRejected("login.locked", name=row.name,
                                                seconds=_seconds(row.locked_until - at)), row.uid, row.name, at)
    if not _verifies(row.password_hash, password):
        return LoginAttempt(None, InputRejected("login.failed"), row.uid, row.name, at, must_record=True)
    rehash = _HASHER.hash(password) if _HASHER.check_needs_rehash(row.password_hash) else None
    stale_seen = row.last_login_at is None or at - row.last_login_at > timedelta(hours=1)
    return LoginAttempt(Actor(name=row.name, role=Role(row.role), single_user=False), None, row.uid, row.name, at,
                        rehash, must_record=bool(row.failed_logins or row.locked_until or rehash or stale_seen))


def record_login(uow: UnitOfWork, attempt: LoginAttempt) -> None:
    """Write down a login attempt: a failure counts towards the lock-out (and is audited), a success resets it."""
    row = store.by_name(uow.conn, attempt.name) if attempt.name else None
    if attempt.actor is None:
        failures, until = 0, None
        if row is not None and not row.disabled:
            failures = row.failed_logins + 1
            until = lock_until(failures, attempt.at)
            store.change(uow.conn, row.uid, {"failed_logins": failures, "locked_until": until},
                         expected_version=row.version)
        # Who typed it is unknown: the event names the user only when the name is one, never what was typed.
        system = Actor(name=f"login:{row.name}" if row is not None else "login:?", role=Role.VIEWER,
                       single_user=False)
        record_event(uow, system, "user.login_failed", object_kind="users", object_uid=attempt.user_uid,
                     detail={"known_user": row is not None, "failures": failures, "locked": until is not None})
        return
    if row is None:
        return
    changes: dict[str, Any] = {"failed_logins": 0, "locked_until": None, "last_login_at": attempt.at}
    if attempt.rehash is not None:
        changes["password_hash"] = attempt.rehash
    store.change(uow.conn, row.uid, changes, expected_version=row.version)


def _existing(uow: UnitOfWork, name: str) -> Any:
    row = store.by_name(uow.conn, name)
    if row is None:
        raise InputRejected("user.unknown", name=name)
    return row


def _verifies(hashed: str, password: str) -> bool:
    try:
        return _HASHER.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def _seconds(delta: Any) -> int:
    return max(1, int(delta.total_seconds() + 0.999))


def _view(row: Any) -> UserView:
    return UserView(uid=row.uid, name=row.name, display_name=row.display_name, role=Role(row.role),
                    disabled=bool(row.disabled), failed_logins=int(row.failed_logins), locked_until=row.locked_until,
                    created_at=row.created_at, last_login_at=row.last_login_at)


def role_label(role: Role) -> str:
    return ROLE_LABELS[role]
