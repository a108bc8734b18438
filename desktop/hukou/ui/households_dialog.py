"""The station's register of collective households (unit, school, talent market, community
public): each household with its members by page. Administrators and supervisors add and
correct households; a clerk may look them up. The intake's placement step picks from it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.ui import i18n
from hukou.ui.household_edit_dialog import household_kind_text
from hukou.ui.ops import BackgroundOp
from hukou.ui.session import Session
from hukou.ui.users_dialog import local_time
from hukou.ui.widgets import FieldMessage, Heading, Note, read_only_table

EDITOR_ROLES = ("admin", "supervisor")


def may_edit_households(session: Session) -> bool:
    return session.role in EDITOR_ROLES


class HouseholdsDialog(i18n.Retranslatable, QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("HouseholdsDialog")
        self.households: list[store.CollectiveHousehold] = []
        self.members: list[store.HouseholdMember] = []
        self.members_of: int | None = None
        self.heading = Heading(self)
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.show_closed = QCheckBox(self)
        self.show_closed.setObjectName("show_closed")
        self.table = read_only_table(self, 6, "households_table", stretch=3)
        self.members_box = QGroupBox(self)
        self.members_table = read_only_table(self.members_box, 4, "members_table", stretch=1)
        self.members_empty = Note(self.members_box)
        members_layout = QVBoxLayout(self.members_box)
        members_layout.addWidget(self.members_table, 1)
        members_layout.addWidget(self.members_empty)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.members_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.add_button = QPushButton(self)
        self.add_button.setObjectName("add_household")
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("edit_household")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_households")
        self.message = FieldMessage(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.show_closed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        editor = may_edit_households(session)
        self.add_button.setVisible(editor)
        self.edit_button.setVisible(editor)
        self.add_button.clicked.connect(self.add_household)
        self.edit_button.clicked.connect(self.edit_household)
        self.close_button.clicked.connect(self.accept)
        self.show_closed.toggled.connect(lambda _c: self.refresh())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _i: self.edit_household())
        self.resize(980, 640)
        self.retranslate()
        self.refresh()

    # -- loading ----------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        session = self.session
        closed = self.show_closed.isChecked()
        current = self.selected()
        wanted = select if select is not None else (current.id if current else None)
        BackgroundOp(
            self, lambda: store.list_collective_households(session.db(), include_closed=closed)
        ).success(lambda households: self._show(households, wanted)).run()

    def _show(self, households: list[store.CollectiveHousehold], select: int | None) -> None:
        self.households = households
        self._fill()
        row = next((i for i, h in enumerate(households) if h.id == select), 0)
        if households:
            self.table.selectRow(row)
        self._selection_changed()

    def _fill(self) -> None:
        self.table.setRowCount(len(self.households))
        for row, household in enumerate(self.households):
            values = [
                household_kind_text(household.kind),
                household.name,
                household.number,
                household.address,
                household.managing_unit,
                self.tr("在用") if household.active else self.tr("已停用"),
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, household.id)
                if not household.active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)

    def selected(self) -> store.CollectiveHousehold | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.households) and self.table.selectionModel().hasSelection():
            return self.households[row]
        return None

    def _selection_changed(self) -> None:
        household = self.selected()
        self.edit_button.setEnabled(household is not None)
        self.members_of = household.id if household else None
        self._show_members_title()
        if household is None:
            self._show_members(None, [])
            return
        session, household_id = self.session, household.id
        BackgroundOp(
            self, lambda: store.list_household_members(session.db(), household_id)
        ).success(lambda members: self._show_members(household_id, members)).run()

    def _show_members(self, household_id: int | None, members: list[store.HouseholdMember]) -> None:
        if household_id != self.members_of:
            return  # the selection moved on while these were read
        self.members = members
        self.members_table.setRowCount(len(members))
        for row, member in enumerate(members):
            values = [str(member.page), member.name, member.case_number,
                      local_time(member.joined_at)]
            for column, value in enumerate(values):
                self.members_table.setItem(row, column, QTableWidgetItem(value))
        self.members_empty.setVisible(household_id is not None and not members)

    # -- text -------------------------------------------------------------------------

    def _show_members_title(self) -> None:
        household = self.selected()
        self.members_box.setTitle(
            self.tr("{name}的成员（按户口页）").format(name=household.name)
            if household
            else self.tr("成员")
        )

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("集体户登记簿"))
        self.heading.setText(self.tr("本所集体户"))
        self.intro.setText(
            self.tr(
                "单位、学校、人才市场集体户和社区公共户。受理时“落户地”从这里选择；"
                "批准后落户人员按户口页登记在户内。"
            )
        )
        self.show_closed.setText(self.tr("显示已停用的(&C)"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("类型"),
                self.tr("户名"),
                self.tr("户号"),
                self.tr("住址"),
                self.tr("管理单位"),
                self.tr("状态"),
            ]
        )
        self.members_table.setHorizontalHeaderLabels(
            [self.tr("户口页"), self.tr("姓名"), self.tr("案件编号"), self.tr("入户时间")]
        )
        self.members_empty.setText(self.tr("尚无成员入户。"))
        self.add_button.setText(self.tr("新增集体户(&N)…"))
        self.edit_button.setText(self.tr("修改(&E)…"))
        self.close_button.setText(self.tr("关闭"))
        self._fill()
        self._show_members_title()

    # -- actions ----------------------------------------------------------------------

    def add_household(self) -> None:
        self._open_editor(None)

    def edit_household(self) -> None:
        if not may_edit_households(self.session):
            return
        household = self.selected()
        if household is not None:
            self._open_editor(household)

    def _open_editor(self, household: store.CollectiveHousehold | None) -> None:
        from hukou.ui.household_edit_dialog import HouseholdEditDialog

        session = self.session

        def taken() -> list[str]:
            return [h.number for h in store.list_collective_households(
                session.db(), include_closed=True)]

        def opened(numbers: list[str]) -> None:
            dialog = HouseholdEditDialog(
                self.session,
                household,
                numbers,
                has_members=household is not None and bool(self.members)
                and self.members_of == household.id,
                parent=self,
            )
            dialog.saved.connect(self._saved)
            self.editor = dialog
            dialog.open()

        BackgroundOp(self, taken).success(opened).run()

    def _saved(self, household: store.CollectiveHousehold) -> None:
        self.message.setStyleSheet("color: #1b7a36;")
        self.message.show_message(
            self.tr("已保存集体户 {name}（{number}）").format(
                name=household.name, number=household.number
            )
        )
        if not household.active and not self.show_closed.isChecked():
            self.refresh()
        else:
            self.refresh(select=household.id)
