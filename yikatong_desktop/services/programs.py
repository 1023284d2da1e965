"""The program catalogue as clerks keep it: list it, and merge a program an import created into a catalogue one.

SPEC §5: an unknown program name is a warning and becomes a new program (XZnn) that the
clerk merges into a catalogue program later. Merging moves every record naming it
(payments, standards, status and eligible lists, allocations) to the target as new
versions, adds its name to the target's synonyms so the next file matches at once,
and voids it. Payments that would collide with the target's on their natural key get
the next occurrence number: they are then two payments, which DUPLICATE_PAYMENT shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage.program_store import (
    PROGRAM_REFERENCES,
    payment_collisions,
    program_usage,
    references_to,
    standard_collisions,
)
from yikatong_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ProgramInfo:
    code: str
    name: str
    department: str
    synonyms: tuple[str, ...]
    in_scope: bool
    local: bool  # created by an import (XZnn), to be merged into a catalogue program
    payments: int


@dataclass(frozen=True)
class MergeResult:
    source: str
    target: str
    moved: dict[str, int]  # table → records moved
    renumbered: int  # payments given the next occurrence number


def list_programs(uow: UnitOfWork, actor: Actor) -> list[ProgramInfo]:
    """Every live program with how many live payments it has."""
    authorize(actor, Action.VIEW)
    usage = program_usage(uow.conn)
    return [ProgramInfo(r.code, r.name, r.department, tuple(json.loads(r.synonyms)), bool(r.in_scope),
                        r.code.startswith("XZ"), usage.get(r.id, 0)) for r in uow.records.programs()]


def _program(uow: UnitOfWork, text: str) -> Any:
    hits = uow.records.find_program(text.strip())
    if not hits:
        raise InputRejected("program.unknown", program=text)
    if len(hits) > 1:
        raise UsageError("program.ambiguous", program=text, choices="、".join(f"{h.code} {h.name}" for h in hits))
    return hits[0]


def merge_program(uow: UnitOfWork, actor: Actor, source: str, target: str, *, reason: str) -> MergeResult:
    """Merge `source` (code, name or synonym) into `target`; one audit event."""
    authorize(actor, Action.SETTINGS)
    if not reason.strip():
        raise UsageError("program.reason_needed")
    src, dst = _program(uow, source), _program(uow, target)
    if src.id == dst.id:
        raise UsageError("program.same", program=src.name)
    if not dst.in_scope:
        raise InputRejected("program.out_of_scope", program=dst.name)
    renumbered = _renumber_colliding_payments(uow, src.id, dst.id)
    for uid, version in standard_collisions(uow.conn, src.id, dst.id):
        # The target's own standard for that year and tier stands; the source's copy goes.
        uow.records.void("program_standards", uid, expected_version=version)
    moved: dict[str, int] = {}
    for kind, column in PROGRAM_REFERENCES:
        moved[kind] = uow.records.change_where(kind, {column: dst.id}, references_to(kind, column, src.id))
    moved["payments"] += renumbered
    synonyms = list(json.loads(dst.synonyms))
    for name in (src.name, *json.loads(src.synonyms)):
        if name not in synonyms and name != dst.name:
            synonyms.append(name)
    uow.records.change("programs", dst.uid, {"synonyms": synonyms}, expected_version=dst.version)
    uow.records.void("programs", src.uid, expected_version=src.version)
    result = MergeResult(f"{src.code} {src.name}", f"{dst.code} {dst.name}", moved, renumbered)
    record_event(uow, actor, "program.merge", object_kind="programs", object_uid=dst.uid,
                 detail={"source": src.code, "source_name": src.name, "target": dst.code, "reason": reason.strip(),
                         "moved": moved, "renumbered": renumbered})
    return result


def _renumber_colliding_payments(uow: UnitOfWork, source_id: int, target_id: int) -> int:
    """Source payments whose key the target holds move with the next free occurrence number."""
    taken: dict[tuple[Any, ...], int] = {}
    count = 0
    for row in payment_collisions(uow.conn, source_id, target_id):
        key = (row.person_id, row.period_label, row.paid_date)
        taken[key] = max(taken.get(key, 0), int(row.top)) + 1
        uow.records.change("payments", row.uid, {"program_id": target_id, "occurrence": taken[key]},
                           expected_version=row.version)
        count += 1
    return count
