"""Step 4: accompanying people — add and remove; each row says whether they may come, and why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hukou.domain.idnumber import InvalidIdNumber, parse_id_number
from hukou.domain.names import InvalidName, validate_name
from hukou.policy import Assessment, CaseError
from hukou.ui import i18n
from hukou.ui.intake.applicant_page import MARITAL, NAME_MAX, marital_text
from hukou.ui.intake.assessment_panel import unbroken
from hukou.ui.intake.state import FamilyEntry, IntakeState
from hukou.ui.intake.step import WizardStep
from hukou.ui.widgets import FieldMessage, fit_longest_item, relation_text

RELATIONS = ("spouse", "child", "parent", "other")
# Room beyond the longest item, so the text does not touch the arrow.
class FamilyRow(i18n.Retranslatable, QFrame):
    edited = Signal()
    remove = Signal(object)

    def __init__(
        self, entry: FamilyEntry, cohabiting_relations: set[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.entry = entry
        self.cohabiting_relations = cohabiting_relations
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.relation = QComboBox(self)
        self.relation.setObjectName("family_relation")
        for code in RELATIONS:
            self.relation.addItem(code, code)
        self.name = QLineEdit(self)
        self.name.setObjectName("family_name")
        self.name.setMaxLength(NAME_MAX)
        self.id_number = QLineEdit(self)
        self.id_number.setObjectName("family_id_number")
        self.id_number.setMaxLength(18)
        self.marital = QComboBox(self)
        self.marital.setObjectName("family_marital")
        self.marital.addItem("", "")
        for code in MARITAL:
            self.marital.addItem(code, code)
        self.cohabiting = QCheckBox(self)
        self.cohabiting.setObjectName("family_cohabiting")
        self.remove_button = QPushButton(self)
        self.remove_button.setObjectName("family_remove")
        self.decision = QLabel(self)
        self.decision.setObjectName("family_decision")
        self.decision.setWordWrap(True)
        self.message = FieldMessage(self)
        self.labels = [QLabel(self) for _ in range(4)]
        grid = QGridLayout(self)
        for column, (label, widget) in enumerate(
            zip(self.labels, (self.relation, self.name, self.id_number, self.marital), strict=True)
        ):
            label.setBuddy(widget)
            grid.addWidget(label, 0, column)
            grid.addWidget(widget, 1, column)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        actions = QHBoxLayout()
        actions.addWidget(self.cohabiting)
        actions.addStretch(1)
        actions.addWidget(self.remove_button)
        grid.addLayout(actions, 2, 0, 1, 4)
        grid.addWidget(self.message, 3, 0, 1, 4)
        grid.addWidget(self.decision, 4, 0, 1, 4)

        self.relation.setCurrentIndex(max(0, self.relation.findData(entry.relation)))
        self.name.setText(entry.name)
        self.id_number.setText(entry.id_number)
        self.marital.setCurrentIndex(max(0, self.marital.findData(entry.marital_status)))
        self.cohabiting.setChecked(bool(entry.cohabiting))
        self.relation.currentIndexChanged.connect(self._changed)
        self.marital.currentIndexChanged.connect(self._changed)
        self.name.textEdited.connect(self._changed)
        self.id_number.textEdited.connect(self._changed)
        self.cohabiting.toggled.connect(self._changed)
        self.remove_button.clicked.connect(lambda: self.remove.emit(self))
        self.retranslate()
        self._validate()

    def retranslate(self) -> None:
        for label, text in zip(
            self.labels,
            (self.tr("关系"), self.tr("姓名"), self.tr("公民身份号码"), self.tr("婚姻状况")),
            strict=True,
        ):
            label.setText(text)
        for i, code in enumerate(RELATIONS):
            self.relation.setItemText(i, relation_text(code))
        self.marital.setItemText(0, self.tr("请选择"))
        for i, code in enumerate(MARITAL, start=1):
            self.marital.setItemText(i, marital_text(code))
        self.cohabiting.setText(self.tr("与申请人共同居住生活"))
        self.remove_button.setText(self.tr("移除此人"))
        for combo in (self.relation, self.marital):
            fit_longest_item(combo)
        self._validate()

    def _changed(self) -> None:
        entry = self.entry
        entry.relation = self.relation.currentData()
        entry.name = self.name.text()
        text = self.id_number.text()
        if text != text.upper():
            position = self.id_number.cursorPosition()
            self.id_number.setText(text.upper())
            self.id_number.setCursorPosition(position)
        entry.id_number = self.id_number.text()
        entry.marital_status = self.marital.currentData() or ""
        entry.cohabiting = (
            self.cohabiting.isChecked() if entry.relation in self.cohabiting_relations else None
        )
        self._validate()
        self.edited.emit()

    def errors(self) -> list[str]:
        errors = []
        try:
            validate_name(self.entry.name)
        except InvalidName as exc:
            errors.append(i18n.user_message(str(exc)))
        if self.entry.id_number:
            try:
                parse_id_number(self.entry.id_number)
            except InvalidIdNumber as exc:
                errors.append(i18n.user_message(str(exc)))
        return errors

    def _validate(self) -> None:
        self.cohabiting.setVisible(self.entry.relation in self.cohabiting_relations)
        typed = bool(self.entry.name or self.entry.id_number)
        self.message.show_message("\n".join(self.errors()) if typed else "")

    def show_decision(self, allowed: bool | None, reason: str, cite: str | None) -> None:
        if allowed is None:
            self.decision.setText("")
            return
        mark = self.tr("✔ 可随迁") if allowed else self.tr("✘ 不可随迁")
        colour = "#1b7a36" if allowed else "#b3261e"
        self.decision.setStyleSheet(f"color: {colour};")
        self.decision.setText(f"{mark}：{reason}" + (unbroken(f"（{cite}）") if cite else ""))


class FamilyPage(WizardStep):
    def __init__(self, state: IntakeState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("FamilyPage")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("family_add")
        self.holder = QWidget(self)
        self.rows_layout = QVBoxLayout(self.holder)
        self.rows_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.holder)
        self.empty = QLabel(self)
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        self.rows: list[FamilyRow] = []
        self.add_button.clicked.connect(self.add_person)
        self.retranslate()

    def title(self) -> str:
        return self.tr("随迁人员")

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr("一同迁入的配偶、子女、父母等。每人下方显示政策是否允许随迁及依据。")
        )
        self.add_button.setText(self.tr("添加随迁人员(&J)"))
        self.empty.setText(self.tr("无随迁人员。如有，请按“添加随迁人员”。"))

    def _cohabiting_relations(self) -> set[str]:
        category = self.state.category
        if category is None:
            return set()
        return {c.relation for c in category.companions if c.requires_cohabiting}

    def enter(self) -> None:
        for row in self.rows:
            row.deleteLater()
        self.rows.clear()
        for entry in self.state.family:
            self._add_row(entry)
        self.empty.setVisible(not self.rows)
        (self.rows[0].relation if self.rows else self.add_button).setFocus()

    def _add_row(self, entry: FamilyEntry) -> FamilyRow:
        row = FamilyRow(entry, self._cohabiting_relations(), self.holder)
        row.edited.connect(self.changed)
        row.remove.connect(self._remove)
        self.rows_layout.addWidget(row)
        self.rows.append(row)
        return row

    def add_person(self) -> None:
        entry = FamilyEntry()
        self.state.family.append(entry)
        row = self._add_row(entry)
        self.empty.hide()
        row.relation.setFocus()
        self.changed.emit()

    def _remove(self, row: FamilyRow) -> None:
        index = self.rows.index(row)
        self.rows.pop(index)
        self.state.remove_family(index)
        row.deleteLater()
        self.empty.setVisible(not self.rows)
        self.add_button.setFocus()
        self.changed.emit()

    def show_assessment(self, result: Assessment | CaseError) -> None:
        decisions = {d.index: d for d in result.family} if isinstance(result, Assessment) else {}
        for i, row in enumerate(self.rows):
            decision = decisions.get(i)
            if decision is None:
                row.show_decision(None, "", None)
            else:
                row.show_decision(decision.allowed, decision.reason, decision.cite)

    def is_valid(self) -> bool:
        return all(not row.errors() for row in self.rows)
