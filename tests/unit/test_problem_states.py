"""The problem ledger's and the complaints' life cycle (SPEC §7): the domain's guard, deadlines, 整治内容 items."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from yikatong_desktop.domain.checklist import ITEMS, Item, find_item, primary_item
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.problems import (
    MOVE_LABELS,
    STATE_LABELS,
    TRANSITIONS,
    Facts,
    Kind,
    Move,
    State,
    guard,
    is_kept_open,
    is_overdue,
    moves_from,
)

R, W, A, C = State.REGISTERED, State.RECTIFYING, State.APPLIED, State.CLOSED

#: The life cycle as SPEC §7 reads (written out, not derived from TRANSITIONS): (state, move) → new state.
EXPECTED: dict[tuple[State, Move], State] = {
    (R, Move.START): W,   # 挂号 → 整改中
    (W, Move.APPLY): A,   # 整改中 → 申请销号
    (A, Move.CLOSE): C,   # 申请销号 → 已销号
    (A, Move.RETURN): W,  # 退回, with a reason
    (C, Move.REOPEN): W,  # 回头看, with a reason
}
NEEDS_REASON = {Move.RETURN, Move.REOPEN}
ALLOWED = sorted(EXPECTED, key=lambda k: (list(State).index(k[0]), list(Move).index(k[1])))
FORBIDDEN = [(s, m) for s in State for m in Move if (s, m) not in EXPECTED]

REGISTRANT, REVIEWER = "张会计", "李审核"


def ready(kind: Kind, state: State) -> Facts:
    """A record in `state` with everything filled in that any move could ask for."""
    return Facts(kind, state, registered_by=REGISTRANT, measures="已追回并约谈村会计", result="情况属实，已追回",
                 evidence_count=1)


def test_every_state_and_move_is_in_the_tables_of_both_kinds() -> None:
    assert len(ALLOWED) + len(FORBIDDEN) == len(State) * len(Move) == 20
    for kind in Kind:
        assert set(STATE_LABELS[kind]) == set(State) and set(MOVE_LABELS[kind]) == set(Move)
    assert [STATE_LABELS[Kind.PROBLEM][s] for s in State] == ["已挂号", "整改中", "申请销号", "已销号"]
    assert [STATE_LABELS[Kind.COMPLAINT][s] for s in State] == ["已登记", "办理中", "申请办结", "已办结"]


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize(("state", "move"), ALLOWED)
def test_an_allowed_move_passes_the_guard_and_lands_in_its_target_state(kind: Kind, state: State, move: Move) -> None:
    reason = "整改不到位，补充佐证材料" if move in NEEDS_REASON else ""
    assert guard(ready(kind, state), move, actor=REVIEWER, reason=reason) is None
    assert TRANSITIONS[move].source is state and TRANSITIONS[move].target is EXPECTED[state, move]
    assert TRANSITIONS[move].needs_reason is (move in NEEDS_REASON)


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize(("state", "move"), FORBIDDEN)
def test_a_move_from_any_other_state_is_refused_as_the_wrong_state(kind: Kind, state: State, move: Move) -> None:
    assert guard(ready(kind, state), move, actor=REVIEWER, reason="理由齐全") == "ledger.wrong_state"


@pytest.mark.parametrize("state", list(State))
def test_moves_from_a_state_are_exactly_the_allowed_ones(state: State) -> None:
    assert set(moves_from(state)) == {m for (s, m) in EXPECTED if s is state}


def test_only_closing_and_returning_are_a_reviewers_approval() -> None:
    assert {m for m, t in TRANSITIONS.items() if t.approval} == {Move.CLOSE, Move.RETURN}


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("move", sorted(NEEDS_REASON))
@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_returning_and_looking_back_need_a_reason(kind: Kind, move: Move, reason: str) -> None:
    state = next(s for (s, m) in EXPECTED if m is move)
    assert guard(ready(kind, state), move, actor=REVIEWER, reason=reason) == "ledger.reason_needed"
    assert guard(ready(kind, state), move, actor=REVIEWER, reason="村里反映仍有冒领") is None


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("move", [Move.START, Move.APPLY, Move.CLOSE])
def test_the_other_moves_need_no_reason(kind: Kind, move: Move) -> None:
    state = next(s for (s, m) in EXPECTED if m is move)
    assert guard(ready(kind, state), move, actor=REVIEWER, reason="") is None


@pytest.mark.parametrize(("measures", "evidence", "refusal"), [
    ("", 1, "ledger.needs_measures"),
    ("  \n", 3, "ledger.needs_measures"),
    ("", 0, "ledger.needs_measures"),
    ("已约谈并追回资金", 0, "ledger.needs_evidence"),
    ("已约谈并追回资金", 1, None),
])
def test_applying_to_close_a_problem_needs_measures_and_evidence(
        measures: str, evidence: int, refusal: str | None) -> None:
    facts = replace(ready(Kind.PROBLEM, W), measures=measures, evidence_count=evidence, result="")
    assert guard(facts, Move.APPLY, actor=REGISTRANT) == refusal


@pytest.mark.parametrize(("handling", "result", "refusal"), [
    ("", "属实", "ledger.needs_handling"),
    ("   ", "属实", "ledger.needs_handling"),
    ("已入户核实", "", "ledger.needs_result"),
    ("已入户核实", " \t", "ledger.needs_result"),
    ("已入户核实", "属实，已追回", None),
])
def test_applying_to_close_a_complaint_needs_handling_and_result_but_no_evidence(
        handling: str, result: str, refusal: str | None) -> None:
    facts = replace(ready(Kind.COMPLAINT, W), measures=handling, result=result, evidence_count=0)
    assert guard(facts, Move.APPLY, actor=REGISTRANT) == refusal


@pytest.mark.parametrize("kind", list(Kind))
def test_closing_by_the_registrant_is_refused_and_by_anyone_else_allowed(kind: Kind) -> None:
    facts = ready(kind, A)
    assert guard(facts, Move.CLOSE, actor=REGISTRANT) == "ledger.own_registration"
    assert guard(facts, Move.CLOSE, actor=REVIEWER) is None


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("move", [Move.START, Move.APPLY, Move.RETURN, Move.REOPEN])
def test_the_registrant_may_take_every_move_but_closing(kind: Kind, move: Move) -> None:
    state = next(s for (s, m) in EXPECTED if m is move)
    assert guard(ready(kind, state), move, actor=REGISTRANT, reason="理由") is None


@pytest.mark.parametrize("key", ["ledger.wrong_state", "ledger.reason_needed", "ledger.needs_measures",
                                 "ledger.needs_evidence", "ledger.needs_handling", "ledger.needs_result",
                                 "ledger.own_registration"])
def test_every_refusal_reads_as_a_sentence(key: str) -> None:
    text = message(key, move="销号", state="整改中", source="申请销号", registrant=REGISTRANT)
    assert text and "{" not in text
    if key == "ledger.own_registration":
        assert REGISTRANT in text


@pytest.mark.parametrize(("state", "deadline", "today", "overdue"), [
    (W, date(2019, 9, 30), date(2019, 10, 1), True),
    (R, date(2019, 9, 30), date(2019, 12, 31), True),
    (A, date(2019, 9, 30), date(2020, 1, 1), True),
    (W, date(2019, 9, 30), date(2019, 9, 30), False),  # due today is not late yet
    (W, date(2019, 9, 30), date(2019, 9, 29), False),
    (C, date(2019, 9, 30), date(2019, 10, 1), False),  # closed: never overdue
    (W, None, date(2030, 1, 1), False),  # no deadline: never overdue
])
def test_overdue_means_not_closed_and_past_the_deadline(
        state: State, deadline: date | None, today: date, overdue: bool) -> None:
    assert is_overdue(state, deadline, today) is overdue


@pytest.mark.parametrize(("state", "kept_open"), [(R, True), (W, True), (A, True), (C, False)])
def test_every_problem_not_closed_is_kept_open(state: State, kept_open: bool) -> None:
    assert is_kept_open(state) is kept_open


@pytest.mark.parametrize("text", ["1.1", "1-1", "１．１", "１.１", "１－１", " 1.1 ",
                                  "资金发放不及时、不足额，应享受政策未享受"])
def test_an_item_is_found_by_its_code_in_any_usual_writing_or_by_its_title(text: str) -> None:
    found = find_item(text)
    assert found is not None and found.code == "1.1" and found.group == "惠民惠农财政补贴资金管理不规范"


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: i.code)
def test_each_of_the_fifteen_items_is_found_by_code_and_by_title(item: Item) -> None:
    assert find_item(item.code) is item
    assert find_item(item.title) is item
    assert find_item(item.code.replace(".", "-")) is item


@pytest.mark.parametrize("text", ["9.9", "1.8", "4.1", "", "1", "1.1.1", "资金发放不及时", "11", "一卡通"])
def test_an_unknown_item_is_none(text: str) -> None:
    assert find_item(text) is None


def test_there_are_fifteen_items_in_three_groups() -> None:
    assert len(ITEMS) == 15 and len({i.code for i in ITEMS}) == 15
    assert [sum(1 for i in ITEMS if i.code[0] == g) for g in "123"] == [7, 3, 5]


@pytest.mark.parametrize(("rule_item", "primary"), [("1.2 / 3.1", "1.2"), ("3.2", "3.2"), ("2.1/1.7", "2.1")])
def test_a_rule_serving_several_items_counts_under_the_first(rule_item: str, primary: str) -> None:
    assert primary_item(rule_item) == primary
