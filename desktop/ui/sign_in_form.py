"""Sign in: each person with their own account (the form of the lock / opening screen).

The form can show before the database is open (the app paints it at once and opens the
database on the task runner's database worker meanwhile): people type their name and
password while it opens.  Until :meth:`SignInForm.set_context` hands it the opened context,
pressing Sign in keeps what was typed, says "Opening the database…" and signs in the moment
the context arrives.  Nothing here imports the database layer: the session type comes with
the signal (``signed_in`` carries a :class:`desktop.services.user_session.UserSession`).

The password check (argon2) runs on the task runner's database worker; meanwhile the form
waits.  A wrong password is said in the form and the password field keeps the focus.

Like the lock screen it is part of the app's first paint, so nothing here reads PySide6's
``Qt`` namespace (see desktop/ui/lock_screen.py): ``setFocus()`` is
``setFocus(Qt.OtherFocusReason)``, and the button goes right by a stretch before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.ui.plain_text import PlainLabel

if TYPE_CHECKING:
    from desktop.services.context import AppContext
    from desktop.services.user_session import UserSession
    from desktop.ui.tasks import TaskFailure


FORM_STYLE = "#message { color: #b91c1c; } #databaseStatus { color: #1d4ed8; }"


class SignInForm(QWidget):
    """User name, password, message and a sign-in button."""

    signed_in = Signal(object)          # UserSession (the type is not imported at start-up)
    sign_in_refused = Signal(UserError)
    checking = Signal()                 # the password check has started on the worker

    def __init__(self, ctx: AppContext | None, lang: str, parent: QWidget | None = None
                 ) -> None:
        """``ctx`` None: the database is still opening (see :meth:`set_context`)."""
        super().__init__(parent)
        self.ctx = ctx
        self.lang = lang
        self.busy = False
        self.waiting_for_database = False   # Sign in pressed before the database was open
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = PlainLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.status = PlainLabel("")            # "Opening the database…" while it opens
        self.status.setObjectName("databaseStatus")
        self.status.setWordWrap(True)
        self.user_label = PlainLabel()
        self.user_label.setBuddy(self.username)
        self.password_label = PlainLabel()
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.user_label, self.username)
        form.addRow(self.password_label, self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        self.button = QPushButton()
        self.button.setObjectName("signInButton")
        self.button.setDefault(True)
        self.button.clicked.connect(self.try_sign_in)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.try_sign_in)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.button)
        layout.addLayout(button_row)
        self.setStyleSheet(FORM_STYLE)
        self.retranslate()

    @property
    def opening(self) -> bool:
        """The database is not open yet."""
        return self.ctx is None

    def retranslate(self) -> None:
        self.user_label.setText(self.tr("&User name"))
        self.password_label.setText(self.tr("&Password"))
        self.button.setText(self.tr("Sign in"))
        self._show_opening()

    def _show_opening(self) -> None:
        if not self.opening:
            self.status.setText("")
        elif self.waiting_for_database:
            self.status.setText(self.tr("Opening the database… you are signed in as soon as "
                                        "it is open."))
        else:
            self.status.setText(self.tr("Opening the database…"))
        self.status.setVisible(self.opening)

    def set_context(self, ctx: AppContext) -> None:
        """The database is open: sign in now if Sign in was pressed meanwhile."""
        self.ctx = ctx
        waiting, self.waiting_for_database = self.waiting_for_database, False
        self._show_opening()
        if waiting:
            self._set_busy(False)
            self.try_sign_in()

    def reset(self) -> None:
        self.username.clear()
        self.password.clear()
        self.message.clear()
        self.waiting_for_database = False
        self._set_busy(False)
        self._show_opening()
        self.username.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.username, self.password, self.button):
            widget.setEnabled(not busy)

    def try_sign_in(self) -> None:
        if self.busy:
            return
        name = self.username.text().strip()
        if not name:
            self.password.clear()
            self.message.setText(self.tr("Please enter your user name."))
            self.username.setFocus()
            return
        if self.ctx is None:            # kept as typed; signed in when the database is open
            self.message.clear()
            self.waiting_for_database = True
            self._set_busy(True)
            self._show_opening()
            return
        password = self.password.text()
        self.password.clear()
        self.message.setText(self.tr("Checking…"))
        self._set_busy(True)
        ctx = self.ctx

        def sign_in() -> UserSession:
            from desktop.services.user_session import UserSession

            return UserSession.sign_in(ctx, name, password)

        from desktop.ui.tasks import task_runner

        task_runner().database(sign_in, self._accepted, self._refused)
        self.checking.emit()

    def _accepted(self, session: UserSession) -> None:
        self._set_busy(False)
        self.message.clear()
        self.signed_in.emit(session)

    def _refused(self, failure: TaskFailure) -> None:
        self._set_busy(False)
        if not isinstance(failure.error, UserError):
            from desktop.ui.errors import show_bug

            self.message.clear()
            if self.ctx is not None:
                show_bug(self.window(), self.ctx.paths, failure.exc_info)
            return
        self.message.setText(failure.error.text(self.lang))
        self.password.setFocus()
        self.sign_in_refused.emit(failure.error)
