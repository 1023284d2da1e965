"""`ykt import roster` gives its reasons for rejected rows and skipped sheets in English under an English
LANG, and exactly as before in Chinese otherwise. Data (file, sheet and person names, programs, column titles
quoted from the file) is shown as it is."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from roster_files import citizen_id, write_roster
from ykt_cli import has_chinese, run

EN, ZH = "en_US.UTF-8", "zh_CN.UTF-8"
ENCRYPTED_LEG = False

HEADER = ("姓名", "身份证号", "补贴项目", "补贴期间", "实发金额")
ROWS = [
    ["张三", citizen_id(1), "高龄津贴", "2018-03", 100],
    ["李四", "", "高龄津贴", "2018-03", 100],  # no ID
    ["王五", "6.52323E+17", "高龄津贴", "2018-03", 100],  # an ID Excel turned into a number
    ["赵六", citizen_id(4), "高龄津贴", "2018-03", "一百块"],  # not a number
]
#: What may stay Chinese in English output: the file's own words.
DATA = ("花名册.xlsx", "花名册", "张三", "李四", "王五", "赵六", "高龄津贴", "一百块", *HEADER)


def _without_data(text: str) -> str:
    text = re.sub(r"“[^”]*”", "", text)  # quoted titles, sheet names, cells
    for word in sorted(DATA, key=len, reverse=True):
        text = text.replace(word, "")
    return text


@pytest.fixture
def roster(home: Path) -> Path:
    return write_roster(home / "花名册.xlsx", HEADER, ROWS)


def test_row_reasons_are_english_under_an_english_lang(home: Path, county: str, roster: Path) -> None:
    errors = home / "errors.xlsx"
    done = run(home, "--db", county, "import", "roster", str(roster), "--errors", str(errors), "--dry-run", LANG=EN)
    assert done.returncode == 0, done.stderr
    out = done.stdout + done.stderr
    assert "row 4 column “身份证号”: The ID number is empty" in out, out
    assert "Excel turned the ID number into a number" in out
    assert "The amount “一百块” is not a number" in out
    assert "By reason: Rejected: Excel turned the ID number into a number" in out
    assert "Rejected: The ID number is empty 1 row; Rejected: The amount “一百块” is not a number 1 row" in out
    assert not has_chinese(_without_data(out)), _without_data(out)
    rows = list(openpyxl.load_workbook(errors).active.iter_rows(values_only=True))
    assert rows[0][-1] == "Error reason" and len(rows) == 4
    assert all(not has_chinese(_without_data(str(r[-1]))) for r in rows[1:]), rows


def test_row_reasons_stay_chinese_under_a_chinese_lang(home: Path, county: str, roster: Path) -> None:
    errors = home / "errors.xlsx"
    done = run(home, "--db", county, "import", "roster", str(roster), "--errors", str(errors), "--dry-run", LANG=ZH)
    assert done.returncode == 0, done.stderr
    out = done.stdout + done.stderr
    assert "拒绝 工作表“Sheet1” 第 4 行 “身份证号”列：身份证号为空：请按原始证件补录身份证号" in out, out
    assert "身份证号被Excel转成了数字（科学计数法或末尾变成000），无法恢复" in out
    assert "金额“一百块”不是数字：请填写以元为单位的数字" in out
    assert ("按原因：拒绝：身份证号为空 1 行；拒绝：身份证号被Excel转成了数字（科学计数法或末尾变成000），无法恢复 1 行"
            in out)
    rows = list(openpyxl.load_workbook(errors).active.iter_rows(values_only=True))
    assert rows[0][-1] == "错误原因" and len(rows) == 4
    assert rows[1][-1] == "工作表“Sheet1” 第 4 行 “身份证号”列：身份证号为空：请按原始证件补录身份证号"


@pytest.mark.parametrize(("lang", "says"), [
    (EN, "Missing a “身份证号” (ID number) column. Nothing was imported."),
    (ZH, "缺少“身份证号”列。未导入任何数据。"),
])
def test_a_missing_id_column_is_named_in_the_language(home: Path, county: str, roster: Path, lang: str,
                                                      says: str) -> None:
    done = run(home, "--db", county, "import", "roster", str(roster), "--column", "身份证号=不导入", LANG=lang)
    assert done.returncode == 3 and says in done.stderr, done.stderr
    if lang == EN:
        assert not has_chinese(_without_data(done.stderr)), done.stderr
