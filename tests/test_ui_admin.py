"""The administrator's and supervisor's screens, driven like a person at the desk: user
management, the collective-household register, the notice details in Settings, and the
case history tab read from the audit trail. Each test then looks in the database."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hukou import store
from hukou.printing import preview_document
from hukou.store import users
from hukou.ui.case_detail_page import CaseDetailPage
from hukou.ui.households_dialog import HouseholdsDialog
from hukou.ui.main_window import MainWindow
from hukou.ui.session import Session
from hukou.ui.settings_dialog import SettingsDialog
from hukou.ui.user_add_dialog import password_problem
from hukou.ui.users_dialog import UsersDialog
from ui_fixtures import PASSWORD, clear_and_type, new_id_number, sign_in, type_text, wait_idle

REAL_HASH = users.hash_password  # ui_fixtures pins the demo hash; new passwords need the real one


def row_of(table: Any, text: str, column: int = 0) -> int:
    for row in range(table.rowCount()):
        item = table.item(row, column)
        if item is not None and item.text() == text:
            return row
    raise AssertionError(f"{text!r} is not in the table")


def click(qtbot: Any, button: Any) -> None:
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle()


def open_users(qtbot: Any, session: Session) -> UsersDialog:
    dialog = UsersDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle()
    return dialog


# -- user management ---------------------------------------------------------------------


def test_users_are_listed_with_role_and_state(qtbot: Any, ui_session: Session) -> None:
    db = ui_session.db()
    store.disable_user(db, "clerk2", by="admin")
    for _ in range(5):
        with pytest.raises(store.AuthenticationFailed):
            store.authenticate(db, "super2", "wrong-password")
    sign_in(ui_session, "admin")
    dialog = open_users(qtbot, ui_session)
    table = dialog.table
    assert table.rowCount() == 5
    assert table.item(row_of(table, "clerk2"), 3).text() == "已停用"
    assert "已锁定" in table.item(row_of(table, "super2"), 3).text()
    assert table.item(row_of(table, "super"), 2).text() == "审核领导"
    assert table.item(row_of(table, "super"), 1).text() == "张志强"


def test_an_administrator_adds_a_user_who_can_then_sign_in(
    qtbot: Any, ui_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(users, "hash_password", REAL_HASH)
    sign_in(ui_session, "admin")
    users_dialog = open_users(qtbot, ui_session)
    click(qtbot, users_dialog.add_button)
    dialog = users_dialog.add_dialog
    assert not dialog.save_button.isEnabled(), "an empty form cannot be saved"
    type_text(qtbot, dialog.login_edit, "clerk")
    assert "已存在" in dialog.login_message.text()
    clear_and_type(qtbot, dialog.login_edit, "wangxy")
    assert not dialog.login_message.text()
    type_text(qtbot, dialog.name_edit, "王小雨")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("supervisor"))
    type_text(qtbot, dialog.password_edit, "password")
    assert "字母和数字" in dialog.password_message.text()
    clear_and_type(qtbot, dialog.password_edit, "wangxy2026")
    type_text(qtbot, dialog.repeat_edit, "wangxy2026")
    assert "用户名" in dialog.password_message.text(), "the password may not contain the login"
    clear_and_type(qtbot, dialog.password_edit, "Counter7Desk")
    clear_and_type(qtbot, dialog.repeat_edit, "Counter7Dest")
    assert "不一致" in dialog.repeat_message.text()
    assert not dialog.password_message.isVisible(), "the password itself is fine"
    assert not dialog.save_button.isEnabled()
    clear_and_type(qtbot, dialog.repeat_edit, "Counter7Desk")
    assert not dialog.repeat_message.isVisible()
    click(qtbot, dialog.save_button)
    user = store.authenticate(ui_session.db(), "wangxy", "Counter7Desk")
    assert (user.display_name, user.role) == ("王小雨", "supervisor")
    assert row_of(users_dialog.table, "wangxy") >= 0
    assert "wangxy" in users_dialog.message.text()


def test_unlock_reset_and_disable_go_through_the_store(
    qtbot: Any, ui_session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ui_session.db()
    for _ in range(5):
        with pytest.raises(store.AuthenticationFailed):
            store.authenticate(db, "clerk2", "wrong-password")
    sign_in(ui_session, "admin")
    dialog = open_users(qtbot, ui_session)
    table = dialog.table
    table.selectRow(row_of(table, "clerk"))
    assert not dialog.unlock_button.isEnabled(), "clerk is not locked"
    table.selectRow(row_of(table, "clerk2"))
    click(qtbot, dialog.unlock_button)
    assert not store.get_user(db, "clerk2").locked
    assert store.authenticate(db, "clerk2", PASSWORD).login == "clerk2"

    monkeypatch.setattr(users, "hash_password", REAL_HASH)
    table.selectRow(row_of(table, "clerk2"))
    click(qtbot, dialog.reset_button)
    reset = dialog.reset_dialog
    assert not reset.current_edit.isVisible(), "only one's own password asks for the current one"
    type_text(qtbot, reset.password_edit, "Window42go")
    type_text(qtbot, reset.repeat_edit, "Window42go")
    click(qtbot, reset.save_button)
    assert store.authenticate(db, "clerk2", "Window42go").login == "clerk2"

    table.selectRow(row_of(table, "clerk2"))
    assert dialog.disable_button.text().startswith("停用")
    click(qtbot, dialog.disable_button)
    assert store.get_user(db, "clerk2").disabled
    with pytest.raises(store.AccountDisabled):
        store.authenticate(db, "clerk2", "Window42go")
    assert dialog.table.item(row_of(dialog.table, "clerk2"), 3).text() == "已停用"
    dialog.table.selectRow(row_of(dialog.table, "clerk2"))
    assert dialog.disable_button.text().startswith("启用")
    click(qtbot, dialog.disable_button)
    assert not store.get_user(db, "clerk2").disabled

    dialog.table.selectRow(row_of(dialog.table, "admin"))
    assert not dialog.disable_button.isEnabled(), "the administrator cannot disable themselves"
    actions = [r[0] for r in db.execute(
        "SELECT action FROM audit WHERE actor = 'admin' AND action LIKE 'user.%' ORDER BY id")]
    assert actions == ["user.unlock", "user.password", "user.disable", "user.enable"]


def test_the_password_rule(qapp: Any) -> None:
    assert password_problem("", "") == "请输入密码"
    assert "8" in password_problem("ab12", "ab12")
    assert password_problem("abcdefgh", "abcdefgh")  # no digit
    assert password_problem("11111111a", "11111111a")  # too few different characters
    assert password_problem("Zhang2026x", "Zhang2026x", login="zhang")
    assert password_problem("Counter7Desk", "Counter7Desk", login="zhang") == ""


@pytest.mark.parametrize("login", ["clerk", "super"])
def test_a_clerk_or_supervisor_cannot_open_user_management(
    qtbot: Any, ui_session: Session, login: str
) -> None:
    sign_in(ui_session, login)
    window = MainWindow(ui_session)
    qtbot.addWidget(window)
    window.show()
    wait_idle()
    assert not window.users_action.isEnabled()
    window.open_users()  # even called directly
    assert not any(isinstance(w, UsersDialog) for w in QApplication.topLevelWidgets()
                   if w.isVisible())
    with pytest.raises(PermissionError):
        UsersDialog(ui_session)


def test_the_administrator_opens_user_management_from_the_menu(
    qtbot: Any, ui_session: Session
) -> None:
    sign_in(ui_session, "admin")
    window = MainWindow(ui_session)
    qtbot.addWidget(window)
    window.show()
    wait_idle()
    assert window.users_action in window.tools_menu.actions()
    window.users_action.trigger()
    wait_idle()
    assert window.users_dialog.isVisible()
    assert window.users_dialog.table.rowCount() == 5


# -- collective households ---------------------------------------------------------------


def test_a_supervisor_registers_and_corrects_a_collective_household(
    qtbot: Any, ui_session: Session
) -> None:
    sign_in(ui_session, "super")
    register = HouseholdsDialog(ui_session)
    qtbot.addWidget(register)
    register.show()
    wait_idle()
    assert register.table.rowCount() == 0
    click(qtbot, register.add_button)
    dialog = register.editor
    assert not dialog.save_button.isEnabled()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("talent_market"))
    type_text(qtbot, dialog.name_edit, "聊城市人才市场集体户")
    type_text(qtbot, dialog.number_edit, "3715 02")
    assert "字母、数字和横线" in dialog.messages["number"].text()
    clear_and_type(qtbot, dialog.number_edit, "371502-R-001")
    type_text(qtbot, dialog.address_edit, "东昌府区柳园路𠮷号")
    assert "无法打印" in dialog.messages["address"].text(), "a character no font has"
    assert not dialog.save_button.isEnabled()
    clear_and_type(qtbot, dialog.address_edit, "东昌府区柳园路88号")
    type_text(qtbot, dialog.unit_edit, "聊城市人力资源服务中心")
    click(qtbot, dialog.save_button)
    [household] = store.list_collective_households(ui_session.db())
    assert (household.kind, household.number, household.managing_unit) == (
        "talent_market", "371502-R-001", "聊城市人力资源服务中心")
    assert register.table.item(0, 0).text() == "人才市场集体户"
    assert register.members_empty.isVisible()

    register.table.selectRow(0)
    click(qtbot, register.edit_button)
    editor = register.editor
    assert editor.name_edit.text() == "聊城市人才市场集体户"
    clear_and_type(qtbot, editor.name_edit, "聊城市人才市场职工集体户")
    click(qtbot, editor.save_button)
    assert store.get_collective_household(ui_session.db(), household.id).name == (
        "聊城市人才市场职工集体户")
    assert register.table.item(0, 1).text() == "聊城市人才市场职工集体户"


def test_the_register_lists_members_by_page_and_fixes_the_kind(
    qtbot: Any, ui_session: Session
) -> None:
    db = ui_session.db()
    household = store.add_collective_household(
        db, kind="unit", name="聊城市人民医院集体户", number="371502-J-001",
        address="东昌府区东昌西路67号", user="admin")
    record = store.create_case(
        db, user="clerk", pack_id="liaocheng", pack_version=ui_session.pack.version,
        category_id="own_home", area_id="dongchangfu",
        applicant={"name": "欧阳·娜娜", "id_number": new_id_number()}, voluntary_request=True,
        placement={"kind": "unit_collective", "household_id": household.id})
    store.transition(db, record.uuid, "submitted", user="clerk")
    store.transition(db, record.uuid, "approved", user="super")
    person = store.case_snapshot(db, record.uuid)["applicant"]["person_id"]
    store.add_household_member(db, household.id, case_uuid=record.uuid, person_id=person,
                               user="super")
    sign_in(ui_session, "admin")
    register = HouseholdsDialog(ui_session)
    qtbot.addWidget(register)
    register.show()
    wait_idle()
    members = register.members_table
    assert members.rowCount() == 1
    assert [members.item(0, c).text() for c in range(3)] == ["1", "欧阳·娜娜", record.number]
    click(qtbot, register.edit_button)
    editor = register.editor
    assert not editor.kind_combo.isEnabled(), "members' pages were issued under this kind"
    editor.active_box.setChecked(True)  # close it
    click(qtbot, editor.save_button)
    assert not store.get_collective_household(db, household.id).active
    assert register.table.rowCount() == 0, "closed households are hidden by default"
    register.show_closed.setChecked(True)
    wait_idle()
    assert register.table.item(0, 5).text() == "已停用"


def test_a_clerk_may_look_the_register_up_but_not_change_it(
    qtbot: Any, ui_session: Session
) -> None:
    register = HouseholdsDialog(ui_session)
    qtbot.addWidget(register)
    register.show()
    wait_idle()
    assert not register.add_button.isVisible()
    assert not register.edit_button.isVisible()


def test_the_intake_placement_picks_from_the_register_003_三_三(
    qtbot: Any, ui_session: Session
) -> None:
    from test_ui_intake import (
        choose_category,
        fill_applicant,
        finish,
        open_wizard,
        pick,
        press_enter,
        run_finish,
        tick,
    )

    wizard = open_wizard(qtbot, ui_session)
    # Registered after the wizard opened: the summary step reads the register again.
    household = store.add_collective_household(
        ui_session.db(), kind="community_public", name="古楼街道社区公共户",
        number="371502-S-001", address="东昌府区古楼街道办事处", user="admin")
    store.add_collective_household(
        ui_session.db(), kind="unit", name="聊城市人民医院集体户", number="371502-J-001",
        address="东昌府区东昌西路67号", user="admin")
    choose_category(qtbot, wizard, "社区公共户")
    assert wizard.state.category_id == "community_public"
    press_enter(qtbot, wizard)
    fill_applicant(qtbot, wizard, "刘洋", new_id_number())
    press_enter(qtbot, wizard)
    facts = wizard.pages[2]
    pick(facts.rows["local_hukou"].combo, True)
    pick(facts.rows["has_fixed_residence"].combo, False)
    press_enter(qtbot, wizard)
    press_enter(qtbot, wizard)  # family: nobody
    tick(qtbot, wizard.documents_page.boxes["hukou_booklet"])
    press_enter(qtbot, wizard)
    summary = finish(qtbot, wizard)
    assert wizard.panel.badge.outcome == "eligible"
    pick(summary.placement, "community_public")
    assert summary.form.isRowVisible(summary.household)
    offered = [summary.household.itemData(i) for i in range(summary.household.count())]
    assert offered == [None, household.id], "only the register's community public households"
    pick(summary.household, household.id)
    snap = run_finish(qtbot, wizard)
    assert snap["placement"] == {"kind": "community_public", "household_id": household.id}


# -- notice settings -----------------------------------------------------------------------


def test_the_notice_details_are_validated_saved_and_printed(
    qtbot: Any, ui_session: Session
) -> None:
    sign_in(ui_session, "admin")
    dialog = SettingsDialog(ui_session)
    qtbot.addWidget(dialog)
    dialog.show()
    notices = dialog.notices
    edits = notices.edits
    type_text(qtbot, edits["station.phone"], "0635-82")
    assert "7" in notices.messages["station.phone"].text()
    assert not dialog.save_button.isEnabled()
    clear_and_type(qtbot, edits["station.phone"], "0635-8241234 ext")
    assert "数字" in notices.messages["station.phone"].text()
    clear_and_type(qtbot, edits["station.phone"], "0635-8241234")
    assert not notices.messages["station.phone"].isVisible()
    type_text(qtbot, edits["station.address"], "东昌府区柳园路88号一楼户籍窗口")
    type_text(qtbot, edits["station.hours"], "周一至周五 8:30-12:00，14:00-17:30")
    type_text(qtbot, edits["station.review_body"], "𠮷")
    assert "无法打印" in notices.messages["station.review_body"].text()
    assert not dialog.save_button.isEnabled()
    clear_and_type(qtbot, edits["station.review_body"], "聊城市公安局东昌府分局")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_idle()
    db = ui_session.db()
    assert store.get_setting(db, "station.phone") == "0635-8241234"
    assert store.get_setting(db, "station.review_body") == "聊城市公安局东昌府分局"

    record = store.create_case(
        db, user="clerk", pack_id="liaocheng", pack_version=ui_session.pack.version,
        category_id="own_home", area_id="dongchangfu",
        applicant={"name": "周九", "id_number": new_id_number()}, voluntary_request=True)
    store.transition(db, record.uuid, "submitted", user="clerk")
    pdf = preview_document(db, record.uuid, "receipt")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "0635-8241234" in text
    assert "柳园路88号" in text.replace("\n", "")


def test_saved_notice_details_are_shown_when_settings_reopen(
    qtbot: Any, ui_session: Session
) -> None:
    store.set_setting(ui_session.db(), "station.hours", "工作日 9:00-17:00", user="admin")
    sign_in(ui_session, "admin")
    dialog = SettingsDialog(ui_session)
    qtbot.addWidget(dialog)
    assert dialog.notices.edits["station.hours"].text() == "工作日 9:00-17:00"


# -- case history --------------------------------------------------------------------------


def test_the_history_tab_shows_who_did_what_from_the_audit_trail(
    qtbot: Any, ui_session: Session
) -> None:
    db = ui_session.db()
    record = store.create_case(
        db, user="clerk", pack_id="liaocheng", pack_version=ui_session.pack.version,
        category_id="own_home", area_id="dongchangfu",
        applicant={"name": "周九", "id_number": new_id_number()}, voluntary_request=True,
        documents={"property_certificate": {"presented": True}})
    for phone in ("13800000001", "13800000002"):
        store.save_draft(db, record.uuid, {"applicant": {"phone": phone}}, user="clerk")
    store.transition(db, record.uuid, "submitted", user="clerk")
    store.record_print(db, record.uuid, "receipt", user="clerk")
    store.record_print(db, record.uuid, "receipt", user="clerk", reprint=True)
    store.transition(db, record.uuid, "returned", user="super", reason="请补交原件")
    store.apply_remote_decision(db, record.uuid, status="refused", reason="不符合条件",
                                decided_by="市局户政科", decided_at="2026-11-22T03:00:00Z")
    sign_in(ui_session, "super2")
    page = CaseDetailPage(ui_session, record.uuid)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    wait_idle()
    page.tabs.setCurrentIndex(3)
    table = page.history_view.table
    rows = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    who = [r[1] for r in rows]
    what = [r[2] for r in rows]
    assert who == ["王晓燕", "王晓燕", "王晓燕", "王晓燕", "王晓燕", "张志强", "总部"]
    assert what[0] == "受理，创建案件"
    assert what[1] == "修改：申请人信息（2次保存）"
    assert what[2].startswith("提交审批（草稿 → 待审批）")
    assert what[3].startswith("打印受理回执（") and what[4].startswith("补打受理回执（")
    assert what[5] == "退回（待审批 → 已退回）"
    assert what[6].startswith("总部决定：不予受理") and "市局户政科" in what[6]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", r[0]) for r in rows), rows
    # no ID number or applicant name in the history: it comes from the audit trail
    assert not any("周九" in " ".join(r) for r in rows)


def test_a_case_without_audit_rows_says_so(qtbot: Any, ui_session: Session) -> None:
    from hukou.ui.case_history_view import CaseHistoryView

    view = CaseHistoryView(ui_session)
    qtbot.addWidget(view)
    view.show()
    view.case_uuid = "imported"
    view._show("imported", [])
    assert view.empty.isVisible()
    assert view.table.rowCount() == 0
