"""Settings (administrators): headquarters address, printers, language, idle-lock minutes,
and the station's details printed on the notices."""

from __future__ import annotations

from urllib.parse import urlparse

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hukou import store
from hukou.sync import state as sync_state
from hukou.ui import i18n
from hukou.ui.forms import SavingDialog, labelled_rows, save_buttons
from hukou.ui.notice_settings import NoticeSettingsBox
from hukou.ui.session import (
    IDLE_LOCK_MINUTES,
    LANGUAGE,
    Session,
    idle_lock_minutes,
)
from hukou.ui.widgets import FieldMessage, Heading

# Setting keys in the store's settings table.
HQ_URL = sync_state.HQ_URL  # the sync client reads the same key
DOCUMENT_PRINTER = "print.document_printer"
CARD_PRINTER = "print.card_printer"


def printer_names() -> list[str]:
    from PySide6.QtPrintSupport import QPrinterInfo

    return list(QPrinterInfo.availablePrinterNames())


class SettingsDialog(i18n.Retranslatable, SavingDialog):
    """Emits `language_changed(code)` after saving a new language."""

    language_changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("SettingsDialog")
        self.heading = Heading(self)
        self.hq_edit = QLineEdit(self)
        self.hq_edit.setObjectName("hq_url")
        self.hq_message = FieldMessage(self)
        self.document_printer = QComboBox(self)
        self.document_printer.setObjectName("document_printer")
        self.card_printer = QComboBox(self)
        self.card_printer.setObjectName("card_printer")
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("language")
        for code, name in i18n.LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.idle_spin = QSpinBox(self)
        self.idle_spin.setObjectName("idle_minutes")
        self.idle_spin.setRange(0, 240)
        self.form_message = FieldMessage(self)
        self.notices = NoticeSettingsBox(session, self)

        form = QFormLayout()
        self.labels = labelled_rows(
            self,
            form,
            [
                ("hq", self.hq_edit, self.hq_message),
                ("doc_printer", self.document_printer, None),
                ("card_printer", self.card_printer, None),
                ("language", self.language_combo, None),
                ("idle", self.idle_spin, None),
            ],
        )

        self.buttons, self.save_button = save_buttons(self, "save_settings", self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.notices)
        layout.addWidget(self.form_message)
        layout.addWidget(self.buttons)
        self.hq_edit.textChanged.connect(self.validate)
        self.notices.validity_changed.connect(lambda _ok: self.validate())
        self.setMinimumWidth(520)
        self._load()
        self.retranslate()

    def _load(self) -> None:
        printers = printer_names()
        for combo, key in [
            (self.document_printer, DOCUMENT_PRINTER),
            (self.card_printer, CARD_PRINTER),
        ]:
            combo.clear()
            combo.addItem("", "")
            for name in printers:
                combo.addItem(name, name)
            chosen = self.session.setting(key) or ""
            if chosen and combo.findData(chosen) < 0:
                combo.addItem(chosen, chosen)
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self.hq_edit.setText(self.session.setting(HQ_URL) or "")
        language = self.session.setting(LANGUAGE) or i18n.current_language()
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language)))
        self.idle_spin.setValue(idle_lock_minutes(self.session))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("设置"))
        self.heading.setText(self.tr("本机设置"))
        self.labels["hq"].setText(self.tr("总部地址(&H)："))
        self.labels["doc_printer"].setText(self.tr("文书打印机(&D)："))
        self.labels["card_printer"].setText(self.tr("登记卡打印机(&K)："))
        self.labels["language"].setText(self.tr("界面语言(&L)："))
        self.labels["idle"].setText(self.tr("无操作自动锁屏(&I)："))
        self.hq_edit.setPlaceholderText("https://hq.example.gov.cn")
        self.idle_spin.setSuffix(self.tr(" 分钟"))
        self.idle_spin.setSpecialValueText(self.tr("从不"))
        for combo in (self.document_printer, self.card_printer):
            combo.setItemText(0, self.tr("系统默认打印机"))
        self.save_button.setText(self.tr("保存"))
        self.validate()

    def validate(self) -> bool:
        text = self.hq_edit.text().strip()
        ok = True
        if text:
            parsed = urlparse(text)
            ok = parsed.scheme in ("http", "https") and bool(parsed.netloc)
        self.hq_message.show_message(
            "" if ok else self.tr("请输入完整地址，以 http:// 或 https:// 开头")
        )
        ok = ok and not self.notices.errors()
        self.save_button.setEnabled(ok and not self.busy)
        return ok

    def save(self) -> None:
        if not self.validate() or self.busy:
            return
        values = {
            HQ_URL: self.hq_edit.text().strip(),
            DOCUMENT_PRINTER: self.document_printer.currentData() or "",
            CARD_PRINTER: self.card_printer.currentData() or "",
            LANGUAGE: self.language_combo.currentData(),
            IDLE_LOCK_MINUTES: str(self.idle_spin.value()),
            **self.notices.values(),
        }
        session = self.session
        user = session.user
        old_language = session.setting(LANGUAGE) or i18n.current_language()

        def work() -> None:
            db = session.db()
            for key, value in values.items():
                store.set_setting(db, key, value, user=user)

        def saved(_: object) -> None:
            if values[LANGUAGE] != old_language or values[LANGUAGE] != i18n.current_language():
                self.language_changed.emit(values[LANGUAGE])

        self.save_in_background(work, saved, progress=self.tr("正在保存设置…"))
