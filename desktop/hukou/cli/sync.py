"""`hukou sync ...`: push and pull once, enrol with HQ, export an offline bundle, status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from hukou.cli import CliError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sync = sub.add_parser("sync", help="send cases to headquarters and fetch decisions")
    sync.set_defaults(handler=_sync)
    commands = sync.add_subparsers(dest="sync_command", metavar="SYNC_COMMAND")

    enrol = commands.add_parser("enrol", help="register this station with headquarters")
    enrol.add_argument("--hq", required=True, help="HQ address, e.g. http://hq.example:8750")
    enrol.add_argument("--code", required=True, help="the one-time code from HQ")
    enrol.set_defaults(handler=_enrol)

    export = commands.add_parser("export", help="write the pending changes as a bundle file")
    export.add_argument("--out", required=True, type=Path)
    export.set_defaults(handler=_export)

    status = commands.add_parser("status", help="changes waiting, last success, conflicts")
    status.set_defaults(handler=_status)


def _db(args: argparse.Namespace) -> Any:
    from hukou.paths import data_dir
    from hukou.store import database_path, open_database
    from hukou.store.errors import StoreError

    try:
        return open_database(database_path(data_dir(args.data_dir)))
    except StoreError as exc:
        raise CliError(str(exc)) from exc


def _sync(args: argparse.Namespace) -> int:
    from hukou.sync.client import SyncError, sync_once

    db = _db(args)

    def progress(done: int, total: int) -> None:
        if total and sys.stderr.isatty():
            print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

    try:
        result = sync_once(db, progress=progress)
    except SyncError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"pushed {result.pushed} (duplicates {result.duplicates}, conflicts {result.conflicts}, "
          f"rejected {result.rejected}); pulled {result.decisions} decision(s), "
          f"{result.packs_installed} pack(s) installed, {result.packs_refused} refused; "
          f"{result.pending} waiting")
    for message in result.messages:
        print(f"hukou: {message}", file=sys.stderr)
    return 1 if result.rejected or result.packs_refused else 0


def _enrol(args: argparse.Namespace) -> int:
    from hukou.sync.client import SyncError, enrol

    db = _db(args)
    try:
        answer = enrol(db, hq_url=args.hq, code=args.code)
    except SyncError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close()
    print(f"enrolled {answer.station_code} at {args.hq}; HQ signing key "
          f"{answer.hq_signing_public_key}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from hukou.sync.client import SyncError, export_bundle

    db = _db(args)
    try:
        count = export_bundle(db, args.out)
    except SyncError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close()
    print(f"{count} change(s) written to {args.out}")
    return 0


def _status(args: argparse.Namespace) -> int:
    from hukou.sync.client import sync_status

    db = _db(args)
    try:
        status = sync_status(db)
    finally:
        db.close()
    print(f"HQ:           {status.hq_url or '(not enrolled)'}")
    print(f"waiting:      {status.pending}")
    print(f"last success: {status.last_success or '-'}")
    print(f"last error:   {status.last_error or '-'}")
    print(f"conflicts:    {len(status.conflicts)}")
    for c in status.conflicts:
        print(f"  {c.case_uuid} v{c.version}: {c.field} station={c.station_value} "
              f"hq={c.hq_value} {c.detail}")
    return 0
