"""The rules over the other lists (SPEC §5, §6): planted cases and look-alikes that must give no finding,
on real SQLite files built through the roster and list importers; then every planted case of the demo."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from roster_files import citizen_id, write_roster
from ykt_integration import DemoDb, copy_installation, sql

from yikatong_desktop import bootstrap
from yikatong_desktop.domain.accounts import luhn_check_digit
from yikatong_desktop.domain.lists import ListKind
from yikatong_desktop.services.checks.engine import RuleOutcome
from yikatong_desktop.services.checks.run import run_checks
from yikatong_desktop.services.imports import import_roster
from yikatong_desktop.services.list_imports import import_list

Installation = Callable[..., bootstrap.App]
# The installation's clock says 2019-06-01 (ykt_integration.INIT_CLOCK).
HEADER = ("姓名", "身份证号", "补贴项目", "补贴期间", "应发金额", "实发金额", "发放日期", "代发银行", "银行账号",
          "乡镇")
NAMES = ("王建国 李秀英 张伟 刘芳 陈静 杨洋 赵磊 黄敏 周杰 吴婷 "
         "徐强 孙丽 马军 朱华 胡斌 郭玲 何涛 高峰 林琳 罗勇").split()
LIST_RULES = ("PAID_AFTER_DEATH", "PAID_AFTER_EXIT", "PUBLIC_EMPLOYEE", "CADRE_RELATIVE", "ENTITLED_NOT_PAID",
              "FUNDS_NOT_DISBURSED", "UNISSUED_FUNDS", "BANK_FEE", "CARD_HELD_BY_OTHERS")


def who(n: int) -> tuple[str, str]:
    """Name and ID of test person n (born 1936: old enough for every program)."""
    return NAMES[n], citizen_id(n)


def card(n: int) -> str:
    """A 19-digit card number that passes the Luhn check."""
    body = f"622848049408251{n:03d}"
    return body + luhn_check_digit(body)


def pay(n: int, program: str, period: str, paid: object, *, due: object = None, on: str = "2018-06-25",
        account: int | None = None, township: str | None = None) -> list[object]:
    """A roster row (card payment when an account is given, else cash)."""
    name, id_number = who(n)
    return [name, id_number, program, period, paid if due is None else due, paid, on,
            None if account is None else "农村信用社", None if account is None else card(account), township]


class World:
    """An installation and the files a test writes into it."""

    def __init__(self, app: bootstrap.App, folder: Path) -> None:
        self.app, self.folder, self.files = app, folder, 0

    def roster(self, rows: Sequence[Sequence[object]]) -> None:
        self.files += 1
        path = write_roster(self.folder / f"花名册{self.files}.xlsx", HEADER, rows)
        with self.app.uow() as uow:
            report = import_roster(uow, self.app.actor, path)
            assert report.rejected == 0, report.issues
            uow.commit()

    def lists(self, kind: ListKind, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        self.files += 1
        path = self.folder / f"名单{self.files}.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(list(header))
        for row in rows:
            sheet.append(list(row))
        book.save(path)
        with self.app.uow() as uow:
            report = import_list(uow, self.app.actor, kind, path)
            assert report.rejected == 0, report.issues
            uow.commit()

    def check(self, *codes: str) -> list[RuleOutcome]:
        with self.app.uow() as uow:
            outcomes = run_checks(uow, self.app.actor, list(codes))
            uow.commit()
        return outcomes

    def findings(self, rule: str) -> list[dict[str, Any]]:
        """The rule's findings that hold (not 已消除), with the person's ID and the payment's period."""
        rows = sql(self.app.location,
                   "SELECT f.uid, f.subject_kind, f.subject_key, f.amount_fen, f.explanation, f.evidence, f.severity, "
                   "pr.id_number, p.period_label, g.code, f.period_label, f.org_code FROM findings f "
                   "LEFT JOIN persons pr ON pr.id = f.person_id LEFT JOIN payments p ON p.id = f.payment_id "
                   "LEFT JOIN programs g ON g.id = f.program_id "
                   "WHERE f.rule = ? AND f.status != 'resolved' ORDER BY f.subject_key", (rule,))
        names = ("uid", "kind", "key", "amount", "text", "evidence", "severity", "id_number", "paid_period",
                 "program", "period", "org")
        return [{**dict(zip(names, r, strict=True)), "evidence": json.loads(r[5])} for r in rows]


def _world(installation: Installation, tmp_path: Path) -> World:
    return World(installation(), tmp_path)


def _subjects(found: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    return {(f["id_number"], f["program"], f["period"] or f["paid_period"]) for f in found}


STATUS = ("姓名", "身份证号", "事由", "日期", "补贴项目")


def test_paid_after_moving_out_or_exiting(installation: Installation, tmp_path: Path) -> None:
    w = _world(installation, tmp_path)
    w.roster([pay(n, "高龄津贴", month, 100, account=n) for n in (0, 1, 2, 3)
              for month in ("2018-08", "2018-09", "2018-10")]
             + [pay(2, "计生奖扶", "2018", 960, account=2), pay(4, "计生奖扶", "2018", 960, account=4)])
    w.lists(ListKind.STATUS, STATUS, [
        [*who(0), "户口迁出", "2018-09-01", None],  # moved: October's payment is after it, September's is not
        [*who(0), "自愿退出", "2018-09-20", None],  # also exited: still one finding per payment
        [*who(1), "死亡", "2018-09-15", None],  # a death is PAID_AFTER_DEATH's, not this rule's
        [*who(2), "不再符合条件退出", "2017-12-31", "计生奖扶"],  # exit from 计生奖扶 only: 高龄津贴 is fine
        [*who(3), "自愿退出", "2018-08-15", None],  # exit naming no program: every program
        [*who(4), "自愿退出", "2018-06-30", None],  # the 2018 period started before the exit
    ])
    w.check("PAID_AFTER_EXIT")
    found = w.findings("PAID_AFTER_EXIT")
    assert _subjects(found) == {(who(0)[1], "MZ02", "2018-10"), (who(2)[1], "WJ01", "2018"),
                                (who(3)[1], "MZ02", "2018-09"), (who(3)[1], "MZ02", "2018-10")}
    assert len(found) == 4  # 王建国's October payment is after both his statuses: one finding
    moved = next(f for f in found if f["id_number"] == who(0)[1])
    assert moved["text"] == "王建国于2018年9月1日户口迁出，2018年10月高龄老人基本生活津贴仍发放100.00元"
    assert [e["kind"] for e in moved["evidence"]] == ["payments", "person_statuses"]
    exited = next(f for f in found if f["id_number"] == who(2)[1])
    assert exited["amount"] == 96000 and "2017年12月31日不再符合条件退出" in exited["text"]


def test_public_employee_paid_by_a_program_that_excludes_them(installation: Installation, tmp_path: Path) -> None:
    w = _world(installation, tmp_path)
    w.roster([pay(0, "生态护林员补助", "2018", 10000, account=0), pay(1, "生态护林员补助", "2018", 10000, account=1),
              pay(2, "高龄津贴", "2018-03", 100, account=2)])
    w.lists(ListKind.STAFF, ("身份证号", "姓名", "单位", "类别"),
            [[*reversed(who(0)), "县林草局", "事业编制"], [*reversed(who(2)), "县民政局", "离退休"]])
    w.check("PUBLIC_EMPLOYEE")
    found = w.findings("PUBLIC_EMPLOYEE")
    # 刘芳 (1) is not on the list; 张伟 (2) is, but 高龄津贴 does not exclude 财政供养人员.
    assert [(f["id_number"], f["amount"]) for f in found] == [(who(0)[1], 1000000)]
    assert found[0]["text"] == ("王建国是财政供养人员（县林草局、事业编制），生态护林员补助不发给财政供养人员，"
                                "2018年度仍发放10,000.00元")
    assert found[0]["evidence"][1]["kind"] == "public_employees"


def test_cadre_and_relative_are_a_low_severity_review_note(installation: Installation, tmp_path: Path) -> None:
    w = _world(installation, tmp_path)
    w.roster([pay(0, "耕地地力补贴", "2018", 500, account=0), pay(0, "高龄津贴", "2018-03", 100, account=0),
              pay(1, "耕地地力补贴", "2018", 300, account=1), pay(3, "耕地地力补贴", "2018", 700, account=3)])
    w.lists(ListKind.CADRES, ("身份证号", "姓名", "职务", "关系", "干部身份证号"), [
        [who(0)[1], who(0)[0], "村党支部书记", "本人", None],
        [who(1)[1], who(1)[0], None, "配偶", who(0)[1]],
        [who(2)[1], who(2)[0], "村委会主任", "本人", None],  # a cadre who receives nothing: no finding
    ])
    w.check("CADRE_RELATIVE")
    found = {f["id_number"]: f for f in w.findings("CADRE_RELATIVE")}
    assert set(found) == {who(0)[1], who(1)[1]}  # 刘芳 (3) is paid but on no list
    cadre, spouse = found[who(0)[1]], found[who(1)[1]]
    assert (cadre["kind"], cadre["amount"], cadre["severity"]) == ("person", 60000, "low")
    assert cadre["text"] == "王建国本人是村干部（村党支部书记），享受补贴2笔共600.00元：需写复核意见"
    assert spouse["text"] == "李秀英是王建国（村党支部书记）的配偶，享受补贴1笔共300.00元：需写复核意见"
    assert [e["kind"] for e in cadre["evidence"]] == ["cadres", "payments", "payments"]


def test_entitled_but_not_paid_for_a_period_the_program_owed(installation: Installation, tmp_path: Path) -> None:
    w = _world(installation, tmp_path)
    w.roster([pay(0, "计生奖扶", "2017", 960, account=0), pay(1, "计生奖扶", "2018", 960, account=1),
              pay(2, "高龄津贴", "2019-03", 100, account=2, on="2019-03-25"),
              pay(5, "残疾人机动车燃油补贴", "2018", 0, due=500),  # 应发 with no 实发
              pay(6, "残疾人机动车燃油补贴", "2018", 0, due=300)])
    w.roster([pay(6, "残疾人机动车燃油补贴", "2018", 300, on="2018-09-01")])  # …paid by a later row
    w.lists(ListKind.ELIGIBLE, ("身份证号", "姓名", "补贴项目", "起始期间"), [
        [who(0)[1], who(0)[0], "计生奖扶", "2017"],  # paid 2017, not 2018 (2019 is not over yet)
        [who(1)[1], who(1)[0], "计生奖扶", "2018"],  # paid
        [who(2)[1], who(2)[0], "高龄津贴", "2019-03"],  # March paid, April missing, May within grace days
        [who(3)[1], who(3)[0], "计生奖扶", "2018"],  # died before 2018: not owed
    ])
    w.lists(ListKind.STATUS, STATUS, [[*who(3), "死亡", "2017-11-01", None]])
    w.check("ENTITLED_NOT_PAID")
    found = w.findings("ENTITLED_NOT_PAID")
    assert _subjects(found) == {(who(0)[1], "WJ01", "2018"), (who(2)[1], "MZ02", "2019-04"),
                                (who(5)[1], "CL01", "2018")}
    by_person = {f["id_number"]: f for f in found}
    assert by_person[who(0)[1]]["text"] == ("王建国在农村部分计划生育家庭奖励扶助应享名单上（2017年度起），"
                                            "2018年度没有发放")
    assert by_person[who(0)[1]]["evidence"][0]["kind"] == "eligible_entries"
    due = by_person[who(5)[1]]
    assert due["amount"] == 50000 and due["text"] == "杨洋2018年度残疾人机动车燃油补贴应发500.00元，没有实发"
    assert due["evidence"][0]["kind"] == "payments"
    assert all(f["kind"] == "person" for f in found)


ALLOCATIONS = ("补贴项目", "单位", "期间", "拨付金额", "到位日期")


def test_funds_allocated_but_not_disbursed(installation: Installation, tmp_path: Path) -> None:
    w = _world(installation, tmp_path)
    w.roster([pay(0, "计生奖扶", "2018", 1000, account=0, township="大丰镇"),
              pay(1, "计生奖扶", "2018", 1000, account=1, township="大丰镇"),
              pay(2, "计生奖扶", "2018", 5000, account=2, township="石梯子乡"),  # another township's
              pay(3, "残疾人机动车燃油补贴", "2018", 800, account=3), pay(4, "残疾人机动车燃油补贴", "2018", 700,
                                                                      account=4)])
    w.lists(ListKind.ALLOCATIONS, ALLOCATIONS, [
        ["计生奖扶", "大丰镇", "2018", "32,000.00", "2018-10-15"],
        ["残疾人机动车燃油补贴", "", "2018", "1,500.00", "2018-10-15"],  # the county's own: fully paid
        ["高龄津贴", "", "2019-04", "50,000.00", "2019-05-20"],  # arrived 12 days ago: not yet
        ["计生奖扶", "石梯子乡", "2018", "5,800.00", "2018-10-15"],  # 800 元 left: under the threshold
    ])
    w.check("FUNDS_NOT_DISBURSED")
    found = w.findings("FUNDS_NOT_DISBURSED")
    assert len(found) == 1
    f = found[0]
    assert (f["kind"], f["program"], f["period"], f["amount"]) == ("allocation", "WJ01", "2018", 3000000)
    assert f["text"] == ("大丰镇2018年度农村部分计划生育家庭奖励扶助拨付32,000.00元，实发2,000.00元，"
                         "30,000.00元未发放，资金2018年10月15日到位，已过229天（规定90天内发放）")
    assert f["evidence"][0]["kind"] == "fund_allocations"
    assert f["key"] == f"{f['org']}|WJ01|2018"


RETURN = ("账号", "户名", "金额", "状态", "失败原因", "入账日期", "手续费")


def test_bank_returns_failed_without_repayment_and_fees(installation: Installation, tmp_path: Path) -> None:
    w = _world(installation, tmp_path)
    w.roster([pay(n, "耕地地力补贴", "2018", 1000, account=n) for n in range(6)]
             + [pay(6, "耕地地力补贴", "2019", 1000, account=6, on="2019-05-20")])
    # 李秀英's failed payment is paid again later, to a new card.
    w.roster([pay(1, "耕地地力补贴", "2018", 1000, account=11, on="2018-08-01")])
    w.lists(ListKind.BANK_RETURN, RETURN, [
        [card(0), who(0)[0], "1000.00", "失败", "账号不存在", None, 0],  # never paid again: UNISSUED
        [card(1), who(1)[0], "1000.00", "失败", "账户已销户", None, 0],  # paid again on 2018-08-01
        [card(2), who(2)[0], "1000.00", "成功", None, "20180626", "2.00"],  # a fee: BANK_FEE
        [card(3), who(3)[0], "998.00", "成功", None, "20180626", 0],  # credited 2 元 short: BANK_FEE
        [card(4), who(4)[0], "1000.00", "成功", None, "20180626", 0],  # all fine
        [card(6), who(6)[0], "1000.00", "失败", "户名不符", None, 0],  # failed 12 days ago: not yet
    ])
    w.check("UNISSUED_FUNDS", "BANK_FEE")
    unissued = w.findings("UNISSUED_FUNDS")
    assert [(f["id_number"], f["kind"], f["amount"]) for f in unissued] == [(who(0)[1], "payment", 100000)]
    assert unissued[0]["text"] == ("王建国2018年度耕地地力保护补贴1,000.00元银行回盘发放失败（账号不存在），"
                                   "自2018年6月25日已过341天没有重新发放")
    assert [e["kind"] for e in unissued[0]["evidence"]] == ["payments", "bank_returns"]
    fees = {f["id_number"]: f for f in w.findings("BANK_FEE")}
    assert set(fees) == {who(2)[1], who(3)[1]}
    assert {f["kind"] for f in fees.values()} == {"bank_return"} and all(f["amount"] == 200 for f in fees.values())
    assert fees[who(2)[1]]["text"] == "张伟2018年度耕地地力保护补贴代发回盘：扣手续费2.00元"
    assert fees[who(3)[1]]["text"] == "刘芳2018年度耕地地力保护补贴代发回盘：实发1,000.00元，入账998.00元，少2.00元"
    assert [e["kind"] for e in fees[who(2)[1]]["evidence"]] == ["bank_returns", "payments"]


CHECKS = ("身份证号", "日期", "核查人", "卡在本人手中", "持卡人", "说明")


def test_card_held_by_others_follows_the_latest_field_check(installation: Installation, tmp_path: Path) -> None:
    w = _world(installation, tmp_path)
    w.roster([pay(0, "耕地地力补贴", "2018", 1000, account=0), pay(0, "高龄津贴", "2018-03", 100),  # cash
              pay(1, "耕地地力补贴", "2018", 1000, account=1), pay(2, "耕地地力补贴", "2018", 1000, account=2)])
    w.lists(ListKind.FIELD_CHECKS, CHECKS, [
        [who(0)[1], "2019-05-06", "马力", "否", "村会计 王某", "卡由村会计保管"],
        [who(1)[1], "2019-03-01", "马力", "否", "儿子", None],
        [who(1)[1], "2019-05-06", "马力", "是", None, "已交还本人"],  # the latest check clears it
        [who(2)[1], "2019-05-06", "马力", "是", None, None],
    ])
    first = w.check("CARD_HELD_BY_OTHERS")
    found = w.findings("CARD_HELD_BY_OTHERS")
    assert [(f["id_number"], f["kind"], f["amount"]) for f in found] == [(who(0)[1], "person", 100000)]
    assert found[0]["text"] == ("2019年5月6日入户核查：王建国的一卡通由村会计王某保管，"
                                "其名下一卡通发放的补贴1笔共1,000.00元")
    # Re-running finds the same finding (same uid), nothing new.
    again = w.check("CARD_HELD_BY_OTHERS")
    assert (first[0].new, again[0].new, again[0].open) == (1, 0, 1)
    assert [f["uid"] for f in w.findings("CARD_HELD_BY_OTHERS")] == [found[0]["uid"]]
    # A later visit finds the card back in 王建国's hands: the finding is 已消除.
    w.lists(ListKind.FIELD_CHECKS, CHECKS, [[who(0)[1], "2019-05-30", "马力", "是", None, "已交还"]])
    assert w.check("CARD_HELD_BY_OTHERS")[0].resolved == 1
    assert w.findings("CARD_HELD_BY_OTHERS") == []


def test_every_planted_list_case_of_the_demo_is_found_and_no_control_is(demo_db: DemoDb, tmp_path: Path) -> None:
    db = copy_installation(demo_db.path, tmp_path / "demo.sqlite3")
    app = bootstrap.open_app(str(db))
    try:
        w = World(app, tmp_path)
        first = {o.code: o for o in w.check(*LIST_RULES)}
        found = {rule: w.findings(rule) for rule in LIST_RULES}
        second = {o.code: o for o in w.check(*LIST_RULES)}
        assert {rule: [f["uid"] for f in fs] for rule, fs in found.items()} == \
            {rule: [f["uid"] for f in w.findings(rule)] for rule in LIST_RULES}
        assert all(second[r].new == 0 and second[r].open == first[r].open for r in LIST_RULES)
    finally:
        app.close()
    keys = {rule: {f["key"] for f in fs} for rule, fs in found.items()}
    paid_uids = {rule: set(_payment_uids(db, [f["uid"] for f in fs])) for rule, fs in found.items()}
    rules = set(LIST_RULES) - {"PAID_AFTER_DEATH"}
    assert {c["rule"] for c in demo_db.manifest["planted"]} >= rules  # the demo plants every one of them
    for case in [c for c in demo_db.manifest["planted"] if c["rule"] in rules]:
        rule = case["rule"]
        if rule in ("CADRE_RELATIVE", "CARD_HELD_BY_OTHERS"):
            assert case["person_uid"] in keys[rule], case
        elif rule == "ENTITLED_NOT_PAID":
            assert f"{case['person_uid']}|{case['program']}|{case['period']}" in keys[rule], case
        elif rule == "FUNDS_NOT_DISBURSED":
            f = next(f for f in found[rule] if f["org"] == case["township"] and f["program"] == case["program"])
            assert (f["period"], f["amount"]) == (case["period"], case["amount_fen"])
        elif rule == "BANK_FEE":
            assert case["payment_uid"] in paid_uids[rule], case
        else:
            for uid in case.get("payment_uids") or [case["payment_uid"]]:
                assert uid in keys[rule], case
    for control in [c for c in demo_db.manifest["negative_controls"] if c["rule"] in rules]:
        rule = control["rule"]
        if rule == "FUNDS_NOT_DISBURSED":
            assert not [f for f in found[rule] if f["org"] == control["township"]
                        and f["program"] == control["program"]], control
            continue
        person_uid, program, period = sql(db, "SELECT pr.uid, g.code, p.period_label FROM payments p JOIN persons pr "
                                              "ON pr.id = p.person_id JOIN programs g ON g.id = p.program_id "
                                              "WHERE p.uid = ?", (control["payment_uid"],))[0]
        assert control["payment_uid"] not in keys[rule] | paid_uids[rule], control
        assert person_uid not in keys[rule] and f"{person_uid}|{program}|{period}" not in keys[rule], control


def _payment_uids(db: Path, finding_uids: list[str]) -> list[str]:
    marks = ",".join("?" * len(finding_uids))
    return [r[0] for r in sql(db, f"SELECT p.uid FROM findings f JOIN payments p ON p.id = f.payment_id "
                                  f"WHERE f.uid IN ({marks})", tuple(finding_uids))] if finding_uids else []
