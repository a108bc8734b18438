"""Login, and the lock screen after idle time: users and failure counts live in the store."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.ui import i18n
from hukou.ui.ops import BackgroundOp
from hukou.ui.session import Session
from hukou.ui.widgets import FieldMessage, Heading


class LoginDialog(i18n.Retranslatable, QDialog):
    """Emits `authenticated(user)` and accepts. In lock mode only the locked user may return."""

    authenticated = Signal(object)

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, locked_login: str | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.locked_login = locked_login
        self.setObjectName("LoginDialog")
        self.setMinimumWidth(420)

        self.heading = Heading(self)
        self.station_label = QLabel(self)
        self.station_label.setWordWrap(True)
        self.login_label = QLabel(self)
        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("login")
        self.password_label = QLabel(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.login_label.setBuddy(self.login_edit)
        self.password_label.setBuddy(self.password_edit)
        self.message = FieldMessage(self)
        self.message.setObjectName("login_message")
        self.login_button = QPushButton(self)
        self.login_button.setObjectName("login_button")
        self.login_button.setDefault(True)
        self.quit_button = QPushButton(self)

        form = QFormLayout()
        form.addRow(self.login_label, self.login_edit)
        form.addRow(self.password_label, self.password_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.quit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.station_label)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.login_button.clicked.connect(self.try_login)
        self.quit_button.clicked.connect(self.reject)
        self.login_edit.textChanged.connect(self._update_button)
        self.password_edit.textChanged.connect(self._update_button)
        if locked_login:
            self.login_edit.setText(locked_login)
            self.login_edit.setReadOnly(True)
            self.password_edit.setFocus()
        else:
            self.login_edit.setFocus()
        self.setTabOrder(self.login_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.login_button)
        self.setTabOrder(self.login_button, self.quit_button)
        self._busy = False
        self.retranslate()
        self._update_button()

    def retranslate(self) -> None:
        if self.locked_login:
            self.setWindowTitle(self.tr("屏幕已锁定"))
            self.heading.setText(self.tr("屏幕已锁定，请输入密码继续"))
            self.quit_button.setText(self.tr("退出程序"))
        else:
            self.setWindowTitle(self.tr("登录"))
            self.heading.setText(self.tr("户籍窗口受理台"))
            self.quit_button.setText(self.tr("退出"))
        station = self.session.station if self.session.db_path.exists() else None
        self.station_label.setText(
            self.tr("{name}（{code}）").format(name=station.name, code=station.code)
            if station
            else ""
        )
        self.login_label.setText(self.tr("用户名(&U)："))
        self.password_label.setText(self.tr("密码(&P)："))
        self.login_button.setText(self.tr("登录"))

    def _update_button(self) -> None:
        filled = bool(self.login_edit.text().strip()) and bool(self.password_edit.text())
        self.login_button.setEnabled(filled and not self._busy)

    def try_login(self) -> None:
        if not self.login_button.isEnabled():
            return
        login = self.login_edit.text().strip()
        password = self.password_edit.text()
        session = self.session
        self._busy = True
        self._update_button()
        self.message.clear_message()
        (
            BackgroundOp(self, lambda: store.authenticate(session.db(), login, password))
            .success(self._logged_in)
            .failure(self._refused)
            .run()
        )

    def _logged_in(self, user: Any) -> None:
        self._busy = False
        if self.locked_login and getattr(user, "login", "").lower() != self.locked_login.lower():
            self._refused(ValueError(self.tr("只有锁定屏幕的用户才能解锁")))
            return
        self.session.user = user
        self.authenticated.emit(user)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._busy = False
        if isinstance(exc, store.StoreError | ValueError):
            self.message.show_message(i18n.user_message(str(exc)))
        else:
            self.message.show_message(self.tr("登录失败：{error}").format(error=exc))
        self.password_edit.clear()
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_button()
