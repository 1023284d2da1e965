"""The payment rules of SPEC §6 on rosters imported here: planted positives and look-alike negatives."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from ykt_integration import sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.domain.rules import FindingStatus
from yikatong_desktop.services import findings
from yikatong_desktop.services.checks.run import run_checks
from yikatong_desktop.services.corrections import correct_payment, payment_for_edit
from yikatong_desktop.services.imports import import_roster

Installation = Callable[..., bootstrap.App]
_serial = iter(range(50, 499))


def person_id(birth: str, *, sex: str = "男", region: str = "652323") -> str:
    """A valid ID for a birth date (YYYYMMDD), unique within the test run."""
    seq = next(_serial) * 2 + (1 if sex == "男" else 0)  # the 17th digit's parity is the sex
    body = f"{region}{birth}{seq:03d}"
    return body + compute_check_char(body)


@pytest.fixture
def county(installation: Installation) -> Iterator[bootstrap.App]:
    app = installation()
    yield app
    app.close()


def _import(app: bootstrap.App, path: Path, rows: list[dict[str, Any]], **kw: Any) -> None:
    titles = list(dict.fromkeys(k for r in rows for k in r))
    book = openpyxl.Workbook()
    book.active.append(titles)
    for r in rows:
        book.active.append([r.get(t) for t in titles])
    book.save(path)
    with app.uow() as uow:
        report = import_roster(uow, app.actor, path, **kw)
        assert report.rejected == 0, report.issues
        uow.commit()


def _check(app: bootstrap.App, code: str) -> list[findings.Finding]:
    with app.uow() as uow:
        run_checks(uow, app.actor, [code])
        uow.commit()
    with app.reader() as uow:
        return findings.list_findings(uow, app.actor, rules=[code], statuses=["open", "confirmed", "dismissed"])


def _names(found: list[findings.Finding]) -> set[str]:
    return {f.name or "" for f in found}


def _pay(name: str, id_number: str, **kw: Any) -> dict[str, Any]:
    row = {"姓名": name, "身份证号": id_number, "补贴项目": "高龄津贴", "补贴期间": "2018-03", "应发金额": 100,
           "实发金额": 100, "应发日期": "2018-03-25", "发放日期": "2018-03-28", "代发银行": "信用社",
           "银行账号": None}
    row.update(kw)
    return row


_cards = iter(range(10_000, 99_999))


def card() -> str:
    """A Luhn-valid 19-digit card number, unique within the run."""
    from yikatong_desktop.domain.accounts import luhn_check_digit

    body = f"621700{next(_cards):012d}"
    return body + luhn_check_digit(body)


OLD = "19300315"  # 88 on 2018-03-31


def test_late_payment_after_the_grace_days_only(county: bootstrap.App, tmp_path: Path) -> None:
    _import(county, tmp_path / "a.xlsx", [
        _pay("晚发", person_id(OLD), 发放日期="2018-05-30", 银行账号=card()),  # 66 days after the due date
        _pay("宽限内", person_id(OLD), 发放日期="2018-04-20", 银行账号=card()),  # 26 days: within 30
    ])
    found = _check(county, "LATE_PAYMENT")
    assert _names(found) == {"晚发"}
    assert "晚66天（宽限30天）" in found[0].explanation and found[0].amount_fen == 10000


def test_underpaid_by_the_difference(county: bootstrap.App, tmp_path: Path) -> None:
    _import(county, tmp_path / "a.xlsx", [_pay("少发", person_id(OLD), 实发金额=60, 银行账号=card()),
                                          _pay("足额", person_id(OLD), 银行账号=card())])
    found = _check(county, "UNDERPAID")
    assert _names(found) == {"少发"} and found[0].amount_fen == 4000
    assert "应发100.00元，实发60.00元" in found[0].explanation


def test_over_standard_rounds_half_up_and_prefers_the_catalogue(county: bootstrap.App, tmp_path: Path) -> None:
    row = {"补贴项目": "耕地地力保护补贴", "补贴年度": "2018", "代发银行": "信用社"}
    _import(county, tmp_path / "a.xlsx", [
        {**row, "姓名": "一亩整", "身份证号": person_id("19600101"), "数量": "1.00", "补贴标准": 105.23,
         "实发金额": 105.23, "银行账号": card()},  # 10523 fen, exactly the standard
        {**row, "姓名": "多一分", "身份证号": person_id("19600101"), "数量": "1.00", "补贴标准": 105.23,
         "实发金额": 105.24, "银行账号": card()},
        {**row, "姓名": "半分进位", "身份证号": person_id("19600101"), "数量": "2.5", "补贴标准": 13.73,
         "实发金额": 34.33, "银行账号": card()},  # 34.325 rounds half-up to 34.33: not over
        {**row, "姓名": "半分多发", "身份证号": person_id("19600101"), "数量": "2.5", "补贴标准": 13.73,
         "实发金额": 34.34, "银行账号": card()},
        # Seven decimals: 1 fen × 0.4999999 rounds to 0, so 1 fen is over — a hair below the half.
        {**row, "姓名": "七位小数", "身份证号": person_id("19600101"), "数量": "0.4999999", "补贴标准": 0.01,
         "实发金额": 0.01, "银行账号": card()},
        {**row, "姓名": "七位小数进位", "身份证号": person_id("19600101"), "数量": "0.5000001", "补贴标准": 0.01,
         "实发金额": 0.01, "银行账号": card()},
    ])
    assert _names(_check(county, "OVER_STANDARD")) == {"多一分", "半分多发", "七位小数"}

    # A confirmed catalogue standard by age tier wins over the roster's own 补贴标准.
    with county.uow() as uow:
        program = uow.records.find_program("MZ02")[0]
        for tier, lo, hi, fen in (("80-89岁", 80, 89, 10000), ("90-99岁", 90, 99, 20000)):
            uow.records.add("program_standards", {"program_id": program.id, "year": 2018, "tier": tier,
                                                  "min_age": lo, "max_age": hi, "amount_fen": fen, "unit": "元/人·月",
                                                  "confirmed": True}, owner="652323", uid=f"std-{tier}")
        uow.commit()
    _import(county, tmp_path / "b.xlsx", [
        _pay("八十五岁二百", person_id("19330101"), 补贴标准=200, 应发金额=200, 实发金额=200, 银行账号=card()),
        _pay("九十二岁二百", person_id("19260101"), 补贴标准=200, 应发金额=200, 实发金额=200, 银行账号=card()),
    ])
    found = {f.name: f for f in _check(county, "OVER_STANDARD")}
    assert set(found) == {"多一分", "半分多发", "七位小数", "八十五岁二百"}
    assert "按目录标准100.00元应发100.00元，实发200.00元" in found["八十五岁二百"].explanation
    # An untiered 150 as well: the highest matching standard applies, so the 92-year-old is still fine.
    with county.uow() as uow:
        uow.records.add("program_standards", {"program_id": program.id, "year": 2018, "tier": "", "min_age": None,
                                              "max_age": None, "amount_fen": 15000, "unit": "元/人·月",
                                              "confirmed": True}, owner="652323", uid="std-untiered")
        uow.commit()
    found = {f.name: f for f in _check(county, "OVER_STANDARD") if f.status == "open"}
    assert "九十二岁二百" not in found and "按目录标准150.00元" in found["八十五岁二百"].explanation


def test_out_of_scope_by_age_on_the_periods_last_day(county: bootstrap.App, tmp_path: Path) -> None:
    _import(county, tmp_path / "a.xlsx", [
        _pay("七十九岁", person_id("19380401"), 银行账号=card()),  # 79 on 2018-03-31
        _pay("当天八十", person_id("19380331"), 银行账号=card()),  # 80 on 2018-03-31 exactly
    ])
    found = _check(county, "OUT_OF_SCOPE")
    assert _names(found) == {"七十九岁"} and "79岁" in found[0].explanation


def test_cash_payment_on_a_card_program(county: bootstrap.App, tmp_path: Path) -> None:
    _import(county, tmp_path / "a.xlsx", [_pay("现金", person_id(OLD), 发放方式="现金"),
                                          _pay("一卡通", person_id(OLD), 银行账号=card())])
    assert _names(_check(county, "CASH_PAYMENT")) == {"现金"}


def test_invalid_id_stored_as_written(county: bootstrap.App, tmp_path: Path) -> None:
    good = person_id(OLD)
    bad = good[:17] + ("1" if good[17] != "1" else "2")
    _import(county, tmp_path / "a.xlsx", [_pay("校验错", bad, 银行账号=card()), _pay("正确", good, 银行账号=card())])
    found = _check(county, "INVALID_ID")
    assert _names(found) == {"校验错"} and found[0].amount_fen == 10000


def test_name_id_mismatch_ignores_dots_and_marks_same_sound_low(county: bootstrap.App, tmp_path: Path) -> None:
    other, dotted, sounds, sex = person_id(OLD), person_id(OLD), person_id(OLD), person_id(OLD, sex="男")
    _import(county, tmp_path / "a.xlsx", [_pay("王建国", other, 银行账号=card()),
                                          _pay("努尔兰·吐尔逊", dotted, 银行账号=card()),
                                          _pay("买买提·艾力", sounds, 银行账号=card()),
                                          _pay("李强", sex, 银行账号=card())])
    _import(county, tmp_path / "b.xlsx", [_pay("王建华", other, 补贴期间="2018-04", 银行账号=card()),
                                          _pay("努尔兰.吐尔逊", dotted, 补贴期间="2018-04", 银行账号=card()),
                                          _pay("麦麦提·艾力", sounds, 补贴期间="2018-04", 银行账号=card()),
                                          _pay("李强", sex, 补贴期间="2018-04", 性别="女", 银行账号=card())])
    found = {f.name: f for f in _check(county, "NAME_ID_MISMATCH")}
    assert set(found) == {"王建国", "买买提·艾力", "李强"}
    assert found["买买提·艾力"].severity == "low" and found["王建国"].severity == "high"
    assert "写作“王建华”" in found["王建国"].explanation and "性别为男" in found["李强"].explanation


def test_card_not_own_except_the_household_heads_card_on_a_household_program(county: bootstrap.App,
                                                                           tmp_path: Path) -> None:
    son, head, member = person_id("19700101"), person_id("19600101"), person_id("19650101", sex="女")
    shared_card, own_card = card(), card()
    _import(county, tmp_path / "a.xlsx", [
        _pay("老人", person_id(OLD), 银行账号=shared_card, 账户户名="儿子", 账户身份证号=son),
        _pay("本人卡", person_id(OLD), 银行账号=own_card, 账户户名="本人卡"),
        _pay("阿依·别克", person_id(OLD), 银行账号=card(), 账户户名="阿依.别克"),  # a dot variant: own card
    ])
    household = {"补贴项目": "耕地地力保护补贴", "补贴年度": "2018", "户编号": "H-001", "户主姓名": "户主",
                 "户主身份证号": head, "代发银行": "信用社"}
    _import(county, tmp_path / "b.xlsx", [
        {**household, "姓名": "户主", "身份证号": head, "实发金额": 500, "银行账号": card()},
        {**household, "姓名": "家属", "身份证号": member, "实发金额": 300, "银行账号": card(), "账户户名": "户主",
         "账户身份证号": head},
    ])
    found = _check(county, "CARD_NOT_OWN")
    assert _names(found) == {"老人"}
    assert "打入“儿子”名下的账户" in found[0].explanation


def test_multi_card_and_shared_account_and_too_many_banks(county: bootstrap.App, tmp_path: Path) -> None:
    one, wife_husband, shared = card(), card(), card()
    multi, both = person_id("19500101"), person_id(OLD)
    _import(county, tmp_path / "a.xlsx", [
        {"乡镇": "大丰镇", **_pay("两张卡", multi, 银行账号=card(), 代发银行="农行")},
        {"乡镇": "大丰镇", **_pay("两张卡", multi, 补贴期间="2018-04", 银行账号=card(), 代发银行="信用社")},
        {"乡镇": "大丰镇", **_pay("一张卡两项目", both, 银行账号=one)},
        {"乡镇": "大丰镇", **_pay("一张卡两项目", both, 补贴项目="计生奖扶", 补贴期间="2018", 应发金额=960,
                               实发金额=960, 银行账号=one)},
        {"乡镇": "大丰镇", **_pay("甲", person_id(OLD), 银行账号=shared)},
        {"乡镇": "大丰镇", **_pay("乙", person_id(OLD), 银行账号=shared)},
        {"乡镇": "大丰镇", **_pay("夫", person_id(OLD), 银行账号=wife_husband, 户编号="H-9")},
        {"乡镇": "大丰镇", **_pay("妻", person_id(OLD, sex="女"), 银行账号=wife_husband, 户编号="H-9")},
        {"乡镇": "二十里店镇", **_pay("邮储", person_id(OLD), 银行账号=card(), 代发银行="邮储")},
    ])
    assert _names(_check(county, "MULTI_CARD")) == {"两张卡"}
    shared_found = _check(county, "SHARED_ACCOUNT")
    assert len(shared_found) == 1 and "甲、乙" in shared_found[0].explanation
    assert _check(county, "TOO_MANY_BANKS") == []  # 农行, 信用社 in 大丰镇; 邮储 elsewhere
    _import(county, tmp_path / "b.xlsx", [{"乡镇": "大丰镇", **_pay("第三家", person_id(OLD), 银行账号=card(),
                                                                 代发银行="邮储")}])
    banks = _check(county, "TOO_MANY_BANKS")
    assert len(banks) == 1 and "3家代理银行" in banks[0].explanation


def test_duplicate_payment_and_rerun_keeps_ids_and_resolves_the_fixed(county: bootstrap.App, tmp_path: Path) -> None:
    twice, months = person_id(OLD), person_id(OLD)
    _import(county, tmp_path / "a.xlsx", [
        _pay("两次", twice, 银行账号=card()), _pay("两次", twice, 发放日期="2018-04-10", 银行账号=card()),
        _pay("两个月", months, 银行账号=card()), _pay("两个月", months, 补贴期间="2018-04", 银行账号=card()),
        _pay("少发", person_id(OLD), 实发金额=50, 银行账号=card()),
        _pay("也少发", person_id(OLD), 实发金额=70, 银行账号=card()),
    ])
    duplicates = _check(county, "DUPLICATE_PAYMENT")
    assert _names(duplicates) == {"两次"} and duplicates[0].amount_fen == 10000
    first = {f.name: f for f in _check(county, "UNDERPAID")}
    with county.uow() as uow:
        findings.decide(uow, county.actor, [first["也少发"].uid], FindingStatus.CONFIRMED, "村里核实属实")
        uow.commit()
    # The clerk corrects one payment: its finding becomes 已消除; the other keeps its id and its state.
    payment_uid = first["少发"].evidence[0]["uid"]
    with county.uow() as uow:
        version = payment_for_edit(uow, county.actor, payment_uid)["version"]
        correct_payment(uow, county.actor, payment_uid, {"paid_fen": "100"}, reason="补发到位",
                        expected_version=version)
        uow.commit()
    with county.uow() as uow:
        outcome = run_checks(uow, county.actor, ["UNDERPAID"])[0]
        uow.commit()
    assert (outcome.open, outcome.new, outcome.resolved) == (1, 0, 1)
    with county.reader() as uow:
        after = {f.name: f for f in findings.list_findings(uow, county.actor, rules=["UNDERPAID"])}
    assert after["少发"].status == "resolved" and after["少发"].uid == first["少发"].uid
    assert after["也少发"].status == "confirmed" and after["也少发"].uid == first["也少发"].uid
    assert sql(county.location, "SELECT COUNT(*) FROM findings") == [(3,)]  # never deleted


def test_explanations_carry_no_full_account_number(county: bootstrap.App, tmp_path: Path) -> None:
    number = card()
    _import(county, tmp_path / "a.xlsx", [_pay("老人", person_id(OLD), 银行账号=number, 账户户名="儿子",
                                                账户身份证号=person_id("19700101"))])
    found = _check(county, "CARD_NOT_OWN")
    assert number not in found[0].explanation and number[-4:] in found[0].explanation
