"""What every wizard step shares: the state it edits, a `changed` signal, its validity."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from hukou.policy import Assessment, CaseError
from hukou.ui import i18n
from hukou.ui.intake.state import IntakeState


class WizardStep(i18n.Retranslatable, QWidget):
    """A page of the intake. `changed` fires on every edit; the wizard assesses and saves."""

    changed = Signal()

    def __init__(self, state: IntakeState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state

    def title(self) -> str:
        return ""

    def is_valid(self) -> bool:
        return True

    def enter(self) -> None:
        """Called when the step is shown: rebuild from the state and put the focus in place."""

    def show_assessment(self, result: Assessment | CaseError) -> None:
        """Called after every re-assessment while this step is visible."""
