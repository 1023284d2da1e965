"""gui/terms.py lists every word of the domain the interface shows: a new state, role or rule without an
entry (and so without an English translation) fails here."""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace

import pytest

from yikatong_desktop.bootstrap import backups
from yikatong_desktop.domain import (
    catalog,
    checklist,
    column_mapping,
    headers,
    list_rows,
    lists,
    orgs,
    permissions,
    problems,
    reports,
    rules,
)
from yikatong_desktop.domain.campaign import default_campaign
from yikatong_desktop.gui import terms
from yikatong_desktop.gui.terms import TERMS
from yikatong_desktop.services import (
    basics,
    complaints,
    corrections,
    ledger_documents,
    ledger_fields,
    manual_entry,
    notices,
    roster_preview,
    selfcheck,
    selfcheck_report,
)
from yikatong_desktop.storage import queries as storage_queries


def _notice_statuses() -> list[str]:
    """What Notice.status and Coverage.status return, read from the service's source."""
    found: list[str] = []
    tree = ast.parse(Path(notices.__file__).read_text(encoding="utf-8"))
    for cls in (n for n in tree.body if isinstance(n, ast.ClassDef) and n.name in ("Notice", "Coverage")):
        for fn in (n for n in cls.body if isinstance(n, ast.FunctionDef) and n.name == "status"):
            for node in ast.walk(fn):
                if isinstance(node, ast.Return) and node.value is not None:
                    found += [c.value for c in ast.walk(node.value)
                              if isinstance(c, ast.Constant) and isinstance(c.value, str)]
    return found


def _list_facts() -> list[str]:
    """The list names a person's detail gives (storage.queries._list_facts: facts.append((name, fact)))."""
    found: list[str] = []
    for call in ast.walk(ast.parse(Path(storage_queries.__file__).read_text(encoding="utf-8"))):
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "append"
                and isinstance(call.func.value, ast.Name) and call.func.value.id == "facts"):
            pair = call.args[0]
            assert isinstance(pair, ast.Tuple) and isinstance(pair.elts[0], ast.Constant)
            found.append(str(pair.elts[0].value))
    return found


def _basics_names() -> list[str]:
    """The names of the 底数 rows of a self-check form (the 自查表 page shows them through term())."""
    figures = SimpleNamespace(persons=1, households=1, payments=1, paid_fen=1, methods={}, accounts=1,
                              share=lambda _m: 0.0)
    form = SimpleNamespace(department="", basics=SimpleNamespace(figures=figures, by_year={}, banks=[]))
    empty = SimpleNamespace(basics=None)
    return [str(row[0]) for f in (empty, form) for row in selfcheck_report.basics_rows(f)]  # type: ignore[arg-type]


def _words() -> dict[str, Iterable[str]]:
    camp = default_campaign(2019)
    return {
        "rules.SEVERITY_LABELS": rules.SEVERITY_LABELS.values(),
        "rules.STATUS_LABELS": rules.STATUS_LABELS.values(),
        "rules.RULES titles": [r.title for r in rules.RULES],
        "rules.RULES what": [r.what for r in rules.RULES],
        "rules.RULES parameter titles": [p.title for r in rules.RULES for p in r.params],
        "problems.STATE_LABELS": [v for labels in problems.STATE_LABELS.values() for v in labels.values()],
        "problems.MOVE_LABELS": [v for labels in problems.MOVE_LABELS.values() for v in labels.values()],
        "problems.Outcome": [o.value for o in problems.Outcome],
        "problems.RECEIVERS": problems.RECEIVERS,
        "problems.CHANNELS": problems.CHANNELS,
        "problems.SOURCES": problems.SOURCES.values(),
        "permissions.ROLE_LABELS": permissions.ROLE_LABELS.values(),
        "permissions.ACTION_LABELS": permissions.ACTION_LABELS.values(),
        "orgs.LEVEL_LABELS": orgs.LEVEL_LABELS.values(),
        "reports.KIND_LABELS": reports.KIND_LABELS.values(),
        "reports.STATE_LABELS": reports.STATE_LABELS.values(),
        "reports.NARRATIVE": [v for sections in reports.NARRATIVE.values() for v in sections.values()],
        "catalog.BASIS_LABELS": catalog.BASIS_LABELS.values(),
        "catalog.FREQUENCY_LABELS": catalog.FREQUENCY_LABELS.values(),
        "catalog.DEPARTMENTS": catalog.DEPARTMENTS.values(),
        "campaign phases and deadlines": [p.title for p in camp.phases] + [d.title for d in camp.deadlines],
        "checklist groups": [i.group for i in checklist.ITEMS],
        "checklist.ITEMS": [i.title for i in checklist.ITEMS],
        "list_rows.STATUS_TITLES": list_rows.STATUS_TITLES.values(),
        "lists.SPECS titles": [spec.title for spec in lists.SPECS.values()],
        "manual_entry.MANUAL_SOURCE": [manual_entry.MANUAL_SOURCE],
        "headers.TEMPLATE": [title for _field, title in headers.TEMPLATE],
        "basics.METHOD_LABELS": basics.METHOD_LABELS.values(),
        "corrections.METHOD_LABELS": corrections.METHOD_LABELS.values(),
        "basics.UNIT_LABELS": basics.UNIT_LABELS.values(),
        "ledger_documents.DOCUMENTS": ledger_documents.DOCUMENTS.values(),
        "ledger_fields.LABELS": ledger_fields.LABELS.values(),
        "notices.COVERAGE_STATUSES": notices.COVERAGE_STATUSES,
        "notices status()": _notice_statuses(),
        "selfcheck answers": [selfcheck.FOUND, selfcheck.NONE_FOUND],
        "selfcheck_report.basics_rows names": _basics_names(),
        "column_mapping.missing_columns": column_mapping.missing_columns(set(), program_given=False,
                                                                         period_given=False),
        "bootstrap.backups reasons": backups._REASONS.values(),
        "storage.queries list facts": _list_facts(),
        "roster_preview.SOURCE_NAMES": [v for v in roster_preview.SOURCE_NAMES.values() if v],
        "complaints.WITHHELD": [complaints.WITHHELD],
    }


@pytest.mark.parametrize(("source", "values"), list(_words().items()), ids=list(_words()))
def test_every_domain_word_has_a_term(source: str, values: Iterable[str]) -> None:
    missing = [v for v in values if v not in TERMS]
    assert not missing, f"{source}: add to yikatong_desktop/gui/terms.py (and translate): {missing}"


def test_the_words_read_from_source_are_found() -> None:
    assert {"未张贴", "公示中", "公示期满", "无公示", "部分公示", "张贴过晚", "已公示"} <= set(_notice_statuses())
    assert {"状态名单", "应享名单", "入户核查"} <= set(_list_facts())
    assert {"受益人数", "代理银行", "本单位没有该项目的发放数据"} <= set(_basics_names())


def test_terms_are_unique_literals_lupdate_can_see() -> None:
    assert len(TERMS) == len(set(TERMS))
    assert all(t and t == t.strip() for t in TERMS)
    tree = ast.parse(Path(terms.__file__).read_text(encoding="utf-8"))
    marked = [
        call for call in ast.walk(tree)
        if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "QT_TRANSLATE_NOOP"
    ]
    assert len(marked) == len(TERMS)
    for call in marked:
        context, text = call.args
        assert isinstance(context, ast.Constant) and context.value == "Terms"
        assert isinstance(text, ast.Constant) and isinstance(text.value, str)
