"""The sync GUI against a real HQ service on 127.0.0.1 (DESIGN §6), over each HQ store
(SQLite and PostgreSQL, as hq_fixtures parametrizes them): the status bar, Sync now, the
periodic sync, progress, a conflict in the list, and the offline bundle and reply file
through the File menu."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from hq_fixtures import ThreadServer, enrol_station
from hukou import store
from hukou.hq.service import export_replies, import_bundle
from hukou.sync import client
from hukou.ui import ops
from hukou.ui.main_window import MainWindow
from hukou.ui.session import Session
from hukou.ui.sync_status import SyncRun
from test_ui_qa import shot
from ui_fixtures import STATION_CODE, open_window, sign_in, submitted_case, wait_idle


@dataclass(frozen=True)
class QuickRetry(client.RetryPolicy):
    """A dead HQ is given up on after two quick tries, not the production quarter minute."""

    attempts: int = 2
    first_delay: float = 0.05
    max_delay: float = 0.1
    timeout: float = 5


@pytest.fixture(autouse=True)
def quick_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client, "RetryPolicy", QuickRetry)


def submitted(session: Session, name: str = "孙立新") -> str:
    return submitted_case(session, name=name)


def finish_sync(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.sync_status.syncing(), timeout=30_000)
    wait_idle()


def test_sync_now_sends_the_cases_and_the_status_bar_says_so(
    qtbot: Any, ui_session: Session, hq: ThreadServer
) -> None:
    cases = [submitted(ui_session, n) for n in ("孙立新", "欧阳·娜仁")]
    window = open_window(qtbot, ui_session)
    slot = window.sync_status
    assert "未连接总部" in slot.label.text()
    assert not slot.button.isEnabled(), "nothing to sync with before enrolment"
    enrol_station(hq.store, ui_session.db(), hq.url)
    slot.refresh()
    wait_idle()
    assert "待发送 4 项" in slot.label.text()
    assert slot.button.isEnabled()
    qtbot.mouseClick(slot.button, Qt.MouseButton.LeftButton)
    assert slot.syncing() and not slot.button.isEnabled(), "one run at a time"
    finish_sync(qtbot, window)
    assert set(hq.store.case_heads(STATION_CODE)) == set(cases)
    assert "已全部同步" in slot.label.text()
    assert "上次成功" in slot.label.text()
    assert slot.last_result.pushed == 2
    assert store.outbox_count_pending(ui_session.db()) == 0


def test_the_progress_bar_follows_a_long_run(
    qtbot: Any, ui_session: Session, hq: ThreadServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    submitted(ui_session)
    enrol_station(hq.store, ui_session.db(), hq.url)
    window = open_window(qtbot, ui_session)
    go_on = threading.Event()
    real_work = SyncRun.work

    def slow_start(run: SyncRun, session: Session) -> Any:
        run.progress(3, 10)  # as sync_once reports between batches
        go_on.wait(20)
        return real_work(run, session)

    monkeypatch.setattr(SyncRun, "work", slow_start)
    bar = window.sync_status.progress
    assert not bar.isVisible()
    window.sync_action.trigger()  # F9
    qtbot.waitUntil(lambda: bar.isVisible() and bar.value() == 3, timeout=5_000)
    assert (bar.maximum(), bar.text()) == (10, "3/10 项")
    assert window.sync_status.label.text() == "正在同步…"
    go_on.set()
    finish_sync(qtbot, window)
    assert not bar.isVisible()
    assert hq.store.case_heads(STATION_CODE)


def test_the_station_syncs_on_its_own_only_when_hq_is_configured(
    qtbot: Any, ui_session: Session, hq: ThreadServer
) -> None:
    case = submitted(ui_session)
    window = open_window(qtbot, ui_session)
    slot = window.sync_status
    slot.auto_timer.setInterval(50)
    qtbot.wait(300)
    wait_idle()
    assert slot.last_result is None and not slot.configured(), "not enrolled: no runs"
    enrol_station(hq.store, ui_session.db(), hq.url)
    slot.refresh()
    qtbot.waitUntil(lambda: case in hq.store.case_heads(STATION_CODE), timeout=20_000)
    slot.auto_timer.stop()
    finish_sync(qtbot, window)
    assert "已全部同步" in slot.label.text()


def test_hq_unreachable_shows_the_error_after_sync_now_but_never_a_dialog_on_the_timer(
    qtbot: Any, ui_session: Session, hq: ThreadServer
) -> None:
    submitted(ui_session)
    enrol_station(hq.store, ui_session.db(), hq.url)
    hq.stop()
    window = open_window(qtbot, ui_session)
    slot = window.sync_status
    slot.auto_sync()
    finish_sync(qtbot, window)
    assert ops.ShowErrorHook.shown == [], "the periodic sync never interrupts the clerk"
    assert "上次同步失败" in slot.label.text()
    assert "待发送 2 项" in slot.label.text()
    assert "连不上指挥中心" in slot.label.toolTip()
    qtbot.mouseClick(slot.button, Qt.MouseButton.LeftButton)
    finish_sync(qtbot, window)
    assert len(ops.ShowErrorHook.shown) == 1 and "cannot reach HQ" in ops.ShowErrorHook.shown[0]


def test_a_conflict_with_hq_shows_in_the_list_and_opens_the_case(
    qtbot: Any, ui_session: Session, hq: ThreadServer
) -> None:
    case = submitted(ui_session, "钱学勤")
    enrol_station(hq.store, ui_session.db(), hq.url)
    window = open_window(qtbot, ui_session)
    slot = window.sync_status
    slot.sync_now()
    finish_sync(qtbot, window)
    assert not slot.conflicts_button.isVisible()
    # HQ refuses the case while the station's supervisor, not knowing, approves it.
    hq.store.decide(case, status="refused", reason="不符合条件", decided_by="县局")
    store.transition(ui_session.db(), case, "approved", user="super")
    slot.sync_now()
    finish_sync(qtbot, window)
    assert slot.conflicts_button.isVisible()
    assert slot.conflicts_button.text() == "冲突 1 项"
    qtbot.mouseClick(slot.conflicts_button, Qt.MouseButton.LeftButton)
    wait_idle()
    dialog = window.conflicts_dialog
    assert dialog is not None and dialog.isVisible()
    table = dialog.table
    assert table.rowCount() == 1
    shot(window, "sync-status")
    shot(dialog, "sync-conflicts")
    number = store.get_case(ui_session.db(), case).number
    row = [table.item(0, c).text() for c in range(table.columnCount())]
    assert row[:5] == [number, "钱学勤", "审批结果", "已批准", "不予受理"]
    with qtbot.waitSignal(dialog.open_case, timeout=5_000) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [case]
    wait_idle()
    assert window.work_page is not None, "the case opened in the window"


def test_export_a_bundle_and_import_the_reply_file_through_the_file_menu(
    qtbot: Any,
    ui_session: Session,
    hq: ThreadServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case = submitted(ui_session, "李·阿依古丽")
    enrol_station(hq.store, ui_session.db(), hq.url)
    window = open_window(qtbot, ui_session)
    bundle = tmp_path / "media" / "to-hq"
    bundle.parent.mkdir()
    # The file chooser is the operating system's; the clerk's answer is the path.
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(bundle), ""))
    )
    with qtbot.waitSignal(window_transfer(window).finished, timeout=20_000) as done:
        window.export_bundle_action.trigger()
    written = bundle.with_name("to-hq.hkb")
    assert "1 份案件记录（涵盖待发送的 2 项变更）" in done.args[0]
    assert str(written) in done.args[0]
    assert window.transfer.message_box.isVisible()
    window.transfer.message_box.accept()
    assert store.outbox_count_pending(ui_session.db()) == 2, "pending until HQ replies"
    report = import_bundle(hq.store, written.read_bytes())
    assert report.applied == 1
    hq.store.decide(case, status="approved", reason="", decided_by="县局审批员")
    data, _ = export_replies(hq.store, STATION_CODE)
    reply = tmp_path / "media" / "from-hq.hkr"
    reply.write_bytes(data)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(reply), ""))
    )
    with qtbot.waitSignal(window.transfer.finished, timeout=20_000) as done:
        window.import_replies_action.trigger()
    text = done.args[0]
    assert "总部已确认收到 2 项待发送的变更" in text
    assert "带回审批结果 1 项" in text and "仍待发送 0 项" in text
    window.transfer.message_box.accept()
    assert store.get_case(ui_session.db(), case).status == "approved"
    wait_idle()
    assert "已全部同步" in window.sync_status.label.text()
    assert store.outbox_count_pending(ui_session.db()) == 0
    # The same file again changes nothing, and says so.
    with qtbot.waitSignal(window.transfer.finished, timeout=20_000) as again:
        window.import_replies_action.trigger()
    assert "已经导入过" in again.args[0]
    window.transfer.message_box.accept()


def test_a_damaged_reply_file_is_refused_with_the_reason(
    qtbot: Any, ui_session: Session, hq: ThreadServer, tmp_path: Path
) -> None:
    submitted(ui_session)
    enrol_station(hq.store, ui_session.db(), hq.url)
    sign_in(ui_session, "super")
    window = open_window(qtbot, ui_session)
    data = bytearray(export_replies(hq.store, STATION_CODE)[0])
    data[len(data) // 2] ^= 0xFF
    damaged = tmp_path / "damaged.hkr"
    damaged.write_bytes(bytes(data))
    window_transfer(window).import_from(damaged)
    wait_idle()
    assert len(ops.ShowErrorHook.shown) == 1
    assert store.outbox_count_pending(ui_session.db()) == 2, "nothing changed"
    window_transfer(window).import_from(tmp_path / "missing.hkr")
    wait_idle()
    assert "cannot read" in ops.ShowErrorHook.shown[-1]


def window_transfer(window: MainWindow) -> Any:
    return window._transfer()
