"""Step 1: the settlement category — a searchable list with the short description and citation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hukou.ui.intake.state import IntakeState
from hukou.ui.intake.step import WizardStep
from hukou.ui.widgets import FieldMessage


class FilterEdit(QLineEdit):
    """Up/down in the filter box move through the list, so the hands stay on the keyboard."""

    def __init__(self, target: QListWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            visible = [i for i in range(self.target.count()) if not self.target.item(i).isHidden()]
            if visible:
                current = self.target.currentRow()
                pos = visible.index(current) if current in visible else -1
                pos = pos + 1 if event.key() == Qt.Key.Key_Down else pos - 1
                self.target.setCurrentRow(visible[max(0, min(len(visible) - 1, pos))])
            return
        super().keyPressEvent(event)


class CategoryPage(WizardStep):
    def __init__(self, state: IntakeState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("CategoryPage")
        self.area_label = QLabel(self)
        self.area_combo = QComboBox(self)
        self.area_combo.setObjectName("area")
        for area in state.pack.areas:
            self.area_combo.addItem(area.name, area.id)
        self.area_label.setBuddy(self.area_combo)
        self.list = QListWidget(self)
        self.list.setObjectName("category_list")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        # Three lines per category (title, summary, citation): without room between the
        # entries the clerk could not tell where one category ends and the next begins.
        self.list.setStyleSheet(
            "QListWidget#category_list::item { padding: 6px; border-bottom: 1px solid #d0d0d0; }"
            "QListWidget#category_list::item:selected { background: #308cc6; color: white; }"
        )
        self.filter_label = QLabel(self)
        self.filter_edit = FilterEdit(self.list, self)
        self.filter_edit.setObjectName("category_filter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_label.setBuddy(self.filter_edit)
        self.message = FieldMessage(self)
        self.pack_label = QLabel(self)
        self.pack_label.setWordWrap(True)
        self.pack_label.setStyleSheet("color: #555;")

        form = QFormLayout()
        form.addRow(self.area_label, self.area_combo)
        form.addRow(self.filter_label, self.filter_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pack_label)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)

        self.area_combo.currentIndexChanged.connect(self._area_changed)
        self.filter_edit.textChanged.connect(self._filter)
        self.list.currentItemChanged.connect(self._picked)
        self._filling = False
        self.retranslate()

    def title(self) -> str:
        return self.tr("落户类别")

    def retranslate(self) -> None:
        pack = self.state.pack
        self.pack_label.setText(
            self.tr("适用政策：{title}（{number}）").format(
                title=pack.short_title, number=pack.document_number
            )
        )
        self.area_label.setText(self.tr("受理辖区(&A)："))
        self.filter_label.setText(self.tr("查找类别(&K)："))
        self.filter_edit.setPlaceholderText(self.tr("输入类别名称或说明中的字词"))
        self.message.show_message("" if self.state.category_id else self.tr("请选择一个落户类别"))

    def enter(self) -> None:
        self._filling = True
        index = self.area_combo.findData(self.state.area_id)
        self.area_combo.setCurrentIndex(max(0, index))
        self._filling = False
        self._fill()
        self.filter_edit.setFocus()

    def _area_changed(self) -> None:
        if self._filling:
            return
        self.state.area_id = self.area_combo.currentData()
        category = self.state.category
        if category is not None and not category.covers_area(self.state.area_id):
            self.state.category_id = ""
        self._fill()
        self.changed.emit()

    def _fill(self) -> None:
        self._filling = True
        self.list.clear()
        for category in self.state.pack.categories:
            if not category.covers_area(self.state.area_id):
                continue
            item = QListWidgetItem(f"{category.title}\n{category.summary}\n{category.cite}")
            item.setData(Qt.ItemDataRole.UserRole, category.id)
            item.setToolTip(category.summary)
            self.list.addItem(item)
            if category.id == self.state.category_id:
                self.list.setCurrentItem(item)
        self._filling = False
        self._filter(self.filter_edit.text())

    def _filter(self, text: str) -> None:
        words = text.strip().split()
        first_visible = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hidden = not all(w in item.text() for w in words)
            item.setHidden(hidden)
            if not hidden and first_visible is None:
                first_visible = i
        current = self.list.currentItem()
        if words and (current is None or current.isHidden()) and first_visible is not None:
            self.list.setCurrentRow(first_visible)

    def _picked(self, item: QListWidgetItem | None) -> None:
        if self._filling or item is None:
            return
        self.state.category_id = item.data(Qt.ItemDataRole.UserRole)
        self.message.clear_message()
        self.changed.emit()

    def is_valid(self) -> bool:
        category = self.state.category
        return category is not None and category.covers_area(self.state.area_id)
