"""The problem ledger (问题台账, SPEC §7) over real databases: register, rectify, close, look back, transfer,
recover money, evidence; every change audited and versioned; bad input changes nothing (SPEC §9)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dbs import sql, sql_write
from ledger_support import (
    BAD_EVIDENCE,
    CLERK,
    ON_FILE_ONLY,
    PDF_BYTES,
    REVIEWER,
    VIEWER,
    audit_details,
    bad_file,
    events_about,
    loaded,
    png_bytes,
    read,
    refused,
    run,
    snapshot,
    write,
)
from ykt_integration import DemoDb, copy_installation

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.checklist import primary_item
from yikatong_desktop.domain.clock import parse_clock
from yikatong_desktop.domain.errors import InputRejected, PermissionDenied, UsageError
from yikatong_desktop.domain.ids import compute_check_char, mask_id
from yikatong_desktop.domain.permissions import Role
from yikatong_desktop.domain.problems import Move, State
from yikatong_desktop.domain.rules import RULES_BY_CODE, FindingStatus
from yikatong_desktop.services import audit, findings, ledger, queries
from yikatong_desktop.services.auth import Actor
from yikatong_desktop.services.checks.run import run_checks
from yikatong_desktop.storage.repositories import StaleRecord

Installation = Callable[..., bootstrap.App]

WANG_ID = "65232319500101123" + compute_check_char("65232319500101123")
LI_ID = "65232319520304122" + compute_check_char("65232319520304122")
FIELDS = {"category": "1.2", "description": "王建国死亡后仍领取高龄津贴", "program": "高龄老人基本生活津贴",
          "org": "呼图壁县", "amount": "1,234.50", "persons": f"王建国（{WANG_ID}）、李秀英",
          "deadline": "2019年9月30日", "responsible_unit": "五工台镇民政办", "responsible_person": "马建国"}


# -- helpers --------------------------------------------------------------------------------------------

def _register(app: bootstrap.App, actor: Actor = CLERK, **fields: object) -> ledger.Problem:
    return run(app, ledger.register, actor, {**FIELDS, **fields})


def _move(app: bootstrap.App, p: ledger.Problem, step: Move, actor: Actor = CLERK, reason: str = "") -> ledger.Problem:
    return run(app, ledger.move, actor, p.number, step, reason)


def _applied(app: bootstrap.App, tmp_path: Path, actor: Actor = CLERK) -> ledger.Problem:
    """A problem registered by `actor`, rectified with measures and a photo, and applied for closing."""
    p = _register(app, actor, measures="已停发并追回多发资金，约谈村会计")
    _move(app, p, Move.START, actor)
    run(app, ledger.add_evidence, actor, p.number, write(tmp_path / f"整改照片{p.number}.png", png_bytes()))
    return _move(app, p, Move.APPLY, actor)


def _get(app: bootstrap.App, ref: str) -> ledger.Problem:
    return read(app, ledger.get_problem, VIEWER, ref)


def _history(app: bootstrap.App, uid: str) -> list[dict[str, Any]]:
    with app.reader() as uow:
        return uow.records.history("problems", uid)


@pytest.fixture
def app(installation: Installation) -> Iterator[bootstrap.App]:
    opened = installation()
    yield opened
    opened.close()


# -- registering by hand -----------------------------------------------------------------------------------

def test_problems_registered_by_hand_are_numbered_wt_year_and_count_on(app: bootstrap.App) -> None:
    first = _register(app)
    second = _register(app, description="李秀英重复领取耕地地力保护补贴", category="3.2")
    assert (first.number, second.number) == ("WT2019-0001", "WT2019-0002")
    assert first.uid != second.uid
    assert [p.number for p in read(app, ledger.list_problems, VIEWER)] == ["WT2019-0001", "WT2019-0002"]


def test_a_problem_by_hand_keeps_what_the_clerk_typed_in_stored_form(app: bootstrap.App) -> None:
    p = _register(app, category="1-2")
    assert (p.state, p.state_label, p.source, p.registered_by) == (State.REGISTERED, "已挂号", "manual", "张会计")
    assert p.registered_on == date(2019, 6, 1) and p.deadline == date(2019, 9, 30)
    assert (p.category, p.category_title) == ("1.2", "超标准超范围发放，应退出未退出、不该享受的违规享受")
    assert (p.program_code, p.program_name, p.org_code, p.org_name) == ("MZ02", "高龄老人基本生活津贴", "652323",
                                                                        "呼图壁县")
    assert p.amount_fen == 123450 and p.recovered_fen == 0 and p.evidence_count == 0
    assert p.persons == [{"name": "王建国", "id_number": WANG_ID}, {"name": "李秀英", "id_number": None}]
    assert p.persons_text() == f"王建国（{mask_id(WANG_ID)}）、李秀英"
    assert (p.responsible_unit, p.responsible_person, p.measures) == ("五工台镇民政办", "马建国", "")
    (event,) = events_about(app, p.uid)
    assert (event.action, event.actor, event.object_kind) == ("problem.register", "张会计", "problems")
    assert event.detail["number"] == "WT2019-0001" and event.detail["after"]["state"] == "已挂号"
    assert event.detail["after"]["amount"] == "1,234.50"


@ON_FILE_ONLY
@pytest.mark.parametrize(("typed", "stored"), [("", 0), ("2", 2), ("２", 2), (" 12 ", 12)])
def test_the_number_of_persons_handled_may_be_left_blank_or_written_full_width(
        app: bootstrap.App, typed: str, stored: int) -> None:
    assert _register(app, handled_persons=typed).handled_persons == stored


def test_numbers_start_again_in_a_new_year(app: bootstrap.App) -> None:
    _register(app)
    app.close()
    later = bootstrap.open_app(app.location.url, parse_clock("2020-01-02T09:00:00"))
    try:
        assert _register(later).number == "WT2020-0001"
        assert _register(later).number == "WT2020-0002"
    finally:
        later.close()


@ON_FILE_ONLY
@pytest.mark.parametrize("missing", ["category", "description"])
@pytest.mark.parametrize("value", [None, "", "   "])
def test_a_problem_needs_a_category_and_a_description(app: bootstrap.App, missing: str, value: str | None) -> None:
    fields = {**FIELDS, missing: value}
    error = refused(app, lambda uow: ledger.register(uow, CLERK, fields))
    if missing == "description" or value is None:
        assert error.key == "ledger.required"
    assert {"category": "整治内容", "description": "问题描述"}[missing] in error.text()


BAD_FIELDS = [
    pytest.param("deadline", "2019-13-45", "整改期限", id="deadline-no-such-day"),
    pytest.param("deadline", "下个月", "整改期限", id="deadline-words"),
    pytest.param("category", "9.9", "整治内容", id="category-unknown"),
    pytest.param("program", "不存在的补贴", "补贴项目", id="program-unknown"),
    pytest.param("org", "不存在乡", "单位", id="org-unknown"),
    pytest.param("amount", "-5", "涉及金额", id="amount-negative"),
    pytest.param("amount", "五百元", "涉及金额", id="amount-words"),
    pytest.param("outcome", "罚款", "处理结果", id="outcome-unknown"),
    pytest.param("handled_persons", "两人", "处理人数", id="handled-not-a-number"),
    pytest.param("handled_persons", "-1", "处理人数", id="handled-negative"),
    pytest.param("handled_persons", "²", "处理人数", id="handled-superscript"),
    pytest.param("came_forward", "也许", "主动说明", id="flag-not-yes-or-no"),
]


@ON_FILE_ONLY
@pytest.mark.parametrize(("field", "value", "label"), BAD_FIELDS)
def test_registering_with_a_bad_field_names_it_and_changes_nothing(
        app: bootstrap.App, field: str, value: str, label: str) -> None:
    error = refused(app, lambda uow: ledger.register(uow, CLERK, {**FIELDS, field: value}))
    assert error.key == "ledger.bad_field" and label in error.text() and "未做任何改动" in error.text()


@ON_FILE_ONLY
@pytest.mark.parametrize(("field", "value", "label"), BAD_FIELDS)
def test_editing_with_a_bad_field_names_it_and_changes_nothing(
        app: bootstrap.App, field: str, value: str, label: str) -> None:
    p = _register(app)
    error = refused(app, lambda uow: ledger.update(uow, CLERK, p.number, {field: value}))
    assert error.key == "ledger.bad_field" and label in error.text()
    assert _get(app, p.number) == p


@ON_FILE_ONLY
@pytest.mark.parametrize(("name", "content", "key"), BAD_EVIDENCE)
def test_registering_with_a_bad_evidence_file_changes_nothing(
        app: bootstrap.App, tmp_path: Path, name: str, content: bytes | None, key: str) -> None:
    good = write(tmp_path / "整改前.png", png_bytes())
    path = bad_file(tmp_path, name, content)
    error = refused(app, lambda uow: ledger.register(uow, CLERK, FIELDS, evidence=[good, path]))
    assert error.key == key and name in error.text()


@ON_FILE_ONLY
@pytest.mark.parametrize(("name", "content", "key"), BAD_EVIDENCE)
def test_attaching_a_bad_evidence_file_changes_nothing(
        app: bootstrap.App, tmp_path: Path, name: str, content: bytes | None, key: str) -> None:
    p = _register(app)
    error = refused(app, lambda uow: ledger.add_evidence(uow, CLERK, p.number, bad_file(tmp_path, name, content)))
    assert error.key == key
    assert _get(app, p.number).evidence_count == 0


def test_fields_that_are_not_editable_are_refused_by_name(app: bootstrap.App) -> None:
    p = _register(app)
    error = refused(app, lambda uow: ledger.update(uow, CLERK, p.number, {"state": "closed", "number": "X"}),
                    UsageError)
    assert error.key == "ledger.not_editable" and "state" in error.text() and "number" in error.text()
    error = refused(app, lambda uow: ledger.update(uow, CLERK, p.number, {"description": " "}))
    assert error.key == "ledger.required"


def test_a_problem_is_found_by_its_number_in_any_case_or_by_the_start_of_its_uid(app: bootstrap.App) -> None:
    p = _register(app)
    assert _get(app, "wt2019-0001").uid == p.uid
    assert _get(app, p.uid[:8]).uid == p.uid
    with app.reader() as uow:
        with pytest.raises(InputRejected) as missing:
            ledger.get_problem(uow, VIEWER, "WT2019-0099")
    assert missing.value.key == "ledger.unknown_problem"


# -- the life cycle ----------------------------------------------------------------------------------------

def test_the_full_life_cycle_with_a_clerk_and_a_reviewer(app: bootstrap.App, tmp_path: Path) -> None:
    p = _register(app)
    assert _move(app, p, Move.START).state is State.RECTIFYING

    no_measures = refused(app, lambda uow: ledger.move(uow, CLERK, p.number, Move.APPLY))
    assert no_measures.key == "ledger.refused" and "整改措施" in no_measures.text()
    run(app, ledger.update, CLERK, p.number, {"measures": "已停发并追回多发资金，约谈村会计"})
    no_evidence = refused(app, lambda uow: ledger.move(uow, CLERK, p.number, Move.APPLY))
    assert "佐证材料" in no_evidence.text() and p.number in no_evidence.text()
    run(app, ledger.add_evidence, CLERK, p.number, write(tmp_path / "追回收据.pdf", PDF_BYTES))
    applied = _move(app, p, Move.APPLY)
    assert (applied.state, applied.state_label, applied.applied_on) == (State.APPLIED, "申请销号", date(2019, 6, 1))

    clerk_closes = refused(app, lambda uow: ledger.move(uow, CLERK, p.number, Move.CLOSE), PermissionDenied)
    assert clerk_closes.key == "permission.denied" and "审批销号" in clerk_closes.text()
    closed = _move(app, p, Move.CLOSE, REVIEWER)
    assert (closed.state, closed.closed_on, closed.closed_by) == (State.CLOSED, date(2019, 6, 1), "李审核")

    recovered = run(app, ledger.recover, CLERK, p.number, "600", "2019-05-20", "收据0001", "本人退回")
    assert recovered.recovered_fen == 60000
    recovered = run(app, ledger.recover, CLERK, p.number, "634.50", "2019年5月31日", "收据0002")
    assert recovered.recovered_fen == 123450 == recovered.amount_fen

    no_reason = refused(app, lambda uow: ledger.move(uow, CLERK, p.number, Move.REOPEN, "  "))
    assert "回头看" in no_reason.text() and "理由" in no_reason.text()
    reopened = _move(app, p, Move.REOPEN, reason="回头看发现仍有一笔未追回")
    assert (reopened.state, reopened.closed_on, reopened.closed_by) == (State.RECTIFYING, None, None)
    assert reopened.reason == "回头看发现仍有一笔未追回"

    _move(app, p, Move.APPLY)
    unexplained = refused(app, lambda uow: ledger.move(uow, REVIEWER, p.number, Move.RETURN, ""))
    assert "退回" in unexplained.text()
    returned = _move(app, p, Move.RETURN, REVIEWER, "佐证材料不清晰，请补拍")
    assert (returned.state, returned.reason) == (State.RECTIFYING, "佐证材料不清晰，请补拍")
    _move(app, p, Move.APPLY)
    final = _move(app, p, Move.CLOSE, REVIEWER)
    assert final.state is State.CLOSED and final.recovered_fen == 123450

    with app.reader() as uow:
        listed = list(reversed(audit.list_events(uow, VIEWER, object_ref=p.uid)))
    assert [e.seq for e in listed] == [e.seq for e in events_about(app, p.uid)]
    moves = [e for e in listed if e.action.split(".")[1] in {m.value for m in Move}]
    assert [(e.action, e.actor, e.detail["before"]["state"], e.detail["after"]["state"], e.detail["reason"])
            for e in moves] == [
        ("problem.start", "张会计", "已挂号", "整改中", None),
        ("problem.apply", "张会计", "整改中", "申请销号", None),
        ("problem.close", "李审核", "申请销号", "已销号", None),
        ("problem.reopen", "张会计", "已销号", "整改中", "回头看发现仍有一笔未追回"),
        ("problem.apply", "张会计", "整改中", "申请销号", None),
        ("problem.return", "李审核", "申请销号", "整改中", "佐证材料不清晰，请补拍"),
        ("problem.apply", "张会计", "整改中", "申请销号", None),
        ("problem.close", "李审核", "申请销号", "已销号", None),
    ]
    assert [e.action for e in events_about(app, p.uid)] == [
        "problem.register", "problem.start", "problem.update", "problem.evidence", "problem.apply",
        "problem.close", "problem.recover", "problem.recover", "problem.reopen", "problem.apply", "problem.return",
        "problem.apply", "problem.close"]

    # Every change of the record is a new version, each old one kept: 8 moves and 1 edit (recoveries and
    # evidence are records of their own).
    history = _history(app, p.uid)
    assert len(history) == 9
    versions = [h["version"] for h in history] + [final.version]
    assert versions == sorted(set(versions))
    assert [h["content"]["state"] for h in history] == [
        "registered", "rectifying", "rectifying", "applied", "closed", "rectifying", "applied", "rectifying",
        "applied"]
    assert history[0]["content"]["measures"] == "" and history[2]["content"]["measures"].startswith("已停发")


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ADMIN])
def test_the_registrant_may_not_close_their_own_problem_whatever_their_role(
        app: bootstrap.App, tmp_path: Path, role: Role) -> None:
    registrant = Actor("王主任", Role.ADMIN, single_user=False)
    p = _applied(app, tmp_path, registrant)
    error = refused(app, lambda uow: ledger.move(uow, Actor("王主任", role, single_user=False), p.number,
                                                 Move.CLOSE), PermissionDenied)
    assert "王主任" in error.text() and "销号" in error.text()
    assert _move(app, p, Move.CLOSE, REVIEWER).closed_by == "李审核"


def test_move_options_say_why_a_button_is_disabled(app: bootstrap.App, tmp_path: Path) -> None:
    registrant = Actor("王主任", Role.ADMIN, single_user=False)
    p = _applied(app, tmp_path, registrant)
    for actor, close_refusal in ((REVIEWER, None), (CLERK, "审批销号"), (registrant, "王主任")):
        options = {o.move: o for o in read(app, ledger.move_options, actor, p)}
        assert set(options) == set(Move) and options[Move.CLOSE].label == "销号"
        why = options[Move.CLOSE].refusal
        assert why is None if close_refusal is None else (why is not None and close_refusal in why)
    start = next(o for o in read(app, ledger.move_options, CLERK, p) if o.move is Move.START).refusal
    assert start == "只有“已挂号”状态才能开始整改，现在是“申请销号”。"


@ON_FILE_ONLY
@pytest.mark.parametrize(("state_moves", "step", "actor"), [
    pytest.param([], Move.APPLY, CLERK, id="apply-before-start"),
    pytest.param([], Move.CLOSE, REVIEWER, id="close-before-start"),
    pytest.param([Move.START], Move.START, CLERK, id="start-twice"),
    pytest.param([Move.START], Move.RETURN, REVIEWER, id="return-unapplied"),
    pytest.param([Move.START], Move.REOPEN, CLERK, id="reopen-unclosed"),
])
def test_a_move_from_the_wrong_state_is_refused_and_changes_nothing(
        app: bootstrap.App, state_moves: list[Move], step: Move, actor: Actor) -> None:
    p = _register(app)
    for m in state_moves:
        _move(app, p, m)
    error = refused(app, lambda uow: ledger.move(uow, actor, p.number, step, "理由"))
    assert error.key == "ledger.refused" and "只有" in error.text()


@ON_FILE_ONLY
@pytest.mark.parametrize("actor", [VIEWER, Actor("纪检组长", Role.DISCIPLINE, single_user=False),
                                   Actor("李审核", Role.REVIEWER, single_user=False)])
def test_only_those_who_keep_the_ledger_register_and_rectify(app: bootstrap.App, actor: Actor) -> None:
    refused(app, lambda uow: ledger.register(uow, actor, FIELDS), PermissionDenied)
    p = _register(app)
    refused(app, lambda uow: ledger.move(uow, actor, p.number, Move.START), PermissionDenied)
    refused(app, lambda uow: ledger.update(uow, actor, p.number, {"measures": "x"}), PermissionDenied)


def test_a_closed_problem_takes_no_edits_or_evidence_until_it_is_looked_back_at(
        app: bootstrap.App, tmp_path: Path) -> None:
    p = _applied(app, tmp_path)
    _move(app, p, Move.CLOSE, REVIEWER)
    edit = refused(app, lambda uow: ledger.update(uow, CLERK, p.number, {"measures": "补充"}))
    assert edit.key == "ledger.closed" and "回头看" in edit.text()
    photo = write(tmp_path / "补拍.png", png_bytes((1, 2, 3)))
    assert refused(app, lambda uow: ledger.add_evidence(uow, CLERK, p.number, photo)).key == "ledger.closed"
    _move(app, p, Move.REOPEN, reason="群众反映整改不到位")
    assert run(app, ledger.update, CLERK, p.number, {"measures": "补充"}).measures == "补充"


# -- edits: audited, versioned, optimistic lock ------------------------------------------------------------

@pytest.mark.parametrize(("field", "value", "shown"), [
    ("description", "改写后的描述", "改写后的描述"),
    ("deadline", "2019-12-31", "2019-12-31"),
    ("amount", "99", "99.00"),
    ("department", "民政局", "民政局"),
    ("responsible_person", "李主任", "李主任"),
    ("outcome", "诫勉", "诫勉"),
    ("handled_persons", "2", 2),
    ("came_forward", "是", True),
    ("repaid", "是", True),
    ("clue_source", "县审计局", "县审计局"),
    ("clue_ref", "SJ-2018-07", "SJ-2018-07"),
])
def test_an_edit_is_one_audit_event_with_the_field_before_and_after_and_one_new_version(
        app: bootstrap.App, field: str, value: str, shown: object) -> None:
    p = _register(app)
    after = run(app, ledger.update, CLERK, p.number, {field: value})
    assert after.version > p.version
    (old,) = _history(app, p.uid)
    assert old["version"] == p.version and old["content"]["description"] == p.description
    event = events_about(app, p.uid)[-1]
    assert event.action == "problem.update"
    key = next(k for k in event.detail["after"])  # the one field changed, under its shown name
    assert list(event.detail["after"].values()) == [shown] and list(event.detail["before"]) == [key]


def test_an_edit_from_a_stale_version_is_refused(app: bootstrap.App) -> None:
    p = _register(app)
    run(app, ledger.update, CLERK, p.number, {"measures": "甲"}, expected_version=p.version)
    error = refused(app, lambda uow: ledger.update(uow, CLERK, p.number, {"measures": "乙"},
                                                   expected_version=p.version))
    assert isinstance(error, StaleRecord) and error.key == "record.stale"
    refused(app, lambda uow: ledger.move(uow, CLERK, p.number, Move.START, expected_version=p.version), StaleRecord)
    assert _get(app, p.number).measures == "甲"


def test_an_edit_that_changes_nothing_writes_nothing(app: bootstrap.App) -> None:
    p = _register(app)
    before = snapshot(app)
    assert run(app, ledger.update, CLERK, p.number, {}) == p
    assert snapshot(app) == before


# -- transfer (线索移交) and recovered money (专账) ----------------------------------------------------------

@pytest.mark.parametrize(("typed", "stored"), [
    ("纪检监察机关", "纪检监察机关"), ("县纪委", "纪检监察机关"), ("县监委", "纪检监察机关"),
    ("司法机关", "司法机关"), ("县公安局", "司法机关"), ("县人民检察院", "司法机关"), ("县人民法院", "司法机关"),
])
def test_a_transfer_records_receiver_date_and_document_number(app: bootstrap.App, typed: str, stored: str) -> None:
    p = _register(app)
    done = run(app, ledger.transfer, CLERK, p.number, typed, "2019年5月28日", " 呼财监移〔2019〕3号 ")
    assert (done.transfer_to, done.transfer_on, done.transfer_doc) == (stored, date(2019, 5, 28), "呼财监移〔2019〕3号")
    event = events_about(app, p.uid)[-1]
    assert event.action == "problem.transfer" and event.detail["after"]["transfer_to"] == stored
    assert event.detail["before"] == {"transfer_to": None, "transfer_doc": None}
    assert len(_history(app, p.uid)) == 1


@ON_FILE_ONLY
@pytest.mark.parametrize(("to", "on", "doc", "key"), [
    ("乡政府", "2019-05-28", "移〔2019〕3号", "ledger.bad_receiver"),
    ("", "2019-05-28", "移〔2019〕3号", "ledger.bad_receiver"),
    ("县纪委", "2019-05-28", "  ", "ledger.required"),
    ("县纪委", "五月底", "移〔2019〕3号", "ledger.bad_field"),
])
def test_a_transfer_with_a_bad_receiver_date_or_document_changes_nothing(
        app: bootstrap.App, to: str, on: str, doc: str, key: str) -> None:
    p = _register(app)
    error = refused(app, lambda uow: ledger.transfer(uow, CLERK, p.number, to, on, doc))
    assert error.key == key
    if key == "ledger.bad_receiver":
        assert "纪检监察机关" in error.text() and "司法机关" in error.text()
    if key == "ledger.bad_field":
        assert "移交日期" in error.text()


def test_recovered_money_is_a_line_per_receipt_in_the_special_account(app: bootstrap.App) -> None:
    p = _register(app)
    run(app, ledger.recover, CLERK, p.number, "100", "2019-05-20", "收据0001", "本人退回")
    after = run(app, ledger.recover, CLERK, p.number, "1,134.50", "2019-06-01", "收据0002")
    assert after.recovered_fen == 123450
    lines = read(app, ledger.detail, VIEWER, p.number).recoveries
    assert [(r.amount_fen, r.recovered_on, r.receipt, r.note) for r in lines] == [
        (10000, date(2019, 5, 20), "收据0001", "本人退回"), (113450, date(2019, 6, 1), "收据0002", None)]
    event = events_about(app, p.uid)[-1]
    assert event.action == "problem.recover"
    assert (event.detail["before"], event.detail["after"]) == ({"recovered": "100.00"}, {"recovered": "1,234.50"})


@ON_FILE_ONLY
@pytest.mark.parametrize(("amount", "on", "receipt", "says"), [
    ("-5", "2019-05-20", "收据0001", "追回金额"),
    ("0", "2019-05-20", "收据0001", "追回金额"),
    ("一百", "2019-05-20", "收据0001", "追回金额"),
    ("100", "2019-06-02", "收据0001", "追回日期"),  # after today (the clock's 2019-06-01)
    ("100", "2019-02-30", "收据0001", "追回日期"),
    ("100", "2019-05-20", " ", "收据号"),
])
def test_a_bad_recovery_is_refused_by_name_and_changes_nothing(
        app: bootstrap.App, amount: str, on: str, receipt: str, says: str) -> None:
    p = _register(app)
    error = refused(app, lambda uow: ledger.recover(uow, CLERK, p.number, amount, on, receipt))
    assert says in error.text()


# -- evidence --------------------------------------------------------------------------------------------

def test_evidence_is_stored_with_its_hash_and_size_and_read_back_identical(
        app: bootstrap.App, tmp_path: Path) -> None:
    photo, scan = png_bytes(), PDF_BYTES
    p = run(app, ledger.register, CLERK, FIELDS, evidence=[write(tmp_path / "整改前.png", photo)])
    p = run(app, ledger.add_evidence, CLERK, p.number, write(tmp_path / "收据.PDF", scan), "追回收据")
    assert p.evidence_count == 2
    files = read(app, ledger.detail, VIEWER, p.number).evidence
    assert [(f.file_name, f.media_type, f.size, f.sha256, f.note, f.added_by) for f in files] == [
        ("整改前.png", "image/png", len(photo), hashlib.sha256(photo).hexdigest(), None, "张会计"),
        ("收据.PDF", "application/pdf", len(scan), hashlib.sha256(scan).hexdigest(), "追回收据", "张会计")]
    for f, content in zip(files, (photo, scan), strict=True):
        assert read(app, ledger.evidence_content, VIEWER, f.uid) == (f.file_name, content)
    event = events_about(app, p.uid)[-1]
    assert event.action == "problem.evidence"
    assert (event.detail["sha256"], event.detail["bytes"]) == (hashlib.sha256(scan).hexdigest(), len(scan))


def test_the_same_bytes_twice_are_stored_once(app: bootstrap.App, tmp_path: Path) -> None:
    photo = png_bytes((9, 9, 9))
    first, second = _register(app), _register(app)
    run(app, ledger.add_evidence, CLERK, first.number, write(tmp_path / "a.png", photo))
    run(app, ledger.add_evidence, CLERK, first.number, write(tmp_path / "同一张.png", photo))
    run(app, ledger.add_evidence, CLERK, second.number, write(tmp_path / "b.png", photo))
    digest = hashlib.sha256(photo).hexdigest()
    assert sql(app, "SELECT COUNT(*) FROM evidence_blobs WHERE sha256 = ?", (digest,)) == [(1,)]
    assert sql(app, "SELECT COUNT(*) FROM evidence_files WHERE sha256 = ?", (digest,)) == [(3,)]
    assert (_get(app, first.number).evidence_count, _get(app, second.number).evidence_count) == (2, 1)


def test_evidence_whose_stored_bytes_no_longer_match_their_hash_is_reported_lost(
        app: bootstrap.App, tmp_path: Path) -> None:
    p = run(app, ledger.register, CLERK, FIELDS, evidence=[write(tmp_path / "a.png", png_bytes())])
    (f,) = read(app, ledger.detail, VIEWER, p.number).evidence
    assert sql_write(app, "UPDATE evidence_blobs SET content = ? WHERE sha256 = ?", (b"tampered", f.sha256)) == 1
    with app.reader() as uow, pytest.raises(InputRejected) as lost:
        ledger.evidence_content(uow, VIEWER, f.uid)
    assert lost.value.key == "evidence.lost"


# -- lists: 留号 and overdue ------------------------------------------------------------------------------

def test_overdue_and_kept_open_lists_follow_the_clock(app: bootstrap.App, tmp_path: Path) -> None:
    late = _register(app, deadline="2019-06-30")
    later = _register(app, deadline="2019-12-31", category="3.2", program="耕地地力保护补贴")
    undated = _register(app, deadline="")
    done = _applied(app, tmp_path)  # deadline 2019-09-30, then closed
    _move(app, done, Move.CLOSE, REVIEWER)
    app.close()

    def numbers(day: str, **filters: Any) -> list[str]:
        opened = bootstrap.open_app(app.location.url, parse_clock(f"{day}T10:00:00"))
        try:
            return [p.number for p in read(opened, ledger.list_problems, VIEWER, **filters)]
        finally:
            opened.close()

    assert undated.deadline is None
    assert numbers("2019-06-30", overdue=True) == []  # due today is not late
    assert numbers("2019-07-15", overdue=True) == [late.number]
    assert numbers("2020-01-01", overdue=True) == [late.number, later.number]  # the closed one never is
    assert numbers("2020-01-01", kept_open=True) == [late.number, later.number, undated.number]
    assert numbers("2020-01-01", states=["closed"]) == [done.number]
    assert numbers("2020-01-01", states=["registered", "applied"]) == [late.number, later.number, undated.number]
    assert numbers("2020-01-01", categories=["3.2"]) == [later.number]
    assert numbers("2020-01-01", program="NY01") == [later.number]
    assert numbers("2020-01-01", org="652323") == [late.number, later.number, undated.number, done.number]
    for day, overdue in (("2019-07-15", 1), ("2020-01-01", 2)):
        opened = bootstrap.open_app(app.location.url, parse_clock(f"{day}T10:00:00"))
        try:
            counts = read(opened, queries.dashboard, VIEWER).problems
        finally:
            opened.close()
        assert counts == {"registered": 3, "closed": 1, "overdue": overdue}
    opened = bootstrap.open_app(app.location.url, parse_clock("2019-07-15T10:00:00"))
    try:
        with opened.reader() as uow:
            with pytest.raises(UsageError):
                ledger.list_problems(uow, VIEWER, states=["bogus"])
            shown = ledger.get_problem(uow, VIEWER, late.number)
        assert shown.overdue(date(2019, 7, 15)) and shown.as_json(date(2019, 7, 15))["overdue"]
        assert shown.as_json(date(2019, 7, 15))["kept_open"] and not shown.overdue(date(2019, 6, 30))
    finally:
        opened.close()


# -- registering from findings (the demo, checked) ----------------------------------------------------------

@pytest.fixture(scope="module")
def checked_demo(demo_on_both: DemoDb, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path | str]:
    """The demo of each backend with every rule run; copied again by each test."""
    path = copy_installation(demo_on_both.path, tmp_path_factory.mktemp("ledger") / "demo.sqlite3")
    app = bootstrap.open_app(str(path))
    try:
        with app.uow() as uow:
            run_checks(uow, app.actor)
            uow.commit()
    finally:
        app.close()
    yield path
    _drop_if_server(path)


def _drop_if_server(where: Path | str) -> None:
    if isinstance(where, str) and "://" in where:
        import psycopg

        base, name = where.replace("postgresql+psycopg://", "postgresql://", 1).rsplit("/", 1)
        with psycopg.connect(base + "/postgres", autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def demo(checked_demo: Path | str, tmp_path: Path) -> Iterator[bootstrap.App]:
    copy = copy_installation(checked_demo, tmp_path / "demo.sqlite3")
    opened = bootstrap.open_app(str(copy))
    yield opened
    opened.close()
    _drop_if_server(copy)


def _same_rule_findings(app: bootstrap.App, n: int) -> list[findings.Finding]:
    """`n` open findings of one rule about different persons with ID numbers."""
    every = read(app, findings.list_findings, VIEWER)
    by_rule: dict[str, list[findings.Finding]] = {}
    for f in every:
        if f.id_number and f.id_number not in {g.id_number for g in by_rule.get(f.rule, [])}:
            by_rule.setdefault(f.rule, []).append(f)
    rule = max(sorted(by_rule), key=lambda r: len(by_rule[r]))
    assert len(by_rule[rule]) >= n
    return by_rule[rule][:n]


def test_a_problem_from_several_findings_carries_their_amounts_and_persons(demo: bootstrap.App) -> None:
    chosen = _same_rule_findings(demo, 3)
    run(demo, findings.decide, CLERK, [chosen[0].uid], FindingStatus.CONFIRMED, "村里已核实")
    before = {f.uid: f for f in read(demo, findings.list_findings, VIEWER)}
    p = run(demo, ledger.register, CLERK, {"measures": "逐户核实"}, findings=[f.uid[:8] for f in chosen])
    assert p.number == "WT2019-0001" and p.source == "findings"
    assert p.amount_fen == sum(f.amount_fen for f in chosen) > 0
    assert sorted(p.persons, key=str) == sorted(({"name": f.name, "id_number": f.id_number} for f in chosen), key=str)
    assert p.category == primary_item(RULES_BY_CODE[chosen[0].rule].item)
    assert all(f.explanation[:10] in p.description for f in chosen)

    after = {f.uid: f for f in read(demo, findings.list_findings, VIEWER)}
    for f in chosen:
        assert after[f.uid].problem_uid == p.uid
        assert (after[f.uid].status, after[f.uid].status_reason) == (before[f.uid].status, before[f.uid].status_reason)
    assert after[chosen[0].uid].status == FindingStatus.CONFIRMED and after[chosen[1].uid].status == FindingStatus.OPEN
    others = [u for u in after if u not in {f.uid for f in chosen}]
    assert all(after[u] == before[u] for u in others)
    shown = read(demo, ledger.detail, VIEWER, p.number)
    assert sorted(f.uid for f in shown.findings) == sorted(f.uid for f in chosen)
    (event,) = [e for e in events_about(demo, p.uid) if e.action == "problem.register"]
    assert sorted(event.detail["findings"]) == sorted(f.uid for f in chosen)


def test_what_the_clerk_types_wins_over_what_the_findings_say(demo: bootstrap.App) -> None:
    chosen = _same_rule_findings(demo, 2)
    p = run(demo, ledger.register, CLERK, {"amount": "10", "category": "3.4", "description": "自写描述"},
            findings=[f.uid for f in chosen])
    assert (p.amount_fen, p.category, p.description) == (1000, "3.4", "自写描述")
    assert len(p.persons) == 2


def test_a_finding_already_in_a_problem_cannot_be_registered_again(demo: bootstrap.App) -> None:
    a, b, c = _same_rule_findings(demo, 3)
    first = run(demo, ledger.register, CLERK, {}, findings=[a.uid, b.uid])
    for refs in ([a.uid], [c.uid, b.uid[:8]]):
        error = refused(demo, lambda uow, refs=refs: ledger.register(uow, CLERK, {}, findings=refs))
        assert error.key == "ledger.finding_taken" and first.number in error.text()
    assert read(demo, findings.list_findings, VIEWER) and run(
        demo, ledger.register, CLERK, {}, findings=[c.uid]).number == "WT2019-0002"


def test_no_full_id_number_of_a_person_involved_reaches_the_audit_log(demo: bootstrap.App, tmp_path: Path) -> None:
    chosen = _same_rule_findings(demo, 3)
    ids = [f.id_number for f in chosen]
    assert all(i and len(i) == 18 for i in ids)
    p = run(demo, ledger.register, CLERK, {}, findings=[f.uid for f in chosen])
    assert {x["id_number"] for x in p.persons} == set(ids)  # kept in full on the record itself
    run(demo, ledger.update, CLERK, p.number, {"persons": "、".join(f"{f.name}{f.id_number}" for f in chosen[:2]),
                                               "description": f"{chosen[0].name}（身份证号{ids[0]}）冒领",
                                               "measures": "追回"})
    run(demo, ledger.add_evidence, CLERK, p.number, write(tmp_path / "a.png", png_bytes()))
    for step, actor, reason in ((Move.START, CLERK, ""), (Move.APPLY, CLERK, ""),
                                (Move.RETURN, REVIEWER, f"请核对{ids[1]}")):
        run(demo, ledger.move, actor, p.number, step, reason)
    texts = audit_details(demo)
    mine = [t for t in texts if p.uid in t or p.number in t]
    assert len(mine) >= 6 and any(mask_id(ids[0]) in t for t in mine)
    for text in texts:
        for full in ids:
            assert full not in text
    assert all(full not in json.dumps(loaded(t), ensure_ascii=False) for t in texts for full in ids)


def test_registering_from_findings_works_for_the_actor_who_ran_the_checks(demo: bootstrap.App) -> None:
    """Single-user mode (no users yet): the OS user registers and is recorded."""
    (f,) = _same_rule_findings(demo, 1)
    p = run(demo, ledger.register, demo.actor, {}, findings=[f.uid])
    assert p.registered_by == demo.actor.name and p.persons == [{"name": f.name, "id_number": f.id_number}]


def test_registering_from_unknown_findings_changes_nothing(demo: bootstrap.App) -> None:
    error = refused(demo, lambda uow: ledger.register(uow, CLERK, {}, findings=["ffffffff"]))
    assert "ffffffff" in error.text()



def test_a_dismissed_finding_is_not_registered_and_a_registered_one_shows_its_problem(demo: bootstrap.App) -> None:
    a, b = _same_rule_findings(demo, 2)
    run(demo, findings.decide, CLERK, [a.uid], FindingStatus.DISMISSED, "村里核实不属实")
    error = refused(demo, lambda uow: ledger.register(uow, CLERK, {}, findings=[b.uid, a.uid]))
    assert error.key == "ledger.finding_dismissed" and a.uid[:8] in error.text()
    p = run(demo, ledger.register, CLERK, {}, findings=[b.uid])
    shown = {f.uid: f for f in read(demo, findings.list_findings, VIEWER)}
    assert (shown[b.uid].problem_number, shown[a.uid].problem_number) == (p.number, None)
