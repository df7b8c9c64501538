"""The shared-PC lock screen (also the opening sign-in screen) and the idle watcher.

The lock screen holds nothing of anyone: a heading, the workstation name, a sign-in form and
a quit button.  It is the first window the app paints, before the database is open (nothing
of the database layer is imported here): the form waits for :meth:`LockScreen.set_context`.
Nothing on the way to its first paint touches PySide6's ``Qt`` namespace: reading it makes
PySide6 build all of its ~90 Python enums (Qt.Key alone has 470 members), a third of the app's
own cost up to that paint.  The screen is a QFrame (Qt gives a styled QFrame its background
itself, no WA_StyledBackground needed) and its look, the labels' centring included, is one
style sheet (SCREEN_STYLE, the language button's icon included) read once.
The idle watcher is an application event filter: any keyboard, mouse, wheel, touch or pen
input restarts its timer; when the timer runs out it reports ``idle``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.icons import icon_path
from desktop.ui.plain_text import PlainLabel
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.sign_in_form import SignInForm

if TYPE_CHECKING:
    from desktop.services.context import AppContext

# The whole screen's look: set once on the screen (one parse, one polish of its widgets).
SCREEN_STYLE = """
#lockScreen { background: #e8eef5; }
#lockCard { background: white; border: 1px solid #cbd5e1; border-radius: 8px; }
#lockHeading { font-size: 20pt; font-weight: 600; color: #0f3d6e;
               qproperty-alignment: AlignCenter; }
#lockHint { color: #374151; qproperty-alignment: AlignCenter; }
#workstation { color: #6b7280; qproperty-alignment: AlignCenter; }
#lockNotice { background: #fffbeb; border: 1px solid #f59e0b; border-radius: 8px; }
"""
# The language button's icon comes with the sheet too: the button gets the same QIcon from Qt
# (pixel for pixel), and PySide6's QIcon class (its enums: ~150 theme icons) is not made on the
# way to the first paint.
LANGUAGE_ICON = '#languageButton {{ qproperty-icon: url("{path}"); }}'

USER_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
    QEvent.Type.TabletPress, QEvent.Type.TabletMove, QEvent.Type.TabletRelease,
    QEvent.Type.ShortcutOverride,
})


def computer_name() -> str:
    """This computer's name as ``socket.gethostname()`` says it (AppContext.workstation): on
    POSIX systems that is ``os.uname().nodename``, read without importing socket (it costs
    the first paint a few milliseconds: selectors, select and its enums)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


class IdleWatcher(QObject):
    """Reports ``idle`` after ``seconds`` without user input anywhere in the application."""

    idle = Signal()

    def __init__(self, seconds: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(int(seconds * 1000), 50))
        self.timer.timeout.connect(self.idle)
        self._installed = False
        self.restarts = 0  # how often input restarted the countdown

    def start(self) -> None:
        app = QApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        app = QApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
            self.restarts += 1
        return False


class LockScreen(QFrame):
    """A window of its own: sign in (or switch user) on a shared PC."""

    signed_in = Signal(object)          # UserSession (see SignInForm.signed_in)
    quit_requested = Signal()
    language_requested = Signal(str)    # "th" or "en": the person switched the language

    def __init__(self, ctx: AppContext | None, lang: str, parent: QWidget | None = None, *,
                 shared: bool = True) -> None:
        """``ctx`` None: the database is still opening (see :meth:`set_context`)."""
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setStyleSheet(SCREEN_STYLE + LANGUAGE_ICON.format(
            path=Path(icon_path("language")).as_posix()))
        self.shared = shared
        self.ctx = ctx
        self.workstation = ctx.workstation if ctx is not None else computer_name()
        self.lang = lang
        self.heading = PlainLabel()
        self.heading.setObjectName("lockHeading")
        self.hint = PlainLabel()
        self.hint.setObjectName("lockHint")
        self.hint.setWordWrap(True)
        self.station = PlainLabel()
        self.station.setObjectName("workstation")
        self.form = SignInForm(ctx, lang)
        self.form.signed_in.connect(self.signed_in)
        self.quit_button = QPushButton()
        self.quit_button.setObjectName("quitButton")
        self.quit_button.clicked.connect(self.quit_requested)
        self.language_button = QPushButton()
        self.language_button.setObjectName("languageButton")
        self.language_button.clicked.connect(
            lambda: self.language_requested.emit("en" if self.lang == "th" else "th"))
        card = QFrame()
        card.setObjectName("lockCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(520)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 20)
        inner.addWidget(self.heading)
        inner.addWidget(self.hint)
        inner.addSpacing(8)
        inner.addWidget(self.form)
        bottom = QHBoxLayout()
        bottom.addWidget(self.station, 1)
        bottom.addWidget(self.language_button)
        bottom.addWidget(self.quit_button)
        inner.addLayout(bottom)
        self.card = card
        self.notices = QVBoxLayout()       # beside the card, once add_notice() is called
        self.notices.setContentsMargins(0, 0, 0, 0)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        self.row = row
        outer.addLayout(row)
        outer.addStretch(2)
        self.retranslate(lang)
        fit_to_screen(self, 1280, 780)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.form.lang = lang
        if self.shared:
            self.setWindowTitle(self.tr("WebDesk — locked"))
            self.heading.setText(self.tr("WebDesk is locked"))
            self.hint.setText(self.tr("This computer is shared. Sign in with your own account; "
                                      "the screen locks again after each decision and when "
                                      "idle."))
        else:
            self.setWindowTitle(self.tr("WebDesk — sign in"))
            self.heading.setText(self.tr("Sign in to WebDesk"))
            self.hint.setText("")
        self.hint.setVisible(self.shared)
        self.station.setText(self.tr("Workstation: {name}").format(name=self.workstation))
        self.quit_button.setText(self.tr("Quit"))
        self.language_button.setText("English" if lang == "th" else "ภาษาไทย")
        self.form.retranslate()

    def set_context(self, ctx: AppContext) -> None:
        """The database is open (the form signs in now if Sign in was pressed meanwhile)."""
        self.ctx = ctx
        self.workstation = ctx.workstation
        self.station.setText(self.tr("Workstation: {name}").format(name=self.workstation))
        self.form.set_context(ctx)

    def add_notice(self, widget: QWidget) -> None:
        """Show ``widget`` beside the sign-in card, as long as this screen lives (the demo's
        accounts and passwords, desktop/ui/demo_gui.py)."""
        frame = QFrame()
        frame.setObjectName("lockNotice")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(widget)
        if self.notices.count() == 0:
            self.row.insertLayout(2, self.notices, 4)
        self.notices.addWidget(frame)
        widget.show()

    def reset(self) -> None:
        """Ready for the next person: empty fields, no message."""
        self.form.reset()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.quit_requested.emit()
        super().closeEvent(event)
