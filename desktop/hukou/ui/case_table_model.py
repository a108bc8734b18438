"""A lazy table model over the store's case search: smooth at a million cases.

The model knows the row count (count_cases) and keeps a window of pages (search_cases
with offset/limit) in a small cache. A row not in the cache shows "…" and its page is
fetched on a worker; when it arrives the rows repaint. Nothing on the UI thread waits
for the database, so scrolling never freezes, however far the scroll bar is dragged.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from hukou import store
from hukou.ui.ops import BackgroundOp
from hukou.ui.pack_titles import category_title
from hukou.ui.session import Session
from hukou.ui.widgets import status_text

PAGE_SIZE = 100
MAX_PAGES = 60
RECENT_PAGES = 6
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class CaseFilter:
    query: str = ""
    status: tuple[str, ...] = ()
    category: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def kwargs(self) -> dict[str, Any]:
        return {
            "status": list(self.status) or None,
            "category": self.category,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }


@dataclass
class _Load:
    generation: int
    count: int
    first_page: list[Any] = field(default_factory=list)


class CaseTableModel(QAbstractTableModel):
    """Columns: number, status, applicant, ID number, category, persons, intake date."""

    COLUMNS = ("number", "status", "applicant", "id_number", "category", "persons", "intake_date")
    loaded = Signal(int)  # the row count, once the first page is in
    page_loaded = Signal(int)  # page number

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.filter = CaseFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._requested: set[int] = set()
        self._generation = 0
        # The pages asked for last: a worker skips a page no longer among them, so dragging
        # the scroll bar over a million rows queries only where it stops.
        self._recent: deque[int] = deque(maxlen=RECENT_PAGES)
        self._categories: dict[str, str] = {}
        try:
            self._categories = {c.id: c.title for c in session.pack.categories}
        except Exception:  # no pack installed: the id is shown instead of the title
            self._categories = {}

    # -- loading ----------------------------------------------------------------------

    def set_filter(self, case_filter: CaseFilter) -> None:
        self.filter = case_filter
        self.reload()

    def reload(self) -> None:
        """Count and fetch the first page on a worker, then reset the view in one go."""
        self._generation += 1
        generation = self._generation
        session, flt = self.session, self.filter

        def work() -> _Load:
            db = session.db()
            kwargs = flt.kwargs()
            first = store.search_cases(db, flt.query, offset=0, limit=PAGE_SIZE, **kwargs)
            if not first.has_more:
                count = len(first.items)
            else:
                count = store.count_cases(db, flt.query, **kwargs)
            return _Load(generation, count, list(first.items))

        BackgroundOp(None, work).success(self._reset).run()

    def _reset(self, load: _Load) -> None:
        if load.generation != self._generation:
            return  # a newer filter was typed meanwhile
        self.beginResetModel()
        self._count = load.count
        self._pages.clear()
        self._requested.clear()
        self._pages[0] = load.first_page
        self.endResetModel()
        self.loaded.emit(self._count)

    def _request(self, page: int) -> None:
        if page in self._requested or page in self._pages:
            return
        self._requested.add(page)
        generation = self._generation
        session, flt = self.session, self.filter

        self._recent.append(page)

        def work() -> tuple[int, int, list[Any]] | None:
            if page not in self._recent:
                return None  # scrolled past meanwhile: do not spend a query on it
            found = store.search_cases(
                session.db(), flt.query, offset=page * PAGE_SIZE, limit=PAGE_SIZE, **flt.kwargs()
            )
            return generation, page, list(found.items)

        BackgroundOp(None, work).success(self._got_page).failure(
            lambda exc: self._requested.discard(page)
        ).run()

    def _got_page(self, result: tuple[int, int, list[Any]] | None) -> None:
        if result is None:
            self._requested.intersection_update(self._recent)
            return
        generation, page, items = result
        if generation != self._generation:
            return
        self._requested.discard(page)
        self._pages[page] = items
        self._pages.move_to_end(page)
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * PAGE_SIZE
        last = min(self._count, first + PAGE_SIZE) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.COLUMNS) - 1))
        self.page_loaded.emit(page)

    def case_at(self, row: int) -> Any | None:
        """The CaseSummary of a row, or None while its page is loading."""
        page, offset = divmod(row, PAGE_SIZE)
        items = self._pages.get(page)
        if items is None:
            self._request(page)
            return None
        self._pages.move_to_end(page)
        return items[offset] if offset < len(items) else None

    # -- Qt model ---------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        titles = {
            "number": QCoreApplication.translate("CaseTableModel", "案件编号"),
            "status": QCoreApplication.translate("CaseTableModel", "状态"),
            "applicant": QCoreApplication.translate("CaseTableModel", "申请人"),
            "id_number": QCoreApplication.translate("CaseTableModel", "公民身份号码"),
            "category": QCoreApplication.translate("CaseTableModel", "落户类别"),
            "persons": QCoreApplication.translate("CaseTableModel", "人数"),
            "intake_date": QCoreApplication.translate("CaseTableModel", "受理日期"),
        }
        return titles[self.COLUMNS[section]]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.UserRole:
            case = self.case_at(index.row())
            return case.uuid if case else None
        if role == Qt.ItemDataRole.TextAlignmentRole and self.COLUMNS[index.column()] == "persons":
            return int(Qt.AlignmentFlag.AlignCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        case = self.case_at(index.row())
        if case is None:
            return "…"
        column = self.COLUMNS[index.column()]
        if column == "number":
            return case.number
        if column == "status":
            return status_text(case.status)
        if column == "applicant":
            return case.applicant_name
        if column == "id_number":
            return case.applicant_id_number or ""
        if column == "category":
            return category_title(case.pack_id, case.category_id)  # the case's own pack
        if column == "persons":
            return str(case.persons)
        return case.intake_date

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
