"""Install the built .deb into an empty folder and run the *installed* program there: `ykt --version`,
`ykt demo`, a screenshot in Chinese and one with LANG=en_US.UTF-8, then remove it again.

    python3 installers/linux/check_installed.py build/deb/yikatong_X_amd64.deb

The program runs with a bare environment, from another folder, and — where the kernel lets root make
a mount namespace — with the source tree (and its venv) hidden under an empty tmpfs: anything it still
took from there would fail. Exit 0 only if every check passes; the screenshots and the texts of the
windows are copied to build/installed/ (the install itself is in $TMPDIR/yikatong-installed).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The clean root and the user's home: outside the source tree, which the program must not see.
WORK = Path(tempfile.gettempdir()) / "yikatong-installed"
#: What a person looks at afterwards: the screenshots and what the windows said.
OUT = ROOT / "build" / "installed"
CJK = re.compile(r"[\u3400-\u9fff]")


def fail(text: str) -> None:
    print(f"check-installed: FAILED: {text}", file=sys.stderr)
    sys.exit(1)


def can_hide_source() -> bool:
    probe = subprocess.run(["unshare", "--mount", "sh", "-c", f"mount -t tmpfs tmpfs '{ROOT}'"],
                           capture_output=True)
    return probe.returncode == 0


def run(binary: Path, args: list[str], *, lang: str, home: Path, hide: bool,
        env_extra: dict[str, str] | None = None) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": lang, "LC_ALL": lang, "QT_QPA_PLATFORM": "offscreen",
           "YKT_HOME": str(home / "data"), **(env_extra or {})}
    command = [str(binary), *args]
    if hide:  # the source tree and its venv vanish for the program
        command = ["unshare", "--mount", "sh", "-c", f"mount -t tmpfs tmpfs '{ROOT}' && exec \"$@\"", "--", *command]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=home, capture_output=True, text=True, timeout=600)
    took = time.perf_counter() - started
    if done.returncode != 0:
        fail(f"`{' '.join(args)}` ({lang}) exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done, took


def main() -> None:
    deb = Path(sys.argv[1]).resolve()
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    shutil.rmtree(OUT, ignore_errors=True)
    shutil.rmtree(WORK, ignore_errors=True)
    OUT.mkdir(parents=True)
    target, home = WORK / "root", WORK / "home"
    for folder in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"):
        (target / folder).mkdir(parents=True)
    (target / "var/lib/dpkg/status").touch()
    home.mkdir(parents=True)
    dpkg = ["dpkg", f"--root={target}", "--force-depends", "--force-script-chrootless", "--force-not-root"]
    installed = subprocess.run([*dpkg, "-i", str(deb)], capture_output=True, text=True)
    if installed.returncode != 0:
        fail(f"dpkg -i: {installed.stdout}{installed.stderr}")
    for path in ("opt/yikatong/ykt", "opt/yikatong/yikatong", "usr/share/applications/yikatong.desktop",
                 "usr/share/mime/packages/yikatong.xml", "usr/share/icons/hicolor/256x256/apps/yikatong.png"):
        if not (target / path).exists():
            fail(f"the package did not install {path}")
    if os.readlink(target / "usr/bin/ykt") != "/opt/yikatong/ykt":
        fail("/usr/bin/ykt does not point at /opt/yikatong/ykt")
    ykt = target / "opt/yikatong/ykt"
    hide = can_hide_source()
    hidden = "hidden" if hide else "NOT hidden (no mount namespace)"
    print(f"check-installed: installed into {target}; source tree {hidden}")

    said, _ = run(ykt, ["--version"], lang="C.UTF-8", home=home, hide=hide)
    if said.stdout.strip() != f"ykt {version}":
        fail(f"`ykt --version` said {said.stdout.strip()!r}, pyproject says {version}")
    db = home / "demo.sqlite3"
    run(ykt, ["--db", str(db), "demo"], lang="zh_CN.UTF-8", home=home, hide=hide)
    stats, _ = run(ykt, ["--db", str(db), "stats"], lang="zh_CN.UTF-8", home=home, hide=hide)
    print(stats.stdout.strip().splitlines()[0] if stats.stdout.strip() else "(stats printed nothing)")

    check_upgrade(ykt, db, home, hide)

    timings: dict[str, float] = {}
    for lang, name in (("zh_CN.UTF-8", "zh"), ("en_US.UTF-8", "en")):
        shot, texts = WORK / f"dashboard-{name}.png", WORK / f"dashboard-{name}.json"
        _, timings[name] = run(ykt, ["--db", str(db), "gui", "--screenshot", str(shot), "--texts", str(texts)],
                               lang=lang, home=home, hide=hide)
        if not shot.is_file() or shot.stat().st_size < 10_000:
            fail(f"no screenshot in {lang}")
        said_texts = json.loads(texts.read_text(encoding="utf-8"))
        if said_texts["language"] != name:
            fail(f"the GUI under LANG={lang} ran in {said_texts['language']}")
        navigation = said_texts["texts"]
        if name == "zh" and not {"工作台", "花名册", "数据交换"} <= set(navigation):
            fail(f"the Chinese window lacks its page names: {navigation[:20]}")
        if name == "en":
            if "Dashboard" not in navigation:
                fail(f"the English window lacks 'Dashboard': {navigation[:20]}")
            chrome = [t for t in navigation if not _is_data(t, db)]
            if chrome:
                fail(f"untranslated texts in the English window: {chrome[:20]}")
        shutil.copy2(shot, OUT / shot.name)
        shutil.copy2(texts, OUT / texts.name)
    # The desktop entry's program (`yikatong`, what the menu and a double-clicked .ykt start) opens too.
    shot = WORK / "yikatong-settings.png"
    run(target / "opt/yikatong/yikatong", ["--page", "settings", "--screenshot", str(shot)], lang="zh_CN.UTF-8",
        home=home, hide=hide, env_extra={"YKT_DB": str(db)})
    if not shot.is_file():
        fail("the installed yikatong program wrote no screenshot")
    print(f"check-installed: window with the demo's dashboard, zh {timings['zh']:.2f} s, en {timings['en']:.2f} s "
          f"(process start to screenshot written)")
    (OUT / "timings.json").write_text(json.dumps(timings), encoding="utf-8")

    data = home / "data"
    removed = subprocess.run([*dpkg, "-r", "yikatong"], capture_output=True, text=True)
    if removed.returncode != 0:
        fail(f"dpkg -r: {removed.stdout}{removed.stderr}")
    if (target / "opt/yikatong").exists() or (target / "usr/bin/ykt").exists():
        fail("dpkg -r left the program behind")
    if not db.exists() or not (data / "logs").is_dir():
        fail("removing the program touched the user's data")
    print("check-installed: removed cleanly; the user's data folder is kept")
    print("check-installed: OK")


def check_upgrade(ykt: Path, demo: Path, home: Path, hide: bool) -> None:
    """The installed build upgrades a database of the previous release after a backup (its Alembic
    scripts travel inside it), and refuses one from a newer release without touching it. The old
    database is made here with the source tree's Alembic (this checker runs in the project's venv)."""
    import hashlib
    import sqlite3

    from alembic import command

    from yikatong_desktop.storage import database

    previous = _previous_revision()
    old, newer = home / "old.sqlite3", home / "newer.sqlite3"
    for copy in (old, newer):
        for suffix in ("", ".keys", ".manifest.json"):
            if Path(f"{demo}{suffix}").exists():
                shutil.copy2(f"{demo}{suffix}", f"{copy}{suffix}")
    engine = database._engine(database.locate(str(old)))
    try:
        with engine.begin() as conn:
            cfg = database._config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, previous)
    finally:
        engine.dispose()
    said, _ = run(ykt, ["--db", str(old), "stats"], lang="zh_CN.UTF-8", home=home, hide=hide)
    with sqlite3.connect(old) as conn:
        now = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    if now != database.SCHEMA_HEAD or "升级" not in said.stderr + said.stdout:
        fail(f"the installed build did not upgrade {previous} → {database.SCHEMA_HEAD} (at {now}): {said.stderr}")
    kept = list((home / "data").rglob(f"*before-upgrade-{previous}-to-{database.SCHEMA_HEAD}*"))
    if not kept:
        fail("no backup was made before the upgrade")
    with sqlite3.connect(kept[0]) as conn:
        if conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] != previous:
            fail(f"the backup {kept[0].name} is not the database as it was")
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    conn.close()  # the last connection: its WAL goes into the file, which is hashed next
    if Path(f"{newer}-wal").exists() and Path(f"{newer}-wal").stat().st_size:
        fail("the newer database still has a write-ahead log")
    before = hashlib.sha256(newer.read_bytes()).hexdigest()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "zh_CN.UTF-8", "YKT_HOME": str(home / "data")}
    refused = subprocess.run([str(ykt), "--db", str(newer), "stats"], env=env, cwd=home, capture_output=True,
                             text=True, timeout=120)
    if refused.returncode != 3 or "更新版本" not in refused.stdout + refused.stderr:
        fail(f"a newer database was not refused: exit {refused.returncode}, {refused.stdout}{refused.stderr}")
    if hashlib.sha256(newer.read_bytes()).hexdigest() != before:
        fail("refusing a newer database changed it")
    print(f"check-installed: a {previous} database upgraded to {database.SCHEMA_HEAD} after a backup "
          f"({kept[0].name}); a newer one refused untouched")


def _previous_revision() -> str:
    """The schema of the release before this one: the revision below the head."""
    from alembic.script import ScriptDirectory

    from yikatong_desktop.storage import database

    head = ScriptDirectory.from_config(database._config()).get_revision(database.SCHEMA_HEAD)
    return str(head.down_revision)


def _is_data(text: str, db: Path) -> bool:
    """Whether the Chinese in a text is all data (names of offices, villages, programs, departments,
    banks from the demo database), not interface."""
    for name in _data_names(db):
        text = text.replace(name, "")
    return not CJK.search(text)


_NAMES: list[str] = []


def _data_names(db: Path) -> list[str]:
    """The database's names, longest first (so 呼图壁县农村信用合作联社 goes before 呼图壁县)."""
    if not _NAMES:
        import sqlite3

        found: set[str] = set()
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            for query in ("SELECT name FROM org_units", "SELECT name FROM programs",
                          "SELECT department FROM programs", "SELECT DISTINCT bank FROM bank_accounts",
                          "SELECT value FROM settings WHERE key = 'org.name'"):
                try:
                    found.update(str(r[0]) for r in conn.execute(query) if r[0])
                except sqlite3.Error:
                    pass
        _NAMES.extend(sorted(found, key=len, reverse=True))
    return _NAMES


if __name__ == "__main__":
    main()
