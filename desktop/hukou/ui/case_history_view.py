"""The case detail's history tab: who did what when, read from the audit trail through
`store.case_history` — intake, edits (runs of saves merged), scans, assessments, status
changes, prints and reprints, headquarters' decisions — with the actor's display name."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.ui import i18n
from hukou.ui.ops import BackgroundOp
from hukou.ui.session import Session
from hukou.ui.users_dialog import local_time
from hukou.ui.widgets import outcome_text, print_kind_text, status_text

# Events a supervisor looks for first.
DECISIONS = ("status", "hq_decision")


class CaseHistoryView(i18n.Retranslatable, QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("case_history")
        self.entries: list[store.HistoryEntry] = []
        self.case_uuid: str | None = None
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("history_table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel(self)
        self.empty.setObjectName("history_empty")
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        self.retranslate()

    def load(self, case_uuid: str) -> None:
        self.case_uuid = case_uuid
        session = self.session
        BackgroundOp(self, lambda: store.case_history(session.db(), case_uuid)).success(
            lambda entries: self._show(case_uuid, entries)
        ).run()

    def _show(self, case_uuid: str, entries: list[store.HistoryEntry]) -> None:
        if case_uuid != self.case_uuid:
            return
        self.entries = entries
        self._fill()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("办理人"), self.tr("事项")])
        self.empty.setText(
            self.tr("此案件在本机没有办理记录（例如批量导入的演示数据）。")
        )
        self._fill()

    def _fill(self) -> None:
        entries = self.entries
        self.table.setRowCount(len(entries))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, entry in enumerate(entries):
            cells = [self.when(entry), self.who(entry), self.describe(entry)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.action)
                if column == 1 and entry.actor_name:
                    item.setToolTip(entry.actor)
                elif column == 2:
                    item.setToolTip(text)
                if entry.event in DECISIONS:
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        self.empty.setVisible(self.case_uuid is not None and not entries)

    # -- text of one entry ------------------------------------------------------------

    def when(self, entry: store.HistoryEntry) -> str:
        start = local_time(entry.at)
        if entry.until and local_time(entry.until) != start:
            end = local_time(entry.until)
            same_day = end[:10] == start[:10]
            return f"{start}–{end[11:] if same_day else end}"
        return start

    def who(self, entry: store.HistoryEntry) -> str:
        if entry.actor_name:
            return entry.actor_name
        if entry.actor == "headquarters":
            return self.tr("总部")
        if entry.actor == "system":
            return self.tr("系统")
        return entry.actor

    def field_text(self, field: str) -> str:
        texts = {
            "applicant": self.tr("申请人信息"),
            "family": self.tr("随迁人员"),
            "facts": self.tr("申请情况"),
            "documents": self.tr("已交材料"),
            "voluntary_request": self.tr("自愿申请确认"),
            "placement": self.tr("落户地"),
            "category_id": self.tr("落户类别"),
            "area_id": self.tr("辖区"),
            "pack_id": self.tr("政策文件"),
            "pack_version": self.tr("政策版本"),
        }
        return texts.get(field, field)

    def status_verb(self, old: str | None, new: str | None) -> str:
        verbs = {
            "submitted": self.tr("提交审批"),
            "awaiting_documents": self.tr("受理，待补材料"),
            "approved": self.tr("批准"),
            "returned": self.tr("退回"),
            "refused": self.tr("不予受理"),
            "registered": self.tr("登记落户完成"),
            "withdrawn": self.tr("撤回申请"),
            "draft": self.tr("重新修改"),
        }
        return verbs.get(new or "", self.tr("更改状态"))

    def describe(self, entry: store.HistoryEntry) -> str:
        event = entry.event
        if event == "created":
            return self.tr("受理，创建案件")
        if event == "edited":
            fields: list[str] = []
            documents: list[str] = []
            for field in entry.fields:
                base, _, document = field.partition(".")
                if base == "documents" and document:
                    documents.append(self.session.document_title(document))
                elif self.field_text(field) not in fields:
                    fields.append(self.field_text(field))
            if documents:
                fields.append(
                    self.tr("材料（{titles}）").format(titles=self.tr("、").join(documents))
                )
            text = self.tr("修改：{fields}").format(fields=self.tr("、").join(fields))
            if entry.count > 1:
                text += self.tr("（{n}次保存）").format(n=entry.count)
            return text
        if event == "scan":
            return self.tr("附扫描件：{document}").format(
                document=self.session.document_title(entry.document_id or "")
            )
        if event == "assessment":
            return self.tr("评估结果：{outcome}").format(outcome=outcome_text(entry.outcome or ""))
        if event == "print":
            kind = print_kind_text(entry.print_kind or "")
            text = (self.tr("补打{kind}") if entry.reprint else self.tr("打印{kind}")).format(
                kind=kind
            )
            return f"{text}（{entry.serial}）" if entry.serial else text
        change = self.tr("{old} → {new}").format(
            old=status_text(entry.old_status or ""), new=status_text(entry.new_status or "")
        )
        if event == "status":
            return f"{self.status_verb(entry.old_status, entry.new_status)}（{change}）"
        if event == "hq_decision":
            text = self.tr("总部决定：{verb}（{change}）").format(
                verb=self.status_verb(entry.old_status, entry.new_status), change=change
            )
            if entry.decided_by:
                text += self.tr("，决定人：{name}").format(name=entry.decided_by)
            return text
        if event == "household_member":
            return self.tr("登记入集体户")
        if event == "household_member_removed":
            return self.tr("移出集体户（总部决定未批准）")
        return entry.action
