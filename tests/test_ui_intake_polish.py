"""The intake's live assessment keeps each citation on one line, and the family page's
relation and marital-status boxes fit their longest item in either language, also after the
language is switched with the wizard open."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel

from hukou.policy import assess, load_all_packs, parse_case
from hukou.ui import i18n
from hukou.ui.intake.assessment_panel import NO_BREAK_SPACE, WORD_JOINER, AssessmentPanel
from hukou.ui.intake.wizard import IntakeWizard
from hukou.ui.session import Session
from test_ui_translations import TRANSLATIONS, StretchingTranslator, narrow_combos
from ui_fixtures import new_id_number, wait_idle

# A rental outside Liaocheng's four core districts with a child, the applicant's request
# not yet confirmed: reasons, missing documents, family, placements, each with a citation.
CASE = {
    "pack": "liaocheng",
    "area": "chiping_urban",
    "category": "rental_flat",
    "applicant": {"name": "张伟", "id_number": new_id_number(dt.date(1988, 5, 12))},
    "facts": {"self_contained_flat": True, "urban_social_insurance": True},
    "documents": ["landlord_title_proof"],
    "family": [
        {"relation": "child", "name": "张小雨", "marital_status": "divorced",
         "id_number": new_id_number(dt.date(2001, 3, 4))},
    ],
}


def rendered_lines(label: QLabel, width: int | None = None, html: str | None = None) -> list[str]:
    """The lines the label's rich text breaks into at its width (or `width`), as plain text:
    the same document layout QLabel draws with."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setDocumentMargin(0)
    document.setHtml(label.text() if html is None else html)
    document.setTextWidth(label.contentsRect().width() if width is None else width)
    document.size()  # lays the text out
    lines = []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lines.append(block.text()[line.textStart() : line.textStart() + line.textLength()])
        block = block.next()
    return [t.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ") for t in lines]


def broken_citations(lines: list[str], cites: set[str]) -> list[str]:
    """The citations (in their brackets) that some line break cuts in two."""
    text = "".join(lines)
    assert all(f"（{c}）" in text for c in cites), text
    return sorted(
        c for c in cites
        if sum(line.count(f"（{c}）") for line in lines) < text.count(f"（{c}）")
    )


def citations(result: Any) -> set[str]:
    cites = {r.cite for r in result.reasons} | {m.cite for m in result.missing}
    cites |= {d.cite for d in result.family if d.cite} | {p.cite for p in result.placements}
    return {c for c in cites if c}


def test_the_live_assessment_never_breaks_a_citation_003_二_一_2(qtbot: Any) -> None:
    pack = load_all_packs()["liaocheng"]
    result = assess(pack, parse_case(CASE), dt.date(2026, 11, 22))
    cites = citations(result)
    assert "003 §二(一)2" in cites
    panel = AssessmentPanel()
    qtbot.addWidget(panel)
    panel.resize(340, 1400)
    panel.show()
    panel.show_result(result)
    QApplication.processEvents()
    assert broken_citations(rendered_lines(panel.body), cites) == [], "as shown now"
    # Every width the panel may get, against the same text without the joiners: that one
    # breaks somewhere, so the check is a real one.
    html = panel.body.text()
    plain = html.replace(WORD_JOINER, "").replace(NO_BREAK_SPACE, " ")
    would_break = []
    for width in range(panel.minimumWidth() - 40, 520, 2):
        lines = rendered_lines(panel.body, width, html)
        assert broken_citations(lines, cites) == [], (width, lines)
        would_break += broken_citations(rendered_lines(panel.body, width, plain), cites)
    assert "003 §二(一)2" in would_break and "003 §二(一)" in would_break


@pytest.mark.parametrize(("first", "then"), [("zh_CN", "en"), ("en", "zh_CN")])
@pytest.mark.parametrize("stretch", [False, True])
def test_the_family_boxes_fit_their_longest_item_after_the_language_changes(
    qtbot: Any, ui_session: Session, first: str, then: str, stretch: bool
) -> None:
    def translator(language: str) -> QTranslator | None:
        base = None
        if language == "en":
            base = QTranslator()
            assert base.load("hukou_en", str(TRANSLATIONS))
        return StretchingTranslator(base) if stretch else base

    i18n.install_language(first, extra=translator(first))
    wizard = IntakeWizard(ui_session)
    qtbot.addWidget(wizard)
    wizard.resize(1440, 860)
    wizard.show()
    wait_idle()
    wizard.pages[0].list.setCurrentRow(0)
    wizard._go(3)
    family = wizard.pages[3]
    family.add_person()
    row = family.rows[0]
    row.marital.setCurrentIndex(1)
    wait_idle()
    try:
        assert narrow_combos(family) == []
        i18n.install_language(then, extra=translator(then))
        for _ in range(4):
            QApplication.processEvents()
        texts = [row.marital.itemText(i) for i in range(row.marital.count())]
        assert ("Unmarried" in "".join(texts)) == (then == "en")
        assert narrow_combos(family) == []
    finally:
        i18n.install_language("zh_CN")
