"""The station's details printed on the notices (Settings, administrators): address, phone,
office hours, and the review body a refusal notice names. Keys and their use:
hukou.printing.render (SETTING_ADDRESS …) and hukou.printing.documents."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from hukou.printing import SETTING_ADDRESS, SETTING_HOURS, SETTING_PHONE, SETTING_REVIEW_BODY
from hukou.ui import i18n
from hukou.ui.forms import labelled_rows
from hukou.ui.household_edit_dialog import unprintable
from hukou.ui.session import Session
from hukou.ui.widgets import FieldMessage, Note

NOTICE_KEYS = (SETTING_ADDRESS, SETTING_PHONE, SETTING_HOURS, SETTING_REVIEW_BODY)
MAX_LENGTHS = {SETTING_ADDRESS: 100, SETTING_PHONE: 40, SETTING_HOURS: 60,
               SETTING_REVIEW_BODY: 60}
# Digits with area code, extension (转) and several numbers separated by 、 or /.
PHONE = re.compile(r"^[0-9 ()（）\-转、/]+$")
MIN_PHONE_DIGITS = 7
# What a refusal notice names when no review body is set (hukou.printing.documents).
DEFAULT_REVIEW_BODY = "本所的上一级公安机关或者本级人民政府"


class NoticeSettingsBox(i18n.Retranslatable, QGroupBox):
    """Emits `validity_changed(bool)` as the administrator types."""

    validity_changed = Signal(bool)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("notice_settings")
        self.intro = Note(self)
        self.edits: dict[str, QLineEdit] = {}
        self.messages: dict[str, FieldMessage] = {}
        form = QFormLayout()
        for key in NOTICE_KEYS:
            edit = QLineEdit(self)
            edit.setObjectName(key.replace(".", "_"))
            edit.setMaxLength(MAX_LENGTHS[key])
            edit.setText(str(session.setting(key) or ""))
            edit.textChanged.connect(self.validate)
            self.edits[key], self.messages[key] = edit, FieldMessage(self)
        self.labels = labelled_rows(
            self, form, [(key, self.edits[key], self.messages[key]) for key in NOTICE_KEYS]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("文书上的派出所信息"))
        self.intro.setText(
            self.tr("印在受理回执、一次性告知书和不予受理通知书上，告诉申请人到哪里、何时补交材料。")
        )
        texts = {
            SETTING_ADDRESS: self.tr("办公地址(&A)："),
            SETTING_PHONE: self.tr("联系电话(&T)："),
            SETTING_HOURS: self.tr("办公时间(&O)："),
            SETTING_REVIEW_BODY: self.tr("行政复议机关(&R)："),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.edits[SETTING_ADDRESS].setPlaceholderText(self.tr("如 东昌府区柳园路88号一楼户籍窗口"))
        self.edits[SETTING_PHONE].setPlaceholderText(self.tr("如 0635-8241234"))
        self.edits[SETTING_HOURS].setPlaceholderText(
            self.tr("如 周一至周五 8:30-12:00，14:00-17:30")
        )
        self.edits[SETTING_REVIEW_BODY].setPlaceholderText(
            self.tr("不填则印：{default}").format(default=DEFAULT_REVIEW_BODY)
        )
        self.validate()

    def errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        for key, edit in self.edits.items():
            text = edit.text().strip()
            if not text:
                continue
            missing = unprintable(text)
            if missing:
                errors[key] = self.tr("“{chars}”无法打印（字库中没有此字），请改用规范字").format(
                    chars=missing
                )
        phone = self.edits[SETTING_PHONE].text().strip()
        if phone and SETTING_PHONE not in errors:
            if not PHONE.match(phone):
                errors[SETTING_PHONE] = self.tr("电话只能包含数字、横线、括号、空格和“转”")
            elif sum(ch.isdigit() for ch in phone) < MIN_PHONE_DIGITS:
                errors[SETTING_PHONE] = self.tr("电话号码至少{n}位数字").format(n=MIN_PHONE_DIGITS)
        body = self.edits[SETTING_REVIEW_BODY].text().strip()
        if body and SETTING_REVIEW_BODY not in errors and len(body) < 4:
            errors[SETTING_REVIEW_BODY] = self.tr(
                "请写出复议机关全称，如 聊城市公安局东昌府分局"
            )
        return errors

    def validate(self) -> bool:
        errors = self.errors()
        for key, message in self.messages.items():
            message.show_message(errors.get(key, ""))
        self.validity_changed.emit(not errors)
        return not errors

    def values(self) -> dict[str, str]:
        return {key: edit.text().strip() for key, edit in self.edits.items()}
