"""Who is at the keyboard: sign-in, lock, switch user.  The main window is per person.

The app opens on the sign-in (lock) screen.  In shared-PC mode (a per-workstation setting,
:mod:`desktop.services.workstation`) the window also locks after an idle time and right after
each decision ("sign and lock").  Locking leaves nothing of the person on screen: open dialogs
are closed, the window's models are emptied and the window is destroyed, the clipboard is
cleared when it holds WebDesk data; whoever signs in next gets a fresh window.

The sign-in screen shows before the database is open: the controller can start without a
context (``ctx`` None, ``paths`` given) and gets it with :meth:`SessionController.set_context`.
Nothing of the database layer or the main window is imported until it is needed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop.paths import AppPaths
from desktop.services.ui_language import remember_language
from desktop.services.workstation import WorkstationSettings, load_workstation_settings
from desktop.ui.i18n import install_translator
from desktop.ui.lock_screen import IdleWatcher, LockScreen

if TYPE_CHECKING:
    from desktop.services.context import AppContext
    from desktop.services.user_session import UserSession
    from desktop.ui.main_window import MainWindow
    from desktop.ui.tasks import TaskFailure

_log = logging.getLogger("webdesk.session")


class SessionController(QObject):
    window_opened = Signal(object)  # the MainWindow (imported when the first one opens)
    locked = Signal(str)            # why: "idle", "decision", "sign_out", "closed", "quit"
    sign_out_recorded = Signal(str)  # the audited sign-out is written (why)

    def __init__(self, ctx: AppContext | None, lang: str,
                 settings: WorkstationSettings | None = None, *,
                 notice: Callable[[], QWidget] | None = None,
                 paths: AppPaths | None = None,
                 place_screen: Callable[[QWidget], object] | None = None) -> None:
        """``notice`` makes a widget shown beside the sign-in card (the demo's accounts).
        ``ctx`` None: the database is still opening (``paths`` names the profile; the
        context follows with :meth:`set_context`).  ``place_screen`` is called with the
        sign-in screen once it is made, before it first shows (its remembered place)."""
        super().__init__()
        self.ctx = ctx
        if ctx is not None:
            paths = ctx.paths
        if paths is None:
            raise ValueError("SessionController needs a context or the profile's paths")
        self.paths = paths
        self.notice = notice
        self.place_screen = place_screen
        self.lang = lang
        self.settings = settings or load_workstation_settings(paths)
        self.window: MainWindow | None = None
        self.lock_screen: LockScreen | None = None
        self.idle = IdleWatcher(self.settings.idle_lock_seconds, self)
        self.idle.idle.connect(lambda: self.lock("idle"))

    @property
    def shared_pc(self) -> bool:
        return self.settings.shared_pc

    def start(self) -> bool:
        """Open on the sign-in screen; the app runs until someone quits there."""
        self.show_lock_screen()
        return True

    def set_context(self, ctx: AppContext) -> None:
        """The database is open: the sign-in screen can sign people in."""
        self.ctx = ctx
        ctx.lang = self.lang
        if self.lock_screen is not None:
            self.lock_screen.set_context(ctx)

    def show_lock_screen(self) -> LockScreen:
        if self.lock_screen is None:
            self.lock_screen = LockScreen(self.ctx, self.lang, shared=self.shared_pc)
            self.lock_screen.signed_in.connect(self._signed_in)
            self.lock_screen.form.checking.connect(
                lambda: QTimer.singleShot(0, self, prepare_main_window))
            self.lock_screen.quit_requested.connect(self._quit)
            self.lock_screen.language_requested.connect(self.switch_language)
            if self.notice is not None:
                self.lock_screen.add_notice(self.notice())
            if self.place_screen is not None:
                self.place_screen(self.lock_screen)
        self.lock_screen.retranslate(self.lang)
        self.lock_screen.reset()
        self.lock_screen.show()
        self.lock_screen.raise_()
        self.lock_screen.activateWindow()
        return self.lock_screen

    def _signed_in(self, session: UserSession) -> None:
        if self.lock_screen is not None:
            self.lock_screen.reset()
            self.lock_screen.hide()
        self.open_window(session)

    def open_window(self, session: UserSession) -> MainWindow:
        from desktop.ui.decision_lock import mark_locks_after_decision
        from desktop.ui.main_window import MainWindow

        window = MainWindow(session, self.lang)
        mark_locks_after_decision(window, self.shared_pc and self.settings.lock_after_decision)
        window.sign_out_requested.connect(lambda: self.lock("sign_out"))
        window.lang_changed.connect(self._lang_changed)
        window.decision_recorded.connect(self._decision_recorded)
        window.sign_in_undone.connect(self._sign_in_undone)
        window.installEventFilter(self)
        window.show()
        self.window = window
        if self.shared_pc:
            self.idle.start()
        self.window_opened.emit(window)
        return window

    def _sign_in_undone(self, failure: TaskFailure) -> None:
        """An early start's audited sign-in refused (the account was disabled or locked a
        moment before, or changed): back to the sign-in screen, which says why."""
        from desktop.domain.errors import UserError

        name = self.window.user.username if self.window is not None else ""
        self.lock("refused")
        if not isinstance(failure.error, UserError):
            from desktop.ui.errors import show_bug

            _log.error("recording the sign-in failed", exc_info=failure.exc_info)
            show_bug(self.lock_screen, self.paths, failure.exc_info)
            return
        if self.lock_screen is not None:      # the name stays, as after a refused password
            form = self.lock_screen.form
            form.username.setText(name)
            form.message.setText(failure.error.text(self.lang))
            form.password.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On a shared PC, closing the window locks it (quit from the sign-in screen)."""
        if (event.type() == QEvent.Type.Close and self.shared_pc
                and watched is self.window and self.window is not None):
            event.ignore()
            QTimer.singleShot(0, lambda: self.lock("closed"))
            return True
        return False

    def _lang_changed(self, lang: str) -> None:
        self.lang = lang
        remember_language(self.paths, lang)

    def switch_language(self, lang: str) -> None:
        """From the sign-in screen: relabel it, and remember the choice on this PC."""
        self.lang = lang
        if self.ctx is not None:
            self.ctx.lang = lang
        install_translator(lang)
        remember_language(self.paths, lang)
        if self.lock_screen is not None:
            self.lock_screen.retranslate(lang)

    def _decision_recorded(self, _result: object) -> None:
        if self.shared_pc and self.settings.lock_after_decision:
            # After the window has finished handling the decision (it refreshes first).
            QTimer.singleShot(0, lambda: self.lock("decision"))

    def lock(self, why: str) -> None:
        """Leave nothing of the current person on screen and show the sign-in screen.

        Nothing waits: results still on their way to this window are dropped, the session's
        server secrets are forgotten at once, and the audited sign-out is queued on the
        database worker."""
        from desktop.ui.tasks import task_runner

        self.idle.stop()
        window = self.window
        if window is None:
            return
        self.window = None
        task_runner().forget(window)
        close_dialogs()
        clear_clipboard_if_ours(sensitive_strings(window))
        window.removeEventFilter(self)
        window.clear_user_data()
        session = window.session
        session.secrets.end()
        task_runner().database(lambda: session.end(why),
                               lambda _r: self.sign_out_recorded.emit(why), _sign_out_failed,
                               owner=self)
        window.hide()
        window.deleteLater()
        self.show_lock_screen()
        self.locked.emit(why)

    def _quit(self) -> None:
        self.idle.stop()
        if self.window is not None:
            self.lock("quit")
        QApplication.quit()

    def shutdown(self) -> None:
        """Close everything without quitting the application (tests, embedding)."""
        self.idle.stop()
        if self.window is not None:
            self.lock("quit")
        if self.lock_screen is not None:
            self.lock_screen.quit_requested.disconnect(self._quit)
            self.lock_screen.close()
            self.lock_screen.deleteLater()
            self.lock_screen = None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def prepare_main_window() -> None:
    """Import the main window's modules now, while the password is checked on the database
    worker (argon2 lets go of the interpreter: the import runs beside it, not after it).
    Nothing happens when they are imported already (the opening did it while people typed).
    They import no database layer (tests/ui/test_window_imports.py)."""
    import desktop.ui.main_window  # noqa: F401


def prepare_first_jobs() -> None:
    """The services the main window's first database jobs call (they load the database
    layer), imported while people type (desktop/ui/startup.py), not after Sign in."""
    import desktop.services.auth
    import desktop.services.home
    import desktop.services.live
    import desktop.services.next_actor
    import desktop.services.requests  # noqa: F401


def _sign_out_failed(failure: TaskFailure) -> None:
    _log.error("recording the sign-out failed", exc_info=failure.exc_info)


def close_dialogs() -> None:
    """Close every open dialog and popup (decision dialogs, message boxes, menus)."""
    from PySide6.QtWidgets import QDialog

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    popup = app.activePopupWidget()
    while popup is not None:
        popup.close()
        next_popup = app.activePopupWidget()
        popup = None if next_popup is popup else next_popup
    for widget in app.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            if hasattr(widget, "password"):
                widget.password.clear()
            widget.reject()
            widget.hide()


def sensitive_strings(window: MainWindow) -> set[str]:
    """What of this person's the window showed: their name, the titles and references."""
    found = {window.user.full_name, window.user.username}
    for row in range(window.model.rowCount()):
        item = window.model.row_at(row)
        if item is not None:
            found.update({item.title, item.reference})
    if window.inbox is not None:
        for entry in window.inbox.model.items:
            found.update({entry.title, entry.reference})
    detail = window.detail.detail
    if detail is not None:
        found.update({detail.request.title, detail.request.reference, detail.request.summary})
    return {s for s in found if s and len(s) >= 3}


def clear_clipboard_if_ours(strings: set[str]) -> bool:
    clipboard = QApplication.clipboard()
    text = clipboard.text()
    if clipboard.ownsClipboard() or any(s in text for s in strings if text):
        clipboard.clear()
        return True
    return False


def visible_texts(root: QWidget | None = None) -> list[str]:
    """Every text a widget shows (labels, fields, buttons, titles, items); for checks."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    widgets = [root, *root.findChildren(QWidget)] if root is not None else app.allWidgets()
    texts: list[str] = []
    for w in widgets:
        texts.append(w.windowTitle())
        if isinstance(w, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, (QPlainTextEdit, QTextEdit)):
            texts.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            texts.extend(w.itemText(i) for i in range(w.count()))
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            top = QModelIndex()
            try:
                columns = model.columnCount(top)
            except TypeError:           # list models keep columnCount private: one column
                columns = 1
            for r in range(model.rowCount(top)):
                for c in range(columns):
                    texts.append(str(model.index(r, c, top).data() or ""))
    return texts
