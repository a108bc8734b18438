"""Fixtures for the store tests: a real SQLite file per test, a station with users."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from hukou.domain.idnumber import make_id_number
from hukou.store import create_user, database_path, open_database, setup_station, users

_sequence = itertools.count(1)


def new_id_number(birth: dt.date = dt.date(1990, 5, 6), division: str = "370102") -> str:
    """A valid, unused ID number for this test session."""
    return make_id_number(division, birth, next(_sequence))


@pytest.fixture
def fresh_db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    """An empty, migrated station database on a real file."""
    db = open_database(database_path(tmp_path / "station"))
    yield db
    db.close()


_real_hash_password = users.hash_password


@functools.cache
def _demo_hash() -> str:
    return _real_hash_password("demo1234")


@pytest.fixture
def station_db(fresh_db: sqlite_utils.Database,
               monkeypatch: pytest.MonkeyPatch) -> sqlite_utils.Database:
    """A set-up station (370102, Liaocheng pack) with users clerk, clerk2, super, super2, admin
    (password demo1234, hashed once per session: scrypt is slow on purpose)."""
    monkeypatch.setattr(users, "hash_password", lambda _password: _demo_hash())
    setup_station(fresh_db, code="370102", name="聊城市公安局东昌府分局古楼派出所",
                  pack_id="liaocheng", area_id="dongchangfu")
    for login, role in (("admin", "admin"), ("clerk", "clerk"), ("clerk2", "clerk"),
                        ("super", "supervisor"), ("super2", "supervisor")):
        create_user(fresh_db, login, f"{login} 用户", role, "demo1234")
    return fresh_db
