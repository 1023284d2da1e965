"""数据交换 driven through its widgets on real databases: a county and its township (大丰镇) that trust each
other, the township with a roster imported and one package sent. The township exports a package from the
page; the county previews one (nothing kept), imports it on 确认导入, is told when it comes again, refuses a
damaged file, previews files dropped on the page; a key file is trusted only with the right fingerprint;
a revoked office is shown 已吊销 and its packages are refused."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from modal_answers import answer_next_dialog
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from roster_files import citizen_id, write_roster

from yikatong_desktop import bootstrap
from yikatong_desktop.bootstrap import backups
from yikatong_desktop.formats import package_file as pf
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.pages.exchange import BACKUP_REASON, ExchangePage
from yikatong_desktop.gui.tasks import set_synchronous
from yikatong_desktop.gui.widgets.exchange_peers import COLUMNS, MISSING_COLUMN
from yikatong_desktop.gui.widgets.exchange_result import ImportResults, Incoming
from yikatong_desktop.gui.widgets.exchange_trust import TrustDialog
from yikatong_desktop.services import exchange, peers
from yikatong_desktop.services.imports import import_roster
from yikatong_desktop.services.stats import stats
from yikatong_desktop.storage.exchange_store import KindResult

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "integration"))
from ykt_integration import PASSPHRASE, copy_installation, init_installation

COUNTY, TOWN, OTHER = "652323", "652323101", "652323102"
HEADER = ("序号", "乡镇", "村(社区)", "姓名", "身份证号", "补贴项目", "补贴期间", "实发金额", "发放日期", "代发银行",
          "银行账号")
PERSONS = 6


@dataclass(frozen=True)
class Offices:
    """Closed databases to copy: the county, 大丰镇 (trusting each other), the two packages 大丰镇 sent (the
    second with nothing new), and the public key file of 二十里店镇, whom nobody trusts yet."""

    folder: Path
    county: Path
    town: Path
    package: Path
    later: Path
    other_keys: Path
    other_fingerprint: str


def _trust(app: bootstrap.App, other: bootstrap.App) -> None:
    with other.reader() as uow:
        keys = peers.own_public(uow, other.keystore_path)
    with app.uow() as uow:
        peers.trust(uow, app.actor, app.keystore_path, keys, expect_fingerprint=keys.fingerprint, confirmed=False)
        uow.commit()


@pytest.fixture(scope="module")
def offices(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Offices]:
    folder = tmp_path_factory.mktemp("exchange")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("YKT_HOME", str(folder / "home"))
        county = init_installation(folder / "county.sqlite3")
        town = init_installation(folder / "town.sqlite3", code=TOWN, name="大丰镇", level="township", parent=COUNTY)
        other = init_installation(folder / "other.sqlite3", code=OTHER, name="二十里店镇", level="township",
                                  parent=COUNTY)
        _trust(county, town)
        _trust(town, county)
        roster = write_roster(folder / "大丰镇.xlsx", HEADER, [
            [i, "大丰镇", "东村", f"居民{i}", citizen_id(i), "高龄津贴", "2018-03", 120, "2018-03-20", "农业银行",
             f"62284800{i:011d}"] for i in range(1, PERSONS + 1)])
        with town.uow() as uow:
            import_roster(uow, town.actor, roster)
            uow.commit()
        package, later = folder / "大丰镇-1.ykt", folder / "大丰镇-2.ykt"
        for path in (package, later):
            with town.uow() as uow:
                exchange.export_package(uow, town.actor, town.keystore_path, PASSPHRASE, COUNTY, path)
                uow.commit()
        other_keys = folder / "二十里店镇公钥.json"
        with other.uow() as uow:
            fingerprint = peers.export_public(uow, other.actor, other.keystore_path, other_keys).fingerprint
            uow.commit()
        for app in (county, town, other):
            app.close()
    yield Offices(folder, folder / "county.sqlite3", folder / "town.sqlite3", package, later, other_keys,
                  fingerprint)


def _open_copy(source: Path, tmp_path: Path, name: str) -> Iterator[bootstrap.App]:
    opened = bootstrap.open_app(str(copy_installation(source, tmp_path / name)))
    yield opened
    opened.close()


@pytest.fixture
def synchronous(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Background tasks inline; backups into this test's folder."""
    monkeypatch.setenv("YKT_HOME", str(tmp_path / "home"))
    set_synchronous(True)
    yield
    set_synchronous(False)


@pytest.fixture
def county(offices: Offices, tmp_path: Path, synchronous: None) -> Iterator[bootstrap.App]:
    yield from _open_copy(offices.county, tmp_path, "county.sqlite3")


@pytest.fixture
def town(offices: Offices, tmp_path: Path, synchronous: None) -> Iterator[bootstrap.App]:
    yield from _open_copy(offices.town, tmp_path, "town.sqlite3")


def _page(qtbot: QtBot, app: bootstrap.App) -> ExchangePage:
    qt_application()
    page = ExchangePage(app)
    qtbot.addWidget(page)
    page.resize(1228, 790)
    page.show()
    return page


def _stats(app: bootstrap.App) -> dict[str, tuple[int, str]]:
    with app.reader() as uow:
        return {s.kind: (s.count, s.digest) for s in stats(uow, app.actor)}


def _cells(page: ExchangePage, row: int = 0) -> dict[str, str]:
    table = page.peers.table
    return {title: table.item(row, col).text() for col, title in enumerate(COLUMNS)}


def _kinds(page: ExchangePage) -> dict[str, list[str]]:
    """The per-kind table of the selected file: label → 新增, 更新, 未变, 较旧, 拒绝."""
    table = page.results.kinds
    return {table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 6)] for r in range(table.rowCount())}


def _error_boxes(widget: QWidget) -> list[QMessageBox]:
    return [w for w in widget.findChildren(QMessageBox) if w.objectName() == "errorBox"]


def _type_passphrase(passphrase: str = PASSPHRASE) -> list[BaseException]:
    def fill(dialog: Any) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(passphrase)
        dialog.accept()

    return answer_next_dialog(fill)


def _preview(page: ExchangePage, *paths: Path, passphrase: str = PASSPHRASE) -> None:
    """导入数据包…, choosing the files and typing the passphrase."""
    errors = _type_passphrase(passphrase)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *_a, **_k: ([str(p) for p in paths], "")))
        page.import_button.click()
    assert not errors


def test_peers_table_shows_the_township_with_its_fingerprint(qtbot: QtBot, county: bootstrap.App,
                                                             town: bootstrap.App) -> None:
    page = _page(qtbot, county)
    with town.reader() as uow:
        theirs = peers.own_public(uow, town.keystore_path).fingerprint
    with county.reader() as uow:
        mine = peers.own_public(uow, county.keystore_path).fingerprint
    assert page.peers.table.rowCount() == 1
    row = _cells(page)
    assert (row["单位"], row["代码"], row["签名密钥指纹"], row["状态"]) == ("大丰镇", TOWN, theirs, "受信任")
    assert row["信任于"].startswith("2019-06-01")  # the installations' clock
    assert row["最近收到"] == row["最近发出"] == row["缺少的数据包"] == "-"
    assert page.peers.own_label.text() == mine
    assert [page.recipient.itemData(i) for i in range(page.recipient.count())] == [TOWN]
    assert page.export_button.isEnabled() and not page.confirm_button.isEnabled()


def test_export_from_the_township_writes_a_package_for_the_county(qtbot: QtBot, town: bootstrap.App,
                                                                   tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    page = _page(qtbot, town)
    assert page.recipient.currentData() == COUNTY
    page.full.setChecked(True)
    chosen = tmp_path / "给县里"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(chosen), "")))
    errors = _type_passphrase()
    page.export_button.click()
    assert not errors and not _error_boxes(page)
    written = tmp_path / "给县里.ykt"
    header = pf.read_header(written.read_bytes())
    assert (header.sender.code, header.recipient.code, header.epoch, header.sequence) == (TOWN, COUNTY, 1, 3)
    assert header.counts["payments"] == PERSONS  # 全部数据: everything again, not only what changed
    said = page.export_result.text()
    assert "已写出数据包" in said and "第 1 轮第 3 个" in said and "呼图壁县" in said
    assert _cells(page)["最近发出"].startswith("第 1 轮第 3 个")
    assert page.export_button.isEnabled()


def test_a_wrong_passphrase_writes_no_package(qtbot: QtBot, town: bootstrap.App, tmp_path: Path) -> None:
    page = _page(qtbot, town)
    out = tmp_path / "x.ykt"
    page.export_to(COUNTY, out, "not the passphrase")
    assert not out.exists()
    assert "密钥口令不正确" in page.export_result.text()
    assert any("密钥口令不正确" in box.text() for box in _error_boxes(page))
    assert _cells(page)["最近发出"].startswith("第 1 轮第 2 个")  # the fixture's packages only


def test_preview_shows_the_counts_and_changes_nothing(qtbot: QtBot, county: bootstrap.App,
                                                      offices: Offices) -> None:
    before = _stats(county)
    page = _page(qtbot, county)
    _preview(page, offices.package)
    assert _stats(county) == before
    assert page.results.files.rowCount() == 1
    assert [page.results.files.item(0, c).text() for c in range(4)] == [
        offices.package.name, f"大丰镇（{TOWN}）", "第 1 轮第 1 个", "预览完成，待确认导入"]
    kinds = _kinds(page)
    assert kinds["人员"] == [str(PERSONS), "0", "0", "0", "0"]
    assert kinds["发放记录"][0] == str(PERSONS)
    assert "预览" in page.results.summary.text() and "未导入" in page.results.summary.text()
    assert "可导入" in page.import_state.text()
    assert page.confirm_button.isEnabled()
    assert _cells(page)["最近收到"] == "-"  # nothing logged


def test_confirm_imports_and_the_same_file_again_says_already_imported(qtbot: QtBot, county: bootstrap.App,
                                                                       offices: Offices) -> None:
    before = _stats(county)
    page = _page(qtbot, county)
    _preview(page, offices.package)
    page.confirm_button.click()
    after = _stats(county)
    assert after["persons"][0] == before["persons"][0] + PERSONS
    assert after["payments"][0] == before["payments"][0] + PERSONS
    assert "已导入" in page.results.summary.text() and "新增" in page.results.summary.text()
    assert page.results.files.item(0, 3).text() == "已导入"
    assert "已导入 1 个数据包" in page.import_state.text()
    assert _cells(page)["最近收到"].startswith("第 1 轮第 1 个")
    assert not page.confirm_button.isEnabled()
    assert [b.reason for b in backups.list_backups(county)] == [BACKUP_REASON]  # SPEC §9: a way back

    _preview(page, offices.package)  # the passphrase is asked again: the batch was done
    assert "已导入过" in page.results.summary.text()
    assert page.results.files.item(0, 3).text() == "已导入过，没有变化"
    assert not page.confirm_button.isEnabled()
    assert _stats(county) == after


def test_a_missing_package_is_noted_in_the_preview_and_highlighted_until_it_comes(
        qtbot: QtBot, county: bootstrap.App, offices: Offices) -> None:
    page = _page(qtbot, county)
    _preview(page, offices.later)
    assert page.results.notes.isVisibleTo(page)
    assert page.results.notes.text() == "缺少 大丰镇 的第 1 个数据包（第 1 轮）"
    page.confirm_button.click()
    cell = page.peers.table.item(0, MISSING_COLUMN)
    assert cell.text() == "第 1 个" and cell.font().bold()
    assert cell.background().color().name() == "#fde2e2"
    _preview(page, offices.package)
    assert not page.results.notes.isVisibleTo(page)
    page.confirm_button.click()
    assert page.peers.table.item(0, MISSING_COLUMN).text() == "-"
    assert _cells(page)["最近收到"].startswith("第 1 轮第 2 个")


def test_conflicts_and_refused_records_are_shown_per_kind(qtbot: QtBot) -> None:
    qt_application()
    view = ImportResults()
    qtbot.addWidget(view)
    view.show()
    done = exchange.Imported("x.ykt", TOWN, "大丰镇", "id", 1, 1, dry_run=True, kinds={
        "persons": KindResult(added=2, unchanged=1, conflicts=["身份证号 6523…0012：姓名 居民1 / 居民一"]),
        "payments": KindResult(refused=3)})
    view.set_items([Incoming(Path("x.ykt"), preview=done)])
    assert view.kinds.item(0, 0).text() == "人员" and view.kinds.item(1, 0).text() == "发放记录"
    assert view.kinds.item(1, 5).text() == "3" and view.kinds.item(1, 5).foreground().color().name() == "#c00000"
    assert view.conflicts.isVisibleTo(view)
    assert "冲突 1 处" in view.conflicts.toPlainText() and "人员：身份证号" in view.conflicts.toPlainText()
    assert "将新增 2" in view.summary.text() and "拒绝 3" in view.summary.text()


def test_a_damaged_file_is_refused_and_changes_nothing(qtbot: QtBot, county: bootstrap.App, offices: Offices,
                                                       tmp_path: Path) -> None:
    damaged = tmp_path / "坏的.ykt"
    data = offices.package.read_bytes()
    damaged.write_bytes(data[: len(data) - 40])
    before = _stats(county)
    page = _page(qtbot, county)
    _preview(page, damaged, offices.package)
    assert page.results.files.rowCount() == 2
    page.results.files.selectRow(0)
    assert page.results.files.item(0, 3).text() == "已拒收，未导入"
    said = page.results.summary.text()
    assert "已损坏" in said and "未导入" in said and "没有任何改动" in said
    assert page.results.kinds.rowCount() == 0
    assert "1 个被拒收" in page.import_state.text()
    page.confirm_button.click()  # the good one is imported; the damaged one is not tried again
    assert page.results.files.item(0, 3).text() == "已拒收，未导入"
    assert page.results.files.item(1, 3).text() == "已导入"
    assert _stats(county)["persons"][0] == before["persons"][0] + PERSONS


def test_a_wrong_passphrase_previews_nothing(qtbot: QtBot, county: bootstrap.App, offices: Offices) -> None:
    page = _page(qtbot, county)
    _preview(page, offices.package, passphrase="wrong")
    assert page.results.files.rowCount() == 0
    assert "密钥口令不正确" in page.import_state.text()
    assert any("密钥口令不正确" in box.text() for box in _error_boxes(page))
    assert not page.confirm_button.isEnabled()


def test_dropping_package_files_previews_them_in_the_background(qtbot: QtBot, county: bootstrap.App,
                                                                offices: Offices, tmp_path: Path) -> None:
    set_synchronous(False)  # the real thread pool, as a clerk's drop runs
    page = _page(qtbot, county)
    sheet = tmp_path / "名单.xlsx"
    sheet.write_bytes(b"not a package")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(offices.package)), QUrl.fromLocalFile(str(sheet))])
    drop = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    errors = _type_passphrase()
    page.dropEvent(drop)
    assert not errors
    qtbot.waitUntil(lambda: not page.busy, timeout=15000)
    assert page.results.files.rowCount() == 1  # the .xlsx is not taken …
    assert page.results.files.item(0, 3).text() == "预览完成，待确认导入"
    assert _kinds(page)["人员"][0] == str(PERSONS)
    assert page.confirm_button.isEnabled()


def test_dropping_anything_else_says_so(qtbot: QtBot, county: bootstrap.App, tmp_path: Path) -> None:
    page = _page(qtbot, county)
    sheet = tmp_path / "名单.xlsx"
    sheet.write_bytes(b"x")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sheet))])
    page.drop(mime)  # no passphrase is asked: the test would hang on the dialog
    assert "只能导入本机上的 .ykt 数据包" in page.import_state.text() and "名单.xlsx" in page.import_state.text()
    assert page.results.files.rowCount() == 0


def _answer_trust(typed: str = "", *, in_person: bool = False) -> list[BaseException]:
    def fill(dialog: Any) -> None:
        assert isinstance(dialog, TrustDialog)
        assert dialog.keys.org_name == "二十里店镇"
        assert not dialog.trust_button.isEnabled()  # nothing checked yet
        dialog.typed.setText(typed[:10])
        assert not dialog.trust_button.isEnabled()  # fewer than 16 digits
        dialog.typed.setText(typed)
        dialog.checked.setChecked(in_person)
        assert dialog.trust_button.isEnabled()
        dialog.trust_button.click()

    return answer_next_dialog(fill)


def test_a_key_file_is_trusted_only_with_the_right_fingerprint(qtbot: QtBot, county: bootstrap.App,
                                                               offices: Offices) -> None:
    page = _page(qtbot, county)
    errors = _answer_trust("0000 1111 2222 3333")
    page.peers.trust_file(offices.other_keys)
    assert not errors
    assert page.peers.table.rowCount() == 1
    assert "不符" in page.peers.message.text()
    assert any("不符" in box.text() for box in _error_boxes(page.peers))

    errors = _answer_trust(offices.other_fingerprint.replace(" ", "").lower()[:20])
    page.peers.trust_file(offices.other_keys)
    assert not errors
    assert page.peers.table.rowCount() == 2
    row = next(_cells(page, r) for r in range(2) if _cells(page, r)["代码"] == OTHER)
    assert (row["单位"], row["签名密钥指纹"], row["状态"]) == ("二十里店镇", offices.other_fingerprint, "受信任")
    assert "已信任 二十里店镇" in page.peers.message.text()
    assert page.recipient.findData(OTHER) >= 0


def test_a_key_file_checked_in_person_is_trusted(qtbot: QtBot, county: bootstrap.App, offices: Offices) -> None:
    page = _page(qtbot, county)
    errors = _answer_trust(in_person=True)
    page.peers.trust_file(offices.other_keys)
    assert not errors
    with county.reader() as uow:
        assert OTHER in {p.org_code for p in peers.list_peers(uow, county.actor)}


def test_revoke_marks_the_peer_revoked_and_its_packages_are_refused(qtbot: QtBot, county: bootstrap.App,
                                                                    offices: Offices) -> None:
    page = _page(qtbot, county)
    assert not page.peers.revoke_button.isEnabled()  # nobody selected
    page.peers.table.selectRow(0)
    assert page.peers.revoke_button.isEnabled()

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, QInputDialog) and "大丰镇" in dialog.labelText()
        dialog.setTextValue("密钥U盘丢失")
        dialog.accept()

    errors = answer_next_dialog(fill)
    page.peers.revoke_button.click()
    assert not errors
    assert _cells(page)["状态"] == "已吊销"
    assert "密钥U盘丢失" in page.peers.table.item(0, 4).toolTip()
    assert "已吊销 大丰镇" in page.peers.message.text()
    assert page.recipient.currentData() is None and not page.export_button.isEnabled()
    assert not page.peers.revoke_button.isEnabled()

    before = _stats(county)
    _preview(page, offices.package)
    assert "已被吊销" in page.results.summary.text()
    assert not page.confirm_button.isEnabled()
    assert _stats(county) == before


def test_a_double_clicked_package_opens_the_window_on_its_preview(qtbot: QtBot, county: bootstrap.App,
                                                                   offices: Offices, tmp_path: Path) -> None:
    """`yikatong F.ykt` (the file type the installers register) → 数据交换 with F previewed, nothing kept."""
    from yikatong_desktop.gui.app import run_gui

    before = _stats(county)
    shot, texts = tmp_path / "open.png", tmp_path / "open.json"
    errors = _type_passphrase()
    assert run_gui(county, screenshot=shot, texts=texts, open_files=[offices.package]) == 0
    assert not errors
    said = json.loads(texts.read_text(encoding="utf-8"))
    assert "数据交换" in said["texts"] and said["language"] == "zh"
    assert any("可导入" in t for t in said["texts"]), said["texts"]
    assert shot.stat().st_size > 10_000
    assert _stats(county) == before
