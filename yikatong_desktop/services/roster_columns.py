"""The 花名册's columns, declared once: the GUI table and the Excel export both use them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.storage.queries import RosterRow

METHODS = {"card": "一卡通", "cash": "现金", "other": "其他"}


@dataclass(frozen=True)
class Column:
    """A column: its title, the SQL sort key (None: not sortable), and the text shown for a row."""

    title: str
    sort_key: str | None
    value: Callable[[RosterRow], str]
    align_right: bool = False


def _money(fen: int | None) -> str:
    return "" if fen is None else format_yuan(fen)


COLUMNS: tuple[Column, ...] = (
    Column("姓名", "name", lambda r: r.name),
    Column("身份证号", "id_number", lambda r: r.id_number),
    Column("性别", None, lambda r: r.sex or ""),
    Column("乡镇", "township", lambda r: r.township or ""),
    Column("村(社区)", "village", lambda r: r.village or ""),
    Column("组", None, lambda r: r.group or ""),
    Column("补贴项目", "program", lambda r: r.program),
    Column("期间", "period", lambda r: r.period),
    Column("数量", None, lambda r: "" if r.quantity is None else format(r.quantity, "f"), True),
    Column("标准(元)", None, lambda r: _money(r.standard_fen), True),
    Column("应发(元)", None, lambda r: _money(r.due_fen), True),
    Column("实发(元)", "paid", lambda r: _money(r.paid_fen), True),
    Column("发放日期", "paid_date", lambda r: "" if r.paid_date is None else r.paid_date.isoformat()),
    Column("方式", None, lambda r: METHODS.get(r.method, r.method)),
    Column("代发银行", "bank", lambda r: r.bank or ""),
    Column("银行账号", None, lambda r: r.account or ""),
)
