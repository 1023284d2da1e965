"""The demo's other lists (SPEC §5) and the cases planted through them.

Deaths and exits, 财政供养人员, cadres and relatives, an eligible list, fund
allocations, a bank return and field checks — each as if imported from its own
file, each with cases for the rule it feeds (PAID_AFTER_DEATH, PAID_AFTER_EXIT,
PUBLIC_EMPLOYEE, CADRE_RELATIVE, ENTITLED_NOT_PAID, FUNDS_NOT_DISBURSED,
UNISSUED_FUNDS, BANK_FEE, CARD_HELD_BY_OTHERS) and negative controls that must
give no finding.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from yikatong_desktop.domain.periods import year_period

if TYPE_CHECKING:
    from yikatong_desktop.services.demo_plant import Planter

#: List kind → the file the demo pretends it came from.
LIST_FILES = {
    "status": "公安局_死亡和迁出人员名单_2018.xlsx",
    "staff": "财政局_财政供养人员名单_2019.xlsx",
    "cadres": "组织部_村干部及近亲属名单_2019.xlsx",
    "eligible": "卫健委_奖扶应享名单_2018.xlsx",
    "allocations": "财政局_资金拨付明细_2018.xlsx",
    "bank-return": "信用社_代发回盘_耕地地力保护补贴_2018.xlsx",
    "field-checks": "入户核查记录_2019年6月.xlsx",
}


class ListPlanter:
    """Adds list records to the demo (``demo.lists``: kind → rows) and notes their cases."""

    def __init__(self, planter: Planter) -> None:
        self.p = planter
        self.d = planter.d
        self.lists: dict[str, list[dict[str, Any]]] = {kind: [] for kind in LIST_FILES}

    def plant(self, used: set[str]) -> dict[str, list[dict[str, Any]]]:
        self._deaths_and_exits(used)
        self._staff_and_cadres(used)
        self._eligible(used)
        self._allocations()
        self._bank_return(used)
        self._field_checks(used)
        return self.lists

    def _after(self, person: dict[str, Any], day: date, program: str | None = None) -> list[dict[str, Any]]:
        return [x for x in self.d.payments if x["person"] is person and x["period_start"] > day
                and (program is None or x["program"] == program)]

    def _deaths_and_exits(self, used: set[str]) -> None:
        for pay in self.p.pick_period("MZ02", "2018-06", 2, used):
            person, died = pay["person"], date(2018, 5, 20)
            self.lists["status"].append({"person": person, "status": "death", "reason": "死亡",
                                         "status_date": died, "deregistered_date": died + timedelta(days=12),
                                         "program": None})
            after = self._after(person, died)
            self.p.note("PAID_AFTER_DEATH", pay, "2018年5月20日死亡，仍发放2018年6月起的高龄津贴",
                        payment_uids=[x["uid"] for x in after], died=str(died))
        for pay in self.p.pick_period("MZ02", "2018-12", 1, used):
            self.lists["status"].append({"person": pay["person"], "status": "death", "reason": "死亡",
                                         "status_date": date(2018, 12, 15), "deregistered_date": None,
                                         "program": None})
            self.p.controls.append({"rule": "PAID_AFTER_DEATH", "payment_uid": pay["uid"],
                                    "why": "2018年12月15日死亡，在所发期间之内：不是死亡后发放"})
        for pay in self.p.pick_period("WJ01", "2018", 1, used):
            self.lists["status"].append({"person": pay["person"], "status": "exit", "reason": "不再符合条件退出",
                                         "status_date": date(2017, 12, 31), "deregistered_date": None,
                                         "program": "WJ01"})
            self.p.note("PAID_AFTER_EXIT", pay, "2017年底已退出计生奖扶，2018年仍发放", exited="2017-12-31")
        for pay in self.p.pick_period("MZ02", "2018-10", 1, used):
            person, moved = pay["person"], date(2018, 9, 1)
            self.lists["status"].append({"person": person, "status": "moved", "reason": "户口迁出",
                                         "status_date": moved, "deregistered_date": None, "program": None})
            self.p.note("PAID_AFTER_EXIT", pay, "2018年9月1日户口迁出本县，仍发放高龄津贴",
                        payment_uids=[x["uid"] for x in self._after(person, moved)], moved=str(moved))

    def _staff_and_cadres(self, used: set[str]) -> None:
        for pay in self.p.pick_period("LC01", "2018", 1, used) or self._new_ranger(used):
            self.lists["staff"].append({"person": pay["person"], "employer": "呼图壁县林业和草原局",
                                        "category": "事业编制"})
            self.p.note("PUBLIC_EMPLOYEE", pay, "财政供养人员（事业编制）领取生态护林员补助")
        for pay in self.p.pick_period("MZ02", "2018-03", 1, used):
            self.lists["staff"].append({"person": pay["person"], "employer": "呼图壁县民政局", "category": "离退休"})
            self.p.controls.append({"rule": "PUBLIC_EMPLOYEE", "payment_uid": pay["uid"],
                                    "why": "高龄津贴不排除财政供养人员（离退休）"})
        for pay in self.p.pick_period("NY01", "2018", 1, used):
            cadre = pay["person"]
            self.lists["cadres"].append({"person": cadre, "position": "村党支部书记", "relation": "本人",
                                         "cadre": None})
            self.p.note("CADRE_RELATIVE", pay, "受益人是村党支部书记本人：需写复核意见")
            for relative in [m for m in cadre["hh"]["members"] if m is not cadre and m["uid"] not in used][:1]:
                used.add(relative["uid"])
                self.lists["cadres"].append({"person": relative, "position": None, "relation": "配偶",
                                             "cadre": cadre})
                for rel_pay in [x for x in self.d.payments if x["person"] is relative][:1]:
                    self.p.note("CADRE_RELATIVE", rel_pay, "受益人是村党支部书记的配偶：需写复核意见",
                                cadre_id=cadre["id_number"])

    def _new_ranger(self, used: set[str]) -> list[dict[str, Any]]:
        """A 生态护林员 payment for someone of working age (small demos may have no ranger left)."""
        rangers = [p for p in self.d.persons if p["uid"] not in used and p["id_valid"]
                   and date(1965, 1, 1) <= p["birth_date"] <= date(1990, 1, 1)]
        if not rangers:
            return []
        person = self.p.rng.choice(rangers)
        used.add(person["uid"])
        pay = self.d.pay("LC01", person, year_period(2018), Decimal(1), due=date(2018, 12, 25))
        used.add(pay["uid"])
        return [pay]

    def _eligible(self, used: set[str]) -> None:
        paid_wj01 = {x["person"]["uid"] for x in self.d.payments if x["program"] == "WJ01"}
        unpaid = [p for p in self.d.persons if p["uid"] not in used and p["uid"] not in paid_wj01
                  and p["id_valid"] and p["birth_date"] <= date(1955, 1, 1)]
        self.p.rng.shuffle(unpaid)
        for person in unpaid[:2]:
            used.add(person["uid"])
            self.lists["eligible"].append({"person": person, "program": "WJ01", "from": year_period(2018)})
            self.p.note("ENTITLED_NOT_PAID", None, "在计生奖扶应享名单上（2018年起），2018年没有发放",
                        person=person, program="WJ01", period="2018")
        for pay in self.p.pick_period("WJ01", "2018", 1, used):
            self.lists["eligible"].append({"person": pay["person"], "program": "WJ01", "from": year_period(2018)})
            self.p.controls.append({"rule": "ENTITLED_NOT_PAID", "payment_uid": pay["uid"],
                                    "why": "在应享名单上，2018年已发放"})

    def _allocations(self) -> None:
        township = "652323101"
        for program, extra, rule in (("WJ01", 3_000_000, True), ("CL01", 0, False)):
            paid = sum(x["paid_fen"] for x in self.d.payments if x["program"] == program
                       and x["year"] == 2018 and x["township_code"] == township)
            if paid == 0:
                continue
            self.lists["allocations"].append({"program": program, "org_code": township, "unit": "大丰镇",
                                              "period": year_period(2018), "amount_fen": paid + extra,
                                              "arrived_date": date(2018, 10, 15), "note": "昌州财〔2018〕88号"})
            if rule:
                self.p.cases.append({"rule": "FUNDS_NOT_DISBURSED", "also": [], "program": program,
                                     "period": "2018", "township": township, "amount_fen": extra,
                                     "why": f"大丰镇2018年计生奖扶拨付{(paid + extra) // 100}元，"
                                            f"实发{paid // 100}元，结余{extra // 100}元未发放"})
            else:
                self.p.controls.append({"rule": "FUNDS_NOT_DISBURSED", "program": program, "township": township,
                                        "why": "拨付与实发相等"})

    def _bank_return(self, used: set[str]) -> None:
        lines = self.lists["bank-return"]
        for pay in self.p.pick_period("NY01", "2018", 6, used):
            lines.append(self._line(pay, pay["paid_fen"], True, None, 0))
        for pay, reason in zip(self.p.pick_period("NY01", "2018", 2, used), ("账号不存在", "户名不符"),
                               strict=False):
            lines.append(self._line(pay, pay["paid_fen"], False, reason, 0))
            self.p.note("UNISSUED_FUNDS", pay, f"银行回盘失败（{reason}），之后没有重新发放")
        for n, pay in enumerate(self.p.pick_period("NY01", "2018", 2, used)):
            if n == 0:
                lines.append(self._line(pay, pay["paid_fen"], True, None, 200))
                self.p.note("BANK_FEE", pay, "代发时扣了手续费2元")
            else:
                lines.append(self._line(pay, pay["paid_fen"] - 200, True, None, 0))
                self.p.note("BANK_FEE", pay, "入账金额比实发少2元")

    @staticmethod
    def _line(pay: dict[str, Any], amount: int, ok: bool, reason: str | None, fee: int) -> dict[str, Any]:
        return {"payment": pay, "account_number": pay["account"]["number"], "holder_name": pay["person"]["name"],
                "amount_fen": amount, "succeeded": ok, "failure_reason": reason,
                "credited_date": pay["paid_date"] + timedelta(days=1) if ok else None, "fee_fen": fee,
                "memo": "耕地地力保护补贴"}

    def _field_checks(self, used: set[str]) -> None:
        for pay in self.p.pick_period("NY01", "2018", 2, used):
            person = pay["person"]
            held = not self.lists["field-checks"]  # the first is held by others, the second is fine
            self.lists["field-checks"].append({
                "person": person, "check_date": date(2019, 6, 18), "inspector": "县财政局 马力",
                "card_in_hand": not held, "card_holder": "村会计 王某" if held else None,
                "note": "一卡通由村会计代为保管" if held else None})
            if held:
                self.p.note("CARD_HELD_BY_OTHERS", pay, "入户核查：一卡通不在本人手中，由村会计保管")
            else:
                self.p.controls.append({"rule": "CARD_HELD_BY_OTHERS", "payment_uid": pay["uid"],
                                        "why": "入户核查：卡在本人手中"})
