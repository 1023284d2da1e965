"""`ykt stats`: live record counts and order-independent content digests (SPEC §8, §12)."""

from __future__ import annotations

from dataclasses import dataclass

from yikatong_desktop.domain.canonical import canonical_json, set_digest
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage.content import CONTENT_QUERIES, business_rows
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: The kinds `stats` prints, in this order; later issues add theirs.
KINDS = tuple(CONTENT_QUERIES)


@dataclass(frozen=True)
class KindStats:
    kind: str
    count: int
    digest: str


def stats(uow: UnitOfWork, actor: Actor) -> list[KindStats]:
    """Per kind: number of live records and the digest of their business content."""
    authorize(actor, Action.VIEW)
    out = []
    for kind in KINDS:
        encodings = [canonical_json(row) for row in business_rows(uow.conn, kind)]
        out.append(KindStats(kind, len(encodings), set_digest(encodings)))
    return out
