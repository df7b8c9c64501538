"""Admin: the people who use WebDesk — add, disable, enable, roles, reset a password, unlock.

Every change is made by the users services as the signed-in admin, who types their own
password for it (it unlocks the agency key that certifies people's keys); each is audited and
signed.  The password field is emptied after every attempt.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.workflow import Role, label
from desktop.services import auth, users
from desktop.services.user_session import UserSession
from desktop.ui.errors import show_bug
from desktop.ui.plain_text import PlainLabel
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskFailure, task_runner

ROLES = (Role.WEBMASTER, Role.APPROVER, Role.ADMIN)


class PersonDialog(QDialog):
    """A new person (all fields), or new roles / a new password for one."""

    def __init__(self, lang: str, *, new: bool, roles: frozenset[Role] = frozenset(),
                 password: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personDialog")
        self.setWindowTitle(self.tr("Person"))
        form = QFormLayout(self)
        self.username, self.full_name, self.position = QLineEdit(), QLineEdit(), QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role_boxes = {r: QCheckBox(label(r, lang)) for r in ROLES}
        if new:
            form.addRow(self.tr("User name"), self.username)
            form.addRow(self.tr("Full name"), self.full_name)
            form.addRow(self.tr("Position"), self.position)
        if password:
            form.addRow(self.tr("Their password"), self.password)
        if new or roles:
            boxes = QHBoxLayout()
            for role, box in self.role_boxes.items():
                box.setChecked(role in roles)
                boxes.addWidget(box)
            form.addRow(self.tr("Roles"), boxes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def roles(self) -> frozenset[Role]:
        return frozenset(r for r, box in self.role_boxes.items() if box.isChecked())


class UsersDialog(QDialog):
    changed = Signal(str)         # what was done (a message in the user's language)
    users_loaded = Signal(int)

    def __init__(self, session: UserSession, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.session, self.ctx, self.lang = session, session.ctx, lang
        self.listing: list[users.UserListing] = []
        self.setWindowTitle(self.tr("Users"))
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels([
            self.tr("User name"), self.tr("Full name"), self.tr("Position"), self.tr("Roles"),
            self.tr("Active"), self.tr("Signing key")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.admin_password = QLineEdit()
        self.admin_password.setObjectName("adminPassword")
        self.admin_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = PlainLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("add", self.tr("Add…"), self.add),
                                ("roles", self.tr("Roles…"), self.change_roles),
                                ("disable", self.tr("Disable"), self.disable),
                                ("enable", self.tr("Enable"), self.enable),
                                ("unlock", self.tr("Unlock"), self.unlock),
                                ("reset", self.tr("Reset password…"), self.reset)):
            button = QPushButton(text)
            button.setObjectName(f"{key}UserButton")
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        form = QFormLayout()
        form.addRow(self.tr("Your password (administrator)"), self.admin_password)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        fit_to_screen(self, 900, 520)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.update_buttons()
        self.reload()

    # ----- loading -----
    def reload(self) -> None:
        ctx = self.ctx
        task_runner().database(lambda: users.list_user_details(ctx), self._show, self._failed)

    def _show(self, listing: list[users.UserListing]) -> None:
        self.listing = listing
        self.table.setRowCount(len(listing))
        keys = {"certified": self.tr("certified"), "uncertified": self.tr("not certified"),
                "none": self.tr("none")}
        for row, item in enumerate(listing):
            u = item.user
            active = self.tr("yes") if u.active else self.tr("disabled")
            if item.locked:
                active += " · " + self.tr("locked")
            values = (u.username, u.full_name, u.position,
                      ", ".join(label(r, self.lang) for r in sorted(u.roles)), active,
                      keys.get(item.key, item.key))
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.update_buttons()
        self.users_loaded.emit(len(listing))

    def update_buttons(self) -> None:
        """Only what can apply to the selected person is enabled (nothing without one; no
        disabling yourself; enable a disabled account, unlock a locked one)."""
        item = self.selected()
        me = item is not None and item.user.username == self.session.user.username
        self.buttons["roles"].setEnabled(item is not None)
        self.buttons["reset"].setEnabled(item is not None)
        self.buttons["disable"].setEnabled(item is not None and item.user.active and not me)
        self.buttons["enable"].setEnabled(item is not None and not item.user.active)
        self.buttons["unlock"].setEnabled(item is not None and item.locked)

    def selected(self) -> users.UserListing | None:
        rows = self.table.selectionModel().selectedRows()
        return self.listing[rows[0].row()] if rows and rows[0].row() < len(self.listing) \
            else None

    # ----- actions -----
    def _run(self, work: Callable[[str], object], done: str) -> None:
        password = self.admin_password.text()
        self.admin_password.clear()
        if not password:
            self.message.setStyleSheet("color: #b91c1c;")
            self.message.setText(self.tr("Type your own password first."))
            self.admin_password.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        task_runner().database(lambda: work(password), lambda _r: self._done(done),
                               self._failed)

    def _done(self, text: str) -> None:
        self.message.setStyleSheet("color: #047857;")
        self.message.setText(text)
        self.changed.emit(text)
        self.reload()

    def _failed(self, failure: TaskFailure) -> None:
        if isinstance(failure.error, UserError):
            self.message.setStyleSheet("color: #b91c1c;")
            self.message.setText(failure.error.text(self.lang))
        else:
            show_bug(self, self.ctx.paths, failure.exc_info)

    def add(self) -> None:
        dialog = PersonDialog(self.lang, new=True, roles=frozenset({Role.WEBMASTER}),
                              parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new = auth.NewUser(dialog.username.text().strip(), dialog.password.text(),
                           dialog.roles(), dialog.full_name.text().strip(),
                           dialog.position.text().strip())
        ctx, admin = self.ctx, self.session.user
        self._run(lambda pw: auth.create_user(ctx, new, admin, actor_password=pw),
                  self.tr("Added {name}.").format(name=new.username))

    def change_roles(self) -> None:
        item = self.selected()
        if item is None:
            return
        dialog = PersonDialog(self.lang, new=False, roles=item.user.roles, password=False,
                              parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        roles, name = dialog.roles(), item.user.username
        ctx, admin = self.ctx, self.session.user
        self._run(lambda pw: users.set_roles(ctx, admin, pw, name, roles),
                  self.tr("Roles of {name} changed.").format(name=name))

    def reset(self) -> None:
        item = self.selected()
        if item is None:
            return
        dialog = PersonDialog(self.lang, new=False, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        new_password, name = dialog.password.text(), item.user.username
        ctx, admin = self.ctx, self.session.user
        self._run(lambda pw: users.reset_password(ctx, admin, pw, name, new_password),
                  self.tr("New password set for {name}.").format(name=name))

    def _simple(self, action: Callable[..., object], done: str) -> None:
        item = self.selected()
        if item is None:
            return
        name, ctx, admin = item.user.username, self.ctx, self.session.user
        self._run(lambda pw: action(ctx, admin, pw, name), done.format(name=name))

    def disable(self) -> None:
        self._simple(users.disable_user, self.tr("{name} is disabled."))

    def enable(self) -> None:
        self._simple(users.enable_user, self.tr("{name} is enabled."))

    def unlock(self) -> None:
        self._simple(users.unlock_user, self.tr("{name} is unlocked."))
