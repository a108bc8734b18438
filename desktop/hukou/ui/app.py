"""Starting the application: first-run setup, login, then the main window.

Test hooks (used by bench/startup.py and the screenshots): HUKOU_AUTOLOGIN=<login> signs
that user in without the login screen; HUKOU_QUIT_WHEN_SHOWN=1 prints
`main window shown after N ms` once the main window is on screen and quits.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from hukou import paths, store
from hukou.ui import i18n
from hukou.ui.ops import BackgroundOp
from hukou.ui.session import Session

AUTOLOGIN_ENV = "HUKOU_AUTOLOGIN"
QUIT_WHEN_SHOWN_ENV = "HUKOU_QUIT_WHEN_SHOWN"


def application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("HukouCounter")
    app.setApplicationDisplayName("户籍窗口受理台")
    app.setOrganizationName("HukouCounter")
    icon = paths.resources_dir() / "icons" / "hukou.svg"
    if icon.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    return app


def load_packs() -> int:
    """Every policy pack, into the loader's cache (a pack that fails shows up where used)."""
    from hukou.policy.loader import load_all_packs

    return len(load_all_packs())


def saved_language(session: Session) -> str:
    if not session.db_path.exists():
        return i18n.DEFAULT_LANGUAGE
    from hukou.ui.session import LANGUAGE

    return session.setting(LANGUAGE) or i18n.DEFAULT_LANGUAGE


def run(data_dir: str | None) -> int:
    """The `hukou` command without arguments. Returns the process exit code."""
    started = time.perf_counter()
    app = application()
    session = Session(Path(paths.data_dir(data_dir)))
    try:
        i18n.install_language(saved_language(session))
        set_up = session.is_set_up()
    except store.StoreError as exc:
        QMessageBox.critical(None, "户籍窗口受理台", i18n.user_message(str(exc)))
        return 2

    if not set_up:
        from hukou.ui.setup_dialog import SetupDialog

        if not SetupDialog(session).exec():
            return 0

    autologin = os.environ.get(AUTOLOGIN_ENV)
    if autologin:
        try:
            session.user = store.get_user(session.db(), autologin)
        except store.StoreError as exc:
            print(f"hukou: {i18n.user_message(str(exc))}", file=sys.stderr)
            return 2
    else:
        from hukou.ui.login_dialog import LoginDialog

        if not LoginDialog(session).exec():
            return 0

    from hukou.ui.main_window import MainWindow

    window = MainWindow(session, load_now=False)
    if os.environ.get(QUIT_WHEN_SHOWN_ENV):

        def report() -> None:
            elapsed = (time.perf_counter() - started) * 1000
            print(f"main window shown after {elapsed:.0f} ms", flush=True)
            app.quit()

        window.shown.connect(lambda: QTimer.singleShot(0, report))
    window.show()

    def after_first_frame() -> None:
        # The policy packs (pydantic validation, the slowest import of the application)
        # load on a worker; the home screen's list shows category titles from them, so it
        # fills in after they are in rather than loading them on the UI thread.
        BackgroundOp(None, load_packs).success(lambda _packs: window.home.refresh()).failure(
            lambda _exc: window.home.refresh()
        ).run()
        window.sync_status.refresh()
        window.resume_draft()

    QTimer.singleShot(0, after_first_frame)
    code = app.exec()
    # Workers still counting or saving finish before their connections close (a SQLite
    # connection closed under a running query crashes the process).
    BackgroundOp.pool().waitForDone()
    session.close()
    return int(code)
