"""Who is acting, and the one place permissions are checked (SPEC §9)."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from yikatong_desktop.domain.errors import PermissionDenied
from yikatong_desktop.domain.permissions import ACTION_LABELS, Action, Registered, Role, may


@dataclass(frozen=True)
class Actor:
    """The person behind a service call; `single_user` until the first user exists."""

    name: str
    role: Role = Role.ADMIN
    single_user: bool = True


def os_actor() -> Actor:
    """Single-user mode: actions are recorded as the OS user."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "unknown"
    return Actor(name=f"os:{name}")


def authorize(actor: Actor, action: Action, target: object | None = None) -> None:
    """Raise PermissionDenied unless the actor may perform the action on the target.

    Single-user mode may do anything. Otherwise the role decides (domain.permissions), and
    approving (销号) a `Registered` target takes someone other than its registrant (SPEC §7).
    """
    if actor.single_user:
        return
    if not may(actor.role, action):
        raise PermissionDenied("permission.denied", actor=actor.name, action=ACTION_LABELS[action])
    if action is Action.APPROVE and isinstance(target, Registered) and target.registered_by == actor.name:
        raise PermissionDenied("permission.own_registration", actor=actor.name)


def permitted(actor: Actor, action: Action, target: object | None = None) -> bool:
    """Whether `authorize` lets the actor act: for what to show or hide rather than refuse."""
    try:
        authorize(actor, action, target)
    except PermissionDenied:
        return False
    return True


def sees_complainants(actor: Actor) -> bool:
    """Whether a complainant's identity is shown to the actor (the discipline role alone, SPEC §9)."""
    return permitted(actor, Action.SEE_COMPLAINANTS)
