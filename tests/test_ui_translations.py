"""Every screen in both languages with every string doubled: nothing clipped, nothing left
untranslated in English; and the committed .qm files match their .ts sources."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from hukou import store
from hukou.paths import resources_dir
from hukou.ui import i18n
from hukou.ui.session import Session
from ui_fixtures import new_id_number, sign_in, wait_idle

TRANSLATIONS = resources_dir() / "translations"
BIN = Path(sys.executable).parent


class StretchingTranslator(QTranslator):
    """Doubles every string (German-length text and worse); in English, records any string
    the real English translation does not cover."""

    def __init__(self, base: QTranslator | None) -> None:
        super().__init__()
        self.base = base
        self.untranslated: set[tuple[str, str]] = set()

    def isEmpty(self) -> bool:
        return False

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        if context.startswith("Q"):  # Qt's own strings come from qtbase_*.qm
            return ""
        text = source
        if self.base is not None:
            text = self.base.translate(context, source, disambiguation, n)
            if not text:
                self.untranslated.add((context, source))
                text = source
        return text + text


@pytest.fixture(params=["zh_CN", "en"])
def stretched(request: pytest.FixtureRequest, qapp: Any) -> Iterator[StretchingTranslator]:
    language = request.param
    base = None
    if language == "en":
        base = QTranslator()
        assert base.load("hukou_en", str(TRANSLATIONS))
    translator = StretchingTranslator(base)
    i18n.install_language(language, extra=translator)
    yield translator
    i18n.install_language("zh_CN")


def narrow_combos(root: QWidget) -> list[str]:
    """Visible drop-down boxes narrower than their longest item needs (the closed box shows
    the chosen item, which may be any of them)."""
    problems = []
    for combo in root.findChildren(QComboBox):
        if not combo.isVisible() or combo.isEditable() or not combo.count():
            continue
        metrics = combo.fontMetrics()
        texts = [combo.itemText(i) for i in range(combo.count())]
        longest = max(texts, key=metrics.horizontalAdvance)
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        need = combo.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox,
            option,
            QSize(metrics.horizontalAdvance(longest), metrics.height()),
            combo,
        ).width()
        if need > combo.width():
            problems.append(
                f"QComboBox {combo.objectName()} {longest[:40]!r}: needs width {need}, "
                f"has {combo.width()}"
            )
    return problems


def clipped(root: QWidget) -> list[str]:
    """Visible labels and buttons whose text needs more room than they were given."""
    problems = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        text = widget.text()
        if not text:
            continue
        hint = widget.sizeHint()
        if isinstance(widget, QLabel) and widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + 1:
                problems.append(
                    f"{type(widget).__name__} {text[:40]!r}: needs height {need}, "
                    f"has {widget.height()}"
                )
        elif hint.width() > widget.width() + 1:
            problems.append(
                f"{type(widget).__name__} {text[:40]!r}: needs width {hint.width()}, "
                f"has {widget.width()}"
            )
    return problems


def settle(widget: QWidget, width: int = 1440, height: int = 900) -> None:
    widget.resize(width, height)
    widget.show()
    wait_idle()
    QApplication.processEvents()


def screens(session: Session, qtbot: Any) -> Iterator[tuple[str, QWidget]]:
    from hukou.ui.case_detail_page import CaseDetailPage
    from hukou.ui.intake.wizard import IntakeWizard
    from hukou.ui.login_dialog import LoginDialog
    from hukou.ui.main_window import MainWindow
    from hukou.ui.print_preview import PrintPreviewDialog
    from hukou.ui.settings_dialog import SettingsDialog
    from hukou.ui.setup_dialog import SetupDialog

    login = LoginDialog(session)
    qtbot.addWidget(login)
    settle(login, 520, 320)
    yield "login", login
    setup = SetupDialog(session)
    qtbot.addWidget(setup)
    settle(setup, 760, 720)
    yield "setup", setup
    sign_in(session, "admin")
    settings = SettingsDialog(session)
    qtbot.addWidget(settings)
    settle(settings, 720, 420)
    yield "settings", settings
    sign_in(session, "super")
    window = MainWindow(session)
    qtbot.addWidget(window)
    settle(window)
    for key in ("home", "cases", "approvals"):
        window.show_page(key)
        wait_idle()
        yield key, window
    sign_in(session, "clerk")
    wizard = IntakeWizard(session)
    qtbot.addWidget(wizard)
    settle(wizard, 1440, 860)
    wizard.pages[0].list.setCurrentRow(0)
    for step in range(len(wizard.pages)):
        wizard._go(step)
        if step == 3:
            wizard.pages[3].add_person()
        wait_idle()
        yield f"wizard step {step + 1}", wizard
    db = session.db()
    record = store.create_case(
        db,
        user="clerk",
        pack_id="liaocheng",
        pack_version=session.pack.version,
        category_id="own_home",
        area_id="dongchangfu",
        applicant={"name": "周一", "id_number": new_id_number()},
        voluntary_request=True,
    )
    store.transition(db, record.uuid, "submitted", user="clerk")
    detail = CaseDetailPage(session, record.uuid)
    qtbot.addWidget(detail)
    settle(detail, 1200, 860)
    yield "case detail", detail
    from hukou.printing import preview_document

    preview = PrintPreviewDialog(
        preview_document(db, record.uuid, "receipt"), title="受理回执", file_name="x.pdf"
    )
    qtbot.addWidget(preview)
    settle(preview, 900, 900)
    yield "print preview", preview


def test_every_screen_fits_stretched_text_and_english_is_complete(
    qtbot: Any, ui_session: Session, stretched: StretchingTranslator
) -> None:
    problems = []
    for name, widget in screens(ui_session, qtbot):
        problems += [f"{name}: {p}" for p in clipped(widget)]
        problems += [f"{name}: {p}" for p in narrow_combos(widget)]
    assert not problems, "\n".join(problems)
    assert not stretched.untranslated, sorted(stretched.untranslated)


def test_the_english_translation_covers_every_string_in_the_code(tmp_path: Path) -> None:
    ts = tmp_path / "fresh.ts"
    code = sorted(
        str(p) for p in (Path(__file__).parents[1] / "desktop" / "hukou" / "ui").rglob("*.py")
    )
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *code,
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )
    in_code = {
        (c.findtext("name"), m.findtext("source"))
        for c in ET.parse(ts).getroot().iter("context")
        for m in c.iter("message")
    }
    translated = {}
    for c in ET.parse(TRANSLATIONS / "hukou_en.ts").getroot().iter("context"):
        for m in c.iter("message"):
            t = m.find("translation")
            if (
                t is not None
                and t.text
                and t.get("type") not in ("unfinished", "obsolete", "vanished")
            ):
                translated[(c.findtext("name"), m.findtext("source"))] = t.text
    missing = sorted(in_code - set(translated))
    assert not missing, f"run resources/translations/build.py and translate: {missing}"
    for (context, source), text in translated.items():
        assert ("{" in source) == ("{" in text), (context, source, text)
        assert "户口性质" not in text and "户口性质" not in source


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_committed_qm_files_are_built_from_the_ts_files(language: str, tmp_path: Path) -> None:
    """Rebuilds a stale .qm in place (so a .ts edit never ships uncompiled), then compares."""
    ts = TRANSLATIONS / f"hukou_{language}.ts"
    qm = TRANSLATIONS / f"hukou_{language}.qm"
    fresh = tmp_path / qm.name
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(fresh)], check=True, capture_output=True
    )
    if not qm.exists() or qm.read_bytes() != fresh.read_bytes():
        shutil.copyfile(fresh, qm)
    assert qm.read_bytes() == fresh.read_bytes()
    translator = QTranslator()
    assert translator.load(str(qm))
