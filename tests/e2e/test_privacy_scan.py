"""No password, password hash, full ID, bank account or phone number in logs, audit details or command output
(SPEC §9; issue 7 "Done when").

One full workflow runs through the real `ykt` in a fresh data folder: the demo, users, a failed login, roster and
list imports (one with --errors), checks, findings confirmed and dismissed, a person and a payment corrected and
added by hand, a batch voided, backups inside and outside the data folder, the audit list, and failing commands
with --debug (one refused, one a bug raised by a database error that quotes the row). Then every sensitive value
the database holds is looked for, in several spellings, in

(a) every application log file (rotated ones too),
(b) every audit event's actor, object and detail,
(c) the stdout and stderr of every command, except the two that show IDs to the user who asked for them:
    the findings work list and a person lookup by ID number (SPEC §9 keeps IDs out of the 公示 list, the log
    and the audit; a clerk's own work list and lookup are where they are meant to be read).

Typed free text (a dismissal reason, a correction reason) deliberately carries an ID, a phone and an account, so
the masking safety net is exercised too; and the scan must see masked forms where the values would have been, so
the test fails if masking breaks rather than passing because nothing was looked at.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from ykt_cli import YKT, cli_env, run

SAMPLES = Path("/work/shared/samples")
GAOLING = SAMPLES / "民政_高龄津贴_2018年3月.xlsx"
GRAIN = SAMPLES / "财政_粮食直补_2017_utf8bom.csv"  # accounts written with spaces every 4 digits
BANK_RETURN = SAMPLES / "银行_代发回盘_201803.xlsx"
DEATHS = SAMPLES / "死亡人员名单_2018.xlsx"

ADMIN, ADMIN_PW = "admin", "管理员的口令 Adm1n-7731"
CLERK, CLERK_PW = "clerk1", "Clerk-录入口令-42abc"
WRONG_PW = "猜错的口令 wrong-guess-9090"
PASSWORDS = (ADMIN_PW, CLERK_PW, WRONG_PW)

NEW_PHONE = "13899912345"  # given to a person by `person edit`
ADDED_PHONE = "13712345678"  # on a person added by hand
NEW_ACCOUNT = "6217002870012345678"  # a payment's new card, typed with spaces by the clerk
ADDED_ACCOUNT = "6228480012345678901"  # on a payment added by hand

pytestmark = pytest.mark.slow


def _with_check_char(body: str) -> str:
    """A 17-digit ID body with its GB 11643 check character."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


ADDED_ID = _with_check_char("65232319500101123")  # a person added by hand
PAID_ID = _with_check_char("65232319480315204")  # a person a hand-entered payment creates


def _grouped(digits: str, size: int = 4, sep: str = " ") -> str:
    return sep.join(digits[i:i + size] for i in range(0, len(digits), size))


def _masked_id(id_number: str) -> str:
    """How audit details and the log show an 18-digit ID (domain/privacy.py)."""
    return f"{id_number[:6]}{'*' * 8}{id_number[-4:]}"


@dataclass
class Step:
    label: str
    done: subprocess.CompletedProcess[str]
    shows_ids: bool  # output the user asked for that is meant to show IDs (not scanned)

    @property
    def output(self) -> str:
        return self.done.stdout + self.done.stderr


@dataclass
class Workflow:
    home: Path
    db: Path
    steps: list[Step] = field(default_factory=list)
    probe_id: str = ""  # the person whose finding is dismissed and who is corrected
    probe_old_account: str = ""

    @property
    def data_folder(self) -> Path:
        return self.home / "ykt-data"

    def step(self, label: str, *args: str, user: tuple[str, str] | None = None, shows_ids: bool = False,
             expect: int = 0, **env: str) -> subprocess.CompletedProcess[str]:
        if user is not None:
            env = {"YKT_USER": user[0], "YKT_PASSWORD": user[1], **env}
        done = run(self.home, "--db", str(self.db), *args, executable=(YKT,), **env)
        assert done.returncode == expect, f"{label}: {done.returncode}\n{done.stdout}\n{done.stderr}"
        self.steps.append(Step(label, done, shows_ids))
        return done

    def debug_step(self, label: str, *args: str, user: tuple[str, str],
                   expect: int) -> subprocess.CompletedProcess[str]:
        """A failing command with --debug: its traceback on stderr is wanted, so not through `run`."""
        done = subprocess.run([YKT, "--db", str(self.db), "--debug", *args],
                              env=cli_env(self.home, YKT_USER=user[0], YKT_PASSWORD=user[1]),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True, encoding="utf-8",
                              timeout=120, check=False)
        assert done.returncode == expect, f"{label}: {done.returncode}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" in done.stderr, label
        self.steps.append(Step(label, done, shows_ids=False))
        return done

    def step_named(self, label: str) -> Step:
        return next(s for s in self.steps if s.label == label)


@pytest.fixture(scope="module")
def workflow(tmp_path_factory: pytest.TempPathFactory) -> Workflow:
    home = tmp_path_factory.mktemp("privacy")
    flow = Workflow(home, home / "ykt.sqlite3")
    admin, clerk = (ADMIN, ADMIN_PW), (CLERK, CLERK_PW)

    flow.step("demo", "demo", "--persons", "500")
    flow.step("add first admin", "user", "add", ADMIN, "--role", "admin", YKT_NEW_PASSWORD=ADMIN_PW)
    flow.step("add clerk", "user", "add", CLERK, "--role", "clerk", user=admin, YKT_NEW_PASSWORD=CLERK_PW)
    flow.step("failed login", "stats", user=(CLERK, WRONG_PW), expect=3)

    flow.step("import roster with --errors", "import", "roster", str(GAOLING), "--program", "高龄老人基本生活津贴",
              "--period", "2018-03", "--errors", str(home / "rejected.xlsx"), user=clerk)
    flow.step("import roster, spaced accounts", "import", "roster", str(GRAIN), user=clerk)
    flow.step("import bank return", "import", "bank-return", str(BANK_RETURN), user=clerk)
    flow.step("import deaths", "import", "status", str(DEATHS), user=clerk)
    flow.step("check", "check", user=admin)

    # The work list shows IDs to the user who runs it; it is not scanned, only used to pick a person.
    findings = json.loads(flow.step("findings", "findings", "--json", "--rule", "BANK_FEE", user=admin,
                                    shows_ids=True).stdout)
    probe, other = findings[0], findings[1]
    flow.probe_id = probe["id_number"]
    flow.step("dismiss finding", "finding", "dismiss", probe["uid"][:8], "--reason",
              f"经核实：身份证 {flow.probe_id} 本人，电话 {NEW_PHONE}", user=admin)
    flow.step("confirm finding", "finding", "confirm", other["uid"][:8], "--reason", "已核实", user=admin)

    # A lookup by ID number shows the person's ID and accounts to whoever asked: not scanned.
    shown = json.loads(flow.step("person show", "person", "show", flow.probe_id, "--json", user=clerk,
                                 shows_ids=True).stdout)
    payment = next(p for p in shown["payments"] if p["number"] and not p["voided"])
    flow.probe_old_account = payment["number"]
    flow.step("person edit", "person", "edit", shown["person"]["uid"], "--set", f"联系电话={NEW_PHONE}",
              "--reason", f"补录电话 {NEW_PHONE}（本人 {flow.probe_id} 来电）", user=clerk)
    flow.step("payment edit", "payment", "edit", payment["uid"], "--set", f"银行账号={_grouped(NEW_ACCOUNT)}",
              "--reason", f"换卡：旧卡 {_grouped(flow.probe_old_account)} 已注销", user=clerk)
    flow.step("person add", "person", "add", "--id", ADDED_ID, "--name", "测试甲", "--phone", ADDED_PHONE,
              "--reason", f"手工录入 {ADDED_ID}", user=clerk)
    flow.step("payment add", "payment", "add", "--id", PAID_ID, "--name", "测试乙", "--program", "高龄老人基本生活津贴",
              "--period", "2018-03", "--paid", "100", "--date", "2018-03-28", "--method", "银行卡",
              "--bank", "农村信用社", "--account", _grouped(ADDED_ACCOUNT), "--reason", f"补录，卡号 {ADDED_ACCOUNT}",
              user=clerk)

    batches = json.loads(flow.step("batch list", "--json", "batch", "list", user=admin).stdout)
    grain = next(b["uid"] for b in batches if b["file_name"] == GRAIN.name)
    flow.step("batch void", "batch", "void", grain, "--reason", "文件有误，重新导入", user=admin)
    flow.step("backup", "backup", user=admin)
    (home / "usb").mkdir()
    flow.step("backup --out", "backup", "--out", str(home / "usb" / "ykt-backup.ykt"), user=admin)
    flow.step("audit list", "audit", "list", user=admin)
    flow.step("audit list --json", "--json", "audit", "list", user=admin)
    flow.step("audit verify", "audit", "verify", user=admin)

    # Failing with --debug: a refusal, and a bug whose database error quotes the row (as PostgreSQL's
    # "Key (id_number)=(…) already exists" does; on SQLite a trigger plays that part).
    flow.debug_step("debug: refused", "person", "edit", shown["person"]["uid"], "--set", f"身份证号={ADDED_ID}",
                    "--reason", "改号", user=clerk, expect=3)
    with sqlite3.connect(flow.db) as conn:
        conn.execute(f"CREATE TRIGGER privacy_probe BEFORE UPDATE ON persons WHEN OLD.uid = '{shown['person']['uid']}'"
                     f" BEGIN SELECT RAISE(ABORT, 'row refused: Key (id_number)=({flow.probe_id}),"
                     f" phone {NEW_PHONE}, account {flow.probe_old_account}'); END")
    conn.close()
    flow.debug_step("debug: database error", "person", "edit", shown["person"]["uid"], "--set", "民族=回族",
                    "--reason", "更正民族", user=clerk, expect=1)
    with sqlite3.connect(flow.db) as conn:
        conn.execute("DROP TRIGGER privacy_probe")
    conn.close()
    return flow


# --- what the database holds ---


def _db_values(db: Path, query: str) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {str(v) for (v,) in conn.execute(query) if v is not None}
    finally:
        conn.close()


@dataclass(frozen=True)
class Secrets:
    ids: frozenset[str]
    accounts: frozenset[str]
    phones: frozenset[str]
    password_hashes: frozenset[str]

    def spellings(self) -> dict[str, str]:
        """Every form a leak could take → what it is (for the failure message)."""
        out: dict[str, str] = {}
        for v in self.ids:
            out[v] = out[v.lower()] = out[v[:17]] = f"ID {v}"  # also without its check character
        for v in self.accounts:
            out[v] = out[_grouped(v)] = out[_grouped(v, sep="-")] = f"account {v}"
        for v in self.phones:
            for spelled in (v, f"{v[:3]} {v[3:7]} {v[7:]}", f"{v[:3]}-{v[3:7]}-{v[7:]}"):
                out[spelled] = f"phone {v}"
        for p in PASSWORDS:
            out[p] = "a password"
        for h in self.password_hashes:
            out[h] = "a password hash"
            for part in h.split("$")[-2:]:  # the salt and the hash themselves
                out[part] = "part of a password hash"
        out["$argon2"] = "a password hash"
        return out


@pytest.fixture(scope="module")
def secrets(workflow: Workflow) -> Secrets:
    db = workflow.db
    ids = _db_values(db, "SELECT id_number FROM persons UNION SELECT head_id_number FROM households"
                         " UNION SELECT written_holder_id FROM payments")
    accounts = _db_values(db, "SELECT number FROM bank_accounts UNION SELECT account_number FROM bank_returns")
    phones = _db_values(db, "SELECT phone FROM persons")
    return Secrets(
        ids=frozenset(v for v in ids if re.fullmatch(r"[0-9]{17}[0-9Xx]", v)),
        accounts=frozenset(v for v in accounts if re.fullmatch(r"[0-9]{12,32}", v)),
        phones=frozenset(re.sub(r"[^0-9]", "", v) for v in phones if len(re.sub(r"[^0-9]", "", v)) == 11),
        password_hashes=frozenset(_db_values(db, "SELECT password_hash FROM users")),
    )


def _leaks(texts: Iterable[tuple[str, str]], secrets: Secrets) -> list[str]:
    spellings = secrets.spellings()
    return [f"{where}: {what} (as “{spelled}”)" for where, text in texts
            for spelled, what in spellings.items() if spelled in text]


def _log_texts(workflow: Workflow) -> list[tuple[str, str]]:
    files = sorted(p for p in (workflow.data_folder / "logs").rglob("*") if p.is_file())
    return [(f"log {p.name}", p.read_text(encoding="utf-8", errors="replace")) for p in files]


def _audit_texts(workflow: Workflow) -> list[tuple[str, str]]:
    conn = sqlite3.connect(workflow.db)
    try:
        rows = conn.execute("SELECT seq, actor, action, object_kind, object_uid, detail FROM audit_events").fetchall()
    finally:
        conn.close()
    return [(f"audit event {seq} ({action})", " ".join(str(v) for v in (actor, action, kind, uid, detail)))
            for seq, actor, action, kind, uid, detail in rows]


# --- the scan is meaningful ---


def test_the_database_holds_values_of_every_kind_to_look_for(workflow: Workflow, secrets: Secrets) -> None:
    assert len(secrets.ids) > 500 and {workflow.probe_id, ADDED_ID, PAID_ID} <= secrets.ids
    assert len(secrets.accounts) > 300
    assert {NEW_ACCOUNT, ADDED_ACCOUNT, workflow.probe_old_account} <= secrets.accounts
    assert {NEW_PHONE, ADDED_PHONE} <= secrets.phones
    assert len(secrets.password_hashes) == 2 and all(h.startswith("$argon2id$") for h in secrets.password_hashes)


def test_the_places_scanned_are_where_the_values_would_be(workflow: Workflow) -> None:
    """Masked forms where the full values were typed or quoted: a broken mask would show up right here."""
    audit = "\n".join(text for _, text in _audit_texts(workflow))
    log = "\n".join(text for _, text in _log_texts(workflow))
    probe = workflow.probe_id

    assert _masked_id(probe) in audit  # dismissal and correction reasons, the corrected person
    assert _masked_id(ADDED_ID) in audit and _masked_id(PAID_ID) in audit
    assert f"{NEW_PHONE[:3]}****{NEW_PHONE[-4:]}" in audit  # typed in reasons, and the edit's after value
    for account in (NEW_ACCOUNT, ADDED_ACCOUNT, workflow.probe_old_account):
        assert re.search(rf"{account[:4]}\*+{account[-4:]}", audit), account
    # The database error of the --debug bug went to the log, with the row it quoted masked.
    assert "IntegrityError" in log and "row refused" in log
    assert _masked_id(probe) in log and f"{NEW_PHONE[:3]}****{NEW_PHONE[-4:]}" in log
    # The outputs left out do show IDs, spelled as the scan looks for them.
    assert probe in workflow.step_named("person show").done.stdout
    assert probe in workflow.step_named("findings").done.stdout


# --- nothing leaks ---


def test_no_sensitive_value_in_the_application_log(workflow: Workflow, secrets: Secrets) -> None:
    assert _log_texts(workflow), "no log file was written"
    assert _leaks(_log_texts(workflow), secrets) == []


def test_no_sensitive_value_in_audit_details_actors_or_objects(workflow: Workflow, secrets: Secrets) -> None:
    texts = _audit_texts(workflow)
    actions = {where.split("(")[1].rstrip(")") for where, _ in texts}

    assert {"user.add", "user.login_failed", "import.roster", "import.bank-return", "import.status", "check.run",
            "finding.dismissed", "finding.confirmed", "person.correct", "payment.correct", "import.void_batch",
            "backup.made", "backup.exported"} <= actions
    assert _leaks(texts, secrets) == []


def test_no_sensitive_value_in_what_the_commands_print(workflow: Workflow, secrets: Secrets) -> None:
    scanned = [s for s in workflow.steps if not s.shows_ids]

    assert len(scanned) >= 20 and {s.label for s in workflow.steps if s.shows_ids} == {"findings", "person show"}
    assert _leaks(((s.label, s.output) for s in scanned), secrets) == []


def test_a_debug_traceback_is_masked_like_the_log(workflow: Workflow, secrets: Secrets) -> None:
    """--debug output is what gets pasted into a support request: the quoted row is masked there too."""
    bug = workflow.step_named("debug: database error").done

    assert "程序出错" in bug.stderr and "IntegrityError" in bug.stderr
    assert _masked_id(workflow.probe_id) in bug.stderr
    assert _leaks([("--debug stderr", bug.stderr)], secrets) == []
