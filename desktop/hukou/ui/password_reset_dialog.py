"""Reset a user's password (administrators). Resetting also clears a lock-out; for the
administrator's own account the store asks for the current password as well."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.store.users import MIN_PASSWORD_LENGTH as MIN_PASSWORD
from hukou.ui import i18n
from hukou.ui.forms import SavingDialog, labelled_rows, save_buttons
from hukou.ui.session import Session
from hukou.ui.user_add_dialog import new_password_edit, password_problem
from hukou.ui.widgets import FieldMessage, Heading


class PasswordResetDialog(i18n.Retranslatable, SavingDialog):
    """Emits `password_reset(User)` after the store saved the new password."""

    password_reset = Signal(object)

    def __init__(
        self, session: Session, user: store.User, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.target = user
        self.own = user.login.lower() == str(getattr(session.user, "login", "")).lower()
        self.setObjectName("PasswordResetDialog")
        self.heading = Heading(self, size=2)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.current_edit = new_password_edit(self, "current_password")
        self.password_edit = new_password_edit(self, "reset_password")
        self.repeat_edit = new_password_edit(self, "reset_password_repeat")
        self.password_message = FieldMessage(self)
        self.repeat_message = FieldMessage(self)
        self.form_message = FieldMessage(self)
        form = QFormLayout()
        labels = labelled_rows(
            self,
            form,
            [
                ("current", self.current_edit, None),
                ("password", self.password_edit, self.password_message),
                ("repeat", self.repeat_edit, self.repeat_message),
            ],
        )
        self.current_label = labels["current"]
        self.password_label = labels["password"]
        self.repeat_label = labels["repeat"]
        form.setRowVisible(self.current_edit, self.own)
        self.buttons, self.save_button = save_buttons(self, "save_password", self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.form_message)
        layout.addWidget(self.buttons)
        for edit in (self.current_edit, self.password_edit, self.repeat_edit):
            edit.textChanged.connect(self.validate)
        self.setMinimumWidth(460)
        self.retranslate()
        (self.current_edit if self.own else self.password_edit).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("重置密码"))
        self.heading.setText(
            self.tr("重置 {name}（{login}）的密码").format(
                name=self.target.display_name, login=self.target.login
            )
        )
        self.intro.setText(
            self.tr(
                "新密码至少{n}位，须同时包含字母和数字。重置后账号随即解锁；"
                "请把新密码当面告知本人。"
            ).format(n=MIN_PASSWORD)
        )
        self.current_label.setText(self.tr("您的当前密码(&C)："))
        self.password_label.setText(self.tr("新密码(&N)："))
        self.repeat_label.setText(self.tr("再次输入(&A)："))
        self.save_button.setText(self.tr("保存新密码"))
        self.validate()

    def validate(self) -> bool:
        password, repeat = self.password_edit.text(), self.repeat_edit.text()
        strength = password_problem(password, password, self.target.login)
        mismatch = "" if strength else password_problem(password, repeat, self.target.login)
        # Each message once something is typed in its own field.
        self.password_message.show_message(strength if password else "")
        self.repeat_message.show_message(mismatch if repeat else "")
        missing_current = self.own and not self.current_edit.text()
        ok = not strength and not mismatch and not missing_current
        self.save_button.setEnabled(ok and not self.busy)
        return ok

    def save(self) -> None:
        if not self.validate() or self.busy:
            return
        session, by, login = self.session, self.session.user, self.target.login
        password = self.password_edit.text()
        old = self.current_edit.text() if self.own else None
        self.save_in_background(
            lambda: store.set_password(session.db(), login, password, by=by, old_password=old),
            self.password_reset.emit,
        )
