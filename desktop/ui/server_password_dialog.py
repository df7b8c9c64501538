"""Ask for a publishing server's password once per session, optionally kept in the OS keyring."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.server_access import ServerProfile
from desktop.ui.plain_text import PlainLabel


class ServerPasswordDialog(QDialog):
    def __init__(self, profile: ServerProfile, has_keyring: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverPasswordDialog")
        self.setWindowTitle(self.tr("Server password"))
        intro = PlainLabel(self.tr("Password for {user}@{host} (server “{name}”).").format(
            user=profile.user, host=profile.host, name=profile.name))
        intro.setWordWrap(True)
        self.password = QLineEdit()
        self.password.setObjectName("serverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.keep = QCheckBox(self.tr("Keep it in this computer's password store (keyring)"))
        self.keep.setObjectName("keepInKeyring")
        self.keep.setVisible(has_keyring)
        note = PlainLabel(self.tr("Otherwise it is kept only until you sign out.") if has_keyring
                      else self.tr("This computer has no password store: it is kept only "
                                   "until you sign out."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #4b5563;")
        form = QFormLayout()
        label = PlainLabel(self.tr("&Password"))
        label.setBuddy(self.password)
        form.addRow(label, self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.keep)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def _accept(self) -> None:
        if self.password.text():
            self.accept()

    def secret(self) -> str:
        return self.password.text()
