"""The program catalogue seeded at `init` (SPEC §3).

This is seed *data*: once in the database it is edited in 设置 or replaced by
the catalogue the prefecture sends downward; no rule reads this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Basis(StrEnum):
    PERSON = "person"
    HOUSEHOLD = "household"
    AREA = "area"  # per 亩
    MACHINE = "machine"
    AREA_OR_TON = "area_or_ton"


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"
    ONE_OFF = "one_off"
    AS_NEEDED = "as_needed"


BASIS_LABELS = {
    Basis.PERSON: "按人", Basis.HOUSEHOLD: "按户", Basis.AREA: "按亩",
    Basis.MACHINE: "按台(件)", Basis.AREA_OR_TON: "按亩/吨",
}
FREQUENCY_LABELS = {
    Frequency.MONTHLY: "按月", Frequency.QUARTERLY: "按季", Frequency.YEARLY: "按年",
    Frequency.ONE_OFF: "一次性", Frequency.AS_NEEDED: "按需",
}

#: Departments by program-code prefix (SPEC §4: a department's code is its parent's code, a dash, the prefix).
DEPARTMENTS = {
    "CZ": "财政局", "NY": "农业农村局", "LC": "林草局", "RS": "人社局", "WJ": "卫健委",
    "MZ": "民政局", "TY": "退役军人事务局", "CL": "残联", "FG": "发改委", "ZJ": "住建局", "FP": "扶贫办",
}

#: Words that mark a program as out of the campaign's scope (社会保险 and 教育 funds).
OUT_OF_SCOPE_WORDS = ("社会保险", "社保", "养老保险", "医疗保险", "失业保险", "教育", "助学", "学生资助", "营养改善")


@dataclass(frozen=True)
class Tier:
    """A standard that applies only to part of a program's people (e.g. by age)."""

    label: str
    min_age: int | None = None
    max_age: int | None = None


@dataclass(frozen=True)
class ProgramSeed:
    code: str
    name: str
    basis: Basis
    frequency: Frequency
    unit: str
    household_based: bool = False
    min_age: int | None = None
    excludes_public_employees: bool = False
    synonyms: tuple[str, ...] = ()
    funding_levels: tuple[str, ...] = ("中央", "自治区")
    card_required: bool = True
    grace_days: int = 30
    area: tuple[str, ...] = ()
    tiers: tuple[Tier, ...] = field(default=())

    @property
    def department(self) -> str:
        """The responsible department's name."""
        return DEPARTMENTS[self.code[:2]]


P, H, A = Basis.PERSON, Basis.HOUSEHOLD, Basis.AREA
M, Q, Y, ONCE = Frequency.MONTHLY, Frequency.QUARTERLY, Frequency.YEARLY, Frequency.ONE_OFF

PROGRAMS: tuple[ProgramSeed, ...] = (
    ProgramSeed("CZ01", "护边员补助", P, M, "元/人·月", excludes_public_employees=True,
                synonyms=("护边员补贴", "护边员工资"), funding_levels=("中央", "自治区")),
    ProgramSeed("CZ02", "边民补助", P, Y, "元/人·年", synonyms=("边民补贴", "抵边边民补助")),
    ProgramSeed("CZ03", "粮食直补", A, Y, "元/亩·年", household_based=True,
                synonyms=("种粮直补", "粮食直接补贴", "种粮农民直接补贴")),
    ProgramSeed("NY01", "耕地地力保护补贴", A, Y, "元/亩·年", household_based=True,
                synonyms=("耕地地力补贴", "地力补贴", "耕地保护补贴", "农业支持保护补贴")),
    ProgramSeed("NY02", "农机具购置补贴", Basis.MACHINE, Frequency.AS_NEEDED, "元/台",
                household_based=True, synonyms=("农机购置补贴", "农机补贴")),
    ProgramSeed("LC01", "生态护林员补助", P, Y, "元/人·年", excludes_public_employees=True,
                synonyms=("护林员补助", "生态护林员", "护林员补贴", "生态护林员补贴")),
    ProgramSeed("LC02", "完善退耕还林还草补助(新一轮退耕还林)", A, Y, "元/亩·年", household_based=True,
                synonyms=("退耕还林补助", "新一轮退耕还林", "退耕还林还草补助", "退耕还林")),
    ProgramSeed("LC03", "草原生态保护补助奖励", A, Y, "元/亩·年", household_based=True,
                synonyms=("草原补奖", "草原生态补奖", "禁牧补助", "草畜平衡奖励")),
    ProgramSeed("RS01", "就业困难人员就业补助", P, M, "元/人·月", excludes_public_employees=True,
                synonyms=("就业困难人员补助", "公益性岗位补贴")),
    ProgramSeed("RS02", "就业扶贫政策补助", P, Frequency.AS_NEEDED, "元/人", excludes_public_employees=True,
                synonyms=("就业扶贫补助", "转移就业补助")),
    ProgramSeed("WJ01", "农村部分计划生育家庭奖励扶助", P, Y, "元/人·年", min_age=60,
                synonyms=("计生奖扶", "奖励扶助", "农村计生奖扶", "计划生育奖励扶助")),
    ProgramSeed("WJ02", "国家西部地区计划生育\u201c少生快富\u201d工程补助", H, ONCE, "元/户", household_based=True,
                synonyms=("少生快富", "国家少生快富")),
    ProgramSeed("WJ03", "国家计划生育家庭特别扶助", P, Y, "元/人·年", min_age=49,
                synonyms=("计生特扶", "特别扶助", "计划生育特别扶助")),
    ProgramSeed("WJ04", "计划生育家庭特别扶助(其他家庭)", P, Y, "元/人·年", min_age=49,
                synonyms=("特扶其他家庭",)),
    ProgramSeed("WJ05", "边境县、贫困县农村计划生育家庭特殊奖励", P, Y, "元/人·年",
                synonyms=("计生特殊奖励", "边境县计生奖励")),
    ProgramSeed("WJ06", "城镇计划生育家庭奖励补助", P, Y, "元/人·年", min_age=60,
                synonyms=("城镇计生奖励", "城镇奖扶")),
    ProgramSeed("WJ07", "自治区\u201c少生快富\u201d工程补助", H, ONCE, "元/户", household_based=True,
                synonyms=("自治区少生快富",), funding_levels=("自治区",)),
    ProgramSeed("WJ08", "自治区计划生育家庭特别扶助", P, Y, "元/人·年", min_age=49,
                synonyms=("自治区特扶",), funding_levels=("自治区",)),
    ProgramSeed("WJ09", "计划生育家庭一次性扶助金", P, ONCE, "元/人", synonyms=("一次性扶助金",)),
    ProgramSeed("MZ01", "困难群众救助补助", H, M, "元/户·月", household_based=True,
                excludes_public_employees=True,
                synonyms=("低保", "最低生活保障", "城乡低保", "农村低保", "特困供养", "困难群众救助")),
    ProgramSeed("MZ02", "高龄老人基本生活津贴", P, M, "元/人·月", min_age=80,
                synonyms=("高龄津贴", "高龄补贴", "高龄老人津贴", "80岁以上高龄津贴"),
                funding_levels=("自治区", "县"),
                tiers=(Tier("80-89岁", 80, 89), Tier("90-99岁", 90, 99), Tier("100岁以上", 100, None))),
    ProgramSeed("TY01", "优抚对象补助", P, Q, "元/人·季", synonyms=("优抚补助", "优抚金", "抚恤补助")),
    ProgramSeed("CL01", "残疾人机动车燃油补贴", P, Y, "元/人·年", synonyms=("燃油补贴", "残疾人燃油补贴")),
    ProgramSeed("FG01", "棉花目标价格补贴", Basis.AREA_OR_TON, Y, "元/亩", household_based=True,
                synonyms=("棉花补贴", "棉花目标价格改革补贴")),
    ProgramSeed("ZJ01", "农村安居工程补助", H, ONCE, "元/户", household_based=True,
                excludes_public_employees=True, synonyms=("安居富民", "农村安居", "安居工程补助")),
    ProgramSeed("ZJ02", "城镇保障性安居工程(租赁补贴)", H, M, "元/户·月", household_based=True,
                excludes_public_employees=True, synonyms=("租赁补贴", "廉租房补贴", "住房租赁补贴")),
    ProgramSeed("FP01", "大中型水库移民后期扶持(移民生产生活补助)", P, Y, "元/人·年",
                synonyms=("水库移民后期扶持", "移民后扶", "移民生产生活补助")),
)


def program_seed(code: str) -> ProgramSeed:
    """The seed entry for a program code."""
    for p in PROGRAMS:
        if p.code == code:
            return p
    raise KeyError(code)
