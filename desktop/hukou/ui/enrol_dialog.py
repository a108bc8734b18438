"""Connect this station to headquarters (administrators): HQ's address and the one-time code
HQ issued; the station's key goes to HQ, HQ's keys come back (`hukou sync enrol` in a window).

Each field says what is wrong right under it, including what HQ answered (a code unknown,
already used or expired goes under the code, an address that does not answer under the
address). On success the dialog shows HQ's key fingerprint to compare with HQ's, and
`enrolled` tells the window, whose status bar then starts syncing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from urllib.parse import urlparse

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hukou.ui import i18n
from hukou.ui.ops import BackgroundOp, is_user_error, show_error
from hukou.ui.session import Session
from hukou.ui.widgets import FieldMessage, Heading

# The protocol's bounds on a code (hukou.sync.protocol.EnrolRequest), checked as it is typed.
CODE_MIN, CODE_MAX = 6, 64
_CODE = re.compile(rf"^[0-9A-Za-z_-]{{{CODE_MIN},{CODE_MAX}}}$")
# Word joiners keep the example address on one line when the message wraps.
EXAMPLE_URL = "\u2060".join("http://192.168.10.5:8750")


def may_enrol(session: Session) -> bool:
    return session.role == "admin"


def is_hq_url(text: str) -> bool:
    """Whether `text` can be HQ's address: http(s), a host, a numeric port if any, no query."""
    text = text.strip()
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        return False
    if parsed.query or parsed.fragment or " " in text:
        return False
    try:
        return parsed.port is None or 0 < parsed.port < 65536
    except ValueError:  # a port that is not a number
        return False


@dataclass(frozen=True)
class Enrolment:
    """What the station knows of HQ: the address (also set in Settings) and HQ's signing key
    (present only once enrolled)."""

    hq_url: str | None
    hq_signing_key: str | None

    @property
    def enrolled(self) -> bool:
        return bool(self.hq_signing_key)

    @property
    def fingerprint(self) -> str:
        from hukou.domain.signing import SigningKeyError, key_fingerprint

        if not self.hq_signing_key:
            return ""
        try:
            return key_fingerprint(self.hq_signing_key)
        except SigningKeyError:
            return ""


def current_enrolment(session: Session) -> Enrolment:
    from hukou.sync import state

    db = session.db()
    return Enrolment(state.get(db, state.HQ_URL), state.get(db, state.HQ_SIGNING_KEY))


def _enrol(session: Session, hq_url: str, code: str) -> Enrolment:
    from hukou.sync.client import enrol

    enrol(session.db(), hq_url=hq_url, code=code)
    return current_enrolment(session)


class EnrolDialog(i18n.Retranslatable, QDialog):
    """Emits `enrolled(Enrolment)` once HQ accepted the station."""

    enrolled = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if not may_enrol(session):
            raise PermissionError("connecting the station to HQ is for administrators")
        self.session = session
        self.setObjectName("EnrolDialog")
        self.current: Enrolment | None = None
        self._busy = False
        self.heading = Heading(self, size=2)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.current_label = QLabel(self)
        self.current_label.setObjectName("current_enrolment")
        self.current_label.setWordWrap(True)
        self.current_label.setTextFormat(Qt.TextFormat.RichText)
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.current_label.setStyleSheet(
            "QLabel { background: #f2f5f9; border: 1px solid #c9d3df; border-radius: 4px;"
            " padding: 8px; }"
        )
        self.hq_edit = QLineEdit(self)
        self.hq_edit.setObjectName("enrol_hq_url")
        self.hq_edit.setMaxLength(300)
        self.hq_message = FieldMessage(self)
        self.hq_message.setObjectName("enrol_hq_message")
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("enrol_code")
        self.code_edit.setMaxLength(CODE_MAX)
        self.code_message = FieldMessage(self)
        self.code_message.setObjectName("enrol_code_message")
        self.form_message = FieldMessage(self)
        self.form_message.setObjectName("enrol_form_message")

        self.labels: dict[str, QLabel] = {}
        # A grid, not a form layout with nested boxes: a message that wraps to several
        # lines gets its height (QFormLayout does not pass height-for-width down).
        form = QGridLayout()
        form.setVerticalSpacing(2)
        form.setColumnStretch(1, 1)
        for row, (key, field, message) in enumerate([
            ("hq", self.hq_edit, self.hq_message),
            ("code", self.code_edit, self.code_message),
        ]):
            label = QLabel(self)
            label.setBuddy(field)
            self.labels[key] = label
            form.addWidget(label, 2 * row, 0)
            form.addWidget(field, 2 * row, 1)
            form.addWidget(message, 2 * row + 1, 1)
            form.setRowMinimumHeight(2 * row + 1, 6)

        self.buttons = QDialogButtonBox(self)
        self.connect_button = QPushButton(self)
        self.connect_button.setObjectName("enrol_connect")
        self.connect_button.setDefault(True)
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("enrol_close")
        self.buttons.addButton(self.connect_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.connect_button.clicked.connect(self.connect_to_hq)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.current_label)
        layout.addLayout(form)
        layout.addWidget(self.form_message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.hq_edit.textChanged.connect(lambda _t: self._edited(self.hq_message))
        self.code_edit.textChanged.connect(lambda _t: self._edited(self.code_message))
        # Enter presses Connect (the default button) once both fields are valid.
        self.setMinimumWidth(560)
        self.retranslate()
        self.hq_edit.setFocus()
        self.refresh()

    # -- what it shows --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("连接总部"))
        self.heading.setText(self.tr("连接总部"))
        station = self.session.station
        self.intro.setText(
            self.tr(
                "填写总部的地址和总部为本所（{name}，代码 {code}）发放的一次性登记码。"
                "连接后，本所的案件会自动发送到总部，审批结果和政策更新也会自动取回。"
            ).format(name=station.name if station else "", code=station.code if station else "")
        )
        self.labels["hq"].setText(self.tr("总部地址(&H)："))
        self.labels["code"].setText(self.tr("登记码(&C)："))
        self.hq_edit.setPlaceholderText("https://hq.example.gov.cn:8750")
        self.code_edit.setPlaceholderText(self.tr("总部打印的一次性登记码，每个只能用一次"))
        self.close_button.setText(self.tr("关闭"))
        self._show_current()
        self.validate()

    def _show_current(self) -> None:
        current = self.current
        if current is None:
            self.current_label.setText(self.tr("正在读取本所的登记情况…"))
        elif not current.enrolled:
            self.current_label.setText(self.tr("本所尚未连接总部。"))
        else:
            self.current_label.setText(
                self.tr("本所已连接总部：{url}").format(url=escape(current.hq_url or ""))
                + "<br/>"
                + self.tr("总部密钥指纹：{fingerprint}").format(
                    fingerprint=f"<b style='font-family:monospace'>"
                    f"{escape(current.fingerprint).replace(' ', '&nbsp;')}</b>"
                )
                + "<br/><span style='color:#555'>"
                + self.tr("请与总部提供的指纹逐组核对；不一致时不要使用此连接，并告知总部。")
                + "</span>"
            )
        enrolled = current is not None and current.enrolled
        self.connect_button.setText(self.tr("重新登记(&O)") if enrolled else self.tr("连接(&O)"))

    def refresh(self) -> None:
        session = self.session
        BackgroundOp(self, lambda: current_enrolment(session)).success(self._got_current).run()

    def _got_current(self, current: Enrolment) -> None:
        first = self.current is None
        self.current = current
        if first and not self.hq_edit.text() and current.hq_url:
            self.hq_edit.setText(current.hq_url)
            self.code_edit.setFocus()
        self._show_current()
        self.validate()

    # -- validation -----------------------------------------------------------------------

    def errors(self) -> dict[str, str]:
        """Field → message for every field not valid yet (empty: all valid)."""
        errors: dict[str, str] = {}
        if not is_hq_url(self.hq_edit.text()):
            errors["hq"] = self.tr(
                "请输入完整地址，以 http:// 或 https:// 开头，如 {example}"
            ).format(example=EXAMPLE_URL)
        code = self.code_edit.text().strip()
        if not _CODE.match(code):
            errors["code"] = self.tr(
                "登记码为{low}至{high}位字母或数字，请照总部打印的抄写"
            ).format(low=CODE_MIN, high=CODE_MAX)
        return errors

    def _edited(self, message: FieldMessage) -> None:
        # What HQ said about the old text no longer holds once the field changes.
        if message.property("answered"):
            message.setProperty("answered", False)
            message.clear_message()
        self.form_message.clear_message()
        self.validate()

    def validate(self) -> bool:
        errors = self.errors()
        # A message appears once something is typed into the field, not on an empty form.
        for key, edit, message in [
            ("hq", self.hq_edit, self.hq_message),
            ("code", self.code_edit, self.code_message),
        ]:
            if message.property("answered"):
                continue
            message.show_message(errors.get(key, "") if edit.text() else "")
        self.connect_button.setEnabled(not errors and not self._busy)
        self._fit_height()
        return not errors

    def _fit_height(self) -> None:
        """Grow to the height the wrapped messages need: a dialog does not grow by itself
        for text that wraps (height-for-width)."""
        layout = self.layout()
        if layout is None or not self.isVisible():
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    # -- connecting -----------------------------------------------------------------------

    def connect_to_hq(self) -> None:
        if self._busy or not self.validate():
            return
        hq_url = self.hq_edit.text().strip()
        code = self.code_edit.text().strip()
        session = self.session
        self._set_busy(True)
        (
            BackgroundOp(self, lambda: _enrol(session, hq_url, code))
            .with_progress(self.tr("正在连接总部…"))
            .success(self._connected)
            .failure(self._failed)
            .run()
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.hq_edit.setReadOnly(busy)
        self.code_edit.setReadOnly(busy)
        self.validate()

    def _connected(self, current: Enrolment) -> None:
        self._set_busy(False)
        self.current = current
        self.code_edit.clear()
        self._show_current()
        self.form_message.setStyleSheet("color: #1b7a36;")
        self.form_message.show_message(
            self.tr("已连接总部。本所的案件即将开始同步，状态栏显示进度。")
        )
        self.close_button.setFocus()
        self._fit_height()
        self.enrolled.emit(current)

    def _failed(self, exc: BaseException) -> None:
        from hukou.sync.client import HqRefused, HqUnreachable

        self._set_busy(False)
        self.form_message.setStyleSheet("color: #b3261e;")
        if isinstance(exc, HqUnreachable):
            self._answer(
                self.hq_message,
                self.tr("连不上这个地址的总部：请检查地址和端口是否正确、网络是否连通、"
                        "总部服务是否在运行。"),
                i18n.user_message(str(exc)),
            )
            self.hq_edit.setFocus()
        elif isinstance(exc, HqRefused) and exc.status == 403:
            # HQ's own words: the code is unknown, used, expired or meant for another station.
            self._answer(self.code_message, i18n.user_message(exc.detail), "")
            self.code_edit.setFocus()
            self.code_edit.selectAll()
        elif isinstance(exc, HqRefused) and exc.status in (404, 405):
            self._answer(
                self.hq_message,
                self.tr("这个地址有服务应答，但不是总部的同步服务（HTTP {status}）："
                        "请核对地址和端口。").format(status=exc.status),
                "",
            )
            self.hq_edit.setFocus()
        elif is_user_error(exc):
            self.form_message.show_message(i18n.user_message(str(exc)))
            self._fit_height()
        else:
            show_error(self, exc)

    def _answer(self, message: FieldMessage, text: str, detail: str) -> None:
        message.setProperty("answered", True)
        message.show_message(text)
        message.setToolTip(detail)
        self._fit_height()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

