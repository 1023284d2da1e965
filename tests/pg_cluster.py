"""A throwaway PostgreSQL cluster for the tests and benchmarks: initdb + pg_ctl in a temp folder.

No systemd and no system cluster: the server runs as an unprivileged user (the `postgres`
account when we are root, since PostgreSQL refuses to run as root), listens on a free port of
127.0.0.1 only, trusts local connections, and is stopped, folder and all, when the run ends,
failed or not. Durability is switched off: a test cluster holds nothing worth an fsync.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "ykt"


def find_bindir() -> Path | None:
    """The folder of initdb and pg_ctl: pg_config's, else Debian's newest, else PATH."""
    if shutil.which("pg_config"):
        done = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        candidate = Path(done.stdout.strip())
        if (candidate / "initdb").exists():
            return candidate
    debian = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if debian:
        return Path(debian[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    folder: Path
    port: int
    bindir: Path
    run_as: str | None

    @property
    def url(self) -> str:
        """The maintenance database's URL."""
        return self.database_url("postgres")

    def database_url(self, name: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    def _cmd(self, *args: str) -> list[str]:
        return ["runuser", "-u", self.run_as, "--", *args] if self.run_as else list(args)

    def start(self) -> None:
        data = self.folder / "data"
        subprocess.run(self._cmd(str(self.bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "-A", "trust",
                                 "-E", "UTF8", "--locale=C", "--no-sync"),
                       check=True, capture_output=True, text=True)
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
                   "-c shared_buffers=256MB")
        subprocess.run(self._cmd(str(self.bindir / "pg_ctl"), "-D", str(data), "-o", options,
                                 "-l", str(self.folder / "server.log"), "-w", "-t", "60", "start"),
                       check=True, capture_output=True, text=True)

    def stop(self) -> None:
        subprocess.run(self._cmd(str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                                 "-w", "stop"), check=False, capture_output=True, text=True)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """Start a new cluster; raises RuntimeError saying what is missing."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL server programs (initdb, pg_ctl) not found: install Debian's postgresql "
                           "package (make test does), or set YKT_TEST_PG=off to run the SQLite leg only")
    run_as = None
    folder = Path(tempfile.mkdtemp(prefix="ykt-pg-"))
    if os.geteuid() == 0:
        run_as = "postgres"
        try:
            account = pwd.getpwnam(run_as)
        except KeyError as exc:
            raise RuntimeError("running as root needs the unprivileged 'postgres' account (Debian's package "
                               "creates it)") from exc
        os.chown(folder, account.pw_uid, account.pw_gid)
    cluster = Cluster(folder, _free_port(), bindir, run_as)
    try:
        cluster.start()
    except subprocess.CalledProcessError as exc:
        cluster.stop()
        raise RuntimeError(f"could not start PostgreSQL: {exc.stderr or exc.stdout}") from exc
    return cluster
