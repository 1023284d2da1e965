"""A problem or a complaint as the detail pane shows it: every field, the 专账, evidence, findings, history.

Persons' ID numbers are masked here (the pane is what a visitor at the clerk's desk sees);
the register form alone shows them whole, to be corrected.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from yikatong_desktop.domain.clock import LOCAL_TZ
from yikatong_desktop.domain.ids import mask_id
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.problems import MOVE_LABELS, SOURCES, Kind, Move
from yikatong_desktop.domain.rules import RULES_BY_CODE, STATUS_LABELS, FindingStatus
from yikatong_desktop.services.complaints import Complaint
from yikatong_desktop.services.ledger import ProblemDetail
from yikatong_desktop.services.ledger_fields import LABELS

_e = html.escape
_OTHER_ACTIONS = {"register": "挂号", "update": "修改", "transfer": "线索移交", "recover": "追回资金",
                  "evidence": "添加佐证材料"}
_KEY_LABELS = {**LABELS, "state": "状态", "transfer_to": "移交机关", "transfer_doc": "移交文号",
               "transfer_on": "移交日期", "recovered": "累计追回(元)", "problem_id": "关联问题",
               "notice_ref": "公示编号", "amount_fen": "涉及金额(分)", "program_id": "补贴项目", "org_code": "单位"}
_LONG = 80


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def _short(value: object) -> str:
    text = "（空）" if value in (None, "", []) else str(value)
    return text if len(text) <= _LONG else text[:_LONG] + "……"


def action_label(kind: Kind, action: str) -> str:
    """“problem.return” → 退回; “complaint.register” → 登记."""
    step = action.split(".", 1)[-1]
    if step in {m.value for m in Move}:
        return MOVE_LABELS[kind][Move(step)]
    if step == "register" and kind is Kind.COMPLAINT:
        return "登记"
    return _OTHER_ACTIONS.get(step, action)


def _event_text(kind: Kind, action: str, detail: Mapping[str, Any]) -> str:
    step = action.split(".", 1)[-1]
    parts: list[str] = []
    if detail.get("reason"):
        parts.append(f"理由：{_short(detail['reason'])}")
    if step == "register":
        if detail.get("source"):
            parts.append(f"来源：{SOURCES.get(str(detail['source']), detail['source'])}")
        if detail.get("findings"):
            parts.append(f"疑点 {len(detail['findings'])} 条")
        if detail.get("evidence"):
            parts.append(f"佐证材料 {len(detail['evidence'])} 份")
    elif step == "evidence":
        parts.append(f"文件：{detail.get('file', '')}")
    elif step == "recover":
        parts.append(f"追回 {detail.get('amount', '')} 元（{detail.get('on', '')}，收据 {detail.get('receipt', '')}）")
    if step != "register":
        before, after = detail.get("before") or {}, detail.get("after") or {}
        for key in list(after) + [k for k in before if k not in after]:
            if key == "recovered" and step == "recover":
                continue
            parts.append(f"{_KEY_LABELS.get(key, key)}：{_short(before.get(key))} → {_short(after.get(key))}")
    return "；".join(parts)


def history_html(kind: Kind, events: Iterable[Any]) -> str:
    """The audit events of one record, oldest first: when, who, what, reason and before → after."""
    lines = ["<p><b>处理记录</b></p><ul>"]
    for ev in events:
        when = f"{ev.at.astimezone(LOCAL_TZ):%Y-%m-%d %H:%M}" if ev.at else "（时间无法读取）"
        text = _event_text(kind, ev.action, ev.detail or {})
        lines.append(f"<li>{_e(when)} {_e(ev.actor)} <b>{_e(action_label(kind, ev.action))}</b>"
                     + (f"：{_e(text)}" if text else "") + "</li>")
    lines.append("</ul>")
    return "".join(lines)


def _rows(pairs: Sequence[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><td style='color:#555; padding-right:8px' nowrap>{_e(k)}</td><td>{v}</td></tr>"
                    for k, v in pairs if v)
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


def evidence_html(files: Sequence[Any]) -> str:
    """The evidence files, each a link the page opens (never runs)."""
    if not files:
        return "<p><b>佐证材料</b>：无</p>"
    items = "".join(
        f"<li><a href='evidence:{_e(f.uid)}'>{_e(f.file_name)}</a>（{_e(f.media_type)}，"
        f"{int(f.size):,} 字节，SHA-256 {_e(f.sha256[:12])}…，{_e(f.added_by)}）</li>" for f in files)
    return f"<p><b>佐证材料</b>（{len(files)} 份）</p><ul>{items}</ul>"


def problem_html(d: ProblemDetail, today: date) -> str:
    """The detail pane's HTML for one problem."""
    p = d.problem
    late = p.overdue(today)
    deadline = _e(_day(p.deadline)) + ("　<b style='color:#c00000'>已逾期</b>" if late else "")
    state = _e(p.state_label) + ("" if p.state.value == "closed" else "（留号）")
    transfer = (f"{_e(p.transfer_to)}　{_e(_day(p.transfer_on))}　{_e(p.transfer_doc or '')}"
                if p.transfer_to else "")
    handled = "、".join(x for x in (
        f"处理 {p.handled_persons} 人" if p.handled_persons else "", "主动说明" if p.came_forward else "",
        "已退赔" if p.repaid else "") if x)
    pairs = [
        ("状态", f"<b>{state}</b>"),
        ("来源", _e(SOURCES.get(p.source, p.source))),
        ("整治内容", _e(f"{p.category} {p.category_title}")), ("问题描述", _e(p.description)),
        ("单位", _e(p.org_name or p.org_code or "")), ("主管部门", _e(p.department or "")),
        ("补贴项目", _e(p.program_name or "")), ("涉及人员", _e(p.persons_text())),
        ("涉及金额", f"{format_yuan(p.amount_fen)} 元"), ("已追回", f"{format_yuan(p.recovered_fen)} 元"),
        ("整改责任单位", _e(p.responsible_unit or "")), ("整改责任人", _e(p.responsible_person or "")),
        ("整改措施", _e(p.measures)), ("整改期限", deadline),
        ("挂号", f"{_e(_day(p.registered_on))}　{_e(p.registered_by)}"),
        ("申请销号", _e(_day(p.applied_on))),
        ("销号", f"{_e(_day(p.closed_on))}　{_e(p.closed_by or '')}" if p.closed_on else ""),
        ("理由", _e(p.reason or "")), ("处理结果", _e(p.outcome or "")), ("处理情况", _e(handled)),
        ("线索移交", transfer),
        ("线索来源", _e(" ".join(x for x in (p.clue_source, p.clue_ref) if x))),
    ]
    parts = [f"<h3>{_e(p.number)}</h3>", _rows(pairs)]
    parts.append("<p><b>追回资金专账</b></p>")
    if d.recoveries:
        lines = "".join(f"<tr><td>{_e(_day(r.recovered_on))}</td>"
                        f"<td align='right'>{format_yuan(int(r.amount_fen))}</td><td>{_e(r.receipt)}</td>"
                        f"<td>{_e(r.note or '')}</td></tr>" for r in d.recoveries)
        parts.append("<table border='1' cellspacing='0' cellpadding='3'><tr><th>日期</th><th>金额(元)</th>"
                     f"<th>收据号</th><th>备注</th></tr>{lines}<tr><td>合计</td>"
                     f"<td align='right'>{format_yuan(p.recovered_fen)}</td><td></td><td></td></tr></table>")
    else:
        parts.append("<p style='color:#777'>尚无追回记录。</p>")
    parts.append(evidence_html(d.evidence))
    if d.findings:
        parts.append(f"<p><b>关联疑点</b>（{len(d.findings)} 条）</p><ul>")
        for f in d.findings:
            rule = RULES_BY_CODE[f.rule].title if f.rule in RULES_BY_CODE else f.rule
            who = "　".join(x for x in (f.name or "", mask_id(f.id_number) if f.id_number else "") if x)
            status = STATUS_LABELS.get(FindingStatus(f.status), f.status)
            parts.append(f"<li>{_e(rule)}（{_e(status)}）{_e(who)}　{format_yuan(int(f.amount_fen))} 元<br>"
                         f"<span style='color:#555'>{_e(f.explanation)}</span></li>")
        parts.append("</ul>")
    parts.append(history_html(Kind.PROBLEM, d.history))
    return "".join(parts)


def complaint_html(c: Complaint, evidence: Sequence[Any], history: Iterable[Any], today: date,
                   complainant: str) -> str:
    """The detail pane's HTML for one complaint; `complainant` is what this reader may see."""
    late = c.overdue(today)
    deadline = _e(_day(c.deadline)) + ("　<b style='color:#c00000'>已逾期</b>" if late else "")
    pairs = [
        ("状态", f"<b>{_e(c.state_label)}</b>"),
        ("受理日期", _e(_day(c.received_on))), ("渠道", _e(c.channel)), ("举报人", _e(complainant)),
        ("联系方式", _e(c.contact or "")), ("举报内容", _e(c.content)), ("被反映人员", _e(c.concerned or "")),
        ("补贴项目", _e(c.program_name or "")), ("单位", _e(c.org_name or c.org_code or "")),
        ("办理期限", deadline), ("办理情况", _e(c.handling)), ("办理结果", _e(c.result)),
        ("关联问题", _e(c.problem_number or "")), ("公示编号", _e(c.notice_ref or "")),
        ("登记", f"{_e(_day(c.registered_on))}　{_e(c.registered_by)}"),
        ("办结", f"{_e(_day(c.closed_on))}　{_e(c.closed_by or '')}" if c.closed_on else ""),
        ("理由", _e(c.reason or "")),
    ]
    return "".join([f"<h3>{_e(c.number)}</h3>", _rows(pairs), evidence_html(evidence),
                    history_html(Kind.COMPLAINT, history)])
