"""The window WebDesk shows the moment it starts, while it opens the profile and the database
(those imports and the schema check take a few seconds on an office PC): so people see the
app start at once instead of wondering whether their double-click worked."""

from __future__ import annotations

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class StartWindow(QWidget):
    def __init__(self) -> None:
        super().__init__(None, Qt.WindowType.SplashScreen)
        self.setObjectName("startWindow")
        title = QLabel("WebDesk")
        title.setStyleSheet("font-size: 22pt; font-weight: 600; color: #0f3d6e;")
        note = QLabel()
        note.setText(self.tr("Starting…"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 28)
        for label in (title, note):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        self.setStyleSheet("#startWindow { background: #e8eef5; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.resize(420, 180)


def show_start_window() -> StartWindow:
    """Show it and let it paint now (through a QEventLoop instance: see NOTES on PySide6)."""
    window = StartWindow()
    window.show()
    QEventLoop().processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 50)
    return window
