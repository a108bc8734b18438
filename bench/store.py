"""Store benchmark on a large synthetic station: load rate, one case save (every row +
audit + outbox) against a raw sqlite3 insert of the same rows, and search against a LIKE
full scan, all measured in the same run.

    .venv/bin/python bench/store.py [--cases 1000000] [--dir /tmp/hukou-bench] [--reuse]

The database goes under --dir (default /tmp/hukou-bench), never into the repository.
Goals: save p50 <= 5 ms, p99 <= 10 ms; every search <= 5 ms and >= 50x faster than a scan.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sqlite3
import statistics
import sys
import time
import uuid
from pathlib import Path

from hukou.domain.idnumber import make_id_number
from hukou.store import create_case, database_path, open_database, save_draft, search_cases
from hukou.store.demo import seed_demo

PACK = {"pack_id": "liaocheng", "pack_version": "2026.1", "category_id": "own_home",
        "area_id": "dongchangfu"}


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.99) - 1] * 1000


def _raw_baseline(path: Path, payload: dict[str, object], n: int) -> list[float]:
    """The same rows a case save writes, as plain sqlite3 INSERTs in one transaction."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.executescript("""
        CREATE TABLE cases (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, number TEXT UNIQUE,
            data TEXT, version INTEGER);
        CREATE TABLE persons (id INTEGER PRIMARY KEY, case_id INTEGER, name TEXT, id_number TEXT);
        CREATE INDEX persons_id ON persons (id_number);
        CREATE TABLE audit (id INTEGER PRIMARY KEY, case_uuid TEXT, detail TEXT, hash TEXT);
        CREATE TABLE outbox (seq INTEGER PRIMARY KEY, case_uuid TEXT, payload TEXT);
    """)
    text = json.dumps(payload, ensure_ascii=False)
    samples = []
    for i in range(n):
        t = time.perf_counter()
        u = str(uuid.uuid4())
        conn.execute("BEGIN IMMEDIATE")
        cur = conn.execute("INSERT INTO cases (uuid, number, data, version) VALUES (?, ?, ?, 1)",
                           [u, f"B-{i}", "{}"])
        conn.execute("INSERT INTO persons (case_id, name, id_number) VALUES (?, ?, ?)",
                     [cur.lastrowid, "王芳", f"{i:018d}"])
        conn.execute("INSERT INTO audit (case_uuid, detail, hash) VALUES (?, 'case.create', ?)",
                     [u, "0" * 64])
        conn.execute("INSERT INTO outbox (case_uuid, payload) VALUES (?, ?)", [u, text])
        conn.execute("COMMIT")
        samples.append(time.perf_counter() - t)
    conn.close()
    return samples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--dir", default="/tmp/hukou-bench")
    parser.add_argument("--reuse", action="store_true", help="keep an existing seeded database")
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--queries", type=int, default=40)
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = database_path(folder)
    rng = random.Random(7)

    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}")
    if not (args.reuse and path.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        db = open_database(path)
        summary = seed_demo(db, cases=args.cases, progress=lambda n: print(
            f"\r  seeding {n:,}", end="", file=sys.stderr, flush=True))
        print(file=sys.stderr)
        db.close()
        print(f"load: {summary.cases:,} cases, {summary.persons:,} persons in "
              f"{summary.seconds:.0f} s = {summary.cases / summary.seconds:,.0f} cases/s")
    db = open_database(path)
    total = db.execute("SELECT count(*) FROM cases").fetchone()[0]
    print(f"database: {total:,} cases")

    # One case save through the API: case + 2 persons + 3 documents + search index +
    # audit row + outbox snapshot, committed with synchronous=FULL.
    saves: list[float] = []
    drafts: list[float] = []
    for i in range(args.saves):
        birth = dt.date(1980 + i % 20, 1 + i % 12, 1 + i % 28)
        applicant = {"name": "王芳", "id_number": make_id_number("110101", birth, 500 + i % 400),
            "hukou_address": "山东省聊城市东昌府区古楼街道楼西社区1号"}
        t = time.perf_counter()
        try:
            case = create_case(db, user="clerk", **PACK, applicant=applicant,
                               family=[{"relation": "child", "name": "王乐"}],
                               documents={"id_card": {"presented": True},
                                          "hukou_booklet": {"presented": True},
                                          "property_certificate": {"presented": False}},
                               voluntary_request=True)
        except Exception:  # an ID number the seed already used: skip it
            continue
        saves.append(time.perf_counter() - t)
        t = time.perf_counter()
        save_draft(db, case.uuid, {"applicant": {"phone": f"138{i:08d}"}}, user="clerk")
        drafts.append(time.perf_counter() - t)
    payload = json.loads(db.execute("SELECT payload FROM outbox ORDER BY seq DESC LIMIT 1"
                                    ).fetchone()[0])
    raw = _raw_baseline(folder / "raw-baseline.sqlite3", payload, len(saves))
    (s50, s99), (d50, d99), (r50, r99) = _ms(saves), _ms(drafts), _ms(raw)
    print(f"save case (create_case, all rows + audit + outbox): p50 {s50:.2f} ms, p99 "
          f"{s99:.2f} ms; raw sqlite3 insert p50 {r50:.2f} ms, p99 {r99:.2f} ms; "
          f"ratio p50 {s50 / r50:.1f}x")
    print(f"save draft field (save_draft): p50 {d50:.2f} ms, p99 {d99:.2f} ms")

    # Search: queries drawn from the data itself.
    max_id = db.execute("SELECT max(id) FROM persons").fetchone()[0]

    def sample(sql: str) -> list[str]:
        out: list[str] = []
        while len(out) < args.queries:
            row = db.execute(sql, [rng.randint(1, max_id)]).fetchone()
            if row and row[0]:
                out.append(row[0])
        return out

    ids = sample("SELECT id_number FROM persons WHERE id >= ? AND id_number IS NOT NULL LIMIT 1")
    two = sample("SELECT name FROM persons WHERE id >= ? AND length(name) = 2 LIMIT 1")
    three = sample("SELECT name FROM persons WHERE id >= ? AND length(name) = 3 LIMIT 1")
    addresses = [a[rng.randint(6, 12):][:5] for a in sample(
        "SELECT hukou_address FROM persons WHERE id >= ? LIMIT 1")]
    scans = {
        "ID number": "SELECT count(*) FROM persons WHERE id_number LIKE ?",
        "2-char name": "SELECT count(*) FROM persons WHERE name LIKE ?",
        "3-char name": "SELECT count(*) FROM persons WHERE name LIKE ?",
        "address fragment": "SELECT count(*) FROM persons WHERE hukou_address LIKE ?",
    }
    for label, queries in (("ID number", ids), ("2-char name", two), ("3-char name", three),
                           ("address fragment", addresses)):
        times = []
        for q in queries:
            t = time.perf_counter()
            page = search_cases(db, q, limit=50)
            times.append(time.perf_counter() - t)
            assert page.items, q
        scan = []
        for q in queries[:5]:
            t = time.perf_counter()
            db.execute(scans[label], [f"%{q}%"]).fetchone()
            scan.append(time.perf_counter() - t)
        m, p99 = _ms(times)
        sm = statistics.median(scan) * 1000
        print(f"search {label:<17} median {m:6.2f} ms (p99 {p99:6.2f}); LIKE scan median "
              f"{sm:8.1f} ms; {sm / m:,.0f}x faster  e.g. {queries[0]!r}")
    db.close()
    size = sum(p.stat().st_size for p in folder.glob("hukou.sqlite3*"))
    print(f"file size: {size / 1e6:,.0f} MB ({size / max(total, 1):,.0f} bytes per case)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
