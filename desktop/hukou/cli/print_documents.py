"""`hukou print KIND CASE --out FILE.pdf`: print any document headlessly, as the GUI does.

(Not named print.py: importing hukou.cli.print would shadow the builtin print() inside
hukou.cli, which sets each imported submodule as an attribute of the package.)
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from hukou.cli import CliError
from hukou.cli.cases import station_database

USER_ENV = "HUKOU_USER"


def register(subparsers: Any) -> None:
    from hukou.printing.model import KIND_TITLES

    kinds = ", ".join(f"{k} ({t})" for k, t in KIND_TITLES.items())
    parser = subparsers.add_parser(
        "print",
        help="print a document of a case to a PDF file",
        description=f"Print a document of a case to a PDF file. Kinds: {kinds}. Each print "
        "takes the next serial number and is audited; printing a document again is "
        "a reprint, marked 补打.",
    )
    parser.add_argument(
        "kind",
        choices=list(KIND_TITLES),
        metavar="KIND",
        help="receipt | one_time_notice | refusal_notice | settlement_permit | "
        "registration_card | collective_slip",
    )
    parser.add_argument("case", help="the case number or UUID")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="where to write the PDF")
    parser.add_argument(
        "--person",
        metavar="WHO",
        help="for registration_card / collective_slip: the person's ID number, "
        "person id, or position in the case (1 = applicant; default)",
    )
    parser.add_argument(
        "--user",
        default=os.environ.get(USER_ENV),
        help=f"the login printing it (audited; default ${USER_ENV})",
    )
    parser.add_argument("--reprint", action="store_true", help="mark the print as a reprint (补打)")
    parser.add_argument(
        "--preview",
        action="store_true",
        help="a watermarked preview: no serial is taken and nothing is recorded",
    )
    parser.set_defaults(handler=_print)


def _person_id(snapshot: dict[str, Any], who: str | None) -> str | None:
    if who is None:
        return None
    persons = [snapshot["applicant"], *snapshot["family"]]
    if who.isdigit() and 1 <= int(who) <= len(persons):
        return str(persons[int(who) - 1]["person_id"])
    for person in persons:
        if who.strip().upper() in (
            str(person["person_id"]).upper(),
            str(person.get("id_number") or "").upper(),
        ):
            return str(person["person_id"])
    raise CliError(
        f"案件中没有“{who}”这个人 / no person {who!r} in the case: give the ID number, "
        f"the person id or the position 1–{len(persons)}"
    )


def _print(args: argparse.Namespace) -> int:
    from hukou.printing import PrintError, preview_document, render_document
    from hukou.store import case_snapshot

    out = Path(args.out)
    if not out.parent.exists():
        raise CliError(f"文件夹{out.parent}不存在 / the folder {out.parent} does not exist")
    with station_database(args) as db:
        snapshot = case_snapshot(db, args.case)
        person_id = _person_id(snapshot, args.person)
        try:
            if args.preview:
                pdf = preview_document(db, snapshot["uuid"], args.kind, person_id=person_id)
                message = f"preview of {args.kind} for case {snapshot['number']}"
            else:
                if not args.user:
                    raise CliError(
                        f"请用 --user 指定打印人 / say who prints it with --user LOGIN "
                        f"(or set ${USER_ENV}); every print is audited"
                    )
                printed = render_document(
                    db,
                    snapshot["uuid"],
                    args.kind,
                    user=args.user,
                    person_id=person_id,
                    reprint=args.reprint,
                )
                pdf = printed.pdf
                message = (
                    f"{printed.serial}{' (补打 reprint)' if printed.reprint else ''}: "
                    f"{args.kind} for case {printed.case_number}"
                )
        except PrintError as exc:
            raise CliError(str(exc)) from None
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        raise CliError(
            f"无法写入{out}：{exc.strerror} / cannot write {out}: {exc.strerror}"
        ) from None
    print(f"{message} -> {out}")
    return 0
