"""Printing benchmark: milliseconds per document (median of N in one process) for each of
the six documents, against raw ReportLab drawing the same strings with the same embedded
fonts in the same run. Goal: ratio ≤ 1.3.

    .venv/bin/python bench/print.py [-n 200]

Two baselines, both replaying what the document itself drew (recorded from one real
build: every string with its face, size and position, every rectangle, the QR modules):

- raw text: one ReportLab canvas drawing the same strings in the same faces and sizes at
  the same places, page by page, setting the font only when it changes. This is the goal's
  baseline.
- raw all: the same plus every table rule and fill (`canvas.rect`, as recorded) and the
  same QR modules as one path of rectangles (the matrix is encoded once, outside the
  timing: the baseline does no QR encoding, the document does).

What is timed for the document is `build_document` on a prepared case view and signed QR
text, as the counter does on every print (QR encoding included). Runs are interleaved —
document, raw text, raw all, repeated — so a busy machine slows all three alike. Fonts load
once per process (the first call); the line says how long that took.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))

from hukou import store
from hukou.domain import signing
from hukou.printing import KINDS, IssueInfo, build_document, layout, load_case_view
from hukou.printing.fonts import HEI, ensure_fonts
from hukou.printing.qr import qr_modules
from hukou.printing.samples import make_sample_cases

Op = tuple[Any, ...]


class _Recorder(Canvas):  # type: ignore[misc]
    """A canvas that notes every string and rectangle it draws, where and in which face."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.ops: list[Op] = []

    def _note(self, x: float, y: float, text: str) -> None:
        self.ops.append(("text", x, y, text, self._fontname, self._fontsize))

    def drawString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        self._note(x, y, text)
        super().drawString(x, y, text, *args, **kwargs)

    def drawCentredString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        self._note(x - self.stringWidth(text) / 2, y, text)
        super().drawCentredString(x, y, text, *args, **kwargs)

    def drawRightString(self, x: float, y: float, text: str, *args: Any, **kwargs: Any) -> None:
        self._note(x - self.stringWidth(text), y, text)
        super().drawRightString(x, y, text, *args, **kwargs)

    def rect(
        self, x: float, y: float, width: float, height: float, stroke: int = 1, fill: int = 0
    ) -> None:
        self.ops.append(("rect", x, y, width, height, stroke, fill))
        super().rect(x, y, width, height, stroke=stroke, fill=fill)

    def showPage(self) -> None:
        self.ops.append(("page",))
        super().showPage()


def _record(build: Callable[[], bytes]) -> tuple[bytes, list[Op]]:
    """Build one document on a recording canvas and return its PDF and what it drew."""
    recorders: list[_Recorder] = []

    def make(*args: Any, **kwargs: Any) -> _Recorder:
        canvas = _Recorder(*args, **kwargs)
        recorders.append(canvas)
        return canvas

    original = getattr(layout, "Canvas")  # noqa: B009
    setattr(layout, "Canvas", make)  # noqa: B010
    try:
        pdf = build()
    finally:
        setattr(layout, "Canvas", original)  # noqa: B010
    return pdf, recorders[0].ops


def _raw(ops: list[Op], modules: list[list[bool]] | None) -> bytes:
    """Replay the recorded strings (and, with `modules`, rectangles and QR) on a plain canvas."""
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=HEI)
    font: tuple[str, float] | None = None
    pages = sum(1 for op in ops if op[0] == "page")
    page = 0
    for op in ops:
        kind = op[0]
        if kind == "text":
            _kind, x, y, text, face, size = op
            if font != (face, size):
                c.setFont(face, size)
                font = (face, size)
            c.drawString(x, y, text)
        elif kind == "rect" and modules is not None:
            _kind, x, y, width, height, stroke, fill = op
            c.rect(x, y, width, height, stroke=stroke, fill=fill)
        elif kind == "page":
            page += 1
            if page == pages and modules is not None:
                _draw_modules(c, modules)
            c.showPage()
            font = None
    c.save()
    return buffer.getvalue()


def _draw_modules(c: Canvas, modules: list[list[bool]]) -> None:
    """The QR modules where the document puts them: one path, one rectangle per dark run."""
    count = len(modules)
    box = layout.QR_SIZE / (count + 8)
    x0 = layout.PAGE_WIDTH - layout.MARGIN_X - layout.QR_SIZE + 4 * box
    y0 = layout.MARGIN_BOTTOM + layout.PAGE_NUMBER_HEIGHT + layout.QR_LIFT + 4 * box
    path = c.beginPath()
    for r, row in enumerate(modules):
        y = y0 + (count - 1 - r) * box
        col = 0
        while col < count:
            if row[col]:
                start = col
                while col < count and row[col]:
                    col += 1
                path.rect(x0 + start * box, y, (col - start) * box, box)
            col += 1
    c.drawPath(path, stroke=0, fill=1)


def _medians(fns: list[Callable[[], object]], n: int) -> list[float]:
    """Median milliseconds of each function, the functions run in turn n times."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(n):
        for fn, out in zip(fns, times, strict=True):
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return [statistics.median(t) for t in times]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="runs per document (default 200)")
    args = parser.parse_args()

    started = time.perf_counter()
    ensure_fonts()
    font_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    ensure_fonts()
    again_ms = (time.perf_counter() - started) * 1000
    with tempfile.TemporaryDirectory() as folder:
        db = store.open_database(Path(folder) / "hukou.sqlite3")
        cases = make_sample_cases(db)
        station = store.get_station(db)
        assert station is not None
        print(
            f"fonts loaded once in {font_ms:.0f} ms (a second call: {again_ms:.3f} ms); "
            f"median of {args.n} interleaved runs per document"
        )
        print(
            f"{'document':<20}{'hukou ms':>9}{'raw text ms':>12}{'ratio':>7}"
            f"{'raw all ms':>11}{'ratio':>7}{'QR enc ms':>10}  pages"
        )
        text_ratios, all_ratios = [], []
        for kind in KINDS:
            person = (
                cases.approved_persons[0]
                if kind == "registration_card"
                else (cases.collective_person if kind == "collective_slip" else None)
            )
            _snapshot, view = load_case_view(db, cases.case_for(kind), kind=kind, person_id=person)
            serial = f"{station.code}-{kind.upper()}-2026-000001"
            qr_text = signing.make_qr_text(
                station.signing_key_b64,
                case_uuid=view.uuid,
                kind=kind,
                serial=serial,
                station_code=station.code,
                issued=dt.date(2026, 11, 22),
            )
            issue = IssueInfo(
                kind=kind,
                serial=serial,
                printed_on=dt.date(2026, 11, 22),
                qr_text=qr_text,
                officer="张丽",
                person_uuid=person,
            )
            pdf, ops = _record(partial(build_document, view, issue))
            modules = qr_modules(qr_text)
            ours, text_only, everything, encode = _medians(
                [
                    partial(build_document, view, issue),
                    partial(_raw, ops, None),
                    partial(_raw, ops, modules),
                    partial(qr_modules, qr_text),
                ],
                args.n,
            )
            text_ratios.append(ours / text_only)
            all_ratios.append(ours / everything)
            pages = sum(1 for op in ops if op[0] == "page")
            print(
                f"{kind:<20}{ours:>9.1f}{text_only:>12.1f}{ours / text_only:>7.2f}"
                f"{everything:>11.1f}{ours / everything:>7.2f}{encode:>10.2f}  {pages}"
                f"  ({len(pdf) // 1024} KiB)"
            )
        db.close()
    print(
        f"worst ratio {max(text_ratios):.2f} against the same strings drawn raw (goal ≤ 1.3); "
        f"{max(all_ratios):.2f} against strings + table rules + QR modules drawn raw"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
