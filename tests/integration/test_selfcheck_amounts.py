"""Saving a 自查表 item: the amount the clerk types (元 text) is what is stored; bad text changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.services import selfcheck

ITEM = {"answer": "有问题", "count": 1, "measures": "已整改"}


@pytest.fixture
def app(installation: Callable[..., bootstrap.App]) -> Iterator[bootstrap.App]:
    opened = installation()
    yield opened
    opened.close()


def _save(app: bootstrap.App, edit: dict[str, object]) -> selfcheck.Answer:
    with app.uow() as uow:
        form = selfcheck.save(uow, app.actor, "MZ01", selfcheck.scope(uow), {"1.6": edit})
        uow.commit()
    return next(a for a in form.answers if a.code == "1.6")


def test_the_amount_typed_in_yuan_replaces_the_one_saved_before(app: bootstrap.App) -> None:
    assert _save(app, {**ITEM, "amount": "1,250.5"}).amount_fen == 125050
    assert _save(app, {**ITEM, "amount": "30"}).amount_fen == 3000
    assert _save(app, {"measures": "只改措施"}).amount_fen == 3000  # an edit without an amount keeps it


def test_an_amount_that_is_no_number_is_refused_and_changes_nothing(app: bootstrap.App) -> None:
    _save(app, {**ITEM, "amount": "12"})
    with pytest.raises(InputRejected, match="涉及金额不对"):
        _save(app, {**ITEM, "amount": "abc"})
    with app.reader() as uow:
        form = selfcheck.form(uow, app.actor, "MZ01", selfcheck.scope(uow))
    assert next(a for a in form.answers if a.code == "1.6").amount_fen == 1200


def test_items_nobody_edited_keep_following_the_ledger_after_a_save(app: bootstrap.App) -> None:
    from yikatong_desktop.services import ledger

    _save(app, {**ITEM, "amount": "12"})
    with app.uow() as uow:  # a problem registered after the save, under another item
        ledger.register(uow, app.actor, {"category": "1.1", "description": "迟发两个月", "program": "MZ01",
                                         "amount": "300", "measures": "已补发"})
        uow.commit()
    with app.reader() as uow:
        answers = {a.code: a for a in selfcheck.form(uow, app.actor, "MZ01", selfcheck.scope(uow)).answers}
    assert (answers["1.1"].has_problem, answers["1.1"].count, answers["1.1"].amount_fen) == (True, 1, 30000)
    assert answers["1.1"].measures == "已补发"
    assert (answers["1.6"].count, answers["1.6"].amount_fen) == (1, 1200)  # the saved item stays as saved
