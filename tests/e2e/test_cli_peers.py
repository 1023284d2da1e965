"""`ykt keys export|trust|revoke` as typed (SPEC §8): keys exchanged once, checked by fingerprint, revoked."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from dbs import Databases
from ykt_cli import YKT, cli_env, run

ENCRYPTED_LEG = False  # opening the database is not what these commands are about
#: Key files and prompts do not depend on the database: SQLite only (tests/integration/test_peers.py stores
#: peers on PostgreSQL too).
pytestmark = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _init(home: Path, db: str, org: str, name: str, level: str, *extra: str) -> None:
    done = run(home, "--db", db, "init", "--org", org, "--name", name, "--level", level, *extra,
               YKT_KEY_PASSPHRASE="pw")
    assert done.returncode == 0, done.stderr


def _json(home: Path, db: str, *args: str) -> Any:
    done = run(home, "--db", db, "--json", *args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _peers(home: Path, db: str) -> list[dict[str, Any]]:
    return list(_json(home, db, "keys", "show")["peers"])


def _town(home: Path, dbs: Databases) -> tuple[str, Path, str]:
    town = dbs.target("town.sqlite3")
    _init(home, town, "652323101", "大丰镇", "township", "--parent", "652323")
    exported = _json(home, town, "keys", "export", "--out", str(home / "大丰镇公钥.json"))
    return town, home / "大丰镇公钥.json", str(exported["public"]["fingerprints"]["ed25519"])


def test_a_key_file_is_trusted_only_with_its_fingerprint_checked(home: Path, dbs: Databases, county: str) -> None:
    _, key_file, fingerprint = _town(home, dbs)
    content = json.loads(key_file.read_text(encoding="utf-8"))
    assert content["org"] == {"code": "652323101", "name": "大丰镇", "level": "township"}
    assert "private" not in json.dumps(content) and content["public"]["certificate_pem"].startswith("-----BEGIN")

    unattended = run(home, "--db", county, "keys", "trust", str(key_file))  # no terminal, neither option
    assert unattended.returncode == 2 and "--fingerprint" in unattended.stderr and fingerprint in unattended.stderr
    wrong = run(home, "--db", county, "keys", "trust", str(key_file), "--fingerprint", "0123 4567 89AB CDEF")
    assert wrong.returncode == 3 and "不符" in wrong.stderr
    too_short = run(home, "--db", county, "keys", "trust", str(key_file), "--fingerprint", fingerprint[:9])
    assert too_short.returncode == 3
    assert _peers(home, county) == []

    done = run(home, "--db", county, "keys", "trust", str(key_file), "--fingerprint", fingerprint[:19].lower(),
               "--note", "电话核对 李文书")
    assert done.returncode == 0, done.stderr
    assert "已信任 大丰镇（652323101）" in done.stderr
    [peer] = _peers(home, county)
    assert (peer["org"], peer["fingerprint"], peer["revoked"], peer["note"]) == (
        "652323101", fingerprint, False, "电话核对 李文书")
    again = _json(home, county, "keys", "trust", str(key_file), "--yes")
    assert again["new"] is False
    shown = run(home, "--db", county, "keys", "show")
    assert "大丰镇" in shown.stdout and fingerprint in shown.stdout and "受信任" in shown.stdout


def test_trusting_a_peer_also_trusts_its_signed_reports(home: Path, dbs: Databases, county: str) -> None:
    town, key_file, _ = _town(home, dbs)
    report = home / "大丰镇月报.pdf"
    made = run(home, "--db", town, "report", "monthly", "--month", "2019-07", "--out", str(report), "--sign",
               "--text", "progress=本月开展自查。", YKT_KEY_PASSPHRASE="pw")
    assert made.returncode == 0, made.stderr
    assert run(home, "--db", county, "verify", str(report)).returncode == 3  # valid but untrusted
    assert run(home, "--db", county, "keys", "trust", str(key_file), "--yes").returncode == 0
    verified = run(home, "--db", county, "verify", str(report))
    assert verified.returncode == 0, verified.stderr


def test_revoking_refuses_the_key_for_good_and_is_kept_as_a_record(home: Path, dbs: Databases,
                                                                   county: str) -> None:
    _, key_file, fingerprint = _town(home, dbs)
    assert run(home, "--db", county, "keys", "trust", str(key_file), "--fingerprint", fingerprint).returncode == 0
    revoked = _json(home, county, "keys", "revoke", "大丰镇", "--reason", "电脑丢失")
    assert revoked["revoked"] and revoked["revoke_reason"] == "电脑丢失"
    twice = run(home, "--db", county, "keys", "revoke", "652323101")
    assert twice.returncode == 3 and "早已吊销" in twice.stderr
    refused = run(home, "--db", county, "keys", "trust", str(key_file), "--yes")
    assert refused.returncode == 3 and "已被吊销" in refused.stderr
    assert _json(home, county, "stats")["key_revocations"]["count"] == 1
    events = [e["action"] for e in _json(home, county, "audit", "list", "--action", "keys")]
    assert events == ["keys.revoke", "keys.trust", "keys.trust_cert"]  # newest first
    unknown = run(home, "--db", county, "keys", "revoke", "玛纳斯县")
    assert unknown.returncode == 3 and "玛纳斯县" in unknown.stderr


def test_bad_key_files_and_our_own_are_refused_in_words(home: Path, county: str) -> None:
    own = home / "本单位.json"
    assert run(home, "--db", county, "keys", "export", "--out", str(own)).returncode == 0
    mine = run(home, "--db", county, "keys", "trust", str(own), "--yes")
    assert mine.returncode == 3 and "本单位自己" in mine.stderr
    for name, content in (("x.json", b'{"format": "something else"}'), ("y.json", b"\xff\xfe not json"),
                          ("z.pem", b"-----BEGIN CERTIFICATE-----\n")):
        (home / name).write_bytes(content)
        done = run(home, "--db", county, "keys", "trust", str(home / name), "--yes")
        assert done.returncode == 3 and "不是一卡通公钥文件" in done.stderr and "Traceback" not in done.stderr
    missing = run(home, "--db", county, "keys", "trust", str(home / "none.json"), "--yes")
    assert missing.returncode == 3
    assert _peers(home, county) == []


def test_trust_on_a_terminal_asks_for_the_fingerprint_to_be_confirmed(home: Path, dbs: Databases,
                                                                      county: str) -> None:
    _, key_file, fingerprint = _town(home, dbs)
    script = ("import pty, os, sys\n"
              "pid, fd = pty.fork()\n"
              "if pid == 0:\n"
              "    os.execvp(sys.argv[1], sys.argv[1:])\n"
              "out = b''\n"
              "while b'yes' not in out:\n"
              "    out += os.read(fd, 1024)\n"
              "os.write(fd, sys.stdin.buffer.read())\n"
              "try:\n"
              "    while True:\n"
              "        chunk = os.read(fd, 1024)\n"
              "        if not chunk:\n"
              "            break\n"
              "        out += chunk\n"
              "except OSError:\n"
              "    pass\n"
              "sys.stdout.buffer.write(out)\n"
              "sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))\n")

    def typed(answer: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(["python3", "-c", script, YKT, "--db", county, "keys", "trust", str(key_file)],
                              input=answer.encode(), capture_output=True, env=cli_env(home), timeout=60, check=False)

    declined = typed("no\n")
    assert declined.returncode == 3 and fingerprint in declined.stdout.decode()
    assert _peers(home, county) == []
    accepted = typed("yes\n")
    assert accepted.returncode == 0, accepted.stdout.decode()
    assert [p["org"] for p in _peers(home, county)] == ["652323101"]


def test_keys_backup_keeps_the_keystore_still_under_its_passphrase(home: Path, county: str) -> None:
    out = home / "U盘密钥库.keys"
    done = run(home, "--db", county, "keys", "backup", "--out", str(out))
    assert done.returncode == 0, done.stderr
    saved, live = json.loads(out.read_text(encoding="utf-8")), json.loads(Path(county + ".keys").read_text("utf-8"))
    assert saved["private"] == live["private"] and saved["public"] == live["public"]  # the audit head moves on
    assert b"PRIVATE KEY" not in out.read_bytes() and saved["private"]["ciphertext"]
    events = [e["action"] for e in _json(home, county, "audit", "list", "--action", "keys")]
    assert events == ["keys.backup"]
    nowhere = run(home, "--db", county, "keys", "backup", "--out", str(home / "无此目录" / "k.keys"))
    assert nowhere.returncode == 3

