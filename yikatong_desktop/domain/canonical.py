"""The one canonical encoding of records (SPEC §12).

It feeds the audit hash chain, the `stats` digests and the package payload, so
all three agree whatever database produced the record: sorted keys, no
whitespace, fen as integers, exact decimals as strings, ISO dates, UTC times.
Floats are refused: money and quantities are never floats.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from decimal import Context, Decimal
from enum import Enum
from typing import Any
from uuid import UUID

#: Wide enough that normalising never rounds a value a roster can hold.
_EXACT = Context(prec=100)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        raise TypeError("floats have no canonical form; use integer fen or Decimal")
    if isinstance(value, Decimal):
        return format(value.normalize(_EXACT), "f")
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise TypeError("naive datetime has no canonical form; times are stored in UTC")
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return _plain(value.value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    raise TypeError(f"no canonical form for {type(value).__name__}")


def canonical_json(record: Mapping[str, Any]) -> bytes:
    """Encode a record as sorted-key, compact UTF-8 JSON."""
    return json.dumps(
        _plain(record), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")


def content_hash(record: Mapping[str, Any]) -> str:
    """SHA-256 hex of the canonical encoding."""
    return hashlib.sha256(canonical_json(record)).hexdigest()


def set_digest(encodings: Iterable[bytes]) -> str:
    """Digest of a set of canonical encodings, independent of their order."""
    h = hashlib.sha256()
    for enc in sorted(encodings):
        h.update(hashlib.sha256(enc).digest())
    return h.hexdigest()


def chain_hash(prev_hash: str, event: Mapping[str, Any]) -> str:
    """Hash of one audit event linked to the previous one."""
    return hashlib.sha256(prev_hash.encode("ascii") + b"\n" + canonical_json(event)).hexdigest()


GENESIS_HASH = "0" * 64
