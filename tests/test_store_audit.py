"""The audit chain: every change audited, no names or ID numbers in it, tampering found."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from hukou.store import create_case, record_print, save_draft, transition, verify_audit
from store_fixtures import new_id_number


@pytest.fixture
def audited_db(station_db: sqlite_utils.Database) -> sqlite_utils.Database:
    case = create_case(station_db, user="clerk", pack_id="liaocheng", pack_version="2026.1",
                       category_id="own_home", area_id="dongchangfu", voluntary_request=True,
                       applicant={"name": "欧阳娜娜", "id_number": new_id_number()})
    save_draft(station_db, case.uuid, {"applicant": {"hukou_address": "聊城市古楼街道"}},
               user="clerk")
    transition(station_db, case.uuid, "submitted", user="clerk")
    record_print(station_db, case.uuid, "receipt", user="clerk")
    return station_db


def _tamper(db: sqlite_utils.Database, sql: str) -> None:
    # Someone with the sqlite3 shell can drop the append-only triggers first.
    db.execute("DROP TRIGGER audit_is_append_only_update")
    db.execute("DROP TRIGGER audit_is_append_only_delete")
    db.execute(sql)


def test_an_untouched_chain_verifies(audited_db: sqlite_utils.Database) -> None:
    report = verify_audit(audited_db)
    assert report.ok and report.rows >= 10


def test_audit_rows_carry_no_names_or_id_numbers(audited_db: sqlite_utils.Database) -> None:
    person = audited_db.execute("SELECT name, id_number FROM persons").fetchone()
    text = " ".join(str(v) for row in audited_db.execute("SELECT * FROM audit") for v in row)
    assert person[0] not in text and person[1] not in text and person[1][-6:] not in text
    assert "fields=applicant" in text and "draft->submitted" in text


def test_the_audit_table_refuses_updates_and_deletes(audited_db: sqlite_utils.Database) -> None:
    with pytest.raises(Exception, match="cannot be changed"):
        audited_db.execute("UPDATE audit SET actor = 'x' WHERE id = 1")
    with pytest.raises(Exception, match="cannot be deleted"):
        audited_db.execute("DELETE FROM audit WHERE id = 1")


def test_an_edited_row_is_found_and_named(audited_db: sqlite_utils.Database) -> None:
    _tamper(audited_db, "UPDATE audit SET actor = 'super' WHERE id = 8")
    report = verify_audit(audited_db)
    assert [p.row_id for p in report.problems] == [8]
    assert "altered" in report.problems[0].message


def test_a_deleted_row_is_found(audited_db: sqlite_utils.Database) -> None:
    _tamper(audited_db, "DELETE FROM audit WHERE id = 5")
    report = verify_audit(audited_db)
    assert not report.ok and "5" in report.problems[0].message
    assert report.problems[0].row_id == 6


def test_a_deleted_last_row_is_found(audited_db: sqlite_utils.Database) -> None:
    last = audited_db.execute("SELECT max(id) FROM audit").fetchone()[0]
    _tamper(audited_db, f"DELETE FROM audit WHERE id = {last}")
    report = verify_audit(audited_db)
    assert [p.row_id for p in report.problems] == [last]


def test_hukou_audit_verify_exits_1_on_tampering(audited_db: sqlite_utils.Database,
                                                 tmp_path: Path) -> None:
    data_dir = tmp_path / "station"
    ok = subprocess.run([sys.executable, "-m", "hukou.cli", "--data-dir", str(data_dir),
                         "audit", "verify"], capture_output=True, text=True)
    assert ok.returncode == 0 and "intact" in ok.stdout
    _tamper(audited_db, "UPDATE audit SET detail = 'nothing' WHERE id = 3")
    bad = subprocess.run([sys.executable, "-m", "hukou.cli", "--data-dir", str(data_dir),
                          "audit", "verify"], capture_output=True, text=True)
    assert bad.returncode == 1 and "row 3" in bad.stdout
