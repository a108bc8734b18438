"""Opening the station database: WAL, foreign keys, busy timeout, pending migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from hukou.store import maintenance, migrations
from hukou.store.errors import DatabaseUnavailable, StoreError

DATABASE_FILE = "hukou.sqlite3"
BUSY_TIMEOUT_MS = 10_000
CACHE_SIZE = -65_536  # KiB: 64 MB of page cache keeps search indexes of a big station hot


def database_path(data_dir: Path) -> Path:
    return Path(data_dir) / DATABASE_FILE


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open without migrating (backup checks, migration tests); pragmas set, file checked."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except (OSError, sqlite3.Error) as exc:
        raise DatabaseUnavailable(
            f"无法打开数据库文件{path}：{exc} / cannot open the database file {path} ({exc}): "
            "check that the folder exists and is writable"
        ) from exc
    try:
        db = sqlite_utils.Database(conn, execute_plugins=False)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        # The first read fails here if the file is not a database at all.
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if db.journal_mode != "wal":
            db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        # FULL: every committed case is on disk before the call returns, also across a
        # power cut, not only a crash of the program (the station must never lose one).
        db.execute("PRAGMA synchronous = FULL")
        db.execute(f"PRAGMA cache_size = {CACHE_SIZE}")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise _explain(path, exc) from exc
    return db


def _explain(path: Path, exc: sqlite3.Error) -> DatabaseUnavailable:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return DatabaseUnavailable(
            f"数据库{path}被其他程序占用 / the database {path} is locked by another program: "
            "close the other Hukou Counter window or process and try again"
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DatabaseUnavailable(
            f"数据库文件{path}已损坏 / the database file {path} is damaged ({text}): restore "
            "the latest backup with `hukou restore FILE`"
        )
    return DatabaseUnavailable(
        f"数据库{path}无法使用：{text} / the database {path} cannot be used ({text})")


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) and migrate the station database; refuse a newer schema."""
    # Importing the schema registers the store's own migrations before any other layer's.
    from hukou.store import schema  # noqa: F401

    db = connect(path)
    try:
        migrations.migrate(db)
        maintenance.attach(db, path)
    except StoreError:
        db.close()
        raise
    except sqlite3.DatabaseError as exc:
        db.close()
        raise _explain(Path(path), exc) from exc
    return db
