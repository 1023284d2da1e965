"""The `.ykt` container (SPEC §8, formats/package_file.py): sealed for one recipient, signed by its sender.

Real keys, real bytes, real files: a package opens only for its recipient, only from a trusted and
unrevoked sender, only exactly as it was signed. Every refusal is an InputRejected with a message,
never another exception — checked with 1,200 random damages (fixed seed).
"""

from __future__ import annotations

import hashlib
import json
import random
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.formats import package_file as pf
from yikatong_desktop.formats.keystore import fingerprint


@dataclass(frozen=True)
class Office:
    code: str
    name: str
    signing: ed25519.Ed25519PrivateKey
    exchange: x25519.X25519PrivateKey

    @property
    def peer(self) -> pf.PeerKeys:
        return pf.PeerKeys(self.code, self.name, self.signing.public_key().public_bytes_raw(),
                           self.exchange.public_key().public_bytes_raw())

    @property
    def party(self) -> pf.Party:
        return pf.Party(self.code, self.name, fingerprint(self.signing.public_key().public_bytes_raw()))


def _office(code: str, name: str) -> Office:
    return Office(code, name, ed25519.Ed25519PrivateKey.generate(), x25519.X25519PrivateKey.generate())


TOWN = _office("652323101", "大丰镇")
COUNTY = _office("652323", "呼图壁县")
OTHER = _office("652324", "玛纳斯县")
PAYLOAD = json.dumps({"payments": [{"person": "6523231950", "paid_fen": 12345}] * 50}, ensure_ascii=False).encode()


def _build(payload: bytes = PAYLOAD, *, sender: Office = TOWN, to: Office = COUNTY, sequence: int = 1) -> bytes:
    return pf.build(payload, sender=sender.party, recipient=to.peer, signing_key=sender.signing,
                    package_id=f"pkg-{sequence}", epoch=1, sequence=sequence, created="2019-07-15T10:00:00+08:00",
                    counts={"payments": 50}, previous=None, audit_head={"seq": 7, "hash": "ab" * 32}, direction="up")


def _open(data: bytes, *, at: Office = COUNTY, peers: dict[str, pf.PeerKeys] | None = None) -> pf.Opened:
    known = {TOWN.code: TOWN.peer} if peers is None else peers
    return pf.open_package(data, own_code=at.code, own_exchange=at.exchange, peers=known, name="大丰镇.ykt")


def _refused(data: bytes, key: str, **kwargs: object) -> InputRejected:
    with pytest.raises(InputRejected) as caught:
        _open(data, **kwargs)  # type: ignore[arg-type]
    assert caught.value.key == key, caught.value.text()
    return caught.value


def test_a_package_round_trips_for_its_recipient_with_its_header_readable_by_anyone(tmp_path: Path) -> None:
    data = _build()
    digest = pf.write(tmp_path / "大丰镇.ykt", data)
    assert digest == hashlib.sha256(data).hexdigest() and (tmp_path / "大丰镇.ykt").read_bytes() == data

    header = pf.read_header(data)
    assert (header.sender.code, header.recipient.code, header.sequence, header.epoch) == ("652323101", "652323", 1, 1)
    assert header.counts == {"payments": 50} and header.audit_head == {"seq": 7, "hash": "ab" * 32}
    assert b"6523231950" not in data and b"paid_fen" not in data  # the payload is sealed, not merely packed

    opened = _open(data)
    assert opened.payload == PAYLOAD and opened.sha256 == digest
    assert opened.header.to_json()["algorithm"] == pf.ALGORITHM


def test_each_refusal_names_what_is_wrong() -> None:
    data = _build()
    assert "呼图壁县（652323）" in _refused(data, "package.not_for_us", at=OTHER).text()
    untrusted = _refused(data, "package.untrusted", peers={})
    assert TOWN.party.fingerprint in untrusted.text() and "大丰镇" in untrusted.text()
    impostor = replace(TOWN.peer, ed25519=OTHER.signing.public_key().public_bytes_raw())
    _refused(data, "package.untrusted", peers={TOWN.code: impostor})  # same org code, another key
    _refused(data, "package.revoked", peers={TOWN.code: replace(TOWN.peer, revoked=True)})
    _refused(b"PK\x03\x04 an xlsx, not a package" * 10, "package.not_package")
    _refused(data[:-1], "package.damaged")
    _refused(data + b"\0", "package.damaged")


def test_a_trusted_key_with_the_payload_swapped_is_refused() -> None:
    mine, theirs = _build(), _build(PAYLOAD.replace(b"12345", b"99999"))  # same sizes, other money
    head = len(pf.MAGIC) + 4 + len(pf.read_header(mine).raw)
    swapped = mine[:head] + theirs[head:]  # the header of one package, the sealed payload and signature of another
    _refused(swapped, "package.bad_signature")
    resigned = swapped[:-64] + OTHER.signing.sign(swapped[:-64])  # re-signed by a key that is not the sender's
    _refused(resigned, "package.bad_signature")


def test_a_newer_format_version_is_refused_even_when_signed() -> None:
    data = _build()
    header = pf.read_header(data)
    doc = header.to_json() | {"version": pf.VERSION + 1}
    raw = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    rest = data[len(pf.MAGIC) + 4 + len(header.raw):-64]
    body = pf.MAGIC + len(raw).to_bytes(4, "big") + raw + rest
    refused = _refused(body + TOWN.signing.sign(body), "package.newer_version")
    assert f"第 {pf.VERSION + 1} 版" in refused.text()


def test_a_signed_package_that_unpacks_beyond_its_stated_size_is_refused() -> None:
    bomb = b"0" * 5_000_000
    data = _build(bomb)
    header = pf.read_header(data)
    doc = header.to_json()
    doc["payload"] = {"size": 100, "sha256": hashlib.sha256(bomb[:100]).hexdigest()}  # lies about its size
    raw = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    public = x25519.X25519PublicKey.from_public_bytes(COUNTY.peer.x25519)
    sealed = pf._SUITE.encrypt(zlib.compress(bomb), public, info=pf.MAGIC + raw)
    body = pf.MAGIC + len(raw).to_bytes(4, "big") + raw + len(sealed).to_bytes(8, "big") + sealed
    _refused(body + TOWN.signing.sign(body), "package.cannot_open")


def test_a_thousand_random_damages_are_each_refused_cleanly() -> None:
    data = _build()
    rng = random.Random(20191025)
    keys: dict[str, int] = {}
    for n in range(1200):
        kind = n % 4
        if kind == 0:  # one flipped bit anywhere
            i = rng.randrange(len(data))
            damaged = data[:i] + bytes([data[i] ^ (1 << rng.randrange(8))]) + data[i + 1:]
        elif kind == 1:  # several random bytes
            damaged = bytearray(data)
            for _ in range(rng.randint(2, 8)):
                damaged[rng.randrange(len(data))] = rng.randrange(256)
            damaged = bytes(damaged)
            if damaged == data:
                continue
        elif kind == 2:  # cut off
            damaged = data[:rng.randrange(len(data))]
        else:  # bytes appended
            damaged = data + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        with pytest.raises(InputRejected) as caught:
            _open(damaged)
        keys[caught.value.key] = keys.get(caught.value.key, 0) + 1
    assert sum(keys.values()) >= 1000
    assert set(keys) <= {"package.not_package", "package.damaged", "package.bad_signature", "package.untrusted",
                         "package.newer_version", "package.not_for_us"}
    assert keys["package.bad_signature"] > 100 and keys["package.damaged"] > 100
