"""Print preview: the document's PDF shown in the app (QtPdf), printed through the Qt print
dialog, or saved as a PDF file. The bytes come from hukou.printing; nothing is redrawn here.

QPdfView draws its pages on a worker and paints a blank page until the image arrives;
`rendered()` says whether the page on screen shows ink yet (tests and screenshots wait
for it instead of grabbing a blank sheet).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMargins, QSize
from PySide6.QtGui import QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hukou.ui import i18n
from hukou.ui.ops import show_error

PRINT_DPI = 300


def print_pdf(document: QPdfDocument, printer: object) -> int:
    """Draw every page of `document` onto a QPrinter at its resolution; returns pages printed."""
    from PySide6.QtPrintSupport import QPrinter

    assert isinstance(printer, QPrinter)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(
            "打印机无法开始打印 / the printer cannot start: check that it is on and ready"
        )
    try:
        pages = document.pageCount()
        for page in range(pages):
            if page:
                printer.newPage()
            target = painter.viewport()
            size = document.pagePointSize(page)
            scale = min(target.width() / size.width(), target.height() / size.height())
            pixels = QSize(int(size.width() * scale), int(size.height() * scale))
            image = document.render(page, pixels)
            painter.drawImage(0, 0, image)
    finally:
        painter.end()
    return pages


def ink_fraction(image: QImage, step: int = 4) -> float:
    """The share of sampled pixels that are dark: 0 for a blank page (white on grey)."""
    width, height = image.width(), image.height()
    samples = dark = 0
    for y in range(0, height, step):
        for x in range(0, width, step):
            samples += 1
            if image.pixelColor(x, y).lightness() < 110:
                dark += 1
    return dark / samples if samples else 0.0


class PrintPreviewDialog(i18n.Retranslatable, QDialog):
    """Shows one PDF. `title` names the document; `file_name` is the default for Save as PDF."""

    def __init__(
        self,
        pdf: bytes,
        *,
        title: str,
        file_name: str,
        printer_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PrintPreviewDialog")
        self.pdf = pdf
        self.document_title = title
        self.file_name = file_name
        self.printer_name = printer_name
        self.printed = 0
        self.saved_to: Path | None = None
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        # FitInView sizes the page to the viewport without the document margins, so any
        # margin cut the page's foot off and added a scroll bar to a one-page document.
        self.view.setDocumentMargins(QMargins(0, 0, 0, 0))
        self.view.setPageSpacing(12)
        self.info = QLabel(self)
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("print_button")
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_pdf_button")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_button")
        buttons = QHBoxLayout()
        buttons.addWidget(self.info, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.accept)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self.print_document)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save_pdf)
        self.resize(820, 960)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("打印预览 — {title}").format(title=self.document_title))
        self.info.setText(
            self.tr("{title}，共 {n} 页").format(
                title=self.document_title, n=self.document.pageCount()
            )
        )
        self.print_button.setText(self.tr("打印(&P)…"))
        self.save_button.setText(self.tr("另存为PDF(&S)…"))
        self.close_button.setText(self.tr("关闭"))

    def page_count(self) -> int:
        return int(self.document.pageCount())

    def rendered(self) -> bool:
        """True once the page in view shows the document's ink, not a blank sheet."""
        if self.document.status() != QPdfDocument.Status.Ready or not self.page_count():
            return False
        return ink_fraction(self.view.viewport().grab().toImage()) > 0.002

    def print_document(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)
        if self.printer_name:
            printer.setPrinterName(self.printer_name)
        printer.setDocName(self.file_name)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印 {title}").format(title=self.document_title))
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.printed = print_pdf(self.document, printer)
        except OSError as exc:
            show_error(self, exc)

    def save_pdf(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("另存为PDF"),
            str(Path.home() / self.file_name),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            path.write_bytes(self.pdf)
        except OSError as exc:
            show_error(
                self,
                OSError(
                    f"无法保存到{path}：{exc.strerror} / cannot save to {path} ({exc.strerror}): "
                    "choose another folder"
                ),
            )
            return
        self.saved_to = path
