"""Evidence files live in the database (SPEC §7: kept with backups): a backup carries them, a restore brings
them back byte for byte, on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from yikatong_desktop import bootstrap
from yikatong_desktop.bootstrap import backups
from yikatong_desktop.services import ledger

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40  # a PNG as far as its first bytes go


def test_a_restore_brings_back_evidence_added_before_the_backup(installation: Callable[..., bootstrap.App],
                                                                tmp_path: Path) -> None:
    app = installation()
    photo = tmp_path / "整改照片.png"
    photo.write_bytes(PHOTO)
    with app.uow() as uow:
        p = ledger.register(uow, app.actor, {"category": "1.3", "description": "现金发放"}, evidence=[photo])
        uow.commit()
    made = backups.make_backup(app, "manual")
    with app.uow() as uow:  # after the backup: the problem gets a second file
        ledger.add_evidence(uow, app.actor, p.number, photo)
        uow.commit()
    backups.restore(app, made, lambda: "")
    reopened = bootstrap.open_app(str(app.location.path) if app.location.path else app.location.display)
    try:
        with reopened.reader() as uow:
            d = ledger.detail(uow, reopened.actor, p.number)
            assert len(d.evidence) == 1  # as it was at the backup
            name, content = ledger.evidence_content(uow, reopened.actor, d.evidence[0].uid)
        assert name == "整改照片.png" and content == PHOTO
        assert d.evidence[0].sha256 == hashlib.sha256(PHOTO).hexdigest() and int(d.evidence[0].size) == len(PHOTO)
    finally:
        reopened.close()
        app.close()
