"""How the form dialogs are put together: a field with its message line right under it, the
Save and Cancel row, and saving off the UI thread with the store's refusal shown in the form."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hukou.ui import i18n
from hukou.ui.ops import BackgroundOp
from hukou.ui.widgets import FieldMessage

T = TypeVar("T")


# (key, field, the line under the field or None)
Row = tuple[str, QWidget, QWidget | None]


def message_row(
    form: QFormLayout, label: QLabel, field: QWidget, message: QWidget | None = None
) -> None:
    """`label: field` in `form`, with the field's message line (if any) right under the field,
    so the text saying what to fix stands next to what has to be fixed."""
    if message is None:
        form.addRow(label, field)
        return
    box = QVBoxLayout()
    box.setSpacing(2)
    box.addWidget(field)
    box.addWidget(message)
    form.addRow(label, box)


def labelled_rows(parent: QWidget, form: QFormLayout, rows: Iterable[Row]) -> dict[str, QLabel]:
    """A `message_row` for each (key, field, message) under a new label whose mnemonic moves
    the focus to the field. Returns the labels by key; `retranslate()` gives them their text."""
    labels: dict[str, QLabel] = {}
    for key, field, message in rows:
        label = QLabel(parent)
        label.setBuddy(field)
        message_row(form, label, field, message)
        labels[key] = label
    return labels


def save_buttons(
    dialog: QDialog, name: str, save: Callable[[], Any]
) -> tuple[QDialogButtonBox, QPushButton]:
    """Save (the default button, so Enter saves; object name `name`; text from the dialog's
    `retranslate()`) and Cancel. Save calls `save`, Cancel rejects the dialog."""
    buttons = QDialogButtonBox(dialog)
    save_button = QPushButton(dialog)
    save_button.setObjectName(name)
    save_button.setDefault(True)
    buttons.addButton(save_button, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    return buttons, save_button


def show_typed_errors(
    errors: Mapping[str, str], fields: Iterable[tuple[str, QLineEdit, FieldMessage]]
) -> None:
    """Each field's error under it once something is typed into that field: an empty form
    opens clean, not as a wall of red."""
    for key, edit, message in fields:
        message.show_message(errors.get(key, "") if edit.text() else "")


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
