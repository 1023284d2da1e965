"""Moving a problem or a complaint through its life cycle (SPEC §7), one place for both.

Who may move is decided by `authorize` (the reviewer role approves); whether the move
may happen now is the domain's guard. Each move is a new version of the record and one
audit event with the state before and after and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from yikatong_desktop.domain.clock import local_today
from yikatong_desktop.domain.errors import InputRejected, PermissionDenied
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.problems import (
    MOVE_LABELS,
    STATE_LABELS,
    TRANSITIONS,
    Facts,
    Kind,
    Move,
    State,
    guard,
)
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage.unit_of_work import UnitOfWork

_TABLES = {Kind.PROBLEM: "problems", Kind.COMPLAINT: "complaints"}


def today(uow: UnitOfWork) -> date:
    """The office's date by the injected clock."""
    return local_today(uow.clock).date()


@dataclass(frozen=True)
class MoveOption:
    """A button: the move, its label, and why it is disabled (None: it may be taken)."""

    move: Move
    label: str
    refusal: str | None


def _action(move: Move) -> Action:
    return Action.APPROVE if TRANSITIONS[move].approval else Action.REGISTER


def refusal_text(key: str, kind: Kind, facts: Facts, move: Move) -> str:
    """The guard's refusal as a sentence naming the move and the state."""
    labels = STATE_LABELS[kind]
    return message(key, move=MOVE_LABELS[kind][move], state=labels[facts.state],
                   source=labels[TRANSITIONS[move].source], registrant=facts.registered_by)


def options(actor: Actor, kind: Kind, facts: Facts, target: object) -> list[MoveOption]:
    """Every move with whether the actor may take it now, and if not, why (the GUI's buttons)."""
    out = []
    for move in TRANSITIONS:
        why: str | None = None
        try:
            authorize(actor, _action(move))
        except PermissionDenied as exc:
            why = exc.text()
        if why is None:
            key = guard(facts, move, actor=actor.name, reason="(asked when taken)")
            why = refusal_text(key, kind, facts, move) if key else None
        out.append(MoveOption(move, MOVE_LABELS[kind][move], why))
    return out


def apply_move(uow: UnitOfWork, actor: Actor, kind: Kind, facts: Facts, *, uid: str, number: str, version: int,
               move: Move, reason: str = "", target: object = None) -> dict[str, Any]:
    """Take a move, or refuse with the guard's reason; returns the changed columns."""
    authorize(actor, _action(move), target)
    key = guard(facts, move, actor=actor.name, reason=reason)
    if key is not None:
        raise InputRejected("ledger.refused", number=number, why=refusal_text(key, kind, facts, move))
    t = TRANSITIONS[move]
    day = today(uow)
    changes: dict[str, Any] = {"state": t.target.value}
    if move is Move.APPLY and kind is Kind.PROBLEM:
        changes["applied_on"] = day
    if move is Move.CLOSE:
        changes.update(closed_on=day, closed_by=actor.name)
    if move is Move.REOPEN:
        changes.update(closed_on=None, closed_by=None)
    if t.needs_reason:
        changes["reason"] = reason.strip()
    uow.records.change(_TABLES[kind], uid, changes, expected_version=version)
    labels = STATE_LABELS[kind]
    record_event(uow, actor, f"{kind.value}.{move.value}", object_kind=_TABLES[kind], object_uid=uid,
                 detail={"number": number, "before": {"state": labels[facts.state]},
                         "after": {"state": labels[State(t.target)]}, "reason": reason.strip() or None})
    return changes
