"""Step 6: the applicant's voluntary request confirmed, the placement chosen from the allowed
options, then accept the case and print what the outcome calls for."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hukou.policy import Assessment, CaseError
from hukou.ui.intake.state import IntakeState
from hukou.ui.intake.step import WizardStep
from hukou.ui.widgets import FieldMessage, OutcomeBadge, print_kind_text

# Which collective household register a placement kind goes into (store HOUSEHOLD_KINDS).
HOUSEHOLD_KIND_OF = {
    "unit_collective": "unit",
    "school_collective": "school",
    "talent_collective": "talent_market",
    "community_collective": "community_public",
    "community_public": "community_public",
}
# What the counter prints at intake, by outcome. A case the policy does not allow goes to
# the supervisor first: refusing is a final decision and takes a second person (DESIGN §1),
# so its refusal notice is printed from case detail once the supervisor has refused.
INTAKE_PRINT = {
    "eligible": "receipt",
    "incomplete": "one_time_notice",
}
REFERRED = ("not_eligible", "not_yet")


class SummaryPage(WizardStep):
    finish = Signal()

    def __init__(self, state: IntakeState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("SummaryPage")
        self.summary = QLabel(self)
        self.summary.setObjectName("summary_text")
        self.summary.setWordWrap(True)
        self.voluntary = QCheckBox(self)
        self.voluntary.setObjectName("voluntary")
        self.voluntary_message = FieldMessage(self)
        self.placement = QComboBox(self)
        self.placement.setObjectName("placement")
        self.household = QComboBox(self)
        self.household.setObjectName("household")
        self.address = QLineEdit(self)
        self.address.setObjectName("placement_address")
        self.address.setMaxLength(300)
        self.placement_label = QLabel(self)
        self.household_label = QLabel(self)
        self.address_label = QLabel(self)
        self.placement_label.setBuddy(self.placement)
        self.household_label.setBuddy(self.household)
        self.address_label.setBuddy(self.address)
        self.badge = OutcomeBadge(self)
        self.badge.setObjectName("summary_outcome")
        self.finish_button = QPushButton(self)
        self.finish_button.setObjectName("finish")
        self.finish_button.setMinimumHeight(40)
        self.finish_message = FieldMessage(self)
        form = QFormLayout()
        form.addRow(self.placement_label, self.placement)
        form.addRow(self.household_label, self.household)
        form.addRow(self.address_label, self.address)
        self.form = form
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.voluntary)
        layout.addWidget(self.voluntary_message)
        layout.addLayout(form)
        layout.addWidget(self.badge)
        layout.addWidget(self.finish_button)
        layout.addWidget(self.finish_message)
        layout.addStretch(1)
        self.households: list[Any] = []
        self.result: Assessment | CaseError | None = None
        self._loading = False
        self.voluntary.toggled.connect(self._voluntary_toggled)
        self.placement.currentIndexChanged.connect(self._placement_changed)
        self.household.currentIndexChanged.connect(self._placement_changed)
        self.address.textEdited.connect(lambda _t: self._placement_changed())
        self.finish_button.clicked.connect(self.finish)
        self.retranslate()

    def title(self) -> str:
        return self.tr("确认受理")

    def retranslate(self) -> None:
        self.voluntary.setText(self.tr("已当面确认：申请人本人自愿申请落户(&V)"))
        self.placement_label.setText(self.tr("落户地(&L)："))
        self.household_label.setText(self.tr("集体户(&U)："))
        self.address_label.setText(self.tr("落户地址(&D)："))
        self.address.setPlaceholderText(self.tr("住所地址，如 东昌府区柳园路12号3单元402室"))
        self.show_assessment(self.result) if self.result is not None else self._update()

    def set_households(self, households: list[Any]) -> None:
        self.households = households
        self._fill_households()

    def enter(self) -> None:
        self._loading = True
        self.voluntary.setChecked(bool(self.state.voluntary_request))
        self.address.setText(str(self.state.placement.get("address", "")))
        self._loading = False
        self._update()
        self.voluntary.setFocus()

    def _voluntary_toggled(self, checked: bool) -> None:
        if self._loading:
            return
        self.state.voluntary_request = checked or None
        self._update()
        self.changed.emit()

    def _placement_changed(self) -> None:
        if self._loading:
            return
        kind = self.placement.currentData()
        placement: dict[str, Any] = {}
        if kind:
            placement["kind"] = kind
            household = self.household.currentData()
            if kind in HOUSEHOLD_KIND_OF and household:
                placement["household_id"] = household
            if self.address.text().strip():
                placement["address"] = self.address.text().strip()
        self.state.placement = placement
        self._fill_households()
        self._update()
        self.changed.emit()

    def _fill_households(self) -> None:
        kind = HOUSEHOLD_KIND_OF.get(self.placement.currentData() or "")
        self._loading = True
        self.household.clear()
        matching = [h for h in self.households if h.kind == kind]
        self.household.addItem(
            self.tr("（审批后再指定）")
            if matching
            else self.tr("（本所登记簿中尚无此类集体户，审批后再指定）"),
            None,
        )
        for household in matching:
            self.household.addItem(f"{household.name}（{household.number}）", household.id)
        wanted = self.state.placement.get("household_id")
        self.household.setCurrentIndex(max(0, self.household.findData(wanted)))
        self._loading = False
        self.form.setRowVisible(self.household, kind is not None)

    def show_assessment(self, result: Assessment | CaseError | None) -> None:
        self.result = result
        self._loading = True
        wanted = self.state.placement.get("kind")
        self.placement.clear()
        self.placement.addItem(self.tr("请选择"), None)
        seen = set()
        if isinstance(result, Assessment):
            for option in result.placements:
                if option.kind in seen:
                    continue
                seen.add(option.kind)
                self.placement.addItem(f"{option.label}（{option.cite}）", option.kind)
        self.placement.setCurrentIndex(max(0, self.placement.findData(wanted)))
        self._loading = False
        self._fill_households()
        self._update()

    def print_kind(self) -> str | None:
        result = self.result
        if not isinstance(result, Assessment):
            return None
        return INTAKE_PRINT.get(result.outcome)

    def errors(self) -> list[str]:
        errors = []
        result = self.result
        if not self.state.voluntary_request:
            errors.append(self.tr("须当面确认申请人本人自愿申请落户（001 §一(二)）"))
        if isinstance(result, CaseError) or result is None:
            errors.append(self.tr("评估尚未完成，请更正前面步骤中的错误"))
        elif (
            result.outcome == "eligible"
            and result.placements
            and not self.state.placement.get("kind")
        ):
            errors.append(self.tr("请选择落户地"))
        return errors

    def _update(self) -> None:
        result = self.result
        state = self.state
        category = state.category
        lines = [
            self.tr("案件编号：{number}").format(
                number=state.case_number or self.tr("（保存后生成）")
            ),
            self.tr("落户类别：{title}").format(title=category.title if category else ""),
            self.tr("申请人：{name}　{id}").format(
                name=state.applicant.get("name", ""), id=state.applicant.get("id_number", "")
            ),
            self.tr("随迁人员：{n} 人").format(n=len(state.family)),
            self.tr("已交材料：{n} 项").format(n=sum(1 for v in state.documents.values() if v)),
        ]
        self.summary.setText("\n".join(lines))
        self.badge.set_outcome(result.outcome if isinstance(result, Assessment) else None)
        kind = self.print_kind()
        if isinstance(result, Assessment) and result.outcome in REFERRED:
            self.finish_button.setText(self.tr("提交审核民警决定（拟不予受理）(&P)"))
        elif kind:
            self.finish_button.setText(
                self.tr("受理并打印{document}(&P)").format(document=print_kind_text(kind))
            )
        else:
            self.finish_button.setText(self.tr("受理并打印(&P)"))
        errors = self.errors()
        self.voluntary_message.show_message(
            errors[0] if errors and not self.state.voluntary_request else ""
        )
        self.finish_message.show_message(
            "\n".join(e for e in errors if e != self.voluntary_message.text())
        )
        self.finish_button.setEnabled(not errors)

    def is_valid(self) -> bool:
        return not self.errors()
