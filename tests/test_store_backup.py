"""Backups, restore, and a process killed while saving: committed cases survive."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlite_utils

from hukou.store import (
    StoreError,
    backup_database,
    count_cases,
    create_case,
    list_backups,
    open_database,
    restore_database,
)

PACK = {"pack_id": "liaocheng", "pack_version": "2026.1", "category_id": "own_home",
        "area_id": "dongchangfu"}


def _add(db: sqlite_utils.Database, name: str) -> str:
    return create_case(db, user="clerk", **PACK, applicant={"name": name}).number


def test_backup_restore_round_trip(station_db: sqlite_utils.Database, tmp_path: Path) -> None:
    kept = _add(station_db, "王芳")
    backup = backup_database(station_db, tmp_path / "backups")
    check = sqlite3.connect(backup)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    check.close()
    lost = _add(station_db, "李四")
    station_db.close()

    safety = restore_database(backup, tmp_path / "station")
    db = open_database(tmp_path / "station" / "hukou.sqlite3")
    try:
        numbers = {r[0] for r in db.execute("SELECT number FROM cases")}
        assert kept in numbers and lost not in numbers
    finally:
        db.close()
    assert safety is not None
    before = sqlite3.connect(safety)
    assert {r[0] for r in before.execute("SELECT number FROM cases")} == {kept, lost}
    before.close()


def test_only_the_newest_backups_are_kept(station_db: sqlite_utils.Database,
                                          tmp_path: Path) -> None:
    made = [backup_database(station_db, tmp_path / "b", keep=3) for _ in range(5)]
    assert list_backups(tmp_path / "b") == sorted(made)[-3:]


def test_a_damaged_backup_is_refused_and_nothing_changes(station_db: sqlite_utils.Database,
                                                         tmp_path: Path) -> None:
    _add(station_db, "王芳")
    backup = backup_database(station_db, tmp_path / "b")
    data = bytearray(backup.read_bytes())
    data[100:4096] = b"\xff" * 3996  # the schema page
    backup.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="cannot be used"):
        restore_database(backup, tmp_path / "station")
    assert count_cases(station_db) == 1


_WRITER = textwrap.dedent("""
    import sys
    from hukou.store import create_case, open_database
    db = open_database(sys.argv[1])
    i = 0
    while True:
        i += 1
        case = create_case(db, user="clerk", pack_id="liaocheng", pack_version="1",
                           category_id="own_home", area_id="dongchangfu",
                           applicant={"name": "王芳", "hukou_address": "古楼街道" + str(i)},
                           family=[{"relation": "child", "name": "王乐"}])
        print(case.number, flush=True)
""")


def test_a_process_killed_while_saving_keeps_every_committed_case(
        station_db: sqlite_utils.Database, tmp_path: Path) -> None:
    path = station_db.execute("PRAGMA database_list").fetchone()[2]
    station_db.close()
    writer = subprocess.Popen([sys.executable, "-c", _WRITER, path], stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert writer.stdout is not None
    committed = [writer.stdout.readline().strip() for _ in range(60)]
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    committed += [line.strip() for line in writer.stdout if line.strip()]

    db = open_database(path)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        numbers = {r[0] for r in db.execute("SELECT number FROM cases")}
        assert set(committed) <= numbers
        # No half-written case: every case has its applicant, child, audit and outbox rows.
        assert db.execute("SELECT count(*) FROM cases c WHERE (SELECT count(*) FROM persons p"
                          " WHERE p.case_id = c.id) != 2").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM outbox").fetchone()[0] == len(numbers)
        from hukou.store import verify_audit

        assert verify_audit(db).ok
    finally:
        db.close()
