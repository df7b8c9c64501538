"""The sign-in screen paints before the database is open (issue 14's start): people type while
it opens; Sign in pressed meanwhile keeps what they typed and signs them in once it is open.
The real start (`webdesk`, a process of its own): the first-run wizard on an empty database and
a database that cannot be opened come after the sign-in screen, said in a box, never a freeze
or a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from desktop.paths import AppPaths
from desktop.services.workstation import WorkstationSettings
from desktop.ui.i18n import install_translator
from desktop.ui.session import SessionController
from desktop.ui.startup import ProfileOpener

ROOT = Path(__file__).resolve().parents[2]


def test_sign_in_pressed_while_the_database_opens(qtbot, demo_template: Path,  # noqa: ANN001
                                                  tmp_path: Path) -> None:
    home = tmp_path / "profile"
    shutil.copytree(demo_template, home)
    paths = AppPaths.resolve(home)
    install_translator("th")
    controller = SessionController(None, "th", WorkstationSettings(shared_pc=False),
                                   paths=paths)
    opener = ProfileOpener(controller, paths)
    try:
        screen = controller.show_lock_screen()
        form = screen.form
        assert form.opening and form.status.isVisible()
        assert form.status.text() == "กำลังเปิดฐานข้อมูล…"
        form.username.setText("somchai")
        form.password.setText("somchai-demo-1")
        form.button.click()                     # before the database is open
        assert form.waiting_for_database and not form.button.isEnabled()
        assert form.username.text() == "somchai" and form.password.text() == "somchai-demo-1"
        assert "ทันทีที่เปิดเสร็จ" in form.status.text()
        with qtbot.waitSignal(controller.window_opened, timeout=60_000) as opened:
            opener.start()
        window = opened.args[0]
        assert window.user.username == "somchai"
        assert controller.ctx is opener.ctx and not form.opening
        assert not form.status.isVisibleTo(screen) and not screen.isVisible()
    finally:
        controller.shutdown()
        from desktop.ui.tasks import task_runner

        qtbot.waitUntil(lambda: task_runner().running() == 0, timeout=60_000)
        opener.close()
        install_translator("en")


# The real start in a process of its own: it says whether the database was still opening at
# the sign-in screen's first paint, and a timer answers what the app shows next (and says
# what it saw) so the run ends by itself.
DRIVER = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

app = QApplication(sys.argv[:1])

class FirstPaint(QObject):
    # At the sign-in screen's first paint (the database worker starts only after it).
    def eventFilter(self, watched, event):
        if (event.type() == QEvent.Type.Paint and watched.objectName() == "lockScreen"
                and not self.seen):
            self.seen = True
            print("sign-in screen, database opening:", watched.form.opening, flush=True)
            if "--quit-at-once" in sys.argv:
                QTimer.singleShot(0, watched.quit_button.click)
        return False

first_paint = FirstPaint()
first_paint.seen = False
app.installEventFilter(first_paint)

def answer():
    for widget in app.topLevelWidgets():
        if not widget.isVisible():
            continue
        if isinstance(widget, QMessageBox):
            print("box:", widget.text(), flush=True)
            widget.accept()
        elif isinstance(widget, QWizard):
            print("wizard:", widget.objectName(), "sign-in screen hidden:",
                  not any(w.objectName() == "lockScreen" and w.isVisible()
                          for w in app.topLevelWidgets()), flush=True)
            widget.reject()

timer = QTimer()
timer.timeout.connect(answer)
timer.start(20)
from desktop.cli import main
sys.exit(main([a for a in sys.argv[1:] if a != "--quit-at-once"]))
"""


def _start(*args: str, temp: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
           "WEBDESK_LANG": "en"}
    if temp is not None:
        env["TMPDIR"] = str(temp)
    env.pop("WEBDESK_HOME", None)
    env.pop("WEBDESK_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-c", DRIVER, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=False)


def test_an_unusable_database_is_said_after_the_sign_in_screen(tmp_path: Path) -> None:
    done = _start("--home", str(tmp_path / "home"), "--database", "mysql://nobody@nowhere/x")
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "sign-in screen, database opening: True"
    assert lines[1].startswith("box:") and "mysql" in lines[1]
    assert "Traceback" not in done.stderr


def test_an_empty_database_gets_the_first_run_wizard(tmp_path: Path) -> None:
    done = _start("--home", str(tmp_path / "home"))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == ["sign-in screen, database opening: True",
                                        "wizard: firstRunWizard sign-in screen hidden: True"]
    assert "Traceback" not in done.stderr


def test_a_start_removes_preview_copies_a_killed_webdesk_left(tmp_path: Path) -> None:
    """The page preview copies a request's files into a scratch folder named after its
    process; one left by a process that was killed goes at the next start — and only that."""
    temp = tmp_path / "temp"
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    stale = temp / f"webdesk-page-{ended.pid}-k9x"
    (stale / "page" / "files").mkdir(parents=True)
    (stale / "page" / "index.html").write_text("<h1>ร่างประกาศ</h1>", encoding="utf-8")
    alive = temp / f"webdesk-page-{os.getpid()}-live"      # this test's process runs
    alive.mkdir()
    done = _start("--home", str(tmp_path / "home"), temp=temp)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not stale.exists() and alive.is_dir()
    assert "Traceback" not in done.stderr


def test_what_paints_the_sign_in_screen_imports_no_database_layer() -> None:
    """The modules run_gui needs up to the sign-in screen's first paint, in a new process:
    no SQLAlchemy, no models, no services.context, no main window (those come after)."""
    probe = ("import sys\n"
             "import desktop.cli, desktop.ui.app, desktop.ui.session, desktop.ui.startup\n"
             "import desktop.ui.geometry, desktop.ui.errors, desktop.logging_setup\n"
             "heavy = ('sqlalchemy', 'desktop.store', 'desktop.services.context',\n"
             "         'desktop.services.user_session', 'desktop.ui.main_window', 'argon2')\n"
             "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", probe], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_the_main_window_says_loading_until_its_first_page_arrives(qtbot, demo_ctx) -> None:  # noqa: ANN001
    """It paints its frame at once; the status bar does not claim "0 of 0 requests" then."""
    from desktop.ui.main_window import MainWindow
    from tests.ui.conftest import session_for

    window = MainWindow(session_for(demo_ctx, "somchai"), "en")
    qtbot.addWidget(window)
    assert window.count_label.text() == "Loading the requests…"   # no result before the loop
    with qtbot.waitSignal(window.queue_loaded, timeout=20_000):
        window.show()
    assert window.count_label.text().endswith(
        f"{window.model.rowCount()} of {window.model.total} requests")
    assert window.model.rowCount() > 0


def test_quit_while_the_database_opens(demo_template: Path, tmp_path: Path) -> None:
    """Quit pressed on the sign-in screen before the database is open: the app waits for the
    open to end, closes it and exits 0 (no traceback, nothing left running)."""
    home = tmp_path / "profile"
    shutil.copytree(demo_template, home)
    done = _start("--home", str(home), "--quit-at-once")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == ["sign-in screen, database opening: True"]
    assert "Traceback" not in done.stderr


def test_a_profile_that_cannot_hold_its_log_is_said_after_the_sign_in_screen(
        tmp_path: Path) -> None:
    """The log file opens after the first paint (desktop/ui/startup.py): when it cannot be
    opened the app still says so in a box and ends with exit code 2, before any database."""
    home = tmp_path / "home"
    (home / "logs" / "webdesk.log").mkdir(parents=True)       # a folder where the log goes
    done = _start("--home", str(home))
    assert done.returncode == 2, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "sign-in screen, database opening: True"
    assert lines[1].startswith(f"box: {home}: ") and len(lines[1]) > len(f"box: {home}: ")
    assert (home / "webdesk.sqlite3").stat().st_size == 0      # never opened
    assert "Traceback" not in done.stderr
