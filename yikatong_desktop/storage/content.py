"""Business content of live records, for the stats digest and packages (SPEC §8, §12).

Natural keys and values only — no uids, owners, versions or local keys — so two
databases holding the same facts yield the same content however they got it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, Select, select

from yikatong_desktop.storage import tables as t

P, PR, A, H, ST = t.payments, t.persons, t.bank_accounts, t.households, t.program_standards


def _orgs() -> Select[Any]:
    o = t.org_units
    return select(o.c.code, o.c.name, o.c.level, o.c.parent_code).where(o.c.voided.is_(False))


def _programs() -> Select[Any]:
    g = t.programs
    return select(g.c.code, g.c.name, g.c.department, g.c.basis, g.c.frequency, g.c.unit,
                  g.c.funding_levels, g.c.synonyms, g.c.card_required, g.c.household_based,
                  g.c.min_age, g.c.excludes_public_employees, g.c.area, g.c.grace_days,
                  g.c.in_scope).where(g.c.voided.is_(False))


def _standards() -> Select[Any]:
    return (select(t.programs.c.code.label("program"), ST.c.year, ST.c.tier, ST.c.min_age, ST.c.max_age,
                   ST.c.amount_fen, ST.c.unit, ST.c.confirmed)
            .join(t.programs, t.programs.c.id == ST.c.program_id).where(ST.c.voided.is_(False)))


def _households() -> Select[Any]:
    return select(H.c.hh_key, H.c.hh_no, H.c.head_name, H.c.head_id_number, H.c.village_code,
                  H.c.group_code).where(H.c.voided.is_(False))


def _persons() -> Select[Any]:
    return (select(PR.c.id_number, PR.c.id_valid, PR.c.name, PR.c.sex, PR.c.ethnicity, PR.c.birth_date,
                   H.c.hh_key.label("household"), PR.c.village_code, PR.c.group_code, PR.c.phone)
            .outerjoin(H, H.c.id == PR.c.household_id).where(PR.c.voided.is_(False)))


def _accounts() -> Select[Any]:
    return select(A.c.bank, A.c.number).where(A.c.voided.is_(False))


def _payments() -> Select[Any]:
    return (select(PR.c.id_number.label("person"), t.programs.c.code.label("program"), P.c.year,
                   P.c.period_label.label("period"), P.c.paid_date, P.c.occurrence, P.c.quantity,
                   P.c.standard_fen, P.c.due_fen, P.c.paid_fen, P.c.due_date, P.c.method,
                   A.c.bank.label("account_bank"), A.c.number.label("account_number"),
                   P.c.township_code, P.c.village_code, P.c.group_code, P.c.written_name, P.c.written_sex,
                   P.c.written_holder_name, P.c.written_holder_id, P.c.remark)
            .join(PR, PR.c.id == P.c.person_id).join(t.programs, t.programs.c.id == P.c.program_id)
            .outerjoin(A, A.c.id == P.c.account_id).where(P.c.voided.is_(False)))


def _about_person(table: Any, *columns: str, program: bool = False) -> Select[Any]:
    """A list record about a person: the person's ID number instead of local keys."""
    stmt = select(PR.c.id_number.label("person"), *(table.c[c] for c in columns)).join(PR, PR.c.id == table.c.person_id)
    if program:
        g = t.programs.alias("list_program")
        stmt = stmt.add_columns(g.c.code.label("program")).outerjoin(g, g.c.id == table.c.program_id)
    return stmt.where(table.c.voided.is_(False))


def _statuses() -> Select[Any]:
    return _about_person(t.person_statuses, "status", "reason", "status_date", "deregistered_date",
                         "written_name", program=True)


def _public_employees() -> Select[Any]:
    return _about_person(t.public_employees, "employer", "category", "written_name")


def _cadres() -> Select[Any]:
    c = t.cadres
    cadre = PR.alias("cadre")
    return (_about_person(c, "position", "relation", "cadre_name", "written_name")
            .add_columns(cadre.c.id_number.label("cadre")).outerjoin(cadre, cadre.c.id == c.c.cadre_person_id))


def _eligible() -> Select[Any]:
    return _about_person(t.eligible_entries, "from_label", "from_start", "until_label", "until_end",
                         "written_name", program=True)


def _allocations() -> Select[Any]:
    f = t.fund_allocations
    return (select(t.programs.c.code.label("program"), f.c.org_code, f.c.unit, f.c.period_label, f.c.amount_fen,
                   f.c.arrived_date, f.c.note, f.c.occurrence)
            .join(t.programs, t.programs.c.id == f.c.program_id).where(f.c.voided.is_(False)))


def _bank_returns() -> Select[Any]:
    r = t.bank_returns
    paid = P.alias("answered")
    payee = PR.alias("payee")
    g = t.programs.alias("answered_program")
    return (select(r.c.account_number, r.c.holder_name, r.c.amount_fen, r.c.succeeded, r.c.failure_reason,
                   r.c.credited_date, r.c.fee_fen, r.c.memo, r.c.occurrence, payee.c.id_number.label("payment_person"),
                   g.c.code.label("payment_program"), paid.c.period_label.label("payment_period"),
                   paid.c.paid_date.label("payment_date"), paid.c.occurrence.label("payment_occurrence"))
            .outerjoin(paid, paid.c.id == r.c.payment_id).outerjoin(payee, payee.c.id == paid.c.person_id)
            .outerjoin(g, g.c.id == paid.c.program_id).where(r.c.voided.is_(False)))


def _field_checks() -> Select[Any]:
    return _about_person(t.field_checks, "check_date", "inspector", "card_in_hand", "card_holder", "note",
                         "occurrence", "written_name")


def _problems() -> Select[Any]:
    pb, g = t.problems, t.programs.alias("problem_program")
    return (select(pb.c.number, pb.c.source, pb.c.category, pb.c.description, pb.c.org_code, pb.c.department,
                   g.c.code.label("program"), pb.c.persons, pb.c.amount_fen, pb.c.responsible_unit,
                   pb.c.responsible_person, pb.c.measures, pb.c.deadline, pb.c.state, pb.c.registered_on,
                   pb.c.registered_by, pb.c.applied_on, pb.c.closed_on, pb.c.closed_by, pb.c.reason, pb.c.outcome,
                   pb.c.handled_persons, pb.c.came_forward, pb.c.repaid, pb.c.transfer_to, pb.c.transfer_on,
                   pb.c.transfer_doc, pb.c.clue_source, pb.c.clue_ref)
            .outerjoin(g, g.c.id == pb.c.program_id).where(pb.c.voided.is_(False)))


def _recoveries() -> Select[Any]:
    r = t.problem_recoveries
    return (select(t.problems.c.number.label("problem"), r.c.amount_fen, r.c.recovered_on, r.c.receipt, r.c.note)
            .join(t.problems, t.problems.c.id == r.c.problem_id).where(r.c.voided.is_(False)))


def _complaints() -> Select[Any]:
    c, g, pb = t.complaints, t.programs.alias("complaint_program"), t.problems.alias("complaint_problem")
    return (select(c.c.number, c.c.received_on, c.c.channel, c.c.anonymous, c.c.complainant, c.c.contact,
                   c.c.content, c.c.concerned, g.c.code.label("program"), c.c.org_code, c.c.handling, c.c.result,
                   c.c.deadline, c.c.state, c.c.registered_on, c.c.registered_by, c.c.closed_on, c.c.closed_by,
                   c.c.reason, pb.c.number.label("problem"), c.c.notice_ref, c.c.persons)
            .outerjoin(g, g.c.id == c.c.program_id).outerjoin(pb, pb.c.id == c.c.problem_id)
            .where(c.c.voided.is_(False)))


def _notices() -> Select[Any]:
    n = t.notices
    return select(n.c.owner_org, n.c.number, n.c.township_code, n.c.village_code, n.c.programs, n.c.period_label,
                  n.c.title, n.c.start_on, n.c.days, n.c.end_on, n.c.row_count, n.c.total_fen, n.c.fingerprint,
                  n.c.header, n.c.made_on, n.c.made_by, n.c.posted_on, n.c.posted_by).where(n.c.voided.is_(False))


def _evidence() -> Select[Any]:
    e, pb, c = t.evidence_files, t.problems.alias("evidence_problem"), t.complaints.alias("evidence_complaint")
    n = t.notices.alias("evidence_notice")
    return (select(pb.c.number.label("problem"), c.c.number.label("complaint"), n.c.number.label("notice"),
                   e.c.file_name, e.c.media_type, e.c.size, e.c.sha256, e.c.note)
            .outerjoin(pb, pb.c.id == e.c.problem_id).outerjoin(c, c.c.id == e.c.complaint_id)
            .outerjoin(n, n.c.id == e.c.notice_id).where(e.c.voided.is_(False)))


def _selfcheck_forms() -> Select[Any]:
    f = t.selfcheck_forms
    return (select(f.c.scope_kind, f.c.scope, t.programs.c.code.label("program"), f.c.answers)
            .join(t.programs, t.programs.c.id == f.c.program_id).where(f.c.voided.is_(False)))


def _reports() -> Select[Any]:
    r = t.reports
    return select(r.c.owner_org, r.c.kind, r.c.scope_kind, r.c.scope, r.c.period, r.c.narrative, r.c.figures,
                  r.c.pdf_sha256, r.c.signed_by, r.c.certificate, r.c.sent_on).where(r.c.voided.is_(False))


def _revocations() -> Select[Any]:
    k = t.key_revocations
    return select(k.c.owner_org, k.c.org_code, k.c.ed25519_fingerprint, k.c.revoked_on, k.c.reason).where(
        k.c.voided.is_(False))


def _batches() -> Select[Any]:
    b, r = t.import_batches, t.import_batches.alias("replaced_batch")
    return (select(b.c.kind, b.c.file_name, b.c.file_sha256, b.c.program_code, b.c.period_label, b.c.rows_total,
                   b.c.rows_accepted, b.c.rows_warned, b.c.rows_rejected, b.c.imported_at, b.c.actor,
                   r.c.file_sha256.label("replaces"))
            .outerjoin(r, r.c.uid == b.c.replaces_uid).where(b.c.voided.is_(False)))


def _findings() -> Select[Any]:
    f, pr, a, g = t.findings, t.persons, t.bank_accounts, t.programs
    return (select(f.c.rule, f.c.subject_kind, pr.c.id_number.label("person"), a.c.bank.label("account_bank"),
                   a.c.number.label("account_number"), g.c.code.label("program"), f.c.period_label, f.c.org_code,
                   f.c.amount_fen, f.c.severity, f.c.status)
            .outerjoin(pr, pr.c.id == f.c.person_id).outerjoin(a, a.c.id == f.c.account_id)
            .outerjoin(g, g.c.id == f.c.program_id).where(f.c.voided.is_(False)))


def _decisions() -> Select[Any]:
    d, pb = t.decisions, t.problems.alias("decided_problem")
    return (select(d.c.owner_org, pb.c.owner_org.label("problem_owner"), pb.c.number.label("problem"), d.c.decision,
                   d.c.reason, d.c.decided_on, d.c.decided_by)
            .join(pb, pb.c.id == d.c.problem_id).where(d.c.voided.is_(False)))


#: Kind name (as `ykt stats` prints it) → query of business content.
CONTENT_QUERIES = {
    "org_units": _orgs,
    "programs": _programs,
    "program_standards": _standards,
    "households": _households,
    "persons": _persons,
    "bank_accounts": _accounts,
    "import_batches": _batches,
    "payments": _payments,
    "person_statuses": _statuses,
    "public_employees": _public_employees,
    "cadres": _cadres,
    "eligible_entries": _eligible,
    "fund_allocations": _allocations,
    "bank_returns": _bank_returns,
    "field_checks": _field_checks,
    "findings": _findings,
    "problems": _problems,
    "problem_recoveries": _recoveries,
    "decisions": _decisions,
    "complaints": _complaints,
    "notices": _notices,
    "evidence_files": _evidence,
    "selfcheck_forms": _selfcheck_forms,
    "reports": _reports,
    "key_revocations": _revocations,
}


def business_rows(conn: Connection, kind: str) -> Iterator[dict[str, Any]]:
    """Live records of a kind as plain dicts of their business content."""
    result = conn.execute(CONTENT_QUERIES[kind]().execution_options(yield_per=5000))
    for row in result:
        item = dict(row._mapping)
        for key in ("funding_levels", "synonyms", "area", "persons", "answers", "programs", "header", "narrative",
                    "figures"):
            if item.get(key) is not None:
                item[key] = json.loads(item[key])
        yield item
