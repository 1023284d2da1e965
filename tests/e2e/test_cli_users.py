"""`ykt user …` and logging in on the command line (SPEC §9, §10; issue 7), on both backends."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from dbs import ENCRYPTED, sql
from staff import PASSWORDS, ROLES, as_user
from ykt_cli import run

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
GAOLING = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"
#: Rights and lock-outs are decided above the database; where logging in differs (the encrypted file's
#: key slots) they run too. PostgreSQL runs the other tests of this module.
NOT_ON_SERVER = pytest.mark.parametrize("backend", ["sqlite", ENCRYPTED], indirect=True)


def test_once_users_exist_every_command_needs_a_login(home: Path, staffed: str) -> None:
    anonymous = run(home, "--db", staffed, "stats", YKT_USER="", YKT_PASSWORD="")
    assert anonymous.returncode == 2 and "YKT_USER" in anonymous.stderr
    wrong = run(home, "--db", staffed, "stats", YKT_USER="张录入", YKT_PASSWORD="猜一个口令")
    assert wrong.returncode == 3 and "用户名或密码不对" in wrong.stderr
    nobody = run(home, "--db", staffed, "stats", YKT_USER="没有这个人", YKT_PASSWORD="猜一个口令")
    assert nobody.returncode == 3 and "用户名或密码不对" in nobody.stderr
    assert run(home, "--db", staffed, "stats", **as_user("赵查看")).returncode == 0
    listed = run(home, "--db", staffed, "--json", "user", "list", **as_user("管理员"))
    assert {(u["name"], u["role"]) for u in json.loads(listed.stdout)} == {("管理员", "admin"), *ROLES.items()}


#: (who, command, allowed), run in this order on one database.
RIGHTS = [
    ("王审核", ("import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03"), False),
    ("赵查看", ("import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03"), False),
    ("纪检组", ("import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03"), False),
    ("张录入", ("import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03"), True),
    ("赵查看", ("check",), False), ("王审核", ("check",), True), ("张录入", ("check",), True),
    ("张录入", ("user", "add", "李四", "--role", "clerk"), False),
    ("王审核", ("rules", "set", "MULTI_CARD", "max_accounts", "2"), False),
    ("管理员", ("rules", "set", "MULTI_CARD", "max_accounts", "2"), True),
    ("纪检组", ("user", "disable", "张录入", "--reason", "调离"), False),
    ("管理员", ("user", "disable", "张录入", "--reason", "调离"), True),
]


@NOT_ON_SERVER
def test_each_role_acts_only_within_its_rights_and_is_audited_by_name(home: Path, staffed: str) -> None:
    for who, command, allowed in RIGHTS:
        done = run(home, "--db", staffed, *command, **as_user(who), YKT_NEW_PASSWORD="新用户的口令 2019")
        assert done.returncode == (0 if allowed else 3), (who, command, done.stderr)
        if not allowed:
            assert f"{who} 无权执行" in done.stderr
    assert sql(staffed, "SELECT actor FROM audit_events WHERE action = 'import.roster'") == [("张录入",)]
    assert sql(staffed, "SELECT COUNT(*) FROM payments") == [(120,)]
    assert sql(staffed, "SELECT actor FROM audit_events WHERE action = 'user.disable'") == [("管理员",)]
    disabled = run(home, "--db", staffed, "stats", **as_user("张录入"))
    assert disabled.returncode == 3 and "用户名或密码不对" in disabled.stderr
    copy = str(home / "副本.sqlite3")
    refused = run(home, "migrate", "--from", staffed, "--to", copy, **as_user("王审核"))
    assert refused.returncode == 3 and "王审核 无权执行“管理密钥”" in refused.stderr
    assert not Path(copy).exists()
    moved = run(home, "migrate", "--from", staffed, "--to", copy, **as_user("管理员"))
    assert moved.returncode == 0, moved.stderr
    assert run(home, "--db", copy, "stats", **as_user("赵查看")).returncode == 0  # the users came along


@NOT_ON_SERVER
def test_wrong_passwords_lock_the_user_out_and_the_audit_keeps_no_secret(home: Path, staffed: str) -> None:
    for _ in range(3):
        assert run(home, "--db", staffed, "stats", YKT_USER="王审核", YKT_PASSWORD="错的口令").returncode == 3
    locked = run(home, "--db", staffed, "stats", **as_user("王审核"))
    assert locked.returncode == 3 and re.search(r"已被锁定，请 (29|30) 秒后再试", locked.stderr)
    assert run(home, "--db", staffed, "stats", **as_user("赵查看")).returncode == 0  # others are not locked
    changed = run(home, "--db", staffed, "user", "passwd", "赵查看", **as_user("赵查看"),
                  YKT_NEW_PASSWORD="查看员的新口令 2020")
    assert changed.returncode == 0, changed.stderr
    assert run(home, "--db", staffed, "stats", **as_user("赵查看")).returncode == 3
    assert run(home, "--db", staffed, "stats", YKT_USER="赵查看", YKT_PASSWORD="查看员的新口令 2020").returncode == 0
    verified = run(home, "--db", staffed, "audit", "verify", **as_user("管理员"))
    assert verified.returncode == 0, verified.stderr
    details = " ".join(f"{a} {d}" for a, d in sql(staffed, "SELECT actor, detail FROM audit_events"))
    assert all(p not in details for p in (*PASSWORDS.values(), "错的口令", "查看员的新口令 2020", "$argon2"))
    log = (home / "ykt-data" / "logs" / "ykt.log")
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    assert all(p not in text for p in (*PASSWORDS.values(), "错的口令"))


def test_the_audit_list_filters_by_user_action_object_and_time(home: Path, staffed: str) -> None:
    imported = run(home, "--db", staffed, "import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03",
                   **as_user("张录入"))
    assert imported.returncode == 0, imported.stderr

    def listed(*args: str, who: str = "王审核") -> list[dict[str, object]]:
        done = run(home, "--db", staffed, "--json", "audit", "list", *args, **as_user(who))
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)  # type: ignore[no-any-return]

    everything = listed()
    assert everything[0]["action"] == "import.roster" and everything[-1]["action"] == "init"
    by_clerk = [(e["actor"], e["action"]) for e in listed("--user", "张录入")]
    assert by_clerk == [("张录入", "import.roster"), ("张录入", "backup.made")]
    users_made = listed("--action", "user")
    assert {e["action"] for e in users_made} == {"user.add"} and len(users_made) == 5
    assert [e["action"] for e in listed("--object", "import_batches")] == ["import.roster"]
    assert listed("--since", "2100-01-01") == [] and len(listed("--limit", "3")) == 3
    table = run(home, "--db", staffed, "audit", "list", "--user", "张录入", **as_user("赵查看"))
    assert table.returncode == 0 and "import.roster" in table.stdout and "张录入" in table.stdout
    bad = run(home, "--db", staffed, "audit", "list", "--since", "七月", **as_user("赵查看"))
    assert bad.returncode == 2 and "不是日期" in bad.stderr
    shown = json.dumps(everything, ensure_ascii=False)
    assert all(p not in shown for p in PASSWORDS.values())


def test_bad_options_are_usage_errors(home: Path, county: str) -> None:
    long_name = run(home, "--db", county, "user", "add", "二号管理员", "--role", "admin", "--display-name", "长" * 101,
                    YKT_NEW_PASSWORD=PASSWORDS["管理员"])
    assert long_name.returncode == 2 and "姓名太长" in long_name.stderr
    assert run(home, "--db", county, "audit", "list", "--limit", "0").returncode == 2
    assert run(home, "--db", county, "audit", "list", "--limit", "-1").returncode == 2
