"""The sync slot in the status bar: changes waiting, last success, last error, conflicts;
`Sync now`, and a sync every few minutes while headquarters is configured.

Every sync runs on a worker through the ops helper; the clerk never waits for it. The
worker reports progress into a `SyncRun` the UI thread polls, so a long first push moves
a progress bar without the worker touching a widget.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from hukou.ui import i18n
from hukou.ui.ops import BackgroundOp, show_error
from hukou.ui.session import Session

REFRESH_MS = 30_000
#: How often the station syncs on its own while HQ is configured.
AUTO_SYNC_MS = 5 * 60_000
PROGRESS_POLL_MS = 150
ERROR_CHARS = 40


def _read_status(session: Session) -> Any:
    from hukou.sync.client import sync_status

    return sync_status(session.db())


class SyncRun:
    """One sync under way: the worker writes progress here, the UI thread reads it."""

    def __init__(self, *, automatic: bool) -> None:
        self.automatic = automatic
        self.done = 0
        self.total = 0
        self.cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        # Two plain ints assigned on the worker; the UI timer reads them (a torn read
        # only shows one frame's stale value).
        self.done, self.total = int(done), int(total)

    def work(self, session: Session) -> Any:
        from hukou.sync.client import sync_once

        return sync_once(session.db(), progress=self.progress, cancel=self.cancel)


def local_time(value: str | None) -> str:
    """An ISO UTC time as the clerk reads it: `14:05` today, `11-20 14:05` before."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone()
    if local.date() == dt.datetime.now().astimezone().date():
        return local.strftime("%H:%M")
    return local.strftime("%m-%d %H:%M")


class SyncStatusWidget(i18n.Retranslatable, QWidget):
    """`synced` carries the SyncResult of each finished run; `open_conflicts` asks the
    window for the conflict list."""

    synced = Signal(object)
    status_changed = Signal(object)
    open_conflicts = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("SyncStatus")
        self.label = QLabel(self)
        self.label.setObjectName("sync_label")
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("sync_progress")
        self.progress.setFixedWidth(160)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.conflicts_button = QToolButton(self)
        self.conflicts_button.setObjectName("sync_conflicts_button")
        self.conflicts_button.setStyleSheet("QToolButton { color: #b3261e; font-weight: bold; }")
        self.conflicts_button.hide()
        self.button = QToolButton(self)
        self.button.setObjectName("sync_button")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 6, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        layout.addWidget(self.conflicts_button)
        layout.addWidget(self.button)
        self.status: Any = None
        self.run: SyncRun | None = None
        self.last_result: Any = None
        self.button.clicked.connect(lambda: self.sync_now())
        self.conflicts_button.clicked.connect(self.open_conflicts)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(REFRESH_MS)
        self.auto_timer = QTimer(self)
        self.auto_timer.timeout.connect(self.auto_sync)
        self.auto_timer.start(AUTO_SYNC_MS)
        self.poll = QTimer(self)
        self.poll.setInterval(PROGRESS_POLL_MS)
        self.poll.timeout.connect(self._show_progress)
        self.retranslate()

    # -- what it shows --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.button.setText(self.tr("立即同步"))
        self.button.setToolTip(self.tr("把本所案件发送到总部，并取回审批结果和政策更新"))
        self.conflicts_button.setToolTip(self.tr("查看与总部不一致的案件"))
        self._show()

    def configured(self) -> bool:
        """HQ's address and keys are known: the station can sync over the network."""
        status = self.status
        return bool(status is not None and status.enrolled and status.hq_url)

    def syncing(self) -> bool:
        return self.run is not None

    def _show(self) -> None:
        status = self.status
        conflicts = len(status.conflicts) if status is not None else 0
        self.conflicts_button.setText(self.tr("冲突 {n} 项").format(n=conflicts))
        self.conflicts_button.setVisible(conflicts > 0)
        self.button.setEnabled(self.configured() and self.run is None)
        if self.run is not None:
            self.label.setText(self.tr("正在同步…"))
            return
        if status is None:
            self.label.setText(self.tr("同步状态读取中"))
            self.label.setToolTip("")
            return
        pending = int(status.pending)
        if not status.enrolled:
            parts = [self.tr("未连接总部，待发送 {n} 项").format(n=pending)]
        elif not status.hq_url:
            parts = [self.tr("离线传送，待发送 {n} 项").format(n=pending)]
        elif pending:
            parts = [self.tr("待发送 {n} 项").format(n=pending)]
        else:
            parts = [self.tr("已全部同步")]
        error = i18n.user_message(status.last_error) if status.last_error else ""
        if error:
            short = error if len(error) <= ERROR_CHARS else error[: ERROR_CHARS - 1] + "…"
            parts.append(self.tr("上次同步失败：{error}").format(error=short))
        elif status.last_success:
            parts.append(self.tr("上次成功 {at}").format(at=local_time(status.last_success)))
        self.label.setText("　".join(parts))
        tip = []
        if status.hq_url:
            tip.append(self.tr("总部：{url}").format(url=status.hq_url))
        if status.last_success:
            tip.append(self.tr("上次成功：{at}").format(at=local_time(status.last_success)))
        if error:
            tip.append(
                self.tr("上次错误（{at}）：{error}").format(
                    at=local_time(status.last_error_at), error=error
                )
            )
        if self.configured():
            tip.append(
                self.tr("每 {n} 分钟自动同步一次").format(n=max(1, AUTO_SYNC_MS // 60_000))
            )
        self.label.setToolTip("\n".join(tip))

    def _show_progress(self) -> None:
        run = self.run
        if run is None:
            return
        if run.total > 0:
            self.progress.setRange(0, run.total)
            self.progress.setValue(min(run.done, run.total))
            self.progress.setFormat(
                self.tr("{done}/{total} 项").format(done=run.done, total=run.total)
            )
        else:
            self.progress.setRange(0, 0)  # busy until the first count arrives
        self.progress.show()

    # -- reading and syncing --------------------------------------------------------------

    def refresh(self) -> None:
        session = self.session
        (
            BackgroundOp(self, lambda: _read_status(session))
            .success(self._got_status)
            .failure(lambda exc: None)  # the slot keeps its last text; the next tick retries
            .run()
        )

    def _got_status(self, status: Any) -> None:
        self.status = status
        self._show()
        self.status_changed.emit(status)

    def auto_sync(self) -> None:
        """The timer's sync: only when HQ is configured, never over a run under way, and
        a failure goes into the status bar, not into a dialog over the clerk's work."""
        if self.configured() and self.run is None:
            self.sync_now(automatic=True)

    def sync_now(self, *, automatic: bool = False) -> None:
        if self.run is not None:
            return
        run = SyncRun(automatic=automatic)
        self.run = run
        self._show()
        self.poll.start()
        session = self.session

        def finished(result: Any) -> None:
            self._finish()
            self.last_result = result
            self.synced.emit(result)

        def failed(exc: BaseException) -> None:
            self._finish()
            if not run.automatic:
                show_error(self.window(), exc)

        BackgroundOp(self, lambda: run.work(session)).success(finished).failure(failed).run()

    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel.set()

    def _finish(self) -> None:
        self.run = None
        self.poll.stop()
        self.progress.hide()
        self._show()
        self.refresh()

    def stop(self) -> None:
        """The window is closing: no new runs; a run under way stops between batches."""
        self.timer.stop()
        self.auto_timer.stop()
        self.cancel()
