"""Each role against one command per protected action, as typed (SPEC §9, §10; issue 7).

Allowed: exit 0. Refused: exit 3, "<user> 无权执行“<action>”" on stderr, and nothing left behind — no
audit event, no backup, no migrated copy. One staffed county (SQLite) serves the whole module:
the commands are chosen so that the roles do not get in each other's way (each adds its own person
and user, migrates to its own file); the restore, which puts an older database back, comes last.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from dbs import Databases, count, sql
from staff import ROLES, add_staff, as_user
from ykt_cli import run

pytestmark = pytest.mark.slow  # about 60 runs of `ykt`
SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
GAOLING = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"
ADMIN = "管理员"
STAFF = [ADMIN, *ROLES]
#: A valid 身份证号 for each user to enter by hand (two people entering the same one would clash).
PERSON_IDS = {"管理员": "652323195203041221", "张录入": "652323194807151232", "王审核": "652323195509201240",
              "赵查看": "652323195203041221", "纪检组": "652323195203041221"}


class County:
    """The module's staffed county: its HOME and its --db."""

    def __init__(self, home: Path, db: str) -> None:
        self.home, self.db = home, db

    def ykt(self, who: str, *args: str, **env: str) -> tuple[int, str, str]:
        done = run(self.home, "--db", self.db, *args, **as_user(who), **env)
        return done.returncode, done.stdout, done.stderr

    def traces(self) -> tuple[int, int, int]:
        """What any change leaves: audit events, backups kept, migrated copies."""
        backups = self.home / "ykt-data" / "backups"
        kept = sum(1 for _ in backups.rglob("*.sqlite3")) if backups.is_dir() else 0
        return count(self.db, "SELECT COUNT(*) FROM audit_events"), kept, len(list(self.home.glob("迁移*")))


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> Iterator[County]:
    """A county (`ykt init`) whose admin added one user per other role.

    SQLite only: every refusal here happens in `authorize`, before the backend plays any part, and
    each `ykt` costs about a second; the services' role test (tests/integration/test_roles.py) and
    test_cli_users.py run on PostgreSQL too.
    """
    home = tmp_path_factory.mktemp("roles")
    dbs = Databases("sqlite", home, None)
    db = dbs.target("county.sqlite3")
    done = run(home, "--db", db, "init", "--org", "652323", "--name", "呼图壁县", "--level", "county",
               YKT_KEY_PASSPHRASE="pw")
    assert done.returncode == 0, done.stderr
    add_staff(home, db)
    yield County(home, db)

Command = Callable[[County, str], tuple[str, ...]]
#: (what it is, the refusal's action text, who may, the command for a user, the audit event it leaves).
COMMANDS: list[tuple[str, str, set[str], Command, str | None]] = [
    ("view", "查看数据", set(STAFF), lambda c, who: ("stats",), None),
    ("verify", "核验", set(STAFF), lambda c, who: ("audit", "list", "--limit", "5"), None),
    ("import", "导入", {ADMIN, "张录入"},
     lambda c, who: ("import", "roster", str(GAOLING), "--program", "MZ02", "--period", "2018-03"), "backup.made"),
    ("correct", "更正数据", {ADMIN, "张录入"},
     lambda c, who: ("person", "add", "--id", PERSON_IDS[who], "--name", "李秀英", "--township", "大丰镇",
                     "--village", "东村", "--reason", "新迁入"), "person.add_by_hand"),
    ("check", "运行自查", {ADMIN, "张录入", "王审核"}, lambda c, who: ("check",), "check.run"),
    ("settings", "修改设置", {ADMIN},
     lambda c, who: ("rules", "set", "MULTI_CARD", "max_accounts", "2"), "settings.rule_param"),
    ("manage users", "管理用户", {ADMIN},
     lambda c, who: ("user", "add", f"新同事{STAFF.index(who)}", "--role", "viewer"), "user.add"),
    ("backup", "备份数据库", {ADMIN, "张录入", "王审核"}, lambda c, who: ("backup",), "backup.made"),
    ("migrate", "管理密钥", {ADMIN},
     lambda c, who: ("migrate", "--from", c.db, "--to", str(c.home / f"迁移{STAFF.index(who)}.sqlite3")), None),
]


@pytest.mark.parametrize("who", STAFF, ids=["admin", *ROLES.values()])
def test_each_role_runs_exactly_the_commands_of_its_rights(office: County, who: str) -> None:
    for what, action, allowed, command, event in COMMANDS:
        before = office.traces()
        newest = count(office.db, "SELECT COALESCE(MAX(id), 0) FROM audit_events")
        code, _, err = office.ykt(who, *command(office, who), YKT_NEW_PASSWORD="新同事的口令 2019")
        if who in allowed:
            assert code == 0, (who, what, err)
            if event is not None:
                made = sql(office.db, "SELECT action FROM audit_events WHERE id > ? AND actor = ?", (newest, who))
                assert (event,) in made, (who, what, made)
        else:
            assert code == 3 and f"{who} 无权执行“{action}”" in err, (who, what, code, err)
            assert office.traces() == before, (who, what)
    assert (office.home / f"迁移{STAFF.index(who)}.sqlite3").exists() is (who == ADMIN)


def test_a_refused_merge_makes_no_backup_first(office: County) -> None:
    """A merge (like an import) is preceded by a backup: not when the user may not merge."""
    before = office.traces()
    code, _, err = office.ykt("张录入", "program", "merge", "XZ01", "--into", "MZ02", "--reason", "同一项目")
    assert code == 3 and "张录入 无权执行“修改设置”" in err, err
    assert office.traces() == before


def test_only_the_admin_restores_and_the_restore_is_audited_in_their_name(office: County) -> None:
    code, out, err = office.ykt(ADMIN, "--json", "backup")
    assert code == 0, err
    backup = json.loads(out)["file"]
    for who in ROLES:
        before = office.traces()
        code, _, err = office.ykt(who, "restore", backup, "--yes")
        assert code == 3 and f"{who} 无权执行“从备份恢复”" in err, (who, err)
        assert office.traces() == before
    code, _, err = office.ykt(ADMIN, "restore", backup, "--yes")
    assert code == 0, err
    assert sql(office.db, "SELECT actor FROM audit_events WHERE action = 'db.restore'") == [(ADMIN,)]
