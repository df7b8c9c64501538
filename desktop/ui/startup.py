"""Opening the profile's database behind the sign-in screen.

The app paints its real sign-in screen first (desktop/ui/app.py), then opens the database on
the task runner's database worker: importing the database layer, opening the file or the
shared server and checking the schema take about a second on an office PC, time in which
people type their name and password.  When the database is open:

- on an empty database the first-run wizard comes instead of the sign-in screen (and when it
  chose a shared PostgreSQL server, that one is opened the same way);
- otherwise the sign-in screen gets the context and signs in whoever pressed Sign in meanwhile;
  if nobody has yet, the main window's modules are imported on the database worker while they
  type (what is left after Sign in is the password check and building the window);
- a profile at the newest schema (SQLite or PostgreSQL) opens without the database layer
  (desktop/services/early_start.py): Sign in pressed within WARM_UP_DELAY_MS gets its first
  page before SQLAlchemy is imported; otherwise the layer is loaded then, while people type;
- the daily backup check waits half a minute, so it never stands in front of the first sign-in
  and the main window's first loads on the database worker (a backup of a big database takes
  seconds; even the check imports the backup code);
- a database that cannot be opened is said in a message box (the user's language) and the
  app ends with exit code 2; anything else is a bug: logged, shown, exit code 70.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.domain.errors import UserError
from desktop.paths import AppPaths
from desktop.ui.session import prepare_first_jobs, prepare_main_window

if TYPE_CHECKING:
    from desktop.services.context import AppContext
    from desktop.ui.session import SessionController
    from desktop.ui.tasks import TaskFailure

_log = logging.getLogger("webdesk.startup")
DAILY_BACKUP_DELAY_MS = 30_000
# After an early opening (desktop/services/early_start.py) the database layer is loaded this
# long after the sign-in screen could sign in, if nobody pressed Sign in by then: a person
# takes longer to type a name and a password; a press before it gets the early path.
WARM_UP_DELAY_MS = 400


def open_profile(paths: AppPaths, lang: str) -> tuple[AppContext, bool]:
    """The opened context, and whether it is a first run (no user yet).  Off the GUI thread.

    A profile at the newest schema with users opens without the database layer
    (desktop/services/early_start.py); anything else opens through it (and is upgraded)."""
    from desktop.services.early_start import open_early

    early = open_early(paths, lang)
    if early is not None:
        return early, False
    from desktop.services.auth import count_users
    from desktop.services.context import AppContext

    ctx = AppContext.open(paths, lang=lang)
    try:
        return ctx, count_users(ctx) == 0
    except BaseException:
        ctx.close()
        raise


class ProfileOpener(QObject):
    """Opens the profile on the database worker and hands the context to the sign-in screen.

    ``exit_code`` is set when the app must end because of the open (2: the database cannot
    be used, 70: a bug, 0: the first-run wizard was cancelled)."""

    def __init__(self, controller: SessionController, paths: AppPaths) -> None:
        super().__init__()
        self.controller = controller
        self.paths = paths
        self.ctx: AppContext | None = None       # the open context, whoever opened it
        self.exit_code: int | None = None
        self.backup_timer = QTimer(self)
        self.backup_timer.setSingleShot(True)
        self.warm_up_timer = QTimer(self)
        self.warm_up_timer.setSingleShot(True)
        self._screen: QWidget | None = None    # waited for (start_after_paint)
        self._first: Callable[[], object] | None = None
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.timeout.connect(self._start_once)

    def start_after_paint(self, screen: QWidget, at_most_ms: int = 500, *,
                          first: Callable[[], object] | None = None) -> None:
        """:meth:`start` once ``screen`` has painted (or after ``at_most_ms`` at the latest:
        a window that is not exposed, e.g. minimised, never paints); ``first`` runs then,
        before the log file and the database."""
        self._screen = screen
        self._first = first
        screen.installEventFilter(self)
        self._fallback.start(at_most_ms)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._screen and event.type() == QEvent.Type.Paint:
            self._fallback.start(0)     # right after this paint
        return False

    def _start_once(self) -> None:
        if self._screen is not None:
            self._screen.removeEventFilter(self)
            self._screen = None
            if self._first is not None:
                self._first()
            if self._log_to_profile():
                self.start()

    def _log_to_profile(self) -> bool:
        """The profile's log file (opened after the first paint: the logging handlers' module
        imports socket, pickle and queue).  A profile that cannot hold it ends the app (2)."""
        from desktop.logging_setup import configure

        try:
            configure(self.paths)
        except OSError as exc:
            from desktop.ui.plain_text import tell

            tell(self.controller.lock_screen, "WebDesk", f"{self.paths.home}: {exc.strerror}",
                 critical=True)
            self._end(2)
            return False
        return True

    def start(self, paths: AppPaths | None = None) -> None:
        chosen = paths or self.paths
        lang = self.controller.lang     # the sign-in screen's (people may switch it)

        def job() -> tuple[AppContext, bool]:
            opened = open_profile(chosen, lang)
            self.ctx = opened[0]        # closed at the end even if the app quits meanwhile
            return opened

        from desktop.ui.tasks import task_runner  # here: after the first paint

        task_runner().database(job, self._opened, self._failed)

    def _opened(self, result: tuple[AppContext, bool]) -> None:
        from desktop.ui.tasks import task_runner

        ctx, first_run = result
        if first_run and not self._first_run(ctx):
            return
        if self.ctx is not ctx:         # the wizard chose (or joined) a shared server
            return
        screen = self.controller.lock_screen
        typing = screen is None or not screen.form.waiting_for_database
        self.controller.set_context(ctx)
        if typing and ctx.loaded:       # nobody pressed Sign in yet
            # the main window's modules, imported off the GUI thread (no widget is made)
            task_runner().database(_prepare, lambda _done: None, _not_prepared, owner=self)
        elif typing:                    # opened early (desktop/services/early_start.py)
            self.warm_up_timer.timeout.connect(lambda: self._warm_up(ctx))
            self.warm_up_timer.start(WARM_UP_DELAY_MS)
        self.backup_timer.timeout.connect(lambda: _daily_backup(ctx))
        self.backup_timer.start(DAILY_BACKUP_DELAY_MS)

    def _warm_up(self, ctx: AppContext) -> None:
        """Load the database layer while people type, unless Sign in was pressed already:
        then the first page paints first, and the window's first job loads it."""
        from desktop.ui.tasks import task_runner

        screen = self.controller.lock_screen
        if self.controller.window is not None or (screen is not None and screen.form.busy):
            return

        def warm_up() -> None:
            _prepare()
            ctx.load()

        task_runner().database(warm_up, lambda _done: None, _not_prepared, owner=self)

    def _first_run(self, ctx: AppContext) -> bool:
        """The wizard (agency, admin, database, server...); True to go on with ``ctx``."""
        from desktop.ui.first_run_wizard import run_first_run_wizard

        screen = self.controller.lock_screen
        if screen is not None:
            screen.hide()
        chosen = run_first_run_wizard(ctx, self.controller.lang)
        if chosen is None:
            self._end(0)
            return False
        if screen is not None:          # what was typed before the wizard meant nothing
            screen.reset()
            screen.show()
        if chosen != ctx.paths:         # a shared PostgreSQL was chosen (or joined)
            self.ctx = None
            ctx.close()
            self.start(chosen)
            return False
        return True

    def _failed(self, failure: TaskFailure) -> None:
        from desktop.ui.plain_text import tell  # here: not on the way to the first paint

        parent = self.controller.lock_screen
        if isinstance(failure.error, UserError):
            tell(parent, "WebDesk", failure.error.text(self.controller.lang), critical=True)
            self._end(2)
            return
        from desktop.ui.errors import show_bug

        _log.error("opening the profile failed", exc_info=failure.exc_info)
        show_bug(None, self.paths, failure.exc_info)
        self._end(70)

    def _end(self, code: int) -> None:
        self.exit_code = code
        QApplication.exit(code)

    def close(self) -> None:
        """After the event loop: close the context (the task runner has shut down)."""
        self.backup_timer.stop()
        self.warm_up_timer.stop()
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None


def _prepare() -> None:
    prepare_main_window()
    prepare_first_jobs()


def _not_prepared(failure: TaskFailure) -> None:
    _log.warning("importing the main window ahead failed: %s", failure.error,
                 exc_info=failure.exc_info)


def _daily_backup(ctx: AppContext) -> None:
    """Once a day, in the background: an automatic backup (desktop/services/backups.py)."""

    def backup() -> object:
        from desktop.services.backups import daily_backup_if_due

        return daily_backup_if_due(ctx)

    def failed(failure: TaskFailure) -> None:
        logging.getLogger("webdesk.backup").warning("daily backup failed: %s", failure.error)

    from desktop.ui.tasks import task_runner

    task_runner().database(backup, lambda _path: None, failed)
