"""Fixtures and helpers for the GUI tests: a real station data folder, a logged-in session,
and typing like a clerk (Chinese through the input method, ASCII through key clicks)."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from hukou import store
from hukou.domain.idnumber import make_id_number
from hukou.store import users
from hukou.ui import i18n, ops
from hukou.ui.session import Session

if TYPE_CHECKING:
    from hukou.ui.main_window import MainWindow

PASSWORD = "demo1234"
STATION_CODE = "370102"
_sequence = itertools.count(7001)


def new_id_number(birth: dt.date = dt.date(1990, 5, 6), division: str = "371502") -> str:
    """A valid ID number not used before in this test session."""
    return make_id_number(division, birth, next(_sequence))


@functools.cache
def _demo_hash() -> str:
    return users.hash_password(PASSWORD)


def make_station(
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch | None = None,
    *,
    pack_id: str = "liaocheng",
    area_id: str = "dongchangfu",
) -> None:
    """A set-up station (Liaocheng pack) with users admin, clerk, clerk2, super, super2."""
    if monkeypatch is not None:
        # scrypt is slow on purpose; hash the one demo password once per session
        hashed = _demo_hash()
        monkeypatch.setattr(users, "hash_password", lambda _password: hashed)
    db = store.open_database(store.database_path(data_dir))
    try:
        store.setup_station(
            db,
            code=STATION_CODE,
            name="聊城市公安局东昌府分局古楼派出所",
            pack_id=pack_id,
            area_id=area_id,
        )
        for login, role, name in (
            ("admin", "admin", "管理员"),
            ("clerk", "clerk", "王晓燕"),
            ("clerk2", "clerk", "李建国"),
            ("super", "supervisor", "张志强"),
            ("super2", "supervisor", "赵敏"),
        ):
            store.create_user(db, login, name, role, PASSWORD)
    finally:
        db.close()


@pytest.fixture
def station_dir(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_station(data_dir, monkeypatch)
    return data_dir


@pytest.fixture
def ui_session(station_dir: Path, qapp: Any) -> Iterator[Session]:
    """A session signed in as the clerk, in Chinese, with errors recorded, not shown modally."""
    i18n.install_language("zh_CN")
    ops.ShowErrorHook.modal = False
    ops.ShowErrorHook.shown.clear()
    session = Session(station_dir)
    session.user = store.get_user(session.db(), "clerk")
    yield session
    wait_idle()
    session.close()


def sign_in(session: Session, login: str) -> None:
    session.user = store.get_user(session.db(), login)


def submitted_case(session: Session, *, clerk: str = "clerk", name: str = "周九") -> str:
    """A case taken in by `clerk` and sent for approval, through the store's public API."""
    db = session.db()
    record = store.create_case(
        db,
        user=clerk,
        pack_id="liaocheng",
        pack_version=session.pack.version,
        category_id="own_home",
        area_id="dongchangfu",
        applicant={"name": name, "id_number": new_id_number()},
        documents={"property_certificate": {"presented": True}},
        voluntary_request=True,
        placement={"kind": "family_household"},
    )
    store.transition(db, record.uuid, "submitted", user=clerk)
    return str(record.uuid)


def open_window(qtbot: Any, session: Session, *, login: str | None = None) -> MainWindow:
    """The main window at a desk's size, signed in as `login` (else the session's user),
    with the sync status read once."""
    from hukou.ui.main_window import MainWindow

    if login is not None:
        sign_in(session, login)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.resize(1440, 860)
    window.show()
    window.sync_status.refresh()
    wait_idle()
    return window


def wait_idle(timeout_ms: int = 15_000) -> None:
    """Process events until every background operation has reported back."""
    import time

    deadline = time.monotonic() + timeout_ms / 1000
    while not ops.idle() or ops.BackgroundOp.pool().activeThreadCount():
        QApplication.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("background operations did not finish")
        time.sleep(0.005)
    QApplication.processEvents()


def activate(qtbot: Any, window: QWidget) -> None:
    """Show a top-level window and wait until it is the active one (shortcuts need that)."""
    window.show()
    window.raise_()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type into a widget as a clerk would. Non-ASCII goes through an input-method commit
    (qtbot.keyClicks aborts the process on it); ASCII through real key clicks."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def clear_and_type(qtbot: Any, widget: QWidget, text: str) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    select_all = getattr(widget, "selectAll", None)
    if select_all is not None:
        select_all()
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)
