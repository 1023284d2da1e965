"""Unit of work: one transaction, all or nothing (cosmicpython's pattern).

`with uow: ...; uow.commit()` — leaving the block without commit rolls back.
After a commit the new audit-chain heads are handed to `head_sink` (the
keystore keeps a copy outside the table, SPEC §12).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError

from yikatong_desktop.domain.clock import Clock
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.audit import AuditLog
from yikatong_desktop.storage.database import is_busy, refresh_statistics, upsert
from yikatong_desktop.storage.repositories import Records

HeadSink = Callable[[str, int, str], None]
#: After a commit: (user name, new password) for each user whose password now opens the database,
#: (user name, None) for each whose no longer does (the key slots of an encrypted database).
CredentialsSink = Callable[[list[tuple[str, str | None]]], None]


class UnitOfWork:
    """One transaction over the database, with the repositories bound to it."""

    def __init__(self, engine: Engine, clock: Clock, head_sink: HeadSink | None = None,
                 *, write: bool = True, credentials_sink: CredentialsSink | None = None) -> None:
        self.engine = engine
        self._credentials_sink = credentials_sink
        self._credentials: list[tuple[str, str | None]] = []
        self.write = write
        self.clock = clock
        self._head_sink = head_sink
        self._conn: Connection | None = None
        self._version: int | None = None
        self._committed = False

    def __enter__(self) -> UnitOfWork:
        self._conn = self.engine.connect()
        # SQLite: take the write lock up front so two writers never deadlock halfway.
        self._conn.info["begin_immediate"] = self.write
        try:
            self._conn.begin()
        except DBAPIError as exc:
            self._conn.close()
            self._conn = None
            if is_busy(exc):
                raise InputRejected("db.busy") from exc
            raise
        self._version = None
        self._committed = False
        self._credentials = []
        self.audit = AuditLog(self._conn)
        self.records = Records(self._conn, self)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        assert self._conn is not None
        try:
            if not self._committed:
                self._conn.rollback()
        finally:
            self._conn.close()
            self._conn = None
        if isinstance(exc, DBAPIError) and is_busy(exc):
            raise InputRejected("db.busy") from exc

    @property
    def conn(self) -> Connection:
        """The open connection; only storage code uses it."""
        assert self._conn is not None, "unit of work used outside its `with` block"
        return self._conn

    def commit(self) -> None:
        """Commit everything done in this unit of work, then publish the audit heads."""
        if not self.write:
            raise RuntimeError("a read-only unit of work cannot commit")
        heads = self.audit.pending_heads()
        try:
            self.conn.commit()
        except DBAPIError as exc:
            if is_busy(exc):
                raise InputRejected("db.busy") from exc
            raise
        self._committed = True
        if self._head_sink is not None:
            for org, (seq, digest) in heads.items():
                self._head_sink(org, seq, digest)
        changed, self._credentials = self._credentials, []
        if changed and self._credentials_sink is not None:
            self._credentials_sink(changed)

    def note_credentials(self, name: str, password: str | None) -> None:
        """A user's password changed (None: the user may no longer log in); told after the commit."""
        self._credentials.append((name, password))

    def next_version(self) -> int:
        """The Lamport version for changes in this unit of work (one tick per transaction)."""
        if self._version is None:
            current = self.get_setting("lamport", 0)
            self._version = int(current) + 1
            self.set_setting("lamport", self._version)
        return self._version

    def observe_version(self, seen: int) -> None:
        """Advance the Lamport counter past a version seen from elsewhere."""
        if int(self.get_setting("lamport", 0)) < seen:
            self.set_setting("lamport", seen)

    def refresh_statistics(self) -> None:
        """Refresh the planner's statistics after a bulk load."""
        refresh_statistics(self.conn)

    def get_setting(self, key: str, default: Any = None) -> Any:
        """A JSON setting, or the default."""
        row = self.conn.execute(select(t.settings.c.value).where(t.settings.c.key == key)).first()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Write a JSON setting (insert or replace)."""
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        upsert(self.conn, t.settings, {"key": key, "value": text}, key=("key",))

    def settings_with_prefix(self, prefix: str) -> dict[str, Any]:
        """All settings whose key starts with a prefix."""
        rows = self.conn.execute(select(t.settings).where(t.settings.c.key.startswith(prefix)))
        return {r.key: json.loads(r.value) for r in rows}
