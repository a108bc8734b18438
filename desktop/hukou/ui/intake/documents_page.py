"""Step 5: the document checklist — tick what was presented; "one of" alternatives grouped.

Lines come from `required_documents`, so they appear and disappear as facts and family
change. A scan can be attached to a presented document.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hukou.policy import CaseError, ChecklistLine, required_documents
from hukou.ui.intake.state import IntakeState
from hukou.ui.intake.step import WizardStep


class DocumentsPage(WizardStep):
    attach_scan = Signal(str, str)  # document id, file path

    def __init__(self, state: IntakeState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setObjectName("DocumentsPage")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.holder = QWidget(self)
        self.lines_layout = QVBoxLayout(self.holder)
        self.lines_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.holder)
        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.problem)
        layout.addWidget(scroll, 1)
        self.boxes: dict[str, QCheckBox] = {}
        self.scan_labels: dict[str, QLabel] = {}
        self.lines: list[ChecklistLine] = []
        self.scans: dict[str, str] = {}  # document id -> file name attached
        self.scan_dialog: QFileDialog | None = None  # the file dialog while it is open
        self._signature: tuple[tuple[str, ...], ...] | None = None
        self.retranslate()

    def title(self) -> str:
        return self.tr("材料核对")

    def retranslate(self) -> None:
        self.intro.setText(
            self.tr(
                "逐项勾选申请人当场提交的材料（空格键勾选）。"
                "“任选其一”的材料交其中一种即可。可附扫描件。"
            )
        )
        self._signature = None
        if self.isVisible():
            self.rebuild()

    def current_lines(self) -> list[ChecklistLine] | CaseError:
        category = self.state.category
        if category is None:
            return []
        try:
            return required_documents(self.state.pack, category, self.state.case_file())
        except CaseError as exc:
            return exc

    def enter(self) -> None:
        self._signature = None
        self.rebuild()
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            first.setFocus()

    def rebuild(self) -> None:
        lines = self.current_lines()
        if isinstance(lines, CaseError):
            self.problem.setText(
                self.tr("请先更正前面步骤中的错误：{error}").format(error=lines.problem)
            )
            self.problem.show()
            return
        self.problem.hide()
        signature = tuple(tuple(line.doc_ids) for line in lines)
        if signature == self._signature:
            return  # same checklist: keep the widgets (and the focus) as they are
        self._signature = signature
        self.lines = lines
        focused = next((d for d, b in self.boxes.items() if b.hasFocus()), None)
        while self.lines_layout.count():
            item = self.lines_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.boxes.clear()
        self.scan_labels.clear()
        for line in lines:
            if line.one_of:
                group = QGroupBox(
                    self.tr("以下任选其一（{cite}）").format(cite=line.cite), self.holder
                )
                inner = QVBoxLayout(group)
                for doc_id, title in zip(line.doc_ids, line.titles, strict=True):
                    inner.addWidget(self._document_row(doc_id, title, None, group))
                if line.note:
                    note = QLabel(line.note, group)
                    note.setWordWrap(True)
                    inner.addWidget(note)
                self.lines_layout.addWidget(group)
            else:
                self.lines_layout.addWidget(
                    self._document_row(
                        line.doc_ids[0], line.titles[0], line.cite, self.holder, line.note
                    )
                )
        if focused in self.boxes:
            self.boxes[focused].setFocus()

    def _document_row(
        self, doc_id: str, title: str, cite: str | None, parent: QWidget, note: str | None = None
    ) -> QWidget:
        row = QFrame(parent)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(4, 2, 4, 2)
        box = QCheckBox(title + (f"（{cite}）" if cite else ""), row)
        box.setObjectName(f"doc_{doc_id}")
        box.setChecked(self.state.documents.get(doc_id, False))
        box.toggled.connect(lambda checked, d=doc_id: self._toggled(d, checked))
        proves = self.state_doc_proves(doc_id)
        if proves or note:
            box.setToolTip("\n".join(t for t in (proves, note) if t))
        scan = QPushButton(self.tr("附扫描件…"), row)
        scan.setObjectName(f"scan_{doc_id}")
        scan.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        scan.clicked.connect(lambda _c=False, d=doc_id: self._choose_scan(d))
        scan_label = QLabel(self.scans.get(doc_id, ""), row)
        scan_label.setStyleSheet("color: #555;")
        layout.addWidget(box, 1)
        layout.addWidget(scan_label)
        layout.addWidget(scan)
        self.boxes[doc_id] = box
        self.scan_labels[doc_id] = scan_label
        return row

    def state_doc_proves(self, doc_id: str) -> str:
        from hukou.policy import cached_catalogue

        doc = cached_catalogue().get(doc_id)
        return doc.proves if doc else ""

    def _toggled(self, doc_id: str, checked: bool) -> None:
        self.state.documents[doc_id] = checked
        self.changed.emit()

    def _choose_scan(self, doc_id: str) -> None:
        # An instance opened window-modal (not the static helper), so the page stays
        # responsive and a test can pick a file in the very dialog the clerk sees.
        dialog = QFileDialog(
            self,
            self.tr("选择扫描件"),
            "",
            self.tr("扫描件 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"),
        )
        dialog.setObjectName("scan_file_dialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.fileSelected.connect(lambda path, d=doc_id: self.attach_scan.emit(d, path))
        dialog.finished.connect(lambda _r: self._scan_dialog_closed(dialog))
        self.scan_dialog = dialog
        dialog.open()

    def _scan_dialog_closed(self, dialog: QFileDialog) -> None:
        if self.scan_dialog is dialog:
            self.scan_dialog = None
        dialog.deleteLater()

    def scan_attached(self, doc_id: str, name: str) -> None:
        self.scans[doc_id] = name
        if doc_id in self.scan_labels:
            self.scan_labels[doc_id].setText(name)
        if doc_id in self.boxes:
            self.boxes[doc_id].setChecked(True)
