"""Small real roster files for tests, written with openpyxl the way departments lay them out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl

from yikatong_desktop.domain.ids import compute_check_char


def citizen_id(n: int, birth: date = date(1936, 5, 1)) -> str:
    """A valid 18-digit ID of a 呼图壁县 resident (sequence n)."""
    first17 = f"652323{birth:%Y%m%d}{n % 1000:03d}"
    return first17 + compute_check_char(first17)


def write_roster(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]], *,
                 title: str | None = "花名册", sheet: str = "Sheet1") -> Path:
    """One sheet: a title row (merged over the header's width), the header, the rows; IDs as text."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


#: A 民政局 roster whose 金额 is really 应发 and whose 实发 column has a title no synonym knows.
MISLEADING_HEADER = ("序号", "姓名", "身份证号", "补贴项目", "补贴期间", "补贴标准", "金额", "本次实际到账")


def misleading_rows(count: int, *, paid: int = 95, due: int = 100, first: int = 1) -> list[list[object]]:
    """Rows of MISLEADING_HEADER: 高龄津贴 2018-03, standard 100, 金额 = due, 本次实际到账 = paid."""
    return [[i + 1, f"测试{i + first}", citizen_id(i + first), "高龄津贴", "2018-03", 100, due, paid]
            for i in range(count)]
