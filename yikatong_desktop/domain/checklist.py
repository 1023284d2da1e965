"""The 15 整治内容 items every self-check answers (SPEC §2): fixed codes, the work plan's words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Item:
    code: str
    title: str
    group: str  # the work plan's heading the item sits under


_GROUPS = {"1": "惠民惠农财政补贴资金管理不规范", "2": "部门、代理银行违规", "3": "侵害群众利益"}

ITEMS: tuple[Item, ...] = tuple(Item(code, title, _GROUPS[code[0]]) for code, title in (
    ("1.1", "资金发放不及时、不足额，应享受政策未享受"),
    ("1.2", "超标准超范围发放，应退出未退出、不该享受的违规享受"),
    ("1.3", "该通过“一卡通”发放的，实际采取现金发放"),
    ("1.4", "政策宣传和分配结果公示公开不到位"),
    ("1.5", "未建立资金管理台账，未履行审核审批和监督，未及时核实更新对象身份信息，未发放资金未按规定存放"),
    ("1.6", "未纳入预算绩效管理"),
    ("1.7", "未落实实名制发放"),
    ("2.1", "部门竞相办卡，“一人多卡”"),
    ("2.2", "代理银行过多过滥，未公开招标"),
    ("2.3", "部门和代理银行违规收费"),
    ("3.1", "申报审核及办卡中优亲厚友、吃拿卡要、以权谋私"),
    ("3.2", "用无关人员身份证件办卡，虚报冒领"),
    ("3.3", "冷硬横推，随意设立条件、拔高标准"),
    ("3.4", "贪污侵占、截留挪用"),
    ("3.5", "未经本人同意私自保管、扣押“一卡通”"),
))

ITEMS_BY_CODE: Mapping[str, Item] = {i.code: i for i in ITEMS}


def find_item(text: str) -> Item | None:
    """An item by its code (1.1 … 3.5, also written 1-1, １.１ or １－１) or its exact title."""
    key = text.strip().translate(str.maketrans("０１２３４５６７８９．－-", "0123456789..."))
    return ITEMS_BY_CODE.get(key) or next((i for i in ITEMS if i.title == text.strip()), None)


def primary_item(rule_item: str) -> str:
    """The item a rule's findings count under when it serves several (“1.2 / 3.1” → “1.2”): counted once."""
    return rule_item.split("/")[0].strip()
