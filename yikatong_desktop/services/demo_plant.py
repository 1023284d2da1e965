"""Planted problems for the demo (issue 3): a few cases per rule whose data the schema holds.

Each case is listed in the manifest with the rule it must trigger (and any
other rule it triggers as a side effect), so later issues can assert exact
findings. Rules whose data arrives with later issues (death/exit lists, 财政供养,
eligible lists, allocations, bank returns, field checks, cadres) are planted by
demo_lists; notices (NOT_PUBLICISED) by demo_notices, once the roster is written.
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from yikatong_desktop.domain.ids import compute_check_char
from yikatong_desktop.domain.periods import month_period, year_period
from yikatong_desktop.services.demo_lists import ListPlanter
from yikatong_desktop.services.demo_people import BANKS, THIRD_BANK_TOWNSHIP, birth_for_age

if TYPE_CHECKING:
    from yikatong_desktop.services.demo import Demo

NOT_PLANTED: tuple[str, ...] = ()


class Planter:
    """Changes a few generated rows into known problems and records them."""

    def __init__(self, demo: Demo) -> None:
        self.d = demo
        self.rng = demo.rng
        self.cases: list[dict[str, Any]] = []
        self.controls: list[dict[str, Any]] = []

    def note(self, rule: str, pay: dict[str, Any] | None, why: str, *, person: dict[str, Any] | None = None,
             also: tuple[str, ...] = (), **extra: Any) -> None:
        who = person or (pay["person"] if pay else None)
        case = {"rule": rule, "why": why, "also": list(also), **extra}
        if who is not None:
            case.update(person_uid=who["uid"], id_number=who["id_number"], name=who["name"])
        if pay is not None:
            case.update(payment_uid=pay["uid"], program=pay["program"], period=pay["period_label"])
        self.cases.append(case)

    def pick(self, program: str, n: int, used: set[str], period: str | None = None) -> list[dict[str, Any]]:
        """n distinct untouched payments of a program (and period), from n distinct persons."""
        pool = [p for p in self.d.payments if p["program"] == program and p["uid"] not in used
                and (period is None or p["period_label"] == period)]
        self.rng.shuffle(pool)
        out, persons = [], set()
        for p in pool:
            if p["person"]["uid"] not in persons and p["person"]["uid"] not in used:
                out.append(p)
                persons.add(p["person"]["uid"])
                used.update({p["uid"], p["person"]["uid"]})
            if len(out) == n:
                break
        return out

    def pick_period(self, program: str, period: str, n: int, used: set[str]) -> list[dict[str, Any]]:
        """n untouched payments of a program for one period, from n distinct persons."""
        return self.pick(program, n, used, period)

    def plant(self) -> dict[str, Any]:
        """Plant every case; returns the manifest part."""
        used: set[str] = set()
        for p in self.pick("NY01", 2, used) + self.pick("MZ02", 1, used):
            p["paid_date"] = p["due_date"] + timedelta(days=75)
            self.note("LATE_PAYMENT", p, "发放日期比应发日期晚75天（宽限30天）")
        for p in self.pick("WJ01", 2, used) + self.pick("NY01", 1, used):
            p["paid_fen"] = p["due_fen"] // 2
            self.note("UNDERPAID", p, "实发为应发的一半")
        for p in self.pick("MZ02", 2, used):
            if p["standard_fen"] == 10000:
                p["paid_fen"] = p["due_fen"] = 20000
                self.note("OVER_STANDARD", p, "80-89岁档标准100元/月，实发200元")
            else:
                p["paid_fen"] = p["due_fen"] = p["standard_fen"] * 2
                self.note("OVER_STANDARD", p, "实发为标准的两倍")
        for p in self.pick("WJ01", 1, used):
            p["paid_fen"] = p["due_fen"] = 192000
            self.note("OVER_STANDARD", p, "标准960元/年，实发1920元")
        for p in self.pick("MZ02", 2, used) + self.pick("LC01", 1, used):
            p.update(method="cash", account=None, written_holder_name=None, written_holder_id=None,
                     remark="现金发放")
            self.note("CASH_PAYMENT", p, "一卡通项目以现金发放")
        self._people_cases(used)
        self._card_cases(used)
        self.d.lists = ListPlanter(self).plant(used)
        for p in self.pick("NY01", 2, used) + self.pick("MZ02", 1, used):
            twin = copy.copy(p)
            # Re-paid within the grace days (≤ due date + 25), so the twin is not also a LATE_PAYMENT.
            twin.update(uid=self.d.uid(), paid_date=p["paid_date"] + timedelta(days=25), remark="补发",
                        excel_row=p["excel_row"] + 1)
            self.d.payments.append(twin)
            self.note("DUPLICATE_PAYMENT", p, "同一人同一项目同一期间发放两次（第二次注明补发）",
                      duplicate_uid=twin["uid"])
        return {"planted": self.cases, "negative_controls": self.controls, "not_planted": list(NOT_PLANTED)}

    def _people_cases(self, used: set[str]) -> None:
        d = self.d
        for age, program, label in ((79, "MZ02", "2018-03"), (57, "WJ01", "2018")):
            hh = self.rng.choice(d.households)
            per = month_period(2018, 3) if program == "MZ02" else year_period(2018)
            p = d._person(hh, hh["head"]["ethnicity"], True, 30, None, per.end)
            p["birth_date"] = birth_for_age(self.rng, age, per.end)
            p["id_number"] = d.ids.make(p["id_number"][:6], p["birth_date"], True)
            std = 10000 if program == "MZ02" else 96000
            pay = d.pay(program, p, per, Decimal(1), due=per.end - timedelta(days=5)) if program != "MZ02" else \
                self._pay_fixed(program, p, per, std)
            used.update({pay["uid"], p["uid"]})
            self.note("OUT_OF_SCOPE", pay, f"{label}期间末年龄{age}岁，低于项目最低年龄")
        for problem in ("checksum", "checksum", "date"):
            hh = self.rng.choice(d.households)
            p = d._person(hh, hh["head"]["ethnicity"], False, 45, None, date(2018, 12, 31))
            body = p["id_number"][:17]
            if problem == "date":
                body = body[:10] + "13" + body[12:]
                bad = body + compute_check_char(body)
            else:
                # A wrong check character, never "0": "…000" that fails its checksum is what
                # Excel-damaged numbers look like, and the importer rejects those instead.
                bad = body + ("1" if compute_check_char(body) != "1" else "2")
            d.ids.reserve(bad)
            p.update(id_number=bad, id_valid=False, id_problems=problem)
            pay = self._pay_fixed("CL01", p, year_period(2018), 26000)
            used.update({pay["uid"], p["uid"]})
            self.note("INVALID_ID", pay, "身份证号校验码错误" if problem == "checksum" else "身份证号出生日期无效")
        for p in self.pick("WJ01", 1, used):
            p["written_name"] = p["person"]["name"][0] + "某某"
            self.note("NAME_ID_MISMATCH", p, "同一身份证号在花名册上写成另一个姓名", severity="high")
        for p in self.pick("NY01", 1, used):
            p["written_sex"] = "女" if p["person"]["sex"] == "男" else "男"
            self.note("NAME_ID_MISMATCH", p, "花名册性别与身份证号不符", severity="high")
        dotted = [x for x in d.payments if "·" in x["person"]["name"] and x["uid"] not in used
                  and x["person"]["uid"] not in used and x["program"] == "NY01"]
        variants = {"买买提": "麦麦提", "艾力": "阿力", "努尔兰": "努尔栏"}
        if dotted:
            a = dotted[0]
            used.update({a["uid"], a["person"]["uid"]})
            a["written_name"] = a["person"]["name"].replace("·", ".")
            self.controls.append({"rule": "NAME_ID_MISMATCH", "payment_uid": a["uid"],
                                  "why": "只是中间点写法不同（. 代替 ·），不是姓名不符"})
        b = next((x for x in dotted[1:] if x["person"]["name"].split("·")[0] in variants
                  and x["person"]["uid"] not in used), None)
        if b is not None:
            first = b["person"]["name"].split("·")[0]
            used.update({b["uid"], b["person"]["uid"]})
            b["written_name"] = b["person"]["name"].replace(first, variants[first], 1)
            self.note("NAME_ID_MISMATCH", b, "同音异写（拼音相同），低风险复核", severity="low")

    def _pay_fixed(self, program: str, p: dict[str, Any], per: Any, std: int) -> dict[str, Any]:
        """A payment at a given standard, bypassing the tier lookup (for people outside every tier)."""
        return self.d.pay(program, p, per, Decimal(1), due=per.end, standard_fen=std)

    def _card_cases(self, used: set[str]) -> None:
        d = self.d
        # CARD_NOT_OWN: an elderly person's 高龄津贴 paid to a son's card (person-based program).
        for p in self.pick("MZ02", 2, used):
            others = [m for m in p["person"]["hh"]["members"] if m is not p["person"] and m["uid"] not in used]
            if not others:
                continue
            holder = others[0]
            used.add(holder["uid"])
            acc = d.new_account(p["person"]["hh"]["bank"], holder)
            for q in (x for x in d.payments if x["person"] is p["person"]):
                q.update(account=acc, written_holder_name=holder["name"], written_holder_id=holder["id_number"])
            self.note("CARD_NOT_OWN", p, "高龄津贴按人发放，却打入家属的卡", holder_id=holder["id_number"])
        # Negative control: a household program on the 户主's card is fine.
        hh_pay = next((x for x in d.payments if x["program"] == "NY01" and x["uid"] not in used), None)
        if hh_pay is not None:
            self.controls.append({"rule": "CARD_NOT_OWN", "payment_uid": hh_pay["uid"],
                                  "why": "按户发放的项目打入户主卡，允许"})
        # MULTI_CARD: the same person paid on two and on three cards.
        for n_cards, program in ((2, "WJ01"), (3, "MZ02"), (2, "NY01")):
            pays = [x for x in d.payments if x["program"] == program and x["uid"] not in used
                    and x["person"]["uid"] not in used]
            if not pays:
                continue
            person = pays[0]["person"]
            own = [x for x in d.payments if x["person"] is person and x["uid"] not in used]
            if len(own) < n_cards:
                continue
            used.add(person["uid"])
            for i, x in enumerate(own[1:n_cards]):
                acc = d.new_account("农行" if i == 0 else "信用社", person)
                x.update(account=acc)
                used.add(x["uid"])
            self.note("MULTI_CARD", own[0], f"同一人在{n_cards}张卡上领取补贴", person=person, cards=n_cards)
        # SHARED_ACCOUNT: two people of different households paid on one card (also CARD_NOT_OWN for one).
        for a, b in ((0, 1), (2, 3)):
            pays = self.pick("WJ01", 4, used)
            if len(pays) < 4:
                break
            first, second = pays[a], pays[b]
            if first["person"]["hh"] is second["person"]["hh"]:
                continue
            if first["account"]["bank"].startswith("中国邮政") and \
                    first["person"]["hh"]["township"] != second["person"]["hh"]["township"]:
                # The third bank stays in its one township (else a second, unplanted TOO_MANY_BANKS).
                first, second = second, first
            for x in (y for y in d.payments if y["person"] is second["person"]):
                x.update(account=first["account"], written_holder_name=first["account"]["holder"]["name"],
                         written_holder_id=first["account"]["holder"]["id_number"])
            self.note("SHARED_ACCOUNT", first, "不同户的两人的补贴打入同一张卡", also=("CARD_NOT_OWN",),
                      other_id_number=second["person"]["id_number"])
        # TOO_MANY_BANKS: the third agent bank used in one township only (made sure of for small demos).
        township = THIRD_BANK_TOWNSHIP
        third_name, third_prefix = BANKS["邮储"]
        in_township = [a for a in d.accounts.values() if a["holder"]["hh"]["township"] == township
                       and a["holder"]["uid"] not in used and a is not a["holder"]["hh"]["head"].get("account")]
        if in_township and not any(a["bank"] == third_name for a in in_township):
            card = in_township[0]
            del d.accounts[card["number"]]
            card.update(bank=third_name, number=d.cards.make(third_prefix))
            d.accounts[card["number"]] = card
        if any(a["bank"] == third_name for a in d.accounts.values()):
            self.note("TOO_MANY_BANKS", None, "该乡镇使用了3家代理银行（阈值2家）", township=township, banks=3)
