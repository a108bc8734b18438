"""The station side of sync: enrol, push the outbox, pull decisions and packs, export bundles.

Every call is a plain function on the station database, safe to run off the GUI thread:
it only holds the database for short transactions, retries with backoff, and stops
between batches when `cancel` is set. An interrupted run resumes where HQ's answers stop,
because changes leave the outbox only when HQ has acknowledged them.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import sqlite_utils
from pydantic import ValidationError

from hukou.domain import signing
from hukou.store import apply_remote_decision, get_station, outbox_count_pending
from hukou.store.errors import StoreError
from hukou.store.util import iso_utc, transaction
from hukou.sync import state
from hukou.sync.bundle import write_bundle_envelope
from hukou.sync.packs import install_pack
from hukou.sync.protocol import (
    PROTOCOL_VERSION,
    Change,
    ChangeResult,
    EnrolRequest,
    EnrolResponse,
    ProtocolError,
    PullEvent,
    PullRequest,
    PullResponse,
    PushResponse,
    SignedEnvelope,
    dumps,
    open_envelope,
    seal,
)
from hukou.sync.replies import RepliesError, read_replies

Progress = Callable[[int, int], None]

#: Changes per push: large enough that per-request costs vanish, small enough to hold
#: HQ's per-station lock briefly and move the progress bar.
DEFAULT_BATCH = 2000


class SyncError(Exception):
    """Sync cannot go on: not enrolled, HQ unreachable, HQ refused us (message zh / en)."""


class HqUnreachable(SyncError):
    """HQ did not answer at all (wrong address, network down, HQ stopped)."""


class HqRefused(SyncError):
    """HQ answered and said no: `status` is the HTTP status, `detail` HQ's own message
    (e.g. an enrolment code that is unknown or already used), so a screen can show it
    next to the field it is about."""

    def __init__(self, message: str, *, status: int, detail: str) -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry a request HQ did not answer."""

    attempts: int = 5
    first_delay: float = 0.5
    max_delay: float = 30.0
    timeout: float = 30.0


@dataclass(frozen=True)
class ConflictItem:
    case_uuid: str
    version: int | None
    field: str
    station_value: str | None
    hq_value: str | None
    detail: str
    source: str
    reported_at: str


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar shows."""

    enrolled: bool
    hq_url: str | None
    pending: int
    last_success: str | None
    last_error: str | None
    last_error_at: str | None
    conflicts: list[ConflictItem]


@dataclass
class SyncResult:
    pushed: int = 0
    duplicates: int = 0
    #: Older pending snapshots acknowledged with a newer one of the same case, unsent.
    superseded: int = 0
    conflicts: int = 0
    rejected: int = 0
    decisions: int = 0
    packs_installed: int = 0
    packs_refused: int = 0
    batches: int = 0
    pending: int = 0
    cancelled: bool = False
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Config:
    station_code: str
    signing_key: str
    hq_url: str
    hq_signing_key: str
    hq_encryption_key: str


# -- status ------------------------------------------------------------------------------

def list_conflicts(db: sqlite_utils.Database) -> list[ConflictItem]:
    state.ensure_tables(db)
    rows = db.execute(
        "SELECT case_uuid, version, field, station_value, hq_value, detail, source, reported_at "
        "FROM sync_conflicts ORDER BY id"
    ).fetchall()
    return [ConflictItem(*row) for row in rows]


def sync_status(db: sqlite_utils.Database) -> SyncStatus:
    """Changes waiting, last success, last error and the conflicts, for the status bar."""
    state.ensure_tables(db)
    return SyncStatus(
        enrolled=bool(state.get(db, state.HQ_SIGNING_KEY)),
        hq_url=state.get(db, state.HQ_URL),
        pending=outbox_count_pending(db),
        last_success=state.get(db, state.LAST_SUCCESS),
        last_error=state.get(db, state.LAST_ERROR),
        last_error_at=state.get(db, state.LAST_ERROR_AT),
        conflicts=list_conflicts(db),
    )


# -- enrolment ---------------------------------------------------------------------------

def enrol(
    db: sqlite_utils.Database, *, hq_url: str, code: str,
    client: httpx.Client | None = None,
) -> EnrolResponse:
    """Register this station's public key at HQ with a one-time code; keep HQ's keys."""
    station = get_station(db)
    if station is None:
        raise SyncError("本站尚未设置（站点代码、签名密钥），请先完成站点设置 / "
                        "this station is not "
                        "set up yet (station code, signing key); set it up first")
    request = EnrolRequest(
        code=code.strip(), station_code=station.code, station_name=station.name,
        public_key=signing.public_key_b64(station.signing_key_b64),
    )
    url = hq_url.rstrip("/")
    with _client(client, RetryPolicy()) as http:
        response = _post(http, f"{url}/v1/enrol", request.model_dump(mode="json"),
                         RetryPolicy(attempts=2), None)
    try:
        answer = EnrolResponse.model_validate(response)
        signing.check_public_key(answer.hq_signing_public_key)
    except (ValidationError, signing.SigningKeyError) as exc:
        raise SyncError(f"指挥中心的回答格式不对：{exc} / HQ's answer is malformed: {exc}") from exc
    state.ensure_tables(db)
    with transaction(db):
        state.put(db, state.HQ_URL, url)
        state.put(db, state.HQ_SIGNING_KEY, answer.hq_signing_public_key)
        state.put(db, state.HQ_ENCRYPTION_KEY, answer.hq_encryption_public_key)
    return answer


def _config(db: sqlite_utils.Database, *, need_url: bool = True) -> _Config:
    station = get_station(db)
    if station is None:
        raise SyncError("本站尚未设置，请先完成站点设置 / this station is not set up yet")
    hq_url = state.get(db, state.HQ_URL)
    hq_signing = state.get(db, state.HQ_SIGNING_KEY)
    hq_encryption = state.get(db, state.HQ_ENCRYPTION_KEY)
    if not hq_signing or not hq_encryption or (need_url and not hq_url):
        raise SyncError("本站尚未在指挥中心登记：运行 hukou sync enrol --hq URL --code 登记码 / "
                        "this station is not enrolled at HQ: run "
                        "`hukou sync enrol --hq URL --code CODE`")
    return _Config(station.code, station.signing_key_b64, hq_url or "", hq_signing, hq_encryption)


# -- HTTP with retries -------------------------------------------------------------------

class _Cancelled(Exception):
    pass


def _client(client: httpx.Client | None, retry: RetryPolicy) -> Any:
    if client is not None:
        return _Borrowed(client)
    return httpx.Client(timeout=retry.timeout, trust_env=False)


class _Borrowed:
    """A caller's client used as a context manager without closing it."""

    def __init__(self, client: httpx.Client) -> None:
        self.client = client

    def __enter__(self) -> httpx.Client:
        return self.client

    def __exit__(self, *exc: object) -> None:
        return None


def _post(
    http: httpx.Client, url: str, body: dict[str, Any], retry: RetryPolicy,
    cancel: threading.Event | None,
) -> Any:
    delay = retry.first_delay
    last = ""
    for attempt in range(retry.attempts):
        if cancel is not None and cancel.is_set():
            raise _Cancelled
        try:
            response = http.post(url, json=body)
        except httpx.HTTPError as exc:
            last = f"{type(exc).__name__}: {exc}"
        else:
            if response.status_code < 300:
                try:
                    return response.json()
                except ValueError:
                    last = "HQ answered with something that is not JSON"
            elif response.status_code >= 500:
                last = f"HTTP {response.status_code}"
            else:
                try:
                    detail = response.json().get("detail")
                except ValueError:
                    detail = response.text[:300]
                raise HqRefused(f"指挥中心拒绝了请求：{detail} / HQ refused the request "
                                f"(HTTP {response.status_code}): {detail}",
                                status=response.status_code, detail=str(detail))
        if attempt + 1 < retry.attempts:
            if cancel is not None:
                if cancel.wait(delay):
                    raise _Cancelled
            else:
                time.sleep(delay)
            delay = min(delay * 2, retry.max_delay)
    raise HqUnreachable(f"连不上指挥中心 {url}（已重试 {retry.attempts} 次）：{last}；"
                        "稍后会自动再试 / "
                        f"cannot reach HQ at {url} after {retry.attempts} attempts ({last}); "
                        "sync will try again later")


# -- push --------------------------------------------------------------------------------

def _seen_decisions(
    db: sqlite_utils.Database, uuids: list[str]
) -> dict[str, list[tuple[int, int]]]:
    seen: dict[str, list[tuple[int, int]]] = {}
    for start in range(0, len(uuids), 500):
        chunk = uuids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for case_uuid, decision_id, at_seq in db.execute(
            "SELECT case_uuid, hq_decision_id, outbox_seq_at_apply FROM sync_decisions "
            f"WHERE case_uuid IN ({marks})", chunk,
        ).fetchall():
            seen.setdefault(case_uuid, []).append((int(decision_id), int(at_seq)))
    return seen


@dataclass(frozen=True)
class _OutboxRow:
    seq: int
    case_uuid: str
    version: int
    kind: str
    payload_json: str
    created_at: str
    hq_decision_seen: int | None
    #: Older pending rows of the same case this one supersedes: acknowledged with it.
    covers: tuple[int, ...] = ()


# What HQ's conflict check (hq/store.py `_conflict_for`) reads of a snapshot: the station's
# decision in any of the shapes `protocol.station_decision` accepts. Two consecutive
# pending rows of a case whose values here differ are never merged. A status that is not
# a decision reads as NULL, and `registered` stays apart from `approved` (a boundary more
# than needed, never one fewer).
_DECISION_KEY_SQL = (
    "json_array(kind, json_extract(payload, '$.decision_status'),"
    " json_extract(payload, '$.decision.status'),"
    " CASE WHEN json_extract(payload, '$.status') IN"
    " ('approved', 'returned', 'refused', 'registered') THEN json_extract(payload, '$.status')"
    " END)"
)
_SENDABLE = "acked_at IS NULL AND case_uuid IS NOT NULL AND version IS NOT NULL"


def _pending_rows(db: sqlite_utils.Database, limit: int) -> list[_OutboxRow]:
    """The next changes to send: for the cases with the oldest pending rows, each case's
    newest pending snapshot, payload kept as the JSON text the store wrote.

    Every snapshot is the complete case, so an older pending row need not travel when a
    newer one does: it rides along in `covers` and is acknowledged with it. It travels
    anyway where HQ's conflict check could tell the difference: when the station applied
    an HQ decision between the two rows (they carry different `hq_decision_seen`), or
    when the station's own decision differs between them (HQ compares each version's
    decision with the one before it). Up to `limit` changes, whole cases only (at least
    one case however many changes it needs).
    """
    limit = max(int(limit), 1)
    cases = [str(r[0]) for r in db.execute(
        f"SELECT case_uuid FROM outbox WHERE {_SENDABLE} GROUP BY case_uuid "
        "ORDER BY min(seq) LIMIT ?", [limit]).fetchall()]
    if not cases:
        return []
    seen = _seen_decisions(db, sorted(cases))
    by_case: dict[str, list[tuple[int, int, str, str, str]]] = {}
    for start in range(0, len(cases), 500):
        chunk = cases[start : start + 500]
        for seq, case_uuid, version, kind, created_at, key in db.execute(
            f"SELECT seq, case_uuid, version, kind, created_at, {_DECISION_KEY_SQL} FROM outbox "
            f"WHERE {_SENDABLE} AND case_uuid IN ({','.join('?' * len(chunk))}) ORDER BY seq",
            chunk,
        ).fetchall():
            by_case.setdefault(str(case_uuid), []).append(
                (int(seq), int(version), str(kind or ""), str(created_at or ""), str(key)))
    heads: list[tuple[int, str, int, str, str, int | None, tuple[int, ...]]] = []
    for case_uuid in cases:
        runs: list[tuple[int, str, int, str, str, int | None, tuple[int, ...]]] = []
        covered: list[int] = []
        rows = by_case.get(case_uuid, [])
        for i, (seq, version, kind, created_at, key) in enumerate(rows):
            # A change made after the station applied an HQ decision was made knowing it.
            known = [d for d, at_seq in seen.get(case_uuid, []) if at_seq < seq]
            decision_seen = max(known) if known else None
            if i + 1 < len(rows):
                nxt = rows[i + 1]
                next_known = [d for d, at_seq in seen.get(case_uuid, []) if at_seq < nxt[0]]
                if nxt[4] == key and (max(next_known) if next_known else None) == decision_seen:
                    covered.append(seq)
                    continue
            runs.append((seq, case_uuid, version, kind, created_at, decision_seen,
                         tuple(covered)))
            covered = []
        if heads and len(heads) + len(runs) > limit:
            break
        heads.extend(runs)
    payloads: dict[int, str] = {}
    head_seqs = [h[0] for h in heads]
    for start in range(0, len(head_seqs), 500):
        seq_chunk = head_seqs[start : start + 500]
        payloads.update((int(s), str(p)) for s, p in db.execute(
            f"SELECT seq, payload FROM outbox WHERE seq IN ({','.join('?' * len(seq_chunk))})",
            seq_chunk).fetchall())
    heads.sort()
    return [_OutboxRow(seq, case_uuid, version, kind, payloads[seq], created_at, decision_seen,
                       covers)
            for seq, case_uuid, version, kind, created_at, decision_seen, covers in heads]


def _change_text(row: _OutboxRow) -> str:
    # Keys in sorted order and the store's canonical payload text as it is: the same text
    # `protocol.dumps` would make from a parsed Change, without parsing 10,000 snapshots
    # only to serialise them again.
    seen = "null" if row.hq_decision_seen is None else str(int(row.hq_decision_seen))
    return (f'{{"case_uuid":{dumps(row.case_uuid)},"created_at":{dumps(row.created_at)},'
            f'"hq_decision_seen":{seen},"kind":{dumps(row.kind)},"payload":{row.payload_json},'
            f'"seq":{int(row.seq)},"version":{int(row.version)}}}')


def batch_body(station_code: str, batch_seq: int, sent_at: str, rows: list[_OutboxRow]) -> str:
    """The JSON text of a `Batch` (what the station signs), built from outbox rows."""
    changes = ",".join(_change_text(r) for r in rows)
    return (f'{{"batch_seq":{int(batch_seq)},"changes":[{changes}],'
            f'"protocol":{PROTOCOL_VERSION},"sent_at":{dumps(sent_at)},'
            f'"station_code":{dumps(station_code)}}}')


def pending_changes(db: sqlite_utils.Database, limit: int) -> list[Change]:
    """The next changes a push would send (see `_pending_rows`), as wire changes."""
    return [Change(seq=r.seq, case_uuid=r.case_uuid, version=r.version, kind=r.kind,
                   payload=json.loads(r.payload_json), created_at=r.created_at,
                   hq_decision_seen=r.hq_decision_seen)
            for r in _pending_rows(db, limit)]


@contextlib.contextmanager
def _ack_durability(db: sqlite_utils.Database) -> Iterator[None]:
    """synchronous=NORMAL (under WAL) for the station's sync bookkeeping only.

    Losing an acknowledgement or a batch number to a power cut costs nothing: the change
    stays pending, goes again, and HQ answers "duplicate"; a reused batch number is only
    logged twice at HQ. So these commits need not wait for the disk the way a clerk's
    save (FULL) does. The pragma cannot change inside a transaction, so this wraps one,
    and the connection's setting is put back afterwards.
    """
    if db.conn.in_transaction or str(db.execute("PRAGMA journal_mode").fetchone()[0]) != "wal":
        yield
        return
    previous = int(db.execute("PRAGMA synchronous").fetchone()[0])
    db.execute("PRAGMA synchronous = NORMAL")
    try:
        yield
    finally:
        db.execute(f"PRAGMA synchronous = {previous}")


def ack_outbox(db: sqlite_utils.Database, seqs: list[int], at: str) -> int:
    """Acknowledge outbox rows by sequence number, in the caller's transaction; how many."""
    done = 0
    for start in range(0, len(seqs), 900):
        chunk = [int(s) for s in seqs[start : start + 900]]
        cursor = db.conn.execute(
            f"UPDATE outbox SET acked_at = ? WHERE acked_at IS NULL "
            f"AND seq IN ({','.join('?' * len(chunk))})", [at, *chunk],
        )
        done += max(cursor.rowcount, 0)
    return done


def _record_results(db: sqlite_utils.Database, results: list[ChangeResult],
                    rows: list[_OutboxRow], result: SyncResult, batch_seq: int) -> None:
    """HQ's answers, the acknowledgements and the batch number: one short transaction."""
    by_seq = {r.seq: r for r in rows}
    now = iso_utc()
    answered = [r.seq for r in results if r.seq in by_seq]
    with _ack_durability(db), transaction(db):
        for item in results:
            if item.seq not in by_seq:
                continue
            if item.status == "applied":
                result.pushed += 1
            elif item.status == "duplicate":
                result.duplicates += 1
            elif item.status == "conflict":
                result.conflicts += 1
            else:
                # HQ will never accept it as it is: keep it visible here, let the queue move on.
                result.rejected += 1
                _record_rejection(db, item.case_uuid, by_seq[item.seq].version, item.detail,
                                  now)
        # The rows a sent snapshot supersedes go with its acknowledgement, in the same
        # transaction: never acknowledged unless HQ answered for the newer one.
        superseded = [s for seq in answered for s in by_seq[seq].covers]
        ack_outbox(db, answered, now)
        result.superseded += ack_outbox(db, superseded, now)
        state.put(db, state.BATCH_SEQ, batch_seq)


def _record_rejection(db: sqlite_utils.Database, case_uuid: str, version: int, detail: str,
                      now: str) -> None:
    """A change HQ refused for good, in the conflict list (once per case and version)."""
    if db.execute("SELECT 1 FROM sync_conflicts WHERE case_uuid = ? AND version = ? "
                  "AND field = '*'", [case_uuid, version]).fetchone():
        return
    db.execute(
        "INSERT INTO sync_conflicts (case_uuid, version, field, detail, source, reported_at) "
        "VALUES (?, ?, ?, ?, ?, ?)", [case_uuid, version, "*", detail, "push", now],
    )


def push(
    db: sqlite_utils.Database, *, http: httpx.Client, config: _Config, result: SyncResult,
    progress: Progress | None, cancel: threading.Event | None, retry: RetryPolicy,
    batch_size: int,
) -> None:
    total = outbox_count_pending(db)
    done = 0
    if progress:
        progress(0, total)
    while True:
        if cancel is not None and cancel.is_set():
            raise _Cancelled
        rows = _pending_rows(db, batch_size)
        if not rows:
            return
        # Stored with the acknowledgements: a batch lost with the station's answer goes
        # again under the same number, which HQ records once.
        batch_seq = int(state.get(db, state.BATCH_SEQ, 0) or 0) + 1
        body = batch_body(config.station_code, batch_seq, iso_utc(), rows)
        envelope = {"signer": config.station_code, "body": body,
                    "signature": signing.sign(config.signing_key, body.encode("utf-8"))}
        answer = _post(http, f"{config.hq_url}/v1/push", envelope, retry, cancel)
        try:
            response = PushResponse.model_validate(answer)
        except ValidationError as exc:
            raise SyncError(
                f"指挥中心的回答格式不对 / HQ's push answer is malformed: {exc}"
            ) from exc
        _record_results(db, response.results, rows, result, batch_seq)
        result.batches += 1
        done += sum(1 + len(r.covers) for r in rows)
        if progress:
            progress(min(done, max(total, done)), max(total, done))


# -- pull --------------------------------------------------------------------------------

def _apply_event(db: sqlite_utils.Database, event: PullEvent, config: _Config,
                 forms_dir: Path, result: SyncResult) -> None:
    now = iso_utc()
    if event.decision is not None:
        d = event.decision
        if db.execute("SELECT 1 FROM sync_decisions WHERE hq_decision_id = ?",
                      [d.id]).fetchone():
            return
        try:
            with transaction(db):
                apply_remote_decision(db, d.case_uuid, status=d.status, reason=d.reason,
                                      decided_by=d.decided_by, decided_at=d.decided_at)
        except StoreError as exc:
            db.execute(
                "INSERT INTO sync_conflicts (case_uuid, field, hq_value, detail, source, "
                "reported_at) VALUES (?, ?, ?, ?, ?, ?)",
                [d.case_uuid, "decision_status", d.status, str(exc), "pull", now],
            )
        top = db.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0]
        db.execute(
            "INSERT INTO sync_decisions (hq_decision_id, case_uuid, status, outbox_seq_at_apply, "
            "applied_at) VALUES (?, ?, ?, ?, ?)",
            [d.id, d.case_uuid, d.status, int(top), now],
        )
        result.decisions += 1
    elif event.conflict is not None:
        c = event.conflict
        db.execute(
            "INSERT OR IGNORE INTO sync_conflicts (hq_conflict_id, case_uuid, version, field, "
            "station_value, hq_value, detail, source, reported_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [c.id, c.case_uuid, c.version, c.field, c.station_value, c.hq_value,
             "指挥中心已作出不同决定 / HQ had already decided otherwise", "hq", now],
        )
    elif event.policy_pack is not None:
        pack = event.policy_pack
        if db.execute("SELECT 1 FROM sync_packs WHERE hq_pack_id = ?", [pack.id]).fetchone():
            return
        outcome = install_pack(pack, hq_signing_public_b64=config.hq_signing_key,
                               forms_dir=forms_dir)
        db.execute(
            "INSERT INTO sync_packs (hq_pack_id, filename, result, reason, received_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [pack.id, pack.filename, "installed" if outcome.installed else "refused",
             outcome.reason, now],
        )
        if outcome.installed:
            result.packs_installed += 1
        else:
            result.packs_refused += 1
            result.messages.append(outcome.reason)


def pull(
    db: sqlite_utils.Database, *, http: httpx.Client, config: _Config, result: SyncResult,
    cancel: threading.Event | None, retry: RetryPolicy, forms_dir: Path,
) -> None:
    while True:
        if cancel is not None and cancel.is_set():
            raise _Cancelled
        cursor = int(state.get(db, state.CURSOR, 0) or 0)
        request = PullRequest(station_code=config.station_code, cursor=cursor, sent_at=iso_utc())
        envelope = seal(request, signer=config.station_code, private_b64=config.signing_key)
        answer = _post(http, f"{config.hq_url}/v1/pull", envelope.model_dump(mode="json"),
                       retry, cancel)
        try:
            response = open_envelope(SignedEnvelope.model_validate(answer), PullResponse,
                                     public_b64=config.hq_signing_key)
        except (ValidationError, ProtocolError) as exc:
            raise SyncError(f"指挥中心下发的数据签名不符，已拒收 / the data pulled from HQ "
                            f"failed its signature check and was refused: {exc}") from exc
        # Each page and its cursor commit together: a crash repeats a page, never skips one.
        with transaction(db):
            for event in response.events:
                _apply_event(db, event, config, forms_dir, result)
            state.put(db, state.CURSOR, response.cursor)
        if not response.more:
            return


# -- one run -----------------------------------------------------------------------------

def station_data_dir(db: sqlite_utils.Database) -> Path:
    """The folder holding the station database (policy packs are installed beside it)."""
    row = db.execute("PRAGMA database_list").fetchone()
    return Path(row[2]).parent


def sync_once(
    db: sqlite_utils.Database,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    retry: RetryPolicy | None = None,
    client: httpx.Client | None = None,
    batch_size: int = DEFAULT_BATCH,
) -> SyncResult:
    """Push the outbox, then pull decisions, conflicts and policy packs; record the outcome.

    Raises SyncError (after recording it as the last error) when HQ cannot be reached or
    refuses; returns with `cancelled=True` when `cancel` was set.
    """
    state.ensure_tables(db)
    retry = retry or RetryPolicy()
    result = SyncResult()
    try:
        config = _config(db)
        forms = station_data_dir(db) / "forms"
        with _client(client, retry) as http:
            push(db, http=http, config=config, result=result, progress=progress, cancel=cancel,
                 retry=retry, batch_size=batch_size)
            pull(db, http=http, config=config, result=result, cancel=cancel, retry=retry,
                 forms_dir=forms)
    except _Cancelled:
        result.cancelled = True
    except SyncError as exc:
        with transaction(db):
            state.put(db, state.LAST_ERROR, str(exc))
            state.put(db, state.LAST_ERROR_AT, iso_utc())
        raise
    result.pending = outbox_count_pending(db)
    if not result.cancelled:
        with transaction(db):
            state.put(db, state.LAST_SUCCESS, iso_utc())
            problems = list(result.messages)
            if result.rejected:
                problems.append(f"指挥中心拒收 {result.rejected} 项变更，见冲突列表 / HQ rejected "
                                f"{result.rejected} change(s); see the conflict list")
            state.put(db, state.LAST_ERROR, "; ".join(problems) if problems else "")
            if problems:
                state.put(db, state.LAST_ERROR_AT, iso_utc())
    return result


# -- offline bundle ----------------------------------------------------------------------

def export_bundle(db: sqlite_utils.Database, out: Path) -> int:
    """Write the pending changes into one signed, encrypted file; returns how many it carries.

    Like a push, the file carries each case's newest pending snapshot, not the older
    ones it supersedes (`_pending_rows`). The changes stay pending: only HQ's
    acknowledgement (a reply file or an online sync) clears them, so a lost file loses
    nothing, and importing an older bundle after a newer
    one at HQ changes nothing because each change is applied once by (case, version).
    Changes HQ has acknowledged are no longer pending and do not travel again. The file
    also tells HQ how far this station has applied its events, where its next reply
    file starts.
    """
    state.ensure_tables(db)
    config = _config(db, need_url=False)
    rows = _pending_rows(db, max(outbox_count_pending(db), 1))
    bundle_id, created_at = str(uuid.uuid4()), iso_utc()
    cursor = int(state.get(db, state.CURSOR, 0) or 0)
    changes = ",".join(_change_text(r) for r in rows)
    # The `Bundle` JSON text in protocol.dumps' form, built from the stored payload text.
    body = (f'{{"bundle_id":{dumps(bundle_id)},"changes":[{changes}],'
            f'"created_at":{dumps(created_at)},"cursor":{cursor},'
            f'"protocol":{PROTOCOL_VERSION},"station_code":{dumps(config.station_code)}}}')
    envelope = SignedEnvelope(signer=config.station_code, body=body,
                              signature=signing.sign(config.signing_key, body.encode("utf-8")))
    data = write_bundle_envelope(envelope, config.station_code, bundle_id, created_at, len(rows),
                                 hq_encryption_public_b64=config.hq_encryption_key)
    _write_file(Path(out), data)
    return len(rows)


def _write_file(out: Path, data: bytes) -> None:
    partial = out.with_name(out.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(out)
    except OSError as exc:
        raise SyncError(f"无法写入文件 {out}：{exc} / cannot write {out}: {exc}") from exc


@dataclass
class RepliesResult:
    """What importing HQ's reply file did at the station."""

    serial: int = 0
    already_imported: bool = False
    acknowledged: int = 0
    rejected: int = 0
    decisions: int = 0
    conflicts: int = 0
    packs_installed: int = 0
    packs_refused: int = 0
    pending: int = 0
    messages: list[str] = field(default_factory=list)


def import_replies(db: sqlite_utils.Database, data: bytes) -> RepliesResult:
    """Apply HQ's reply file: acknowledge the outbox, apply decisions, install packs.

    Refuses (SyncError, nothing changed) a file that is damaged, altered, not signed by the
    enrolled HQ, meant for another station, or starting after events this station never
    received. A file no newer than one already imported changes nothing.
    """
    state.ensure_tables(db)
    config = _config(db, need_url=False)
    try:
        replies = read_replies(data, station_code=config.station_code,
                               station_signing_private_b64=config.signing_key,
                               hq_signing_public_b64=config.hq_signing_key)
    except RepliesError as exc:
        raise SyncError(str(exc)) from exc
    result = RepliesResult(serial=replies.serial)
    last = int(state.get(db, state.REPLIES_SERIAL, 0) or 0)
    if replies.serial <= last:
        result.already_imported = True
        result.pending = outbox_count_pending(db)
        return result
    cursor = int(state.get(db, state.CURSOR, 0) or 0)
    if replies.since_cursor > cursor:
        raise SyncError(
            f"这份回执从指挥中心第 {replies.since_cursor} 条消息之后开始，"
            f"本站只收到第 {cursor} 条，导入会漏掉决定；"
            "请先导出本站数据包交指挥中心导入，再让其重新导出回执 / this reply "
            f"file starts after HQ event {replies.since_cursor} but this station has only "
            f"applied up to {cursor}; importing it would skip decisions. Export a bundle, have "
            "HQ import it, then ask for a new reply file")
    forms = station_data_dir(db) / "forms"
    outcome = SyncResult()
    now = iso_utc()
    with _ack_durability(db), transaction(db):
        refused = {(r.case_uuid, r.version): r.detail for r in replies.rejections}
        # The newest version HQ answered for, per case: a bundle carries each case's newest
        # pending snapshot only, so the older pending rows it superseded are settled with it.
        answered: dict[str, int] = {}
        for case_uuid, versions in replies.acks.items():
            if versions:
                answered[case_uuid] = max(versions)
        for case_uuid, version in refused:
            answered[case_uuid] = max(answered.get(case_uuid, version), version)
        seqs = []
        for seq, case_uuid, version in db.execute(
            "SELECT seq, case_uuid, version FROM outbox WHERE acked_at IS NULL "
            "AND case_uuid IS NOT NULL AND version IS NOT NULL ORDER BY seq"
        ).fetchall():
            key = (str(case_uuid), int(version))
            if key in refused:
                _record_rejection(db, key[0], key[1], refused[key], now)
                result.rejected += 1
                seqs.append(int(seq))
            elif key[1] <= answered.get(key[0], 0):
                seqs.append(int(seq))
        result.acknowledged = ack_outbox(db, seqs, now) - result.rejected
        before = _conflict_count(db)
        for event in replies.events:
            _apply_event(db, event, config, forms, outcome)
        result.conflicts = _conflict_count(db) - before
        state.put(db, state.CURSOR, max(cursor, replies.cursor))
        state.put(db, state.REPLIES_SERIAL, replies.serial)
        state.put(db, state.LAST_SUCCESS, now)
    result.decisions = outcome.decisions
    result.packs_installed, result.packs_refused = outcome.packs_installed, outcome.packs_refused
    result.messages = outcome.messages
    result.pending = outbox_count_pending(db)
    return result


def _conflict_count(db: sqlite_utils.Database) -> int:
    return int(db.execute("SELECT count(*) FROM sync_conflicts").fetchone()[0])
