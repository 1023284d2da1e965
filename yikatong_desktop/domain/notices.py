"""公示 lists (SPEC §7): what a notice prints, its number, its fingerprint and its QR payload.

A notice is made per village, program(s) and period from the payment rows; what it prints is
frozen when it is made (the rows below), so a posted paper can later be checked against the
database: the fingerprint is a hash of exactly what was printed. Everything a notice shows of a
person is masked (first 6 + last 4 of the ID); its own numbers are short or hexadecimal, so nothing
printed can be mistaken for an ID, account or phone number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Context, Decimal

from yikatong_desktop.domain.canonical import content_hash
from yikatong_desktop.domain.errors import InputRejected

#: The shortest notice period SPEC §7 allows.
MIN_DAYS = 7
DEFAULT_DAYS = 7
MAX_DAYS = 90
#: Characters of the printed fingerprint (grouped by four: D3A2-91BC-0D4E).
FINGERPRINT_DIGITS = 12
QR_PREFIX = "YKTGS"
NUMBER_PREFIX = "GS"
_EXACT = Context(prec=100)  # a quantity as text without exponent or rounding, whatever the thread's context


@dataclass(frozen=True)
class NoticeLine:
    """One printed row: 序号, 组, 姓名, masked 身份证号, 补贴项目, 标准, 数量, 金额, 备注."""

    seq: int
    group: str
    name: str
    masked_id: str
    program: str
    standard_fen: int | None
    quantity: Decimal | None
    unit: str
    amount_fen: int
    remark: str

    def printed(self) -> dict[str, object]:
        """What the paper shows of this row, as the fingerprint hashes it."""
        return {"seq": self.seq, "group": self.group, "name": self.name, "id": self.masked_id,
                "program": self.program, "standard_fen": self.standard_fen,
                "quantity": None if self.quantity is None else format(self.quantity.normalize(_EXACT), "f"),
                "unit": self.unit, "amount_fen": self.amount_fen, "remark": self.remark}


@dataclass(frozen=True)
class NoticeSection:
    """The rows of one program (a notice of several programs has one section each)."""

    program: str
    lines: tuple[NoticeLine, ...]

    @property
    def total_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)

    @property
    def count(self) -> int:
        return len(self.lines)


@dataclass(frozen=True)
class NoticeDoc:
    """Everything a printed notice shows; the PDF and Excel writers take nothing else."""

    number: str
    fingerprint: str  # grouped, as printed: D3A2-91BC-0D4E
    qr_payload: str
    title: str
    township: str
    village: str
    period_zh: str
    sections: tuple[NoticeSection, ...]
    start: date
    days: int
    hotline_own: str  # the township's 监督举报电话 (office number); "" = blank to fill in
    hotline_county: str
    preparer: str = ""  # "" = a blank line to sign by hand
    reviewer: str = ""
    landscape: bool = False
    intro: str = field(default="")

    @property
    def end(self) -> date:
        return notice_end(self.start, self.days)

    @property
    def total_fen(self) -> int:
        return sum(s.total_fen for s in self.sections)

    @property
    def count(self) -> int:
        return sum(s.count for s in self.sections)

    @property
    def lines(self) -> tuple[NoticeLine, ...]:
        return tuple(line for s in self.sections for line in s.lines)

    def introduction(self) -> str:
        """The paragraph above the table: what is publicised, for how long, where to object."""
        if self.intro:
            return self.intro
        programs = "、".join(s.program for s in self.sections)
        return (f"根据惠民惠农财政补贴资金“一卡通”管理有关规定，现将本村{self.period_zh}{programs}发放情况予以公示，"
                f"公示期为{day_zh(self.start)}至{day_zh(self.end)}（共{self.days}天）。如有异议，请在公示期内向村委会"
                f"或乡镇人民政府反映，也可拨打监督举报电话。")

    def hotlines(self) -> str:
        """The 监督举报电话 line; a blank to fill in by hand where an office number is not set."""
        own = self.hotline_own or "____________"
        county = self.hotline_county or "____________"
        return f"监督举报电话：乡镇 {own}　　县 {county}"


def notice_end(start: date, days: int) -> date:
    """The last day of a notice period of `days` days starting on `start` (both included)."""
    return start + timedelta(days=days - 1)


def check_days(days: int) -> int:
    """A notice period's length, refused below the legal minimum of seven days."""
    if not MIN_DAYS <= days <= MAX_DAYS:
        raise InputRejected("notice.bad_days", days=days, low=MIN_DAYS, high=MAX_DAYS)
    return days


def day_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def notice_title(village: str, period_zh: str, programs: list[str]) -> str:
    """"XX村 2018年度XX补贴发放情况公示"; several programs share one title."""
    what = programs[0] if len(programs) == 1 else "惠民惠农财政补贴"
    return f"{village}{period_zh}{what}发放情况公示"


def notice_number(year: int, seq: int) -> str:
    """GS2019-0007: short, and no run of digits long enough to be mistaken for an ID or phone."""
    return f"{NUMBER_PREFIX}{year}-{seq:04d}"


#: The first character of a fingerprint is a letter standing for a hex digit, so a fingerprint is never all
#: digits (nothing printed may read as an account number): A=0 … R=F, no I or O.
_LEAD = "ABCDEFGHJKLMNPQR"


def fingerprint(number: str, header: Mapping[str, object], lines: Sequence[NoticeLine]) -> str:
    """The printed fingerprint of a notice: 12 characters of the SHA-256 of what it prints, the first a letter,
    grouped by four (D3A2-91BC-0D4E) so it reads as no ID, account or phone."""
    digest = content_hash({"number": number, "header": dict(header), "rows": [line.printed() for line in lines]})
    short = (_LEAD[int(digest[0], 16)] + digest[1:FINGERPRINT_DIGITS]).upper()
    return "-".join(short[i:i + 4] for i in range(0, FINGERPRINT_DIGITS, 4))


_HEX = re.compile(r"[^0-9A-Fa-f]")


def normalize_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, with or without dashes or spaces) in its printed form."""
    compact = re.sub(r"[-\s]", "", text).upper()
    if len(compact) != FINGERPRINT_DIGITS or compact[0] not in _LEAD or _HEX.search(compact[1:]):
        raise InputRejected("notice.bad_fingerprint", text=text, digits=FINGERPRINT_DIGITS)
    return "-".join(compact[i:i + 4] for i in range(0, FINGERPRINT_DIGITS, 4))


def qr_payload(org: str, number: str, fingerprint_text: str) -> str:
    """What the QR code holds: YKTGS|org|number|fingerprint."""
    return f"{QR_PREFIX}|{org}|{number}|{fingerprint_text}"


def parse_qr(text: str) -> tuple[str, str, str] | None:
    """(org, number, fingerprint) from a scanned QR text; None when the text is not one."""
    parts = text.strip().split("|")
    if len(parts) != 4 or parts[0] != QR_PREFIX:
        return None
    return parts[1], parts[2], parts[3]
