"""`hukou audit verify`: check the audit trail's hash chain (exit 1 if a row was changed)."""

from __future__ import annotations

import argparse
from typing import Any

from hukou.cli.cases import station_database


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("audit", help="check the audit trail")
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = sub.add_parser("verify", help="detect edited or deleted audit rows")
    verify.set_defaults(handler=_verify)


def _verify(args: argparse.Namespace) -> int:
    from hukou.store import verify_audit

    with station_database(args) as db:
        report = verify_audit(db)
    for problem in report.problems:
        print(f"row {problem.row_id}: {problem.message}")
    if report.ok:
        print(f"审计记录完整 / audit trail intact: {report.rows} rows")
        return 0
    print(f"审计记录被篡改 / audit trail tampered: {len(report.problems)} problem(s) in "
          f"{report.rows} rows")
    return 1
