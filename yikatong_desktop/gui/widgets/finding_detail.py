"""A finding as the 自查 page's detail pane shows it: explanation, evidence, and the history of decisions."""

from __future__ import annotations

import html
from collections.abc import Sequence

from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.rules import SEVERITY_LABELS, STATUS_LABELS, FindingStatus, Severity
from yikatong_desktop.services import findings_view
from yikatong_desktop.services.findings import Finding

_EVIDENCE_KINDS = {"persons": "人员", "payments": "发放", "bank_accounts": "账户", "accounts": "账户",
                   "person_statuses": "名单", "org_units": "单位", "allocations": "拨付", "bank_returns": "回盘"}
_EVIDENCE_SHOWN = 40


def finding_html(f: Finding, history: Sequence[findings_view.StatusChange]) -> str:
    """The detail pane's HTML for one finding."""
    e = html.escape
    status = STATUS_LABELS[FindingStatus(f.status)]
    who = "　".join(x for x in (f.name or "", f.id_number or "", f.village or "") if x)
    lines = [f"<h3>{e(f.title)}（{e(f.rule)}）</h3>",
             f"<p>风险：{SEVERITY_LABELS[Severity(f.severity)]}　状态：<b>{status}</b>　"
             f"金额：{format_yuan(f.amount_fen)} 元<br>编号：{f.uid[:8]}　{e(who)}</p>",
             f"<p><b>说明</b><br>{e(f.explanation)}</p>", "<p><b>依据</b></p><ul>"]
    if f.problem_number:
        lines.insert(2, f"<p>已挂号为问题 <b>{e(f.problem_number)}</b>（见问题台账）</p>")
    grouped: dict[tuple[str, str], int] = {}  # 28 payments labelled alike are one line “×28”
    for item in f.evidence:
        key = (item.get("kind", ""), item.get("label", ""))
        grouped[key] = grouped.get(key, 0) + 1
    for (kind, label), times in list(grouped.items())[:_EVIDENCE_SHOWN]:
        more = f" ×{times}" if times > 1 else ""
        lines.append(f"<li>{e(_EVIDENCE_KINDS.get(kind, kind))}：{e(label)}{more}</li>")
    if len(grouped) > _EVIDENCE_SHOWN:
        lines.append(f"<li>……另有 {len(grouped) - _EVIDENCE_SHOWN} 条</li>")
    lines.append("</ul><p><b>处理记录</b></p><ul>")
    for step in history:
        label = STATUS_LABELS.get(FindingStatus(step.status), step.status)
        if step.status == FindingStatus.RESOLVED.value:
            lines.append(f"<li>{label}（重新自查时数据已不再符合规则）</li>")
            continue
        by = "自查发现" if step.by is None else e(step.by)
        when = f"{e(step.at)} " if step.at else ""
        reason = f"：{e(step.reason)}" if step.reason else ""
        lines.append(f"<li>{when}<b>{label}</b>（{by}）{reason}</li>")
    lines.append("</ul>")
    return "".join(lines)
