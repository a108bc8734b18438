"""The intake wizard, driven like a clerk: type, tick, press Enter; then look in the database.

One full intake per outcome on the Liaocheng pack (003), at the station in 东昌府区.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPushButton

from hukou import store
from hukou.ui.intake.wizard import IntakeWizard
from hukou.ui.session import Session
from ui_fixtures import activate, new_id_number, type_text, wait_idle


def open_wizard(qtbot: Any, session: Session, **kwargs: Any) -> IntakeWizard:
    wizard = IntakeWizard(session, **kwargs)
    qtbot.addWidget(wizard)
    wizard.resize(1200, 800)
    activate(qtbot, wizard)
    wait_idle()
    return wizard


def press_enter(qtbot: Any, wizard: IntakeWizard) -> None:
    focus = wizard.focusWidget() or wizard
    qtbot.keyClick(focus, Qt.Key.Key_Return)
    wait_idle()


def choose_category(qtbot: Any, wizard: IntakeWizard, words: str) -> None:
    page = wizard.pages[0]
    type_text(qtbot, page.filter_edit, words)
    assert wizard.state.category_id, "typing in the filter picks the first matching category"


def fill_applicant(qtbot: Any, wizard: IntakeWizard, name: str, id_number: str) -> None:
    page = wizard.pages[1]
    type_text(qtbot, page.id_edit, id_number)
    type_text(qtbot, page.name_edit, name)


def pick(combo: QComboBox, data: Any) -> None:
    combo.setFocus()
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def tick(qtbot: Any, box: QCheckBox) -> None:
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)


def finish(qtbot: Any, wizard: IntakeWizard) -> Any:
    summary = wizard.summary_page
    tick(qtbot, summary.voluntary)
    wait_idle()
    return summary


def run_finish(qtbot: Any, wizard: IntakeWizard) -> dict[str, Any]:
    button: QPushButton = wizard.summary_page.finish_button
    assert button.isEnabled(), wizard.summary_page.finish_message.text()
    with qtbot.waitSignal(wizard.finished, timeout=20_000) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_idle()
    case_uuid, printed = blocker.args
    snap = store.case_snapshot(wizard.session.db(), case_uuid)
    snap["_printed"] = printed
    return snap


def test_eligible_own_home_prints_the_receipt_003_二_一(qtbot: Any, ui_session: Session) -> None:
    wizard = open_wizard(qtbot, ui_session)
    assert not wizard.next_button.isEnabled(), "no category yet"
    choose_category(qtbot, wizard, "自有住房")
    assert wizard.state.category_id == "own_home"
    press_enter(qtbot, wizard)
    assert wizard.current == 1 and wizard.state.case_uuid, "Next created the draft"
    id_number = new_id_number(dt.date(1988, 3, 9))
    fill_applicant(qtbot, wizard, "欧阳·娜仁其其格", id_number)
    assert wizard.state.applicant["birth_date"] == "1988-03-09"
    assert "1988-03-09" in wizard.pages[1].derived.text()
    press_enter(qtbot, wizard)  # facts: none for this category
    assert wizard.current == 2
    press_enter(qtbot, wizard)  # family: nobody
    press_enter(qtbot, wizard)  # documents
    assert wizard.current == 4
    docs = wizard.documents_page
    assert set(docs.boxes) == {"property_certificate"}
    tick(qtbot, docs.boxes["property_certificate"])
    press_enter(qtbot, wizard)
    assert wizard.current == 5
    summary = finish(qtbot, wizard)
    assert wizard.panel.badge.outcome == "eligible"
    pick(summary.placement, "family_household")
    type_text(qtbot, summary.address, "东昌府区柳园路12号")
    snap = run_finish(qtbot, wizard)
    assert snap["status"] == "submitted"
    assert snap["applicant"]["name"] == "欧阳·娜仁其其格"
    assert snap["applicant"]["id_number"] == id_number
    assert snap["voluntary_request"] is True
    assert snap["placement"]["kind"] == "family_household"
    assert snap["assessment"]["outcome"] == "eligible"
    assert [p["kind"] for p in snap["prints"]] == ["receipt"]
    assert snap["_printed"].pdf.startswith(b"%PDF")


def test_missing_document_prints_the_one_time_notice(qtbot: Any, ui_session: Session) -> None:
    wizard = open_wizard(qtbot, ui_session)
    choose_category(qtbot, wizard, "自有住房")
    press_enter(qtbot, wizard)
    fill_applicant(qtbot, wizard, "张三", new_id_number())
    for _ in range(3):
        press_enter(qtbot, wizard)
    assert wizard.current == 4
    press_enter(qtbot, wizard)  # nothing ticked
    finish(qtbot, wizard)
    assert wizard.panel.badge.outcome == "incomplete"
    assert "房屋所有权" in wizard.panel.body.text() or "不动产" in wizard.panel.body.text()
    snap = run_finish(qtbot, wizard)
    assert snap["status"] == "awaiting_documents"
    assert snap["assessment"]["outcome"] == "incomplete"
    assert [p["kind"] for p in snap["prints"]] == ["one_time_notice"]


def test_not_eligible_talent_from_inside_the_city_003_二_三(
    qtbot: Any, ui_session: Session
) -> None:
    wizard = open_wizard(qtbot, ui_session)
    choose_category(qtbot, wizard, "人才市场")
    assert wizard.state.category_id == "outside_talent"
    press_enter(qtbot, wizard)
    fill_applicant(qtbot, wizard, "李四", new_id_number())
    press_enter(qtbot, wizard)
    facts = wizard.pages[2]
    assert wizard.current == 2 and not wizard.next_button.isEnabled()
    education = facts.rows["education"]
    pick(facts.rows["from_outside_city"].combo, False)
    pick(facts.rows["talent_type"].combo, "professional")
    assert not facts.form.isRowVisible(education.box), "asked only of high-level talent"
    assert wizard.next_button.isEnabled()
    pick(facts.rows["talent_type"].combo, "high_level")
    assert facts.form.isRowVisible(education.box), "shown once the answer calls for it"
    assert not wizard.next_button.isEnabled()
    pick(education.combo, "master")
    assert wizard.next_button.isEnabled()
    press_enter(qtbot, wizard)
    assert wizard.current == 3
    assert not wizard.pages[3].add_button.isHidden()
    press_enter(qtbot, wizard)
    press_enter(qtbot, wizard)
    finish(qtbot, wizard)
    assert wizard.panel.badge.outcome == "not_eligible"
    assert "拟不予受理" in wizard.summary_page.finish_button.text()
    snap = run_finish(qtbot, wizard)
    assert snap["status"] == "submitted"
    assert snap["assessment"]["outcome"] == "not_eligible"
    # Refusing is final and takes a second person: nothing is printed until a supervisor
    # has refused; then the refusal notice prints with the rule that failed.
    assert snap["prints"] == []
    from hukou.printing import PrintError, render_document

    db = ui_session.db()
    with pytest.raises(PrintError):
        render_document(db, snap["uuid"], "refusal_notice", user="clerk")
    store.transition(db, snap["uuid"], "refused", user="super", reason="不符合市外人才条件")
    printed = render_document(db, snap["uuid"], "refusal_notice", user="clerk")
    assert printed.kind == "refusal_notice" and printed.pdf.startswith(b"%PDF")


def test_not_yet_purchase_contract_before_half_a_year_003_二_一_1(
    qtbot: Any, ui_session: Session
) -> None:
    wizard = open_wizard(qtbot, ui_session)
    choose_category(qtbot, wizard, "购房合同")
    assert wizard.state.category_id == "purchase_contract"
    press_enter(qtbot, wizard)
    fill_applicant(qtbot, wizard, "王五", new_id_number())
    press_enter(qtbot, wizard)
    handover = dt.date.today() + dt.timedelta(days=400)
    edit: QLineEdit = wizard.pages[2].rows["handover_date"].edit
    type_text(qtbot, edit, "2026-13-01")
    assert wizard.pages[2].rows["handover_date"].message.isVisibleTo(wizard)
    assert not wizard.next_button.isEnabled()
    edit.clear()
    type_text(qtbot, edit, handover.isoformat())
    assert wizard.next_button.isEnabled()
    for _ in range(3):
        press_enter(qtbot, wizard)
    tick(qtbot, wizard.documents_page.boxes["purchase_contract"])
    press_enter(qtbot, wizard)
    finish(qtbot, wizard)
    assert wizard.panel.badge.outcome == "not_yet"
    snap = run_finish(qtbot, wizard)
    assert snap["assessment"]["outcome"] == "not_yet"
    assert snap["assessment"]["not_yet_until"] is not None
    assert snap["status"] == "submitted" and snap["prints"] == []   # the supervisor decides


def test_family_rows_say_who_may_come_along_003_二_一(qtbot: Any, ui_session: Session) -> None:
    wizard = open_wizard(qtbot, ui_session)
    choose_category(qtbot, wizard, "自有住房")
    press_enter(qtbot, wizard)
    fill_applicant(qtbot, wizard, "赵六", new_id_number(dt.date(1970, 1, 1)))
    press_enter(qtbot, wizard)
    press_enter(qtbot, wizard)
    family = wizard.pages[3]
    qtbot.mouseClick(family.add_button, Qt.MouseButton.LeftButton)
    row = family.rows[0]
    pick(row.relation, "child")
    type_text(qtbot, row.name, "赵小六")
    type_text(qtbot, row.id_number, new_id_number(dt.date(1995, 1, 1)))
    pick(row.marital, "married")
    tick(qtbot, row.cohabiting)
    wait_idle()
    assert "✘" in row.decision.text(), "a married adult child may not come along"
    pick(row.marital, "divorced")
    assert "✔" in row.decision.text(), "divorced counts as unmarried in 003"
    press_enter(qtbot, wizard)
    assert "kinship_proof" in wizard.documents_page.boxes, "a child brings the kinship line"
    wait_idle()
    qtbot.waitUntil(lambda: not wizard.is_saving(), timeout=10_000)
    snap = store.case_snapshot(ui_session.db(), wizard.state.case_uuid)
    assert [p["name"] for p in snap["family"]] == ["赵小六"]
    assert snap["family"][0]["marital_status"] == "divorced"


def test_a_bad_id_number_blocks_next_with_a_message_next_to_it(
    qtbot: Any, ui_session: Session
) -> None:
    wizard = open_wizard(qtbot, ui_session)
    choose_category(qtbot, wizard, "自有住房")
    press_enter(qtbot, wizard)
    page = wizard.pages[1]
    good = new_id_number()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    type_text(qtbot, page.id_edit, bad)
    type_text(qtbot, page.name_edit, "钱七")
    assert page.messages["id_number"].isVisibleTo(page)
    assert page.messages["id_number"].text()
    assert not wizard.next_button.isEnabled()
    page.id_edit.clear()
    type_text(qtbot, page.id_edit, good.lower())
    assert not page.messages["id_number"].isVisibleTo(page)
    assert wizard.next_button.isEnabled()


def test_a_long_name_with_the_separator_is_kept_whole(qtbot: Any, ui_session: Session) -> None:
    name = "阿卜杜热合曼·" + "买买提" * 17  # 58 characters
    assert len(name) > 50
    wizard = open_wizard(qtbot, ui_session)
    choose_category(qtbot, wizard, "自有住房")
    press_enter(qtbot, wizard)
    fill_applicant(qtbot, wizard, name, new_id_number())
    assert wizard.pages[1].name_edit.text() == name
    wizard.save_draft()
    wait_idle()
    qtbot.waitUntil(lambda: not wizard.is_saving(), timeout=10_000)
    assert store.case_snapshot(ui_session.db(), wizard.state.case_uuid)["applicant"]["name"] == name


def test_a_draft_reopens_where_it_stopped_after_the_window_is_destroyed(
    qtbot: Any, ui_session: Session
) -> None:
    from hukou.ui.main_window import MainWindow

    window = MainWindow(ui_session)
    activate(qtbot, window)
    window.new_case()
    wizard = window.work_page
    assert isinstance(wizard, IntakeWizard)
    choose_category(qtbot, wizard, "自有住房")
    press_enter(qtbot, wizard)
    id_number = new_id_number()
    fill_applicant(qtbot, wizard, "孙八", id_number)
    press_enter(qtbot, wizard)
    press_enter(qtbot, wizard)
    assert wizard.current == 3
    first = wizard
    qtbot.waitUntil(lambda: not first.is_saving(), timeout=10_000)
    wait_idle()
    case_uuid = wizard.state.case_uuid
    # The process dies: no close event, nothing saved on the way out.
    window.deleteLater()
    qtbot.wait(10)
    del window, wizard

    again = MainWindow(ui_session)
    qtbot.addWidget(again)
    activate(qtbot, again)
    assert again.resume_draft()
    wait_idle()
    reopened = again.work_page
    assert isinstance(reopened, IntakeWizard)
    assert reopened.state.case_uuid == case_uuid
    assert reopened.current == 3, "the step the clerk was on"
    assert reopened.state.applicant["name"] == "孙八"
    assert reopened.state.applicant["id_number"] == id_number
