"""Thai for the preview widgets, from resources/i18n/th_preview.json.

The app's build (installer/build_translations.py) compiles th.json into the .qm; until the
preview strings are merged there, :func:`install_preview_translator` serves them at run time.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QCoreApplication, QTranslator

from desktop.paths import resources_dir

_installed: list[QTranslator] = []


class PreviewTranslator(QTranslator):
    def __init__(self, table: dict[str, dict[str, str]]) -> None:
        super().__init__()
        self.table = table

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # type: ignore[override]
        # None (a null QString) means "not mine".  An empty string would be taken as the
        # translation of *every* other string in the app — including Qt's own, which breaks
        # e.g. image format detection (QTgaFile reads an empty error message as success).
        return self.table.get(context, {}).get(source) or None

    def isEmpty(self) -> bool:  # noqa: N802
        return not self.table


def preview_table() -> dict[str, dict[str, str]]:
    data = json.loads((resources_dir() / "i18n" / "th_preview.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if isinstance(v, dict)}


def install_preview_translator(lang: str) -> None:
    """Thai preview strings when ``lang == "th"``; English (the source text) otherwise."""
    app = QCoreApplication.instance()
    assert app is not None
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang == "th":
        translator = PreviewTranslator(preview_table())
        app.installTranslator(translator)
        _installed.append(translator)
