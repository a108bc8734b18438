"""Sync under faults (issue 6). Each test ends with HQ holding exactly the station's
changes: none lost, none twice."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from hq_fixtures import (
    CuttingProxy,
    ProcessServer,
    ThreadServer,
    add_cases,
    assert_hq_holds_exactly,
    enrol_station,
    fast_retry,
)
from hukou.domain import signing
from hukou.hq.service import import_bundle
from hukou.hq.store import HqError, open_store
from hukou.store import get_station, outbox_count_pending
from hukou.sync.client import SyncError, export_bundle, sync_once
from hukou.sync.protocol import Batch, Change, PushResponse, seal

STATION = "110101001"


@pytest.mark.slow
def test_hq_killed_mid_batch_and_restarted(hq_url: str, sync_station: Any, tmp_path: Path) -> None:
    store = open_store(hq_url)
    server = ProcessServer(hq_url, tmp_path / "hq.log")
    server.start()
    proxy = CuttingProxy(server.port)
    try:
        add_cases(sync_station, 30)
        enrol_station(store, sync_station, proxy.url)
        killed = threading.Event()

        def kill_once(total: int) -> None:
            # Partway into the third batch's request: HQ dies with it half received.
            if total > 2 * 12_000 and not killed.is_set():
                killed.set()
                server.kill()
                threading.Timer(0.3, server.start).start()

        proxy.on_request_bytes = kill_once
        result = sync_once(sync_station, retry=fast_retry(), batch_size=10)
        assert killed.is_set()
        assert result.batches == 3
        assert_hq_holds_exactly(store, sync_station, STATION)
    finally:
        proxy.close()
        server.stop()
        store.close()


def test_connection_cut_mid_response(hq_server: ThreadServer, sync_station: Any) -> None:
    proxy = CuttingProxy(hq_server.port)
    try:
        add_cases(sync_station, 12)
        enrol_station(hq_server.store, sync_station, proxy.url)
        # The first three connections drop partway into HQ's answer: HQ has applied the
        # batch, the station never hears so, sends it again and gets "duplicate".
        proxy.cuts = [200, 90, 400]
        result = sync_once(sync_station, retry=fast_retry(), batch_size=8)
        assert proxy.cut_count == 3
        assert result.duplicates > 0
        assert result.pushed + result.duplicates >= 12
        assert_hq_holds_exactly(hq_server.store, sync_station, STATION)
    finally:
        proxy.close()


class _DoubleDelivery(httpx.HTTPTransport):
    """Sends every request twice over the network; the station sees the second answer."""

    def __init__(self) -> None:
        super().__init__()
        self.sent = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        first = super().handle_request(request)
        first.read()
        first.close()
        self.sent += 2
        return super().handle_request(request)


def test_every_batch_delivered_twice(hq_server: ThreadServer, sync_station: Any) -> None:
    add_cases(sync_station, 9)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    transport = _DoubleDelivery()
    with httpx.Client(transport=transport, timeout=15) as client:
        result = sync_once(sync_station, retry=fast_retry(), client=client, batch_size=5)
    assert transport.sent >= 2 * 2
    # Each answer the station saw is the second delivery's: all duplicates.
    assert (result.pushed, result.duplicates, result.superseded) == (0, 9, 9)
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


def test_batches_out_of_order(hq_server: ThreadServer, sync_station: Any) -> None:
    add_cases(sync_station, 6)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    station = get_station(sync_station)
    assert station is not None
    # Every version the station queued, as HQ would get them from an older station that
    # sent each one (a push now sends each case's newest snapshot only).
    changes = [Change(seq=r[0], case_uuid=r[1], version=r[2], kind=r[3],
                      payload=json.loads(r[4]), created_at=r[5])
               for r in sync_station.execute("SELECT seq, case_uuid, version, kind, payload,"
                                             " created_at FROM outbox ORDER BY seq").fetchall()]
    assert len(changes) == 12
    batches = [changes[i : i + 4] for i in range(0, len(changes), 4)]
    for number, part in reversed(list(enumerate(batches, start=1))):
        envelope = seal(Batch(station_code=STATION, batch_seq=number, sent_at="x",
                              changes=part), signer=STATION, private_b64=station.signing_key_b64)
        answer = httpx.post(f"{hq_server.url}/v1/push", json=envelope.model_dump(mode="json"))
        assert {r.status for r in PushResponse.model_validate(answer.json()).results} == {
            "applied"}
    # Version 2 of each case arrived before version 1; the head is still version 2.
    assert set(hq_server.store.case_heads(STATION).values()) == {2}
    result = sync_once(sync_station, retry=fast_retry())
    assert (result.pushed, result.duplicates, result.superseded) == (0, 6, 6)
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


def test_station_clock_a_day_off(hq_server: ThreadServer, sync_station: Any,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from hukou.store import util

    real_now = util.now_utc
    for offset in (dt.timedelta(days=1), dt.timedelta(days=-1)):
        monkeypatch.setattr(util, "now_utc", lambda o=offset: real_now() + o)
        add_cases(sync_station, 3)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    result = sync_once(sync_station, retry=fast_retry())
    assert (result.pushed, result.superseded) == (6, 6)
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


def test_bundle_replayed(hq_server: ThreadServer, sync_station: Any, tmp_path: Path) -> None:
    add_cases(sync_station, 4)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    older, newer = tmp_path / "older.hkb", tmp_path / "newer.hkb"
    export_bundle(sync_station, older)
    add_cases(sync_station, 2)
    export_bundle(sync_station, newer)
    assert import_bundle(hq_server.store, newer.read_bytes()).applied == 6
    held = hq_server.store.case_versions(STATION)
    for replay in (newer, older, newer):
        report = import_bundle(hq_server.store, replay.read_bytes())
        assert report.applied == 0 and report.conflicts == 0
    assert hq_server.store.case_versions(STATION) == held
    sync_once(sync_station, retry=fast_retry())
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


def test_bundle_tampered(hq_server: ThreadServer, sync_station: Any, tmp_path: Path) -> None:
    add_cases(sync_station, 3)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    path = tmp_path / "station.hkb"
    export_bundle(sync_station, path)
    original = path.read_bytes()
    for position in (5, len(original) // 3, len(original) // 2, len(original) - 1):
        data = bytearray(original)
        data[position] = (data[position] + 1) % 256
        with pytest.raises(HqError, match=r"refused|not a Hukou Counter|altered|damaged"):
            import_bundle(hq_server.store, bytes(data))
    assert hq_server.store.case_versions(STATION) == []
    assert import_bundle(hq_server.store, original).applied == 3
    sync_once(sync_station, retry=fast_retry())
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


def test_wrong_station_key(hq_server: ThreadServer, sync_station: Any, tmp_path: Path) -> None:
    add_cases(sync_station, 3)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    real_key = get_station(sync_station).signing_key_b64  # type: ignore[union-attr]
    # The station's key no longer matches the one HQ enrolled (a copied or restored database).
    sync_station.execute("UPDATE station SET signing_key_b64 = ?", [signing.generate_signing_key()])
    sync_station.conn.commit()
    with pytest.raises(SyncError, match="signature check failed"):
        sync_once(sync_station, retry=fast_retry())
    path = tmp_path / "wrong.hkb"
    export_bundle(sync_station, path)
    with pytest.raises(HqError, match="does not match the key enrolled"):
        import_bundle(hq_server.store, path.read_bytes())
    assert hq_server.store.case_versions(STATION) == []
    assert outbox_count_pending(sync_station) == 6
    sync_station.execute("UPDATE station SET signing_key_b64 = ?", [real_key])
    sync_station.conn.commit()
    time.sleep(0)
    sync_once(sync_station, retry=fast_retry())
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)
