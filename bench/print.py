"""Printing benchmark: milliseconds per document (median of N in one process) for each of
the six documents, against raw ReportLab drawing the same strings with the same embedded
fonts (and ReportLab's own QR widget) in the same run. Goal: ratio ≤ 1.3.

    .venv/bin/python bench/print.py [-n 200]

The case, its view and the signed QR text are prepared once; what is timed is drawing the
PDF, as the counter does on every print. Fonts load once per process (the first call).
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
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "desktop"))

from hukou import store
from hukou.domain import signing
from hukou.printing import KINDS, IssueInfo, build_document, load_case_view
from hukou.printing.fonts import HEI, ensure_fonts, face_for
from hukou.printing.samples import make_sample_cases


def _strings(pdf: bytes) -> list[tuple[float, float, str, float, str]]:
    """The strings a document drew, with their position, face and size, read back from the
    PDF by pdftotext's bounding boxes (so the baseline draws exactly the same text)."""
    import re
    import subprocess

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(pdf)
        f.flush()
        html = subprocess.run(
            ["pdftotext", "-bbox", f.name, "-"], check=True, capture_output=True, text=True
        ).stdout
    out = []
    for m in re.finditer(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
        r'yMax="([\d.]+)">(.*?)</word>',
        html,
    ):
        x0, y0, _x1, y1 = (float(v) for v in m.groups()[:4])
        text = m.group(5).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        out.append((x0, A4[1] - y1, text, max(6.0, y1 - y0), face_for(text, HEI)))
    return out


def _raw(strings: list[tuple[float, float, str, float, str]], qr_text: str | None) -> bytes:
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=1, initialFontName=HEI)
    for x, y, text, size, face in strings:
        c.setFont(face, size)
        c.drawString(x, y, text)
    if qr_text is None:
        c.showPage()
        c.save()
        return buffer.getvalue()
    widget = QrCodeWidget(qr_text, barLevel="M", barWidth=32 * mm, barHeight=32 * mm)
    drawing = Drawing(32 * mm, 32 * mm)
    drawing.add(widget)
    renderPDF.draw(drawing, c, A4[0] - 52 * mm, 26 * mm)
    c.showPage()
    c.save()
    return buffer.getvalue()


def _median_ms(fn: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="runs per document (default 200)")
    args = parser.parse_args()

    started = time.perf_counter()
    ensure_fonts()
    font_ms = (time.perf_counter() - started) * 1000
    with tempfile.TemporaryDirectory() as folder:
        db = store.open_database(Path(folder) / "hukou.sqlite3")
        cases = make_sample_cases(db)
        station = store.get_station(db)
        assert station is not None
        print(f"fonts loaded once in {font_ms:.0f} ms; median of {args.n} runs per document")
        print(
            f"{'document':<20}{'hukou ms':>10}{'raw+QR ms':>11}{'ratio':>7}"
            f"{'raw text ms':>13}{'ratio':>7}  pages"
        )
        ratios, text_ratios = [], []
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
            pdf = build_document(view, issue)
            strings = _strings(pdf)
            ours = _median_ms(lambda v=view, i=issue: build_document(v, i), args.n)
            raw = _median_ms(lambda s=strings, q=qr_text: _raw(s, q), args.n)
            text_only = _median_ms(lambda s=strings: _raw(s, None), args.n)
            ratios.append(ours / raw)
            text_ratios.append(ours / text_only)
            pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
            print(
                f"{kind:<20}{ours:>10.1f}{raw:>11.1f}{ours / raw:>7.2f}"
                f"{text_only:>13.1f}{ours / text_only:>7.2f}  {pages}"
            )
        db.close()
    print(
        f"worst ratio {max(ratios):.2f} against raw ReportLab with its QR widget (goal ≤ 1.3); "
        f"{max(text_ratios):.2f} against the strings alone (no QR, no table rules)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
