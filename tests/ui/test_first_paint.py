"""What the app does before the sign-in screen's first paint (issue 14: that paint within 1.5x
a bare PySide6 window, tests/bench/bench_start.py).

The real start (`webdesk --home DIR`, a process of its own, offscreen) stops at that paint and
says what had happened by then: PySide6's ``Qt`` namespace untouched (reading it builds ~90
Python enums, a third of the app's own cost to that paint), and none of the modules that are
only needed later imported.  Then, painted as it is, the screen keeps its look: the labels
centred by its style sheet, the styled background, Thai in Sarabun.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

WATCHER = r"""
import gc, json, os, sys, traceback
from desktop.cli import main              # first, as the webdesk entry point
import PySide6.QtCore as qtcore
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

LATER = ("socket", "logging.handlers", "platformdirs", "locale", "desktop.ui.tasks",
         "desktop.cli.common", "desktop.cli.arguments", "desktop.cli.demo", "sqlalchemy",
         "desktop.store", "desktop.services.context", "desktop.ui.main_window")

class FirstPaint(QObject):
    painted = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget) \
                and watched.objectName() == "lockScreen" and not self.painted:
            self.painted = True             # grab() below paints it again
            try:
                report(watched)
            except BaseException:
                traceback.print_exc()
                os._exit(1)
            os._exit(0)
        return False


def report(screen):
    seen = {"qt_namespace_read": "Qt" in qtcore.__dict__,
            "imported": sorted(m for m in sys.modules if m.startswith(LATER)),
            "collector_paused": not gc.isenabled(),
            "qicon_class_made": "QIcon" in sys.modules["PySide6.QtGui"].__dict__}
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QFontInfo

    heading = screen.heading
    seen.update(
        heading=heading.text(),
        centred=[bool(label.alignment() & Qt.AlignmentFlag.AlignHCenter)
                 for label in (heading, screen.hint, screen.station)],
        styled_background=screen.testAttribute(Qt.WidgetAttribute.WA_StyledBackground),
        heading_font=QFontInfo(heading.font()).family(),
        heading_bold=heading.font().weight() >= 600,
        geometry=list(screen.geometry().getRect()),
        language_icon=not screen.language_button.icon().isNull(),
        button_right=screen.form.button.geometry().right()
                     >= screen.form.password.geometry().right() - 1,
        background=screen.grab().toImage().pixelColor(2, 2).name())
    sys.stdout.write(json.dumps(seen, ensure_ascii=False) + "\n")
    sys.stdout.flush()


app = QApplication(sys.argv[:1])
watcher = FirstPaint()
app.installEventFilter(watcher)
sys.argv[1:] = ["--home", sys.argv[1], "--lang", "th"]
main()
"""


def test_the_sign_in_screen_paints_before_anything_it_does_not_need(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    for name in ("WEBDESK_HOME", "WEBDESK_DATABASE_URL", "WEBDESK_LANG"):
        env.pop(name, None)
    home = tmp_path / "profile"
    home.mkdir()
    (home / "settings.json").write_text(json.dumps(      # where it was last time, on this PC
        {"window_geometry": {"lockScreen": [10, 20, 700, 600]}}), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", WATCHER, str(home)], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["qt_namespace_read"] is False
    assert seen["collector_paused"] is True          # until this paint (desktop/ui/app.py)
    assert seen["qicon_class_made"] is False         # the icon comes with the style sheet
    assert seen["language_icon"] is True
    assert seen["imported"] == []
    assert seen["heading"] == "เข้าสู่ระบบ WebDesk"
    assert seen["centred"] == [True, True, True]
    assert seen["styled_background"] is True        # QFrame + the sheet's background rule
    assert seen["background"] == "#e8eef5"
    assert seen["heading_font"] == "Sarabun" and seen["heading_bold"]
    assert seen["button_right"]
    assert seen["geometry"] == [10, 20, 700, 600]     # placed before it showed


def test_the_computer_name_is_the_one_the_context_records() -> None:
    """The sign-in screen names the workstation before the database is open without importing
    socket; it is the name AppContext.workstation (socket.gethostname) records."""
    import socket

    from desktop.ui.lock_screen import computer_name

    assert computer_name() == socket.gethostname()


RESUMED = r"""
import gc, os, sys
from desktop.cli import main
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])

def opened():
    # the database is open (or the first-run wizard is up): long after the first paint
    screens = [w for w in app.topLevelWidgets() if w.objectName() == "lockScreen"]
    if screens and not screens[0].form.opening or any(
            w.objectName() == "firstRunWizard" for w in app.topLevelWidgets()):
        from desktop.ui.collector import GuiThreadCollector
        collectors = app.findChildren(GuiThreadCollector)
        print("collector running on the GUI thread:", not gc.isenabled()
              and [c.running for c in collectors] == [True], flush=True)
        settings = os.path.join(sys.argv[2], "settings.json")   # the wizard hid the screen:
        remembered = open(settings, encoding="utf-8").read() if os.path.exists(settings) else ""
        print("sign-in screen's place remembered:", "lockScreen" in remembered, flush=True)
        os._exit(0)

poll = QTimer()
poll.timeout.connect(opened)
poll.start(20)
sys.argv[1:] = ["--home", sys.argv[1], sys.argv[1]]
main(sys.argv[1:3])
"""


def test_the_collector_and_the_geometry_keeper_run_after_the_first_paint(tmp_path: Path
                                                                        ) -> None:
    """Both wait for that paint (desktop/ui/app.py), then work: the collector runs (from the
    GUI thread's timer only, ui/collector.py), and the keeper remembers where the sign-in
    screen was when the first-run wizard hides it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    for name in ("WEBDESK_HOME", "WEBDESK_DATABASE_URL"):
        env.pop(name, None)
    done = subprocess.run([sys.executable, "-c", RESUMED, str(tmp_path / "profile")], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.splitlines() == ["collector running on the GUI thread: True",
                                        "sign-in screen's place remembered: True"]
