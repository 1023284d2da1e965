"""Correcting a person by hand: name, sex, ethnicity, phone, township/village/group — never the ID number.

The ID number is the person's identity across the product (SPEC §5): a wrong one is fixed by voiding
the person and entering them again. The other values are read exactly as a roster's person columns
are (domain/roster_rows.parse_person_row); the audit keeps before/after with the phone masked.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.headers import Field
from yikatong_desktop.domain.ids import CitizenId, mask_id
from yikatong_desktop.domain.names import name_key, pinyin_sort_key
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.privacy import mask_phone
from yikatong_desktop.domain.roster_rows import PersonRow, RowRejected, parse_person_row
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.import_writer import Places
from yikatong_desktop.services.record_fields import by_field, reason_text, refused
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: What a clerk may correct on a person.
PERSON_FIELDS = (Field.NAME, Field.SEX, Field.ETHNICITY, Field.PHONE, Field.TOWNSHIP, Field.VILLAGE, Field.GROUP)
_PLACES = {Field.TOWNSHIP, Field.VILLAGE, Field.GROUP}


def person_for_edit(uow: UnitOfWork, actor: Actor, person_uid: str) -> dict[str, Any]:
    """A person's editable values (as a form shows them) and the version they were read at."""
    authorize(actor, Action.VIEW)
    row = uow.records.get("persons", person_uid)
    if row is None:
        raise InputRejected("record.missing", kind="persons", uid=person_uid)
    cells = _cells(uow, row)
    return {"version": int(row.version), "voided": bool(row.voided), "id_number": row.id_number,
            "id_valid": bool(row.id_valid), **{f.value: cells.get(f) for f in PERSON_FIELDS}}


def correct_person(uow: UnitOfWork, actor: Actor, person_uid: str, values: Mapping[str | Field, object], *,
                   reason: str, expected_version: int,
                   new_uid: Callable[[], str] = lambda: str(uuid.uuid4())) -> int:
    """Change some of a person's values; returns the new version (the old one stays in history).

    Keys are template titles (姓名, 联系电话, 村(社区) …) or fields. Refused, with nothing stored,
    when a value fails the import's checks, when someone changed the person meanwhile, or when
    the ID number is among them.
    """
    authorize(actor, Action.CORRECT)
    why = reason_text(reason, "correct.reason_needed")
    old = uow.records.get("persons", person_uid)
    if old is None or old.voided:
        raise InputRejected("record.missing", kind="persons", uid=person_uid)
    fields = by_field(values, PERSON_FIELDS, unknown_key="correct.unknown_field")
    try:
        row = parse_person_row({**_cells(uow, old), **fields})
    except RowRejected as exc:
        raise refused(exc) from exc
    wanted: dict[str, Any] = {}
    if Field.NAME in fields:
        wanted.update(name=row.name, name_key=name_key(row.name), pinyin=pinyin_sort_key(row.name))
    if Field.SEX in fields:
        wanted["sex"] = _sex(row.written_sex, row.citizen)
    if Field.ETHNICITY in fields:
        wanted["ethnicity"] = row.ethnicity
    if Field.PHONE in fields:
        wanted["phone"] = row.phone
    if _PLACES & set(fields):
        wanted.update(_place_codes(uow, row, new_uid))
    changes = {k: v for k, v in wanted.items() if getattr(old, k) != v}
    if not changes:
        return int(old.version)
    version = uow.records.change("persons", person_uid, changes, expected_version=expected_version)
    shown = {k: v for k, v in changes.items() if k not in ("name_key", "pinyin")}
    record_event(uow, actor, "person.correct", object_kind="persons", object_uid=person_uid,
                 detail={"reason": why, "person": mask_id(old.id_number),
                         "before": _masked({k: getattr(old, k) for k in shown}), "after": _masked(shown)})
    return version


def _cells(uow: UnitOfWork, person: Any) -> dict[Field, object]:
    """A stored person as the row of cells it would have been imported from."""
    village = uow.records.org_by_code(person.village_code) if person.village_code else None
    township = uow.records.org_by_code(village.parent_code) if village is not None and village.parent_code else None
    group = person.group_code.rsplit("-", 1)[1] if person.group_code and "-" in person.group_code else None
    return {Field.NAME: person.name, Field.ID_NUMBER: person.id_number, Field.SEX: person.sex,
            Field.ETHNICITY: person.ethnicity, Field.PHONE: person.phone,
            Field.TOWNSHIP: None if township is None or township.level != "township" else township.name,
            Field.VILLAGE: None if village is None else village.name, Field.GROUP: group}


def _sex(written: str | None, citizen: CitizenId) -> str | None:
    """男 or 女; a valid ID number decides, and a value it contradicts is refused."""
    given = None if written is None else written.removesuffix("性")
    if given is not None and given not in ("男", "女"):
        raise InputRejected("correct.bad_value", field="性别", reason=f"“{written}”不是性别：请填 男 或 女")
    if citizen.valid:
        if given is not None and given != citizen.sex:
            raise InputRejected("correct.sex_from_id", sex=citizen.sex, given=given)
        return citizen.sex
    return given


def _place_codes(uow: UnitOfWork, row: PersonRow, new_uid: Callable[[], str]) -> dict[str, str | None]:
    """Village and group codes for the row's places, created under the right parent like an import's."""
    _township, village, group = Places(uow, org_code(uow), new_uid).locate(row)
    if row.village and village is None:
        raise InputRejected("correct.needs_township")
    return {"village_code": village, "group_code": group}


def _masked(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (mask_phone(v) if k == "phone" and v else v) for k, v in values.items()}
