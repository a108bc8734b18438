"""Home: today's work by status, a search box with results as you type, and `New case`.

With the search box empty the table lists the newest cases, so the counter's last intakes
are one arrow key away.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.ui import i18n
from hukou.ui.ops import BackgroundOp
from hukou.ui.pack_titles import category_title
from hukou.ui.session import Session
from hukou.ui.widgets import Heading, status_text

# The statuses a counter works through during the day, in the order a case moves.
WORK_STATUSES = ("draft", "awaiting_documents", "submitted", "returned", "approved", "registered")
SEARCH_LIMIT = 30
RECENT_LIMIT = 15
#: Text as wide as each column's usual content, so an empty table is laid out as a full one.
COLUMN_SAMPLES = ("370102-2026-000000", "待补材料", "欧阳·娜仁图雅", "37150219900506700X")


class SearchBox(QLineEdit):
    """Down arrow moves into the results; Enter opens the first result."""

    down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down:
            self.down.emit()
            return
        super().keyPressEvent(event)


class StatusTile(QPushButton):
    def __init__(self, status: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self.count: int | None = None
        self.setObjectName(f"tile_{status}")
        self.setMinimumHeight(72)
        self.setStyleSheet("QPushButton { text-align: left; padding: 8px 12px; font-size: 15px; }")

    def show_count(self) -> None:
        number = "…" if self.count is None else str(self.count)
        self.setText(f"{status_text(self.status)}\n{number}")


class HomePage(i18n.Retranslatable, QWidget):
    open_case = Signal(str)
    new_case = Signal()
    show_status = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("HomePage")
        self.heading = Heading(self)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("new_case")
        self.new_button.setMinimumHeight(40)
        self.work_label = QLabel(self)
        self.tiles = {s: StatusTile(s, self) for s in WORK_STATUSES}
        grid = QGridLayout()
        for i, status in enumerate(WORK_STATUSES):
            tile = self.tiles[status]
            grid.addWidget(tile, i // 3, i % 3)
            tile.clicked.connect(lambda _c=False, s=status: self.show_status.emit(s))
        self.search_label = QLabel(self)
        self.search_edit = SearchBox(self)
        self.search_edit.setObjectName("home_search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_edit)
        self.results = QTableWidget(0, 6, self)
        self.results.setObjectName("home_results")
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.verticalHeader().hide()
        header = self.results.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.results.setAlternatingRowColors(True)
        self.results.cellActivated.connect(lambda row, _c: self._open_row(row))
        self.results.cellDoubleClicked.connect(lambda row, _c: self._open_row(row))
        self.hint = QLabel(self)
        self.hint.setObjectName("search_hint")

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.work_label)
        layout.addLayout(grid)
        layout.addSpacing(12)
        layout.addWidget(self.search_label)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.hint)
        layout.addWidget(self.results, 1)

        self.new_button.clicked.connect(self.new_case)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(200)
        self.debounce.timeout.connect(self.search)
        self.search_edit.textChanged.connect(lambda _t: self.debounce.start())
        self.search_edit.returnPressed.connect(self._open_first)
        self.search_edit.down.connect(self._focus_results)
        self._generation = 0
        self._searching = False
        self._open_when_found = False
        self.items: list[Any] = []
        self.setTabOrder(self.new_button, self.search_edit)
        self.setTabOrder(self.search_edit, self.results)
        self.retranslate()

    def retranslate(self) -> None:
        station = self.session.station
        self.heading.setText(station.name if station else self.tr("户籍窗口受理台"))
        self.new_button.setText(self.tr("新建案件 (Ctrl+N)"))
        self.work_label.setText(self.tr("工作概况（点击查看）"))
        for tile in self.tiles.values():
            tile.show_count()
        self.search_label.setText(self.tr("查找案件(&F)："))
        self.search_edit.setPlaceholderText(
            self.tr("输入案件编号、公民身份号码（全部或后6位）、姓名或地址")
        )
        self.results.setHorizontalHeaderLabels(
            [
                self.tr("案件编号"),
                self.tr("状态"),
                self.tr("申请人"),
                self.tr("公民身份号码"),
                self.tr("落户类别"),
                self.tr("受理日期"),
            ]
        )
        self._size_columns()
        self._show_hint()

    def _size_columns(self) -> None:
        metrics = self.results.fontMetrics()
        samples = (*COLUMN_SAMPLES, "", "2026-11-22")
        for column, sample in enumerate(samples):
            if column == 4:
                continue  # the category takes the rest
            title = self.results.horizontalHeaderItem(column)
            title_width = metrics.horizontalAdvance(title.text()) if title else 0
            width = max(metrics.horizontalAdvance(sample), title_width) + 28
            self.results.setColumnWidth(column, width)

    def refresh(self) -> None:
        """Re-count the tiles (and re-run the search) on a worker."""
        session = self.session

        def work() -> dict[str, int]:
            db = session.db()
            return {s: store.count_cases(db, status=s) for s in WORK_STATUSES}

        BackgroundOp(self, work).success(self._got_counts).run()
        self.search()

    def _got_counts(self, counts: dict[str, int]) -> None:
        for status, tile in self.tiles.items():
            tile.count = counts.get(status, 0)
            tile.show_count()

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def search(self) -> None:
        self.debounce.stop()
        text = self.search_edit.text().strip()
        self._generation += 1
        generation = self._generation
        session = self.session
        self._searching = True
        limit = SEARCH_LIMIT if text else RECENT_LIMIT

        def work() -> tuple[list[Any], list[str]]:
            items = list(store.search_cases(session.db(), text, limit=limit).items)
            # Titles on the worker too: the first one loads the policy packs, which must
            # not freeze the window when a search returns before they are loaded.
            return items, [category_title(c.pack_id, c.category_id) for c in items]

        (
            BackgroundOp(self, work)
            .success(lambda found: self._show_results(generation, *found))
            .run()
        )

    def _show_results(self, generation: int, items: list[Any], titles: list[str]) -> None:
        if generation != self._generation:
            return  # typed on meanwhile; a newer search is under way
        self._searching = False
        self.items = items
        self.results.setRowCount(len(items))
        for row, (case, title) in enumerate(zip(items, titles, strict=True)):
            values = [
                case.number,
                status_text(case.status),
                case.applicant_name,
                case.applicant_id_number or "",
                title,
                case.intake_date,
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.results.setItem(row, column, item)
        self._show_hint()
        if self._open_when_found:
            self._open_when_found = False
            if items and self.search_edit.text().strip():
                self._open_row(0)

    def _show_hint(self) -> None:
        if not self.search_edit.text().strip():
            self.hint.setText(
                self.tr("最近受理的案件。按 Ctrl+F 随时回到查找框；↓ 进入列表，回车打开。")
            )
        elif not self.items:
            self.hint.setText(self.tr("没有找到符合条件的案件。"))
        else:
            self.hint.setText(
                self.tr("找到 {n} 件（最多显示 {limit} 件）。").format(
                    n=len(self.items), limit=SEARCH_LIMIT
                )
            )

    def _focus_results(self) -> None:
        if self.results.rowCount():
            self.results.setFocus()
            self.results.selectRow(0)

    def _open_first(self) -> None:
        if not self.search_edit.text().strip():
            return  # Enter on the recent list's box opens nothing: type first
        if self.debounce.isActive() or self._searching:
            # Typed and pressed Enter at once: open the first hit when the search answers.
            self._open_when_found = True
            if self.debounce.isActive():
                self.search()
            return
        if self.items:  # not the recent list: type first
            self._open_row(0)

    def _open_row(self, row: int) -> None:
        if 0 <= row < len(self.items):
            self.open_case.emit(self.items[row].uuid)
