"""Thai and English through Qt's translation system (resources/i18n/webdesk_th.qm)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.paths import resources_dir

_installed: list[QTranslator] = []


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


def qt_standard_texts() -> list[str]:
    """Texts of Qt's own buttons and dialogs (QMessageBox, QDialogButtonBox, QFileDialog,
    QWizard, text-field menus).  Qt ships no Thai for them: these calls put them in our
    catalogue (resources/i18n/th.json), and the installed translator answers Qt's lookups."""
    tr = QCoreApplication.translate
    return [
        tr("QPlatformTheme", "OK"), tr("QPlatformTheme", "&OK"), tr("QPlatformTheme", "Cancel"),
        tr("QPlatformTheme", "&Cancel"), tr("QPlatformTheme", "Yes"), tr("QPlatformTheme", "&Yes"),
        tr("QPlatformTheme", "No"), tr("QPlatformTheme", "&No"), tr("QPlatformTheme", "Save"),
        tr("QPlatformTheme", "&Save"), tr("QPlatformTheme", "Close"),
        tr("QPlatformTheme", "&Close"),
        tr("QPlatformTheme", "Discard"), tr("QPlatformTheme", "Don't Save"),
        tr("QPlatformTheme", "Open"), tr("QPlatformTheme", "&Open"), tr("QPlatformTheme", "Apply"),
        tr("QPlatformTheme", "Reset"), tr("QPlatformTheme", "Help"), tr("QPlatformTheme", "Abort"),
        tr("QPlatformTheme", "Retry"), tr("QPlatformTheme", "Ignore"),
        tr("QPlatformTheme", "Yes to &All"), tr("QPlatformTheme", "N&o to All"),
        tr("QPlatformTheme", "Restore Defaults"),
        tr("QMessageBox", "Show Details..."), tr("QMessageBox", "Hide Details..."),
        tr("QFileDialog", "Look in:"), tr("QFileDialog", "File &name:"),
        tr("QFileDialog", "Files of type:"), tr("QFileDialog", "&Open"), tr("QFileDialog", "&Save"),
        tr("QFileDialog", "&Choose"), tr("QFileDialog", "Cancel"), tr("QFileDialog", "Back"),
        tr("QFileDialog", "Forward"), tr("QFileDialog", "Parent Directory"),
        tr("QFileDialog", "Create New Folder"), tr("QFileDialog", "List View"),
        tr("QFileDialog", "Detail View"), tr("QFileDialog", "All Files (*)"),
        tr("QFileDialog", "My Computer"), tr("QFileDialog", "Name"), tr("QFileDialog", "Size"),
        tr("QFileDialog", "Date Modified"), tr("QFileDialog", "Type"),
        tr("QFileSystemModel", "Name"), tr("QFileSystemModel", "Size"),
        tr("QFileSystemModel", "Type"), tr("QFileSystemModel", "Date Modified"),
        tr("QWizard", "< &Back"), tr("QWizard", "&Next >"), tr("QWizard", "&Finish"),
        tr("QWizard", "Cancel"), tr("QWizard", "&Back"), tr("QWizard", "&Next"),
        tr("QWidgetTextControl", "&Undo"), tr("QWidgetTextControl", "&Redo"),
        tr("QWidgetTextControl", "Cu&t"), tr("QWidgetTextControl", "&Copy"),
        tr("QWidgetTextControl", "&Paste"), tr("QWidgetTextControl", "Delete"),
        tr("QWidgetTextControl", "Select All"), tr("QLineEdit", "&Undo"),
        tr("QLineEdit", "&Redo"), tr("QLineEdit", "Cu&t"), tr("QLineEdit", "&Copy"),
        tr("QLineEdit", "&Paste"), tr("QLineEdit", "Delete"), tr("QLineEdit", "Select All"),
    ]

