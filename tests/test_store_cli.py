"""The store's commands: demo seed, cases, users, backup/restore — and errors without tracebacks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def hukou(data_dir: Path, *args: str, env: dict[str, str] | None = None
          ) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "hukou.cli", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo")
    result = hukou(path, "demo", "seed", "--cases", "300")
    assert result.returncode == 0, result.stderr
    assert "seeded 300 cases" in result.stdout
    return path


def test_demo_seed_makes_a_station_with_searchable_cases(demo_dir: Path) -> None:
    listing = hukou(demo_dir, "cases", "list", "--limit", "5")
    assert listing.returncode == 0 and "-- 1–5 of 300" in listing.stdout
    number = listing.stdout.split()[0]
    shown = hukou(demo_dir, "cases", "show", number)
    assert shown.returncode == 0 and number in shown.stdout and "applicant" in shown.stdout
    surname = hukou(demo_dir, "cases", "search", "王", "--json")
    assert surname.returncode == 0 and '"applicant_name"' in surname.stdout
    users = hukou(demo_dir, "users", "list").stdout
    assert all(login in users for login in ("admin", "clerk", "clerk2", "super"))


def test_demo_cases_have_valid_id_numbers_and_spread_over_packs(demo_dir: Path) -> None:
    import sqlite3

    from hukou.domain.idnumber import is_valid_id_number
    from hukou.policy import load_all_packs

    conn = sqlite3.connect(demo_dir / "hukou.sqlite3")
    numbers = [r[0] for r in conn.execute("SELECT id_number FROM persons")]
    births = [(r[0], r[1]) for r in conn.execute("SELECT id_number, birth_date FROM persons")]
    packs = {r[0] for r in conn.execute("SELECT DISTINCT pack_id FROM cases")}
    versions = set(conn.execute("SELECT DISTINCT pack_id, pack_version FROM cases"))
    statuses = {r[0] for r in conn.execute("SELECT DISTINCT status FROM cases")}
    lengths = {r[0] for r in conn.execute("SELECT DISTINCT length(name) FROM persons")}
    conn.close()
    assert all(is_valid_id_number(n) for n in numbers) and len(set(numbers)) == len(numbers)
    shipped = load_all_packs()
    assert versions == {(p, shipped[p].version) for p, _v in versions}   # the real pack versions
    assert all(birth.replace("-", "") == number[6:14] for number, birth in births)
    assert len(packs) >= 2 and {"registered", "refused"} <= statuses
    assert {1, 2, 3} <= lengths


def test_users_add_and_a_duplicate_login_is_a_clean_error(demo_dir: Path) -> None:
    added = hukou(demo_dir, "users", "add", "clerk3", "--name", "赵敏", "--role", "clerk",
                  env={"HUKOU_PASSWORD": "a-long-passw0rd"})
    assert added.returncode == 0, added.stderr
    again = hukou(demo_dir, "users", "add", "clerk3", "--name", "赵敏", "--role", "clerk",
                  env={"HUKOU_PASSWORD": "a-long-passw0rd"})
    assert again.returncode == 2 and again.stderr.startswith("hukou: ")
    assert "Traceback" not in again.stderr


def test_an_unknown_case_is_a_clean_error(demo_dir: Path) -> None:
    result = hukou(demo_dir, "cases", "show", "370102-1999-000001")
    assert result.returncode == 2 and "no case" in result.stderr
    assert "Traceback" not in result.stderr


def test_backup_and_restore_commands(demo_dir: Path, tmp_path: Path) -> None:
    made = hukou(demo_dir, "backup", "--to", str(tmp_path))
    assert made.returncode == 0, made.stderr
    backup = Path(made.stdout.strip())
    assert backup.is_file() and backup.parent == tmp_path
    restored = hukou(demo_dir, "restore", str(backup))
    assert restored.returncode == 0 and "before the restore" in restored.stdout
    missing = hukou(demo_dir, "restore", str(tmp_path / "nope.sqlite3"))
    assert missing.returncode == 2 and "does not exist" in missing.stderr


def test_a_corrupt_database_is_a_clean_error(tmp_path: Path) -> None:
    (tmp_path / "hukou.sqlite3").write_bytes(b"garbage" * 1000)
    result = hukou(tmp_path, "cases", "list")
    assert result.returncode == 2 and "hukou restore" in result.stderr
    assert "Traceback" not in result.stderr
