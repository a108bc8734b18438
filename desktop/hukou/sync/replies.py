"""HQ's reply file for an offline station: acknowledgements, decisions, packs, conflicts.

The way back for a bundle: HQ signs it with its Ed25519 key and encrypts it to the X25519
form of the key the station enrolled (bundle.py), so only that station can read it and
nobody can forge it. The file layout is the bundle's, with its own magic line.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import Field, ValidationError

from hukou.sync.bundle import (
    BundleError,
    decrypt_file,
    encrypt_file,
    file_header,
    x25519_private_from_signing,
    x25519_public_from_signing,
)
from hukou.sync.protocol import (
    PROTOCOL_VERSION,
    ProtocolError,
    PullEvent,
    SignedEnvelope,
    WireModel,
    open_envelope,
    seal,
)

MAGIC = b"HUKOU-REPLIES 1\n"


class RepliesError(BundleError):
    """A reply file cannot be used: damaged, altered, forged, or meant for another station."""


class Rejection(WireModel):
    """A change HQ will never store as it is (it stays visible at the station)."""

    case_uuid: str
    version: int
    detail: str


class Replies(WireModel):
    """Everything HQ has to say to one station, as of `created_at`."""

    protocol: int = PROTOCOL_VERSION
    serial: int = Field(ge=1, description="HQ's number for this file; later files are larger")
    station_code: str = Field(pattern=r"^[0-9A-Za-z_-]{1,32}$")
    created_at: str = Field(max_length=40)
    acks: dict[str, list[int]] = Field(
        description="every change HQ holds from the station: case UUID -> versions")
    rejections: list[Rejection]
    since_cursor: int = Field(ge=0, description="the events start after this cursor")
    cursor: int = Field(ge=0, description="the station's cursor once the events are applied")
    events: list[PullEvent]


@dataclass(frozen=True)
class RepliesHeader:
    station_code: str
    serial: int
    created_at: str


_NOT_REPLIES = ("这不是指挥中心的回执文件 / this file is not a Hukou Counter reply file "
                "from headquarters")
_DAMAGED = ("回执文件已损坏或被改动，拒绝导入；请让指挥中心重新导出 / the reply file is damaged "
            "or was altered and is refused; ask headquarters to export it again")


def write_replies(replies: Replies, *, hq_signing_private_b64: str,
                  station_public_b64: str) -> bytes:
    """The reply file's bytes: signed by HQ, encrypted to the station's enrolled key."""
    envelope = seal(replies, signer="hq", private_b64=hq_signing_private_b64)
    header = {"station_code": replies.station_code, "serial": replies.serial,
              "created_at": replies.created_at, "ack_count": sum(map(len, replies.acks.values())),
              "event_count": len(replies.events)}
    return encrypt_file(MAGIC, header, envelope.model_dump_json().encode("utf-8"),
                        x25519_public_from_signing(station_public_b64))


def read_header(data: bytes) -> RepliesHeader:
    """Whom the file is for (clear text, not yet authenticated)."""
    header = file_header(data, MAGIC, _NOT_REPLIES, _DAMAGED)
    try:
        return RepliesHeader(str(header["station_code"]), int(header["serial"]),
                             str(header["created_at"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise RepliesError(_DAMAGED) from exc


def read_replies(data: bytes, *, station_code: str, station_signing_private_b64: str,
                 hq_signing_public_b64: str) -> Replies:
    """Decrypt a reply file and check HQ's signature and that it is for this station."""
    try:
        header = read_header(data)
        if header.station_code != station_code:
            raise RepliesError(
                f"这份回执是给派出所 {header.station_code} 的，不是本站 {station_code}；"
                f"请向指挥中心索取本站的回执 / this reply file is for station "
                f"{header.station_code}, not this station ({station_code}); ask headquarters "
                "for this station's file")
        plain = decrypt_file(
            data, MAGIC, x25519_private_from_signing(station_signing_private_b64),
            not_ours=_NOT_REPLIES, damaged=_DAMAGED,
            wrong_key=("回执文件无法解密：文件被改动，或不是加密给本站的 / the reply file cannot "
                       "be decrypted: it was altered or was not encrypted for this station"))
        envelope = SignedEnvelope.model_validate_json(plain)
    except RepliesError:
        raise
    except BundleError as exc:
        raise RepliesError(str(exc)) from exc
    except ValidationError as exc:
        raise RepliesError(_DAMAGED) from exc
    if envelope.signer != "hq":
        raise RepliesError(_DAMAGED)
    try:
        replies = open_envelope(envelope, Replies, public_b64=hq_signing_public_b64)
    except ProtocolError as exc:
        raise RepliesError(
            "回执文件的签名与本站登记时收到的指挥中心密钥不符，拒绝导入 / the reply file is not "
            "signed with the HQ key this station received at enrolment; refused") from exc
    if replies.station_code != station_code or replies.serial != header.serial:
        raise RepliesError(_DAMAGED)
    return replies
