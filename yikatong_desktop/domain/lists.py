"""The other lists of SPEC §5: what each one holds, its template and the names its columns go by.

Status (死亡/迁出/退出), 财政供养人员, 村干部及近亲属, eligible people (应享名单), fund
allocations (资金拨付), bank 代发回盘 returns and field checks (入户核查). Each kind has
its own vocabulary: “单位” is an employer on the 财政供养 list and the receiving unit on
an allocation; “日期” is a status date on one list and a visit date on another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from yikatong_desktop.domain.headers import normalize_header


class ListKind(StrEnum):
    """The list kinds `ykt import KIND` and `ykt template KIND` take (SPEC §10 spelling)."""

    STATUS = "status"
    STAFF = "staff"
    CADRES = "cadres"
    ELIGIBLE = "eligible"
    ALLOCATIONS = "allocations"
    BANK_RETURN = "bank-return"
    FIELD_CHECKS = "field-checks"


class ListField(StrEnum):
    """What a list column holds."""

    SEQ = "seq"
    ID_NUMBER = "id_number"
    NAME = "name"
    SEX = "sex"
    REASON = "reason"
    STATUS_DATE = "status_date"
    DEREGISTERED_DATE = "deregistered_date"
    PROGRAM = "program"
    EMPLOYER = "employer"
    CATEGORY = "category"
    POSITION = "position"
    RELATION = "relation"
    CADRE_ID = "cadre_id"
    CADRE_NAME = "cadre_name"
    FROM_PERIOD = "from_period"
    UNTIL_PERIOD = "until_period"
    UNIT = "unit"
    PERIOD = "period"
    AMOUNT = "amount"
    ARRIVED_DATE = "arrived_date"
    ACCOUNT = "account"
    HOLDER_NAME = "holder_name"
    RETURN_STATUS = "return_status"
    FAILURE_REASON = "failure_reason"
    CREDITED_DATE = "credited_date"
    FEE = "fee"
    MEMO = "memo"
    CHECK_DATE = "check_date"
    INSPECTOR = "inspector"
    CARD_IN_HAND = "card_in_hand"
    CARD_HOLDER = "card_holder"
    NOTE = "note"


@dataclass(frozen=True)
class ListColumn:
    """One column of a list: its template title, other names, whether it is required, a note."""

    field: ListField
    title: str
    synonyms: tuple[str, ...] = ()
    required: bool = False
    note: str = ""
    text: bool = False  # formatted as text in the template (IDs, accounts)


@dataclass(frozen=True)
class ListSpec:
    """A list kind: its Chinese name, template columns and what a header must name."""

    kind: ListKind
    title: str
    sheet: str
    columns: tuple[ListColumn, ...]
    must_have: tuple[ListField, ...]  # a header row names all of these
    key: ListField  # the column that makes a row a data row (blank + footer words = not data)
    name: ListField | None = None

    @property
    def vocabulary(self) -> Mapping[str, ListField]:
        """Normalised header text → field, template titles first."""
        found: dict[str, ListField] = {}
        for column in self.columns:
            for text in (column.title, *column.synonyms):
                found.setdefault(normalize_header(text), column.field)
        return found

    def column(self, wanted: ListField) -> ListColumn:
        """The column of a field."""
        return next(c for c in self.columns if c.field is wanted)

    def title_of(self, wanted: ListField) -> str:
        """The template title of a field (for messages)."""
        return self.column(wanted).title


_ID_NOTE = "必填。18位身份证号（最后一位可为X）。本列已设为文本，请勿改成数字格式。"
_SEQ = ListColumn(ListField.SEQ, "序号", ("编号",))
_ID = ListColumn(ListField.ID_NUMBER, "身份证号", ("身份证号码", "公民身份号码", "证件号码", "身份证件号码", "身份证",
                                                "公民身份证号码"), required=True, note=_ID_NOTE, text=True)
_NAME = ListColumn(ListField.NAME, "姓名", ("名字", "人员姓名"), required=True, note="必填。按身份证填写。")
_SEX = ListColumn(ListField.SEX, "性别")
_PROGRAM_NAMES = ("补贴项目", "项目", "项目名称", "补贴类别", "补贴名称", "资金项目", "资金名称")

SPECS: Mapping[ListKind, ListSpec] = {
    ListKind.STATUS: ListSpec(
        ListKind.STATUS, "死亡、迁出、退出人员名单", "状态名单",
        (_SEQ, _ID, _NAME, _SEX,
         ListColumn(ListField.REASON, "事由", ("变动事由", "变动原因", "原因", "类型", "变动类型", "注销原因"),
                    note="死亡 / 迁出 / 退出。整张表都是同一事由时可不填，导入时用 --reason 指定。"),
         ListColumn(ListField.STATUS_DATE, "日期", ("死亡日期", "迁出日期", "退出日期", "变动日期", "死亡时间",
                                                "迁出时间", "注销日期"),
                    required=True, note="必填。死亡、迁出或退出的日期，如 2018-03-05。"),
         ListColumn(ListField.DEREGISTERED_DATE, "注销户籍日期", ("销户日期", "户籍注销日期")),
         ListColumn(ListField.PROGRAM, "补贴项目", _PROGRAM_NAMES[1:],
                    note="只退出某一个项目时填写；不填表示不涉及具体项目。")),
        must_have=(ListField.ID_NUMBER, ListField.NAME), key=ListField.ID_NUMBER, name=ListField.NAME),
    ListKind.STAFF: ListSpec(
        ListKind.STAFF, "财政供养人员名单", "财政供养人员",
        (_SEQ, _ID, _NAME, _SEX,
         ListColumn(ListField.EMPLOYER, "单位", ("工作单位", "所在单位", "单位名称", "供职单位")),
         ListColumn(ListField.CATEGORY, "人员类别", ("类别", "身份", "编制类型", "人员身份"))),
        must_have=(ListField.ID_NUMBER, ListField.NAME), key=ListField.ID_NUMBER, name=ListField.NAME),
    ListKind.CADRES: ListSpec(
        ListKind.CADRES, "村干部及近亲属名单", "村干部及近亲属",
        (_SEQ, _ID, _NAME,
         ListColumn(ListField.POSITION, "职务", ("干部职务", "担任职务", "现任职务")),
         ListColumn(ListField.RELATION, "关系", ("与干部关系", "亲属关系", "与村干部关系", "称谓"),
                    note="本人 / 配偶 / 子女 / 父母 / 兄弟姐妹 等。不填按“本人”。"),
         ListColumn(ListField.CADRE_ID, "干部身份证号", ("村干部身份证号", "干部身份证号码", "村干部身份证号码"),
                    note="亲属所对应的村干部的身份证号；本人一行可不填。", text=True),
         ListColumn(ListField.CADRE_NAME, "干部姓名", ("村干部姓名",))),
        must_have=(ListField.ID_NUMBER, ListField.NAME), key=ListField.ID_NUMBER, name=ListField.NAME),
    ListKind.ELIGIBLE: ListSpec(
        ListKind.ELIGIBLE, "应享名单", "应享名单",
        (_SEQ, _ID, _NAME,
         ListColumn(ListField.PROGRAM, "补贴项目", _PROGRAM_NAMES[1:], required=True,
                    note="必填（或导入时用 --program）。"),
         ListColumn(ListField.FROM_PERIOD, "起始期间", ("享受起始期间", "起始年月", "开始期间", "享受起始年月",
                                                    "起始时间", "起享期间", "享受时间"),
                    required=True, note="必填（或导入时用 --period）。如 2018、2018-03。"),
         ListColumn(ListField.UNTIL_PERIOD, "终止期间", ("截止期间", "终止年月", "享受终止期间"),
                    note="不再享受的最后一期；仍在享受时不填。")),
        must_have=(ListField.ID_NUMBER, ListField.NAME), key=ListField.ID_NUMBER, name=ListField.NAME),
    ListKind.ALLOCATIONS: ListSpec(
        ListKind.ALLOCATIONS, "资金拨付明细", "资金拨付",
        (_SEQ,
         ListColumn(ListField.PROGRAM, "补贴项目", _PROGRAM_NAMES[1:], required=True,
                    note="必填（或导入时用 --program）。"),
         ListColumn(ListField.UNIT, "单位", ("拨付单位", "收款单位", "乡镇", "乡镇(街道)", "单位名称", "拨付对象"),
                    note="资金拨到的乡镇或单位；不填表示本单位。"),
         ListColumn(ListField.PERIOD, "期间", ("补贴期间", "所属期间", "资金所属期", "年度", "补贴年度"),
                    required=True, note="必填（或导入时用 --period）。"),
         ListColumn(ListField.AMOUNT, "拨付金额", ("金额", "下达金额", "拨付资金", "资金金额", "到位金额"),
                    required=True, note="必填，单位元。"),
         ListColumn(ListField.ARRIVED_DATE, "到位日期", ("拨付日期", "下达日期", "到账日期", "资金到位日期"),
                    required=True, note="必填。资金到达本级的日期。"),
         ListColumn(ListField.NOTE, "备注", ("文号", "说明"))),
        must_have=(ListField.AMOUNT, ListField.PERIOD), key=ListField.AMOUNT, name=ListField.PROGRAM),
    ListKind.BANK_RETURN: ListSpec(
        ListKind.BANK_RETURN, "银行代发回盘", "回盘明细",
        (_SEQ,
         ListColumn(ListField.ACCOUNT, "账号", ("银行账号", "卡号", "一卡通账号", "收款账号", "账户", "收款人账号"),
                    required=True, note="必填。本列已设为文本。", text=True),
         ListColumn(ListField.HOLDER_NAME, "户名", ("账户户名", "收款人", "收款人姓名", "姓名", "账户名称")),
         ListColumn(ListField.AMOUNT, "金额", ("交易金额", "代发金额", "发放金额", "入账金额"),
                    required=True, note="必填，单位元。"),
         ListColumn(ListField.RETURN_STATUS, "状态", ("处理状态", "交易状态", "处理结果", "入账状态", "结果"),
                    required=True, note="成功 / 失败。"),
         ListColumn(ListField.FAILURE_REASON, "失败原因", ("原因", "错误信息", "失败说明", "备注")),
         ListColumn(ListField.CREDITED_DATE, "入账日期", ("交易日期", "处理日期", "记账日期", "到账日期")),
         ListColumn(ListField.FEE, "手续费", ("费用", "手续费金额")),
         ListColumn(ListField.MEMO, "摘要", ("用途", "附言"))),
        must_have=(ListField.ACCOUNT, ListField.AMOUNT), key=ListField.ACCOUNT, name=ListField.HOLDER_NAME),
    ListKind.FIELD_CHECKS: ListSpec(
        ListKind.FIELD_CHECKS, "入户核查（人卡核对）记录", "入户核查",
        (_SEQ, _ID, ListColumn(ListField.NAME, "姓名", _NAME.synonyms),
         ListColumn(ListField.CHECK_DATE, "日期", ("核查日期", "核对日期", "入户日期", "走访日期"), required=True,
                    note="必填。入户核查的日期。"),
         ListColumn(ListField.INSPECTOR, "核查人", ("核查人员", "走访人", "核对人", "检查人")),
         ListColumn(ListField.CARD_IN_HAND, "卡在本人手中", ("卡是否在本人手中", "本人持卡", "是否本人持卡",
                                                        "卡在本人手里", "一卡通是否本人保管"),
                    required=True, note="必填：是 / 否。"),
         ListColumn(ListField.CARD_HOLDER, "持卡人", ("实际持卡人", "代管人", "保管人")),
         ListColumn(ListField.NOTE, "说明", ("备注", "情况说明"))),
        must_have=(ListField.ID_NUMBER, ListField.CARD_IN_HAND), key=ListField.ID_NUMBER, name=ListField.NAME),
}


def list_kind(text: str) -> ListKind | None:
    """The kind a CLI word names (bank_return and bank-return alike)."""
    try:
        return ListKind(text.strip().lower().replace("_", "-"))
    except ValueError:
        return None
