"""Small dialogs: a reason for an action; the first administrator on first run."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.users import User
from desktop.domain.workflow import Role
from desktop.services import auth
from desktop.services.context import AppContext
from desktop.ui.errors import show_bug
from desktop.ui.tasks import TaskFailure, task_runner


class ReasonDialog(QDialog):
    """Ask for a reason (required where the workflow says so), with quick reasons."""

    def __init__(self, title: str, prompt: str, quick: list[str], required: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.required = required
        self.quick = QComboBox()
        self.quick.setObjectName("quickReasons")
        self.quick.addItem("")
        self.quick.addItems(quick)
        self.quick.setVisible(bool(quick))
        self.text = QPlainTextEdit()
        self.text.setObjectName("reasonText")
        self.quick.currentTextChanged.connect(self._use_quick)
        self.message = QLabel("")
        self.message.setStyleSheet("color: #b91c1c;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.quick)
        layout.addWidget(self.text)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(460, 260)

    def _use_quick(self, value: str) -> None:
        if value:
            self.text.setPlainText(value)

    def reason(self) -> str:
        return self.text.toPlainText().strip()

    def _accept(self) -> None:
        if self.required and not self.reason():
            self.message.setText(self.tr("Please give a reason."))
            return
        self.accept()


class FirstAdminDialog(QDialog):
    """The first run creates the administrator."""

    def __init__(self, ctx: AppContext, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lang = lang
        self.user: User | None = None
        self.setObjectName("firstAdminDialog")
        self.setWindowTitle(self.tr("WebDesk — first run"))
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.position = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel("")
        self.message.setStyleSheet("color: #b91c1c;")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Full name"), self.full_name)
        form.addRow(self.tr("Position"), self.position)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.again)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("No users yet. Create the administrator account.")))
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _create(self) -> None:
        if self.password.text() != self.again.text():
            self.message.setText(self.tr("The two passwords differ."))
            return
        new = auth.NewUser(self.username.text(), self.password.text(), frozenset({Role.ADMIN}),
                           self.full_name.text(), self.position.text())
        ctx = self.ctx
        self.setEnabled(False)
        task_runner().database(lambda: auth.create_user(ctx, new, None), self._created,
                               self._refused)

    def _created(self, user: User) -> None:
        self.user = user
        self.setEnabled(True)
        self.accept()

    def _refused(self, failure: TaskFailure) -> None:
        self.setEnabled(True)
        if isinstance(failure.error, UserError):
            self.message.setText(failure.error.text(self.lang))
        else:
            show_bug(self, self.ctx.paths, failure.exc_info)
