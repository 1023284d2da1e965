"""`ykt init`: the installation's org, the seeded org tree, catalogue and settings (SPEC §3, §4)."""

from __future__ import annotations

import re
import uuid
from typing import Any

from yikatong_desktop.domain.campaign import default_campaign
from yikatong_desktop.domain.catalog import PROGRAMS, ProgramSeed
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.orgs import CHANGJI_SEED, OrgLevel
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: The prefecture owns the seeded catalogue and org tree: it sends them downward (SPEC §8).
SEED_OWNER = "652300"
CATALOG_VERSION = "2019.1"
_NAMESPACE = uuid.UUID("6b9c2f0e-5d1a-4e8b-9a57-1f0c3e2d4b6a")
INSTALL_LEVELS = (OrgLevel.TOWNSHIP, OrgLevel.COUNTY, OrgLevel.DEPARTMENT, OrgLevel.PREFECTURE)
_CODE_SHAPES = {
    OrgLevel.PREFECTURE: r"\d{6}", OrgLevel.COUNTY: r"\d{6}|\d{9}", OrgLevel.TOWNSHIP: r"\d{9}",
    OrgLevel.DEPARTMENT: r"\d{6,9}-[A-Z]{2}",
}


def seeded_uid(kind: str, key: str) -> str:
    """The same uid for a seeded record in every installation, so merges meet."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def program_values(p: ProgramSeed) -> dict[str, Any]:
    """Table values of a seeded program."""
    return {
        "code": p.code, "name": p.name, "department": p.department, "basis": p.basis.value,
        "frequency": p.frequency.value, "unit": p.unit, "funding_levels": list(p.funding_levels),
        "synonyms": list(p.synonyms), "card_required": p.card_required, "household_based": p.household_based,
        "min_age": p.min_age, "excludes_public_employees": p.excludes_public_employees,
        "area": list(p.area), "grace_days": p.grace_days, "in_scope": True,
    }


def initialise(uow: UnitOfWork, actor: Actor, *, code: str, name: str, level: str,
               parent_code: str | None = None, campaign_year: int | None = None) -> None:
    """Make this database the installation of one org unit and seed its catalogue."""
    authorize(actor, Action.INIT)
    try:
        lvl = OrgLevel(level)
    except ValueError as exc:
        raise UsageError("org.bad_level", level=level,
                         choices="/".join(x.value for x in INSTALL_LEVELS)) from exc
    if lvl not in INSTALL_LEVELS:
        raise UsageError("org.bad_level", level=level, choices="/".join(x.value for x in INSTALL_LEVELS))
    if not re.fullmatch(_CODE_SHAPES[lvl], code):
        raise UsageError("org.bad_code", code=code)
    if uow.get_setting("org.code") is not None:
        raise InputRejected("db.exists", path="")
    seed = {c: (n, lv, parent) for c, n, lv, parent in CHANGJI_SEED}
    if parent_code is None and lvl is not OrgLevel.PREFECTURE:
        guess = code.split("-")[0][:6] if lvl in (OrgLevel.TOWNSHIP, OrgLevel.DEPARTMENT) else SEED_OWNER
        parent_code = guess if guess in seed and guess != code else None
    if parent_code is not None and parent_code not in seed and parent_code != code:
        raise InputRejected("org.parent_missing", code=parent_code)
    # Seeded units stay the prefecture's records (the same uid and owner in every installation,
    # so merges meet); a unit the seed does not know is this installation's own record.
    for c, (n, lv, parent) in seed.items():
        uow.records.add("org_units", {"code": c, "name": n, "level": str(lv), "parent_code": parent,
                                      "official_code": True},
                        owner=SEED_OWNER, uid=seeded_uid("org", c))
    if code not in seed:
        uow.records.add("org_units", {"code": code, "name": name, "level": lvl.value,
                                      "parent_code": parent_code, "official_code": True},
                        owner=code, uid=seeded_uid("org", code))
    for p in PROGRAMS:
        uow.records.add("programs", program_values(p), owner=SEED_OWNER, uid=seeded_uid("program", p.code))
    year = campaign_year or uow.clock.now().year
    uow.set_setting("org.code", code)
    uow.set_setting("org.name", name)
    uow.set_setting("org.level", lvl.value)
    uow.set_setting("catalog.version", CATALOG_VERSION)
    uow.set_setting("campaign", default_campaign(year).to_settings())
    record_event(uow, actor, "init", object_kind="org_units", object_uid=seeded_uid("org", code),
                 detail={"org": code, "name": name, "level": lvl.value, "parent": parent_code,
                         "programs": len(PROGRAMS), "org_units": len(seed)})
