"""The interface in two languages: every Chinese text of the GUI goes through Qt Linguist, the committed
English catalogue is in step with the code and complete, an English window says nothing in Chinese but
data, and the message catalogue and the saved language follow the choice."""

from __future__ import annotations

import ast
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

import yikatong_desktop.gui
from yikatong_desktop import bootstrap
from yikatong_desktop.domain import messages
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.gui.terms import TERMS

ROOT = Path(__file__).resolve().parents[2]
GUI = Path(yikatong_desktop.gui.__file__).resolve().parent
COMMITTED_TS = ROOT / "resources" / "translations" / "yikatong_en.ts"
TOOLS = Path(sys.executable).parent

#: A CJK ideograph (fullwidth punctuation alone does not make a text Chinese).
IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}
LOOKUPS = {"get", "pop", "setdefault", "index", "count", "startswith", "endswith"}

#: Chinese that stays Chinese in both languages on purpose: (file under gui/, text, reason).
ALLOWLIST: tuple[tuple[str, str, str], ...] = (
    ("dialogs/problem_form.py", "是", "the value services.ledger_fields reads for a ticked box, not shown"),
    ("dialogs/problem_form.py", "否", "the value services.ledger_fields reads for an unticked box, not shown"),
    ("pages/settings.py", "中文", "the language's own name, the same in every language"),
)
#: Chinese words an English text keeps on purpose (reason), stripped before looking for Chinese.
KEPT_IN_CHINESE: tuple[tuple[str, str], ...] = (
    ("中文", "the language's own name in the language choice of 设置"),
    ("电子签章/公章", "the legal term the message sign.not_legal_seal quotes: the signature is not one"),
)


def _without_kept(text: str) -> str:
    for word, _reason in KEPT_IN_CHINESE:
        text = text.replace(word, "")
    return text


# --- a) every Chinese literal in the GUI is translated, or data/logging/docs --------------------------------------

def _gui_files() -> list[Path]:
    return sorted(p for p in GUI.rglob("*.py") if "__pycache__" not in p.parts)


def _call_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_docstring(node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> bool:
    expr = parents.get(node)
    owner = parents.get(expr) if isinstance(expr, ast.Expr) else None
    scopes = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return isinstance(owner, scopes) and bool(owner.body) and owner.body[0] is expr


def _in_log_call(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    at = parents.get(node)
    while at is not None and not isinstance(at, ast.stmt):
        if isinstance(at, ast.Call) and isinstance(at.func, ast.Attribute) and at.func.attr in LOGGING:
            owner = at.func.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else ""
            if "log" in name.lower():
                return True
        at = parents.get(at)
    return False


def _translated(node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> str | None:
    """None when lupdate carries the literal into the catalogue; else why not ("" when no translating call)."""
    call = parents.get(node)
    if not isinstance(call, ast.Call) or not any(a is node for a in call.args):
        return ""
    name, first = _call_name(call), call.args[0]
    context_given = isinstance(first, ast.Constant) and isinstance(first.value, str) and first is not node
    if name == "tr":
        if not isinstance(call.func, ast.Attribute):
            return "a bare tr() (an alias of self.tr or translate): lupdate cannot tell its context"
        at = parents.get(call)
        while at is not None and not isinstance(at, ast.ClassDef):
            at = parents.get(at)
        return None if at is not None else "self.tr() outside a class: lupdate gives it no context"
    if name in ("translate", "QT_TRANSLATE_NOOP"):
        return None if context_given else f"{name}() needs a literal context first"
    return None if name in ("QT_TR_NOOP", "term") else ""


def _problem(node: ast.Constant, parents: dict[ast.AST, ast.AST]) -> str | None:
    """None for a docstring, a translated literal, a log line, or data compared or looked up; else why not."""
    if _is_docstring(node, parents) or _in_log_call(node, parents):
        return None
    why = _translated(node, parents)
    if why != "":
        return why
    parent = parents.get(node)
    if node.value in TERMS and isinstance(parent, ast.Tuple | ast.List | ast.Set | ast.Dict):
        return None  # a word of the domain in a table of values: gui/terms.py translates it, term() shows it
    child: ast.AST = node
    while isinstance(parent, ast.Tuple | ast.List | ast.Set | ast.Starred):  # x in ("未张贴", "公示中")
        child, parent = parent, parents.get(parent)
    if isinstance(parent, ast.Compare):
        return None
    if isinstance(parent, ast.Subscript) and parent.slice is child:
        return None
    if isinstance(parent, ast.Dict) and any(k is child for k in parent.keys):
        return None
    if (isinstance(parent, ast.Call) and parent.args and parent.args[0] is child
            and _call_name(parent) in LOOKUPS):
        return None
    return "shown untranslated"


def _chinese_literals(path: Path) -> Iterator[tuple[int, str, ast.Constant, dict[ast.AST, ast.AST]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and IDEOGRAPH.search(node.value):
            yield node.lineno, node.value, node, parents


def test_every_chinese_literal_of_the_gui_is_translated_or_data() -> None:
    allowed = {(file, text) for file, text, _reason in ALLOWLIST}
    bad = []
    for path in _gui_files():
        rel = path.relative_to(GUI).as_posix()
        for line, text, node, parents in _chinese_literals(path):
            why = None if (rel, text) in allowed else _problem(node, parents)
            if why is not None:
                bad.append(f"gui/{rel}:{line}: {text!r} ({why})")
    assert not bad, (f"{len(bad)} Chinese texts lupdate does not see: wrap them in self.tr()/translate()/"
                     "QT_TRANSLATE_NOOP()/term(), or list them in ALLOWLIST with a reason:\n" + "\n".join(bad))


def test_the_allowlist_names_texts_that_exist() -> None:
    present = {(path.relative_to(GUI).as_posix(), text) for path in _gui_files()
               for _line, text, _node, _parents in _chinese_literals(path)}
    stale = [(file, text) for file, text, _reason in ALLOWLIST if (file, text) not in present]
    assert not stale, f"ALLOWLIST entries no longer in the code: {stale}"


def test_a_literal_given_to_term_is_listed_in_terms() -> None:
    missing = []
    for path in _gui_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and _call_name(call) == "term":
                for arg in call.args:
                    if isinstance(arg, ast.Constant) and arg.value not in TERMS:
                        missing.append(f"gui/{path.relative_to(GUI).as_posix()}:{call.lineno}: {arg.value!r}")
    assert not missing, "term() of a literal lupdate cannot see: add it to gui/terms.py\n" + "\n".join(missing)


# --- b) the committed catalogue is what lupdate makes of the code, and complete -----------------------------------

def _messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(context.findtext("name") or "", message.findtext("source") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def _translations(message: ET.Element) -> list[str]:
    tr = message.find("translation")
    if tr is None:
        return []
    forms = tr.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [tr.text or ""]


def _tool(name: str) -> Path:
    tool = TOOLS / name
    assert tool.exists(), f"{name} not found next to {sys.executable}"
    return tool


def test_the_committed_catalogue_is_in_step_with_the_code(tmp_path: Path) -> None:
    assert COMMITTED_TS.exists(), f"{COMMITTED_TS} is missing: run lupdate on yikatong_desktop/gui and translate"
    fresh = tmp_path / "yikatong_en.ts"
    shutil.copy2(COMMITTED_TS, fresh)
    subprocess.run([str(_tool("pyside6-lupdate")), *map(str, _gui_files()), "-ts", str(fresh), "-no-obsolete",
                    "-source-language", "zh_CN", "-target-language", "en"],
                   check=True, capture_output=True, cwd=ROOT)
    committed = {(c, s) for c, s, _m in _messages(COMMITTED_TS)}
    found = {(c, s) for c, s, _m in _messages(fresh)}
    new, gone = sorted(found - committed), sorted(committed - found)
    assert not new, f"{len(new)} texts of the code not in yikatong_en.ts (run lupdate, translate): {new}"
    assert not gone, f"{len(gone)} texts of yikatong_en.ts no longer in the code (lupdate -no-obsolete): {gone}"


def test_every_message_of_the_catalogue_has_a_finished_english_translation() -> None:
    assert COMMITTED_TS.exists(), f"{COMMITTED_TS} is missing"
    problems = []
    for context, source, message in _messages(COMMITTED_TS):
        if not context:
            problems.append(f"{source!r}: no context (a tr alias?): never found at run time")
        tr = message.find("translation")
        kind = tr.get("type") if tr is not None else "missing"
        texts = _translations(message)
        if kind is not None or not texts or not all(t.strip() for t in texts):
            problems.append(f"[{context}] {source!r}: not translated ({kind or 'empty'})")
            continue
        for text in texts:
            if IDEOGRAPH.search(_without_kept(text)):
                problems.append(f"[{context}] {source!r}: Chinese in the translation {text!r}")
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"[{context}] {source!r}: placeholders differ in {text!r}")
    assert not problems, f"{len(problems)} problems in yikatong_en.ts:\n" + "\n".join(problems)


# --- c) an English window -----------------------------------------------------------------------------------------

def _data_values(app: bootstrap.App) -> list[str]:
    """Names held in the database (offices, villages, programs, people, banks, files): never translated."""
    db = sqlite3.connect(app.location.path)
    try:
        values: set[str] = set()
        for sql in ("select name from org_units", "select name from programs", "select synonyms from programs",
                    "select display_name from users", "select org_name from peers", "select bank from bank_accounts",
                    "select file_name from import_batches", "select title from notices", "select name from persons"):
            for (value,) in db.execute(sql):
                if isinstance(value, str) and value.startswith("["):
                    values.update(v for v in json.loads(value) if isinstance(v, str))
                elif isinstance(value, str):
                    values.add(value)
    finally:
        db.close()
    return sorted((v for v in values if IDEOGRAPH.search(v)), key=len, reverse=True)


def _shown_texts(window: QWidget) -> list[tuple[str, str]]:
    """(where, text) of what a window says: labels, buttons, titles, tabs, choices, placeholders, headers,
    lists and tooltips."""
    found: list[tuple[str, str]] = [("window title", window.windowTitle())]
    for w in [window, *window.findChildren(QWidget)]:
        name = f"{type(w).__name__} {w.objectName()}".strip()
        if w.toolTip():
            found.append((f"{name} tooltip", w.toolTip()))
        if isinstance(w, QLabel):
            found.append((name, w.text()))
        elif isinstance(w, QAbstractButton):
            found.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            found.append((name, w.title()))
        elif isinstance(w, QTabWidget):
            found += [(f"{name} tab", w.tabText(i)) for i in range(w.count())]
            found += [(f"{name} tab tooltip", w.tabToolTip(i)) for i in range(w.count())]
        elif isinstance(w, QComboBox):
            found += [(f"{name} item", w.itemText(i)) for i in range(w.count())]
            if w.lineEdit() is not None:
                found.append((f"{name} placeholder", w.lineEdit().placeholderText()))
        elif isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            found.append((f"{name} placeholder", w.placeholderText()))
        elif isinstance(w, QListWidget):
            found += [(f"{name} item", w.item(i).text()) for i in range(w.count())]
        elif isinstance(w, QHeaderView) and w.model() is not None:
            model, orientation = w.model(), w.orientation()
            count = model.columnCount() if orientation == Qt.Orientation.Horizontal else 0
            for i in range(count):
                found.append((f"{name} header", str(model.headerData(i, orientation) or "")))
                tip = model.headerData(i, orientation, Qt.ItemDataRole.ToolTipRole)
                if tip:
                    found.append((f"{name} header tooltip", str(tip)))
    return [(where, text) for where, text in found if text and text.strip()]


@pytest.fixture
def qapp_with_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[QCoreApplication]:
    """The application, able to switch to English from the committed catalogue (compiled to a .qm of this
    test, where gui.i18n looks for it); back in Chinese at the end, for the tests that follow."""
    from yikatong_desktop.gui import i18n
    from yikatong_desktop.gui.app import qt_application

    assert COMMITTED_TS.exists(), f"{COMMITTED_TS} is missing"
    qm = tmp_path / "translations" / "yikatong_en.qm"
    qm.parent.mkdir()
    subprocess.run([str(_tool("pyside6-lrelease")), str(COMMITTED_TS), "-qm", str(qm)], check=True,
                   capture_output=True)
    monkeypatch.setattr(i18n, "translations_dir", lambda: qm.parent)
    qapp = qt_application()
    try:
        yield qapp
    finally:
        i18n.install_translators(qapp, "zh")
        messages.choose_language(None)


@pytest.fixture
def english(qapp_with_english: QCoreApplication) -> None:
    """The process in English."""
    from yikatong_desktop.gui.i18n import install_translators

    install_translators(qapp_with_english, "en")


def test_switching_to_english_and_back(qapp_with_english: QCoreApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    from yikatong_desktop.gui.i18n import install_translators, term

    for name in ("YKT_LANG", "LC_ALL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    install_translators(qapp_with_english, "en")
    assert not IDEOGRAPH.search(term("待核实"))
    assert messages.language() == "en" and QLocale().language() == QLocale.Language.English
    assert messages.message("restore.cancelled") == "Cancelled; the database is unchanged."
    install_translators(qapp_with_english, "zh")
    messages.choose_language(None)
    assert term("待核实") == "待核实"
    assert messages.language() == "zh" and QLocale().language() == QLocale.Language.Chinese
    assert messages.message("restore.cancelled") == "已取消，数据库未改动。"


def test_the_english_window_says_nothing_in_chinese_but_data(qtbot: QtBot, app: bootstrap.App,
                                                             english: None) -> None:
    from yikatong_desktop.gui.i18n import term
    from yikatong_desktop.gui.main_window import MainWindow
    from yikatong_desktop.gui.page_names import PAGES

    assert not IDEOGRAPH.search(term("待核实"))  # the catalogue is loaded
    assert messages.language() == "en"
    window = MainWindow(app)
    qtbot.addWidget(window)
    window.show()
    for row in range(len(PAGES)):
        window.nav.setCurrentRow(row)
        QCoreApplication.processEvents()
    assert len(window.pages) == len(PAGES)
    data = _data_values(app)
    chinese = []
    for where, text in _shown_texts(window):
        rest = _without_kept(text)
        for value in data:
            rest = rest.replace(value, "")
        if IDEOGRAPH.search(rest):
            chinese.append(f"{where}: {text!r}")
    chinese = list(dict.fromkeys(chinese))
    assert not chinese, f"{len(chinese)} Chinese texts in the English window:\n" + "\n".join(chinese)


# --- the message catalogue and the saved language -----------------------------------------------------------------

def test_choosing_english_makes_the_messages_english() -> None:
    try:
        messages.choose_language("en")
        assert messages.message("restore.cancelled") == "Cancelled; the database is unchanged."
        assert YktError("file.missing", path="x.xlsx").text() == "No such file: x.xlsx"
        assert not IDEOGRAPH.search(messages.message("db.exists", path="/tmp/a"))
        messages.choose_language("zh")
        assert messages.message("restore.cancelled") == "已取消，数据库未改动。"
        assert YktError("file.missing", path="x.xlsx").text() == "文件不存在：x.xlsx"
        with pytest.raises(ValueError):
            messages.choose_language("fr")
    finally:
        messages.choose_language(None)


def test_the_chosen_language_is_saved_and_a_damaged_file_falls_back_to_lang(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from yikatong_desktop.bootstrap import preferences

    monkeypatch.setenv("YKT_HOME", str(tmp_path / "home"))
    for name in ("YKT_LANG", "LC_ALL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert preferences.saved_language() is None
    assert preferences.interface_language() == "zh"
    preferences.save_language("en")
    assert preferences.saved_language() == "en"
    assert preferences.interface_language() == "en"
    stored = json.loads((tmp_path / "home" / preferences.FILE_NAME).read_text(encoding="utf-8"))
    assert stored["language"] == "en"
    preferences.save_language("zh")
    assert preferences.interface_language() == "zh"
    preferences.save_language(None)  # follow LANG again
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert preferences.saved_language() is None
    assert preferences.interface_language() == "en"
    with pytest.raises(ValueError):
        preferences.save_language("fr")
    (tmp_path / "home" / preferences.FILE_NAME).write_text('{"language": "en", broken', encoding="utf-8")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert preferences.interface_language() == "zh"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert preferences.interface_language() == "en"
    (tmp_path / "home" / preferences.FILE_NAME).write_text('["not", "a", "dict"]', encoding="utf-8")
    assert preferences.interface_language() == "en"
    preferences.save_language("zh")  # a damaged file is replaced by a good one
    assert preferences.interface_language() == "zh"
