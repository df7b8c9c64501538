"""The main window's toolbar actions: text, shortcut (shown in the tooltip), who sees them."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.ui.icons import icon


class MainActions(QObject):
    """Every toolbar action of the main window (connected by the window)."""

    def __init__(self, parent: QWidget, user: User) -> None:
        super().__init__(parent)
        def make(name: str, shortcut: str, icon_name: str, visible: bool = True) -> QAction:
            action = QAction(parent)
            action.setObjectName(name)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.setIcon(icon(icon_name))
            action.setVisible(visible)
            return action

        webmaster = Role.WEBMASTER in user.roles
        admin = Role.ADMIN in user.roles
        self.new = make("newRequestAction", "Ctrl+N", "new", webmaster)
        self.refresh = make("refreshAction", "F5", "refresh")
        self.publish_all = make("publishAllAction", "Ctrl+Shift+P", "publish", webmaster)
        # The transfer queue docked at the bottom (shown by itself when a transfer starts).
        self.transfers = make("transfersAction", "Ctrl+Shift+T", "waiting",
                              bool(user.roles & {Role.WEBMASTER, Role.SCHEDULER}))
        self.form = make("printFormAction", "Ctrl+P", "print")
        self.notice = make("noticeAction", "Ctrl+Shift+M", "notice", webmaster)
        self.servers = make("serversAction", "Ctrl+Shift+S", "server", admin)
        self.chains = make("chainsAction", "Ctrl+Shift+A", "steps", admin)
        self.settings = make("settingsAction", "Ctrl+,", "settings", admin)
        self.users = make("usersAction", "Ctrl+Shift+U", "users", admin)
        self.language = make("languageAction", "Ctrl+Shift+L", "language")
        self.sign_out = make("signOutAction", "Ctrl+Shift+Q", "sign-out")

    def all(self) -> list[QAction]:
        return [self.new, self.refresh, self.publish_all, self.transfers, self.form, self.notice,
                self.servers, self.chains, self.settings, self.users, self.language,
                self.sign_out]

    def fill(self, toolbar: QToolBar) -> None:
        for action in (self.new, self.refresh, self.publish_all, self.transfers, self.form,
                       self.notice, self.servers, self.chains, self.users, self.settings):
            toolbar.addAction(action)
        toolbar.addSeparator()
        for action in (self.language, self.sign_out):
            toolbar.addAction(action)

    def retranslate(self, lang: str) -> None:
        """Texts in the current language; tooltips name the shortcut."""
        texts = {
            self.new: self.tr("New request"), self.refresh: self.tr("Refresh"),
            self.publish_all: self.tr("Publish all approved…"),
            self.transfers: self.tr("Transfers"),
            self.form: self.tr("Print form (PDF)"),
            self.notice: self.tr("Notice to owner…"), self.servers: self.tr("Publishing servers…"),
            self.chains: self.tr("Approval steps…"), self.settings: self.tr("Settings…"),
            self.users: self.tr("Users…"),
            self.language: "English" if lang == "th" else "ภาษาไทย",
            self.sign_out: self.tr("Sign out / switch user"),
        }
        for action, text in texts.items():
            action.setText(text)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text} ({keys})" if keys else text)

    def set_selection(self, has_request: bool) -> None:
        """Print and Notice apply to the selected request only."""
        self.form.setEnabled(has_request)
        self.notice.setEnabled(has_request)

    def set_printable(self, has_request: bool) -> None:
        """Print form follows the request of the page shown (the inbox's, or the queue's)."""
        self.form.setEnabled(has_request)
