"""The org keystore beside the database (SPEC §9, §12): sealed private part, audit head kept outside the table."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from ykt_integration import PASSPHRASE, init_installation, sql

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.formats import keystore
from yikatong_desktop.services.queries import campaign, set_campaign


def test_init_creates_the_keystore_beside_the_database(tmp_path: Path) -> None:
    app = init_installation(tmp_path / "a.sqlite3")
    app.close()

    assert app.keystore_path == tmp_path / "a.sqlite3.keys"
    doc = keystore.read_keystore(app.keystore_path)
    assert doc["org"] == {"code": "652323", "name": "呼图壁县"}
    assert (app.keystore_path.stat().st_mode & 0o077) == 0


def test_private_part_opens_with_the_right_passphrase_and_matches_the_public_keys(tmp_path: Path) -> None:
    app = init_installation(tmp_path / "a.sqlite3", passphrase=PASSPHRASE)
    app.close()

    keys = keystore.unlock(app.keystore_path, PASSPHRASE)
    public = keystore.read_keystore(app.keystore_path)["public"]
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    assert base64.b64encode(keys.signing.public_key().public_bytes(*raw)).decode() == public["ed25519"]
    assert base64.b64encode(keys.exchange.public_key().public_bytes(*raw)).decode() == public["x25519"]
    assert keys.certificate.public_key() == keys.pdf_key.public_key()
    assert len(keys.mask_secret) == 32


def test_a_wrong_passphrase_is_refused(tmp_path: Path) -> None:
    app = init_installation(tmp_path / "a.sqlite3", passphrase=PASSPHRASE)
    app.close()

    with pytest.raises(InputRejected) as caught:
        keystore.unlock(app.keystore_path, PASSPHRASE + "x")

    assert caught.value.key == "keystore.bad_passphrase"


def test_keystore_file_holds_no_private_key_material_in_clear(tmp_path: Path) -> None:
    app = init_installation(tmp_path / "a.sqlite3", passphrase=PASSPHRASE)
    app.close()

    text = app.keystore_path.read_text(encoding="utf-8")
    keys = keystore.unlock(app.keystore_path, PASSPHRASE)
    pkcs8 = keys.pdf_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption())
    secrets = {
        "ed25519": keys.signing.private_bytes_raw(),
        "x25519": keys.exchange.private_bytes_raw(),
        "p256": pkcs8,
        "mask_secret": keys.mask_secret,
    }
    for name, secret in secrets.items():
        for shown in (base64.b64encode(secret).decode(), secret.hex(), secret.hex().upper(),
                      base64.urlsafe_b64encode(secret).decode().rstrip("=")):
            assert shown not in text, name
    assert "PRIVATE KEY" not in text
    assert PASSPHRASE not in text


def test_audit_head_recorded_after_commit_equals_the_tables_last_event(tmp_path: Path) -> None:
    app = init_installation(tmp_path / "a.sqlite3")
    with app.uow() as uow:
        set_campaign(uow, app.actor, campaign(uow))
        uow.commit()
    with app.uow() as uow:
        table_head = uow.audit.head("652323")
    app.close()

    last = sql(tmp_path / "a.sqlite3", "SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1")[0]
    assert table_head == last
    assert keystore.audit_head(app.keystore_path, "652323") == (2, last[1])


def test_a_rolled_back_unit_of_work_does_not_move_the_recorded_head(tmp_path: Path) -> None:
    app = init_installation(tmp_path / "a.sqlite3")
    head = app.recorded_head("652323")
    with app.uow() as uow:
        set_campaign(uow, app.actor, campaign(uow))  # no commit
    app.close()

    assert head is not None and head[0] == 1
    assert keystore.audit_head(app.keystore_path, "652323") == head
    assert sql(tmp_path / "a.sqlite3", "SELECT COUNT(*) FROM audit_events") == [(1,)]
