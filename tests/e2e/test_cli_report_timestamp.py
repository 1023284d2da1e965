"""`ykt report timestamp` and a signed 月报 with a timestamp (PAdES B-T) as typed, against a real TSA (SPEC §7, §10).

The timestamp server is tests/local_tsa.py, listening on 127.0.0.1 in this test's process; `ykt` runs
in a subprocess on a fresh installation and reaches it over HTTP as it would reach a county's TSA.
"""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from local_tsa import LocalTsa, closed_port_url, make_tsa_identity
from ykt_cli import run

from yikatong_desktop.formats import certificates

ENCRYPTED_LEG = False  # opening an encrypted database is the same for these commands; covered elsewhere

#: The TSA's clock, ahead of this computer's by a distinctive amount.
TSA_TIME = datetime.now(UTC).replace(microsecond=0) + timedelta(hours=2, minutes=34, seconds=56)


@pytest.fixture
def tsa() -> Iterator[LocalTsa]:
    """A timestamp server on a free port of 127.0.0.1, stopped after the test."""
    with LocalTsa(make_tsa_identity("测试时间戳服务"), fixed_time=TSA_TIME) as server:
        yield server


def _monthly(home: Path, db: str, out: Path) -> subprocess.CompletedProcess[str]:
    return run(home, "--db", db, "report", "monthly", "--month", "2019-07", "--out", str(out), "--sign",
               "--text", "progress=本月开展自查。", YKT_KEY_PASSPHRASE="pw")


def _signature(home: Path, db: str, pdf: Path) -> dict[str, Any]:
    done = run(home, "--db", db, "verify", str(pdf), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["ok"]
    [sig] = report["signatures"]
    return dict(sig)


def _reports(home: Path, db: str) -> list[dict[str, Any]]:
    done = run(home, "--db", db, "report", "list", "--json")
    assert done.returncode == 0, done.stderr
    return list(json.loads(done.stdout))


def test_a_monthly_report_signed_with_the_timestamp_server_set_verifies_as_timestamped(
        home: Path, county: str, tsa: LocalTsa) -> None:
    done = run(home, "--db", county, "report", "timestamp", "--url", tsa.url)
    assert done.returncode == 0, done.stderr
    assert tsa.url in done.stdout + done.stderr

    out = home / "m.pdf"
    made = _monthly(home, county, out)
    assert made.returncode == 0, made.stderr
    assert tsa.answered >= 1 and out.read_bytes().startswith(b"%PDF-")

    # Our own certificate is trusted, the TSA is not: the signature is ok and timestamped, and the time
    # shown is the signer's own (a time only an unknown server vouches for is not put in its place).
    sig = _signature(home, county, out)
    assert sig["ok"] and sig["status"] == "trusted" and sig["reason_zh"] == "有效，签名人可信"
    assert sig["timestamped"] is True and sig["timestamp_trusted"] is False
    assert abs(datetime.fromisoformat(sig["signing_time"]) - datetime.now(UTC)) < timedelta(minutes=5)
    said = run(home, "--db", county, "verify", str(out))
    assert said.returncode == 0 and "时间戳服务未受信任" in said.stdout

    # Once the TSA's root is trusted, the token's time is the signing time.
    root = home / "tsa-root.pem"
    root.write_text(certificates.to_pem(tsa.identity.root), encoding="ascii")
    trusted = run(home, "--db", county, "keys", "trust-cert", str(root), "--note", "时间戳服务")
    assert trusted.returncode == 0, trusted.stderr
    sig = _signature(home, county, out)
    assert sig["ok"] and sig["timestamped"] and sig["timestamp_trusted"]
    assert datetime.fromisoformat(sig["signing_time"]) == TSA_TIME
    assert "受信任时间戳服务的时间戳" in run(home, "--db", county, "verify", str(out)).stdout

    # --clear: reports are signed without a timestamp server again (it is down now, and not asked).
    tsa.stop()
    cleared = run(home, "--db", county, "report", "timestamp", "--clear")
    assert cleared.returncode == 0, cleared.stderr
    plain = home / "m-plain.pdf"
    again = _monthly(home, county, plain)
    assert again.returncode == 0, again.stderr
    sig = _signature(home, county, plain)
    assert sig["ok"] and sig["timestamped"] is False and sig["timestamp_trusted"] is False


def test_a_timestamp_server_that_fails_leaves_no_report_and_says_which_server(
        home: Path, county: str, tsa: LocalTsa) -> None:
    refused = run(home, "--db", county, "report", "timestamp", "--url", "ftp://x")
    assert refused.returncode == 3 and "ftp://x" in refused.stderr
    before = _reports(home, county)
    tsa.mode = "error"  # HTTP 500

    for url in (closed_port_url(), tsa.url):  # nothing listening; a server answering 500
        assert run(home, "--db", county, "report", "timestamp", "--url", url).returncode == 0
        out = home / "m.pdf"
        started = time.monotonic()
        failed = _monthly(home, county, out)
        elapsed = time.monotonic() - started

        assert failed.returncode == 3, failed.stderr
        assert url in failed.stderr and "时间戳" in failed.stderr
        assert elapsed < 30, elapsed  # a refusal, not a wait (most of this is starting Python)
        assert not out.exists() and _reports(home, county) == before  # nothing written, nothing recorded
    assert tsa.received >= 1 and tsa.answered == 0
