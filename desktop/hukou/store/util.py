"""Small helpers shared by the store modules: clock, canonical JSON, transactions."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterator
from typing import Any

import sqlite_utils


def now_utc() -> dt.datetime:
    """The current time; tests replace this function to pin the clock."""
    return dt.datetime.now(dt.UTC)


def iso_utc(moment: dt.datetime | None = None) -> str:
    moment = moment or now_utc()
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def local_today() -> dt.date:
    """The station's calendar day: case numbers and intake dates follow the local clock."""
    return now_utc().astimezone().date()


def dumps(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 kept readable."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(value: Any) -> str:
    return hashlib.sha256(dumps(value).encode("utf-8")).hexdigest()


#: Called with the database after each committed top-level transaction; maintenance.py
#: sets it to hand WAL checkpoints and index merges to its background thread.
after_commit: Callable[[sqlite_utils.Database], None] | None = None


@contextlib.contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """One write transaction; nested calls become savepoints.

    BEGIN IMMEDIATE takes the write lock up front, so two processes writing at once wait
    on the busy timeout instead of failing halfway with "database is locked".
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        try:
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        if after_commit is not None:
            after_commit(db)
