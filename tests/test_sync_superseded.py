"""Push and bundle export send each case's newest pending snapshot only; the older pending
rows it supersedes are acknowledged with it. HQ ends with every case's latest version,
nothing is lost, and HQ's conflict check sees what it saw when every version travelled."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from hq_fixtures import (
    CLERK,
    SUPERVISOR,
    ThreadServer,
    add_cases,
    assert_hq_holds_exactly,
    enrol_station,
    fast_retry,
)
from hukou.hq.service import export_replies, import_bundle
from hukou.store import case_snapshot, outbox_count_pending, save_draft, transition
from hukou.sync import state
from hukou.sync.client import (
    export_bundle,
    import_replies,
    pending_changes,
    sync_once,
    sync_status,
)

STATION = "110101001"


def _type_intake(db: Any, case_uuid: str, saves: int) -> None:
    """A clerk typing: one save_draft per field change."""
    for i in range(saves):
        save_draft(db, case_uuid, {"applicant": {"phone": f"1380000{i:04d}"}}, user=CLERK)


def test_a_day_of_draft_saves_sends_one_snapshot_per_case_and_hq_has_the_latest(
    hq_server: ThreadServer, sync_station: Any
) -> None:
    uuids = add_cases(sync_station, 4, submit=False)
    for case_uuid in uuids:
        _type_intake(sync_station, case_uuid, 12)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    assert sync_status(sync_station).pending == 4 * 13
    assert [c.version for c in pending_changes(sync_station, 100)] == [13] * 4
    result = sync_once(sync_station, retry=fast_retry())
    assert (result.pushed, result.superseded, result.duplicates) == (4, 4 * 12, 0)
    assert sync_status(sync_station).pending == 0
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)
    for case_uuid in uuids:
        assert hq_server.store.snapshot(case_uuid) == case_snapshot(sync_station, case_uuid)
    assert sorted(hq_server.store.case_versions(STATION)) == sorted((u, 13) for u in uuids)


def test_a_save_made_while_a_push_is_in_flight_stays_pending_and_goes_next(
    hq_server: ThreadServer, sync_station: Any
) -> None:
    [case] = add_cases(sync_station, 1, submit=False)
    _type_intake(sync_station, case, 3)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    typed: list[bool] = []

    class TypingDuringPush(httpx.HTTPTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path == "/v1/push" and not typed:
                # The clerk saves again while the station waits for HQ's answer.
                save_draft(sync_station, case, {"applicant": {"phone": "13912345678"}},
                           user=CLERK)
                typed.append(True)
            return super().handle_request(request)

    with httpx.Client(transport=TypingDuringPush(), timeout=15) as client:
        result = sync_once(sync_station, retry=fast_retry(), client=client)
    # Version 4 went first with 1-3 acknowledged under it; version 5, made meanwhile, was
    # not acknowledged by that answer: it went in the next batch.
    assert typed and (result.pushed, result.superseded, result.batches) == (2, 3, 2)
    assert hq_server.store.case_versions(STATION) == [(case, 4), (case, 5)]
    assert hq_server.store.snapshot(case) == case_snapshot(sync_station, case)
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


def test_a_station_decision_undone_before_the_push_is_still_a_conflict_at_hq(
    hq_server: ThreadServer, sync_station: Any
) -> None:
    [case] = add_cases(sync_station, 1)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    sync_once(sync_station, retry=fast_retry())
    hq_server.store.decide(case, status="approved", reason="", decided_by="县局")
    # Not knowing HQ approved, the station's supervisor returns the case and the clerk
    # takes it back to draft and edits it, all before the next push.
    transition(sync_station, case, "returned", user=SUPERVISOR, reason="缺少材料")
    transition(sync_station, case, "draft", user=CLERK)
    _type_intake(sync_station, case, 2)
    # The return travels (HQ compares each version's decision with the one before);
    # the draft saves after it collapse into their newest.
    assert [c.version for c in pending_changes(sync_station, 100)] == [3, 6]
    result = sync_once(sync_station, retry=fast_retry())
    assert (result.pushed, result.conflicts, result.superseded) == (1, 1, 2)
    [conflict] = hq_server.store.conflicts(STATION)
    assert (conflict.version, conflict.station_value, conflict.hq_value) == (
        3, "returned", "approved")
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


def test_changes_made_before_and_after_applying_an_hq_decision_travel_apart(
    sync_station: Any,
) -> None:
    [case] = add_cases(sync_station, 1, submit=False)
    _type_intake(sync_station, case, 2)
    # What pulling an HQ decision records (client._apply_event): the outbox had reached
    # this row when the station applied decision 7.
    top = sync_station.execute("SELECT max(seq) FROM outbox").fetchone()[0]
    state.ensure_tables(sync_station)
    sync_station.execute(
        "INSERT INTO sync_decisions (hq_decision_id, case_uuid, status, outbox_seq_at_apply,"
        " applied_at) VALUES (7, ?, 'returned', ?, '2026-11-22T08:00:00Z')", [case, top])
    sync_station.conn.commit()
    _type_intake(sync_station, case, 2)
    changes = pending_changes(sync_station, 100)
    assert [(c.version, c.hq_decision_seen) for c in changes] == [(3, None), (5, 7)]


def test_a_bundle_carries_the_newest_snapshots_and_the_reply_file_settles_the_rest(
    hq_server: ThreadServer, sync_station: Any, tmp_path: Path
) -> None:
    store = hq_server.store
    uuids = add_cases(sync_station, 3, submit=False)
    for case_uuid in uuids:
        _type_intake(sync_station, case_uuid, 5)
    enrol_station(store, sync_station, hq_server.url)
    path = tmp_path / "day.hkb"
    assert export_bundle(sync_station, path) == 3
    assert import_bundle(store, path.read_bytes()).applied == 3
    # Typed after the export: HQ has not seen version 7, it stays pending.
    save_draft(sync_station, uuids[0], {"applicant": {"phone": "13700000000"}}, user=CLERK)
    data, _ = export_replies(store, STATION)
    result = import_replies(sync_station, data)
    assert (result.acknowledged, result.pending) == (3 * 6, 1)
    pending = pending_changes(sync_station, 100)
    assert [(c.case_uuid, c.version) for c in pending] == [(uuids[0], 7)]
    sync_once(sync_station, retry=fast_retry())
    assert outbox_count_pending(sync_station) == 0
    assert_hq_holds_exactly(store, sync_station, STATION)
