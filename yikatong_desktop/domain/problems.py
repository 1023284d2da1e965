"""The problem ledger's state machine (SPEC §7, the work plan's 对账销号): 挂号 → 整改中 → 申请销号 → 已销号.

退回 sends an application back (申请销号 → 整改中) with a reason; 回头看 reopens a closed
problem (已销号 → 整改中) with a reason. A problem not closed stays 留号 and is overdue
after its deadline; both are derived, never stored. Complaints (举报) share the life cycle
under their own words (登记 → 办理中 → 申请办结 → 已办结).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class State(StrEnum):
    REGISTERED = "registered"
    RECTIFYING = "rectifying"
    APPLIED = "applied"
    CLOSED = "closed"


class Kind(StrEnum):
    """What moves through the states: a ledger problem or a complaint."""

    PROBLEM = "problem"
    COMPLAINT = "complaint"


STATE_LABELS: Mapping[Kind, Mapping[State, str]] = {
    Kind.PROBLEM: {State.REGISTERED: "已挂号", State.RECTIFYING: "整改中", State.APPLIED: "申请销号",
                   State.CLOSED: "已销号"},
    Kind.COMPLAINT: {State.REGISTERED: "已登记", State.RECTIFYING: "办理中", State.APPLIED: "申请办结",
                     State.CLOSED: "已办结"},
}


class Move(StrEnum):
    START = "start"
    APPLY = "apply"
    CLOSE = "close"
    RETURN = "return"
    REOPEN = "reopen"


@dataclass(frozen=True)
class Transition:
    move: Move
    source: State
    target: State
    needs_reason: bool
    approval: bool  # taken by a reviewer (审核), not by whoever keeps the ledger


TRANSITIONS: Mapping[Move, Transition] = {t.move: t for t in (
    Transition(Move.START, State.REGISTERED, State.RECTIFYING, needs_reason=False, approval=False),
    Transition(Move.APPLY, State.RECTIFYING, State.APPLIED, needs_reason=False, approval=False),
    Transition(Move.CLOSE, State.APPLIED, State.CLOSED, needs_reason=False, approval=True),
    Transition(Move.RETURN, State.APPLIED, State.RECTIFYING, needs_reason=True, approval=True),
    Transition(Move.REOPEN, State.CLOSED, State.RECTIFYING, needs_reason=True, approval=False),
)}

MOVE_LABELS: Mapping[Kind, Mapping[Move, str]] = {
    Kind.PROBLEM: {Move.START: "开始整改", Move.APPLY: "申请销号", Move.CLOSE: "销号", Move.RETURN: "退回",
                   Move.REOPEN: "回头看"},
    Kind.COMPLAINT: {Move.START: "开始办理", Move.APPLY: "申请办结", Move.CLOSE: "办结", Move.RETURN: "退回",
                     Move.REOPEN: "回头看"},
}


class Outcome(StrEnum):
    """处理结果 of the people responsible (SPEC §7)."""

    CRITICISM = "批评教育"
    ADMONITION = "诫勉"
    SANCTION = "党纪政务处分"
    PROSECUTION = "移送司法"


RECEIVERS = ("纪检监察机关", "司法机关")  # 线索移交
CHANNELS = ("电话", "来信", "来访", "网络", "公示异议")  # 举报渠道
SOURCES = {"manual": "手工登记", "findings": "自查发现", "clues": "问题线索", "complaint": "举报"}


@dataclass(frozen=True)
class Facts:
    """What the guards look at: the record as it stands, and who is moving it."""

    kind: Kind
    state: State
    registered_by: str
    measures: str  # 整改措施 (a complaint: 办理情况)
    result: str  # a complaint's 办理结果; unused for problems
    evidence_count: int


def guard(facts: Facts, move: Move, *, actor: str, reason: str = "") -> str | None:
    """Why `move` may not happen now (a message key), or None when it may.

    Permissions (who holds the reviewer role) are the services' business; this is the
    ledger's own rules: the state, the reason, measures and evidence, and the second person.
    """
    t = TRANSITIONS[move]
    if facts.state is not t.source:
        return "ledger.wrong_state"
    if t.needs_reason and not reason.strip():
        return "ledger.reason_needed"
    if move is Move.APPLY:
        if not facts.measures.strip():
            return "ledger.needs_measures" if facts.kind is Kind.PROBLEM else "ledger.needs_handling"
        if facts.kind is Kind.PROBLEM and facts.evidence_count == 0:
            return "ledger.needs_evidence"
        if facts.kind is Kind.COMPLAINT and not facts.result.strip():
            return "ledger.needs_result"
    if move is Move.CLOSE and facts.registered_by == actor:
        return "ledger.own_registration"
    return None


def moves_from(state: State) -> list[Move]:
    """The moves that leave a state, in the order buttons show them."""
    return [m for m, t in TRANSITIONS.items() if t.source is state]


def is_kept_open(state: State) -> bool:
    """留号: registered and not closed."""
    return state is not State.CLOSED


def is_overdue(state: State, deadline: date | None, today: date) -> bool:
    """Overdue: not closed and past its deadline."""
    return deadline is not None and state is not State.CLOSED and today > deadline
