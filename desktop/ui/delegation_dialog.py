"""Delegation (ปฏิบัติราชการแทน): an approver names who may sign for them, from one date to another."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
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
from desktop.ui.request_dates import ThaiDateEdit


class DelegationDialog(QDialog):
    delegation_created = Signal(object)  # Delegation

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
        for other in auth.list_users(ctx):
            if other.id != user.id and other.active:
                self.delegate.addItem(f"{other.full_name} ({other.username})", other.id)
        self.starts = ThaiDateEdit(lang)  # Buddhist Era in Thai, as offices write dates
        self.starts.setObjectName("startsOn")
        self.starts.setDate(ctx.today())
        self.ends = ThaiDateEdit(lang)
        self.ends.setObjectName("endsOn")
        self.ends.setDate(ctx.today())
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.message = QLabel("")
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
        layout.addWidget(QLabel(self.tr("Delegations")))
        layout.addWidget(self.existing, 1)
        layout.addLayout(buttons)
        self.existing.setWordWrap(True)
        self.resize(660, 420)
        self.reload()

    def reload(self) -> None:
        self.existing.clear()
        for d in list_delegations(self.ctx, self.user):
            self.existing.addItem(self._item(d))

    def _item(self, d: Delegation) -> QListWidgetItem:
        text = self.tr("{delegate} signs for {delegator}: {start} – {end}").format(
            delegate=d.delegate_name, delegator=d.delegator_name,
            start=format_date(d.starts_on, self.lang, "short"),
            end=format_date(d.ends_on, self.lang, "short"))
        if d.revoked:
            text += " — " + self.tr("revoked")
        item = QListWidgetItem(text)
        item.setData(256, d.id)
        return item

    def add(self) -> Delegation | None:
        delegate_id = self.delegate.currentData()
        starts, ends = self.starts.date(), self.ends.date()
        if delegate_id is None or starts is None or ends is None:
            self.message.setText(self.tr("Please choose a person and both dates."))
            return None
        try:
            created = create_delegation(self.ctx, self.user, self.user.id, int(delegate_id),
                                        starts, ends,
                                        self.note.text())
        except UserError as exc:
            self.message.setText(exc.text(self.lang))
            return None
        self.message.clear()
        self.reload()
        self.delegation_created.emit(created)
        return created

    def revoke_selected(self) -> None:
        item = self.existing.currentItem()
        if item is None:
            return
        try:
            revoke_delegation(self.ctx, self.user, int(item.data(256)))
        except UserError as exc:
            self.message.setText(exc.text(self.lang))
            return
        self.reload()
