"""Offline files: bundles (station -> HQ) and the encryption both directions share.

File layout: a magic line, one JSON header line (who, when, the ephemeral public key and
nonce), then AES-256-GCM ciphertext of the zlib-compressed signed envelope. The header is
the GCM associated data, so a change to any byte of the file makes it unreadable. A bundle
is signed by the station and encrypted to HQ's X25519 key; HQ's reply file (replies.py)
is signed by HQ and encrypted to the X25519 form of the station's Ed25519 key.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from pydantic import Field, ValidationError

from hukou.sync.protocol import (
    PROTOCOL_VERSION,
    Change,
    ProtocolError,
    SignedEnvelope,
    WireModel,
    open_envelope,
    seal,
)

MAGIC = b"HUKOU-BUNDLE 1\n"
_HKDF_INFO = b"hukou offline bundle v1"


class BundleError(ValueError):
    """An offline bundle cannot be read: damaged, altered, or meant for another HQ."""


class Bundle(WireModel):
    protocol: int = PROTOCOL_VERSION
    bundle_id: str = Field(min_length=8, max_length=64)
    station_code: str = Field(pattern=r"^[0-9A-Za-z_-]{1,32}$")
    created_at: str = Field(max_length=40)
    changes: list[Change]
    cursor: int = Field(
        default=0, ge=0,
        description="the station's pull cursor: every HQ event up to it has been applied",
    )


@dataclass(frozen=True)
class BundleHeader:
    station_code: str
    bundle_id: str
    created_at: str
    change_count: int


def generate_encryption_key() -> str:
    """A new X25519 private key: raw 32 bytes, base64."""
    raw = X25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return base64.b64encode(raw).decode("ascii")


def encryption_public_key(private_b64: str) -> str:
    key = X25519PrivateKey.from_private_bytes(base64.b64decode(private_b64))
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base64.b64encode(raw).decode("ascii")


def _derive(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=_HKDF_INFO
    ).derive(shared)


# The field prime of Curve25519 / edwards25519.
_P = 2**255 - 19


def x25519_private_from_signing(signing_private_b64: str) -> str:
    """The X25519 private key that belongs to an Ed25519 key (as libsodium converts it).

    Ed25519's secret scalar is the clamped first half of SHA-512(seed); X25519 uses the
    same scalar, so both sides can encrypt to a station with only the key it enrolled.
    """
    seed = base64.b64decode(signing_private_b64)
    scalar = bytearray(hashlib.sha512(seed).digest()[:32])
    scalar[0] &= 248
    scalar[31] &= 127
    scalar[31] |= 64
    return base64.b64encode(bytes(scalar)).decode("ascii")


def x25519_public_from_signing(signing_public_b64: str) -> str:
    """The X25519 public key of an Ed25519 public key: u = (1 + y) / (1 - y) mod p."""
    raw = bytearray(base64.b64decode(signing_public_b64))
    if len(raw) != 32:
        raise BundleError("公钥长度应为 32 字节 / the public key must be 32 bytes")
    raw[31] &= 0x7F
    y = int.from_bytes(raw, "little")
    if y >= _P or (1 - y) % _P == 0:
        raise BundleError("公钥不是有效的 Ed25519 公钥 / the public key is not a valid Ed25519 key")
    u = (1 + y) * pow(1 - y, _P - 2, _P) % _P
    return base64.b64encode(u.to_bytes(32, "little")).decode("ascii")


def encrypt_file(magic: bytes, header: dict[str, Any], plain: bytes,
                 recipient_public_b64: str) -> bytes:
    """magic + header line + AES-GCM(zlib(plain)) under a fresh ephemeral X25519 key."""
    recipient = base64.b64decode(recipient_public_b64)
    ephemeral_key = X25519PrivateKey.generate()
    ephemeral = ephemeral_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    key = _derive(
        ephemeral_key.exchange(X25519PublicKey.from_public_bytes(recipient)), ephemeral, recipient
    )
    nonce = AESGCM.generate_key(bit_length=128)[:12]
    header = {**header, "ephemeral_public_key": base64.b64encode(ephemeral).decode("ascii"),
              "nonce": base64.b64encode(nonce).decode("ascii")}
    header_line = json.dumps(header, sort_keys=True).encode("utf-8") + b"\n"
    aad = magic + header_line
    return aad + AESGCM(key).encrypt(nonce, zlib.compress(plain, 6), aad)


def file_header(data: bytes, magic: bytes, not_ours: str, damaged: str) -> dict[str, Any]:
    """The clear-text header (not yet authenticated: `decrypt_file` checks it)."""
    if not data.startswith(magic):
        raise BundleError(not_ours)
    end = data.find(b"\n", len(magic))
    if end < 0:
        raise BundleError(damaged)
    try:
        header = json.loads(data[len(magic) : end])
    except ValueError as exc:
        raise BundleError(damaged) from exc
    if not isinstance(header, dict):
        raise BundleError(damaged)
    return header


def decrypt_file(data: bytes, magic: bytes, private_b64: str, *, not_ours: str, damaged: str,
                 wrong_key: str) -> bytes:
    """The plain bytes of a file `encrypt_file` made; any changed byte raises BundleError."""
    header = file_header(data, magic, not_ours, damaged)
    end = data.find(b"\n", len(magic))
    aad, ciphertext = data[: end + 1], data[end + 1 :]
    try:
        ephemeral = base64.b64decode(header["ephemeral_public_key"], validate=True)
        nonce = base64.b64decode(header["nonce"], validate=True)
        private = X25519PrivateKey.from_private_bytes(base64.b64decode(private_b64))
        recipient = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        key = _derive(
            private.exchange(X25519PublicKey.from_public_bytes(ephemeral)), ephemeral, recipient
        )
        return zlib.decompress(AESGCM(key).decrypt(nonce, ciphertext, aad))
    except InvalidTag as exc:
        raise BundleError(wrong_key) from exc
    except (ValueError, KeyError, TypeError, binascii.Error, zlib.error) as exc:
        raise BundleError(damaged) from exc


def write_bundle(
    bundle: Bundle, *, station_private_b64: str, hq_encryption_public_b64: str
) -> bytes:
    """The bundle file's bytes: signed with the station key, encrypted to HQ."""
    envelope = seal(bundle, signer=bundle.station_code, private_b64=station_private_b64)
    return write_bundle_envelope(envelope, bundle.station_code, bundle.bundle_id,
                                 bundle.created_at, len(bundle.changes),
                                 hq_encryption_public_b64=hq_encryption_public_b64)


def write_bundle_envelope(envelope: SignedEnvelope, station_code: str, bundle_id: str,
                          created_at: str, change_count: int, *,
                          hq_encryption_public_b64: str) -> bytes:
    """A bundle file from an envelope whose body is a `Bundle` signed by the station."""
    header: dict[str, Any] = {"station_code": station_code, "bundle_id": bundle_id,
                              "created_at": created_at, "change_count": change_count}
    return encrypt_file(MAGIC, header, envelope.model_dump_json().encode("utf-8"),
                        hq_encryption_public_b64)


_DAMAGED = (
    "离线数据包已损坏或被改动，拒绝导入；请让派出所重新导出 / "
    "the offline bundle is damaged or was altered and is refused; "
    "ask the station to export it again"
)


_NOT_A_BUNDLE = "这不是户籍窗口的离线数据包 / this file is not a Hukou Counter offline bundle"
_NOT_FOR_US = (
    "离线数据包无法解密：文件被改动，或不是加密给本指挥中心的 / the offline bundle cannot "
    "be decrypted: the file was altered or was not encrypted for this headquarters"
)


def read_header(data: bytes) -> BundleHeader:
    """The bundle's clear-text header (not yet authenticated: see `read_bundle`)."""
    header = file_header(data, MAGIC, _NOT_A_BUNDLE, _DAMAGED)
    try:
        return BundleHeader(
            station_code=str(header["station_code"]),
            bundle_id=str(header["bundle_id"]),
            created_at=str(header["created_at"]),
            change_count=int(header["change_count"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise BundleError(_DAMAGED) from exc


def read_bundle(
    data: bytes, *, hq_encryption_private_b64: str, station_public_key: Any
) -> Bundle:
    """Decrypt and check a bundle. `station_public_key(code) -> str | None` looks up keys."""
    header = read_header(data)
    plain = decrypt_file(data, MAGIC, hq_encryption_private_b64, not_ours=_NOT_A_BUNDLE,
                         damaged=_DAMAGED, wrong_key=_NOT_FOR_US)
    try:
        envelope = SignedEnvelope.model_validate_json(plain)
    except ValidationError as exc:
        raise BundleError(_DAMAGED) from exc
    public = station_public_key(envelope.signer)
    if public is None:
        raise BundleError(
            f"数据包来自未登记的派出所 {envelope.signer}，请先为其办理登记 / the bundle comes "
            f"from station {envelope.signer}, which is not enrolled; enrol it first"
        )
    try:
        bundle = open_envelope(envelope, Bundle, public_b64=public)
    except ProtocolError as exc:
        raise BundleError(
            f"数据包签名与派出所 {envelope.signer} 登记的密钥不符，拒绝导入 / the bundle's "
            f"signature does not match the key enrolled for station {envelope.signer}; refused"
        ) from exc
    if bundle.station_code != envelope.signer or bundle.station_code != header.station_code:
        raise BundleError(_DAMAGED)
    return bundle
