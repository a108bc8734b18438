"""Drawing primitives for an A4 government document: the header (issuer, title, serial,
补打 mark), wrapped paragraphs, bordered tables whose cells wrap Chinese text, and the
footer with the seal space and the QR code. Pages break between table rows."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from hukou.printing.fonts import HEI, SONG, ensure_fonts, face_for
from hukou.printing.model import IssueInfo, StationInfo
from hukou.printing.qr import draw_qr
from hukou.printing.text import text_width, wrap

PAGE_WIDTH: float = A4[0]
PAGE_HEIGHT: float = A4[1]
MARGIN_X: float = 20 * mm
MARGIN_TOP: float = 16 * mm
MARGIN_BOTTOM: float = 14 * mm
CONTENT_WIDTH: float = PAGE_WIDTH - 2 * MARGIN_X
FOOTER_HEIGHT: float = 46 * mm  # seal, signatures and QR code on the last page
PAGE_NUMBER_HEIGHT: float = 6 * mm
QR_SIZE: float = 32 * mm  # with its quiet zone, in the footer's right corner
QR_LIFT: float = 4 * mm  # above the page-number band, leaving room for "扫码核验"
BODY_SIZE = 11.0
CELL_SIZE = 10.5
LEADING = 1.5  # line height as a multiple of the font size
CELL_PAD_X: float = 1.8 * mm
CELL_PAD_Y: float = 1.6 * mm
RED = (0.78, 0.08, 0.08)
LABEL_FILL = (0.95, 0.95, 0.95)
RULE_WIDTH = 0.7

# Page streams as plain Flate, without ReportLab's default ASCII85 layer on top: PDFs are
# binary files anyway (the embedded fonts are), and pure-Python ASCII85 of a page with a QR
# code cost more than drawing its text. Nothing else in the process draws with ReportLab.
rl_config.useA85 = 0


def chinese_date(day: dt.date | None) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日" if day else ""


@dataclass(frozen=True)
class Cell:
    """One table cell: `label` cells are the printed form (Song, centred), others the data."""

    text: str
    span: int = 1
    label: bool = False
    align: str = "left"  # left | center


def label(text: str, span: int = 1) -> Cell:
    return Cell(text, span, label=True, align="center")


def value(text: str, span: int = 1, align: str = "left") -> Cell:
    return Cell(text, span, align=align)


class Sheet:
    """One document being drawn; `finish()` adds the footer and returns the PDF bytes."""

    def __init__(
        self, *, title: str, station: StationInfo, issue: IssueInfo, case_number: str = ""
    ) -> None:
        ensure_fonts()
        self.case_number = case_number
        self.title = title
        self.station = station
        self.issue = issue
        self._buffer = io.BytesIO()
        # invariant: no timestamps or random ids, so the same case prints byte-identical PDFs.
        self.canvas = Canvas(
            self._buffer,
            pagesize=A4,
            invariant=1,
            pageCompression=1,
            initialFontName=HEI,
            initialFontSize=BODY_SIZE,
        )
        self.canvas.setTitle(f"{title} {issue.serial}")
        self.canvas.setAuthor(station.name)
        self.canvas.setSubject(f"{title} {case_number}".strip())
        self.canvas.setCreator("Hukou Counter 户籍窗口受理台")
        self.page = 1
        self.y: float = PAGE_HEIGHT - MARGIN_TOP
        self._page_top()
        self._heading()

    # —— page furniture ——

    def _page_top(self) -> None:
        c = self.canvas
        top = PAGE_HEIGHT - MARGIN_TOP
        serial = f"编号：{self.issue.serial}"
        c.setFont(face_for(serial), 9.5)
        c.drawRightString(PAGE_WIDTH - MARGIN_X, top - 9, serial)
        if self.issue.reprint:
            # A red framed 补打 beside the serial, as a re-issued form is marked by hand.
            width = 13 * mm
            x = PAGE_WIDTH - MARGIN_X - text_width(serial, face_for(serial), 9.5) - width - 3 * mm
            c.saveState()
            c.setStrokeColorRGB(*RED)
            c.setFillColorRGB(*RED)
            c.setLineWidth(1.2)
            c.rect(x, top - 13, width, 17, stroke=1, fill=0)
            c.setFont(SONG, 12)
            c.drawCentredString(x + width / 2, top - 9, "补打")
            c.restoreState()
        if self.issue.preview:
            c.saveState()
            c.setFillColorRGB(0.85, 0.85, 0.85)
            c.setFont(SONG, 90)
            c.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
            c.rotate(35)
            c.drawCentredString(0, 0, "样 张")
            c.restoreState()
        if self.page > 1:
            running = f"{self.station.name}　{self.title}（续）"
            c.setFont(face_for(running), 9.5)
            c.drawString(MARGIN_X, top - 9, running)
            self.y = top - 24
        c.setFont(SONG, 8.5)
        c.drawCentredString(PAGE_WIDTH / 2, MARGIN_BOTTOM - 2, f"第 {self.page} 页")

    def _heading(self) -> None:
        c = self.canvas
        self.y -= 16
        name = self.station.name
        c.setFont(face_for(name), 15)
        c.drawCentredString(PAGE_WIDTH / 2, self.y - 15, name)
        self.y -= 28
        spaced = " ".join(self.title) if len(self.title) <= 6 else self.title
        c.setFont(face_for(spaced), 24)
        c.drawCentredString(PAGE_WIDTH / 2, self.y - 26, spaced)
        self.y -= 46

    @property
    def _bottom(self) -> float:
        return MARGIN_BOTTOM + PAGE_NUMBER_HEIGHT + FOOTER_HEIGHT

    def ensure_space(self, height: float) -> None:
        if self.y - height < self._bottom:
            self.new_page()

    def new_page(self) -> None:
        self.canvas.showPage()
        self.page += 1
        self.y = PAGE_HEIGHT - MARGIN_TOP
        self._page_top()

    def space(self, points: float) -> None:
        self.y -= points

    def _font(self, face: str, size: float) -> None:
        """Set the face unless the canvas already has it (ReportLab writes a text block and
        looks the font up again on every setFont; its state follows pages and restores)."""
        c = self.canvas
        if c._fontname != face or c._fontsize != size:
            c.setFont(face, size)

    # —— text ——

    def paragraph(
        self,
        text: str,
        *,
        size: float = BODY_SIZE,
        font: str = HEI,
        indent: bool = True,
        x: float = MARGIN_X,
        width: float = CONTENT_WIDTH,
    ) -> None:
        """Body text; `indent` sets the first line in by two characters, as Chinese prose is."""
        c = self.canvas
        face = face_for(text, font)
        leading = size * LEADING
        prefix = "\u3000\u3000" if indent else ""
        for line in wrap(prefix + text, face, size, width):
            self.ensure_space(leading)
            self._font(face, size)
            c.drawString(x, self.y - size, line)
            self.y -= leading

    def section(self, text: str, size: float = 12.5) -> None:
        self.ensure_space(size * 2.2 + 30)  # never a heading alone at the foot of a page
        self.y -= size * 0.6
        face = face_for(text)
        c = self.canvas
        self._font(face, size)
        c.drawString(MARGIN_X, self.y - size, text)
        # Song has no bold face: a second pass half a point to the right thickens the strokes.
        c.drawString(MARGIN_X + 0.35, self.y - size, text)
        self.y -= size * 1.7

    # —— tables ——

    def table(
        self,
        rows: Sequence[Sequence[Cell]],
        widths: Sequence[float],
        *,
        size: float = CELL_SIZE,
        min_row: float = 0.0,
        width: float = CONTENT_WIDTH,
        header_rows: int = 0,
    ) -> float:
        """A bordered grid `width` wide; every cell wraps inside its own width and rows never
        split across pages. The first `header_rows` rows head the grid again on every page it
        continues onto, and never stay behind alone at the foot of a page. Returns the grid's
        height on its last page."""
        scale = width / sum(widths)
        widths = [w * scale for w in widths]
        leading = size * LEADING
        laid = [self._lay_row(row, widths, size, leading, min_row) for row in rows]
        header = laid[:header_rows]
        header_height = sum(height for _cells, height in header)
        first_body = laid[header_rows][1] if len(laid) > header_rows else 0.0
        self.ensure_space(header_height + first_body)
        self.canvas.setLineWidth(RULE_WIDTH)
        start = self.y
        for index, (cells, height) in enumerate(laid):
            if self.y - height < self._bottom:
                self.new_page()
                self.canvas.setLineWidth(RULE_WIDTH)
                start = self.y
                if index >= header_rows:
                    for header_cells, header_height_row in header:
                        self._draw_row(header_cells, header_height_row, size, leading)
            self._draw_row(cells, height, size, leading)
        return start - self.y

    def _lay_row(
        self,
        row: Sequence[Cell],
        widths: Sequence[float],
        size: float,
        leading: float,
        min_row: float,
    ) -> tuple[list[tuple[Cell, float, float, str, list[str]]], float]:
        """Each cell's place, face and lines (broken once), and the row's height."""
        cells: list[tuple[Cell, float, float, str, list[str]]] = []
        column = 0
        x = MARGIN_X
        lines_most = 1
        for cell in row:
            width = sum(widths[column : column + cell.span])
            face = face_for(cell.text, SONG if cell.label else HEI)
            lines = wrap(cell.text, face, size, width - 2 * CELL_PAD_X) if cell.text else [""]
            lines_most = max(lines_most, len(lines))
            cells.append((cell, x, width, face, lines))
            x += width
            column += cell.span
        return cells, max(lines_most * leading + 2 * CELL_PAD_Y, min_row)

    def _draw_row(
        self,
        laid: list[tuple[Cell, float, float, str, list[str]]],
        height: float,
        size: float,
        leading: float,
    ) -> None:
        c = self.canvas
        top = self.y
        bottom = top - height
        labels = [(x, width) for cell, x, width, _face, _lines in laid if cell.label]
        if labels:
            # Label cells are shaded as printed forms are; one colour change for the row.
            c.setFillColorRGB(*LABEL_FILL)
            for x, width in labels:
                c.rect(x, bottom, width, height, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
        for cell, x, width, face, lines in laid:
            c.rect(x, bottom, width, height, stroke=1, fill=0)
            if not lines[0] and len(lines) == 1:
                continue
            self._font(face, size)
            # Labels sit in the middle of a tall row; data starts at its top.
            block = len(lines) * leading
            start = top - (height - block) / 2 if cell.label else top - CELL_PAD_Y
            for i, line in enumerate(lines):
                baseline = start - i * leading - size - (leading - size) / 2 + 1.5
                if cell.align == "center":
                    c.drawCentredString(x + width / 2, baseline, line)
                else:
                    c.drawString(x + CELL_PAD_X, baseline, line)
        self.y = bottom

    # —— footer ——

    def finish(self, *, acknowledgement: bool = False, officer_label: str = "经办人") -> bytes:
        """Draw the signatures, the seal space and the QR code on the last page; return the PDF."""
        c = self.canvas
        base = MARGIN_BOTTOM + PAGE_NUMBER_HEIGHT
        qr_size = QR_SIZE
        qr_x = PAGE_WIDTH - MARGIN_X - qr_size
        draw_qr(c, self.issue.qr_text, qr_x, base + QR_LIFT, qr_size)
        c.setFont(SONG, 8)
        c.drawCentredString(qr_x + qr_size / 2, base + 1.5 * mm, "扫码核验")

        # The seal goes over the issuing station's name and the date, as on every notice.
        seal_x = qr_x - 40 * mm
        seal_y = base + 26 * mm
        c.saveState()
        c.setStrokeColorRGB(0.6, 0.6, 0.6)
        c.setDash(3, 2)
        c.setLineWidth(0.6)
        c.circle(seal_x, seal_y, 18 * mm, stroke=1, fill=0)
        c.restoreState()
        c.saveState()
        c.setFillColorRGB(0.6, 0.6, 0.6)
        c.setFont(SONG, 8)
        c.drawCentredString(seal_x, seal_y + 12.5 * mm, "（盖章处）")
        c.restoreState()
        name = self.station.name
        face = face_for(name)
        size = 11.0
        while size > 7 and text_width(name, face, size) > 64 * mm:
            size -= 0.5
        c.setFont(face, size)
        c.drawCentredString(seal_x, seal_y + 2 * mm, name)
        c.setFont(SONG, 11)
        c.drawCentredString(seal_x, seal_y - 6 * mm, chinese_date(self.issue.printed_on))

        left = MARGIN_X
        c.setFont(SONG, 10.5)
        c.drawString(left, base + 37 * mm, f"{officer_label}：")
        officer = self.issue.officer
        c.setFont(face_for(officer, HEI), 10.5)
        c.drawString(left + text_width(f"{officer_label}：", SONG, 10.5), base + 37 * mm, officer)
        c.setFont(SONG, 10.5)
        c.drawString(left, base + 30 * mm, f"打印日期：{chinese_date(self.issue.printed_on)}")
        if acknowledgement:
            c.drawString(left, base + 23 * mm, "申请人签收：______________")
            c.drawString(left, base + 16 * mm, "签收日期：______年____月____日")
        # Two small lines under the seal circle (its lowest point is 8 mm above the base).
        case = f"案件编号 {self.case_number}　" if self.case_number else ""
        note = (
            f"{case}文书编号 {self.issue.serial}\n"
            "右下角二维码载有案件编号、文书编号与本所签名，可供上级机关核验。"
        )
        face = face_for(note)
        c.setFont(face, 7.5)
        c.setFillColorRGB(0.35, 0.35, 0.35)
        lines = wrap(note, face, 7.5, qr_x - left - 4 * mm)[:2]
        for i, line in enumerate(lines):
            c.drawString(left, base + 1 * mm + (len(lines) - 1 - i) * 9.5, line)
        c.showPage()
        c.save()
        return self._buffer.getvalue()
