"""The self-check rule catalogue (SPEC §6): code, Chinese title, 整治内容 item, severity, parameters.

Exactly the 22 codes of SPEC §6. The SQL behind each rule lives in services/checks;
this module is what a clerk reads in 设置 and what findings refer to. Parameters have
defaults here and are kept, when changed, in the database (per program where SPEC
says so).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

#: Version of the catalogue's semantics; reports print it so the same data rebuilds the same figures.
CATALOGUE_VERSION = "2026.1"


class Severity(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


SEVERITY_LABELS = {Severity.HIGH: "高", Severity.MEDIUM: "中", Severity.LOW: "低（复核）"}


class FindingStatus(StrEnum):
    """A finding's state: open until a clerk confirms or dismisses it; resolved when no longer true."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"
    RESOLVED = "resolved"


STATUS_LABELS = {FindingStatus.OPEN: "待核实", FindingStatus.CONFIRMED: "已确认", FindingStatus.DISMISSED: "已排除",
                 FindingStatus.RESOLVED: "已消除"}


@dataclass(frozen=True)
class Param:
    """A rule parameter: its default, a Chinese description, and whether it may differ per program."""

    name: str
    default: int
    title: str
    per_program: bool = False
    program_only: bool = False  # no value for all programs: each program's own catalogue value is the default


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    item: str  # 整治内容 item(s) of SPEC §2, e.g. "1.1" or "1.2 / 3.1"
    severity: Severity
    what: str  # what it flags, in Chinese
    params: tuple[Param, ...] = field(default=())

    def param(self, name: str) -> Param:
        """A parameter by name."""
        return next(p for p in self.params if p.name == name)


RULES: tuple[Rule, ...] = (
    Rule("LATE_PAYMENT", "未按时发放", "1.1", Severity.MEDIUM, "发放日期晚于应发日期加项目宽限天数",
         (Param("grace_days", 30, "宽限天数（默认取项目目录中该项目的宽限天数，可按项目另设）", per_program=True,
                program_only=True),)),
    Rule("UNDERPAID", "少发", "1.1", Severity.HIGH, "实发金额少于应发金额",
         (Param("tolerance_fen", 0, "容许差额（分）"),)),
    Rule("ENTITLED_NOT_PAID", "应发未发", "1.1", Severity.HIGH, "在应享名单上（或应发大于0）但该期间没有发放"),
    Rule("OVER_STANDARD", "超标准发放", "1.2", Severity.HIGH,
         "实发超过适用标准×数量（四舍五入到分）：有目录标准用目录标准，否则用花名册上的补贴标准",
         (Param("tolerance_fen", 0, "容许差额（分）"),)),
    Rule("OUT_OF_SCOPE", "扩大范围发放", "1.2", Severity.HIGH,
         "不符合项目条件：期间最后一天的年龄低于项目最低年龄，或不在项目实施区域"),
    Rule("PAID_AFTER_DEATH", "死亡后仍发放", "1.2", Severity.HIGH, "发放期间开始于死亡日期之后"),
    Rule("PAID_AFTER_EXIT", "迁出或退出后仍发放", "1.2", Severity.HIGH, "发放期间开始于迁出或退出项目之后"),
    Rule("PUBLIC_EMPLOYEE", "财政供养人员违规领取", "1.2 / 3.1", Severity.HIGH,
         "财政供养人员领取了排除财政供养人员的项目"),
    Rule("CASH_PAYMENT", "未通过一卡通发放", "1.3", Severity.MEDIUM, "应通过一卡通发放的项目以现金发放"),
    Rule("NOT_PUBLICISED", "未按规定公示", "1.4", Severity.MEDIUM,
         "发放批次（每个导入批次的每个村、项目和期间）在发放日期前没有张贴满规定天数的公示：从公示开始日"
         "（张贴晚于开始日的从张贴日）算起",
         (Param("notice_days", 7, "公示天数"),)),
    Rule("UNISSUED_FUNDS", "资金滞留（发放失败未重发）", "1.5", Severity.HIGH,
         "银行回盘失败，且之后规定天数内没有重新发放",
         (Param("repay_days", 30, "重新发放期限（天）"),)),
    Rule("FUNDS_NOT_DISBURSED", "资金拨付后未发放", "1.5 / 3.4", Severity.HIGH,
         "某项目某单位某期间拨付金额减实发金额超过阈值，且到位已超过规定天数",
         (Param("threshold_fen", 100_000, "阈值（分）"), Param("after_days", 90, "到位后天数"))),
    Rule("INVALID_ID", "身份证号无效", "1.7 / 3.2", Severity.MEDIUM, "身份证号出生日期或校验码不对，仍有发放"),
    Rule("NAME_ID_MISMATCH", "人证不符", "1.7 / 3.2", Severity.HIGH,
         "同一身份证号出现不同姓名（中间点、空格写法不同不算；拼音相同的同音异写为低风险复核），或性别与身份证号不符"),
    Rule("CARD_NOT_OWN", "补贴打入他人账户", "1.7 / 3.5", Severity.HIGH,
         "账户户名不是受益人本人（按户发放的项目打入户主或同户成员账户不算）"),
    Rule("CARD_HELD_BY_OTHERS", "一卡通被他人保管", "3.5", Severity.HIGH, "入户核查发现卡不在本人手中"),
    Rule("MULTI_CARD", "一人多卡", "2.1", Severity.MEDIUM, "同一人在超过规定张数的账户上领取补贴",
         (Param("max_accounts", 1, "每人账户数上限"),)),
    Rule("TOO_MANY_BANKS", "代理银行过多", "2.2", Severity.LOW, "一个单位使用的代理银行超过规定家数",
         (Param("max_banks", 2, "代理银行家数上限"),)),
    Rule("BANK_FEE", "代理银行违规收费", "2.3", Severity.MEDIUM, "回盘入账少于实发，或扣了手续费"),
    Rule("CADRE_RELATIVE", "村干部及近亲属享受补贴", "3.1", Severity.LOW, "受益人是村干部或其近亲属：需写复核意见"),
    Rule("SHARED_ACCOUNT", "多人共用一个账户", "3.2 / 3.4", Severity.HIGH, "一个账户收到不同户的多人的补贴"),
    Rule("DUPLICATE_PAYMENT", "重复发放", "3.2 / 3.4", Severity.HIGH, "同一人同一项目同一期间发放了不止一次"),
)

RULES_BY_CODE: Mapping[str, Rule] = {r.code: r for r in RULES}
#: Rules whose data arrives with a later issue: listed, not yet run.
PENDING: frozenset[str] = frozenset()


def rule(code: str) -> Rule:
    """A rule by code (KeyError for an unknown one: callers check user input with `find_rule`)."""
    return RULES_BY_CODE[code]


def find_rule(text: str) -> Rule | None:
    """A rule by its code (any case) or Chinese title."""
    key = text.strip()
    return RULES_BY_CODE.get(key.upper()) or next((r for r in RULES if r.title == key), None)
