"""Read side for the GUI and CLI lists (SPEC §10): pages of rows, details, dashboard figures."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.campaign import Campaign, Deadline, default_campaign
from yikatong_desktop.domain.clock import local_today
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.formats.excel_write import write_streamed_table
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.progress import Cancelled, IsCancelled, Progress, never_cancelled, no_progress
from yikatong_desktop.services.roster_columns import COLUMNS
from yikatong_desktop.storage import ledger_store
from yikatong_desktop.storage import queries as q
from yikatong_desktop.storage.queries import SORT_KEYS, RosterFilter, RosterRow
from yikatong_desktop.storage.unit_of_work import UnitOfWork

__all__ = [
    "SORT_KEYS",
    "Dashboard",
    "RosterFilter",
    "RosterRow",
    "campaign",
    "count_roster",
    "dashboard",
    "filter_choices",
    "import_history",
    "person_detail",
    "roster_page",
    "set_campaign",
]


def count_roster(uow: UnitOfWork, actor: Actor, f: RosterFilter) -> int:
    """Number of payments the roster filter shows."""
    authorize(actor, Action.VIEW)
    return q.count_roster(uow.conn, f)


def roster_page(uow: UnitOfWork, actor: Actor, f: RosterFilter, *, sort: str = "default",
                descending: bool = False, offset: int = 0, limit: int = 200) -> list[RosterRow]:
    """One window of roster rows in display order."""
    authorize(actor, Action.VIEW)
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort}")
    return q.roster_page(uow.conn, f, sort=sort, descending=descending, offset=offset, limit=limit)


def person_detail(uow: UnitOfWork, actor: Actor, person_uid: str) -> dict[str, Any] | None:
    """A person with household, payments and accounts."""
    authorize(actor, Action.VIEW)
    return q.person_detail(uow.conn, person_uid)


def filter_choices(uow: UnitOfWork, actor: Actor) -> dict[str, list[Any]]:
    """Values for the roster filter boxes."""
    authorize(actor, Action.VIEW)
    return q.filter_choices(uow.conn)  # type: ignore[return-value,unused-ignore]


def campaign(uow: UnitOfWork) -> Campaign:
    """The campaign dates kept in settings (the work plan's by default)."""
    data = uow.get_setting("campaign")
    return default_campaign(uow.clock.now().year) if data is None else Campaign.from_settings(data)


def set_campaign(uow: UnitOfWork, actor: Actor, value: Campaign) -> None:
    """Change the campaign dates (audited with before/after)."""
    authorize(actor, Action.SETTINGS)
    for phase in value.phases:
        if phase.end < phase.start:
            raise InputRejected("campaign.bad_phase", phase=phase.title, start=phase.start, end=phase.end)
    before = uow.get_setting("campaign")
    uow.set_setting("campaign", value.to_settings())
    record_event(uow, actor, "settings.campaign", detail={"before": before, "after": value.to_settings()})


#: How many backups are kept per database unless the setting says otherwise (SPEC §9).
BACKUP_KEEP = 30
_KEEP_RANGE = range(1, 1001)


def backup_keep(uow: UnitOfWork) -> int:
    """How many backups of this database are kept (设置 → 备份与恢复)."""
    return int(uow.get_setting("backup.keep", BACKUP_KEEP))


def set_backup_keep(uow: UnitOfWork, actor: Actor, keep: int) -> None:
    """Change how many backups are kept (audited with before/after)."""
    authorize(actor, Action.SETTINGS)
    if keep not in _KEEP_RANGE:
        raise InputRejected("backup.bad_keep", keep=keep, most=_KEEP_RANGE[-1])
    before = backup_keep(uow)
    uow.set_setting("backup.keep", keep)
    record_event(uow, actor, "settings.backup_keep", detail={"before": before, "after": keep})


@dataclass(frozen=True)
class Dashboard:
    org_code: str
    org_name: str
    today: date
    phase: str
    next_deadline: Deadline
    figures: dict[str, Any]
    problems: dict[str, int] = field(default_factory=dict)  # state → count, and "overdue"


def dashboard(uow: UnitOfWork, actor: Actor) -> Dashboard:
    """What the 工作台 shows: org, campaign phase, next deadline, counts and amounts per year."""
    authorize(actor, Action.VIEW)
    today = local_today(uow.clock).date()
    camp = campaign(uow)
    return Dashboard(
        org_code=str(uow.get_setting("org.code", "")), org_name=str(uow.get_setting("org.name", "")),
        today=today, phase=camp.status_on(today), next_deadline=camp.next_deadline(today),
        figures=q.dashboard_figures(uow.conn), problems=ledger_store.state_counts(uow.conn, "problems", today),
    )


def import_history(uow: UnitOfWork, actor: Actor) -> list[dict[str, Any]]:
    """Recent imports: file, when, who, counts."""
    authorize(actor, Action.VIEW)
    return q.import_history(uow.conn)


def export_roster(uow: UnitOfWork, actor: Actor, f: RosterFilter, path: Path, *, sort: str = "default",
                  descending: bool = False, progress: Progress = no_progress,
                  is_cancelled: IsCancelled = never_cancelled) -> int:
    """What the 花名册 shows (filtered and sorted) to an .xlsx, every row; returns how many."""
    authorize(actor, Action.VIEW)
    total = q.count_roster(uow.conn, f)

    def rows() -> Iterator[list[str]]:
        for n, row in enumerate(q.iter_roster(uow.conn, f, sort=sort, descending=descending)):
            if n % 2000 == 0:
                if is_cancelled():
                    raise Cancelled()
                progress(n, total, "")
            yield [c.value(row) for c in COLUMNS]

    return write_streamed_table(path, "花名册", [c.title for c in COLUMNS], rows())
