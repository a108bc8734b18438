"""The live assessment beside the wizard: outcome, reasons with citations, missing documents."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from hukou.policy import Assessment, CaseError
from hukou.ui import i18n
from hukou.ui.widgets import Heading, OutcomeBadge

NO_BREAK_SPACE = "\u00a0"
# Forbids a line break on either side. Chinese text may break between any two characters,
# and "003 §二(一)2" has breaks before "§", "二" and "(": the clerk reads a citation whole.
WORD_JOINER = "\u2060"


def unbroken(citation: str) -> str:
    """A citation that line wrapping keeps on one line (plain text; escape it for HTML)."""
    return WORD_JOINER.join(citation.replace(" ", NO_BREAK_SPACE))


def cite_html(citation: str | None) -> str:
    """A citation in grey full-width brackets, kept on one line with its brackets."""
    if not citation:
        return ""
    return f"<span style='color:#666'>{escape(unbroken(f'（{citation}）'))}</span>"


class AssessmentPanel(i18n.Retranslatable, QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("AssessmentPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(320)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.heading = Heading(self, size=2)
        self.badge = OutcomeBadge(self)
        self.badge.setObjectName("outcome_badge")
        self.body = QLabel(self)
        self.body.setObjectName("assessment_body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.badge)
        layout.addWidget(scroll, 1)
        self.result: Assessment | CaseError | None = None
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("实时评估"))
        self.show_result(self.result)

    def show_result(self, result: Assessment | CaseError | None) -> None:
        self.result = result
        if result is None or isinstance(result, CaseError):
            self.badge.set_outcome(None)
            text = i18n.user_message(result.problem) if isinstance(result, CaseError) else ""
            self.body.setText(f"<p>{escape(text)}</p>")
            return
        self.badge.set_outcome(result.outcome)
        parts: list[str] = []
        if result.outcome == "not_yet" and result.not_yet_until:
            parts.append(
                "<p><b>"
                + escape(
                    self.tr("最早可于 {date} 办理").format(date=result.not_yet_until.isoformat())
                )
                + "</b></p>"
            )
        if result.reasons:
            parts.append("<h4>" + escape(self.tr("依据")) + "</h4><ul>")
            for reason in result.reasons:
                mark = "✔" if reason.holds else "✘"
                colour = "#1b7a36" if reason.holds else "#b3261e"
                parts.append(
                    f"<li><span style='color:{colour}'>{mark}</span> {escape(reason.text)}"
                    f" {cite_html(reason.cite)}</li>"
                )
            parts.append("</ul>")
        if result.missing:
            missing_title = self.tr("尚缺材料（共 {n} 项）").format(n=len(result.missing))
            parts.append("<h4>" + escape(missing_title) + "</h4><ol>")
            for line in result.missing:
                titles = (
                    (self.tr("以下任选其一：") + "、".join(line.titles))
                    if line.one_of
                    else "、".join(line.titles)
                )
                note = f"<br/><i>{escape(line.note)}</i>" if line.note else ""
                parts.append(f"<li>{escape(titles)} {cite_html(line.cite)}{note}</li>")
            parts.append("</ol>")
        if result.unanswered:
            parts.append("<h4>" + escape(self.tr("尚需回答")) + "</h4><ul>")
            for fact in result.unanswered:
                label = (
                    self.tr("申请人本人是否自愿申请落户")
                    if fact.key == "voluntary_request"
                    else fact.label
                )
                parts.append(f"<li>{escape(label)}</li>")
            parts.append("</ul>")
        if result.family:
            parts.append("<h4>" + escape(self.tr("随迁人员")) + "</h4><ul>")
            for decision in result.family:
                mark = "✔" if decision.allowed else "✘"
                name = decision.name or self.tr("（未填姓名）")
                parts.append(
                    f"<li>{mark} {escape(name)}：{escape(decision.reason)} "
                    f"{cite_html(decision.cite)}</li>"
                )
            parts.append("</ul>")
        if result.placements:
            parts.append("<h4>" + escape(self.tr("可落户地")) + "</h4><ul>")
            for option in result.placements:
                parts.append(f"<li>{escape(option.label)} {cite_html(option.cite)}</li>")
            parts.append("</ul>")
        if result.follow_ups:
            parts.append("<h4>" + escape(self.tr("后续事项")) + "</h4><ul>")
            for item in result.follow_ups:
                parts.append(f"<li>{escape(item.text)} {cite_html(item.cite)}</li>")
            parts.append("</ul>")
        self.body.setText("".join(parts))
