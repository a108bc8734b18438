"""The station itself (code, name, jurisdiction, signing key) and its key/value settings."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass
from typing import Any

import sqlite_utils
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from hukou.store.audit import append_audit
from hukou.store.errors import StoreError, ValidationError
from hukou.store.users import SYSTEM_ACTOR, UserRef, resolve_actor
from hukou.store.util import dumps, iso_utc, transaction

_STATION_CODE_RE = re.compile(r"^[0-9A-Za-z]{4,16}$")


@dataclass(frozen=True)
class Station:
    code: str
    name: str
    pack_id: str
    area_id: str
    signing_key_b64: str
    created_at: str

    def private_key(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(base64.b64decode(self.signing_key_b64))

    def public_key_b64(self) -> str:
        raw = self.private_key().public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return base64.b64encode(raw).decode()


def new_signing_key_b64() -> str:
    raw = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
        serialization.NoEncryption())
    return base64.b64encode(raw).decode()


def setup_station(db: sqlite_utils.Database, *, code: str, name: str, pack_id: str,
                  area_id: str) -> Station:
    """Create the station once; later calls may rename it or change its jurisdiction,
    but the code and the signing key stay (headquarters knows the station by them)."""
    if not _STATION_CODE_RE.match(code):
        raise ValidationError(
            "code", "派出所代码应为4–16位字母或数字 / the station code must be 4–16 letters or "
            "digits")
    if not name.strip():
        raise ValidationError("name", "请填写派出所名称 / the station name is empty")
    if not pack_id or not area_id:
        raise ValidationError(
            "pack_id", "请选择辖区政策和区域 / choose the jurisdiction pack and area")
    with transaction(db):
        existing = get_station(db)
        if existing is None:
            db.conn.execute(
                "INSERT INTO station (id, code, name, pack_id, area_id, signing_key_b64,"
                " created_at) VALUES (1, ?, ?, ?, ?, ?, ?)",
                [code, name.strip(), pack_id, area_id, new_signing_key_b64(), iso_utc()])
            append_audit(db, actor=SYSTEM_ACTOR, action="station.setup", detail=f"code={code}")
        else:
            if existing.code != code:
                raise StoreError(
                    f"派出所代码已设为{existing.code}，不能更改 / the station code is "
                    f"{existing.code} and cannot change (cases are numbered with it)")
            db.conn.execute(
                "UPDATE station SET name = ?, pack_id = ?, area_id = ? WHERE id = 1",
                [name.strip(), pack_id, area_id])
            append_audit(db, actor=SYSTEM_ACTOR, action="station.update",
                         detail=f"pack={pack_id} area={area_id}")
    station = get_station(db)
    assert station is not None
    return station


def get_station(db: sqlite_utils.Database) -> Station | None:
    row = db.conn.execute(
        "SELECT code, name, pack_id, area_id, signing_key_b64, created_at FROM station"
        " WHERE id = 1").fetchone()
    return Station(*row) if row else None


def require_station(db: sqlite_utils.Database) -> Station:
    station = get_station(db)
    if station is None:
        raise StoreError(
            "尚未设置派出所，请管理员先完成设置 / the station is not set up yet: the "
            "administrator must set it up first (or run `hukou demo seed`)")
    return station


def get_setting(db: sqlite_utils.Database, key: str, default: Any = None) -> Any:
    row = db.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return default if row is None else json.loads(row[0])


def set_setting(db: sqlite_utils.Database, key: str, value: Any, *,
                user: UserRef | None) -> None:
    """Store a JSON value; the audit keeps only a digest of it (it may hold a URL or keys)."""
    with transaction(db):
        actor = SYSTEM_ACTOR if user is None else resolve_actor(db, user).login
        before = get_setting(db, key)
        db.conn.execute(
            "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
            " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            [key, dumps(value), iso_utc(), actor])
        append_audit(db, actor=actor, action="setting", detail=f"key={key}",
                     before=before, after=value)
