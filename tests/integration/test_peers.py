"""Trusted peers as packages are checked against them (SPEC §8; services/peers.py, formats/package_file.py).

A township's package opens at its county once the county trusts the township's key file, and not
after the county revoked it; the peers and the revocation live in the database, on both backends.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from dbs import Databases
from ledger_support import CLERK, refused, run
from ykt_integration import PASSPHRASE, init_installation

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected, PermissionDenied
from yikatong_desktop.formats import keystore
from yikatong_desktop.formats import package_file as pf
from yikatong_desktop.services import peers


def _package(town: bootstrap.App, county: bootstrap.App, payload: bytes) -> bytes:
    """What the township sends: sealed for the county's exchange key, signed with the township's."""
    keys = keystore.unlock(town.keystore_path, PASSPHRASE)
    with county.reader() as uow:
        recipient = peers.own_public(uow, county.keystore_path)
    with town.reader() as uow:
        me = peers.own_public(uow, town.keystore_path)
    return pf.build(payload, sender=pf.Party(me.org_code, me.org_name, me.fingerprint),
                    recipient=pf.PeerKeys(recipient.org_code, recipient.org_name, recipient.ed25519,
                                          recipient.x25519),
                    signing_key=keys.signing, package_id="p-1", epoch=1, sequence=1,
                    created="2019-07-15T10:00:00+08:00", counts={}, previous=None, audit_head=None, direction="up")


def _open(county: bootstrap.App, data: bytes) -> pf.Opened:
    keys = keystore.unlock(county.keystore_path, PASSPHRASE)
    with county.reader() as uow:
        known = peers.peer_keys(uow)
    return pf.open_package(data, own_code="652323", own_exchange=keys.exchange, peers=known, name="大丰镇.ykt")


def _township(dbs: Databases, file: str) -> bootstrap.App:
    return init_installation(dbs.target(file), code="652323101", name="大丰镇", level="township", parent="652323")


@pytest.fixture
def offices(installation: Callable[..., bootstrap.App], dbs: Databases) -> tuple[bootstrap.App, bootstrap.App]:
    return installation("county.sqlite3"), _township(dbs, "town.sqlite3")


def test_a_package_opens_once_its_sender_is_trusted_and_not_after_a_revocation(
        offices: tuple[bootstrap.App, bootstrap.App]) -> None:
    county, town = offices
    data = _package(town, county, b'{"payments": []}')
    with pytest.raises(InputRejected) as caught:
        _open(county, data)
    assert caught.value.key == "package.untrusted"

    with town.reader() as uow:
        keys = peers.own_public(uow, town.keystore_path)
    peer, new = run(county, peers.trust, county.actor, county.keystore_path, keys,
                    expect_fingerprint=keys.fingerprint[:19], confirmed=False)
    assert new and peer.org_code == "652323101" and not peer.revoked
    assert _open(county, data).payload == b'{"payments": []}'

    run(county, peers.revoke, county.actor, "652323101", reason="电脑丢失")
    with pytest.raises(InputRejected) as caught:
        _open(county, data)
    assert caught.value.key == "package.revoked"


def test_trusting_needs_a_checked_fingerprint_and_the_right_role(offices: tuple[bootstrap.App, bootstrap.App]) -> None:
    county, town = offices
    with town.reader() as uow:
        keys = peers.own_public(uow, town.keystore_path)
    unchecked = refused(county, lambda uow: peers.trust(uow, county.actor, county.keystore_path, keys,
                                                        expect_fingerprint=None, confirmed=False))
    assert unchecked.key == "keys.trust_unconfirmed"
    wrong = refused(county, lambda uow: peers.trust(uow, county.actor, county.keystore_path, keys,
                                                    expect_fingerprint="ABCD " * 4, confirmed=True))
    assert wrong.key == "keys.key_fingerprint_mismatch"
    refused(county, lambda uow: peers.trust(uow, CLERK, county.keystore_path, keys, expect_fingerprint=None,
                                            confirmed=True), PermissionDenied)
    refused(county, lambda uow: peers.revoke(uow, CLERK, "652323101"), PermissionDenied)
    with county.reader() as uow:
        assert peers.list_peers(uow, county.actor) == []


def test_a_changed_key_is_refused_until_the_old_one_is_revoked(offices: tuple[bootstrap.App, bootstrap.App],
                                                               dbs: Databases) -> None:
    county, town = offices
    with town.reader() as uow:
        old = peers.own_public(uow, town.keystore_path)
    run(county, peers.trust, county.actor, county.keystore_path, old, expect_fingerprint=None, confirmed=True)
    reinstalled = _township(dbs, "town2.sqlite3")
    with reinstalled.reader() as uow:
        new = peers.own_public(uow, reinstalled.keystore_path)
    clash = refused(county, lambda uow: peers.trust(uow, county.actor, county.keystore_path, new,
                                                    expect_fingerprint=None, confirmed=True))
    assert clash.key == "keys.peer_has_other_key" and old.fingerprint in clash.text()

    run(county, peers.revoke, county.actor, "大丰镇")
    peer, added = run(county, peers.trust, county.actor, county.keystore_path, new, expect_fingerprint=None,
                      confirmed=True)
    assert added and peer.fingerprint == new.fingerprint and not peer.revoked
    again = refused(county, lambda uow: peers.trust(uow, county.actor, county.keystore_path, old,
                                                    expect_fingerprint=None, confirmed=True))
    assert again.key in ("keys.trust_revoked_key", "keys.peer_has_other_key")
    data = _package(reinstalled, county, b"{}")
    assert _open(county, data).payload == b"{}"
