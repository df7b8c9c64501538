"""The real app's start for bench_scale.py (a process of its own, offscreen Qt):

    python tests/bench/bench_scale_app.py HOME URL TYPING

Runs ``webdesk --home HOME --database URL`` (desktop.cli.main, imported before PySide6 as the
entry point does) on the bulk profile and signs the webmaster "web" in as a person would: a
driver (a 5 ms poll, no application-wide event filter) waits until the sign-in screen shows,
then until TYPING seconds have passed since (someone typing a name and a password) and the
screen has the open database, types them and presses Sign in; then it opens the queue tab as
soon as the main window exists and notes the first paint of the queue's table with rows.

Prints one JSON object (seconds from the process's spawn, env BENCH_SPAWNED):
``app_start_to_painted_queue`` = that paint - TYPING - the argon2 work (password check and the
key derivation of a first sign-in, deliberate and the same on every PC): what the person waits
for, the typing left out; ``app_sign_in_screen`` (when the driver first saw the screen),
``app_press_to_painted_queue`` (the argon2 work left out), ``app_waited_for_database`` (how
long after TYPING the press still had to wait for the database; 0 when it was open in time).
With TYPING 0 the press comes as soon as the database is open: the whole start in series.
"""

from __future__ import annotations

import json
import os
import sys
import time

SPAWNED = float(os.environ["BENCH_SPAWNED"])

# isort: off
from desktop.cli import main  # noqa: E402  (the entry point's order: before PySide6)
from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402
import desktop.keys.passwords as passwords  # noqa: E402
# isort: on

HOME, URL, TYPING = sys.argv[1], sys.argv[2], float(sys.argv[3])
ARGON2 = [0.0]


def timed_argon2(work):  # type: ignore[no-untyped-def]
    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        began = time.monotonic()
        try:
            return work(*args, **kwargs)
        finally:
            ARGON2[0] += time.monotonic() - began
    return run


passwords.verify_password = timed_argon2(passwords.verify_password)
passwords.derive_key = timed_argon2(passwords.derive_key)
import desktop.keys.sealing as sealing  # noqa: E402  (it holds its own name for derive_key)

sealing.derive_key = passwords.derive_key
# auth takes verify_password by name when it is imported (on the database worker, later):
if "desktop.services.auth" in sys.modules:
    raise SystemExit("desktop.services.auth was imported before the argon2 timer")


class QueuePainted(QObject):
    """Reports and ends the process at the table's first paint with rows."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        window.table.viewport().installEventFilter(self)  # type: ignore[attr-defined]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.window.model.rowCount() > 0:  # type: ignore[attr-defined]
            at = time.monotonic()
            pressed, screen = PRESSED[0], SCREEN[0]
            print(json.dumps({
                "app_start_to_painted_queue": at - SPAWNED - TYPING - ARGON2[0],
                "app_sign_in_screen": screen - SPAWNED,
                "app_press_to_painted_queue": at - pressed - ARGON2[0],
                "app_waited_for_database": max(0.0, pressed - screen - TYPING),
                "app_argon2": ARGON2[0]}))
            sys.stdout.flush()
            os._exit(0)
        return False


SCREEN: list[float] = []
PRESSED: list[float] = []
WATCHERS: list[QueuePainted] = []


def drive() -> None:
    for widget in QApplication.topLevelWidgets():
        name = widget.objectName()
        if name == "lockScreen" and widget.isVisible() and not PRESSED:
            if not SCREEN:
                SCREEN.append(time.monotonic())
            form = widget.form  # type: ignore[attr-defined]
            if form.opening or time.monotonic() - SCREEN[0] < TYPING:
                return
            form.username.setText("web")
            form.password.setText("web-pass-1")
            PRESSED.append(time.monotonic())
            form.button.click()
        elif name == "mainWindow" and not WATCHERS:
            widget.tabs.setCurrentWidget(widget.queue_page)  # type: ignore[attr-defined]
            WATCHERS.append(QueuePainted(widget))
            POLL.stop()


app = QApplication(sys.argv[:1])
POLL = QTimer()
POLL.timeout.connect(drive)
POLL.start(5)
QTimer.singleShot(300_000, lambda: os._exit(3))
sys.argv[1:] = ["--home", HOME, "--database", URL]
main()
