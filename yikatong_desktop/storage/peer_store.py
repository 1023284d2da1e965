"""Trusted peers and key revocations (SPEC §8): the rows `ykt keys trust|revoke` keep."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, insert, select, update

from yikatong_desktop.storage import tables as t

PE, KR = t.peers, t.key_revocations


def peers(conn: Connection) -> list[Any]:
    """Every trusted (or revoked) peer, in org code order."""
    return list(conn.execute(select(PE).order_by(PE.c.org_code)))


def peer(conn: Connection, org_code: str) -> Any:
    """One peer by org code, if trusted once."""
    return conn.execute(select(PE).where(PE.c.org_code == org_code)).first()


def add_peer(conn: Connection, values: Mapping[str, Any]) -> None:
    """A new peer row."""
    conn.execute(insert(PE).values(**values, version=1))


def replace_peer(conn: Connection, org_code: str, version: int, values: Mapping[str, Any]) -> int:
    """Overwrite a peer's row if it is still at `version`; the number of rows changed (0: someone else did)."""
    done = conn.execute(update(PE).where(PE.c.org_code == org_code, PE.c.version == version)
                        .values(**values, version=version + 1))
    return int(done.rowcount)


def revocations(conn: Connection) -> list[Any]:
    """Live key revocations (ours and those received from above)."""
    return list(conn.execute(select(KR).where(KR.c.voided.is_(False)).order_by(KR.c.org_code)))


def revoked(conn: Connection, org_code: str, fingerprint: str) -> Any:
    """The revocation of one key, if there is one."""
    return conn.execute(select(KR).where(KR.c.org_code == org_code, KR.c.ed25519_fingerprint == fingerprint,
                                         KR.c.voided.is_(False))).first()
