"""核对: a paper 公示 against the database — does its fingerprint match the record, and are its payments unchanged?

The fingerprint is typed as printed (any case, with or without dashes), or the QR code's text is pasted
(a scanner types it); the verdict is said in words: 相符 or 不符, and which rows changed and how.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.notices import QR_PREFIX
from yikatong_desktop.gui.errors import show_error
from yikatong_desktop.services import notices
from yikatong_desktop.services.notices import CheckResult, Notice

OK_COLOUR, BAD_COLOUR = "#1a7f37", "#c00000"


def check_html(result: CheckResult) -> str:
    """The verdict in words: the paper, the data, and the rows that changed."""
    n = result.notice
    ok = result.ok
    lines = [f"<p style='font-size:16px; font-weight:bold; color:{OK_COLOUR if ok else BAD_COLOUR}'>"
             f"{html.escape(message('notice.check_ok' if ok else 'notice.check_bad'))}</p>"]
    if result.paper_matches is None:  # the command line's option is no business of the dialog
        paper = message("notice.check_no_paper").replace("（--fingerprint）", "").replace(" (--fingerprint)", "")
    elif result.paper_matches:
        paper = message("notice.check_paper_ok", given=result.given, number=n.number)
    else:
        paper = message("notice.check_paper_bad", given=result.given, number=n.number, recorded=n.fingerprint)
    lines.append(f"<p>{html.escape(paper)}</p>")
    if result.data_unchanged:
        lines.append(f"<p>{html.escape(message('notice.check_data_ok', rows=n.row_count))}</p>")
    else:
        said = message("notice.check_data_changed", count=len(result.changes), current=result.current)
        rows = "".join(f"<tr><td align='right'>{c.seq}</td><td>{html.escape(c.name)}</td>"
                       f"<td>{html.escape(c.what)}</td></tr>" for c in result.changes)
        heads = "".join(f"<th>{html.escape(h)}</th>" for h in (
            QCoreApplication.translate("CheckDialog", "序号"), QCoreApplication.translate("CheckDialog", "姓名"),
            QCoreApplication.translate("CheckDialog", "变化")))
        lines.append(f"<p>{html.escape(said)}</p><table border='1' cellspacing='0' cellpadding='3'>"
                     f"<tr>{heads}</tr>{rows}</table>")
    return "".join(lines)


class CheckDialog(QDialog):
    """The notice's number, the fingerprint to check, and the verdict below."""

    def __init__(self, app: App, notice: Notice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.notice = app, notice
        self.outcome: CheckResult | None = None
        self.setWindowTitle(self.tr("核对公示 {0}").format(notice.number))
        self.setMinimumSize(560, 380)
        title = QLabel(notice.title)
        title.setWordWrap(True)
        self.fingerprint = QLineEdit()
        self.fingerprint.setPlaceholderText(self.tr("纸面上印的 12 位指纹，如 D3A2-91BC-0D4E；也可粘贴二维码内容"))
        self.fingerprint.returnPressed.connect(self.run_check)
        form = QFormLayout()
        form.addRow(self.tr("公示编号："), QLabel(notice.number))
        form.addRow(self.tr("纸面指纹："), self.fingerprint)
        note = QLabel(self.tr("不填指纹时只核对数据：公示制作后，名单上的发放是否被改动或作废。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        self.verdict = QTextBrowser()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("核对"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.accepted.connect(self.run_check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.verdict, 1)
        layout.addWidget(buttons)

    def run_check(self) -> CheckResult | None:
        """Check the paper (or the data only) and show the verdict."""
        typed = self.fingerprint.text().strip()
        scanned = typed.startswith(QR_PREFIX + "|")
        try:
            with self.app.reader() as uow:
                self.outcome = notices.check(uow, self.app.actor, typed if scanned else self.notice.number,
                                            None if scanned or not typed else typed)
        except Exception as exc:
            show_error(self, exc)
            return None
        self.verdict.setHtml(check_html(self.outcome))
        return self.outcome
