"""Starting the GUI: display check, fonts, language, exception hook, profile, sign-in."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from desktop.domain.errors import UserError
from desktop.paths import AppPaths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

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
    card (``webdesk --demo``: the demo accounts and their passwords)."""
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 3
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.ui.feature_scan import skip_source_scan

    skip_source_scan()                # every later import ~40% cheaper: see ui/feature_scan.py
    from desktop.services.ui_language import remembered_language
    from desktop.ui.fonts import apply_app_font
    from desktop.ui.i18n import install_translator
    from desktop.ui.none_refcount import guard
    from desktop.ui.start_window import show_start_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    guard(app)                        # PySide6 6.12 on Python 3.11: see ui/none_refcount.py
    app.setApplicationName("WebDesk")
    apply_app_font(app)
    lang = remembered_language(paths) or lang      # the last choice made on this PC
    install_translator(lang)
    starting = show_start_window()    # at once; the heavy imports and the database follow
    from desktop.logging_setup import configure
    from desktop.services.auth import count_users
    from desktop.services.context import AppContext
    from desktop.ui.errors import install_exception_hook
    from desktop.ui.session import SessionController
    from desktop.ui.tasks import task_runner

    try:
        paths.ensure()
        configure(paths)
    except OSError as exc:
        starting.close()
        QMessageBox.critical(None, "WebDesk", f"{paths.home}: {exc.strerror}")
        return 2
    install_exception_hook(paths, lambda: lang)
    try:
        ctx = AppContext.open(paths, lang=lang)
        first_run = count_users(ctx) == 0
    except UserError as exc:
        starting.close()
        QMessageBox.critical(None, "WebDesk", exc.text(lang))
        return 2
    starting.close()
    if first_run:                     # the wizard (H5): agency, admin, database, server...
        from desktop.ui.first_run_wizard import run_first_run_wizard

        chosen = run_first_run_wizard(ctx, lang)
        if chosen is None:
            ctx.close()
            return 0
        if chosen != ctx.paths:       # a shared PostgreSQL was chosen (or joined)
            ctx.close()
            try:
                ctx = AppContext.open(chosen, lang=lang)
            except UserError as exc:
                QMessageBox.critical(None, "WebDesk", exc.text(lang))
                return 2
    from desktop.ui.geometry import GeometryKeeper

    GeometryKeeper(paths, app).install()       # windows come back where they were
    controller = SessionController(ctx, lang, notice=notice)
    controller.start()
    _daily_backup(ctx)
    code = app.exec()
    task_runner().shutdown()
    ctx.close()
    return int(code)


def _daily_backup(ctx: object) -> None:
    """Once a day, in the background: an automatic backup (desktop/services/backups.py)."""
    import logging

    from desktop.services.backups import daily_backup_if_due
    from desktop.services.context import AppContext
    from desktop.ui.tasks import TaskFailure, task_runner

    assert isinstance(ctx, AppContext)

    def failed(failure: TaskFailure) -> None:
        logging.getLogger("webdesk.backup").warning("daily backup failed: %s", failure.error)

    task_runner().database(lambda: daily_backup_if_due(ctx), lambda _path: None, failed)
