"""Rule parameters (SPEC §6): listed with their current values, changed and reset, each change audited.

Kept in the setting `rules.params` in the format services/checks/run.py reads:
{code: {param: value, "param@PROGRAMCODE": value}}. A value is an integer ≥ 0;
a program-specific value only for a parameter the catalogue marks per_program.
An absent key means the catalogue default (the global value, for a program).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from yikatong_desktop.domain.errors import InputRejected, UsageError
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.domain.rules import PENDING, RULES, SEVERITY_LABELS, Param, Rule, find_rule
from yikatong_desktop.services.audit import record_event
from yikatong_desktop.services.auth import Actor, authorize
from yikatong_desktop.services.checks.run import PARAMS_SETTING
from yikatong_desktop.storage.unit_of_work import UnitOfWork

#: Large enough for any threshold in fen (10 billion 元) or days; small enough to stay an exact integer everywhere.
MAX_VALUE = 1_000_000_000_000


@dataclass(frozen=True)
class ParamInfo:
    name: str
    title: str
    default: int
    value: int  # the global value in force
    per_program: bool
    programs: dict[str, int]  # program code → its own value

    @property
    def changed(self) -> bool:
        """True when the global value differs from the catalogue default."""
        return self.value != self.default


@dataclass(frozen=True)
class RuleInfo:
    code: str
    title: str
    item: str
    severity: str
    severity_label: str
    what: str
    pending: bool
    params: tuple[ParamInfo, ...]


@dataclass(frozen=True)
class Change:
    """What a set or reset did; before/after None mean “the default”."""

    code: str
    param: str
    program: str | None
    before: int | None
    after: int | None
    value: int  # the value in force afterwards
    default: int  # the catalogue's default

    @property
    def changed(self) -> bool:
        """False when nothing needed to change."""
        return self.before != self.after


def catalogue(uow: UnitOfWork, actor: Actor) -> list[RuleInfo]:
    """Every rule of the catalogue with its parameters and their current values."""
    authorize(actor, Action.VIEW)
    saved = _saved(uow)
    return [RuleInfo(r.code, r.title, r.item, r.severity.value, SEVERITY_LABELS[r.severity], r.what,
                     r.code in PENDING, tuple(_info(p, saved.get(r.code, {})) for p in r.params)) for r in RULES]


def parse_value(text: object, title: str = "参数") -> int:
    """An integer ≥ 0 from what a person typed; InputRejected says what is wrong in Chinese."""
    raw = str(text).strip()
    if isinstance(text, bool) or not raw.isascii() or not raw.isdigit() or int(raw) > MAX_VALUE:
        raise InputRejected("rules.bad_value", value=raw, title=title, max=f"{MAX_VALUE:,}")
    return int(raw)


def set_param(uow: UnitOfWork, actor: Actor, rule: str, param: str, value: object, *,
              program: str | None = None) -> Change:
    """Set a parameter (for one program, when given); audited with before and after."""
    authorize(actor, Action.SETTINGS)
    r, p = _find(rule, param)
    new = parse_value(value, p.title)
    return _store(uow, actor, r, p, _program_code(uow, p, program), new)


def reset_param(uow: UnitOfWork, actor: Actor, rule: str, param: str, *, program: str | None = None) -> Change:
    """Back to the default (for a program: back to the global value); audited."""
    authorize(actor, Action.SETTINGS)
    r, p = _find(rule, param)
    return _store(uow, actor, r, p, _program_code(uow, p, program), None)


def current_value(uow: UnitOfWork, rule: str, param: str) -> int:
    """A rule parameter's value for all programs: as set in 设置, else its default."""
    r, p = _find(rule, param)
    return int(_saved(uow).get(r.code, {}).get(p.name, p.default))


def _saved(uow: UnitOfWork) -> dict[str, dict[str, Any]]:
    saved = uow.get_setting(PARAMS_SETTING) or {}
    return {code: dict(values) for code, values in saved.items() if isinstance(values, dict)}


def _info(p: Param, saved: dict[str, Any]) -> ParamInfo:
    prefix = f"{p.name}@"
    programs = {key[len(prefix):]: int(v) for key, v in saved.items() if key.startswith(prefix)}
    return ParamInfo(p.name, p.title, p.default, int(saved.get(p.name, p.default)), p.per_program,
                     dict(sorted(programs.items())))


def _find(rule: str, param: str) -> tuple[Rule, Param]:
    r = find_rule(rule)
    if r is None:
        raise UsageError("check.unknown_rule", rule=rule, codes="、".join(x.code for x in RULES))
    if not r.params:
        raise UsageError("rules.no_params", rule=r.code)
    p = next((x for x in r.params if x.name == param.strip()), None)
    if p is None:
        raise UsageError("rules.unknown_param", rule=r.code, param=param,
                         params="、".join(f"{x.name}（{x.title}）" for x in r.params))
    return r, p


def _program_code(uow: UnitOfWork, p: Param, program: str | None) -> str | None:
    if program is None or not program.strip():
        if p.program_only:
            raise UsageError("rules.program_only", param=p.name, title=p.title)
        return None
    if not p.per_program:
        raise UsageError("rules.not_per_program", param=p.name, title=p.title)
    hits = uow.records.find_program(program.strip())
    if not hits:
        raise InputRejected("program.unknown", program=program)
    if len(hits) > 1:
        raise UsageError("program.ambiguous", program=program, choices="、".join(f"{h.code} {h.name}" for h in hits))
    return str(hits[0].code)


def _store(uow: UnitOfWork, actor: Actor, r: Rule, p: Param, program: str | None, new: int | None) -> Change:
    saved = _saved(uow)
    values = saved.get(r.code, {})
    key = p.name if program is None else f"{p.name}@{program}"
    before = None if values.get(key) is None else int(values[key])
    global_value = int(values.get(p.name, p.default))
    in_force = new if new is not None else (p.default if program is None else global_value)
    change = Change(r.code, p.name, program, before, new, in_force, p.default)
    if not change.changed:
        return change
    if new is None:
        values.pop(key, None)
    else:
        values[key] = new
    if values:
        saved[r.code] = values
    else:
        saved.pop(r.code, None)
    uow.set_setting(PARAMS_SETTING, saved)
    record_event(uow, actor, "settings.rule_param",
                 detail={"rule": r.code, "param": p.name, "program": program, "before": before, "after": new,
                         "default": p.default})
    return change
