"""A visual pass over every screen as clerk, supervisor and admin on a demo station with
cases of several packs: what a clerk would see wrong fails here (a blank print preview, a
raw category id, a column too narrow for its text, a clipped label).

With HUKOU_SCREENSHOT_DIR set, each screen is also saved there as screen-<name>.png (run
under Xvfb with QT_QPA_PLATFORM=xcb to refresh docs/, see the README).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView, QTableWidget, QWidget

from hukou import store
from hukou.store.demo import seed_demo
from hukou.ui.main_window import MainWindow
from hukou.ui.print_preview import PrintPreviewDialog, ink_fraction
from hukou.ui.session import Session
from test_ui_intake import choose_category, fill_applicant, finish, pick, press_enter, tick
from test_ui_translations import clipped
from ui_fixtures import activate, new_id_number, sign_in, type_text, wait_idle

SHOTS = os.environ.get("HUKOU_SCREENSHOT_DIR")
RAW_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")


def settle() -> None:
    """A label's new text reaches its parents' layouts over a few posted events."""
    for _ in range(4):
        QApplication.processEvents()


def clipped_now(widget: QWidget) -> list[str]:
    settle()
    return clipped(widget)


def shot(widget: QWidget, name: str) -> None:
    settle()
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(Path(SHOTS) / f"screen-{name}.png"))


@pytest.fixture
def demo(ui_session: Session) -> Session:
    seed_demo(ui_session.db(), cases=240)
    return ui_session


def open_main(qtbot: Any, session: Session, login: str) -> MainWindow:
    sign_in(session, login)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1440, 860)
    activate(qtbot, window)
    window.show_page("home")
    window.sync_status.refresh()
    wait_idle()
    return window


def rendered_preview(qtbot: Any, preview: PrintPreviewDialog) -> None:
    """Wait until QPdfView's worker has drawn the page, then check it is not blank."""
    qtbot.waitUntil(preview.rendered, timeout=15_000)
    image = preview.view.viewport().grab().toImage()
    assert ink_fraction(image) > 0.002, "the preview shows a blank page"


def column_problems(table: QTableView, stretch: set[int]) -> list[str]:
    """Cells whose text is wider than their column (the stretching column excepted)."""
    model = table.model()
    metrics = table.fontMetrics()
    problems = []
    for column in range(model.columnCount()):
        if column in stretch or table.isColumnHidden(column):
            continue
        width = table.columnWidth(column)
        for row in range(min(model.rowCount(), 30)):
            text = str(model.data(model.index(row, column)) or "")
            need = metrics.horizontalAdvance(text) + 8
            if need > width:
                problems.append(f"column {column} row {row} {text!r}: needs {need}, has {width}")
                break
    return problems


def raw_ids(table: QTableView, column: int) -> list[str]:
    model = table.model()
    texts = [str(model.data(model.index(r, column)) or "") for r in range(model.rowCount())]
    return sorted({t for t in texts if RAW_ID.match(t)})


def test_home_and_case_list_show_titles_from_each_case_s_own_pack(
    qtbot: Any, demo: Session
) -> None:
    db = demo.db()
    packs = {c.pack_id for c in store.search_cases(db, "", limit=500).items}
    assert len(packs) > 1, "the demo data holds cases of several packs"
    national = store.create_case(
        db, user="clerk", pack_id="national", pack_version="1", category_id="large_city_1_3m",
        area_id="large_1_3m", applicant={"name": "郑国栋", "id_number": new_id_number()},
    )
    window = open_main(qtbot, demo, "clerk")
    home = window.home
    assert home.results.rowCount() > 0, "the newest cases fill the home table"
    model = home.results.model()
    assert model.data(model.index(0, 0)) == national.number
    assert model.data(model.index(0, 4)) == "大城市（城区人口100万至300万）落户"
    assert raw_ids(home.results, 4) == []
    assert column_problems(home.results, {4}) == []
    window.show_page("cases")
    wait_idle()
    cases = window.cases
    qtbot.waitUntil(lambda: cases.model.rowCount() > 100, timeout=10_000)
    wait_idle()
    column = cases.model.COLUMNS.index("category")
    assert cases.model.data(cases.model.index(0, column)) == "大城市（城区人口100万至300万）落户"
    assert raw_ids(cases.table, column) == []


def test_the_print_preview_shows_the_document_not_a_blank_page(
    qtbot: Any, demo: Session
) -> None:
    from hukou.printing import preview_document

    [case] = store.search_cases(demo.db(), "", status="submitted", limit=1).items
    preview = PrintPreviewDialog(
        preview_document(demo.db(), case.uuid, "receipt"), title="受理回执", file_name="r.pdf"
    )
    qtbot.addWidget(preview)
    preview.resize(900, 960)
    preview.show()
    assert preview.page_count() == 1
    rendered_preview(qtbot, preview)
    assert preview.view.verticalScrollBar().maximum() == 0, "a one-page document fits whole"
    shot(preview, "print-preview")


def walk_intake(qtbot: Any, window: MainWindow) -> None:
    """The whole wizard for an eligible own-home case with a child, screenshot per step."""
    window.new_case()
    wizard: Any = window.work_page
    wait_idle()
    choose_category(qtbot, wizard, "自有住房")
    shot(window, "intake-category")
    press_enter(qtbot, wizard)
    fill_applicant(qtbot, wizard, "欧阳·娜仁其其格", new_id_number(dt.date(1976, 3, 9)))
    wait_idle()
    shot(window, "intake-applicant")
    press_enter(qtbot, wizard)
    press_enter(qtbot, wizard)
    family = wizard.pages[3]
    qtbot.mouseClick(family.add_button, Qt.MouseButton.LeftButton)
    row = family.rows[0]
    pick(row.relation, "child")
    type_text(qtbot, row.name, "欧阳小雨")
    type_text(qtbot, row.id_number, new_id_number(dt.date(2012, 9, 3)))
    pick(row.marital, "unmarried")
    tick(qtbot, row.cohabiting)
    wait_idle()
    assert "✔" in row.decision.text()
    problems = [f"family: {p}" for p in clipped_now(window)]
    shot(window, "intake-family")
    press_enter(qtbot, wizard)
    docs = wizard.documents_page
    tick(qtbot, docs.boxes["property_certificate"])
    [household_book] = [b for b in docs.boxes.values() if b.text() == "居民户口簿"]
    tick(qtbot, household_book)  # one of the child's kinship proofs
    wait_idle()
    problems += [f"documents: {p}" for p in clipped_now(window)]
    shot(window, "intake-documents")
    press_enter(qtbot, wizard)
    summary = finish(qtbot, wizard)
    pick(summary.placement, "family_household")
    wait_idle()
    problems += [f"summary: {p}" for p in clipped_now(window)]
    shot(window, "intake-summary")
    assert wizard.panel.badge.outcome == "eligible"
    assert not problems, "\n".join(problems)


def summary_of(qtbot: Any, window: MainWindow, category: str, facts: dict[str, Any]) -> Any:
    close_wizard = getattr(window.work_page, "close_wizard", None)
    if close_wizard is not None:
        close_wizard()  # the draft stays; the next intake starts fresh
        wait_idle()
    window.new_case()
    wizard: Any = window.work_page
    wait_idle()
    choose_category(qtbot, wizard, category)
    press_enter(qtbot, wizard)
    fill_applicant(qtbot, wizard, "李四", new_id_number())
    press_enter(qtbot, wizard)
    for key, value in facts.items():
        row = wizard.pages[2].rows[key]
        if hasattr(row, "combo") and row.combo is not None:
            pick(row.combo, value)
        else:
            type_text(qtbot, row.edit, value)
    for _ in range(3):
        press_enter(qtbot, wizard)
    finish(qtbot, wizard)
    return wizard


def test_clerk_walks_home_search_and_the_intake_for_each_outcome(
    qtbot: Any, demo: Session
) -> None:
    window = open_main(qtbot, demo, "clerk")
    assert not clipped_now(window)
    shot(window, "home")
    window.focus_search()
    type_text(qtbot, window.home.search_edit, "王")
    qtbot.waitUntil(lambda: "找到" in window.home.hint.text(), timeout=5_000)
    wait_idle()
    assert column_problems(window.home.results, {4}) == []
    shot(window, "home-search")
    window.show_page("cases")
    wait_idle()
    qtbot.waitUntil(lambda: window.cases.model.rowCount() > 100, timeout=10_000)
    wait_idle()
    shot(window, "cases")
    walk_intake(qtbot, window)
    incomplete = summary_of(qtbot, window, "自有住房", {})
    assert incomplete.panel.badge.outcome == "incomplete"
    shot(window, "intake-incomplete")
    refused = summary_of(
        qtbot, window, "人才市场", {"from_outside_city": False, "talent_type": "professional"}
    )
    assert refused.panel.badge.outcome == "not_eligible"
    shot(window, "intake-not-eligible")
    later = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    not_yet = summary_of(qtbot, window, "购房合同", {"handover_date": later})
    assert not_yet.panel.badge.outcome in ("not_yet", "incomplete")
    window.close()


def test_supervisor_sees_approvals_case_detail_and_admin_the_settings(
    qtbot: Any, demo: Session
) -> None:
    window = open_main(qtbot, demo, "super")
    window.show_page("approvals")
    wait_idle()
    approvals = window.approvals
    assert approvals.model.rowCount() > 0
    problems = [f"approvals: {p}" for p in clipped_now(window)]
    shot(window, "approvals")
    db = demo.db()
    mine = [c for c in store.search_cases(db, "", status="submitted", limit=50).items]
    case = next(
        c for c in mine if store.case_snapshot(db, c.uuid)["clerk"] != "super"
    )
    window.open_case(case.uuid)
    wait_idle()
    detail: Any = window.work_page
    qtbot.waitUntil(lambda: detail.approve_button.isVisible(), timeout=5_000)
    assert detail.approve_button.isEnabled()
    category_id = store.case_snapshot(db, case.uuid)["category_id"]
    assert category_id not in detail.data_view.toPlainText(), "a title, not the raw id"
    problems += [f"case detail: {p}" for p in clipped_now(window)]
    shot(window, "case-detail")
    window.close()
    from hukou.ui.settings_dialog import SettingsDialog

    sign_in(demo, "admin")
    settings = SettingsDialog(demo)
    qtbot.addWidget(settings)
    settings.show()
    wait_idle()
    problems += [f"settings: {p}" for p in clipped_now(settings)]
    shot(settings, "settings")
    assert not problems, "\n".join(problems)


def test_login_screen(qtbot: Any, demo: Session) -> None:
    from hukou.ui.login_dialog import LoginDialog

    demo.user = None
    dialog = LoginDialog(demo)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle()
    assert not clipped_now(dialog)
    shot(dialog, "login")


def test_the_table_helpers_notice_a_squeezed_column(qtbot: Any) -> None:
    table = QTableWidget(1, 2)
    qtbot.addWidget(table)
    from PySide6.QtWidgets import QTableWidgetItem

    table.setItem(0, 0, QTableWidgetItem("370102-2026-000204"))
    table.setItem(0, 1, QTableWidgetItem("large_city_1_3m"))
    table.setColumnWidth(0, 30)
    table.show()
    assert column_problems(table, set())
    assert raw_ids(table, 1) == ["large_city_1_3m"]
