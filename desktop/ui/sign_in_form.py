"""Sign in: each person with their own account (the form of the lock / opening screen).

The password check (argon2) runs on the task runner's database worker; meanwhile the form
waits.  A wrong password is said in the form and the password field keeps the focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.domain.errors import UserError
from desktop.services.context import AppContext
from desktop.services.user_session import UserSession
from desktop.ui.errors import show_bug
from desktop.ui.tasks import TaskFailure, task_runner


class SignInForm(QWidget):
    """User name, password, message and a sign-in button."""

    signed_in = Signal(UserSession)
    sign_in_refused = Signal(UserError)

    def __init__(self, ctx: AppContext, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = lang
        self.busy = False
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        self.user_label = QLabel()
        self.user_label.setBuddy(self.username)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.user_label, self.username)
        form.addRow(self.password_label, self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.button = QPushButton()
        self.button.setObjectName("signInButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.try_sign_in)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.try_sign_in)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self.retranslate()

    def retranslate(self) -> None:
        self.user_label.setText(self.tr("&User name"))
        self.password_label.setText(self.tr("&Password"))
        self.button.setText(self.tr("Sign in"))

    def reset(self) -> None:
        self.username.clear()
        self.password.clear()
        self.message.clear()
        self._set_busy(False)
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.username, self.password, self.button):
            widget.setEnabled(not busy)

    def try_sign_in(self) -> None:
        if self.busy:
            return
        name = self.username.text().strip()
        password = self.password.text()
        self.password.clear()
        if not name:
            self.message.setText(self.tr("Please enter your user name."))
            self.username.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.message.setText(self.tr("Checking…"))
        self._set_busy(True)
        ctx = self.ctx
        task_runner().database(lambda: UserSession.sign_in(ctx, name, password),
                               self._accepted, self._refused)

    def _accepted(self, session: UserSession) -> None:
        self._set_busy(False)
        self.message.clear()
        self.signed_in.emit(session)

    def _refused(self, failure: TaskFailure) -> None:
        self._set_busy(False)
        if not isinstance(failure.error, UserError):
            self.message.clear()
            show_bug(self.window(), self.ctx.paths, failure.exc_info)
            return
        self.message.setText(failure.error.text(self.lang))
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)
        self.sign_in_refused.emit(failure.error)
