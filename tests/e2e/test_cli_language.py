"""`ykt` speaks English under an English LANG (or YKT_LANG=en) and Chinese otherwise: its help, the
headings and labels it prints, its own messages. Data (office names, programs) is shown as it is."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest
from ykt_cli import has_chinese, run

from yikatong_desktop.cli.main import build_parser

EN, ZH = "en_US.UTF-8", "zh_CN.UTF-8"
#: Commands whose help is checked in a subprocess, as a person types them (every page is checked below).
HELP = (("--help",), ("import", "--help"), ("report", "--help"), ("report", "monthly", "--help"),
        ("problem", "add", "--help"), ("notice", "make", "--help"), ("person", "add", "--help"))


@pytest.mark.parametrize("command", HELP, ids=" ".join)
def test_help_is_english_under_an_english_lang_and_chinese_otherwise(home: Path, command: tuple[str, ...]) -> None:
    english = run(home, *command, LANG=EN)
    assert english.returncode == 0, english.stderr
    assert "usage: ykt" in english.stdout and not has_chinese(english.stdout), english.stdout
    chinese = run(home, *command, LANG=ZH)
    assert chinese.returncode == 0, chinese.stderr
    assert has_chinese(chinese.stdout), chinese.stdout


def test_the_product_is_named_in_each_language(home: Path) -> None:
    assert "Subsidy One Card special campaign" in run(home, "--help", LANG=EN).stdout
    assert "惠民财政补贴资金“一卡通”专项整治" in run(home, "--help", LANG=ZH).stdout
    assert "Subsidy One Card special campaign" in run(home, "--help", LANG=ZH, YKT_LANG="en").stdout


def _pages(parser: argparse.ArgumentParser, path: tuple[str, ...] = ("ykt",),
           ) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield " ".join(path), parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _pages(child, (*path, name))


def test_every_help_page_is_english_under_an_english_lang(monkeypatch: pytest.MonkeyPatch) -> None:
    """The parser is built when `ykt` runs, so it follows the language of that run (here in-process)."""
    monkeypatch.setattr("yikatong_desktop.domain.messages._chosen", None)  # what the environment says
    for name in ("LC_ALL", "YKT_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LANG", EN)
    pages = dict((name, p.format_help()) for name, p in _pages(build_parser()))
    assert len(pages) > 80 and {"ykt import", "ykt problem add", "ykt notice make", "ykt report text"} <= set(pages)
    assert [name for name, text in pages.items() if has_chinese(text)] == []

    monkeypatch.setenv("LANG", ZH)
    chinese = dict((name, p.format_help()) for name, p in _pages(build_parser()))
    assert chinese.keys() == pages.keys()
    assert all(has_chinese(chinese[name]) for name in ("ykt", "ykt import", "ykt problem add", "ykt report text"))


def test_a_fresh_installation_answers_in_english(home: Path) -> None:
    db = str(home / "county.sqlite3")
    done = run(home, "--db", db, "init", "--org", "652323", "--name", "呼图壁县", "--level", "county",
               YKT_KEY_PASSPHRASE="pw", LANG=EN)
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("Initialised 呼图壁县 (652323)")

    stats = run(home, "--db", db, "stats", LANG=EN)
    assert stats.returncode == 0, stats.stderr
    assert stats.stdout.split("\n")[0].split() == ["Kind", "Count", "Digest"]
    assert "persons" in stats.stdout and not has_chinese(stats.stdout + stats.stderr)
    assert run(home, "--db", db, "stats", LANG=ZH).stdout.split("\n")[0].split() == ["记录类型", "数量", "摘要"]
    assert run(home, "--db", db, "stats", LANG=ZH, YKT_LANG="en").stdout.startswith("Kind")

    users = run(home, "--db", db, "user", "list", LANG=EN)
    assert users.returncode == 0 and users.stdout.split("\n")[0].split() == ["User", "name", "Name", "Role",
                                                                                "Status", "Last", "login"]
    keys = run(home, "--db", db, "keys", "show", LANG=EN)
    assert keys.returncode == 0, keys.stderr
    assert "Signing certificate" in keys.stdout and "Package signing key Ed25519" in keys.stdout
    data = ("呼图壁县", "专项整治报告签名")  # the office's name, and the certificate's that init made from it
    assert not has_chinese(keys.stdout.replace(data[0], "").replace(data[1], ""))


def test_english_words_stand_for_the_values_the_ledger_stores_in_chinese(home: Path) -> None:
    db = str(home / "county.sqlite3")
    assert run(home, "--db", db, "init", "--org", "652323", "--name", "呼图壁县", "--level", "county",
               YKT_KEY_PASSPHRASE="pw").returncode == 0
    added = run(home, "--db", db, "--json", "problem", "add", "--category", "1.1", "--description", "x",
                "--outcome", "criticism", LANG=EN)
    assert added.returncode == 0, added.stderr
    assert '"outcome": "批评教育"' in added.stdout and added.stderr.startswith("Registered ")
    listed = run(home, "--db", db, "problem", "list", LANG=EN)
    assert listed.stdout.split("\n")[0].split()[:3] == ["No.", "Campaign", "item"]
    assert "registered" in listed.stdout and not has_chinese(listed.stdout)
    assert "已挂号" in run(home, "--db", db, "problem", "list", LANG=ZH).stdout

    complaint = run(home, "--db", db, "complaint", "add", "--channel", "phone", "--content", "x", LANG=EN)
    assert complaint.returncode == 0, complaint.stderr
    by_phone = run(home, "--db", db, "complaint", "list", "--channel", "phone", LANG=EN)
    assert by_phone.returncode == 0 and "phone" in by_phone.stdout and "anonymous" in by_phone.stdout
    assert not has_chinese(by_phone.stdout)
    assert "电话" in run(home, "--db", db, "complaint", "list", "--channel", "电话", LANG=ZH).stdout


def test_gui_texts_name_the_language_the_window_speaks(home: Path) -> None:
    """`ykt gui --screenshot --texts` (what the installed build is checked with): Chinese page names under
    zh_CN, English ones under en_US; --texts alone is refused."""
    import json

    db = str(home / "t.sqlite3")
    assert run(home, "--db", db, "init", "--org", "652323", "--name", "Hutubi", "--level", "county",
               YKT_KEY_PASSPHRASE="pw").returncode == 0
    for lang, expected, absent in (("zh_CN.UTF-8", "工作台", "Dashboard"), ("en_US.UTF-8", "Dashboard", "工作台")):
        shot, texts = home / f"{lang}.png", home / f"{lang}.json"
        done = run(home, "--db", db, "gui", "--screenshot", str(shot), "--texts", str(texts), LANG=lang,
                   QT_QPA_PLATFORM="offscreen")
        assert done.returncode == 0, done.stderr
        said = json.loads(texts.read_text(encoding="utf-8"))
        assert said["language"] == lang[:2]
        assert expected in said["texts"] and absent not in said["texts"]
        assert shot.stat().st_size > 10_000
    refused = run(home, "--db", db, "gui", "--texts", str(home / "x.json"))
    assert refused.returncode == 2 and "--screenshot" in refused.stderr
    assert not (home / "x.json").exists()
