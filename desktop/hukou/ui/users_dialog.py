"""User management (administrators only): every account with its role and whether it is
disabled or locked; add a user, reset a password, disable or enable, unlock.

All changes go through the store's user functions with the administrator as `by`, so the
store checks the role again and audits each change.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.ui import i18n
from hukou.ui.ops import BackgroundOp
from hukou.ui.session import Session
from hukou.ui.widgets import FieldMessage, Heading, read_only_table, role_text

COLUMNS = ("login", "name", "role", "state", "last_login")


def may_manage_users(session: Session) -> bool:
    return session.role == "admin"


def local_time(iso: str | None) -> str:
    """An ISO UTC time from the store as the station's local date and minute."""
    if not iso:
        return ""
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso
    return moment.toLocalTime().toString("yyyy-MM-dd HH:mm")


class UsersDialog(i18n.Retranslatable, QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if not may_manage_users(session):
            raise PermissionError("user management is for administrators")
        self.session = session
        self.setObjectName("UsersDialog")
        self.users: list[store.User] = []
        self.heading = Heading(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = read_only_table(
            self, len(COLUMNS), "users_table", stretch=COLUMNS.index("name")
        )
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_user")
        self.reset_button = QPushButton(self)
        self.reset_button.setObjectName("reset_password")
        self.disable_button = QPushButton(self)
        self.disable_button.setObjectName("disable_user")
        self.unlock_button = QPushButton(self)
        self.unlock_button.setObjectName("unlock_user")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_users")
        self.message = FieldMessage(self)
        self.message.setObjectName("users_message")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.disable_button,
                       self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.disable_button.clicked.connect(self.toggle_disabled)
        self.unlock_button.clicked.connect(self.unlock)
        self.close_button.clicked.connect(self.accept)
        self.table.itemSelectionChanged.connect(self._apply_selection)
        self.resize(820, 480)
        self.retranslate()
        self.refresh()

    # -- list -------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        session = self.session
        current = self.selected()
        wanted = select or (current.login if current else None)
        BackgroundOp(self, lambda: store.list_users(session.db())).success(
            lambda users: self._show(users, wanted)
        ).run()

    def _show(self, users: list[store.User], select: str | None) -> None:
        self.users = users
        self._fill()
        for row, user in enumerate(users):
            if user.login == select:
                self.table.selectRow(row)
                break
        else:
            if users:
                self.table.selectRow(0)
        self._apply_selection()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.users))
        for row, user in enumerate(self.users):
            values = [
                user.login,
                user.display_name,
                role_text(user.role),
                self.state_text(user),
                local_time(user.last_login_at) or self.tr("从未登录"),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, user.login)
                if column == COLUMNS.index("state") and (user.disabled or user.locked):
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)

    def state_text(self, user: store.User) -> str:
        if user.disabled:
            return self.tr("已停用")
        if user.locked:
            return self.tr("已锁定（密码连续错误{n}次）").format(n=user.failed_logins)
        return self.tr("正常")

    def selected(self) -> store.User | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.users) and self.table.selectionModel().hasSelection():
            return self.users[row]
        return None

    def _is_self(self, user: store.User) -> bool:
        return user.login.lower() == str(getattr(self.session.user, "login", "")).lower()

    def _apply_selection(self) -> None:
        user = self.selected()
        self.reset_button.setEnabled(user is not None and not user.disabled)
        # An administrator cannot disable the account they are signed in with.
        self.disable_button.setEnabled(user is not None and not self._is_self(user))
        enable = user is not None and user.disabled
        self.disable_button.setText(self.tr("启用账号(&E)") if enable else self.tr("停用账号(&D)"))
        self.unlock_button.setEnabled(user is not None and user.locked and not user.disabled)

    # -- text -------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("用户管理"))
        self.heading.setText(self.tr("本所用户"))
        self.intro.setText(
            self.tr(
                "密码连续输错5次的账号会被锁定，解锁或重置密码后即可再登录。"
                "离岗人员请停用账号（不删除，办理记录仍显示其姓名）。"
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("用户名"),
                self.tr("姓名"),
                self.tr("角色"),
                self.tr("状态"),
                self.tr("上次登录"),
            ]
        )
        self.add_button.setText(self.tr("新增用户(&N)…"))
        self.reset_button.setText(self.tr("重置密码(&P)…"))
        self.unlock_button.setText(self.tr("解锁(&U)"))
        self.close_button.setText(self.tr("关闭"))
        self._fill()
        self._apply_selection()

    # -- actions ----------------------------------------------------------------------

    def add_user(self) -> None:
        from hukou.ui.user_add_dialog import UserAddDialog

        dialog = UserAddDialog(self.session, [u.login for u in self.users], self)
        dialog.user_added.connect(lambda user: self._changed(user, self.tr("已新增用户 {login}")))
        self.add_dialog = dialog
        dialog.open()

    def reset_password(self) -> None:
        from hukou.ui.password_reset_dialog import PasswordResetDialog

        user = self.selected()
        if user is None:
            return
        dialog = PasswordResetDialog(self.session, user, self)
        dialog.password_reset.connect(
            lambda changed: self._changed(changed, self.tr("已重置 {login} 的密码"))
        )
        self.reset_dialog = dialog
        dialog.open()

    def toggle_disabled(self) -> None:
        user = self.selected()
        if user is None or self._is_self(user):
            return
        disable = not user.disabled
        session, by = self.session, self.session.user
        done = self.tr("已停用 {login}") if disable else self.tr("已启用 {login}")
        self._run(
            lambda: store.disable_user(session.db(), user.login, by=by, disabled=disable), done
        )

    def unlock(self) -> None:
        user = self.selected()
        if user is None:
            return
        session, by = self.session, self.session.user
        self._run(lambda: store.unlock_user(session.db(), user.login, by=by),
                  self.tr("已解锁 {login}"))

    def _run(self, work: Any, done: str) -> None:
        self.message.clear_message()
        (
            BackgroundOp(self, work)
            .with_progress(self.tr("正在保存…"))
            .success(lambda user: self._changed(user, done))
            .failure(lambda exc: self._error(exc))
            .run()
        )

    def _error(self, exc: BaseException) -> None:
        self.message.setStyleSheet("color: #b3261e;")
        self.message.show_message(i18n.user_message(str(exc)))

    def _changed(self, user: store.User, done: str) -> None:
        self.message.setStyleSheet("color: #1b7a36;")
        self.message.show_message(done.format(login=user.login))
        self.refresh(select=user.login)
