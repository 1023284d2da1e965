"""`ykt user add|list|passwd|disable`: the people who log in (SPEC §9, §10).

The acting user logs in with YKT_USER / YKT_PASSWORD (or at a prompt); a new password comes
from YKT_NEW_PASSWORD or a prompt asked twice, never from the command line.
"""

from __future__ import annotations

import argparse
from datetime import datetime

from yikatong_desktop import bootstrap
from yikatong_desktop.cli.output import emit_json, say, table
from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.permissions import ROLE_LABELS
from yikatong_desktop.domain.users import role_of
from yikatong_desktop.services import users
from yikatong_desktop.services.secrets import NEW_PASSWORD, PASSWORD, Secrets


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """`user` and its subcommands, on the main parser's subcommands."""
    s = sub.add_parser("user", help="用户：添加、列出、改密码、停用（第一个用户必须是管理员）")
    c = s.add_subparsers(dest="user_command", metavar="SUBCOMMAND", parser_class=type(s))
    c.required = True
    add = c.add_parser("add", help="添加用户（密码取自 YKT_NEW_PASSWORD，或在终端输入两次）")
    add.add_argument("name", help="用户名（登录用）")
    add.add_argument("--role", required=True,
                     help="角色：admin 管理员、clerk 录入、reviewer 审核、viewer 查看、discipline 纪检")
    add.add_argument("--display-name", help="显示的姓名（默认同用户名）")
    ls = c.add_parser("list", help="列出用户（含已停用的）")
    ls.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="打印 JSON")
    pw = c.add_parser("passwd", help="改密码：自己的（需已登录），或管理员重设他人的")
    pw.add_argument("name")
    off = c.add_parser("disable", help="停用用户（不删除：审计日志里仍有其名）")
    off.add_argument("name")
    off.add_argument("--reason", required=True, help="停用原因（记入审计日志）")


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
                print(table(["用户名", "姓名", "角色", "状态", "上次登录"],
                            [(u.name, u.display_name, ROLE_LABELS[u.role], "已停用" if u.disabled else "启用",
                              _local(u.last_login_at)) for u in rows]))
            return 0
        with app.uow() as uow:
            if command == "add":
                role = role_of(args.role)
                password = Secrets().get(NEW_PASSWORD, confirm=True)
                made = users.add_user(uow, app.actor, args.name, role, password, display_name=args.display_name)
                done = f"已添加用户“{made.name}”（{ROLE_LABELS[made.role]}）。"
            elif command == "passwd":
                password = Secrets().get(NEW_PASSWORD, confirm=True)
                own = app.actor.name == args.name and not app.actor.single_user
                users.change_password(uow, app.actor, args.name, password,
                                      old_password=Secrets().get(PASSWORD) if own else None)
                done = f"用户“{args.name}”的密码已修改。"
            else:
                users.disable_user(uow, app.actor, args.name, args.reason)
                done = f"用户“{args.name}”已停用。"
            uow.commit()
        say(done)
        return 0
    finally:
        app.close()
