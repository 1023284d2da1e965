"""Corrections, voids and records entered by hand over a real SQLite file (SPEC §5, §9)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from ykt_integration import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.domain.names import pinyin_sort_key
from yikatong_desktop.services.corrections import correct_payment, payment_for_edit, void_record
from yikatong_desktop.services.manual_entry import add_payment_by_hand, add_person_by_hand, find_person
from yikatong_desktop.services.person_corrections import correct_person, person_for_edit
from yikatong_desktop.storage.repositories import StaleRecord

Installation = Callable[..., bootstrap.App]


def _id(body: str) -> str:
    return body + compute_check_char(body)


WANG_ID = _id("65232319500101123")
LI_ID = _id("65232319520304122")
BAD_CHECKSUM = WANG_ID[:-1] + ("1" if WANG_ID[-1] != "1" else "2")
PHONE = "13899912345"
ACCOUNT = "6228480012345678901"


def _payment(id_number: str = WANG_ID, **more: str) -> dict[str, str]:
    return {"姓名": "王建国", "身份证号": id_number, "补贴项目": "耕地地力保护补贴", "补贴年度": "2018",
            "实发金额": "1,234.50", "发放日期": "2018-06-15", "联系电话": PHONE, **more}


def _add(app: bootstrap.App, values: dict[str, str], reason: str = "乡镇核实后补录") -> Any:
    with app.uow() as uow:
        result = add_payment_by_hand(uow, app.actor, values, reason=reason)
        uow.commit()
    return result


def _events(db: Path, action: str) -> list[dict[str, Any]]:
    return [json.loads(d) for (d,) in sql(db, "SELECT detail FROM audit_events WHERE action = ? ORDER BY seq",
                                          (action,))]


def _counts(db: Path) -> tuple[Any, ...]:
    return sql(db, "SELECT (SELECT COUNT(*) FROM persons), (SELECT COUNT(*) FROM payments), "
                   "(SELECT COUNT(*) FROM bank_accounts), (SELECT COUNT(*) FROM import_batches), "
                   "(SELECT COUNT(*) FROM audit_events)")[0]


def test_a_payment_entered_by_hand_is_stored_like_an_imported_row_and_audited_masked(
        installation: Installation) -> None:
    app = installation()
    db = app.location
    result = _add(app, _payment(**{"银行账号": ACCOUNT, "代发银行": "农业银行"}))
    app.close()
    assert result.person_created and result.payment_uid and not result.warnings
    assert sql(db, "SELECT p.paid_fen, p.method, p.paid_date, s.name, s.phone, a.number, b.kind, b.rows_accepted "
                   "FROM payments p JOIN persons s ON s.id = p.person_id JOIN bank_accounts a ON a.id = p.account_id "
                   "JOIN import_batches b ON b.id = p.batch_id WHERE p.uid = ?", (result.payment_uid,)) == \
        [(123450, "card", "2018-06-15", "王建国", PHONE, ACCOUNT, "manual", 1)]
    (event,) = _events(db, "payment.add_by_hand")
    assert event["reason"] == "乡镇核实后补录" and event["paid_fen"] == 123450 and event["person_created"]
    text = json.dumps(event, ensure_ascii=False)
    assert WANG_ID not in text and ACCOUNT not in text and PHONE not in text
    assert event["person"]["id_number"] == WANG_ID[:6] + "********" + WANG_ID[-4:]


@pytest.mark.parametrize(("id_text", "says"), [
    ("6.52323E+17", "Excel"), ("", "身份证号为空"), ("王建国", "不是身份证号")])
def test_a_payment_by_hand_with_an_unusable_id_is_refused_and_stores_nothing(
        installation: Installation, id_text: str, says: str) -> None:
    app = installation()
    db = app.location
    before = _counts(db)
    with pytest.raises(InputRejected) as caught:
        _add(app, _payment(id_text))
    app.close()
    assert "“身份证号”" in caught.value.text("zh") and says in caught.value.text("zh")
    assert caught.value.exit_code == 3
    assert _counts(db) == before


def test_a_payment_by_hand_with_a_checksum_failing_id_is_stored_as_written_and_marked_invalid(
        installation: Installation) -> None:
    app = installation()
    result = _add(app, _payment(BAD_CHECKSUM))
    db = app.location
    app.close()
    assert any("校验码" in w for w in result.warnings)
    assert sql(db, "SELECT id_number, id_valid, id_problems FROM persons") == [(BAD_CHECKSUM, 0, "checksum")]


@pytest.mark.parametrize(("change", "says"), [
    ({"实发金额": "一百"}, "“实发金额”"), ({"补贴项目": "没有这个项目"}, "项目目录"),
    ({"补贴项目": "城乡居民基本养老保险"}, "社会保险"), ({"补贴年度": "", "补贴期间": ""}, "补贴期间"),
    ({"村(社区)": "新村"}, "乡镇")])
def test_bad_values_by_hand_name_their_column_and_store_nothing(installation: Installation,
                                                                change: dict[str, str], says: str) -> None:
    app = installation()
    db = app.location
    before = _counts(db)
    with pytest.raises(InputRejected, match=says):
        _add(app, {**_payment(), **change})
    app.close()
    assert _counts(db) == before


def test_the_same_payment_twice_by_hand_is_refused_pointing_at_the_stored_one(installation: Installation) -> None:
    app = installation()
    first = _add(app, _payment())
    with pytest.raises(InputRejected, match=first.payment_uid):
        _add(app, _payment(**{"实发金额": "99"}))
    second = _add(app, _payment(**{"发放日期": "2018-07-15"}))  # another date: another payment
    db = app.location
    app.close()
    assert not second.person_created and second.person_uid == first.person_uid
    assert sql(db, "SELECT paid_fen FROM payments ORDER BY id") == [(123450,), (123450,)]


def test_an_unknown_column_is_a_usage_error(installation: Installation) -> None:
    app = installation()
    with pytest.raises(UsageError, match="没有名为“工资”的栏目"):
        _add(app, {**_payment(), "工资": "1"})
    app.close()


def test_a_person_by_hand_then_a_second_time_is_refused(installation: Installation) -> None:
    app = installation()
    with app.uow() as uow:
        made = add_person_by_hand(uow, app.actor, {"身份证号": LI_ID, "姓名": "李 秀英", "民族": "回族",
                                                   "乡镇": "大丰镇", "村(社区)": "东村", "组": "三组"},
                                  reason="新迁入")
        uow.commit()
    with pytest.raises(InputRejected, match=made.person_uid), app.uow() as uow:
        add_person_by_hand(uow, app.actor, {"身份证号": LI_ID, "姓名": "李秀英"}, reason="again")
    with app.reader() as uow:
        shown = find_person(uow, app.actor, LI_ID.lower())
    db = app.location
    app.close()
    assert shown["person"]["name"] == "李秀英" and shown["person"]["sex"] == "女" and shown["payments"] == []
    assert sql(db, "SELECT s.group_code LIKE v.code || '-3', v.name FROM persons s JOIN org_units v "
                   "ON v.code = s.village_code") == [(1, "东村")]
    assert len(_events(db, "person.add_by_hand")) == 1


def test_correcting_a_person_makes_a_new_version_keeps_history_and_audits_before_after_masked(
        installation: Installation) -> None:
    app = installation()
    entered = _add(app, _payment())
    with app.reader() as uow:
        current = person_for_edit(uow, app.actor, entered.person_uid)
    with app.uow() as uow:
        version = correct_person(uow, app.actor, entered.person_uid,
                                 {"姓名": "买买提 • 艾力", "联系电话": "13999998888", "民族": "维吾尔族"},
                                 reason="按户口本更正", expected_version=current["version"])
        uow.commit()
    with app.reader() as uow:
        history = uow.records.history("persons", entered.person_uid)
        after = person_for_edit(uow, app.actor, entered.person_uid)
    db = app.location
    app.close()
    assert version > current["version"] and after["version"] == version
    assert (after["name"], after["phone"], after["ethnicity"]) == ("买买提·艾力", "13999998888", "维吾尔族")
    assert sql(db, "SELECT name_key, pinyin FROM persons") == [("买买提艾力", pinyin_sort_key("买买提·艾力"))]
    assert [h["content"]["name"] for h in history] == ["王建国"]
    (event,) = _events(db, "person.correct")
    assert event["before"] == {"name": "王建国", "ethnicity": None, "phone": "138****2345"}
    assert event["after"] == {"name": "买买提·艾力", "ethnicity": "维吾尔族", "phone": "139****8888"}
    assert event["reason"] == "按户口本更正" and WANG_ID not in json.dumps(event)


def test_a_correction_on_a_stale_version_is_refused_and_changes_nothing(installation: Installation) -> None:
    app = installation()
    entered = _add(app, _payment())
    with app.reader() as uow:
        read = person_for_edit(uow, app.actor, entered.person_uid)["version"]
    with app.uow() as uow:
        correct_person(uow, app.actor, entered.person_uid, {"民族": "汉族"}, reason="甲", expected_version=read)
        uow.commit()
    with pytest.raises(StaleRecord, match="刷新"), app.uow() as uow:
        correct_person(uow, app.actor, entered.person_uid, {"民族": "回族"}, reason="乙", expected_version=read)
        uow.commit()
    db = app.location
    app.close()
    assert sql(db, "SELECT ethnicity FROM persons") == [("汉族",)]
    assert len(_events(db, "person.correct")) == 1


@pytest.mark.parametrize(("change", "error", "says"), [
    ({"身份证号": LI_ID}, InputRejected, "不能更正"),
    ({"性别": "女"}, InputRejected, "以身份证号为准"),
    ({"性别": "未知"}, InputRejected, "男 或 女"),
    ({"姓名": "  "}, InputRejected, "姓名为空"),
    ({"组": "第一百组"}, InputRejected, "组"),
    ({"实发金额": "1"}, UsageError, "可更正的有"),
])
def test_person_values_the_import_would_refuse_are_refused(installation: Installation, change: dict[str, str],
                                                           error: type[Exception], says: str) -> None:
    app = installation()
    entered = _add(app, _payment())
    with app.reader() as uow:
        read = person_for_edit(uow, app.actor, entered.person_uid)["version"]
    with pytest.raises(error, match=says), app.uow() as uow:
        correct_person(uow, app.actor, entered.person_uid, change, reason="试", expected_version=read)
    app.close()


def test_a_payment_correction_can_move_it_to_another_card_audited_masked(installation: Installation) -> None:
    app = installation()
    entered = _add(app, _payment())
    with app.reader() as uow:
        read = payment_for_edit(uow, app.actor, entered.payment_uid)
    assert read["method"] == "cash" and read["account"] is None
    with app.uow() as uow:
        correct_payment(uow, app.actor, entered.payment_uid, {"银行账号": ACCOUNT, "代发银行": "信用社"},
                        reason="银行回单", expected_version=read["version"])
        uow.commit()
    with app.reader() as uow:
        now = payment_for_edit(uow, app.actor, entered.payment_uid)
    db = app.location
    app.close()
    assert (now["method"], now["bank"], now["account"]) == ("card", "信用社", ACCOUNT)
    (event,) = _events(db, "payment.correct")
    assert event["after"] == {"account": {"bank": "信用社", "number": "6228***8901"}, "method": "card"}
    assert event["before"] == {"account": None, "method": "cash"}


def test_voiding_a_payment_is_a_tombstone_version_with_its_reason(installation: Installation) -> None:
    app = installation()
    entered = _add(app, _payment())
    with app.reader() as uow:
        read = payment_for_edit(uow, app.actor, entered.payment_uid)["version"]
    with pytest.raises(UsageError), app.uow() as uow:
        void_record(uow, app.actor, "payments", entered.payment_uid, reason=" ", expected_version=read)
    with app.uow() as uow:
        void_record(uow, app.actor, "payments", entered.payment_uid, reason="重复录入", expected_version=read)
        uow.commit()
    with pytest.raises(InputRejected, match="已经作废"), app.uow() as uow:
        void_record(uow, app.actor, "payments", entered.payment_uid, reason="again", expected_version=read + 1)
    db = app.location
    app.close()
    assert sql(db, "SELECT voided FROM payments") == [(1,)]
    assert sql(db, "SELECT voided FROM record_history WHERE uid = ?", (entered.payment_uid,)) == [(0,)]
    assert _events(db, "payment.void")[0]["reason"] == "重复录入"


def test_a_person_with_live_payments_is_voided_only_together_with_them(installation: Installation) -> None:
    app = installation()
    entered = _add(app, _payment())
    with app.reader() as uow:
        read = person_for_edit(uow, app.actor, entered.person_uid)["version"]
    with pytest.raises(InputRejected, match="还有 1 笔有效的发放记录"), app.uow() as uow:
        void_record(uow, app.actor, "persons", entered.person_uid, reason="身份证号录错", expected_version=read)
    with app.uow() as uow:
        void_record(uow, app.actor, "persons", entered.person_uid, reason="身份证号录错", expected_version=read,
                    with_payments=True)
        uow.commit()
    db = app.location
    app.close()
    assert sql(db, "SELECT (SELECT voided FROM persons), (SELECT voided FROM payments)") == [(1, 1)]
    (event,) = _events(db, "person.void")
    assert event["payments_voided"] == [entered.payment_uid] and WANG_ID not in json.dumps(event)
