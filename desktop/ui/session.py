"""Who is at the keyboard: sign-in, sign-out, switch user.  The main window is per person."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop.domain.users import User
from desktop.services.context import AppContext
from desktop.ui.main_window import MainWindow
from desktop.ui.sign_in_dialog import SignInDialog
from desktop.ui.simple_dialogs import FirstAdminDialog


class SessionController(QObject):
    window_opened = Signal(object)  # MainWindow

    def __init__(self, ctx: AppContext, lang: str) -> None:
        super().__init__()
        self.ctx = ctx
        self.lang = lang
        self.window: MainWindow | None = None

    def create_first_admin(self) -> bool:
        dialog = FirstAdminDialog(self.ctx, self.lang)
        return bool(dialog.exec())

    def start(self) -> bool:
        dialog = SignInDialog(self.ctx, self.lang)
        if not dialog.exec() or dialog.user is None:
            return False
        self.open_window(dialog.user)
        return True

    def open_window(self, user: User) -> MainWindow:
        window = MainWindow(self.ctx, user, self.lang)
        window.sign_out_requested.connect(self._signed_out)
        window.lang_changed.connect(self._lang_changed)
        window.show()
        self.window = window
        self.window_opened.emit(window)
        return window

    def _lang_changed(self, lang: str) -> None:
        self.lang = lang

    def _signed_out(self) -> None:
        window = self.window
        self.window = None
        if window is not None:
            window.hide()
            window.deleteLater()
        if not self.start():
            from PySide6.QtWidgets import QApplication

            QApplication.quit()
