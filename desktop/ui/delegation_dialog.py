"""Delegation (ปฏิบัติราชการแทน): an approver names who may sign for them, from one date to another."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import UserError
from desktop.domain.thai_dates import format_date
from desktop.domain.users import User
from desktop.services import auth
from desktop.services.context import AppContext
from desktop.services.delegation import (
    Delegation,
    create_delegation,
    list_delegations,
    revoke_delegation,
)
from desktop.ui.errors import show_bug
from desktop.ui.plain_text import PlainLabel
from desktop.ui.request_dates import ThaiDateEdit
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskFailure, task_runner


class DelegationDialog(QDialog):
    delegation_created = Signal(Delegation)
    delegations_loaded = Signal(int)

    def __init__(self, ctx: AppContext, user: User, lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("delegationDialog")
        self.ctx = ctx
        self.user = user
        self.lang = lang
        self.setWindowTitle(self.tr("Delegate my signature (acting for)"))
        self.delegate = QComboBox()
        self.delegate.setObjectName("delegate")
        self.starts = ThaiDateEdit(lang)  # Buddhist Era in Thai, as offices write dates
        self.starts.setObjectName("startsOn")
        self.starts.setDate(ctx.today())
        self.ends = ThaiDateEdit(lang)
        self.ends.setObjectName("endsOn")
        self.ends.setDate(ctx.today())
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.message = PlainLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        self.existing = QListWidget()
        self.existing.setObjectName("delegations")
        form = QFormLayout()
        form.addRow(self.tr("Who may sign for me"), self.delegate)
        form.addRow(self.tr("From"), self.starts)
        form.addRow(self.tr("Until"), self.ends)
        form.addRow(self.tr("Note (e.g. official travel)"), self.note)
        add = QPushButton(self.tr("Delegate"))
        add.setObjectName("addDelegation")
        add.clicked.connect(self.add)
        revoke = QPushButton(self.tr("Revoke selected"))
        revoke.setObjectName("revokeDelegation")
        revoke.clicked.connect(self.revoke_selected)
        revoke.setEnabled(False)          # until a delegation still in force is selected
        self.revoke_button = revoke
        self.existing.currentItemChanged.connect(lambda *_: self._update_revoke())
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(revoke)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(PlainLabel(self.tr("Delegations")))
        layout.addWidget(self.existing, 1)
        layout.addLayout(buttons)
        self.existing.setWordWrap(True)
        fit_to_screen(self, 660, 420)
        task_runner().database(lambda: auth.list_users(ctx), self._users_loaded, self._failed)
        self.reload()

    def _users_loaded(self, users: list[User]) -> None:
        for other in users:
            if other.id != self.user.id and other.active:
                self.delegate.addItem(f"{other.full_name} ({other.username})", other.id)

    def reload(self) -> None:
        ctx, user = self.ctx, self.user
        task_runner().database(lambda: list_delegations(ctx, user), self._show, self._failed)

    def _show(self, delegations: list[Delegation]) -> None:
        self.existing.clear()
        for d in delegations:
            self.existing.addItem(self._item(d))
        self._update_revoke()
        self.delegations_loaded.emit(len(delegations))

    def _update_revoke(self) -> None:
        item = self.existing.currentItem()
        self.revoke_button.setEnabled(item is not None and not item.data(257))

    def _failed(self, failure: TaskFailure) -> None:
        if isinstance(failure.error, UserError):
            self.message.setText(failure.error.text(self.lang))
        else:
            show_bug(self, self.ctx.paths, failure.exc_info)

    def _item(self, d: Delegation) -> QListWidgetItem:
        text = self.tr("{delegate} signs for {delegator}: {start} – {end}").format(
            delegate=d.delegate_name, delegator=d.delegator_name,
            start=format_date(d.starts_on, self.lang, "short"),
            end=format_date(d.ends_on, self.lang, "short"))
        if d.revoked:
            text += " — " + self.tr("revoked")
        item = QListWidgetItem(text)
        item.setData(256, d.id)
        item.setData(257, d.revoked)
        return item

    def add(self) -> None:
        """Record the delegation (``delegation_created`` follows)."""
        delegate_id = self.delegate.currentData()
        starts, ends = self.starts.date(), self.ends.date()
        if delegate_id is None or starts is None or ends is None:
            self.message.setText(self.tr("Please choose a person and both dates."))
            return
        ctx, user, note = self.ctx, self.user, self.note.text()
        task_runner().database(
            lambda: create_delegation(ctx, user, user.id, int(delegate_id), starts, ends, note),
            self._created, self._failed)

    def _created(self, created: Delegation) -> None:
        self.message.clear()
        self.reload()
        self.delegation_created.emit(created)

    def revoke_selected(self) -> None:
        item = self.existing.currentItem()
        if item is None:
            return
        ctx, user, delegation_id = self.ctx, self.user, int(item.data(256))
        task_runner().database(lambda: revoke_delegation(ctx, user, delegation_id),
                               lambda _r: self.reload(), self._failed)
