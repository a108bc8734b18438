"""The append-only audit trail: each row carries the hash of the previous one, so an
edited or deleted row is found by `verify_audit`. No ID numbers or names go in here."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from hukou.store.util import digest, dumps, iso_utc

GENESIS = "0" * 64


def _row_hash(row_id: int, at: str, actor: str, action: str, case_uuid: str | None,
              detail: str, before: str | None, after: str | None, prev: str) -> str:
    body = dumps([row_id, at, actor, action, case_uuid, detail, before, after, prev])
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def append_audit(
    db: sqlite_utils.Database,
    *,
    actor: str,
    action: str,
    case_uuid: str | None = None,
    detail: str = "",
    before: Any = None,
    after: Any = None,
) -> int:
    """Append one row inside the caller's transaction; before/after are kept only as digests."""
    conn = db.conn
    last = conn.execute("SELECT hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    row_id = (seq[0] if seq else 0) + 1
    prev = last[0] if last else GENESIS
    at = iso_utc()
    before_digest = None if before is None else digest(before)
    after_digest = None if after is None else digest(after)
    row_hash = _row_hash(row_id, at, actor, action, case_uuid, detail, before_digest,
                         after_digest, prev)
    conn.execute(
        "INSERT INTO audit (id, at, actor, action, case_uuid, detail, before_digest,"
        " after_digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [row_id, at, actor, action, case_uuid, detail, before_digest, after_digest, prev,
         row_hash],
    )
    return row_id


@dataclass(frozen=True)
class AuditProblem:
    row_id: int
    message: str


@dataclass(frozen=True)
class AuditReport:
    rows: int
    problems: list[AuditProblem]

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_audit(db: sqlite_utils.Database) -> AuditReport:
    """Walk the chain; report every edited row, every missing row and a cut-off tail."""
    problems: list[AuditProblem] = []
    prev_hash = GENESIS
    expected_id = 1
    rows = 0
    for row in db.conn.execute(
        "SELECT id, at, actor, action, case_uuid, detail, before_digest, after_digest,"
        " prev_hash, hash FROM audit ORDER BY id"
    ):
        rows += 1
        row_id = row[0]
        if row_id != expected_id:
            missing = (f"{expected_id}" if row_id == expected_id + 1
                       else f"{expected_id}–{row_id - 1}")
            problems.append(AuditProblem(
                row_id, f"审计记录{missing}被删除 / audit row(s) {missing} were deleted"))
        elif row[8] != prev_hash:
            problems.append(AuditProblem(
                row_id, f"审计记录{row_id}之前的记录被删除或改动 / the row before audit row "
                f"{row_id} was deleted or altered"))
        if _row_hash(*row[:9]) != row[9]:
            problems.append(AuditProblem(
                row_id, f"审计记录{row_id}被改动 / audit row {row_id} was altered"))
        prev_hash = row[9]
        expected_id = row_id + 1
    seq = db.conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    last_written = seq[0] if seq else 0
    if last_written >= expected_id:
        missing = (f"{expected_id}" if last_written == expected_id
                   else f"{expected_id}–{last_written}")
        problems.append(AuditProblem(
            expected_id, f"最后的审计记录{missing}被删除 / the last audit row(s) {missing} "
            "were deleted"))
    return AuditReport(rows=rows, problems=problems)
