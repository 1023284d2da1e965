"""A finding as the 自查 page's detail pane shows it: explanation, evidence, and the history of decisions."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.domain.rules import SEVERITY_LABELS, STATUS_LABELS, FindingStatus, Severity
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.services import findings_view
from yikatong_desktop.services.findings import Finding

_EVIDENCE_KINDS = {"persons": QT_TRANSLATE_NOOP("FindingDetail", "人员"),
                   "payments": QT_TRANSLATE_NOOP("FindingDetail", "发放"),
                   "bank_accounts": QT_TRANSLATE_NOOP("FindingDetail", "账户"),
                   "accounts": QT_TRANSLATE_NOOP("FindingDetail", "账户"),
                   "person_statuses": QT_TRANSLATE_NOOP("FindingDetail", "名单"),
                   "org_units": QT_TRANSLATE_NOOP("FindingDetail", "单位"),
                   "allocations": QT_TRANSLATE_NOOP("FindingDetail", "拨付"),
                   "bank_returns": QT_TRANSLATE_NOOP("FindingDetail", "回盘")}
_EVIDENCE_SHOWN = 40


def finding_html(f: Finding, history: Sequence[findings_view.StatusChange]) -> str:
    """The detail pane's HTML for one finding."""
    e = html.escape
    status = e(term(STATUS_LABELS[FindingStatus(f.status)]))
    who = "　".join(x for x in (f.name or "", f.id_number or "", f.village or "") if x)
    lines = [QCoreApplication.translate("FindingDetail", "<h3>{0}（{1}）</h3>").format(e(term(f.title)), e(f.rule)),
             QCoreApplication.translate(
                 "FindingDetail", "<p>风险：{0}　状态：<b>{1}</b>　金额：{2} 元<br>编号：{3}　{4}</p>").format(
                 e(term(SEVERITY_LABELS[Severity(f.severity)])), status, format_yuan(f.amount_fen), f.uid[:8],
                 e(who)),
             QCoreApplication.translate("FindingDetail", "<p><b>说明</b><br>{0}</p>").format(e(f.explanation)),
             QCoreApplication.translate("FindingDetail", "<p><b>依据</b></p>") + "<ul>"]
    if f.problem_number:
        lines.insert(2, QCoreApplication.translate(
            "FindingDetail", "<p>已挂号为问题 <b>{0}</b>（见问题台账）</p>").format(e(f.problem_number)))
    grouped: dict[tuple[str, str], int] = {}  # 28 payments labelled alike are one line “×28”
    for item in f.evidence:
        key = (item.get("kind", ""), item.get("label", ""))
        grouped[key] = grouped.get(key, 0) + 1
    for (kind, label), times in list(grouped.items())[:_EVIDENCE_SHOWN]:
        more = f" ×{times}" if times > 1 else ""
        shown = QCoreApplication.translate("FindingDetail", str(_EVIDENCE_KINDS[kind])) if kind in _EVIDENCE_KINDS \
            else kind
        lines.append(QCoreApplication.translate("FindingDetail", "<li>{0}：{1}{2}</li>").format(
            e(shown), e(label), more))
    if len(grouped) > _EVIDENCE_SHOWN:
        lines.append(QCoreApplication.translate("FindingDetail", "<li>……另有 {0} 条</li>").format(
            len(grouped) - _EVIDENCE_SHOWN))
    lines.append("</ul>" + QCoreApplication.translate("FindingDetail", "<p><b>处理记录</b></p>") + "<ul>")
    for step in history:
        label = e(term(STATUS_LABELS.get(FindingStatus(step.status), step.status)))
        if step.status == FindingStatus.RESOLVED.value:
            lines.append(QCoreApplication.translate("FindingDetail", "<li>{0}（重新自查时数据已不再符合规则）</li>")
                         .format(label))
            continue
        by = QCoreApplication.translate("FindingDetail", "自查发现") if step.by is None else e(step.by)
        when = f"{e(step.at)} " if step.at else ""
        reason = QCoreApplication.translate("FindingDetail", "：{0}").format(e(step.reason)) if step.reason else ""
        lines.append(QCoreApplication.translate("FindingDetail", "<li>{0}<b>{1}</b>（{2}）{3}</li>").format(
            when, label, by, reason))
    lines.append("</ul>")
    return "".join(lines)
