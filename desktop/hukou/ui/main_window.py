"""The main window: navigation on the left, the current screen on the right, status bar below.

Screens: home, case list, approvals (supervisors), and the case being worked on (the intake
wizard or the case detail). Keyboard: Ctrl+N new case, Ctrl+F search, Ctrl+S save draft,
Ctrl+P print, Ctrl+L lock, Ctrl+1..3 the screens, F9 sync now. File menu: the offline bundle
for transfer media and headquarters' reply file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from hukou import store
from hukou.ui import i18n
from hukou.ui.home_page import HomePage
from hukou.ui.idle_lock import IdleWatcher
from hukou.ui.ops import BackgroundOp
from hukou.ui.session import LANGUAGE, Session, idle_lock_minutes, open_draft_key
from hukou.ui.sync_status import SyncStatusWidget
from hukou.ui.widgets import role_text

if TYPE_CHECKING:
    from hukou.ui.approvals_page import ApprovalsPage
    from hukou.ui.case_list_page import CaseListPage
    from hukou.ui.login_dialog import LoginDialog

NAV_PAGES = ("home", "cases", "approvals")


class MainWindow(i18n.Retranslatable, QMainWindow):
    shown = Signal()

    def __init__(self, session: Session, *, load_now: bool = True) -> None:
        """`load_now=False` (start-up): the home screen loads its counts when told to,
        after the first frame, instead of starting workers while the window is built."""
        super().__init__()
        self.session = session
        self._load_now = load_now
        self.setObjectName("MainWindow")
        self.resize(1280, 800)
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(150)
        self.stack = QStackedWidget(self)
        self.home = HomePage(session, self)
        # The case list and approvals are built when first shown: the first screen is home.
        self.pages: dict[str, QWidget] = {"home": self.home}
        self.stack.addWidget(self.home)
        for key in NAV_PAGES:
            item = QListWidgetItem(self.nav)
            item.setData(Qt.ItemDataRole.UserRole, key)
        self.work_page: QWidget | None = None  # the wizard or the case detail, when open
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._central = central
        self.lock_dialog: LoginDialog | None = None

        self.user_label = QLabel(self)
        self.user_label.setObjectName("user_label")
        self.sync_status = SyncStatusWidget(session, self)
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.sync_status.open_conflicts.connect(self.open_conflicts)
        self.sync_status.synced.connect(self._synced)
        self.transfer: Any = None  # OfflineTransfer, made on first use
        self.conflicts_dialog: Any = None

        self._make_actions()
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.home.open_case.connect(self.open_case)
        self.home.new_case.connect(self.new_case)
        self.home.show_status.connect(self._show_status)

        self.idle = IdleWatcher(idle_lock_minutes(session), self)
        self.idle.idle.connect(self.lock)
        self._locking = False
        self.retranslate()
        self._apply_role()
        self.nav.setCurrentRow(0)
        self._load_now = True

    # -- frame ------------------------------------------------------------------------

    def _make_actions(self) -> None:
        def action(
            name: str, shortcut: QKeySequence | QKeySequence.StandardKey | str | None, slot: Any
        ) -> QAction:
            act = QAction(self)
            act.setObjectName(name)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            self.addAction(act)
            return act

        self.new_action = action("action_new", QKeySequence.StandardKey.New, self.new_case)
        self.search_action = action(
            "action_search", QKeySequence.StandardKey.Find, self.focus_search
        )
        self.save_action = action("action_save", QKeySequence.StandardKey.Save, self.save_current)
        self.print_action = action(
            "action_print", QKeySequence.StandardKey.Print, self.print_current
        )
        self.lock_action = action("action_lock", "Ctrl+L", self.lock)
        self.settings_action = action("action_settings", None, self.open_settings)
        self.users_action = action("action_users", None, self.open_users)
        self.households_action = action("action_households", None, self.open_households)
        self.export_bundle_action = action("action_export_bundle", None, self.export_bundle)
        self.import_replies_action = action("action_import_replies", None, self.import_replies)
        self.sync_action = action("action_sync_now", "F9", lambda: self.sync_status.sync_now())
        self.conflicts_action = action("action_conflicts", None, self.open_conflicts)
        self.enrol_action = action("action_enrol", None, self.open_enrol)
        self.quit_action = action("action_quit", QKeySequence.StandardKey.Quit, self.close)
        self.home_action = action("action_home", "Ctrl+1", lambda: self.show_page("home"))
        self.cases_action = action("action_cases", "Ctrl+2", lambda: self.show_page("cases"))
        self.approvals_action = action(
            "action_approvals", "Ctrl+3", lambda: self.show_page("approvals")
        )
        self.language_actions: dict[str, QAction] = {}
        for code, name in i18n.LANGUAGES.items():
            act = action(f"language_{code}", None, lambda _c=False, c=code: self.switch_language(c))
            act.setText(name)
            act.setCheckable(True)
            self.language_actions[code] = act
        self.about_action = action("action_about", None, self.about)

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        for act in (self.new_action, self.save_action, self.print_action):
            self.file_menu.addAction(act)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.export_bundle_action)
        self.file_menu.addAction(self.import_replies_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.lock_action)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        for act in (self.home_action, self.cases_action, self.approvals_action, self.search_action):
            self.view_menu.addAction(act)
        self.language_menu = self.view_menu.addMenu("")
        for act in self.language_actions.values():
            self.language_menu.addAction(act)
        self.tools_menu = bar.addMenu("")
        self.tools_menu.addAction(self.sync_action)
        self.tools_menu.addAction(self.conflicts_action)
        self.tools_menu.addAction(self.enrol_action)
        self.tools_menu.addSeparator()
        self.tools_menu.addAction(self.households_action)
        self.tools_menu.addAction(self.users_action)
        self.tools_menu.addAction(self.settings_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        station = self.session.station
        # The window system adds " — <application name>" (i18n.install_language sets it).
        self.setWindowTitle(station.name if station else "")
        labels = {
            "home": self.tr("首页"),
            "cases": self.tr("全部案件"),
            "approvals": self.tr("待审批"),
        }
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            item.setText(labels[item.data(Qt.ItemDataRole.UserRole)])
        self.file_menu.setTitle(self.tr("文件(&F)"))
        self.view_menu.setTitle(self.tr("查看(&V)"))
        self.tools_menu.setTitle(self.tr("工具(&T)"))
        self.help_menu.setTitle(self.tr("帮助(&H)"))
        self.language_menu.setTitle(self.tr("界面语言(&L)"))
        self.new_action.setText(self.tr("新建案件(&N)"))
        self.search_action.setText(self.tr("查找案件(&S)"))
        self.save_action.setText(self.tr("保存草稿(&D)"))
        self.print_action.setText(self.tr("打印(&P)…"))
        self.lock_action.setText(self.tr("锁定屏幕(&L)"))
        self.settings_action.setText(self.tr("设置(&E)…"))
        self.users_action.setText(self.tr("用户管理(&U)…"))
        self.households_action.setText(self.tr("集体户登记簿(&K)…"))
        self.export_bundle_action.setText(self.tr("导出数据包交总部(&B)…"))
        self.import_replies_action.setText(self.tr("导入总部回执(&R)…"))
        self.sync_action.setText(self.tr("立即同步(&Y)"))
        self.conflicts_action.setText(self.tr("同步冲突(&C)…"))
        self.enrol_action.setText(self.tr("连接总部(&Q)…"))
        self.quit_action.setText(self.tr("退出(&X)"))
        self.home_action.setText(self.tr("首页(&H)"))
        self.cases_action.setText(self.tr("全部案件(&C)"))
        self.approvals_action.setText(self.tr("待审批(&A)"))
        self.about_action.setText(self.tr("关于(&A)"))
        for code, act in self.language_actions.items():
            act.setChecked(code == i18n.current_language())
        self._show_user()

    def _show_user(self) -> None:
        station = self.session.station
        parts = []
        if self.session.user is not None:
            parts.append(
                self.tr("当前用户：{name}（{role}）").format(
                    name=self.session.user_label, role=role_text(self.session.role)
                )
            )
        self.user_label.setText("    ".join(parts))
        # The station is in the window title; the tooltip keeps its code at hand.
        if station is not None:
            self.user_label.setToolTip(
                self.tr("派出所：{name}（{code}）").format(name=station.name, code=station.code)
            )

    def _apply_role(self) -> None:
        role = self.session.role
        can_approve = role in ("supervisor", "admin")
        self.nav.item(NAV_PAGES.index("approvals")).setHidden(not can_approve)
        self.approvals_action.setEnabled(can_approve)
        self.settings_action.setEnabled(role == "admin")
        self.users_action.setEnabled(role == "admin")
        self.enrol_action.setEnabled(role == "admin")

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.shown.emit()

    # -- navigation -------------------------------------------------------------------

    def page(self, key: str) -> QWidget:
        """The screen for a navigation key, built on first use."""
        page = self.pages.get(key)
        if page is None:
            if key == "cases":
                from hukou.ui.case_list_page import CaseListPage

                page = CaseListPage(self.session, self)
            else:
                from hukou.ui.approvals_page import ApprovalsPage

                page = ApprovalsPage(self.session, self)
            page.open_case.connect(self.open_case)
            self.pages[key] = page
            self.stack.addWidget(page)
        return page

    @property
    def cases(self) -> CaseListPage:
        return self.page("cases")  # type: ignore[return-value]

    @property
    def approvals(self) -> ApprovalsPage:
        return self.page("approvals")  # type: ignore[return-value]

    def _nav_changed(self, row: int) -> None:
        if row < 0:
            return
        self.show_page(NAV_PAGES[row])

    def show_page(self, key: str) -> None:
        if key == "approvals" and self.session.role not in ("supervisor", "admin"):
            return
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        row = NAV_PAGES.index(key)
        if self.nav.currentRow() != row:
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(row)
            self.nav.blockSignals(False)
        refresh = getattr(page, "refresh", None) if self._load_now else None
        if refresh is not None:
            refresh()

    def _show_status(self, status: str) -> None:
        self.show_page("cases")
        self.cases.show_status(status)

    def _set_work_page(self, page: QWidget) -> None:
        if self.work_page is not None:
            self.stack.removeWidget(self.work_page)
            self.work_page.deleteLater()
        self.work_page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.nav.blockSignals(True)
        self.nav.clearSelection()
        self.nav.setCurrentRow(-1)
        self.nav.blockSignals(False)
        closed = getattr(page, "closed", None)
        if closed is not None:
            closed.connect(self._work_page_closed)
        open_case = getattr(page, "open_case", None)
        if open_case is not None:
            open_case.connect(self.open_case)
        edit_case = getattr(page, "edit_case", None)
        if edit_case is not None:
            edit_case.connect(self.edit_case)

    def _work_page_closed(self) -> None:
        page = self.work_page
        self.work_page = None
        if page is not None:
            self.stack.removeWidget(page)
            page.deleteLater()
        self.show_page("home")

    def new_case(self) -> None:
        from hukou.ui.intake.wizard import IntakeWizard

        if isinstance(self.work_page, IntakeWizard) and not self.work_page.is_finished():
            self.stack.setCurrentWidget(self.work_page)
            return
        self._set_work_page(IntakeWizard(self.session, self))

    def open_case(self, case_uuid: str) -> None:
        """Drafts reopen in the wizard where they stopped; every other case in the detail view."""
        session = self.session

        def opened(case: Any) -> None:
            status = case.get("status") if isinstance(case, dict) else getattr(case, "status", "")
            from hukou.ui.case_detail_page import CaseDetailPage
            from hukou.ui.intake.wizard import IntakeWizard

            if status == "draft":
                self._set_work_page(IntakeWizard(self.session, self, case_uuid=case_uuid))
            else:
                self._set_work_page(CaseDetailPage(self.session, case_uuid, self))

        BackgroundOp(self, lambda: store.case_snapshot(session.db(), case_uuid)).success(
            opened
        ).run()

    def edit_case(self, case_uuid: str, step: int | None = None) -> None:
        from hukou.ui.intake.wizard import IntakeWizard

        self._set_work_page(IntakeWizard(self.session, self, case_uuid=case_uuid, step=step))

    def resume_draft(self) -> bool:
        """After a crash: reopen the draft this user was typing, at the step they were on."""
        if self.session.user is None or self.session.role not in ("clerk", "supervisor"):
            return False
        value = self.session_setting_json(open_draft_key(self.session.user.login))
        if not isinstance(value, dict) or not value.get("case"):
            return False
        try:
            snap = store.case_snapshot(self.session.db(), str(value["case"]))
        except store.StoreError:
            return False
        if snap.get("status") not in ("draft", "awaiting_documents", "returned"):
            return False
        self.edit_case(snap["uuid"], int(value.get("step") or 0))
        return True

    def session_setting_json(self, key: str) -> Any:
        return store.get_setting(self.session.db(), key)

    def focus_search(self) -> None:
        current = self.stack.currentWidget()
        if current is self.pages.get("cases"):
            self.cases.focus_search()
            return
        self.show_page("home")
        self.home.focus_search()

    def save_current(self) -> None:
        save = getattr(self.stack.currentWidget(), "save_draft", None)
        if save is not None:
            save()

    def print_current(self) -> None:
        print_ = getattr(self.stack.currentWidget(), "print_current", None)
        if print_ is not None:
            print_()

    # -- sync -------------------------------------------------------------------------

    def _synced(self, _result: Any) -> None:
        # Decisions may have come back: the counts and lists on screen re-read the store.
        refresh = getattr(self.stack.currentWidget(), "refresh", None)
        if refresh is not None and self.stack.currentWidget() is not self.work_page:
            refresh()

    def open_conflicts(self) -> None:
        from hukou.ui.sync_conflicts_dialog import ConflictsDialog

        dialog = ConflictsDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open_case.connect(self.open_case)
        dialog.finished.connect(lambda _r: self.sync_status.refresh())
        self.conflicts_dialog = dialog
        dialog.open()

    def open_enrol(self) -> None:
        """Tools → Connect to HQ (admin): once HQ accepts the station, sync starts at once."""
        from hukou.ui.enrol_dialog import EnrolDialog, may_enrol

        if not may_enrol(self.session):
            return
        self.enrol_dialog = EnrolDialog(self.session, self)
        self.enrol_dialog.enrolled.connect(self._enrolled)
        self.enrol_dialog.open()

    def _enrolled(self, _enrolment: Any) -> None:
        # A failure of this first run goes into the status bar, not over the dialog.
        self.sync_status.sync_now(automatic=True)

    def _transfer(self) -> Any:
        if self.transfer is None:
            from hukou.ui.sync_transfer import OfflineTransfer

            self.transfer = OfflineTransfer(self.session, self)
            self.transfer.finished.connect(lambda _t: self.sync_status.refresh())
        return self.transfer

    def export_bundle(self) -> None:
        self._transfer().ask_export()

    def import_replies(self) -> None:
        self._transfer().ask_import()

    # -- settings, language, lock -----------------------------------------------------

    def open_settings(self) -> None:
        if self.session.role != "admin":
            return
        from hukou.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.session, self)
        dialog.language_changed.connect(lambda code: i18n.install_language(code))
        if dialog.exec():
            self.idle.set_minutes(idle_lock_minutes(self.session))

    def open_users(self) -> None:
        from hukou.ui.users_dialog import UsersDialog, may_manage_users

        if not may_manage_users(self.session):
            return
        self.users_dialog = UsersDialog(self.session, self)
        self.users_dialog.open()

    def open_households(self) -> None:
        from hukou.ui.households_dialog import HouseholdsDialog

        self.households_dialog = HouseholdsDialog(self.session, self)
        self.households_dialog.open()

    def switch_language(self, code: str) -> None:
        i18n.install_language(code)
        session, user = self.session, self.session.user
        BackgroundOp(self, lambda: store.set_setting(session.db(), LANGUAGE, code, user=user)).run()

    def lock(self) -> None:
        if self._locking or self.session.user is None:
            return
        self._locking = True
        self.idle.pause()
        from hukou.ui.login_dialog import LoginDialog

        dialog = LoginDialog(self.session, self, locked_login=self.session.user.login)
        dialog.setObjectName("LockDialog")
        self.lock_dialog = dialog
        self._central.setEnabled(False)
        dialog.finished.connect(self._unlocked)
        dialog.open()

    def _unlocked(self, result: int) -> None:
        self._locking = False
        self.lock_dialog = None
        if not result:
            self.close()
            return
        self._central.setEnabled(True)
        self.idle.restart()

    def about(self) -> None:
        from hukou import __version__

        QMessageBox.about(
            self,
            self.tr("关于"),
            self.tr(
                "户籍窗口受理台 {version}\n派出所户籍窗口落户受理、材料核对、审批与打印。"
            ).format(version=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        page = self.work_page
        saver = getattr(page, "save_draft_now", None)
        if saver is not None:
            saver()
        self.idle.stop()
        self.sync_status.stop()
        super().closeEvent(event)
