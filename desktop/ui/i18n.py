"""Thai and English through Qt's translation system (resources/i18n/webdesk_th.qm)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.paths import resources_dir

_installed: list[QTranslator] = []


def system_lang() -> str:
    return "th" if QLocale.system().language() == QLocale.Language.Thai else "en"


def install_translator(lang: str) -> bool:
    """Switch the UI language (source strings are English; Thai comes from the .qm)."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang != "th":
        return True
    translator = QTranslator()
    ok = translator.load(str(resources_dir() / "i18n" / "webdesk_th.qm"))
    if ok:
        app.installTranslator(translator)
        _installed.append(translator)
    return ok


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def localize_buttons(box: object) -> None:
    """Qt ships no Thai for its standard buttons: name them ourselves."""
    from PySide6.QtWidgets import QDialogButtonBox

    assert isinstance(box, QDialogButtonBox)
    names = {
        QDialogButtonBox.StandardButton.Ok: QCoreApplication.translate("Buttons", "OK"),
        QDialogButtonBox.StandardButton.Cancel: QCoreApplication.translate("Buttons", "Cancel"),
        QDialogButtonBox.StandardButton.Close: QCoreApplication.translate("Buttons", "Close"),
        QDialogButtonBox.StandardButton.Yes: QCoreApplication.translate("Buttons", "Yes"),
        QDialogButtonBox.StandardButton.No: QCoreApplication.translate("Buttons", "No"),
        QDialogButtonBox.StandardButton.Save: QCoreApplication.translate("Buttons", "Save"),
    }
    for which, text in names.items():
        button = box.button(which)
        if button is not None and button.text() in ("", "OK", "&OK", "Cancel", "&Cancel",
                                                    "Close", "&Close", "Yes", "&Yes", "No",
                                                    "&No", "Save", "&Save"):
            button.setText(text)
