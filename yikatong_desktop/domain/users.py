"""Users of an installation (SPEC §9): names, password rules and the lock-out after wrong passwords.

Pure: the hashing (Argon2id) is done in services/users.py; here is what a valid user name and
password look like and how long a login stays locked after repeated failures.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from yikatong_desktop.domain.errors import UsageError
from yikatong_desktop.domain.permissions import Role

_NAME = re.compile(r"^[0-9A-Za-z_.\-\u4e00-\u9fff]{2,32}$")
MIN_PASSWORD = 8
#: Wrong passwords allowed before the lock-out starts.
FREE_FAILURES = 3
#: The first lock-out; each further failure doubles it, up to the cap.
FIRST_LOCK = timedelta(seconds=30)
MAX_LOCK = timedelta(hours=1)


def user_name(text: str) -> str:
    """A login name as stored: NFKC-folded and trimmed; letters, digits, Han characters, _ . -"""
    name = unicodedata.normalize("NFKC", text or "").strip()
    if not _NAME.match(name):
        raise UsageError("user.bad_name", name=text)
    return name


def display_name(text: str | None, name: str) -> str:
    """The name shown for a user (default: the login name), at most 100 characters."""
    shown = unicodedata.normalize("NFKC", text or "").strip() or name
    if len(shown) > 100:
        raise UsageError("user.bad_display_name")
    return shown


def check_password(password: str, name: str) -> None:
    """At least 8 characters, not the login name (however often repeated), not one character repeated."""
    if len(password) < MIN_PASSWORD:
        raise UsageError("user.weak_password", reason=f"至少 {MIN_PASSWORD} 个字符")
    if not password.casefold().replace(name.casefold(), "") or len(set(password)) == 1:
        raise UsageError("user.weak_password", reason="不能与用户名相同，也不能是同一个字符重复")


def role_of(text: str) -> Role:
    """A role by its code (admin, clerk, reviewer, viewer, discipline) or Chinese label."""
    from yikatong_desktop.domain.permissions import ROLE_LABELS

    for role in Role:
        if text.strip().lower() == role.value or text.strip() == ROLE_LABELS[role]:
            return role
    raise UsageError("user.bad_role", role=text, roles="、".join(f"{r.value}（{ROLE_LABELS[r]}）" for r in Role))


def lock_until(failures: int, now: datetime) -> datetime | None:
    """After `failures` wrong passwords in a row: when the next try is allowed (None: at once)."""
    if failures < FREE_FAILURES:
        return None
    doubled: int = 2 ** min(failures - FREE_FAILURES, 16)
    delay = min(FIRST_LOCK * doubled, MAX_LOCK)
    return now + delay


@dataclass(frozen=True)
class UserView:
    """A user as lists show it: never the password hash."""

    uid: str
    name: str
    display_name: str
    role: Role
    disabled: bool
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime
    last_login_at: datetime | None
