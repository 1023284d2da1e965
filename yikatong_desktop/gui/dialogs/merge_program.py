"""并入项目: a program an import created becomes part of a catalogue program, with a reason."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.errors import YktError
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.gui.dialogs.record_form import RecordForm
from yikatong_desktop.services import programs
from yikatong_desktop.services.programs import MergeResult, ProgramInfo


class MergeProgramDialog(RecordForm):
    """The same service as `ykt program merge SOURCE --into TARGET --reason …`."""

    def __init__(self, app: App, source: ProgramInfo, catalogue: list[ProgramInfo],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app, self.source = app, source
        self.merged: MergeResult | None = None
        self.setWindowTitle(self.tr("并入目录中的项目"))
        self.form.addRow(QLabel(self.tr("把“{0} {1}”（{2} 笔发放）并入：").format(source.code, source.name,
                                                                                source.payments)))
        self.target = QComboBox()
        for p in catalogue:
            if p.code != source.code and p.in_scope and not p.local:
                self.target.addItem(f"{p.code} {p.name}", p.code)
        self.form.addRow(self.tr("目录中的项目："), self.target)
        self.form.addRow(QLabel(self.tr("它的发放记录改为所选项目（原记录保留在历史中），名称加为简称，以后导入自动对应。")))
        self.form.addRow(self.tr("原因："), self.reason)
        self.form.addRow(self.message)
        self.add_buttons(self.tr("并入"), self.save)

    def save(self) -> None:
        """Merge and close, or say why not."""
        try:
            self.app.backup("before-merge", before=Action.SETTINGS)
            with self.app.uow() as uow:
                self.merged = programs.merge_program(uow, self.app.actor, self.source.code,
                                                     str(self.target.currentData()), reason=self.reason.text())
                uow.commit()
        except YktError as exc:
            self.show_refusal(exc)
            return
        self.accept()
