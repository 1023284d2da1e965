"""A page not built yet: says what it will do, so the navigation is complete."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

#: What each coming page will do, in the clerk's words.
PLANS = {
    "import": QT_TRANSLATE_NOOP("PlaceholderPage",
                                "导入各部门、银行报来的花名册和名单（Excel、CSV），检查并显示每一行的问题。"),
    "checks": QT_TRANSLATE_NOOP("PlaceholderPage", "运行22项自查规则，查看疑点，发往村里核实，确认或排除。"),
    "ledger": QT_TRANSLATE_NOOP("PlaceholderPage", "问题台账：挂号、整改、申请销号、销号、留号，追回资金专账。"),
    "complaints": QT_TRANSLATE_NOOP("PlaceholderPage", "记录举报和公示异议，跟踪办理结果。"),
    "selfcheck": QT_TRANSLATE_NOOP("PlaceholderPage", "按项目生成自查表：底数和15项整治内容，导出Excel和PDF。"),
    "notices": QT_TRANSLATE_NOOP("PlaceholderPage", "按村、项目、期间生成公示表（身份证号遮蔽），记录张贴和异议。"),
    "reports": QT_TRANSLATE_NOOP("PlaceholderPage", "生成并签名月报、工作总结，每月25日前报送。"),
    "exchange": QT_TRANSLATE_NOOP("PlaceholderPage", "与县、州交换加密数据包（U盘），合并各乡镇数据。"),
}


class PlaceholderPage(QWidget):
    """“即将推出” with a one-line description of the page's purpose."""

    def __init__(self, key: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        heading = QLabel(f"<h2>{title}</h2>")
        soon = QLabel(self.tr("即将推出"))
        soon.setObjectName("comingSoon")
        soon.setStyleSheet("font-size: 18px; color: #8a6d3b;")
        plan = QLabel(self.tr(str(PLANS[key])) if key in PLANS else "")
        plan.setWordWrap(True)
        for w in (heading, soon, plan):
            layout.addWidget(w)
        layout.addStretch(1)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
