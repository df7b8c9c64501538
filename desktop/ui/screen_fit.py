"""Windows and dialogs sized to their content within the screen they open on.

``fit_to_screen(widget, width, height)`` asks for the preferred size but never more than the
available screen (taskbar excluded) less a margin, and centres the widget there.  Content that
does not fit scrolls (the dialogs put their bodies in a QScrollArea), so buttons always show.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

MARGIN = 24


def available_area(widget: QWidget) -> QRect:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    area = available_area(widget)
    w = max(200, min(width, area.width() - MARGIN))
    h = max(160, min(height, area.height() - MARGIN))
    widget.setMaximumSize(max(widget.maximumWidth(), 0), max(widget.maximumHeight(), 0))
    minimum = widget.minimumSize()
    widget.setMinimumSize(min(minimum.width(), w), min(minimum.height(), h))
    widget.resize(w, h)
    widget.move(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2)
