"""Persons and payments entered by hand, through the same checks and the same storing as an import (SPEC §5).

A payment typed in is a roster row: `parse_roster_row` reads it (same rejections, same ID policy — an ID
failing its checksum is stored as written and marked invalid; an empty or Excel-damaged one is refused)
and `store_rows` stores it as the one row of a batch of kind "manual". Stricter than a file in one
way: an unknown program is refused instead of becoming a new one, since a form offers the catalogue.
One audit event per entry, with the ID and account masked.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from yikatong_desktop.domain.accounts import mask_account
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.headers import TEMPLATE, Field
from yikatong_desktop.domain.ids import mask_id, normalize_id
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.roster_rows import RosterRow, RowRejected, parse_person_row, parse_roster_row
from yikatong_desktop.domain.values_errors import ValueRejected
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.import_writer import store_persons, store_rows
from yikatong_desktop.services.imports import is_out_of_scope
from yikatong_desktop.services.queries import person_detail
from yikatong_desktop.services.record_fields import by_field, reason_text, refused
from yikatong_desktop.storage.record_lookup import person_by_id_number
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: A payment by hand may fill every template column but 序号 and 县(市).
PAYMENT_COLUMNS = tuple(f for f, _t in TEMPLATE if f not in (Field.SEQ, Field.COUNTY))
#: A person without payment: the person's own columns and household.
PERSON_COLUMNS = (Field.ID_NUMBER, Field.NAME, Field.SEX, Field.ETHNICITY, Field.PHONE, Field.TOWNSHIP,
                  Field.VILLAGE, Field.GROUP, Field.HOUSEHOLD_NO, Field.HEAD_NAME, Field.HEAD_ID)
MANUAL_SOURCE = "手工录入"

NewUid = Callable[[], str]


@dataclass
class Entered:
    """What an entry by hand stored."""

    person_uid: str
    person_created: bool
    payment_uid: str | None = None
    warnings: list[str] = field(default_factory=list)


def add_payment_by_hand(uow: UnitOfWork, actor: Actor, values: Mapping[str | Field, object], *, reason: str,
                        new_uid: NewUid = lambda: str(uuid.uuid4())) -> Entered:
    """Store one payment typed in (template titles or fields → text); creates the person if new.

    Refused, storing nothing, when a value fails the import's checks, when the program is not in
    the catalogue or out of scope, or when the person already has this payment (correct it instead).
    """
    authorize(actor, Action.CORRECT)
    why = reason_text(reason, "manual.reason_needed")
    cells = by_field(values, PAYMENT_COLUMNS, unknown_key="manual.unknown_field")
    try:
        row = parse_roster_row(cells)
    except RowRejected as exc:
        raise refused(exc) from exc
    _check_program(uow, row)
    _check_places(uow, row.village, row.township)
    person = person_by_id_number(uow.conn, row.citizen.value)
    if person is not None and person.voided:
        _revive(uow, person)
    batch_uid = new_uid()
    counts = store_rows(uow, org_code(uow), [(row, MANUAL_SOURCE, 1)], file_name=MANUAL_SOURCE,
                        sha256=hashlib.sha256(f"manual:{batch_uid}".encode()).hexdigest(), batch_uid=batch_uid,
                        rows_total=1, rejected=0, actor=actor.name, new_uid=new_uid, kind="manual")
    if counts.inserted != 1:  # the natural key of a stored payment: the caller's unit of work rolls back
        raise InputRejected("manual.payment_exists", uid=next(iter(counts.kept), "?"))
    stored = person_by_id_number(uow.conn, row.citizen.value)
    result = Entered(stored.uid, person is None, counts.added[0], list(row.warnings))
    record_event(uow, actor, "payment.add_by_hand", object_kind="payments", object_uid=result.payment_uid,
                 detail={"reason": why, "person": _shown_person(row.citizen.value, row.name),
                         "person_created": result.person_created, "program": row.program_text,
                         "period": row.period.label, "paid_fen": row.paid_fen, "due_fen": row.due_fen,
                         "paid_date": row.paid_date, "method": row.method,
                         "account": None if row.account is None else mask_account(row.account),
                         "warnings": result.warnings})
    return result


def add_person_by_hand(uow: UnitOfWork, actor: Actor, values: Mapping[str | Field, object], *, reason: str,
                       new_uid: NewUid = lambda: str(uuid.uuid4())) -> Entered:
    """Store a person without payment (身份证号, 姓名, 性别 …), checked as a roster's person columns are.

    A person already stored is refused (edit them instead); one voided earlier comes back to life.
    """
    authorize(actor, Action.CORRECT)
    why = reason_text(reason, "manual.reason_needed")
    cells = by_field(values, PERSON_COLUMNS, unknown_key="manual.unknown_field")
    try:
        row = parse_person_row(cells)
    except RowRejected as exc:
        raise refused(exc) from exc
    _check_places(uow, row.village, row.township)
    person = person_by_id_number(uow.conn, row.citizen.value)
    if person is not None and not person.voided:
        raise InputRejected("manual.person_exists", id=row.citizen.value, uid=person.uid)
    if person is not None:
        _revive(uow, person)
    store_persons(uow, org_code(uow), [row], new_uid)
    stored = person_by_id_number(uow.conn, row.citizen.value)
    result = Entered(stored.uid, person is None, None, list(row.warnings))
    record_event(uow, actor, "person.add_by_hand", object_kind="persons", object_uid=stored.uid,
                 detail={"reason": why, "person": _shown_person(row.citizen.value, row.name),
                         "revived": person is not None, "id_valid": row.citizen.valid, "warnings": result.warnings})
    return result


def find_person(uow: UnitOfWork, actor: Actor, id_text: str) -> dict[str, Any]:
    """A person by ID number as typed (normalised first), with payments and accounts; for `ykt person show`."""
    authorize(actor, Action.VIEW)
    try:
        number = normalize_id(id_text).value
    except ValueRejected as exc:
        raise refused(exc, Field.ID_NUMBER) from exc
    person = person_by_id_number(uow.conn, number)
    detail = None if person is None else person_detail(uow, actor, person.uid)
    if detail is None:
        raise InputRejected("person.unknown", id=id_text.strip())
    return detail


def program_choices(uow: UnitOfWork, actor: Actor) -> list[tuple[str, str]]:
    """(code, name) of the catalogue's programs a payment by hand may name."""
    authorize(actor, Action.VIEW)
    return [(r.code, r.name) for r in uow.records.programs() if r.in_scope and not is_out_of_scope(r.name)]


def _check_program(uow: UnitOfWork, row: RosterRow) -> None:
    if is_out_of_scope(row.program_text):
        raise InputRejected("manual.out_of_scope", program=row.program_text)
    if not uow.records.find_program(row.program_text):
        raise InputRejected("manual.unknown_program", program=row.program_text)


def _check_places(uow: UnitOfWork, village: str | None, township: str | None) -> None:
    """A county installation files a village under a township: without one the village would be lost."""
    if village and not township and uow.get_setting("org.level", "county") == "county":
        raise InputRejected("correct.needs_township")


def _revive(uow: UnitOfWork, person: Any) -> None:
    """A voided person entered again: a new version that is live (the tombstone stays in history)."""
    uow.records.change("persons", person.uid, {"voided": False}, expected_version=int(person.version))


def _shown_person(id_number: str, name: str) -> dict[str, str]:
    return {"name": name, "id_number": mask_id(id_number)}
