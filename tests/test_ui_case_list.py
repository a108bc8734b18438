"""The case list's lazy model pages by key: the rows, in order, that the store's search
gives, for every filter; pages fetched before their cursor is known fill in once the key
walk reaches them; cases added while the list is open do not shift its pages."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from hukou import store
from hukou.ui import case_table_model
from hukou.ui.case_table_model import CaseFilter, CaseTableModel
from hukou.ui.session import Session
from ui_fixtures import new_id_number, wait_idle

USER_ROLE = Qt.ItemDataRole.UserRole
NAMES = ("王芳", "李王明", "欧阳娜娜", "张小明", "王")
CATEGORIES = ("own_home", "rental_flat", "stable_employment")
FILTERS = [
    CaseFilter(),
    CaseFilter(query="王"),
    CaseFilter(status=("submitted",)),
    CaseFilter(category="rental_flat"),
    CaseFilter(date_from="2026-03-01", date_to="2026-04-30"),
    CaseFilter(query="王", status=("draft",), category="own_home"),
]


def add_case(session: Session, n: int) -> str:
    db = session.db()
    record = store.create_case(
        db, user="clerk", pack_id="liaocheng", pack_version=session.pack.version,
        category_id=CATEGORIES[n % 3], area_id="dongchangfu",
        applicant={"name": NAMES[n % len(NAMES)], "id_number": new_id_number()},
        voluntary_request=True,
    )
    if n % 4 == 1:
        store.transition(db, record.uuid, "submitted", user="clerk")
    return str(record.uuid)


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of 4 rows and a key walk of 2 pages per step: many pages and many steps."""
    monkeypatch.setattr(case_table_model, "PAGE_SIZE", 4)
    monkeypatch.setattr(case_table_model, "CURSOR_STEP", 2)
    monkeypatch.setattr(case_table_model, "RECENT_PAGES", 100)


@pytest.fixture
def listed(ui_session: Session, small_pages: None) -> Session:
    for n in range(31):
        add_case(ui_session, n)
    # Three months of intake dates (the store stamps today's date on every new case).
    db = ui_session.db()
    db.conn.execute("UPDATE cases SET intake_date = '2026-0' || (2 + id % 3) || '-15'")
    db.conn.commit()
    return ui_session


def all_rows(model: CaseTableModel) -> list[str | None]:
    """Every row's case, asking for each page the way a scrolling view does."""
    for row in range(model.rowCount()):
        model.data(model.index(row, 0), USER_ROLE)
        wait_idle()
    return [model.data(model.index(row, 0), USER_ROLE)
            for row in range(model.rowCount())]


def searched(session: Session, flt: CaseFilter) -> list[str]:
    found = store.search_cases(session.db(), flt.query, limit=1000, **flt.kwargs())
    return [item.uuid for item in found.items]


@pytest.mark.parametrize("flt", FILTERS, ids=[repr(f) for f in FILTERS])
def test_the_model_shows_the_searched_rows_in_order(listed: Session, flt: CaseFilter) -> None:
    expected = searched(listed, flt)
    assert len(expected) > 4 or flt.status or flt.category  # more than one page mostly
    model = CaseTableModel(listed)
    model.set_filter(flt)
    wait_idle()
    assert model.rowCount() == len(expected)
    assert all_rows(model) == expected


def test_a_far_page_asked_before_its_cursor_fills_in_when_the_walk_gets_there(
        qtbot: Any, listed: Session) -> None:
    expected = searched(listed, CaseFilter())
    model = CaseTableModel(listed)
    with qtbot.waitSignal(model.loaded, timeout=5_000):
        model.reload()
    # Straight to the last row, as a dragged scroll bar does: "…" until the walk arrives.
    last = model.index(model.rowCount() - 1, 0)
    assert model.data(last) == "…"
    with qtbot.waitSignal(model.cursors_loaded, timeout=5_000):
        pass
    wait_idle()
    assert model.data(last, USER_ROLE) == expected[-1]


def test_cases_added_while_the_list_is_open_do_not_shift_its_pages(listed: Session) -> None:
    model = CaseTableModel(listed)
    model.reload()
    wait_idle()
    before = searched(listed, CaseFilter())
    added = add_case(listed, 99)
    # Far pages fetched after the new case exists still hold the rows they held.
    assert all_rows(model) == before
    assert added not in all_rows(model)
    model.reload()
    wait_idle()
    assert all_rows(model)[0] == added
