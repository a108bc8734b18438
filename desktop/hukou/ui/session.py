"""The running station as the windows see it: data folder, logged-in user, pack, connections.

Each thread gets its own SQLite connection (WAL lets the UI thread read while a worker
writes); the windows reach the store only through its public functions.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hukou import store

if TYPE_CHECKING:
    import sqlite_utils

    from hukou.policy.model import Catalogue, PolicyPack

# Setting keys the main window needs at start (the settings dialog edits them).
LANGUAGE = "ui.language"
IDLE_LOCK_MINUTES = "ui.idle_lock_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 10


def open_draft_key(login: str) -> str:
    """Where the draft a user is typing (case and step) is remembered, for after a crash."""
    return f"ui.open_draft.{login.lower()}"


def idle_lock_minutes(session: Session) -> int:
    try:
        return max(0, int(session.setting(IDLE_LOCK_MINUTES) or DEFAULT_IDLE_LOCK_MINUTES))
    except ValueError:
        return DEFAULT_IDLE_LOCK_MINUTES


class Session:
    """What every screen needs: `db()`, `user`, `station`, `pack`, `catalogue`."""

    def __init__(self, data_dir: str | Path) -> None:
        self.data_dir = Path(data_dir)
        self.db_path = store.database_path(self.data_dir)
        self._local = threading.local()
        self._connections: list[sqlite_utils.Database] = []
        self._lock = threading.Lock()
        self.user: Any = None
        self._station: Any = None
        self._pack: PolicyPack | None = None
        self._catalogue: Catalogue | None = None

    def db(self) -> sqlite_utils.Database:
        """This thread's connection, opened (and migrated) on first use."""
        db = getattr(self._local, "db", None)
        if db is None:
            db = store.open_database(self.db_path)
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                # a worker thread's connection may already be gone
                with contextlib.suppress(Exception):
                    db.close()
            self._connections.clear()
        self._local = threading.local()

    # -- station and policy ---------------------------------------------------------

    def is_set_up(self) -> bool:
        return self.station is not None

    @property
    def station(self) -> Any:
        """The store's Station (code, name, pack_id, area_id), or None before the first run."""
        if self._station is None:
            self._station = store.get_station(self.db())
        return self._station

    def forget_station(self) -> None:
        self._station = None
        self._pack = None

    @property
    def pack(self) -> PolicyPack:
        if self._pack is None:
            station = self.station
            if station is None:
                raise RuntimeError("the station is not set up yet")
            # Loaded at first use, not at start: the packs and their validation (pydantic)
            # are the slowest import of the application.
            from hukou.policy.loader import load_all_packs

            self._pack = load_all_packs()[station.pack_id]
        return self._pack

    @property
    def catalogue(self) -> Catalogue:
        if self._catalogue is None:
            from hukou.policy.loader import load_catalogue

            self._catalogue = load_catalogue()
        return self._catalogue

    def document_title(self, doc_id: str) -> str:
        doc = self.catalogue.get(doc_id)
        return doc.title if doc else doc_id

    # -- the user ---------------------------------------------------------------------

    @property
    def role(self) -> str:
        return str(getattr(self.user, "role", "") or "")

    @property
    def user_label(self) -> str:
        if self.user is None:
            return ""
        return str(getattr(self.user, "display_name", "") or getattr(self.user, "login", ""))

    def setting(self, key: str, default: str | None = None) -> str | None:
        value = store.get_setting(self.db(), key, default)
        return None if value is None else str(value)
