"""Online backups with the SQLite backup API, integrity-checked, the last N kept; restore."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from hukou.store import migrations
from hukou.store.audit import append_audit
from hukou.store.connection import database_path, open_database
from hukou.store.errors import DatabaseUnavailable, StoreError
from hukou.store.util import now_utc, transaction

DEFAULT_KEEP = 30
_PREFIX = "hukou-"
_SUFFIX = ".sqlite3"


def _integrity(path: Path) -> str:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            has_tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('_migrations', 'cases')"
            ).fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return str(exc)
    text = "; ".join(str(r[0]) for r in result)
    if text != "ok":
        return text
    return "ok" if has_tables == 2 else "not a Hukou Counter database"


def database_file(db: sqlite_utils.Database) -> Path:
    return Path(db.execute("PRAGMA database_list").fetchone()[2])


def backup_database(db: sqlite_utils.Database, dest_dir: Path, *,
                    keep: int = DEFAULT_KEEP) -> Path:
    """Copy the live database into `dest_dir/hukou-<station>-<time>.sqlite3`; check it; prune."""
    dest_dir = Path(dest_dir)
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"无法创建备份目录{dest_dir}：{exc} / cannot create the backup folder "
                         f"{dest_dir} ({exc})") from exc
    station = db.execute("SELECT code FROM station WHERE id = 1").fetchone()
    stamp = now_utc().astimezone().strftime("%Y%m%d-%H%M%S")
    name = f"{_PREFIX}{station[0] if station else 'station'}-{stamp}"
    final = dest_dir / f"{name}{_SUFFIX}"
    n = 1
    while final.exists():
        n += 1
        final = dest_dir / f"{name}-{n}{_SUFFIX}"
    partial = final.with_name(final.name + ".partial")
    try:
        target = sqlite3.connect(str(partial))
        try:
            db.conn.backup(target)
            # A backup is one self-contained file, not a WAL database with side files.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        verdict = _integrity(partial)
        if verdict != "ok":
            raise StoreError(f"备份文件检查失败：{verdict} / the backup failed its integrity check "
                             f"({verdict}); the database itself may be damaged")
        os.replace(partial, final)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"备份失败：{exc} / the backup failed ({exc}): check free space and "
                         f"write access to {dest_dir}") from exc
    with transaction(db):
        append_audit(db, actor="system", action="backup", detail=f"file={final.name}")
    prune_backups(dest_dir, keep)
    return final


def list_backups(dest_dir: Path) -> list[Path]:
    """Newest last (names sort by time)."""
    return sorted(p for p in Path(dest_dir).glob(f"{_PREFIX}*{_SUFFIX}") if p.is_file())


def prune_backups(dest_dir: Path, keep: int) -> list[Path]:
    backups = list_backups(dest_dir)
    doomed = backups[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink(missing_ok=True)
    return doomed


def restore_database(backup_file: Path, data_dir: Path) -> Path | None:
    """Replace the station database with a checked backup. The current database is first
    copied to `hukou.sqlite3.before-restore-<time>` (returned), so a restore can be undone."""
    backup_file = Path(backup_file)
    if not backup_file.is_file():
        raise StoreError(f"找不到备份文件{backup_file} / the backup file {backup_file} does not "
                         "exist")
    verdict = _integrity(backup_file)
    if verdict != "ok":
        raise DatabaseUnavailable(f"备份文件{backup_file}不可用：{verdict} / the backup "
                                  f"{backup_file} cannot be used ({verdict}); pick another one")
    source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
    try:
        from hukou.store import schema  # noqa: F401  (registers the store's migrations)

        migrations.check_not_newer(sqlite_utils.Database(source, execute_plugins=False))
        target_path = database_path(data_dir)
        safety: Path | None = None
        if target_path.exists():
            current = open_database(target_path)
            try:
                stamp = now_utc().astimezone().strftime("%Y%m%d-%H%M%S")
                safety = target_path.with_name(f"{target_path.name}.before-restore-{stamp}")
                keep = sqlite3.connect(str(safety))
                try:
                    current.conn.backup(keep)
                    keep.execute("PRAGMA journal_mode = DELETE")
                finally:
                    keep.close()
                # Copy the backup over the live file through SQLite, so open readers and the
                # WAL stay consistent.
                source.backup(current.conn)
            finally:
                current.close()
        else:
            target_path.parent.mkdir(parents=True, exist_ok=True)
            fresh = sqlite3.connect(str(target_path))
            try:
                source.backup(fresh)
            finally:
                fresh.close()
    except sqlite3.Error as exc:
        raise StoreError(f"恢复失败：{exc} / the restore failed ({exc}); the current database "
                         "is unchanged") from exc
    finally:
        source.close()
    db = open_database(target_path)
    try:
        with transaction(db):
            append_audit(db, actor="system", action="restore", detail=f"file={backup_file.name}")
    finally:
        db.close()
    return safety
