"""The start that paints the queue before the database layer (desktop/services/early_start.py).

The real start (`webdesk --home DIR`, a process of its own, offscreen) with Sign in pressed
the moment the sign-in screen can sign in: the queue's first page paints with SQLAlchemy not
yet imported and the sign-in not yet audited; then the audited sign-in is written as the first
database job, and the page is loaded again through the database layer.  In the test process:
an account disabled between the early password check and the audited sign-in closes the
window, and the sign-in screen says why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from desktop.domain.messages import message_text
from desktop.paths import AppPaths
from desktop.services import users
from desktop.services.context import AppContext
from desktop.services.early_start import open_early
from desktop.services.user_session import UserSession
from desktop.services.workstation import WorkstationSettings
from desktop.ui.i18n import install_translator
from desktop.ui.session import SessionController

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, os, sqlite3, sys
from desktop.cli import main              # first, as the webdesk entry point
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import desktop.ui.queue_view as queue_view
import desktop.ui.startup as startup

HOME, DATABASE, USER, PASSWORD = sys.argv[1:5]
startup.WARM_UP_DELAY_MS = 600_000   # (no warm-up while the driver is slow to press)
seen = {"early_pages": []}
early_page = queue_view.first_page_early


def watched_early_page(*args):
    # on the database worker, in the order of its jobs: was the layer loaded when it read?
    loaded = "sqlalchemy" in sys.modules
    page = early_page(*args)
    if page is not None:
        seen["early_pages"].append({"layer_loaded": loaded, "rows": len(page[0])})
    return page


queue_view.first_page_early = watched_early_page


def sign_ins():
    with sqlite3.connect(DATABASE) as connection:
        return connection.execute("SELECT count(*) FROM audit_log WHERE actor_name = ? AND "
                                  "action = 'sign_in'", (USER,)).fetchone()[0]


def drive():
    for widget in QApplication.topLevelWidgets():
        name = widget.objectName()
        if name == "lockScreen" and widget.isVisible() and "pressed" not in seen:
            if widget.form.opening:
                return
            seen["sign_ins_before"] = sign_ins()
            widget.form.username.setText(USER)
            widget.form.password.setText(PASSWORD)
            seen["pressed"] = True
            widget.form.button.click()
        elif name == "mainWindow" and not widget.session.unrecorded:
            awaiting = [row.waiting_for.th for row in widget.model._rows
                        if row.state.value == "awaiting_approval"]
            if awaiting and all(awaiting):    # the page loaded again after the record
                seen["sign_ins_after"] = sign_ins()
                seen["waiting_for"] = sorted(set(awaiting))
                seen["layer_now"] = "sqlalchemy" in sys.modules
                print(json.dumps(seen), flush=True)
                os._exit(0)


app = QApplication(sys.argv[:1])
poll = QTimer()
poll.timeout.connect(drive)
poll.start(5)
QTimer.singleShot(120_000, lambda: os._exit(3))
sys.argv[1:] = ["--home", HOME]
main()
"""


def test_the_queue_paints_before_the_database_layer_then_the_sign_in_is_audited(
        demo_template: Path, tmp_path: Path) -> None:
    home = tmp_path / "profile"
    shutil.copytree(demo_template, home)
    database = AppPaths.resolve(home).database_url.split("///", 1)[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "WEBDESK_LIVE_UPDATES": "0"}
    env.pop("WEBDESK_HOME", None)
    done = subprocess.run([sys.executable, "-c", PROBE, str(home), database, "somchai",
                           "somchai-demo-1"], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    # the first page was read before the database layer was loaded (and that was the page
    # shown: the later loads went through the layer)
    assert seen["early_pages"] == [{"layer_loaded": False, "rows": seen["early_pages"][0]["rows"]}]
    assert seen["early_pages"][0]["rows"] > 0
    # then the audited sign-in, and the page again through the layer, which says whose
    # signature each awaiting request waits for
    assert seen["sign_ins_after"] == seen["sign_ins_before"] + 1
    assert seen["layer_now"] is True
    assert seen["waiting_for"] and all(seen["waiting_for"]), seen["waiting_for"]


def test_an_account_disabled_in_between_closes_the_window_and_says_why(
        qtbot, demo_ctx: AppContext) -> None:  # noqa: ANN001
    early = open_early(demo_ctx.paths)
    assert early is not None
    install_translator("th")
    controller = SessionController(early, "th", WorkstationSettings(shared_pc=False))
    try:
        session = UserSession.sign_in(early, "somchai", "somchai-demo-1")
        assert session.unrecorded
        admin = UserSession.sign_in(demo_ctx, "admin", "admin-demo-1").user
        users.disable_user(demo_ctx, admin, "admin-demo-1", "somchai")
        with qtbot.waitSignal(controller.locked, timeout=60_000) as locked:
            window = controller.open_window(session)
        assert locked.args == ["refused"]
        assert controller.window is None and not window.isVisible()
        screen = controller.lock_screen
        assert screen is not None and screen.isVisible()
        assert screen.form.message.text() == message_text("account_disabled", "th")
        assert screen.form.username.text() == "somchai" and screen.form.password.text() == ""
        assert session.ended
    finally:
        controller.shutdown()
        from desktop.ui.tasks import task_runner

        qtbot.waitUntil(lambda: task_runner().running() == 0, timeout=60_000)
        early.close()
        install_translator("en")
