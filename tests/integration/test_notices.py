"""公示 (SPEC §7) and NOT_PUBLICISED (SPEC §6) over the real demo, on SQLite and PostgreSQL: notices made,
frozen and reprinted, posted, objected to and checked against the data; the rule finds the demo's planted
batches and stops firing once a notice is recorded as posted early enough."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from dbs import sql, sql_write
from ledger_support import CLERK, VIEWER, png_bytes, read, refused, run, write
from ykt_integration import DemoDb, copy_installation

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected, PermissionDenied
from yikatong_desktop.domain.notices import parse_qr
from yikatong_desktop.domain.rules import FindingStatus
from yikatong_desktop.services import complaints, findings, notices
from yikatong_desktop.services.checks.run import run_checks
from yikatong_desktop.services.corrections import correct_payment, void_record

FULL_ID = re.compile(r"(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])")
LONG_DIGITS = re.compile(r"[0-9]{16,19}")
MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


@pytest.fixture(scope="module")
def demo_db(demo_on_both: DemoDb) -> DemoDb:
    return demo_on_both


@pytest.fixture
def app(demo_db: DemoDb, tmp_path: Path) -> Iterator[bootstrap.App]:
    """A writable copy of the demo."""
    opened = bootstrap.open_app(str(copy_installation(demo_db.path, tmp_path / "demo.sqlite3")))
    yield opened
    opened.close()


def _planted(demo: DemoDb) -> list[dict[str, Any]]:
    return demo.cases("NOT_PUBLICISED")


def _check(app: bootstrap.App) -> list[findings.Finding]:
    run(app, run_checks, app.actor, ["NOT_PUBLICISED"])
    return [f for f in read(app, findings.list_findings, app.actor) if f.rule == "NOT_PUBLICISED"]


def _open(found: list[findings.Finding]) -> set[tuple[str | None, str | None, str | None]]:
    return {(f.org_code, f.program_code, f.period) for f in found if f.status != FindingStatus.RESOLVED}


def _first_paid(app: bootstrap.App, case: dict[str, Any]) -> date:
    day = sql(app, "SELECT MIN(p.paid_date) FROM payments p JOIN programs g ON g.id = p.program_id "
                   f"WHERE p.village_code = '{case['village']}' AND g.code = '{case['program']}' "
                   f"AND p.period_label = '{case['period']}' AND NOT p.voided")[0][0]
    return day if isinstance(day, date) else date.fromisoformat(str(day))


def _request(case: dict[str, Any], start: date, **kw: Any) -> notices.NoticeRequest:
    return notices.NoticeRequest(case["village"], [case["program"]], case["period"], start, **kw)


def test_not_publicised_finds_exactly_the_planted_batches(app: bootstrap.App, demo_db: DemoDb) -> None:
    found = _check(app)
    planted = _planted(demo_db)
    assert len(planted) == 4
    assert _open(found) == {(c["village"], c["program"], c["period"]) for c in planted}
    control = next(c for c in demo_db.manifest["negative_controls"] if c["rule"] == "NOT_PUBLICISED")
    assert (control["village"], control["program"], control["period"]) not in _open(found)  # posted 7 days before
    words = " ".join(f.explanation for f in found)
    assert "没有公示记录" in words and "公示张贴晚了" in words and "没有登记张贴" in words
    assert all(f.amount_fen > 0 and f.severity == "medium" for f in found)


def test_a_notice_posted_early_enough_stops_the_finding_and_a_late_one_does_not(app: bootstrap.App,
                                                                                demo_db: DemoDb) -> None:
    _check(app)
    missing = [c for c in _planted(demo_db) if c["why"].startswith("该村该批发放没有")]
    early, late = missing
    made, _doc = run(app, notices.make, CLERK, _request(early, _first_paid(app, early) - timedelta(days=10)))
    still = _check(app)
    assert (early["village"], early["program"], early["period"]) in _open(still)  # made, but not posted
    assert any("没有登记张贴" in f.explanation for f in still if f.org_code == early["village"])
    run(app, notices.record_posting, CLERK, made.number, made.start_on)
    posted_late, _ = run(app, notices.make, CLERK, _request(late, _first_paid(app, late) - timedelta(days=2)))
    run(app, notices.record_posting, CLERK, posted_late.number, posted_late.start_on)
    after = _check(app)
    assert (early["village"], early["program"], early["period"]) not in _open(after)
    assert (late["village"], late["program"], late["period"]) in _open(after)
    resolved = [f for f in after if f.org_code == early["village"] and f.program_code == early["program"]]
    assert resolved and all(f.status == FindingStatus.RESOLVED for f in resolved)


def _some_village(app: bootstrap.App) -> notices.Coverage:
    rows = read(app, notices.coverage, VIEWER, program="NY01", period="2018")
    return max(rows, key=lambda r: r.payments)


def test_a_notice_lists_every_live_payment_masked_and_a_reprint_is_the_same_paper(app: bootstrap.App) -> None:
    place = _some_village(app)
    n, doc = run(app, notices.make, CLERK, notices.NoticeRequest(place.village_name, ["耕地地力保护补贴"], "2018",
                                                                 "2018-05-01", days=10, preparer="王文书"))
    assert (n.row_count, doc.count) == (place.payments, place.payments)
    assert doc.title == f"{place.village_name}2018年度耕地地力保护补贴发放情况公示"
    assert doc.end == date(2018, 5, 10) and n.end_on == date(2018, 5, 10)
    assert doc.preparer == "王文书" and doc.reviewer == ""
    assert doc.hotline_own and doc.hotline_county  # the demo's office numbers from 设置
    assert re.fullmatch(r"GS2019-\d{4}", n.number) and re.fullmatch(r"[A-HJ-NP-R][0-9A-F]{3}-[0-9A-F]{4}-[0-9A-F]{4}",
                                                                     n.fingerprint)
    assert parse_qr(doc.qr_payload) == (n.owner_org, n.number, n.fingerprint)
    assert all(re.fullmatch(r"\d{6}\*{8}[0-9X]{4}", line.masked_id) for line in doc.lines)
    assert doc.total_fen == n.total_fen == sum(line.amount_fen for line in doc.lines)
    stored = " ".join(str(v) for row in sql(app, "SELECT printed FROM notice_rows") for v in row)
    stored += " ".join(str(v) for row in sql(app, "SELECT header, title FROM notices") for v in row)
    stored += " ".join(str(d) for (d,) in sql(app, "SELECT detail FROM audit_events"))
    assert not FULL_ID.search(stored) and not LONG_DIGITS.search(stored) and not MOBILE.search(stored)
    again = read(app, notices.document, VIEWER, n.number)
    assert again == doc
    assert read(app, notices.list_notices, VIEWER, org=place.village_code, posted=False)[-1].number == n.number


def _payment_at(app: bootstrap.App, number: str, seq: int) -> tuple[str, int]:
    """(uid, version) of the payment on a notice's row."""
    uid, version = sql(app, "SELECT p.uid, p.version FROM notice_rows r JOIN payments p ON p.id = r.payment_id "
                            f"JOIN notices n ON n.id = r.notice_id WHERE r.seq = {seq} AND n.number = '{number}'")[0]
    return str(uid), int(version)


def test_check_tells_a_matching_paper_from_a_changed_one(app: bootstrap.App) -> None:
    place = _some_village(app)
    n, doc = run(app, notices.make, CLERK, notices.NoticeRequest(place.village_code, ["NY01"], "2018", "2018-05-01"))
    good = read(app, notices.check, VIEWER, n.number, n.fingerprint.lower().replace("-", ""))
    assert good.ok and good.paper_matches and good.data_unchanged and not good.changes
    assert read(app, notices.check, VIEWER, doc.qr_payload).ok  # the QR code's text alone
    other = "A000-0000-0000" if n.fingerprint != "A000-0000-0000" else "B000-0000-0000"
    forged = read(app, notices.check, VIEWER, n.number, other)
    assert forged.paper_matches is False and not forged.ok
    for typo in ("not hex", "0000-0000-0000"):  # a fingerprint starts with a letter: never all digits
        with pytest.raises(InputRejected):
            read(app, notices.check, VIEWER, n.number, typo)
    third = doc.lines[2]
    uid, version = _payment_at(app, n.number, 3)
    run(app, correct_payment, CLERK, uid, {"paid_fen": third.amount_fen + 10_000}, reason="核对发现多录",
        expected_version=version)
    changed = read(app, notices.check, VIEWER, n.number, n.fingerprint)
    assert changed.paper_matches and not changed.data_unchanged and not changed.ok
    assert [(c.seq, c.name) for c in changed.changes] == [(3, third.name)] and "金额" in changed.changes[0].what
    fifth = _payment_at(app, n.number, 5)
    run(app, void_record, CLERK, "payments", fifth[0], reason="重复录入", expected_version=fifth[1])
    voided = read(app, notices.check, VIEWER, n.number)
    assert voided.paper_matches is None and [c.seq for c in voided.changes] == [3, 5]
    assert "作废" in voided.changes[1].what


def test_posting_is_recorded_with_a_photo_and_refused_in_the_future_or_after_the_period(app: bootstrap.App,
                                                                                        tmp_path: Path) -> None:
    place = _some_village(app)
    n, _ = run(app, notices.make, CLERK, notices.NoticeRequest(place.village_code, ["NY01"], "2018", "2019-07-10"))
    assert refused(app, lambda uow: notices.record_posting(uow, CLERK, n.number, "2019-07-16")).key == \
        "notice.posted_future"
    older, _ = run(app, notices.make, CLERK, notices.NoticeRequest(place.village_code, ["NY01"], "2018", "2018-05-01"))
    assert refused(app, lambda uow: notices.record_posting(uow, CLERK, older.number, "2018-05-08")).key == \
        "notice.posted_after_end"
    photo = write(tmp_path / "张贴.png", png_bytes())
    posted = run(app, notices.record_posting, CLERK, n.number, "2019-07-11", by="村委会李主任", photo=photo)
    assert (posted.posted_on, posted.posted_by, posted.photo_count) == (date(2019, 7, 11), "村委会李主任", 1)
    assert posted.status(date(2019, 7, 15)) == "公示中" and posted.status(date(2019, 7, 20)) == "公示期满"
    assert sql(app, f"SELECT COUNT(*) FROM evidence_files e JOIN notices n ON n.id = e.notice_id "
                    f"WHERE n.number = '{n.number}'")[0][0] == 1
    with pytest.raises(PermissionDenied):
        run(app, notices.record_posting, VIEWER, n.number, "2019-07-11")


def test_an_objection_becomes_a_complaint_about_the_persons_and_only_in_the_period(app: bootstrap.App) -> None:
    place = _some_village(app)
    n, doc = run(app, notices.make, CLERK, notices.NoticeRequest(place.village_code, ["NY01"], "2018", "2019-07-10"))
    first, second = doc.lines[0], doc.lines[1]
    c = run(app, notices.add_objection, CLERK, n.number, content="两户实际种植面积不足，申报面积偏大",
            persons=["1", second.masked_id], received_on="2019-07-12", complainant="村民甲", contact="13912345678")
    assert (c.channel, c.notice_ref, c.org_code, c.program_code) == ("公示异议", n.number, place.village_code, "NY01")
    assert [p["name"] for p in c.persons] == [first.name, second.name]
    assert all(FULL_ID.fullmatch(str(p["id_number"])) for p in c.persons)  # linked to the persons themselves
    assert first.masked_id in c.persons_text() and not FULL_ID.search(json.dumps(c.as_json(date(2019, 7, 15))))
    assert read(app, notices.get_notice, VIEWER, n.number).objection_count == 1
    listed = read(app, complaints.list_complaints, CLERK, channels=["公示异议"])
    assert [x.number for x in listed] == [c.number]
    assert listed[0].complainant != "村民甲"  # only 纪检 sees who objected
    details = " ".join(str(d) for (d,) in sql(app, "SELECT detail FROM audit_events"))
    assert not FULL_ID.search(details) and "13912345678" not in details
    outside = refused(app, lambda uow: notices.add_objection(uow, CLERK, n.number, content="晚了",
                                                                persons=["1"], received_on="2019-07-05"))
    assert outside.key == "notice.objection_outside"
    assert refused(app, lambda uow: notices.add_objection(uow, CLERK, n.number, content="x",
                                                             persons=["查无此人"], received_on="2019-07-12")).key \
        == "notice.objection_unknown_person"


@pytest.mark.parametrize(("change", "key"), [
    ({"days": 6}, "notice.bad_days"),
    ({"village": "没有这个村"}, "notice.unknown_village"),
    ({"programs": ["没有这个项目"]}, "notice.unknown_program"),
    ({"period": "2018年13月"}, "notice.bad_period"),
    ({"period": "2016"}, "notice.no_payments"),
    ({"start": "不是日期"}, "ledger.bad_field"),
])
def test_bad_requests_are_refused_and_change_nothing(app: bootstrap.App, change: dict[str, Any], key: str) -> None:
    place = _some_village(app)
    fields: dict[str, Any] = {"village": place.village_code, "programs": ["NY01"], "period": "2018",
                              "start": "2018-05-01", **change}
    assert refused(app, lambda uow: notices.make(uow, CLERK, notices.NoticeRequest(**fields))).key == key


def test_a_viewer_previews_but_cannot_make(app: bootstrap.App) -> None:
    place = _some_village(app)
    req = notices.NoticeRequest(place.village_code, ["NY01"], "2018", "2018-05-01")
    draft = read(app, notices.draft, VIEWER, req)
    assert draft.number == notices.DRAFT_NUMBER and draft.count == place.payments
    assert refused(app, lambda uow: notices.make(uow, VIEWER, req), PermissionDenied)


def test_a_township_batch_makes_one_notice_per_village_with_payments(app: bootstrap.App) -> None:
    township = sql(app, "SELECT parent_code FROM org_units WHERE level = 'village' ORDER BY code LIMIT 1")[0][0]
    made = run(app, notices.make_for_township, CLERK, township, ["NY01", "CZ03"], "2018", "2018-05-01")
    villages = {r.village_code for r in read(app, notices.coverage, VIEWER, org=township, period="2018")
                if r.program_code in ("NY01", "CZ03")}
    assert {n.village_code for n, _ in made} == villages
    numbers = [int(n.number.rsplit("-", 1)[1]) for n, _ in made]
    assert numbers == list(range(numbers[0], numbers[0] + len(made)))
    several = [doc for _, doc in made if len(doc.sections) == 2]
    assert several and all(d.title.endswith("惠民惠农财政补贴发放情况公示") for d in several)
    assert all(r.noticed == r.payments for r in read(app, notices.coverage, VIEWER, org=township, program="NY01",
                                                     period="2018"))


def test_an_objection_names_each_person_once_by_row_name_or_full_id_and_never_echoes_an_id(
        app: bootstrap.App) -> None:
    monthly = max((r for r in read(app, notices.coverage, VIEWER, program="MZ02") if r.period_label.startswith("2018")),
                  key=lambda r: r.payments)
    n, doc = run(app, notices.make, CLERK, notices.NoticeRequest(monthly.village_code, ["MZ02"], "2018", "2019-07-10"))
    first = doc.lines[0]
    assert sum(line.masked_id == first.masked_id for line in doc.lines) > 1  # a yearly notice: one row a month
    full = sql(app, f"SELECT id_number FROM persons WHERE name = '{first.name}'")[0][0]
    c = run(app, notices.add_objection, CLERK, n.number, content="已去世仍在领", received_on="2019-07-11",
            persons=[first.name.replace("·", "."), "1", full])
    assert [p["id_number"] for p in c.persons] == [full] and c.concerned == first.name
    wrong = full[:-1] + ("0" if full[-1] != "0" else "1")
    error = refused(app, lambda uow: notices.add_objection(uow, CLERK, n.number, content="x", persons=[wrong],
                                                           received_on="2019-07-11"))
    assert wrong not in error.text("zh") and wrong[:6] in error.text("zh")


def test_coverage_tells_a_notice_posted_too_late_from_a_timely_one(app: bootstrap.App, demo_db: DemoDb) -> None:
    shown = {(r.village_code, r.program_code, r.period_label): r.status for r in read(app, notices.coverage, VIEWER)}
    statuses = {c["why"][:6]: shown[(c["village"], c["program"], c["period"])] for c in _planted(demo_db)}
    assert statuses == {"该村该批发放": "无公示", "公示从发放前": "张贴过晚", "公示已制作，": "未张贴"}
    control = next(c for c in demo_db.manifest["negative_controls"] if c["rule"] == "NOT_PUBLICISED")
    assert shown[(control["village"], control["program"], control["period"])] == "已公示"


def test_payments_without_a_village_are_flagged_with_what_to_do(app: bootstrap.App) -> None:
    place = _some_village(app)
    theirs = (f"SELECT id FROM payments WHERE village_code = '{place.village_code}' AND period_label = '2018' "
              "AND program_id = (SELECT id FROM programs WHERE code = 'NY01')")
    sql_write(app, f"DELETE FROM notice_rows WHERE payment_id IN ({theirs})")  # as if the roster had no 村 column
    sql_write(app, f"UPDATE payments SET village_code = NULL WHERE id IN ({theirs})")
    flagged = [f for f in _check(app) if f.status != FindingStatus.RESOLVED and "没有村（社区）" in f.explanation]
    assert flagged and all(f"{place.payments}笔发放记录没有村" in f.explanation for f in flagged)


def test_a_renamed_program_changes_no_paper(app: bootstrap.App) -> None:
    place = _some_village(app)
    n, _ = run(app, notices.make, CLERK, notices.NoticeRequest(place.village_code, ["NY01"], "2018", "2018-05-01"))
    sql_write(app, "UPDATE programs SET name = '耕地地力保护补贴（新）', unit = '元/公顷·年' WHERE code = 'NY01'")
    assert read(app, notices.check, VIEWER, n.number, n.fingerprint).ok
