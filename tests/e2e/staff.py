"""The county's staff for the user and role tests: one user per role, their passwords, and logging in."""

from __future__ import annotations

import json
from pathlib import Path

from dbs import ENCRYPTED_LOGIN
from ykt_cli import run

PASSWORDS = {"管理员": "管理员的口令 2019", "张录入": "录入员口令 2019", "王审核": "审核员口令 2019",
             "赵查看": "查看员口令 2019", "纪检组": "纪检员口令 2019"}
#: The users the admin adds, with their roles (the admin, 管理员, comes first).
ROLES = {"张录入": "clerk", "王审核": "reviewer", "赵查看": "viewer", "纪检组": "discipline"}


def as_user(name: str) -> dict[str, str]:
    """The environment that logs `ykt` in as this user."""
    return {"YKT_USER": name, "YKT_PASSWORD": PASSWORDS[name]}


def add_staff(home: Path, db: str) -> None:
    """Make the admin (in single-user mode; an encrypted database has them already), who then adds
    one user per other role."""
    if not ENCRYPTED_LOGIN == ("管理员", PASSWORDS["管理员"]):
        raise AssertionError("the encrypted leg's admin is this county's admin")
    listed = run(home, "--db", db, "--json", "user", "list", **as_user("管理员"))
    assert listed.returncode == 0, listed.stderr
    if not json.loads(listed.stdout):  # no users yet: single-user mode
        made = run(home, "--db", db, "user", "add", "管理员", "--role", "admin", YKT_NEW_PASSWORD=PASSWORDS["管理员"])
        assert made.returncode == 0 and "已添加用户“管理员”（管理员）" in made.stderr, made.stderr
    for name, role in ROLES.items():
        added = run(home, "--db", db, "user", "add", name, "--role", role, **as_user("管理员"),
                    YKT_NEW_PASSWORD=PASSWORDS[name])
        assert added.returncode == 0, added.stderr
