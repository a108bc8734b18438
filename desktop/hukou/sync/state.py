"""The station's own sync bookkeeping: settings keys and the tables this layer adds.

The tables are a store migration registered at import; `ensure_tables` runs it on a
database opened before this module was imported.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from hukou.store import migrations

HQ_URL = "sync.hq_url"
HQ_SIGNING_KEY = "sync.hq_signing_public_key"
HQ_ENCRYPTION_KEY = "sync.hq_encryption_public_key"
CURSOR = "sync.cursor"
BATCH_SEQ = "sync.batch_seq"
LAST_SUCCESS = "sync.last_success"
LAST_ERROR = "sync.last_error"
LAST_ERROR_AT = "sync.last_error_at"
#: The serial of the newest HQ reply file imported (offline stations).
REPLIES_SERIAL = "sync.replies_serial"

MIGRATION = "sync_0001_conflicts_decisions_packs"


def _create_tables(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE sync_conflicts (
            id INTEGER PRIMARY KEY,
            hq_conflict_id INTEGER UNIQUE,
            case_uuid TEXT NOT NULL,
            version INTEGER,
            field TEXT NOT NULL,
            station_value TEXT,
            hq_value TEXT,
            detail TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL,
            reported_at TEXT NOT NULL
        )""")
    # Which HQ decisions the station applied, and how far the outbox was at that moment:
    # a later change was made knowing the decision, an earlier one was not.
    db.execute("""
        CREATE TABLE sync_decisions (
            hq_decision_id INTEGER PRIMARY KEY,
            case_uuid TEXT NOT NULL,
            status TEXT NOT NULL,
            outbox_seq_at_apply INTEGER NOT NULL,
            applied_at TEXT NOT NULL
        )""")
    db.execute("CREATE INDEX sync_decisions_case ON sync_decisions (case_uuid)")
    db.execute("""
        CREATE TABLE sync_packs (
            hq_pack_id INTEGER PRIMARY KEY,
            filename TEXT NOT NULL,
            result TEXT NOT NULL CHECK (result IN ('installed', 'refused')),
            reason TEXT NOT NULL DEFAULT '',
            received_at TEXT NOT NULL
        )""")


migrations.register(MIGRATION, _create_tables)


def ensure_tables(db: sqlite_utils.Database) -> None:
    if not db["sync_conflicts"].exists():
        migrations.migrate(db)


def get(db: sqlite_utils.Database, key: str, default: Any = None) -> Any:
    from hukou.store import get_setting

    return get_setting(db, key, default)


def put(db: sqlite_utils.Database, key: str, value: Any) -> None:
    from hukou.store import set_setting

    set_setting(db, key, value, user=None)
