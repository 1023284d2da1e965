"""The problem ledger (问题台账, SPEC §7): register, rectify, close, keep open, transfer clues, recover money.

A problem is registered (挂号) by hand, from findings (their amounts and persons carried
over, the findings keep a link and are never changed otherwise) or from a clue list.
Every change is a new version of the record and one audit event with before and after.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.checklist import ITEMS_BY_CODE, primary_item
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.ids import mask_id
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.permissions import Action, Role
from yikatong_desktop.domain.problems import MOVE_LABELS, STATE_LABELS, Facts, Kind, Move, State, guard, is_overdue
from yikatong_desktop.domain.rules import RULES_BY_CODE
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.evidence import EvidenceFile, attach, read_evidence
from yikatong_desktop.services.ledger_fields import LABELS, parse_day, parse_fields, receiver
from yikatong_desktop.services.ledger_moves import MoveOption, apply_move, options, refusal_text, today
from yikatong_desktop.storage import ledger_store as store
from yikatong_desktop.storage.findings_store import findings_free, uid_condition
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: Fields a clerk may change with `update` (state moves go through `move`).
EDITABLE = ("category", "description", "org", "department", "program", "persons", "amount", "responsible_unit",
            "responsible_person", "measures", "deadline", "outcome", "handled_persons", "came_forward", "repaid",
            "clue_source", "clue_ref")


@dataclass(frozen=True)
class Problem:
    """A problem of the ledger as people read it."""

    uid: str
    number: str
    source: str
    category: str
    description: str
    org_code: str | None
    org_name: str | None
    department: str | None
    program_code: str | None
    program_name: str | None
    persons: list[dict[str, Any]]
    amount_fen: int
    recovered_fen: int
    responsible_unit: str | None
    responsible_person: str | None
    measures: str
    deadline: date | None
    state: State
    registered_on: date
    registered_by: str
    applied_on: date | None
    closed_on: date | None
    closed_by: str | None
    reason: str | None
    outcome: str | None
    handled_persons: int
    came_forward: bool
    repaid: bool
    transfer_to: str | None
    transfer_on: date | None
    transfer_doc: str | None
    clue_source: str | None
    clue_ref: str | None
    evidence_count: int
    version: int

    @property
    def category_title(self) -> str:
        """The 整治内容 item's words."""
        return ITEMS_BY_CODE[self.category].title

    @property
    def state_label(self) -> str:
        """已挂号, 整改中, 申请销号 or 已销号."""
        return STATE_LABELS[Kind.PROBLEM][self.state]

    def overdue(self, day: date) -> bool:
        """Not closed and past its deadline on `day`."""
        return is_overdue(self.state, self.deadline, day)

    def persons_text(self, *, mask: bool = True) -> str:
        """“张三（652301********1233）、李四”: IDs masked unless asked otherwise."""
        return "、".join(p["name"] + (f"（{mask_id(p['id_number']) if mask else p['id_number']}）"
                                      if p.get("id_number") else "") for p in self.persons)

    def facts(self) -> Facts:
        """What the state machine's guards look at."""
        return Facts(Kind.PROBLEM, self.state, self.registered_by, self.measures, "", self.evidence_count)

    def as_json(self, day: date) -> dict[str, Any]:
        """The object `ykt problem list/show --json` prints."""
        out = {k: getattr(self, k) for k in (
            "uid", "number", "source", "category", "description", "org_code", "department", "program_code",
            "persons", "amount_fen", "recovered_fen", "responsible_unit", "responsible_person", "measures",
            "registered_by", "closed_by", "reason", "outcome", "handled_persons", "came_forward", "repaid",
            "transfer_to", "transfer_doc", "clue_source", "clue_ref", "evidence_count", "version")}
        for k in ("deadline", "registered_on", "applied_on", "closed_on", "transfer_on"):
            value = getattr(self, k)
            out[k] = value.isoformat() if value else None
        out.update(state=self.state.value, state_label=self.state_label, overdue=self.overdue(day),
                   kept_open=self.state is not State.CLOSED, org=self.org_name, program=self.program_name)
        return out


def _problem(r: Any) -> Problem:
    import json

    return Problem(
        uid=r.uid, number=r.number, source=r.source, category=r.category, description=r.description,
        org_code=r.org_code, org_name=r.org_name, department=r.department, program_code=r.program_code,
        program_name=r.program_name, persons=json.loads(r.persons), amount_fen=int(r.amount_fen),
        recovered_fen=int(r.recovered_fen), responsible_unit=r.responsible_unit,
        responsible_person=r.responsible_person, measures=r.measures or "", deadline=r.deadline, state=State(r.state),
        registered_on=r.registered_on, registered_by=r.registered_by, applied_on=r.applied_on, closed_on=r.closed_on,
        closed_by=r.closed_by, reason=r.reason, outcome=r.outcome, handled_persons=int(r.handled_persons),
        came_forward=bool(r.came_forward), repaid=bool(r.repaid), transfer_to=r.transfer_to,
        transfer_on=r.transfer_on, transfer_doc=r.transfer_doc, clue_source=r.clue_source, clue_ref=r.clue_ref,
        evidence_count=int(r.evidence_count), version=int(r.version))


def list_problems(uow: UnitOfWork, actor: Actor, *, states: Sequence[str] = (), categories: Sequence[str] = (),
                  program: str | None = None, org: str | None = None, overdue: bool = False,
                  kept_open: bool = False) -> list[Problem]:
    """Problems filtered by state (or 留号 / overdue), 整治内容 item, program and org (and below)."""
    authorize(actor, Action.VIEW)
    fields = parse_fields(uow, {"program": program, "org": org})
    program_code = None
    if fields.get("program_id") is not None:
        program_code = next(p.code for p in uow.records.programs() if p.id == fields["program_id"])
    for s in states:
        if s not in {x.value for x in State}:
            raise UsageError("ledger.bad_state", state=s, choices="、".join(x.value for x in State))
    chosen = list(states) or ([s.value for s in State if s is not State.CLOSED] if kept_open else [])
    rows = store.problems(uow.conn, states=chosen, categories=categories, program_code=program_code,
                          org_prefix=fields.get("org_code"), overdue_on=today(uow) if overdue else None)
    return [_problem(r) for r in rows]


def get_problem(uow: UnitOfWork, actor: Actor, ref: str) -> Problem:
    """A problem by its number (WT2019-0001) or the first characters of its uid."""
    authorize(actor, Action.VIEW)
    rows = store.problems(uow.conn, refs=[ref])
    if len(rows) != 1:
        raise InputRejected("ledger.unknown_problem" if not rows else "ledger.ambiguous", ref=ref)
    return _problem(rows[0])


def register(uow: UnitOfWork, actor: Actor, fields: Mapping[str, object], *, findings: Sequence[str] = (),
             evidence: Sequence[Path] = (), source: str | None = None) -> Problem:
    """挂号: a new problem from the fields given, carrying over what its findings (if any) say."""
    authorize(actor, Action.REGISTER)
    values = parse_fields(uow, fields)
    carried, found = _carried_over(uow, findings) if findings else ({}, [])
    for key, value in carried.items():
        if values.get(key) in (None, "", [], 0):
            values[key] = value
    for key in ("category", "description"):
        if not values.get(key):
            raise InputRejected("ledger.required", field=LABELS[key])
    files = [read_evidence(p) for p in evidence]  # every file checked before anything is written
    day = today(uow)
    uid = str(uuid.uuid4())
    number = store.next_number(uow.conn, "problems", f"WT{day.year}-", org_code(uow))
    values.setdefault("persons", [])
    values.update(number=number, source=source or ("findings" if findings else "manual"), state=State.REGISTERED,
                  registered_on=day, registered_by=actor.name)
    owner = org_code(uow)
    uow.records.add("problems", values, owner=owner, uid=uid)
    if found:
        # Only findings still free: another clerk may have registered one of them since it was read.
        linked = uow.records.change_where("findings", {"problem_uid": uid}, uid_condition([f.uid for f in found]),
                                          findings_free())
        if linked != len(found):
            raise InputRejected("ledger.finding_taken_meanwhile")
    problem = get_problem(uow, actor, uid)
    for f in files:
        _attach(uow, actor, problem, f, None)
    record_event(uow, actor, "problem.register", object_kind="problems", object_uid=uid,
                 detail={"number": number, "source": values["source"], "after": _shown(problem),
                         "findings": [f.uid for f in found], "evidence": [f.sha256 for f in files]})
    return get_problem(uow, actor, uid)


def _carried_over(uow: UnitOfWork, refs: Sequence[str]) -> tuple[dict[str, Any], list[Any]]:
    """What findings say about the problem they become: amount, persons, program, org, category."""
    from yikatong_desktop.services.findings import resolve_uids

    uids = [r.uid for r in resolve_uids(uow, refs)]
    found = store.findings_for_problem(uow.conn, uids)
    for f in found:
        if f.status == "dismissed":  # 已排除: found not to be a problem
            raise InputRejected("ledger.finding_dismissed", finding=f.uid[:8])
        if f.problem_uid:
            other = store.problems(uow.conn, uids=[f.problem_uid])
            raise InputRejected("ledger.finding_taken", finding=f.uid[:8],
                                number=other[0].number if other else f.problem_uid[:8])
    persons: dict[tuple[str, str | None], dict[str, Any]] = {}
    for f in found:
        if f.name or f.id_number:
            persons.setdefault((f.name or "", f.id_number), {"name": f.name or "", "id_number": f.id_number})
    items = {primary_item(RULES_BY_CODE[f.rule].item) for f in found}
    programs = {f.program_id for f in found if f.program_id is not None}
    departments = {f.department for f in found if f.department}
    orgs = sorted({f.org_code for f in found if f.org_code})
    rules = sorted({RULES_BY_CODE[f.rule].title for f in found})
    out: dict[str, Any] = {
        "amount_fen": sum(int(f.amount_fen) for f in found), "persons": list(persons.values()),
        "description": f"自查发现{len(found)}条疑点（{'、'.join(rules)}）："
                       + "；".join(f.explanation for f in found[:5]) + ("……" if len(found) > 5 else ""),
    }
    if len(items) == 1:
        out["category"] = items.pop()
    if len(programs) == 1:
        out["program_id"] = programs.pop()
    if len(departments) == 1:
        out["department"] = departments.pop()
    common = _common_org(uow, orgs)
    if common:
        out["org_code"] = common
    return out, found


def _common_org(uow: UnitOfWork, codes: Sequence[str]) -> str | None:
    """The narrowest org unit every code is in (codes nest by prefix)."""
    if not codes:
        return None
    prefix = codes[0]
    for code in codes[1:]:
        while not code.startswith(prefix):
            prefix = prefix[:-1]
    while prefix and uow.records.org_by_code(prefix) is None:
        prefix = prefix[:-1]
    return prefix or None


def _shown(p: Problem) -> dict[str, Any]:
    """A problem's fields for an audit event: IDs masked (SPEC §9)."""
    return {"category": p.category, "description": p.description, "org": p.org_code, "department": p.department,
            "program": p.program_code, "persons": p.persons_text(), "amount": format_yuan(p.amount_fen),
            "deadline": p.deadline, "state": p.state_label, "measures": p.measures,
            "responsible_unit": p.responsible_unit, "responsible_person": p.responsible_person, "outcome": p.outcome,
            "handled_persons": p.handled_persons, "came_forward": p.came_forward, "repaid": p.repaid,
            "clue_source": p.clue_source, "clue_ref": p.clue_ref}


def update(uow: UnitOfWork, actor: Actor, ref: str, fields: Mapping[str, object], *,
           expected_version: int | None = None) -> Problem:
    """Change a problem's fields (not its state); a closed problem is reopened by 回头看 first."""
    authorize(actor, Action.REGISTER)
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise UsageError("ledger.not_editable", fields="、".join(sorted(unknown)))
    before = get_problem(uow, actor, ref)
    if before.state is State.CLOSED:
        raise InputRejected("ledger.closed", number=before.number)
    values = parse_fields(uow, fields)
    if not values:
        return before
    for key in ("category", "description"):
        if key in values and not values[key]:
            raise InputRejected("ledger.required", field=LABELS[key])
    uow.records.change("problems", before.uid, values, expected_version=expected_version or before.version)
    after = get_problem(uow, actor, before.uid)
    old, new = _shown(before), _shown(after)
    changed = {k for k in new if new[k] != old[k]}
    record_event(uow, actor, "problem.update", object_kind="problems", object_uid=before.uid,
                 detail={"number": before.number, "before": {k: old[k] for k in changed},
                         "after": {k: new[k] for k in changed}})
    return after


def move(uow: UnitOfWork, actor: Actor, ref: str, step: Move, reason: str = "", *,
         expected_version: int | None = None) -> Problem:
    """Move a problem one step (开始整改, 申请销号, 销号, 退回, 回头看), or refuse saying why.

    销号 or 退回 of a problem another office registered (a township's, at the county) is this office's
    decision: kept as a record of its own that goes down in the next package, where the problem's
    owner applies it (SPEC §8: only the owner changes a record).
    """
    p = get_problem(uow, actor, ref)
    owner = str(uow.records.get("problems", p.uid).owner_org)  # type: ignore[union-attr]
    if owner != org_code(uow) and step in (Move.CLOSE, Move.RETURN):
        _decide(uow, actor, p, owner, step, reason)
        return get_problem(uow, actor, p.uid)
    apply_move(uow, actor, Kind.PROBLEM, p.facts(), uid=p.uid, number=p.number,
               version=expected_version or p.version, move=step, reason=reason, target=p)
    return get_problem(uow, actor, p.uid)


def _decide(uow: UnitOfWork, actor: Actor, p: Problem, owner: str, step: Move, reason: str) -> None:
    """Record this office's 销号/退回 decision about another office's problem (the same guards as the move)."""
    authorize(actor, Action.APPROVE, p)
    key = guard(p.facts(), step, actor=actor.name, reason=reason)
    if key is not None:
        raise InputRejected("ledger.refused", number=p.number,
                            why=refusal_text(key, Kind.PROBLEM, p.facts(), step))
    if store.pending_decision(uow.conn, p.uid, org_code(uow)):
        raise InputRejected("ledger.decided_already", number=p.number)
    row = uow.records.get("problems", p.uid)
    assert row is not None
    uow.records.add("decisions", {"problem_id": int(row.id), "decision": step.value, "reason": reason.strip(),
                                  "decided_on": today(uow), "decided_by": actor.name},
                    owner=org_code(uow), uid=str(uuid.uuid4()))
    record_event(uow, actor, "problem.decide", object_kind="problems", object_uid=p.uid,
                 detail={"number": p.number, "owner": owner, "decision": step.value, "reason": reason.strip() or None})


def apply_decision(uow: UnitOfWork, deciding_office: str, item: Mapping[str, Any]) -> str | None:
    """At the problem's owner: take a higher office's decision received in a package, if the problem still
    waits for it (申请销号); returns what was done, in words, or None when there was nothing to do."""
    row = uow.records.get("problems", str(item.get("problem")))
    if row is None or row.owner_org != org_code(uow) or row.voided or item.get("voided"):
        return None
    if row.state != State.APPLIED.value:
        return None  # taken before, or the problem moved on meanwhile: a decision applies once
    step = Move(str(item["decision"]))
    judge = Actor(f"{deciding_office}·{item['decided_by']}", Role.REVIEWER, single_user=False)
    p = get_problem(uow, judge, str(row.uid))
    apply_move(uow, judge, Kind.PROBLEM, p.facts(), uid=p.uid, number=p.number, version=p.version, move=step,
               reason=str(item.get("reason") or ""), target=p)
    return f"{deciding_office} 对 {p.number} 的决定“{MOVE_LABELS[Kind.PROBLEM][step]}”已执行"


def move_options(uow: UnitOfWork, actor: Actor, p: Problem) -> list[MoveOption]:
    """Every move with whether the actor may take it now and, if not, why."""
    return options(actor, Kind.PROBLEM, p.facts(), p)


def transfer(uow: UnitOfWork, actor: Actor, ref: str, to: str, on: object, document: str) -> Problem:
    """线索移交: the receiver (纪检监察机关/司法机关), the date and the document number."""
    authorize(actor, Action.REGISTER)
    p = get_problem(uow, actor, ref)
    if not document.strip():
        raise InputRejected("ledger.required", field="移交文号")
    changes = {"transfer_to": receiver(to), "transfer_on": parse_day(on, "transfer_on"),
               "transfer_doc": document.strip()}
    uow.records.change("problems", p.uid, changes, expected_version=p.version)
    record_event(uow, actor, "problem.transfer", object_kind="problems", object_uid=p.uid,
                 detail={"number": p.number, "before": {"transfer_to": p.transfer_to, "transfer_doc": p.transfer_doc},
                         "after": changes})
    return get_problem(uow, actor, p.uid)


def recover(uow: UnitOfWork, actor: Actor, ref: str, amount: object, on: object, receipt: str,
            note: str | None = None) -> Problem:
    """追回: a line of the 专账 (amount, date, receipt number)."""
    authorize(actor, Action.REGISTER)
    p = get_problem(uow, actor, ref)
    try:
        values = parse_fields(uow, {"amount": amount})
    except InputRejected as exc:  # named as the 专账 names it, not as the problem's 涉及金额
        raise InputRejected("ledger.bad_field", field=LABELS["recovered"], reason=exc.params["reason"]) from exc
    if values["amount_fen"] <= 0:
        raise InputRejected("ledger.bad_field", field=LABELS["recovered"], reason="应大于 0")
    if not receipt.strip():
        raise InputRejected("ledger.required", field="收据号")
    day = parse_day(on, "recovered_on")
    if day > today(uow):
        raise InputRejected("ledger.bad_field", field=LABELS["recovered_on"], reason="不能晚于今天")
    uid = str(uuid.uuid4())
    problem_id = int(uow.records.get("problems", p.uid).id)  # type: ignore[union-attr]
    uow.records.add("problem_recoveries", {"problem_id": problem_id, "amount_fen": values["amount_fen"],
                                           "recovered_on": day, "receipt": receipt.strip(),
                                           "note": (note or "").strip() or None}, owner=org_code(uow), uid=uid)
    after = get_problem(uow, actor, p.uid)
    record_event(uow, actor, "problem.recover", object_kind="problems", object_uid=p.uid,
                 detail={"number": p.number, "amount": format_yuan(values["amount_fen"]), "on": day,
                         "receipt": receipt.strip(), "before": {"recovered": format_yuan(p.recovered_fen)},
                         "after": {"recovered": format_yuan(after.recovered_fen)}})
    return after


def add_evidence(uow: UnitOfWork, actor: Actor, ref: str, path: Path, note: str | None = None) -> Problem:
    """Attach a file (photo, scan, PDF) to a problem: checked, hashed, stored in the database."""
    authorize(actor, Action.REGISTER)
    p = get_problem(uow, actor, ref)
    if p.state is State.CLOSED:
        raise InputRejected("ledger.closed", number=p.number)
    f = read_evidence(path)
    _attach(uow, actor, p, f, note)
    record_event(uow, actor, "problem.evidence", object_kind="problems", object_uid=p.uid,
                 detail={"number": p.number, "file": f.name, "sha256": f.sha256, "bytes": f.size})
    return get_problem(uow, actor, p.uid)


def _attach(uow: UnitOfWork, actor: Actor, p: Problem, f: EvidenceFile, note: str | None) -> None:
    attach(uow, actor, f, problem_id=int(uow.records.get("problems", p.uid).id), note=note)  # type: ignore[union-attr]


@dataclass(frozen=True)
class ProblemDetail:
    """A problem with its 专账 lines, evidence files, findings and history."""

    problem: Problem
    recoveries: list[Any]
    evidence: list[Any]
    findings: list[Any]
    history: list[Any]


def detail(uow: UnitOfWork, actor: Actor, ref: str) -> ProblemDetail:
    """Everything `problem show` and the ledger page's detail pane show."""
    p = get_problem(uow, actor, ref)
    row_id = int(uow.records.get("problems", p.uid).id)  # type: ignore[union-attr]
    history = uow.audit.search(object_ref=p.uid, limit=None)
    return ProblemDetail(p, store.recoveries(uow.conn, row_id), store.evidence(uow.conn, problem_id=row_id),
                         store.findings_of_problem(uow.conn, p.uid), list(reversed(history)))


def evidence_content(uow: UnitOfWork, actor: Actor, evidence_uid: str) -> tuple[str, bytes]:
    """An evidence file's name and bytes (to open or save a copy), checked against its hash."""
    import hashlib

    authorize(actor, Action.VIEW)
    row = uow.records.get("evidence_files", evidence_uid)
    content = None if row is None else store.blob(uow.conn, row.sha256)
    if row is None or content is None or hashlib.sha256(content).hexdigest() != row.sha256:
        raise InputRejected("evidence.lost", uid=evidence_uid[:8])
    return str(row.file_name), content
