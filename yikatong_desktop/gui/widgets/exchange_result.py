"""数据交换 → what a package file would do or did: the files of one import and, for the one selected, per kind
新增/更新/未变/较旧/拒绝, the conflicts and the notes (a missing package, an audit chain that does not fit).

The same view shows a preview (a dry run, rolled back) and the import itself; a refused file shows the
Chinese reason and nothing else, since nothing of it was kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.domain.messages import message
from yikatong_desktop.gui.widgets.tables import read_only_table
from yikatong_desktop.services.exchange import Imported

_BAD = "color: #c00000;"
_WARN = "color: #a94442;"
_GOOD = "color: #2e7d32;"
_COUNTS = ("added", "changed", "unchanged", "older", "refused")
#: What each kind of record a package carries is called on the page.
KIND_LABELS = {
    "org_units": QT_TRANSLATE_NOOP("ImportResults", "单位"),
    "programs": QT_TRANSLATE_NOOP("ImportResults", "补贴项目"),
    "program_standards": QT_TRANSLATE_NOOP("ImportResults", "补贴标准"),
    "households": QT_TRANSLATE_NOOP("ImportResults", "户"),
    "persons": QT_TRANSLATE_NOOP("ImportResults", "人员"),
    "bank_accounts": QT_TRANSLATE_NOOP("ImportResults", "银行账户"),
    "import_batches": QT_TRANSLATE_NOOP("ImportResults", "导入批次"),
    "payments": QT_TRANSLATE_NOOP("ImportResults", "发放记录"),
    "person_statuses": QT_TRANSLATE_NOOP("ImportResults", "死亡/迁出/退出名单"),
    "public_employees": QT_TRANSLATE_NOOP("ImportResults", "财政供养人员"),
    "cadres": QT_TRANSLATE_NOOP("ImportResults", "村干部及近亲属"),
    "eligible_entries": QT_TRANSLATE_NOOP("ImportResults", "应享名单"),
    "fund_allocations": QT_TRANSLATE_NOOP("ImportResults", "资金拨付"),
    "bank_returns": QT_TRANSLATE_NOOP("ImportResults", "银行回盘"),
    "field_checks": QT_TRANSLATE_NOOP("ImportResults", "入户核查"),
    "findings": QT_TRANSLATE_NOOP("ImportResults", "疑点"),
    "problems": QT_TRANSLATE_NOOP("ImportResults", "问题"),
    "problem_recoveries": QT_TRANSLATE_NOOP("ImportResults", "追回记录"),
    "complaints": QT_TRANSLATE_NOOP("ImportResults", "举报"),
    "notices": QT_TRANSLATE_NOOP("ImportResults", "公示"),
    "evidence_files": QT_TRANSLATE_NOOP("ImportResults", "佐证材料"),
    "selfcheck_forms": QT_TRANSLATE_NOOP("ImportResults", "自查表"),
    "reports": QT_TRANSLATE_NOOP("ImportResults", "报告"),
    "key_revocations": QT_TRANSLATE_NOOP("ImportResults", "密钥吊销"),
}


@dataclass
class Incoming:
    """One package file of an import: its preview, then what importing it did, or why it was refused."""

    path: Path
    preview: Imported | None = None
    imported: Imported | None = None
    refusal: str | None = None

    @property
    def latest(self) -> Imported | None:
        return self.imported or self.preview

    @property
    def ready(self) -> bool:
        """Previewed, not refused, not imported before, not imported yet: 确认导入 takes it."""
        return self.refusal is None and self.imported is None and self.preview is not None \
            and not self.preview.already

    def order(self) -> tuple[str, int, int, str]:
        """Packages of one sender are imported in their order, so no gap is reported that the batch fills."""
        done = self.latest
        return (done.sender, done.epoch, done.sequence, self.path.name) if done else ("", 0, 0, self.path.name)

    def state(self) -> str:
        """A few words for the list of files."""
        if self.refusal is not None:
            return QCoreApplication.translate("ImportResults", "已拒收，未导入")
        done = self.latest
        if done is None:
            return QCoreApplication.translate("ImportResults", "正在预览…")
        if done.already:
            return QCoreApplication.translate("ImportResults", "已导入过，没有变化")
        if self.imported is not None:
            return QCoreApplication.translate("ImportResults", "已导入")
        return QCoreApplication.translate("ImportResults", "预览完成，待确认导入")


def sentence(done: Imported) -> str:
    """The sentence `ykt package import` says of a file."""
    if done.already:
        return message("package.already", file=done.file)
    totals: dict[str, object] = dict(done.totals())
    return message("package.dry_run" if done.dry_run else "package.imported", None, file=done.file,
                   name=done.sender_name, sequence=done.sequence, **totals)


class ImportResults(QWidget):
    """The files of the current import above; the selected file's result below."""

    #: The selected file changed (its row, or -1).
    selected = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[Incoming] = []
        self.files = read_only_table([self.tr("文件"), self.tr("发送单位"), self.tr("编号"), self.tr("状态")],
                                     stretch_last=True)
        self.files.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.files.setColumnWidth(0, 220)
        self.files.setColumnWidth(1, 150)
        self.files.setColumnWidth(2, 120)
        self.files.itemSelectionChanged.connect(self._row_changed)
        self.summary = QLabel(self.tr("把 .ykt 数据包拖到本页，或点“导入数据包…”：每个文件先预览（不保存），"
                                      "确认后才导入。"))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kinds = read_only_table([self.tr("类别"), self.tr("新增"), self.tr("更新"), self.tr("未变"),
                                      self.tr("较旧"), self.tr("拒绝")])
        header = self.kinds.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, 6):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            self.kinds.setColumnWidth(col, 72)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(_WARN + "font-weight: bold;")
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflicts = QPlainTextEdit()
        self.conflicts.setReadOnly(True)
        self.conflicts.setMaximumHeight(90)
        detail = QWidget()
        box = QVBoxLayout(detail)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.summary)
        box.addWidget(self.notes)
        box.addWidget(self.kinds, 1)
        box.addWidget(self.conflicts)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.files)
        split.addWidget(detail)
        split.setChildrenCollapsible(False)
        split.setSizes([110, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.show_item(None)

    def set_items(self, items: list[Incoming], *, select: int = 0) -> None:
        """Show these files; select one of them (its result below)."""
        self.items = items
        self.files.blockSignals(True)
        self.files.setRowCount(len(items))
        for row, item in enumerate(items):
            done = item.latest
            cells = (item.path.name, self.tr("{0}（{1}）").format(done.sender_name, done.sender) if done else "-",
                     self.tr("第 {0} 轮第 {1} 个").format(done.epoch, done.sequence) if done else "-", item.state())
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(str(item.path) if col == 0 else text)
                if col == 3:
                    colour = "#c00000" if item.refusal else "#2e7d32" if item.imported else None
                    if colour:
                        cell.setForeground(QColor(colour))
                self.files.setItem(row, col, cell)
        self.files.blockSignals(False)
        if items:
            self.files.selectRow(min(max(select, 0), len(items) - 1))
        self._row_changed()

    def current(self) -> Incoming | None:
        row = self.files.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _row_changed(self) -> None:
        self.show_item(self.current())
        self.selected.emit(self.files.currentRow())

    def show_item(self, item: Incoming | None) -> None:
        """One file's result: the refusal alone, or the sentence, per kind counts, notes and conflicts."""
        self.kinds.setRowCount(0)
        self.conflicts.clear()
        self.conflicts.setVisible(False)
        self.notes.clear()
        self.notes.setVisible(False)
        if item is None:
            self.summary.setStyleSheet("")
            return
        done = item.latest
        if item.refusal is not None:
            self.summary.setStyleSheet(_BAD)
            self.summary.setText(self.tr("{0}：未导入，没有任何改动。\n{1}").format(item.path.name, item.refusal))
            return
        if done is None:
            self.summary.setStyleSheet("")
            self.summary.setText(self.tr("正在预览 {0}……").format(item.path.name))
            return
        self.summary.setStyleSheet(_GOOD if item.imported is not None else "")
        self.summary.setText(sentence(done))
        self.kinds.setRowCount(len(done.kinds))
        lines: list[str] = []
        for row, (kind, result) in enumerate(done.kinds.items()):
            label = QCoreApplication.translate("ImportResults", str(KIND_LABELS[kind])) if kind in KIND_LABELS else kind
            self.kinds.setItem(row, 0, QTableWidgetItem(label))
            for col, key in enumerate(_COUNTS, start=1):
                value = int(getattr(result, key))
                cell = QTableWidgetItem(f"{value:,}")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if key == "refused" and value:
                    cell.setForeground(QColor("#c00000"))
                self.kinds.setItem(row, col, cell)
            lines += [self.tr("{0}：{1}").format(label, line) for line in result.conflicts]
        if lines:
            self.conflicts.setPlainText(self.tr("冲突 {0} 处：").format(len(lines)) + "\n" + "\n".join(lines))
            self.conflicts.setVisible(True)
        if done.notes:
            self.notes.setText("\n".join(done.notes))
            self.notes.setVisible(True)
