"""Cold start: `webdesk --version`, and the app's window to first paint, against bare baselines
measured in the same run (each a new process; the median of ROUNDS, the cases taking turns).

    .venv/bin/python tests/bench/bench_start.py [ROUNDS]

- version: `webdesk --version` vs `python -c pass`.
- app_window: `webdesk` (the real start) until its first window paints — the "Starting…"
  window it shows at once, before the database opens — vs a bare PySide6 "hello window"
  (QApplication + one QLabel) until it paints.  Target: ratio <= 1.5.
- sign_in_window: the same start until the sign-in screen paints (profile and database open,
  schema checked), vs the same hello window.
- main_window: the main window of a signed-in webmaster until it paints (the sign-in's
  password hash is measured apart and left out), vs the same hello window.

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

FIRST_PAINT = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and getattr(watched, "isWindow", lambda: False)():
            sys.stdout.write(f"painted {os.environ.get('BENCH_EXCLUDE', '0')}\n")
            sys.stdout.flush()
            os._exit(0)
        return False

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

APP_WINDOW = FIRST_PAINT + r"""
from desktop.cli import main
main(["--home", sys.argv[1]])
"""

# The same start, until the sign-in screen itself paints (the "Starting…" window that the
# first paint above catches comes before it, while the database opens).
SIGN_IN_WINDOW = FIRST_PAINT.replace(
    'getattr(watched, "isWindow", lambda: False)()',
    'getattr(watched, "objectName", lambda: "")() == "lockScreen"') + r"""
from desktop.cli import main
main(["--home", sys.argv[1]])
"""

MAIN_WINDOW = FIRST_PAINT + r"""
from desktop.ui.feature_scan import skip_source_scan
skip_source_scan()                  # as run_gui does right after importing PySide6
from desktop.paths import AppPaths
from desktop.services.context import AppContext
from desktop.services.user_session import UserSession
ctx = AppContext.open(AppPaths.resolve(sys.argv[1]))
before = time.perf_counter()
session = UserSession.sign_in(ctx, "somchai", "somchai-demo-1")
os.environ["BENCH_EXCLUDE"] = str(time.perf_counter() - before)
from desktop.ui.main_window import MainWindow
window = MainWindow(session, "th")
window.resize(1366, 768)
window.show()
app.exec()
"""


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


def _paint_seconds(script: str, *args: str) -> float:
    """Process start to the first paint of a window (the child exits right there), less what
    the child says to leave out (a password hash)."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, *args], env=_env(), cwd=ROOT,
                          check=True, capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - started
    return wall - float(done.stdout.split("painted ")[1].split()[0])


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
        "main_window": lambda: _paint_seconds(MAIN_WINDOW, str(profile)),
    })
    python_s, version_s, hello_s = medians["python"], medians["version"], medians["hello"]
    app_window_s, main_window_s = medians["app_window"], medians["main_window"]
    sign_in_s = medians["sign_in_window"]
    result = {
        "bench": "start",
        "metrics": {"python_s": round(python_s, 3), "version_s": round(version_s, 3),
                    "hello_window_s": round(hello_s, 3),
                    "app_window_s": round(app_window_s, 3),
                    "sign_in_window_s": round(sign_in_s, 3),
                    "main_window_s": round(main_window_s, 3), "rounds": ROUNDS},
        "ratios": {"version_vs_python": round(version_s / python_s, 2),
                   "app_window_vs_hello": round(app_window_s / hello_s, 2),
                   "sign_in_window_vs_hello": round(sign_in_s / hello_s, 2),
                   "main_window_vs_hello": round(main_window_s / hello_s, 2)},
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
