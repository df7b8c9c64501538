"""Starting the GUI: display check, fonts, language, exception hook, profile, sign-in."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.paths import AppPaths

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QWidget

    from desktop.ui.collector import GuiThreadCollector

NO_DISPLAY = (
    "ไม่พบหน้าจอแสดงผล (DISPLAY) — ติดตั้ง WebDesk เรียบร้อยแล้ว กรุณาเปิดโปรแกรมจากเดสก์ท็อป "
    "หรือใช้คำสั่งแบบไม่มีหน้าจอ เช่น `webdesk --help`\n"
    "No display found (DISPLAY is not set). WebDesk is installed: start it from a desktop "
    "session, or use the headless commands (see `webdesk --help`)."
)


def has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(paths: AppPaths, lang: str, *,
            notice: Callable[[], QWidget] | None = None) -> int:
    """The app until it quits.  ``notice`` makes a widget for the sign-in screen, beside the
    card (``webdesk --demo``: the demo accounts and their passwords).

    The sign-in screen paints first, before the database layer is even imported; the
    profile's database opens behind it on the database worker (desktop/ui/startup.py), while
    people type.  The first-run wizard, and a database that cannot be opened, come after.

    Python's cyclic garbage collector waits until that first paint: on the way there the start
    makes tens of thousands of objects (PySide6's modules, enums and signatures) and the
    collector would stop ~35 times to scan the young ones, ~8-10 ms of CPU before the window
    shows.  Right after the paint it resumes on the GUI thread only (ui/collector.py: never
    in a worker, where it would free Qt objects); reference counting frees everything else
    as usual meanwhile."""
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 3
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(paths, lang, notice, collect=collecting)
    finally:
        if collecting:
            gc.enable()


def _run(paths: AppPaths, lang: str, notice: Callable[[], QWidget] | None, *,
         collect: bool) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop.ui.feature_scan import skip_source_scan

    skip_source_scan()                # every later import ~40% cheaper: see ui/feature_scan.py
    from desktop.services.ui_language import remembered_language
    from desktop.ui.errors import install_exception_hook
    from desktop.ui.fonts import apply_app_font
    from desktop.ui.geometry import GeometryKeeper
    from desktop.ui.i18n import install_translator
    from desktop.ui.none_refcount import guard
    from desktop.ui.session import SessionController
    from desktop.ui.startup import ProfileOpener

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    guard(app)                        # PySide6 6.12 on Python 3.11: see ui/none_refcount.py
    app.setApplicationName("WebDesk")
    apply_app_font(app)
    lang = remembered_language(paths) or lang      # the last choice made on this PC
    install_translator(lang)
    try:
        paths.ensure()
    except OSError as exc:
        from desktop.ui.plain_text import tell

        tell(None, "WebDesk", f"{paths.home}: {exc.strerror}", critical=True)
        return 2
    install_exception_hook(paths, lambda: lang)
    # Windows come back where they were: the sign-in screen is placed before it shows; the
    # keeper watches the others from the first paint on (an application event filter in
    # Python sees every event and makes a Python object of each receiver: among them the
    # focused field's style, whose class alone builds ~570 enum members).
    keeper = GeometryKeeper(paths, app)
    controller = SessionController(None, lang, paths=paths, notice=notice,
                                   place_screen=keeper.restore)
    controller.start()
    opener = ProfileOpener(controller, paths)
    # The log file and the database worker (it imports the database layer) start once the
    # sign-in screen has painted, so they do not compete with that first paint.
    screen = controller.lock_screen
    assert screen is not None

    collectors: list[GuiThreadCollector] = []

    def after_first_paint() -> None:
        keeper.install()
        _remove_stale_scratch(app)
        if collect:
            from desktop.ui.collector import GuiThreadCollector

            collectors.append(GuiThreadCollector(app))
            collectors[0].start()

    opener.start_after_paint(screen, first=after_first_paint)
    code = app.exec()
    for collector in collectors:
        collector.stop()
    from desktop.ui.tasks import task_runner

    task_runner().shutdown()
    opener.close()
    return int(code) if opener.exit_code is None else opener.exit_code


def _remove_stale_scratch(app: QObject) -> None:
    """Page-preview copies a killed or crashed WebDesk left in the temp folder go, in the
    background (a listing of the temp folder, then only folders of processes that ended)."""
    import logging

    from desktop.services import scratch_folders
    from desktop.ui.tasks import Lane, TaskFailure, task_runner

    log = logging.getLogger("webdesk.scratch")

    def removed(folders: list[Path]) -> None:
        if folders:
            log.info("removed %d preview folder(s) a stopped WebDesk left: %s", len(folders),
                     ", ".join(folder.name for folder in folders))

    def failed(failure: TaskFailure) -> None:
        log.warning("preview folders not cleaned up", exc_info=failure.exc_info)

    task_runner().run(scratch_folders.remove_stale, removed, failed, lane=Lane.RENDER,
                      owner=app)
