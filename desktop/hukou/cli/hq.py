"""`hukou hq ...`: run and operate the headquarters service."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from hukou.cli import CliError
from hukou.hq.store import HqError, HqStore, open_store
from hukou.sync.protocol import DECISION_STATUSES

DB_ENV = "HUKOU_HQ_DB"
# No 0/O or 1/I: the code is read out over the phone.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    hq = sub.add_parser("hq", help="headquarters: serve the API, enrol stations, decide, import")
    hq.set_defaults(handler=lambda args: _usage(hq))
    commands = hq.add_subparsers(dest="hq_command", metavar="HQ_COMMAND")

    def with_db(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument(
            "--db", default=os.environ.get(DB_ENV),
            help=f"postgresql://... URL or a SQLite file (default: ${DB_ENV})",
        )
        return parser

    serve = with_db(commands.add_parser("serve", help="serve the HQ HTTP API"))
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8750)
    serve.set_defaults(handler=_serve)

    code = with_db(commands.add_parser("enrol-code", help="print a one-time enrolment code"))
    code.add_argument("station", help="the station code the enrolment code is for")
    code.set_defaults(handler=_enrol_code)

    decide = with_db(commands.add_parser("decide", help="approve, return or refuse a case"))
    decide.add_argument("case_uuid")
    decide.add_argument("--status", required=True, choices=DECISION_STATUSES)
    decide.add_argument("--reason", default="")
    decide.add_argument("--by", required=True, dest="decided_by", help="who decides")
    decide.set_defaults(handler=_decide)

    importer = with_db(commands.add_parser("import", help="apply a station's offline bundle"))
    importer.add_argument("file", type=Path)
    importer.set_defaults(handler=_import)

    replies = with_db(commands.add_parser(
        "export-replies", help="write the reply file for an offline station: acknowledgements, "
                               "decisions, policy packs, conflicts"))
    replies.add_argument("--station", required=True, help="the station code")
    replies.add_argument("--out", required=True, type=Path)
    replies.set_defaults(handler=_export_replies)

    publish = with_db(commands.add_parser("publish-pack",
                                          help="sign a policy pack and send it to every station"))
    publish.add_argument("file", type=Path)
    publish.set_defaults(handler=_publish)

    conflicts = with_db(commands.add_parser("conflicts", help="list conflicts kept at HQ"))
    conflicts.add_argument("--station")
    conflicts.set_defaults(handler=_conflicts)

    stations = with_db(commands.add_parser("stations", help="list enrolled stations"))
    stations.set_defaults(handler=_stations)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _store(args: argparse.Namespace) -> HqStore:
    if not args.db:
        raise CliError(f"请用 --db 指定指挥中心数据库（或设置 ${DB_ENV}） / "
                       f"say which HQ database to use with --db (or set ${DB_ENV})")
    try:
        return open_store(args.db)
    except HqError as exc:
        raise CliError(str(exc)) from exc


def _serve(args: argparse.Namespace) -> int:
    from hukou.hq.server import serve

    if not args.db:
        _store(args)
    try:
        serve(args.db, host=args.host, port=args.port)
    except HqError as exc:
        raise CliError(str(exc)) from exc
    return 0


def _enrol_code(args: argparse.Namespace) -> int:
    store = _store(args)
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    store.add_enrol_code(args.station, code)
    print(code)
    # On stderr, so scripts still read the code alone: the station's Connect-to-HQ dialog
    # shows the same fingerprint once enrolled, for the two ends to compare.
    from hukou.domain.signing import key_fingerprint

    print(f"HQ key fingerprint: {key_fingerprint(store.keys().signing_public)}", file=sys.stderr)
    return 0


def _decide(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        decision = store.decide(args.case_uuid, status=args.status, reason=args.reason,
                                decided_by=args.decided_by)
    except HqError as exc:
        raise CliError(str(exc)) from exc
    print(f"decision {decision.id}: {decision.case_uuid} {decision.status}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from hukou.hq.service import import_bundle

    store = _store(args)
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CliError(f"无法读取文件 {args.file}：{exc} / cannot read {args.file}: {exc}") from exc
    try:
        report = import_bundle(store, data)
    except HqError as exc:
        raise CliError(str(exc)) from exc
    print(f"bundle {report.bundle_id} from {report.station_code}: {report.applied} applied, "
          f"{report.duplicates} duplicate, {report.conflicts} conflict, "
          f"{report.rejected} rejected")
    return 0


def _export_replies(args: argparse.Namespace) -> int:
    from hukou.hq.service import export_replies

    store = _store(args)
    try:
        data, replies = export_replies(store, args.station)
    except HqError as exc:
        raise CliError(str(exc)) from exc
    out: Path = args.out
    partial = out.with_name(out.name + ".partial")
    try:
        partial.write_bytes(data)
        partial.replace(out)
    except OSError as exc:
        raise CliError(f"无法写入文件 {out}：{exc} / cannot write {out}: {exc}") from exc
    kinds = [e.kind for e in replies.events]
    print(f"reply file {replies.serial} for {replies.station_code} written to {out}: "
          f"{sum(map(len, replies.acks.values()))} acknowledgement(s), "
          f"{len(replies.rejections)} rejection(s), {kinds.count('decision')} decision(s), "
          f"{kinds.count('policy_pack')} policy pack(s), {kinds.count('conflict')} conflict(s)")
    return 0


def _publish(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        content = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"无法读取政策包 {args.file}：{exc} / cannot read the pack {args.file}: "
                       f"{exc}") from exc
    from hukou.policy.loader import PackError, load_pack

    try:
        load_pack(args.file)
    except PackError as exc:
        raise CliError(f"政策包无法加载，未发布：{exc} / the pack does not load and was not "
                       "published") from exc
    pack = store.publish_pack(args.file.name, content)
    print(f"policy pack {pack.id}: {pack.filename} published")
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    for c in _store(args).conflicts(args.station):
        print(f"{c.id}\t{c.station_code}\t{c.case_uuid}\tv{c.version}\t{c.field}: "
              f"station={c.station_value} hq={c.hq_value}\t{c.created_at}")
    return 0


def _stations(args: argparse.Namespace) -> int:
    for s in _store(args).stations():
        print(f"{s.code}\t{s.name}\tenrolled {s.enrolled_at}\tlast seen {s.last_seen_at or '-'}")
    return 0
