"""Ed25519 keys and signatures, and the signed text in a printed document's QR code.

Pure: only `cryptography`. Sync batches, offline bundles and QR codes all sign with these.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from datetime import date

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

QR_PREFIX = "HK1"
_QR_FIELDS = 7
_STATION_CODE = re.compile(r"^[0-9A-Za-z_-]{1,32}$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_KIND = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# Serials are CODE-KIND-YYYY-NNNNNN (hukou.store): a 16-character station code and the
# longest kind (settlement_permit) make 46 characters.
MAX_SERIAL_LENGTH = 64
_SERIAL = re.compile(rf"^[0-9A-Za-z_-]{{1,{MAX_SERIAL_LENGTH}}}$")
_SIGNATURE = re.compile(r"^[A-Za-z0-9_-]{86}$")


class SigningKeyError(ValueError):
    """A key given as base64 is not a valid Ed25519 key."""


class InvalidQrText(ValueError):
    """The QR text is not in the HK1 format (so it was not printed by this application)."""


class QrSignatureError(ValueError):
    """The QR text is well formed but its signature does not match: it was changed or forged."""


@dataclass(frozen=True)
class QrPayload:
    """What a document's QR code says: which station issued which document for which case."""

    station_code: str
    case_uuid: str
    kind: str
    serial: str
    issued: date
    signature: str

    @property
    def signed_text(self) -> str:
        return _qr_body(self.station_code, self.case_uuid, self.kind, self.serial, self.issued)


def _b64decode(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError) as exc:
        raise SigningKeyError(
            f"{what}不是有效的 base64 文本 / the {_ENGLISH[what]} is not valid base64 text"
        ) from exc


_ENGLISH = {"私钥": "private key", "公钥": "public key"}


def _private_key(private_b64: str) -> Ed25519PrivateKey:
    raw = _b64decode(private_b64, "私钥")
    if len(raw) != 32:
        raise SigningKeyError(
            "私钥长度应为 32 字节，请检查站点签名密钥 / "
            "the private key must be 32 bytes; check the station's signing key"
        )
    return Ed25519PrivateKey.from_private_bytes(raw)


def _public_key(public_b64: str) -> Ed25519PublicKey:
    raw = _b64decode(public_b64, "公钥")
    if len(raw) != 32:
        raise SigningKeyError(
            "公钥长度应为 32 字节，请重新复制公钥 / the public key must be 32 bytes; copy it again"
        )
    try:
        return Ed25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise SigningKeyError(
            "公钥不是有效的 Ed25519 公钥 / the public key is not a valid Ed25519 key"
        ) from exc


def generate_signing_key() -> str:
    """A new Ed25519 private key: its raw 32 bytes, base64."""
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode("ascii")


def public_key_b64(private_b64: str) -> str:
    """The public half of a private key, raw 32 bytes, base64."""
    raw = _private_key(private_b64).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return base64.b64encode(raw).decode("ascii")


def check_public_key(public_b64: str) -> None:
    """Raise `SigningKeyError` unless `public_b64` is a usable Ed25519 public key."""
    _public_key(public_b64)


def key_fingerprint(public_b64: str) -> str:
    """A public key as two people compare it by reading aloud: the first 16 bytes of the
    SHA-256 of its raw bytes, in upper-case hex groups of four (`3F2A 9C01 … 7B44`)."""
    raw = _public_key(public_b64).public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    digest = hashlib.sha256(raw).hexdigest()[:32].upper()
    return " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def sign(private_b64: str, data: bytes) -> str:
    """The Ed25519 signature of `data`, base64url without padding."""
    signature = _private_key(private_b64).sign(data)
    return base64.urlsafe_b64encode(signature).rstrip(b"=").decode("ascii")


def verify(public_b64: str, data: bytes, signature: str) -> bool:
    """Whether `signature` (base64url, no padding) is the key's signature of `data`."""
    key = _public_key(public_b64)
    if not _SIGNATURE.match(signature):
        return False
    raw = base64.urlsafe_b64decode(signature + "==")
    try:
        key.verify(raw, data)
    except InvalidSignature:
        return False
    return True


def _qr_body(station_code: str, case_uuid: str, kind: str, serial: str, issued: date) -> str:
    return "|".join([QR_PREFIX, station_code, case_uuid, kind, serial, issued.strftime("%Y%m%d")])


def make_qr_text(
    private_b64: str, *, case_uuid: str, kind: str, serial: str, station_code: str, issued: date
) -> str:
    """`HK1|station|case uuid|kind|serial|YYYYMMDD|signature` for a printed document."""
    for value, pattern, name in (
        (station_code, _STATION_CODE, "station_code"),
        (case_uuid, _UUID, "case_uuid"),
        (kind, _KIND, "kind"),
        (serial, _SERIAL, "serial"),
    ):
        if not pattern.match(value):
            raise InvalidQrText(
                f"二维码字段 {name} 的值 {value!r} 不合格式 / "
                f"the QR field {name} has an unusable value {value!r}"
            )
    body = _qr_body(station_code, case_uuid.lower(), kind, serial, issued)
    return f"{body}|{sign(private_b64, body.encode('utf-8'))}"


def parse_qr_text(text: str) -> QrPayload:
    """Split a QR text into its fields without checking the signature."""
    parts = text.strip().split("|")
    if len(parts) != _QR_FIELDS or parts[0] != QR_PREFIX:
        raise InvalidQrText(
            "二维码内容不是本系统打印的文书格式（应为 HK1|站点|案件|类型|编号|日期|签名） / "
            "the QR text is not a document printed by this application "
            "(expected HK1|station|case|kind|serial|date|signature)"
        )
    _, station_code, case_uuid, kind, serial, issued_text, signature = parts
    checks = (
        (station_code, _STATION_CODE, "站点代码", "station code"),
        (case_uuid, _UUID, "案件编号", "case UUID"),
        (kind, _KIND, "文书类型", "document kind"),
        (serial, _SERIAL, "文书编号", "serial number"),
        (signature, _SIGNATURE, "签名", "signature"),
    )
    for value, pattern, zh, en in checks:
        if not pattern.match(value):
            raise InvalidQrText(
                f"二维码中的{zh}格式不对：{value!r} / "
                f"the {en} in the QR text is malformed: {value!r}"
            )
    try:
        if len(issued_text) != 8 or not issued_text.isdigit():
            raise ValueError(issued_text)
        issued = date(int(issued_text[:4]), int(issued_text[4:6]), int(issued_text[6:8]))
    except ValueError as exc:
        raise InvalidQrText(
            f"二维码中的签发日期不是有效的 YYYYMMDD 日期：{issued_text!r} / "
            f"the issue date in the QR text is not a valid YYYYMMDD date: {issued_text!r}"
        ) from exc
    return QrPayload(station_code, case_uuid, kind, serial, issued, signature)


def verify_qr_text(text: str, public_b64: str) -> QrPayload:
    """Parse a QR text and check it was signed by `public_b64`'s private key."""
    payload = parse_qr_text(text)
    signed = text.strip().rsplit("|", 1)[0]
    if not verify(public_b64, signed.encode("utf-8"), payload.signature):
        raise QrSignatureError(
            "二维码签名不符：文书内容被改动，或不是该站点签发的 / "
            "the QR signature does not match: "
            "the text was changed or was not issued by this station"
        )
    return payload
