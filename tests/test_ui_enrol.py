"""Connecting the station to headquarters from the window (Tools → Connect to HQ), against a
real HQ service on 127.0.0.1 over each HQ store (SQLite and PostgreSQL): the administrator
enrols and the status bar starts syncing; HQ's refusal of a used code appears under the
code; an address that does not answer under the address; a clerk cannot open it."""

from __future__ import annotations

import secrets
import subprocess
import sys
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt

from hq_fixtures import REPO_ROOT, ThreadServer, free_port
from hukou import store
from hukou.domain import signing
from hukou.sync import state
from hukou.ui import ops
from hukou.ui.enrol_dialog import EnrolDialog, is_hq_url
from hukou.ui.main_window import MainWindow
from hukou.ui.session import Session
from test_ui_qa import shot
from test_ui_sync import submitted
from test_ui_translations import StretchingTranslator, clipped, settle, stretched  # noqa: F401
from ui_fixtures import STATION_CODE, clear_and_type, open_window, sign_in, type_text, wait_idle


def enrol_code(hq: ThreadServer, station: str = STATION_CODE) -> str:
    """What HQ's operator runs (`hukou hq enrol-code`) and reads out to the station."""
    code = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(12))
    hq.store.add_enrol_code(station, code)
    return code


def admin_window(qtbot: Any, session: Session) -> MainWindow:
    return open_window(qtbot, session, login="admin")


def open_dialog(window: MainWindow) -> EnrolDialog:
    window.enrol_action.trigger()
    wait_idle()
    dialog: EnrolDialog = window.enrol_dialog
    assert dialog.isVisible()
    return dialog


def connect(qtbot: Any, dialog: EnrolDialog, url: str, code: str) -> None:
    clear_and_type(qtbot, dialog.hq_edit, url)
    clear_and_type(qtbot, dialog.code_edit, code)
    assert dialog.connect_button.isEnabled(), dialog.errors()
    qtbot.keyClick(dialog.code_edit, Qt.Key.Key_Return)  # Enter = Connect
    wait_idle()


def hq_fingerprint(hq: ThreadServer) -> str:
    health = httpx.get(f"{hq.url}/v1/health", timeout=10).json()
    return signing.key_fingerprint(health["hq_signing_public_key"])


def test_the_administrator_enrols_and_the_status_bar_starts_syncing(
    qtbot: Any, ui_session: Session, hq: ThreadServer
) -> None:
    case = submitted(ui_session)
    window = admin_window(qtbot, ui_session)
    assert "未连接总部" in window.sync_status.label.text()
    dialog = open_dialog(window)
    assert "尚未连接总部" in dialog.current_label.text()
    assert not dialog.connect_button.isEnabled(), "nothing typed yet"
    connect(qtbot, dialog, hq.url, enrol_code(hq))
    assert not dialog.hq_message.isVisible() and not dialog.code_message.isVisible()
    fingerprint = hq_fingerprint(hq)
    assert fingerprint.replace(" ", "&nbsp;") in dialog.current_label.text()
    assert hq.url in dialog.current_label.text()
    assert "已连接总部" in dialog.form_message.text()
    assert dialog.code_edit.text() == "", "a used code is not left in the field"
    assert dialog.connect_button.text() == "重新登记(&O)"
    db = ui_session.db()
    assert store.get_setting(db, state.HQ_URL) == hq.url
    assert hq.store.station(STATION_CODE) is not None, "HQ holds the station's key"
    shot(dialog, "enrol")
    # The window syncs at once: the case reaches HQ without Sync now.
    qtbot.waitUntil(lambda: case in hq.store.case_heads(STATION_CODE), timeout=20_000)
    qtbot.waitUntil(lambda: not window.sync_status.syncing(), timeout=20_000)
    wait_idle()
    assert "已全部同步" in window.sync_status.label.text()
    assert window.sync_status.configured()
    assert ops.ShowErrorHook.shown == []


def test_the_fingerprint_is_the_one_hq_s_operator_was_given_with_the_code(
    qtbot: Any, ui_session: Session, hq: ThreadServer, hq_url: str
) -> None:
    made = subprocess.run(
        [sys.executable, "-m", "hukou.cli", "hq", "enrol-code", STATION_CODE, "--db", hq_url],
        capture_output=True, text=True, check=False, timeout=120,
        env={"PYTHONPATH": str(REPO_ROOT / "desktop"), "PATH": "/usr/bin:/bin"},
    )
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip()
    said = made.stderr.strip().removeprefix("HQ key fingerprint: ")
    assert said == hq_fingerprint(hq)
    window = admin_window(qtbot, ui_session)
    dialog = open_dialog(window)
    connect(qtbot, dialog, hq.url, code)
    assert said.replace(" ", "&nbsp;") in dialog.current_label.text()
    qtbot.waitUntil(lambda: not window.sync_status.syncing(), timeout=20_000)


def test_a_used_code_is_refused_under_the_code_as_hq_says_it(
    qtbot: Any, ui_session: Session, hq: ThreadServer
) -> None:
    window = admin_window(qtbot, ui_session)
    dialog = open_dialog(window)
    code = enrol_code(hq)
    connect(qtbot, dialog, hq.url, code)
    before = store.get_setting(ui_session.db(), state.HQ_SIGNING_KEY)
    assert before
    qtbot.waitUntil(lambda: not window.sync_status.syncing(), timeout=20_000)
    dialog.close()
    wait_idle()
    # Opened again: the enrolment is shown, the address filled in; the same code again.
    dialog = open_dialog(window)
    assert "本所已连接总部" in dialog.current_label.text()
    assert hq_fingerprint(hq).replace(" ", "&nbsp;") in dialog.current_label.text()
    assert dialog.hq_edit.text() == hq.url
    type_text(qtbot, dialog.code_edit, code)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.code_message.isVisible()
    assert dialog.code_message.text() == "登记码已使用过，每个登记码只能用一次"
    assert not dialog.hq_message.isVisible(), "the address was fine"
    assert ops.ShowErrorHook.shown == [], "said next to the field, not in a dialog"
    shot(dialog, "enrol-refused")
    # An unknown code: HQ's own words again; typing in the field clears the old answer.
    clear_and_type(qtbot, dialog.code_edit, "NOSUCHCODE2")
    assert not dialog.code_message.isVisible()
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    wait_idle()
    assert dialog.code_message.text() == "登记码无效，请向指挥中心索取新的登记码"
    assert store.get_setting(ui_session.db(), state.HQ_SIGNING_KEY) == before


def test_a_code_for_another_station_is_refused_in_english_too(
    qtbot: Any, ui_session: Session, hq: ThreadServer
) -> None:
    from hukou.ui import i18n

    window = admin_window(qtbot, ui_session)
    i18n.install_language("en")
    try:
        dialog = open_dialog(window)
        assert dialog.connect_button.text() == "C&onnect"
        connect(qtbot, dialog, hq.url, enrol_code(hq, station="370199"))
        assert dialog.code_message.text() == (
            f"This code was issued for station 370199, not {STATION_CODE}"
        )
        assert not store.get_setting(ui_session.db(), state.HQ_SIGNING_KEY)
    finally:
        i18n.install_language("zh_CN")


def test_an_address_that_does_not_answer_is_said_under_the_address(
    qtbot: Any, ui_session: Session
) -> None:
    window = admin_window(qtbot, ui_session)
    dialog = open_dialog(window)
    nobody = f"http://127.0.0.1:{free_port()}"
    connect(qtbot, dialog, nobody, "ABCDEFGH2345")
    assert dialog.hq_message.isVisible()
    assert "连不上这个地址的总部" in dialog.hq_message.text()
    assert "127.0.0.1" in dialog.hq_message.toolTip(), "the technical reason is at hand"
    assert not dialog.code_message.isVisible()
    assert dialog.code_edit.text() == "ABCDEFGH2345", "nothing typed is lost"
    assert ops.ShowErrorHook.shown == []
    assert not store.get_setting(ui_session.db(), state.HQ_SIGNING_KEY)
    assert not window.sync_status.configured()


def test_the_address_and_the_code_are_checked_as_they_are_typed(
    qtbot: Any, ui_session: Session
) -> None:
    sign_in(ui_session, "admin")
    dialog = EnrolDialog(ui_session)
    qtbot.addWidget(dialog)
    dialog.show()
    wait_idle()
    type_text(qtbot, dialog.hq_edit, "hq.example:8750")
    assert "http://" in dialog.hq_message.text()
    clear_and_type(qtbot, dialog.hq_edit, "http://hq.example:87x0")
    assert dialog.hq_message.isVisible()
    clear_and_type(qtbot, dialog.hq_edit, "http://hq.example:8750")
    assert not dialog.hq_message.isVisible()
    type_text(qtbot, dialog.code_edit, "AB3")
    assert "6至64位" in dialog.code_message.text()
    assert not dialog.connect_button.isEnabled()
    type_text(qtbot, dialog.code_edit, "DEF45")
    assert not dialog.code_message.isVisible()
    assert dialog.connect_button.isEnabled()


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("http://hq:8750", True),
        ("https://hq.example.gov.cn", True),
        ("http://192.168.10.5:8750/", True),
        ("hq.example.gov.cn", False),
        ("ftp://hq.example", False),
        ("http://", False),
        ("http://hq:port", False),
        ("http://hq:70000", False),
        ("http://hq:8750/?x=1", False),
    ],
)
def test_which_addresses_are_hq_addresses(text: str, ok: bool) -> None:
    assert is_hq_url(text) is ok


def test_a_clerk_cannot_open_it(qtbot: Any, ui_session: Session) -> None:
    window = MainWindow(ui_session)  # signed in as the clerk
    qtbot.addWidget(window)
    window.show()
    wait_idle()
    assert not window.enrol_action.isEnabled()
    assert window.enrol_action in window.tools_menu.actions()
    window.open_enrol()
    wait_idle()
    assert getattr(window, "enrol_dialog", None) is None
    with pytest.raises(PermissionError):
        EnrolDialog(ui_session)
    sign_in(ui_session, "super")
    with pytest.raises(PermissionError):
        EnrolDialog(ui_session)


def test_a_key_fingerprint_is_eight_groups_of_hex_and_differs_between_keys() -> None:
    one = signing.public_key_b64(signing.generate_signing_key())
    two = signing.public_key_b64(signing.generate_signing_key())
    groups = signing.key_fingerprint(one).split(" ")
    assert len(groups) == 8 and all(len(g) == 4 for g in groups)
    assert all(c in "0123456789ABCDEF" for g in groups for c in g)
    assert signing.key_fingerprint(one) == signing.key_fingerprint(one)
    assert signing.key_fingerprint(one) != signing.key_fingerprint(two)
    with pytest.raises(signing.SigningKeyError):
        signing.key_fingerprint("not-a-key")


def test_the_dialog_fits_stretched_text_and_english_is_complete(
    qtbot: Any, ui_session: Session, stretched: StretchingTranslator  # noqa: F811
) -> None:
    db = ui_session.db()
    hq_key = signing.public_key_b64(signing.generate_signing_key())
    store.set_setting(db, state.HQ_URL, "https://hq.liaocheng.gov.cn:8750", user=None)
    store.set_setting(db, state.HQ_SIGNING_KEY, hq_key, user=None)
    sign_in(ui_session, "admin")
    dialog = EnrolDialog(ui_session)
    qtbot.addWidget(dialog)
    settle(dialog, 560, 420)
    assert signing.key_fingerprint(hq_key).replace(" ", "&nbsp;") in dialog.current_label.text()
    clear_and_type(qtbot, dialog.hq_edit, "hq.liaocheng.gov.cn")
    type_text(qtbot, dialog.code_edit, "AB3")
    wait_idle()
    assert dialog.hq_message.isVisible() and dialog.code_message.isVisible()
    problems = clipped(dialog)
    assert not problems, "\n".join(problems)
    assert not stretched.untranslated, sorted(stretched.untranslated)
