"""The bundled Sarabun font, so Thai looks the same on every PC (no system Thai font needed)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.paths import resources_dir

FAMILY = "Sarabun"


def load_bundled_fonts() -> str:
    """Register resources/fonts/*.ttf; return the family to use (Sarabun when it loaded)."""
    family = ""
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0 and not family:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else ""
    return family or FAMILY


def apply_app_font(app: QApplication, point_size: int = 11) -> QFont:
    family = load_bundled_fonts()
    font = QFont(family, point_size)
    app.setFont(font)
    return font
