"""Audit events and chain verification (SPEC §9, §12)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from yikatong_desktop.domain.canonical import GENESIS_HASH, chain_hash
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.privacy import mask_value
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage.audit import StoredEvent
from yikatong_desktop.storage.unit_of_work import UnitOfWork

HeadLookup = Callable[[str], "tuple[int, str] | None"]


def org_code(uow: UnitOfWork) -> str:
    """The code of the org unit this installation is."""
    code = uow.get_setting("org.code")
    if code is None:
        raise InputRejected("db.not_initialised")
    return str(code)


def record_event(uow: UnitOfWork, actor: Actor, action: str, *, object_kind: str | None = None,
                 object_uid: str | None = None, detail: Mapping[str, Any] | None = None) -> None:
    """Append an audit event in the caller's transaction; details are masked."""
    uow.audit.append(org=org_code(uow), at=uow.clock.now(), actor=actor.name, action=action,
                     object_kind=object_kind, object_uid=object_uid, detail=mask_value(dict(detail or {})))


@dataclass(frozen=True)
class Break:
    """The first broken link of a chain."""

    org: str
    seq: int
    row: int | None
    kind: str  # hash | link | gap | tail | head
    expected_seq: int | None = None

    def describe(self, lang: str | None = None) -> str:
        """A sentence naming the event, its database row and what is wrong."""
        kind = message(f"audit.kind.{self.kind}", lang, expected=self.expected_seq)
        if self.row is None:
            return message("audit.broken_norow", lang, org=self.org, seq=self.seq, kind=kind)
        return message("audit.broken", lang, org=self.org, seq=self.seq, row=self.row, kind=kind)


@dataclass
class ChainReport:
    """Result of `ykt audit verify`."""

    chains: dict[str, dict[str, Any]] = field(default_factory=dict)
    broken: Break | None = None

    @property
    def ok(self) -> bool:
        """True when every chain is intact and matches its recorded head."""
        return self.broken is None


def verify_chains(uow: UnitOfWork, recorded_head: HeadLookup, own_orgs: Iterable[str]) -> ChainReport:
    """Check every chain link by link, then against the head kept outside the table."""
    report = ChainReport()
    for org in sorted(set(uow.audit.orgs()) | set(own_orgs)):
        expected, prev, last_row, count = 1, GENESIS_HASH, None, 0
        hashes: dict[int, str] = {}
        rows: dict[int, int] = {}
        for ev in uow.audit.events(org):
            kind = None
            if ev.seq != expected:
                kind = "gap"
            elif ev.prev_hash != prev:
                kind = "link"
            elif not ev.readable or chain_hash(ev.prev_hash, ev.hashed_content()) != ev.hash:
                kind = "hash"
            if kind is not None:
                report.broken = Break(org, ev.seq, ev.row_id, kind)
                return report
            hashes[ev.seq] = ev.hash
            rows[ev.seq] = ev.row_id
            expected, prev, last_row, count = ev.seq + 1, ev.hash, ev.row_id, count + 1
        head = recorded_head(org)
        last_seq = expected - 1
        if head is not None:
            seq, digest = head
            if seq > last_seq:
                report.broken = Break(org, last_seq, last_row, "tail", expected_seq=seq)
                return report
            if hashes.get(seq) != digest:
                report.broken = Break(org, seq, rows.get(seq), "head")
                return report
        report.chains[org] = {"events": count, "head_seq": last_seq, "head": prev if count else None,
                              "recorded_head_seq": None if head is None else head[0]}
    return report


def list_events(uow: UnitOfWork, actor: Actor, *, user: str | None = None, since: datetime | None = None,
                object_ref: str | None = None, action: str | None = None, limit: int | None = None,
                ) -> list[StoredEvent]:
    """Audit events, newest first (`ykt audit list`, 设置 → 审计日志); details are stored masked."""
    authorize(actor, Action.VERIFY)
    return uow.audit.search(actor=user, since=since, object_ref=object_ref, action=action, limit=limit)
