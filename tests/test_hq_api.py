"""The headquarters API against SQLite and PostgreSQL: enrolment, idempotent push, signed
pull, decisions and conflicts (DESIGN §6), QR verification, offline bundle import."""

from __future__ import annotations

import uuid
from datetime import date

import httpx
import pytest

from hq_fixtures import FakeStation, ThreadServer, enrol_fake_station
from hukou.domain import signing
from hukou.hq.service import import_bundle
from hukou.hq.store import HqError, HqStore
from hukou.sync.bundle import Bundle, BundleError, read_bundle, write_bundle
from hukou.sync.protocol import (
    PullRequest,
    PullResponse,
    PushResponse,
    SignedEnvelope,
    open_envelope,
    seal,
)


def _push(server: ThreadServer, envelope: SignedEnvelope) -> httpx.Response:
    return httpx.post(f"{server.url}/v1/push", json=envelope.model_dump(mode="json"), timeout=30)


def _pull(server: ThreadServer, station: FakeStation, cursor: int = 0) -> PullResponse:
    request = PullRequest(station_code=station.code, cursor=cursor, sent_at="2026-11-22T08:00Z")
    answer = httpx.post(f"{server.url}/v1/pull", timeout=30, json=seal(
        request, signer=station.code, private_b64=station.key).model_dump(mode="json"))
    assert answer.status_code == 200, answer.text
    keys = server.store.keys()
    return open_envelope(SignedEnvelope.model_validate(answer.json()), PullResponse,
                         public_b64=keys.signing_public)


def test_enrolment_returns_both_hq_public_keys_and_codes_work_once(hq_server: ThreadServer) -> None:
    store = hq_server.store
    store.add_enrol_code("110101001", "ONCEONLY2026")
    key = signing.generate_signing_key()
    body = {"code": "onceonly2026", "station_code": "110101001", "station_name": "东城派出所",
            "public_key": signing.public_key_b64(key)}
    first = httpx.post(f"{hq_server.url}/v1/enrol", json=body)
    assert first.status_code == 200, first.text
    keys = store.keys()
    assert first.json()["hq_signing_public_key"] == keys.signing_public
    assert first.json()["hq_encryption_public_key"] == keys.encryption_public
    station = store.station("110101001")
    assert station is not None and station.public_key == body["public_key"]

    again = httpx.post(f"{hq_server.url}/v1/enrol", json=body)
    assert again.status_code == 403 and "already used" in again.json()["detail"]
    unknown = httpx.post(f"{hq_server.url}/v1/enrol", json={**body, "code": "NOSUCHCODE"})
    assert unknown.status_code == 403 and "unknown enrolment code" in unknown.json()["detail"]


def test_a_code_for_one_station_does_not_enrol_another(hq_store: HqStore) -> None:
    hq_store.add_enrol_code("110101001", "FORSTATION1")
    with pytest.raises(HqError, match="issued for station 110101001"):
        hq_store.enrol(code="FORSTATION1", station_code="110101002", name="x",
                       public_key=signing.public_key_b64(signing.generate_signing_key()))
    assert hq_store.station("110101002") is None


def test_push_applies_each_change_once_and_answers_per_change(hq_server: ThreadServer) -> None:
    station = enrol_fake_station(hq_server.store)
    changes = [station.change() for _ in range(5)]
    changes.append(station.change(changes[0].case_uuid, status="approved"))
    first = PushResponse.model_validate(_push(hq_server, station.batch(changes)).json())
    assert [r.status for r in first.results] == ["applied"] * 6
    again = PushResponse.model_validate(_push(hq_server, station.batch(changes)).json())
    assert [r.status for r in again.results] == ["duplicate"] * 6
    held = hq_server.store.case_versions(station.code)
    assert sorted(held) == sorted((c.case_uuid, c.version) for c in changes)
    assert hq_server.store.case_heads(station.code)[changes[0].case_uuid] == 2


def test_an_older_version_arriving_late_never_replaces_a_newer_one(hq_store: HqStore) -> None:
    station = enrol_fake_station(hq_store)
    v1 = station.change(status="submitted")
    v2 = station.change(v1.case_uuid, status="approved")
    hq_store.apply_changes(station.code, [v2], source="test")
    hq_store.apply_changes(station.code, [v1], source="test")
    assert hq_store.case_heads(station.code) == {v1.case_uuid: 2}
    snapshot = hq_store.snapshot(v1.case_uuid)
    assert snapshot is not None and snapshot["status"] == "approved"
    assert len(hq_store.case_versions(station.code)) == 2


def test_a_batch_signed_with_another_key_is_refused(hq_server: ThreadServer) -> None:
    station = enrol_fake_station(hq_server.store)
    impostor = FakeStation(code=station.code, key=signing.generate_signing_key())
    answer = _push(hq_server, impostor.batch([impostor.change()]))
    assert answer.status_code == 400
    assert "signature check failed" in answer.json()["detail"]
    assert hq_server.store.case_versions(station.code) == []


def test_an_unenrolled_station_is_refused(hq_server: ThreadServer) -> None:
    stranger = FakeStation(code="999999999", key=signing.generate_signing_key())
    answer = _push(hq_server, stranger.batch([stranger.change()]))
    assert answer.status_code == 403 and "not enrolled" in answer.json()["detail"]


def test_a_station_cannot_overwrite_another_stations_case(hq_store: HqStore) -> None:
    east = enrol_fake_station(hq_store, "110101001")
    west = enrol_fake_station(hq_store, "110102001")
    change = east.change()
    hq_store.apply_changes(east.code, [change], source="test")
    forged = west.change(change.case_uuid)
    forged = forged.model_copy(update={"version": 2, "payload": {**forged.payload, "version": 2}})
    [result] = hq_store.apply_changes(west.code, [forged], source="test")
    assert result.status == "rejected" and "belongs to station 110101001" in result.detail
    assert hq_store.case_heads(west.code) == {}


def test_pull_brings_signed_decisions_of_the_stations_own_cases(hq_server: ThreadServer) -> None:
    store = hq_server.store
    east = enrol_fake_station(store, "110101001")
    west = enrol_fake_station(store, "110102001")
    mine, theirs = east.change(), west.change()
    store.apply_changes(east.code, [mine], source="test")
    store.apply_changes(west.code, [theirs], source="test")
    store.decide(mine.case_uuid, status="returned", reason="缺少租赁登记备案证明",
                 decided_by="县局审批员")
    store.decide(theirs.case_uuid, status="approved", reason="", decided_by="县局审批员")
    page = _pull(hq_server, east)
    assert [e.decision.case_uuid for e in page.events if e.decision] == [mine.case_uuid]
    assert page.events[0].decision is not None
    assert page.events[0].decision.reason == "缺少租赁登记备案证明"
    assert _pull(hq_server, east, page.cursor).events == []


def test_pull_pages_through_many_events(hq_store: HqStore) -> None:
    station = enrol_fake_station(hq_store)
    changes = [station.change() for _ in range(7)]
    hq_store.apply_changes(station.code, changes, source="test")
    for change in changes:
        hq_store.decide(change.case_uuid, status="approved", reason="", decided_by="hq")
    cursor, seen = 0, []
    while True:
        page = hq_store.pull(station.code, cursor, limit=3)
        seen += [e.decision.case_uuid for e in page.events if e.decision]
        cursor = page.cursor
        if not page.more:
            break
    assert seen == [c.case_uuid for c in changes]


def test_a_station_approval_made_without_seeing_hqs_refusal_is_a_conflict(
    hq_store: HqStore,
) -> None:
    station = enrol_fake_station(hq_store)
    v1 = station.change()
    hq_store.apply_changes(station.code, [v1], source="test")
    decision = hq_store.decide(v1.case_uuid, status="refused", reason="不符合条件",
                               decided_by="hq")
    v2 = station.change(v1.case_uuid, status="approved", decision_status="approved",
                        decided_by="所领导", decided_at="2026-11-22T09:00:00Z")
    [result] = hq_store.apply_changes(station.code, [v2], source="test")
    assert result.status == "conflict" and result.conflict_id is not None
    [conflict] = hq_store.conflicts(station.code)
    assert (conflict.station_value, conflict.hq_value) == ("approved", "refused")
    # Kept, not dropped: the station's version is stored; HQ's decision still stands.
    assert (v2.case_uuid, 2) in hq_store.case_versions(station.code)
    summary = hq_store.case_summary(v1.case_uuid)
    assert summary is not None and summary.decision_status == "refused"
    kinds = [e.kind for e in hq_store.pull(station.code, 0).events]
    assert kinds == ["decision", "conflict"]
    # A later change made after the station applied the decision is no conflict.
    v3 = station.change(v1.case_uuid, status="refused", decision_status="refused",
                        hq_decision_seen=decision.id)
    [later] = hq_store.apply_changes(station.code, [v3], source="test")
    assert later.status == "applied"


def test_an_intake_change_after_an_hq_decision_is_no_conflict(hq_store: HqStore) -> None:
    station = enrol_fake_station(hq_store)
    v1 = station.change()
    hq_store.apply_changes(station.code, [v1], source="test")
    hq_store.decide(v1.case_uuid, status="approved", reason="", decided_by="hq")
    v2 = station.change(v1.case_uuid, applicant={"name": "张三丰"})
    [result] = hq_store.apply_changes(station.code, [v2], source="test")
    assert result.status == "applied"
    assert hq_store.conflicts() == []


def test_deciding_an_unknown_case_or_with_a_bad_status_is_refused(hq_store: HqStore) -> None:
    with pytest.raises(HqError, match="holds no case"):
        hq_store.decide(str(uuid.uuid4()), status="approved", reason="", decided_by="hq")
    with pytest.raises(HqError, match="one of approved"):
        hq_store.decide(str(uuid.uuid4()), status="maybe", reason="", decided_by="hq")


def test_verify_says_whether_a_printed_qr_is_genuine(hq_server: ThreadServer) -> None:
    station = enrol_fake_station(hq_server.store)
    change = station.change()
    hq_server.store.apply_changes(station.code, [change], source="test")
    text = signing.make_qr_text(station.key, case_uuid=change.case_uuid, kind="receipt",
                                serial="R1", station_code=station.code, issued=date(2026, 11, 22))

    def check(qr: str) -> dict[str, object]:
        answer = httpx.post(f"{hq_server.url}/v1/verify", json={"qr_text": qr})
        assert answer.status_code == 200
        return dict(answer.json())

    genuine = check(text)
    assert genuine["genuine"] is True
    case = genuine["case"]
    assert isinstance(case, dict)
    assert case["case_number"] == change.payload["case_number"] and case["applicant_name"] == "张*"
    assert check(text.replace("receipt", "permit"))["genuine"] is False
    assert check("HK1|nonsense")["genuine"] is False
    other = signing.make_qr_text(signing.generate_signing_key(), case_uuid=change.case_uuid,
                                 kind="receipt", serial="R1", station_code=station.code,
                                 issued=date(2026, 11, 22))
    assert check(other)["genuine"] is False


def test_the_openapi_document_lists_the_endpoints(hq_server: ThreadServer) -> None:
    paths = httpx.get(f"{hq_server.url}/openapi.json").json()["paths"]
    assert {"/v1/enrol", "/v1/push", "/v1/pull", "/v1/verify", "/v1/health"} <= set(paths)


# -- offline bundles -----------------------------------------------------------------------

def _bundle(station: FakeStation, store: HqStore, changes: list) -> bytes:  # type: ignore[type-arg]
    bundle = Bundle(bundle_id=str(uuid.uuid4()), station_code=station.code,
                    created_at="2026-11-22T08:00:00Z", changes=changes)
    return write_bundle(bundle, station_private_b64=station.key,
                        hq_encryption_public_b64=store.keys().encryption_public)


def test_a_bundle_imported_twice_or_older_after_newer_changes_nothing(hq_store: HqStore) -> None:
    station = enrol_fake_station(hq_store)
    first = [station.change() for _ in range(3)]
    older = _bundle(station, hq_store, first)
    newer = _bundle(station, hq_store, [*first, station.change(first[0].case_uuid)])
    report = import_bundle(hq_store, newer)
    assert (report.applied, report.duplicates) == (4, 0)
    held = hq_store.case_versions(station.code)
    assert import_bundle(hq_store, newer).duplicates == 4
    assert import_bundle(hq_store, older).duplicates == 3
    assert hq_store.case_versions(station.code) == held
    assert hq_store.case_heads(station.code)[first[0].case_uuid] == 2


@pytest.mark.parametrize("where", [0, 20, 60, -40, -1])
def test_a_bundle_with_any_byte_changed_is_refused(hq_store: HqStore, where: int) -> None:
    station = enrol_fake_station(hq_store)
    data = bytearray(_bundle(station, hq_store, [station.change() for _ in range(2)]))
    data[where] ^= 0x01
    with pytest.raises(HqError, match=r"refused|not a Hukou Counter|altered"):
        import_bundle(hq_store, bytes(data))
    assert hq_store.case_versions(station.code) == []


def test_a_bundle_signed_by_the_wrong_station_key_is_refused(hq_store: HqStore) -> None:
    station = enrol_fake_station(hq_store)
    impostor = FakeStation(code=station.code, key=signing.generate_signing_key())
    data = _bundle(impostor, hq_store, [impostor.change()])
    with pytest.raises(HqError, match="does not match the key enrolled"):
        import_bundle(hq_store, data)
    assert hq_store.case_versions(station.code) == []


def test_a_bundle_for_another_hq_cannot_be_read(hq_store: HqStore) -> None:
    station = enrol_fake_station(hq_store)
    from hukou.sync.bundle import encryption_public_key, generate_encryption_key

    bundle = Bundle(bundle_id=str(uuid.uuid4()), station_code=station.code,
                    created_at="2026-11-22T08:00:00Z", changes=[station.change()])
    data = write_bundle(bundle, station_private_b64=station.key,
                        hq_encryption_public_b64=encryption_public_key(generate_encryption_key()))
    with pytest.raises(BundleError, match="not encrypted for this headquarters"):
        read_bundle(data, hq_encryption_private_b64=hq_store.keys().encryption_private,
                    station_public_key=lambda code: station.public_key)


@pytest.mark.postgres
def test_a_decision_waits_for_a_push_in_progress_for_that_station() -> None:
    """Without the station's lock a decision could slip between a push's read of the case
    and its commit, and the push would miss the conflict (DESIGN §6: never dropped)."""
    import threading

    import psycopg

    from hq_fixtures import create_pg_database
    from hukou.hq.store import open_store

    database = create_pg_database()
    store = open_store(database.url)
    try:
        station = enrol_fake_station(store)
        change = station.change()
        store.apply_changes(station.code, [change], source="test")
        with psycopg.connect(database.url, autocommit=True) as pushing:
            with pushing.transaction():
                pushing.execute("SELECT pg_advisory_xact_lock(hashtext(%s))",
                                (f"station:{station.code}",))
                deciding = threading.Thread(target=store.decide, args=(change.case_uuid,),
                                            kwargs={"status": "refused", "reason": "",
                                                    "decided_by": "hq"})
                deciding.start()
                while not pushing.execute(
                    "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND wait_event = 'advisory'").fetchone():
                    deciding.join(0.01)
                    assert deciding.is_alive(), "the decision did not wait for the push"
                assert pushing.execute("SELECT count(*) FROM decisions").fetchone() == (0,)
            deciding.join(30)
        assert hq_summary_status(store, change.case_uuid) == "refused"
    finally:
        store.close()
        database.drop()


def hq_summary_status(store: HqStore, case_uuid: str) -> str | None:
    summary = store.case_summary(case_uuid)
    return summary.decision_status if summary else None
