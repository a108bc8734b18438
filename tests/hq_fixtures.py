"""Headquarters fixtures: real HQ databases (SQLite file or a fresh PostgreSQL database),
the real service on 127.0.0.1 (uvicorn in a thread or a subprocess), a loopback proxy that
cuts connections, and helpers that build stations and compare what HQ holds."""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from hukou.domain import signing
from hukou.hq.service import create_app
from hukou.hq.store import HqStore, open_store
from hukou.sync.protocol import Batch, Change, SignedEnvelope, seal

PG_HOST = os.environ.get("HUKOU_TEST_PG_HOST", "127.0.0.1")
PG_ADMIN_URL = f"postgresql://postgres@{PG_HOST}:5432/postgres"
REPO_ROOT = Path(__file__).resolve().parents[1]


def postgres_available() -> bool:
    import psycopg

    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


def _require_postgres() -> None:
    if postgres_available():
        return
    message = (f"PostgreSQL is not reachable at {PG_HOST}:5432 (user postgres); start it with "
               "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start`")
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


@dataclass
class PgDatabase:
    name: str

    @property
    def url(self) -> str:
        return f"postgresql://postgres@{PG_HOST}:5432/{self.name}"

    def drop(self) -> None:
        import psycopg

        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def create_pg_database() -> PgDatabase:
    import psycopg

    _require_postgres()
    database = PgDatabase(f"hukou_test_{secrets.token_hex(6)}")
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database.name}"')
    return database


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def hq_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty HQ database: a SQLite file, or a PostgreSQL database made for this test."""
    if request.param == "sqlite":
        yield str(tmp_path / "hq.sqlite3")
        return
    database = create_pg_database()
    try:
        yield database.url
    finally:
        database.drop()


@pytest.fixture
def hq_store(hq_url: str) -> Iterator[HqStore]:
    store = open_store(hq_url)
    try:
        yield store
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ThreadServer:
    """The HQ app served by uvicorn in a thread of the test process."""

    def __init__(self, store: HqStore) -> None:
        self.store = store
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        config = uvicorn.Config(create_app(self.store), host="127.0.0.1", port=self.port,
                                log_level="warning", access_log=False, lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the HQ server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=20)
            self._server = None


@pytest.fixture
def hq_server(hq_store: HqStore) -> Iterator[ThreadServer]:
    server = ThreadServer(hq_store)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def hq(hq_server: ThreadServer) -> ThreadServer:
    """`hq_server` under the name the GUI's sync and enrolment tests use."""
    return hq_server


class ProcessServer:
    """`hukou hq serve` in a subprocess, so a test can kill it outright (SIGKILL)."""

    def __init__(self, db_url: str, log: Path) -> None:
        self.db_url = db_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = dict(os.environ, PYTHONPATH=str(REPO_ROOT / "desktop"))
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "hukou.cli", "hq", "serve", "--db", self.db_url,
                 "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, env=env,
            )
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"HQ did not start: {self.log.read_text(errors='replace')}")
            time.sleep(0.1)

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=20)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


class CuttingProxy:
    """A TCP proxy on loopback. `cut_after` bytes of a response, it drops the connection
    (once per entry in `cuts`); `on_request_bytes(total)` sees the request bytes so far."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream_port = upstream_port
        self.cuts: list[int] = []
        self.on_request_bytes: Callable[[int], None] | None = None
        self.request_bytes = 0
        self.cut_count = 0
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = int(self._listener.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _handle(self, client: socket.socket) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=30)
        except OSError:
            client.close()
            return
        with self._lock:
            cut = self.cuts.pop(0) if self.cuts else None
        done = threading.Event()

        def requests() -> None:
            try:
                while chunk := client.recv(65536):
                    upstream.sendall(chunk)
                    with self._lock:
                        self.request_bytes += len(chunk)
                        total = self.request_bytes
                    if self.on_request_bytes is not None:
                        self.on_request_bytes(total)
            except OSError:
                pass
            done.set()

        def responses() -> None:
            sent = 0
            try:
                while chunk := upstream.recv(65536):
                    if cut is not None and sent + len(chunk) >= cut:
                        client.sendall(chunk[: max(cut - sent, 0)])
                        with self._lock:
                            self.cut_count += 1
                        break
                    client.sendall(chunk)
                    sent += len(chunk)
            except OSError:
                pass
            done.set()

        threading.Thread(target=requests, daemon=True).start()
        threading.Thread(target=responses, daemon=True).start()
        done.wait()
        for sock in (client, upstream):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self._closed = True
        self._listener.close()


# -- synthetic stations (HQ-side tests, before or beside a real station database) ----------

@dataclass
class FakeStation:
    """A station key pair and snapshot maker, enrolled at an HQ store."""

    code: str
    key: str
    batch_seq: int = 0
    seq: int = 0
    versions: dict[str, int] = field(default_factory=dict)

    @property
    def public_key(self) -> str:
        return signing.public_key_b64(self.key)

    def change(self, case_uuid: str | None = None, **fields: Any) -> Change:
        case_uuid = case_uuid or str(uuid.uuid4())
        hq_seen = fields.pop("hq_decision_seen", None)
        version = self.versions.get(case_uuid, 0) + 1
        self.versions[case_uuid] = version
        self.seq += 1
        payload = {
            "uuid": case_uuid, "station_code": self.code, "version": version,
            "case_number": f"{self.code}-2026-{self.seq:06d}", "status": "submitted",
            "category_id": "graduate", "applicant": {"name": "张三"}, "decision_status": None,
            "decision_reason": None, "decided_by": None, "decided_at": None, **fields,
        }
        return Change(seq=self.seq, case_uuid=case_uuid, version=version, kind="case.saved",
                      payload=payload, created_at="2026-11-22T08:00:00Z",
                      hq_decision_seen=hq_seen)

    def batch(self, changes: list[Change]) -> SignedEnvelope:
        self.batch_seq += 1
        batch = Batch(station_code=self.code, batch_seq=self.batch_seq,
                      sent_at="2026-11-22T08:00:00Z", changes=changes)
        return seal(batch, signer=self.code, private_b64=self.key)


def enrol_fake_station(store: HqStore, code: str = "110101001") -> FakeStation:
    station = FakeStation(code=code, key=signing.generate_signing_key())
    enrol_code = f"CODE{secrets.token_hex(4).upper()}"
    store.add_enrol_code(code, enrol_code)
    store.enrol(code=enrol_code, station_code=code, name="测试派出所",
                public_key=station.public_key)
    return station


# -- real station databases (the store's API) ------------------------------------------------

CLERK, SUPERVISOR = "clerk1", "super1"


def make_station(data_dir: Path, code: str = "110101001") -> Any:
    """A station database set up with a clerk and a supervisor, as the counter would be."""
    from hukou.store import create_user, database_path, open_database, setup_station

    data_dir.mkdir(parents=True, exist_ok=True)
    db = open_database(database_path(data_dir))
    setup_station(db, code=code, name="东城派出所", pack_id="liaocheng", area_id="dongchangfu")
    create_user(db, "admin", "管理员", "admin", "Station-key-2026")
    create_user(db, CLERK, "窗口民警", "clerk", "Window-key-2026", by="admin")
    create_user(db, SUPERVISOR, "审核民警", "supervisor", "Review-key-2026", by="admin")
    return db


def add_cases(db: Any, count: int, *, submit: bool = True) -> list[str]:
    """`count` cases taken in (and submitted) through the store; returns their UUIDs."""
    from hukou.store import create_case, transition

    uuids = []
    for i in range(count):
        record = create_case(
            db, user=CLERK, pack_id="liaocheng", pack_version="2026.1",
            category_id="home_purchase", area_id="dongchangfu", voluntary_request=True,
            applicant={"name": f"申请人{'甲乙丙丁戊己庚辛壬癸'[i % 10]}"},
        )
        if submit:
            transition(db, record.uuid, "submitted", user=CLERK)
        uuids.append(record.uuid)
    return uuids


def station_versions(db: Any) -> list[tuple[str, int]]:
    """Every (case, version) the station queued for HQ, sorted."""
    rows = db.execute("SELECT case_uuid, version FROM outbox ORDER BY case_uuid, version")
    return [(r[0], int(r[1])) for r in rows.fetchall()]


def station_heads(db: Any) -> dict[str, int]:
    """Each case's newest version that went through the outbox."""
    rows = db.execute("SELECT case_uuid, max(version) FROM outbox GROUP BY case_uuid")
    return {r[0]: int(r[1]) for r in rows.fetchall()}


def assert_hq_holds_exactly(store: HqStore, db: Any, station_code: str) -> None:
    """HQ holds each case's newest version with the station's snapshot of it, each change
    once, only changes the station queued, and the station waits for nothing.

    Sync sends only each case's newest pending snapshot (older pending ones it supersedes
    are acknowledged with it), so HQ need not hold every version the station queued."""
    held = store.case_versions(station_code)
    assert len(held) == len(set(held)), "a change is stored twice"
    assert set(held) <= set(station_versions(db)), "HQ holds a change the station never made"
    heads = station_heads(db)
    assert store.case_heads(station_code) == heads, "HQ lacks a case's newest version"
    for case_uuid, version in heads.items():
        row = db.execute("SELECT payload FROM outbox WHERE case_uuid = ? AND version = ?",
                         [case_uuid, version]).fetchone()
        assert store.snapshot(case_uuid) == json.loads(row[0]), "HQ's snapshot differs"
    from hukou.store import outbox_count_pending

    assert outbox_count_pending(db) == 0


FAST_RETRY_ATTEMPTS = 12


def fast_retry() -> Any:
    from hukou.sync.client import RetryPolicy

    return RetryPolicy(attempts=FAST_RETRY_ATTEMPTS, first_delay=0.05, max_delay=0.5, timeout=15)


def enrol_station(store: HqStore, db: Any, hq_url: str) -> None:
    """Enrol a real station database at HQ the way an operator and a clerk would."""
    from hukou.store import get_station
    from hukou.sync.client import enrol

    station = get_station(db)
    assert station is not None
    code = f"CODE{secrets.token_hex(4).upper()}"
    store.add_enrol_code(station.code, code)
    enrol(db, hq_url=hq_url, code=code)


@pytest.fixture
def sync_station(tmp_path: Path) -> Iterator[Any]:
    db = make_station(tmp_path / "sync_station")
    try:
        yield db
    finally:
        db.close()
