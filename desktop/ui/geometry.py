"""Windows and dialogs remember where and how big they were, per PC (settings.json).

An application event filter: when a named top-level window is hidden its geometry is kept;
when it is shown again it gets that geometry back if it still fits the screen it opens on
(another monitor, another resolution: it keeps the size it chose itself).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtWidgets import QApplication, QWidget

from desktop.paths import AppPaths
from desktop.services.pc_settings import read_pc_settings, write_pc_setting

KEY = "window_geometry"


class GeometryKeeper(QObject):
    def __init__(self, paths: AppPaths, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths
        raw = read_pc_settings(paths.settings_file).get(KEY)
        self.saved: dict[str, list[int]] = dict(raw) if isinstance(raw, dict) else {}

    def install(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and watched.isWindow() and watched.objectName():
            if event.type() == QEvent.Type.Show:
                self.restore(watched)
            elif event.type() == QEvent.Type.Hide:
                self.remember(watched)
        return False

    def remember(self, window: QWidget) -> None:
        rect = window.geometry()
        value = [rect.x(), rect.y(), rect.width(), rect.height()]
        if self.saved.get(window.objectName()) != value:
            self.saved[window.objectName()] = value
            write_pc_setting(self.paths, KEY, self.saved)

    def restore(self, window: QWidget) -> bool:
        value = self.saved.get(window.objectName())
        if not value or len(value) != 4:
            return False
        rect = QRect(*value)
        screen = window.screen().availableGeometry()
        minimum = window.minimumSizeHint()
        if not screen.contains(rect) or rect.width() < minimum.width() \
                or rect.height() < minimum.height():
            return False
        window.setGeometry(rect)
        return True
