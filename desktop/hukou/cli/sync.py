"""`hukou sync ...`: push and pull once, enrol with HQ, export an offline bundle, import HQ's
reply file, status."""

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

    replies = commands.add_parser(
        "import-replies", help="apply HQ's reply file (offline): acknowledgements, decisions, "
                               "policy packs, conflicts")
    replies.add_argument("file", type=Path)
    replies.set_defaults(handler=_import_replies)

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
          f"rejected {result.rejected}; {result.superseded} older version(s) superseded by "
          f"a newer one, not sent); pulled {result.decisions} decision(s), "
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
    print(f"{count} change(s) written to {args.out}" if count else
          f"0 changes written to {args.out}: nothing is waiting for HQ (the file still tells "
          "HQ how far this station has applied its decisions)")
    return 0


def _import_replies(args: argparse.Namespace) -> int:
    from hukou.sync.client import SyncError, import_replies

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CliError(f"无法读取文件 {args.file}：{exc} / cannot read {args.file}: {exc}") from exc
    db = _db(args)
    try:
        result = import_replies(db, data)
    except SyncError as exc:
        raise CliError(str(exc)) from exc
    finally:
        db.close()
    if result.already_imported:
        print(f"reply file {result.serial} is not newer than one already imported: "
              f"nothing changed; {result.pending} waiting")
        return 0
    print(f"reply file {result.serial}: {result.acknowledged} change(s) acknowledged, "
          f"{result.rejected} rejected by HQ, {result.decisions} decision(s), "
          f"{result.conflicts} conflict(s), {result.packs_installed} pack(s) installed, "
          f"{result.packs_refused} refused; {result.pending} waiting")
    for message in result.messages:
        print(f"hukou: {message}", file=sys.stderr)
    return 1 if result.rejected or result.packs_refused else 0


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
