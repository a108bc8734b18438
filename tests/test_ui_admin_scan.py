"""Attaching a scan in the intake wizard: the clerk clicks "附扫描件…", picks the file in
the real file dialog, and the file lands under the data directory with its sha256 in the
database. Qt's own (non-native) dialog is used so the test can type into it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit, QPushButton

from hukou import store
from hukou.ui.intake.wizard import IntakeWizard
from hukou.ui.session import Session
from test_ui_intake import choose_category, fill_applicant, open_wizard, press_enter
from ui_fixtures import new_id_number, wait_idle

SCAN = b"%PDF-1.4\n% a scanned property certificate\n" + bytes(range(256)) * 40


@pytest.fixture
def qt_file_dialogs(qapp: Any) -> Iterator[None]:
    """Qt's widget-based file dialog even where the desktop offers a native one."""
    attribute = Qt.ApplicationAttribute.AA_DontUseNativeDialogs
    before = QCoreApplication.testAttribute(attribute)
    QCoreApplication.setAttribute(attribute, True)
    yield
    QCoreApplication.setAttribute(attribute, before)


def at_documents_step(qtbot: Any, session: Session) -> IntakeWizard:
    wizard = open_wizard(qtbot, session)
    choose_category(qtbot, wizard, "自有住房")
    press_enter(qtbot, wizard)
    fill_applicant(qtbot, wizard, "欧阳·娜娜", new_id_number())
    for _ in range(3):
        press_enter(qtbot, wizard)
    assert wizard.current == 4
    return wizard


def open_file_dialog(qtbot: Any, wizard: IntakeWizard, doc_id: str) -> QFileDialog:
    page = wizard.documents_page
    button = page.findChild(QPushButton, f"scan_{doc_id}")
    assert button is not None and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.scan_dialog is not None and page.scan_dialog.isVisible(),
                    timeout=5_000)
    dialog = page.scan_dialog
    assert dialog is not None
    return dialog


def test_an_attached_scan_is_stored_under_the_data_directory_with_its_sha256(
    qtbot: Any, ui_session: Session, qt_file_dialogs: None, tmp_path: Path
) -> None:
    source = tmp_path / "incoming" / "property-certificate.pdf"
    source.parent.mkdir()
    source.write_bytes(SCAN)
    wizard = at_documents_step(qtbot, ui_session)
    page = wizard.documents_page
    assert not page.boxes["property_certificate"].isChecked()

    dialog = open_file_dialog(qtbot, wizard, "property_certificate")
    assert dialog.fileMode() == QFileDialog.FileMode.ExistingFile
    name_edit = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name_edit is not None, "Qt's own file dialog, with its file name field"
    dialog.setDirectory(str(source.parent))  # the folder the scanner saves into
    name_edit.setFocus()
    qtbot.keyClicks(name_edit, source.name)
    completer = name_edit.completer()
    if completer is not None:
        completer.popup().hide()  # the path completion list, as a click elsewhere would
    buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
    assert buttons is not None
    open_button = buttons.button(QDialogButtonBox.StandardButton.Open)
    assert open_button is not None and open_button.isEnabled()
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    wait_idle()

    case_uuid = wizard.state.case_uuid
    assert case_uuid
    snap = store.case_snapshot(ui_session.db(), case_uuid)
    [doc] = [d for d in snap["documents"] if d["document_id"] == "property_certificate"]
    sha = hashlib.sha256(SCAN).hexdigest()
    assert doc["scan_sha256"] == sha
    assert doc["presented"] is True, "a scanned document counts as presented"
    stored = ui_session.data_dir / doc["scan_path"]
    assert stored.is_file()
    assert stored.read_bytes() == SCAN
    assert stored.resolve().is_relative_to(ui_session.data_dir.resolve())
    assert stored.parent.name == case_uuid and sha[:16] in stored.name
    assert page.scan_labels["property_certificate"].text() == "property-certificate.pdf"
    assert page.boxes["property_certificate"].isChecked()
    history = store.case_history(ui_session.db(), case_uuid)
    assert [e.document_id for e in history if e.event == "scan"] == ["property_certificate"]


def test_cancelling_the_file_dialog_attaches_nothing(
    qtbot: Any, ui_session: Session, qt_file_dialogs: None
) -> None:
    wizard = at_documents_step(qtbot, ui_session)
    dialog = open_file_dialog(qtbot, wizard, "property_certificate")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    wait_idle()
    snap = store.case_snapshot(ui_session.db(), wizard.state.case_uuid or "")
    assert not any(d.get("scan_path") for d in snap["documents"])
    assert not (ui_session.data_dir / "scans").exists()
