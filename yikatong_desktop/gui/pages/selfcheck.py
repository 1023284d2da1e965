"""自查表 (SPEC §7): per scope and program, the 底数 from the data and the 15 items, pre-filled, edited, saved.

The scope is this installation's org, one township or a department. Loading and
exporting run off the GUI thread (gui.tasks.run_task); a stale load (the clerk
changed the program meanwhile) is dropped. Saving sends only the items the clerk
changed, so nothing untouched is rewritten.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCollator, QCoreApplication, QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.messages import message
from yikatong_desktop.domain.money import format_yuan
from yikatong_desktop.gui.errors import show_error
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.gui.tasks import run_task
from yikatong_desktop.services import ledger_moves, programs, queries, selfcheck, selfcheck_report
from yikatong_desktop.services.basics import METHOD_LABELS
from yikatong_desktop.services.selfcheck import FOUND, NONE_FOUND, Answer, Form, Scope

ITEM_HEADERS = (QT_TRANSLATE_NOOP("SelfcheckPage", "编号"), QT_TRANSLATE_NOOP("SelfcheckPage", "整治内容"),
                QT_TRANSLATE_NOOP("SelfcheckPage", "自查结果"), QT_TRANSLATE_NOOP("SelfcheckPage", "问题个数"),
                QT_TRANSLATE_NOOP("SelfcheckPage", "涉及金额(元)"), QT_TRANSLATE_NOOP("SelfcheckPage", "整改措施"))
CODE, TITLE, ANSWER, COUNT, AMOUNT, MEASURES = range(6)
SCOPE_KINDS = ((QT_TRANSLATE_NOOP("SelfcheckPage", "本单位"), "own"),
               (QT_TRANSLATE_NOOP("SelfcheckPage", "一个乡镇"), "township"),
               (QT_TRANSLATE_NOOP("SelfcheckPage", "主管部门"), "department"))
_CHANGED = QColor("#fff4cc")


@dataclass(frozen=True)
class Loaded:
    """What a load brings back: the scope, its programs and the chosen program's form."""

    scope: Scope
    codes: list[str]
    form: Form | None


#: The 底数 rows per 发放方式 (basics.METHOD_LABELS + 发放, as on paper).
_METHOD_ROWS = {"card": QT_TRANSLATE_NOOP("Terms", "一卡通发放"), "cash": QT_TRANSLATE_NOOP("Terms", "现金发放"),
                "other": QT_TRANSLATE_NOOP("Terms", "其他发放")}


class SelfcheckPage(QWidget):
    """Scope and program above; the 底数 on the left, the 15 items to answer on the right."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.form: Form | None = None
        self.where: Scope | None = None
        self.codes: list[str] = []
        self._generation = 0
        self._filling = False
        self._answers: dict[int, QComboBox] = {}
        self._counts: dict[int, QSpinBox] = {}
        self._basics_labels: list[tuple[QLabel, QLabel]] = []
        with app.reader() as uow:
            townships = queries.filter_choices(uow, app.actor)["townships"]
            catalogue = programs.list_programs(uow, app.actor)
        self.names = {p.code: p.name for p in catalogue}
        collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        departments = sorted({p.department for p in catalogue if p.in_scope and p.department},
                             key=collator.sortKey)
        self.choices: dict[str, list[tuple[str, str]]] = {
            "township": [(str(code), str(name)) for code, name in townships],
            "department": [(d, d) for d in departments]}

        self.scope_kind = QComboBox()
        for label, kind in SCOPE_KINDS:
            self.scope_kind.addItem(QCoreApplication.translate("SelfcheckPage", str(label)), kind)
        self.scope_which = QComboBox()
        self.scope_which.setMinimumWidth(140)
        self.program = QComboBox()
        self.program.setMinimumWidth(260)
        self.save_button = QPushButton(self.tr("保存"))
        self.reset_button = QPushButton(self.tr("恢复预填"))
        self.reset_button.setToolTip(self.tr("放弃没有保存的修改，重新读取（保存过的以保存的为准）"))
        self.export_xlsx_button = QPushButton(self.tr("导出 Excel…"))
        self.export_pdf_button = QPushButton(self.tr("导出 PDF…"))
        for b in (self.export_xlsx_button, self.export_pdf_button):
            b.setToolTip(self.tr("导出所选范围全部项目的自查表：汇总表加每个项目一张"))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("范围：")))
        top.addWidget(self.scope_kind)
        top.addWidget(self.scope_which)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("补贴项目：")))
        top.addWidget(self.program, 1)
        for b in (self.save_button, self.reset_button, self.export_xlsx_button, self.export_pdf_button):
            top.addWidget(b)

        self.basics = QFormLayout()
        self.basics.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        basics_box = QGroupBox(self.tr("底数（由数据自动统计）"))
        basics_layout = QVBoxLayout(basics_box)
        basics_layout.addLayout(self.basics)
        basics_layout.addStretch(1)

        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.table = QTableWidget(0, len(ITEM_HEADERS))
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("SelfcheckPage", str(h))
                                              for h in ITEM_HEADERS])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        header = self.table.horizontalHeader()
        for col, width in ((CODE, 44), (ANSWER, 88), (COUNT, 76), (AMOUNT, 110)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
            # at least as wide as the heading, which is longer in English
            self.table.setColumnWidth(col, max(width, header.sectionSizeHint(col)))
        for col in (TITLE, MEASURES):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        header.sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.itemChanged.connect(self._item_changed)
        items_box = QGroupBox(self.tr("整治内容自查情况（15项）"))
        items_layout = QVBoxLayout(items_box)
        items_layout.addWidget(self.source_label)
        items_layout.addWidget(self.table, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(basics_box)
        split.addWidget(items_box)
        split.setStretchFactor(1, 1)
        split.setSizes([330, 900])
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.status_label)

        self.scope_kind.currentIndexChanged.connect(self._kind_changed)
        self.scope_which.currentIndexChanged.connect(lambda _i: self.reload(programs_too=True))
        self.program.currentIndexChanged.connect(lambda _i: self.reload())
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(lambda: self.reload())
        self.export_xlsx_button.clicked.connect(lambda: self.ask_export(".xlsx"))
        self.export_pdf_button.clicked.connect(lambda: self.ask_export(".pdf"))
        self._kind_changed()

    # -- scope and loading -------------------------------------------------
    def _kind_changed(self) -> None:
        kind = self.scope_kind.currentData()
        self.scope_which.blockSignals(True)
        self.scope_which.clear()
        for key, name in self.choices.get(kind, []):
            self.scope_which.addItem(name, key)
        self.scope_which.blockSignals(False)
        self.scope_which.setVisible(kind != "own")
        self.reload(programs_too=True)

    def scope_args(self) -> dict[str, str | None]:
        """The keyword arguments of services.selfcheck.scope for the chosen scope."""
        kind, key = self.scope_kind.currentData(), self.scope_which.currentData()
        return {"org": key if kind == "township" else None, "department": key if kind == "department" else None}

    def reload(self, *, programs_too: bool = False) -> None:
        """Read the chosen program's form again (and the scope's programs): unsaved edits are dropped."""
        self._generation += 1
        generation, args = self._generation, self.scope_args()
        wanted, known = self.program.currentData(), None if programs_too else list(self.codes)
        self.status_label.setText(self.tr("正在读取……"))

        def work() -> Loaded:
            with self.app.reader() as uow:
                where = selfcheck.scope(uow, **args)
                codes = known if known is not None else selfcheck.programs_for(uow, self.app.actor, where)
                chosen = wanted if wanted in codes else (codes[0] if codes else None)
                return Loaded(where, codes, None if chosen is None else
                              selfcheck.form(uow, self.app.actor, chosen, where))

        def done(result: Loaded | None, error: BaseException | None) -> None:
            if generation != self._generation:
                return  # a newer load was started meanwhile
            if error is not None or result is None:
                self.status_label.setText("")
                show_error(self, error or RuntimeError("no form"))
                return
            self.status_label.setText("")
            self._show(result)

        run_task(work, done, owner=self)

    def _show(self, loaded: Loaded) -> None:
        self.where, self.codes = loaded.scope, loaded.codes
        self.program.blockSignals(True)
        self.program.clear()
        for code in loaded.codes:
            self.program.addItem(self.tr("{0}（{1}）").format(self.names.get(code, code), code), code)
        if loaded.form is not None:
            self.program.setCurrentIndex(self.program.findData(loaded.form.program_code))
        self.program.blockSignals(False)
        self.show_form(loaded.form)

    def show_form(self, form: Form | None) -> None:
        """Fill the 底数 and the 15 rows from a form (None: the scope has no programs)."""
        self.form = form
        for b in (self.save_button, self.reset_button, self.export_xlsx_button, self.export_pdf_button):
            b.setEnabled(form is not None)
        while self.basics.rowCount():
            self.basics.removeRow(0)  # deletes the row's labels
        self._basics_labels = []
        for name, value in self._basics_rows(form) if form is not None else []:
            label, shown = QLabel(name), QLabel(value)
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.basics.addRow(label, shown)
            self._basics_labels.append((label, shown))
        self._filling = True
        answers = form.answers if form is not None else []
        self._answers, self._counts = {}, {}
        self.table.setRowCount(len(answers))
        for row, a in enumerate(answers):
            self._fill_row(row, a)
        self._filling = False
        self.table.resizeRowsToContents()
        self.reset_button.setText(self.tr("放弃修改") if form is not None and form.saved_by else self.tr("恢复预填"))
        self.source_label.setText(self._source_text(form))

    def _basics_rows(self, f: Form) -> list[tuple[str, str]]:
        """The 底数 as selfcheck_report.basics_rows prints them on paper, in the interface language."""
        b = f.basics
        if b is None:
            return [(term("本单位没有该项目的发放数据"), "")]
        fig = b.figures
        rows = [(term("主管部门"), term(f.department)),
                (term("受益人数"), self.tr("{0} 人").format(f"{fig.persons:,}")),
                (term("受益户数"), self.tr("{0} 户").format(f"{fig.households:,}")),
                (term("发放笔数"), self.tr("{0} 笔").format(f"{fig.payments:,}")),
                (term("发放金额合计"), self.tr("{0} 元").format(format_yuan(fig.paid_fen)))]
        rows += [(self.tr("其中 {0} 年").format(year),
                  self.tr("{0} 元（{1} 人）").format(format_yuan(y.paid_fen), f"{y.persons:,}"))
                 for year, y in sorted(b.by_year.items())]
        for method in METHOD_LABELS:
            count, fen = fig.methods.get(method, (0, 0))
            rows.append((term(str(_METHOD_ROWS[method])), self.tr("{0} 笔，{1} 元，占 {2}").format(
                f"{count:,}", format_yuan(fen), f"{fig.share(method):.2%}")))
        banks = self.tr("、").join(x.bank for x in b.banks)
        rows.append((term("代理银行"),
                     self.tr("{0} 家：{1}").format(len(b.banks), banks) if b.banks else self.tr("无")))
        rows.append((term("一卡通账户（卡）数"), self.tr("{0} 个").format(f"{fig.accounts:,}")))
        return rows

    def basics_shown(self) -> dict[str, str]:
        """The 底数 as shown: 指标 → 数值."""
        return {name.text(): value.text() for name, value in self._basics_labels}

    def _source_text(self, form: Form | None) -> str:
        if form is None:
            return self.tr("这个范围没有需要填写自查表的补贴项目。")
        if form.saved_by:
            return self.tr("以下是 {0} 保存的自查结果，可以修改后再保存。底数随数据自动更新。").format(form.saved_by)
        found = sum(a.has_problem for a in form.answers)
        return self.tr("以下结果根据自查发现的问题（待核实、已确认）和问题台账预填：{0} 项有问题。"
                       "请逐项核对、补充整改措施后保存。").format(found)

    def _fill_row(self, row: int, a: Answer) -> None:
        fixed = Qt.ItemFlag.ItemIsEnabled
        for col, text in ((CODE, a.code), (TITLE, term(a.title))):
            item = QTableWidgetItem(text)
            item.setFlags(fixed)
            item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, col, item)
        answer = QComboBox()
        for value in (FOUND, NONE_FOUND):
            answer.addItem(term(value), value)
        answer.setCurrentIndex(answer.findData(FOUND if a.has_problem else NONE_FOUND))
        count = QSpinBox()
        count.setRange(0, 999_999)
        count.setValue(a.count)
        count.setAlignment(Qt.AlignmentFlag.AlignRight)
        for col, widget in ((ANSWER, answer), (COUNT, count)):
            holder = QWidget()
            box = QHBoxLayout(holder)
            box.setContentsMargins(2, 0, 2, 0)
            box.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
            self.table.setCellWidget(row, col, holder)
        self._answers[row], self._counts[row] = answer, count
        amount = QTableWidgetItem(format_yuan(a.amount_fen))
        amount.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, AMOUNT, amount)
        self.table.setItem(row, MEASURES, QTableWidgetItem(a.measures))
        answer.currentTextChanged.connect(lambda _t, r=row: self._answer_changed(r))
        count.valueChanged.connect(lambda _v, r=row: self._mark(r))
        self._answer_changed(row)

    # -- editing -----------------------------------------------------------
    def answer_box(self, row: int) -> QComboBox:
        """The 自查结果 combo of a row."""
        return self._answers[row]

    def count_box(self, row: int) -> QSpinBox:
        """The 问题个数 spin box of a row."""
        return self._counts[row]

    def cell(self, row: int, col: int) -> QTableWidgetItem:
        """The item of a text cell (编号, 整治内容, 涉及金额, 整改措施)."""
        item = self.table.item(row, col)
        assert item is not None
        return item

    def row_of(self, code: str) -> int:
        """The table row of an item code (1.1 … 3.5)."""
        return next(r for r in range(self.table.rowCount()) if self.cell(r, CODE).text() == code)

    def _answer_changed(self, row: int) -> None:
        # 无问题 has no count and no amount: zeroed and locked, so what is shown is what is saved.
        found = self.answer_box(row).currentData() == FOUND
        count, amount = self.count_box(row), self.cell(row, AMOUNT)
        was = self._filling
        self._filling = True
        if not found:
            count.setValue(0)
            amount.setText(format_yuan(0))
        count.setEnabled(found)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        amount.setFlags(flags | Qt.ItemFlag.ItemIsEditable if found else Qt.ItemFlag.NoItemFlags)
        self._filling = was
        self._mark(row)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == MEASURES and not self._filling:
            self.table.resizeRowToContents(item.row())
        self._mark(item.row())

    def row_values(self, row: int) -> dict[str, Any]:
        """A row as the service's edit: answer, count, amount (元 text) and measures."""
        return {"answer": self.answer_box(row).currentData(), "count": self.count_box(row).value(),
                "amount": self.cell(row, AMOUNT).text().strip(), "measures": self.cell(row, MEASURES).text().strip()}

    def _row_changed(self, row: int) -> bool:
        if self.form is None:
            return False
        a, now = self.form.answers[row], self.row_values(row)
        return bool(now != {"answer": FOUND if a.has_problem else NONE_FOUND, "count": a.count,
                            "amount": format_yuan(a.amount_fen), "measures": a.measures})

    def _mark(self, row: int) -> None:
        if self._filling or self.table.item(row, CODE) is None:
            return
        changed = self._row_changed(row)
        self.cell(row, CODE).setBackground(_CHANGED if changed else QColor(Qt.GlobalColor.transparent))
        n = len(self.edits())
        self.status_label.setText(self.tr("有 {0} 项修改尚未保存。").format(n) if n else "")

    def edits(self) -> dict[str, dict[str, Any]]:
        """The items the clerk changed, by code, as services.selfcheck.save takes them."""
        if self.form is None:
            return {}
        return {self.form.answers[r].code: self.row_values(r) for r in range(self.table.rowCount())
                if self._row_changed(r)}

    def save(self) -> None:
        """Save the changed items; bad input is shown and nothing is saved."""
        if self.form is None or self.where is None:
            return
        edits, where, program = self.edits(), self.where, self.form.program_code
        if not edits:
            self.status_label.setText(self.tr("没有修改，不需要保存。"))
            return

        def work() -> Form:
            with self.app.uow() as uow:
                saved = selfcheck.save(uow, self.app.actor, program, where, edits)
                uow.commit()
            return saved

        def done(saved: Form | None, error: BaseException | None) -> None:
            if error is not None or saved is None:  # the unit of work rolled back: nothing saved
                show_error(self, error or RuntimeError("not saved"))
                return
            self.show_form(saved)
            self.status_label.setText(self.tr("已保存 {0} 项：{1}。").format(
                len(edits), self.tr("、", "list separator").join(sorted(edits))))

        run_task(work, done, owner=self)

    # -- export ------------------------------------------------------------
    def ask_export(self, suffix: str) -> None:
        """Ask where to write the forms of every program of the scope, then write them."""
        if self.where is None:
            return
        kind = "Excel (*.xlsx)" if suffix == ".xlsx" else "PDF (*.pdf)"
        proposal = Path.home() / (self.tr("{0}自查表").format(self.where.name) + suffix)
        name, _ = QFileDialog.getSaveFileName(self, self.tr("导出自查表"), str(proposal), kind)
        if name:
            path = Path(name)
            self.export(path if path.suffix.lower() == suffix else path.with_name(path.name + suffix))

    def export(self, path: Path) -> None:
        """Write the summary and one sheet per program (.xlsx or .pdf) off the GUI thread."""
        args, unsaved = self.scope_args(), bool(self.edits())

        def work() -> int:
            with self.app.reader() as uow:
                where = selfcheck.scope(uow, **args)
                forms = selfcheck.forms(uow, self.app.actor, where)
                loose = selfcheck.unassigned(uow, self.app.actor, where)
                day = ledger_moves.today(uow)
            selfcheck_report.write_selfcheck(path, forms, day, loose)
            return len(forms)

        def done(count: int | None, error: BaseException | None) -> None:
            if error is not None or count is None:
                show_error(self, error or RuntimeError("nothing written"))
                return
            note = self.tr("（未保存的修改没有导出）") if unsaved else ""
            self.status_label.setText(message("selfcheck.written", count=count, path=path) + note)

        self.status_label.setText(self.tr("正在导出……"))
        run_task(work, done, owner=self)
