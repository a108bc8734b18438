"""Benchmark: 10,000 cases pushed from a station to HQ on PostgreSQL over loopback.

Prints cases per second, the ratio to inserting the same rows straight into the same
PostgreSQL table (executemany and COPY) measured in this run, and the time of a bundle
export + import of the same cases. Then a realistic counter day: `--day-cases` intakes of
`--day-saves` draft saves each (save_draft as the clerk types, then submitted), pushed
and exported: changes sent, request bytes, bundle bytes and time, against every queued
version sent as it was (the same outbox, measured in this run). Needs PostgreSQL on
127.0.0.1:5432 (user postgres).

    .venv/bin/python bench/sync.py [--cases 10000] [--day-cases 100] [--day-saves 30]
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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "desktop"))

from hukou.domain import signing  # noqa: E402
from hukou.hq.service import import_bundle  # noqa: E402
from hukou.hq.store import open_store  # noqa: E402
from hukou.store import (  # noqa: E402
    create_case,
    create_user,
    database_path,
    get_station,
    open_database,
    outbox_pending,
    save_draft,
    setup_station,
    transition,
)
from hukou.store.outbox import enqueue  # noqa: E402
from hukou.store.util import iso_utc, transaction  # noqa: E402
from hukou.sync import client as sync_client  # noqa: E402
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


def baseline(rows: Sequence[tuple[Any, ...]]) -> tuple[float, float, float]:
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
            store._insert_versions(conn, list(rows))
            store._upsert_cases(conn, summaries)
        floor = time.perf_counter() - start
        store.close()
        return many, copied, floor
    finally:
        drop_database(name)


def make_day(folder: Path, cases: int, saves: int):  # type: ignore[no-untyped-def]
    """A station after a counter day: each intake typed field by field (one save_draft
    per change, as the GUI saves) and then submitted."""
    db = open_database(database_path(folder))
    setup_station(db, code=STATION, name="基准派出所", pack_id="liaocheng", area_id="dongchangfu")
    create_user(db, "admin", "管理员", "admin", "Admin-pass-2026")
    create_user(db, "clerk1", "窗口民警", "clerk", "Clerk-pass-2026", by="admin")
    fields = [("phone", "1380000{:04d}"), ("workplace", "聊城市第{}中学"),
              ("occupation", "教师{}"),
              ("hukou_address", "山东省聊城市东昌府区古楼街道楼西社区{}号")]
    for c in range(cases):
        record = create_case(db, user="clerk1", pack_id="liaocheng", pack_version="2026.1",
                             category_id="home_purchase", area_id="dongchangfu",
                             voluntary_request=True, applicant={"name": "张三"})
        for i in range(saves):
            key, pattern = fields[i % len(fields)]
            save_draft(db, record.uuid, {"applicant": {key: pattern.format(c * 100 + i)}},
                       user="clerk1")
        transition(db, record.uuid, "submitted", user="clerk1")
    return db


def every_version_body(db) -> str:  # type: ignore[no-untyped-def]
    """What a push carried when it sent every queued version: the same batch text,
    built from all pending rows in seq order (the previous behaviour)."""
    rows = [sync_client._OutboxRow(int(r[0]), str(r[1]), int(r[2]), str(r[3]), str(r[4]),
                                   str(r[5]), None)
            for r in db.execute("SELECT seq, case_uuid, version, kind, payload, created_at "
                                "FROM outbox WHERE acked_at IS NULL ORDER BY seq").fetchall()]
    return sync_client.batch_body(STATION, 1, iso_utc(), rows)


def bench_day(cases: int, saves: int, work: Path) -> None:
    name = new_database()
    process = None
    try:
        start = time.perf_counter()
        db = make_day(work / "day", cases, saves)
        typing_seconds = time.perf_counter() - start
        queued = db.execute("SELECT count(*) FROM outbox").fetchone()[0]
        store = open_store(url(name))
        process, base = start_hq(url(name))
        code = "DAY" + secrets.token_hex(4).upper()
        store.add_enrol_code(STATION, code)
        enrol(db, hq_url=base, code=code)

        # The previous behaviour, on the same outbox: every version, in 2000-change
        # batches, signed; its JSON bytes, and the bundle file it made.
        station = get_station(db)
        assert station is not None
        start = time.perf_counter()
        all_body = every_version_body(db)
        signing.sign(station.signing_key_b64, all_body.encode("utf-8"))
        all_build = time.perf_counter() - start
        all_bytes = len(all_body.encode("utf-8"))
        import zlib
        all_bundle = len(zlib.compress(all_body.encode("utf-8"), 6))

        start = time.perf_counter()
        exported = export_bundle(db, work / "day.hkb")
        export_seconds = time.perf_counter() - start
        bundle_bytes = (work / "day.hkb").stat().st_size

        sent: list[int] = []

        def count(request: httpx.Request) -> None:
            if request.url.path == "/v1/push":
                sent.append(len(request.content))

        with httpx.Client(timeout=60, trust_env=False,
                          event_hooks={"request": [count]}) as client:
            start = time.perf_counter()
            result = sync_once(db, client=client)
            push_seconds = time.perf_counter() - start
        heads = dict(db.execute("SELECT case_uuid, max(version) FROM outbox "
                                "GROUP BY case_uuid").fetchall())
        assert store.case_heads(STATION) == heads, "HQ lacks a case's newest version"
        assert db.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL"
                          ).fetchone()[0] == 0
        print(f"day: {cases} intakes x {saves} draft saves (+ create, submit) = {queued} "
              f"outbox rows, typed in {typing_seconds:.1f} s")
        print(f"  push now:        {result.pushed + result.duplicates} changes sent, "
              f"{getattr(result, 'superseded', 0)} superseded rows acknowledged, "
              f"{sum(sent) / 1e6:6.2f} MB in {len(sent)} request(s), {push_seconds:6.2f} s")
        print(f"  every version:   {queued} changes, {all_bytes / 1e6:6.2f} MB of batch JSON "
              f"(built + signed in {all_build:.2f} s); now/then bytes = "
              f"{sum(sent) / all_bytes:.3f}")
        print(f"  bundle now:      {exported} changes, {bundle_bytes / 1e3:8.1f} kB, "
              f"export {export_seconds:.2f} s; every version compressed "
              f"{all_bundle / 1e3:8.1f} kB; now/then = {bundle_bytes / all_bundle:.3f}")
        store.close()
        db.close()
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        drop_database(name)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--day-cases", type=int, default=100)
    parser.add_argument("--day-saves", type=int, default=30)
    args = parser.parse_args()
    count = args.cases
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
        db.close()
        if args.day_cases:
            bench_day(args.day_cases, args.day_saves, work)
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=20)
        drop_database(hq_name)
        drop_database(import_name)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
