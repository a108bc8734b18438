"""Refresh the translation files from the code and compile them.

    .venv/bin/python resources/translations/build.py          # lupdate + lrelease
    .venv/bin/python resources/translations/build.py --release  # lrelease only

Simplified Chinese is the source language of every tr() string, so hukou_zh_CN.ts carries
each string as its own translation; hukou_en.ts is the English translation, edited in Qt
Linguist (`.venv/bin/pyside6-linguist resources/translations/hukou_en.ts`).
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
LANGUAGES = ("en", "zh_CN")


def ts_path(language: str) -> Path:
    return HERE / f"hukou_{language}.ts"


def qm_path(language: str) -> Path:
    return HERE / f"hukou_{language}.qm"


def sources() -> list[str]:
    return sorted(str(p) for p in (ROOT / "desktop" / "hukou" / "ui").rglob("*.py"))


def lupdate(ts: Path, language: str) -> None:
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *sources(),
            "-source-language",
            "zh_CN",
            "-target-language",
            language,
            "-no-obsolete",
            "-locations",
            "none",
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )


def fill_identity(ts: Path) -> None:
    """zh_CN: every source string is its own finished translation."""
    tree = ET.parse(ts)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.find("source")
        if translation is None or source is None:
            continue
        translation.text = source.text
        translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )


def main(argv: list[str]) -> int:
    if "--release" not in argv:
        for language in LANGUAGES:
            lupdate(ts_path(language), language)
        fill_identity(ts_path("zh_CN"))
    for language in LANGUAGES:
        lrelease(ts_path(language), qm_path(language))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
