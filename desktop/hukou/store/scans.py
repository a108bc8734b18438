"""Scanned documents: files kept under the data directory, their sha256 in the case."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import sqlite_utils

from hukou.store.backup import database_file
from hukou.store.cases import CaseRecord, attach_scan
from hukou.store.errors import StoreError
from hukou.store.users import UserRef

SCANS_DIR = "scans"
MAX_SCAN_BYTES = 50 * 1024 * 1024


def attach_scan_file(db: sqlite_utils.Database, case_uuid: str, document_id: str,
                     source: Path, *, user: UserRef) -> CaseRecord:
    """Copy the file to `<data>/scans/<case uuid>/<document>-<sha256 prefix><ext>` and record it."""
    source = Path(source)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise StoreError(
            f"无法读取扫描件{source}：{exc} / cannot read the scan {source} ({exc})") from exc
    if len(data) > MAX_SCAN_BYTES:
        raise StoreError(
            "扫描件超过50MB / the scan is larger than 50 MB: scan at a lower resolution")
    sha = hashlib.sha256(data).hexdigest()
    relative = Path(SCANS_DIR) / case_uuid / f"{document_id}-{sha[:16]}{source.suffix.lower()}"
    target = database_file(db).parent / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        partial = target.with_name(target.name + ".partial")
        shutil.copyfile(source, partial)
        partial.replace(target)
    return attach_scan(db, case_uuid, document_id, relative.as_posix(), sha, user=user)
