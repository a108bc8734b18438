"""Where the shipped data (policy packs, resources) and the station's own data live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "HukouCounter"
DATA_DIR_ENV = "HUKOU_DATA_DIR"


def _install_root() -> Path:
    # A PyInstaller bundle unpacks beside sys._MEIPASS; a source checkout or an
    # editable install keeps forms/ and resources/ two levels above the package.
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def forms_dir() -> Path:
    """The folder holding the policy packs and the document catalogue."""
    return Path(os.environ.get("HUKOU_FORMS_DIR") or _install_root() / "forms")


def station_forms_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Policy packs headquarters installed at this station; they replace shipped packs by id."""
    return data_dir(override) / "forms"


def resources_dir() -> Path:
    """The folder holding fonts, icons, translations and code lists."""
    return Path(os.environ.get("HUKOU_RESOURCES_DIR") or _install_root() / "resources")


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The station's data directory: --data-dir, then $HUKOU_DATA_DIR, then the OS default."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return path
