"""The command line speaks English too: every Chinese text in `yikatong_desktop/cli` has its English beside it.

A string constant with CJK ideographs in `cli/*.py` must be the first (Chinese) argument of
`zh_en("中文", "English")`, a docstring, a side of a comparison (stored data compared), or listed in
ALLOWED below with the reason it is data and not a text for people. The English argument of `zh_en`
has neither ideographs nor full-width punctuation. Arguments of `message()` get no pass: the message
is bilingual, so a Chinese value passed into it would show Chinese in the English text.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import yikatong_desktop.cli

CLI = Path(yikatong_desktop.cli.__file__).parent
IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
FULL_WIDTH = re.compile(r"[\u3000-\u303f\uff00-\uffef]")

#: (file, constant) → why this Chinese constant is not a text to translate.
ALLOWED: dict[tuple[str, str], str] = {
    **{("main.py", word): "the reason a status list writes (data the importer reads), for `--reason deceased`…"
       for word in ("死亡", "迁出", "退出")},
    ("notice_cmd.py", "村"): "fallback stem of a file name (a village's name is data, never translated)",
    ("notice_cmd.py", "未张贴"): "a notice status (Counter key): stored data the service computes",
    ("notice_cmd.py", "公示中"): "a notice status (Counter key): stored data the service computes",
    ("notice_cmd.py", "公示期满"): "a notice status (Counter key): stored data the service computes",
    ("notice_cmd.py", "无公示"): "a coverage status (Counter key): data the service computes",
    ("notice_cmd.py", "部分公示"): "a coverage status (Counter key): data the service computes",
    ("notice_cmd.py", "张贴过晚"): "a coverage status (Counter key): data the service computes",
    ("notice_cmd.py", "已公示"): "a coverage status (Counter key): data the service computes",
    ("notice_cmd.py", "相符"): "the JSON verdict of `notice check`: a value scripts read, not a text",
    ("notice_cmd.py", "不符"): "the JSON verdict of `notice check`: a value scripts read, not a text",
    **{("records_cmd.py", title): "a roster template title: the key the service reads the typed value under"
       for title in ("身份证号", "姓名", "性别", "民族", "联系电话", "乡镇", "村(社区)", "组", "户编号", "补贴项目",
                     "补贴期间", "补贴年度", "实发金额", "应发金额", "发放日期", "发放方式", "代发银行", "银行账号",
                     "备注")},
}


def _sources() -> list[Path]:
    return sorted(CLI.glob("*.py"))


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _is_docstring(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    statement = parents.get(node)
    if not isinstance(statement, ast.Expr):
        return False
    owner = parents.get(statement)
    return isinstance(owner, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) \
        and owner.body[0] is statement


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _place(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> str:
    """'zh' inside zh_en's Chinese argument, 'en' inside its English one, 'compare' in a comparison, else ''."""
    child, parent = node, parents.get(node)
    while parent is not None:
        if isinstance(parent, ast.Call) and _call_name(parent) == "zh_en" and len(parent.args) == 2:
            if child is parent.args[0]:
                return "zh"
            if child is parent.args[1]:
                return "en"
        if isinstance(parent, ast.Compare):
            return "compare"
        if isinstance(parent, ast.stmt):
            return ""
        child, parent = parent, parents.get(parent)
    return ""


def _constants(path: Path) -> Iterator[tuple[ast.Constant, str]]:
    """Each string constant of the file with CJK ideographs and where it is."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    parents = _parents(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and IDEOGRAPH.search(node.value):
            if _is_docstring(node, parents):
                continue
            yield node, _place(node, parents)


def test_every_chinese_text_of_the_cli_has_its_english() -> None:
    used: set[tuple[str, str]] = set()
    bare = []
    for path in _sources():
        for node, place in _constants(path):
            key = (path.name, node.value)
            if place in ("zh", "compare"):
                continue
            if place == "" and key in ALLOWED:
                used.add(key)
                continue
            bare.append(f"{path.name}:{node.lineno}: {node.value!r}" + (" (in zh_en's English)" if place == "en"
                                                                         else ""))
    assert not bare, "Chinese without English (wrap it in zh_en, or allow it with a reason):\n" + "\n".join(bare)
    assert not set(ALLOWED) - used, f"allowed but no longer there: {sorted(set(ALLOWED) - used)}"


def test_the_english_of_zh_en_is_english() -> None:
    wrong = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _call_name(node) == "zh_en":
                assert len(node.args) == 2 and not node.keywords, f"{path.name}:{node.lineno}: zh_en(中文, English)"
                for part in ast.walk(node.args[1]):
                    if isinstance(part, ast.Constant) and isinstance(part.value, str) \
                            and (IDEOGRAPH.search(part.value) or FULL_WIDTH.search(part.value)):
                        wrong.append(f"{path.name}:{node.lineno}: {part.value!r}")
    assert not wrong, "English with Chinese characters or full-width punctuation:\n" + "\n".join(wrong)


def test_the_checker_sees_what_it_must() -> None:
    source = '''
"""文档。"""
def f(x):
    """文档。"""
    a = zh_en("中文", "English")
    b = "不行" if x == "可以" else zh_en(f"共 {x} 条", f"{x} rows")
    return message("key", extra="也不行")
'''
    tree = ast.parse(source)
    parents = _parents(tree)
    found = {node.value: _place(node, parents) for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and IDEOGRAPH.search(node.value)
             and not _is_docstring(node, parents)}
    assert found == {"中文": "zh", "不行": "", "可以": "compare", "共 ": "zh", " 条": "zh", "也不行": ""}
