"""Cold start: `webdesk --version`, and the app's windows to first paint, against bare baselines
measured in the same run (each a new process; the median of ROUNDS, the cases taking turns).

    .venv/bin/python tests/bench/bench_start.py [ROUNDS]

Every app case is the real start, `webdesk --home PROFILE` (desktop.cli.main -> ui/app.run_gui)
on a seeded demo profile (SQLite), timed from the process's spawn:

- version: `webdesk --version` vs `python -c pass`.
- hello: the baseline, a bare PySide6 "hello window" (QApplication + one QLabel, 1366x768)
  until it paints.
- app_window: until the app's first window paints.  That window is the real sign-in screen
  (there is no splash: it paints before the database layer is imported; the database opens
  behind it).  Target: ratio to hello <= 1.5.
- sign_in_window: until the sign-in screen itself (objectName ``lockScreen``) paints (the
  same window as app_window today; kept apart so a splash coming back would show).
- sign_in_ready: until the sign-in screen has the open database (profile opened, schema
  checked on the database worker): from then on Sign in signs in at once.
- main_window: the whole way to work: the driver types the demo webmaster's name and password
  into the sign-in screen the moment it shows and presses Sign in (so the sign-in waits for the
  database), until the main window (objectName ``mainWindow``) first paints — its frame, tabs
  and loading state; the rows arrive after (bench_scale.py times the painted queue).  The
  argon2 password check (desktop.keys.passwords.verify_password) is timed in the child and
  left out: it is a deliberate cost, the same on every PC.
- after_sign_in: what a person waits for after pressing Sign in: the driver waits until the
  database is open and then 1 s more (someone typing), presses Sign in, and times from the
  press to the main window's first paint, the password check left out.  (Not from spawn:
  compare it with hello only as an order of magnitude.)

Offscreen (QT_QPA_PLATFORM=offscreen) so it runs anywhere; the last line is the JSON.
The app's bytecode is compiled first (an installed app has it: pip and PyInstaller compile
it), so a PYTHONDONTWRITEBYTECODE environment does not time the compiler instead.
"""

from __future__ import annotations

import compileall
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
ROUNDS = int(sys.argv[1]) if len(sys.argv) > 1 else 5

# The child: says "painted SECONDS_TO_LEAVE_OUT" and ends at the first paint of the window
# that ``wanted(widget)`` picks (any window by default).
FIRST_PAINT = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

EXCLUDED = [0.0]
wanted = lambda widget: widget.isWindow()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) and wanted(watched):
            sys.stdout.write(f"painted {EXCLUDED[0]} {time.perf_counter()}\n")
            sys.stdout.flush()
            os._exit(0)
        return False

from PySide6.QtWidgets import QWidget
app = QApplication(sys.argv[:1])
watcher = FirstPaint()
app.installEventFilter(watcher)
"""

HELLO = FIRST_PAINT + r"""
from PySide6.QtWidgets import QLabel
label = QLabel("สวัสดี WebDesk")
label.resize(1366, 768)
label.show()
app.exec()
"""

START = r"""
from desktop.cli import main
main(["--home", sys.argv[1]])
"""

APP_WINDOW = FIRST_PAINT + START

SIGN_IN_WINDOW = FIRST_PAINT + r"""
wanted = lambda widget: widget.objectName() == "lockScreen"
""" + START

# Polls (every 5 ms) for the sign-in screen and reports when its form has the open database.
SIGN_IN_READY = FIRST_PAINT + r"""
from PySide6.QtCore import QTimer

wanted = lambda widget: False       # no paint ends this one: the poll does

def ready():
    for widget in app.topLevelWidgets():
        if widget.objectName() == "lockScreen" and not widget.form.opening:
            sys.stdout.write(f"painted 0.0 {time.perf_counter()}\n")
            sys.stdout.flush()
            os._exit(0)

poll = QTimer()
poll.timeout.connect(ready)
poll.start(5)
""" + START

# The password check timed and left out; the driver signs the webmaster in.  AFTER_TYPING
# None: at once (the whole start); else seconds to wait once the database is open.
SIGN_IN_DRIVER = r"""
import desktop.keys.passwords as passwords
from PySide6.QtCore import QTimer

checking = passwords.verify_password

def timed_check(*args, **kwargs):
    began = time.perf_counter()
    try:
        return checking(*args, **kwargs)
    finally:
        EXCLUDED[0] += time.perf_counter() - began

passwords.verify_password = timed_check
wanted = lambda widget: widget.objectName() == "mainWindow"
PRESSED = []

def sign_in():
    for widget in app.topLevelWidgets():
        if widget.objectName() == "lockScreen" and widget.isVisible() and not PRESSED:
            if AFTER_TYPING is not None and widget.form.opening:
                return
            if AFTER_TYPING is not None and not READY:
                READY.append(time.perf_counter())
            if AFTER_TYPING is not None and time.perf_counter() - READY[0] < AFTER_TYPING:
                return
            widget.form.username.setText("somchai")
            widget.form.password.setText("somchai-demo-1")
            PRESSED.append(time.perf_counter())
            sys.stderr.write(f"pressed {PRESSED[0]}\n")
            widget.form.button.click()

READY = []
poll = QTimer()
poll.timeout.connect(sign_in)
poll.start(5)
"""

MAIN_WINDOW = FIRST_PAINT + "AFTER_TYPING = None\n" + SIGN_IN_DRIVER + START
AFTER_SIGN_IN = FIRST_PAINT + "AFTER_TYPING = 1.0\n" + SIGN_IN_DRIVER + START


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    env.pop("WEBDESK_HOME", None)
    return env


def _process_seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=_env(), cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - started


def _run_child(script: str, *args: str) -> tuple[float, float, float, str]:
    """(spawn time, the child's "painted" line: seconds to leave out, its clock at the
    paint) and its stderr."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, *args], env=_env(), cwd=ROOT,
                          check=True, capture_output=True, text=True, timeout=300)
    excluded, at = done.stdout.split("painted ")[1].split()[:2]
    return started, float(excluded), float(at), done.stderr


def _paint_seconds(script: str, *args: str) -> float:
    """Process spawn to the first paint of the wanted window (the child exits right there),
    less what the child says to leave out (a password check).  perf_counter is
    CLOCK_MONOTONIC on Linux: the parent's and the child's readings compare."""
    started, excluded, at, _err = _run_child(script, *args)
    return at - started - excluded


def _after_press_seconds(script: str, *args: str) -> float:
    """From the child's press of Sign in to the main window's first paint, less the check."""
    _started, excluded, at, err = _run_child(script, *args)
    pressed = float(err.split("pressed ")[1].split()[0])
    return at - pressed - excluded


def _interleaved(cases: dict[str, Callable[[], float]]) -> dict[str, float]:
    """The median of ROUNDS runs of each case, the cases taking turns round by round, so a
    change of load on the machine falls on the baseline and on the app alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(ROUNDS):
        for name, measure in cases.items():
            times[name].append(measure())
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    from desktop.paths import AppPaths
    from desktop.services.context import AppContext
    from desktop.services.demo import seed_demo

    compileall.compile_dir(str(ROOT / "desktop"), quiet=1)
    profile = Path(tempfile.mkdtemp(prefix="webdesk-bench-start-"))
    ctx = AppContext.open(AppPaths.resolve(profile))
    seed_demo(ctx, io.StringIO())
    ctx.close()
    webdesk = str(Path(sys.executable).parent / "webdesk")

    medians = _interleaved({
        "python": lambda: _process_seconds([sys.executable, "-c", "pass"]),
        "version": lambda: _process_seconds([webdesk, "--version"]),
        "hello": lambda: _paint_seconds(HELLO),
        "app_window": lambda: _paint_seconds(APP_WINDOW, str(profile)),
        "sign_in_window": lambda: _paint_seconds(SIGN_IN_WINDOW, str(profile)),
        "sign_in_ready": lambda: _paint_seconds(SIGN_IN_READY, str(profile)),
        "main_window": lambda: _paint_seconds(MAIN_WINDOW, str(profile)),
        "after_sign_in": lambda: _after_press_seconds(AFTER_SIGN_IN, str(profile)),
    })
    hello_s = medians["hello"]
    result = {
        "bench": "start",
        "metrics": {**{f"{name}_s": round(value, 3) for name, value in medians.items()},
                    "rounds": ROUNDS},
        "ratios": {"version_vs_python": round(medians["version"] / medians["python"], 2),
                   **{f"{name}_vs_hello": round(medians[name] / hello_s, 2)
                      for name in ("app_window", "sign_in_window", "sign_in_ready",
                                   "main_window", "after_sign_in")}},
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
