"""Benchmark: 10,000 cases pushed from a station to HQ on PostgreSQL over loopback.

Prints cases per second, the ratio to inserting the same rows straight into the same
PostgreSQL table (executemany and COPY) measured in this run, and the time of a bundle
export + import of the same cases. Needs PostgreSQL on 127.0.0.1:5432 (user postgres).

    .venv/bin/python bench/sync.py [--cases 10000]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from hukou.hq.service import import_bundle  # noqa: E402
from hukou.hq.store import open_store  # noqa: E402
from hukou.store import (  # noqa: E402
    create_case,
    create_user,
    database_path,
    open_database,
    outbox_pending,
    setup_station,
)
from hukou.store.outbox import enqueue  # noqa: E402
from hukou.store.util import iso_utc, transaction  # noqa: E402
from hukou.sync.client import enrol, export_bundle, sync_once  # noqa: E402

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
STATION = "110101001"


def new_database() -> str:
    name = f"hukou_bench_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name: str) -> None:
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def url(name: str) -> str:
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


def make_station(folder: Path, count: int):  # type: ignore[no-untyped-def]
    """A real station database whose outbox holds `count` case snapshots."""
    db = open_database(database_path(folder))
    setup_station(db, code=STATION, name="基准派出所", pack_id="liaocheng", area_id="dongchangfu")
    create_user(db, "admin", "管理员", "admin", "Admin-pass-2026")
    create_user(db, "clerk1", "窗口民警", "clerk", "Clerk-pass-2026", by="admin")
    record = create_case(db, user="clerk1", pack_id="liaocheng", pack_version="2026.1",
                         category_id="home_purchase", area_id="dongchangfu",
                         voluntary_request=True, applicant={"name": "张三"})
    template = outbox_pending(db, 1)[0].payload
    # The template's own row plus count-1 copies with their own identity, written the way
    # the store writes its outbox (one row per change, full snapshot).
    with transaction(db):
        for i in range(count - 1):
            case_uuid = str(uuid.uuid4())
            snapshot = {**template, "uuid": case_uuid, "number": f"{STATION}-2026-{i + 2:06d}",
                        "updated_at": iso_utc()}
            enqueue(db, case_uuid=case_uuid, version=1, kind="case", payload=snapshot)
    assert record.uuid
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_hq(db_url: str) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "desktop"))
    process = subprocess.Popen(
        [sys.executable, "-m", "hukou.cli", "hq", "serve", "--db", db_url, "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("HQ did not start")


def baseline(rows: list[tuple[object, ...]]) -> tuple[float, float, float]:
    """Seconds to insert the rows into case_versions with executemany, and with COPY; and
    the database work a push does (COPY the versions, upsert the case summaries) alone."""
    name = new_database()
    try:
        open_store(url(name)).close()  # the same schema, migrated
        with psycopg.connect(url(name), autocommit=True) as conn:
            start = time.perf_counter()
            with conn.transaction(), conn.cursor() as cur:
                cur.executemany(
                    "INSERT INTO case_versions (case_uuid, version, station_code, kind, payload,"
                    " hq_decision_seen, source, received_at) VALUES (%s,%s,%s,%s,%s,%s,%s,%s)",
                    rows)
            many = time.perf_counter() - start
            conn.execute("TRUNCATE case_versions")
            start = time.perf_counter()
            with conn.transaction(), conn.cursor() as cur, cur.copy(
                    "COPY case_versions (case_uuid, version, station_code, kind, payload,"
                    " hq_decision_seen, source, received_at) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            copied = time.perf_counter() - start
            conn.execute("TRUNCATE case_versions")
        store = open_store(url(name))
        summaries = [(r[0], STATION, r[1], None, "home_purchase", "submitted", "张三", None,
                      None, None, "now") for r in rows]
        start = time.perf_counter()
        with store._transaction(f"station:{STATION}") as conn:
            store._insert_versions(conn, rows)
            store._upsert_cases(conn, summaries)
        floor = time.perf_counter() - start
        store.close()
        return many, copied, floor
    finally:
        drop_database(name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    count = parser.parse_args().cases
    work = Path(tempfile.mkdtemp(prefix="hukou-bench-"))
    hq_name, import_name = new_database(), new_database()
    process = None
    try:
        db = make_station(work / "station", count)
        store = open_store(url(hq_name))
        process, base = start_hq(url(hq_name))
        code = "BENCH" + secrets.token_hex(4).upper()
        store.add_enrol_code(STATION, code)
        enrol(db, hq_url=base, code=code)

        rows = [(r.case_uuid, r.version, STATION, r.kind, json.dumps(r.payload, ensure_ascii=False),
                 None, "baseline", iso_utc()) for r in outbox_pending(db, count)]

        # Bundle export + import (before the push, while the changes are pending).
        start = time.perf_counter()
        exported = export_bundle(db, work / "bench.hkb")
        export_seconds = time.perf_counter() - start
        import_store = open_store(url(import_name))
        station = store.station(STATION)
        assert station is not None
        import_store.add_enrol_code(STATION, "IMPORT" + code)
        import_store.enrol(code="IMPORT" + code, station_code=STATION, name="",
                           public_key=station.public_key)
        # The bundle is encrypted to the first HQ's key: give the import HQ the same keys.
        keys = store.keys()
        with psycopg.connect(url(import_name), autocommit=True) as conn:
            conn.execute("DELETE FROM hq_config")
            conn.execute("INSERT INTO hq_config VALUES ('key.signing', %s), "
                         "('key.encryption', %s)", (keys.signing_private,
                                                    keys.encryption_private))
        start = time.perf_counter()
        report = import_bundle(import_store, (work / "bench.hkb").read_bytes())
        import_seconds = time.perf_counter() - start
        assert report.applied == count, report

        start = time.perf_counter()
        result = sync_once(db)
        push_seconds = time.perf_counter() - start
        assert result.pushed == count, result
        assert len(store.case_versions(STATION)) == count

        many, copied, floor = baseline(rows)
        rate = count / push_seconds
        print(f"cases:                    {count}")
        print(f"push over HTTP (signed):  {push_seconds:7.2f} s  {rate:8.0f} cases/s "
              f"({result.batches} batches)")
        print(f"baseline executemany:     {many:7.2f} s  {count / many:8.0f} rows/s  "
              f"ratio push/executemany = {many / push_seconds:.2f}")
        print(f"baseline COPY:            {copied:7.2f} s  {count / copied:8.0f} rows/s  "
              f"ratio push/COPY = {copied / push_seconds:.2f}")
        print(f"HQ's SQL alone:           {floor:7.2f} s  {count / floor:8.0f} rows/s  "
              f"(COPY versions + upsert summaries; push/this = {floor / push_seconds:.2f})")
        print(f"bundle export:            {export_seconds:7.2f} s  ({exported} changes, "
              f"{(work / 'bench.hkb').stat().st_size / 1e6:.1f} MB)")
        print(f"bundle import:            {import_seconds:7.2f} s  "
              f"{count / import_seconds:8.0f} cases/s")
        store.close()
        import_store.close()
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        drop_database(hq_name)
        drop_database(import_name)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
