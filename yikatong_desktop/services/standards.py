"""Standards the rosters show, proposed for the catalogue and confirmed by a clerk (SPEC §3, §6 OVER_STANDARD).

An import proposes every 补贴标准 it saw (per program and year, with the number of rows at
each amount) that the catalogue does not hold yet. A proposal is a `program_standards` record
with confirmed=False: checks use only confirmed standards, and a proposal waits for
`confirm_standards` (or `reject_standards`, which voids it; a rejected amount is not proposed
again). A program-year with one amount gets the plain tier ""; further amounts are told apart
by a tier named after the amount ("200.00元"), which the clerk can rename in 设置.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.roster_rows import RosterRow
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage import standards_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: The shortest uid prefix the CLI accepts for a standard.
MIN_PREFIX = 6


@dataclass(frozen=True)
class StandardProposal:
    """An amount a file showed for a program and year that the catalogue does not hold."""

    uid: str
    program_code: str
    program_name: str
    year: int
    tier: str
    amount_fen: int
    unit: str
    rows: int  # rows of the file at this amount
    new: bool  # proposed by this import (False: an earlier import proposed it already)


@dataclass(frozen=True)
class Standard:
    """A standard in the catalogue, or a proposal waiting for a clerk."""

    uid: str
    version: int
    program_code: str
    program_name: str
    year: int
    tier: str
    amount_fen: int
    unit: str
    confirmed: bool
    rows: int  # live payments stored at this amount for this program and year

    def describe(self) -> str:
        """“MZ02 高龄老人基本生活津贴 2018 年 100.00 元（元/人·月）”."""
        tier = f" {self.tier}" if self.tier else ""
        unit = f"（{self.unit}）" if self.unit else ""
        return f"{self.program_code} {self.program_name} {self.year} 年{tier} {format_yuan(self.amount_fen)} 元{unit}"


def propose_standards(uow: UnitOfWork, rows: Sequence[RosterRow], *,
                      new_uid: Callable[[], str]) -> list[StandardProposal]:
    """Store the standards `rows` show that the catalogue lacks as unconfirmed; returns them all.

    Called by the import in its own transaction (audited with the import's event).
    """
    seen = Counter((r.program_text, r.period.year, r.standard_fen) for r in rows if r.standard_fen is not None)
    programs: dict[str, Any] = {}
    for text in {text for text, _y, _a in seen}:
        hits = uow.records.find_program(text)
        if hits:
            programs[text] = hits[0]
    counts: Counter[tuple[int, int, int]] = Counter()
    for (text, year, amount), n in seen.items():
        if text in programs:
            counts[(programs[text].id, year, amount)] += n
    by_id = {p.id: p for p in programs.values()}
    stored = store.standards_of(uow.conn, by_id)
    taken = {(s.program_id, s.year, s.tier) for s in stored}
    known = {(s.program_id, s.year, s.amount_fen): s for s in stored}
    amounts_of = Counter((pid, year) for pid, year, _a in counts)
    fresh: list[dict[str, Any]] = []
    out: list[StandardProposal] = []
    for (pid, year, amount), n in sorted(counts.items()):
        program = by_id[pid]
        old = known.get((pid, year, amount))
        if old is not None and (old.confirmed or old.voided):
            continue  # in the catalogue already, or rejected by a clerk
        if old is None:
            tier = _tier(pid, year, amount, taken, alone=amounts_of[(pid, year)] == 1)
            taken.add((pid, year, tier))
            uid = new_uid()
            fresh.append({"uid": uid, "program_id": pid, "year": year, "tier": tier, "min_age": None,
                          "max_age": None, "amount_fen": amount, "unit": program.unit, "confirmed": False})
        else:
            uid, tier = old.uid, old.tier
        out.append(StandardProposal(uid, program.code, program.name, year, tier, amount, program.unit, n,
                                    old is None))
    if fresh:
        uow.records.add_many("program_standards", fresh, owner=org_code(uow))
    return out


def _tier(pid: int, year: int, amount: int, taken: set[tuple[int, int, str]], *, alone: bool) -> str:
    if alone and not any(p == pid and y == year for p, y, _t in taken):
        return ""
    base = f"{format_yuan(amount)}元"
    tier, n = base, 1
    while (pid, year, tier) in taken:
        n += 1
        tier = f"{base}({n})"
    return tier


def list_standards(uow: UnitOfWork, actor: Actor, *, pending: bool = False, program: str | None = None,
                   year: int | None = None) -> list[Standard]:
    """The catalogue's standards (with `pending`, only the proposals waiting for a clerk)."""
    authorize(actor, Action.VIEW)
    program_id = None if program is None else _program_id(uow, program)
    rows = store.list_standards(uow.conn, confirmed=False if pending else None, program_id=program_id, year=year)
    return [Standard(r.uid, r.version, r.program_code, r.program_name, r.year, r.tier, r.amount_fen, r.unit,
                     bool(r.confirmed), int(r.rows)) for r in rows]


def confirm_standards(uow: UnitOfWork, actor: Actor, refs: Iterable[str]) -> list[Standard]:
    """Confirm proposals into the catalogue (by uid, or a unique uid prefix of MIN_PREFIX+ characters).

    The clerk who imports confirms what the import proposed. Audited: one event naming each standard.
    """
    return _decide(uow, actor, refs, confirm=True)


def reject_standards(uow: UnitOfWork, actor: Actor, refs: Iterable[str]) -> list[Standard]:
    """Void proposals that are not standards (a typo in a roster); the amount is not proposed again."""
    return _decide(uow, actor, refs, confirm=False)


def _decide(uow: UnitOfWork, actor: Actor, refs: Iterable[str], *, confirm: bool) -> list[Standard]:
    authorize(actor, Action.IMPORT)
    pending = list_standards(uow, actor, pending=True)
    chosen = _resolve(pending, refs)
    for s in chosen:
        changes = {"confirmed": True} if confirm else {"voided": True}
        uow.records.change("program_standards", s.uid, changes, expected_version=s.version)
    chosen = [replace(s, confirmed=confirm) for s in chosen]  # as they are now
    if chosen:
        record_event(uow, actor, "standards.confirm" if confirm else "standards.reject",
                     object_kind="program_standards", object_uid=chosen[0].uid if len(chosen) == 1 else None,
                     detail={"standards": [{"uid": s.uid, "program": s.program_code, "year": s.year, "tier": s.tier,
                                            "amount_fen": s.amount_fen, "unit": s.unit} for s in chosen],
                             "before": {"confirmed": False}, "after": {"confirmed": True} if confirm else {
                                 "voided": True}})
    return chosen


def _resolve(pending: list[Standard], refs: Iterable[str]) -> list[Standard]:
    chosen: dict[str, Standard] = {}
    for ref in refs:
        text = ref.strip().lower()
        hits = [s for s in pending if s.uid == text or (len(text) >= MIN_PREFIX and s.uid.startswith(text))]
        if not hits:
            raise InputRejected("standards.unknown", ref=ref)
        if len(hits) > 1:
            raise UsageError("standards.ambiguous", ref=ref, candidates="、".join(s.uid[:12] for s in hits))
        chosen[hits[0].uid] = hits[0]
    return list(chosen.values())


def _program_id(uow: UnitOfWork, text: str) -> int:
    hits = uow.records.find_program(text.strip())
    if not hits:
        raise UsageError("import.unknown_program", program=text)
    return int(hits[0].id)
