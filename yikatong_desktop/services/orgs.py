"""Org units and programs as choices for forms and filters: catalogue rows only, no pass over the payments."""

from __future__ import annotations

from dataclasses import dataclass

from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class OrgUnit:
    code: str
    name: str
    level: str
    parent_code: str | None


def org_units(uow: UnitOfWork, actor: Actor) -> list[OrgUnit]:
    """Every live org unit, in code order."""
    authorize(actor, Action.VIEW)
    return [OrgUnit(str(r.code), str(r.name), str(r.level), r.parent_code) for r in uow.records.orgs()]


def catalogue_programs(uow: UnitOfWork, actor: Actor) -> list[tuple[str, str]]:
    """(code, name) of every live program of the catalogue."""
    authorize(actor, Action.VIEW)
    return [(str(r.code), str(r.name)) for r in uow.records.programs()]
