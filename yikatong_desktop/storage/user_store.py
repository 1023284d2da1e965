"""The users table (SPEC §9): rows in, rows out; the rules live in services/users.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, func, select, update

from yikatong_desktop.storage import tables as t
from yikatong_desktop.storage.repositories import StaleRecord

U = t.users


def count_users(conn: Connection, *, enabled_role: str | None = None) -> int:
    """How many users there are (with `enabled_role`: enabled users of that role)."""
    stmt = select(func.count()).select_from(U)
    if enabled_role is not None:
        stmt = stmt.where(U.c.role == enabled_role, U.c.disabled.is_(False))
    return int(conn.execute(stmt).scalar_one())


def by_name(conn: Connection, name: str) -> Any:
    return conn.execute(select(U).where(U.c.name == name)).first()


def all_users(conn: Connection) -> list[Any]:
    return list(conn.execute(select(U).order_by(U.c.name)))


def add(conn: Connection, values: Mapping[str, Any]) -> None:
    conn.execute(U.insert().values(**values, version=1))


def change(conn: Connection, uid: str, changes: Mapping[str, Any], *, expected_version: int) -> None:
    """Change a user row, refusing it when someone changed the row since it was read."""
    done = conn.execute(update(U).where(U.c.uid == uid, U.c.version == expected_version)
                        .values(**changes, version=expected_version + 1))
    if done.rowcount != 1:
        raise StaleRecord("record.stale", kind="users", uid=uid)
