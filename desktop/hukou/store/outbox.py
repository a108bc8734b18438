"""The outbox: every change to a case queued for headquarters in the transaction that makes it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from hukou.store.util import dumps, iso_utc, transaction


@dataclass(frozen=True)
class OutboxRow:
    seq: int
    case_uuid: str | None
    version: int | None
    kind: str
    payload: dict[str, Any]
    created_at: str
    acked_at: str | None


def enqueue(db: sqlite_utils.Database, *, case_uuid: str, version: int, kind: str,
            payload: dict[str, Any]) -> int:
    """Write one row inside the caller's transaction."""
    cur = db.conn.execute(
        "INSERT INTO outbox (case_uuid, version, kind, payload, created_at) VALUES (?, ?, ?, ?, ?)",
        [case_uuid, version, kind, dumps(payload), iso_utc()],
    )
    return int(cur.lastrowid or 0)


def outbox_pending(db: sqlite_utils.Database, limit: int = 500) -> list[OutboxRow]:
    rows = db.conn.execute(
        "SELECT seq, case_uuid, version, kind, payload, created_at, acked_at FROM outbox"
        " WHERE acked_at IS NULL ORDER BY seq LIMIT ?",
        [limit],
    ).fetchall()
    return [OutboxRow(r[0], r[1], r[2], r[3], json.loads(r[4]), r[5], r[6]) for r in rows]


def outbox_ack(db: sqlite_utils.Database, seqs: list[int]) -> None:
    """Mark rows as received by headquarters; acking twice keeps the first time."""
    if not seqs:
        return
    at = iso_utc()
    with transaction(db):
        db.conn.executemany(
            "UPDATE outbox SET acked_at = ? WHERE seq = ? AND acked_at IS NULL",
            [(at, int(s)) for s in seqs],
        )


def outbox_count_pending(db: sqlite_utils.Database) -> int:
    row = db.conn.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL").fetchone()
    return int(row[0])
