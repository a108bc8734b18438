"""The headquarters repository: one interface over PostgreSQL (psycopg 3) and SQLite.

All SQL is written once with `?` placeholders; the PostgreSQL side rewrites them to `%s`.
Changes are applied idempotently by (case UUID, version) inside one transaction per batch,
serialised per station so a batch delivered twice at the same moment is still stored once.
"""

from __future__ import annotations

import hashlib
import json
import queue
import sqlite3
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic_core import to_json

from hukou.domain import signing
from hukou.hq import schema
from hukou.sync import bundle as bundle_format
from hukou.sync.protocol import (
    DECISION_STATUSES,
    CaseSummary,
    Change,
    ChangeResult,
    Conflict,
    Decision,
    PolicyPack,
    PullEvent,
    PullResponse,
    case_number,
    policy_pack_signed_bytes,
    station_decision,
)
from hukou.sync.replies import Rejection, Replies

ENROL_CODE_DAYS = 7


class HqError(Exception):
    """A headquarters operation the operator or station can correct (message zh / en)."""


@dataclass(frozen=True)
class HqKeys:
    signing_private: str
    encryption_private: str

    @property
    def signing_public(self) -> str:
        return signing.public_key_b64(self.signing_private)

    @property
    def encryption_public(self) -> str:
        return bundle_format.encryption_public_key(self.encryption_private)


@dataclass(frozen=True)
class StationRecord:
    code: str
    name: str
    public_key: str
    enrolled_at: str
    last_batch_seq: int
    last_seen_at: str | None
    confirmed_cursor: int = 0


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode("utf-8")).hexdigest()


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _applicant_name(payload: dict[str, Any]) -> str | None:
    applicant = payload.get("applicant")
    if isinstance(applicant, dict):
        name = applicant.get("name")
        return str(name) if name else None
    return None


def _mask(name: str | None) -> str | None:
    if not name:
        return None
    return name[0] + "*" * (len(name) - 1)


class HqStore(ABC):
    """The repository. Use `open_store(url)`; subclasses only differ in connections."""

    dialect = "sqlite"

    # -- connections (one per dialect) -----------------------------------------------------
    @abstractmethod
    def _transaction(self, lock_key: str | None = None) -> AbstractContextManager[Any]:
        """A connection inside one transaction, serialised with others holding `lock_key`."""

    def _sql(self, sql: str) -> str:
        return sql

    def close(self) -> None:  # noqa: B027  (only the pooled PostgreSQL store holds anything)
        """Release pooled connections."""

    # -- helpers ---------------------------------------------------------------------------
    def _all(self, conn: Any, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return list(conn.execute(self._sql(sql), tuple(params)).fetchall())

    def _one(self, conn: Any, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        row = conn.execute(self._sql(sql), tuple(params)).fetchone()
        return tuple(row) if row is not None else None

    def _run(self, conn: Any, sql: str, params: Sequence[Any] = ()) -> None:
        conn.execute(self._sql(sql), tuple(params))

    def _insert_id(self, conn: Any, sql: str, params: Sequence[Any], key: str = "id") -> int:
        row = self._one(conn, f"{sql} RETURNING {key}", params)
        assert row is not None
        return int(row[0])

    def _many(self, conn: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            self._executemany(conn, self._sql(sql), rows)

    def _executemany(self, conn: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
        conn.executemany(sql, rows)

    def _in(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """`column IN (...)` as SQL and parameters."""
        return f"{column} IN ({','.join('?' * len(values))})", list(values)

    _VERSION_COLUMNS = ("case_uuid, version, station_code, kind, payload, hq_decision_seen, "
                        "source, received_at")

    def _insert_versions(self, conn: Any, rows: list[tuple[Any, ...]]) -> None:
        """Insert rows known to be new (checked under the station's lock)."""
        self._many(conn, f"INSERT INTO case_versions ({self._VERSION_COLUMNS}) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    _CASE_COLUMNS = ("case_uuid, station_code, version, case_number, category_id, status, "
                     "applicant_name, station_decision_status, station_decided_at, "
                     "hq_decision_seen, updated_at")
    _CASE_UPSERT = ("ON CONFLICT (case_uuid) DO UPDATE SET version = excluded.version, "
                    "case_number = excluded.case_number, category_id = excluded.category_id, "
                    "status = excluded.status, applicant_name = excluded.applicant_name, "
                    "station_decision_status = excluded.station_decision_status, "
                    "station_decided_at = excluded.station_decided_at, "
                    "hq_decision_seen = excluded.hq_decision_seen, "
                    "updated_at = excluded.updated_at WHERE excluded.version > cases.version")

    def _upsert_cases(self, conn: Any, rows: list[tuple[Any, ...]]) -> None:
        """Each case's newest version summarised; an older version never replaces a newer."""
        self._many(conn, f"INSERT INTO cases ({self._CASE_COLUMNS}) "
                         f"VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) {self._CASE_UPSERT}", rows)

    # -- schema ----------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded; returns their names."""
        applied: list[str] = []
        with self._transaction("migrate") as conn:
            self._run(
                conn,
                "CREATE TABLE IF NOT EXISTS hq_migrations (name TEXT PRIMARY KEY, applied_at TEXT)",
            )
            done = {r[0] for r in self._all(conn, "SELECT name FROM hq_migrations")}
            for name, sql in schema.MIGRATIONS:
                if name in done:
                    continue
                for statement in schema.statements(self.dialect, sql):
                    self._run(conn, statement)
                self._run(conn, "INSERT INTO hq_migrations VALUES (?, ?)", (name, utc_now()))
                applied.append(name)
        return applied

    def keys(self) -> HqKeys:
        """HQ's own Ed25519 signing key and X25519 encryption key, made on first use."""
        with self._transaction("keys") as conn:
            rows = dict(self._all(conn, "SELECT key, value FROM hq_config "
                                        "WHERE key IN ('key.signing', 'key.encryption')"))
            if "key.signing" not in rows:
                rows["key.signing"] = signing.generate_signing_key()
                rows["key.encryption"] = bundle_format.generate_encryption_key()
                self._many(
                    conn,
                    "INSERT INTO hq_config (key, value) VALUES (?, ?)",
                    [("key.signing", rows["key.signing"]),
                     ("key.encryption", rows["key.encryption"])],
                )
        return HqKeys(rows["key.signing"], rows["key.encryption"])

    # -- enrolment -------------------------------------------------------------------------
    def add_enrol_code(self, station_code: str, code: str, *, now: datetime | None = None) -> None:
        moment = now or datetime.now(UTC)
        expires = (moment + timedelta(days=ENROL_CODE_DAYS)).isoformat(timespec="seconds")
        with self._transaction() as conn:
            self._run(
                conn,
                "INSERT INTO enrol_codes (code_hash, station_code, created_at, expires_at) "
                "VALUES (?, ?, ?, ?)",
                (hash_code(code), station_code, moment.isoformat(timespec="seconds"), expires),
            )

    def enrol(self, *, code: str, station_code: str, name: str, public_key: str) -> StationRecord:
        """Use a one-time code to register (or re-key) a station. Refuses unknown/used codes."""
        now = utc_now()
        with self._transaction("enrol") as conn:
            row = self._one(
                conn,
                "SELECT station_code, expires_at, used_at FROM enrol_codes WHERE code_hash = ?",
                (hash_code(code),),
            )
            if row is None:
                raise HqError("登记码无效，请向指挥中心索取新的登记码 / "
                              "unknown enrolment code; ask headquarters for a new one")
            if row[2] is not None:
                raise HqError("登记码已使用过，每个登记码只能用一次 / "
                              "this enrolment code was already used; each code works once")
            if row[1] < now:
                raise HqError("登记码已过期，请向指挥中心索取新的登记码 / "
                              "this enrolment code has expired; ask headquarters for a new one")
            if row[0] != station_code:
                raise HqError(f"该登记码是给派出所 {row[0]} 的，不是 {station_code} / "
                              f"this code was issued for station {row[0]}, not {station_code}")
            self._run(conn, "UPDATE enrol_codes SET used_at = ? WHERE code_hash = ?",
                      (now, hash_code(code)))
            self._run(conn, "DELETE FROM stations WHERE code = ?", (station_code,))
            self._run(
                conn,
                "INSERT INTO stations (code, name, public_key, enrolled_at) VALUES (?, ?, ?, ?)",
                (station_code, name, public_key, now),
            )
        station = self.station(station_code)
        assert station is not None
        return station

    def station(self, code: str) -> StationRecord | None:
        with self._transaction() as conn:
            row = self._one(
                conn,
                "SELECT code, name, public_key, enrolled_at, last_batch_seq, last_seen_at, "
                "confirmed_cursor FROM stations WHERE code = ?",
                (code,),
            )
        return StationRecord(*row) if row else None

    def stations(self) -> list[StationRecord]:
        with self._transaction() as conn:
            rows = self._all(
                conn,
                "SELECT code, name, public_key, enrolled_at, last_batch_seq, last_seen_at, "
                "confirmed_cursor FROM stations ORDER BY code",
            )
        return [StationRecord(*r) for r in rows]

    # -- push ------------------------------------------------------------------------------
    def apply_changes(
        self,
        station_code: str,
        changes: Sequence[Change],
        *,
        source: str,
        batch_seq: int | None = None,
        bundle_id: str | None = None,
        bundle_created_at: str = "",
        station_cursor: int | None = None,
    ) -> list[ChangeResult]:
        """Store each change once by (case, version) and say per change what happened.

        `station_cursor` is how far the station says it has applied HQ's events (a bundle
        carries it); reply files start from the largest such cursor.
        """
        now = utc_now()
        with self._transaction(f"station:{station_code}") as conn:
            results = self._apply(conn, station_code, changes, source=source, now=now)
            self._many(
                conn,
                "INSERT INTO rejections (station_code, case_uuid, version, detail, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (station_code, case_uuid, version) DO NOTHING",
                [(station_code, r.case_uuid, r.version, r.detail, now)
                 for r in results if r.status == "rejected"],
            )
            if station_cursor is not None:
                self._confirm_cursor(conn, station_code, station_cursor)
            if batch_seq is not None:
                self._run(
                    conn,
                    "INSERT INTO batches (station_code, batch_seq, received_at, change_count) "
                    "VALUES (?, ?, ?, ?) ON CONFLICT (station_code, batch_seq) DO NOTHING",
                    (station_code, batch_seq, now, len(changes)),
                )
                self._run(
                    conn,
                    "UPDATE stations SET last_seen_at = ?, last_batch_seq = "
                    "CASE WHEN last_batch_seq > ? THEN last_batch_seq ELSE ? END WHERE code = ?",
                    (now, batch_seq, batch_seq, station_code),
                )
            if bundle_id is not None:
                applied = sum(1 for r in results if r.status in ("applied", "conflict"))
                self._run(
                    conn,
                    "INSERT INTO bundles (bundle_id, station_code, created_at, imported_at, "
                    "change_count, applied_count) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (bundle_id) DO NOTHING",
                    (bundle_id, station_code, bundle_created_at, now, len(changes), applied),
                )
        return results

    def _apply(
        self, conn: Any, station_code: str, changes: Sequence[Change], *, source: str, now: str
    ) -> list[ChangeResult]:
        uuids = sorted({c.case_uuid for c in changes})
        current: dict[str, list[Any]] = {}
        stored: set[tuple[str, int]] = set()
        for start in range(0, len(uuids), 500):
            where, params = self._in("case_uuid", uuids[start : start + 500])
            for row in self._all(
                conn,
                f"SELECT case_uuid, station_code, version, hq_decision_id FROM cases WHERE {where}",
                params,
            ):
                current[row[0]] = list(row[1:])
            for row in self._all(
                conn, f"SELECT case_uuid, version FROM case_versions WHERE {where}", params
            ):
                stored.add((row[0], int(row[1])))

        results: list[ChangeResult] = []
        version_rows: list[tuple[Any, ...]] = []
        newest: dict[str, Change] = {}
        for change in changes:
            key = (change.case_uuid, change.version)
            owner = current.get(change.case_uuid, [station_code])[0]
            problem = self._problem(station_code, owner, change)
            if problem:
                results.append(ChangeResult(seq=change.seq, case_uuid=change.case_uuid,
                                            version=change.version, status="rejected",
                                            detail=problem))
                continue
            if key in stored:
                results.append(ChangeResult(seq=change.seq, case_uuid=change.case_uuid,
                                            version=change.version, status="duplicate"))
                continue
            stored.add(key)
            version_rows.append((
                change.case_uuid, change.version, station_code, change.kind,
                # pydantic-core's serialiser: the same compact JSON, several times faster.
                to_json(change.payload).decode("utf-8"), change.hq_decision_seen,
                source, now,
            ))
            conflict_id = None
            decision_id = current.get(change.case_uuid, [None, 0, None])[2]
            if decision_id is not None:
                conflict_id = self._conflict_for(conn, station_code, change, int(decision_id), now)
            results.append(ChangeResult(
                seq=change.seq, case_uuid=change.case_uuid, version=change.version,
                status="conflict" if conflict_id else "applied", conflict_id=conflict_id,
            ))
            best = newest.get(change.case_uuid)
            if best is None or change.version > best.version:
                newest[change.case_uuid] = change

        self._insert_versions(conn, version_rows)
        case_rows = []
        for change in newest.values():
            p = change.payload
            decided = station_decision(p)
            case_rows.append((
                change.case_uuid, station_code, change.version, case_number(p),
                _text(p.get("category_id")), _text(p.get("status")), _applicant_name(p),
                _text(decided["status"]), _text(decided["decided_at"]),
                change.hq_decision_seen, now,
            ))
        self._upsert_cases(conn, case_rows)
        return results

    @staticmethod
    def _problem(station_code: str, owner: str, change: Change) -> str:
        payload = change.payload
        if owner != station_code:
            return (f"案件 {change.case_uuid} 属于派出所 {owner}，不能由 {station_code} 修改 / "
                    f"case {change.case_uuid} belongs to station {owner}, not {station_code}")
        if payload.get("uuid", change.case_uuid) != change.case_uuid:
            return "快照中的 uuid 与变更不符 / the snapshot's uuid differs from the change's"
        if payload.get("station_code", station_code) != station_code:
            return ("快照中的 station_code 与签名站点不符 / "
                    "the snapshot's station_code differs from the signing station")
        if payload.get("version", change.version) != change.version:
            return "快照中的 version 与变更不符 / the snapshot's version differs from the change's"
        return ""

    def _conflict_for(
        self, conn: Any, station_code: str, change: Change, decision_id: int, now: str
    ) -> int | None:
        """A conflict if the station, not knowing HQ's decision, changed a decision field."""
        if change.hq_decision_seen is not None and change.hq_decision_seen >= decision_id:
            return None
        decision = self._one(
            conn,
            "SELECT status, reason, decided_by, decided_at, base_version FROM decisions "
            "WHERE id = ?",
            (decision_id,),
        )
        assert decision is not None
        if change.version <= int(decision[4]):
            return None  # HQ decided having already seen a newer version than this one
        before = self._one(
            conn,
            "SELECT payload FROM case_versions WHERE case_uuid = ? AND version < ? "
            "ORDER BY version DESC LIMIT 1",
            (change.case_uuid, change.version),
        )
        previous: dict[str, Any] = json.loads(before[0]) if before else {}
        station_status = _text(station_decision(change.payload)["status"])
        touched = station_status != _text(station_decision(previous)["status"])
        if not touched or station_status in (None, "", decision[0]):
            return None
        conflict_id = self._insert_id(
            conn,
            "INSERT INTO conflicts (station_code, case_uuid, version, field, station_value, "
            "hq_value, decision_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (station_code, change.case_uuid, change.version, "decision_status", station_status,
             decision[0], decision_id, now),
        )
        self._run(
            conn,
            "INSERT INTO events (station_code, kind, ref_id, created_at) VALUES (?, ?, ?, ?)",
            (station_code, "conflict", conflict_id, now),
        )
        return conflict_id

    # -- decisions, packs, pull ------------------------------------------------------------
    def decide(self, case_uuid: str, *, status: str, reason: str, decided_by: str) -> Decision:
        """Record an HQ decision on a case and queue it for the case's station."""
        if status not in DECISION_STATUSES:
            raise HqError(f"决定只能是 {'/'.join(DECISION_STATUSES)}，不是 {status!r} / "
                          f"a decision is one of {', '.join(DECISION_STATUSES)}, not {status!r}")
        if not decided_by.strip():
            raise HqError("请写明作出决定的人 / say who made the decision (--by)")
        now = utc_now()
        with self._transaction() as conn:
            owner = self._one(conn, "SELECT station_code FROM cases WHERE case_uuid = ?",
                              (case_uuid,))
        # Under the station's lock, as a push is: a batch applied at the same moment either
        # sees this decision (and finds its conflicts) or is seen by it (base_version).
        lock = f"station:{owner[0]}" if owner else None
        with self._transaction(lock) as conn:
            case = self._one(conn, "SELECT station_code, version FROM cases WHERE case_uuid = ?",
                             (case_uuid,))
            if case is None:
                raise HqError(f"指挥中心没有案件 {case_uuid}，请核对案件编号 / "
                              f"headquarters holds no case {case_uuid}; check the UUID")
            decision_id = self._insert_id(
                conn,
                "INSERT INTO decisions (case_uuid, status, reason, decided_by, decided_at, "
                "base_version) VALUES (?, ?, ?, ?, ?, ?)",
                (case_uuid, status, reason, decided_by, now, case[1]),
            )
            self._run(conn, "UPDATE cases SET hq_decision_id = ? WHERE case_uuid = ?",
                      (decision_id, case_uuid))
            self._run(
                conn,
                "INSERT INTO events (station_code, kind, ref_id, created_at) VALUES (?, ?, ?, ?)",
                (case[0], "decision", decision_id, now),
            )
        return Decision(id=decision_id, case_uuid=case_uuid, status=status,
                        reason=reason, decided_by=decided_by, decided_at=now)

    def publish_pack(self, filename: str, content: str) -> PolicyPack:
        """Sign a policy pack file with HQ's key and queue it for every station."""
        signature = signing.sign(
            self.keys().signing_private, policy_pack_signed_bytes(filename, content)
        )
        return self.add_signed_pack(filename, content, signature)

    def add_signed_pack(self, filename: str, content: str, signature: str) -> PolicyPack:
        now = utc_now()
        with self._transaction() as conn:
            pack_id = self._insert_id(
                conn,
                "INSERT INTO policy_packs (filename, content, signature, published_at) "
                "VALUES (?, ?, ?, ?)",
                (filename, content, signature, now),
            )
            self._run(
                conn,
                "INSERT INTO events (station_code, kind, ref_id, created_at) VALUES (?, ?, ?, ?)",
                (None, "policy_pack", pack_id, now),
            )
        return PolicyPack(id=pack_id, filename=filename, content=content, signature=signature,
                          published_at=now)

    def _confirm_cursor(self, conn: Any, station_code: str, cursor: int) -> None:
        self._run(conn, "UPDATE stations SET confirmed_cursor = ? WHERE code = ? "
                        "AND confirmed_cursor < ?", (cursor, station_code, cursor))

    def pull(self, station_code: str, cursor: int, limit: int = 500) -> PullResponse:
        with self._transaction() as conn:
            # Asking from `cursor` means the station applied everything up to it.
            self._confirm_cursor(conn, station_code, cursor)
            rows = self._all(
                conn,
                "SELECT seq, kind, ref_id FROM events WHERE seq > ? "
                "AND (station_code = ? OR station_code IS NULL) ORDER BY seq LIMIT ?",
                (cursor, station_code, limit + 1),
            )
            more = len(rows) > limit
            events = [self._event(conn, int(s), k, int(r)) for s, k, r in rows[:limit]]
            self._run(conn, "UPDATE stations SET last_seen_at = ? WHERE code = ?",
                      (utc_now(), station_code))
        new_cursor = events[-1].seq if events else cursor
        return PullResponse(cursor=new_cursor, more=more, events=events)

    def _event(self, conn: Any, seq: int, kind: str, ref_id: int) -> PullEvent:
        if kind == "decision":
            row = self._one(conn, "SELECT id, case_uuid, status, reason, decided_by, decided_at "
                                  "FROM decisions WHERE id = ?", (ref_id,))
            assert row is not None
            return PullEvent(seq=seq, kind="decision", decision=Decision(
                id=row[0], case_uuid=row[1], status=row[2], reason=row[3],
                decided_by=row[4], decided_at=row[5]))
        if kind == "conflict":
            return PullEvent(seq=seq, kind="conflict", conflict=self._conflict(conn, ref_id))
        row = self._one(conn, "SELECT id, filename, content, signature, published_at "
                              "FROM policy_packs WHERE id = ?", (ref_id,))
        assert row is not None
        return PullEvent(seq=seq, kind="policy_pack", policy_pack=PolicyPack(
            id=row[0], filename=row[1], content=row[2], signature=row[3], published_at=row[4]))

    def _conflict(self, conn: Any, conflict_id: int) -> Conflict:
        row = self._one(conn, "SELECT id, station_code, case_uuid, version, field, "
                              "station_value, hq_value, created_at FROM conflicts WHERE id = ?",
                        (conflict_id,))
        assert row is not None
        return Conflict(id=row[0], station_code=row[1], case_uuid=row[2], version=row[3],
                        field=row[4], station_value=row[5], hq_value=row[6], created_at=row[7])

    def export_replies(self, station_code: str) -> Replies:
        """A reply file's content for an offline station, numbered and logged.

        Acknowledges every change HQ holds from the station and every change it refused
        for good, and carries every event since the cursor the station last confirmed.
        """
        now = utc_now()
        with self._transaction(f"station:{station_code}") as conn:
            station = self._one(conn, "SELECT confirmed_cursor FROM stations WHERE code = ?",
                                (station_code,))
            if station is None:
                raise HqError(f"派出所 {station_code} 未在指挥中心登记 / station {station_code} "
                              "is not enrolled at headquarters")
            since = int(station[0])
            acks: dict[str, list[int]] = {}
            for case_uuid, version in self._all(
                conn, "SELECT case_uuid, version FROM case_versions WHERE station_code = ? "
                      "ORDER BY case_uuid, version", (station_code,)):
                acks.setdefault(case_uuid, []).append(int(version))
            rejections = [
                Rejection(case_uuid=r[0], version=int(r[1]), detail=r[2])
                for r in self._all(conn, "SELECT case_uuid, version, detail FROM rejections "
                                         "WHERE station_code = ? ORDER BY case_uuid, version",
                                   (station_code,))
            ]
            rows = self._all(conn, "SELECT seq, kind, ref_id FROM events WHERE seq > ? "
                                   "AND (station_code = ? OR station_code IS NULL) ORDER BY seq",
                             (since, station_code))
            events = [self._event(conn, int(s), k, int(r)) for s, k, r in rows]
            cursor = events[-1].seq if events else since
            serial = self._insert_id(
                conn,
                "INSERT INTO reply_files (station_code, created_at, since_cursor, cursor, "
                "ack_count, event_count) VALUES (?, ?, ?, ?, ?, ?)",
                (station_code, now, since, cursor, sum(map(len, acks.values())), len(events)),
                key="serial",
            )
        return Replies(serial=serial, station_code=station_code, created_at=now, acks=acks,
                       rejections=rejections, since_cursor=since, cursor=cursor, events=events)

    # -- reading ---------------------------------------------------------------------------
    def conflicts(self, station_code: str | None = None) -> list[Conflict]:
        with self._transaction() as conn:
            if station_code is None:
                ids = self._all(conn, "SELECT id FROM conflicts ORDER BY id")
            else:
                ids = self._all(conn, "SELECT id FROM conflicts WHERE station_code = ? "
                                      "ORDER BY id", (station_code,))
            return [self._conflict(conn, int(r[0])) for r in ids]

    def case_versions(self, station_code: str) -> list[tuple[str, int]]:
        """Every (case UUID, version) HQ holds from a station, sorted."""
        with self._transaction() as conn:
            rows = self._all(conn, "SELECT case_uuid, version FROM case_versions "
                                   "WHERE station_code = ? ORDER BY case_uuid, version",
                             (station_code,))
        return [(r[0], int(r[1])) for r in rows]

    def case_heads(self, station_code: str) -> dict[str, int]:
        """Each of a station's cases and the newest version HQ holds."""
        with self._transaction() as conn:
            rows = self._all(conn, "SELECT case_uuid, version FROM cases WHERE station_code = ?",
                             (station_code,))
        return {r[0]: int(r[1]) for r in rows}

    def snapshot(self, case_uuid: str) -> dict[str, Any] | None:
        with self._transaction() as conn:
            row = self._one(conn, "SELECT v.payload FROM cases c JOIN case_versions v "
                                  "ON v.case_uuid = c.case_uuid AND v.version = c.version "
                                  "WHERE c.case_uuid = ?", (case_uuid,))
        return json.loads(row[0]) if row else None

    def case_summary(self, case_uuid: str) -> CaseSummary | None:
        with self._transaction() as conn:
            row = self._one(
                conn,
                "SELECT c.case_uuid, c.station_code, c.case_number, c.category_id, c.status, "
                "c.version, c.applicant_name, c.station_decision_status, c.station_decided_at, "
                "c.hq_decision_seen, d.id, d.status, d.decided_at FROM cases c "
                "LEFT JOIN decisions d ON d.id = c.hq_decision_id WHERE c.case_uuid = ?",
                (case_uuid,),
            )
        if row is None:
            return None
        # HQ's decision stands until the station has seen it and decided again (DESIGN §6).
        hq_wins = row[10] is not None and (row[9] is None or row[9] < row[10])
        return CaseSummary(
            case_uuid=row[0], station_code=row[1], case_number=row[2], category_id=row[3],
            status=row[4], version=int(row[5]), applicant_name=_mask(row[6]),
            decision_status=row[11] if hq_wins else row[7],
            decided_at=row[12] if hq_wins else row[8],
        )

    def bundle_imported(self, bundle_id: str) -> bool:
        with self._transaction() as conn:
            return self._one(conn, "SELECT 1 FROM bundles WHERE bundle_id = ?",
                             (bundle_id,)) is not None


class SqliteHqStore(HqStore):
    dialect = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def _transaction(self, lock_key: str | None = None) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            # IMMEDIATE takes the write lock up front: writers queue instead of deadlocking.
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()


class PostgresHqStore(HqStore):
    dialect = "postgresql"

    def __init__(self, url: str, pool_size: int = 4) -> None:
        import psycopg

        self.url = url
        self._psycopg = psycopg
        self._pool: queue.LifoQueue[Any] = queue.LifoQueue(maxsize=pool_size)
        self._lock = threading.Lock()
        try:
            conn = psycopg.connect(url, connect_timeout=10, autocommit=True)
        except psycopg.OperationalError as exc:
            raise HqError(f"连不上 PostgreSQL 数据库 {url}：{exc} / "
                          f"cannot connect to the PostgreSQL database {url}: {exc}") from exc
        self._pool.put(conn)

    def _connect(self) -> Any:
        return self._psycopg.connect(self.url, connect_timeout=10, autocommit=True)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _executemany(self, conn: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
        with conn.cursor() as cur:
            cur.executemany(sql, rows)

    def _in(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        # One array parameter: the statement text stays the same whatever the batch size.
        return f"{column} = ANY(?)", [list(values)]

    def _insert_versions(self, conn: Any, rows: list[tuple[Any, ...]]) -> None:
        # COPY: the rows are new (checked under the station's advisory lock), and a
        # duplicate would still fail the primary key and roll the batch back.
        if not rows:
            return
        with conn.cursor() as cur, cur.copy(
            f"COPY case_versions ({self._VERSION_COLUMNS}) FROM STDIN"
        ) as copy:
            for row in rows:
                copy.write_row(row)

    @contextmanager
    def _transaction(self, lock_key: str | None = None) -> Iterator[Any]:
        try:
            conn = self._pool.get_nowait()
        except queue.Empty:
            conn = self._connect()
        if conn.closed or conn.broken:
            conn = self._connect()
        healthy = True
        try:
            with conn.transaction():
                if lock_key is not None:
                    conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (lock_key,))
                yield conn
        except self._psycopg.OperationalError:
            healthy = False
            raise
        finally:
            if healthy and not conn.broken:
                try:
                    self._pool.put_nowait(conn)
                except queue.Full:
                    conn.close()
            else:
                conn.close()

    def close(self) -> None:
        while True:
            try:
                self._pool.get_nowait().close()
            except queue.Empty:
                return


def open_store(url: str, *, migrate: bool = True) -> HqStore:
    """`postgresql://...` opens PostgreSQL; anything else is a SQLite file path."""
    store: HqStore
    if url.startswith(("postgresql://", "postgres://")):
        store = PostgresHqStore(url)
    else:
        path = Path(url.removeprefix("sqlite:///").removeprefix("sqlite://"))
        store = SqliteHqStore(path)
    if migrate:
        store.migrate()
    return store
