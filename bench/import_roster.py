"""Import of a 100,000-row roster .xlsx against its baselines, in one run (issue 4).

(a) a bare python-calamine parse of the same file (the floor: reading, nothing else);
(b) pandas.read_excel(engine="openpyxl") (what a script would do);
(c) `ykt import roster` into a fresh database: read, check every row, store in one transaction.
Each runs in its own process so peak RSS is its own. Goal: (c) ≤ 2× (a) and ≥ 5× faster than (b).
Results go into bench/results.md between the import markers (the rest of the file is kept).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
RESULTS = HERE / "results.md"
START, END = "<!-- import_roster:start -->", "<!-- import_roster:end -->"
HEADER = ["序号", "乡镇", "村(社区)", "组", "户编号", "户主姓名", "户主身份证号", "姓名", "性别", "民族", "身份证号",
          "联系电话", "补贴项目", "补贴年度", "补贴期间", "数量", "补贴标准", "应发金额", "实发金额", "应发日期",
          "发放日期", "发放方式", "代发银行", "银行账号"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶"
GIVEN = "伟强磊军勇杰涛明超刚平辉鹏华飞鑫芳娜敏静丽艳娟霞燕玲桂英秀兰梅琴云莲真环雪荣"


def make_roster(path: Path, rows: int, seed: int = 4) -> None:
    """A realistic 24-column roster: title row, header, IDs and accounts as text."""
    sys.path.insert(0, str(HERE.parent))
    import openpyxl

    from yikatong_desktop.domain.accounts import luhn_check_digit
    from yikatong_desktop.domain.ids import compute_check_char

    rng = random.Random(seed)
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    sheet.append(["呼图壁县2018年耕地地力保护补贴发放花名册"])
    sheet.append(HEADER)
    used: set[str] = set()
    for i in range(rows):
        while True:
            born = f"{rng.randint(1930, 2000)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
            body = f"652323{born}{rng.randint(0, 999):03d}"
            if body not in used:
                used.add(body)
                break
        pid = body + compute_check_char(body)
        acc = "622848" + "".join(str(rng.randint(0, 9)) for _ in range(12))
        acc += luhn_check_digit(acc)
        name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
        qty = rng.randint(100, 8000)
        amount = f"{qty * 10523 // 100 / 100:.2f}"
        sheet.append([i + 1, f"镇{rng.randint(1, 7)}", f"村{rng.randint(1, 40)}", f"{rng.randint(1, 6)}组",
                      f"H{i:06d}", name, pid, name, "男" if int(pid[16]) % 2 else "女", "汉族", pid, "",
                      "耕地地力保护补贴", "2018", "2018", f"{qty / 100:.2f}", "105.23", amount, amount,
                      "2018-06-30", "2018-06-15", "一卡通", "中国农业银行", acc])
    book.save(path)


def child(kind: str, path: str, db: str) -> None:
    """One measurement, printed as JSON (runs in its own process)."""
    start = time.perf_counter()
    if kind == "calamine":
        import python_calamine

        rows = python_calamine.CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()
        count = len(rows)
    elif kind == "pandas":
        import pandas

        count = len(pandas.read_excel(path, engine="openpyxl", header=1, dtype=str))
    else:
        env = {**os.environ, "YKT_HOME": str(Path(db).parent / "home"), "YKT_KEY_PASSPHRASE": "bench"}
        ykt = str(Path(sys.executable).parent / "ykt")
        subprocess.run([ykt, "--db", db, "init", "--org", "652323", "--name", "呼图壁县", "--level", "county"],
                       env=env, check=True, capture_output=True)
        start = time.perf_counter()
        done = subprocess.run([ykt, "--db", db, "--json", "import", "roster", path], env=env, check=True,
                              capture_output=True, text=True)
        count = json.loads(done.stdout)["accepted"]
        rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(json.dumps({"seconds": time.perf_counter() - start, "rows": count, "rss_mib": rss}))
        return
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": time.perf_counter() - start, "rows": count, "rss_mib": rss}))


def measure(kind: str, path: Path, repeats: int) -> dict[str, float]:
    runs = []
    for n in range(repeats):
        db = OUT / f"import-{n}.sqlite3"
        for suffix in ("", ".keys", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        done = subprocess.run([sys.executable, __file__, "--child", kind, str(path), str(db)], check=True,
                              capture_output=True, text=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    runs.sort(key=lambda r: r["seconds"])
    middle = runs[len(runs) // 2]
    return {"seconds": middle["seconds"], "rows": middle["rows"], "rss_mib": max(r["rss_mib"] for r in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--child", nargs=3, metavar=("KIND", "FILE", "DB"))
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    OUT.mkdir(exist_ok=True)
    path = OUT / f"roster-{args.rows}.xlsx"
    if not path.exists():
        make_roster(path, args.rows)
    got = {kind: measure(kind, path, args.repeats) for kind in ("calamine", "pandas", "ykt")}
    a, b, c = got["calamine"]["seconds"], got["pandas"]["seconds"], got["ykt"]["seconds"]
    lines = [
        START, "", f"## Import of a {args.rows:,}-row roster (bench/import_roster.py)", "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; file {path.stat().st_size / 2**20:.1f} MiB, "
        f"24 columns; median of {args.repeats} runs, each in its own process.", "",
        "| | seconds | peak RSS | rows |", "|---|---:|---:|---:|",
        f"| (a) bare python-calamine parse | {a:.2f} | {got['calamine']['rss_mib']:.0f} MiB | "
        f"{got['calamine']['rows']:,} |",
        f"| (b) pandas.read_excel(openpyxl) | {b:.2f} | {got['pandas']['rss_mib']:.0f} MiB | "
        f"{got['pandas']['rows']:,} |",
        f"| (c) ykt import roster (read, check, store) | {c:.2f} | {got['ykt']['rss_mib']:.0f} MiB | "
        f"{got['ykt']['rows']:,} |", "",
        f"- (c) / (a) = {c / a:.1f}× (goal ≤ 2×): {'PASS' if c <= 2 * a else 'FAIL'}",
        f"- (b) / (c) = {b / c:.1f}× (goal ≥ 5×): {'PASS' if b >= 5 * c else 'FAIL'}", "", END,
    ]
    block = "\n".join(lines)
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    text = pattern.sub(block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(block)


if __name__ == "__main__":
    main()
