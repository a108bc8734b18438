"""Step 3: the facts the category asks, shown and hidden as other answers change (show_when)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hukou.policy import visible_facts
from hukou.policy.model import Fact
from hukou.ui.intake.state import IntakeState
from hukou.ui.intake.step import WizardStep
from hukou.ui.widgets import FieldMessage


class FactRow:
    """The widgets of one question: label, input (combo or line edit), message."""

    def __init__(self, fact: Fact, parent: QWidget) -> None:
        self.fact = fact
        self.label = QLabel(parent)
        self.label.setWordWrap(True)
        self.message = FieldMessage(parent)
        self.message.setObjectName(f"fact_{fact.key}_message")
        self.box = QWidget(parent)
        layout = QVBoxLayout(self.box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.combo: QComboBox | None = None
        self.edit: QLineEdit | None = None
        if fact.type in ("bool", "choice"):
            self.combo = QComboBox(parent)
            self.combo.setObjectName(f"fact_{fact.key}")
            self.combo.addItem("", None)
            if fact.type == "bool":
                self.combo.addItem("", True)
                self.combo.addItem("", False)
            else:
                for key, text in (fact.choices or {}).items():
                    self.combo.addItem(text, key)
            layout.addWidget(self.combo)
            self.label.setBuddy(self.combo)
        else:
            self.edit = QLineEdit(parent)
            self.edit.setObjectName(f"fact_{fact.key}")
            self.edit.setMaxLength(10 if fact.type == "date" else 12)
            layout.addWidget(self.edit)
            self.label.setBuddy(self.edit)
        layout.addWidget(self.message)
        if fact.help:
            self.box.setToolTip(fact.help)

    @property
    def input(self) -> QWidget:
        return self.combo if self.combo is not None else self.edit  # type: ignore[return-value]

    def set_value(self, value: Any) -> None:
        if self.combo is not None:
            self.combo.setCurrentIndex(
                max(0, self.combo.findData(value)) if value is not None else 0
            )
        elif self.edit is not None:
            self.edit.setText("" if value is None else str(value))

    def parse(self) -> tuple[Any, str]:
        """(value or None, error message or "")."""
        from PySide6.QtCore import QCoreApplication

        if self.combo is not None:
            return self.combo.currentData(), ""
        text = (self.edit.text() if self.edit else "").strip()
        if not text:
            return None, ""
        if self.fact.type == "date":
            try:
                return dt.date.fromisoformat(text).isoformat(), ""
            except ValueError:
                return None, QCoreApplication.translate(
                    "FactsPage", "日期格式为 YYYY-MM-DD，如 2024-05-06"
                )
        try:
            number = float(text)
        except ValueError:
            return None, QCoreApplication.translate("FactsPage", "请输入数字")
        if self.fact.min is not None and number < self.fact.min:
            return None, QCoreApplication.translate("FactsPage", "不能小于 {n}").format(
                n=f"{self.fact.min:g}"
            )
        if self.fact.max is not None and number > self.fact.max:
            return None, QCoreApplication.translate("FactsPage", "不能大于 {n}").format(
                n=f"{self.fact.max:g}"
            )
        return (int(number) if number.is_integer() else number), ""


class FactsPage(WizardStep):
    def __init__(self, state: IntakeState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("FactsPage")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.none_label = QLabel(self)
        self.holder = QWidget(self)
        self.form = QFormLayout(self.holder)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.holder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.none_label)
        layout.addWidget(scroll, 1)
        self.rows: dict[str, FactRow] = {}
        self.built_for = ""
        self.errors: dict[str, str] = {}
        self._loading = False
        self.retranslate()

    def title(self) -> str:
        return self.tr("情况询问")

    def retranslate(self) -> None:
        self.intro.setText(self.tr("询问申请人以下情况。问题会随已填的回答出现或隐去。"))
        self.none_label.setText(self.tr("此类别无需询问其他情况，请按“下一步”。"))
        for row in self.rows.values():
            self._label_row(row)

    def _label_row(self, row: FactRow) -> None:
        fact = row.fact
        text = fact.label + (f"（{fact.unit}）" if fact.unit else "")
        row.label.setText(text + "：")
        if row.combo is not None:
            row.combo.setItemText(0, self.tr("请选择"))
            if fact.type == "bool":
                row.combo.setItemText(1, self.tr("是"))
                row.combo.setItemText(2, self.tr("否"))
        if row.edit is not None:
            row.edit.setPlaceholderText(self.tr("YYYY-MM-DD") if fact.type == "date" else "")

    def _build(self) -> None:
        category = self.state.category
        key = category.id if category else ""
        if key == self.built_for:
            return
        self.built_for = key
        while self.form.rowCount():
            self.form.removeRow(0)
        self.rows.clear()
        if category is None:
            return
        for fact in category.facts:
            row = FactRow(fact, self.holder)
            self._label_row(row)
            self.form.addRow(row.label, row.box)
            if row.combo is not None:
                row.combo.currentIndexChanged.connect(lambda _i, r=row: self._edited(r))
            if row.edit is not None:
                row.edit.textEdited.connect(lambda _t, r=row: self._edited(r))
            self.rows[fact.key] = row

    def enter(self) -> None:
        self._build()
        self._loading = True
        for key, row in self.rows.items():
            row.set_value(self.state.facts.get(key))
        self._loading = False
        self._update_visibility()
        first = next((r for r in self.rows.values() if self.form.isRowVisible(r.box)), None)
        if first is not None:
            first.input.setFocus()

    def _edited(self, row: FactRow) -> None:
        if self._loading:
            return
        value, error = row.parse()
        self.state.facts[row.fact.key] = value
        row.message.show_message(error)
        if error:
            self.errors[row.fact.key] = error
        else:
            self.errors.pop(row.fact.key, None)
        self._update_visibility()
        self.changed.emit()

    def visible_keys(self) -> list[str]:
        category = self.state.category
        if category is None:
            return []
        relations = [e.relation for e in self.state.family]
        answered = {k: v for k, v in self.state.facts.items() if v is not None}
        return [
            f.key
            for f in visible_facts(category, answered, self.state.area_id, relations=relations)
        ]

    def _update_visibility(self) -> None:
        visible = set(self.visible_keys())
        for key, row in self.rows.items():
            self.form.setRowVisible(row.box, key in visible)
        self.none_label.setVisible(not visible)

    def is_valid(self) -> bool:
        """Every question shown is answered, in the right form."""
        visible = self.visible_keys()
        return not any(k in self.errors for k in visible) and all(
            self.state.facts.get(k) is not None for k in visible
        )
