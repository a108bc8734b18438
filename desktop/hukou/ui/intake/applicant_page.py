"""Step 2: the applicant. The ID number comes first; birth date, sex and birthplace follow."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.domain.idnumber import InvalidIdNumber, parse_id_number
from hukou.domain.names import InvalidName, validate_name
from hukou.ui import i18n
from hukou.ui.intake.state import IntakeState
from hukou.ui.intake.step import WizardStep
from hukou.ui.widgets import FieldMessage

MARITAL = ("unmarried", "married", "divorced", "widowed")
# Names: any GB18030 text and the separator "·"; the field takes far more than 50 characters.
NAME_MAX = 100
TEXT_FIELDS = (
    "birthplace",
    "education",
    "occupation",
    "workplace",
    "phone",
    "hukou_address",
    "moving_from",
)


def marital_text(code: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return {
        "unmarried": QCoreApplication.translate("marital", "未婚"),
        "married": QCoreApplication.translate("marital", "已婚"),
        "divorced": QCoreApplication.translate("marital", "离婚"),
        "widowed": QCoreApplication.translate("marital", "丧偶"),
    }.get(code, code)


class ApplicantPage(WizardStep):
    def __init__(self, state: IntakeState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("ApplicantPage")
        self.edits: dict[str, QLineEdit] = {}
        self.messages: dict[str, FieldMessage] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        def add(key: str, widget: QWidget, with_message: bool = False) -> None:
            label = QLabel(self)
            label.setBuddy(widget)
            self.labels[key] = label
            widget.setObjectName(f"applicant_{key}")
            if with_message:
                message = FieldMessage(self)
                message.setObjectName(f"applicant_{key}_message")
                self.messages[key] = message
                box = QVBoxLayout()
                box.setSpacing(2)
                box.addWidget(widget)
                box.addWidget(message)
                form.addRow(label, box)
            else:
                form.addRow(label, widget)

        def line(key: str, with_message: bool = False, max_length: int = 300) -> QLineEdit:
            edit = QLineEdit(self)
            edit.setMaxLength(max_length)
            self.edits[key] = edit
            add(key, edit, with_message)
            edit.textEdited.connect(lambda text, k=key: self._edited(k, text))
            return edit

        self.id_edit = line("id_number", True, 18)
        self.derived = QLabel(self)
        self.derived.setObjectName("applicant_derived")
        add("derived", self.derived)
        self.name_edit = line("name", True, NAME_MAX)
        line("former_name", True, NAME_MAX)
        self.ethnicity = QComboBox(self)
        self.ethnicity.setEditable(False)
        self.ethnicity.addItem("", "")
        for group in store.ethnic_groups():
            self.ethnicity.addItem(group.name, group.code)
        add("ethnicity", self.ethnicity)
        self.marital = QComboBox(self)
        self.marital.addItem("", "")
        for code in MARITAL:
            self.marital.addItem(code, code)
        add("marital_status", self.marital)
        for key in TEXT_FIELDS:
            line(key, key == "phone")
        self.ethnicity.currentIndexChanged.connect(
            lambda _i: self._edited("ethnicity", self.ethnicity.currentData() or "")
        )
        self.marital.currentIndexChanged.connect(
            lambda _i: self._edited("marital_status", self.marital.currentData() or "")
        )
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addStretch(1)
        self._loading = False
        self.retranslate()

    def title(self) -> str:
        return self.tr("申请人")

    def retranslate(self) -> None:
        texts = {
            "id_number": self.tr("公民身份号码(&I)："),
            "derived": self.tr("出生日期 / 性别："),
            "name": self.tr("姓名(&N)："),
            "former_name": self.tr("曾用名："),
            "ethnicity": self.tr("民族："),
            "marital_status": self.tr("婚姻状况："),
            "birthplace": self.tr("出生地："),
            "education": self.tr("文化程度："),
            "occupation": self.tr("职业："),
            "workplace": self.tr("服务处所："),
            "phone": self.tr("联系电话："),
            "hukou_address": self.tr("现户口所在地："),
            "moving_from": self.tr("迁出地："),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.intro.setText(
            self.tr(
                "先输入公民身份号码，出生日期、性别和出生地将自动填写。"
                "姓名可含少数民族文字和间隔号“·”。"
            )
        )
        self.id_edit.setPlaceholderText(self.tr("18位，末位可为X"))
        self.marital.setItemText(0, self.tr("请选择"))
        for i, code in enumerate(MARITAL, start=1):
            self.marital.setItemText(i, marital_text(code))
        self.ethnicity.setItemText(0, self.tr("请选择"))
        self._validate()

    def enter(self) -> None:
        self._loading = True
        for key, edit in self.edits.items():
            edit.setText(self.state.applicant.get(key, ""))
        self.ethnicity.setCurrentIndex(
            max(0, self.ethnicity.findData(self.state.applicant.get("ethnicity", "")))
        )
        self.marital.setCurrentIndex(
            max(0, self.marital.findData(self.state.applicant.get("marital_status", "")))
        )
        self._loading = False
        self._validate()
        self.id_edit.setFocus()

    def _edited(self, key: str, text: str) -> None:
        if self._loading:
            return
        if key == "id_number":
            upper = text.upper()
            if upper != text:
                position = self.id_edit.cursorPosition()
                self.id_edit.setText(upper)
                self.id_edit.setCursorPosition(position)
                text = upper
        self.state.applicant[key] = text
        if key == "id_number":
            self._fill_from_id()
        self._validate()
        self.changed.emit()

    def _fill_from_id(self) -> None:
        try:
            citizen = parse_id_number(self.state.applicant.get("id_number", ""))
        except InvalidIdNumber:
            self.state.applicant.pop("birth_date", None)
            self.state.applicant.pop("sex", None)
            return
        self.state.applicant["birth_date"] = citizen.birth_date.isoformat()
        self.state.applicant["sex"] = citizen.sex
        if not self.state.applicant.get("birthplace") and citizen.birthplace:
            self.state.applicant["birthplace"] = citizen.birthplace
            self.edits["birthplace"].setText(citizen.birthplace)

    def errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        id_text = self.state.applicant.get("id_number", "")
        try:
            parse_id_number(id_text)
        except InvalidIdNumber as exc:
            errors["id_number"] = i18n.user_message(str(exc))
        for key in ("name", "former_name"):
            text = self.state.applicant.get(key, "")
            if key == "former_name" and not text.strip():
                continue
            try:
                validate_name(text)
            except InvalidName as exc:
                errors[key] = i18n.user_message(str(exc))
        phone = self.state.applicant.get("phone", "")
        if phone and not all(c.isdigit() or c in "+- " for c in phone):
            errors["phone"] = self.tr("电话号码只能包含数字、+ 和 -")
        return errors

    def _validate(self) -> None:
        errors = self.errors()
        for key, message in self.messages.items():
            typed = bool(self.state.applicant.get(key, ""))
            message.show_message(errors.get(key, "") if typed else "")
        birth = self.state.applicant.get("birth_date")
        sex = self.state.applicant.get("sex")
        if birth and sex:
            self.derived.setText(
                self.tr("{birth}，{sex}").format(
                    birth=birth, sex=self.tr("男") if sex == "male" else self.tr("女")
                )
            )
        else:
            self.derived.setText(self.tr("（由公民身份号码得出）"))

    def is_valid(self) -> bool:
        return not self.errors()
