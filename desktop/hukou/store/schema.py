"""The store's own migrations, in order. Never edit a released one: add the next."""

from __future__ import annotations

import sqlite_utils

from hukou.store import migrations

STATUSES = (
    "draft", "submitted", "awaiting_documents", "approved", "returned", "refused",
    "registered", "withdrawn",
)
ROLES = ("clerk", "supervisor", "admin")
HOUSEHOLD_KINDS = ("unit", "school", "talent_market", "community_public")
RELATIONS = ("applicant", "spouse", "child", "parent", "other")


def _run(db: sqlite_utils.Database, script: str) -> None:
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)


def _in(values: tuple[str, ...]) -> str:
    return "(" + ", ".join(f"'{v}'" for v in values) + ")"


def core_tables(db: sqlite_utils.Database) -> None:
    """Station, users, cases with persons/documents/assessments, households, prints,
    outbox, audit."""
    _run(db, f"""
CREATE TABLE station (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    pack_id TEXT NOT NULL,
    area_id TEXT NOT NULL,
    signing_key_b64 TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
);
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN {_in(ROLES)}),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    last_login_at TEXT
);
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    number TEXT NOT NULL UNIQUE COLLATE NOCASE,
    station_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    category_id TEXT NOT NULL,
    pack_id TEXT NOT NULL,
    pack_version TEXT NOT NULL,
    area_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN {_in(STATUSES)}),
    facts TEXT NOT NULL DEFAULT '{{}}',
    voluntary_request INTEGER NOT NULL DEFAULT 0,
    placement TEXT NOT NULL DEFAULT '{{}}',
    assessment TEXT,
    intake_date TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    clerk_id INTEGER NOT NULL REFERENCES users(id),
    supervisor_id INTEGER REFERENCES users(id),
    decision_reason TEXT,
    decided_by TEXT,
    decided_at TEXT,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX cases_by_status ON cases (status, id);
CREATE INDEX cases_by_category ON cases (category_id, id);
CREATE INDEX cases_by_intake_date ON cases (intake_date, id);
CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    person_uuid TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    relation TEXT NOT NULL CHECK (relation IN {_in(RELATIONS)}),
    id_number TEXT,
    name TEXT NOT NULL DEFAULT '',
    former_name TEXT NOT NULL DEFAULT '',
    sex TEXT CHECK (sex IN ('male', 'female')),
    ethnicity TEXT,
    birth_date TEXT,
    birthplace TEXT NOT NULL DEFAULT '',
    native_place TEXT NOT NULL DEFAULT '',
    education TEXT NOT NULL DEFAULT '',
    marital_status TEXT CHECK (marital_status IN ('unmarried', 'married', 'divorced', 'widowed')),
    occupation TEXT NOT NULL DEFAULT '',
    workplace TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    hukou_address TEXT NOT NULL DEFAULT '',
    moving_from TEXT NOT NULL DEFAULT '',
    UNIQUE (case_id, position)
);
CREATE INDEX persons_by_id_number ON persons (id_number) WHERE id_number IS NOT NULL;
CREATE INDEX persons_by_id_last6 ON persons (substr(id_number, 13, 6)) WHERE id_number IS NOT NULL;
CREATE TABLE documents (
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL,
    presented INTEGER NOT NULL DEFAULT 0,
    note TEXT NOT NULL DEFAULT '',
    scan_path TEXT,
    scan_sha256 TEXT,
    PRIMARY KEY (case_id, document_id)
) WITHOUT ROWID;
CREATE TABLE assessments (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    pack_id TEXT NOT NULL,
    pack_version TEXT NOT NULL,
    outcome TEXT,
    result TEXT NOT NULL,
    assessed_at TEXT NOT NULL,
    assessed_by TEXT NOT NULL
);
CREATE INDEX assessments_by_case ON assessments (case_id, id);
CREATE TABLE collective_households (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN {_in(HOUSEHOLD_KINDS)}),
    name TEXT NOT NULL,
    number TEXT NOT NULL UNIQUE,
    address TEXT NOT NULL,
    managing_unit TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
);
CREATE TABLE collective_members (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES collective_households(id),
    case_id INTEGER NOT NULL REFERENCES cases(id),
    person_uuid TEXT NOT NULL,
    page INTEGER NOT NULL,
    joined_at TEXT NOT NULL,
    UNIQUE (household_id, person_uuid),
    UNIQUE (household_id, page)
);
CREATE TABLE printed (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id),
    kind TEXT NOT NULL,
    serial TEXT NOT NULL UNIQUE,
    year INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    person_uuid TEXT,
    printed_at TEXT NOT NULL,
    printed_by TEXT NOT NULL,
    reprint INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX printed_by_case ON printed (case_id, id);
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    case_uuid TEXT,
    version INTEGER,
    kind TEXT,
    payload TEXT,
    created_at TEXT,
    acked_at TEXT NULL
);
CREATE INDEX outbox_pending ON outbox (seq) WHERE acked_at IS NULL;
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    case_uuid TEXT,
    detail TEXT NOT NULL DEFAULT '',
    before_digest TEXT,
    after_digest TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows cannot be changed'); END;
CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit rows cannot be deleted'); END
""")


def search_index(db: sqlite_utils.Database) -> None:
    """Name and address search for every query length (search.py), filled from the cases."""
    from hukou.store import search

    search.create_index(db)
    search.rebuild_index(db)


def supervisor_decision_time(db: sqlite_utils.Database) -> None:
    """When the station's supervisor approved, returned or refused: the permit's date and
    the registration card's 登记日期 come from it. Kept apart from decided_at, which belongs
    to headquarters' decisions (DESIGN §6: decision fields are HQ-owned)."""
    db.execute("ALTER TABLE cases ADD COLUMN supervisor_decided_at TEXT")


def outbox_pending_by_case(db: sqlite_utils.Database) -> None:
    """Pending outbox rows by case: sync sends only each case's newest pending snapshot
    and acknowledges the ones it supersedes (sync/client.py)."""
    db.execute("CREATE INDEX outbox_pending_by_case ON outbox (case_uuid, seq)"
               " WHERE acked_at IS NULL")


def search_merges_in_background(db: sqlite_utils.Database) -> None:
    """FTS5's automerge rewrote up to 1300 index pages inside an unlucky save on a large
    station; maintenance.py merges between saves instead (crisismerge still bounds it)."""
    from hukou.store import search

    db.execute(f"INSERT INTO {search.FTS_TABLE} ({search.FTS_TABLE}, rank)"
               " VALUES ('automerge', 0)")


migrations.register("store.0001_core_tables", core_tables)
migrations.register("store.0002_search_index", search_index)
migrations.register("store.0003_supervisor_decision_time", supervisor_decision_time)
migrations.register("store.0004_outbox_pending_by_case", outbox_pending_by_case)
migrations.register("store.0005_search_merges_in_background",
                    search_merges_in_background)
