"""Languages: Simplified Chinese is the source language; English comes from hukou_en.qm.

Every visible string goes through tr(). Widgets built in code keep their text in a
`retranslate()` method which `Retranslatable.changeEvent` re-runs on QEvent.LanguageChange,
which Qt sends to every widget when a translator is installed or removed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QWidget

from hukou.paths import resources_dir

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES: dict[str, str] = {"zh_CN": "简体中文", "en": "English"}

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def translations_dir() -> Path:
    return resources_dir() / "translations"


def current_language() -> str:
    return _current


def install_language(language: str, *, extra: QTranslator | None = None) -> None:
    """Switch the running application to `language`; open widgets retranslate themselves.

    `extra` (tests) is installed last, so it wins over the real translations.
    """
    global _current
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs a running QApplication")
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates = [(f"qtbase_{language}", qt_dir)]
    if language != DEFAULT_LANGUAGE:
        candidates.append((f"hukou_{language}", str(translations_dir())))
    for name, folder in candidates:
        translator = QTranslator()
        if translator.load(name, folder):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)
    if extra is not None:
        QCoreApplication.installTranslator(extra)
        _installed.append(extra)
    _current = language
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese if language == "zh_CN" else QLocale.Language.English)
    )
    # The window system appends the display name to every window title ("站名 — 户籍窗口受理台").
    from PySide6.QtGui import QGuiApplication

    if isinstance(app, QGuiApplication):
        QGuiApplication.setApplicationDisplayName(application_name())


def application_name() -> str:
    return QCoreApplication.translate("app", "户籍窗口受理台")


def user_message(text: str) -> str:
    """Errors read "中文 / English": show the half of the current language (the whole if one)."""
    if " / " not in text:
        return text
    chinese, english = text.split(" / ", 1)
    return chinese if _current == "zh_CN" else english[:1].upper() + english[1:]


class Retranslatable:
    """Mixin for QWidgets: calls `self.retranslate()` whenever the language changes."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()  # type: ignore[attr-defined]
        QWidget.changeEvent(self, event)  # type: ignore[arg-type]
