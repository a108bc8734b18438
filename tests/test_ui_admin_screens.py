"""The administrator's and supervisor's screens in both languages with every string doubled:
nothing clipped, nothing left untranslated in English (as test_ui_translations does for the
clerk's screens)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from PySide6.QtWidgets import QWidget

from hukou import store
from hukou.ui.session import Session
from test_ui_translations import (  # noqa: F401
    StretchingTranslator,
    clipped,
    narrow_combos,
    settle,
    stretched,
)
from ui_fixtures import new_id_number, sign_in, wait_idle


def admin_screens(session: Session, qtbot: Any) -> Iterator[tuple[str, QWidget]]:
    from hukou.ui.case_detail_page import CaseDetailPage
    from hukou.ui.household_edit_dialog import HouseholdEditDialog
    from hukou.ui.households_dialog import HouseholdsDialog
    from hukou.ui.password_reset_dialog import PasswordResetDialog
    from hukou.ui.settings_dialog import SettingsDialog
    from hukou.ui.user_add_dialog import UserAddDialog
    from hukou.ui.users_dialog import UsersDialog

    db = session.db()
    for _ in range(5):
        with contextlib.suppress(store.AuthenticationFailed):
            store.authenticate(db, "clerk2", "wrong-password")
    household = store.add_collective_household(
        db, kind="unit", name="聊城市人民医院集体户", number="371502-J-001",
        address="东昌府区东昌西路67号", managing_unit="人事科", user="admin")
    sign_in(session, "admin")
    users = UsersDialog(session)
    qtbot.addWidget(users)
    settle(users, 900, 520)
    yield "users", users
    add = UserAddDialog(session, ["admin"])
    qtbot.addWidget(add)
    settle(add, 560, 420)
    for edit, text in ((add.login_edit, "admin"), (add.password_edit, "short")):
        edit.setText(text)  # messages shown under the fields
    yield "add user", add
    reset = PasswordResetDialog(session, store.get_user(db, "admin"))
    qtbot.addWidget(reset)
    settle(reset, 560, 360)
    yield "reset password", reset
    settings = SettingsDialog(session)
    qtbot.addWidget(settings)
    settle(settings, 760, 760)
    settings.notices.edits["station.phone"].setText("12")
    yield "settings with notices", settings
    sign_in(session, "super")
    register = HouseholdsDialog(session)
    qtbot.addWidget(register)
    settle(register, 1000, 640)
    yield "household register", register
    editor = HouseholdEditDialog(session, household, [], has_members=True)
    qtbot.addWidget(editor)
    settle(editor, 640, 480)
    yield "household editor", editor
    record = store.create_case(
        db, user="clerk", pack_id="liaocheng", pack_version=session.pack.version,
        category_id="own_home", area_id="dongchangfu",
        applicant={"name": "周一", "id_number": new_id_number()}, voluntary_request=True)
    store.save_draft(db, record.uuid, {"applicant": {"phone": "13800000000"}}, user="clerk")
    store.transition(db, record.uuid, "submitted", user="clerk")
    store.record_print(db, record.uuid, "receipt", user="clerk", reprint=True)
    store.apply_remote_decision(db, record.uuid, status="approved", reason=None,
                                decided_by="市局户政科", decided_at="2026-11-22T03:00:00Z")
    detail = CaseDetailPage(session, record.uuid)
    qtbot.addWidget(detail)
    settle(detail, 1200, 860)
    detail.tabs.setCurrentIndex(3)
    wait_idle()
    yield "case history", detail


def test_admin_screens_fit_stretched_text_and_english_is_complete(
    qtbot: Any, ui_session: Session, stretched: StretchingTranslator  # noqa: F811
) -> None:
    problems = []
    seen = set()
    for name, widget in admin_screens(ui_session, qtbot):
        seen.add(name)
        problems += [f"{name}: {p}" for p in clipped(widget)]
        problems += [f"{name}: {p}" for p in narrow_combos(widget)]
    assert len(seen) == 7
    assert not problems, "\n".join(problems)
    assert not stretched.untranslated, sorted(stretched.untranslated)
