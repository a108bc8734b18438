"""Small widgets every screen shares: the message line under a field, grey notes, headings,
outcome badges, drop-down boxes of the store's codes and the words for those codes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QTableWidget,
    QWidget,
)

OUTCOME_COLOURS = {
    "eligible": "#1b7a36",
    "incomplete": "#a15c00",
    "not_yet": "#1f5fa8",
    "not_eligible": "#b3261e",
}


def outcome_text(outcome: str) -> str:
    texts = {
        "eligible": QCoreApplication.translate("outcome", "符合条件"),
        "incomplete": QCoreApplication.translate("outcome", "材料不全"),
        "not_yet": QCoreApplication.translate("outcome", "暂不符合（日后可办）"),
        "not_eligible": QCoreApplication.translate("outcome", "不符合条件"),
    }
    return texts.get(outcome, outcome)


def status_text(status: str) -> str:
    texts = {
        "draft": QCoreApplication.translate("status", "草稿"),
        "submitted": QCoreApplication.translate("status", "待审批"),
        "awaiting_documents": QCoreApplication.translate("status", "待补材料"),
        "approved": QCoreApplication.translate("status", "已批准"),
        "returned": QCoreApplication.translate("status", "已退回"),
        "refused": QCoreApplication.translate("status", "不予受理"),
        "registered": QCoreApplication.translate("status", "已登记"),
        "withdrawn": QCoreApplication.translate("status", "已撤回"),
    }
    return texts.get(status, status)


def role_text(role: str) -> str:
    texts = {
        "clerk": QCoreApplication.translate("role", "窗口民警"),
        "supervisor": QCoreApplication.translate("role", "审核领导"),
        "admin": QCoreApplication.translate("role", "系统管理员"),
    }
    return texts.get(role, role)


def relation_text(relation: str) -> str:
    texts = {
        "applicant": QCoreApplication.translate("relation", "申请人"),
        "spouse": QCoreApplication.translate("relation", "配偶"),
        "child": QCoreApplication.translate("relation", "子女"),
        "parent": QCoreApplication.translate("relation", "父母"),
        "other": QCoreApplication.translate("relation", "其他"),
    }
    return texts.get(relation, relation)


def print_kind_text(kind: str) -> str:
    texts = {
        "receipt": QCoreApplication.translate("print", "受理回执"),
        "one_time_notice": QCoreApplication.translate("print", "一次性告知书"),
        "refusal_notice": QCoreApplication.translate("print", "不予受理通知书"),
        "settlement_permit": QCoreApplication.translate("print", "准予迁入证明"),
        "registration_card": QCoreApplication.translate("print", "常住人口登记卡"),
        "collective_slip": QCoreApplication.translate("print", "集体户口页"),
    }
    return texts.get(kind, kind)


class FieldMessage(QLabel):
    """The message line right under a field: empty when valid, red text saying what to fix."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.show_message("")


class Note(QLabel):
    """A grey line that explains rather than warns: a rule, why a field is locked, an empty
    list. Wraps to the width it is given."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #555;")


def code_combo(parent: QWidget, name: str, codes: Iterable[str]) -> QComboBox:
    """A drop-down box whose items carry the store's codes as their data; `show_code_texts`
    gives them their words (from `retranslate()`, so a language switch renames them)."""
    combo = QComboBox(parent)
    combo.setObjectName(name)
    for code in codes:
        combo.addItem("", code)
    return combo


def show_code_texts(combo: QComboBox, text: Callable[[str], str]) -> None:
    for i in range(combo.count()):
        combo.setItemText(i, text(combo.itemData(i)))
    fit_longest_item(combo)


COMBO_SLACK = 12


def fit_longest_item(combo: QComboBox) -> None:
    """Make `combo` at least as wide as its longest item needs, in the current language
    (the default sizing is computed once, before a language switch or a longer text)."""
    metrics = combo.fontMetrics()
    widest = max(
        (metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0
    )
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    size = combo.style().sizeFromContents(
        QStyle.ContentsType.CT_ComboBox, option, QSize(widest, metrics.height()), combo
    )
    combo.setMinimumWidth(size.width() + COMBO_SLACK)


class Heading(QLabel):
    def __init__(self, parent: QWidget | None = None, *, size: int = 4) -> None:
        super().__init__(parent)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() + size)
        font.setBold(True)
        self.setFont(font)
        self.setWordWrap(True)


class OutcomeBadge(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMargin(6)
        self.outcome = ""

    def set_outcome(self, outcome: str | None) -> None:
        self.outcome = outcome or ""
        if not outcome:
            self.setText(QCoreApplication.translate("outcome", "尚未评估"))
            self.setStyleSheet(
                "background: #e8e8e8; color: #333; border-radius: 4px;font-weight: bold;"
            )
            return
        self.setText(outcome_text(outcome))
        colour = OUTCOME_COLOURS.get(outcome, "#333")
        self.setStyleSheet(
            f"background: {colour}; color: white; border-radius: 4px;font-weight: bold;"
        )


def read_only_table(parent: QWidget, columns: int, name: str, stretch: int) -> QTableWidget:
    """A read-only table of whole rows, one chosen at a time, its columns sized to their
    contents and column `stretch` taking the spare width."""
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def hline() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
