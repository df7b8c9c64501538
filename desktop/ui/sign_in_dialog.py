"""Sign in: each person with their own account (also the shared-PC lock screen)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.users import User
from desktop.services import auth
from desktop.services.context import AppContext


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
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        ok.setObjectName("signInButton")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
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
        self.accept()
