"""Watches keyboard and mouse input application-wide and says when the station sat idle too long."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.InputMethod,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    """Emits `idle` once after `minutes` without input; 0 minutes switches it off."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.restart()

    def set_interval_ms(self, ms: int) -> None:
        """Tests use seconds, not minutes."""
        self.minutes = 1
        self.timer.setInterval(ms)
        self.restart()

    def restart(self) -> None:
        if self.minutes > 0:
            self.timer.start()
        else:
            self.timer.stop()

    def pause(self) -> None:
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
