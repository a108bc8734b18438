"""`hukou verify-qr TEXT`: is a printed document's QR code genuine?

Exit code 0 genuine, 1 not genuine, 2 malformed.
"""

from __future__ import annotations

import argparse

from hukou.cli import CliError
from hukou.domain import signing


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("verify-qr", help="check a printed document's QR text")
    parser.add_argument("text", help="the text read from the QR code")
    parser.add_argument("--public-key", help="the issuing station's public key (base64); "
                                             "default: this station's own key")
    parser.set_defaults(handler=_verify)


def _station_public_key(args: argparse.Namespace) -> str:
    from hukou.paths import data_dir
    from hukou.store import database_path, get_station, open_database
    from hukou.store.errors import StoreError

    try:
        db = open_database(database_path(data_dir(args.data_dir)))
    except StoreError as exc:
        raise CliError(str(exc)) from exc
    try:
        station = get_station(db)
    finally:
        db.close()
    if station is None:
        raise CliError("本站尚未设置，无法取得签名密钥；请用 --public-key 指定公钥 / this station "
                       "is not set up, so it has no key; give one with --public-key")
    return signing.public_key_b64(station.signing_key_b64)


def _verify(args: argparse.Namespace) -> int:
    try:
        payload = signing.parse_qr_text(args.text)
    except signing.InvalidQrText as exc:
        raise CliError(str(exc)) from exc
    public = args.public_key or _station_public_key(args)
    try:
        signing.verify_qr_text(args.text, public)
    except signing.SigningKeyError as exc:
        raise CliError(str(exc)) from exc
    except signing.QrSignatureError as exc:
        print(f"NOT GENUINE: {exc}")
        return 1
    print(f"genuine: station {payload.station_code}, case {payload.case_uuid}, {payload.kind} "
          f"{payload.serial}, issued {payload.issued.isoformat()}")
    return 0
