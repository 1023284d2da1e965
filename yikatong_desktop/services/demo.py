"""`ykt demo`: a realistic county with planted problems (SPEC §10, issue 3).

呼图壁县 (652323): townships, villages and groups; Han, Hui, Uyghur and Kazakh
households; 2017–2018 payments for thirteen programs through two agent banks
(and a third in one township). The background is clean; a few cases per rule
are planted and listed in a manifest so tests can expect exact findings.
Deterministic for a seed: uids, clock and data.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.clock import FixedClock, parse_clock
from yikatong_desktop.domain.ids import normalize_id
from yikatong_desktop.domain.lists import ListKind
from yikatong_desktop.domain.money import amount_for
from yikatong_desktop.domain.names import name_key, pinyin_sort_key
from yikatong_desktop.domain.orgs import group_code
from yikatong_desktop.domain.periods import Period, age_on, month_period, quarter_period, year_period
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor
from yikatong_desktop.services.demo_lists import LIST_FILES
from yikatong_desktop.services.demo_notices import plant_notices
from yikatong_desktop.services.demo_people import (
    BANKS,
    THIRD_BANK_TOWNSHIP,
    CardFactory,
    IdFactory,
    birth_for_age,
    father_part,
    person_name,
)
from yikatong_desktop.services.demo_plant import Planter
from yikatong_desktop.services.list_writer import TABLES
from yikatong_desktop.services.setup import initialise
from yikatong_desktop.storage.unit_of_work import UnitOfWork

DEMO_ORG = ("652323", "呼图壁县")
DEMO_PASSPHRASE = "demo"
DEMO_CLOCK = "2019-07-15T10:00:00+08:00"
#: Fewer people than this leave some rule without a planted case (checked over many seeds).
MIN_PERSONS = 500
YEARS = (2017, 2018)
TOWNSHIPS: tuple[tuple[str, str, tuple[str, ...], dict[str, float]], ...] = (
    ("652323100", "呼图壁镇", ("东风社区", "西河坝村", "三工村", "二道桥村", "头屯村"),
     {"汉族": .72, "回族": .18, "维吾尔族": .07, "哈萨克族": .03}),
    ("652323101", "大丰镇", ("东庄子村", "西树窝子村", "马场湖村", "头工村", "南头工村", "大土古里村"),
     {"汉族": .70, "回族": .20, "维吾尔族": .05, "哈萨克族": .05}),
    ("652323102", "雀尔沟镇", ("雀尔沟村", "独山子村", "阿苇滩村", "石门子村"),
     {"汉族": .35, "回族": .10, "维吾尔族": .05, "哈萨克族": .50}),
    ("652323103", "二十里店镇", ("二十里店村", "上三工村", "下三工村", "梧桐窝子村", "红柳塘村"),
     {"汉族": .65, "回族": .25, "维吾尔族": .06, "哈萨克族": .04}),
    ("652323104", "园户村镇", ("园户村", "涝坝湾子村", "破城子村", "大泉湾村"),
     {"汉族": .60, "回族": .15, "维吾尔族": .20, "哈萨克族": .05}),
    ("652323105", "五工台镇", ("五工台村", "幸福村", "菜籽湖村", "牛圈子村", "上营盘村"),
     {"汉族": .66, "回族": .22, "维吾尔族": .08, "哈萨克族": .04}),
    ("652323200", "石梯子哈萨克族乡", ("石梯子村", "阿魏滩村", "白杨沟村", "东沟村"),
     {"汉族": .15, "回族": .05, "维吾尔族": .05, "哈萨克族": .75}),
)
#: Example standards in fen (not real policy): program → year → (tier, min, max, amount).
STANDARDS: dict[str, dict[int, tuple[tuple[str, int | None, int | None, int], ...]]] = {
    "NY01": {2017: (("", None, None, 9860),), 2018: (("", None, None, 10523),)},
    "CZ03": {y: (("", None, None, 1372),) for y in YEARS},
    "FG01": {2017: (("", None, None, 16300),), 2018: (("", None, None, 17000),)},
    "LC03": {y: (("", None, None, 750),) for y in YEARS},
    "MZ01": {2017: (("", None, None, 30000),), 2018: (("", None, None, 33000),)},
    "ZJ01": {2018: (("", None, None, 2500000),)},
    "MZ02": {y: (("80-89岁", 80, 89, 10000), ("90-99岁", 90, 99, 20000), ("100岁以上", 100, None, 50000))
             for y in YEARS},
    "WJ01": {y: (("", None, None, 96000),) for y in YEARS},
    "WJ03": {y: (("", None, None, 480000),) for y in YEARS},
    "LC01": {y: (("", None, None, 1000000),) for y in YEARS},
    "TY01": {y: (("", None, None, 150000),) for y in YEARS},
    "CL01": {y: (("", None, None, 26000),) for y in YEARS},
    "FP01": {y: (("", None, None, 60000),) for y in YEARS},
}
_FILES = {"NY01": "农业农村局_耕地地力保护补贴", "CZ03": "财政局_粮食直补", "FG01": "发改委_棉花目标价格补贴",
          "LC03": "林草局_草原生态保护补助奖励", "MZ01": "民政局_困难群众救助", "ZJ01": "住建局_农村安居工程",
          "MZ02": "民政局_高龄津贴", "WJ01": "卫健委_计生奖扶", "WJ03": "卫健委_计生特扶",
          "LC01": "林草局_生态护林员", "TY01": "退役军人事务局_优抚对象补助", "CL01": "残联_燃油补贴",
          "FP01": "扶贫办_水库移民后期扶持"}


def demo_clock() -> FixedClock:
    """The demo's fixed clock: mid-July 2019, during the 自查 phase."""
    return parse_clock(DEMO_CLOCK)


class Demo:
    """Builds the demo data in memory, then writes it in one unit of work."""

    def __init__(self, seed: int, persons: int) -> None:
        self.rng = random.Random(seed)
        self.target = persons
        self.ids = IdFactory(self.rng)
        self.cards = CardFactory(self.rng)
        self.orgs: list[dict[str, Any]] = []
        self.households: list[dict[str, Any]] = []
        self.persons: list[dict[str, Any]] = []
        self.accounts: dict[str, dict[str, Any]] = {}
        self.payments: list[dict[str, Any]] = []
        self.batches: dict[tuple[str, int], dict[str, Any]] = {}
        self.lists: dict[str, list[dict[str, Any]]] = {}  # list kind → rows (demo_lists)

    def uid(self) -> str:
        """A uid drawn from the seeded generator."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # -- places and people ------------------------------------------------
    def build_places_and_people(self) -> None:
        """Townships, villages, groups, households and their members."""
        villages = []
        for tcode, tname, vnames, mix in TOWNSHIPS:
            self.orgs.append({"uid": self.uid(), "code": tcode, "name": tname, "level": "township",
                              "parent_code": DEMO_ORG[0], "official_code": True})
            for n, vname in enumerate(vnames, start=1):
                vcode = f"{tcode}{200 + n:03d}"
                self.orgs.append({"uid": self.uid(), "code": vcode, "name": vname, "level": "village",
                                  "parent_code": tcode, "official_code": False})
                groups = self.rng.randint(3, 6)
                for g in range(1, groups + 1):
                    self.orgs.append({"uid": self.uid(), "code": group_code(vcode, g), "name": f"{g}组",
                                      "level": "group", "parent_code": vcode, "official_code": False})
                villages.append((tcode, vcode, groups, mix))
        weights = [1.0] * len(villages)
        while len(self.persons) < self.target:
            tcode, vcode, groups, mix = self.rng.choices(villages, weights)[0]
            ethnicity = self.rng.choices(list(mix), list(mix.values()))[0]
            self._household(tcode, vcode, self.rng.randint(1, groups), ethnicity)

    def _household(self, tcode: str, vcode: str, group: int, ethnicity: str) -> None:
        hh_no = f"{vcode}-{len(self.households) + 1:05d}"
        gcode = group_code(vcode, group)
        hh: dict[str, Any] = {
            "uid": self.uid(), "hh_key": hh_no, "hh_no": hh_no, "village_code": vcode, "group_code": gcode,
            "township": tcode, "bank": "信用社" if self.rng.random() < 0.7 else "农行", "members": []}
        self.households.append(hh)
        on = date(2018, 12, 31)
        head_age = self.rng.choices([self.rng.randint(25, 59), self.rng.randint(60, 79), self.rng.randint(80, 98)],
                                    [0.72, 0.22, 0.06])[0]
        head = self._person(hh, ethnicity, True, head_age, None, on)
        hh["head"] = head
        if head_age >= 80 or self.rng.random() < 0.8:
            self._person(hh, ethnicity, False, max(20, head_age - self.rng.randint(0, 6)), None, on)
        for _ in range(self.rng.choice([0, 1, 1, 2, 2, 3])):
            if head_age < 42:
                break
            self._person(hh, ethnicity, self.rng.random() < 0.5, self.rng.randint(1, head_age - 20),
                         father_part(head["name"]) or head["name"][0], on)
        if head_age < 60 and self.rng.random() < 0.18:
            self._person(hh, ethnicity, self.rng.random() < 0.4, self.rng.randint(78, 96), None, on)
        hh["head_name"], hh["head_id_number"] = head["name"], head["id_number"]

    def _person(self, hh: dict[str, Any], ethnicity: str, male: bool, age: int, surname: str | None,
                on: date) -> dict[str, Any]:
        region = self.rng.choices(["652323", "652301", "652324", "652325", "652322"], [85, 6, 4, 3, 2])[0]
        birth = birth_for_age(self.rng, age, on)
        name = person_name(self.rng, ethnicity, male, surname)
        p = {"uid": self.uid(), "id_number": self.ids.make(region, birth, male), "id_valid": True,
             "id_problems": "", "name": name, "sex": "男" if male else "女", "ethnicity": ethnicity,
             "birth_date": birth, "hh": hh, "village_code": hh["village_code"], "group_code": hh["group_code"],
             "phone": None, "account": None}
        self.persons.append(p)
        hh["members"].append(p)
        return p

    def account_of(self, p: dict[str, Any]) -> dict[str, Any]:
        """The person's card, opened on first use (heads share theirs with household programs)."""
        if p["account"] is None:
            bank = p["hh"]["bank"]
            if p is not p["hh"]["head"] and p["hh"]["township"] == THIRD_BANK_TOWNSHIP and self.rng.random() < .3:
                bank = "邮储"
            p["account"] = self.new_account(bank, p)
        return p["account"]  # type: ignore[no-any-return]

    def new_account(self, bank: str, holder: dict[str, Any]) -> dict[str, Any]:
        """A new card at a bank, held by a person."""
        name, prefix = BANKS[bank]
        number = self.cards.make(prefix)
        acc = {"uid": self.uid(), "bank": name, "number": number, "holder": holder}
        self.accounts[number] = acc
        return acc

    # -- payments ---------------------------------------------------------
    def build_payments(self) -> None:
        """Every program's payments for 2017–2018, on time, at standard, to the right card."""
        for hh in self.households:
            head = hh["head"]
            land = Decimal(self.rng.randint(300, 8000)) / 100
            if self.rng.random() < 0.85:
                for year in YEARS:
                    self.pay("NY01", head, year_period(year), land, due=date(year, 6, 30))
                    if self.rng.random() < 0.6:
                        self.pay("CZ03", head, year_period(year), land, due=date(year, 6, 30))
            if self.rng.random() < 0.35:
                cotton = Decimal(self.rng.randint(200, 5000)) / 100
                for year in YEARS:
                    self.pay("FG01", head, year_period(year), cotton, due=date(year, 12, 20))
            if head["ethnicity"] == "哈萨克族" and hh["township"] in ("652323102", "652323200") \
                    and self.rng.random() < 0.6:
                grass = Decimal(self.rng.randint(10000, 80000)) / 100
                for year in YEARS:
                    self.pay("LC03", head, year_period(year), grass, due=date(year, 8, 31))
            if self.rng.random() < 0.04:
                for year in YEARS:
                    for m in range(1, 13):
                        self.pay("MZ01", head, month_period(year, m), Decimal(1), due=date(year, m, 25))
            if self.rng.random() < 0.03:
                self.pay("ZJ01", head, year_period(2018), Decimal(1), due=date(2018, 9, 30))
        for p in self.persons:
            self._person_programs(p)

    def _person_programs(self, p: dict[str, Any]) -> None:
        r = self.rng.random()
        for year in YEARS:
            end = date(year, 12, 31)
            age = age_on(p["birth_date"], end)
            for m in range(1, 13):
                per = month_period(year, m)
                if age_on(p["birth_date"], per.end) >= 80:
                    self.pay("MZ02", p, per, Decimal(1), due=date(year, m, 25))
            if age >= 60 and r < 0.4:
                self.pay("WJ01", p, year_period(year), Decimal(1), due=date(year, 11, 30))
            if age >= 49 and 0.4 <= r < 0.42:
                self.pay("WJ03", p, year_period(year), Decimal(1), due=date(year, 11, 30))
            if 25 <= age <= 55 and 0.42 <= r < 0.43:
                self.pay("LC01", p, year_period(year), Decimal(1), due=date(year, 12, 25))
            if age >= 50 and 0.43 <= r < 0.437:
                for q in range(1, 5):
                    per = quarter_period(year, q)
                    self.pay("TY01", p, per, Decimal(1), due=per.start + timedelta(days=24))
            if 0.437 <= r < 0.44:
                self.pay("CL01", p, year_period(year), Decimal(1), due=date(year, 10, 31))
            if 0.44 <= r < 0.446:
                self.pay("FP01", p, year_period(year), Decimal(1), due=date(year, 11, 30))

    def standard(self, program: str, year: int, birth: date, period: Period) -> int:
        """The standard in fen that applies to a person (by age tier) in a period."""
        age = age_on(birth, period.end)
        for _tier, lo, hi, fen in STANDARDS[program][year]:
            if (lo is None or age >= lo) and (hi is None or age <= hi):
                return fen
        raise LookupError(program)

    def pay(self, program: str, p: dict[str, Any], period: Period, qty: Decimal, *, due: date,
            holder: dict[str, Any] | None = None, standard_fen: int | None = None) -> dict[str, Any]:
        """One payment row as a roster would carry it (at the catalogue's standard unless given)."""
        std = standard_fen if standard_fen is not None else self.standard(program, period.year, p["birth_date"],
                                                                           period)
        amount = amount_for(std, qty)
        acc = self.account_of(holder or p)
        batch = self.batch(program, period.year)
        batch["rows"] += 1
        row = {"uid": self.uid(), "person": p, "program": program, "year": period.year,
               "period_label": period.label, "period_start": period.start, "period_end": period.end,
               "quantity": qty, "standard_fen": std, "due_fen": amount, "paid_fen": amount, "due_date": due,
               "paid_date": due - timedelta(days=self.rng.randint(0, 20)), "method": "card", "account": acc,
               "township_code": p["hh"]["township"], "village_code": p["village_code"],
               "group_code": p["group_code"], "occurrence": 1, "written_name": p["name"],
               "written_sex": p["sex"], "written_holder_name": acc["holder"]["name"],
               "written_holder_id": acc["holder"]["id_number"], "batch": batch, "sheet": str(period.year),
               "excel_row": batch["rows"] + 3, "remark": None}
        self.payments.append(row)
        return row

    def batch(self, program: str, year: int) -> dict[str, Any]:
        """The roster file a program-year's rows came from."""
        key = (program, year)
        if key not in self.batches:
            self.batches[key] = {"uid": self.uid(), "program": program, "year": year, "rows": 0,
                                 "file_name": f"{_FILES[program]}_{year}.xlsx"}
        return self.batches[key]


def build_demo(uow_factory: Callable[[], UnitOfWork], actor: Actor, *, persons: int = 20000,
               seed: int = 2019) -> dict[str, Any]:
    """Create the demo county in one transaction; returns counts and the manifest."""
    demo = Demo(seed, persons)
    demo.build_places_and_people()
    demo.build_payments()
    manifest = Planter(demo).plant()
    with uow_factory() as uow:
        initialise(uow, actor, code=DEMO_ORG[0], name=DEMO_ORG[1], level="county", campaign_year=2019)
        uow.set_setting("clock.fixed", DEMO_CLOCK)
        _write(uow, demo)
        posted = plant_notices(uow, actor, demo.payments, demo.rng)
        manifest["planted"] += posted["cases"]
        manifest["negative_controls"] += posted["controls"]
        result = {"seed": seed, "persons": len(demo.persons), "households": len(demo.households),
                  "accounts": len(demo.accounts), "payments": len(demo.payments), **manifest}
        uow.set_setting("demo.manifest", result)
        uow.refresh_statistics()
        record_event(uow, actor, "demo.build", detail={"seed": seed, "persons": len(demo.persons),
                                                       "payments": len(demo.payments)})
        uow.commit()
    return result


def _write(uow: UnitOfWork, demo: Demo) -> None:
    owner = DEMO_ORG[0]
    rec = uow.records
    rec.add_many("org_units", demo.orgs, owner=owner)
    prog = rec.program_ids()
    rec.add_many("program_standards", [
        {"uid": demo.uid(), "program_id": prog[code], "year": year, "tier": tier, "min_age": lo, "max_age": hi,
         "amount_fen": fen, "unit": "", "confirmed": True}
        for code, years in STANDARDS.items() for year, tiers in years.items() for tier, lo, hi, fen in tiers
    ], owner=owner)
    hh_ids = rec.add_many_keyed("households", [
        {k: h[k] for k in ("uid", "hh_key", "hh_no", "village_code", "group_code", "head_name", "head_id_number")}
        for h in demo.households], owner=owner, key="uid")
    person_ids = rec.add_many_keyed("persons", [
        {"uid": p["uid"], "id_number": p["id_number"], "id_valid": p["id_valid"], "id_problems": p["id_problems"],
         "name": p["name"], "name_key": name_key(p["name"]), "pinyin": pinyin_sort_key(p["name"]),
         "sex": p["sex"], "ethnicity": p["ethnicity"], "birth_date": _birth(p), "household_id": hh_ids[p["hh"]["uid"]],
         "village_code": p["village_code"], "group_code": p["group_code"], "phone": p["phone"]}
        for p in demo.persons], owner=owner, key="uid")
    acc_ids = rec.add_many_keyed("bank_accounts", [{"uid": a["uid"], "bank": a["bank"], "number": a["number"]}
                                                   for a in demo.accounts.values()], owner=owner, key="uid")
    now = uow.clock.now()
    batch_ids = rec.add_many_keyed("import_batches", [
        {"uid": b["uid"], "kind": "roster", "file_name": b["file_name"],
         "file_sha256": uuid.uuid5(uuid.NAMESPACE_URL, b["file_name"]).hex * 2, "program_code": b["program"],
         "period_label": str(b["year"]), "rows_total": b["rows"], "rows_accepted": b["rows"], "rows_warned": 0,
         "rows_rejected": 0, "imported_at": now, "actor": "demo", "replaces_uid": None}
        for b in demo.batches.values()], owner=owner, key="uid")
    keep = ("uid", "year", "period_label", "period_start", "period_end", "quantity", "standard_fen", "due_fen",
            "paid_fen", "due_date", "paid_date", "method", "township_code", "village_code", "group_code",
            "occurrence", "written_name", "written_sex", "written_holder_name", "written_holder_id", "sheet",
            "excel_row", "remark")
    payment_ids = rec.add_many_keyed("payments", [
        {**{k: r[k] for k in keep}, "person_id": person_ids[r["person"]["uid"]], "program_id": prog[r["program"]],
         "account_id": acc_ids[r["account"]["uid"]] if r["account"] else None,
         "batch_id": batch_ids[r["batch"]["uid"]]}
        for r in demo.payments], owner=owner, key="uid")
    _write_lists(uow, demo, person_ids, payment_ids, acc_ids)


def _write_lists(uow: UnitOfWork, demo: Demo, person_ids: dict[Any, int], payment_ids: dict[Any, int],
                 acc_ids: dict[Any, int]) -> None:
    """The demo's other lists, each as one imported file (demo_lists)."""
    owner, rec, prog = DEMO_ORG[0], uow.records, uow.records.program_ids()
    for kind, rows in demo.lists.items():
        if not rows:
            continue
        batch_id = rec.add("import_batches", {
            "kind": kind, "file_name": LIST_FILES[kind],
            "file_sha256": uuid.uuid5(uuid.NAMESPACE_URL, LIST_FILES[kind]).hex * 2, "program_code": None,
            "period_label": None, "rows_total": len(rows), "rows_accepted": len(rows), "rows_warned": 0,
            "rows_rejected": 0, "imported_at": uow.clock.now(), "actor": "demo", "replaces_uid": None},
            owner=owner, uid=demo.uid())
        table = TABLES[ListKind(kind)][0]
        out = []
        for n, row in enumerate(rows, start=1):
            item: dict[str, Any] = {"uid": demo.uid(), "batch_id": batch_id, "sheet": "Sheet1", "excel_row": n + 2}
            person = row.get("person")
            if person is not None:
                item.update(person_id=person_ids[person["uid"]], written_name=person["name"])
            item.update(_list_values(kind, row, prog, person_ids, payment_ids, acc_ids))
            out.append(item)
        rec.add_many(table, out, owner=owner)


def _list_values(kind: str, row: dict[str, Any], prog: dict[str, int], person_ids: dict[Any, int],
                 payment_ids: dict[Any, int], acc_ids: dict[Any, int]) -> dict[str, Any]:
    if kind == "status":
        return {k: row[k] for k in ("status", "reason", "status_date", "deregistered_date")} | {
            "program_id": prog[row["program"]] if row["program"] else None}
    if kind == "staff":
        return {"employer": row["employer"], "category": row["category"]}
    if kind == "cadres":
        cadre = row["cadre"]
        return {"position": row["position"], "relation": row["relation"],
                "cadre_person_id": person_ids[cadre["uid"]] if cadre else None,
                "cadre_name": cadre["name"] if cadre else None}
    if kind == "eligible":
        return {"program_id": prog[row["program"]], "from_label": row["from"].label, "from_start": row["from"].start,
                "until_label": None, "until_end": None}
    if kind == "allocations":
        per = row["period"]
        return {"program_id": prog[row["program"]], "org_code": row["org_code"], "unit": row["unit"],
                "period_label": per.label, "period_start": per.start, "period_end": per.end,
                "amount_fen": row["amount_fen"], "arrived_date": row["arrived_date"], "note": row["note"],
                "occurrence": 1}
    if kind == "bank-return":
        pay = row["payment"]
        return {**{k: row[k] for k in ("account_number", "holder_name", "amount_fen", "succeeded", "failure_reason",
                                       "credited_date", "fee_fen", "memo")},
                "account_id": acc_ids[pay["account"]["uid"]], "payment_id": payment_ids[pay["uid"]], "occurrence": 1}
    return {k: row[k] for k in ("check_date", "inspector", "card_in_hand", "card_holder", "note")} | {"occurrence": 1}


def _birth(p: dict[str, Any]) -> date | None:
    birth: date | None = normalize_id(p["id_number"]).birth_date if not p["id_valid"] else p["birth_date"]
    return birth


def write_manifest(db_path: Path, result: dict[str, Any]) -> Path:
    """Write the planted cases beside the database, for tests and trainers."""
    path = db_path.with_name(db_path.name + ".manifest.json")
    path.write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True, default=str), encoding="utf-8")
    return path
