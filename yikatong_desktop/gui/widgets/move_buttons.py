"""One button per move of the life cycle (开始整改, 申请销号, 销号, 退回, 回头看), enabled by the services.

Whether a move may be taken now, and why not, is decided by services (move_options); a
disabled button carries that refusal as its tooltip, so the clerk sees what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from yikatong_desktop.domain.problems import MOVE_LABELS, TRANSITIONS, Kind, Move
from yikatong_desktop.gui.i18n import term
from yikatong_desktop.services.ledger_moves import MoveOption


class MoveButtons(QWidget):
    """A row of move buttons; `chosen` says which one was clicked."""

    chosen = Signal(object)  # the Move

    def __init__(self, kind: Kind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[Move, QPushButton] = {}
        for move in TRANSITIONS:
            label = term(MOVE_LABELS[kind][move]) + ("…" if TRANSITIONS[move].needs_reason else "")
            button = QPushButton(label)
            button.setObjectName(f"move_{move.value}")
            button.clicked.connect(lambda _checked=False, m=move: self.chosen.emit(m))
            layout.addWidget(button)
            self.buttons[move] = button
        self.set_options(None)

    def set_options(self, options: Sequence[MoveOption] | None) -> None:
        """Enable the moves the services allow now; the others say why in their tooltip (None: nothing chosen)."""
        by_move = {o.move: o for o in options or ()}
        for move, button in self.buttons.items():
            option = by_move.get(move)
            if option is None:
                button.setEnabled(False)
                button.setToolTip(self.tr("请先在表中选中一条记录。"))
                continue
            button.setEnabled(option.refusal is None)
            button.setToolTip(option.refusal or "")
