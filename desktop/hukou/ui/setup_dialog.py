"""First run: the station (code, name, jurisdiction pack and area) and its first administrator."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.domain.names import InvalidName, validate_name
from hukou.policy.loader import load_all_packs
from hukou.policy.model import PolicyPack
from hukou.ui import i18n
from hukou.ui.forms import SavingDialog, labelled_rows, save_buttons, show_typed_errors
from hukou.ui.session import Session
from hukou.ui.user_add_dialog import LOGIN, password_problem
from hukou.ui.widgets import FieldMessage, Heading

STATION_CODE = re.compile(r"^[A-Za-z0-9]{4,16}$")


class SetupDialog(i18n.Retranslatable, SavingDialog):
    """Validates every field where it stands; `Set up` is enabled only when all are valid."""

    station_ready = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("SetupDialog")
        self.packs: dict[str, PolicyPack] = load_all_packs()

        self.heading = Heading(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.station_box = QGroupBox(self)
        self.admin_box = QGroupBox(self)

        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("station_code")
        self.code_edit.setMaxLength(16)
        self.code_message = FieldMessage(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("station_name")
        self.name_message = FieldMessage(self)
        self.pack_combo = QComboBox(self)
        self.pack_combo.setObjectName("pack")
        self.area_combo = QComboBox(self)
        self.area_combo.setObjectName("area")
        for pack in sorted(self.packs.values(), key=lambda p: p.id):
            self.pack_combo.addItem(f"{pack.short_title}（{pack.document_number}）", pack.id)
        self.pack_combo.currentIndexChanged.connect(self._fill_areas)

        self.login_edit = QLineEdit(self)
        self.login_edit.setObjectName("admin_login")
        self.login_message = FieldMessage(self)
        self.display_edit = QLineEdit(self)
        self.display_edit.setObjectName("admin_name")
        self.display_message = FieldMessage(self)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("admin_password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(self)
        self.repeat_edit.setObjectName("admin_password_repeat")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_message = FieldMessage(self)
        self.form_message = FieldMessage(self)

        station_labels = labelled_rows(
            self,
            QFormLayout(self.station_box),
            [
                ("code", self.code_edit, self.code_message),
                ("name", self.name_edit, self.name_message),
                ("pack", self.pack_combo, None),
                ("area", self.area_combo, None),
            ],
        )
        admin_labels = labelled_rows(
            self,
            QFormLayout(self.admin_box),
            [
                ("login", self.login_edit, self.login_message),
                ("display", self.display_edit, self.display_message),
                ("password", self.password_edit, None),
                ("repeat", self.repeat_edit, self.password_message),
            ],
        )
        self.labels = {**station_labels, **admin_labels}

        self.buttons, self.save_button = save_buttons(self, "setup_button", self.save)
        self.ok_button = self.save_button

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.station_box)
        layout.addWidget(self.admin_box)
        layout.addWidget(self.form_message)
        layout.addWidget(self.buttons)

        for edit in (
            self.code_edit,
            self.name_edit,
            self.login_edit,
            self.display_edit,
            self.password_edit,
            self.repeat_edit,
        ):
            edit.textChanged.connect(self.validate)
        self._fill_areas()
        self.retranslate()
        self.validate()
        self.setMinimumWidth(560)
        self.code_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("首次使用 — 设置派出所"))
        self.heading.setText(self.tr("设置本派出所"))
        self.intro.setText(
            self.tr(
                "本机第一次使用。请填写派出所信息、选择适用的户籍政策文件和辖区，"
                "并创建第一个系统管理员账户。以后可在“设置”中修改。"
            )
        )
        self.station_box.setTitle(self.tr("派出所"))
        self.admin_box.setTitle(self.tr("系统管理员"))
        texts = {
            "code": self.tr("派出所代码(&C)："),
            "name": self.tr("派出所名称(&N)："),
            "pack": self.tr("适用政策(&P)："),
            "area": self.tr("辖区(&A)："),
            "login": self.tr("用户名(&U)："),
            "display": self.tr("姓名(&M)："),
            "password": self.tr("密码(&W)："),
            "repeat": self.tr("再次输入密码(&R)："),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.code_edit.setPlaceholderText(self.tr("4至16位字母或数字，如 370102"))
        self.ok_button.setText(self.tr("完成设置"))
        self.validate()

    def _fill_areas(self) -> None:
        self.area_combo.clear()
        pack = self.packs.get(self.pack_combo.currentData())
        if pack is None:
            return
        for area in pack.areas:
            self.area_combo.addItem(area.name, area.id)

    def errors(self) -> dict[str, str]:
        """Field → message for every field that is not valid yet (empty: all valid)."""
        errors: dict[str, str] = {}
        code = self.code_edit.text().strip()
        if not STATION_CODE.match(code):
            errors["code"] = self.tr("派出所代码应为4至16位字母或数字")
        if not self.name_edit.text().strip():
            errors["name"] = self.tr("请填写派出所名称")
        if not LOGIN.match(self.login_edit.text().strip()):
            errors["login"] = self.tr("用户名以字母或数字开头，最多32位字母、数字或 _ . -")
        try:
            validate_name(self.display_edit.text())
        except InvalidName as exc:
            errors["display"] = i18n.user_message(str(exc))
        # The first administrator's password follows the same rule as every other account.
        problem = password_problem(self.password_edit.text(), self.repeat_edit.text(),
                                   self.login_edit.text().strip())
        if problem:
            errors["password"] = problem
        return errors

    def validate(self) -> bool:
        errors = self.errors()
        show_typed_errors(
            errors,
            [
                ("code", self.code_edit, self.code_message),
                ("name", self.name_edit, self.name_message),
                ("login", self.login_edit, self.login_message),
                ("display", self.display_edit, self.display_message),
                ("password", self.password_edit, self.password_message),
            ],
        )
        self.ok_button.setEnabled(not errors and not self.busy)
        return not errors

    def save(self) -> None:
        if not self.validate() or self.busy:
            return
        values: dict[str, Any] = {
            "code": self.code_edit.text().strip(),
            "name": self.name_edit.text().strip(),
            "pack_id": self.pack_combo.currentData(),
            "area_id": self.area_combo.currentData(),
            "login": self.login_edit.text().strip(),
            "display_name": self.display_edit.text().strip(),
            "password": self.password_edit.text(),
        }
        session = self.session

        def work() -> None:
            db = session.db()
            store.setup_station(
                db,
                code=values["code"],
                name=values["name"],
                pack_id=values["pack_id"],
                area_id=values["area_id"],
            )
            store.create_user(
                db,
                login=values["login"],
                display_name=values["display_name"],
                role="admin",
                password=values["password"],
            )

        self.save_in_background(
            work, self._station_created, progress=self.tr("正在创建派出所数据库…")
        )

    def _station_created(self, _result: object) -> None:
        self.session.forget_station()
        self.station_ready.emit()
