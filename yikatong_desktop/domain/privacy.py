"""Masking for audit details and logs (SPEC §9): no full ID, account or phone number.

A safety net over free text: services should hand over IDs and accounts already
masked or keyed-hashed. Digit runs inside longer letters-and-digits tokens (file
hashes, uids) are left alone, so evidence such as a file's SHA-256 survives.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from typing import Any

_EDGE_BEFORE = r"(?<![0-9A-Za-z])"
_EDGE_AFTER = r"(?![0-9A-Za-z])"
# 18-digit IDs (last character may be X), also written with spaces or dashes between the parts.
_ID = re.compile(_EDGE_BEFORE + r"([0-9]{6})[ -]?[0-9]{8}[ -]?([0-9]{3}[0-9Xx])" + _EDGE_AFTER)
_ID15 = re.compile(_EDGE_BEFORE + r"([0-9]{6})[0-9]{5}([0-9]{4})" + _EDGE_AFTER)
# Mobile phones, also as 138-1234-5678 or 138 1234 5678.
_PHONE = re.compile(_EDGE_BEFORE + r"(1[3-9][0-9])[ -]?[0-9]{4}[ -]?([0-9]{4})" + _EDGE_AFTER)
# Bank accounts: any other run of 8 to 32 digits (longer runs are no account), also in groups of four.
_DIGITS = re.compile(_EDGE_BEFORE + r"[0-9]{4}(?:[ -][0-9]{4}){1,6}(?:[ -][0-9]{1,3})?" + _EDGE_AFTER + r"|"
                     + _EDGE_BEFORE + r"[0-9]{8,32}" + _EDGE_AFTER)
#: Whole numbers at least this long are treated as identifiers, not amounts.
_LONG_INT_DIGITS = 15


def _mask_run(match: re.Match[str]) -> str:
    digits = re.sub(r"[^0-9]", "", match.group(0))
    keep = 4 if len(digits) >= 12 else 2
    return digits[:keep] + "*" * (len(digits) - 2 * keep) + digits[-keep:]


_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def mask_text(text: str) -> str:
    """Mask ID-, phone- and account-shaped digit runs inside free text; record uids are left whole
    (a uid's last block may be twelve digits: it is no account)."""
    if "-" in text and _UUID.search(text):
        parts = _UUID.split(text)
        uids = _UUID.findall(text)
        return "".join(_mask_plain(part) + (uids[i] if i < len(uids) else "") for i, part in enumerate(parts))
    return _mask_plain(text)


def _mask_plain(text: str) -> str:
    text = _ID.sub(lambda m: f"{m.group(1)}********{m.group(2)}", text)
    text = _ID15.sub(lambda m: f"{m.group(1)}*****{m.group(2)}", text)
    text = _PHONE.sub(r"\1****\2", text)
    return _DIGITS.sub(_mask_run, text)


def mask_value(value: Any) -> Any:
    """Mask every string (and every identifier-long integer) inside a nested structure."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and len(str(abs(value))) >= _LONG_INT_DIGITS:
        return mask_text(str(value))
    if isinstance(value, Mapping):
        return {k: mask_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_value(v) for v in value]
    return value


def keyed_hash(secret: bytes, value: str) -> str:
    """A keyed hash for matching a sensitive value without storing it (HMAC-SHA256, 16 hex)."""
    return hmac.new(secret, value.encode("utf-8"), hashlib.sha256).hexdigest()[:16]


def mask_phone(value: str) -> str:
    """A phone number as audit details show it: 138****5678; shorter numbers keep their last 2 digits."""
    digits = re.sub(r"[^0-9]", "", value)
    if len(digits) >= 11:
        return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"
    if len(digits) >= 4:
        return "*" * (len(digits) - 2) + digits[-2:]
    return "*" * len(digits)
