"""Add a user (administrators): login, display name, role, initial password typed twice.

Each field says what is wrong right under it; Save is enabled only when all are valid. The
password rule (`password_problem`) is shared with the reset dialog.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.domain.names import MAX_NAME_LENGTH, InvalidName, validate_name
from hukou.store.users import MIN_PASSWORD_LENGTH as MIN_PASSWORD
from hukou.store.users import password_problem as store_password_problem
from hukou.ui import i18n
from hukou.ui.forms import SavingDialog, labelled_rows, save_buttons, show_typed_errors
from hukou.ui.session import Session
from hukou.ui.widgets import (
    FieldMessage,
    Heading,
    Note,
    code_combo,
    role_text,
    show_code_texts,
)

# The store's own rule for logins (hukou.store.users) — checked here too, as the clerk types.
LOGIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")


def password_problem(password: str, repeat: str, login: str = "") -> str:
    """What is wrong with a new password, or "" when it may be used: the store's rule
    (hukou.store.users.password_problem), and typed the same twice."""
    translate = QCoreApplication.translate
    if not password:
        return translate("password", "请输入密码")
    problem = store_password_problem(password, login)
    if problem:
        return i18n.user_message(problem)
    if password != repeat:
        return translate("password", "两次输入的密码不一致")
    return ""


def new_password_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


class UserAddDialog(i18n.Retranslatable, SavingDialog):
    """Emits `user_added(User)` after the store created the account."""

    user_added = Signal(object)

    def __init__(
        self, session: Session, existing_logins: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.existing = {login.lower() for login in existing_logins}
        self.setObjectName("UserAddDialog")
        self.heading = Heading(self, size=2)
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("new_login")
        self.login_edit.setMaxLength(32)
        self.login_message = FieldMessage(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("new_display_name")
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_message = FieldMessage(self)
        self.role_combo = code_combo(self, "new_role", store.ROLES)
        self.password_edit = new_password_edit(self, "new_password")
        self.repeat_edit = new_password_edit(self, "new_password_repeat")
        self.password_message = FieldMessage(self)
        self.repeat_message = FieldMessage(self)
        self.rule_label = Note(self)
        self.form_message = FieldMessage(self)

        form = QFormLayout()
        self.labels = labelled_rows(
            self,
            form,
            [
                ("login", self.login_edit, self.login_message),
                ("name", self.name_edit, self.name_message),
                ("role", self.role_combo, None),
                ("password", self.password_edit, self.password_message),
                ("repeat", self.repeat_edit, self.repeat_message),
            ],
        )

        self.buttons, self.save_button = save_buttons(self, "save_user", self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.form_message)
        layout.addWidget(self.buttons)
        for edit in (self.login_edit, self.name_edit, self.password_edit, self.repeat_edit):
            edit.textChanged.connect(self.validate)
        self.setMinimumWidth(480)
        self.retranslate()
        self.login_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("新增用户"))
        self.heading.setText(self.tr("新增用户"))
        texts = {
            "login": self.tr("用户名(&U)："),
            "name": self.tr("姓名(&M)："),
            "role": self.tr("角色(&R)："),
            "password": self.tr("初始密码(&W)："),
            "repeat": self.tr("再次输入(&A)："),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        show_code_texts(self.role_combo, role_text)
        self.login_edit.setPlaceholderText(self.tr("字母或数字开头，如 wangxy"))
        self.rule_label.setText(
            self.tr(
                "密码至少{n}位，须同时包含字母和数字，不能包含用户名。"
                "请用户首次登录后自行修改。"
            ).format(n=MIN_PASSWORD)
        )
        self.save_button.setText(self.tr("保存"))
        self.validate()

    def errors(self) -> dict[str, str]:
        """Field → message for every field not valid yet (empty: all valid)."""
        errors: dict[str, str] = {}
        login = self.login_edit.text().strip()
        if not LOGIN.match(login):
            errors["login"] = self.tr("用户名以字母或数字开头，最多32位字母、数字或 _ . -")
        elif login.lower() in self.existing:
            errors["login"] = self.tr("用户名“{login}”已存在").format(login=login)
        if not self.name_edit.text().strip():
            errors["name"] = self.tr("请填写姓名")
        else:
            try:
                validate_name(self.name_edit.text())
            except InvalidName as exc:
                errors["name"] = i18n.user_message(str(exc))
        password = self.password_edit.text()
        problem = password_problem(password, password, login)
        if problem:
            errors["password"] = problem
        elif password != self.repeat_edit.text():
            errors["repeat"] = password_problem(password, self.repeat_edit.text(), login)
        return errors

    def validate(self) -> bool:
        errors = self.errors()
        show_typed_errors(
            errors,
            [
                ("login", self.login_edit, self.login_message),
                ("name", self.name_edit, self.name_message),
                ("password", self.password_edit, self.password_message),
                ("repeat", self.repeat_edit, self.repeat_message),
            ],
        )
        self.save_button.setEnabled(not errors and not self.busy)
        return not errors

    def save(self) -> None:
        if not self.validate() or self.busy:
            return
        session, by = self.session, self.session.user
        login = self.login_edit.text().strip()
        name = validate_name(self.name_edit.text())
        role = str(self.role_combo.currentData())
        password = self.password_edit.text()
        self.save_in_background(
            lambda: store.create_user(session.db(), login, name, role, password, by=by),
            self.user_added.emit,
        )
