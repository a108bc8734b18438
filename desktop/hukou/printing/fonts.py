"""The two embedded TrueType faces, registered with ReportLab once per process.

Song (AR PL SungtiL GB) sets titles and form labels as government forms do; it covers
GB 2312 only, so any text with a character it lacks falls back to Micro Hei, which sets
everything typed into a case. Both are embedded (subset) in every PDF.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from hukou.paths import resources_dir
from hukou.printing.errors import PrintError

SONG = "HukouSong"
HEI = "HukouHei"

_FILES = {
    SONG: ("gbsn00lp.ttf", 0),
    HEI: ("wqy-microhei.ttc", 0),
}
_lock = threading.Lock()
_fonts: dict[str, TTFont] = {}


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def ensure_fonts() -> None:
    """Load and register both faces the first time a document is drawn; later calls are free."""
    if len(_fonts) == len(_FILES):
        return
    with _lock:
        for name, (file_name, index) in _FILES.items():
            if name in _fonts:
                continue
            path = fonts_dir() / file_name
            try:
                font = TTFont(name, str(path), subfontIndex=index)
            except (OSError, TTFError) as exc:
                raise PrintError(
                    f"打印字体{path}缺失或损坏，请重新安装本程序 / the print font {path} is "
                    f"missing or damaged ({exc}); reinstall Hukou Counter"
                ) from exc
            pdfmetrics.registerFont(font)
            _fonts[name] = font


def _cmap(name: str) -> dict[int, int]:
    ensure_fonts()
    cmap: dict[int, int] = _fonts[name].face.charToGlyph
    return cmap


@lru_cache(maxsize=4096)
def face_for(text: str, preferred: str = SONG) -> str:
    """`preferred`, unless it lacks a character of `text`: then Micro Hei."""
    if preferred == HEI:
        return HEI
    cmap = _cmap(preferred)
    if all(ord(ch) in cmap for ch in text if not ch.isspace()):
        return preferred
    return HEI


def missing_glyphs(text: str) -> list[str]:
    """Characters of `text` that no embedded face can draw (they would print as blanks)."""
    if text.isascii():
        return []
    cmap = _cmap(HEI)
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in cmap})
