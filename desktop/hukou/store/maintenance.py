"""Keeping the database's housekeeping out of the clerk's save: WAL checkpoints and FTS5
segment merges run on a background thread with its own connection, between saves.

Measured on a million-case station (bench/store.py): SQLite's auto-checkpoint (every
1000 WAL pages) ran inside 1 save in 30, copying pages into the 1.6 GB file and fsyncing
it before the save returned; FTS5's automerge rewrote 700-1300 index pages inside 1
create_case in 70 (64 pages x index levels each time its write counter passes 64 leaf
pages). Both are what p99 was made of. Here:

- the connections the store opens keep `wal_autocheckpoint` only as a bound
  (WAL_BOUND_PAGES): the background thread checkpoints (PASSIVE: it never takes the
  write lock, so saves go on meanwhile) every CHECKPOINT_EVERY commits and once the
  station goes quiet. The WAL starts over at the first save after a checkpoint that
  caught up, i.e. after any pause; saves coming back to back without a pause (a bulk
  import) let it grow to the bound, where the saving connection checkpoints what the
  thread has not copied yet and starts it over;
- the search index's automerge is off (migration store.0005) and the thread merges in
  small steps (MERGE_PAGES each, its own transaction): one step after each commit while
  saves keep coming, the rest of what it owes once the station is quiet, never waiting
  for the write lock; FTS5's crisismerge (16 segments on a level) still bounds the
  index if the thread never runs (a process that writes and exits at once).

Durability is unchanged: saves commit with synchronous=FULL as before. The thread's
connection uses synchronous=NORMAL, which in WAL mode still fsyncs the WAL before each
checkpoint and the database file after it (SQLite's documented behaviour), and only
skips the fsync at the commit of its own merge steps: a power cut can undo the latest
merge steps, which rewrite index segments with the same content, never a case.
"""

from __future__ import annotations

import sqlite3
import threading
import weakref
from pathlib import Path

import sqlite_utils

from hukou.store import util
from hukou.store.search import FTS_TABLE

#: WAL size (pages) at which a committing connection checkpoints itself: only reached
#: when the background thread cannot checkpoint (for example a long-running reader).
WAL_BOUND_PAGES = 8000
#: Commits between background checkpoints (a case save appends about 15-35 pages).
CHECKPOINT_EVERY = 24
#: Index pages rewritten per merge step: under a millisecond holding the write lock on a
#: million-case index (32 pages took 1-9 ms: a save arriving meanwhile waited that long).
MERGE_PAGES = 8
#: Merge steps owed per commit (FTS5's own automerge rewrites about levels x leaf pages).
MERGE_STEPS_PER_COMMIT = 3
MAX_MERGE_DEBT = 2000
#: No commit for this long counts as quiet: the rest of the merge work and a checkpoint.
QUIET_SECONDS = 0.1
#: The thread exits after this long without a commit.
LINGER_SECONDS = 2.0


class _Maintainer:
    """The background work for one database file in this process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._commits = 0
        self._thread: threading.Thread | None = None
        self.checkpoints = 0
        self.merge_steps = 0

    def committed(self) -> None:
        with self._lock:
            self._commits += 1
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name=f"hukou-maintenance:{self.path.name}", daemon=True)
                self._thread.start()
        self._wake.set()

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Block until the thread has finished and exited (tests, benchmarks, shutdown)."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def _take(self) -> int:
        with self._lock:
            count, self._commits = self._commits, 0
            return count

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(str(self.path), timeout=0, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error:
            with self._lock:
                self._thread = None
            return
        since_checkpoint = 0
        merge_debt = 0
        try:
            conn.execute("PRAGMA synchronous = NORMAL")
            # fetchall: a half-read statement would hold a read snapshot and keep every
            # checkpoint from completing.
            has_index = bool(conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?",
                                          [FTS_TABLE]).fetchall())
            while True:
                busy = self._wake.wait(QUIET_SECONDS)
                self._wake.clear()
                new = self._take()
                since_checkpoint += new
                merge_debt = min(merge_debt + MERGE_STEPS_PER_COMMIT * new, MAX_MERGE_DEBT)
                if has_index and merge_debt:
                    # While saves keep coming: one small step per round, so a save finds
                    # the write lock taken for a millisecond at most. Once quiet: the rest.
                    merge_debt = self._merge(conn, merge_debt, 1 if busy else merge_debt)
                due = since_checkpoint >= CHECKPOINT_EVERY or (not busy and since_checkpoint)
                if due and self._checkpoint(conn):
                    since_checkpoint = 0
                if busy or new:
                    continue
                if self._wake.wait(LINGER_SECONDS):
                    continue
                with self._lock:
                    if self._commits == 0:
                        self._thread = None
                        return
        except sqlite3.Error:
            with self._lock:
                self._thread = None
        finally:
            conn.close()

    def _merge(self, conn: sqlite3.Connection, debt: int, steps: int) -> int:
        """Up to `steps` merge steps, each its own short transaction; stop at a save that
        holds the write lock (busy timeout 0: a save never waits behind more than the
        one step already running) or that has just committed."""
        for _ in range(steps):
            try:
                conn.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('merge', ?)",
                             [MERGE_PAGES])
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    return debt
                raise
            debt -= 1
            self.merge_steps += 1
            if debt <= 0 or self._wake.is_set():
                break
        return debt

    def _checkpoint(self, conn: sqlite3.Connection) -> bool:
        try:
            [(busy, _log, _done)] = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
        except sqlite3.OperationalError:
            return False
        self.checkpoints += 1
        return not busy


_MAINTAINERS: dict[str, _Maintainer] = {}
_MAINTAINERS_LOCK = threading.Lock()
_ATTACHED: weakref.WeakKeyDictionary[sqlite_utils.Database, _Maintainer] = (
    weakref.WeakKeyDictionary())


def maintainer_for(path: str | Path) -> _Maintainer:
    key = str(Path(path).resolve())
    with _MAINTAINERS_LOCK:
        found = _MAINTAINERS.get(key)
        if found is None:
            found = _MAINTAINERS[key] = _Maintainer(Path(key))
        return found


def attach(db: sqlite_utils.Database, path: str | Path) -> None:
    """Bound the WAL on this connection and hand its checkpoints and index merges to the
    file's background thread (started at the first commit, gone when idle)."""
    db.execute(f"PRAGMA wal_autocheckpoint = {WAL_BOUND_PAGES}")
    _ATTACHED[db] = maintainer_for(path)


def after_commit(db: sqlite_utils.Database) -> None:
    """Called by `util.transaction` after each committed top-level transaction."""
    found = _ATTACHED.get(db)
    if found is not None:
        found.committed()


def wait_idle(path: str | Path, timeout: float = 30.0) -> bool:
    """Wait until the file's background work is done (tests and benchmarks)."""
    return maintainer_for(path).wait_idle(timeout)


util.after_commit = after_commit
