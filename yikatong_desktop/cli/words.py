"""The command line's own words in two languages: Chinese, or English when LANG/YKT_LANG asks for it.

The CLI has no Qt: each text it shows is written `zh_en("中文", "English")` where it is used, and the
choice is made when the text is needed (argparse parsers are built per run, so their help follows too).
Messages of `domain/messages.py` are bilingual already; data (names, programs, file names) is shown as is.
Words of the domain the CLI shows (roles, states) have their English here, beside their Chinese labels.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from yikatong_desktop.domain.messages import language
from yikatong_desktop.domain.permissions import ROLE_LABELS, Role
from yikatong_desktop.domain.problems import CHANNELS, MOVE_LABELS, RECEIVERS, STATE_LABELS, Kind, Move, Outcome, State
from yikatong_desktop.domain.rules import STATUS_LABELS, FindingStatus


def english() -> bool:
    """True when this process speaks English (`language()` is read each time: never cached)."""
    return language() == "en"


def zh_en(zh: str, en: str) -> str:
    """The Chinese text, or its English when the process speaks English."""
    return en if english() else zh


def json_flag() -> dict[str, Any]:
    """The keyword arguments of a command's `--json` option."""
    return {"action": "store_true", "default": argparse.SUPPRESS, "help": zh_en("打印 JSON", "print JSON")}


_ROLES_EN: Mapping[Role, str] = {Role.ADMIN: "administrator", Role.CLERK: "clerk", Role.REVIEWER: "reviewer",
                                 Role.VIEWER: "viewer", Role.DISCIPLINE: "discipline inspector"}
_FINDING_STATUS_EN: Mapping[FindingStatus, str] = {
    FindingStatus.OPEN: "to verify", FindingStatus.CONFIRMED: "confirmed", FindingStatus.DISMISSED: "dismissed",
    FindingStatus.RESOLVED: "resolved"}
_STATES_EN: Mapping[Kind, Mapping[State, str]] = {
    Kind.PROBLEM: {State.REGISTERED: "registered", State.RECTIFYING: "rectifying",
                   State.APPLIED: "closure requested", State.CLOSED: "closed"},
    Kind.COMPLAINT: {State.REGISTERED: "registered", State.RECTIFYING: "being handled",
                     State.APPLIED: "conclusion requested", State.CLOSED: "concluded"},
}
_MOVES_EN: Mapping[Kind, Mapping[Move, str]] = {
    Kind.PROBLEM: {Move.START: "start rectification", Move.APPLY: "request closure", Move.CLOSE: "approve closure",
                   Move.RETURN: "return", Move.REOPEN: "follow-up review"},
    Kind.COMPLAINT: {Move.START: "start handling", Move.APPLY: "request conclusion", Move.CLOSE: "conclude",
                     Move.RETURN: "return", Move.REOPEN: "follow-up review"},
}


def role_word(role: Role) -> str:
    """管理员 … 纪检, or administrator … discipline inspector."""
    return _ROLES_EN[role] if english() else ROLE_LABELS[role]


def finding_status_word(status: FindingStatus) -> str:
    """待核实 … 已消除, or to verify … resolved."""
    return _FINDING_STATUS_EN[status] if english() else STATUS_LABELS[status]


def state_word(kind: Kind, state: State) -> str:
    """A problem's (or complaint's) state: 已挂号 … 已销号, or registered … closed."""
    return _STATES_EN[kind][state] if english() else STATE_LABELS[kind][state]


def move_word(kind: Kind, move: Move) -> str:
    """A step of the ledger: 开始整改 … 回头看, or start rectification … follow-up review."""
    return _MOVES_EN[kind][move] if english() else MOVE_LABELS[kind][move]


#: English words the CLI takes for values the services read in Chinese (typing the Chinese still works).
CHANNELS_EN: Mapping[str, str] = dict(zip(("phone", "letter", "visit", "online", "objection"), CHANNELS,
                                          strict=True))
RECEIVERS_EN: Mapping[str, str] = dict(zip(("discipline", "judicial"), RECEIVERS, strict=True))
OUTCOMES_EN: Mapping[str, str] = {o.name.lower(): o.value for o in Outcome}


def from_english(text: str, words: Mapping[str, str]) -> str:
    """The value a service reads for an English word of `words`; anything else as typed."""
    return words.get(text.strip().lower(), text)


def in_english(value: str, words: Mapping[str, str]) -> str:
    """A value shown: its English word when the process speaks English and there is one."""
    if english():
        for word, meant in words.items():
            if meant == value:
                return word
    return value


def choices_text(words: Mapping[str, str]) -> str:
    """The values an option takes, for its help: 电话/来信/…, or in English phone/letter/…"""
    return "/".join(words.keys() if english() else words.values())
