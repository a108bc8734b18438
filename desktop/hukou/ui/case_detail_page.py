"""Case detail: all data, the assessment, printed documents (reprint), the history, and the
actions the role allows (clerk: edit, submit; supervisor: approve / return / refuse with a
reason, never their own intake; then the certificate and, for a collective, the slip)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.policy import Assessment
from hukou.ui import i18n
from hukou.ui.case_history_view import CaseHistoryView
from hukou.ui.intake.applicant_page import marital_text
from hukou.ui.intake.assessment_panel import AssessmentPanel
from hukou.ui.intake.summary_page import HOUSEHOLD_KIND_OF
from hukou.ui.ops import BackgroundOp
from hukou.ui.session import Session
from hukou.ui.widgets import FieldMessage, Heading, print_kind_text, relation_text, status_text

EDITABLE = ("draft", "awaiting_documents", "returned")


class CaseDetailPage(i18n.Retranslatable, QWidget):
    closed = Signal()
    edit_case = Signal(str)
    changed = Signal(str)  # case uuid, after an action went through

    def __init__(self, session: Session, case_uuid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_uuid = case_uuid
        self.setObjectName("CaseDetailPage")
        self.snapshot: dict[str, Any] | None = None
        self.heading = Heading(self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("case_status")
        self.tabs = QTabWidget(self)
        self.data_view = QTextBrowser(self)
        self.data_view.setObjectName("case_data")
        self.panel = AssessmentPanel(self)
        self.prints_table = QTableWidget(0, 5, self)
        self.prints_table.setObjectName("prints_table")
        self.prints_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.prints_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.prints_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.prints_table.horizontalHeader().setStretchLastSection(True)
        self.reprint_button = QPushButton(self)
        self.reprint_button.setObjectName("reprint")
        prints_tab = QWidget(self)
        prints_layout = QVBoxLayout(prints_tab)
        prints_layout.addWidget(self.prints_table, 1)
        prints_layout.addWidget(self.reprint_button, 0, Qt.AlignmentFlag.AlignRight)
        self.history_view = CaseHistoryView(session, self)
        self.tabs.addTab(self.data_view, "")
        self.tabs.addTab(self.panel, "")
        self.tabs.addTab(prints_tab, "")
        self.tabs.addTab(self.history_view, "")

        # Actions
        self.actions_box = QGroupBox(self)
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("edit_case")
        self.submit_button = QPushButton(self)
        self.submit_button.setObjectName("submit_case")
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("approve")
        self.reason_edit = QLineEdit(self)
        self.reason_edit.setObjectName("decision_reason")
        self.reason_edit.setMaxLength(500)
        self.return_button = QPushButton(self)
        self.return_button.setObjectName("return_case")
        self.refuse_button = QPushButton(self)
        self.refuse_button.setObjectName("refuse_case")
        self.own_case_label = QLabel(self)
        self.own_case_label.setObjectName("own_case_label")
        self.own_case_label.setWordWrap(True)
        self.print_kind = QComboBox(self)
        self.print_kind.setObjectName("print_kind")
        self.print_button = QPushButton(self)
        self.print_button.setObjectName("print_document")
        self.register_button = QPushButton(self)
        self.register_button.setObjectName("register_case")
        self.back_button = QPushButton(self)
        self.back_button.setObjectName("close_case")
        self.message = FieldMessage(self)
        actions = QVBoxLayout(self.actions_box)
        row1 = QHBoxLayout()
        for button in (self.edit_button, self.submit_button, self.approve_button):
            row1.addWidget(button)
        row1.addStretch(1)
        row2 = QHBoxLayout()
        row2.addWidget(self.reason_edit, 1)
        row2.addWidget(self.return_button)
        row2.addWidget(self.refuse_button)
        row3 = QHBoxLayout()
        row3.addWidget(self.print_kind, 1)
        row3.addWidget(self.print_button)
        row3.addWidget(self.register_button)
        actions.addLayout(row1)
        actions.addWidget(self.own_case_label)
        actions.addLayout(row2)
        actions.addLayout(row3)
        actions.addWidget(self.message)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.status_label)
        top.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.actions_box)

        self.back_button.clicked.connect(self.closed)
        self.edit_button.clicked.connect(self._edit)
        self.submit_button.clicked.connect(lambda: self._transition("submitted"))
        self.approve_button.clicked.connect(lambda: self._transition("approved"))
        self.return_button.clicked.connect(lambda: self._transition("returned", reason=True))
        self.refuse_button.clicked.connect(lambda: self._transition("refused", reason=True))
        self.register_button.clicked.connect(lambda: self._transition("registered"))
        self.print_button.clicked.connect(self.print_current)
        self.reprint_button.clicked.connect(self._reprint)
        self.reason_edit.textChanged.connect(lambda _t: self._apply_actions())
        self.retranslate()
        self.refresh()

    # -- loading ----------------------------------------------------------------------

    def refresh(self) -> None:
        session, case_uuid = self.session, self.case_uuid
        BackgroundOp(self, lambda: store.case_snapshot(session.db(), case_uuid)).success(
            self._show
        ).run()

    def _show(self, snap: dict[str, Any]) -> None:
        self.snapshot = snap
        self.history_view.load(self.case_uuid)
        self.retranslate()

    # -- text -------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("案件信息"))
        self.tabs.setTabText(1, self.tr("评估结果"))
        self.tabs.setTabText(2, self.tr("已打印文书"))
        self.tabs.setTabText(3, self.tr("办理记录"))
        self.prints_table.setHorizontalHeaderLabels(
            [
                self.tr("文书"),
                self.tr("编号"),
                self.tr("打印时间"),
                self.tr("打印人"),
                self.tr("补打"),
            ]
        )
        self.reprint_button.setText(self.tr("补打所选文书(&R)"))
        self.actions_box.setTitle(self.tr("办理"))
        self.edit_button.setText(self.tr("修改 / 补充材料(&E)"))
        self.submit_button.setText(self.tr("提交审批(&U)"))
        self.approve_button.setText(self.tr("批准(&A)"))
        self.reason_edit.setPlaceholderText(self.tr("退回或不予受理的原因（必填，将印在通知上）"))
        self.return_button.setText(self.tr("退回(&T)"))
        self.refuse_button.setText(self.tr("不予受理(&F)"))
        self.print_button.setText(self.tr("打印(&P)…"))
        self.register_button.setText(self.tr("登记落户完成(&G)"))
        self.back_button.setText(self.tr("返回"))
        self.own_case_label.setText(self.tr("这是您本人受理的案件，须由另一位审核领导审批。"))
        snap = self.snapshot
        if snap is None:
            self.heading.setText(self.tr("正在读取案件…"))
            self.status_label.setText("")
            self._apply_actions()
            return
        self.heading.setText(self.tr("案件 {number}").format(number=snap["number"]))
        self.status_label.setText(status_text(snap["status"]))
        self.data_view.setHtml(self._data_html(snap))
        assessment = snap.get("assessment")
        self.panel.show_result(Assessment.model_validate(assessment) if assessment else None)
        self._fill_prints(snap)
        self._apply_actions()

    def _data_html(self, snap: dict[str, Any]) -> str:
        from hukou.policy.loader import load_all_packs

        # The case's own pack: a case taken under another pack showed raw ids here.
        pack = load_all_packs().get(snap["pack_id"]) or self.session.pack
        category = pack.category(snap["category_id"]) if pack.id == snap["pack_id"] else None
        area = pack.area(snap["area_id"]) if pack.id == snap["pack_id"] else None
        rows: list[tuple[str, str]] = [
            (self.tr("落户类别"), category.title if category else snap["category_id"]),
            (self.tr("受理辖区"), area.name if area else snap["area_id"]),
            (self.tr("受理日期"), snap["intake_date"]),
            (self.tr("受理人"), snap.get("clerk_name") or snap.get("clerk") or ""),
            (
                self.tr("本人自愿申请"),
                self.tr("是") if snap.get("voluntary_request") else self.tr("否"),
            ),
        ]
        placement = snap.get("placement") or {}
        if placement.get("kind"):
            label = placement["kind"]
            if category is not None:
                label = next(
                    (p.label for p in category.placements if p.kind == placement["kind"]), label
                )
            rows.append(
                (
                    self.tr("落户地"),
                    label + (f"，{placement['address']}" if placement.get("address") else ""),
                )
            )
        decision = snap.get("decision") or {}
        if decision.get("reason"):
            rows.append((self.tr("审批意见"), decision["reason"]))
        html = ["<table cellpadding='3'>"]
        html += [f"<tr><td><b>{escape(k)}</b></td><td>{escape(str(v))}</td></tr>" for k, v in rows]
        html.append("</table>")
        people = [snap["applicant"], *snap.get("family", [])]
        html.append(
            "<h3>" + escape(self.tr("人员")) + "</h3><table border='1' cellspacing='0' "
            "cellpadding='4'><tr>"
        )
        for title in (
            self.tr("关系"),
            self.tr("姓名"),
            self.tr("公民身份号码"),
            self.tr("性别"),
            self.tr("出生日期"),
            self.tr("婚姻状况"),
            self.tr("现户口所在地"),
        ):
            html.append(f"<th>{escape(title)}</th>")
        html.append("</tr>")
        for person in people:
            sex = {"male": self.tr("男"), "female": self.tr("女")}.get(person.get("sex") or "", "")
            cells = [
                relation_text(person.get("relation") or ""),
                person.get("name") or "",
                person.get("id_number") or "",
                sex,
                person.get("birth_date") or "",
                marital_text(person.get("marital_status") or ""),
                person.get("hukou_address") or "",
            ]
            html.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        html.append("</table>")
        if category is not None and snap.get("facts"):
            html.append("<h3>" + escape(self.tr("情况")) + "</h3><ul>")
            for fact in category.facts:
                if fact.key in snap["facts"]:
                    value = snap["facts"][fact.key]
                    if fact.type == "bool":
                        value = self.tr("是") if value else self.tr("否")
                    elif fact.type == "choice":
                        value = (fact.choices or {}).get(str(value), value)
                    html.append(
                        f"<li>{escape(fact.label)}：{escape(str(value))}"
                        f"{escape(fact.unit or '')}</li>"
                    )
            html.append("</ul>")
        presented = [d for d in snap.get("documents", []) if d.get("presented")]
        html.append(
            "<h3>" + escape(self.tr("已交材料（{n} 项）").format(n=len(presented))) + "</h3><ul>"
        )
        for doc in presented:
            scan = self.tr("（附扫描件）") if doc.get("scan_path") else ""
            html.append(
                f"<li>{escape(self.session.document_title(doc['document_id']))}{escape(scan)}</li>"
            )
        html.append("</ul>")
        return "".join(html)

    def _fill_prints(self, snap: dict[str, Any]) -> None:
        prints = snap.get("prints", [])
        self.prints_table.setRowCount(len(prints))
        for row, record in enumerate(prints):
            values = [
                print_kind_text(record["kind"]),
                record["serial"],
                record["printed_at"],
                record["printed_by"],
                self.tr("是") if record.get("reprint") else "",
            ]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, record)
                self.prints_table.setItem(row, column, item)

    # -- actions ----------------------------------------------------------------------

    def _apply_actions(self) -> None:
        snap = self.snapshot
        role = self.session.role
        status = snap["status"] if snap else ""
        user_login = str(getattr(self.session.user, "login", "")).lower()
        own = snap is not None and str(snap.get("clerk") or "").lower() == user_login
        takes_in = role in ("clerk", "supervisor")
        decides = role == "supervisor" and status == "submitted"
        self.edit_button.setVisible(takes_in and status in EDITABLE)
        self.submit_button.setVisible(takes_in and status == "awaiting_documents")
        self.approve_button.setVisible(decides)
        self.approve_button.setEnabled(decides and not own)
        self.own_case_label.setVisible(decides and own)
        for widget in (self.reason_edit, self.return_button, self.refuse_button):
            widget.setVisible(decides)
        has_reason = bool(self.reason_edit.text().strip())
        self.return_button.setEnabled(decides and has_reason)
        self.refuse_button.setEnabled(decides and has_reason)
        self.register_button.setVisible(takes_in and status == "approved")
        kinds = self._printable_kinds(snap) if snap else []
        current = self.print_kind.currentData()
        self.print_kind.clear()
        for kind, person_id, label in kinds:
            self.print_kind.addItem(label, (kind, person_id))
        self.print_kind.setCurrentIndex(max(0, self.print_kind.findData(current)))
        self.print_kind.setVisible(bool(kinds) and takes_in)
        self.print_button.setVisible(bool(kinds) and takes_in)
        self.reprint_button.setEnabled(takes_in)

    def _printable_kinds(self, snap: dict[str, Any]) -> list[tuple[str, str | None, str]]:
        status = snap["status"]
        assessment = snap.get("assessment") or {}
        kinds: list[tuple[str, str | None, str]] = []
        if status in (
            "submitted",
            "awaiting_documents",
            "approved",
            "returned",
            "refused",
            "registered",
        ):
            kinds.append(("receipt", None, print_kind_text("receipt")))
        if status in ("submitted", "awaiting_documents", "returned") and assessment.get("missing"):
            kinds.append(("one_time_notice", None, print_kind_text("one_time_notice")))
        if status == "refused":
            kinds.append(("refusal_notice", None, print_kind_text("refusal_notice")))
        if status in ("approved", "registered"):
            kinds.append(("settlement_permit", None, print_kind_text("settlement_permit")))
            allowed = {d["index"] for d in assessment.get("family", []) if d.get("allowed")}
            people = [(snap["applicant"], True)] + [
                (p, i in allowed) for i, p in enumerate(snap.get("family", []))
            ]
            collective = (snap.get("placement") or {}).get("kind") in HOUSEHOLD_KIND_OF
            for person, moving in people:
                if not moving:
                    continue
                name = person.get("name") or ""
                kinds.append(
                    (
                        "registration_card",
                        person["person_id"],
                        f"{print_kind_text('registration_card')} — {name}",
                    )
                )
                if collective:
                    kinds.append(
                        (
                            "collective_slip",
                            person["person_id"],
                            f"{print_kind_text('collective_slip')} — {name}",
                        )
                    )
        return kinds

    def _edit(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        if snap["status"] == "returned":
            # A returned case goes back to draft before the clerk edits it.
            self._transition("draft", then_edit=True)
            return
        self.edit_case.emit(self.case_uuid)

    def _transition(
        self, new_status: str, *, reason: bool = False, then_edit: bool = False
    ) -> None:
        session, user, case_uuid = self.session, self.session.user, self.case_uuid
        text = self.reason_edit.text().strip() if reason else None
        self.message.clear_message()

        def done(_r: Any) -> None:
            self.reason_edit.clear()
            self.changed.emit(case_uuid)
            if then_edit:
                self.edit_case.emit(case_uuid)
            else:
                self.refresh()

        (
            BackgroundOp(
                self,
                lambda: store.transition(
                    session.db(), case_uuid, new_status, user=user, reason=text
                ),
            )
            .with_progress(self.tr("正在保存…"))
            .success(done)
            .failure(lambda exc: self.message.show_message(i18n.user_message(str(exc))))
            .run()
        )

    def print_current(self) -> None:
        data = self.print_kind.currentData()
        if not data or not self.print_button.isVisible():
            return
        kind, person_id = data
        self._print(kind, person_id, reprint=False)

    def _reprint(self) -> None:
        item = self.prints_table.currentItem()
        if item is None:
            self.message.show_message(self.tr("请先在表中选择要补打的文书"))
            return
        record = item.data(Qt.ItemDataRole.UserRole)
        self._print(record["kind"], record.get("person_id"), reprint=True)

    def _print(self, kind: str, person_id: str | None, *, reprint: bool) -> None:
        from hukou.printing import render_document

        session, user, case_uuid = self.session, self.session.user, self.case_uuid
        self.message.clear_message()

        def shown(printed: Any) -> None:
            from hukou.ui.print_preview import PrintPreviewDialog
            from hukou.ui.settings_dialog import CARD_PRINTER, DOCUMENT_PRINTER

            key = (
                CARD_PRINTER
                if kind in ("registration_card", "collective_slip")
                else DOCUMENT_PRINTER
            )
            dialog = PrintPreviewDialog(
                printed.pdf,
                title=printed.title,
                file_name=printed.file_name,
                printer_name=self.session.setting(key) or "",
                parent=self.window(),
            )
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.preview = dialog
            dialog.open()
            self.refresh()

        (
            BackgroundOp(
                self,
                lambda: render_document(
                    session.db(), case_uuid, kind, user=user, person_id=person_id, reprint=reprint
                ),
            )
            .with_progress(self.tr("正在生成文书…"))
            .success(shown)
            .failure(lambda exc: self.message.show_message(i18n.user_message(str(exc))))
            .run()
        )
