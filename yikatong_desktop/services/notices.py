"""公示 lists (SPEC §7): made per village, program(s) and period, recorded, posted, objected to, checked.

A notice lists the live payments of a village's program(s) whose period lies within the notice's
period. What it prints is frozen when it is made (one row per payment, masked), with a short number and
a fingerprint of exactly what was printed; the QR code on the paper carries both, so an inspector can
tell a paper that matches the database from one that was changed, and whether the payments themselves
changed since (`check`). Posting (date, who, a photo) and objections (公示异议, each a complaint about
the persons concerned) are recorded; NOT_PUBLICISED (SPEC §6) reads the posting dates.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.ids import mask_id
from yikatong_desktop.domain.names import normalize_name
from yikatong_desktop.domain.notices import (
    DEFAULT_DAYS,
    NoticeDoc,
    NoticeLine,
    NoticeSection,
    check_days,
    fingerprint,
    normalize_fingerprint,
    notice_title,
    parse_qr,
    qr_payload,
)
from yikatong_desktop.domain.periods import Period, parse_period
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.privacy import mask_text
from yikatong_desktop.domain.values_errors import ValueRejected
from yikatong_desktop.services import complaints
from yikatong_desktop.services.audit import org_code, record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.evidence import attach, read_evidence
from yikatong_desktop.services.ledger_fields import parse_day
from yikatong_desktop.services.ledger_moves import today
from yikatong_desktop.services.rule_params import current_value as rule_param
from yikatong_desktop.storage import notice_store as store
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: What a draft shows where a made notice prints its number and fingerprint.
DRAFT_NUMBER = "（保存后编号）"
DRAFT_FINGERPRINT = "----"
OBJECTION_CHANNEL = "公示异议"


@dataclass(frozen=True)
class NoticeRequest:
    """What a clerk asks for: a village, its program(s) and period, and the notice period."""

    village: str  # code or exact name
    programs: Sequence[str]  # code, name or synonym each; one section each, in this order
    period: str
    start: object  # a date, or text such as 2019-05-10
    days: int = DEFAULT_DAYS
    preparer: str = ""
    reviewer: str = ""
    landscape: bool = False


@dataclass(frozen=True)
class Notice:
    """A made notice as listed: where, what, when, and whether it was posted."""

    uid: str
    number: str
    owner_org: str
    village_code: str
    village_name: str
    township_code: str | None
    township_name: str
    programs: tuple[str, ...]
    period_label: str
    title: str
    start_on: date
    days: int
    end_on: date
    row_count: int
    total_fen: int
    fingerprint: str
    made_on: date
    made_by: str
    posted_on: date | None
    posted_by: str | None
    photo_count: int
    objection_count: int
    version: int

    def status(self, day: date) -> str:
        """未张贴, 公示中 (posted, period not over) or 公示期满."""
        if self.posted_on is None:
            return "未张贴"
        return "公示中" if day <= self.end_on else "公示期满"

    def as_json(self, day: date) -> dict[str, Any]:
        """The object `ykt notice list --json` prints."""
        out: dict[str, Any] = {k: getattr(self, k) for k in (
            "uid", "number", "owner_org", "village_code", "village_name", "township_code", "period_label", "title",
            "days", "row_count", "total_fen", "fingerprint", "made_by", "posted_by", "photo_count",
            "objection_count", "version")}
        out["programs"] = list(self.programs)
        for k in ("start_on", "end_on", "made_on", "posted_on"):
            value = getattr(self, k)
            out[k] = value.isoformat() if value else None
        out["status"] = self.status(day)
        return out


@dataclass(frozen=True)
class RowChange:
    """A printed row that no longer matches the data: its number, name and what differs."""

    seq: int
    name: str
    what: str


@dataclass(frozen=True)
class CheckResult:
    """A paper against the database: does its fingerprint match the record, and does the data still?"""

    notice: Notice
    given: str | None  # the fingerprint read off the paper, normalised; None = not given
    current: str  # the fingerprint the data gives now
    changes: tuple[RowChange, ...] = field(default=())

    @property
    def paper_matches(self) -> bool | None:
        return None if self.given is None else self.given == self.notice.fingerprint

    @property
    def data_unchanged(self) -> bool:
        return self.current == self.notice.fingerprint

    @property
    def ok(self) -> bool:
        return self.paper_matches is not False and self.data_unchanged


@dataclass(frozen=True)
class Coverage:
    """A village's payments of a program and period, and how many are on a notice, a posted one."""

    village_code: str
    village_name: str
    program_code: str
    program_name: str
    period_label: str
    payments: int
    noticed: int
    posted: int

    timely: int = 0  # on a notice posted at least the notice period before their payment date

    @property
    def status(self) -> str:
        """无公示, 未张贴, 部分公示, 张贴过晚 (posted, but less than the notice period before payment) or 已公示."""
        if self.timely >= self.payments:
            return "已公示"
        if self.posted >= self.payments:
            return "张贴过晚"
        if self.noticed == 0:
            return "无公示"
        if self.posted == 0 and self.noticed >= self.payments:
            return "未张贴"
        return "部分公示"


# --- resolving what the clerk typed ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Program:
    id: int
    code: str
    name: str
    unit: str


def _org(uow: UnitOfWork, text: str, level: str | None) -> Any:
    """An org unit (of a level, if given) by code or exact name (SPEC §4): an unknown one is refused, an
    ambiguous name is a usage error listing the codes."""
    value = text.strip()
    found = uow.records.org_by_code(value)
    if found is None:
        named = uow.records.orgs_named(value, levels=[level] if level else None)
        if len(named) > 1:
            raise UsageError("notice.ambiguous_org", org=value, codes="、".join(str(r.code) for r in named))
        found = named[0] if named else None
    if found is None or (level is not None and found.level != level):
        key = {"village": "notice.unknown_village", "township": "notice.unknown_township"}.get(level or "",
                                                                                            "notice.unknown_org")
        raise InputRejected(key, village=value, township=value, org=value)
    return found


def _village(uow: UnitOfWork, text: str) -> Any:
    return _org(uow, text, "village")


def _programs(uow: UnitOfWork, texts: Sequence[str]) -> list[_Program]:
    if not texts:
        raise InputRejected("notice.no_program")
    out: list[_Program] = []
    for text in texts:
        hits = uow.records.find_program(str(text).strip())
        if len(hits) != 1:
            raise InputRejected("notice.unknown_program" if not hits else "notice.ambiguous_program", program=text)
        row = hits[0]
        if any(p.id == row.id for p in out):
            continue
        out.append(_Program(int(row.id), str(row.code), str(row.name), str(row.unit)))
    return out


def _period(text: str) -> Period:
    try:
        return parse_period(text)
    except ValueRejected as exc:
        raise InputRejected("notice.bad_period", period=text, reason=exc.message_zh) from exc


def quantity_unit(unit: str) -> str:
    """The unit a quantity is counted in, from the program's standard unit: 元/亩·年 → 亩."""
    rest = unit.split("/", 1)[1] if "/" in unit else ""
    return rest.split("·", 1)[0].strip()


# --- building what a notice prints ----------------------------------------------------------------------------

def _group(row: Any) -> str:
    if row.group_name:
        return str(row.group_name)
    code = str(row.group_code or "")
    return f"{code.rsplit('-', 1)[1]}组" if "-" in code else code


def _line(seq: int, row: Any, program: _Program) -> NoticeLine:
    quantity = None if row.quantity is None else Decimal(row.quantity)
    return NoticeLine(seq=seq, group=_group(row), name=str(row.name), masked_id=mask_id(str(row.id_number)),
                      program=program.name, standard_fen=None if row.standard_fen is None else int(row.standard_fen),
                      quantity=quantity, unit=quantity_unit(program.unit) if quantity is not None else "",
                      amount_fen=int(row.amount_fen), remark=mask_text(str(row.remark or "")))


def _line_from_printed(p: Mapping[str, Any]) -> NoticeLine:
    return NoticeLine(seq=int(p["seq"]), group=str(p["group"]), name=str(p["name"]), masked_id=str(p["id"]),
                      program=str(p["program"]), standard_fen=p["standard_fen"],
                      quantity=None if p["quantity"] is None else Decimal(p["quantity"]), unit=str(p["unit"]),
                      amount_fen=int(p["amount_fen"]), remark=str(p["remark"]))


def _sections(lines: Sequence[NoticeLine], names: Sequence[str]) -> tuple[NoticeSection, ...]:
    by_program: dict[str, list[NoticeLine]] = defaultdict(list)
    for line in lines:
        by_program[line.program].append(line)
    return tuple(NoticeSection(name, tuple(by_program[name])) for name in names if by_program.get(name))


def _header(village: Any, township: str, lines: Mapping[str, str], programs: Sequence[_Program], period: Period,
            start: date, days: int, preparer: str, reviewer: str) -> dict[str, Any]:
    """What a notice prints around its table (kept with it, so a reprint is the same paper)."""
    return {"title": notice_title(str(village.name), period.label_zh, [p.name for p in programs]),
            "village": str(village.name), "township": township,
            "period_zh": period.label_zh, "programs": [p.name for p in programs],
            "program_codes": [p.code for p in programs], "start": start.isoformat(),
            "days": days, "hotline_own": lines["own"], "hotline_county": lines["county"],
            "preparer": preparer.strip(), "reviewer": reviewer.strip()}


def _doc(number: str, owner: str, header: Mapping[str, Any], lines: Sequence[NoticeLine], *,
         landscape: bool, printed_fingerprint: str | None = None) -> NoticeDoc:
    mark = printed_fingerprint or fingerprint(number, dict(header), lines)
    return NoticeDoc(number=number, fingerprint=mark, qr_payload=qr_payload(owner, number, mark),
                     title=str(header["title"]), township=str(header["township"]), village=str(header["village"]),
                     period_zh=str(header["period_zh"]), sections=_sections(lines, header["programs"]),
                     start=date.fromisoformat(str(header["start"])), days=int(header["days"]),
                     hotline_own=str(header["hotline_own"]), hotline_county=str(header["hotline_county"]),
                     preparer=str(header["preparer"]), reviewer=str(header["reviewer"]), landscape=landscape)


def _row_order(row: Any) -> tuple[Any, ...]:
    """Within a program: by group number (2组 before 10组; none last), name (pinyin), ID, period, payment
    date, uid: no local key and no database's NULL order, so the same facts print in the same order anywhere."""
    code = str(row.group_code or "")
    tail = code.rsplit("-", 1)[-1]
    group = (0, int(tail), code) if tail.isdigit() else ((1, 0, code) if code else (2, 0, ""))
    return (group, str(row.pinyin), str(row.id_number), row.period_start, row.paid_date is None,
            row.paid_date or date.min, str(row.uid))


@dataclass
class _Plan:
    """One notice about to be made: its village, header and (payment id, line) rows."""

    village: Any
    header: dict[str, Any]
    rows: list[tuple[int, NoticeLine]]


def _plans(uow: UnitOfWork, villages: Sequence[Any], programs: Sequence[_Program], period: Period, start: date,
           days: int, preparer: str, reviewer: str) -> list[_Plan]:
    """The notices of several villages from one query over the payments; villages without payments left out."""
    by_id = {p.id: p for p in programs}
    order = {p.id: i for i, p in enumerate(programs)}
    found: dict[str, list[Any]] = defaultdict(list)
    for row in store.payments_for(uow.conn, [str(v.code) for v in villages], list(by_id), period.start, period.end):
        found[str(row.village_code)].append(row)
    names = {str(o.code): str(o.name) for o in uow.records.orgs()}
    lines_of = complaints.hotline(uow)
    plans = []
    for village in villages:
        rows = sorted(found.get(str(village.code), []), key=lambda r: (order[int(r.program_id)], *_row_order(r)))
        if not rows:
            continue
        lines = [(int(r.payment_id), _line(i, r, by_id[int(r.program_id)])) for i, r in enumerate(rows, 1)]
        present = [p for p in programs if any(int(r.program_id) == p.id for r in rows)]
        header = _header(village, names.get(str(village.parent_code or ""), ""), lines_of, present, period, start, days,
                         preparer, reviewer)
        plans.append(_Plan(village, header, lines))
    return plans


def _settings(request: NoticeRequest) -> tuple[date, int]:
    start = parse_day(request.start, "公示开始日期") if not isinstance(request.start, date) else request.start
    return start, check_days(int(request.days))


def _plan(uow: UnitOfWork, request: NoticeRequest) -> tuple[_Plan, Period]:
    """The one village's notice a request asks for, or a refusal when the village had no such payments."""
    village = _village(uow, request.village)
    programs = _programs(uow, request.programs)
    period = _period(request.period)
    start, days = _settings(request)
    plans = _plans(uow, [village], programs, period, start, days, request.preparer, request.reviewer)
    if not plans:
        raise InputRejected("notice.no_payments", village=village.name, programs="、".join(p.name for p in programs),
                            period=period.label_zh)
    return plans[0], period


def draft(uow: UnitOfWork, actor: Actor, request: NoticeRequest) -> NoticeDoc:
    """What the notice would print, for a preview: nothing is stored, no number is taken."""
    authorize(actor, Action.VIEW)
    plan, _ = _plan(uow, request)
    return _doc(DRAFT_NUMBER, org_code(uow), plan.header, [line for _, line in plan.rows],
                landscape=request.landscape, printed_fingerprint=DRAFT_FINGERPRINT)


def make(uow: UnitOfWork, actor: Actor, request: NoticeRequest) -> tuple[Notice, NoticeDoc]:
    """Make and record a notice for one village: its number, fingerprint and frozen rows."""
    authorize(actor, Action.REGISTER)
    plan, period = _plan(uow, request)
    return _record(uow, actor, [plan], period, request.landscape)[0]


def make_for_township(uow: UnitOfWork, actor: Actor, township: str, programs: Sequence[str], period: str,
                      start: object, *, days: int = DEFAULT_DAYS, preparer: str = "", reviewer: str = "",
                      landscape: bool = False) -> list[tuple[Notice, NoticeDoc]]:
    """One notice for every village of a township with payments of the program(s) in the period."""
    authorize(actor, Action.REGISTER)
    town = _township(uow, township)
    chosen = _programs(uow, programs)
    span = _period(period)
    codes = store.villages_with_payments(uow.conn, str(town.code), [p.id for p in chosen], span.start, span.end)
    made = make_many(uow, actor, codes, [p.code for p in chosen], span.label, start, days=days, preparer=preparer,
                     reviewer=reviewer, landscape=landscape)
    if not made:
        raise InputRejected("notice.no_payments", village=town.name, programs="、".join(p.name for p in chosen),
                            period=span.label_zh)
    return made


def make_many(uow: UnitOfWork, actor: Actor, villages: Sequence[str], programs: Sequence[str], period: str,
              start: object, *, days: int = DEFAULT_DAYS, preparer: str = "", reviewer: str = "",
              landscape: bool = False) -> list[tuple[Notice, NoticeDoc]]:
    """A notice for each of the villages (codes) that has payments of the program(s) in the period,
    from one query over the payments; villages without any are left out."""
    authorize(actor, Action.REGISTER)
    chosen = _programs(uow, programs)
    span = _period(period)
    begin, length = _settings(NoticeRequest("", programs, period, start, days))
    known = {str(o.code): o for o in uow.records.orgs()}
    places = [known[c] for c in villages if c in known]
    plans = _plans(uow, places, chosen, span, begin, length, preparer, reviewer)
    return _record(uow, actor, plans, span, landscape) if plans else []


def _township(uow: UnitOfWork, text: str) -> Any:
    return _org(uow, text, "township")


def _record(uow: UnitOfWork, actor: Actor, plans: Sequence[_Plan], period: Period,
            landscape: bool) -> list[tuple[Notice, NoticeDoc]]:
    """Store the notices of the plans (numbers, fingerprints, frozen rows) with one audit event."""
    owner = org_code(uow)
    made_on = today(uow)
    numbers = store.reserve_numbers(uow.conn, owner, f"GS{made_on.year}-", len(plans))
    records, docs = [], []
    for plan, number in zip(plans, numbers, strict=True):
        lines = [line for _, line in plan.rows]
        doc = _doc(number, owner, plan.header, lines, landscape=landscape)
        records.append({
            "uid": str(uuid.uuid4()), "number": number, "township_code": plan.village.parent_code,
            "village_code": str(plan.village.code), "programs": list(plan.header["program_codes"]),
            "period_label": period.label, "title": doc.title, "start_on": doc.start, "days": doc.days,
            "end_on": doc.end, "row_count": doc.count, "total_fen": doc.total_fen, "fingerprint": doc.fingerprint,
            "header": plan.header, "made_on": made_on, "made_by": actor.name, "posted_on": None, "posted_by": None})
        docs.append(doc)
    uow.records.add_many("notices", records, owner=owner)
    ids = store.notice_ids(uow.conn, [r["uid"] for r in records])
    rows = []
    for record, plan in zip(records, plans, strict=True):
        notice_id = ids[record["uid"]]
        rows += [{"notice_id": notice_id, "seq": line.seq, "payment_id": payment_id,
                  "printed": json.dumps(line.printed(), ensure_ascii=False, sort_keys=True)}
                 for payment_id, line in plan.rows]
    summary = [{"number": r["number"], "village": r["village_code"], "programs": r["programs"],
                "period": r["period_label"], "start": r["start_on"].isoformat(), "days": r["days"],
                "rows": r["row_count"], "total_fen": r["total_fen"], "fingerprint": r["fingerprint"]}
               for r in records]
    if len(records) == 1:  # one notice, one event about it; a township's batch is one event listing them all
        record_event(uow, actor, "notice.make", object_kind="notices", object_uid=records[0]["uid"], detail=summary[0])
    else:
        record_event(uow, actor, "notice.make_many", object_kind="notices", detail={"notices": summary})
    store.add_rows_many(uow.conn, rows)
    made = {n.uid: n for n in _notices(uow, uids=[r["uid"] for r in records])}
    return [(made[r["uid"]], doc) for r, doc in zip(records, docs, strict=True)]


# --- reading, posting, objections, checking -------------------------------------------------------------------

def _notice(r: Any) -> Notice:
    programs = r.programs if isinstance(r.programs, list) else json.loads(r.programs)
    return Notice(uid=r.uid, number=r.number, owner_org=r.owner_org, village_code=r.village_code,
                  village_name=r.village_name or r.village_code, township_code=r.township_code,
                  township_name=r.township_name or "", programs=tuple(programs), period_label=r.period_label,
                  title=r.title, start_on=r.start_on, days=int(r.days), end_on=r.end_on, row_count=int(r.row_count),
                  total_fen=int(r.total_fen), fingerprint=r.fingerprint, made_on=r.made_on, made_by=r.made_by,
                  posted_on=r.posted_on, posted_by=r.posted_by, photo_count=int(r.photo_count),
                  objection_count=int(r.objection_count), version=int(r.version))


def _notices(uow: UnitOfWork, **filters: Any) -> list[Notice]:
    return [_notice(r) for r in store.notices(uow.conn, **filters)]


def list_notices(uow: UnitOfWork, actor: Actor, *, org: str | None = None, posted: bool | None = None,
                 period: str | None = None) -> list[Notice]:
    """Notices, by number; filtered by org (a village or a township and its villages), posting, period."""
    authorize(actor, Action.VIEW)
    prefix = str(_org(uow, org, None).code) if org else None
    label = _period(period).label if period else None
    return _notices(uow, org_prefix=prefix, posted=posted, period=label)


def get_notice(uow: UnitOfWork, actor: Actor, ref: str, *, owner: str | None = None) -> Notice:
    """A notice by its number (GS2019-0001) or the first characters of its uid."""
    authorize(actor, Action.VIEW)
    found = [n for n in _notices(uow, refs=[ref]) if owner is None or n.owner_org == owner]
    if len(found) != 1:
        raise InputRejected("notice.unknown" if not found else "notice.ambiguous", ref=ref)
    return found[0]


def _row_id(uow: UnitOfWork, n: Notice) -> int:
    return int(uow.records.get("notices", n.uid).id)  # type: ignore[union-attr]


def _stored_header(uow: UnitOfWork, n: Notice) -> dict[str, Any]:
    header = uow.records.get("notices", n.uid).header  # type: ignore[union-attr]
    return dict(json.loads(header) if isinstance(header, str) else header)


def document(uow: UnitOfWork, actor: Actor, ref: str, *, landscape: bool = False) -> NoticeDoc:
    """A made notice as it was printed (a reprint is the same paper: same rows, number and fingerprint)."""
    n = get_notice(uow, actor, ref)
    lines = [_line_from_printed(p) for p in store.printed_rows(uow.conn, _row_id(uow, n))]
    return _doc(n.number, n.owner_org, _stored_header(uow, n), lines, landscape=landscape,
                printed_fingerprint=n.fingerprint)


def record_posting(uow: UnitOfWork, actor: Actor, ref: str, on: object, *, by: str = "",
                   photo: Path | None = None, expected_version: int | None = None) -> Notice:
    """Record when (and by whom) a notice was posted, with an optional photo of it on the wall."""
    authorize(actor, Action.REGISTER)
    n = get_notice(uow, actor, ref)
    day = on if isinstance(on, date) else parse_day(on, "张贴日期")
    if day > today(uow):
        raise InputRejected("notice.posted_future", number=n.number, day=day.isoformat())
    if day > n.end_on:
        raise InputRejected("notice.posted_after_end", number=n.number, day=day.isoformat(),
                            end=n.end_on.isoformat())
    picture = read_evidence(photo) if photo is not None else None
    who = by.strip() or actor.name
    before = {"posted_on": n.posted_on.isoformat() if n.posted_on else None, "posted_by": n.posted_by}
    uow.records.change("notices", n.uid, {"posted_on": day, "posted_by": who},
                       expected_version=n.version if expected_version is None else expected_version)
    if picture is not None:
        attach(uow, actor, picture, notice_id=_row_id(uow, n), note="公示张贴照片")
    record_event(uow, actor, "notice.posted", object_kind="notices", object_uid=n.uid,
                 detail={"number": n.number, "before": before,
                         "after": {"posted_on": day.isoformat(), "posted_by": who},
                         "photo": None if picture is None else {"file": picture.name, "sha256": picture.sha256}})
    return get_notice(uow, actor, n.uid)


def add_objection(uow: UnitOfWork, actor: Actor, ref: str, *, content: str, persons: Sequence[str],
                  received_on: object = None, complainant: str = "", contact: str = "",
                  anonymous: bool = False) -> complaints.Complaint:
    """An objection raised during the notice period (公示异议): a complaint about the persons concerned,
    each named by row number (序号), name or masked ID as the notice prints them."""
    authorize(actor, Action.REGISTER)
    n = get_notice(uow, actor, ref)
    day = today(uow) if received_on in (None, "") else (
        received_on if isinstance(received_on, date) else parse_day(received_on, "received_on"))
    if not n.start_on <= day <= n.end_on:
        raise InputRejected("notice.objection_outside", number=n.number, day=day.isoformat(),
                            start=n.start_on.isoformat(), end=n.end_on.isoformat())
    concerned = _concerned(uow, n, persons)
    programs = {r.program_id for r, _ in concerned}
    fields: dict[str, object] = {
        "received_on": day, "channel": OBJECTION_CHANNEL, "content": content, "org": n.village_code,
        "concerned": "、".join(p["name"] for _, p in concerned),
        "persons": [{"name": str(r.name), "id_number": str(r.id_number)} for r, _ in concerned],
        "notice_ref": n.number, "anonymous": anonymous or not complainant.strip(),
        "complainant": "" if anonymous else complainant, "contact": "" if anonymous else contact}
    if len(programs) == 1:
        fields["program"] = next(str(p.code) for p in uow.records.programs() if p.id == next(iter(programs)))
    return complaints.register(uow, actor, fields)


def _concerned(uow: UnitOfWork, n: Notice, refs: Sequence[str]) -> list[tuple[Any, dict[str, Any]]]:
    """The notice's rows the objection names (序号, name, masked or full ID), each person once."""
    wanted = [str(r).strip() for r in refs if str(r).strip()]
    if not wanted:
        raise InputRejected("notice.objection_nobody", number=n.number)
    current = store.current_rows(uow.conn, _row_id(uow, n))
    printed = [(row, json.loads(row.printed)) for row in current]
    out: list[tuple[Any, dict[str, Any]]] = []
    for ref in wanted:
        name = normalize_name(ref) if not ref[:1].isdigit() else ref
        hits = [(row, p) for row, p in printed
                if (ref.isdigit() and len(ref) <= 5 and int(ref) == p["seq"])
                or name == p["name"] or ref.upper() in (p["id"], str(row.id_number))]
        if not hits:
            raise InputRejected("notice.objection_unknown_person", number=n.number, person=mask_text(ref))
        if len({row.id_number for row, _ in hits}) > 1:  # two people of that name: the row number says which
            raise InputRejected("notice.objection_ambiguous_person", number=n.number, person=mask_text(ref))
        if all(hits[0][0].id_number != o[0].id_number for o in out):  # each person once, whatever their rows
            out.append(hits[0])
    return out


def check(uow: UnitOfWork, actor: Actor, ref: str, given: str | None = None) -> CheckResult:
    """Check a posted paper: `ref` is the notice number (or the QR code's text, which carries the
    fingerprint too); `given` the fingerprint printed on the paper."""
    authorize(actor, Action.VIEW)
    scanned = parse_qr(ref)
    owner = None
    if scanned is not None:
        owner, ref, from_qr = scanned
        given = given or from_qr
    n = get_notice(uow, actor, ref, owner=owner)
    wanted = normalize_fingerprint(given) if given else None
    header = _stored_header(uow, n)
    names = {p.id: _Program(int(p.id), str(p.code), str(p.name), str(p.unit)) for p in uow.records.programs()}
    now: list[NoticeLine] = []
    changes: list[RowChange] = []
    for row in store.current_rows(uow.conn, _row_id(uow, n)):
        printed = json.loads(row.printed)
        program = names[int(row.program_id)]  # as printed: renaming the catalogue's program changes no paper
        line = replace(_line(int(row.seq), row, program), program=printed["program"])
        if line.quantity is not None and printed["quantity"] is not None:
            line = replace(line, unit=printed["unit"])
        if row.voided:
            changes.append(RowChange(int(row.seq), printed["name"], "该笔发放已作废"))
            continue
        now.append(line)
        differs = [label for key, label in _COMPARED if line.printed()[key] != printed[key]]
        if differs:
            changes.append(RowChange(int(row.seq), printed["name"], "、".join(differs) + "已改变"))
    current = fingerprint(n.number, header, now)
    return CheckResult(n, wanted, current, tuple(changes))


_COMPARED = (("group", "组"), ("name", "姓名"), ("id", "身份证号"), ("program", "补贴项目"),
             ("standard_fen", "标准"), ("quantity", "数量"), ("unit", "数量单位"), ("amount_fen", "金额"),
             ("remark", "备注"))


def coverage(uow: UnitOfWork, actor: Actor, *, org: str | None = None, program: str | None = None,
             period: str | None = None) -> list[Coverage]:
    """Per village, program and period with payments: are they on a notice, a posted one?"""
    authorize(actor, Action.VIEW)
    prefix = str(_org(uow, org, None).code) if org else None
    program_id = _programs(uow, [program])[0].id if program else None
    span = _period(period) if period else None
    days = rule_param(uow, "NOT_PUBLICISED", "notice_days")
    return [Coverage(str(r.village_code), str(r.village_name or r.village_code), str(r.program_code),
                     str(r.program_name), str(r.period_label), int(r.payments), int(r.noticed), int(r.posted),
                     int(r.timely))
            for r in store.coverage(uow.conn, org_prefix=prefix, program_id=program_id,
                                    start=span.start if span else None, end=span.end if span else None, days=days)]


#: Coverage statuses, what needs doing first; all but the last need a clerk's attention.
COVERAGE_STATUSES = ("无公示", "未张贴", "部分公示", "张贴过晚", "已公示")
