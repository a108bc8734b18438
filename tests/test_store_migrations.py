"""Schema migrations: named, ordered, one transaction each, newer databases refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from hukou.store import DatabaseUnavailable, open_database, search_cases
from hukou.store import migrations as registry
from hukou.store.connection import connect
from hukou.store.schema import STATUSES


def test_a_new_database_gets_every_store_migration_and_its_pragmas(
        fresh_db: sqlite_utils.Database) -> None:
    names = [r[0] for r in fresh_db.execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert names[:2] == ["store.0001_core_tables", "store.0002_search_index"]
    assert fresh_db.journal_mode == "wal"
    assert fresh_db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert fresh_db.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    for table in ("station", "settings", "users", "cases", "persons", "documents",
                  "assessments", "collective_households", "printed", "audit", "outbox"):
        assert fresh_db[table].exists(), table


def test_migration_0001_creates_no_hukou_nature_column(fresh_db: sqlite_utils.Database) -> None:
    # One resident hukou: no agricultural/non-agricultural field anywhere (001 §三(九)).
    schema = " ".join(r[0] or "" for r in fresh_db.execute("SELECT sql FROM sqlite_master"))
    assert "nature" not in schema.lower() and "户口性质" not in schema
    assert "'draft'" in schema and all(f"'{s}'" in schema for s in STATUSES)


def test_migration_0002_indexes_cases_written_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = connect(path)
    from hukou.store import schema  # noqa: F401

    registry.migrate(db, upto="store.0001_core_tables")
    assert not db["case_search"].exists()
    db.execute("INSERT INTO users (login, display_name, role, password_hash, created_at)"
               " VALUES ('clerk', 'c', 'clerk', 'x', 't')")
    db.execute("INSERT INTO cases (uuid, number, station_code, year, category_id, pack_id,"
               " pack_version, area_id, status, intake_date, created_at, updated_at, clerk_id)"
               " VALUES ('u1', '370102-2025-000001', '370102', 2025, 'own_home', 'liaocheng',"
               " '1', 'dongchangfu', 'draft', '2025-01-02', 't', 't', 1)")
    db.execute("INSERT INTO persons (case_id, person_uuid, position, relation, name,"
               " hukou_address) VALUES (1, 'p1', 0, 'applicant', '欧阳娜', '聊城市古楼街道')")
    db.close()

    reopened = open_database(path)
    try:
        assert [i.number for i in search_cases(reopened, "欧阳").items] == ["370102-2025-000001"]
        assert [i.number for i in search_cases(reopened, "古楼").items] == ["370102-2025-000001"]
    finally:
        reopened.close()


def test_migration_0003_keeps_cases_approved_before_it_without_a_time(tmp_path: Path) -> None:
    path = tmp_path / "v2.sqlite3"
    db = connect(path)
    from hukou.store import schema  # noqa: F401

    registry.migrate(db, upto="store.0002_search_index")
    assert "supervisor_decided_at" not in db["cases"].columns_dict
    db.close()
    reopened = open_database(path)
    try:
        assert "supervisor_decided_at" in reopened["cases"].columns_dict
        names = [r[0] for r in reopened.execute("SELECT name FROM _migrations ORDER BY rowid")]
        assert "store.0003_supervisor_decision_time" in names
    finally:
        reopened.close()


@pytest.mark.parametrize("name, owner", [
    ("store.9999_from_the_future", "hukou.store.schema"),
    ("reports.0001_tables", "hukou.reports_from_a_later_version"),
])
def test_a_database_from_a_newer_version_is_refused(tmp_path: Path, name: str,
                                                    owner: str) -> None:
    path = tmp_path / "newer.sqlite3"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _migrations VALUES (?, ?, 't')", [name, owner])
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseUnavailable, match="newer version"):
        open_database(path)


def _sync_conflicts(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE test_sync_conflicts (id INTEGER PRIMARY KEY, case_uuid TEXT)")


def _broken(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE half_done (id INTEGER)")
    db.execute("INSERT INTO no_such_table VALUES (1)")


def test_another_layer_registers_a_migration_applied_after_the_stores(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", list(registry._REGISTRY))
    path = tmp_path / "s.sqlite3"
    open_database(path).close()
    registry.register("test.0001_sync_conflicts", _sync_conflicts)
    db = open_database(path)
    try:
        names = [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")]
        assert names[-1] == "test.0001_sync_conflicts"
        assert names.index("store.0002_search_index") < names.index("test.0001_sync_conflicts")
        assert db["test_sync_conflicts"].exists()
    finally:
        db.close()
    # Opening again applies nothing twice.
    open_database(path).close()


def test_a_failing_migration_leaves_nothing_half_done(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", list(registry._REGISTRY))
    path = tmp_path / "s.sqlite3"
    open_database(path).close()
    registry.register("test.0002_broken", _broken)
    with pytest.raises(DatabaseUnavailable, match=r"test\.0002_broken"):
        open_database(path)
    db = connect(path)
    assert not db["half_done"].exists()
    assert db.execute("SELECT count(*) FROM _migrations WHERE name = 'test.0002_broken'"
                      ).fetchone()[0] == 0
    db.close()


def test_a_file_that_is_not_a_database_gets_a_clear_message(tmp_path: Path) -> None:
    path = tmp_path / "hukou.sqlite3"
    path.write_bytes(b"this is a scanned letter, not a database" * 200)
    with pytest.raises(DatabaseUnavailable, match=r"damaged.*hukou restore"):
        open_database(path)


def test_a_locked_database_gets_a_clear_message(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from hukou.store import connection

    path = tmp_path / "hukou.sqlite3"
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("CREATE TABLE t (x)")
    blocker.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 50)
    try:
        with pytest.raises(DatabaseUnavailable, match="locked by another program"):
            open_database(path)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
