"""Extend or shorten a published item's period (its takedown date), with a reason; audited."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
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
from desktop.domain.request import PublicationRequest
from desktop.domain.thai_dates import format_date
from desktop.domain.users import User
from desktop.services import requests as rq
from desktop.services.context import AppContext
from desktop.ui.errors import show_bug
from desktop.ui.request_dates import ThaiDateEdit
from desktop.ui.tasks import TaskFailure, task_runner


class PeriodDialog(QDialog):
    period_changed = Signal(date)     # the new takedown date

    def __init__(self, ctx: AppContext, user: User, lang: str, request: PublicationRequest,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("periodDialog")
        self.ctx, self.user, self.lang, self.request = ctx, user, lang, request
        self.setWindowTitle(self.tr("Change the publication period"))
        intro = QLabel(self.tr("“{title}” ({reference}) is published until {date}.").format(
            title=request.title, reference=request.reference,
            date=format_date(request.expiry_date, lang) if request.expiry_date else "–"))
        intro.setWordWrap(True)
        self.until = ThaiDateEdit(lang)
        self.until.setObjectName("until")
        self.until.setDate(request.expiry_date)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b91c1c;")
        form = QFormLayout()
        form.addRow(self.tr("Take down on"), self.until)
        form.addRow(self.tr("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def save(self) -> None:
        problem = self.until.problem()
        until = None if problem else self.until.date()
        if until is None:
            self.message.setText(problem or self.tr("Please give the new takedown date."))
            return
        ctx, user, request_id = self.ctx, self.user, self.request.id
        assert request_id is not None
        reason = self.reason.text().strip()
        self.buttons.setEnabled(False)
        task_runner().database(
            lambda: rq.change_publication_period(ctx, user, request_id, until, reason),
            lambda _old: self._saved(until), self._failed)

    def _saved(self, until: date) -> None:
        self.period_changed.emit(until)
        self.accept()

    def _failed(self, failure: TaskFailure) -> None:
        self.buttons.setEnabled(True)
        if isinstance(failure.error, UserError):
            self.message.setText(failure.error.text(self.lang))
        else:
            show_bug(self, self.ctx.paths, failure.exc_info)
