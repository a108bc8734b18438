"""The headquarters schema as named migrations, written once for SQLite and PostgreSQL.

`{id}` becomes each dialect's auto-numbered primary key; everything else is portable SQL.
Applied migrations are recorded in `hq_migrations`; each runs in its own transaction.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, list[str]]] = [
    (
        "0001_initial",
        [
            """CREATE TABLE hq_config (
                key TEXT PRIMARY KEY,
                value TEXT NOT NULL
            )""",
            """CREATE TABLE stations (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                public_key TEXT NOT NULL,
                enrolled_at TEXT NOT NULL,
                last_batch_seq BIGINT NOT NULL DEFAULT 0,
                last_seen_at TEXT
            )""",
            """CREATE TABLE enrol_codes (
                code_hash TEXT PRIMARY KEY,
                station_code TEXT NOT NULL,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at TEXT
            )""",
            # Every version of every case, once: (case_uuid, version) is the idempotency key.
            """CREATE TABLE case_versions (
                case_uuid TEXT NOT NULL,
                version BIGINT NOT NULL,
                station_code TEXT NOT NULL,
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                hq_decision_seen BIGINT,
                source TEXT NOT NULL,
                received_at TEXT NOT NULL,
                PRIMARY KEY (case_uuid, version)
            )""",
            # The newest version of each case, summarised; its snapshot stays in case_versions.
            """CREATE TABLE cases (
                case_uuid TEXT PRIMARY KEY,
                station_code TEXT NOT NULL,
                version BIGINT NOT NULL,
                case_number TEXT,
                category_id TEXT,
                status TEXT,
                applicant_name TEXT,
                station_decision_status TEXT,
                station_decided_at TEXT,
                hq_decision_seen BIGINT,
                hq_decision_id BIGINT,
                updated_at TEXT NOT NULL
            )""",
            "CREATE INDEX cases_station ON cases (station_code)",
            """CREATE TABLE decisions (
                id {id},
                case_uuid TEXT NOT NULL,
                status TEXT NOT NULL,
                reason TEXT NOT NULL,
                decided_by TEXT NOT NULL,
                decided_at TEXT NOT NULL,
                base_version BIGINT NOT NULL
            )""",
            "CREATE INDEX decisions_case ON decisions (case_uuid)",
            """CREATE TABLE conflicts (
                id {id},
                station_code TEXT NOT NULL,
                case_uuid TEXT NOT NULL,
                version BIGINT NOT NULL,
                field TEXT NOT NULL,
                station_value TEXT,
                hq_value TEXT,
                decision_id BIGINT NOT NULL,
                created_at TEXT NOT NULL,
                resolved_at TEXT
            )""",
            """CREATE TABLE policy_packs (
                id {id},
                filename TEXT NOT NULL,
                content TEXT NOT NULL,
                signature TEXT NOT NULL,
                published_at TEXT NOT NULL
            )""",
            # What each station pulls, in order; station_code NULL reaches every station.
            """CREATE TABLE events (
                seq {id},
                station_code TEXT,
                kind TEXT NOT NULL,
                ref_id BIGINT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            "CREATE INDEX events_station ON events (station_code, seq)",
            """CREATE TABLE batches (
                station_code TEXT NOT NULL,
                batch_seq BIGINT NOT NULL,
                received_at TEXT NOT NULL,
                change_count BIGINT NOT NULL,
                PRIMARY KEY (station_code, batch_seq)
            )""",
            """CREATE TABLE bundles (
                bundle_id TEXT PRIMARY KEY,
                station_code TEXT NOT NULL,
                created_at TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                change_count BIGINT NOT NULL,
                applied_count BIGINT NOT NULL
            )""",
        ],
    ),
    (
        "0002_offline_replies",
        [
            # How far the station has applied HQ's events, as it last told HQ (a pull
            # request or a bundle): a reply file starts there, so it never skips one.
            "ALTER TABLE stations ADD COLUMN confirmed_cursor BIGINT NOT NULL DEFAULT 0",
            # Changes refused for good, so a reply file can tell an offline station.
            """CREATE TABLE rejections (
                station_code TEXT NOT NULL,
                case_uuid TEXT NOT NULL,
                version BIGINT NOT NULL,
                detail TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (station_code, case_uuid, version)
            )""",
            """CREATE TABLE reply_files (
                serial {id},
                station_code TEXT NOT NULL,
                created_at TEXT NOT NULL,
                since_cursor BIGINT NOT NULL,
                cursor BIGINT NOT NULL,
                ack_count BIGINT NOT NULL,
                event_count BIGINT NOT NULL
            )""",
        ],
    ),
]

ID_COLUMN = {
    "sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT",
    "postgresql": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
}


def statements(dialect: str, sql: list[str]) -> list[str]:
    return [s.replace("{id}", ID_COLUMN[dialect]) for s in sql]
