"""Approvals (supervisors): the queue of cases waiting for a decision."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from hukou.ui import i18n
from hukou.ui.case_list_page import CaseTable
from hukou.ui.case_table_model import CaseFilter, CaseTableModel
from hukou.ui.session import Session
from hukou.ui.widgets import Heading


class ApprovalsPage(i18n.Retranslatable, QWidget):
    open_case = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("ApprovalsPage")
        self.heading = Heading(self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("approvals_count")
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.model = CaseTableModel(session, self)
        self.model.filter = CaseFilter(status=("submitted",))
        self.table = CaseTable(self)
        self.table.setObjectName("approvals_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((190, 90, 140, 190, 260, 50, 110)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda index: self._open(index.row()))
        self.table.activated_row.connect(self._open)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        self.model.loaded.connect(self._show_count)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("待审批案件"))
        self.hint.setText(
            self.tr(
                "回车或双击打开案件，在案件页批准、退回或不予受理。"
                "本人受理的案件须由另一位审核领导审批。"
            )
        )
        self._show_count(self.model.rowCount())

    def refresh(self) -> None:
        self.model.reload()

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("共 {n} 件").format(n=count))

    def _open(self, row: int) -> None:
        case = self.model.case_at(row)
        if case is not None:
            self.open_case.emit(case.uuid)
