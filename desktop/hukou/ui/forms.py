"""How the form dialogs save: off the UI thread, with the store's refusal shown in the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QPushButton

from hukou.ui import i18n
from hukou.ui.ops import BackgroundOp
from hukou.ui.widgets import FieldMessage

T = TypeVar("T")


class SavingDialog(QDialog):
    """A form dialog whose Save runs off the UI thread (`save_in_background`). While it
    saves, `busy` holds and Save is disabled; on success the result goes to the dialog's
    callback and the dialog closes; a refusal is shown in `form_message` and the fields are
    checked again, so the clerk corrects what was typed and saves again.

    A subclass sets `save_button` and `form_message`, and has `validate() -> bool`, which
    enables Save only when the fields are valid and `busy` is not set."""

    save_button: QPushButton
    form_message: FieldMessage
    validate: Callable[[], bool]
    busy = False

    def save_in_background(
        self,
        work: Callable[[], T],
        saved: Callable[[T], Any],
        *,
        progress: str | None = None,
    ) -> None:
        """Runs `work()` on a worker with a progress indicator ("正在保存…" unless
        `progress` says otherwise); `saved(result)` runs on the UI thread before the dialog
        is accepted."""
        self.busy = True
        self.save_button.setEnabled(False)
        self.form_message.clear_message()
        if progress is None:
            progress = QCoreApplication.translate("SavingDialog", "正在保存…")
        (
            BackgroundOp(self, work)
            .with_progress(progress)
            .success(lambda result: self._saved(saved, result))
            .failure(self._save_failed)
            .run()
        )

    def _saved(self, saved: Callable[[T], Any], result: T) -> None:
        self.busy = False
        saved(result)
        self.accept()

    def _save_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.form_message.show_message(i18n.user_message(str(exc)))
        self.validate()
