"""花名册: lazy paging, search, filters, sorting and the person pane on a real database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.names import pinyin_sort_key
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.models.roster_model import PAGE_SIZE
from yikatong_desktop.gui.pages.roster import RosterPage
from yikatong_desktop.gui.tasks import set_synchronous


def _page(qtbot: QtBot, app: bootstrap.App) -> RosterPage:
    qt_application()
    page = RosterPage(app)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.model.count_pending, timeout=3000)
    return page


def _search(qtbot: QtBot, page: RosterPage, text: str) -> None:
    """Type into the search box and wait for the debounced re-query."""
    page.search.setText(text)
    qtbot.waitUntil(lambda: page.model.current_filter.text == text and not page.model.count_pending,
                    timeout=3000)


def _db(app: bootstrap.App) -> sqlite3.Connection:
    assert app.location.path is not None
    return sqlite3.connect(app.location.path)


def test_table_shows_every_live_payment_and_fetches_pages_lazily(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    total = _db(app).execute("select count(*) from payments where NOT voided").fetchone()[0]
    assert total > 5 * PAGE_SIZE
    assert page.model.rowCount() == total
    assert page.count_label.text() == f"共 {total:,} 笔"
    # Showing the first screen needs one page, not the whole table; sorting setup re-fetches nothing.
    assert page.model.pages_fetched == 1
    before = page.model.pages_fetched
    last = page.model.index(total - 1, 0)
    page.table.scrollTo(last)
    assert page.model.data(last) is not None
    assert page.model.pages_fetched == before + 1


def test_model_passes_qt_model_tester(qtbot: QtBot, app: bootstrap.App, qtmodeltester: ModelTester) -> None:
    page = _page(qtbot, app)
    qtmodeltester.check(page.model, force_py=True)


def test_search_by_name_id_and_account_filters_the_table(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    db = _db(app)
    name, id_number, pid = db.execute(
        "select name, id_number, id from persons where id in (select person_id from payments) limit 1").fetchone()
    expected = db.execute("select count(*) from payments p join persons s on s.id=p.person_id "
                          "where NOT p.voided and s.name like ?", (f"%{name}%",)).fetchone()[0]
    _search(qtbot, page, name)
    assert page.model.rowCount() == expected
    assert all(page.model.row_at(i).name.find(name) >= 0 for i in range(page.model.rowCount()))
    _search(qtbot, page, id_number)
    own = db.execute("select count(*) from payments where NOT voided and person_id=?", (pid,)).fetchone()[0]
    assert page.model.rowCount() == own
    number, acc_id = db.execute("select number, id from bank_accounts limit 1").fetchone()
    on_account = db.execute("select count(*) from payments where NOT voided and account_id=?", (acc_id,)).fetchone()[0]
    _search(qtbot, page, number[-8:])
    assert page.model.rowCount() >= on_account > 0
    assert any(page.model.row_at(i).account == number for i in range(page.model.rowCount()))
    _search(qtbot, page, "查无此人")
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "共 0 笔"
    assert page.empty_hint.isVisible() and "没有符合条件" in page.empty_hint.text()
    _search(qtbot, page, "")
    assert not page.empty_hint.isVisible()


def test_township_village_program_and_year_filters(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    db = _db(app)
    page.township.setCurrentIndex(page.township.findData("652323200"))
    page.model.ensure_counted()
    n = db.execute("select count(*) from payments where NOT voided and township_code='652323200'").fetchone()[0]
    assert page.model.rowCount() == n > 0
    villages = {page.village.itemData(i) for i in range(1, page.village.count())}
    assert villages and all(v.startswith("652323200") for v in villages)
    village = page.village.itemData(1)
    page.village.setCurrentIndex(1)
    page.model.ensure_counted()
    n = db.execute("select count(*) from payments where NOT voided and village_code=?", (village,)).fetchone()[0]
    assert page.model.rowCount() == n
    page.township.setCurrentIndex(0)
    page.program.setCurrentIndex(page.program.findData("MZ02"))
    page.year.setCurrentIndex(page.year.findData("2018"))
    page.model.ensure_counted()
    n = db.execute("select count(*) from payments p join programs g on g.id=p.program_id "
                   "where NOT p.voided and g.code='MZ02' and p.year=2018").fetchone()[0]
    assert page.model.rowCount() == n > 0
    assert {page.model.row_at(i).program for i in range(n)} == {"高龄老人基本生活津贴"}


def test_sorting_by_name_follows_pinyin(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    names = [page.model.row_at(i).name for i in range(300)]
    keys = [pinyin_sort_key(n) for n in names]
    assert keys == sorted(keys)
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    first = page.model.row_at(0).name
    assert pinyin_sort_key(first) >= keys[-1]


def test_selecting_a_row_shows_the_persons_payments_and_accounts(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    page.table.selectRow(0)
    row = page.model.row_at(0)
    text = page.detail.toPlainText()
    assert row.name in text and row.id_number in text
    n = _db(app).execute("select count(*) from payments p join persons s on s.id=p.person_id "
                         "where s.uid=?", (row.person_uid,)).fetchone()[0]
    assert text.count(row.period[:4]) >= 1
    assert text.count("耕地地力保护补贴") + text.count(row.program) >= 1
    assert n >= 1 and "银行账户" in text and "发放记录" in text


def test_first_page_shows_before_the_count_which_then_extends_the_table(qtbot: QtBot, app: bootstrap.App) -> None:
    qt_application()
    set_synchronous(False)  # the real thread pool counts while the first page is on screen
    page = RosterPage(app)
    qtbot.addWidget(page)
    total = _db(app).execute("select count(*) from payments where NOT voided").fetchone()[0]
    assert page.model.count_pending and page.model.rowCount() == PAGE_SIZE
    assert "正在统计" in page.count_label.text()
    with qtbot.waitSignal(page.model.counted, timeout=5000) as signal:
        pass
    assert signal.args == [total] and page.model.rowCount() == total
    assert page.count_label.text() == f"共 {total:,} 笔"


def test_a_short_result_is_counted_at_once(qtbot: QtBot, app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    page.search.setText("查无此人")
    page.apply_filter()
    assert not page.model.count_pending and page.model.rowCount() == 0


def test_an_installation_without_rosters_says_where_to_import(qtbot: QtBot, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from yikatong_desktop.services import setup

    monkeypatch.setenv("YKT_HOME", str(tmp_path / "home"))

    def seed(created: bootstrap.App) -> None:
        with created.uow() as uow:
            setup.initialise(uow, created.actor, code="652323101", name="大丰镇", level="township")
            uow.commit()

    empty = bootstrap.create_app(str(tmp_path / "new.sqlite3"), "pw", org_code="652323101", org_name="大丰镇",
                                 seed=seed)
    page = _page(qtbot, empty)
    assert page.model.rowCount() == 0
    assert page.empty_hint.isVisible() and "导入" in page.empty_hint.text()
    empty.close()


def test_a_column_that_cannot_be_sorted_shows_no_arrow_and_leaves_the_import_order(qtbot: QtBot,
                                                                                     app: bootstrap.App) -> None:
    page = _page(qtbot, app)
    first = page.model.row_at(0).uid
    sex_column = 2  # 性别
    page.table.sortByColumn(sex_column, Qt.SortOrder.DescendingOrder)
    assert page.table.horizontalHeader().sortIndicatorSection() != sex_column
    assert page.model.row_at(0).uid == first


def test_export_writes_every_row_the_table_shows_in_its_order(qtbot: QtBot, app: bootstrap.App,
                                                              tmp_path: Path) -> None:
    import openpyxl

    page = _page(qtbot, app)
    page.township.setCurrentIndex(page.township.findData("652323200"))
    page.model.ensure_counted()
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    out = tmp_path / "花名册.xlsx"
    page.export(out)
    rows = list(openpyxl.load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("姓名", "身份证号", "性别")
    assert len(rows) - 1 == page.model.rowCount() > 0
    shown = [page.model.row_at(i) for i in range(len(rows) - 1)]
    assert [r[0] for r in rows[1:]] == [s.name for s in shown]
    assert [r[1] for r in rows[1:]] == [s.id_number for s in shown]  # IDs are text, whole
    assert "已导出" in page.count_label.text()


@pytest.fixture
def own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, app: bootstrap.App, demo_db: Path) -> Iterator[bootstrap.App]:
    """A private copy of the demo installation, for tests that change data."""
    import shutil

    copy = tmp_path / "copy.sqlite3"
    for suffix in ("", ".keys"):
        shutil.copy2(f"{demo_db}{suffix}", f"{copy}{suffix}")
    monkeypatch.setenv("YKT_HOME", str(tmp_path / "home"))
    opened = bootstrap.open_app(str(copy))
    yield opened
    opened.close()


def test_correcting_a_payment_checks_the_value_needs_a_reason_and_is_audited(qtbot: QtBot,
                                                                            own: bootstrap.App) -> None:
    copy = own.location.path
    page = _page(qtbot, own)
    page.table.selectRow(0)
    row = page.model.row_at(0)
    dialog = page.correct_dialog()
    assert dialog is not None and dialog.version > 0
    dialog.paid.setText("一百")  # not a number: refused in the dialog, nothing stored
    dialog.reason.setText("村里核实")
    dialog.save()
    assert "不是数字" in dialog.message.text() and dialog.result() == 0
    dialog.paid.setText("1,234.50")
    dialog.reason.setText("")
    dialog.save()
    assert "原因" in dialog.message.text()
    dialog.reason.setText("村委会核实后更正，依据银行回单")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    db = sqlite3.connect(copy)
    assert db.execute("SELECT paid_fen FROM payments WHERE uid = ?", (row.uid,)).fetchone()[0] == 123450
    detail = db.execute("SELECT detail FROM audit_events WHERE action = 'payment.correct'").fetchone()[0]
    assert "依据银行回单" in detail and '"paid_fen":123450' in detail
    assert db.execute("SELECT COUNT(*) FROM record_history WHERE uid = ?", (row.uid,)).fetchone()[0] == 1
    page.apply_filter()
    page.model.ensure_counted()
    assert page.model.row_at(0).paid_fen == 123450


def test_a_correction_made_by_someone_else_meanwhile_is_refused(qtbot: QtBot, own: bootstrap.App) -> None:
    from yikatong_desktop.services import corrections

    page = _page(qtbot, own)
    page.table.selectRow(0)
    dialog = page.correct_dialog()
    assert dialog is not None
    with own.uow() as uow:  # another clerk saves first
        corrections.correct_payment(uow, own.actor, page.model.row_at(0).uid, {"remark": "先改"},
                                    reason="另一位", expected_version=dialog.version)
        uow.commit()
    dialog.remark.setText("后改")
    dialog.reason.setText("我也改")
    dialog.save()
    assert "刷新" in dialog.message.text() and dialog.result() == 0


def test_the_person_pane_shows_what_the_lists_say(qtbot: QtBot, app: bootstrap.App) -> None:
    """A person on the death list, with a failed bank return or a field check: the pane says so."""
    page = _page(qtbot, app)
    db = _db(app)
    for query, says in (
            ("SELECT p.id_number FROM person_statuses s JOIN persons p ON p.id = s.person_id "
             "WHERE s.status = 'death'", "死亡（死亡）2018-"),
            ("SELECT p.id_number FROM field_checks c JOIN persons p ON p.id = c.person_id "
             "WHERE NOT c.card_in_hand", "卡不在本人手中，持卡人：村会计 王某"),
            ("SELECT s.id_number FROM bank_returns r JOIN payments p ON p.id = r.payment_id "
             "JOIN persons s ON s.id = p.person_id WHERE NOT r.succeeded", "失败：")):
        id_number = db.execute(query).fetchone()[0]
        _search(qtbot, page, id_number)
        page.table.selectRow(0)
        text = page.detail.toPlainText()
        assert "名单中的记录" in text and says in text, text
