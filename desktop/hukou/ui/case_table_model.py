"""A lazy table model over the store's case search: smooth at a million cases.

The model knows the row count (count_cases) and keeps a window of pages in a small
cache. Pages are fetched by key, never by OFFSET: after the first page, a worker walks
the key index in steps (store.page_cursors) and learns every page's cursor, so page
10,000 costs one short seek like page 1, and cases added meanwhile do not shift the pages
on screen. A row not in the cache shows "…" and its page is fetched on a worker; when it
arrives the rows repaint. Nothing on the UI thread waits for the database or a policy
pack, so scrolling never freezes, however far the scroll bar is dragged.
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
CURSOR_STEP = 2_000  # pages per step of the key walk (200,000 rows)
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
    next_cursor: int | None = None


def _with_titles(items: list[Any]) -> list[Any]:
    """Look the category titles up on the worker: the first lookup loads the case's pack."""
    for item in items:
        category_title(item.pack_id, item.category_id)
    return items


class CaseTableModel(QAbstractTableModel):
    """Columns: number, status, applicant, ID number, category, persons, intake date."""

    COLUMNS = ("number", "status", "applicant", "id_number", "category", "persons", "intake_date")
    loaded = Signal(int)  # the row count, once the first page is in
    page_loaded = Signal(int)  # page number
    cursors_loaded = Signal()  # every page's cursor is known

    def __init__(self, session: Session, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.filter = CaseFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        self._requested: set[int] = set()
        self._generation = 0
        # _cursors[p] fetches page p (page 0 comes with the count); _cursors_done once
        # the key index has been walked to the end.
        self._cursors: list[int | None] = [None]
        self._cursors_done = False
        self._waiting: set[int] = set()  # pages asked for before their cursor was known
        # The pages asked for last: a worker skips a page no longer among them, so dragging
        # the scroll bar over a million rows queries only where it stops.
        self._recent: deque[int] = deque(maxlen=RECENT_PAGES)

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
            first = store.search_cases(db, flt.query, limit=PAGE_SIZE, **kwargs)
            if not first.has_more:
                count = len(first.items)
            else:
                count = store.count_cases(db, flt.query, **kwargs)
            return _Load(generation, count, _with_titles(list(first.items)), first.next_cursor)

        BackgroundOp(None, work).success(self._reset).run()

    def _reset(self, load: _Load) -> None:
        if load.generation != self._generation:
            return  # a newer filter was typed meanwhile
        self.beginResetModel()
        self._count = load.count
        self._pages.clear()
        self._requested.clear()
        self._waiting.clear()
        self._recent.clear()
        self._pages[0] = load.first_page
        self._cursors = [None]
        self._cursors_done = load.next_cursor is None
        if load.next_cursor is not None:
            self._cursors.append(load.next_cursor)
        self.endResetModel()
        self.loaded.emit(self._count)
        if self._cursors_done:
            self.cursors_loaded.emit()
        else:
            self._walk_cursors(load.generation, load.next_cursor)

    def _walk_cursors(self, generation: int, following: int | None) -> None:
        """The next CURSOR_STEP pages' cursors on a worker, then the next step, to the end.
        Page 1's cursor came with page 0 (its next_cursor); walking on from there keeps
        every page consistent with the first one even while cases are added."""
        session, flt = self.session, self.filter

        def work() -> tuple[int, list[int]] | None:
            if generation != self._generation:
                return None  # the filter changed: stop walking this list
            return generation, store.page_cursors(
                session.db(), flt.query, page_size=PAGE_SIZE, following=following,
                limit=CURSOR_STEP, **flt.kwargs()
            )

        BackgroundOp(None, work).success(self._got_cursors).run()

    def _got_cursors(self, result: tuple[int, list[int]] | None) -> None:
        if result is None or result[0] != self._generation:
            return
        generation, cursors = result
        self._cursors.extend(cursors)
        if len(cursors) < CURSOR_STEP:
            self._cursors_done = True
            self.cursors_loaded.emit()
        else:
            self._walk_cursors(generation, cursors[-1])
        for page in sorted(self._waiting):
            if page < len(self._cursors):
                self._waiting.discard(page)
                if page in self._recent:
                    self._request(page)

    def _request(self, page: int) -> None:
        if page in self._requested or page in self._pages:
            return
        if page in self._recent:
            self._recent.remove(page)
        self._recent.append(page)
        cursor: int | None = None
        if page < len(self._cursors):
            cursor = self._cursors[page]
        else:
            self._waiting.add(page)  # fetched as soon as the walk reaches it
            return
        self._requested.add(page)
        generation = self._generation
        session, flt = self.session, self.filter

        def work() -> tuple[int, int, list[Any]] | None:
            if page not in self._recent:
                return None  # scrolled past meanwhile: do not spend a query on it
            found = store.search_cases(
                session.db(), flt.query, after=cursor, limit=PAGE_SIZE, **flt.kwargs()
            )
            return generation, page, _with_titles(list(found.items))

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
            oldest = next(iter(self._pages))
            if oldest == 0:  # page 0 stays: read without a cursor, it would take in new cases
                self._pages.move_to_end(0)
                oldest = next(iter(self._pages))
            del self._pages[oldest]
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
