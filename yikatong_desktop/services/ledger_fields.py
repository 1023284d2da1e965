"""What a clerk types into a problem or complaint, turned into stored values or a clear refusal (SPEC §7).

The same parsing serves the register form, `ykt problem add`, edits and the clue-list
import, so a bad deadline reads the same everywhere. Errors carry the field's Chinese
label (and, from a workbook, the sheet, row and column).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from yikatong_desktop.domain.checklist import ITEMS, find_item
from yikatong_desktop.domain.errors import InputRejected, Location
from yikatong_desktop.domain.ids import normalize_id
from yikatong_desktop.domain.money import parse_money
from yikatong_desktop.domain.names import normalize_name
from yikatong_desktop.domain.periods import parse_date
from yikatong_desktop.domain.problems import CHANNELS, RECEIVERS, Outcome
from yikatong_desktop.domain.values_errors import ValueRejected
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: Field → Chinese label, as forms, the clue template and messages name them.
LABELS = {
    "category": "整治内容", "description": "问题描述", "org": "单位", "department": "主管部门", "program": "补贴项目",
    "persons": "涉及人员", "amount": "涉及金额(元)", "responsible_unit": "整改责任单位",
    "responsible_person": "整改责任人", "measures": "整改措施", "deadline": "整改期限", "handling_deadline": "办理期限",
    "outcome": "处理结果",
    "handled_persons": "处理人数", "came_forward": "主动说明", "repaid": "退赔", "clue_source": "线索来源",
    "clue_ref": "线索编号", "received_on": "受理日期", "channel": "举报渠道", "complainant": "举报人",
    "contact": "联系方式", "content": "举报内容", "concerned": "被反映人员", "handling": "办理情况",
    "result": "办理结果", "anonymous": "匿名", "recovered": "追回金额", "recovered_on": "追回日期",
    "transfer_on": "移交日期",
}
_SPLIT = re.compile(r"[、，,;；\n]+")
_ID_IN = re.compile(r"[0-9]{17}[0-9Xx]|[0-9]{15}")
_YES = {"是", "有", "y", "yes", "true", "1", "√", "✓"}
_NO = {"否", "无", "n", "no", "false", "0", "", "×"}


def _bad(field: str, reason: str, where: Location | None) -> InputRejected:
    return InputRejected("ledger.bad_field", where, field=LABELS.get(field, field), reason=reason)


def _text(raw: object) -> str:
    return "" if raw is None else str(raw).strip()


def parse_day(raw: object, field: str, where: Location | None = None) -> date:
    """A date in any of the ways people write one (2019-09-30, 2019年9月30日, 20190930, a date cell)."""
    try:
        return parse_date(raw)
    except ValueRejected as exc:
        raise _bad(field, exc.message_zh, where) from exc


def parse_persons(raw: object, where: Location | None = None) -> list[dict[str, str | None]]:
    """“张三（6523…1234）、李四” → [{name, id_number}]: names, each with an ID number when one is given."""
    if isinstance(raw, list):
        return [{"name": str(p["name"]), "id_number": p.get("id_number")} for p in raw]
    out: list[dict[str, str | None]] = []
    for piece in _SPLIT.split(_text(raw)):
        found = _ID_IN.search(piece)
        number = None
        if found is not None:
            try:
                number = normalize_id(found.group(0)).value
            except ValueRejected as exc:
                raise _bad("persons", exc.message_zh, where) from exc
        name = re.sub(r"[()（）\s]+", "", (piece[:found.start()] + piece[found.end():]) if found else piece)
        if name or number:
            out.append({"name": normalize_name(name) if name else "", "id_number": number})
    return out


def parse_flag(raw: object, field: str, where: Location | None = None) -> bool:
    """是/否 (also yes/no, 1/0, a tick) as a boolean."""
    if isinstance(raw, bool):
        return raw
    text = _text(raw).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise _bad(field, f"“{text}”不是“是”或“否”", where)


def parse_fields(uow: UnitOfWork, raw: Mapping[str, object], where: Location | None = None) -> dict[str, Any]:
    """Column values for the fields given (None means “not given”, "" clears a text field)."""
    out: dict[str, Any] = {}
    for field, value in raw.items():
        if value is None:
            continue
        text = _text(value)
        if field == "category":
            item = find_item(text)
            if item is None:
                raise _bad(field, f"“{text}”不是整治内容的编号，可用：" + "、".join(i.code for i in ITEMS), where)
            out["category"] = item.code
        elif field == "program":
            out["program_id"] = program_id(uow, text, where) if text else None
        elif field == "org":
            out["org_code"] = org_code(uow, text, where) if text else None
        elif field in ("deadline", "received_on", "handling_deadline"):
            out[field] = parse_day(value, field, where) if text else None
        elif field == "amount":
            try:
                out["amount_fen"] = parse_money(value) if text else 0
            except ValueRejected as exc:
                raise _bad(field, exc.message_zh, where) from exc
            if out["amount_fen"] < 0:
                raise _bad(field, "金额不能为负数", where)
        elif field == "persons":
            out["persons"] = parse_persons(value, where)
        elif field == "handled_persons":
            if not text:
                out[field] = 0  # left blank: nobody handled (yet)
                continue
            if not text.isdecimal():  # not isdigit: int("²") fails
                raise _bad(field, f"“{text}”不是人数", where)
            out[field] = int(text)
        elif field in ("came_forward", "repaid", "anonymous"):
            out[field] = parse_flag(value, field, where)
        elif field == "outcome":
            if text and text not in {o.value for o in Outcome}:
                raise _bad(field, "可用：" + "、".join(o.value for o in Outcome), where)
            out[field] = text or None
        elif field == "channel":
            if text not in CHANNELS:
                raise _bad(field, "可用：" + "、".join(CHANNELS), where)
            out[field] = text
        else:
            out[field] = text
    return out


def receiver(text: str) -> str:
    """线索移交的接收机关: 纪检监察机关 or 司法机关 (纪委/监委/纪检 and 公安/检察/法院 accepted)."""
    value = text.strip()
    if value in RECEIVERS:
        return value
    if any(w in value for w in ("纪检", "纪委", "监委", "监察")):
        return RECEIVERS[0]
    if any(w in value for w in ("司法", "公安", "检察", "法院")):
        return RECEIVERS[1]
    raise InputRejected("ledger.bad_receiver", receiver=text, choices="、".join(RECEIVERS))


def program_id(uow: UnitOfWork, text: str, where: Location | None = None) -> int:
    """A program by code, name or synonym."""
    hits = uow.records.find_program(text)
    if len(hits) != 1:
        raise _bad("program", f"没有补贴项目“{text}”" if not hits else f"“{text}”对应多个项目", where)
    return int(hits[0].id)


def org_code(uow: UnitOfWork, text: str, where: Location | None = None) -> str:
    """An org unit by code or (unique) name."""
    found = uow.records.org_by_code(text)
    if found is not None:
        return str(found.code)
    named = uow.records.orgs_named(text)
    if len(named) != 1:
        raise _bad("org", f"没有单位“{text}”" if not named else f"有多个“{text}”，请用代码", where)
    return str(named[0].code)
