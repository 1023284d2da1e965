"""A GUI test's installation with users: an admin first (single-user mode ends), then logged in as a viewer."""

from __future__ import annotations

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.permissions import Role
from yikatong_desktop.services import users


def log_in_as_viewer(app: bootstrap.App) -> None:
    """Add 主任 (admin) and 查看员 (viewer) and leave the app logged in as the viewer."""
    with app.uow() as uow:
        users.add_user(uow, app.actor, "主任", Role.ADMIN, "主任的口令 2019")
        uow.commit()
    bootstrap.login(app, "主任", "主任的口令 2019")
    with app.uow() as uow:
        users.add_user(uow, app.actor, "查看员", Role.VIEWER, "查看员的口令 2019")
        uow.commit()
    bootstrap.login(app, "查看员", "查看员的口令 2019")
