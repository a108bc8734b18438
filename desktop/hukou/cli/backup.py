"""`hukou backup [--to DIR]` and `hukou restore FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hukou.cli import CliError
from hukou.cli.cases import station_database
from hukou.paths import data_dir

BACKUP_SUBDIR = "backups"


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup", help="copy the station database to a dated, checked file")
    backup.add_argument("--to", metavar="DIR",
                        help="folder for backups (default: DATA_DIR/backups)")
    backup.add_argument("--keep", type=int, default=30, help="keep the newest N backups there (30)")
    backup.set_defaults(handler=_backup)
    restore = subparsers.add_parser("restore", help="replace the station database with a backup")
    restore.add_argument("file")
    restore.set_defaults(handler=_restore)


def _backup(args: argparse.Namespace) -> int:
    from hukou.store import backup_database

    target = Path(args.to) if args.to else data_dir(args.data_dir) / BACKUP_SUBDIR
    with station_database(args) as db:
        path = backup_database(db, target, keep=max(1, args.keep))
    print(path)
    return 0


def _restore(args: argparse.Namespace) -> int:
    from hukou.store import StoreError, restore_database

    try:
        safety = restore_database(Path(args.file), data_dir(args.data_dir))
    except StoreError as exc:
        raise CliError(str(exc)) from None
    print(f"restored {args.file}")
    if safety:
        print(f"the database before the restore is kept as {safety}")
    return 0
