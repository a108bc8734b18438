"""Shared fixtures. Qt runs offscreen; each test gets its own data directory."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Headquarters fixtures (real HQ databases, servers on 127.0.0.1, a cutting proxy);
# store fixtures (fresh_db, station_db: real SQLite files).
pytest_plugins = ["hq_fixtures", "store_fixtures", "ui_fixtures"]

REPO_ROOT = Path(__file__).resolve().parents[1]
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty station data directory, also exported as $HUKOU_DATA_DIR."""
    path = tmp_path / "station"
    path.mkdir()
    monkeypatch.setenv("HUKOU_DATA_DIR", str(path))
    return path
