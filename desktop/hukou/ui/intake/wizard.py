"""The intake wizard, generated from the station's policy pack, with the live assessment beside it.

The draft is saved as the clerk types (debounced, one save in flight at a time); the step
the clerk is on is remembered per user, so after a crash the draft reopens where it stopped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.policy import Assessment, CaseError
from hukou.ui import i18n
from hukou.ui.intake.applicant_page import ApplicantPage
from hukou.ui.intake.assessment_panel import AssessmentPanel
from hukou.ui.intake.category_page import CategoryPage
from hukou.ui.intake.documents_page import DocumentsPage
from hukou.ui.intake.facts_page import FactsPage
from hukou.ui.intake.family_page import FamilyPage
from hukou.ui.intake.state import IntakeState
from hukou.ui.intake.step import WizardStep
from hukou.ui.intake.summary_page import SummaryPage
from hukou.ui.ops import BackgroundOp, show_error
from hukou.ui.session import Session, open_draft_key
from hukou.ui.widgets import FieldMessage, Heading

SAVE_DELAY_MS = 400
# Status the case moves to at intake, by outcome; a refusal is the supervisor's to decide,
# so not-eligible cases go to them with the refusal notice already handed over.
STATUS_AFTER_INTAKE = {
    "eligible": "submitted",
    "incomplete": "awaiting_documents",
    "not_eligible": "submitted",
    "not_yet": "submitted",
}


class IntakeWizard(i18n.Retranslatable, QWidget):
    closed = Signal()
    open_case = Signal(str)
    finished = Signal(str, object)  # case uuid, PrintedDocument or None

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        *,
        case_uuid: str | None = None,
        step: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("IntakeWizard")
        self.state = IntakeState(pack=session.pack, area_id=session.station.area_id)
        self.heading = Heading(self)
        self.steps_label = QLabel(self)
        self.steps_label.setObjectName("steps_label")
        self.steps_label.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.pages: list[WizardStep] = [
            CategoryPage(self.state, self),
            ApplicantPage(self.state, self),
            FactsPage(self.state, self),
            FamilyPage(self.state, self),
            DocumentsPage(self.state, self),
            SummaryPage(self.state, self),
        ]
        for page in self.pages:
            self.stack.addWidget(page)
            page.changed.connect(self._changed)
        self.documents_page: DocumentsPage = self.pages[4]  # type: ignore[assignment]
        self.summary_page: SummaryPage = self.pages[5]  # type: ignore[assignment]
        self.documents_page.attach_scan.connect(self.attach_scan)
        self.summary_page.finish.connect(self.finish)
        self.panel = AssessmentPanel(self)
        self.save_label = QLabel(self)
        self.save_label.setObjectName("save_label")
        self.save_label.setStyleSheet("color: #555;")
        self.step_message = FieldMessage(self)
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("back")
        self.next_button = QPushButton(self)
        self.next_button.setObjectName("next")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("save_draft")
        self.close_button = QPushButton(self)
        self.close_button.setObjectName("close_wizard")

        buttons = QHBoxLayout()
        buttons.addWidget(self.save_label, 1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addWidget(self.steps_label)
        left_layout.addWidget(self.stack, 1)
        left_layout.addWidget(self.step_message)
        left_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.save_button.clicked.connect(self.save_draft)
        self.close_button.clicked.connect(self.close_wizard)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._enter_pressed)
        back = QShortcut(QKeySequence("Alt+Left"), self)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.back)

        self.save_timer = QTimer(self)
        self.save_timer.setSingleShot(True)
        self.save_timer.setInterval(SAVE_DELAY_MS)
        self.save_timer.timeout.connect(self.save_draft_now)
        self._saving = False
        self._dirty = False
        self._creating = False
        self._finished = False
        self._step_saved = -1
        self.current = 0
        self.result: Assessment | CaseError | None = None
        self.retranslate()
        self._load_households()
        if case_uuid is None:
            self._go(0)
        else:
            self.setEnabled(False)
            BackgroundOp(self, lambda: store.case_snapshot(session.db(), case_uuid)).success(
                lambda snap: self._loaded(snap, step)
            ).run()

    # -- loading ----------------------------------------------------------------------

    def _loaded(self, snap: dict[str, Any], step: int | None) -> None:
        self.state.__dict__.update(IntakeState.from_snapshot(self.session.pack, snap).__dict__)
        for page in self.pages:
            page.state = self.state
        self.setEnabled(True)
        if step is None:
            step = self._first_incomplete_step()
        self._go(max(0, min(step, len(self.pages) - 1)))

    def _first_incomplete_step(self) -> int:
        for i, page in enumerate(self.pages):
            page.enter()
            if not page.is_valid():
                return i
        return len(self.pages) - 1

    def _load_households(self) -> None:
        session = self.session
        BackgroundOp(self, lambda: store.list_collective_households(session.db())).success(
            self.summary_page.set_households
        ).failure(lambda exc: None).run()

    # -- text -------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(
            self.tr("新建案件")
            if not self.state.case_number
            else self.tr("案件 {number}").format(number=self.state.case_number)
        )
        self.back_button.setText(self.tr("上一步(&B)"))
        self.next_button.setText(self.tr("下一步 (Enter)"))
        self.save_button.setText(self.tr("保存草稿 (Ctrl+S)"))
        self.close_button.setText(self.tr("关闭"))
        self._show_steps()
        self._show_save_state()

    def _show_steps(self) -> None:
        parts = []
        for i, page in enumerate(self.pages):
            text = f"{i + 1} {page.title()}"
            parts.append(f"<b><u>{text}</u></b>" if i == self.current else text)
        self.steps_label.setText(" › ".join(parts))

    def _show_save_state(self) -> None:
        if self._saving or self._creating:
            self.save_label.setText(self.tr("正在保存…"))
        elif self._dirty or self.save_timer.isActive():
            self.save_label.setText(self.tr("有未保存的修改"))
        elif self.state.case_uuid:
            self.save_label.setText(self.tr("草稿已保存"))
        else:
            self.save_label.setText(self.tr("选择类别后开始保存草稿"))

    # -- navigation -------------------------------------------------------------------

    def page(self) -> WizardStep:
        return self.pages[self.current]

    def _go(self, index: int) -> None:
        self.current = index
        # Hiding the page that holds the focus would pass it down the focus chain, out to
        # the main window's navigation list, which then switches to Home (Enter on the
        # family page's last check box did). Park it on the wizard's own buttons first.
        focus = self.focusWidget()
        if focus is not None and self.stack.isAncestorOf(focus):
            self.next_button.setFocus()
        self.stack.setCurrentIndex(index)
        if self.page() is self.summary_page:
            # The register may have changed since the wizard opened (Tools → register).
            self._load_households()
        self.page().enter()
        self._show_steps()
        self.reassess()
        focus = self.focusWidget()
        if focus is None or not self.page().isAncestorOf(focus):
            # A page with nothing to type (no facts asked): Enter still goes on.
            (self.next_button if self.next_button.isEnabled() else self.page()).setFocus()
        self._remember_step()

    def next(self) -> None:
        if not self.page().is_valid() or self.current >= len(self.pages) - 1:
            self._update_buttons()
            return
        if self.current == 0 and self.state.case_uuid is None:
            self._create_case()
        self._go(self.current + 1)

    def back(self) -> None:
        if self.current > 0:
            self._go(self.current - 1)

    def _enter_pressed(self) -> None:
        if self.current == len(self.pages) - 1:
            if self.summary_page.finish_button.isEnabled():
                self.finish()
            return
        self.next()

    def _update_buttons(self) -> None:
        valid = self.page().is_valid()
        last = self.current == len(self.pages) - 1
        self.next_button.setEnabled(valid and not last)
        self.next_button.setVisible(not last)
        self.back_button.setEnabled(self.current > 0)
        self.save_button.setEnabled(
            self.state.case_uuid is not None or bool(self.state.category_id)
        )
        self.step_message.show_message(
            "" if valid or last else self.tr("请先完成本页标红的项目，再进入下一步。")
        )

    # -- assessing and saving ---------------------------------------------------------

    def _changed(self) -> None:
        self.reassess()
        if self.state.case_uuid is not None:
            self._dirty = True
            self.save_timer.start()
        self._show_save_state()

    def reassess(self) -> None:
        self.result = self.state.assess()
        self.panel.show_result(self.result)
        page = self.page()
        if page is self.documents_page:
            self.documents_page.rebuild()
        page.show_assessment(self.result)
        if page is not self.summary_page:
            self.summary_page.result = self.result
        self._update_buttons()

    def _create_case(self) -> None:
        session, user = self.session, self.session.user
        state = self.state
        self._creating = True
        self._show_save_state()

        def work() -> Any:
            return store.create_case(
                session.db(),
                user=user,
                pack_id=state.pack.id,
                pack_version=state.pack.version,
                category_id=state.category_id,
                area_id=state.area_id,
            )

        BackgroundOp(self, work).success(self._created).failure(self._create_failed).run()

    def _created(self, record: Any) -> None:
        self._creating = False
        self.state.case_uuid = record.uuid
        self.state.case_number = record.number
        self.retranslate()
        self._dirty = True
        self._remember_step()
        self.save_draft_now()

    def _create_failed(self, exc: BaseException) -> None:
        self._creating = False
        self._show_save_state()
        show_error(self, exc)

    def save_draft(self) -> None:
        """Ctrl+S: save now (creating the case first if the category is chosen)."""
        if self.state.case_uuid is None:
            if self.state.category_id and not self._creating:
                self._create_case()
            return
        self._dirty = True
        self.save_draft_now()

    def save_draft_now(self) -> None:
        self.save_timer.stop()
        if self.state.case_uuid is None or self._finished:
            return
        if self._saving:
            self._dirty = True  # saved again when the save under way returns
            return
        if not self._dirty:
            return
        self._dirty = False
        self._saving = True
        self._show_save_state()
        session, user, state = self.session, self.session.user, self.state
        changes = state.draft_changes()
        sent_stale = set(state.stale_fact_keys)
        case_uuid = str(state.case_uuid)

        def work() -> Any:
            return store.save_draft(session.db(), case_uuid, changes, user=user)

        def saved(record: Any) -> None:
            self._saving = False
            state.stale_fact_keys -= sent_stale
            state.adopt_saved_family([p.person_id for p in record.family])
            if self._dirty:
                self.save_draft_now()
            self._show_save_state()

        def failed(exc: BaseException) -> None:
            self._saving = False
            self._show_save_state()
            if isinstance(exc, store.ValidationError):
                self.save_label.setText(
                    self.tr("未能保存：{error}").format(error=i18n.user_message(str(exc)))
                )
                return
            show_error(self, exc)

        BackgroundOp(self, work).success(saved).failure(failed).run()

    def is_saving(self) -> bool:
        return self._saving or self._creating or self.save_timer.isActive() or self._dirty

    def _remember_step(self) -> None:
        if self.state.case_uuid is None or self.current == self._step_saved or self._finished:
            return
        self._step_saved = self.current
        session, user = self.session, self.session.user
        value = {"case": self.state.case_uuid, "step": self.current}
        BackgroundOp(
            self,
            lambda: store.set_setting(session.db(), open_draft_key(user.login), value, user=user),
        ).failure(lambda exc: None).run()

    def _forget_draft(self) -> None:
        session, user = self.session, self.session.user
        BackgroundOp(
            self,
            lambda: store.set_setting(session.db(), open_draft_key(user.login), None, user=user),
        ).failure(lambda exc: None).run()

    def is_finished(self) -> bool:
        return self._finished

    def close_wizard(self) -> None:
        self.save_draft_now()
        self._forget_draft()
        self.closed.emit()

    # -- scans ------------------------------------------------------------------------

    def attach_scan(self, doc_id: str, path: str) -> None:
        if self.state.case_uuid is None:
            return
        from pathlib import Path

        session, user, case_uuid = self.session, self.session.user, self.state.case_uuid
        (
            BackgroundOp(
                self,
                lambda: store.attach_scan_file(
                    session.db(), case_uuid, doc_id, Path(path), user=user
                ),
            )
            .with_progress(self.tr("正在保存扫描件…"))
            .success(lambda _r: self.documents_page.scan_attached(doc_id, Path(path).name))
            .run()
        )

    # -- finishing --------------------------------------------------------------------

    def finish(self) -> None:
        """Save, record the assessment, move the case on, print what the outcome calls for."""
        result = self.result
        if (
            not isinstance(result, Assessment)
            or not self.summary_page.is_valid()
            or self.state.case_uuid is None
            or self._finished
        ):
            return
        self.save_timer.stop()
        session, user, state = self.session, self.session.user, self.state
        changes = state.draft_changes()
        case_uuid = str(state.case_uuid)
        new_status = STATUS_AFTER_INTAKE[result.outcome]
        kind = self.summary_page.print_kind()
        self._finished = True
        self.summary_page.finish_button.setEnabled(False)

        def work() -> Any:
            from hukou.printing import render_document

            db = session.db()
            store.save_draft(db, case_uuid, changes, user=user)
            store.record_assessment(
                db,
                case_uuid,
                result.model_dump(mode="json"),
                pack_id=state.pack.id,
                pack_version=state.pack.version,
                user=user,
            )
            if state.status != new_status:
                store.transition(db, case_uuid, new_status, user=user)
            return render_document(db, case_uuid, kind, user=user) if kind else None

        def done(printed: Any) -> None:
            self._forget_draft()
            self.finished.emit(case_uuid, printed)
            if printed is not None:
                self.show_printed(printed)
            self.open_case.emit(case_uuid)

        def failed(exc: BaseException) -> None:
            self._finished = False
            self.summary_page.finish_button.setEnabled(True)
            show_error(self, exc)

        (
            BackgroundOp(self, work)
            .with_progress(self.tr("正在受理并生成文书…"))
            .success(done)
            .failure(failed)
            .run()
        )

    def show_printed(self, printed: Any) -> None:
        from hukou.ui.print_preview import PrintPreviewDialog
        from hukou.ui.settings_dialog import DOCUMENT_PRINTER

        dialog = PrintPreviewDialog(
            printed.pdf,
            title=printed.title,
            file_name=printed.file_name,
            printer_name=self.session.setting(DOCUMENT_PRINTER) or "",
            parent=self.window(),
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = dialog
        dialog.open()
