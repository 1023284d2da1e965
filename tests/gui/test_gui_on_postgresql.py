"""The GUI on a PostgreSQL server: the same pages over the same demo show what they show on a file (issue 6)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dbs import Databases, count, sql
from pytestqt.qtbot import QtBot

from yikatong_desktop import bootstrap
from yikatong_desktop.gui.app import qt_application
from yikatong_desktop.gui.main_window import MainWindow
from yikatong_desktop.gui.page_names import PAGES
from yikatong_desktop.gui.pages.checks import RULE_HEADERS, ChecksPage
from yikatong_desktop.gui.pages.dashboard import DashboardPage
from yikatong_desktop.gui.pages.roster import RosterPage
from yikatong_desktop.services import demo


@pytest.fixture
def server_app(pg_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
               app: bootstrap.App) -> Iterator[bootstrap.App]:
    """The GUI tests' demo (600 persons, seed 11) built on a server database; `app` for the task runner."""
    monkeypatch.setenv("YKT_HOME", str(tmp_path / "home"))
    made = Databases("postgresql", tmp_path, pg_server)

    def seed(created: bootstrap.App) -> None:
        demo.build_demo(created.uow, created.actor, persons=600, seed=11)

    try:
        opened = bootstrap.create_app(made.target(), demo.DEMO_PASSPHRASE, org_code=demo.DEMO_ORG[0],
                                      org_name=demo.DEMO_ORG[1], clock=demo.demo_clock(), seed=seed)
        yield opened
        opened.close()
    finally:
        made.drop_all()


def test_every_page_opens_on_a_server_and_shows_the_same_as_on_the_file(
        qtbot: QtBot, server_app: bootstrap.App, app: bootstrap.App) -> None:
    qt_application()
    windows = {}
    for name, installation in (("server", server_app), ("file", app)):
        window = MainWindow(installation)
        qtbot.addWidget(window)
        window.show()
        for row in range(len(PAGES)):
            window.nav.setCurrentRow(row)
        windows[name] = window
    server, file = windows["server"], windows["file"]
    assert server.statusBar().currentMessage() == server_app.location.display  # the URL, never a password
    assert server.statusBar().currentMessage().startswith("postgresql+psycopg://")
    dash = server.page("dashboard")
    assert isinstance(dash, DashboardPage)
    persons = count(server_app.location, "SELECT COUNT(*) FROM persons WHERE NOT voided")
    assert dash.values["persons"].text() == f"{persons:,}"
    file_dash = file.page("dashboard")
    assert isinstance(file_dash, DashboardPage)
    assert {k: v.text() for k, v in dash.values.items()} == {k: v.text() for k, v in file_dash.values.items()}

    roster = server.page("rosters")
    assert isinstance(roster, RosterPage)
    payments = count(server_app.location, "SELECT COUNT(*) FROM payments WHERE NOT voided")
    assert roster.model.rowCount() == payments and roster.count_label.text() == f"共 {payments:,} 笔"
    first = roster.model.row_at(0)
    file_roster = file.page("rosters")
    assert isinstance(file_roster, RosterPage)
    assert (first.name, first.id_number) == (file_roster.model.row_at(0).name, file_roster.model.row_at(0).id_number)

    checks = server.page("checks")
    assert isinstance(checks, ChecksPage)
    checks.run_rules(None)
    assert "共运行" in checks.status_label.text()
    stored = dict(sql(server_app.location, "SELECT rule, COUNT(*) FROM findings WHERE status = 'open' GROUP BY rule"))
    open_col = RULE_HEADERS.index("待核实")
    shown = {checks.rules.item(r, 0).text(): int(checks.rules.item(r, open_col).text().replace(",", ""))
             for r in range(checks.rules.rowCount())}
    assert {k: v for k, v in shown.items() if v} == stored and sum(stored.values()) > 40
