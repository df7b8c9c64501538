"""The window WebDesk shows the moment it starts, while it opens the profile and the database
(those imports and the schema check take a few seconds on an office PC): so people see the
app start at once instead of wondering whether their double-click worked.

Plain labels and no ``Qt.`` enum: PySide6 builds every enum of the ``Qt`` namespace the first
time any of them is used (~0.1 s; rich text in a label does it too), which can wait until this
window has painted.  The texts are centred by style sheet.  (A QSplashScreen would wait up to a
second for the window to be exposed.)"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class StartWindow(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("startWindow")
        self.setWindowTitle("WebDesk")
        title = QLabel("WebDesk")
        title.setObjectName("startTitle")
        note = QLabel(self.tr("Starting…"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(36, 28, 36, 28)
        layout.addWidget(title)
        layout.addWidget(note)
        self.setStyleSheet(
            "#startWindow, #startWindow QLabel { background: #e8eef5; }"
            " #startWindow QLabel { qproperty-alignment: AlignCenter; }"
            " #startTitle { font-size: 22pt; font-weight: 600; color: #0f3d6e; }")
        self.resize(420, 180)


def show_start_window() -> StartWindow:
    """Show it and let it paint now (through a QEventLoop instance: see NOTES on PySide6)."""
    window = StartWindow()
    window.show()
    QEventLoop().processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents, 50)
    return window
