"""Add or correct one collective household (集体户): kind, name, number, address, managing
unit; closing it. What is printed on the collective-household slip must be printable, so
a character neither embedded font has is refused where it is typed."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.ui import i18n
from hukou.ui.forms import SavingDialog, labelled_rows, save_buttons, show_typed_errors
from hukou.ui.session import Session
from hukou.ui.widgets import FieldMessage, Heading, Note, code_combo, show_code_texts

NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")
MAX_TEXT = 200


def household_kind_text(kind: str) -> str:
    texts = {
        "unit": QCoreApplication.translate("household", "单位集体户"),
        "school": QCoreApplication.translate("household", "学校集体户"),
        "talent_market": QCoreApplication.translate("household", "人才市场集体户"),
        "community_public": QCoreApplication.translate("household", "社区公共户"),
    }
    return texts.get(kind, kind)


def unprintable(text: str) -> str:
    """The characters of `text` the printed slip could not show, or ""."""
    from hukou.printing import missing_glyphs

    return "".join(missing_glyphs(text))


class HouseholdEditDialog(i18n.Retranslatable, SavingDialog):
    """`household` None adds a new one. Emits `saved(CollectiveHousehold)`."""

    saved = Signal(object)

    def __init__(
        self,
        session: Session,
        household: store.CollectiveHousehold | None,
        taken_numbers: list[str],
        *,
        has_members: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.household = household
        self.taken = {n.strip().lower() for n in taken_numbers}
        if household is not None:
            self.taken.discard(household.number.lower())
        self.setObjectName("HouseholdEditDialog")
        self.heading = Heading(self, size=2)
        self.kind_combo = code_combo(self, "household_kind", store.HOUSEHOLD_KINDS)
        self.kind_message = Note(self)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("household_name")
        self.number_edit = QLineEdit(self)
        self.number_edit.setObjectName("household_number")
        self.number_edit.setMaxLength(32)
        self.address_edit = QLineEdit(self)
        self.address_edit.setObjectName("household_address")
        self.unit_edit = QLineEdit(self)
        self.unit_edit.setObjectName("household_managing_unit")
        for edit in (self.name_edit, self.address_edit, self.unit_edit):
            edit.setMaxLength(MAX_TEXT)
        self.active_box = QCheckBox(self)
        self.active_box.setObjectName("household_active")
        self.messages = {key: FieldMessage(self) for key in ("name", "number", "address", "unit")}
        self.form_message = FieldMessage(self)

        form = QFormLayout()
        self.labels = labelled_rows(
            self,
            form,
            [
                ("kind", self.kind_combo, self.kind_message),
                ("name", self.name_edit, self.messages["name"]),
                ("number", self.number_edit, self.messages["number"]),
                ("address", self.address_edit, self.messages["address"]),
                ("unit", self.unit_edit, self.messages["unit"]),
            ],
        )
        self.active_box.setVisible(household is not None)

        self.buttons, self.save_button = save_buttons(self, "save_household", self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.active_box)
        layout.addWidget(self.form_message)
        layout.addWidget(self.buttons)

        if household is not None:
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(household.kind)))
            self.name_edit.setText(household.name)
            self.number_edit.setText(household.number)
            self.address_edit.setText(household.address)
            self.unit_edit.setText(household.managing_unit)
            self.active_box.setChecked(not household.active)
        # Members' pages were issued under the household's kind.
        self.kind_combo.setEnabled(not has_members)
        self.kind_message.setVisible(has_members)
        for edit in (self.name_edit, self.number_edit, self.address_edit, self.unit_edit):
            edit.textChanged.connect(self.validate)
        self.setMinimumWidth(560)
        self.retranslate()
        (self.kind_combo if household is None else self.name_edit).setFocus()

    def retranslate(self) -> None:
        household = self.household
        if household is None:
            self.setWindowTitle(self.tr("新增集体户"))
            self.heading.setText(self.tr("新增集体户"))
        else:
            self.setWindowTitle(self.tr("修改集体户"))
            self.heading.setText(self.tr("修改集体户 {number}").format(number=household.number))
        texts = {
            "kind": self.tr("类型(&K)："),
            "name": self.tr("户名(&N)："),
            "number": self.tr("户号(&H)："),
            "address": self.tr("住址(&A)："),
            "unit": self.tr("管理单位(&M)："),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        show_code_texts(self.kind_combo, household_kind_text)
        self.kind_message.setText(self.tr("已有成员入户，类型不能再改"))
        self.name_edit.setPlaceholderText(self.tr("如 聊城市人民医院集体户"))
        self.number_edit.setPlaceholderText(self.tr("字母、数字或横线，如 371502001"))
        self.address_edit.setPlaceholderText(self.tr("如 东昌府区东昌西路67号"))
        self.unit_edit.setPlaceholderText(self.tr("如 医院人事科（可不填）"))
        self.active_box.setText(self.tr("停用此集体户（不再接收新落户）(&S)"))
        self.save_button.setText(self.tr("保存"))
        self.validate()

    def errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        for key, edit, empty in [
            ("name", self.name_edit, self.tr("请填写户名")),
            ("address", self.address_edit, self.tr("请填写住址")),
            ("unit", self.unit_edit, ""),
        ]:
            text = edit.text().strip()
            if not text and empty:
                errors[key] = empty
            elif unprintable(text):
                errors[key] = self.tr(
                    "“{chars}”无法打印在集体户口页上（字库中没有），请改用规范字"
                ).format(chars=unprintable(text))
        number = self.number_edit.text().strip()
        if not number:
            errors["number"] = self.tr("请填写户号")
        elif not NUMBER.match(number):
            errors["number"] = self.tr("户号只能包含字母、数字和横线，最多32位")
        elif number.lower() in self.taken:
            errors["number"] = self.tr("户号{number}已被另一集体户使用").format(number=number)
        return errors

    def validate(self) -> bool:
        errors = self.errors()
        edits = {"name": self.name_edit, "number": self.number_edit,
                 "address": self.address_edit, "unit": self.unit_edit}
        show_typed_errors(errors, [(key, edits[key], m) for key, m in self.messages.items()])
        self.save_button.setEnabled(not errors and not self.busy)
        return not errors

    def save(self) -> None:
        if not self.validate() or self.busy:
            return
        session, user, household = self.session, self.session.user, self.household
        values = {
            "kind": str(self.kind_combo.currentData()),
            "name": self.name_edit.text().strip(),
            "number": self.number_edit.text().strip(),
            "address": self.address_edit.text().strip(),
            "managing_unit": self.unit_edit.text().strip(),
        }
        active = not self.active_box.isChecked()

        def work() -> store.CollectiveHousehold:
            db = session.db()
            if household is None:
                return store.add_collective_household(db, user=user, **values)
            return store.update_collective_household(
                db, household.id, active=active, user=user, **values
            )

        self.save_in_background(work, self.saved.emit)
