"""Complaints (举报, SPEC §7, §9) over real databases: registered by channel, the complainant seen by the
discipline role alone and never written to the audit log, the same life cycle as problems, linked to problems,
and the office's 举报电话."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from dbs import sql
from ledger_support import (
    BAD_EVIDENCE,
    CLERK,
    DISCIPLINE,
    ON_FILE_ONLY,
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
    write,
)

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected, PermissionDenied, UsageError
from yikatong_desktop.domain.permissions import Role
from yikatong_desktop.domain.problems import CHANNELS, Move, State
from yikatong_desktop.services import complaints, ledger
from yikatong_desktop.services.auth import Actor
from yikatong_desktop.storage.repositories import StaleRecord

Installation = Callable[..., bootstrap.App]

ADMIN = Actor("管理员", Role.ADMIN, single_user=False)
NAME, PHONE = "马秀兰", "13899912345"
FIELDS = {"channel": "电话", "received_on": "2019-05-30", "complainant": NAME, "contact": PHONE,
          "content": "反映五工台村村会计代管村民一卡通，冒领高龄津贴", "concerned": "王某（村会计）",
          "program": "高龄老人基本生活津贴", "org": "呼图壁县", "deadline": "2019-06-30"}
PROBLEM = {"category": "3.5", "description": "村会计代管村民一卡通", "org": "呼图壁县"}


def _register(app: bootstrap.App, actor: Actor = CLERK, **fields: object) -> complaints.Complaint:
    return run(app, complaints.register, actor, {**FIELDS, **fields})


def _move(app: bootstrap.App, c: complaints.Complaint, step: Move, actor: Actor = CLERK,
          reason: str = "") -> complaints.Complaint:
    return run(app, complaints.move, actor, c.number, step, reason)


def _get(app: bootstrap.App, ref: str, actor: Actor = VIEWER) -> complaints.Complaint:
    return read(app, complaints.get_complaint, actor, ref)


def _stored(app: bootstrap.App, uid: str) -> tuple[Any, ...]:
    """What the database holds about who complained, read with the bare driver."""
    return tuple(sql(app, "SELECT anonymous, complainant, contact FROM complaints WHERE uid = ?", (uid,))[0])


def _applied(app: bootstrap.App, actor: Actor = CLERK) -> complaints.Complaint:
    c = _register(app, actor, handling="已入户核实，约谈村会计", result="情况属实，卡已归还本人")
    _move(app, c, Move.START, actor)
    return _move(app, c, Move.APPLY, actor)


@pytest.fixture
def app(installation: Installation) -> Iterator[bootstrap.App]:
    opened = installation()
    yield opened
    opened.close()


# -- registering -------------------------------------------------------------------------------------------

def test_complaints_are_numbered_jb_year_and_keep_what_was_typed(app: bootstrap.App) -> None:
    first = _register(app)
    second = _register(app, channel="来信", complainant=None, contact=None)
    assert (first.number, second.number) == ("JB2019-0001", "JB2019-0002")
    shown = _get(app, first.number, DISCIPLINE)
    assert (shown.state, shown.state_label, shown.registered_by, shown.registered_on) == (
        State.REGISTERED, "已登记", "张会计", date(2019, 6, 1))
    assert (shown.received_on, shown.channel, shown.deadline) == (date(2019, 5, 30), "电话", date(2019, 6, 30))
    assert (shown.program_code, shown.org_code, shown.concerned) == ("MZ02", "652323", "王某（村会计）")
    assert (shown.anonymous, shown.complainant, shown.contact) == (False, NAME, PHONE)
    (event,) = events_about(app, first.uid)
    assert (event.action, event.actor, event.detail["number"]) == ("complaint.register", "张会计", "JB2019-0001")


@ON_FILE_ONLY
@pytest.mark.parametrize("channel", CHANNELS)
def test_every_channel_of_the_spec_is_accepted(app: bootstrap.App, channel: str) -> None:
    assert _register(app, channel=channel).channel == channel


@ON_FILE_ONLY
@pytest.mark.parametrize(("fields", "key", "says"), [
    pytest.param({"channel": "微信"}, "ledger.bad_field", "举报渠道", id="channel-unknown"),
    pytest.param({"channel": ""}, "ledger.bad_field", "举报渠道", id="channel-blank"),
    pytest.param({"channel": None}, "ledger.required", "举报渠道", id="channel-missing"),
    pytest.param({"content": ""}, "ledger.required", "举报内容", id="content-blank"),
    pytest.param({"content": "  \n "}, "ledger.required", "举报内容", id="content-spaces"),
    pytest.param({"content": None}, "ledger.required", "举报内容", id="content-missing"),
    pytest.param({"received_on": "2019-06-02"}, "ledger.bad_field", "受理日期", id="received-tomorrow"),
    pytest.param({"received_on": "2020-01-01"}, "ledger.bad_field", "受理日期", id="received-next-year"),
    pytest.param({"received_on": "2019-13-45"}, "ledger.bad_field", "受理日期", id="received-no-such-day"),
    pytest.param({"deadline": "下个月"}, "ledger.bad_field", "办理期限", id="deadline-words"),
    pytest.param({"program": "不存在的补贴"}, "ledger.bad_field", "补贴项目", id="program-unknown"),
    pytest.param({"anonymous": "不一定"}, "ledger.bad_field", "匿名", id="anonymous-not-yes-or-no"),
    pytest.param({"problem": "WT2019-0099"}, "ledger.unknown_problem", "WT2019-0099", id="problem-unknown"),
])
def test_a_complaint_with_a_bad_field_is_refused_by_name_and_changes_nothing(
        app: bootstrap.App, fields: dict[str, object], key: str, says: str) -> None:
    error = refused(app, lambda uow: complaints.register(uow, CLERK, {**FIELDS, **fields}))
    assert error.key == key and says in error.text()


@ON_FILE_ONLY
@pytest.mark.parametrize("received_on", [None, "", "  "])
def test_a_complaint_without_a_date_is_received_today(app: bootstrap.App, received_on: str | None) -> None:
    assert _register(app, received_on=received_on).received_on == date(2019, 6, 1)


@ON_FILE_ONLY
@pytest.mark.parametrize(("name", "content", "key"), BAD_EVIDENCE)
def test_a_complaint_with_a_bad_evidence_file_changes_nothing(
        app: bootstrap.App, tmp_path: Path, name: str, content: bytes | None, key: str) -> None:
    path = bad_file(tmp_path, name, content)
    assert refused(app, lambda uow: complaints.register(uow, CLERK, FIELDS, evidence=[path])).key == key
    c = _register(app)
    assert refused(app, lambda uow: complaints.add_evidence(uow, CLERK, c.number, path)).key == key


def test_evidence_of_a_complaint_is_kept_with_its_hash(app: bootstrap.App, tmp_path: Path) -> None:
    scan = png_bytes((5, 6, 7))
    c = run(app, complaints.register, CLERK, FIELDS, evidence=[write(tmp_path / "举报信.png", scan)])
    c = run(app, complaints.add_evidence, CLERK, c.number, write(tmp_path / "举报信背面.png", png_bytes((8, 8, 8))))
    assert c.evidence_count == 2
    files = read(app, complaints.evidence_of, VIEWER, c.number)
    assert [f.file_name for f in files] == ["举报信.png", "举报信背面.png"]
    assert (files[0].size, files[0].sha256) == (len(scan), hashlib.sha256(scan).hexdigest())
    assert read(app, ledger.evidence_content, VIEWER, files[0].uid) == ("举报信.png", scan)
    assert events_about(app, c.uid)[-1].action == "complaint.evidence"


# -- who complained ----------------------------------------------------------------------------------------

@ON_FILE_ONLY
@pytest.mark.parametrize("fields", [
    pytest.param({"anonymous": "是"}, id="anonymous-with-a-name-given"),
    pytest.param({"anonymous": True, "contact": "0994-6512345"}, id="anonymous-true"),
    pytest.param({"complainant": None, "contact": None}, id="no-name"),
    pytest.param({"complainant": "", "contact": ""}, id="blank-name"),
])
def test_an_anonymous_complaint_stores_no_complainant(app: bootstrap.App, fields: dict[str, object]) -> None:
    c = _register(app, **fields)
    assert _stored(app, c.uid) in ((True, None, None), (1, None, None))
    shown = _get(app, c.number, DISCIPLINE)
    assert (shown.anonymous, shown.complainant, shown.contact) == (True, None, None)
    assert _get(app, c.number, CLERK).complainant is None  # nothing withheld: there is nobody


@pytest.mark.parametrize("actor", [CLERK, REVIEWER, VIEWER, ADMIN], ids=["clerk", "reviewer", "viewer", "admin"])
def test_the_complainant_is_withheld_from_everyone_but_the_discipline_role(
        app: bootstrap.App, actor: Actor) -> None:
    c = _register(app)
    for shown in (_get(app, c.number, actor), read(app, complaints.list_complaints, actor)[0]):
        assert (shown.complainant, shown.contact) == (complaints.WITHHELD, complaints.WITHHELD)
        text = str(shown.as_json(date(2019, 6, 1)))
        assert NAME not in text and PHONE not in text
    seen = read(app, complaints.list_complaints, DISCIPLINE)[0]
    assert (seen.complainant, seen.contact) == (NAME, PHONE)
    assert seen.as_json(date(2019, 6, 1))["complainant"] == NAME


def test_the_complainant_never_reaches_the_audit_log(app: bootstrap.App, tmp_path: Path) -> None:
    landline = "0994-6512345"
    c = _register(app)
    assert refused(app, lambda uow: complaints.update(uow, CLERK, c.number, {"contact": landline}), PermissionDenied)
    run(app, complaints.update, DISCIPLINE, c.number, {"contact": landline, "complainant": "马秀兰（本人）"})
    run(app, complaints.update, CLERK, c.number, {"handling": "已入户核实", "result": "属实"})
    run(app, complaints.add_evidence, CLERK, c.number, write(tmp_path / "信.png", png_bytes()))
    _move(app, c, Move.START)
    _move(app, c, Move.APPLY)
    _move(app, c, Move.RETURN, REVIEWER, "请补充办理结果")
    run(app, complaints.update, DISCIPLINE, c.number, {"anonymous": "是"})  # 举报人要求匿名
    assert _stored(app, c.uid) in ((True, None, None), (1, None, None))
    texts = audit_details(app)
    mine = [t for t in texts if c.uid in t or c.number in t]
    assert len(mine) >= 7
    for text in texts:
        assert NAME not in text and PHONE not in text and landline not in text
    identity, handling = [e for e in events_about(app, c.uid) if e.action == "complaint.update"][:2]
    assert identity.actor == DISCIPLINE.name
    assert identity.detail["before"]["contact"] == identity.detail["after"]["contact"] == "（已隐去）"
    assert handling.detail["after"]["handling"] == "已入户核实"


# -- the life cycle ----------------------------------------------------------------------------------------

def test_the_full_life_cycle_of_a_complaint(app: bootstrap.App) -> None:
    c = _register(app)
    assert _move(app, c, Move.START).state_label == "办理中"
    no_handling = refused(app, lambda uow: complaints.move(uow, CLERK, c.number, Move.APPLY))
    assert no_handling.key == "ledger.refused" and "办理情况" in no_handling.text()
    run(app, complaints.update, CLERK, c.number, {"handling": "已入户核实，约谈村会计"})
    no_result = refused(app, lambda uow: complaints.move(uow, CLERK, c.number, Move.APPLY))
    assert "办理结果" in no_result.text()
    run(app, complaints.update, CLERK, c.number, {"result": "情况属实，卡已归还本人"})
    assert _move(app, c, Move.APPLY).state_label == "申请办结"  # no evidence needed for a complaint

    assert refused(app, lambda uow: complaints.move(uow, CLERK, c.number, Move.CLOSE), PermissionDenied)
    closed = _move(app, c, Move.CLOSE, REVIEWER)
    assert (closed.state_label, closed.closed_on, closed.closed_by) == ("已办结", date(2019, 6, 1), "李审核")
    assert refused(app, lambda uow: complaints.update(uow, CLERK, c.number, {"result": "x"})).key == "ledger.closed"

    assert "理由" in refused(app, lambda uow: complaints.move(uow, CLERK, c.number, Move.REOPEN)).text()
    reopened = _move(app, c, Move.REOPEN, reason="举报人再次来访")
    assert (reopened.state, reopened.closed_on, reopened.closed_by, reopened.reason) == (
        State.RECTIFYING, None, None, "举报人再次来访")
    _move(app, c, Move.APPLY)
    assert "退回" in refused(app, lambda uow: complaints.move(uow, REVIEWER, c.number, Move.RETURN, " ")).text()
    returned = _move(app, c, Move.RETURN, REVIEWER, "办理结果未告知举报人")
    assert (returned.state, returned.reason) == (State.RECTIFYING, "办理结果未告知举报人")
    _move(app, c, Move.APPLY)
    assert _move(app, c, Move.CLOSE, REVIEWER).state is State.CLOSED

    moves = [e for e in events_about(app, c.uid) if e.action.split(".")[1] in {m.value for m in Move}]
    assert [(e.action, e.detail["before"]["state"], e.detail["after"]["state"], e.detail["reason"])
            for e in moves] == [
        ("complaint.start", "已登记", "办理中", None),
        ("complaint.apply", "办理中", "申请办结", None),
        ("complaint.close", "申请办结", "已办结", None),
        ("complaint.reopen", "已办结", "办理中", "举报人再次来访"),
        ("complaint.apply", "办理中", "申请办结", None),
        ("complaint.return", "申请办结", "办理中", "办理结果未告知举报人"),
        ("complaint.apply", "办理中", "申请办结", None),
        ("complaint.close", "申请办结", "已办结", None),
    ]
    with app.reader() as uow:
        history = uow.records.history("complaints", c.uid)
    assert len(history) == 10  # 8 moves and 2 edits, each old version kept
    assert [h["content"]["state"] for h in history][:3] == ["registered", "rectifying", "rectifying"]


@pytest.mark.parametrize("role", [Role.REVIEWER, Role.ADMIN])
def test_the_registrant_may_not_close_their_own_complaint(app: bootstrap.App, role: Role) -> None:
    c = _applied(app, Actor("王主任", Role.ADMIN, single_user=False))
    registrant = Actor("王主任", role, single_user=False)
    options = {o.move: o.refusal for o in read(app, complaints.move_options, registrant, c)}
    assert options[Move.CLOSE] is not None and "王主任" in options[Move.CLOSE]
    clerk = {o.move: o.refusal for o in read(app, complaints.move_options, CLERK, c)}
    assert clerk[Move.START] == "只有“已登记”状态才能开始办理，现在是“申请办结”。"
    error = refused(app, lambda uow: complaints.move(uow, registrant, c.number, Move.CLOSE), PermissionDenied)
    assert "王主任" in error.text()
    assert _move(app, c, Move.CLOSE, REVIEWER).closed_by == "李审核"


def test_a_closed_complaint_takes_no_more_evidence(app: bootstrap.App, tmp_path: Path) -> None:
    c = _applied(app)
    _move(app, c, Move.CLOSE, REVIEWER)
    photo = write(tmp_path / "补充.png", png_bytes())
    assert refused(app, lambda uow: complaints.add_evidence(uow, CLERK, c.number, photo)).key == "ledger.closed"


def test_an_edit_from_a_stale_version_is_refused(app: bootstrap.App) -> None:
    c = _register(app)
    run(app, complaints.update, CLERK, c.number, {"handling": "甲"}, expected_version=c.version)
    refused(app, lambda uow: complaints.update(uow, CLERK, c.number, {"handling": "乙"}, expected_version=c.version),
            StaleRecord)
    refused(app, lambda uow: complaints.move(uow, CLERK, c.number, Move.START, expected_version=c.version),
            StaleRecord)
    assert _get(app, c.number).handling == "甲"


@ON_FILE_ONLY
@pytest.mark.parametrize(("fields", "says"), [
    pytest.param({"content": ""}, "举报内容", id="content-cleared"),
    pytest.param({"channel": "短信"}, "举报渠道", id="channel-unknown"),
    pytest.param({"received_on": "2019-06-02"}, "受理日期", id="received-tomorrow"),
    pytest.param({"received_on": " "}, "受理日期", id="received-cleared"),
    pytest.param({"problem": "WT2019-0099"}, "WT2019-0099", id="problem-unknown"),
])
def test_a_bad_edit_is_refused_and_changes_nothing(app: bootstrap.App, fields: dict[str, object], says: str) -> None:
    c = _register(app)
    assert says in refused(app, lambda uow: complaints.update(uow, CLERK, c.number, fields)).text()
    assert _get(app, c.number) == c


def test_fields_that_are_not_editable_are_refused(app: bootstrap.App) -> None:
    c = _register(app)
    error = refused(app, lambda uow: complaints.update(uow, CLERK, c.number, {"state": "closed"}), UsageError)
    assert error.key == "ledger.not_editable"


def test_lists_filter_by_state_and_channel(app: bootstrap.App) -> None:
    phoned = _register(app)
    written = _register(app, channel="来信")
    _move(app, written, Move.START)
    numbers = lambda **kw: [c.number for c in read(app, complaints.list_complaints, VIEWER, **kw)]  # noqa: E731
    assert numbers() == [phoned.number, written.number]
    assert numbers(states=["rectifying"]) == [written.number]
    assert numbers(channels=["电话", "网络"]) == [phoned.number]
    assert numbers(org="652323") == [phoned.number, written.number]
    with app.reader() as uow:
        with pytest.raises(UsageError):
            complaints.list_complaints(uow, VIEWER, channels=["微信"])
        with pytest.raises(UsageError):
            complaints.list_complaints(uow, VIEWER, states=["done"])
        with pytest.raises(InputRejected) as unknown:
            complaints.get_complaint(uow, VIEWER, "JB2019-0099")
    assert unknown.value.key == "complaint.unknown"


# -- link to a problem -------------------------------------------------------------------------------------

def test_a_complaint_is_linked_to_a_problem_by_its_number(app: bootstrap.App) -> None:
    p = run(app, ledger.register, CLERK, PROBLEM)
    other = run(app, ledger.register, CLERK, PROBLEM)
    linked = _register(app, problem=p.number)
    assert linked.problem_number == p.number
    relinked = run(app, complaints.update, CLERK, linked.number, {"problem": other.number.lower()})
    assert relinked.problem_number == other.number
    event = events_about(app, linked.uid)[-1]
    assert event.action == "complaint.update" and len(event.detail["after"]) == 1
    assert run(app, complaints.update, CLERK, linked.number, {"problem": ""}).problem_number is None
    assert _register(app).problem_number is None


# -- 举报电话 ------------------------------------------------------------------------------------------------

def test_the_hotline_is_kept_and_audited(app: bootstrap.App) -> None:
    assert read(app, lambda uow: complaints.hotline(uow)) == {"own": "", "county": ""}
    run(app, complaints.set_hotline, ADMIN, " 0994-6512345 ", "0994-4512345转8")
    assert read(app, lambda uow: complaints.hotline(uow)) == {"own": "0994-6512345", "county": "0994-4512345转8"}
    with app.reader() as uow:
        (event,) = uow.audit.search(action="settings.hotline")
    assert event.actor == "管理员" and event.detail == {
        "before": {"own": "", "county": ""}, "after": {"own": "0994-6512345", "county": "0994-4512345转8"}}


@ON_FILE_ONLY
@pytest.mark.parametrize(("own", "county"), [
    ("举报电话", ""), ("0994-65l2345", ""), ("", "jubao@163.com"), ("--", ""), ("（）", "0994-4512345"),
])
def test_a_hotline_that_is_no_phone_number_is_refused_and_changes_nothing(
        app: bootstrap.App, own: str, county: str) -> None:
    run(app, complaints.set_hotline, ADMIN, "0994-6512345", "")
    error = refused(app, lambda uow: complaints.set_hotline(uow, ADMIN, own, county))
    assert error.key == "complaint.bad_hotline"
    assert read(app, lambda uow: complaints.hotline(uow))["own"] == "0994-6512345"


def test_only_the_admin_sets_the_hotline(app: bootstrap.App) -> None:
    for actor in (CLERK, REVIEWER, DISCIPLINE):
        refused(app, lambda uow, actor=actor: complaints.set_hotline(uow, actor, "0994-6512345", ""),
                PermissionDenied)


def test_the_audit_log_names_a_complaints_program_and_problem_by_code_and_number(app: bootstrap.App) -> None:
    p = run(app, ledger.register, CLERK, PROBLEM)
    c = _register(app)
    run(app, complaints.update, CLERK, c.number, {"problem": p.number})
    details = [loaded(d) for d in audit_details(app) if c.number in d]
    registered = next(d for d in details if "after" in d and "channel" in d["after"])
    assert registered["after"]["program"] == "MZ02" and "program_id" not in registered["after"]
    linked = next(d for d in details if d.get("after", {}).get("problem"))
    assert (linked["before"], linked["after"]) == ({"problem": None}, {"problem": p.number})
