"""Complaints (举报, SPEC §7): received by 电话/来信/来访/网络/公示异议, followed up like problems.

The complainant's identity is shown only to the discipline role (纪检, SPEC §9); it never
enters an audit event, and whoever else reads a complaint sees that it is withheld.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.errors import InputRejected, PermissionDenied, UsageError
from yikatong_desktop.domain.ids import mask_id
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.problems import CHANNELS, STATE_LABELS, Facts, Kind, Move, State, is_overdue
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize, sees_complainants
from yikatong_desktop.services.evidence import attach, read_evidence
from yikatong_desktop.services.ledger import get_problem
from yikatong_desktop.services.ledger_fields import LABELS, parse_fields
from yikatong_desktop.services.ledger_moves import MoveOption, apply_move, options, today
from yikatong_desktop.storage import ledger_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork

WITHHELD = "（仅纪检人员可见）"
IDENTITY = {"complainant", "contact", "anonymous"}
EDITABLE = ("received_on", "channel", "anonymous", "complainant", "contact", "content", "concerned", "program", "org",
            "handling", "result", "deadline", "problem", "notice_ref")


@dataclass(frozen=True)
class Complaint:
    """A complaint as the reader may see it: the complainant withheld unless the reader is 纪检."""

    uid: str
    number: str
    received_on: date
    channel: str
    anonymous: bool
    complainant: str | None
    contact: str | None
    content: str
    concerned: str | None
    program_code: str | None
    program_name: str | None
    org_code: str | None
    org_name: str | None
    handling: str
    result: str
    deadline: date | None
    state: State
    registered_on: date
    registered_by: str
    closed_on: date | None
    closed_by: str | None
    reason: str | None
    problem_number: str | None
    notice_ref: str | None
    evidence_count: int
    version: int
    persons: tuple[dict[str, Any], ...] = ()  # {name, id_number} concerned (an objection to a 公示 names them)

    def persons_text(self) -> str:
        """The persons concerned with masked ID numbers."""
        return "、".join(f"{p['name']}（{mask_id(str(p['id_number']))}）" if p.get("id_number") else str(p["name"])
                        for p in self.persons)

    @property
    def state_label(self) -> str:
        """已登记, 办理中, 申请办结 or 已办结."""
        return STATE_LABELS[Kind.COMPLAINT][self.state]

    def overdue(self, day: date) -> bool:
        """Not closed and past its deadline."""
        return is_overdue(self.state, self.deadline, day)

    def facts(self) -> Facts:
        """What the state machine's guards look at."""
        return Facts(Kind.COMPLAINT, self.state, self.registered_by, self.handling, self.result, self.evidence_count)

    def as_json(self, day: date) -> dict[str, Any]:
        """The object `ykt complaint list/show --json` prints."""
        out = {k: getattr(self, k) for k in (
            "uid", "number", "channel", "anonymous", "complainant", "contact", "content", "concerned", "program_code",
            "org_code", "handling", "result", "registered_by", "closed_by", "reason", "problem_number", "notice_ref",
            "evidence_count", "version")}
        out["persons"] = [{"name": p["name"], "id_number": mask_id(str(p["id_number"])) if p.get("id_number") else None}
                          for p in self.persons]
        for k in ("received_on", "deadline", "registered_on", "closed_on"):
            value = getattr(self, k)
            out[k] = value.isoformat() if value else None
        out.update(state=self.state.value, state_label=self.state_label, overdue=self.overdue(day))
        return out


def _complaint(r: Any, reveal: bool) -> Complaint:
    hidden = None if r.anonymous else WITHHELD
    return Complaint(
        uid=r.uid, number=r.number, received_on=r.received_on, channel=r.channel, anonymous=bool(r.anonymous),
        complainant=(r.complainant if reveal else hidden) if r.complainant else None,
        contact=(r.contact if reveal else hidden) if r.contact else None, content=r.content, concerned=r.concerned,
        program_code=r.program_code, program_name=r.program_name, org_code=r.org_code, org_name=r.org_name,
        handling=r.handling or "", result=r.result or "", deadline=r.deadline, state=State(r.state),
        registered_on=r.registered_on, registered_by=r.registered_by, closed_on=r.closed_on, closed_by=r.closed_by,
        reason=r.reason, problem_number=r.problem_number, notice_ref=r.notice_ref,
        evidence_count=int(r.evidence_count), version=int(r.version),
        persons=tuple(json.loads(r.persons) if isinstance(r.persons, str) else (r.persons or ())))


def list_complaints(uow: UnitOfWork, actor: Actor, *, states: Sequence[str] = (), channels: Sequence[str] = (),
                    org: str | None = None) -> list[Complaint]:
    """Complaints filtered by state, channel and org."""
    authorize(actor, Action.VIEW)
    for s in states:
        if s not in {x.value for x in State}:
            raise UsageError("ledger.bad_state", state=s, choices="、".join(x.value for x in State))
    for c in channels:
        if c not in CHANNELS:
            raise UsageError("complaint.bad_channel", channel=c, choices="、".join(CHANNELS))
    code = parse_fields(uow, {"org": org}).get("org_code")
    reveal = sees_complainants(actor)
    return [_complaint(r, reveal) for r in store.complaints(uow.conn, states=states, channels=channels,
                                                             org_prefix=code)]


def get_complaint(uow: UnitOfWork, actor: Actor, ref: str) -> Complaint:
    """A complaint by its number (JB2019-0001) or the first characters of its uid."""
    authorize(actor, Action.VIEW)
    rows = store.complaints(uow.conn, refs=[ref])
    if len(rows) != 1:
        raise InputRejected("complaint.unknown" if not rows else "ledger.ambiguous", ref=ref)
    return _complaint(rows[0], sees_complainants(actor))


def _values(uow: UnitOfWork, actor: Actor, fields: Mapping[str, object]) -> dict[str, Any]:
    raw = dict(fields)
    problem_ref = raw.pop("problem", None)
    if "deadline" in raw:  # a complaint's deadline is its 办理期限 (the word in messages)
        raw["handling_deadline"] = raw.pop("deadline")
    values = parse_fields(uow, raw)
    if "handling_deadline" in values:
        values["deadline"] = values.pop("handling_deadline")
    if problem_ref is not None:
        values["problem_id"] = None
        if str(problem_ref).strip():
            p = get_problem(uow, actor, str(problem_ref))
            values["problem_id"] = int(uow.records.get("problems", p.uid).id)  # type: ignore[union-attr]
    for key in ("complainant", "contact"):
        if key in values and not values[key]:
            values[key] = None  # blank: nobody given
    if values.get("anonymous"):
        values.update(complainant=None, contact=None)
    elif "complainant" in values:
        values["anonymous"] = values["complainant"] is None  # named from now on, or no longer
    if "content" in values and not values["content"]:
        raise InputRejected("ledger.required", field=LABELS["content"])
    if values.get("received_on") is not None and values["received_on"] > today(uow):
        raise InputRejected("ledger.bad_field", field=LABELS["received_on"], reason="不能晚于今天")
    return values


def _audited(uow: UnitOfWork, values: Mapping[str, Any]) -> dict[str, Any]:
    """A complaint's fields for an audit event: never who complained (SPEC §9); the program by its code
    and the linked problem by its number, not by local keys."""
    out: dict[str, Any] = {}
    for k, v in values.items():
        if k in ("complainant", "contact"):
            out[k] = "（已隐去）" if v else v
        elif k == "program_id":
            out["program"] = next((p.code for p in uow.records.programs() if p.id == v), None)
        elif k == "problem_id":
            out["problem"] = None if v is None else store.problem_number(uow.conn, int(v))
        else:
            out[k] = v
    return out


def register(uow: UnitOfWork, actor: Actor, fields: Mapping[str, object], *,
             evidence: Sequence[Path] = ()) -> Complaint:
    """登记 a complaint: date, channel and content are required; the complainant may be anonymous."""
    authorize(actor, Action.REGISTER)
    values = _values(uow, actor, fields)
    if values.get("received_on") is None:  # not given, or left blank: received today
        values["received_on"] = today(uow)
    for key in ("channel", "content"):
        if not values.get(key):
            raise InputRejected("ledger.required", field=LABELS[key])
    files = [read_evidence(p) for p in evidence]
    uid = str(uuid.uuid4())
    number = store.next_number(uow.conn, "complaints", f"JB{today(uow).year}-", org_code(uow))
    values.update(number=number, state=State.REGISTERED, registered_on=today(uow), registered_by=actor.name,
                  anonymous=bool(values.get("anonymous")) or not values.get("complainant"))
    uow.records.add("complaints", values, owner=org_code(uow), uid=uid)
    row_id = int(uow.records.get("complaints", uid).id)  # type: ignore[union-attr]
    for f in files:
        attach(uow, actor, f, complaint_id=row_id)
    record_event(uow, actor, "complaint.register", object_kind="complaints", object_uid=uid,
                 detail={"number": number, "after": _audited(uow, {k: v for k, v in values.items() if k != "number"})})
    return get_complaint(uow, actor, uid)


def update(uow: UnitOfWork, actor: Actor, ref: str, fields: Mapping[str, object], *,
           expected_version: int | None = None) -> Complaint:
    """Change a complaint's fields (handling, result, link to a problem …); not its state.

    Who complained is kept by those who may see it (纪检), and by them alone: what one may not
    see, one may not overwrite.
    """
    identity = set(fields) & IDENTITY
    if identity and not sees_complainants(actor):
        raise PermissionDenied("complaint.identity_hidden")
    authorize(actor, Action.SEE_COMPLAINANTS if identity == set(fields) else Action.REGISTER)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise UsageError("ledger.not_editable", fields="、".join(sorted(unknown)))
    before = get_complaint(uow, actor, ref)
    if before.state is State.CLOSED:
        raise InputRejected("ledger.closed", number=before.number)
    values = _values(uow, actor, fields)
    if not values:
        return before
    if "received_on" in values and values["received_on"] is None:
        raise InputRejected("ledger.required", field=LABELS["received_on"])
    old = uow.records.get("complaints", before.uid)
    assert old is not None
    uow.records.change("complaints", before.uid, values, expected_version=expected_version or before.version)
    changed = {k: v for k, v in values.items() if getattr(old, k) != v}
    record_event(uow, actor, "complaint.update", object_kind="complaints", object_uid=before.uid,
                 detail={"number": before.number, "before": _audited(uow, {k: getattr(old, k) for k in changed}),
                         "after": _audited(uow, changed)})
    return get_complaint(uow, actor, before.uid)


def move(uow: UnitOfWork, actor: Actor, ref: str, step: Move, reason: str = "", *,
         expected_version: int | None = None) -> Complaint:
    """Move a complaint one step (开始办理, 申请办结, 办结, 退回, 回头看), or refuse saying why."""
    c = get_complaint(uow, actor, ref)
    apply_move(uow, actor, Kind.COMPLAINT, c.facts(), uid=c.uid, number=c.number,
               version=expected_version or c.version, move=step, reason=reason, target=c)
    return get_complaint(uow, actor, c.uid)


def move_options(uow: UnitOfWork, actor: Actor, c: Complaint) -> list[MoveOption]:
    """Every move with whether the actor may take it now and, if not, why."""
    return options(actor, Kind.COMPLAINT, c.facts(), c)


def add_evidence(uow: UnitOfWork, actor: Actor, ref: str, path: Path) -> Complaint:
    """Attach a file to a complaint (a letter's scan, a photo)."""
    authorize(actor, Action.REGISTER)
    c = get_complaint(uow, actor, ref)
    if c.state is State.CLOSED:
        raise InputRejected("ledger.closed", number=c.number)
    f = read_evidence(path)
    attach(uow, actor, f, complaint_id=int(uow.records.get("complaints", c.uid).id))  # type: ignore[union-attr]
    record_event(uow, actor, "complaint.evidence", object_kind="complaints", object_uid=c.uid,
                 detail={"number": c.number, "file": f.name, "sha256": f.sha256, "bytes": f.size})
    return get_complaint(uow, actor, c.uid)


def evidence_of(uow: UnitOfWork, actor: Actor, ref: str) -> list[Any]:
    """A complaint's evidence files."""
    c = get_complaint(uow, actor, ref)
    return store.evidence(uow.conn, complaint_id=int(uow.records.get("complaints", c.uid).id))  # type: ignore[union-attr]


def hotline(uow: UnitOfWork) -> dict[str, str]:
    """The 监督举报电话 of this office and of the county above (设置; printed on notices)."""
    stored = uow.get_setting("complaints.hotline", {})
    return {"own": str(stored.get("own", "")), "county": str(stored.get("county", ""))}


def set_hotline(uow: UnitOfWork, actor: Actor, own: str, county: str) -> None:
    """Keep the 举报电话 (office numbers, printed on 公示 lists); audited."""
    authorize(actor, Action.SETTINGS)
    before = hotline(uow)
    after = {"own": own.strip(), "county": county.strip()}
    for value in after.values():
        digits = sum(ch.isdigit() for ch in value)
        if value and (not digits or not all(ch.isdigit() or ch in "-— ()（）转" for ch in value)):
            raise InputRejected("complaint.bad_hotline", number=value)
    uow.set_setting("complaints.hotline", after)
    record_event(uow, actor, "settings.hotline", detail={"before": before, "after": after})
