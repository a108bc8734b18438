"""All cases with filters (text, status, category, intake dates) over the lazy case model."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hukou.store.schema import STATUSES
from hukou.ui import i18n
from hukou.ui.case_table_model import CaseFilter, CaseTableModel
from hukou.ui.session import Session
from hukou.ui.widgets import Heading, fit_longest_item, status_text

NO_DATE = QDate(2000, 1, 1)


class CaseTable(QTableView):
    """Enter opens the selected case, like a double click."""

    activated_row = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


class CaseListPage(i18n.Retranslatable, QWidget):
    open_case = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("CaseListPage")
        self.heading = Heading(self)
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("case_search")
        self.search_edit.setClearButtonEnabled(True)
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("status_filter")
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("category_filter")
        self.from_edit = QDateEdit(self)
        self.to_edit = QDateEdit(self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(NO_DATE)
            edit.setDate(NO_DATE)
        self.from_label = QLabel(self)
        self.to_label = QLabel(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("case_count")

        self.model = CaseTableModel(session, self)
        self.table = CaseTable(self)
        self.table.setObjectName("case_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(28)
        # Fixed row heights and column widths: no per-row measuring, which is what keeps
        # a million-row view cheap to scroll.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The category takes what is left, so the seven columns fit without a sideways bar.
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((190, 90, 140, 190, 260, 50, 110)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated_row.connect(self._open)

        filters = QHBoxLayout()
        filters.addWidget(self.search_edit, 3)
        filters.addWidget(self.status_combo, 1)
        filters.addWidget(self.category_combo, 2)
        filters.addWidget(self.from_label)
        filters.addWidget(self.from_edit)
        filters.addWidget(self.to_label)
        filters.addWidget(self.to_edit)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.count_label)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(250)
        self.debounce.timeout.connect(self.apply_filter)
        self.search_edit.textChanged.connect(lambda _t: self.debounce.start())
        self.search_edit.returnPressed.connect(self.apply_filter)
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.category_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.from_edit.dateChanged.connect(lambda _d: self.apply_filter())
        self.to_edit.dateChanged.connect(lambda _d: self.apply_filter())
        self.model.loaded.connect(self._show_count)
        self._filling = False
        self.retranslate()

    def retranslate(self) -> None:
        self._filling = True
        self.heading.setText(self.tr("全部案件"))
        self.search_edit.setPlaceholderText(self.tr("案件编号、公民身份号码、姓名或地址"))
        status = self.status_combo.currentData()
        self.status_combo.clear()
        self.status_combo.addItem(self.tr("全部状态"), None)
        for s in STATUSES:
            self.status_combo.addItem(status_text(s), s)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
        category = self.category_combo.currentData()
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("全部类别"), None)
        try:
            for c in self.session.pack.categories:
                self.category_combo.addItem(c.title, c.id)
        except Exception:  # no pack installed: filter by status and text only
            pass
        self.category_combo.setCurrentIndex(max(0, self.category_combo.findData(category)))
        fit_longest_item(self.category_combo)
        self.from_label.setText(self.tr("受理日期"))
        self.to_label.setText(self.tr("至"))
        for edit in (self.from_edit, self.to_edit):
            edit.setSpecialValueText(self.tr("不限"))
        self._filling = False
        self._show_count(self.model.rowCount())

    def current_filter(self) -> CaseFilter:
        status = self.status_combo.currentData()
        start = self.from_edit.date()
        end = self.to_edit.date()
        return CaseFilter(
            query=self.search_edit.text().strip(),
            status=(status,) if status else (),
            category=self.category_combo.currentData(),
            date_from=None if start == NO_DATE else start.toString("yyyy-MM-dd"),
            date_to=None if end == NO_DATE else end.toString("yyyy-MM-dd"),
        )

    def apply_filter(self) -> None:
        if self._filling:
            return
        self.debounce.stop()
        self.model.set_filter(self.current_filter())

    def show_status(self, status: str | None) -> None:
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
        self.apply_filter()

    def refresh(self) -> None:
        self.model.set_filter(self.current_filter())

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("共 {n} 件").format(n=f"{count:,}"))

    def _open(self, row: int) -> None:
        case = self.model.case_at(row)
        if case is not None:
            self.open_case.emit(case.uuid)
