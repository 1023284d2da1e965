"""数据交换 (SPEC §8, §10): the offices whose packages this one accepts, keys trusted and revoked; a package
exported for the office above or below; packages imported — each previewed first, imported on 确认导入.

The same services as `ykt keys …` and `ykt package export|import|list`. Exporting and importing need the
org's key passphrase and take a while on a big database, so they run off the GUI thread (gui.tasks) with
the page's buttons off meanwhile. A preview is the import itself in a unit of work that is never
committed; the import proper backs the database up first (SPEC §9) and takes each file in a transaction
of its own, so a refused file changes nothing and the others are still imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from yikatong_desktop.bootstrap import App
from yikatong_desktop.domain.clock import local_today
from yikatong_desktop.domain.errors import InputRejected, YktError
from yikatong_desktop.domain.messages import language, message
from yikatong_desktop.domain.permissions import Action
from yikatong_desktop.formats.files import os_reason
from yikatong_desktop.gui.errors import show_error, user_text
from yikatong_desktop.gui.tasks import run_task
from yikatong_desktop.gui.widgets.exchange_peers import PeersBox
from yikatong_desktop.gui.widgets.exchange_result import ImportResults, Incoming
from yikatong_desktop.services import exchange
from yikatong_desktop.services.auth import permitted
from yikatong_desktop.services.exchange import Exported, Imported

_BAD = "color: #c00000;"
_GOOD = "color: #2e7d32;"
SUFFIX = ".ykt"
PACKAGES = QT_TRANSLATE_NOOP("ExchangePage", "数据包 (*.ykt);;所有文件 (*)")
#: Why the database is backed up before packages are merged (the backup list shows it).
BACKUP_REASON = "before-import-package"
_BAD_PASSPHRASE = "keystore.bad_passphrase"
#: What one file came to: the result, or the refusal in Chinese.
Outcome = tuple[Imported | None, str | None]


def package_paths(mime: QMimeData) -> list[Path]:
    """The local files among what was dragged."""
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile()] if mime.hasUrls() else []


class ExchangePage(QWidget):
    """受信任的单位 above; 导出 and 导入 below."""

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.app = app
        self.busy = False
        self.incoming: list[Incoming] = []
        self.passphrase: str | None = None  # kept only while previewed files wait for 确认导入
        self.setAcceptDrops(True)
        with app.reader() as uow:
            self.org_name = str(uow.get_setting("org.name", ""))
            self.today = local_today(uow.clock).date()
        self.peers = PeersBox(app)
        self.peers.changed.connect(self.fill_recipients)

        self.recipient = QComboBox()
        self.recipient.setMinimumWidth(200)
        self.full = QCheckBox(self.tr("全部数据"))
        self.full.setToolTip(self.tr("不勾选：只导出上次发给该单位之后的变化；勾选：导出本单位的全部数据"))
        self.export_button = QPushButton(self.tr("导出数据包…"))
        self.export_button.setToolTip(self.tr("写出加密、签名的 .ykt 数据包（需要密钥口令），用U盘等交给对方"))
        self.export_button.clicked.connect(lambda: self.ask_export())
        self.export_result = QLabel(self.tr("数据包只发给直接上级或直接下级，且对方须已受信任。"))
        self.export_result.setWordWrap(True)
        self.export_result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        export_box = QGroupBox(self.tr("导出数据包"))
        export_box.setFixedWidth(380)
        form = QFormLayout()
        form.addRow(self.tr("发给："), self.recipient)
        form.addRow("", self.full)
        export_layout = QVBoxLayout(export_box)
        export_layout.addLayout(form)
        export_layout.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        export_layout.addWidget(self.export_result, 1)

        self.import_button = QPushButton(self.tr("导入数据包…"))
        self.import_button.setToolTip(self.tr("选择一个或多个 .ykt 数据包：先预览，确认后才导入"))
        self.import_button.clicked.connect(lambda: self.ask_import())
        self.confirm_button = QPushButton(self.tr("确认导入"))
        self.confirm_button.setToolTip(self.tr("导入预览过、未被拒收的数据包（导入前自动备份数据库）"))
        self.confirm_button.clicked.connect(lambda: self.confirm_import())
        self.clear_button = QPushButton(self.tr("清除列表"))
        self.clear_button.clicked.connect(lambda: self.clear_incoming())
        self.import_state = QLabel()
        self.import_state.setWordWrap(True)
        self.results = ImportResults()
        import_box = QGroupBox(self.tr("导入数据包（可把 .ykt 文件拖到本页）"))
        row = QHBoxLayout()
        for button in (self.import_button, self.confirm_button, self.clear_button):
            row.addWidget(button)
        row.addWidget(self.import_state, 1)
        import_layout = QVBoxLayout(import_box)
        import_layout.addLayout(row)
        import_layout.addWidget(self.results, 1)

        bottom = QWidget()
        bottom_layout = QHBoxLayout(bottom)
        bottom_layout.setContentsMargins(0, 0, 0, 0)
        bottom_layout.addWidget(export_box)
        bottom_layout.addWidget(import_box, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.peers)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        split.setSizes([230, 510])
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        self.fill_recipients()
        self._enable()

    def showEvent(self, event: QShowEvent) -> None:
        """Keys trusted and packages exchanged elsewhere (the CLI) show when the page is visited again."""
        super().showEvent(event)
        if not self.busy:
            self.peers.refresh()
            self.fill_recipients()

    def fill_recipients(self) -> None:
        """The trusted offices not revoked: the ones a package may go to."""
        current = self.recipient.currentData()
        self.recipient.clear()
        for s in self.peers.status:
            if not s.peer.revoked:
                self.recipient.addItem(self.tr("{0}（{1}）").format(s.peer.org_name, s.peer.org_code), s.peer.org_code)
        if self.recipient.count() == 0:
            self.recipient.addItem(self.tr("（尚无受信任的单位）"), None)
        found = self.recipient.findData(current)
        self.recipient.setCurrentIndex(max(found, 0))
        self._enable()

    def _enable(self) -> None:
        may = permitted(self.app.actor, Action.EXCHANGE)
        idle = may and not self.busy
        self.export_button.setEnabled(idle and self.recipient.currentData() is not None)
        self.import_button.setEnabled(idle)
        self.confirm_button.setEnabled(idle and any(i.ready for i in self.incoming))
        self.clear_button.setEnabled(not self.busy and bool(self.incoming))
        if not may:
            why = self.tr("当前用户不能导入导出数据包：需要录入或管理员角色。")
            for button in (self.export_button, self.import_button, self.confirm_button):
                button.setToolTip(why)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        if text:
            self.import_state.setStyleSheet("")
            self.import_state.setText(text)
        self._enable()

    def ask_passphrase(self, purpose: str) -> str | None:
        """The org's key passphrase, or None when the clerk cancelled."""
        text, ok = QInputDialog.getText(self, self.tr("密钥口令"),
                                        self.tr("{0}要用本单位的密钥，请输入密钥口令：").format(purpose),
                                        QLineEdit.EchoMode.Password)
        return text if ok and text else None

    # -- export -------------------------------------------------------------------------------------------
    def ask_export(self) -> None:
        """导出数据包…: where to write it, then the passphrase."""
        to = self.recipient.currentData()
        if to is None:
            return
        to_name = next((s.peer.org_name for s in self.peers.status if s.peer.org_code == to), str(to))
        name = self.tr("{0}至{1}-{2}").format(self.org_name, to_name, f"{self.today:%Y%m%d}") + SUFFIX
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("导出数据包"), str(Path.home() / name),
                                                QCoreApplication.translate("ExchangePage", str(PACKAGES)))
        if not chosen:
            return
        path = Path(chosen)
        path = path if path.suffix.lower() == SUFFIX else path.with_name(path.name + SUFFIX)
        passphrase = self.ask_passphrase(self.tr("导出数据包"))
        if passphrase is not None:
            self.export_to(str(to), path, passphrase, full=self.full.isChecked())

    def export_to(self, to: str, path: Path, passphrase: str, *, full: bool = False) -> None:
        """Build, sign, seal and write a package for `to` in the background; recorded once it is written."""
        actor = self.app.actor

        def work() -> Exported:
            if not path.expanduser().resolve().parent.is_dir():
                raise InputRejected("keys.no_folder", path=str(path))
            with self.app.uow() as uow:
                done = exchange.export_package(uow, actor, self.app.keystore_path, passphrase, to, path, full=full)
                try:
                    uow.commit()
                except BaseException:
                    path.unlink(missing_ok=True)  # not recorded as sent: no file that says otherwise
                    raise
            return done

        def done(made: Exported | None, error: BaseException | None) -> None:
            self._set_busy(False)
            if isinstance(error, OSError):  # a stick pulled out, a full disk: said in words, nothing recorded
                self._export_said(self.tr("无法写入 {0}：{1}").format(path, os_reason(error)), bad=True)
                return
            if error is not None or made is None:
                self._export_said(user_text(error or RuntimeError("nothing written")), bad=True)
                show_error(self, error or RuntimeError("nothing written"))
                return
            self._export_said(message(
                "package.exported", path=made.path, name=made.recipient_name, code=made.recipient,
                epoch=made.epoch, sequence=made.sequence, records=sum(made.counts.values())))
            self.peers.refresh()

        self.export_result.setStyleSheet("")
        self.export_result.setText(self.tr("正在导出数据包……"))
        self._set_busy(True)
        run_task(work, done, owner=self)

    def _export_said(self, text: str, *, bad: bool = False) -> None:
        self.export_result.setStyleSheet(_BAD if bad else _GOOD)
        self.export_result.setText(text)

    # -- import ----------------------------------------------------------------------------------------------
    def ask_import(self) -> None:
        """导入数据包…: one or more files, each previewed."""
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("选择数据包"), str(Path.home()),
                                                 QCoreApplication.translate("ExchangePage", str(PACKAGES)))
        if chosen:
            self.add_files([Path(c) for c in chosen])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Files dragged over the page may be dropped (the drop says what is wrong with them)."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        event.acceptProposedAction()
        self.drop(event.mimeData())

    def drop(self, mime: QMimeData) -> None:
        """Dropped .ykt files are previewed like chosen ones; anything else is refused in words."""
        paths = package_paths(mime)
        wrong = [p.name for p in paths if p.suffix.lower() != SUFFIX or not p.is_file()]
        if wrong or not paths:
            self.import_state.setStyleSheet(_BAD)
            self.import_state.setText(self.tr("只能导入本机上的 .ykt 数据包：{0}").format(
                self.tr("、", "separator of a list").join(wrong) or "-"))
        ykt = [p for p in paths if p.suffix.lower() == SUFFIX and p.is_file()]
        if ykt:
            self.add_files(ykt)

    def add_files(self, paths: Sequence[Path], passphrase: str | None = None) -> None:
        """Preview each file (a dry run, rolled back); files added while others wait join them."""
        if self.busy or not paths:
            return
        waiting = [i for i in self.incoming if i.ready]
        if not waiting:
            self.passphrase = None
        passphrase = passphrase or self.passphrase or self.ask_passphrase(self.tr("打开数据包"))
        if passphrase is None:
            return
        kept = [i for i in waiting if i.path not in paths]
        new = [Incoming(p) for p in dict.fromkeys(paths)]
        self.incoming = kept + new
        self.results.set_items(self.incoming, select=len(kept))
        actor = self.app.actor

        def work() -> list[Outcome]:
            out: list[Outcome] = []
            for path in [i.path for i in new]:
                try:
                    data = self._read(path)
                    with self.app.uow() as uow:  # never committed: the preview keeps nothing
                        out.append((exchange.import_package(uow, actor, self.app.keystore_path, passphrase, data,
                                                            file_name=path.name, dry_run=True), None))
                except YktError as exc:
                    if exc.key == _BAD_PASSPHRASE:
                        raise  # not this file's fault: no file is previewed
                    out.append((None, exc.text(language())))
            return out

        def done(outcomes: list[Outcome] | None, error: BaseException | None) -> None:
            self._set_busy(False)
            if error is not None or outcomes is None:
                self.incoming = kept
                self.results.set_items(self.incoming)
                self._said(self.tr("未预览：") + user_text(error or RuntimeError("no preview")), bad=True)
                show_error(self, error or RuntimeError("no preview"))
                self._enable()
                return
            for item, (preview, refusal) in zip(new, outcomes, strict=True):
                item.preview, item.refusal = preview, refusal
            self.passphrase = passphrase if any(i.ready for i in self.incoming) else None
            self.results.set_items(self.incoming, select=len(kept))
            ready = sum(i.ready for i in self.incoming)
            refused = sum(i.refusal is not None for i in new)
            text = self.tr("已预览 {0} 个文件（未导入）：{1} 个可导入").format(len(new), ready)
            if refused:
                text += self.tr("，{0} 个被拒收").format(refused)
            self._said(text + (self.tr("。请查看后点“确认导入”。") if ready else self.tr("。")), bad=bool(refused))
            self._enable()

        self._set_busy(True, self.tr("正在预览 {0} 个数据包……").format(len(new)))
        run_task(work, done, owner=self)

    @staticmethod
    def _read(path: Path) -> bytes:
        try:
            return path.read_bytes()
        except FileNotFoundError as exc:
            raise InputRejected("file.missing", path=str(path)) from exc
        except OSError as exc:
            raise InputRejected("file.unreadable", reason=f"{path}：{os_reason(exc)}") from exc

    def confirm_import(self) -> None:
        """确认导入: back up, then import each previewed file in its own transaction, in each sender's order."""
        ready = sorted((i for i in self.incoming if i.ready), key=Incoming.order)
        passphrase, actor = self.passphrase, self.app.actor
        if not ready or passphrase is None or self.busy:
            return

        def work() -> list[Outcome]:
            self.app.backup(BACKUP_REASON, before=Action.EXCHANGE)  # SPEC §9: a way back from a merge
            out: list[Outcome] = []
            for path in [i.path for i in ready]:
                try:
                    data = self._read(path)
                    with self.app.uow() as uow:
                        done = exchange.import_package(uow, actor, self.app.keystore_path, passphrase, data,
                                                       file_name=path.name)
                        if not done.already:
                            uow.commit()
                    out.append((done, None))
                except YktError as exc:  # this file changed nothing; the next is still tried
                    out.append((None, exc.text(language())))
            return out

        def done(outcomes: list[Outcome] | None, error: BaseException | None) -> None:
            for item, (result, refusal) in zip(ready, outcomes or [], strict=False):
                item.imported, item.refusal = result, refusal
            if error is None:
                self.passphrase = None
            self._set_busy(False)
            self.results.set_items(self.incoming, select=self.incoming.index(ready[0]))
            self.peers.refresh()
            if error is not None or outcomes is None:
                self._said(self.tr("未导入：") + user_text(error or RuntimeError("nothing imported")), bad=True)
                show_error(self, error or RuntimeError("nothing imported"))
                return
            merged = sum(i.imported is not None and not i.imported.already for i in ready)
            refused = sum(i.refusal is not None for i in ready)
            text = self.tr("已导入 {0} 个数据包").format(merged)
            if refused:
                text += self.tr("，{0} 个被拒收（没有任何改动）").format(refused)
            self._said(text + self.tr("。建议到“自查”页重新运行检查。"), bad=bool(refused))

        self._set_busy(True, self.tr("正在导入 {0} 个数据包……").format(len(ready)))
        run_task(work, done, owner=self)

    def clear_incoming(self) -> None:
        """清除列表: forget the files shown (and the passphrase kept for them)."""
        self.incoming, self.passphrase = [], None
        self.results.set_items([])
        self.results.show_item(None)
        self._said("")
        self._enable()

    def _said(self, text: str, *, bad: bool = False) -> None:
        self.import_state.setStyleSheet(_BAD if bad else _GOOD)
        self.import_state.setText(text)
