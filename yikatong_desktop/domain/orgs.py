"""Organisation units: levels, codes, group numbers and the Changji seed (SPEC §4).

Codes: county 6 digits (GB/T 2260), township 9, village 12 (统计用区划代码),
department ``<parent>-<program prefix>`` (``652323-MZ`` = 呼图壁县民政局), group
``<village>-<n>`` (``652323100201-3``). Townships and villages that arrive in
rosters as names only get a local code (parent code + sequence) that a clerk
can later replace with the official one.
"""

from __future__ import annotations

import re
from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple

from yikatong_desktop.domain.values_errors import ValueRejected, fold_text, remove_whitespace


class OrgLevel(StrEnum):
    """Where an org unit sits: prefecture → county → township → village → group, plus departments."""

    PREFECTURE = "prefecture"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"
    GROUP = "group"
    DEPARTMENT = "department"


LEVEL_LABELS: dict[OrgLevel, str] = {
    OrgLevel.PREFECTURE: "州",
    OrgLevel.COUNTY: "县（市）园区",
    OrgLevel.TOWNSHIP: "乡镇（街道）",
    OrgLevel.VILLAGE: "村（社区）",
    OrgLevel.GROUP: "组",
    OrgLevel.DEPARTMENT: "部门",
}

COUNTY_CODE_DIGITS = 6
TOWNSHIP_CODE_DIGITS = 9
VILLAGE_CODE_DIGITS = 12
MAX_LOCAL_SEQUENCE = 999
MAX_GROUP_NUMBER = 999

# 第三组, 三组, 3组, 第12组, 12, 三村民小组 …
_GROUP = re.compile(r"第?(?P<number>[0-9]+|[一二三四五六七八九十]+)(?:村民小组|小组|组)?")
# Chinese numerals 1–99: 三, 十, 十二, 二十, 二十三.
_CHINESE_1_TO_99 = re.compile(
    r"(?:(?P<tens>[二三四五六七八九])?(?P<ten>十))?(?P<units>[一二三四五六七八九])?"
)
_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_PROGRAM_PREFIX = re.compile(r"[A-Za-z]+")
_ALL_DIGITS = re.compile(r"[0-9]+")
_PARENT_CODE_DIGITS = {OrgLevel.TOWNSHIP: COUNTY_CODE_DIGITS, OrgLevel.VILLAGE: TOWNSHIP_CODE_DIGITS}


class SeedOrg(NamedTuple):
    """One org unit of the seed data."""

    code: str
    name: str
    level: OrgLevel
    parent_code: str | None


CHANGJI_SEED: tuple[SeedOrg, ...] = (
    SeedOrg("652300", "昌吉回族自治州", OrgLevel.PREFECTURE, None),
    SeedOrg("652301", "昌吉市", OrgLevel.COUNTY, "652300"),
    SeedOrg("652302", "阜康市", OrgLevel.COUNTY, "652300"),
    SeedOrg("652323", "呼图壁县", OrgLevel.COUNTY, "652300"),
    SeedOrg("652324", "玛纳斯县", OrgLevel.COUNTY, "652300"),
    SeedOrg("652325", "奇台县", OrgLevel.COUNTY, "652300"),
    SeedOrg("652327", "吉木萨尔县", OrgLevel.COUNTY, "652300"),
    SeedOrg("652328", "木垒县", OrgLevel.COUNTY, "652300"),
    # The zones report like counties ("县（市）园区") but have no GB/T 2260 code;
    # they carry 9-digit statistical codes of the 类似乡级单位 kind inside 昌吉市.
    # These two are placeholders in that style, not checked against the NBS list:
    # a clerk edits them in 设置.
    SeedOrg("652301401", "昌吉国家高新技术产业开发区", OrgLevel.COUNTY, "652300"),
    SeedOrg("652301400", "昌吉国家农业科技园区", OrgLevel.COUNTY, "652300"),
)


def parse_group_number(raw: object) -> int:
    """The number of a 村民小组 from “3组”, “三组”, “第三组”, “第12组”, “十二组” or 3."""
    number = _group_number(raw)
    if number is None or not 1 <= number <= MAX_GROUP_NUMBER:
        shown = "" if raw is None else fold_text(str(raw))[:20]
        raise ValueRejected(
            "group_unparseable",
            f"组“{shown}”无法识别：请写成 3组、三组、第三组 或 3",
            f"The group “{shown}” is not understood: write 3组, 三组, 第三组 or 3",
        )
    return number


def normalize_org_code(code: str) -> str:
    """Trimmed code; a 12-digit code ending in 000 is its 9-digit township code (000000: its county)."""
    cleaned = remove_whitespace(fold_text(code))
    if len(cleaned) == VILLAGE_CODE_DIGITS and _ALL_DIGITS.fullmatch(cleaned):
        if cleaned.endswith("000000"):
            return cleaned[:COUNTY_CODE_DIGITS]
        if cleaned.endswith("000"):
            return cleaned[:TOWNSHIP_CODE_DIGITS]
    return cleaned


def department_code(parent_code: str, program_code: str) -> str:
    """Department code: parent code, a dash and the program-code letters (“652323”, “MZ02” → “652323-MZ”)."""
    prefix = _PROGRAM_PREFIX.match(program_code.strip())
    if prefix is None:
        raise ValueError(f"program code {program_code!r} does not start with letters")
    return f"{parent_code}-{prefix.group().upper()}"


def group_code(village_code: str, number: int) -> str:
    """Group code: village code, a dash and the group number (“652323100201-3”)."""
    if not 1 <= number <= MAX_GROUP_NUMBER:
        raise ValueError(f"group number {number} out of range")
    return f"{village_code}-{number}"


def local_child_code(parent_code: str, sequence: int, level: OrgLevel) -> str:
    """A local code for a township (6 → 9 digits), village (9 → 12 digits) or group under its parent."""
    if not 1 <= sequence <= MAX_LOCAL_SEQUENCE:
        raise ValueError(f"sequence {sequence} out of range 1..{MAX_LOCAL_SEQUENCE}")
    if level is OrgLevel.GROUP:
        return group_code(parent_code, sequence)
    expected_parent = _PARENT_CODE_DIGITS.get(level)
    if expected_parent is None:
        raise ValueError(f"no local codes for level {level}")
    if len(parent_code) != expected_parent or not _ALL_DIGITS.fullmatch(parent_code):
        raise ValueError(f"a {level} needs a {expected_parent}-digit parent code, not {parent_code!r}")
    return f"{parent_code}{sequence:03d}"


def _group_number(raw: object) -> int | None:
    if raw is None or isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    if isinstance(raw, Decimal):
        return int(raw) if raw.is_finite() and raw == raw.to_integral_value() else None
    text = remove_whitespace(fold_text(str(raw)))
    found = _GROUP.fullmatch(text)
    if found is None:
        return None
    number = found["number"]
    if _ALL_DIGITS.fullmatch(number):
        return int(number)
    return _chinese_number(number)


def _chinese_number(text: str) -> int | None:
    found = _CHINESE_1_TO_99.fullmatch(text)
    if found is None or not text:
        return None
    tens = _CHINESE_DIGITS[found["tens"]] if found["tens"] else (1 if found["ten"] else 0)
    units = _CHINESE_DIGITS[found["units"]] if found["units"] else 0
    return tens * 10 + units
