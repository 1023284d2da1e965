"""Finding the header of a roster and what each column means (SPEC §5).

Real rosters put titles, units and dates above the header, split it over two
rows under merged cells (发放情况 → 发放金额 / 发放日期) and name the same column
many ways. This module is pure: it looks at the first rows of a sheet (merged
cells already filled in by the reader) and says which row(s) are the header and
which field each column holds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar


class Field(StrEnum):
    """What a roster column holds (the standard template's columns, SPEC §5)."""

    SEQ = "seq"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"
    GROUP = "group"
    HOUSEHOLD_NO = "household_no"
    HEAD_NAME = "head_name"
    HEAD_ID = "head_id"
    NAME = "name"
    SEX = "sex"
    ETHNICITY = "ethnicity"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    PROGRAM = "program"
    YEAR = "year"
    PERIOD = "period"
    QUANTITY = "quantity"
    STANDARD = "standard"
    DUE = "due"
    PAID = "paid"
    DUE_DATE = "due_date"
    PAID_DATE = "paid_date"
    METHOD = "method"
    BANK = "bank"
    ACCOUNT = "account"
    HOLDER_NAME = "holder_name"
    HOLDER_ID = "holder_id"
    REMARK = "remark"


#: The standard template's header for each field, in template order (ykt template roster).
TEMPLATE: tuple[tuple[Field, str], ...] = (
    (Field.SEQ, "序号"), (Field.COUNTY, "县(市)"), (Field.TOWNSHIP, "乡镇"), (Field.VILLAGE, "村(社区)"),
    (Field.GROUP, "组"), (Field.HOUSEHOLD_NO, "户编号"), (Field.HEAD_NAME, "户主姓名"),
    (Field.HEAD_ID, "户主身份证号"), (Field.NAME, "姓名"), (Field.SEX, "性别"), (Field.ETHNICITY, "民族"),
    (Field.ID_NUMBER, "身份证号"), (Field.PHONE, "联系电话"), (Field.PROGRAM, "补贴项目"),
    (Field.YEAR, "补贴年度"), (Field.PERIOD, "补贴期间"), (Field.QUANTITY, "数量"), (Field.STANDARD, "补贴标准"),
    (Field.DUE, "应发金额"), (Field.PAID, "实发金额"), (Field.DUE_DATE, "应发日期"), (Field.PAID_DATE, "发放日期"),
    (Field.METHOD, "发放方式"), (Field.BANK, "代发银行"), (Field.ACCOUNT, "银行账号"),
    (Field.HOLDER_NAME, "账户户名"), (Field.HOLDER_ID, "账户身份证号"), (Field.REMARK, "备注"),
)

#: Other names departments and banks use, after normalisation (no spaces, no unit in brackets).
SYNONYMS: Mapping[Field, tuple[str, ...]] = {
    Field.SEQ: ("序号", "编号", "顺序号"),
    Field.COUNTY: ("县(市)", "县市", "县", "县(市、区)", "县(区)"),
    Field.TOWNSHIP: ("乡镇", "乡(镇)", "乡镇(街道)", "街道", "乡镇街道", "所属乡镇"),
    Field.VILLAGE: ("村(社区)", "村", "社区", "村委会", "行政村", "村(居)委会", "所属村"),
    Field.GROUP: ("组", "村民小组", "小组", "组别"),
    Field.HOUSEHOLD_NO: ("户编号", "户号", "家庭编号"),
    Field.HEAD_NAME: ("户主姓名", "户主"),
    Field.HEAD_ID: ("户主身份证号", "户主身份证号码", "户主身份证"),
    Field.NAME: ("姓名", "补贴对象姓名", "对象姓名", "领取人姓名", "享受人姓名", "名字", "补助对象"),
    Field.SEX: ("性别",),
    Field.ETHNICITY: ("民族",),
    Field.ID_NUMBER: ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证件号码", "身份证",
                      "公民身份证号码", "身份证号码(18位)"),
    Field.PHONE: ("联系电话", "电话", "手机号", "手机号码", "联系方式", "手机"),
    Field.PROGRAM: ("补贴项目", "项目", "项目名称", "补贴类别", "补贴名称", "补贴类型"),
    Field.YEAR: ("补贴年度", "年度", "发放年度"),
    Field.PERIOD: ("补贴期间", "期间", "发放期间", "所属期", "补贴月份", "发放月份", "月份"),
    Field.QUANTITY: ("数量", "面积", "计税面积", "种植面积", "管护面积", "承包面积", "亩数", "补贴面积",
                     "确权面积", "实际种植面积"),
    Field.STANDARD: ("补贴标准", "标准", "发放标准", "扶助标准", "补助标准", "奖扶标准"),
    Field.DUE: ("应发金额", "应发", "应补金额", "应发放金额"),
    Field.PAID: ("实发金额", "发放金额", "金额", "补贴金额", "补助金额", "扶助金额", "实发", "补贴资金",
                 "实发放金额", "兑付金额"),
    Field.DUE_DATE: ("应发日期",),
    Field.PAID_DATE: ("发放日期", "发放时间", "打卡日期", "兑付日期", "发放日"),
    Field.METHOD: ("发放方式", "发放形式"),
    Field.BANK: ("代发银行", "开户银行", "开户行", "银行", "代理银行", "发放银行"),
    Field.ACCOUNT: ("银行账号", "卡号", "账号", "一卡通账号", "银行卡号", "存折号", "一卡通卡号", "一卡通号",
                    "社保卡号", "账户"),
    Field.HOLDER_NAME: ("账户户名", "户名", "开户人", "持卡人", "开户人姓名"),
    Field.HOLDER_ID: ("账户身份证号", "开户人身份证号", "持卡人身份证号"),
    Field.REMARK: ("备注", "说明"),
}

_LOOKUP: dict[str, Field] = {}
for _field, _names in SYNONYMS.items():
    for _name in _names:
        _LOOKUP.setdefault(_name, _field)

_UNIT = re.compile(r"\((?:元|亩|人|户|吨|台|元/[^()]*|[^()]*/[^()]*|单位[^()]*)\)$")
_SPACE = re.compile(r"\s+")

#: How far down a sheet a header may sit under its titles.
SEARCH_ROWS = 30


def normalize_header(text: object) -> str:
    """A header cell as compared: full-width folded, no spaces or line breaks, no trailing unit."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text))
    value = _SPACE.sub("", value).replace("（", "(").replace("）", ")")
    previous = None
    while previous != value:  # 发放标准(元/月) → 发放标准; 计税面积(亩) → 计税面积
        previous, value = value, _UNIT.sub("", value)
    return value.strip("*:：")


def field_for(text: object) -> Field | None:
    """The field a header names, if any."""
    return _LOOKUP.get(normalize_header(text))


K = TypeVar("K", bound=StrEnum)


@dataclass(frozen=True)
class Header(Generic[K]):
    """Where the header is (0-based rows) and which column holds which field."""

    first_row: int
    last_row: int
    columns: Mapping[int, K]
    titles: Mapping[int, str]  # the header text as shown, per column (for messages and the mapping view)

    @property
    def data_start(self) -> int:
        """The first row below the header."""
        return self.last_row + 1

    def column_of(self, wanted: K) -> int | None:
        """The column holding a field."""
        for col, found in self.columns.items():
            if found is wanted:
                return col
        return None


def _promote_head(columns: dict[int, Field]) -> dict[int, Field]:
    """A household roster names only the 户主: then the 户主 is the person paid."""
    values = set(columns.values())
    for head, person in ((Field.HEAD_NAME, Field.NAME), (Field.HEAD_ID, Field.ID_NUMBER)):
        if head in values and person not in values:
            columns = {c: (person if f is head else f) for c, f in columns.items()}
    return columns


def _single(row: Sequence[object], lookup: Mapping[str, K]) -> tuple[dict[int, K], dict[int, str]]:
    columns: dict[int, K] = {}
    titles: dict[int, str] = {}
    for col, text in enumerate(row):
        found = lookup.get(normalize_header(text))
        if found is not None and found not in columns.values():
            columns[col] = found
            titles[col] = str(text).strip()
    return columns, titles


def _double(top: Sequence[object], below: Sequence[object], lookup: Mapping[str, K],
            ) -> tuple[dict[int, K], dict[int, str]]:
    """A two-row header: a sub-header under a merged group title wins over the group title."""
    columns: dict[int, K] = {}
    titles: dict[int, str] = {}
    for col in range(max(len(top), len(below))):
        upper = top[col] if col < len(top) else None
        lower = below[col] if col < len(below) else None
        for text in (lower, upper) if normalize_header(lower) in lookup else (upper,):
            found = lookup.get(normalize_header(text))
            if found is not None and found not in columns.values():
                columns[col] = found
                titles[col] = str(text).strip()
                break
    return columns, titles


def _same_cells(upper: Sequence[object], lower: Sequence[object], columns: Mapping[int, StrEnum]) -> int:
    return sum(1 for c in columns if c < len(upper) and c < len(lower) and upper[c] == lower[c])


def find_header(rows: Sequence[Sequence[object]], *, must_have: Sequence[Field] = (Field.NAME, Field.ID_NUMBER),
                ) -> Header[Field] | None:
    """The roster header among the first rows (see `find_header_in`)."""
    return find_header_in(rows, _LOOKUP, must_have=must_have, promote=_promote_head)


def find_header_in(rows: Sequence[Sequence[object]], lookup: Mapping[str, K], *, must_have: Sequence[K],
                   promote: Callable[[dict[int, K]], dict[int, K]] = lambda columns: columns,
                   ) -> Header[K] | None:
    """The header among the first rows: the row (or pair of rows) naming the most known fields.

    `lookup` maps normalised header text to fields (the roster's synonyms, or a list's).
    `rows` must have merged cells filled in (a title merged over two header rows reads
    the same in both). None when no row names every field of `must_have`.
    """
    singles = [(promote(c), t) for c, t in (_single(rows[r], lookup) for r in range(min(len(rows), SEARCH_ROWS)))]
    best: Header[K] | None = None
    best_score = 0
    for r, (columns, titles) in enumerate(singles):
        last = r
        if r + 1 < len(singles):
            # A group title over sub-headers (发放情况 → 发放金额/发放日期) needs both rows.
            pair_columns, pair_titles = _double(rows[r], rows[r + 1], lookup)
            pair_columns = promote(pair_columns)
            if len(pair_columns) > max(len(columns), len(singles[r + 1][0])):
                columns, titles, last = pair_columns, pair_titles, r + 1
        if all(f in columns.values() for f in must_have) and len(columns) > best_score:
            best, best_score = Header(r, last, columns, titles), len(columns)
    if best is not None and best.first_row == best.last_row:
        # Header cells merged over two rows read the same in both: the header is both rows.
        h = best.first_row
        if h > 0 and _same_cells(rows[h - 1], rows[h], best.columns) >= 2:
            best = Header(h - 1, h, best.columns, best.titles)
        elif h + 1 < len(rows) and _same_cells(rows[h], rows[h + 1], best.columns) >= 2:
            best = Header(h, h + 1, best.columns, best.titles)
    return best
