"""A problem or a complaint as the detail pane shows it: every field, the 专账, evidence, findings, history.

Persons' ID numbers are masked here (the pane is what a visitor at the clerk's desk sees);
the register form alone shows them whole, to be corrected.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.ids import mask_id
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.problems import MOVE_LABELS, SOURCES, Kind, Move
from yikatong_desktop.domain.rules import RULES_BY_CODE, STATUS_LABELS, FindingStatus
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.services.complaints import Complaint
from yikatong_desktop.services.ledger import ProblemDetail
from yikatong_desktop.services.ledger_fields import LABELS

_e = html.escape
_CONTEXT = "ProblemDetail"
_OTHER_ACTIONS = {"register": QT_TRANSLATE_NOOP("ProblemDetail", "挂号"),
                  "update": QT_TRANSLATE_NOOP("ProblemDetail", "修改"),
                  "transfer": QT_TRANSLATE_NOOP("ProblemDetail", "线索移交"),
                  "recover": QT_TRANSLATE_NOOP("ProblemDetail", "追回资金"),
                  "evidence": QT_TRANSLATE_NOOP("ProblemDetail", "添加佐证材料")}
#: Fields of the audit trail not in ledger_fields.LABELS (or named otherwise here); those are shown through term().
_KEY_LABELS = {"state": QT_TRANSLATE_NOOP("ProblemDetail", "状态"),
               "transfer_to": QT_TRANSLATE_NOOP("ProblemDetail", "移交机关"),
               "transfer_doc": QT_TRANSLATE_NOOP("ProblemDetail", "移交文号"),
               "transfer_on": QT_TRANSLATE_NOOP("ProblemDetail", "移交日期"),
               "recovered": QT_TRANSLATE_NOOP("ProblemDetail", "累计追回(元)"),
               "problem_id": QT_TRANSLATE_NOOP("ProblemDetail", "关联问题"),
               "notice_ref": QT_TRANSLATE_NOOP("ProblemDetail", "公示编号"),
               "amount_fen": QT_TRANSLATE_NOOP("ProblemDetail", "涉及金额(分)"),
               "program_id": QT_TRANSLATE_NOOP("ProblemDetail", "补贴项目"),
               "org_code": QT_TRANSLATE_NOOP("ProblemDetail", "单位")}
#: The columns of the 追回资金专账 table.
_RECOVERY_HEADS = (QT_TRANSLATE_NOOP("ProblemDetail", "日期"), QT_TRANSLATE_NOOP("ProblemDetail", "金额(元)"),
                   QT_TRANSLATE_NOOP("ProblemDetail", "收据号"), QT_TRANSLATE_NOOP("ProblemDetail", "备注"))
_LONG = 80
#: Fields of the audit trail whose values are words of the domain (states, receivers, outcomes, channels).
_TERM_VALUES = {"state", "transfer_to", "outcome", "channel"}


def _tr(text: object) -> str:
    """A text of this module marked with QT_TRANSLATE_NOOP("ProblemDetail", …) (an `object` to mypy), translated."""
    return QCoreApplication.translate(_CONTEXT, str(text))


def _key_label(key: str) -> str:
    """What a field of the audit trail is called."""
    if key in _KEY_LABELS:
        return _tr(_KEY_LABELS[key])
    return term(LABELS[key]) if key in LABELS else key


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def _short(value: object) -> str:
    text = QCoreApplication.translate("ProblemDetail", "（空）") if value in (None, "", []) else str(value)
    return text if len(text) <= _LONG else text[:_LONG] + "……"


def action_label(kind: Kind, action: str) -> str:
    """“problem.return” → 退回; “complaint.register” → 登记."""
    step = action.split(".", 1)[-1]
    if step in {m.value for m in Move}:
        return term(MOVE_LABELS[kind][Move(step)])
    if step == "register" and kind is Kind.COMPLAINT:
        return QCoreApplication.translate("ProblemDetail", "登记")
    return _tr(_OTHER_ACTIONS[step]) if step in _OTHER_ACTIONS else action


def _event_text(kind: Kind, action: str, detail: Mapping[str, Any]) -> str:
    step = action.split(".", 1)[-1]
    parts: list[str] = []
    if detail.get("reason"):
        parts.append(QCoreApplication.translate("ProblemDetail", "理由：{0}").format(_short(detail["reason"])))
    if step == "register":
        if detail.get("source"):
            source = str(detail["source"])
            parts.append(QCoreApplication.translate("ProblemDetail", "来源：{0}").format(
                term(SOURCES[source]) if source in SOURCES else source))
        if detail.get("findings"):
            parts.append(QCoreApplication.translate("ProblemDetail", "疑点 {0} 条").format(len(detail["findings"])))
        if detail.get("evidence"):
            parts.append(QCoreApplication.translate("ProblemDetail", "佐证材料 {0} 份").format(
                len(detail["evidence"])))
    elif step == "evidence":
        parts.append(QCoreApplication.translate("ProblemDetail", "文件：{0}").format(detail.get("file", "")))
    elif step == "recover":
        parts.append(QCoreApplication.translate("ProblemDetail", "追回 {0} 元（{1}，收据 {2}）").format(
            detail.get("amount", ""), detail.get("on", ""), detail.get("receipt", "")))
    if step != "register":
        before, after = detail.get("before") or {}, detail.get("after") or {}
        for key in list(after) + [k for k in before if k not in after]:
            if key == "recovered" and step == "recover":
                continue
            old, new = before.get(key), after.get(key)
            if key in _TERM_VALUES:
                old, new = (term(v) if isinstance(v, str) and v else v for v in (old, new))
            parts.append(QCoreApplication.translate("ProblemDetail", "{0}：{1} → {2}").format(
                _key_label(key), _short(old), _short(new)))
    return QCoreApplication.translate("ProblemDetail", "；", "separator of phrases").join(parts)


def history_html(kind: Kind, events: Iterable[Any]) -> str:
    """The audit events of one record, oldest first: when, who, what, reason and before → after."""
    lines = ["<p><b>" + _e(QCoreApplication.translate("ProblemDetail", "处理记录")) + "</b></p><ul>"]
    for ev in events:
        when = f"{ev.at.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}" if ev.at else \
            QCoreApplication.translate("ProblemDetail", "（时间无法读取）")
        text = _event_text(kind, ev.action, ev.detail or {})
        lines.append(f"<li>{_e(when)} {_e(ev.actor)} <b>{_e(action_label(kind, ev.action))}</b>"
                     + (_e(QCoreApplication.translate("ProblemDetail", "：{0}").format(text)) if text else "")
                     + "</li>")
    lines.append("</ul>")
    return "".join(lines)


def _rows(pairs: Sequence[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td style='color:#555; padding-right:8px' nowrap>{_e(k)}</td><td>{v}</td></tr>"
                    for k, v in pairs if v)
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


def _yuan(fen: int) -> str:
    return QCoreApplication.translate("ProblemDetail", "{0} 元").format(format_yuan(fen))


def evidence_html(files: Sequence[Any]) -> str:
    """The evidence files, each a link the page opens (never runs)."""
    title = _e(QCoreApplication.translate("ProblemDetail", "佐证材料"))
    if not files:
        return "<p><b>" + title + "</b>" + _e(QCoreApplication.translate("ProblemDetail", "：无")) + "</p>"
    item = QCoreApplication.translate("ProblemDetail", "（{0}，{1} 字节，SHA-256 {2}…，{3}）")
    items = "".join(
        f"<li><a href='evidence:{_e(f.uid)}'>{_e(f.file_name)}</a>"
        + _e(item.format(f.media_type, f"{int(f.size):,}", f.sha256[:12], f.added_by)) + "</li>" for f in files)
    count = _e(QCoreApplication.translate("ProblemDetail", "（{0} 份）").format(len(files)))
    return f"<p><b>{title}</b>{count}</p><ul>{items}</ul>"


def _overdue_mark(late: bool) -> str:
    if not late:
        return ""
    return "　<b style='color:#c00000'>" + _e(QCoreApplication.translate("ProblemDetail", "已逾期")) + "</b>"


def problem_html(d: ProblemDetail, today: date) -> str:
    """The detail pane's HTML for one problem."""
    p = d.problem
    deadline = _e(_day(p.deadline)) + _overdue_mark(p.overdue(today))
    kept_open = "" if p.state.value == "closed" else QCoreApplication.translate("ProblemDetail", "（留号）")
    state = _e(term(p.state_label) + kept_open)
    transfer = (f"{_e(term(p.transfer_to))}　{_e(_day(p.transfer_on))}　{_e(p.transfer_doc or '')}"
                if p.transfer_to else "")
    handled = QCoreApplication.translate("ProblemDetail", "、", "separator of a list").join(x for x in (
        QCoreApplication.translate("ProblemDetail", "处理 {0} 人").format(p.handled_persons)
        if p.handled_persons else "",
        QCoreApplication.translate("ProblemDetail", "主动说明") if p.came_forward else "",
        QCoreApplication.translate("ProblemDetail", "已退赔") if p.repaid else "") if x)
    category = f"{p.category} {term(p.category_title)}" if p.category_title else p.category
    pairs = [
        (QCoreApplication.translate("ProblemDetail", "状态"), f"<b>{state}</b>"),
        (QCoreApplication.translate("ProblemDetail", "来源"), _e(term(SOURCES[p.source]) if p.source in SOURCES
                                                                  else p.source)),
        (term(LABELS["category"]), _e(category)), (term(LABELS["description"]), _e(p.description)),
        (term(LABELS["org"]), _e(p.org_name or p.org_code or "")),
        (term(LABELS["department"]), _e(term(p.department) if p.department else "")),
        (term(LABELS["program"]), _e(p.program_name or "")), (term(LABELS["persons"]), _e(p.persons_text())),
        (QCoreApplication.translate("ProblemDetail", "涉及金额"), _e(_yuan(p.amount_fen))),
        (QCoreApplication.translate("ProblemDetail", "已追回"), _e(_yuan(p.recovered_fen))),
        (term(LABELS["responsible_unit"]), _e(p.responsible_unit or "")),
        (term(LABELS["responsible_person"]), _e(p.responsible_person or "")),
        (term(LABELS["measures"]), _e(p.measures)), (term(LABELS["deadline"]), deadline),
        (QCoreApplication.translate("ProblemDetail", "挂号"), f"{_e(_day(p.registered_on))}　{_e(p.registered_by)}"),
        (term("申请销号"), _e(_day(p.applied_on))),
        (term("销号"), f"{_e(_day(p.closed_on))}　{_e(p.closed_by or '')}" if p.closed_on else ""),
        (QCoreApplication.translate("ProblemDetail", "理由"), _e(p.reason or "")),
        (term(LABELS["outcome"]), _e(term(p.outcome) if p.outcome else "")),
        (QCoreApplication.translate("ProblemDetail", "处理情况"), _e(handled)),
        (QCoreApplication.translate("ProblemDetail", "线索移交"), transfer),
        (term(LABELS["clue_source"]), _e(" ".join(x for x in (p.clue_source, p.clue_ref) if x))),
    ]
    parts = [f"<h3>{_e(p.number)}</h3>", _rows(pairs)]
    parts.append("<p><b>" + _e(QCoreApplication.translate("ProblemDetail", "追回资金专账")) + "</b></p>")
    if d.recoveries:
        lines = "".join(f"<tr><td>{_e(_day(r.recovered_on))}</td>"
                        f"<td align='right'>{format_yuan(int(r.amount_fen))}</td><td>{_e(r.receipt)}</td>"
                        f"<td>{_e(r.note or '')}</td></tr>" for r in d.recoveries)
        heads = "".join(f"<th>{_e(_tr(h))}</th>" for h in _RECOVERY_HEADS)
        total = _e(QCoreApplication.translate("ProblemDetail", "合计"))
        parts.append(f"<table border='1' cellspacing='0' cellpadding='3'><tr>{heads}</tr>{lines}<tr><td>{total}</td>"
                     f"<td align='right'>{format_yuan(p.recovered_fen)}</td><td></td><td></td></tr></table>")
    else:
        parts.append("<p style='color:#777'>" + _e(QCoreApplication.translate("ProblemDetail", "尚无追回记录。"))
                     + "</p>")
    parts.append(evidence_html(d.evidence))
    if d.findings:
        parts.append("<p><b>" + _e(QCoreApplication.translate("ProblemDetail", "关联疑点")) + "</b>"
                     + _e(QCoreApplication.translate("ProblemDetail", "（{0} 条）").format(len(d.findings)))
                     + "</p><ul>")
        for f in d.findings:
            rule = term(RULES_BY_CODE[f.rule].title) if f.rule in RULES_BY_CODE else f.rule
            who = "　".join(x for x in (f.name or "", mask_id(f.id_number) if f.id_number else "") if x)
            status = STATUS_LABELS.get(FindingStatus(f.status))
            shown = QCoreApplication.translate("ProblemDetail", "{0}（{1}）{2}　{3}").format(
                rule, term(status) if status else f.status, who, _yuan(int(f.amount_fen)))
            parts.append(f"<li>{_e(shown)}<br><span style='color:#555'>{_e(f.explanation)}</span></li>")
        parts.append("</ul>")
    parts.append(history_html(Kind.PROBLEM, d.history))
    return "".join(parts)


def complaint_html(c: Complaint, evidence: Sequence[Any], history: Iterable[Any], today: date,
                   complainant: str) -> str:
    """The detail pane's HTML for one complaint; `complainant` is what this reader may see."""
    deadline = _e(_day(c.deadline)) + _overdue_mark(c.overdue(today))
    pairs = [
        (QCoreApplication.translate("ProblemDetail", "状态"), f"<b>{_e(term(c.state_label))}</b>"),
        (term(LABELS["received_on"]), _e(_day(c.received_on))),
        (QCoreApplication.translate("ProblemDetail", "渠道"), _e(term(c.channel))),
        (term(LABELS["complainant"]), _e(complainant)),
        (term(LABELS["contact"]), _e(c.contact or "")), (term(LABELS["content"]), _e(c.content)),
        (term(LABELS["concerned"]), _e(c.concerned or "")),
        (term(LABELS["program"]), _e(c.program_name or "")), (term(LABELS["org"]), _e(c.org_name or c.org_code or "")),
        (term(LABELS["handling_deadline"]), deadline), (term(LABELS["handling"]), _e(c.handling)),
        (term(LABELS["result"]), _e(c.result)),
        (QCoreApplication.translate("ProblemDetail", "关联问题"), _e(c.problem_number or "")),
        (QCoreApplication.translate("ProblemDetail", "公示编号"), _e(c.notice_ref or "")),
        (QCoreApplication.translate("ProblemDetail", "登记"), f"{_e(_day(c.registered_on))}　{_e(c.registered_by)}"),
        (term("办结"), f"{_e(_day(c.closed_on))}　{_e(c.closed_by or '')}" if c.closed_on else ""),
        (QCoreApplication.translate("ProblemDetail", "理由"), _e(c.reason or "")),
    ]
    return "".join([f"<h3>{_e(c.number)}</h3>", _rows(pairs), evidence_html(evidence),
                    history_html(Kind.COMPLAINT, history)])
