"""The conflict list: cases where headquarters and the station disagree, or a change HQ
refused for good. Kept and shown, never dropped (DESIGN §6); Enter opens the case."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.ui import i18n
from hukou.ui.ops import BackgroundOp
from hukou.ui.session import Session
from hukou.ui.sync_status import local_time
from hukou.ui.widgets import read_only_table, status_text


@dataclass(frozen=True)
class ConflictRow:
    """A conflict with the case's number and applicant looked up at the station."""

    item: Any  # hukou.sync.client.ConflictItem
    number: str
    applicant: str


def load_conflicts(session: Session) -> list[ConflictRow]:
    from hukou.sync.client import list_conflicts

    db = session.db()
    rows = []
    for item in list_conflicts(db):
        try:
            case = store.get_case(db, item.case_uuid)
            number, applicant = case.number, case.applicant.name
        except store.StoreError:  # a case this station does not hold: show its UUID
            number, applicant = item.case_uuid, ""
        rows.append(ConflictRow(item, number, applicant))
    return rows


def field_text(field: str) -> str:
    texts = {
        "decision_status": QCoreApplication.translate("ConflictsDialog", "审批结果"),
        "*": QCoreApplication.translate("ConflictsDialog", "整个变更（总部拒收）"),
    }
    return texts.get(field, field)


def source_text(source: str) -> str:
    texts = {
        "hq": QCoreApplication.translate("ConflictsDialog", "总部发现"),
        "push": QCoreApplication.translate("ConflictsDialog", "发送时"),
        "pull": QCoreApplication.translate("ConflictsDialog", "取回决定时"),
    }
    return texts.get(source, source)


def value_text(field: str, value: str | None) -> str:
    if not value:
        return "—"
    return status_text(value) if field == "decision_status" else value


class ConflictsDialog(i18n.Retranslatable, QDialog):
    open_case = Signal(str)
    COLUMNS = 7

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("ConflictsDialog")
        self.rows: list[ConflictRow] = []
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.table = read_only_table(self, self.COLUMNS, "conflicts_table", stretch=5)
        self.table.setWordWrap(True)
        self.table.cellActivated.connect(lambda row, _c: self._open_row(row))
        self.table.cellDoubleClicked.connect(lambda row, _c: self._open_row(row))
        self.empty = QLabel(self)
        self.empty.setObjectName("conflicts_empty")
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("open_case_button")
        self.open_button.clicked.connect(lambda: self._open_row(self.table.currentRow()))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(1000, 420)
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("同步冲突"))
        self.intro.setText(
            self.tr(
                "下列案件在总部和本所的记录不一致，或被总部拒收。系统不会自动覆盖任何一方："
                "请打开案件核对，必要时与总部联系。"
            )
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("案件编号"),
                self.tr("申请人"),
                self.tr("项目"),
                self.tr("本所"),
                self.tr("总部"),
                self.tr("说明"),
                self.tr("发现于"),
            ]
        )
        self.empty.setText(self.tr("没有冲突。"))
        self.open_button.setText(self.tr("打开案件(&O)"))
        self._fill()

    def reload(self) -> None:
        session = self.session
        BackgroundOp(self, lambda: load_conflicts(session)).success(self._loaded).run()

    def _loaded(self, rows: list[ConflictRow]) -> None:
        self.rows = rows
        self._fill()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.rows))
        for row, conflict in enumerate(self.rows):
            item = conflict.item
            when = f"{source_text(item.source)} {local_time(item.reported_at)}"
            values = [
                conflict.number,
                conflict.applicant,
                field_text(item.field),
                value_text(item.field, item.station_value),
                value_text(item.field, item.hq_value),
                i18n.user_message(item.detail or ""),
                when,
            ]
            for column, value in enumerate(values):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        has_rows = bool(self.rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        self.open_button.setEnabled(has_rows)
        if has_rows and self.table.currentRow() < 0:
            self.table.setCurrentCell(0, 0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.open_case.emit(self.rows[row].item.case_uuid)
            self.accept()
