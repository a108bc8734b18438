"""The QR code in a document's corner, drawn with ReportLab's own encoder as one filled path."""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

QUIET_MODULES = 4   # the blank margin a scanner needs around the symbol


def qr_modules(text: str) -> list[list[bool]]:
    """The symbol's dark modules, row by row (error correction M: survives a stain or a fold)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    return [[bool(cell) for cell in row] for row in code.modules]


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw the symbol with its quiet zone in the square (x, y, size), y at the bottom."""
    modules = qr_modules(text)
    count = len(modules)
    box = size / (count + 2 * QUIET_MODULES)
    path = canvas.beginPath()
    for r, row in enumerate(modules):
        top = y + size - (r + QUIET_MODULES + 1) * box
        c = 0
        while c < count:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < count and row[c]:
                c += 1
            # Runs overlap their neighbours by a hair so no white seams show at low DPI.
            path.rect(x + (start + QUIET_MODULES) * box, top, (c - start) * box + 0.01, box + 0.01)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
