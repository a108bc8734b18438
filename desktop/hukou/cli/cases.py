"""`hukou cases list|show|search`: the station's cases from the command line."""

from __future__ import annotations

import argparse
import contextlib
import json
from collections.abc import Iterator
from typing import Any

import sqlite_utils

from hukou.cli import CliError
from hukou.paths import data_dir


@contextlib.contextmanager
def station_database(args: argparse.Namespace) -> Iterator[sqlite_utils.Database]:
    """The station database named by --data-dir / $HUKOU_DATA_DIR; store errors become CliError."""
    from hukou.store import StoreError, database_path, open_database

    try:
        db = open_database(database_path(data_dir(args.data_dir)))
    except StoreError as exc:
        raise CliError(str(exc)) from None
    try:
        yield db
    except StoreError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("cases", help="list, show and search the station's cases")
    sub = parser.add_subparsers(dest="cases_command", metavar="ACTION", required=True)

    def filters(p: argparse.ArgumentParser) -> None:
        p.add_argument("--status", action="append", help="only this status (repeatable)")
        p.add_argument("--category", help="only this category id")
        p.add_argument("--from", dest="date_from", metavar="DATE",
                       help="intake on or after (YYYY-MM-DD)")
        p.add_argument("--to", dest="date_to", metavar="DATE",
                       help="intake on or before (YYYY-MM-DD)")
        p.add_argument("--limit", type=int, default=50, help="rows per page (default 50)")
        p.add_argument("--offset", type=int, default=0, help="skip this many rows")
        p.add_argument("--json", action="store_true", help="print JSON lines")

    listing = sub.add_parser("list", help="the newest cases, optionally filtered")
    filters(listing)
    listing.set_defaults(handler=_list, query="")
    search = sub.add_parser(
        "search", help="by case number, ID number (whole or last 6), name or address fragment")
    search.add_argument("query")
    filters(search)
    search.set_defaults(handler=_list)
    show = sub.add_parser("show", help="one case in full (case number or UUID)")
    show.add_argument("case")
    show.add_argument("--json", action="store_true", help="print the case snapshot as JSON")
    show.set_defaults(handler=_show)


def _list(args: argparse.Namespace) -> int:
    from hukou.store import STATUS_NAMES, count_cases, search_cases

    with station_database(args) as db:
        page = search_cases(db, args.query, status=args.status, category=args.category,
                            date_from=args.date_from, date_to=args.date_to,
                            offset=args.offset, limit=args.limit)
        for item in page.items:
            if args.json:
                print(json.dumps(item.__dict__, ensure_ascii=False))
            else:
                print(f"{item.number}  {item.intake_date}  {STATUS_NAMES[item.status]:<4}  "
                      f"{item.category_id:<24}  {item.applicant_name or '-'}"
                      f"{'' if item.persons <= 1 else f' (+{item.persons - 1})'}")
        if not args.json:
            total = count_cases(db, args.query, status=args.status, category=args.category,
                                date_from=args.date_from, date_to=args.date_to)
            shown = f"{args.offset + 1}–{args.offset + len(page.items)}" if page.items else "0"
            print(f"-- {shown} of {total}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from hukou.store import STATUS_NAMES, case_snapshot, get_case

    with station_database(args) as db:
        case = get_case(db, args.case)
        if args.json:
            print(json.dumps(case_snapshot(db, case.uuid), ensure_ascii=False, indent=2))
            return 0
        print(f"案件 case      {case.number}  ({case.uuid})")
        print(f"状态 status    {STATUS_NAMES[case.status]} ({case.status}), version {case.version}")
        print(f"类别 category  {case.pack_id}@{case.pack_version} / {case.area_id} / "
              f"{case.category_id}")
        print(f"受理 intake    {case.intake_date} by {case.clerk}"
              f"{f', decided by {case.supervisor}' if case.supervisor else ''}")
        print(f"自愿 voluntary {'yes' if case.voluntary_request else 'no'}")
        for person in case.persons:
            print(f"  {person.relation:<9} {person.name or '-'}  {person.id_number or '-'}  "
                  f"{person.birth_date or ''}  {person.hukou_address}")
        for doc in case.documents.values():
            print(f"  [{'x' if doc.presented else ' '}] {doc.document_id}"
                  f"{'  scan ' + doc.scan_path if doc.scan_path else ''}")
        if case.assessment:
            print(f"评估 assessment {case.assessment.get('outcome')}")
        for printed in case.prints:
            again = " (reprint)" if printed.reprint else ""
            print(f"  printed {printed.kind} {printed.serial}{again}")
        if case.decision_reason:
            print(f"原因 reason    {case.decision_reason}")
    return 0
