"""The sync slot in the status bar: changes waiting, last success or error; click to sync now."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from hukou.ui import i18n
from hukou.ui.ops import BackgroundOp
from hukou.ui.session import Session

REFRESH_MS = 30_000


def _read_status(session: Session) -> Any:
    from hukou.sync.client import sync_status

    return sync_status(session.db())


def _sync_now(session: Session) -> Any:
    from hukou.sync.client import sync_once

    return sync_once(session.db())


class SyncStatusWidget(i18n.Retranslatable, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("SyncStatus")
        self.label = QLabel(self)
        self.label.setObjectName("sync_label")
        self.button = QToolButton(self)
        self.button.setObjectName("sync_button")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.status: Any = None
        self._syncing = False
        self.button.clicked.connect(self.sync_now)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(REFRESH_MS)
        self.retranslate()

    def retranslate(self) -> None:
        self.button.setText(self.tr("立即同步"))
        self.button.setToolTip(self.tr("把本所案件发送到总部，并取回审批结果和政策更新"))
        self._show()

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

    def _show(self) -> None:
        status = self.status
        if self._syncing:
            self.label.setText(self.tr("正在同步…"))
            return
        if status is None:
            self.label.setText(self.tr("同步状态读取中"))
            return
        pending = int(getattr(status, "pending", 0))
        if not getattr(status, "enrolled", False):
            text = self.tr("未连接总部，待发送 {n} 项").format(n=pending)
        elif getattr(status, "last_error", None):
            text = self.tr("同步失败，待发送 {n} 项").format(n=pending)
        elif pending:
            text = self.tr("待发送 {n} 项").format(n=pending)
        else:
            text = self.tr("已全部同步")
        conflicts = len(getattr(status, "conflicts", []) or [])
        if conflicts:
            text += self.tr("，{n} 项冲突").format(n=conflicts)
        self.label.setText(text)
        tip = []
        if getattr(status, "last_success", None):
            tip.append(self.tr("上次成功：{at}").format(at=status.last_success))
        if getattr(status, "last_error", None):
            tip.append(
                self.tr("上次错误：{error}").format(error=i18n.user_message(status.last_error))
            )
        self.label.setToolTip("\n".join(tip))
        self.button.setEnabled(bool(getattr(status, "enrolled", False)))

    def sync_now(self) -> None:
        if self._syncing:
            return
        self._syncing = True
        self._show()
        session = self.session

        def finished(_: object) -> None:
            self._syncing = False
            self.refresh()

        def failed(exc: BaseException) -> None:
            self._syncing = False
            self.refresh()
            from hukou.ui.ops import show_error

            show_error(self.window(), exc)

        BackgroundOp(self, lambda: _sync_now(session)).success(finished).failure(failed).run()
