"""Offline bundles: pending changes signed by the station and encrypted to HQ's X25519 key.

File layout: a magic line, one JSON header line (who, when, the ephemeral public key and
nonce), then AES-256-GCM ciphertext of the zlib-compressed signed envelope. The header is
the GCM associated data, so a change to any byte of the file makes it unreadable.
"""

from __future__ import annotations

import base64
import binascii
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


def write_bundle(
    bundle: Bundle, *, station_private_b64: str, hq_encryption_public_b64: str
) -> bytes:
    """The bundle file's bytes: signed with the station key, encrypted to HQ."""
    envelope = seal(bundle, signer=bundle.station_code, private_b64=station_private_b64)
    plain = zlib.compress(envelope.model_dump_json().encode("utf-8"), 6)
    recipient = base64.b64decode(hq_encryption_public_b64)
    ephemeral_key = X25519PrivateKey.generate()
    ephemeral = ephemeral_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    key = _derive(
        ephemeral_key.exchange(X25519PublicKey.from_public_bytes(recipient)), ephemeral, recipient
    )
    nonce = AESGCM.generate_key(bit_length=128)[:12]
    header: dict[str, Any] = {
        "station_code": bundle.station_code,
        "bundle_id": bundle.bundle_id,
        "created_at": bundle.created_at,
        "change_count": len(bundle.changes),
        "ephemeral_public_key": base64.b64encode(ephemeral).decode("ascii"),
        "nonce": base64.b64encode(nonce).decode("ascii"),
    }
    header_line = json.dumps(header, sort_keys=True).encode("utf-8") + b"\n"
    aad = MAGIC + header_line
    return aad + AESGCM(key).encrypt(nonce, plain, aad)


_DAMAGED = (
    "离线数据包已损坏或被改动，拒绝导入；请让派出所重新导出 / "
    "the offline bundle is damaged or was altered and is refused; "
    "ask the station to export it again"
)


def read_header(data: bytes) -> BundleHeader:
    """The bundle's clear-text header (not yet authenticated: see `read_bundle`)."""
    if not data.startswith(MAGIC):
        raise BundleError(
            "这不是户籍窗口的离线数据包 / this file is not a Hukou Counter offline bundle"
        )
    end = data.find(b"\n", len(MAGIC))
    if end < 0:
        raise BundleError(_DAMAGED)
    try:
        header = json.loads(data[len(MAGIC) : end])
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
    read_header(data)
    end = data.find(b"\n", len(MAGIC))
    aad, ciphertext = data[: end + 1], data[end + 1 :]
    try:
        header = json.loads(data[len(MAGIC) : end])
        ephemeral = base64.b64decode(header["ephemeral_public_key"], validate=True)
        nonce = base64.b64decode(header["nonce"], validate=True)
        private = X25519PrivateKey.from_private_bytes(base64.b64decode(hq_encryption_private_b64))
        recipient = private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        key = _derive(
            private.exchange(X25519PublicKey.from_public_bytes(ephemeral)), ephemeral, recipient
        )
        plain = zlib.decompress(AESGCM(key).decrypt(nonce, ciphertext, aad))
        envelope = SignedEnvelope.model_validate_json(plain)
    except InvalidTag as exc:
        raise BundleError(
            "离线数据包无法解密：文件被改动，或不是加密给本指挥中心的 / the offline bundle cannot "
            "be decrypted: the file was altered or was not encrypted for this headquarters"
        ) from exc
    except (ValueError, KeyError, TypeError, binascii.Error, zlib.error, ValidationError) as exc:
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
    if bundle.station_code != envelope.signer or bundle.station_code != header["station_code"]:
        raise BundleError(_DAMAGED)
    return bundle
