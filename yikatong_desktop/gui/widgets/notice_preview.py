"""The 公示 as it will print: the PDF's pages rendered with PDFium, stacked in a scroll area, and printed.

PySide6-Essentials has no QtPdf, so pages are rasterised by pypdfium2. A 2,000-row notice runs to some
50 pages: each page gets a placeholder of the right size at once and is rendered only when it scrolls
into view (and dropped again when far away), so opening and scrolling stay quick and memory stays small.
PDFium is not thread-safe: every call into it here happens on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

import pypdfium2 as pdfium
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMarginsF, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap, QResizeEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

POINTS_PER_INCH = 72.0
SCREEN_DPI = 96.0
PRINT_DPI = 300.0  # enough for 9-point text and the QR code; higher only makes the spool file bigger
KEEP_RENDERED = 12  # pages kept as images; the rest are re-rendered when scrolled back to
ZOOMS = ((QT_TRANSLATE_NOOP("NoticePreview", "适合宽度"), 0.0), ("50%", 0.5), ("75%", 0.75), ("100%", 1.0),
         ("150%", 1.5))


def _tr(text: object) -> str:
    """A text marked with QT_TRANSLATE_NOOP("NoticePreview", …) (an `object` to mypy, or "50%"), translated."""
    return QCoreApplication.translate("NoticePreview", str(text))


def render_page(pdf: pdfium.PdfDocument, index: int, scale: float) -> QImage:
    """Page `index` at `scale` pixels per point, as an opaque QImage (its own copy of the pixels)."""
    page = pdf[index]
    try:
        bitmap = page.render(scale=scale, prefer_bgrx=True, fill_color=(255, 255, 255, 255))
        try:
            # BGRx bytes are what QImage's RGB32 (0xffRRGGBB, little-endian) keeps in memory.
            image = QImage(bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB32).copy()
        finally:
            bitmap.close()
    finally:
        page.close()
    return image


def page_sizes(pdf: pdfium.PdfDocument) -> list[tuple[float, float]]:
    """Each page's (width, height) in points."""
    sizes = []
    for i in range(len(pdf)):
        page = pdf[i]
        sizes.append(page.get_size())
        page.close()
    return sizes


def print_pdf(printer: QPrinter, data: bytes, *, progress: Callable[[int, int], bool] | None = None) -> int:
    """Print the PDF's pages (the printer's page range, else all) on A4, each page image filling the sheet
    as the PDF lays it out (its own margins); `progress(done, total)` may return False to stop. Returns the
    number of pages printed (0: the printer would not start)."""
    pdf = pdfium.PdfDocument(data)
    try:
        sizes = page_sizes(pdf)
        first = max(printer.fromPage(), 1) if printer.fromPage() else 1
        last = min(printer.toPage(), len(sizes)) if printer.toPage() else len(sizes)
        wanted = list(range(first - 1, last))
        if not wanted:
            return 0
        landscape = sizes[0][0] > sizes[0][1]
        printer.setFullPage(True)
        printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                          QPageLayout.Orientation.Landscape if landscape
                                          else QPageLayout.Orientation.Portrait, QMarginsF()))
        dpi = min(float(printer.resolution()), PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):  # no printer, no paper, a file that cannot be written
            return 0
        printed = 0
        try:
            for index in wanted:
                if printed:
                    printer.newPage()
                image = render_page(pdf, index, dpi / POINTS_PER_INCH)
                sheet = painter.viewport()
                fitted = image.size().scaled(sheet.size(), Qt.AspectRatioMode.KeepAspectRatio)
                target = QRect(sheet.x() + (sheet.width() - fitted.width()) // 2,
                               sheet.y() + (sheet.height() - fitted.height()) // 2, fitted.width(), fitted.height())
                painter.drawImage(target, image)
                printed += 1
                if progress is not None and not progress(printed, len(wanted)):
                    break
        finally:
            painter.end()
        return printed
    finally:
        pdf.close()


class _PageSlot(QWidget):
    """One page: a white sheet of the page's size (its image once rendered) and 第 x 页 / 共 y 页 below."""

    def __init__(self, number: int, count: int, size: QSize) -> None:
        super().__init__()
        self.sheet = QLabel()
        self.sheet.setFixedSize(size)
        self.sheet.setFrameShape(QFrame.Shape.Box)
        self.sheet.setStyleSheet("background: white; color: #aaa; border: 1px solid #999;")
        self.sheet.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sheet.setText(QCoreApplication.translate("NoticePreview", "正在显示……"))
        caption = QLabel(QCoreApplication.translate("NoticePreview", "第 {0} 页 / 共 {1} 页").format(number, count))
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(2)
        layout.addWidget(self.sheet, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(caption)
        # a fixed size, known before any event is processed: the pages are placed (and found in view) at once
        self.setFixedSize(size.width(), size.height() + 2 + caption.sizeHint().height() + 6)
        self.rendered = False

    def show_image(self, image: QImage) -> None:
        pixmap = QPixmap.fromImage(image)
        pixmap.setDevicePixelRatio(self.devicePixelRatioF())
        self.sheet.setPixmap(pixmap)
        self.rendered = True

    def drop_image(self) -> None:
        self.sheet.clear()
        self.sheet.setText(QCoreApplication.translate("NoticePreview", "正在显示……"))
        self.rendered = False


class NoticePreview(QWidget):
    """A banner (预览 or the notice's number), the zoom, and the pages in a scroll area."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.zoom = QComboBox()
        for label, value in ZOOMS:
            self.zoom.addItem(_tr(label), value)
        self.zoom.setToolTip(self.tr("显示比例（只影响屏幕显示，不影响打印）"))
        self.container = QWidget()
        self.container.setStyleSheet("background: #e4e4e4;")
        self.pages_layout = QVBoxLayout(self.container)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_layout.setSpacing(8)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: #555; font-size: 14px; padding: 40px;")
        self.hint.setMinimumWidth(560)  # one line where there is room, not a narrow column
        self.pages_layout.addWidget(self.hint)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setWidget(self.container)
        top = QHBoxLayout()
        top.addWidget(self.banner, 1)
        top.addWidget(QLabel(self.tr("显示：")))
        top.addWidget(self.zoom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.area, 1)
        self.data: bytes | None = None
        self._sizes: list[tuple[float, float]] = []
        self.slots: list[_PageSlot] = []
        self._tops: list[int] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(40)
        self._timer.timeout.connect(self.render_visible)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(120)
        self._relayout.timeout.connect(self._lay_out)
        self.area.verticalScrollBar().valueChanged.connect(lambda _v: self._timer.start())
        self.zoom.currentIndexChanged.connect(lambda _i: self._lay_out())
        self.clear(self.tr("选好村、补贴项目和期间后，点“预览”查看公示打印出来的样子。"))

    # -- what is shown -----------------------------------------------------
    def clear(self, hint: str, banner: str = "") -> None:
        """No pages: a hint in their place."""
        self._remove_pages()
        self.container.setMinimumSize(0, 0)
        self.data = None
        self.banner.setText(banner)
        self.hint.setText(hint)
        self.hint.show()

    def show_pdf(self, data: bytes, banner: str) -> None:
        """Show a PDF's pages under a banner; the first pages are rendered at once."""
        self._remove_pages()
        self.data = data
        pdf = pdfium.PdfDocument(data)
        try:
            self._sizes = page_sizes(pdf)
        finally:
            pdf.close()
        self.banner.setText(banner)
        self.hint.hide()
        self._lay_out()

    def page_count(self) -> int:
        return len(self._sizes)

    def rendered_pages(self) -> list[int]:
        """Indexes of the pages now shown as images."""
        return [i for i, s in enumerate(self.slots) if s.rendered]

    def _remove_pages(self) -> None:
        for slot in self.slots:
            self.pages_layout.removeWidget(slot)
            slot.deleteLater()
        self.slots = []
        self._sizes = []

    # -- layout and lazy rendering --------------------------------------------
    def scale(self) -> float:
        """Screen pixels per PDF point at the chosen zoom."""
        zoom = float(self.zoom.currentData() or 0.0)
        if zoom > 0 or not self._sizes:
            return (zoom or 1.0) * SCREEN_DPI / POINTS_PER_INCH
        bar = self.area.verticalScrollBar()  # pages taller than the view bring a scroll bar: leave it room
        room = self.area.viewport().width() - (0 if bar.isVisible() else bar.sizeHint().width()) \
            - 2 * self.pages_layout.contentsMargins().left() - 4
        widest = max(float(w) for w, _h in self._sizes)
        return float(max(room, 200)) / widest

    def _lay_out(self) -> None:
        """Placeholders of the right size for every page (at the current zoom), then render what shows."""
        for slot in self.slots:
            self.pages_layout.removeWidget(slot)
            slot.deleteLater()
        scale = self.scale()
        count = len(self._sizes)
        self.slots = [_PageSlot(i + 1, count, QSize(round(w * scale), round(h * scale)))
                      for i, (w, h) in enumerate(self._sizes)]
        for slot in self.slots:
            self.pages_layout.addWidget(slot, 0, Qt.AlignmentFlag.AlignHCenter)
        margins = self.pages_layout.contentsMargins()
        spacing = self.pages_layout.spacing()
        self._tops, top = [], margins.top()  # where each page sits, known before the layout places them
        for slot in self.slots:
            self._tops.append(top)
            top += slot.height() + spacing
        self.container.setMinimumSize(  # the scroll area sizes the pages' container now, not on a later event
            max((s.width() for s in self.slots), default=0) + margins.left() + margins.right(),
            top + margins.bottom())
        self.render_visible()

    def _visible(self) -> list[int]:
        top = self.area.verticalScrollBar().value()
        height = max(self.area.viewport().height(), 1)
        low, high = top - height // 2, top + height + height // 2  # what shows, and half a screen either side
        return [i for i, (y, s) in enumerate(zip(self._tops, self.slots, strict=True))
                if y < high and y + s.height() > low]

    def render_visible(self) -> list[int]:
        """Render the pages in (and near) view; drop images far from it. Returns the pages in view."""
        if self.data is None or not self.slots:
            return []
        wanted = self._visible()
        scale = self.scale() * self.devicePixelRatioF()
        missing = [i for i in wanted if not self.slots[i].rendered]
        if missing:  # the document is opened for the pages wanted and closed again (opening it takes no time)
            pdf = pdfium.PdfDocument(self.data)
            try:
                for i in missing:
                    self.slots[i].show_image(render_page(pdf, i, scale))
            finally:
                pdf.close()
        done = self.rendered_pages()
        if len(done) > KEEP_RENDERED:
            middle = wanted[len(wanted) // 2]
            for i in sorted(done, key=lambda j: -abs(j - middle))[:len(done) - KEEP_RENDERED]:
                self.slots[i].drop_image()
        return wanted

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._sizes and not self.zoom.currentData():
            self._relayout.start()  # 适合宽度: fit again once the resizing stops
        elif self._sizes:
            self._timer.start()
