"""Login and lock-out, first-run setup, settings, approvals, case detail, case list, home search."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from hukou import store
from hukou.ui.approvals_page import ApprovalsPage
from hukou.ui.case_detail_page import CaseDetailPage
from hukou.ui.case_list_page import CaseListPage
from hukou.ui.home_page import HomePage
from hukou.ui.login_dialog import LoginDialog
from hukou.ui.session import Session
from hukou.ui.settings_dialog import IDLE_LOCK_MINUTES, LANGUAGE, SettingsDialog
from hukou.ui.setup_dialog import SetupDialog
from ui_fixtures import PASSWORD, open_window, sign_in, submitted_case, type_text, wait_idle

# -- login -----------------------------------------------------------------------------


def login(qtbot: Any, dialog: LoginDialog, user: str, password: str) -> None:
    dialog.login_edit.clear()
    dialog.password_edit.clear()
    type_text(qtbot, dialog.login_edit, user)
    type_text(qtbot, dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    wait_idle()


def test_login_signs_the_user_in(qtbot: Any, ui_session: Session) -> None:
    ui_session.user = None
    dialog = LoginDialog(ui_session)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.authenticated, timeout=10_000):
        login(qtbot, dialog, "super", PASSWORD)
    assert ui_session.user.login == "super"
    assert ui_session.role == "supervisor"


def test_five_wrong_passwords_lock_the_account_until_an_admin_unlocks(
    qtbot: Any, ui_session: Session
) -> None:
    dialog = LoginDialog(ui_session)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(5):
        login(qtbot, dialog, "clerk2", "wrong-password")
        assert dialog.message.text(), "each failure is explained next to the fields"
        assert dialog.result() == 0
    assert "锁定" in dialog.message.text()
    login(qtbot, dialog, "clerk2", PASSWORD)
    assert "锁定" in dialog.message.text(), "the right password does not open a locked account"
    assert store.get_user(ui_session.db(), "clerk2").locked
    store.unlock_user(ui_session.db(), "clerk2", by="admin")
    with qtbot.waitSignal(dialog.authenticated, timeout=10_000):
        login(qtbot, dialog, "clerk2", PASSWORD)


def test_the_lock_screen_lets_only_the_same_user_back(qtbot: Any, ui_session: Session) -> None:
    dialog = LoginDialog(ui_session, locked_login="clerk")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.login_edit.isReadOnly()
    type_text(qtbot, dialog.password_edit, "not-it")
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    wait_idle()
    assert dialog.message.text()
    with qtbot.waitSignal(dialog.authenticated, timeout=10_000):
        type_text(qtbot, dialog.password_edit, PASSWORD)
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
        wait_idle()


def test_the_main_window_locks_after_the_idle_time(qtbot: Any, ui_session: Session) -> None:
    from hukou.ui.main_window import MainWindow

    window = MainWindow(ui_session)
    qtbot.addWidget(window)
    window.show()
    window.idle.set_interval_ms(50)
    qtbot.waitUntil(
        lambda: window.lock_dialog is not None,
        timeout=5_000,
    )
    assert not window.centralWidget().isEnabled()
    dialog = window.lock_dialog
    type_text(qtbot, dialog.password_edit, PASSWORD)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    wait_idle()
    qtbot.waitUntil(lambda: window.centralWidget().isEnabled(), timeout=5_000)


# -- first run and settings ----------------------------------------------------------------


def test_first_run_sets_the_station_up_with_its_administrator(
    qtbot: Any, data_dir: Path, qapp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = Session(data_dir)
    assert not session.is_set_up()
    dialog = SetupDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    type_text(qtbot, dialog.code_edit, "37")
    assert dialog.code_message.text(), "a code too short is flagged where it stands"
    type_text(qtbot, dialog.code_edit, "0102")
    assert not dialog.code_message.text()
    type_text(qtbot, dialog.name_edit, "古楼派出所")
    dialog.pack_combo.setCurrentIndex(dialog.pack_combo.findData("liaocheng"))
    dialog.area_combo.setCurrentIndex(dialog.area_combo.findData("dongchangfu"))
    type_text(qtbot, dialog.login_edit, "admin")
    type_text(qtbot, dialog.display_edit, "刘管理")
    # The first administrator gets the same password rule as every account (letters+digits).
    type_text(qtbot, dialog.password_edit, "longpassword")
    type_text(qtbot, dialog.repeat_edit, "longpassword")
    assert not dialog.ok_button.isEnabled()
    assert dialog.password_message.text(), "the weak password is flagged where it stands"
    dialog.password_edit.clear()
    dialog.repeat_edit.clear()
    type_text(qtbot, dialog.password_edit, "s3cret-pass")
    type_text(qtbot, dialog.repeat_edit, "s3cret-pasX")
    assert not dialog.ok_button.isEnabled(), "the passwords differ"
    dialog.repeat_edit.clear()
    type_text(qtbot, dialog.repeat_edit, "s3cret-pass")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.station_ready, timeout=20_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        wait_idle()
    station = store.get_station(session.db())
    assert (station.code, station.pack_id, station.area_id) == (
        "370102",
        "liaocheng",
        "dongchangfu",
    )
    assert store.authenticate(session.db(), "admin", "s3cret-pass").role == "admin"
    session.close()


def test_settings_are_saved_and_the_language_switches(qtbot: Any, ui_session: Session) -> None:
    from hukou.ui import i18n

    sign_in(ui_session, "admin")
    dialog = SettingsDialog(ui_session)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.hq_edit, "hq.example")
    assert not dialog.save_button.isEnabled()
    dialog.hq_edit.clear()
    type_text(qtbot, dialog.hq_edit, "https://hq.example.gov.cn")
    dialog.idle_spin.setValue(7)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.language_changed.connect(i18n.install_language)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    db = ui_session.db()
    assert store.get_setting(db, IDLE_LOCK_MINUTES) == "7"
    assert store.get_setting(db, LANGUAGE) == "en"
    assert store.get_setting(db, "sync.hq_url") == "https://hq.example.gov.cn"
    assert i18n.current_language() == "en"
    i18n.install_language("zh_CN")


def test_the_window_title_names_the_station_and_the_application_once(
        qtbot: Any, ui_session: Session) -> None:
    from PySide6.QtGui import QGuiApplication

    from hukou.ui import i18n

    window = open_window(qtbot, ui_session)
    # The window system appends " — <display name>": the title itself is the station's name.
    assert window.windowTitle() == ui_session.station.name
    assert QGuiApplication.applicationDisplayName() == "户籍窗口受理台"
    i18n.install_language("en")
    try:
        assert QGuiApplication.applicationDisplayName() == "Hukou Counter"
    finally:
        i18n.install_language("zh_CN")


# -- approvals and case detail -------------------------------------------------------------


def open_detail(qtbot: Any, session: Session, case_uuid: str) -> CaseDetailPage:
    page = CaseDetailPage(session, case_uuid)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    wait_idle()
    return page


def test_a_supervisor_approves_from_the_queue(qtbot: Any, ui_session: Session) -> None:
    case_uuid = submitted_case(ui_session)
    sign_in(ui_session, "super")
    queue = ApprovalsPage(ui_session)
    qtbot.addWidget(queue)
    queue.show()
    queue.refresh()
    wait_idle()
    assert queue.model.rowCount() == 1
    with qtbot.waitSignal(queue.open_case, timeout=5_000) as opened:
        queue.table.setFocus()
        queue.table.selectRow(0)
        qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    assert opened.args == [case_uuid]
    page = open_detail(qtbot, ui_session, case_uuid)
    assert page.approve_button.isVisible() and page.approve_button.isEnabled()
    assert not page.return_button.isEnabled(), "returning needs a reason"
    qtbot.mouseClick(page.approve_button, Qt.MouseButton.LeftButton)
    wait_idle()
    snap = store.case_snapshot(ui_session.db(), case_uuid)
    assert snap["status"] == "approved"
    assert snap["supervisor"] == "super"
    kinds = [page.print_kind.itemData(i)[0] for i in range(page.print_kind.count())]
    assert "settlement_permit" in kinds and "registration_card" in kinds


def test_a_supervisor_cannot_approve_their_own_intake(qtbot: Any, ui_session: Session) -> None:
    case_uuid = submitted_case(ui_session, clerk="super")
    sign_in(ui_session, "super")
    page = open_detail(qtbot, ui_session, case_uuid)
    assert not page.approve_button.isEnabled()
    assert page.own_case_label.isVisible()
    page.approve_button.click()  # even forced, the store refuses it
    wait_idle()
    assert store.case_snapshot(ui_session.db(), case_uuid)["status"] == "submitted"
    with pytest.raises(store.PermissionDenied):
        store.transition(ui_session.db(), case_uuid, "approved", user="super")


def test_returning_a_case_needs_a_reason_and_records_it(qtbot: Any, ui_session: Session) -> None:
    case_uuid = submitted_case(ui_session)
    sign_in(ui_session, "super2")
    page = open_detail(qtbot, ui_session, case_uuid)
    type_text(qtbot, page.reason_edit, "房产证复印件不清晰，请补交原件")
    assert page.return_button.isEnabled()
    qtbot.mouseClick(page.return_button, Qt.MouseButton.LeftButton)
    wait_idle()
    snap = store.case_snapshot(ui_session.db(), case_uuid)
    assert snap["status"] == "returned"
    assert snap["decision"]["reason"] == "房产证复印件不清晰，请补交原件"


def test_a_clerk_sees_no_decision_buttons(qtbot: Any, ui_session: Session) -> None:
    case_uuid = submitted_case(ui_session)
    page = open_detail(qtbot, ui_session, case_uuid)
    assert not page.approve_button.isVisible()
    assert not page.refuse_button.isVisible()
    assert page.print_button.isVisible()
    assert "周九" in page.data_view.toPlainText()


def test_printing_from_the_case_records_a_serial_and_reprints_are_marked(
    qtbot: Any, ui_session: Session
) -> None:
    case_uuid = submitted_case(ui_session)
    page = open_detail(qtbot, ui_session, case_uuid)
    kinds = [page.print_kind.itemData(i)[0] for i in range(page.print_kind.count())]
    page.print_kind.setCurrentIndex(kinds.index("receipt"))
    page.print_current()
    wait_idle()
    preview = page.preview
    assert preview.page_count() >= 1
    target = Path(ui_session.data_dir) / "saved.pdf"
    preview.save_to(target)
    assert target.read_bytes().startswith(b"%PDF")
    preview.close()
    wait_idle()
    assert page.prints_table.rowCount() == 1
    page.prints_table.setCurrentCell(0, 0)
    qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    wait_idle()
    prints = store.case_snapshot(ui_session.db(), case_uuid)["prints"]
    assert [p["reprint"] for p in prints] == [False, True]
    assert len({p["serial"] for p in prints}) == 2, "a serial is never reused"


# -- lists ---------------------------------------------------------------------------------


def test_the_case_list_filters_by_status_and_text(qtbot: Any, ui_session: Session) -> None:
    for name in ("甲一", "乙二", "丙三"):
        submitted_case(ui_session, name=name)
    store.create_case(
        ui_session.db(),
        user="clerk",
        pack_id="liaocheng",
        pack_version=ui_session.pack.version,
        category_id="own_home",
        area_id="dongchangfu",
        applicant={"name": "丁四"},
    )
    page = CaseListPage(ui_session)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    wait_idle()
    assert page.model.rowCount() == 4
    page.show_status("draft")
    wait_idle()
    assert page.model.rowCount() == 1
    assert page.model.data(page.model.index(0, 2)) == "丁四"
    page.show_status(None)
    type_text(qtbot, page.search_edit, "乙二")
    page.apply_filter()
    wait_idle()
    assert page.model.rowCount() == 1
    assert "1" in page.count_label.text()


def test_home_counts_the_day_and_searches_as_you_type(qtbot: Any, ui_session: Session) -> None:
    submitted_case(ui_session, name="韩梅梅")
    page = HomePage(ui_session)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    wait_idle()
    assert page.tiles["submitted"].count == 1
    assert page.tiles["draft"].count == 0
    type_text(qtbot, page.search_edit, "韩梅")
    qtbot.waitUntil(lambda: page.results.rowCount() == 1, timeout=5_000)
    wait_idle()
    assert page.results.item(0, 2).text() == "韩梅梅"
    with qtbot.waitSignal(page.open_case, timeout=5_000):
        qtbot.keyClick(page.search_edit, Qt.Key.Key_Return)


def test_the_lazy_model_fetches_pages_on_demand(qtbot: Any, ui_session: Session) -> None:
    from hukou.ui.case_table_model import PAGE_SIZE, CaseTableModel

    db = ui_session.db()
    for i in range(PAGE_SIZE + 30):
        store.create_case(
            db,
            user="clerk",
            pack_id="liaocheng",
            pack_version=ui_session.pack.version,
            category_id="own_home",
            area_id="dongchangfu",
            applicant={"name": "测试" + "甲乙丙丁戊己庚辛壬癸"[i % 10] * (1 + i // 10)},
        )
    model = CaseTableModel(ui_session)
    model.reload()
    wait_idle()
    assert model.rowCount() == PAGE_SIZE + 30
    newest = PAGE_SIZE + 29
    assert model.data(model.index(0, 2)) == "测试" + "甲乙丙丁戊己庚辛壬癸"[newest % 10] * (
        1 + newest // 10
    )
    last = model.index(PAGE_SIZE + 29, 2)
    with qtbot.waitSignal(model.dataChanged, timeout=5_000):
        assert model.data(last) == "…", "not fetched yet"
    assert model.data(last) == "测试甲"
    assert dt.date.fromisoformat(model.data(model.index(0, 6)))


def test_a_long_day_of_qt_calls_keeps_python_alive(qapp: Any) -> None:
    """PySide6 6.12.0 drops a reference to None/True on each call on Python 3.11; hukou.ui
    makes them immortal, so a day of signals and repaints never ends in "none_dealloc"."""
    import sys

    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QLabel

    import hukou.ui  # noqa: F401

    class Source(QObject):
        fired = Signal(int)

    source = Source()
    received: list[int] = []
    source.fired.connect(received.append)
    label = QLabel()
    calls = 300_000  # more than None's and True's natural reference counts
    for i in range(calls):
        source.fired.emit(i)
        label.setText("")
    assert len(received) == calls
    assert sys.getrefcount(None) > calls and sys.getrefcount(True) > calls
