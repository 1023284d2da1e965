"""工作台 → 底数 and 设置 → 自查规则参数, as a clerk uses them."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal

from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.pages.dashboard import DashboardPage
from yikatong_desktop.gui.pages.settings import SettingsPage


def test_the_dashboard_shows_the_basics_per_program_and_bank(qtbot: QtBot, app: bootstrap.App) -> None:
    qt_application()
    page = DashboardPage(app)
    qtbot.addWidget(page)
    panel = page.basics_panel
    db = sqlite3.connect(app.location.path)
    programs, persons, fen = db.execute("SELECT count(DISTINCT program_id), count(DISTINCT person_id), sum(paid_fen) "
                                        "FROM payments WHERE NOT voided").fetchone()
    assert f"补贴项目 {programs} 项" in panel.headline.text() and f"受益 {persons:,} 人" in panel.headline.text()
    assert "一卡通" in panel.methods.text() and "现金" in panel.methods.text()
    assert panel.programs.rowCount() == programs + 1  # and the 合计 row
    last = panel.programs.rowCount() - 1
    assert panel.programs.item(last, 0).text() == "合计"
    assert panel.programs.item(last, panel.programs.columnCount() - 2).text() == f"{Decimal(fen) / 100:,.2f}"
    banks = {r[0] for r in db.execute("SELECT DISTINCT a.bank FROM payments p JOIN bank_accounts a "
                                      "ON a.id = p.account_id WHERE NOT p.voided")}
    assert {panel.banks.item(i, 0).text() for i in range(panel.banks.rowCount())} == banks


def _stored(app: bootstrap.App) -> dict[str, object]:
    row = sqlite3.connect(app.location.path).execute("SELECT value FROM settings WHERE key = 'rules.params'").fetchone()
    return json.loads(row[0]) if row else {}


def test_a_rule_parameter_is_changed_audited_and_a_bad_value_refused(qtbot: QtBot, mine: bootstrap.App) -> None:
    qt_application()
    page = SettingsPage(mine)
    qtbot.addWidget(page)
    box = page.rule_params
    box.select("MULTI_CARD", "max_accounts")
    assert box.value.text() == "1" and not box.program.isEnabled()
    box.value.setText("-2")
    box.save()
    assert "不小于 0 的整数" in box.message.text() and _stored(mine) == {}
    box.value.setText("2")
    box.save()
    assert "已保存" in box.message.text()
    assert _stored(mine) == {"MULTI_CARD": {"max_accounts": 2}}
    row = next(i for i, (r, p) in enumerate(box.rows) if r.code == "MULTI_CARD")
    assert box.table.item(row, 3).text().startswith("2")
    box.select("LATE_PAYMENT", "grace_days")
    assert box.program.isEnabled()
    box.program.setCurrentIndex(box.program.findData("NY01"))
    box.value.setText("45")
    box.save()
    assert _stored(mine) == {"MULTI_CARD": {"max_accounts": 2}, "LATE_PAYMENT": {"grace_days@NY01": 45}}
    box.select("MULTI_CARD", "max_accounts")
    box.reset()
    assert _stored(mine) == {"LATE_PAYMENT": {"grace_days@NY01": 45}}
    events = sqlite3.connect(mine.location.path).execute(
        "SELECT detail FROM audit_events WHERE action = 'settings.rule_param' ORDER BY seq").fetchall()
    assert [(d["rule"], d["before"], d["after"]) for d in map(lambda r: json.loads(r[0]), events)] == [
        ("MULTI_CARD", None, 2), ("LATE_PAYMENT", None, 45), ("MULTI_CARD", 2, None)]
