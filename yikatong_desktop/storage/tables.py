"""The schema (SPEC §12): every shared record has uid, owner_org, version, voided.

Local integer keys never leave the database; the canonical encoding refers to
other records by uid or natural key. Changes move only through Alembic
migrations (storage/migrations).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from yikatong_desktop.storage.types import ExactDecimal, UtcDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _record_columns() -> list[Column[object]]:
    """Identity and version columns every exchanged record carries."""
    return [
        Column("id", Integer, primary_key=True),
        Column("uid", String(36), nullable=False, unique=True),
        Column("owner_org", String(40), nullable=False),
        Column("version", BigInteger, nullable=False),
        Column("voided", Boolean, nullable=False, default=False),
        Column("updated_at", UtcDateTime, nullable=False),
    ]


settings = Table(
    "settings", metadata,
    Column("key", String(100), primary_key=True),
    Column("value", Text, nullable=False),  # JSON
)

org_units = Table(
    "org_units", metadata,
    *_record_columns(),
    Column("code", String(40), nullable=False, unique=True),
    Column("name", String(100), nullable=False),
    Column("level", String(20), nullable=False),
    Column("parent_code", String(40), nullable=True, index=True),
    Column("official_code", Boolean, nullable=False, default=True),
)

programs = Table(
    "programs", metadata,
    *_record_columns(),
    Column("code", String(20), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("department", String(50), nullable=False),
    Column("basis", String(20), nullable=False),
    Column("frequency", String(20), nullable=False),
    Column("unit", String(30), nullable=False),
    Column("funding_levels", Text, nullable=False),  # JSON list
    Column("synonyms", Text, nullable=False),  # JSON list
    Column("card_required", Boolean, nullable=False),
    Column("household_based", Boolean, nullable=False),
    Column("min_age", Integer, nullable=True),
    Column("excludes_public_employees", Boolean, nullable=False),
    Column("area", Text, nullable=False),  # JSON list of org codes; empty = everywhere
    Column("grace_days", Integer, nullable=False),
    Column("in_scope", Boolean, nullable=False),
)

program_standards = Table(
    "program_standards", metadata,
    *_record_columns(),
    Column("program_id", Integer, ForeignKey("programs.id"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("tier", String(50), nullable=False, default=""),
    Column("min_age", Integer, nullable=True),
    Column("max_age", Integer, nullable=True),
    Column("amount_fen", BigInteger, nullable=False),
    Column("unit", String(30), nullable=False),
    Column("confirmed", Boolean, nullable=False, default=True),
    UniqueConstraint("program_id", "year", "tier"),
)

households = Table(
    "households", metadata,
    *_record_columns(),
    Column("hh_key", String(200), nullable=False, unique=True),  # 户编号, else 户主身份证号, else 村|组|户主姓名
    Column("hh_no", String(50), nullable=True),
    Column("head_name", String(100), nullable=True),
    Column("head_id_number", String(40), nullable=True),
    Column("village_code", String(40), nullable=True),
    Column("group_code", String(40), nullable=True),
)

persons = Table(
    "persons", metadata,
    *_record_columns(),
    Column("id_number", String(40), nullable=False, unique=True),
    Column("id_valid", Boolean, nullable=False),
    Column("id_problems", String(50), nullable=False, default=""),
    Column("name", String(100), nullable=False),
    Column("name_key", String(100), nullable=False, index=True),
    Column("pinyin", String(300), nullable=False, index=True),
    Column("sex", String(2), nullable=True),
    Column("ethnicity", String(20), nullable=True),
    Column("birth_date", Date, nullable=True),
    Column("household_id", Integer, ForeignKey("households.id"), nullable=True, index=True),
    Column("village_code", String(40), nullable=True, index=True),
    Column("group_code", String(40), nullable=True),
    Column("phone", String(30), nullable=True),
    Index("ix_persons_pinyin_id", "pinyin", "id"),
)

bank_accounts = Table(
    "bank_accounts", metadata,
    *_record_columns(),
    Column("bank", String(60), nullable=False),
    Column("number", String(40), nullable=False, index=True),
    UniqueConstraint("bank", "number"),
)

import_batches = Table(
    "import_batches", metadata,
    *_record_columns(),
    Column("kind", String(30), nullable=False),
    Column("file_name", String(300), nullable=False),
    Column("file_sha256", String(64), nullable=False, index=True),
    Column("program_code", String(20), nullable=True),
    Column("period_label", String(10), nullable=True),
    Column("rows_total", Integer, nullable=False, default=0),
    Column("rows_accepted", Integer, nullable=False, default=0),
    Column("rows_warned", Integer, nullable=False, default=0),
    Column("rows_rejected", Integer, nullable=False, default=0),
    Column("imported_at", UtcDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("replaces_uid", String(36), nullable=True),
)

payments = Table(
    "payments", metadata,
    *_record_columns(),
    Column("person_id", Integer, ForeignKey("persons.id"), nullable=False, index=True),
    Column("program_id", Integer, ForeignKey("programs.id"), nullable=False),
    Column("year", Integer, nullable=False, index=True),
    Column("period_label", String(10), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("quantity", ExactDecimal, nullable=True),
    Column("standard_fen", BigInteger, nullable=True),
    Column("due_fen", BigInteger, nullable=True),
    Column("paid_fen", BigInteger, nullable=True),
    Column("due_date", Date, nullable=True),
    Column("paid_date", Date, nullable=True),
    Column("method", String(10), nullable=False),  # card | cash | other
    Column("account_id", Integer, ForeignKey("bank_accounts.id"), nullable=True, index=True),
    Column("township_code", String(40), nullable=True),
    Column("village_code", String(40), nullable=True, index=True),
    Column("group_code", String(40), nullable=True),
    Column("occurrence", Integer, nullable=False, default=1),
    # What the roster *says*, with its provenance (SPEC §12: identities vs facts).
    Column("written_name", String(100), nullable=True),
    Column("written_sex", String(2), nullable=True),
    Column("written_holder_name", String(100), nullable=True),
    Column("written_holder_id", String(40), nullable=True),
    Column("batch_id", Integer, ForeignKey("import_batches.id"), nullable=True, index=True),
    Column("sheet", String(100), nullable=True),
    Column("excel_row", Integer, nullable=True),
    Column("remark", String(300), nullable=True),
    Index(None, "program_id", "period_label"),
    Index("ix_payments_voided_id", "voided", "id"),
    Index("ix_payments_person_id_voided", "person_id", "voided", "id"),
    Index("ix_payments_township_code", "township_code"),
    Index("ix_payments_program_year_voided", "program_id", "year", "voided", "id"),
)

def _from_list() -> list[Column[object]]:
    """Where a list row came from: its import batch, sheet and row as Excel shows it."""
    return [
        Column("batch_id", Integer, ForeignKey("import_batches.id"), nullable=True, index=True),
        Column("sheet", String(100), nullable=True),
        Column("excel_row", Integer, nullable=True),
    ]


def _about_person() -> list[Column[object]]:
    """The person a list row is about, and the name the list wrote."""
    return [
        Column("person_id", Integer, ForeignKey("persons.id"), nullable=False, index=True),
        Column("written_name", String(100), nullable=True),
    ]


#: 死亡 / 迁出 / 退出 (SPEC §5 status list): one live record per person, status and program.
person_statuses = Table(
    "person_statuses", metadata,
    *_record_columns(), *_about_person(),
    Column("status", String(10), nullable=False),  # death | moved | exit
    Column("reason", String(100), nullable=False),
    Column("status_date", Date, nullable=False),
    Column("deregistered_date", Date, nullable=True),
    Column("program_id", Integer, ForeignKey("programs.id"), nullable=True),
    *_from_list(),
)

#: 财政供养人员 (SPEC §5): one live record per person.
public_employees = Table(
    "public_employees", metadata,
    *_record_columns(), *_about_person(),
    Column("employer", String(200), nullable=True),
    Column("category", String(50), nullable=True),
    *_from_list(),
)

#: 村干部及近亲属 (SPEC §5): the cadre (relation 本人) or a relative of the cadre named by cadre_person_id.
cadres = Table(
    "cadres", metadata,
    *_record_columns(), *_about_person(),
    Column("position", String(100), nullable=True),
    Column("relation", String(30), nullable=False),
    Column("cadre_person_id", Integer, ForeignKey("persons.id"), nullable=True),
    Column("cadre_name", String(100), nullable=True),
    *_from_list(),
)

#: 应享名单 (SPEC §5): who should be paid by a program from a period on (until one, if given).
eligible_entries = Table(
    "eligible_entries", metadata,
    *_record_columns(), *_about_person(),
    Column("program_id", Integer, ForeignKey("programs.id"), nullable=False),
    Column("from_label", String(10), nullable=False),
    Column("from_start", Date, nullable=False),
    Column("until_label", String(10), nullable=True),
    Column("until_end", Date, nullable=True),
    *_from_list(),
    Index(None, "program_id", "person_id"),
)

#: 资金拨付 (SPEC §5): money allocated to an org for a program and period.
fund_allocations = Table(
    "fund_allocations", metadata,
    *_record_columns(),
    Column("program_id", Integer, ForeignKey("programs.id"), nullable=False),
    Column("org_code", String(40), nullable=True, index=True),  # the unit, when it names a known org
    Column("unit", String(200), nullable=False),  # as written ("" = the importing org)
    Column("period_label", String(10), nullable=False),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("arrived_date", Date, nullable=False),
    Column("note", String(300), nullable=True),
    Column("occurrence", Integer, nullable=False, default=1),
    *_from_list(),
    Index(None, "program_id", "period_label"),
)

#: Agent-bank 代发回盘 lines (SPEC §5), matched to the payments they answer.
bank_returns = Table(
    "bank_returns", metadata,
    *_record_columns(),
    Column("account_number", String(40), nullable=False, index=True),
    Column("account_id", Integer, ForeignKey("bank_accounts.id"), nullable=True),
    Column("holder_name", String(100), nullable=True),
    Column("amount_fen", BigInteger, nullable=False),
    Column("succeeded", Boolean, nullable=False),
    Column("failure_reason", String(200), nullable=True),
    Column("credited_date", Date, nullable=True),
    Column("fee_fen", BigInteger, nullable=False, default=0),
    Column("memo", String(200), nullable=True),
    Column("payment_id", Integer, ForeignKey("payments.id"), nullable=True, index=True),
    Column("occurrence", Integer, nullable=False, default=1),
    *_from_list(),
)

#: 入户核查 / 人卡核对 (SPEC §5): was the card in the beneficiary's hands?
field_checks = Table(
    "field_checks", metadata,
    *_record_columns(), *_about_person(),
    Column("check_date", Date, nullable=False),
    Column("inspector", String(100), nullable=True),
    Column("card_in_hand", Boolean, nullable=False),
    Column("card_holder", String(100), nullable=True),
    Column("note", String(300), nullable=True),
    Column("occurrence", Integer, nullable=False, default=1),
    *_from_list(),
)

#: Findings of the self-check rules (SPEC §6): uid stable across re-runs (rule + subject), never deleted.
findings = Table(
    "findings", metadata,
    *_record_columns(),
    Column("rule", String(30), nullable=False),
    Column("subject_kind", String(20), nullable=False),  # payment | person | account | org | allocation
    Column("subject_key", String(200), nullable=False),
    Column("severity", String(10), nullable=False),
    Column("person_id", Integer, ForeignKey("persons.id"), nullable=True, index=True),
    Column("payment_id", Integer, ForeignKey("payments.id"), nullable=True, index=True),
    Column("account_id", Integer, ForeignKey("bank_accounts.id"), nullable=True),
    Column("program_id", Integer, ForeignKey("programs.id"), nullable=True),
    Column("period_label", String(10), nullable=True),
    Column("org_code", String(40), nullable=True, index=True),  # the village (else township, else org) concerned
    Column("amount_fen", BigInteger, nullable=False, default=0),
    Column("explanation", String(500), nullable=False),
    Column("evidence", Text, nullable=False),  # JSON list of {kind, uid, label}
    Column("status", String(12), nullable=False),  # open | confirmed | dismissed | resolved
    Column("status_reason", String(500), nullable=True),
    Column("status_by", String(100), nullable=True),
    Column("status_at", UtcDateTime, nullable=True),
    Column("decided_status", String(12), nullable=True),  # confirmed/dismissed kept while resolved
    Column("first_run_id", Integer, nullable=False),
    Column("last_run_id", Integer, nullable=False),
    Column("problem_uid", String(36), nullable=True),  # the ledger problem it became (issue 8)
    Index(None, "rule", "status"),
)

#: 问题台账 (SPEC §7): one row per problem; recovered money lives in problem_recoveries (the 专账).
problems = Table(
    "problems", metadata,
    *_record_columns(),
    Column("number", String(20), nullable=False, index=True),  # 问题编号 such as WT2019-0007, unique per owner
    Column("source", String(12), nullable=False),  # manual | findings | clues | complaint
    Column("category", String(4), nullable=False, index=True),  # 整治内容 code, 1.1 … 3.5
    Column("description", Text, nullable=False),
    Column("org_code", String(40), nullable=True, index=True),
    Column("department", String(50), nullable=True),
    Column("program_id", Integer, ForeignKey("programs.id"), nullable=True),
    Column("persons", Text, nullable=False),  # JSON list of {name, id_number}
    Column("amount_fen", BigInteger, nullable=False, default=0),
    Column("responsible_unit", String(200), nullable=True),
    Column("responsible_person", String(100), nullable=True),
    Column("measures", Text, nullable=False, default=""),
    Column("deadline", Date, nullable=True),
    Column("state", String(12), nullable=False, index=True),
    Column("registered_on", Date, nullable=False),
    Column("registered_by", String(100), nullable=False),
    Column("applied_on", Date, nullable=True),
    Column("closed_on", Date, nullable=True),
    Column("closed_by", String(100), nullable=True),
    Column("reason", Text, nullable=True),  # the last 退回 / 回头看 reason
    Column("outcome", String(20), nullable=True),  # 处理结果
    Column("handled_persons", Integer, nullable=False, default=0),
    Column("came_forward", Boolean, nullable=False, default=False),  # 主动说明
    Column("repaid", Boolean, nullable=False, default=False),  # 退赔
    Column("transfer_to", String(20), nullable=True),  # 线索移交
    Column("transfer_on", Date, nullable=True),
    Column("transfer_doc", String(100), nullable=True),
    Column("clue_source", String(200), nullable=True),  # 线索来源 (大起底: 审计、财政检查…)
    Column("clue_ref", String(100), nullable=True),  # the clue list's own number
    UniqueConstraint("owner_org", "number"),  # each office numbers its own; a county holds several WT2019-0001
)

#: 追回资金专账: each recovery of a problem's money, with its date and receipt.
problem_recoveries = Table(
    "problem_recoveries", metadata,
    *_record_columns(),
    Column("problem_id", Integer, ForeignKey("problems.id"), nullable=False, index=True),
    Column("amount_fen", BigInteger, nullable=False),
    Column("recovered_on", Date, nullable=False),
    Column("receipt", String(100), nullable=False),
    Column("note", String(300), nullable=True),
)

#: A higher office's decision about a problem another office registered (SPEC §8: approving its 销号, or
#: sending it back): a record of the deciding office, carried down and applied there by the problem's owner.
decisions = Table(
    "decisions", metadata,
    *_record_columns(),
    Column("problem_id", Integer, ForeignKey("problems.id"), nullable=False, index=True),
    Column("decision", String(10), nullable=False),  # close | return
    Column("reason", Text, nullable=False, default=""),
    Column("decided_on", Date, nullable=False),
    Column("decided_by", String(100), nullable=False),
)

#: 举报 (SPEC §7): the complainant is seen by the discipline role only and never sent downward.
complaints = Table(
    "complaints", metadata,
    *_record_columns(),
    Column("number", String(20), nullable=False, index=True),  # JB2019-0003, unique per owner
    Column("received_on", Date, nullable=False),
    Column("channel", String(10), nullable=False),
    Column("anonymous", Boolean, nullable=False, default=False),
    Column("complainant", String(100), nullable=True),
    Column("contact", String(100), nullable=True),
    Column("content", Text, nullable=False),
    Column("concerned", String(300), nullable=True),  # persons concerned, as told
    Column("program_id", Integer, ForeignKey("programs.id"), nullable=True),
    Column("org_code", String(40), nullable=True, index=True),
    Column("handling", Text, nullable=False, default=""),  # 办理情况
    Column("result", Text, nullable=False, default=""),  # 办理结果
    Column("deadline", Date, nullable=True),
    Column("state", String(12), nullable=False, index=True),
    Column("registered_on", Date, nullable=False),
    Column("registered_by", String(100), nullable=False),
    Column("closed_on", Date, nullable=True),
    Column("closed_by", String(100), nullable=True),
    Column("reason", Text, nullable=True),
    Column("problem_id", Integer, ForeignKey("problems.id"), nullable=True),
    Column("notice_ref", String(40), nullable=True),  # the 公示 objected to (公示异议)
    Column("persons", Text, nullable=False, default="[]"),  # JSON list of {name, id_number} concerned
    UniqueConstraint("owner_org", "number"),
)

#: 公示 (SPEC §7): a notice per village, program(s) and period; what it printed is frozen in notice_rows.
notices = Table(
    "notices", metadata,
    *_record_columns(),
    Column("number", String(20), nullable=False),  # GS2019-0007, unique per owning org
    Column("township_code", String(40), nullable=True),
    Column("village_code", String(40), nullable=False, index=True),
    Column("programs", Text, nullable=False),  # JSON list of program codes, in section order
    Column("period_label", String(10), nullable=False),
    Column("title", String(200), nullable=False),
    Column("start_on", Date, nullable=False),
    Column("days", Integer, nullable=False),
    Column("end_on", Date, nullable=False),
    Column("row_count", Integer, nullable=False),
    Column("total_fen", BigInteger, nullable=False),
    Column("fingerprint", String(20), nullable=False),  # printed form, D3A2-91BC-0D4E
    Column("header", Text, nullable=False),  # JSON: what it printed around the table (names, hotlines, signers)
    Column("made_on", Date, nullable=False),
    Column("made_by", String(100), nullable=False),
    Column("posted_on", Date, nullable=True),
    Column("posted_by", String(100), nullable=True),
    UniqueConstraint("owner_org", "number"),
)

#: The rows a notice printed, frozen: the payment each row is about and the row as printed (JSON).
notice_rows = Table(
    "notice_rows", metadata,
    Column("id", Integer, primary_key=True),
    Column("notice_id", Integer, ForeignKey("notices.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("payment_id", Integer, ForeignKey("payments.id"), nullable=False),
    Column("printed", Text, nullable=False),
    UniqueConstraint("notice_id", "seq"),
    # NOT_PUBLICISED looks up every payment's notices: an index that answers it without the rows.
    Index("ix_notice_rows_payment_id_notice_id", "payment_id", "notice_id"),
)

#: Evidence files of a problem or complaint: name, type, size and SHA-256; the bytes in evidence_blobs.
evidence_files = Table(
    "evidence_files", metadata,
    *_record_columns(),
    Column("problem_id", Integer, ForeignKey("problems.id"), nullable=True, index=True),
    Column("complaint_id", Integer, ForeignKey("complaints.id"), nullable=True, index=True),
    Column("notice_id", Integer, ForeignKey("notices.id"), nullable=True, index=True),  # a posted notice's photo
    Column("file_name", String(255), nullable=False),
    Column("media_type", String(80), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    Column("note", String(300), nullable=True),
    Column("added_by", String(100), nullable=False),
)

#: The bytes of evidence files, once per content: kept in the database so backups carry them.
evidence_blobs = Table(
    "evidence_blobs", metadata,
    Column("sha256", String(64), primary_key=True),
    Column("content", LargeBinary, nullable=False),
)

#: 自查表 answers (SPEC §7) as a clerk saved them, per org or department and program.
selfcheck_forms = Table(
    "selfcheck_forms", metadata,
    *_record_columns(),
    Column("scope_kind", String(12), nullable=False),  # org | department
    Column("scope", String(100), nullable=False),  # org code or department name
    Column("program_id", Integer, ForeignKey("programs.id"), nullable=False),
    Column("answers", Text, nullable=False),  # JSON item code → {answer, count, amount_fen, measures}
    Column("saved_by", String(100), nullable=False),
    UniqueConstraint("scope_kind", "scope", "program_id"),
)

#: 月报 and 总结 (SPEC §7): the clerk's narrative, and the last PDF made from it with what it printed (frozen).
reports = Table(
    "reports", metadata,
    *_record_columns(),
    Column("kind", String(10), nullable=False),  # monthly | summary
    Column("scope_kind", String(12), nullable=False),  # org | department
    Column("scope", String(100), nullable=False),  # org code or department name
    Column("period", String(10), nullable=False),  # 2019-07 (monthly) or the campaign year 2019 (summary)
    Column("narrative", Text, nullable=False),  # JSON section key → text
    Column("figures", Text, nullable=True),  # JSON of what the last PDF printed
    Column("made_at", UtcDateTime, nullable=True),
    Column("made_by", String(100), nullable=True),
    Column("data_head", String(100), nullable=True),  # the audit chain head the figures were taken at
    Column("catalogue_version", String(20), nullable=True),
    Column("pdf_sha256", String(64), nullable=True),  # its bytes in evidence_blobs
    Column("signed_by", String(100), nullable=True),
    Column("signed_at", UtcDateTime, nullable=True),
    Column("certificate", String(64), nullable=True),  # SHA-256 fingerprint of the signing certificate
    Column("sent_on", Date, nullable=True),  # 已报送
    Column("sent_by", String(100), nullable=True),
    UniqueConstraint("owner_org", "kind", "scope_kind", "scope", "period"),
)

#: Offices whose exchange keys this one trusts (SPEC §8, `ykt keys trust`): local, never exchanged.
peers = Table(
    "peers", metadata,
    Column("id", Integer, primary_key=True),
    Column("org_code", String(40), nullable=False, unique=True),
    Column("org_name", String(200), nullable=False),
    Column("level", String(20), nullable=True),
    Column("ed25519", String(60), nullable=False),  # base64 of the raw public keys
    Column("x25519", String(60), nullable=False),
    Column("ed25519_fingerprint", String(40), nullable=False),
    Column("x25519_fingerprint", String(40), nullable=False),
    Column("certificate_pem", Text, nullable=True),
    Column("note", String(300), nullable=False, default=""),
    Column("trusted_at", UtcDateTime, nullable=False),
    Column("trusted_by", String(100), nullable=False),
    Column("revoked_at", UtcDateTime, nullable=True),
    Column("revoked_by", String(100), nullable=True),
    Column("revoke_reason", String(300), nullable=True),
    Column("version", Integer, nullable=False, default=1),
)

#: Key revocations (`ykt keys revoke ORG`): records of the revoking office, carried downward in packages.
key_revocations = Table(
    "key_revocations", metadata,
    *_record_columns(),
    Column("org_code", String(40), nullable=False, index=True),
    Column("ed25519_fingerprint", String(40), nullable=False),
    Column("revoked_on", Date, nullable=False),
    Column("reason", String(300), nullable=False, default=""),
    UniqueConstraint("org_code", "ed25519_fingerprint"),
)

#: Packages sent and received (SPEC §8): sequence, epoch, hash and what each did; local, never exchanged.
exchange_packages = Table(
    "exchange_packages", metadata,
    Column("id", Integer, primary_key=True),
    Column("direction", String(3), nullable=False),  # out | in
    Column("peer_code", String(40), nullable=False),  # the recipient (out) or the sender (in)
    Column("package_id", String(36), nullable=False),
    Column("epoch", Integer, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),  # of the whole file; the bytes of received ones in evidence_blobs
    Column("created", String(40), nullable=False),
    Column("counts", Text, nullable=False),  # JSON kind → records
    Column("audit_head", Text, nullable=True),  # JSON {seq, hash} of the sender's chain
    Column("watermark", BigInteger, nullable=True),  # out: the Lamport counter when it was made
    Column("summary", Text, nullable=True),  # in: JSON of what the merge did
    Column("file_name", String(255), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    UniqueConstraint("direction", "peer_code", "epoch", "sequence"),
    Index(None, "sha256"),
)

#: One row per rule per run of the checks (local, not exchanged).
check_runs = Table(
    "check_runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", UtcDateTime, nullable=False),
    Column("finished_at", UtcDateTime, nullable=True),
    Column("actor", String(100), nullable=False),
    Column("rules", Text, nullable=False),  # JSON list of codes run
    Column("catalogue_version", String(20), nullable=False),
    Column("counts", Text, nullable=False, default="{}"),  # JSON code → {open, new, resolved, amount_fen}
)

#: People who log in (SPEC §9; "accounts" are bank accounts). Local to an installation: never exchanged.
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False, unique=True),
    Column("name", String(40), nullable=False, unique=True),
    Column("display_name", String(100), nullable=False),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(200), nullable=False),  # Argon2id, PHC string
    Column("disabled", Boolean, nullable=False, default=False),
    Column("failed_logins", Integer, nullable=False, default=0),
    Column("locked_until", UtcDateTime, nullable=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(100), nullable=False),
    Column("last_login_at", UtcDateTime, nullable=True),
    Column("password_changed_at", UtcDateTime, nullable=False),
    Column("version", Integer, nullable=False, default=1),
)

#: Old versions of changed records (the live row holds the newest).
record_history = Table(
    "record_history", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(30), nullable=False),
    Column("uid", String(36), nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("owner_org", String(40), nullable=False),
    Column("voided", Boolean, nullable=False),
    Column("content", Text, nullable=False),  # canonical JSON of that version
    Column("superseded_at", UtcDateTime, nullable=False),
    Index(None, "kind", "uid"),
)

#: Append-only, hash-chained per org (SPEC §9, §12).
audit_events = Table(
    "audit_events", metadata,
    Column("id", Integer, primary_key=True),
    Column("org_code", String(40), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(60), nullable=False),
    Column("object_kind", String(30), nullable=True),
    Column("object_uid", String(36), nullable=True),
    Column("detail", Text, nullable=False),  # canonical JSON, masked
    UniqueConstraint("org_code", "seq"),
)

#: Kinds of exchanged records and their tables, in dependency order.
RECORD_TABLES = {
    "org_units": org_units,
    "programs": programs,
    "program_standards": program_standards,
    "households": households,
    "persons": persons,
    "bank_accounts": bank_accounts,
    "import_batches": import_batches,
    "payments": payments,
    "person_statuses": person_statuses,
    "public_employees": public_employees,
    "cadres": cadres,
    "eligible_entries": eligible_entries,
    "fund_allocations": fund_allocations,
    "bank_returns": bank_returns,
    "field_checks": field_checks,
    "findings": findings,
    "problems": problems,
    "problem_recoveries": problem_recoveries,
    "decisions": decisions,
    "complaints": complaints,
    "notices": notices,
    "evidence_files": evidence_files,
    "selfcheck_forms": selfcheck_forms,
    "reports": reports,
    "key_revocations": key_revocations,
}
