"""The 底数 workbook (`ykt basics --out`): 汇总, 按项目, 按乡镇、村, 政出多门, 卡出多行 — titled, A4-ready.

Excel forbids “/” in sheet names, so the sheet SPEC calls 按乡镇/村 is named 按乡镇、村.
Amounts go to formats.report_workbook as integer fen; it writes exact 元 with two places.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.ids import mask_id
from yikatong_desktop.formats.report_workbook import Block, Column, Sheet, write_report
from yikatong_desktop.services.basics import CAPS, METHOD_LABELS, Basics, Case, Figures, Spread, ratio

SHEETS = ("汇总", "按项目", "按乡镇、村", "政出多门", "卡出多行")
BUCKETS = {"programs": ("项", "享受补贴项目数"), "departments": ("个", "涉及主管部门数"),
           "banks": ("家", "涉及代理银行数"), "accounts": ("张", "领取补贴的账户（卡）数")}


def scope_text(b: Basics) -> str:
    """“呼图壁县 2017—2018年” or “大丰镇 2018年”."""
    if b.year is not None:
        years = f"{b.year}年"
    elif b.years:
        years = f"{b.years[0]}年" if len(b.years) == 1 else f"{b.years[0]}—{b.years[-1]}年"
    else:
        years = "（无发放记录）"
    return f"{b.org_name} {years}"


def bucket_label(name: str, value: int) -> str:
    """“3 项及以上”, “无” for zero banks or accounts."""
    if value == 0:
        return "无（未通过银行卡发放）"
    unit = BUCKETS[name][0]
    return f"{value} {unit}及以上" if value >= CAPS[name] else f"{value} {unit}"


def write_basics(path: Path, b: Basics, *, today: date) -> None:
    """Write the five sheets."""
    subtitle = f"统计范围：{scope_text(b)}；数据截至 {today.isoformat()}；金额单位：元；不含已作废的记录。"
    title = f"{b.org_name}惠民财政补贴资金“一卡通”底数"
    write_report(path, [
        Sheet("汇总", f"{title}汇总表", subtitle, _summary(b)),
        Sheet("按项目", f"{title}（按补贴项目）", subtitle, [_programs(b)], landscape=True),
        Sheet("按乡镇、村", f"{title}（按乡镇、村）", subtitle, [_orgs(b)], landscape=True),
        Sheet("政出多门", f"{title}：政出多门情况", subtitle, _many(b, ("programs", "departments"), "departments",
                                                                     b.many_departments),
              landscape=True),
        Sheet("卡出多行", f"{title}：卡出多行情况", subtitle, _many(b, ("banks", "accounts"), "banks", b.many_banks),
              landscape=True),
    ])


def _figure_cells(f: Figures) -> list[Any]:
    return [f.programs, f.departments, f.persons, f.households, f.payments, f.paid_fen, f.accounts, f.banks]


_FIGURE_COLUMNS = [Column("补贴项目数", "int", 10), Column("主管部门数", "int", 10), Column("受益人数", "int", 10),
                   Column("受益户数", "int", 10), Column("发放笔数", "int", 10), Column("发放金额", "yuan", 16),
                   Column("银行账户数", "int", 10), Column("代理银行数", "int", 10)]


def _summary(b: Basics) -> list[Block]:
    years = [[f"{y}年", *_figure_cells(f)] for y, f in sorted(b.by_year.items())]
    rows = [*years, ["合计", *_figure_cells(b.total)]]
    t = b.total
    methods = [[METHOD_LABELS[m], n, ratio(n, t.payments), fen, ratio(fen, t.paid_fen)]
               for m, (n, fen) in t.methods.items()]
    methods.append(["合计", t.payments, ratio(t.payments, t.payments), t.paid_fen, ratio(t.paid_fen, t.paid_fen)])
    banks = [[u.bank, u.accounts, u.persons, u.payments, u.paid_fen, ratio(u.paid_fen, t.paid_fen)] for u in b.banks]
    return [
        Block("一、基本情况（按年度）", [Column("年度", width=12), *_FIGURE_COLUMNS], rows,
              strong=frozenset({len(rows) - 1})),
        Block("二、发放方式", [Column("发放方式", width=12), Column("笔数", "int", 10),
                              Column("笔数占比", "percent", 10), Column("金额", "yuan", 16),
                              Column("金额占比", "percent", 10)], methods,
              strong=frozenset({len(methods) - 1})),
        Block("三、代理银行", [Column("代理银行", width=30), Column("账户数", "int", 10), Column("受益人数", "int", 10),
                              Column("笔数", "int", 10), Column("金额", "yuan", 16), Column("金额占比", "percent", 10)],
              banks),
    ]


def _year_columns(years: Sequence[int]) -> list[Column]:
    return [Column(f"{y}年金额", "yuan", 15) for y in years]


def _method_cells(f: Figures) -> list[Any]:
    return [f.share(m) for m in METHOD_LABELS]


_METHOD_COLUMNS = [Column(f"{label}笔数占比", "percent", 10) for label in METHOD_LABELS.values()]


def _programs(b: Basics) -> Block:
    rows = []
    for p in b.programs:
        rows.append([p.code, p.name, p.department, p.figures.persons, p.figures.households, p.figures.payments,
                     *[p.by_year[y].paid_fen if y in p.by_year else 0 for y in b.years], p.figures.paid_fen,
                     *_method_cells(p.figures), p.figures.banks, "、".join(u.bank for u in p.banks),
                     p.figures.accounts])
    t = b.total
    rows.append(["合计", "", f"{t.departments} 个部门", t.persons, t.households, t.payments,
                 *[b.by_year[y].paid_fen for y in b.years], t.paid_fen, *_method_cells(t), t.banks,
                 "、".join(u.bank for u in b.banks), t.accounts])
    columns = [Column("代码", width=8), Column("补贴项目", width=28), Column("主管部门", width=12),
               Column("受益人数", "int", 10), Column("受益户数", "int", 10), Column("发放笔数", "int", 10),
               *_year_columns(b.years), Column("金额合计", "yuan", 16), *_METHOD_COLUMNS,
               Column("代理银行数", "int", 10), Column("代理银行", width=40), Column("银行账户数", "int", 10)]
    return Block(None, columns, rows, strong=frozenset({len(rows) - 1}))


def _orgs(b: Basics) -> Block:
    rows: list[list[Any]] = []
    strong: set[int] = set()
    for r in b.orgs:
        if r.program is None:
            strong.add(len(rows))
        f = r.figures
        rows.append([r.township, r.village or "（全乡镇）", r.program_name or "全部项目", r.department or "",
                     f.persons, f.households, f.payments, *[r.by_year.get(y, (0, 0))[1] for y in b.years],
                     f.paid_fen, *_method_cells(f), f.banks, "、".join(r.banks), f.accounts])
    columns = [Column("乡镇", width=14), Column("村（社区）", width=14), Column("补贴项目", width=26),
               Column("主管部门", width=12), Column("受益人数", "int", 10), Column("受益户数", "int", 10),
               Column("发放笔数", "int", 10), *_year_columns(b.years), Column("金额合计", "yuan", 16),
               *_METHOD_COLUMNS, Column("代理银行数", "int", 10), Column("代理银行", width=40),
               Column("银行账户数", "int", 10)]
    return Block(None, columns, rows, strong=frozenset(strong))


def _spread_block(number: int, name: str, spreads: dict[str, Spread]) -> Block:
    units = ("person", "household", "village")
    buckets = sorted({k for u in units for k in spreads[u].counts[name]})
    rows = [[bucket_label(name, k),
             *[x for u in units for x in (spreads[u].counts[name].get(k, 0),
                                          ratio(spreads[u].counts[name].get(k, 0), spreads[u].units))]]
            for k in buckets]
    rows.append(["合计", *[x for u in units for x in (spreads[u].units, ratio(spreads[u].units, spreads[u].units))]])
    return Block(f"{_CN[number]}、{BUCKETS[name][1]}分布",
                 [Column(BUCKETS[name][1], width=22), Column("人数", "int", 10), Column("占比", "percent", 9),
                  Column("户数", "int", 10), Column("占比", "percent", 9), Column("村数", "int", 10),
                  Column("占比", "percent", 9)], rows, strong=frozenset({len(rows) - 1}))


_CN = "〇一二三四五六七八九"


def _many(b: Basics, names: tuple[str, str], lead: str, cases: dict[str, list[Case]]) -> list[Block]:
    """Two distributions, then the persons, households and villages with the most of `lead`."""
    blocks = [_spread_block(i + 1, name, b.spreads) for i, name in enumerate(names)]
    caption, attr = {"departments": ("主管部门", "department_names"), "banks": ("代理银行", "bank_names")}[lead]
    heads = {"person": ("人", "姓名", "身份证号"), "household": ("户", "户主", "户编号"),
             "village": ("村", "村（社区）", "所属乡镇")}
    for n, unit in enumerate(("person", "household", "village"), start=len(blocks) + 1):
        title, who, ref = heads[unit]
        rows = []
        for c in cases.get(unit, []):
            shown = mask_id(c.id_number) if unit == "person" and c.id_number else c.id_number
            rows.append([c.name, c.village if unit == "village" else shown or "",
                         *([] if unit == "village" else [c.village]), c.persons, c.programs, c.departments,
                         c.banks, c.accounts, c.paid_fen, "、".join(getattr(c, attr)), "、".join(c.program_names)])
        place = [] if unit == "village" else [Column("村（社区）", width=14)]
        columns = [Column(who, width=16), Column(ref, width=20), *place,
                   Column("受益人数", "int", 9), Column("项目数", "int", 8), Column("部门数", "int", 8),
                   Column("银行数", "int", 8), Column("账户数", "int", 8), Column("金额", "yuan", 14),
                   Column(caption, width=36), Column("享受的补贴项目", width=48)]
        blocks.append(Block(f"{_CN[n]}、{BUCKETS[lead][1]}最多的{title}（前 {len(rows)} 个）", columns, rows))
    return blocks
