"""``webdesk --self-test``: does this installation work?  (Run in the built bundle by CI.)

Runs the headless tour (embedded SFTP and web servers, a real publish and takedown) on a
temporary profile, then opens the main window offscreen on that profile as the webmaster,
waits until it has painted and shows the request, and closes.  Exit 0 only if all of it
worked; the temporary profile is removed either way.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

T = TypeVar("T")
WAIT_MS = 120_000


def run_self_test(out: TextIO) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.services.demo_tour import run_tour
    from desktop.ui.fonts import apply_app_font
    from desktop.ui.i18n import install_translator
    from desktop.ui.none_refcount import guard

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    guard(app)                  # PySide6 6.12 on Python 3.11: see desktop/ui/none_refcount.py
    apply_app_font(app)
    install_translator("th")
    with tempfile.TemporaryDirectory(prefix="webdesk-self-test-") as folder:
        if not run_tour(out, Path(folder)):
            return 1
        printed = _print_the_form(Path(folder) / "profile", out)
        shown = _open_main_window(Path(folder) / "profile", out)
        from desktop.ui.tasks import task_runner

        task_runner().shutdown()        # the window's last jobs end before its profile goes
    if shown and printed:
        print("\nself-test: OK / ทดสอบตัวเอง: ผ่าน", file=out, flush=True)
        return 0
    print("\nself-test: FAILED / ทดสอบตัวเอง: ไม่ผ่าน", file=out, flush=True)
    return 1


def _open_main_window(profile: Path, out: TextIO) -> bool:
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QAbstractItemView

    from desktop.paths import AppPaths
    from desktop.services.context import AppContext
    from desktop.services.demo_tour import TITLE, TOUR_USERS
    from desktop.services.user_session import UserSession
    from desktop.ui.main_window import MainWindow

    ctx = AppContext.open(AppPaths.resolve(profile), lang="th")
    try:
        name, password = TOUR_USERS[1][0], TOUR_USERS[1][1]
        session = _off_gui_thread(lambda: UserSession.sign_in(ctx, name, password))
        window = MainWindow(session, "th")
        window.resize(1366, 768)
        window.show()

        def shows_the_request() -> bool:
            for view in window.findChildren(QAbstractItemView):
                model = view.model()
                if model is None:
                    continue
                top = QModelIndex()
                try:
                    columns = model.columnCount(top)
                except TypeError:       # a list model keeps columnCount private: one column
                    columns = 1
                for row in range(min(model.rowCount(top), 200)):
                    for column in range(columns):
                        if TITLE in str(model.index(row, column).data() or ""):
                            return True
            return False

        _wait_until(lambda: window.isVisible() and shows_the_request())
        painted = not window.grab().toImage().isNull()
        shown = shows_the_request()
        print(f"\n[self-test] main window at {window.width()}×{window.height()} offscreen, "
              f"painted: {painted}; the published and taken-down request is listed: {shown}\n"
              f"            หน้าต่างหลักแสดงคำขอที่เพิ่งเผยแพร่และนำลง: "
              f"{'ใช่' if shown else 'ไม่พบ'}", file=out, flush=True)
        feed = window.live.feed
        window.close()              # kept referenced until the runner is idle: a widget freed
        window.live.stop()
        if feed is not None:        # its thread's SQLite connection must be closed before the
            feed.stop()             # profile goes (Windows cannot delete an open file)
        _off_gui_thread(lambda: session.end("self_test"))   # on its thread would crash Qt
        return painted and shown
    finally:
        ctx.close()


def _print_the_form(profile: Path, out: TextIO) -> bool:
    """The official request form (Thai word breaking, Sarabun) as PDF, off the GUI thread."""
    from desktop.paths import AppPaths
    from desktop.services.context import AppContext
    from desktop.services.official_form import request_form_pdf

    ctx = AppContext.open(AppPaths.resolve(profile), lang="th")
    try:
        pdf = _off_gui_thread(lambda: request_form_pdf(ctx, 1))
    finally:
        ctx.close()
    ok = pdf.startswith(b"%PDF") and len(pdf) > 10_000
    print(f"[self-test] the official request form: {len(pdf)} bytes of PDF\n"
          f"            พิมพ์แบบฟอร์มคำขอเผยแพร่: {'ได้' if ok else 'ไม่ได้'}", file=out, flush=True)
    return ok


def _off_gui_thread(fn: Callable[[], T]) -> T:
    """Run ``fn`` on the app's database worker and wait for it (the event loop keeps going)."""
    import gc

    from desktop.ui.tasks import TaskFailure, task_runner

    gc.collect()        # garbage is freed here, on the GUI thread, not by the worker's GC run
    result: list[T] = []
    failure: list[TaskFailure] = []
    task_runner().database(fn, result.append, failure.append)
    _wait_until(lambda: bool(result or failure))
    if failure:
        raise failure[0].error
    if not result:
        raise TimeoutError("the database worker did not answer")
    return result[0]


def _wait_until(condition: Callable[[], bool]) -> None:
    """Let Qt deliver events until ``condition`` holds (at most WAIT_MS).

    Through a QEventLoop instance: PySide6 6.12's static QCoreApplication.processEvents
    loses a reference to None per call on Python 3.11 (see NOTES), this one does not."""
    from PySide6.QtCore import QDeadlineTimer, QEventLoop

    loop = QEventLoop()
    deadline = QDeadlineTimer(WAIT_MS)
    while not condition() and not deadline.hasExpired():
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
