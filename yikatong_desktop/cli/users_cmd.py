"""`ykt user add|list|passwd|disable`: the people who log in (SPEC §9, §10).

The acting user logs in with YKT_USER / YKT_PASSWORD (or at a prompt); a new password comes
from YKT_NEW_PASSWORD or a prompt asked twice, never from the command line.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.cli.words import json_flag, role_word, zh_en
from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.users import role_of
from yikatong_desktop.services import users
from yikatong_desktop.services.secrets import NEW_PASSWORD, PASSWORD, Secrets


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`user` and its subcommands, on the main parser's subcommands."""
    s = sub.add_parser("user", help=zh_en("用户：添加、列出、改密码、停用（第一个用户必须是管理员）",
                                          "users: add, list, change password, disable (the first user must be an "
                                          "administrator)"))
    c = s.add_subparsers(dest="user_command", metavar="SUBCOMMAND", parser_class=type(s))
    c.required = True
    add = c.add_parser("add", help=zh_en("添加用户（密码取自 YKT_NEW_PASSWORD，或在终端输入两次）",
                                         "add a user (password from YKT_NEW_PASSWORD, or typed twice in the "
                                         "terminal)"))
    add.add_argument("name", help=zh_en("用户名（登录用）", "user name (to log in)"))
    add.add_argument("--role", required=True,
                     help=zh_en("角色：admin 管理员、clerk 录入、reviewer 审核、viewer 查看、discipline 纪检",
                                "role: admin: administrator, clerk, reviewer, viewer, discipline: discipline "
                                "inspector"))
    add.add_argument("--display-name", help=zh_en("显示的姓名（默认同用户名）", "name shown (default the user name)"))
    ls = c.add_parser("list", help=zh_en("列出用户（含已停用的）", "list users (with the disabled ones)"))
    ls.add_argument("--json", **json_flag())
    pw = c.add_parser("passwd", help=zh_en("改密码：自己的（需已登录），或管理员重设他人的",
                                           "change a password: your own (logged in), or an administrator resets "
                                           "another's"))
    pw.add_argument("name")
    off = c.add_parser("disable", help=zh_en("停用用户（不删除：审计日志里仍有其名）",
                                             "disable a user (not deleted: the audit log still names them)"))
    off.add_argument("name")
    off.add_argument("--reason", required=True,
                     help=zh_en("停用原因（记入审计日志）", "reason (written to the audit log)"))


def _local(moment: datetime | None) -> str:
    return f"{moment.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}" if moment else ""


def run(args: argparse.Namespace) -> int:
    """Run `ykt user …`."""
    app = bootstrap.open_app(args.db)
    try:
        command = args.user_command
        if command == "list":
            with app.reader() as uow:
                rows = users.list_users(uow, app.actor)
            if args.json:
                emit_json([{"name": u.name, "display_name": u.display_name, "role": u.role.value,
                            "disabled": u.disabled, "failed_logins": u.failed_logins,
                            "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None}
                           for u in rows])
            else:
                print(table([zh_en("用户名", "User name"), zh_en("姓名", "Name"), zh_en("角色", "Role"),
                             zh_en("状态", "Status"), zh_en("上次登录", "Last login")],
                            [(u.name, u.display_name, role_word(u.role),
                              zh_en("已停用", "disabled") if u.disabled else zh_en("启用", "active"),
                              _local(u.last_login_at)) for u in rows]))
            return 0
        with app.uow() as uow:
            if command == "add":
                role = role_of(args.role)
                password = Secrets().get(NEW_PASSWORD, confirm=True)
                made = users.add_user(uow, app.actor, args.name, role, password, display_name=args.display_name)
                done = zh_en(f"已添加用户“{made.name}”（{role_word(made.role)}）。",
                             f"User “{made.name}” added ({role_word(made.role)}).")
            elif command == "passwd":
                password = Secrets().get(NEW_PASSWORD, confirm=True)
                own = app.actor.name == args.name and not app.actor.single_user
                users.change_password(uow, app.actor, args.name, password,
                                      old_password=Secrets().get(PASSWORD) if own else None)
                done = zh_en(f"用户“{args.name}”的密码已修改。", f"Password of user “{args.name}” changed.")
            else:
                users.disable_user(uow, app.actor, args.name, args.reason)
                done = zh_en(f"用户“{args.name}”已停用。", f"User “{args.name}” disabled.")
            uow.commit()
        say(done)
        return 0
    finally:
        app.close()
