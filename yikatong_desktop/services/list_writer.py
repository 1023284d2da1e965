"""Storing accepted rows of the other lists (SPEC §5): persons met first here are kept, keys are natural.

Each kind has a natural key; a row matching a live record from another file with
different facts becomes a new version of it, an identical one changes nothing.
Rows of one file sharing a key are each their own record (the occurrence number
is part of the key), as for payments. Bank-return lines are matched to the
payments they answer by account, payee name and amount.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from yikatong_desktop.domain.list_rows import (
    AllocationRow,
    BankReturnRow,
    CadreRow,
    EligibleRow,
    FieldCheckRow,
    ListRow,
    PersonCells,
    StaffRow,
    StatusRow,
)
from yikatong_desktop.domain.lists import ListKind
from yikatong_desktop.domain.names import name_key, pinyin_sort_key
from yikatong_desktop.storage import import_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: Per kind: its table, the natural key and the facts compared to tell an update from no change.
TABLES: dict[ListKind, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    ListKind.STATUS: ("person_statuses", ("person_id", "status", "program_id"),
                      ("reason", "status_date", "deregistered_date", "written_name")),
    ListKind.STAFF: ("public_employees", ("person_id",), ("employer", "category", "written_name")),
    ListKind.CADRES: ("cadres", ("person_id", "cadre_person_id"),
                      ("position", "relation", "cadre_name", "written_name")),
    ListKind.ELIGIBLE: ("eligible_entries", ("person_id", "program_id", "from_label"),
                        ("from_start", "until_label", "until_end", "written_name")),
    ListKind.ALLOCATIONS: ("fund_allocations", ("program_id", "unit", "period_label", "arrived_date", "occurrence"),
                           ("org_code", "period_start", "period_end", "amount_fen", "note")),
    ListKind.BANK_RETURN: ("bank_returns",
                           ("account_number", "amount_fen", "credited_date", "succeeded", "occurrence"),
                           ("account_id", "holder_name", "failure_reason", "fee_fen", "memo", "payment_id")),
    ListKind.FIELD_CHECKS: ("field_checks", ("person_id", "check_date", "occurrence"),
                            ("inspector", "card_in_hand", "card_holder", "note", "written_name")),
}


@dataclass
class Accepted:
    """An accepted row with where it came from."""

    row: ListRow
    sheet: str
    excel_row: int


@dataclass
class ListCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    persons_new: int = 0
    kept: set[str] = field(default_factory=set)  # live records this file matched
    matched: int = 0  # bank returns matched to a payment
    unmatched: list[Accepted] = field(default_factory=list)


@dataclass
class ListBatch:
    """What the batch record says about the file."""

    kind: ListKind
    file_name: str
    sha256: str
    uid: str
    rows_total: int
    rejected: int
    actor: str
    program_code: str | None = None
    period_label: str | None = None


def store_list(uow: UnitOfWork, owner: str, batch: ListBatch, accepted: Sequence[Accepted],
               programs: dict[str, int], new_uid: Callable[[], str]) -> ListCounts:
    """Write a list's accepted rows and its batch; `programs` maps the rows' program texts to local ids."""
    counts = ListCounts()
    batch_id = uow.records.add("import_batches", {
        "kind": batch.kind.value, "file_name": batch.file_name, "file_sha256": batch.sha256,
        "program_code": batch.program_code, "period_label": batch.period_label, "rows_total": batch.rows_total,
        "rows_accepted": len(accepted), "rows_warned": sum(1 for a in accepted if a.row.warnings),
        "rows_rejected": batch.rejected, "imported_at": uow.clock.now(), "actor": batch.actor,
        "replaces_uid": None}, owner=owner, uid=batch.uid)
    persons = _persons(uow, owner, accepted, counts, new_uid)
    items = [{**_values(a.row, persons, programs, owner), "batch_id": batch_id, "sheet": a.sheet,
              "excel_row": a.excel_row} for a in accepted]
    table, key, facts = TABLES[batch.kind]
    if batch.kind is ListKind.BANK_RETURN:
        _match_returns(uow, accepted, items, counts)
    if batch.kind is ListKind.ALLOCATIONS:
        _allocation_orgs(uow, owner, items)
    if "occurrence" in key:
        seen: Counter[tuple[Any, ...]] = Counter()
        for item in items:
            bare = tuple(item[k] for k in key if k != "occurrence")
            seen[bare] += 1
            item["occurrence"] = seen[bare]
    _upsert(uow, owner, table, key, facts, items, counts, new_uid)
    return counts


def _people(row: ListRow) -> list[PersonCells]:
    if isinstance(row, AllocationRow | BankReturnRow):
        return []
    found = [row.person]
    if isinstance(row, CadreRow) and row.cadre_id is not None:
        from yikatong_desktop.domain.ids import normalize_id

        found.append(PersonCells(normalize_id(row.cadre_id), row.cadre_name, None))
    return found


def _persons(uow: UnitOfWork, owner: str, accepted: Sequence[Accepted], counts: ListCounts,
             new_uid: Callable[[], str]) -> dict[str, int]:
    """Local ids of the persons the rows name; those on no roster yet are created (SPEC §5: kept)."""
    wanted: dict[str, PersonCells] = {}
    for a in accepted:
        for person in _people(a.row):
            known = wanted.get(person.citizen.value)
            if known is None or (known.name is None and person.name is not None):
                wanted[person.citizen.value] = person
    found = store.ids_by_key(uow.conn, "persons", "id_number", wanted)
    new = []
    for number, person in wanted.items():
        if number in found:
            continue
        citizen, name = person.citizen, person.name or ""
        new.append({
            "uid": new_uid(), "id_number": number, "id_valid": citizen.valid,
            "id_problems": ",".join(citizen.problems), "name": name, "name_key": name_key(name),
            "pinyin": pinyin_sort_key(name), "sex": citizen.sex if citizen.valid else person.sex,
            "ethnicity": None, "birth_date": citizen.birth_date, "household_id": None, "village_code": None,
            "group_code": None, "phone": None})
    counts.persons_new = len(new)
    return {**found, **uow.records.add_many_keyed("persons", new, owner=owner, key="id_number")}


def _values(row: ListRow, persons: dict[str, int], programs: dict[str, int], owner: str) -> dict[str, Any]:
    """The record a row becomes (without provenance and occurrence)."""
    def who(person: PersonCells) -> dict[str, Any]:
        return {"person_id": persons[person.citizen.value], "written_name": person.name}

    match row:
        case StatusRow():
            return {**who(row.person), "status": row.status, "reason": row.reason, "status_date": row.status_date,
                    "deregistered_date": row.deregistered_date,
                    "program_id": None if row.program_text is None else programs[row.program_text]}
        case StaffRow():
            return {**who(row.person), "employer": row.employer, "category": row.category}
        case CadreRow():
            return {**who(row.person), "position": row.position, "relation": row.relation,
                    "cadre_person_id": None if row.cadre_id is None else persons[row.cadre_id],
                    "cadre_name": row.cadre_name}
        case EligibleRow():
            until = row.until_period
            return {**who(row.person), "program_id": programs[row.program_text], "from_label": row.from_period.label,
                    "from_start": row.from_period.start, "until_label": None if until is None else until.label,
                    "until_end": None if until is None else until.end}
        case AllocationRow():
            return {"program_id": programs[row.program_text], "unit": row.unit or "", "org_code": None,
                    "period_label": row.period.label, "period_start": row.period.start,
                    "period_end": row.period.end, "amount_fen": row.amount_fen, "arrived_date": row.arrived_date,
                    "note": row.note}
        case BankReturnRow():
            return {"account_number": row.account, "account_id": None, "holder_name": row.holder_name,
                    "amount_fen": row.amount_fen, "succeeded": row.succeeded, "failure_reason": row.failure_reason,
                    "credited_date": row.credited_date, "fee_fen": row.fee_fen, "memo": row.memo,
                    "payment_id": None}
        case FieldCheckRow():
            return {**who(row.person), "check_date": row.check_date, "inspector": row.inspector,
                    "card_in_hand": row.card_in_hand, "card_holder": row.card_holder, "note": row.note}
    raise AssertionError(type(row))


def _match_returns(uow: UnitOfWork, accepted: Sequence[Accepted], items: list[dict[str, Any]],
                   counts: ListCounts) -> None:
    """Each return line answers one payment to its account: the payee's name first, then the payment
    nearest the line's 入账日期 (the file's usual date for a failed line, which has none), then the
    amount, then the latest period. A payment answers one line at most: not one of this file already,
    nor one a return line of another file answers (unless it is this very line again)."""
    numbers = {i["account_number"] for i in items}
    candidates: dict[str, list[Any]] = {}
    for p in store.payments_on_accounts(uow.conn, numbers):
        candidates.setdefault(p.account_number, []).append(p)
    answered = store.answered_payments(uow.conn, [p.id for ps in candidates.values() for p in ps])
    cards = store.accounts_by_number(uow.conn, numbers)
    dates = Counter(a.row.credited_date for a in accepted
                    if isinstance(a.row, BankReturnRow) and a.row.credited_date is not None)
    usual = dates.most_common(1)[0][0] if dates else None
    taken: set[int] = set()
    for a, item in zip(accepted, items, strict=True):
        row = a.row
        assert isinstance(row, BankReturnRow)
        line = (row.account, row.amount_fen, row.credited_date, row.succeeded)
        pool = [p for p in candidates.get(row.account, [])
                if p.id not in taken and answered.get(p.id, line) == line]
        banks = cards.get(row.account, {})
        if len(banks) == 1:
            item["account_id"] = next(iter(banks.values()))
        wanted_name = None if row.holder_name is None else name_key(row.holder_name)
        when = row.credited_date or usual

        def score(p: Any, wanted: str | None = wanted_name, amount: int = row.amount_fen,
                  day: Any = when) -> tuple[Any, ...]:
            paid = p.paid_fen if p.paid_fen is not None else p.due_fen
            near = -abs((day - p.paid_date).days) if day is not None and p.paid_date is not None else 0
            return (wanted is not None and p.name_key == wanted, near, paid == amount, p.period_start, p.id)

        if not pool:
            counts.unmatched.append(a)
            continue
        best = max(pool, key=score)
        if wanted_name is not None and best.name_key != wanted_name and any(
                p.name_key == wanted_name for p in candidates.get(row.account, [])):
            counts.unmatched.append(a)  # this payee's payment was answered by an earlier line
            continue
        taken.add(best.id)
        item["payment_id"], item["account_id"] = best.id, best.account_id
        counts.matched += 1


def _allocation_orgs(uow: UnitOfWork, owner: str, items: list[dict[str, Any]]) -> None:
    """The org an allocation went to: the importing org when no unit is written, else the one org so named."""
    known: dict[str, str | None] = {"": owner}
    for item in items:
        unit = item["unit"]
        if unit not in known:
            by_code = uow.records.org_by_code(unit)
            named = [by_code] if by_code is not None and not by_code.voided else uow.records.orgs_named(unit)
            known[unit] = named[0].code if len(named) == 1 else None
        item["org_code"] = known[unit]


def _upsert(uow: UnitOfWork, owner: str, table: str, key: tuple[str, ...], facts: tuple[str, ...],
            items: list[dict[str, Any]], counts: ListCounts, new_uid: Callable[[], str]) -> None:
    existing = store.live_by_key(uow.conn, table, key, (i[key[0]] for i in items))
    fresh = []
    for item in items:
        old = existing.get(tuple(item[k] for k in key))
        if old is None:
            fresh.append({**item, "uid": new_uid()})
        elif all(getattr(old, f) == item[f] for f in facts):
            counts.unchanged += 1
            counts.kept.add(old.uid)
        else:
            counts.kept.add(old.uid)
            changes = {f: item[f] for f in (*facts, "batch_id", "sheet", "excel_row")}
            uow.records.change(table, old.uid, changes, expected_version=old.version)
            counts.updated += 1
    uow.records.add_many(table, fresh, owner=owner)
    counts.inserted += len(fresh)
