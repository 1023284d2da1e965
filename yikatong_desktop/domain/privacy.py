"""Masking for audit details and logs (SPEC §9): no full ID, account or phone number."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from typing import Any

_ID18 = re.compile(r"(?<![0-9])([0-9]{6})[0-9]{7,8}([0-9]{3}[0-9Xx])(?![0-9Xx])")
_DIGITS = re.compile(r"(?<![0-9])([0-9]{4})[0-9]{3,}([0-9]{4})(?![0-9])")
_PHONE = re.compile(r"(?<![0-9])(1[3-9][0-9])[0-9]{4}([0-9]{4})(?![0-9])")


def mask_text(text: str) -> str:
    """Mask ID-, account- and phone-shaped digit runs inside free text."""
    text = _ID18.sub(lambda m: f"{m.group(1)}{'*' * (len(m.group(0)) - 10)}{m.group(2)}", text)
    text = _PHONE.sub(r"\1****\2", text)
    return _DIGITS.sub(lambda m: f"{m.group(1)}{'*' * (len(m.group(0)) - 8)}{m.group(2)}", text)


def mask_value(value: Any) -> Any:
    """Mask every string inside a nested structure."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, Mapping):
        return {k: mask_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_value(v) for v in value]
    return value


def keyed_hash(secret: bytes, value: str) -> str:
    """A keyed hash for matching a sensitive value without storing it (HMAC-SHA256, 16 hex)."""
    return hmac.new(secret, value.encode("utf-8"), hashlib.sha256).hexdigest()[:16]
