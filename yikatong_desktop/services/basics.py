"""底数 (SPEC §2 摸清底数, §6, §7): how many programs, paid how, how much, by which department and bank.

Per program, per township and village below it, per year; and the 政出多门/卡出多行
statistics of SPEC §6 — per person, household and village, how many programs,
departments, banks and accounts paid them, as distributions and the top cases.
Statistics, not findings: nothing here is stored. Every figure comes from a
set-based query (storage/basics_queries), so a prefecture's millions of payments
take seconds; amounts stay integer fen.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from yikatong_desktop.domain.errors import InputRejected
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.storage import basics_queries as q
from yikatong_desktop.storage.basics_queries import METHODS, Scope
from yikatong_desktop.storage.unit_of_work import UnitOfWork

METHOD_LABELS = {"card": "一卡通", "cash": "现金", "other": "其他"}
UNIT_LABELS = {"person": "人", "household": "户", "village": "村"}
#: Counts at or above the cap are shown together (“4 项及以上”).
CAPS = {"programs": 4, "departments": 3, "banks": 3, "accounts": 3}
TOP = 20


@dataclass(frozen=True)
class Figures:
    """The 底数 of some payments: how many, how much, to whom, how paid, through how many banks."""

    payments: int = 0
    paid_fen: int = 0
    persons: int = 0
    households: int = 0
    accounts: int = 0
    banks: int = 0
    programs: int = 0
    departments: int = 0
    methods: dict[str, tuple[int, int]] = field(default_factory=dict)  # card/cash/other → (payments, fen)

    def share(self, method: str) -> Decimal:
        """The method's share of the payments (0.0000–1.0000), by count."""
        return ratio(self.methods.get(method, (0, 0))[0], self.payments)


@dataclass(frozen=True)
class BankUse:
    bank: str
    accounts: int
    persons: int
    payments: int
    paid_fen: int


@dataclass(frozen=True)
class ProgramBasics:
    code: str
    name: str
    department: str
    figures: Figures
    by_year: dict[int, Figures]
    banks: tuple[BankUse, ...]


@dataclass(frozen=True)
class OrgRow:
    """A township or village, for all its programs (program None) or one of them."""

    township_code: str | None
    township: str
    village_code: str | None
    village: str | None
    program: str | None  # code
    program_name: str | None
    department: str | None
    figures: Figures
    by_year: dict[int, tuple[int, int]]  # year → (payments, fen)
    banks: tuple[str, ...]


@dataclass(frozen=True)
class Spread:
    """How many units (persons, households, villages) got 1, 2, 3… programs, departments, banks, accounts."""

    unit: str
    units: int
    counts: dict[str, dict[int, int]]  # "programs" → {1: n, 2: n, 3: n, 4: n (4 or more)}


@dataclass(frozen=True)
class Case:
    """One person, household or village with many programs, departments or banks."""

    unit: str
    name: str
    id_number: str | None
    village: str
    programs: int
    departments: int
    banks: int
    accounts: int
    persons: int
    paid_fen: int
    program_names: tuple[str, ...]
    department_names: tuple[str, ...]
    bank_names: tuple[str, ...]


@dataclass(frozen=True)
class Basics:
    org_code: str | None
    org_name: str
    year: int | None
    years: tuple[int, ...]
    total: Figures
    by_year: dict[int, Figures]
    programs: list[ProgramBasics]
    banks: list[BankUse]
    orgs: list[OrgRow] = field(default_factory=list)
    spreads: dict[str, Spread] = field(default_factory=dict)
    many_departments: dict[str, list[Case]] = field(default_factory=dict)  # 政出多门 top cases per unit
    many_banks: dict[str, list[Case]] = field(default_factory=dict)  # 卡出多行 top cases per unit


def ratio(part: int, whole: int) -> Decimal:
    """part / whole to four places (a share, not money); 0 when whole is 0."""
    if whole == 0:
        return Decimal("0.0000")
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def scope_for(uow: UnitOfWork, *, year: int | None = None, org: str | None = None) -> tuple[Scope, str]:
    """The payments a 底数 covers, and the org's name (this installation's when no org is given)."""
    if org is None or not org.strip():
        return Scope(year=year), str(uow.get_setting("org.name", ""))
    found = uow.records.org_by_code(org.strip())
    if found is None:
        named = uow.records.orgs_named(org.strip())
        if not named:
            raise InputRejected("findings.unknown_org", org=org)
        found = named[0]
    return Scope(year=year, org_code=found.code, org_level=found.level), str(found.name)


def basics(uow: UnitOfWork, actor: Actor, *, year: int | None = None, org: str | None = None,
           detail: bool = True, top: int = TOP) -> Basics:
    """The 底数 of the scope; `detail` adds townships and villages and the 政出多门/卡出多行 statistics."""
    authorize(actor, Action.VIEW)
    scope, org_name = scope_for(uow, year=year, org=org)
    conn = uow.conn
    programs = q.program_names(conn)
    by_year = {int(r.year): _figures(r) for r in q.totals(conn, scope, ("year",))}
    overall = q.totals(conn, scope, ())
    result = Basics(
        org_code=scope.org_code, org_name=org_name, year=year, years=tuple(sorted(by_year)),
        total=_figures(overall[0]) if overall else Figures(), by_year=by_year,
        programs=_programs(conn, scope, programs), banks=[_bank(r) for r in q.bank_usage(conn, scope, ())])
    if detail:
        result.orgs.extend(_orgs(conn, scope, programs))
        for unit in ("person", "household", "village"):
            result.spreads[unit] = _spread(conn, scope, unit)
            result.many_departments[unit] = _cases(conn, scope, unit, ("departments", "programs"), top, programs,
                                                   lambda c: c.departments >= 2 or c.unit == "village")
            result.many_banks[unit] = _cases(conn, scope, unit, ("banks", "accounts"), top, programs,
                                             lambda c: c.banks >= 2 or c.accounts >= 2)
    return result


def _figures(r: Any) -> Figures:
    return Figures(payments=int(r.payments), paid_fen=int(r.paid_fen), persons=int(r.persons),
                   households=int(r.households), accounts=int(r.accounts), banks=int(r.banks),
                   programs=int(r.programs), departments=int(r.departments),
                   methods={m: (int(getattr(r, f"{m}_payments") or 0), int(getattr(r, f"{m}_fen") or 0))
                            for m in METHODS})


def _bank(r: Any) -> BankUse:
    return BankUse(str(r.bank), int(r.accounts), int(r.persons), int(r.payments), int(r.paid_fen))


def _programs(conn: Any, scope: Scope, programs: dict[int, tuple[str, str, str]]) -> list[ProgramBasics]:
    yearly: dict[int, dict[int, Figures]] = defaultdict(dict)
    for r in q.totals(conn, scope, ("program", "year")):
        yearly[int(r.program)][int(r.year)] = _figures(r)
    banks: dict[int, list[BankUse]] = defaultdict(list)
    for r in q.bank_usage(conn, scope, ("program",)):
        banks[int(r.program)].append(_bank(r))
    out = [ProgramBasics(*programs[int(r.program)], figures=_figures(r), by_year=yearly[int(r.program)],
                         banks=tuple(banks[int(r.program)])) for r in q.totals(conn, scope, ("program",))]
    return sorted(out, key=lambda p: p.code)


def _orgs(conn: Any, scope: Scope, programs: dict[int, tuple[str, str, str]]) -> list[OrgRow]:
    """Township rows, each followed by its programs, then its villages each followed by theirs."""
    names = q.org_names(conn)
    yearly: dict[tuple[Any, ...], dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for r in q.totals(conn, scope, ("township", "village", "program", "year")):
        for key in _rollups(r.township, r.village, int(r.program)):
            cell = yearly[key][int(r.year)]
            cell[0] += int(r.payments)
            cell[1] += int(r.paid_fen)
    bank_names: dict[tuple[Any, ...], set[str]] = defaultdict(set)
    for r in q.bank_usage(conn, scope, ("township", "village", "program")):
        for key in _rollups(r.township, r.village, int(r.program)):
            bank_names[key].add(str(r.bank))
    grains = {grain: {tuple(getattr(r, k) for k in grain): _figures(r) for r in q.totals(conn, scope, grain)}
              for grain in (("township",), ("township", "program"), ("township", "village"),
                            ("township", "village", "program"))}

    def row(town: str | None, village: str | None, program: int | None, figures: Figures) -> OrgRow:
        key = (town, village, program)
        code, name, department = programs[program] if program is not None else (None, None, None)
        return OrgRow(town, _org_name(names, town, "（未填乡镇）"), village,
                      None if village is None else _org_name(names, village, village), code, name, department,
                      figures, {y: (v[0], v[1]) for y, v in sorted(yearly[key].items())},
                      tuple(sorted(bank_names[key])))

    out: list[OrgRow] = []
    for (town,), figures in sorted(grains[("township",)].items(), key=lambda kv: _sort_code(kv[0][0])):
        out.append(row(town, None, None, figures))
        out += [row(town, None, p, f) for (t_, p), f in _sorted_programs(grains[("township", "program")], programs)
                if t_ == town]
        for (t_, village), vf in sorted(grains[("township", "village")].items(), key=lambda kv: _sort_code(kv[0][1])):
            if t_ != town or village is None:
                continue
            out.append(row(town, village, None, vf))
            village_programs = _sorted_programs(grains[("township", "village", "program")], programs)
            out += [row(town, village, p, f) for (t2, v2, p), f in village_programs if (t2, v2) == (town, village)]
    return out


def _rollups(town: str | None, village: str | None, program: int) -> Iterable[tuple[Any, ...]]:
    yield (town, None, None)
    yield (town, None, program)
    if village is not None:
        yield (town, village, None)
        yield (town, village, program)


def _sorted_programs(grain: dict[tuple[Any, ...], Figures],
                     programs: dict[int, tuple[str, str, str]]) -> list[tuple[tuple[Any, ...], Figures]]:
    return sorted(grain.items(), key=lambda kv: programs[int(kv[0][-1])][0])


def _sort_code(code: str | None) -> tuple[bool, str]:
    return (code is None, code or "")


def _org_name(names: dict[str, tuple[str, str, str | None]], code: str | None, missing: str) -> str:
    if code is None:
        return missing
    return names[code][0] if code in names else code


def _spread(conn: Any, scope: Scope, unit: str) -> Spread:
    counts: dict[str, dict[int, int]] = {name: {} for name in CAPS}
    total = 0
    for r in q.spread(conn, scope, unit, CAPS):
        n = int(r.units)
        total += n
        for name in CAPS:
            bucket = int(getattr(r, name))
            counts[name][bucket] = counts[name].get(bucket, 0) + n
    return Spread(unit, total, {name: dict(sorted(c.items())) for name, c in counts.items()})


def _cases(conn: Any, scope: Scope, unit: str, order: Sequence[str], top: int,
           programs: dict[int, tuple[str, str, str]], keep: Any) -> list[Case]:
    rows = q.top_units(conn, scope, unit, order, top)
    keys = [r.unit for r in rows]
    lists: dict[Any, tuple[set[str], set[str], set[str]]] = defaultdict(lambda: (set(), set(), set()))
    for r in q.unit_lists(conn, scope, unit, keys):
        _code, name, department = programs[int(r.program)]
        lists[r.unit][0].add(name)
        lists[r.unit][1].add(department)
        if r.bank:
            lists[r.unit][2].add(str(r.bank))
    names = q.org_names(conn)
    who = _describe(conn, unit, keys, names)
    cases = []
    for r in rows:
        name, id_number, village = who.get(r.unit, ("", None, ""))
        progs, departments, banks = lists[r.unit]
        cases.append(Case(unit, name, id_number, village, int(r.programs), int(r.departments), int(r.banks),
                          int(r.accounts), int(r.persons), int(r.paid_fen), tuple(sorted(progs)),
                          tuple(sorted(departments)), tuple(sorted(banks))))
    return [c for c in cases if keep(c)]


def _describe(conn: Any, unit: str, keys: Sequence[Any],
              names: dict[str, tuple[str, str, str | None]]) -> dict[Any, tuple[str, str | None, str]]:
    """unit key → (name, ID number or 户编号, village name)."""
    if unit == "person":
        return {r.id: (r.name, r.id_number, _org_name(names, r.village_code, ""))
                for r in q.persons_described(conn, [int(k) for k in keys])}
    if unit == "household":
        return {r.key: (f"{r.name or ''}户", r.hh_no, _org_name(names, r.village_code, ""))
                for r in q.households_described(conn, [int(k) for k in keys])}
    return {k: (_org_name(names, k, str(k)), None, _org_name(names, (names.get(k) or ("", "", None))[2], ""))
            for k in keys}
