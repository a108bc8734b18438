"""The offline way back (DESIGN §6): HQ's reply file acknowledges what a station's bundles
delivered and carries decisions, policy packs and conflicts; a real station database on
one side, the real HQ store on SQLite and PostgreSQL on the other."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import pytest

from hq_fixtures import (
    CLERK,
    REPO_ROOT,
    SUPERVISOR,
    ThreadServer,
    add_cases,
    assert_hq_holds_exactly,
    enrol_station,
    fast_retry,
    make_station,
)
from hukou.domain import signing
from hukou.hq.service import export_replies, import_bundle
from hukou.hq.store import HqError, HqStore, PostgresHqStore, SqliteHqStore
from hukou.store import get_case, get_station, outbox_count_pending, transition
from hukou.sync import bundle as bundle_format
from hukou.sync import replies as replies_format
from hukou.sync.client import (
    SyncError,
    _pending_rows,
    batch_body,
    export_bundle,
    import_replies,
    sync_once,
    sync_status,
)
from hukou.sync.protocol import Batch, seal

STATION = "110101001"


def _carry_bundle(store: HqStore, db: Any, folder: Path, name: str = "b.hkb") -> int:
    """The station exports a bundle and HQ imports it; returns how many changes it carried."""
    path = folder / name
    count = export_bundle(db, path)
    import_bundle(store, path.read_bytes())
    return count


def _replies_file(store: HqStore, folder: Path, name: str = "r.hkr") -> Path:
    data, _ = export_replies(store, STATION)
    path = folder / name
    path.write_bytes(data)
    return path


def _station_state(db: Any) -> dict[str, Any]:
    """Everything a reply file may change at the station."""
    def rows(sql: str) -> list[tuple[Any, ...]]:
        return [tuple(r) for r in db.execute(sql).fetchall()]

    return {
        "outbox": rows("SELECT seq, acked_at FROM outbox ORDER BY seq"),
        "cases": rows("SELECT uuid, status, version, decided_by, decided_at FROM cases "
                      "ORDER BY uuid"),
        "conflicts": rows("SELECT * FROM sync_conflicts ORDER BY id"),
        "decisions": rows("SELECT * FROM sync_decisions ORDER BY hq_decision_id"),
        "packs": rows("SELECT * FROM sync_packs ORDER BY hq_pack_id"),
        "settings": rows("SELECT key, value FROM settings WHERE key LIKE 'sync.%' ORDER BY key"),
    }


def test_a_reply_file_acknowledges_the_bundle_and_brings_decisions_and_packs_back(
    hq_server: ThreadServer, sync_station: Any, tmp_path: Path
) -> None:
    store = hq_server.store
    uuids = add_cases(sync_station, 3)
    enrol_station(store, sync_station, hq_server.url)
    assert _carry_bundle(store, sync_station, tmp_path) == 3
    decision = store.decide(uuids[0], status="returned", reason="缺少房屋产权证明",
                            decided_by="县局审批员")
    pack = (REPO_ROOT / "forms" / "hunan.yaml").read_text(encoding="utf-8")
    store.publish_pack("hunan.yaml", pack)
    result = import_replies(sync_station, _replies_file(store, tmp_path).read_bytes())
    assert (result.acknowledged, result.rejected, result.decisions) == (6, 0, 1)
    assert (result.packs_installed, result.packs_refused, result.pending) == (1, 0, 0)
    assert outbox_count_pending(sync_station) == 0
    record = get_case(sync_station, uuids[0])
    assert (record.status, record.decision_reason) == ("returned", "缺少房屋产权证明")
    station_dir = Path(sync_station.execute("PRAGMA database_list").fetchone()[2]).parent
    assert (station_dir / "forms" / "hunan.yaml").read_text(encoding="utf-8") == pack
    status = sync_status(sync_station)
    assert status.pending == 0 and status.last_success
    # HQ learns through the next bundle that the decision arrived: the next reply file
    # starts after it and carries no event again.
    assert _carry_bundle(store, sync_station, tmp_path, "again.hkb") == 0
    station = store.station(STATION)
    assert station is not None and station.confirmed_cursor >= decision.id
    _, later = export_replies(store, STATION)
    assert later.events == [] and later.since_cursor == station.confirmed_cursor
    assert_hq_holds_exactly(store, sync_station, STATION)


def test_export_leaves_out_what_hq_acknowledged_and_says_how_many_it_carries(
    hq_server: ThreadServer, sync_station: Any, tmp_path: Path
) -> None:
    store = hq_server.store
    add_cases(sync_station, 2)
    enrol_station(store, sync_station, hq_server.url)
    assert _carry_bundle(store, sync_station, tmp_path, "first.hkb") == 2
    import_replies(sync_station, _replies_file(store, tmp_path).read_bytes())
    add_cases(sync_station, 1)
    path = tmp_path / "second.hkb"
    assert export_bundle(sync_station, path) == 1
    header = bundle_format.read_header(path.read_bytes())
    assert header.change_count == 1
    report = import_bundle(store, path.read_bytes())
    assert (report.applied, report.duplicates) == (1, 0)


def test_importing_a_reply_file_twice_or_an_older_after_a_newer_changes_nothing(
    hq_server: ThreadServer, sync_station: Any, tmp_path: Path
) -> None:
    store = hq_server.store
    uuids = add_cases(sync_station, 2)
    enrol_station(store, sync_station, hq_server.url)
    _carry_bundle(store, sync_station, tmp_path)
    older = _replies_file(store, tmp_path, "older.hkr")
    store.decide(uuids[1], status="approved", reason="", decided_by="县局")
    newer = _replies_file(store, tmp_path, "newer.hkr")
    first = import_replies(sync_station, newer.read_bytes())
    assert (first.acknowledged, first.decisions) == (4, 1)
    settled = _station_state(sync_station)
    for replay in (newer, older):
        again = import_replies(sync_station, replay.read_bytes())
        assert again.already_imported and again.acknowledged == 0 and again.decisions == 0
        assert _station_state(sync_station) == settled
    assert get_case(sync_station, uuids[1]).status == "approved"


@pytest.mark.parametrize("where", [0, 10, 40, -200, -1])
def test_a_reply_file_with_any_byte_changed_is_refused(
    hq_server: ThreadServer, sync_station: Any, tmp_path: Path, where: int
) -> None:
    store = hq_server.store
    uuids = add_cases(sync_station, 1)
    enrol_station(store, sync_station, hq_server.url)
    _carry_bundle(store, sync_station, tmp_path)
    store.decide(uuids[0], status="refused", reason="不符合条件", decided_by="县局")
    data = bytearray(_replies_file(store, tmp_path).read_bytes())
    data[where] ^= 0x01
    before = _station_state(sync_station)
    with pytest.raises(SyncError, match=r"damaged|altered|not a Hukou Counter|is for station"):
        import_replies(sync_station, bytes(data))
    assert _station_state(sync_station) == before
    assert get_case(sync_station, uuids[0]).status == "submitted"


def test_a_reply_file_for_another_station_is_refused(
    hq_server: ThreadServer, sync_station: Any, tmp_path: Path
) -> None:
    store = hq_server.store
    add_cases(sync_station, 1)
    enrol_station(store, sync_station, hq_server.url)
    _carry_bundle(store, sync_station, tmp_path)
    other = make_station(tmp_path / "west", code="110102001")
    try:
        enrol_station(store, other, hq_server.url)
        add_cases(other, 1)
        data, _ = export_replies(store, STATION)
        before = _station_state(other)
        with pytest.raises(SyncError, match="is for station 110101001, not this station"):
            import_replies(other, data)
        assert _station_state(other) == before
        assert outbox_count_pending(other) == 2
    finally:
        other.close()


def test_a_reply_file_not_signed_by_the_enrolled_hq_is_refused(
    hq_server: ThreadServer, sync_station: Any, tmp_path: Path
) -> None:
    store = hq_server.store
    add_cases(sync_station, 1)
    enrol_station(store, sync_station, hq_server.url)
    _carry_bundle(store, sync_station, tmp_path)
    station = store.station(STATION)
    assert station is not None
    replies = store.export_replies(STATION)
    forged = replies_format.write_replies(
        replies, hq_signing_private_b64=signing.generate_signing_key(),
        station_public_b64=station.public_key)
    with pytest.raises(SyncError, match="not signed with the HQ key"):
        import_replies(sync_station, forged)
    assert outbox_count_pending(sync_station) == 2


def test_a_reply_file_starting_after_events_the_station_never_had_is_refused(
    hq_server: ThreadServer, sync_station: Any, tmp_path: Path
) -> None:
    store = hq_server.store
    uuids = add_cases(sync_station, 1)
    enrol_station(store, sync_station, hq_server.url)
    _carry_bundle(store, sync_station, tmp_path)
    store.decide(uuids[0], status="approved", reason="", decided_by="县局")
    # Online twice: the first run applies the decision, the second one's pull request
    # tells HQ so (a cursor counts as confirmed once the station asks from it).
    sync_once(sync_station, retry=fast_retry())
    sync_once(sync_station, retry=fast_retry())
    store.decide(uuids[0], status="refused", reason="复核不符", decided_by="县局")
    data, replies = export_replies(store, STATION)
    assert replies.since_cursor >= 1
    # The station database goes back to a copy from before it had those decisions.
    sync_station.execute("UPDATE settings SET value = '0' WHERE key = 'sync.cursor'")
    sync_station.conn.commit()
    with pytest.raises(SyncError, match="would skip decisions"):
        import_replies(sync_station, data)


def test_a_conflict_and_a_rejected_change_come_back_in_the_reply_file(
    hq_server: ThreadServer, sync_station: Any, tmp_path: Path
) -> None:
    store = hq_server.store
    [case, other] = add_cases(sync_station, 2)
    enrol_station(store, sync_station, hq_server.url)
    _carry_bundle(store, sync_station, tmp_path, "one.hkb")
    store.decide(case, status="refused", reason="不符合条件", decided_by="县局")
    transition(sync_station, case, "approved", user=SUPERVISOR)
    # A change HQ refuses for good: its snapshot names another station.
    transition(sync_station, other, "awaiting_documents", user=CLERK)
    sync_station.execute(
        "UPDATE outbox SET payload = json_set(payload, '$.station_code', '999999999') "
        "WHERE case_uuid = ? AND version = 3", [other])
    sync_station.conn.commit()
    export_bundle(sync_station, tmp_path / "two.hkb")
    report = import_bundle(store, (tmp_path / "two.hkb").read_bytes())
    assert (report.conflicts, report.rejected) == (1, 1)
    result = import_replies(sync_station, _replies_file(store, tmp_path).read_bytes())
    assert (result.rejected, result.conflicts, result.pending) == (1, 1, 0)
    items = {(c.case_uuid, c.field, c.source) for c in sync_status(sync_station).conflicts}
    assert (case, "decision_status", "hq") in items
    assert (other, "*", "push") in items
    assert get_case(sync_station, case).status == "refused"


def test_export_replies_for_an_unknown_station_is_refused(hq_store: HqStore) -> None:
    with pytest.raises(HqError, match="not enrolled"):
        export_replies(hq_store, "999999999")


# -- building blocks ----------------------------------------------------------------------

def test_the_station_key_converts_to_the_x25519_key_it_encrypts_to() -> None:
    for _ in range(20):
        key = signing.generate_signing_key()
        private = bundle_format.x25519_private_from_signing(key)
        assert bundle_format.encryption_public_key(private) == (
            bundle_format.x25519_public_from_signing(signing.public_key_b64(key)))
    with pytest.raises(bundle_format.BundleError):
        bundle_format.x25519_public_from_signing(base64.b64encode(b"x" * 31).decode())


def test_the_batch_text_built_from_the_outbox_is_what_sealing_the_parsed_batch_gives(
    sync_station: Any,
) -> None:
    add_cases(sync_station, 3)
    station = get_station(sync_station)
    assert station is not None
    rows = _pending_rows(sync_station, 100)
    text = batch_body(STATION, 7, "2026-11-22T08:00:00.000Z", rows)
    parsed = Batch.model_validate_json(text)
    assert len(parsed.changes) == 3
    sealed = seal(parsed, signer=STATION, private_b64=station.signing_key_b64)
    assert sealed.body == text
    assert json.loads(text)["changes"][0]["payload"]["uuid"] == rows[0].case_uuid


@pytest.mark.slow
def test_the_commands_export_replies_and_import_replies(
    hq_server: ThreadServer, tmp_path: Path
) -> None:
    store = hq_server.store
    station_dir = tmp_path / "station"
    db = make_station(station_dir)
    uuids = add_cases(db, 2)
    enrol_station(store, db, hq_server.url)
    db.close()
    hq_db = (store.url if isinstance(store, PostgresHqStore)
             else str(cast(SqliteHqStore, store).path))
    env = {"PYTHONPATH": str(REPO_ROOT / "desktop"), "HUKOU_DATA_DIR": str(station_dir),
           "PATH": "/usr/bin:/bin"}

    def hukou(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "hukou.cli", *args], capture_output=True,
                              text=True, env=env, check=False, timeout=120)

    exported = hukou("sync", "export", "--out", str(tmp_path / "b.hkb"))
    # Each case's newest snapshot: 2 changes for the 4 pending rows.
    assert exported.returncode == 0 and "2 change(s)" in exported.stdout, exported.stderr
    assert hukou("hq", "import", str(tmp_path / "b.hkb"), "--db", hq_db).returncode == 0
    store.decide(uuids[0], status="approved", reason="", decided_by="县局")
    out = tmp_path / "r.hkr"
    replied = hukou("hq", "export-replies", "--station", STATION, "--out", str(out), "--db", hq_db)
    assert replied.returncode == 0, replied.stderr
    assert "2 acknowledgement(s)" in replied.stdout and "1 decision(s)" in replied.stdout
    imported = hukou("sync", "import-replies", str(out))
    assert imported.returncode == 0, imported.stderr
    # The 2 HQ holds and the 2 older rows they supersede.
    assert "4 change(s) acknowledged" in imported.stdout and "0 waiting" in imported.stdout
    again = hukou("sync", "import-replies", str(out))
    assert again.returncode == 0 and "nothing changed" in again.stdout
    empty = hukou("sync", "export", "--out", str(tmp_path / "c.hkb"))
    assert empty.returncode == 0 and "0 changes" in empty.stdout
    (tmp_path / "bad.hkr").write_bytes(out.read_bytes()[:-3])
    bad = hukou("sync", "import-replies", str(tmp_path / "bad.hkr"))
    assert bad.returncode == 2 and bad.stderr.startswith("hukou: ")
    assert "Traceback" not in bad.stderr
    unknown = hukou("hq", "export-replies", "--station", "999999999", "--out",
                    str(tmp_path / "x.hkr"), "--db", hq_db)
    assert unknown.returncode == 2 and "not enrolled" in unknown.stderr
