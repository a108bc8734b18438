"""WAL checkpoints and search-index merges run off the save path (store/maintenance.py):
the WAL stays bounded, checkpoints and merges happen, search stays right, and a process
killed while the background thread works leaves every committed case intact."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from hukou.store import (
    create_case,
    database_path,
    maintenance,
    open_database,
    save_draft,
    search_cases,
    util,
    verify_audit,
)
from hukou.store.station import setup_station
from hukou.store.users import create_user

REPO = Path(__file__).resolve().parents[1]
PACK = {"pack_id": "liaocheng", "pack_version": "2026.1", "category_id": "own_home",
        "area_id": "dongchangfu"}


def _wal(path: Path) -> tuple[int, int]:
    """(frames in the WAL, frames a checkpoint has copied back): the WAL-index header in
    the -shm file, laid out as in SQLite's wal.c (native byte order)."""
    head = Path(f"{path}-shm").read_bytes()[:100]
    return (int.from_bytes(head[16:20], sys.byteorder),
            int.from_bytes(head[96:100], sys.byteorder))


def _station(folder: Path) -> tuple[sqlite_utils.Database, Path]:
    path = database_path(folder)
    db = open_database(path)
    setup_station(db, code="370102", name="古楼派出所", pack_id="liaocheng", area_id="dongchangfu")
    create_user(db, "admin", "管理员", "admin", "Station-key-2026")
    create_user(db, "clerk", "张丽", "clerk", "Window-key-2026", by="admin")
    return db, path


def _type(db: sqlite_utils.Database, saves: int) -> str:
    case = create_case(db, user="clerk", **PACK, applicant={"name": "欧阳娜"})
    for i in range(saves):
        save_draft(db, case.uuid, {"applicant": {
            "name": "欧阳娜" if i % 2 else "司马",
            "hukou_address": f"山东省聊城市东昌府区古楼街道{i}号"}}, user="clerk")
    return case.uuid


def test_the_writer_bounds_the_wal_and_the_index_merges_in_the_background(
        tmp_path: Path) -> None:
    db, _ = _station(tmp_path)
    try:
        assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == (
            maintenance.WAL_BOUND_PAGES)
        assert db.execute("SELECT v FROM case_search_config WHERE k = 'automerge'"
                          ).fetchone()[0] == 0
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL for every save
    finally:
        db.close()


def test_background_checkpoints_keep_the_wal_small_and_merges_keep_search_right(
        tmp_path: Path) -> None:
    db, path = _station(tmp_path)
    try:
        page = int(db.execute("PRAGMA page_size").fetchone()[0])
        worker = maintenance.maintainer_for(path)
        uuids = [_type(db, 60) for _ in range(4)]
        assert maintenance.wait_idle(path)
        assert worker.checkpoints >= 1 and worker.merge_steps >= 1
        frames, copied = _wal(path)
        # Once the station is quiet everything written is back in the database file; the
        # WAL never reached the bound, so no save had to checkpoint itself; and the next
        # save starts the WAL over from its beginning.
        assert copied == frames
        assert Path(f"{path}-wal").stat().st_size <= (maintenance.WAL_BOUND_PAGES + 100) * page
        save_draft(db, uuids[0], {"applicant": {"phone": "13900000000"}}, user="clerk")
        assert _wal(path)[0] < 100
        assert maintenance.wait_idle(path)
        for query in ("欧阳娜", "欧", "古楼街道59号"):
            found = {c.uuid for c in search_cases(db, query).items}
            assert found == set(uuids), query
        assert search_cases(db, "司马").items == []  # the last save renamed them all
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.execute("INSERT INTO case_search (case_search, rank) VALUES ('integrity-check', 0)")
    finally:
        db.close()


def test_without_the_background_thread_the_wal_is_still_bounded(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(maintenance, "WAL_BOUND_PAGES", 200)
    db, path = _station(tmp_path)
    monkeypatch.setattr(util, "after_commit", None)  # no thread ever starts
    try:
        page = int(db.execute("PRAGMA page_size").fetchone()[0])
        _type(db, 120)
        worker = maintenance.maintainer_for(path)
        assert worker.checkpoints == 0
        # SQLite's own checkpoint at the bound: the WAL restarts instead of growing.
        assert Path(f"{path}-wal").stat().st_size < 2 * 200 * page
    finally:
        db.close()


_WRITER = """
import sys
from hukou.store import create_case, open_database, save_draft
db = open_database(sys.argv[1])
i = 0
while True:
    case = create_case(db, user="clerk", pack_id="liaocheng", pack_version="2026.1",
                       category_id="own_home", area_id="dongchangfu",
                       applicant={"name": "王芳", "hukou_address": f"古楼街道{i}号"})
    for j in range(5):
        save_draft(db, case.uuid, {"applicant": {"phone": f"1380000{j:04d}"}}, user="clerk")
    print(case.uuid, flush=True)
    i += 1
"""


@pytest.mark.slow
def test_a_process_killed_while_checkpointing_and_merging_keeps_every_committed_case(
        tmp_path: Path) -> None:
    db, path = _station(tmp_path)
    db.close()
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(REPO / "desktop")}
    for _ in range(3):
        writer = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)],
                                  stdout=subprocess.PIPE, text=True, env=env)
        assert writer.stdout is not None
        # Enough commits that the thread is checkpointing and merging when the kill lands.
        committed = [writer.stdout.readline().strip() for _ in range(12)]
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait()
        committed += [line.strip() for line in writer.stdout if line.strip()]
        db = open_database(path)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            db.execute("INSERT INTO case_search (case_search, rank) VALUES ('integrity-check', 0)")
            for case_uuid in committed:
                row = db.execute("SELECT version FROM cases WHERE uuid = ?",
                                 [case_uuid]).fetchone()
                assert row is not None and row[0] == 6, case_uuid
            assert verify_audit(db).ok
        finally:
            db.close()
