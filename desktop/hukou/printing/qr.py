"""The QR code in a document's corner, drawn with ReportLab's own encoder as one filled path."""

from __future__ import annotations

from reportlab.graphics.barcode import qrencoder
from reportlab.pdfgen.canvas import Canvas

QUIET_MODULES = 4  # the blank margin a scanner needs around the symbol


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
    # One module is one unit: every run of dark modules becomes a rectangle with small
    # integer coordinates, written straight into the page (thousands of path.rect() calls
    # with float formatting cost more than encoding the symbol).
    ops: list[str] = []
    for r, row in enumerate(modules):
        bottom = count - 1 - r
        c = 0
        while c < count:
            if not row[c]:
                c += 1
                continue
            start = c
            while c < count and row[c]:
                c += 1
            ops.append(f"{start} {bottom} {c - start} 1 re")
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.transform(box, 0, 0, box, x + QUIET_MODULES * box, y + QUIET_MODULES * box)
    # The runs of a row touch their neighbours above and below exactly; rendering them as
    # one fill with no stroke leaves no seams.
    canvas.addLiteral("\n".join(ops) + "\nf")
    canvas.restoreState()
