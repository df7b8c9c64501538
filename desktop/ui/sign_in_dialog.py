"""Sign in: each person with their own account (the form is shared with the lock screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.users import User
from desktop.services import auth
from desktop.services.context import AppContext
from desktop.ui.i18n import localize_buttons


class SignInForm(QWidget):
    """User name, password, message and a sign-in button."""

    signed_in = Signal(object)  # User

    def __init__(self, ctx: AppContext, lang: str, parent: QWidget | None = None,
                 with_button: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = lang
        self.user: User | None = None
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
        self.password_label = QLabel()
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
        if with_button:  # (a dialog's own default button handles Enter otherwise)
            self.password.returnPressed.connect(self.try_sign_in)
            layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        else:
            self.button.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.user_label.setText(self.tr("User name"))
        self.password_label.setText(self.tr("Password"))
        self.button.setText(self.tr("Sign in"))

    def reset(self) -> None:
        self.user = None
        self.username.clear()
        self.password.clear()
        self.message.clear()
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_sign_in(self) -> None:
        name = self.username.text().strip()
        password = self.password.text()
        self.password.clear()
        if not name:
            self.message.setText(self.tr("Please enter your user name."))
            return
        try:
            user = auth.sign_in(self.ctx, name, password)
        except UserError as exc:
            self.message.setText(exc.text(self.lang))
            return
        self.user = user
        self.signed_in.emit(user)


class SignInDialog(QDialog):
    signed_in = Signal(object)  # User

    def __init__(self, ctx: AppContext, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = lang
        self.user: User | None = None
        self.setWindowTitle(self.tr("WebDesk — sign in"))
        self.setObjectName("signInDialog")
        heading = QLabel(self.tr("Sign in to WebDesk"))
        heading.setObjectName("heading")
        heading.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.form = SignInForm(ctx, lang, self, with_button=False)
        self.form.signed_in.connect(self._signed_in)
        self.username = self.form.username
        self.password = self.form.password
        self.message = self.form.message
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        localize_buttons(buttons)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        ok.setObjectName("signInButton")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.username.setFocus(Qt.FocusReason.OtherFocusReason)

    def try_sign_in(self) -> None:
        self.form.try_sign_in()

    def _signed_in(self, user: User) -> None:
        self.user = user
        self.signed_in.emit(user)
        self.accept()
