"""Storing accepted roster rows: identities shared, payments keyed naturally, all in bulk (SPEC §5, §12).

Persons are identified by their ID number, accounts by bank and number, households by 户编号,
else 户主身份证号, else 村|组|户主姓名. A payment's natural key is person + program + period +
payment date (+ its occurrence in the file); a row matching a stored payment from another file
replaces it as a new version, an identical one changes nothing.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from yikatong_desktop.domain.ids import CitizenId
from yikatong_desktop.domain.names import name_key, pinyin_sort_key
from yikatong_desktop.domain.orgs import group_code
from yikatong_desktop.domain.roster_rows import RosterRow
from yikatong_desktop.storage import import_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork


def random_uid() -> str:
    """A random (version 4) UUID as text, like str(uuid.uuid4())."""
    return random_uids(1)[0]


def random_uids(count: int) -> list[str]:
    """`count` random UUIDs at a fraction of uuid4's cost: a roster of 100,000 rows takes 400,000 of
    them (household, person, account, payment); one read of the system's random source for all."""
    h = os.urandom(16 * count).hex()
    return [f"{h[i:i + 8]}-{h[i + 8:i + 12]}-4{h[i + 13:i + 16]}-{_VARIANT[int(h[i + 16], 16) & 3]}"
            f"{h[i + 17:i + 20]}-{h[i + 20:i + 32]}" for i in range(0, 32 * count, 32)]


_VARIANT = "89ab"  # RFC 4122: the two high bits of the 17th hex digit are 10


def uids(new_uid: Callable[[], str], count: int) -> list[str]:
    """`count` new uids from `new_uid`, all at once when they are random ones."""
    return random_uids(count) if new_uid is random_uid else [new_uid() for _ in range(count)]


_PAYMENT_FACTS = ("year", "period_start", "period_end", "quantity", "standard_fen", "due_fen", "paid_fen",
                  "due_date", "method", "account_id", "township_code", "village_code", "group_code",
                  "written_name", "written_sex", "written_holder_name", "written_holder_id", "remark")
_PAYMENT_KEY = ("person_id", "program_id", "period_label", "paid_date", "occurrence")
#: A payment as stored in bulk: natural key, facts, provenance (a new one gets its uid appended).
_PAYMENT_COLUMNS = (*_PAYMENT_KEY, *_PAYMENT_FACTS, "batch_id", "sheet", "excel_row")
_KEY_WIDTH, _FACTS_END = len(_PAYMENT_KEY), len(_PAYMENT_KEY) + len(_PAYMENT_FACTS)


class PersonFacts(Protocol):
    """What storing a person reads from a row: a roster row and a person entered by hand both have it."""

    @property
    def citizen(self) -> CitizenId: ...
    @property
    def name(self) -> str: ...
    @property
    def written_sex(self) -> str | None: ...
    @property
    def ethnicity(self) -> str | None: ...
    @property
    def phone(self) -> str | None: ...
    @property
    def township(self) -> str | None: ...
    @property
    def village(self) -> str | None: ...
    @property
    def group(self) -> int | None: ...
    @property
    def household_no(self) -> str | None: ...
    @property
    def head_name(self) -> str | None: ...
    @property
    def head_id(self) -> str | None: ...


@dataclass
class StoreCounts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    new_programs: list[str] = field(default_factory=list)
    kept: set[str] = field(default_factory=set)  # stored payments this file matched (unchanged or updated)
    added: list[str] = field(default_factory=list)  # uids of the new payments


def store_rows(uow: UnitOfWork, owner: str, rows: Sequence[tuple[RosterRow, str, int]], *, file_name: str,
               sha256: str, batch_uid: str, rows_total: int, rejected: int, actor: str,
               new_uid: Callable[[], str], kind: str = "roster") -> StoreCounts:
    """Write accepted rows (row, sheet, Excel row) and their batch; returns what changed.

    `kind` is the batch's: "roster" for a file, "manual" for a payment entered by hand.
    """
    counts = StoreCounts()
    rec = uow.records
    programs = _program_ids(uow, owner, {r.program_text for r, _, _ in rows}, counts, new_uid)
    places = Places(uow, owner, new_uid)
    batch_id = rec.add("import_batches", {
        "kind": kind, "file_name": file_name, "file_sha256": sha256,
        "program_code": None, "period_label": None, "rows_total": rows_total, "rows_accepted": len(rows),
        "rows_warned": sum(1 for r, _, _ in rows if r.warnings), "rows_rejected": rejected,
        "imported_at": uow.clock.now(), "actor": actor, "replaces_uid": None}, owner=owner, uid=batch_uid)
    located = [(r, places.locate(r)) for r, _, _ in rows]
    households = _households(uow, owner, located, new_uid)
    persons, known = _persons(uow, owner, located, households, new_uid)
    accounts = account_ids(uow, owner, {(r.bank or "", r.account) for r, _, _ in rows if r.account is not None},
                           new_uid)
    seen: Counter[tuple[int, int, str, Any]] = Counter()
    by_program: dict[int, list[tuple[Any, ...]]] = {}
    for (row, sheet, excel_row), (_same, place) in zip(rows, located, strict=True):
        person_id, program_id = persons[row.citizen.value], programs[row.program_text]
        key = (person_id, program_id, row.period.label, row.paid_date)
        seen[key] += 1
        account_id = None if row.account is None else accounts[(row.bank or "", row.account)]
        by_program.setdefault(program_id, []).append(
            (*key, seen[key], *_payment_facts(row, account_id, place), batch_id, sheet, excel_row))
    for program_id, items in by_program.items():
        _store_payments(uow, owner, program_id, items, counts, new_uid, known)
    return counts


def _payment_facts(row: RosterRow, account_id: int | None, place: tuple[Any, Any, Any]) -> tuple[Any, ...]:
    """A row's payment facts in _PAYMENT_FACTS order (the holder's name as written: no column, no fact)."""
    period = row.period
    return (period.year, period.start, period.end, row.quantity, row.standard_fen, row.due_fen, row.paid_fen,
            row.due_date, row.method, account_id, *place, row.name, row.written_sex, row.holder_name,
            row.holder_id, row.remark)


def _store_payments(uow: UnitOfWork, owner: str, program_id: int, items: list[tuple[Any, ...]],
                    counts: StoreCounts, new_uid: Callable[[], str], known: set[int]) -> None:
    """Insert, update or keep each payment by its natural key; only persons stored before can have one."""
    existing = store.existing_payments(uow.conn, [i[0] for i in items if i[0] in known], program_id)
    fresh = []
    for item in items:
        old = existing.get(item[:_KEY_WIDTH]) if existing else None
        if old is None:
            fresh.append(item)
        elif all(getattr(old, k) == v for k, v in zip(_PAYMENT_FACTS, item[_KEY_WIDTH:_FACTS_END], strict=True)):
            counts.unchanged += 1
            counts.kept.add(old.uid)
        else:
            counts.kept.add(old.uid)
            changes = dict(zip(_PAYMENT_COLUMNS[_KEY_WIDTH:], item[_KEY_WIDTH:], strict=True))
            uow.records.change("payments", old.uid, changes, expected_version=old.version)
            counts.updated += 1
    rows = _with_uids(fresh, new_uid)
    uow.records.add_rows("payments", (*_PAYMENT_COLUMNS, "uid"), rows, owner=owner)
    counts.inserted += len(rows)
    counts.added.extend(row[-1] for row in rows)


def _program_ids(uow: UnitOfWork, owner: str, texts: set[str], counts: StoreCounts,
                 new_uid: Callable[[], str]) -> dict[str, int]:
    """Catalogue programs by code, name or synonym; an unknown one becomes a new program to merge later."""
    ids = uow.records.program_ids()
    out: dict[str, int] = {}
    for text in sorted(texts):
        hits = uow.records.find_program(text)
        if hits:
            out[text] = ids[hits[0].code]
            continue
        code = f"XZ{len([c for c in ids if c.startswith('XZ')]) + 1:02d}"
        ids[code] = uow.records.add("programs", {
            "code": code, "name": text, "department": "未知部门", "basis": "person", "frequency": "as_needed",
            "unit": "元", "funding_levels": [], "synonyms": [], "card_required": True, "household_based": False,
            "min_age": None, "excludes_public_employees": False, "area": [], "grace_days": 30, "in_scope": True,
        }, owner=owner, uid=new_uid())
        out[text] = ids[code]
        counts.new_programs.append(f"{code} {text}")
    return out


def store_persons(uow: UnitOfWork, owner: str, rows: Sequence[PersonFacts],
                  new_uid: Callable[[], str]) -> dict[str, int]:
    """Persons without payments (entered by hand), stored as a roster's persons are: ID number → local id."""
    places = Places(uow, owner, new_uid)
    located = [(r, places.locate(r)) for r in rows]
    return _persons(uow, owner, located, _households(uow, owner, located, new_uid), new_uid)[0]


class Places:
    """Townships, villages and groups by name, created under the right parent with a local code."""

    def __init__(self, uow: UnitOfWork, owner: str, new_uid: Callable[[], str]) -> None:
        self.uow, self.owner, self.new_uid = uow, owner, new_uid
        self.level = str(uow.get_setting("org.level", "county"))
        self._children: dict[str, dict[str, str]] = {}
        self._located: dict[tuple[Any, Any, Any], tuple[str | None, str | None, str | None]] = {}

    def _child(self, parent: str, name: str, level: str, width: int) -> str:
        children = self._children.get(parent)
        if children is None:
            children = {n: c for c, n in store.org_children(self.uow.conn, parent)}
            self._children[parent] = children
        if name not in children:
            sequence = len(children) + 1
            code = f"{parent}{900 + sequence:0{width}d}"  # local codes from 901: clear of official ones
            self.uow.records.add("org_units", {"code": code, "name": name, "level": level, "parent_code": parent,
                                               "official_code": False}, owner=self.owner, uid=self.new_uid())
            children[name] = code
        return children[name]

    def locate(self, row: PersonFacts) -> tuple[str | None, str | None, str | None]:
        """(township, village, group) codes for a row's places."""
        names = (row.township, row.village, row.group)
        found = self._located.get(names)
        if found is None:
            found = self._located[names] = self._locate(row)
        return found

    def _locate(self, row: PersonFacts) -> tuple[str | None, str | None, str | None]:
        own = self.owner
        township = own if self.level == "township" else (
            self._child(own, row.township, "township", 3) if row.township and self.level == "county" else None)
        village = self._child(township, row.village, "village", 3) if township and row.village else None
        group = group_code(village, row.group) if village and row.group else None
        return township, village, group


def _household_key(row: PersonFacts, village: str | None, group: str | None) -> str | None:
    if row.household_no:
        return row.household_no
    if row.head_id:
        return f"id:{row.head_id}"
    if row.head_name and village:
        return f"{village}|{group or ''}|{row.head_name}"
    return None


_HOUSEHOLD_COLUMNS = ("hh_key", "hh_no", "head_name", "head_id_number", "village_code", "group_code")
_PERSON_COLUMNS = ("id_number", "id_valid", "id_problems", "name", "name_key", "pinyin", "sex", "ethnicity",
                   "birth_date", "household_id", "village_code", "group_code", "phone")


def _with_uids(rows: list[tuple[Any, ...]], new_uid: Callable[[], str]) -> list[tuple[Any, ...]]:
    return [(*row, uid) for row, uid in zip(rows, uids(new_uid, len(rows)), strict=True)]


def _households(uow: UnitOfWork, owner: str, located: Sequence[tuple[PersonFacts, tuple[Any, Any, Any]]],
                new_uid: Callable[[], str]) -> dict[str, int]:
    wanted: dict[str, tuple[Any, ...]] = {}
    for row, (_t, village, group) in located:
        key = _household_key(row, village, group)
        if key is not None and key not in wanted:
            wanted[key] = (key, row.household_no, row.head_name, row.head_id, village, group)
    found = store.ids_by_key(uow.conn, "households", "hh_key", wanted)
    new = _with_uids([v for k, v in wanted.items() if k not in found], new_uid)
    return {**found, **uow.records.add_rows_keyed("households", (*_HOUSEHOLD_COLUMNS, "uid"), new, owner=owner,
                                                  key="hh_key")}


def _persons(uow: UnitOfWork, owner: str, located: Sequence[tuple[PersonFacts, tuple[Any, Any, Any]]],
             households: dict[str, int], new_uid: Callable[[], str]) -> tuple[dict[str, int], set[int]]:
    """ID number → local id of the rows' persons, created when new; and the ids of those stored before."""
    wanted: dict[str, tuple[Any, ...]] = {}
    for row, (_t, village, group) in located:
        number = row.citizen.value
        if number in wanted:
            continue
        hh_key = _household_key(row, village, group)
        citizen = row.citizen
        wanted[number] = (
            number, citizen.valid, ",".join(citizen.problems), row.name, name_key(row.name),
            pinyin_sort_key(row.name), citizen.sex if citizen.valid else row.written_sex, row.ethnicity,
            citizen.birth_date, households.get(hh_key) if hh_key else None, village, group, row.phone)
    found = store.ids_by_key(uow.conn, "persons", "id_number", wanted)
    _complete_list_persons(uow, found, wanted)
    new = _with_uids([v for k, v in wanted.items() if k not in found], new_uid)
    added = uow.records.add_rows_keyed("persons", (*_PERSON_COLUMNS, "uid"), new, owner=owner, key="id_number")
    return {**found, **added}, set(found.values())


#: What a roster may fill in for a person first met on a list (SPEC §5: "later rosters meet them").
_FILLED_IN = ("name", "name_key", "pinyin", "sex", "ethnicity", "household_id", "village_code", "group_code", "phone")


def _complete_list_persons(uow: UnitOfWork, found: dict[str, int], wanted: dict[str, tuple[Any, ...]]) -> None:
    """Persons a list created (no name, or neither household nor village) get the roster's facts for
    what they lack, as a new version; nothing a roster stored before is overwritten."""
    for row in store.persons_lacking_roster_facts(uow.conn, found.values()):
        facts = dict(zip(_PERSON_COLUMNS, wanted[row.id_number], strict=True))
        changes = {k: facts[k] for k in _FILLED_IN if facts[k] not in (None, "") and getattr(row, k) in (None, "")}
        if changes:
            uow.records.change("persons", row.uid, changes, expected_version=row.version)


def account_ids(uow: UnitOfWork, owner: str, wanted: set[tuple[str, str]],
                new_uid: Callable[[], str]) -> dict[tuple[str, str], int]:
    """Accounts by (bank, number), created when new. A roster without a bank column names the card by
    number alone: it is the stored card with that number when there is exactly one, else a card of unknown bank."""
    stored = store.accounts_by_number(uow.conn, {number for _bank, number in wanted})
    found: dict[tuple[str, str], int] = {}
    for bank, number in wanted:
        cards = stored.get(number, {})
        if bank in cards:
            found[(bank, number)] = cards[bank]
        elif bank == "" and len(cards) == 1:
            found[(bank, number)] = next(iter(cards.values()))
        elif bank and set(cards) == {""}:
            found[(bank, number)] = cards[""]  # the same card, now with its bank named
    new = sorted(wanted - set(found))
    by_uid = uow.records.add_rows_keyed("bank_accounts", ("uid", "bank", "number"),
                                        [(u, *card) for u, card in zip(uids(new_uid, len(new)), new, strict=True)],
                                        owner=owner, key="uid")
    return {**found, **dict(zip(new, by_uid.values(), strict=True))}
