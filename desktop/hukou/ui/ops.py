"""Run slow work (save, search, print, sync) off the UI thread: one helper, one error dialog.

Shaped after anki's CollectionOp: `BackgroundOp(parent, fn).success(cb).failure(cb).run()`
runs the plain function `fn()` on a QThreadPool worker; the callbacks run on the UI thread.
With `.with_progress(text)` a busy indicator appears if the work takes longer than a moment.
Without a failure callback, an error reaches `show_error`, the one error dialog.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from hukou.ui import i18n

T = TypeVar("T")
log = logging.getLogger(__name__)

# Errors whose message the user can act on ("中文 / English ... how to fix"); anything
# else is a bug and the dialog says so, with the details folded away.
USER_ERROR_MODULES = (
    "hukou.store",
    "hukou.policy",
    "hukou.printing",
    "hukou.sync",
    "hukou.domain",
    "hukou.ui",
)


def is_user_error(exc: BaseException) -> bool:
    module = type(exc).__module__ or ""
    return module.startswith(USER_ERROR_MODULES) or isinstance(exc, ValueError | OSError)


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """The one error dialog: the message in the current language, never a bare traceback."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("ops", "无法完成操作"))
    if is_user_error(exc):
        box.setText(i18n.user_message(str(exc)))
    else:
        box.setText(
            QCoreApplication.translate(
                "ops", "程序内部错误，操作未完成。请把详细信息告知系统管理员。"
            )
        )
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    ShowErrorHook.shown.append(str(exc))
    if ShowErrorHook.modal:
        box.exec()
    else:
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.show()


class ShowErrorHook:
    """Tests read `shown` (messages passed to the dialog) and set `modal = False`."""

    shown: ClassVar[list[str]] = []
    modal: ClassVar[bool] = True


class _Relay(QObject):
    """One relay for the life of the program, on the UI thread. Workers pass only the op's
    number through it (never a Python object, never a relay that could be freed while a
    worker is still inside emit())."""

    finished = Signal(int)


_relay: _Relay | None = None
_pending: dict[int, BackgroundOp[Any]] = {}
_next_id = 0


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.finished.connect(_dispatch)
    return _relay


def _dispatch(op_id: int) -> None:
    op = _pending.pop(op_id, None)
    if op is not None:
        op._complete()


class _Job(QRunnable):
    def __init__(self, op: BackgroundOp[Any], relay: _Relay) -> None:
        super().__init__()
        self._op = op  # keeps the op alive until this worker is done with it
        self._relay = relay

    def run(self) -> None:
        op = self._op
        try:
            op._result = op._fn()
        except BaseException as exc:
            op._error = exc
        self._relay.finished.emit(op._id)


class BackgroundOp(QObject, Generic[T]):
    """One piece of slow work. Build, chain `.success()` / `.failure()`, then `.run()`."""

    running: ClassVar[set[BackgroundOp[Any]]] = set()
    _pool: ClassVar[QThreadPool | None] = None

    def __init__(self, parent: QWidget | None, fn: Callable[[], T]) -> None:
        super().__init__(None)
        global _next_id
        _next_id += 1
        self._id = _next_id
        self._parent_widget = parent
        self._fn = fn
        self._result: Any = None
        self._error: BaseException | None = None
        self._on_success: Callable[[T], Any] | None = None
        self._on_failure: Callable[[BaseException], Any] | None = None
        self._progress_text: str | None = None
        self._dialog: QProgressDialog | None = None
        self._timer: QTimer | None = None

    @classmethod
    def pool(cls) -> QThreadPool:
        if cls._pool is None:
            cls._pool = QThreadPool()
            cls._pool.setMaxThreadCount(2)
        return cls._pool

    def success(self, fn: Callable[[T], Any]) -> BackgroundOp[T]:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], Any]) -> BackgroundOp[T]:
        self._on_failure = fn
        return self

    def with_progress(self, text: str) -> BackgroundOp[T]:
        self._progress_text = text
        return self

    def run(self) -> BackgroundOp[T]:
        BackgroundOp.running.add(self)
        if self._progress_text is not None:
            # Shown only if the work outlasts a short moment, so quick saves never flicker.
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_progress)
            self._timer.start(300)
        _pending[self._id] = self
        self.pool().start(_Job(self, _the_relay()))
        return self

    def _show_progress(self) -> None:
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(QCoreApplication.translate("ops", "请稍候"))
        dialog.setLabelText(self._progress_text or "")
        dialog.setRange(0, 0)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
        self._dialog = dialog

    def _close_progress(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _complete(self) -> None:
        if self._error is not None:
            error, self._error = self._error, None
            self._finished_error(error)
        else:
            result, self._result = self._result, None
            self._finished_ok(result)

    def _finished_ok(self, result: Any) -> None:
        self._close_progress()
        try:
            if self._on_success is not None:
                self._on_success(result)
        finally:
            BackgroundOp.running.discard(self)

    def _finished_error(self, exc: BaseException) -> None:
        self._close_progress()
        try:
            if self._on_failure is not None:
                self._on_failure(exc)
            else:
                if not is_user_error(exc):
                    log.error("background operation failed", exc_info=exc)
                show_error(self._parent_widget, exc)
        finally:
            BackgroundOp.running.discard(self)


def run_in_background(
    parent: QWidget | None,
    fn: Callable[[], T],
    *,
    on_success: Callable[[T], Any] | None = None,
    progress: str | None = None,
) -> BackgroundOp[T]:
    """Shorthand: `run_in_background(self, save, on_success=self.saved, progress="保存中")`."""
    op: BackgroundOp[T] = BackgroundOp(parent, fn)
    if on_success is not None:
        op.success(on_success)
    if progress is not None:
        op.with_progress(progress)
    return op.run()


def idle() -> bool:
    """True when no background operation is running (tests wait for this)."""
    return not BackgroundOp.running
