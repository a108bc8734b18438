"""A real station database syncing with the real HQ service (DESIGN §6): push, pull of
decisions and policy packs, conflicts at both ends, status, cancel, offline bundles."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

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
    free_port,
)
from hukou.hq.service import import_bundle
from hukou.store import get_case, outbox_count_pending, save_draft, transition
from hukou.sync.client import RetryPolicy, SyncError, export_bundle, sync_once, sync_status

STATION = "110101001"


def test_sync_pushes_every_case_once_and_records_success(
    hq_server: ThreadServer, sync_station: Any
) -> None:
    add_cases(sync_station, 7)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    before = sync_status(sync_station)
    assert before.enrolled and before.pending == 14 and before.last_success is None
    seen: list[tuple[int, int]] = []
    result = sync_once(sync_station, progress=lambda d, t: seen.append((d, t)),
                       retry=fast_retry(), batch_size=5)
    # Each case's newest snapshot travels (7 changes, whole cases per batch of 5); the
    # older one it supersedes is acknowledged with it.
    assert (result.pushed, result.superseded, result.duplicates, result.batches) == (7, 7, 0, 2)
    assert seen[0] == (0, 14) and seen[-1] == (14, 14)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)
    after = sync_status(sync_station)
    assert after.pending == 0 and after.last_success and not after.last_error
    again = sync_once(sync_station, retry=fast_retry())
    assert (again.pushed, again.batches) == (0, 0)


def test_an_hq_decision_comes_back_to_the_station(hq_server: ThreadServer,
                                                  sync_station: Any) -> None:
    [case] = add_cases(sync_station, 1)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    sync_once(sync_station, retry=fast_retry())
    hq_server.store.decide(case, status="returned", reason="缺少房屋产权证明",
                           decided_by="县局审批员")
    result = sync_once(sync_station, retry=fast_retry())
    assert result.decisions == 1
    record = get_case(sync_station, case)
    assert (record.status, record.decision_reason, record.decided_by) == (
        "returned", "缺少房屋产权证明", "县局审批员")
    # The station now works on the returned case knowing the decision: no conflict.
    transition(sync_station, case, "draft", user=CLERK)
    save_draft(sync_station, case, {"applicant": {"name": "申请人乙"}}, user=CLERK)
    follow = sync_once(sync_station, retry=fast_retry())
    assert (follow.pushed, follow.superseded, follow.conflicts) == (1, 1, 0)
    assert hq_server.store.conflicts() == [] and sync_status(sync_station).conflicts == []
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


def test_a_station_approval_of_a_case_hq_refused_is_a_conflict_at_both_ends(
    hq_server: ThreadServer, sync_station: Any
) -> None:
    [case] = add_cases(sync_station, 1)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    sync_once(sync_station, retry=fast_retry())
    hq_server.store.decide(case, status="refused", reason="不符合条件", decided_by="县局")
    transition(sync_station, case, "approved", user=SUPERVISOR)
    result = sync_once(sync_station, retry=fast_retry())
    assert result.conflicts == 1
    [at_hq] = hq_server.store.conflicts(STATION)
    assert (at_hq.case_uuid, at_hq.station_value, at_hq.hq_value) == (case, "approved", "refused")
    [at_station] = sync_status(sync_station).conflicts
    assert (at_station.case_uuid, at_station.station_value, at_station.hq_value) == (
        case, "approved", "refused")
    assert get_case(sync_station, case).status == "refused"
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


def test_cancel_stops_between_batches_and_the_rest_goes_next_time(
    hq_server: ThreadServer, sync_station: Any
) -> None:
    add_cases(sync_station, 6)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        if done >= 4:
            cancel.set()

    result = sync_once(sync_station, progress=progress, cancel=cancel, retry=fast_retry(),
                       batch_size=4)
    assert result.cancelled and (result.pushed, result.superseded) == (4, 4)
    assert outbox_count_pending(sync_station) == 4
    assert sync_status(sync_station).last_success is None
    sync_once(sync_station, retry=fast_retry())
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


def test_sync_without_enrolment_says_how_to_enrol(sync_station: Any) -> None:
    add_cases(sync_station, 1)
    with pytest.raises(SyncError, match="sync enrol"):
        sync_once(sync_station, retry=fast_retry())
    assert "sync enrol" in (sync_status(sync_station).last_error or "")


def test_an_unreachable_hq_is_reported_and_nothing_is_lost(
    hq_server: ThreadServer, sync_station: Any
) -> None:
    add_cases(sync_station, 2)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    hq_server.stop()
    with pytest.raises(SyncError, match="cannot reach HQ"):
        sync_once(sync_station, retry=RetryPolicy(attempts=3, first_delay=0.05))
    status = sync_status(sync_station)
    assert status.pending == 4 and "cannot reach HQ" in (status.last_error or "")
    hq_server.start()
    sync_once(sync_station, retry=fast_retry())
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


# -- policy packs --------------------------------------------------------------------------

def _pack_text(title: str) -> str:
    text = (REPO_ROOT / "forms" / "hunan.yaml").read_text(encoding="utf-8")
    lines = [f"title: {title}" if line.startswith("title:") else line
             for line in text.splitlines()]
    return "\n".join(lines) + "\n"


def test_a_signed_policy_pack_is_installed_and_the_loader_prefers_it(
    hq_server: ThreadServer, sync_station: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hukou.policy import load_all_packs

    station_dir = Path(sync_station.execute("PRAGMA database_list").fetchone()[2]).parent
    monkeypatch.setenv("HUKOU_DATA_DIR", str(station_dir))
    enrol_station(hq_server.store, sync_station, hq_server.url)
    title = "湖南省户籍制度改革实施意见（2026年修订）"
    hq_server.store.publish_pack("hunan.yaml", _pack_text(title))
    result = sync_once(sync_station, retry=fast_retry())
    assert (result.packs_installed, result.packs_refused) == (1, 0)
    installed = station_dir / "forms" / "hunan.yaml"
    assert installed.exists()
    pack = load_all_packs()["hunan"]
    assert pack.title == title
    assert Path(str(pack.source_file)) == installed


def test_a_pack_with_a_bad_signature_or_a_failing_lint_is_refused(
    hq_server: ThreadServer, sync_station: Any
) -> None:
    station_dir = Path(sync_station.execute("PRAGMA database_list").fetchone()[2]).parent
    enrol_station(hq_server.store, sync_station, hq_server.url)
    forged = hq_server.store.publish_pack("hunan.yaml", _pack_text("湖南省（原文）"))
    hq_server.store.add_signed_pack("hunan.yaml", _pack_text("湖南省（被改动）"), forged.signature)
    hq_server.store.publish_pack("national.yaml", "id: [unclosed\n")
    hq_server.store.publish_pack("liaoning.yaml", _pack_text("湖南省（须登记农业户口）"))
    result = sync_once(sync_station, retry=fast_retry())
    assert (result.packs_installed, result.packs_refused) == (1, 3)
    rows = sync_station.execute("SELECT filename, result, reason FROM sync_packs "
                              "ORDER BY hq_pack_id").fetchall()
    assert [r[1] for r in rows] == ["installed", "refused", "refused", "refused"]
    assert "valid HQ signature" in rows[1][2]
    assert "does not load" in rows[2][2]
    assert "fails the lint" in rows[3][2]
    assert "fails the lint" in (sync_status(sync_station).last_error or "")
    assert sorted(p.name for p in (station_dir / "forms").glob("*.yaml")) == ["hunan.yaml"]
    assert "原文" in (station_dir / "forms" / "hunan.yaml").read_text(encoding="utf-8")


# -- offline bundle and the commands -------------------------------------------------------

def test_an_exported_bundle_imports_at_hq_and_the_changes_stay_pending(
    hq_server: ThreadServer, sync_station: Any, tmp_path: Path
) -> None:
    add_cases(sync_station, 3)
    enrol_station(hq_server.store, sync_station, hq_server.url)
    bundle = tmp_path / "station.hkb"
    # Each case's newest snapshot only: 3 changes for the 6 pending rows.
    assert export_bundle(sync_station, bundle) == 3
    report = import_bundle(hq_server.store, bundle.read_bytes())
    assert (report.applied, report.duplicates) == (3, 0)
    assert outbox_count_pending(sync_station) == 6
    # The next online sync finds them all at HQ already: acknowledged as duplicates.
    result = sync_once(sync_station, retry=fast_retry())
    assert (result.pushed, result.duplicates, result.superseded) == (0, 3, 3)
    assert_hq_holds_exactly(hq_server.store, sync_station, STATION)


def _hukou(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {"PYTHONPATH": str(REPO_ROOT / "desktop"), "HUKOU_DATA_DIR": str(data_dir),
           "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "hukou.cli", *args], capture_output=True,
                          text=True, env=env, check=False, timeout=120)


@pytest.mark.slow
def test_the_commands_enrol_sync_export_import_and_status(tmp_path: Path) -> None:
    from hq_fixtures import ProcessServer, make_station

    station_dir = tmp_path / "station"
    db = make_station(station_dir)
    add_cases(db, 2)
    db.close()
    hq_db = str(tmp_path / "hq.sqlite3")
    code = _hukou("hq", "enrol-code", STATION, "--db", hq_db, data_dir=station_dir)
    assert code.returncode == 0, code.stderr
    server = ProcessServer(hq_db, tmp_path / "hq.log")
    server.port = free_port()
    server.url = f"http://127.0.0.1:{server.port}"
    server.start()
    try:
        enrolled = _hukou("sync", "enrol", "--hq", server.url, "--code", code.stdout.strip(),
                          data_dir=station_dir)
        assert enrolled.returncode == 0, enrolled.stderr
        reused = _hukou("sync", "enrol", "--hq", server.url, "--code", code.stdout.strip(),
                        data_dir=station_dir)
        assert reused.returncode == 2 and "already used" in reused.stderr
        assert "Traceback" not in reused.stderr
        exported = _hukou("sync", "export", "--out", str(tmp_path / "b.hkb"),
                          data_dir=station_dir)
        assert exported.returncode == 0 and "2 change(s)" in exported.stdout
        imported = _hukou("hq", "import", str(tmp_path / "b.hkb"), "--db", hq_db,
                          data_dir=station_dir)
        assert imported.returncode == 0 and "2 applied" in imported.stdout, imported.stderr
        synced = _hukou("sync", data_dir=station_dir)
        assert synced.returncode == 0, synced.stderr
        assert "duplicates 2" in synced.stdout
        assert "2 older version(s) superseded" in synced.stdout
        status = _hukou("sync", "status", data_dir=station_dir)
        assert "waiting:      0" in status.stdout
        (tmp_path / "bad.hkb").write_bytes(b"HUKOU-BUNDLE 1\n{}\n" + b"x" * 40)
        bad = _hukou("hq", "import", str(tmp_path / "bad.hkb"), "--db", hq_db,
                     data_dir=station_dir)
        assert bad.returncode == 2 and bad.stderr.startswith("hukou: ")
    finally:
        server.stop()
