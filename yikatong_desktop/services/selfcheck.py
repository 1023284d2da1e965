"""Self-check forms (自查表, SPEC §7): per org or department and program, the 底数 and the 15 items.

The 底数 is always computed from the data. Each item is pre-filled from the open and
confirmed findings of the rules that serve it (a rule serving several items counts under
its first) and from the ledger's problems of that category not made from findings. The
items a clerk edits are saved per scope and program and win over the pre-fill from then
on; the items nobody touched keep following the findings and problems.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from yikatong_desktop.domain.checklist import ITEMS, ITEMS_BY_CODE, primary_item
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.money import parse_money
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.rules import RULES_BY_CODE
from yikatong_desktop.domain.values_errors import ValueRejected
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.basics import ProgramBasics, basics
from yikatong_desktop.services.ledger_fields import org_code as find_org
from yikatong_desktop.services.ledger_fields import program_id as find_program
from yikatong_desktop.storage import selfcheck_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork

FOUND, NONE_FOUND = "有问题", "无问题"


@dataclass(frozen=True)
class Answer:
    """One 整治内容 item answered: 无问题, or 有问题 with a count, an amount and measures."""

    code: str
    title: str
    has_problem: bool
    count: int
    amount_fen: int
    measures: str

    def as_json(self) -> dict[str, Any]:
        """As saved and as `--json` prints it."""
        return {"answer": FOUND if self.has_problem else NONE_FOUND, "count": self.count,
                "amount_fen": self.amount_fen, "measures": self.measures}


@dataclass(frozen=True)
class Form:
    """The 自查表 of one scope (an org, or a department) and one program."""

    scope_kind: str  # org | department
    scope: str
    scope_name: str
    program_code: str
    program_name: str
    department: str
    basics: ProgramBasics | None
    answers: list[Answer]
    saved_by: str | None
    version: int | None

    def as_json(self) -> dict[str, Any]:
        """The object `ykt selfcheck --json` prints."""
        b = self.basics
        return {"scope": self.scope, "scope_kind": self.scope_kind, "scope_name": self.scope_name,
                "program": self.program_code, "program_name": self.program_name, "department": self.department,
                "basics": None if b is None else {"persons": b.figures.persons, "households": b.figures.households,
                                                   "payments": b.figures.payments, "paid_fen": b.figures.paid_fen,
                                                   "accounts": b.figures.accounts, "banks": [x.bank for x in b.banks],
                                                   "by_year": {str(y): f.paid_fen for y, f in b.by_year.items()},
                                                   "methods": {m: v[1] for m, v in b.figures.methods.items()}},
                "items": {a.code: a.as_json() for a in self.answers}, "saved_by": self.saved_by}


@dataclass(frozen=True)
class Scope:
    kind: str
    key: str
    name: str
    org_prefix: str | None


def scope(uow: UnitOfWork, *, org: str | None = None, department: str | None = None) -> Scope:
    """An org (this installation's when neither is given) or a department."""
    if department:
        return Scope("department", department.strip(), department.strip(), None)
    code = find_org(uow, org.strip()) if org else org_code(uow)
    row = uow.records.org_by_code(code)
    # This installation's own form covers everything it holds (a problem registered without an org too).
    own = code == org_code(uow)
    return Scope("org", code, str(row.name) if row is not None else code, None if own else code)


def programs_for(uow: UnitOfWork, actor: Actor, where: Scope) -> list[str]:
    """The programs a form is due for: a department's own, or those the org paid."""
    authorize(actor, Action.VIEW)
    if where.kind == "department":
        return [p.code for p in uow.records.programs() if p.department == where.key and p.in_scope]
    return list(_figures(uow, actor, where))


def _figures(uow: UnitOfWork, actor: Actor, where: Scope) -> dict[str, ProgramBasics]:
    """The 底数 of every program paid in the scope, in one pass over the payments."""
    return {p.code: p for p in basics(uow, actor, org=where.org_prefix, detail=False).programs}


def form(uow: UnitOfWork, actor: Actor, program: str, where: Scope,
         figures: Mapping[str, ProgramBasics] | None = None) -> Form:
    """The form of a program: the 底数 from the data (`figures`, when the caller has them for every
    program already), answers saved or pre-filled."""
    authorize(actor, Action.VIEW)
    pid = find_program(uow, program)
    prog = next(p for p in uow.records.programs() if p.id == pid)
    mine = (figures if figures is not None else _figures(uow, actor, where)).get(prog.code)
    saved = store.saved(uow.conn, where.kind, where.key, pid)
    answers = _prefill(uow, pid, where.org_prefix)
    if saved is not None:
        stored = json.loads(saved.answers)
        answers = [_answer(a.code, stored[a.code]) if a.code in stored else a for a in answers]
    return Form(where.kind, where.key, where.name, prog.code, prog.name, prog.department, mine, answers,
                None if saved is None else saved.saved_by, None if saved is None else int(saved.version))


def unassigned(uow: UnitOfWork, actor: Actor, where: Scope) -> list[Answer] | None:
    """The items of findings and problems that belong to no single program (一人多卡, 代理银行过多, 村干部
    近亲属…): the summary counts them too. None for a department, whose forms are its programs'."""
    authorize(actor, Action.VIEW)
    return None if where.kind == "department" else _prefill(uow, None, where.org_prefix)


def _prefill(uow: UnitOfWork, program_id: int | None, org_prefix: str | None) -> list[Answer]:
    count = dict.fromkeys(ITEMS_BY_CODE, 0)
    fen = dict.fromkeys(ITEMS_BY_CODE, 0)
    measures: dict[str, list[str]] = {code: [] for code in ITEMS_BY_CODE}
    for r in store.finding_counts(uow.conn, program_id, org_prefix):
        code = primary_item(RULES_BY_CODE[r.rule].item)
        count[code] += int(r.n)
        fen[code] += int(r.fen)
    for p in store.problems_of(uow.conn, program_id, org_prefix):
        if p.source != "findings":  # findings made into a problem are counted once, as findings
            count[p.category] += 1
            fen[p.category] += int(p.amount_fen)
        if p.measures and p.measures not in measures[p.category]:
            measures[p.category].append(p.measures)
    return [Answer(i.code, i.title, count[i.code] > 0, count[i.code], fen[i.code], "；".join(measures[i.code])[:500])
            for i in ITEMS]


def _answer(code: str, data: Mapping[str, Any]) -> Answer:
    return Answer(code, ITEMS_BY_CODE[code].title, data["answer"] == FOUND, int(data["count"]),
                  int(data["amount_fen"]), str(data.get("measures", "")))


def save(uow: UnitOfWork, actor: Actor, program: str, where: Scope, edits: Mapping[str, Mapping[str, object]]) -> Form:
    """Save a clerk's answers (item code → answer, count, amount in 元, measures); audited before/after."""
    authorize(actor, Action.REGISTER)
    before = form(uow, actor, program, where, figures={})  # the answers only: no pass over the payments
    current = {a.code: a.as_json() for a in before.answers}
    for code, edit in edits.items():
        if code not in ITEMS_BY_CODE:
            raise InputRejected("selfcheck.unknown_item", code=code)
        current[code] = _checked(code, {**current[code], **edit})
    pid = find_program(uow, program)
    saved = store.saved(uow.conn, where.kind, where.key, pid)
    kept = {**(json.loads(saved.answers) if saved is not None else {}), **{c: current[c] for c in edits}}
    if saved is None:
        uow.records.add("selfcheck_forms", {"scope_kind": where.kind, "scope": where.key, "program_id": pid,
                                            "answers": kept, "saved_by": actor.name},
                        owner=org_code(uow), uid=str(uuid.uuid4()))
    else:
        uow.records.change("selfcheck_forms", saved.uid, {"answers": kept, "saved_by": actor.name},
                           expected_version=int(saved.version))
    old = {a.code: a.as_json() for a in before.answers}
    changed = sorted(c for c in current if current[c] != old[c])
    record_event(uow, actor, "selfcheck.save", object_kind="selfcheck_forms",
                 detail={"scope": where.key, "program": before.program_code,
                         "before": {c: old[c] for c in changed}, "after": {c: current[c] for c in changed}})
    return form(uow, actor, program, where)


def _checked(code: str, data: Mapping[str, object]) -> dict[str, Any]:
    answer = str(data.get("answer", "")).strip()
    if answer not in (FOUND, NONE_FOUND):
        raise InputRejected("selfcheck.bad_answer", code=code, answer=answer)
    try:
        count = int(str(data.get("count", 0)).strip() or 0)
    except ValueError as exc:
        raise InputRejected("selfcheck.bad_count", code=code, count=data.get("count")) from exc
    # An edit's "amount" (元 text) wins over the "amount_fen" the saved or pre-filled answer carries.
    raw = data.get("amount_fen")
    try:
        fen = parse_money(data["amount"] or "0") if "amount" in data else int(raw) if isinstance(raw, int) else 0
    except ValueRejected as exc:
        raise InputRejected("selfcheck.bad_amount", code=code, reason=exc.message_zh) from exc
    if count < 0 or fen < 0:
        raise InputRejected("selfcheck.bad_count", code=code, count=count)
    if answer == NONE_FOUND:
        count, fen = 0, 0
    elif count == 0:
        raise InputRejected("selfcheck.count_needed", code=code)
    return {"answer": answer, "count": count, "amount_fen": fen, "measures": str(data.get("measures", "")).strip()}


def forms(uow: UnitOfWork, actor: Actor, where: Scope, programs: Sequence[str] | None = None) -> list[Form]:
    """The forms of the given programs, or of every program due in the scope."""
    figures = _figures(uow, actor, where)
    chosen = list(programs) if programs else (list(figures) if where.kind == "org" else
                                              programs_for(uow, actor, where))
    if not chosen:
        raise InputRejected("selfcheck.no_programs", scope=where.name)
    return [form(uow, actor, p, where, figures) for p in chosen]
