"""The append-only, hash-chained audit table (SPEC §9, §12): one chain per org."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, String, func, insert, select, type_coerce

from yikatong_desktop.domain.canonical import GENESIS_HASH, canonical_json, chain_hash
from yikatong_desktop.storage import tables as t


@dataclass(frozen=True)
class StoredEvent:
    row_id: int
    org_code: str
    seq: int
    prev_hash: str
    hash: str
    at: datetime | None  # None: the stored text is not a time (tampered)
    actor: str
    action: str
    object_kind: str | None
    object_uid: str | None
    detail: dict[str, Any] | None  # None: the stored text is not JSON (tampered)

    @property
    def readable(self) -> bool:
        """Whether time and detail could be read back at all."""
        return self.at is not None and self.detail is not None

    def hashed_content(self) -> dict[str, Any]:
        """The fields the chain hash covers."""
        assert self.at is not None and self.detail is not None
        return event_content(self.org_code, self.seq, self.at, self.actor, self.action,
                             self.object_kind, self.object_uid, self.detail)


def event_content(org: str, seq: int, at: datetime, actor: str, action: str,
                  object_kind: str | None, object_uid: str | None,
                  detail: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical content of an audit event."""
    return {"org": org, "seq": seq, "at": at, "actor": actor, "action": action,
            "object_kind": object_kind, "object_uid": object_uid, "detail": dict(detail)}


class AuditLog:
    """Appends events inside the caller's transaction and reads chains back."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self._pending: dict[str, tuple[int, str]] = {}

    def append(self, *, org: str, at: datetime, actor: str, action: str,
               object_kind: str | None = None, object_uid: str | None = None,
               detail: Mapping[str, Any] | None = None) -> tuple[int, str]:
        """Append one event to the org's chain; returns its sequence number and hash."""
        detail = dict(detail or {})
        last = self._conn.execute(
            select(t.audit_events.c.seq, t.audit_events.c.hash)
            .where(t.audit_events.c.org_code == org)
            .order_by(t.audit_events.c.seq.desc()).limit(1)
        ).first()
        seq, prev = (1, GENESIS_HASH) if last is None else (last.seq + 1, last.hash)
        digest = chain_hash(prev, event_content(org, seq, at, actor, action, object_kind, object_uid, detail))
        self._conn.execute(insert(t.audit_events).values(
            org_code=org, seq=seq, prev_hash=prev, hash=digest, at=at, actor=actor, action=action,
            object_kind=object_kind, object_uid=object_uid,
            detail=canonical_json(detail).decode("utf-8"),
        ))
        self._pending[org] = (seq, digest)
        return seq, digest

    def pending_heads(self) -> dict[str, tuple[int, str]]:
        """Heads written in this transaction, to publish after commit."""
        return dict(self._pending)

    def orgs(self) -> list[str]:
        """Orgs that have a chain in this database."""
        rows = self._conn.execute(select(t.audit_events.c.org_code).distinct().order_by(t.audit_events.c.org_code))
        return [r[0] for r in rows]

    def head(self, org: str) -> tuple[int, str] | None:
        """The last event's sequence number and hash."""
        row = self._conn.execute(
            select(t.audit_events.c.seq, t.audit_events.c.hash).where(t.audit_events.c.org_code == org)
            .order_by(t.audit_events.c.seq.desc()).limit(1)).first()
        return None if row is None else (row.seq, row.hash)

    def hash_at(self, org: str, seq: int) -> str | None:
        """The stored hash of an org's event number `seq`, if there is one."""
        e = t.audit_events
        return self._conn.execute(select(e.c.hash).where(e.c.org_code == org, e.c.seq == seq)).scalar()

    def count(self, org: str) -> int:
        """Number of events in the org's chain."""
        return int(self._conn.execute(
            select(func.count()).select_from(t.audit_events).where(t.audit_events.c.org_code == org)
        ).scalar_one())

    def events(self, org: str) -> Iterator[StoredEvent]:
        """The org's events in sequence order, read leniently: a tampered value reads as None."""
        e = t.audit_events
        raw_at = type_coerce(e.c.at, String).label("raw_at")  # the stored text, not parsed by the column type
        rows = self._conn.execute(
            select(e.c.id, e.c.org_code, e.c.seq, e.c.prev_hash, e.c.hash, raw_at, e.c.actor, e.c.action,
                   e.c.object_kind, e.c.object_uid, e.c.detail).where(e.c.org_code == org).order_by(e.c.seq)
        )
        for r in rows:
            yield StoredEvent(r.id, r.org_code, r.seq, r.prev_hash, r.hash, _parse_time(r.raw_at), r.actor,
                              r.action, r.object_kind, r.object_uid, _parse_detail(r.detail))


    def search(self, *, actor: str | None = None, since: datetime | None = None, object_ref: str | None = None,
               action: str | None = None, limit: int | None = None) -> list[StoredEvent]:
        """The newest events first (as written), of every org: by actor, from a time, about an object
        (kind or uid prefix), by action (or an action prefix such as "import" or "user")."""
        e = t.audit_events
        raw_at = type_coerce(e.c.at, String).label("raw_at")
        stmt = select(e.c.id, e.c.org_code, e.c.seq, e.c.prev_hash, e.c.hash, raw_at, e.c.actor, e.c.action,
                      e.c.object_kind, e.c.object_uid, e.c.detail)
        if actor is not None:
            stmt = stmt.where(e.c.actor == actor)
        if since is not None:
            stmt = stmt.where(e.c.at >= since)
        if object_ref is not None:
            stmt = stmt.where((e.c.object_kind == object_ref) | e.c.object_uid.startswith(object_ref, autoescape=True))
        if action is not None:
            stmt = stmt.where((e.c.action == action) | e.c.action.startswith(action + ".", autoescape=True))
        rows = self._conn.execute(stmt.order_by(e.c.id.desc()).limit(limit))  # as written, newest first
        return [StoredEvent(r.id, r.org_code, r.seq, r.prev_hash, r.hash, _parse_time(r.raw_at), r.actor, r.action,
                            r.object_kind, r.object_uid, _parse_detail(r.detail)) for r in rows]


def _parse_time(raw: object) -> datetime | None:
    if isinstance(raw, datetime):
        return raw if raw.tzinfo is not None else raw.replace(tzinfo=UTC)
    try:
        moment = datetime.fromisoformat(str(raw))
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _parse_detail(raw: object) -> dict[str, Any] | None:
    try:
        value = json.loads(str(raw))
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
